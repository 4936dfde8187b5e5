"""Whole-site link check: every internal href/src of every built HTML page resolves to a file,
every #fragment to an id on the target page, and no page loads anything from another host."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

pytestmark = pytest.mark.site

# tests/conftest.py builds with SITE_URL=https://example.test/zhengbao/; absolute paths carry that base
BASE_PATH = "/zhengbao/"

# attributes that make the browser fetch something while showing the page
RESOURCE_XPATH = (
    "//script/@src | //img/@src | //img/@srcset | //iframe/@src | //source/@src | //video/@src | //audio/@src"
    " | //link[not(@rel='canonical' or @rel='alternate')]/@href | //object/@data | //embed/@src"
)
LINK_XPATH = "//a/@href | //area/@href | //link/@href | //form/@action | //*[@src]/@src"


@dataclass(frozen=True)
class Link:
    page: str
    url: str


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@cache
def _ids(path: Path) -> frozenset[str]:
    tree = lxml.html.parse(str(path))
    return frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))


def _target(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file ``url`` names from ``page`` (None if it cannot be one), and its fragment."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    if path.startswith("/"):
        if not path.startswith(BASE_PATH):
            return None, parts.fragment
        rel = path[len(BASE_PATH):]
    else:
        rel = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), path))
        if rel.startswith(".."):
            return None, parts.fragment  # escapes the site
    target = site / rel
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def _is_internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


@pytest.fixture(scope="module")
def links(site: Path) -> list[Link]:
    found: list[Link] = []
    for page in _pages(site):
        tree = lxml.html.parse(str(page))
        for url in tree.xpath(LINK_XPATH):
            found.append(Link(page.relative_to(site).as_posix(), url.strip()))
    return found


def test_every_internal_link_resolves(site: Path, links: list[Link]) -> None:
    broken: list[str] = []
    checked = 0
    for link in links:
        if not _is_internal(link.url):
            continue
        checked += 1
        page = site / link.page
        target, fragment = _target(site, page, link.url)
        if target is None or not target.is_file():
            broken.append(f"{link.page}: {link.url} (no file)")
            continue
        if fragment and target.suffix == ".html" and unquote(fragment) not in _ids(target):
            broken.append(f"{link.page}: {link.url} (no id {fragment!r} on {target.relative_to(site)})")
    print(f"\nlink check: {len(_pages(site))} pages, {checked} internal links, {len(broken)} broken")
    assert checked > 100
    assert not broken, "\n".join(broken[:50])


def test_no_page_requests_another_host(site: Path) -> None:
    offenders = []
    for page in _pages(site):
        tree = lxml.html.parse(str(page))
        for url in tree.xpath(RESOURCE_XPATH):
            for candidate in url.split(","):
                candidate = candidate.strip().split(" ")[0]
                if candidate and not candidate.startswith("data:") and not _is_internal(candidate):
                    offenders.append(f"{page.relative_to(site)}: {candidate}")
    assert not offenders, "\n".join(offenders[:50])


def test_no_script_urls(links: list[Link]) -> None:
    assert not [link for link in links if link.url.lower().startswith(("javascript:", "vbscript:", "data:text/html"))]
