"""Reading at scale: page weight of the built site on a generated library, and
Lighthouse's performance score for the pages a reader opens first.

    make bench-reading          # 5,040 documents (20 years x 12 issues x 21)
    .venv/bin/python benchmarks/reading.py --years 2 --per-issue 5   # quick look

Builds the generated library (benchmarks/corpus.py) with a public SITE_URL as
a published build would, then prints the largest HTML pages with their gzip
size and how many exceed the 250 KB page budget, and Lighthouse's mobile
scores (pinned npm ``lighthouse``, Debian's Chromium) for home, an issue, a
document, a department and search, served on 127.0.0.1. Prints numbers;
asserts nothing (the page budget and the Lighthouse thresholds other than
performance are tests).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import posixpath
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import generate  # noqa: E402
from tests.lighthouse import CATEGORIES, audit, available  # noqa: E402
from tests.project import build, copy_project  # noqa: E402

BUDGET = 250 * 1024
# Issue 23's targets for a slow phone: the document page's LCP 2.5 s, home and search 2.0 s.
LCP_TARGET = {"home": 2.0, "search": 2.0}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".bin", ".csv", ".ics")


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


def page_sizes(site: Path) -> list[tuple[int, int, str]]:
    """(bytes, gzip bytes, site-relative path) of every HTML page, largest first."""
    sizes = []
    for path in site.rglob("*.html"):
        data = path.read_bytes()
        sizes.append((len(data), len(gzip.compress(data, 6)), path.relative_to(site).as_posix()))
    return sorted(sizes, reverse=True)


def reading_pages(site: Path, sizes: list[tuple[int, int, str]]) -> dict[str, str]:
    """Home, the newest issue, its first document, the heaviest department page, search."""
    issues = sorted(p.parent.name for p in (site / "issues").glob("*/index.html"))
    home = lxml.html.parse(str(site / "issues" / issues[-1] / "index.html"))
    first_doc = home.xpath("//ol[contains(@class, 'gz-toc')]//a/@href")[0]
    document = posixpath.normpath(posixpath.join(f"issues/{issues[-1]}/", first_doc)) + "/"
    department = next(rel for _, _, rel in sizes if re.fullmatch(r"departments/[^/]+/index\.html", rel))
    return {"home": "", "issue": f"issues/{issues[-1]}/", "document": document,
            "department": department[: -len("index.html")], "search": "search/"}


def lighthouse(site: Path, sizes: list[tuple[int, int, str]]) -> None:
    reason = available()
    if reason:
        print(f"Lighthouse not run: {reason}")
        return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        pages = reading_pages(site, sizes)
        results = audit([base + url for url in pages.values()])
    finally:
        server.shutdown()
    print("Lighthouse 12.2.3, mobile (simulated throttling), served with gzip:")
    print("  performance / accessibility / best practices / SEO; FCP, LCP, TBT in seconds; CLS")
    print(f"  {'page':<11} {'scores':<18} {'FCP':>5} {'LCP':>5} {'TBT':>5} {'CLS':>5}  target")
    for name, url in pages.items():
        r = results[base + url]
        scores = " / ".join("-" if r[c] is None else f"{round(r[c] * 100)}" for c in CATEGORIES)
        m = r.get("metrics") or {}
        sec = lambda v: "-" if v is None else f"{v / 1000:.2f}"  # noqa: E731
        cls = "-" if m.get("cls") is None else f"{m['cls']:.3f}"
        target = f"LCP ≤ {LCP_TARGET.get(name, 2.5)} s, TBT ≤ 0.2 s, CLS ≤ 0.1"
        print(f"  {name:<11} {scores:<18} {sec(m.get('fcp')):>5} {sec(m.get('lcp')):>5} {sec(m.get('tbt')):>5} {cls:>5}  {target}"
              f"  {url or '(home)'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--per-issue", type=int, default=21)
    parser.add_argument("--top", type=int, default=8, help="how many of the largest pages to list")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-reading-") as tmp:
        project = copy_project(Path(tmp) / "project")
        total = generate(project, args.years, args.per_issue)
        site = Path(tmp) / "site"
        started = time.perf_counter()
        result = build(project, site)
        if result.returncode != 0:
            sys.exit(f"build failed:\n{result.stderr[-3000:]}")
        print(f"library: {total} documents; strict build {time.perf_counter() - started:.0f} s")
        sizes = page_sizes(site)
        over = [s for s in sizes if s[0] > BUDGET]
        print(f"HTML pages: {len(sizes)}; over {BUDGET // 1024} KB: {len(over)}")
        print(f"{'KB':>8} {'gzip KB':>8}  page")
        for raw, packed, rel in sizes[: args.top]:
            print(f"{raw / 1024:8.1f} {packed / 1024:8.1f}  {rel}")
        print("Pages the issue named (最新, 文件目录, 文号查找, the heaviest department entry page):")
        by_path = {rel: (raw, packed) for raw, packed, rel in sizes}
        department = next(rel for _, _, rel in sizes if re.fullmatch(r"departments/[^/]+/index\.html", rel))
        for rel in ("latest/index.html", "documents/index.html", "lookup/index.html", department):
            raw, packed = by_path[rel]
            print(f"{raw / 1024:8.1f} {packed / 1024:8.1f}  {rel}")
        if not args.no_lighthouse:
            lighthouse(site, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
