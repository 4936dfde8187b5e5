"""Reproducible and atomic publishing, on a copy of the project (the live tree changes under us).

One atomic publish of the copy gives ``site/``; the suite's standard build of the same records
(the ``site`` fixture) must be byte-identical to it; a publish with a broken record must fail and leave ``site/`` untouched.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.project import BUILD_EPOCH
from tests.publishing.conftest import SITE_URL

pytestmark = pytest.mark.site  # builds its own copy of the project


def digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def publish(project: Path) -> subprocess.CompletedProcess[str]:
    # The same build date as tests.project.build (statuses are computed for it).
    env = {"SOURCE_DATE_EPOCH": BUILD_EPOCH, **os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    return subprocess.run(
        [sys.executable, "-m", "gazette.publish.atomic", "build", "--project", str(project), "--site", "site"],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("publish-project"))
    result = publish(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个失效，0 处加载第三方资源" in result.stdout
    return project


def test_publish_builds_checks_and_swaps_in(published: Path) -> None:
    site = published / "site"
    assert (site / "index.html").is_file() and (site / "feed.xml").is_file()
    assert oct(site.stat().st_mode & 0o777) == oct(0o755)
    assert not [p for p in published.iterdir() if p.name.startswith(".site-")], "no temp dirs left"


def test_two_builds_are_byte_identical(published: Path, site: Path) -> None:
    """The publish of the copy and the suite's standard build of the tree: two runs, two folders."""
    first, second = digests(published / "site"), digests(site)
    assert first.keys() == second.keys()
    differing = sorted(k for k in first if first[k] != second[k])
    print(f"\nreproducible: {len(first)} files compared, {len(differing)} differ")
    assert not differing, differing[:20]
    assert len(first) > 200
    assert any(re.match(r"search/[0-9a-f]{16}/p/", k) for k in first), "the search index is among the files compared"


def test_failed_publish_leaves_site_untouched(published: Path) -> None:
    before = digests(published / "site")
    record = next((published / "data" / "documents").glob("*/*.yaml"))
    original = record.read_text(encoding="utf-8")
    record.write_text(original.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    try:
        result = publish(published)
    finally:
        record.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert "保持原样" in result.stderr
    assert record.name in result.stdout + result.stderr, "the error names the broken file"
    assert digests(published / "site") == before
    assert not [p for p in published.iterdir() if p.name.startswith(".site-")], "no temp dirs left"
