"""The project as tests and benchmarks use it: build it, copy it to break records in.

Plain functions (no pytest) so benchmarks/ can use the same build and copy.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from gazette.derive.catalog import build_library
from gazette.derive.views import Library

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
BUILD_EPOCH = "1796054400"  # 2026-12-01 00:00 +08:00
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data", "gazette")
SITE_URL = "https://example.test/zhengbao/"

# The kind of the test running now (set by tests/conftest.py): a unit test may not build.
running_kind: str | None = None


def build(project: Path, out: Path, *extra: str, site_url: str | None = SITE_URL,
          timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """Run the standard strict build of ``project`` into ``out`` (``site_url=None``: with no SITE_URL).
    ``timeout`` in seconds: a generated library of thousands of documents (benchmarks) takes longer."""
    if running_kind == "unit":
        raise RuntimeError("a unit test builds the project: mark it pytest.mark.site")
    # A fixed build date (statuses are computed for it) unless the caller sets one: same bytes every day.
    env = {"SOURCE_DATE_EPOCH": BUILD_EPOCH} | {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(out), *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=timeout,
    )


def real_library() -> Library:
    """The real records derived, once per process (the ``library`` fixture; helpers that are no fixture)."""
    if running_kind == "unit":
        raise RuntimeError("a unit test derives the real library: mark it pytest.mark.site")
    return _real_library()


@functools.cache
def _real_library() -> Library:
    return build_library(ROOT / "data")


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project (without the source texts) to break records in."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "sources"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def read(site: Path, url: str) -> str:
    path = site / url / "index.html" if url.endswith("/") or url == "" else site / url
    return path.read_text(encoding="utf-8")
