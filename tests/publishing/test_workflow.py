"""The publish workflow: lint with check-jsonschema's vendored GitHub workflow schema, and
check what the schema cannot: pinned actions, deploy only from main, the one local command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.unit

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"


def lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True, text=True, timeout=120,
    )


def test_workflows_pass_the_linter() -> None:
    assert PUBLISH in WORKFLOWS
    result = lint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_linter_rejects_a_broken_workflow(tmp_path: Path) -> None:
    """The lint really checks: a misspelt key and a bad trigger fail it."""
    text = PUBLISH.read_text(encoding="utf-8")
    for bad in (text.replace("runs-on:", "runs-onn:", 1), text.replace("pull_request:", "pull_requests:", 1)):
        path = tmp_path / "bad.yml"
        path.write_text(bad, encoding="utf-8")
        assert lint(path).returncode != 0


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_action_is_pinned_to_a_commit(workflow: dict) -> None:
    uses = [step["uses"] for step in _steps(workflow) if "uses" in step]
    assert uses
    for ref in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), f"{ref} is not pinned to a commit SHA"
    names = {ref.split("@")[0] for ref in uses}
    assert {"actions/checkout", "actions/upload-pages-artifact", "actions/deploy-pages"} <= names


def test_triggers_and_deploy_only_from_main(workflow: dict) -> None:
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" in workflow["on"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "make publish" in runs
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert "pull_request" in upload["if"]
    assert deploy["needs"] == "build"
    assert "github.event_name != 'pull_request'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["permissions"] == {"contents": "read"}


def test_make_publish_runs_validate_test_build_in_order() -> None:
    result = subprocess.run(["make", "-n", "publish"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    steps = ["gazette.publish.atomic validate", "-m pytest", "gazette.publish.atomic build --site site"]
    positions = [out.find(s) for s in steps]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), out
