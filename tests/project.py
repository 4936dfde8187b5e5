"""The project as tests and benchmarks use it: build it, copy it to break records in, serve it.

Plain functions (no pytest) so benchmarks/ can use the same build and copy.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
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
          quiet: bool = True, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """Run the standard strict build of ``project`` into ``out`` (``site_url=None``: with no SITE_URL;
    ``quiet=False``: MkDocs' notes and warnings in ``stderr``, as an editor sees them).
    ``timeout`` in seconds: a generated library of thousands of documents (benchmarks) takes longer."""
    if running_kind == "unit":
        raise RuntimeError("a unit test builds the project: mark it pytest.mark.site")
    # A fixed build date (statuses are computed for it) unless the caller sets one: same bytes every day.
    env = {"SOURCE_DATE_EPOCH": BUILD_EPOCH} | {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [*MKDOCS, "build", "--strict", *(["--quiet"] if quiet else []), "-f", str(project / "mkdocs.yml"), "-d", str(out), *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=timeout,
    )


def files_of(root: Path) -> dict[str, bytes]:
    """Every file under ``root``: {path relative to it, POSIX style: its bytes}, for comparing whole
    builds (two builds, a build before and after a failed one)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


LAST_GOOD = "the last good build"  # the index.html of the site a publish replaces, in the publish tests


def atomic(project: Path, *command: str) -> subprocess.Popen[str]:
    """Start ``python -m gazette.publish.atomic COMMAND --project PROJECT`` (``make publish``'s steps;
    by default its last, ``build --site site``) with the test SITE_URL and the fixed build date."""
    env = {"SOURCE_DATE_EPOCH": BUILD_EPOCH, **os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    return subprocess.Popen(
        [sys.executable, "-m", "gazette.publish.atomic", *(command or ("build", "--site", "site")), "--project", str(project)],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def publish_leftovers(project: Path) -> list[str]:
    """The temporary folders a publish makes beside ``site/`` (the build, the previous site)."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site-build-", ".site-old-")))


def publish_until_mkdocs_writes(project: Path) -> subprocess.Popen[str]:
    """Start a publish of ``project`` and return once MkDocs is writing into its temporary folder:
    a signal sent then lands mid-build (the real records' build lasts long enough for that on a
    quiet machine too; a small project's could finish first)."""
    proc = atomic(project)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not publish_leftovers(project):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    assert publish_leftovers(project), "the build never created its temporary directory"
    work = project / publish_leftovers(project)[0]
    while time.monotonic() < deadline and not any(work.iterdir()):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    assert any(work.iterdir()), "MkDocs never wrote into the temporary directory"
    return proc


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


def pages_with_tables(site: Path) -> list[str]:
    """The pages of the built ``site`` that tests/phone/test_tables.py opens on a 375 px phone (and
    checks for sideways scrolling): /deadlines/, /documents/, the five units with most tasks and
    市编办, and every document with a table."""
    docs = sorted(
        str(p.parent.relative_to(site)) + "/" for p in site.glob("20*/*/index.html")
        if "<table" in p.read_text(encoding="utf-8")
    )
    depts = sorted(site.glob("departments/*/index.html"), key=lambda p: -p.read_text(encoding="utf-8").count("<tr data-role"))
    units = [f"departments/{p.parent.name}/" for p in depts[:5]]
    return ["deadlines/", "documents/", *units, "departments/bb/", *docs]


class QuietServer(http.server.ThreadingHTTPServer):
    """Serves each request in a thread; a connection the browser closes mid-file is no error."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that closes a connection mid-file (a navigation away) is no server error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve(directory: Path, base: str = "/") -> Iterator[str]:
    """``directory`` over HTTP on 127.0.0.1 under the path ``base`` (``/zhengbao/``: where SITE_URL
    puts it, so relative links are tested as deployed). Yields the URL of ``base``."""
    prefix = base.rstrip("/")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return super().translate_path(path[len(prefix):] if prefix and path.startswith(prefix) else path)

        def log_message(self, *args: object) -> None:
            pass

    server = QuietServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{base}"
    finally:
        server.shutdown()
        server.server_close()


# The default build (``mkdocs build`` with no SITE_URL) of a copy beside what an editor's tools and
# the OS leave in data/, with one record whose page passes 1 MB: tests/conftest.py builds it once
# per run (``default_build``) for the tests of the default build and of links without an address.
EDITOR_FILES = (
    "documents/2018/.qzf-15.yaml.swp", "documents/2018/.qzf-15.yaml.swo", "documents/2018/qzf-15.yaml~",
    "documents/2018/#qzf-15.yaml#", "documents/2018/.DS_Store", "documents/.DS_Store", "documents/2018/4913",
    "issues/.2018-05.yaml.swp", "issues/2018-05.yaml~", "issues/Thumbs.db", "documents/2017/._qzf-14.yaml",
)
EMACS_LOCK = "documents/2018/.#qzf-15.yaml"
BIG_RECORD = "documents/2018/qsk-28.yaml"
BIG_ROWS = 2500  # about 1.3 MB of page: past the 1 MB limit with room, without a longer build


def _enlarge(path: Path) -> None:
    """Thousands of rows in the record's first table (its page then passes 1 MB)."""
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("      rows:\n")
    assert sep, "the record has a table"
    rows = "".join(
        f"      - - 第{i}行申报单位名称\n" + "".join(f"        - 数值{i}-{c}\n" for c in range(1, 8)) for i in range(BIG_ROWS)
    )
    path.write_text(head + sep + rows + tail, encoding="utf-8")


def default_build(dest: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Copy the project into ``dest``, add the editor's files and the big record, build it with no
    SITE_URL; returns the site directory and the build's result (its log in ``stderr``)."""
    project = copy_project(dest / "project")
    for name in EDITOR_FILES:
        (project / "data" / name).write_bytes(b"b0VIM 9.0\x00\x00\xff\xfe binary swap data, not YAML: [\n")
    (project / "data" / EMACS_LOCK).symlink_to("user@host.1234:1700000000")  # emacs lock link
    _enlarge(project / "data" / BIG_RECORD)
    return dest / "site", build(project, dest / "site", site_url=None, quiet=False)
