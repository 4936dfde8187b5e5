"""Atom feed, sitemap, robots.txt, canonical and feed-discovery links, read back from the built site."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree as etree
import lxml.html
import pytest

from gazette.derive.anchors import document_citation
from gazette.derive.views import Library
from tests.conftest import read
from tests.publishing.conftest import SITE_URL, page_url

pytestmark = pytest.mark.site

A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CST = dt.timezone(dt.timedelta(hours=8))


def local(site: Path, url: str) -> Path:
    """The built file an absolute site URL names."""
    assert url.startswith(SITE_URL), url
    rel = url[len(SITE_URL):]
    return site / rel / "index.html" if rel == "" or rel.endswith("/") else site / rel


def stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=CST).isoformat()


@pytest.fixture(scope="module")
def feed(site: Path) -> etree._Element:
    return etree.parse(str(site / "feed.xml")).getroot()


def test_feed_is_atom_with_required_elements(feed: etree._Element) -> None:
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{A}{name}") is not None, name
    self_link = feed.xpath("a:link[@rel='self']/@href", namespaces={"a": A[1:-1]})
    assert self_link == [SITE_URL + "feed.xml"]
    entries = feed.findall(f"{A}entry")
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(ids) == len(set(ids)), "entry ids are unique"
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{A}{name}") or "").strip(), name
        links = entry.findall(f"{A}link")
        assert len(links) == 1 and links[0].get("rel", "alternate") == "alternate"
        dt.datetime.fromisoformat(entry.findtext(f"{A}updated"))  # RFC 3339
    updates = [dt.datetime.fromisoformat(e.findtext(f"{A}updated")) for e in entries]
    assert dt.datetime.fromisoformat(feed.findtext(f"{A}updated")) == max(updates)


def test_feed_has_every_issue_and_document_with_record_dates(site: Path, feed: etree._Element, library: Library) -> None:
    entries = {e.findtext(f"{A}id"): e for e in feed.findall(f"{A}entry")}
    expected = []
    for issue in library.issues:
        expected.append(SITE_URL + issue.url)
        expected += [SITE_URL + d.url for d in issue.documents]
    assert list(entries) == expected, "newest issue first, each followed by its documents in printed order"
    for issue in library.issues:
        entry = entries[SITE_URL + issue.url]
        assert entry.findtext(f"{A}updated") == stamp(issue.record.published)
        assert issue.title in entry.findtext(f"{A}title")
    for doc in library.documents:
        entry = entries[SITE_URL + doc.url]
        assert entry.findtext(f"{A}published") == stamp(doc.record.date)
        assert entry.findtext(f"{A}updated") == stamp(max(doc.record.date, doc.issue.record.published))
        assert entry.findtext(f"{A}title") == document_citation(doc.record.title, doc.number)
        assert [a.findtext(f"{A}name") for a in entry.findall(f"{A}author")] == list(doc.record.issuers)
    for entry in entries.values():
        assert local(site, entry.find(f"{A}link").get("href")).is_file()


def test_every_page_advertises_the_feed(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        tree = lxml.html.parse(str(page))
        hrefs = tree.xpath("//head/link[contains(concat(' ', @rel, ' '), ' alternate ')"
                           " and @type='application/atom+xml']/@href")
        # Never rel exactly "alternate": Material would fetch and parse the whole sitemap on every page.
        assert not tree.xpath("//head/link[@rel='alternate']"), page
        # The site feed first; document and department pages add their issuer's or unit's own.
        assert 1 <= len(hrefs) <= 2, page
        if page.name == "index.html":
            assert (page.parent / hrefs[0]).resolve() == (site / "feed.xml").resolve(), page
            for href in hrefs[1:]:
                assert (page.parent / href).resolve().is_file(), page


def test_canonical_links_use_site_url(site: Path) -> None:
    for index in sorted(site.rglob("index.html")):
        tree = lxml.html.parse(str(index))
        assert tree.xpath("//head/link[@rel='canonical']/@href") == [SITE_URL + page_url(site, index)], index


@pytest.fixture(scope="module")
def sitemap(site: Path) -> dict[str, str | None]:
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    assert root.tag == f"{SM}urlset"
    return {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root.findall(f"{SM}url")}


def test_sitemap_lists_every_page_once(site: Path, sitemap: dict[str, str | None], library: Library) -> None:
    # a natural person's old URL (a notice, no unit page) is not listed
    notices = {SITE_URL + person.url for person in library.persons}
    assert notices and not notices & set(sitemap)
    pages = {SITE_URL + page_url(site, p) for p in site.rglob("index.html")} - notices
    assert set(sitemap) == pages
    assert len(sitemap) == len(pages)


def test_sitemap_lastmod_comes_from_the_records(sitemap: dict[str, str | None], library: Library) -> None:
    newest = max(i.record.published for i in library.issues)
    for issue in library.issues:
        assert sitemap[SITE_URL + issue.url] == issue.record.published.isoformat()
    for doc in library.documents:
        assert sitemap[SITE_URL + doc.url] == max(doc.record.date, doc.issue.record.published).isoformat()
    assert sitemap[SITE_URL] == newest.isoformat()
    assert sitemap[SITE_URL + "latest/"] == newest.isoformat()
    dates = {dt.date.fromisoformat(v) for v in sitemap.values() if v}
    assert dates and max(dates) <= newest, "no build or git date leaks in"


def test_sitemap_gz_is_the_same_sitemap(site: Path) -> None:
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == (site / "sitemap.xml").read_bytes()
    assert packed[4:8] == b"\0\0\0\0", "gzip mtime is 0 (reproducible)"


def test_robots_txt_points_to_the_sitemap(site: Path) -> None:
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines
    assert urlsplit(SITE_URL + "sitemap.xml").scheme == "https"


def test_latest_page_lists_each_issue_newest_first(site: Path, library: Library) -> None:
    tree = lxml.html.fromstring(read(site, "latest/"))
    sections = tree.xpath("//section[contains(@class, 'gz-latest-issue')]")
    # the ids old links name (issue-2018-05), as the view defines them (IssueRef.anchor)
    assert [s.xpath(".//h2/@id")[0] for s in sections] == [f"issue-{i.id}" for i in library.issues]
    assert [s.get("aria-labelledby") for s in sections] == [i.anchor for i in library.issues]
    published = [i.record.published for i in library.issues]
    assert published == sorted(published, reverse=True)
    for section, issue in zip(sections, library.issues):
        assert section.xpath(".//p/time/@datetime") == [issue.record.published.isoformat()]
        items = section.xpath(".//ol/li")
        assert len(items) == len(issue.documents)
        for item, doc in zip(items, issue.documents):
            assert (site / "latest" / item.xpath("./a/@href")[0] / "index.html").resolve() == (site / doc.url / "index.html").resolve()
            assert item.xpath(".//time/@datetime") == [doc.record.date.isoformat()]
    nav = lxml.html.fromstring(read(site, "")).xpath("//nav//a[normalize-space()='最新']/@href")
    assert nav, "最新 is in the navigation"
