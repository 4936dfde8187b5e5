"""Nothing half-made is published (issue 15, item 8): failures happen before MkDocs empties the
output; the publish swap is one rename; a stopped or killed run never leaves ``site/`` missing,
and never leaves temporary folders behind for good."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest
from hardening_support import DEPARTMENTS, build, copy_project, small_project
from hardening_support import replace_once as r

from gazette.publish.atomic import _exchange, _swap
from tests.project import LAST_GOOD, atomic, publish_leftovers, publish_until_mkdocs_writes

pytestmark = pytest.mark.site


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


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_publish_leaves_site_and_nothing_else(tmp_path: Path, signum: int) -> None:
    project = copy_project(tmp_path / "p")  # the real records: see publish_until_mkdocs_writes
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text(LAST_GOOD, encoding="utf-8")
    proc = publish_until_mkdocs_writes(project)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signum, out + err
    assert f"发布被信号 {signal.Signals(signum).name} 中止" in err and "Traceback" not in err
    assert (site / "index.html").read_text(encoding="utf-8") == LAST_GOOD
    assert publish_leftovers(project) == []


def test_a_killed_publish_leaves_site_and_the_next_run_cleans_up(published: tuple[Path, dict[str, Any]]) -> None:
    """The run's ``published`` copy (tests/conftest.py): killed mid-build, then published again to
    the end (the real records: that run must pass the link check)."""
    runs = published[1]
    assert runs["killed"]["index"] == LAST_GOOD
    assert runs["killed"]["leftovers"], "SIGKILL cannot be handled: its temporary directory is left"
    assert runs["returncode"] == 0, runs["stdout"] + runs["stderr"]
    assert "中断的发布留下的临时目录" in runs["stderr"]
    assert runs["leftovers"] == []
    assert LAST_GOOD not in (published[0] / "site" / "index.html").read_text(encoding="utf-8")
