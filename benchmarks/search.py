"""Search at scale: Pagefind vs Material's lunr search on a generated library.

    make bench-search            # 5,040 documents (20 years x 12 issues x 21)
    .venv/bin/python benchmarks/search.py --years 2 --per-issue 5   # quick look

Generates distinct documents by recombining real sentences from the records in
data/ into YAML records in a temporary copy of the project, builds that copy
twice (Pagefind, the site's search; then Material's search plugin with
Pagefind off) and prints, side by side: build time, peak memory, size of the
search files, bytes a first query fetches and the cold page-load → first
result time in headless Chromium. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import generate  # noqa: E402
from tests.project import copy_project  # noqa: E402  (the same project copy the tests use)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.stderr.write(r.stderr[-3000:])
"""


def build(project: Path, out: Path, env_extra: dict[str, str]) -> tuple[float, float]:
    """Build time (s) and peak RSS of the largest process (MB: mkdocs or pagefind)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env_extra}
    cmd = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
           "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project)
    code, seconds, rss_kb = r.stdout.split()
    if code != "0":
        sys.exit(f"build failed:\n{r.stderr}")
    return float(seconds), int(rss_kb) / 1024


def size(paths: list[Path]) -> tuple[int, int]:
    files = [f for p in paths for f in (p.rglob("*") if p.is_dir() else [p]) if f.is_file()]
    return len(files), sum(f.stat().st_size for f in files)


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def browser_runs(browser, base: str, kind: str, query: str, runs: int = 3) -> dict:
    """Median over cold loads (fresh context, empty cache) of: ms from navigation
    start to the first result on screen, and bytes of search files fetched
    (page and web worker requests, Content-Length as served)."""
    pattern = re.compile(r"/pagefind/" if kind == "pagefind" else r"search|lunr")
    times, fetched, found = [], [], []
    for _ in range(runs):
        context = browser.new_context()
        total = [0]
        context.on("response", lambda r, total=total: pattern.search(r.url) and total.__setitem__(
            0, total[0] + int(r.headers.get("content-length", "0"))))
        page = context.new_page()
        if kind == "pagefind":
            page.goto(f"{base}search/?q={query}")
            page.wait_for_selector(".gz-results .gz-result", state="attached", timeout=60000)
            times.append(page.evaluate("performance.now()"))
            page.wait_for_selector("[data-gz-search=page][data-state=done]", state="attached", timeout=60000)
            found.append(len(page.query_selector_all(".gz-results .gz-result")))
        else:
            page.goto(base)
            page.fill("input.md-search__input", query)
            page.wait_for_function(
                "document.querySelector('.md-search-result__item') || (document.querySelector('.md-search-result__meta') && "
                "!/正在初始化|Initializing/.test(document.querySelector('.md-search-result__meta').textContent))",
                timeout=60000)
            times.append(page.evaluate("performance.now()"))
            found.append(len(page.query_selector_all(".md-search-result__item")))
        page.wait_for_timeout(300)
        fetched.append(total[0])
        context.close()
    return {"ms": sorted(times)[len(times) // 2], "fetched": sorted(fetched)[len(fetched) // 2], "results": found[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--years", type=int, default=20)
    ap.add_argument("--per-issue", type=int, default=21)
    ap.add_argument("--query", default="经济普查")
    ap.add_argument("--keep", action="store_true", help="keep the temporary project")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    project = copy_project(tmp / "project")
    t = time.perf_counter()
    docs = generate(project, args.years, args.per_issue)
    print(f"corpus: {docs} documents, {args.years * 12} issues, generated in {time.perf_counter() - t:.1f} s")

    rows: dict[str, dict] = {}
    pf_out = tmp / "site-pagefind"
    seconds, rss = build(project, pf_out, {})
    n, b = size([pf_out / "pagefind"])
    rows["Pagefind (this site)"] = {"build_s": seconds, "peak_mb": rss, "files": n, "bytes": b}

    lunr_project = tmp / "project-lunr"
    shutil.copytree(project, lunr_project)
    cfg = lunr_project / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("plugins: []", "plugins:\n  - search"), encoding="utf-8")
    lunr_out = tmp / "site-lunr"
    seconds, rss = build(lunr_project, lunr_out, {"GAZETTE_PAGEFIND": "off"})
    index = lunr_out / "search" / "search_index.json"
    n, b = size([index])
    rows["Material lunr"] = {"build_s": seconds, "peak_mb": rss, "files": n, "bytes": b,
                             "gzip": len(gzip.compress(index.read_bytes()))}

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, out, kind in (("Pagefind (this site)", pf_out, "pagefind"), ("Material lunr", lunr_out, "lunr")):
            server, base = serve(out)
            try:
                rows[name].update(browser_runs(browser, base, kind, args.query))
            finally:
                server.shutdown()
        browser.close()

    print(f"query: {args.query!r} (median of 3 cold loads; bytes = search files fetched, as served, no HTTP compression)")
    print(f"{'':22} {'build s':>8} {'peak MB':>8} {'files':>7} {'index MB':>9} {'1st query KB':>13} {'load→result ms':>15} {'results':>8}")
    for name, r in rows.items():
        print(f"{name:22} {r['build_s']:8.1f} {r['peak_mb']:8.0f} {r['files']:7d} {r['bytes'] / 1e6:9.2f} "
              f"{r['fetched'] / 1e3:13.0f} {r['ms']:15.0f} {r['results']:8d}")
    if "gzip" in rows["Material lunr"]:
        print(f"(lunr search_index.json gzipped: {rows['Material lunr']['gzip'] / 1e6:.1f} MB)")
    print(json.dumps(rows, ensure_ascii=False))
    if args.keep:
        print(f"kept: {tmp}")
    else:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
