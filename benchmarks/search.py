"""Search at scale: the site's engine vs Pagefind 1.5.2 (extended) vs Material's lunr, in one run.

    make bench-search                                        # 5,040 documents (20 years x 12 issues x 21)
    .venv/bin/python benchmarks/search.py --years 2 --per-issue 5   # a quick look

Generates a library (benchmarks/corpus.py) in a temporary copy of the
project and builds it three ways from the same records:

- the site as it is (its own search index under ``search/``);
- the site with its index off, then Pagefind's extended binary over the built
  document and department pages (as the site did before); the search page
  drives Pagefind through benchmarks/adapters/pagefind.js (Pagefind's JS API
  as shipped), which stands in for assets/search.js;
- the site with its index off and Material's search plugin on (lunr; jieba
  installed, as Material documents for Chinese).

Prints side by side: whole-build time and peak memory, index build time,
index size and file count, bytes a cold first query fetches (every search JS,
wasm and index file; as served, no HTTP compression, and with gzip for text files), cold page
load → first result in headless Chromium (median of 3), and the quality
figures of benchmarks/eval_search.py on queries generated from this library,
then ratios against the comparison engines measured in the same run (shared
machines are noisy: compare within a run). Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import generate  # noqa: E402
from benchmarks.eval_search import (  # noqa: E402
    ADAPTERS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Report,
    evaluate,
    lines,
    open_search,
    serve,
    site_engine,
)
from benchmarks.queries import generate_queries  # noqa: E402
from gazette.publish.entry import held_paths  # noqa: E402
from tests.project import copy_project  # noqa: E402  (the same project copy the tests use)

# The site's own index step off, for the comparison builds: a MkDocs hook in their copy.
NO_SITE_INDEX = Path(__file__).resolve().parent / "no_site_index.py"
INDEX_OFF = {"GAZETTE_PAGEFIND": "off"}  # the same for a site still on Pagefind
# Pagefind indexes what the site's search covers: document and department pages, their article.
PAGEFIND_GLOB = "{[0-9][0-9][0-9][0-9]/*/index.html,departments/*/index.html}"
PAGEFIND_ROOT = "article"
PAGEFIND_EXCLUDE = ".headerlink, .gz-permalink, .gz-copy, .gz-erratum-mark"
TARGET_FIRST_QUERY_KB = 150
TARGET_PEAK_MB = 1024

_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.stderr.write(r.stderr[-3000:] + r.stdout[-2000:])
"""


def measure(cmd: list[str], cwd: Path, env_extra: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time (s) and peak RSS of the largest process (MB) of ``cmd``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    r = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, env=env, cwd=cwd, check=False)
    code, seconds, rss_kb = r.stdout.split()
    if code != "0":
        sys.exit(f"{cmd[:4]} failed:\n{r.stderr}")
    return float(seconds), int(rss_kb) / 1024


def mkdocs_build(project: Path, out: Path, env_extra: dict[str, str] | None = None) -> tuple[float, float]:
    return measure([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "-f", str(project / "mkdocs.yml"), "-d", str(out)], project, env_extra)


def pagefind_executable() -> str:
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        sys.exit("Pagefind is not installed: make bench-search installs benchmarks/requirements.txt")
    return str(get_executable())


def files_of(paths: list[Path]) -> list[Path]:
    return [f for p in paths if p.exists() for f in (sorted(p.rglob("*")) if p.is_dir() else [p]) if f.is_file()]


@dataclass
class Engine:
    name: str
    site: Path
    index: list[Path]  # the search index files (size, count)
    fetch: re.Pattern[str]  # search files a query fetches (path below the site root)
    adapter: str  # "site" or an adapter in benchmarks/adapters/
    build_s: float = 0.0
    peak_mb: float = 0.0
    index_s: float | None = None
    row: dict[str, Any] = field(default_factory=dict)
    report: Report | None = None


TEXT_TYPES = {".js", ".mjs", ".json", ".css", ".html"}


def transfer_size(path: Path) -> int:
    """Bytes over the wire from a host that gzips text (JS, JSON); binary files as they are
    (the site's and Pagefind's index files are compressed already, wasm is left alone)."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in TEXT_TYPES else len(data)


def cold_query(browser: Any, base: str, engine: Engine, query: str, runs: int = 3) -> dict[str, Any]:
    """Median over cold loads (fresh context, empty cache): ms from navigation start to the
    first result in the page, and the search files fetched (count, bytes as served, gzipped)."""
    times, fetched = [], []
    for _ in range(runs):
        context = browser.new_context(bypass_csp=True)  # as in eval_search.py: comparison engines come after the CSP
        got: dict[str, int] = {}

        def on_response(r: Any, got: dict[str, int] = got) -> None:
            path = r.url.split("?")[0][len(base):] if r.url.startswith(base) else ""
            if path and engine.fetch.search(path):
                got[path] = int(r.headers.get("content-length", "0"))

        context.on("response", on_response)
        page = context.new_page()
        if engine.adapter == "lunr":  # Material's own search box: type, wait for its result list
            page.goto(base)
            page.fill("input.md-search__input", query)
            page.wait_for_function(
                "document.querySelector('.md-search-result__item') || (document.querySelector('.md-search-result__meta') && "
                "!/正在初始化|Initializing/.test(document.querySelector('.md-search-result__meta').textContent))",
                timeout=120000)
        else:  # the search page: ol.gz-results > li is the first result (or done: none found)
            page.goto(f"{base}search/?q={query}")
            page.wait_for_selector("[data-gz-search=page] ol.gz-results > li, [data-gz-search=page] [data-state=done], "
                                   "[data-gz-search=page][data-state=done]", state="attached", timeout=120000)
        times.append(page.evaluate("performance.now()"))
        page.wait_for_timeout(500)  # let the requests of that first query finish
        fetched.append(dict(got))
        context.close()
    median = sorted(range(runs), key=lambda i: times[i])[runs // 2]
    files = fetched[median]
    # The files the search page holds (gazette/publish/entry.py) count as fetched, at their sizes as files.
    for path in held_files(engine.site):
        files.setdefault(path, (engine.site / path).stat().st_size)
    zipped = sum(transfer_size(engine.site / p) for p in files if (engine.site / p).is_file())
    return {"ms": times[median], "files": len(files), "bytes": sum(files.values()), "gzip": zipped,
            "fetched": sorted(files)}


def held_files(site: Path) -> list[str]:
    """The files whose contents the site's search page holds, by their paths in the site."""
    page = site / "search" / "index.html"
    return held_paths(page.read_text(encoding="utf-8")) if page.is_file() else []


_INDEX_ONLY = """
import sys, tempfile, time
from pathlib import Path
from gazette.derive.catalog import build_library
from gazette.publish.search import build_search_index
library = build_library(Path(sys.argv[1]))
with tempfile.TemporaryDirectory() as out:
    t = time.perf_counter()
    build_search_index(library, Path(out))
    print(time.perf_counter() - t)
"""


def index_time(project: Path) -> float:
    """The site's index step alone (gazette.publish.search on the loaded library), seconds."""
    r = subprocess.run([sys.executable, "-c", _INDEX_ONLY, str(project / "data")], capture_output=True, text=True,
                       cwd=project, check=False)
    if r.returncode:
        sys.exit(f"indexing failed:\n{r.stderr[-3000:]}")
    return float(r.stdout.split()[-1])


def comparison_project(project: Path, dest: Path, lunr: bool) -> Path:
    """A copy of ``project`` whose build skips the site's own index (and, for ``lunr``,
    turns Material's search plugin on with its setting for Chinese)."""
    shutil.copytree(project, dest)
    cfg = dest / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    text = re.sub(r"^hooks:\n", lambda _: f"hooks:\n  - {NO_SITE_INDEX}\n", text, count=1, flags=re.MULTILINE)
    if lunr:
        search = "  - search:\n      separator: '[\\s\\u200b\\-]'\n"  # jieba's words are joined by \u200b
        if re.search(r"^plugins: \[\]", text, flags=re.MULTILINE):
            text = re.sub(r"^plugins: \[\]", lambda _: "plugins:\n" + search.rstrip("\n"), text, count=1, flags=re.MULTILINE)
        else:
            text = re.sub(r"^plugins:\n", lambda _: "plugins:\n" + search, text, count=1, flags=re.MULTILINE)
    cfg.write_text(text, encoding="utf-8")
    return dest


def build_all(project: Path, tmp: Path, only_site: bool = False) -> dict[str, Engine]:
    engines: dict[str, Engine] = {}

    out = tmp / "site-gazette"
    e = Engine("this site", out, [out / "search"], re.compile(r"^search/.|^assets/search\.js$|^assets/rules\.js(on)?$"), "site")
    e.build_s, e.peak_mb = mkdocs_build(project, out)
    e.adapter = site_engine(out)
    engines["gazette"] = e
    print(f"built this site: {e.build_s:.0f} s, {e.peak_mb:.0f} MB", flush=True)
    if only_site:
        return engines

    out = tmp / "site-pagefind"
    e = Engine("Pagefind 1.5.2", out, [out / "pagefind"], re.compile(r"^pagefind/|^assets/search\.js$"), "pagefind")
    base_s, base_mb = mkdocs_build(comparison_project(project, tmp / "project-base", lunr=False), out, INDEX_OFF)
    left = [f for f in files_of([out / "search"]) if f.name != "index.html"]
    if left:
        sys.exit(f"the site's own index was built all the same: {left[:3]}")
    shutil.copy(ADAPTERS / "pagefind.js", out / "assets" / "search.js")
    e.index_s, pf_mb = measure([pagefind_executable(), "--site", str(out), "--output-subdir", "pagefind",
                                "--glob", PAGEFIND_GLOB, "--root-selector", PAGEFIND_ROOT,
                                "--exclude-selectors", PAGEFIND_EXCLUDE, "--silent"], tmp)
    e.build_s, e.peak_mb = base_s + e.index_s, max(base_mb, pf_mb)
    engines["pagefind"] = e
    engines["gazette"].index_s = index_time(project)
    print(f"built without the site's index: {base_s:.0f} s, {base_mb:.0f} MB; Pagefind: {e.index_s:.1f} s, {pf_mb:.0f} MB",
          flush=True)

    out = tmp / "site-lunr"
    e = Engine("Material lunr", out, [out / "search" / "search_index.json"],
               re.compile(r"^search/search_index\.json$|^assets/javascripts/workers/"), "lunr")
    e.build_s, e.peak_mb = mkdocs_build(comparison_project(project, tmp / "project-lunr", lunr=True), out, INDEX_OFF)
    e.index_s = max(0.0, e.build_s - base_s)
    engines["lunr"] = e
    print(f"built with Material's lunr: {e.build_s:.0f} s, {e.peak_mb:.0f} MB", flush=True)
    return engines


def print_t2s(site: Path) -> None:
    """The OpenCC traditional → simplified table: its traditional characters in meta.bin, their
    simplified ones in a file the browser fetches only when needed (gazette/publish/search_format.py)."""
    import base64
    import gzip

    from gazette.publish.search_format import META, PATHS, decode_file, decode_t2s

    meta = json.loads(decode_file((site / "search" / META).read_bytes()))
    keys = base64.b64decode(meta["t2s"])
    values = decode_file((site / "search" / meta["build"] / PATHS["t2s"]).read_bytes())
    pairs = len(decode_t2s(keys, values))
    print(f"OpenCC t2s table: {pairs:,} characters (varint deltas): {len(gzip.compress(keys)) / 1e3:.1f} KB gzip "
          f"in meta.bin, {len(gzip.compress(values)) / 1e3:.1f} KB gzip in {PATHS['t2s']} (fetched when needed)", flush=True)


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--years", type=int, default=20)
    ap.add_argument("--per-issue", type=int, default=21)
    ap.add_argument("--query", default="经济普查", help="the query of the cold page-load timing")
    ap.add_argument("--seed", type=int, default=14, help="seed of the evaluation queries")
    ap.add_argument("--engines", default="gazette,pagefind,lunr", help="which engines' quality to evaluate")
    ap.add_argument("--cap", type=int, default=100_000, help="read at most this many results per query")
    ap.add_argument("--keep", action="store_true", help="keep the temporary project and sites")
    ap.add_argument("--only-site", action="store_true",
                    help="build and measure this site only (first-query bytes, OpenCC table), no comparison")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from gazette.derive.catalog import build_library

    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    project = copy_project(tmp / "project")
    t = time.perf_counter()
    docs = generate(project, args.years, args.per_issue)
    print(f"corpus: {docs} documents, {args.years * 12} issues, generated in {time.perf_counter() - t:.1f} s", flush=True)

    engines = build_all(project, tmp, args.only_site)
    print_t2s(engines["gazette"].site)
    if args.only_site:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            e = engines["gazette"]
            server, base = serve(e.site)
            try:
                e.row.update(cold_query(browser, base, e, args.query))
            finally:
                server.shutdown()
            browser.close()
        kb = e.row["bytes"] / 1e3
        verdict = "met" if kb <= TARGET_FIRST_QUERY_KB else "NOT met"
        print(f"{docs:,} documents; cold query {args.query!r}: {e.row['files']} index files; first query fetched "
              f"{kb:.0f} KB as served ({e.row['gzip'] / 1e3:.0f} KB with HTTP gzip of text files) in "
              f"{len(e.row['fetched'])} files; first result after {e.row['ms']:.0f} ms")
        print(f"target: first query ≤ {TARGET_FIRST_QUERY_KB} KB: {verdict} ({kb:.0f} KB)")
        print("first-query files:", e.row["fetched"])
        if not args.keep:
            shutil.rmtree(tmp)
        return
    for e in engines.values():
        index = files_of(e.index)
        e.row.update(files=len(index), index_bytes=sum(f.stat().st_size for f in index))

    library = build_library(project / "data")
    queries = generate_queries(library, args.seed)
    print(f"{len(queries)} evaluation queries (seed {args.seed})", flush=True)
    evaluated = set(args.engines.split(","))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for key, e in engines.items():
            server, base = serve(e.site)
            try:
                e.row.update(cold_query(browser, base, e, args.query))
                print(f"{e.name}: first result after {e.row['ms']:.0f} ms, {e.row['files']} files", flush=True)
                if key in evaluated:
                    t = time.perf_counter()
                    page = open_search(browser, base, e.adapter)
                    e.report = evaluate(page, queries, cap=args.cap)
                    page.close()
                    print(f"{e.name}: {len(queries)} queries evaluated in {time.perf_counter() - t:.0f} s", flush=True)
            finally:
                server.shutdown()
        browser.close()

    print()
    print(f"{docs:,} documents; cold query {args.query!r} (median of 3 loads); bytes as served (no HTTP compression) / with HTTP gzip of text files")
    head = (f"{'':16} {'build s':>7} {'index s':>7} {'peak MB':>7} {'files':>6} {'index MB':>8} "
            f"{'1st query KB':>14} {'load→1st ms':>11} {'recall':>6} {'prec.':>6} {'top-1':>6} {'dept 1st':>8} {'文号 1st':>8}")
    print(head)
    for e in engines.values():
        r = e.row
        q = e.report.figures() if e.report else {}

        def fmt(k: str, q: dict[str, float] = q) -> str:
            return f"{q[k]:.3f}" if k in q else "-"

        print(f"{e.name:16} {e.build_s:7.0f} {e.index_s or 0:7.1f} {e.peak_mb:7.0f} {r['files']:6d} "
              f"{r['index_bytes'] / 1e6:8.2f} {r['bytes'] / 1e3:7.0f}/{r['gzip'] / 1e3:<6.0f} {r['ms']:11.0f} "
              f"{fmt('recall'):>6} {fmt('precision'):>6} {fmt('top1'):>6} {fmt('dept_first'):>8} {fmt('wenhao_first'):>8}")

    ours, pf, lunr = engines["gazette"], engines["pagefind"], engines["lunr"]
    print()
    for other in (pf, lunr):
        print(f"this site / {other.name}: whole build {ratio(ours.build_s, other.build_s)}, "
              f"index build {ratio(ours.index_s, other.index_s)}, peak memory {ratio(ours.peak_mb, other.peak_mb)}, "
              f"index bytes {ratio(ours.row['index_bytes'], other.row['index_bytes'])}, "
              f"first-query bytes {ratio(ours.row['bytes'], other.row['bytes'])}, "
              f"load→first result {ratio(ours.row['ms'], pf.row['ms'] if other is pf else other.row['ms'])}")
    kb = ours.row["bytes"] / 1e3
    verdicts = [
        (f"first query ≤ {TARGET_FIRST_QUERY_KB} KB", kb <= TARGET_FIRST_QUERY_KB, f"{kb:.0f} KB"),
        ("load → first result ≤ ½ Pagefind's", ours.row["ms"] <= pf.row["ms"] / 2, f"{ours.row['ms'] / pf.row['ms']:.2f}×"),
        (f"whole-build peak ≤ {TARGET_PEAK_MB} MB", ours.peak_mb <= TARGET_PEAK_MB, f"{ours.peak_mb:.0f} MB"),
        ("index build no slower than Pagefind's", (ours.index_s or 0) <= (pf.index_s or 0),
         f"{ours.index_s:.1f} s vs {pf.index_s:.1f} s"),
    ]
    print("targets: " + "; ".join(f"{name}: {'met' if ok else 'NOT met'} ({v})" for name, ok, v in verdicts))
    for e in engines.values():
        if e.report:
            print()
            for line in lines(e.report, f"quality at {docs:,} documents, {e.name}:", worst=5):
                print(line)
    summary = {k: {"build_s": e.build_s, "index_s": e.index_s, "peak_mb": e.peak_mb,
                   **{n: v for n, v in e.row.items() if n != "fetched"},
                   **(e.report.figures() if e.report else {})} for k, e in engines.items()}
    print(json.dumps(summary, ensure_ascii=False))
    print("first-query files:", {k: e.row["fetched"] for k, e in engines.items()})
    if args.keep:
        print(f"kept: {tmp}")
    else:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
