"""Link check of a built site, run by the publish command before it swaps the site in.

Every internal ``href``/``src`` of every HTML page must name a file of the
site and every ``#fragment`` an id on the target page; no page may load a
resource from another host. Everything is read from disk, so it takes seconds
(LinkChecker 10.6 over the same site took 72 s from ``file://``, where it cannot
check fragments of directory URLs, and about 5 minutes over local HTTP).
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

LINK_XPATH = "//a/@href | //area/@href | //link/@href | //form/@action | //*[@src]/@src"
# Attributes that make the browser fetch something while showing the page.
RESOURCE_XPATH = (
    "//script/@src | //img/@src | //iframe/@src | //source/@src | //video/@src | //audio/@src"
    " | //link[not(@rel='canonical' or @rel='alternate')]/@href | //object/@data | //embed/@src"
)


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken and not self.third_party

    def summary(self) -> str:
        return (f"链接检查：{self.pages} 个页面，{self.links} 个站内链接，{len(self.broken)} 个失效，"
                f"{len(self.third_party)} 处加载第三方资源")


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


class _Site:
    def __init__(self, root: Path, base_path: str):
        self.root, self.base_path = root, base_path
        self._ids: dict[Path, frozenset[str]] = {}

    def ids(self, page: Path) -> frozenset[str]:
        if page not in self._ids:
            tree = lxml.html.parse(str(page))
            self._ids[page] = frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))
        return self._ids[page]

    def target(self, page: Path, url: str) -> tuple[Path | None, str]:
        """The file ``url`` names from ``page`` (None if outside the site) and its fragment."""
        parts = urlsplit(url)
        path = unquote(parts.path)
        if not path:
            return page, unquote(parts.fragment)
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                return None, parts.fragment
            rel = path[len(self.base_path):]
        else:
            rel = posixpath.normpath(posixpath.join(page.parent.relative_to(self.root).as_posix(), path))
            if rel.startswith(".."):
                return None, parts.fragment
        target = self.root / rel
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target, unquote(parts.fragment)


def check_site(root: Path, site_url: str = "/") -> Report:
    site = _Site(root, urlsplit(site_url).path or "/")
    report = Report()
    for page in sorted(root.rglob("*.html")):
        report.pages += 1
        name = page.relative_to(root).as_posix()
        tree = lxml.html.parse(str(page))
        for url in tree.xpath(RESOURCE_XPATH):
            url = url.strip()
            if url and not url.startswith("data:") and _external(url):
                report.third_party.append(f"{name}: loads {url}")
        for url in tree.xpath(LINK_XPATH):
            url = url.strip()
            if not url or _external(url):
                continue
            report.links += 1
            target, fragment = site.target(page, url)
            if target is None or not target.is_file():
                report.broken.append(f"{name}: {url} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in site.ids(target):
                report.broken.append(f"{name}: {url} (no id {fragment!r} on {target.relative_to(root).as_posix()})")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check every internal link and fragment of a built site.")
    parser.add_argument("site", type=Path)
    parser.add_argument("--site-url", default="/", help="the site_url it was built with (for absolute paths)")
    args = parser.parse_args(argv)
    report = check_site(args.site, args.site_url)
    for line in report.broken + report.third_party:
        print(line, file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
