"""Nothing half-made is published (issue 15, item 8): failures happen before MkDocs empties the
output; the publish swap is one rename; a stopped or killed run never leaves ``site/`` missing,
and never leaves temporary folders behind for good."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hardening_support import DEPARTMENTS, build, copy_project, small_project
from hardening_support import replace_once as r

from gazette.publish.atomic import _exchange, _swap

pytestmark = pytest.mark.site

SITE_URL = "https://example.test/zhengbao/"


def atomic(project: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    return subprocess.Popen(
        [sys.executable, "-m", "gazette.publish.atomic", *args, "--project", str(project)],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith((".site-build-", ".site-old-")))


def test_atomic_validate_refuses_what_the_build_would_fail_on(tmp_path: Path) -> None:
    """A newline in a department name broke the iCalendar export in on_post_build; now
    ``atomic validate`` names the record and exits non-zero."""
    project = small_project(tmp_path / "p", {"departments.yaml": r(DEPARTMENTS, "name: 衢州市统计局", 'name: "衢州市\\n统计局"')})
    proc = atomic(project, "validate")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, out + err
    assert "data/departments.yaml:2: 字段 '[0].name' 第 4 个字处有换行；此字段只能写一行" in err


def test_an_export_failure_stops_the_build_before_the_output_is_touched(tmp_path: Path) -> None:
    """Whatever an export step cannot write fails in on_pre_build (the dry run): the previous
    output stays as it was. Proven with a step that always fails, added to a copy."""
    project = small_project(tmp_path / "p")
    init = project / "gazette" / "publish" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "\n\ndef _broken(ctx):\n    raise OverflowError('date value out of range')\n\n\nSTEPS = (*STEPS, _broken)\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "previous.html").write_text("the last good build", encoding="utf-8")
    result = build(project, out)
    assert result.returncode != 0
    assert "导出步骤 _broken 在这些记录上失败：OverflowError: date value out of range" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["previous.html"]


def test_the_swap_is_one_exchange(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x").write_text("new", encoding="utf-8")
    (b / "x").write_text("old", encoding="utf-8")
    if not _exchange(a, b):
        pytest.skip("this filesystem has no RENAME_EXCHANGE; the fallback holds signals between two renames")
    assert (b / "x").read_text(encoding="utf-8") == "new" and (a / "x").read_text(encoding="utf-8") == "old"
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    new = tmp_path / ".site-build-x"
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    _swap(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new" and not new.exists()


def _start_and_wait_for_temp(project: Path) -> subprocess.Popen[str]:
    proc = atomic(project, "build", "--site", "site")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _leftovers(project):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    assert _leftovers(project), "the build never created its temporary directory"
    work = project / _leftovers(project)[0]
    while time.monotonic() < deadline and not any(work.iterdir()):  # MkDocs is now writing into it
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    assert any(work.iterdir()), "MkDocs never wrote into the temporary directory"
    return proc


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_publish_leaves_site_and_nothing_else(tmp_path: Path, signum: int) -> None:
    # The real records: their build lasts long enough for the signal to land mid-run on a quiet
    # machine too (a small project's build could finish first and the test would race it).
    project = copy_project(tmp_path / "p")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build", encoding="utf-8")
    proc = _start_and_wait_for_temp(project)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signum, out + err
    assert f"发布被信号 {signal.Signals(signum).name} 中止" in err and "Traceback" not in err
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good build"
    assert _leftovers(project) == []


def test_a_killed_publish_leaves_site_and_the_next_run_cleans_up(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")  # the real records: the second run must pass the link check
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build", encoding="utf-8")
    proc = _start_and_wait_for_temp(project)
    proc.kill()  # SIGKILL: no handler runs
    proc.communicate(timeout=60)
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good build"
    assert _leftovers(project), "SIGKILL cannot be handled: its temporary directory is left"
    proc = atomic(project, "build", "--site", "site")
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, out + err
    assert "中断的发布留下的临时目录" in err
    assert _leftovers(project) == []
    assert "the last good build" not in (site / "index.html").read_text(encoding="utf-8")
