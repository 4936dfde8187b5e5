"""Reproducible and atomic publishing, on a copy of the project (the live tree changes under us).

The run's ``published`` copy (tests/conftest.py: a publish of it run to the end after one was
killed) gives ``site/``; the suite's standard build of the same records (the ``site`` fixture) must
be byte-identical to it; a publish with a broken record must fail and leave ``site/`` untouched.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.project import atomic, files_of

pytestmark = pytest.mark.site  # reads the run's published copy of the project


def test_publish_builds_checks_and_swaps_in(published: tuple[Path, dict[str, Any]]) -> None:
    project, runs = published
    assert runs["returncode"] == 0, runs["stdout"] + runs["stderr"]
    assert "0 个失效，0 处加载第三方资源" in runs["stdout"]
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "feed.xml").is_file()
    assert oct(site.stat().st_mode & 0o777) == oct(0o755)
    assert runs["leftovers"] == [], "no temp dirs left"


def test_two_builds_are_byte_identical(published: tuple[Path, dict[str, Any]], site: Path) -> None:
    """The publish of the copy and the suite's standard build of the tree: two runs, two folders."""
    first, second = files_of(published[0] / "site"), files_of(site)
    assert first.keys() == second.keys()
    differing = sorted(k for k in first if first[k] != second[k])
    print(f"\nreproducible: {len(first)} files compared, {len(differing)} differ")
    assert not differing, differing[:20]
    assert len(first) > 200
    assert any(re.match(r"search/[0-9a-f]{16}/p/", k) for k in first), "the search index is among the files compared"


def test_failed_publish_leaves_site_untouched(published: tuple[Path, dict[str, Any]]) -> None:
    project = published[0]
    before = files_of(project / "site")
    record = next((project / "data" / "documents").glob("*/*.yaml"))
    original = record.read_text(encoding="utf-8")
    record.write_text(original.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    try:
        proc = atomic(project)
        out, err = proc.communicate(timeout=900)
    finally:
        record.write_text(original, encoding="utf-8")
    assert proc.returncode != 0
    assert "保持原样" in err
    assert record.name in out + err, "the error names the broken file"
    assert files_of(project / "site") == before
