"""Shared fixtures and test kinds.

Fixtures: ``site`` (the real site, built once per run into a temp dir),
``served_site`` (its URL on 127.0.0.1 under the deployed base path) and
``chromium`` (Debian's Chromium through Playwright).

Every test has one kind, a pytest marker (``-m unit`` runs only those):

* ``unit``: the package on small inputs, no build;
* ``site``: builds the project (``site`` or its own copy, marked ``site`` in
  its module) and reads the output;
* ``browser``: drives Chromium (or Lighthouse) over the served site.

Under pytest-xdist (``make test``: ``-n auto --dist loadgroup``) the workers
share one build of ``site`` (the first worker builds it under a file lock in
the run's temp dir), and each module that builds or browses runs on one
worker, so its module-scoped fixtures are built once.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.project import ROOT, build, copy_project, read  # noqa: F401  (re-exported for the tests)

KINDS = ("unit", "site", "browser")


def _kind(item: pytest.Item) -> str:
    names = set(getattr(item, "fixturenames", ()))
    if names & {"chromium", "served_site"}:
        return "browser"
    if "site" in names or item.get_closest_marker("site"):
        return "site"
    return "unit"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        kind = _kind(item)
        if not item.get_closest_marker(kind):
            item.add_marker(getattr(pytest.mark, kind))
        if kind != "unit":
            # One worker per module: module fixtures that build or launch are made once.
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


def _build_site(out: Path) -> Path:
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    if worker_id == "master":  # not under xdist
        return _build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent  # this run's temp dir, shared by its workers
    out, done = shared / "site", shared / "site.built"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            _build_site(out)
            done.touch()
    return out


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]


@pytest.fixture(scope="session")
def served_site(site: Path) -> Iterator[str]:
    """The session-built site over HTTP on loopback, under the same base path as
    SITE_URL (/zhengbao/), so relative links are tested as deployed. Yields its URL."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            prefix = "/zhengbao"
            return super().translate_path(path[len(prefix):] if path.startswith(prefix) else path)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/zhengbao/"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
