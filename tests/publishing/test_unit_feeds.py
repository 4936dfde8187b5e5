"""A feed for every unit and issuer (issue 22, item 3): valid Atom as a feed reader parses it
(feedparser), linked from the page with a visible 订阅 link, stable ids, dates in +08:00, the
newest FEED_LIMIT entries, and each department entry listing that unit's tasks."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import feedparser
import lxml.etree as etree
import lxml.html
import pytest

from gazette.derive.anchors import document_citation
from gazette.derive.views import FEED_LIMIT, Library, issuer_feed_url
from gazette.publish import feeds
from gazette.publish.siteurl import SiteLinks
from gazette.vocab.roles import ROLE_LABELS
from tests.conftest import read
from tests.publishing.conftest import SITE_URL

pytestmark = pytest.mark.site

A = "{http://www.w3.org/2005/Atom}"


def _parse(site: Path, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10", path
    return parsed


def _check_feed(site: Path, path: str, page: str) -> feedparser.FeedParserDict:
    parsed = _parse(site, path)
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"alternate": SITE_URL + page, "self": SITE_URL + path}
    assert (site / page / "index.html").is_file()
    assert parsed.feed.id == SITE_URL + path
    entries = parsed.entries
    assert len(entries) <= FEED_LIMIT
    assert len({e.id for e in entries}) == len(entries)
    stamps = [dt.datetime.fromisoformat(e.updated) for e in entries]
    assert stamps == sorted(stamps, reverse=True), f"{path}: newest first"
    for entry in entries:
        for value in (entry.updated, entry.published):
            assert value.endswith("+08:00"), value
        assert entry.link.startswith(SITE_URL)
        assert (site / entry.link[len(SITE_URL):] / "index.html").is_file()
    return parsed


def test_every_department_has_a_feed_of_its_documents_and_tasks(site: Path, library: Library) -> None:
    with_tasks = 0
    for dept in library.departments:
        parsed = _check_feed(site, dept.feed_url, dept.url)
        by_doc: dict[str, list[str]] = {}
        for a in dept.assignments:
            by_doc.setdefault(a.task.doc.id, []).append(f"【{ROLE_LABELS[a.role]}】")
        expected = {d.id for d in dept.documents} | set(by_doc)
        got = {}
        for entry in parsed.entries:
            prefix = SITE_URL + dept.url + "#"
            assert entry.id.startswith(prefix), "ids are stable: the unit's page and the document id"
            got[entry.id[len(prefix):]] = entry
        assert set(got) == expected if len(expected) <= FEED_LIMIT else len(got) == FEED_LIMIT
        for doc_id, entry in got.items():
            doc = library.document(doc_id)
            assert entry.link == SITE_URL + doc.url and doc.number in entry.title
            tasks = [a.task for a in dept.assignments if a.task.doc.id == doc_id]
            if tasks:
                with_tasks += 1
                assert f"本单位任务 {len(tasks)} 项" in entry.summary
                for task in tasks:
                    assert task.text in entry.summary
                    if task.deadline:
                        assert f"期限：{task.deadline.text}" in entry.summary
            else:
                assert "未分派任务" in entry.summary
    assert with_tasks > 50  # the check above ran on real task lists


def test_every_issuer_has_a_feed(site: Path, library: Library) -> None:
    for issuer in library.issuers:
        parsed = _check_feed(site, issuer_feed_url(issuer), "documents/")
        docs = [d for d in library.documents if d.issuer.code == issuer.code]
        assert [e.link for e in parsed.entries] == [SITE_URL + d.url for d in feeds.newest(docs)][:FEED_LIMIT]
        assert {e.id for e in parsed.entries} <= {SITE_URL + d.url for d in docs}


def test_site_feed_parses(site: Path) -> None:
    parsed = _parse(site, "feed.xml")
    assert 0 < len(parsed.entries) <= FEED_LIMIT


def test_a_documents_entry_is_titled_as_it_is_cited(site: Path, library: Library) -> None:
    """《标题》（文号） with full-width brackets, as the page's citation, not "标题(文号)"."""
    doc = feeds.newest(list(library.documents))[0]
    parsed = _parse(site, issuer_feed_url(doc.issuer))
    titles = {e.link: e.title for e in parsed.entries}
    assert titles[SITE_URL + doc.url] == document_citation(doc.record.title, doc.number)
    assert not any("(" in title or ")" in title for title in titles.values())


def test_pages_link_their_feed_and_say_how_to_subscribe(site: Path, library: Library) -> None:
    for url, feed in [("departments/fgw/", "departments/fgw/feed.xml"), ("2018/qzbf-33/", "issuers/qzbf/feed.xml")]:
        page = lxml.html.fromstring(read(site, url))
        hrefs = page.xpath("//head/link[contains(concat(' ', @rel, ' '), ' alternate ')][@type='application/atom+xml']/@href")
        assert any((site / url / h).resolve() == (site / feed).resolve() for h in hrefs), hrefs
        (link,) = page.cssselect(".gz-subscribe a.gz-feed")
        assert (site / url / link.get("href")).resolve() == (site / feed).resolve()
        how = page.cssselect(".gz-subscribe")[0].text_content()
        assert "阅读器" in how and "添加订阅" in how
        # said in plain Chinese: no format names (Atom, RSS) nor foreign programs a reader may not know
        assert not re.search(r"[A-Za-z]", how), how
    for dept in library.departments[:5]:
        assert read(site, dept.url).count('href="feed.xml" type="application/atom+xml"') == 1
    # the site's own feed, offered on 最新, says the same
    latest = lxml.html.fromstring(read(site, "latest/"))
    (link,) = latest.cssselect("a.gz-feed")
    assert (site / "latest" / link.get("href")).resolve() == site / "feed.xml"
    how = link.getnext()
    assert how is not None and "gz-subscribe-how" in how.get("class", "")
    assert "阅读器" in how.text_content() and "添加订阅" in how.text_content()


def test_feeds_hold_the_newest_entries_only(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "FEED_LIMIT", 3)
    links = SiteLinks(SITE_URL)
    site_feed = etree.fromstring(feeds.build_feed(library, links, "t"))
    ids = [e.findtext(f"{A}id") for e in site_feed.findall(f"{A}entry")]
    first = library.issues[0]
    assert ids == [SITE_URL + first.url, *(SITE_URL + d.url for d in first.documents[:2])]
    dept = max(library.departments, key=lambda d: len(d.documents))
    assert len(dept.documents) > 3
    entries = etree.fromstring(feeds.build_department_feed(library, dept, links)).findall(f"{A}entry")
    assert len(entries) == 3
