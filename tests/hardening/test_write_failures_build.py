"""The build on a full disk and on a record cut short (issue 20, item 7).

``make build`` with a disk that fills while the exports are written stops with a Chinese message
and no traceback; a record cut to 29 % of its size no longer builds with exit 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project import copy_project
from tests.records import small_project

pytestmark = pytest.mark.site

# Runs MkDocs with the temporary files of tasks.json opened on /dev/full (ENOSPC): in the
# export dry run before the build (FULL_IN=gazette-dry-run) or in the site after it (FULL_IN=site).
FULL_DISK = """
import os, sys, tempfile
real = tempfile.mkstemp
def mkstemp(prefix="", suffix="", dir=None):
    fd, name = real(prefix=prefix, suffix=suffix, dir=dir)
    if prefix.startswith(".tasks.json.") and os.environ["FULL_IN"] in str(dir):
        os.close(fd)
        return os.open("/dev/full", os.O_WRONLY), name
    return fd, name
tempfile.mkstemp = mkstemp
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", *sys.argv[1:]]
cli()
"""


def _mkdocs(project: Path, out: Path, *prefix: str, full_in: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.test/zhengbao/", "FULL_IN": full_in}
    return subprocess.run([*prefix, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("full_in", ["gazette-dry-run", "/site/"])
def test_a_full_disk_ends_the_build_with_a_message(full_in: str, tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")  # the record set of tests/records.py: every export is written
    result = _mkdocs(project, tmp_path / "site", sys.executable, "-c", FULL_DISK, full_in=full_in)
    assert result.returncode != 0
    assert "构建未完成" in result.stderr and "磁盘已满" in result.stderr and "tasks.json" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "site").rglob(".tasks.json.*.tmp"))


def test_a_record_cut_to_29_percent_does_not_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    record = project / "data/documents/2018/qzbf-41.yaml"
    whole = record.read_bytes()
    record.write_bytes(whole[: int(len(whole) * 0.29)])
    result = _mkdocs(project, tmp_path / "site", sys.executable, "-m", "mkdocs")
    assert result.returncode != 0
    assert "data/documents/2018/qzbf-41.yaml" in result.stderr and "Traceback" not in result.stderr
