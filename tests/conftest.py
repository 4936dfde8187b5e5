"""Shared fixtures and test kinds.

Fixtures: ``site`` (the real site, built once per run into a temp dir),
``default_build`` (a copy built with no SITE_URL beside an editor's files, once per run),
``published`` (a copy published to the end after a publish of it was killed, once per run),
``edited_site`` (a copy with one record changed per module that needs it, once per run),
``library`` (the real records derived, once per process), ``served_site`` (the
site's URL on 127.0.0.1 under the deployed base path), ``chromium``
(Debian's Chromium through Playwright, one per worker) and ``shared_context``
(the worker's browser context for a set of options, shared by its tests: a test
opens its own tabs, closed after it; ``tests/browsing.py`` opens a page until
every request it made has finished).

Every test declares one kind, a pytest marker (``-m unit`` runs only those),
usually for its whole module: ``pytestmark = pytest.mark.unit``.

* ``unit``: the package on small inputs written in the test (tests/records.py):
  no build, no real library, no browser; all of them run in seconds;
* ``site``: builds the project (``site``, ``library`` or its own copy) and reads
  the output, or reads the real records or source texts whole (the importer on
  a published issue, a check over every record);
* ``browser``: drives Chromium (or Lighthouse) over the served site.

The kind is declared, never inferred: collection fails when a test declares
none (or two), when a ``unit`` test asks for a fixture that builds the real
library or launches the browser, or when a ``site`` test launches the browser;
``tests.project.build`` refuses to run inside a ``unit`` test.

Under pytest-xdist (``make test``: ``-n auto``) the workers share one build of
``site`` (the first worker builds it under a file lock in the run's temp dir),
and each module runs on one worker (``--dist loadscope``, the default set below),
so its module-scoped fixtures (a Lighthouse audit, an edited copy's build) are
made once. Modules are handed out in collection order (``--no-loadscope-reorder``),
which puts browser modules first, then site modules, then unit modules: the
long ones start early and the short ones fill the end of the run. Within a kind,
modules that do not read ``site`` start first, while one worker builds it.
"""

from __future__ import annotations

import fcntl
import json
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _pytest.mark.expression import Expression

from gazette.derive.views import Library
from tests import edited, project
from tests.project import ROOT, build, copy_project, read, real_library  # noqa: F401  (re-exported for the tests)

# Modules imported from here on (the test modules, with the asserts pytest rewrites) are compiled
# once and cached in __pycache__ (git-ignored, left out of project copies) even where the
# environment says not to write bytecode, as the Makefile does for `make serve`: rewriting and
# compiling them again is half of collection's CPU otherwise (3 s of 6 per process).
sys.dont_write_bytecode = False

KINDS = ("unit", "site", "browser")
KINDS_FIRST = ("browser", "site", "unit")  # the order modules run in: the slow kinds start first
# What a kind may not ask for (directly or through another fixture): the fixtures that
# build or derive the real project, and the one that launches the browser.
SITE_FIXTURES = frozenset({"site", "library", "default_build", "edited_site", "published"})
BROWSER_FIXTURES = frozenset({"chromium"})
FORBIDDEN = {"unit": SITE_FIXTURES | BROWSER_FIXTURES, "site": BROWSER_FIXTURES, "browser": frozenset()}


def kind_of(item: pytest.Item) -> str:
    """The one kind ``item`` declares; raises ``ValueError`` saying what is wrong otherwise."""
    kinds = sorted({mark.name for mark in item.iter_markers() if mark.name in KINDS})
    if len(kinds) != 1:
        raise ValueError(f"declares {' and '.join(kinds) if kinds else 'no kind'}: mark it (or its module: "
                         f"pytestmark = pytest.mark.unit) with exactly one of {', '.join(KINDS)}")
    kind = kinds[0]
    used = sorted(FORBIDDEN[kind] & set(getattr(item, "fixturenames", ())))
    if used:
        raise ValueError(f"is marked {kind} but uses {', '.join(used)}: mark it "
                         f"{'browser' if set(used) & BROWSER_FIXTURES else 'site'}")
    return kind


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Every core by default (``-n auto``; ``-n 0`` runs in one process, as ``--pdb`` does), one
    module per worker, modules in collection order, unless ``-n``/``--dist`` say otherwise. Set
    here rather than in addopts, so pytest still runs without pytest-xdist."""
    option = config.option
    if (hasattr(option, "numprocesses") and option.numprocesses is None and not getattr(option, "tx", None)
            and not option.collectonly and not hasattr(config, "workerinput")):
        option.numprocesses = "auto"  # pytest-xdist's own hook (after this one) counts the cores
    if getattr(config.option, "dist", None) == "no":  # pytest-xdist's default: nothing asked
        config.option.dist = "loadscope"
        config.option.loadscopereorder = False


# The kinds a test module's text names (``pytest.mark.unit`` …), and the words of a -m expression.
_KIND_MARK = re.compile(r"\bpytest\.mark\.(" + "|".join(KINDS) + r")\b")
_EXPRESSION_WORD = re.compile(r"\w+")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under ``-m`` over kinds only (``-m unit``), a test module none of whose kinds the expression
    selects is not imported: its imports (Playwright, the build helpers) cost about a second of
    every process's collection, for tests that would be deselected."""
    expression = config.option.markexpr
    if not expression or collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    if not set(_EXPRESSION_WORD.findall(expression)) <= {*KINDS, "and", "or", "not"}:
        return None  # it names other markers: only the tests' own markers can say
    kinds = set(_KIND_MARK.findall(collection_path.read_text(encoding="utf-8")))
    if not kinds:
        return None  # no kind in its text: kind_of tells at collection
    selects = Expression.compile(expression)
    return None if any(selects.evaluate(lambda name, kind=kind: name == kind) for kind in kinds) else True


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, items: list[pytest.Item]) -> None:
    problems: dict[str, str] = {}  # one line per test function, not per parameter
    rank: dict[str, int] = {}  # module → its slowest kind's place in KINDS_FIRST
    shares_site: dict[str, bool] = {}  # module → one of its tests reads the run's shared build
    for item in items:
        try:
            kind = kind_of(item)
        except ValueError as error:
            problems.setdefault(item.nodeid.split("[")[0], str(error))
            continue
        module = item.nodeid.split("::")[0]
        rank[module] = min(rank.get(module, len(KINDS_FIRST)), KINDS_FIRST.index(kind))
        shares_site[module] = shares_site.get(module, False) or "site" in getattr(item, "fixturenames", ())
    for test, why in problems.items():
        # A collection error, as for a module that fails to import: the run fails whatever -m
        # selects (and, without pytest-xdist, stops before the first test).
        report = pytest.CollectReport(test, "failed", f"{test} {why} (test kinds: tests/conftest.py)", [])
        session.config.hook.pytest_collectreport(report=report)
    items[:] = [item for item in items if item.nodeid.split("[")[0] not in problems]
    # Slow kinds first, each module kept together (sorted() is stable): every worker sorts the
    # same way, so they agree on the collection. Within a kind, modules that do not read the shared
    # build of the real site come first: while one worker builds it, the others have work that
    # does not wait for it.
    items.sort(key=lambda item: (rank[item.nodeid.split("::")[0]], shares_site[item.nodeid.split("::")[0]]))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[object]:
    """``tests.project.build`` knows the running test's kind (a unit test may not build)."""
    project.running_kind = next((m.name for m in item.iter_markers() if m.name in KINDS), None)
    try:
        return (yield)
    finally:
        project.running_kind = None


@pytest.fixture(scope="session")
def library() -> Library:
    """The real records derived (gazette.derive), shared by every test of this process."""
    return real_library()


def _once_per_run(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str,
                  make: Callable[[Path], None]) -> Path:
    """``make(directory)`` once per run: under pytest-xdist the first worker makes it under a file
    lock in the run's temp dir, the others wait for it and share it. Returns the directory."""
    if worker_id == "master":  # not under xdist
        out = tmp_path_factory.mktemp(name)
        make(out)
        return out
    shared = tmp_path_factory.getbasetemp().parent  # this run's temp dir, shared by its workers
    out, done = shared / name, shared / f"{name}.built"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)  # what a worker that failed left
            out.mkdir()
            make(out)
            done.touch()
    return out


def _build_site(out: Path) -> None:
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The real site, built once per run with the test SITE_URL (tests/project.py)."""
    return _once_per_run(tmp_path_factory, worker_id, "site", _build_site)


def _default_build(dest: Path) -> None:
    _, result = project.default_build(dest)
    (dest / "build.log").write_text(result.stderr, encoding="utf-8")
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> tuple[Path, str]:
    """The default build (no SITE_URL) of a copy beside an editor's files and one oversized
    record (``tests.project.default_build``), once per run: (site directory, build log)."""
    dest = _once_per_run(tmp_path_factory, worker_id, "default-build", _default_build)
    return dest / "site", (dest / "build.log").read_text(encoding="utf-8")


def _publish_after_a_kill(dest: Path) -> None:
    """A copy of the project whose ``site/`` holds a previous build; a publish of it killed (SIGKILL,
    which no handler sees) while MkDocs writes; then a publish run to the end. What each left is
    recorded in ``runs.json``: a test on any worker reads it, whatever the copy has become since."""
    copy = copy_project(dest / "project")
    (copy / "site").mkdir()
    (copy / "site" / "index.html").write_text(project.LAST_GOOD, encoding="utf-8")
    proc = project.publish_until_mkdocs_writes(copy)
    proc.kill()
    proc.communicate(timeout=60)
    killed = {"index": (copy / "site" / "index.html").read_text(encoding="utf-8"), "leftovers": project.publish_leftovers(copy)}
    proc = project.atomic(copy)
    out, err = proc.communicate(timeout=900)
    runs = {"killed": killed, "returncode": proc.returncode, "stdout": out, "stderr": err,
            "leftovers": project.publish_leftovers(copy)}
    (dest / "runs.json").write_text(json.dumps(runs, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> tuple[Path, dict[str, Any]]:
    """A copy of the project published (``make publish``'s last step) to the end after a publish of it
    was killed mid-build, once per run: (the copy, what the two runs left: ``_publish_after_a_kill``).
    Its site is also the suite's check that two builds of the same records are byte-identical."""
    dest = _once_per_run(tmp_path_factory, worker_id, "published", _publish_after_a_kill)
    return dest / "project", json.loads((dest / "runs.json").read_text(encoding="utf-8"))


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
    # Nothing but the served site resolves: a request to another host fails in the browser itself.
    # (Aborting it with a Playwright route instead sends every request through the test process
    # and turns the HTTP cache off for the whole context.)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def _edited_site(dest: Path) -> None:
    project = copy_project(dest / "project")
    edited.edit(project / "data")
    result = build(project, dest / "site")
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def edited_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The real library with one record changed per test module that needs it (tests/edited.py),
    built once per run; returns the site directory."""
    return _once_per_run(tmp_path_factory, worker_id, "edited-site", _edited_site) / "site"


@pytest.fixture(scope="session")
def served_site(site: Path) -> Iterator[str]:
    """The session-built site over HTTP on loopback, under the same base path as
    SITE_URL (/zhengbao/), so relative links are tested as deployed. Yields its URL."""
    with project.serve(site, "/zhengbao/") as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Options a tab takes on its own (Playwright's page.set_viewport_size and emulate_media): the
# contexts that differ only in these are one context, whose tabs are sized and coloured as asked.
TAB_OPTIONS = ("viewport", "color_scheme")
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}  # Playwright's, for a context given none


class _Tabs:
    """A shared context whose new tabs get their own screen size and colour scheme; anything else
    is the context's (its tabs, cookies, permissions)."""

    def __init__(self, context: Any, viewport: dict[str, int] | None, color_scheme: str | None) -> None:
        self._context, self._viewport, self._color_scheme = context, viewport or DEFAULT_VIEWPORT, color_scheme

    def new_page(self) -> Any:
        page = self._context.new_page()
        page.set_viewport_size(self._viewport)
        if self._color_scheme is not None:
            page.emulate_media(color_scheme=self._color_scheme)
        return page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


@pytest.fixture(scope="session")
def _contexts(chromium) -> Iterator[Callable[..., Any]]:
    """The worker's browser contexts, one per set of options (but ``TAB_OPTIONS``), made when
    first asked for."""
    made: dict[str, Any] = {}

    def context(**options: Any) -> _Tabs:
        options = {"locale": "zh-CN", **options}
        tab = {name: options.pop(name, None) for name in TAB_OPTIONS}
        key = repr(sorted(options.items()))
        if key not in made:
            made[key] = chromium.new_context(**options)
            # A context whose last tab closes tears its window down, and the next tab builds a new
            # one with a new renderer: about 0.5 s of CPU a test. A blank tab kept open for the
            # context's life halves the cost of opening a page (measured over 27 page loads).
            made[key].new_page()
        return _Tabs(made[key], **tab)

    yield context
    for context in made.values():
        context.close()


@pytest.fixture
def shared_context(_contexts: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """``shared_context(**options)``: the worker's browser context with these options (locale
    zh-CN unless given), shared with the other tests of the worker that ask for the same options
    (a screen size and a colour scheme are the tab's: ``TAB_OPTIONS``).
    A new context costs Chromium about a second of CPU (a cold HTTP and code cache, a new
    renderer); a new tab in a warm one a third of that. After the test its tabs are closed and
    what it left in the context is cleared: the site's stored choices (字号, colour scheme),
    cookies and granted permissions. A test that changes the context itself otherwise (an init
    script, a route, offline) uses a context of its own."""
    used: list[tuple[Any, list[Any]]] = []

    def context(**options: Any) -> Any:
        shared = _contexts(**options)
        used.append((shared, list(shared.pages)))
        return shared

    yield context
    for shared, before in used:
        tabs = [page for page in shared.pages if page not in before]
        for page in tabs:
            if page.url.startswith("http"):
                page.evaluate("() => { try { localStorage.clear(); } catch (e) {} }")
                break
        for page in tabs:
            page.close()
        shared.clear_cookies()
        shared.clear_permissions()
