"""Reading at scale: page weight of the built site on a generated library, Lighthouse's mobile
metrics for the pages a reader opens first, and a slow phone's walk (first content, first
search result), before and after a change.

    make bench-reading          # 5,040 documents (20 years x 12 issues x 21), before and after
    .venv/bin/python benchmarks/reading.py --years 2 --per-issue 5 --before 1a752d2   # quick look

"After" is this working tree; "before" (``--before REV``) is the same generated library built by
the project as it was at git revision REV (its mkdocs.yml, docs, hooks, overrides, data and
gazette, from ``git archive``), with this tree's Python packages. Each is built with a public
SITE_URL as a published build would be, and served on 127.0.0.1 with gzip.

Printed for each: the build's time; the largest HTML pages with their gzip size and how many
exceed the 250 KB page budget; Lighthouse's mobile performance score, FCP, LCP, TBT and CLS
(pinned npm ``lighthouse``, Debian's Chromium, simulated throttling; the median of ``--runs``
runs, as one run on a shared machine is noisy) for home, the newest issue, its first document,
the longest document, the heaviest department page and a search with results; and the
throttled walk: 400 kbit/s, 400 ms round trips (Chromium's network emulation), the first content
and largest content of home and of the longest document, and the first result of searches typed
into the address (``search/?q=``), each in a fresh browser context (nothing cached); with the
processor as it is (``--walk-cpu 1``: the link alone is throttled) and slowed 4x, ``--walk-runs``
times each, before and after in turns, printed as medians with the fastest and slowest run.
Prints numbers; asserts nothing (the page budget and the Lighthouse thresholds other than
performance are tests).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import os
import posixpath
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import generate  # noqa: E402
from tests.lighthouse import CHROMIUM, audit, available  # noqa: E402
from tests.project import PROJECT_PARTS, QuietServer, build, copy_project  # noqa: E402

BUDGET = 250 * 1024
BUILD_TIMEOUT = 4 * 3600
# Issue 23's targets for a slow phone: LCP (s) per page type, TBT and CLS on every page, the first
# search result on the throttled walk.
LCP_TARGET = {"home": 2.0, "search": 2.0}
LCP_DEFAULT = 2.5
TBT_TARGET = 0.2
CLS_TARGET = 0.1
FIRST_RESULT_TARGET = 3.0
# Searches a citizen types: a word in most documents, a phrase, a 文号 as people say it, and a phrase
# in a few hundred documents (its lists are in shards: no file of their own at 5,040 documents).
QUERIES = ("管理", "安全生产", "33号文", "热点问题")
# The slow phone of issue 23: 400 kbit/s both ways, 400 ms round trips.
WALK_NETWORK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".bin", ".csv", ".ics")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a real host serves them: gzip for text when the browser accepts it."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        if not self.path.split("?")[0].endswith("/") and (Path(self.translate_path(self.path))).is_dir():
            return super().send_head()  # the directory redirect
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1 with gzip; yields its base URL."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def project_at(rev: str | None, dest: Path) -> Path:
    """The project to build: this working tree, or its parts as they were at git revision ``rev``."""
    if rev is None:
        return copy_project(dest)
    archive = subprocess.run(["git", "archive", "--format=tar", rev, *PROJECT_PARTS], cwd=ROOT,
                             capture_output=True, check=True).stdout
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def page_sizes(site: Path) -> list[tuple[int, int, str]]:
    """(bytes, gzip bytes, site-relative path) of every HTML page, largest first."""
    sizes = []
    for path in site.rglob("*.html"):
        data = path.read_bytes()
        sizes.append((len(data), len(gzip.compress(data, 6)), path.relative_to(site).as_posix()))
    return sorted(sizes, reverse=True)


def reading_pages(site: Path, sizes: list[tuple[int, int, str]]) -> dict[str, str]:
    """Home, the newest issue, its first document, the longest document, the heaviest department
    page, a search with results."""
    issues = sorted(p.parent.name for p in (site / "issues").glob("*/index.html"))
    newest = lxml.html.parse(str(site / "issues" / issues[-1] / "index.html"))
    first_doc = newest.xpath("//ol[contains(@class, 'gz-toc')]//a/@href")[0]
    document = posixpath.normpath(posixpath.join(f"issues/{issues[-1]}/", first_doc)) + "/"
    longest = next(rel for _, _, rel in sizes if re.fullmatch(r"\d{4}/[^/]+/index\.html", rel))
    department = next(rel for _, _, rel in sizes if re.fullmatch(r"departments/[^/]+/index\.html", rel))
    return {"home": "", "issue": f"issues/{issues[-1]}/", "document": document,
            "long doc": longest[: -len("index.html")], "department": department[: -len("index.html")],
            "search": "search/?q=" + urllib.parse.quote(QUERIES[0])}


def lighthouse_run(base: str, pages: dict[str, str]) -> dict[str, dict[str, Any]]:
    """{page: {"perf": score, "fcp"/"lcp"/"tbt": ms, "cls": …}} of one Lighthouse run over the pages."""
    results = audit([base + url for url in pages.values()], categories=("performance",))
    return {name: {"perf": results[base + url]["performance"], **(results[base + url].get("metrics") or {})}
            for name, url in pages.items()}


def median(values: list[float | None]) -> float | None:
    """The median of the runs that gave a figure (None if none did)."""
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def medians(runs: list[dict[str, dict[str, Any]]]) -> dict[str, dict[str, float | None]]:
    """{page: median of each metric over the runs (seconds; CLS and score unitless)}."""
    out: dict[str, dict[str, float | None]] = {}
    for name in runs[0]:
        m = {key: median([run[name].get(key) for run in runs]) for key in ("perf", "fcp", "lcp", "tbt", "cls")}
        for key in ("fcp", "lcp", "tbt"):
            ms = m[key]
            m[key] = None if ms is None else ms / 1000
        out[name] = m
    return out


# The first result counts once it is painted: the frame after it entered the page (a result added
# while the stylesheets are still on their way is drawn only when they have arrived).
FIRST_RESULT_JS = """new MutationObserver((_, seen) => {
  if (document.querySelector('.gz-search-page .gz-results > li')) {
    seen.disconnect();
    requestAnimationFrame(() => { window.__firstResult = performance.now(); });
  }
}).observe(document, {childList: true, subtree: true});
window.__lcp = null;
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});"""


def walk(base: str, pages: dict[str, str], cpu: float) -> dict[str, float | None]:
    """The throttled walk: {measure: seconds} in fresh contexts (cold cache)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    out: dict[str, float | None] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            def visit(url: str, done: str) -> dict[str, float | None]:
                try:
                    return load(url, done)
                except PlaywrightTimeout:
                    print(f"  walk: /{url} did not finish in 120 s", flush=True)
                    return {"fcp": None, "lcp": None, "result": None}

            def load(url: str, done: str) -> dict[str, float | None]:
                context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True,
                                              device_scale_factor=1.75, locale="zh-CN")
                try:
                    page = context.new_page()
                    page.add_init_script(FIRST_RESULT_JS)
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Network.emulateNetworkConditions", WALK_NETWORK)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
                    page.goto(base + url, wait_until="load", timeout=120_000)
                    page.wait_for_function(done, timeout=120_000)
                    timings: dict[str, float | None] = page.evaluate("""() => ({
                      fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null,
                      lcp: window.__lcp, result: window.__firstResult ?? null })""")
                    return timings
                finally:
                    context.close()

            settled = "() => document.readyState === 'complete'"
            for name in ("home", "long doc"):
                r = visit(pages[name], settled)
                out[f"{name} FCP"] = r["fcp"] / 1000 if r["fcp"] is not None else None
                out[f"{name} LCP"] = r["lcp"] / 1000 if r["lcp"] is not None else None
            for query in QUERIES:
                r = visit("search/?q=" + urllib.parse.quote(query),
                          # or the status says why not (once the script replaced the no-script hint)
                          "() => window.__firstResult !== undefined || ((s) => s && !/正在检索|JavaScript/"
                          ".test(s.textContent))(document.querySelector('.gz-search-status'))")
                out[f"first result「{query}」"] = r["result"] / 1000 if r["result"] is not None else None
        finally:
            browser.close()
    return out


def sec(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def spread(values: list[float | None]) -> str:
    """The median of the runs that gave a figure, with the fastest and slowest ("-" if none did)."""
    known = sorted(v for v in values if v is not None)
    if not known:
        return "-"
    figure = f"{sec(median(values))} ({sec(known[0])}–{sec(known[-1])})"
    return figure if len(known) == len(values) else f"{figure}, {len(known)} of {len(values)} runs"


def build_variant(label: str, rev: str | None, years: int, per_issue: int, tmp: Path, reuse: bool) -> tuple[Path, int]:
    site = tmp / label / "site"
    if reuse and (site / "index.html").is_file():
        total = len(list(site.glob("[0-9][0-9][0-9][0-9]/*/index.html")))
        print(f"{label}: the build in {site} ({total} documents), not built again", flush=True)
        return site, total
    project = project_at(rev, tmp / label / "project")
    total = generate(project, years, per_issue)
    started = time.perf_counter()
    result = build(project, site, timeout=BUILD_TIMEOUT)
    took = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{label}: build failed:\n{result.stderr[-3000:]}")
    print(f"{label} ({rev or 'this working tree'}): {total} documents; strict build {took:.0f} s", flush=True)
    return site, total


def print_sizes(label: str, site: Path, top: int) -> list[tuple[int, int, str]]:
    sizes = page_sizes(site)
    over = [s for s in sizes if s[0] > BUDGET]
    print(f"{label}: HTML pages: {len(sizes)}; over {BUDGET // 1024} KB: {len(over)}")
    print(f"{'KB':>8} {'gzip KB':>8}  page")
    for raw, packed, rel in sizes[:top]:
        print(f"{raw / 1024:8.1f} {packed / 1024:8.1f}  {rel}")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--per-issue", type=int, default=21)
    parser.add_argument("--before", metavar="REV", help="git revision to compare with (built the same way)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is printed)")
    parser.add_argument("--walk-cpu", type=float, nargs="+", default=[1, 4],
                        help="CPU slowdowns the throttled walk is run at (1: none; the issue's walk throttles only the link)")
    parser.add_argument("--walk-runs", type=int, default=3, help="throttled walks per variant and slowdown (medians printed)")
    parser.add_argument("--top", type=int, default=5, help="how many of the largest pages to list")
    parser.add_argument("--work", type=Path, help="build here and keep the builds (default: a temporary directory)")
    parser.add_argument("--reuse", action="store_true", help="measure the builds already in --work, if there")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-walk", action="store_true")
    args = parser.parse_args(argv)
    variants = ([("before", args.before)] if args.before else []) + [("after", None)]
    reason = available()
    if reason and not args.no_lighthouse:
        print(f"Lighthouse not run: {reason}")
        args.no_lighthouse = True

    with contextlib.ExitStack() as stack:
        tmp = args.work or stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-reading-"))
        metrics: dict[str, dict[str, dict[str, float | None]]] = {}
        walks: dict[float, dict[str, list[dict[str, float | None]]]] = {}  # slowdown → variant → runs
        pages: dict[str, dict[str, str]] = {}
        sites: dict[str, Path] = {}
        for label, rev in variants:
            sites[label], _ = build_variant(label, rev, args.years, args.per_issue, Path(tmp), args.reuse)
            pages[label] = reading_pages(sites[label], print_sizes(label, sites[label], args.top))
        # Before and after measured in turns, so that the shared machine's load weighs on both alike.
        bases = {label: stack.enter_context(serve(site)) for label, site in sites.items()}
        print(f"load average before measuring: {' '.join(f'{v:.1f}' for v in os.getloadavg())}", flush=True)
        if not args.no_lighthouse:
            runs: dict[str, list[dict[str, dict[str, Any]]]] = {label: [] for label in sites}
            for _ in range(args.runs):
                for label in sites:
                    runs[label].append(lighthouse_run(bases[label], pages[label]))
            for label in sites:
                metrics[label] = medians(runs[label])
                print(f"{label}: Lighthouse (median of {args.runs}) " + "; ".join(
                    f"{name} {m['perf']} LCP {sec(m['lcp'])} TBT {sec(m['tbt'])} CLS {sec(m['cls'], 3)}"
                    for name, m in metrics[label].items()), flush=True)
        if not args.no_walk:
            for cpu in args.walk_cpu:
                walks[cpu] = {label: [] for label in sites}
                for _ in range(args.walk_runs):
                    for label in sites:  # in turns, as above
                        walks[cpu][label].append(walk(bases[label], pages[label], cpu))
                        print(f"{label}: walk at CPU {cpu:g}x " + "; ".join(
                            f"{k} {sec(v)}" for k, v in walks[cpu][label][-1].items()), flush=True)
        print(f"load average after measuring: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")

        if metrics:
            print(f"\nLighthouse 12 mobile, simulated throttling, served with gzip; median of {args.runs} run(s)."
                  "\n  performance score; FCP, LCP, TBT in seconds; CLS")
            print(f"  {'page':<11} {'':<7} {'perf':>5} {'FCP':>5} {'LCP':>5} {'TBT':>5} {'CLS':>6}  target / page")
            for name in pages[variants[-1][0]]:
                for label, _ in variants:
                    m = metrics[label][name]
                    target = f"LCP ≤ {LCP_TARGET.get(name, LCP_DEFAULT)}, TBT ≤ {TBT_TARGET}, CLS ≤ {CLS_TARGET}"
                    score = "-" if m["perf"] is None else f"{round(m['perf'] * 100)}"
                    print(f"  {name if label == variants[0][0] else '':<11} {label:<7} {score:>5} {sec(m['fcp']):>5} "
                          f"{sec(m['lcp']):>5} {sec(m['tbt']):>5} {sec(m['cls'], 3):>6}  "
                          f"{target if label == variants[-1][0] else ''}  /{pages[label][name]}")
        for cpu, runs_of in walks.items():
            print(f"\nThrottled walk: 400 kbit/s, 400 ms round trips, CPU slowed {cpu:g}x, cold cache; seconds from"
                  f" navigation, median (fastest–slowest) of {args.walk_runs} (first search result target ≤ {FIRST_RESULT_TARGET} s)")
            for measure in runs_of[variants[-1][0]][0]:
                row = "  ".join(f"{label} {spread([run.get(measure) for run in runs_of[label]]):>17}" for label, _ in variants)
                print(f"  {measure:<24} {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
