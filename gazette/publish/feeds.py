"""The Atom feed of issues and documents: ``feed.xml``.

One entry per issue and one per document, newest issue first, each issue
followed by its documents in printed order. Every date comes from the
records (an issue's ``published``, a document's 成文日期), never from git or
the clock, and every id is the entry's page URL, so the same records always
give the same bytes. Without a public address links are relative to feed.xml
(see siteurl.py).
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from gazette.derive.views import DocView, IssueView, Library
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.siteurl import SiteLinks

FEED_PATH = "feed.xml"
# Records carry local dates; the gazette is published in China Standard Time.
CST = dt.timezone(dt.timedelta(hours=8), "CST")
PUBLISHER = "衢州市人民政府办公室"


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=CST)


def issue_updated(issue: IssueView) -> dt.date:
    return issue.record.published


def document_dates(doc: DocView) -> tuple[dt.date, dt.date]:
    """(published, updated): the 成文日期, and when it appeared in the gazette.

    A document dated after the first day of its cover month appeared no
    earlier than its own date, hence the max."""
    written = doc.record.date
    appeared = max(written, doc.issue.record.published)
    return written, appeared


def _add_issue(fg: FeedGenerator, issue: IssueView, links: SiteLinks) -> None:
    fe = fg.add_entry(order="append")
    url = links.url(issue.url, FEED_PATH)
    fe.id(links.atom_id(issue.url))
    fe.title(f"衢州政报 {issue.title}")
    fe.link(href=url, rel="alternate", type="text/html")
    day = _stamp(issue_updated(issue))
    fe.published(day)
    fe.updated(day)
    fe.author({"name": PUBLISHER})
    fe.category(term="issue", label="政报期次")
    lines = [f"{issue.record.printed_month}出版，收录文件 {len(issue.documents)} 件："]
    lines += [f"{doc.number} {doc.record.title}" for doc in issue.documents]
    fe.summary("\n".join(lines), type="text")


def _add_document(fg: FeedGenerator, doc: DocView, links: SiteLinks) -> None:
    fe = fg.add_entry(order="append")
    url = links.url(doc.url, FEED_PATH)
    r = doc.record
    fe.id(links.atom_id(doc.url))
    fe.title(f"{r.title}({doc.number})")
    # One link per entry: feedgen 1.0.0 drops an entry link's rel and type, so a
    # second (JSON) link would be a second untyped alternate, which Atom forbids.
    fe.link(href=url, rel="alternate", type="text/html")
    written, appeared = document_dates(doc)
    fe.published(_stamp(written))
    fe.updated(_stamp(appeared))
    for issuer in r.issuers:
        fe.author({"name": issuer})
    fe.category(term=doc.doc_type, label=doc.doc_type)
    fe.summary(
        f"{doc.number} · {'、'.join(r.issuers)} · 成文日期 {r.date.isoformat()} · 刊于衢州政报 {doc.issue.title}",
        type="text",
    )


def build_feed(library: Library, links: SiteLinks, title: str) -> bytes:
    fg = FeedGenerator()
    fg.id(links.atom_id(""))
    fg.title(title)
    fg.subtitle("《衢州政报》各期与所收文件")
    fg.author({"name": PUBLISHER})
    fg.link(href=links.url("", FEED_PATH), rel="alternate", type="text/html")
    fg.link(href=links.url(FEED_PATH, FEED_PATH), rel="self", type="application/atom+xml")
    fg.language("zh")
    dates = [issue_updated(i) for i in library.issues] + [document_dates(d)[1] for d in library.documents]
    fg.updated(_stamp(max(dates)) if dates else _stamp(dt.date(1990, 1, 1)))
    for issue in library.issues:
        _add_issue(fg, issue, links)
        for doc in issue.documents:
            _add_document(fg, doc, links)
    atom: bytes = fg.atom_str(pretty=True)
    return atom


def write_feed(ctx: PublishContext) -> None:
    write_atomic(ctx.site_dir / FEED_PATH, build_feed(ctx.library, ctx.links, "衢州政报 · 政策文件库"))
