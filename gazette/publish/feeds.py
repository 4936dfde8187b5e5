"""Atom feeds: the site's ``feed.xml``, one per department and one per issuer.

* ``feed.xml`` — one entry per issue and one per document, newest issue first,
  each issue followed by its documents in printed order;
* ``departments/{code}/feed.xml`` — the documents that give the unit a task or
  name it, newest first, each entry listing the unit's tasks there (role,
  clause, deadline);
* ``issuers/{code}/feed.xml`` — the documents of one 文号 family (衢政办发…),
  newest first.

Every feed holds the newest ``FEED_LIMIT`` entries only: a reader fetches the
whole file at each poll; the full lists stay in the open data (``data/``). Every date comes from the
records (an issue's ``published``, a document's 成文日期), never from git or
the clock, and every id is the entry's page URL, so the same records always
give the same bytes. Without a public address links are relative to feed.xml
(see siteurl.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from feedgen.feed import FeedGenerator

from gazette.derive.anchors import document_citation
from gazette.derive.views import FEED_LIMIT, Assignment, DepartmentView, DocView, IssueView, Library, issuer_feed_url
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.siteurl import SiteLinks
from gazette.records.models import Issuer
from gazette.vocab.roles import ROLE_LABELS

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


def _add_document(
    fg: FeedGenerator, doc: DocView, links: SiteLinks, at: str = FEED_PATH, entry_id: str | None = None,
    tasks: str = "",
) -> None:
    fe = fg.add_entry(order="append")
    url = links.url(doc.url, at)
    r = doc.record
    fe.id(entry_id or links.atom_id(doc.url))
    fe.title(document_citation(r.title, doc.number))  # as the page cites it: 《标题》（文号）
    # One link per entry: feedgen 1.0.0 drops an entry link's rel and type, so a
    # second (JSON) link would be a second untyped alternate, which Atom forbids.
    fe.link(href=url, rel="alternate", type="text/html")
    written, appeared = document_dates(doc)
    fe.published(_stamp(written))
    fe.updated(_stamp(appeared))
    for issuer in r.issuers:
        fe.author({"name": issuer})
    fe.category(term=doc.doc_type, label=doc.doc_type)
    about = f"{doc.number} · {'、'.join(r.issuers)} · 成文日期 {r.date.isoformat()} · 刊于衢州政报 {doc.issue.title}"
    fe.summary(about + (f"\n{tasks}" if tasks else ""), type="text")


def _new_feed(
    links: SiteLinks, feed_id: str, path: str, page: str, title: str, subtitle: str, updated: Iterable[dt.date]
) -> FeedGenerator:
    """An empty feed at site path ``path``, its HTML counterpart ``page``; ``feed_id`` is a site path too."""
    fg = FeedGenerator()
    fg.id(links.atom_id(feed_id))
    fg.title(title)
    fg.subtitle(subtitle)
    fg.author({"name": PUBLISHER})
    fg.link(href=links.url(page, path), rel="alternate", type="text/html")
    fg.link(href=links.url(path, path), rel="self", type="application/atom+xml")
    fg.language("zh")
    fg.updated(_stamp(max(updated, default=dt.date(1990, 1, 1))))
    return fg


def build_feed(library: Library, links: SiteLinks, title: str) -> bytes:
    """The site's feed: the newest issues, each followed by its documents, FEED_LIMIT entries in all."""
    items: list[IssueView | DocView] = []
    for issue in library.issues:
        items += [issue, *issue.documents]
    items = items[:FEED_LIMIT]
    dates = [issue_updated(i) if isinstance(i, IssueView) else document_dates(i)[1] for i in items]
    fg = _new_feed(links, "", FEED_PATH, "", title, "《衢州政报》各期与所收文件", dates)
    for item in items:
        if isinstance(item, IssueView):
            _add_issue(fg, item, links)
        else:
            _add_document(fg, item, links)
    atom: bytes = fg.atom_str(pretty=True)
    return atom


def newest(documents: Iterable[DocView]) -> list[DocView]:
    """Newest first (the day each appeared), library order among equals."""
    return sorted(documents, key=lambda d: document_dates(d)[1], reverse=True)


def _task_lines(assignments: Iterable[Assignment]) -> str:
    """The unit's tasks in one document, as an entry lists them: role, clause, deadline, text."""
    lines = []
    for a in assignments:
        deadline = f"（期限：{a.task.deadline.text}）" if a.task.deadline else ""
        lines.append(f"【{ROLE_LABELS[a.role]}】{a.task.cite or '正文'}{deadline}：{a.task.text}")
    return "\n".join(lines)


def build_department_feed(library: Library, dept: DepartmentView, links: SiteLinks) -> bytes:
    path = dept.feed_url
    by_doc: dict[str, list[Assignment]] = {}
    for assignment in dept.assignments:
        by_doc.setdefault(assignment.task.doc.id, []).append(assignment)
    ids = {d.id for d in dept.documents} | set(by_doc)
    docs = newest(d for d in library.documents if d.id in ids)[:FEED_LIMIT]
    name = dept.record.name
    fg = _new_feed(
        links, path, path, dept.url, f"{name} · 衢州政报", f"给{name}分派任务或提及{name}的文件，新的在前",
        (document_dates(d)[1] for d in docs),
    )
    for doc in docs:
        tasks = by_doc.get(doc.id, [])
        listed = f"本单位任务 {len(tasks)} 项：\n{_task_lines(tasks)}" if tasks else "本文件提及本单位，未分派任务。"
        # Its own id: the entry says what the document asks of this unit, not what the site feed says.
        _add_document(fg, doc, links, path, links.atom_id(f"{dept.url}#{doc.id}"), listed)
    atom: bytes = fg.atom_str(pretty=True)
    return atom


def build_issuer_feed(library: Library, issuer: Issuer, links: SiteLinks) -> bytes:
    path = issuer_feed_url(issuer)
    docs = newest(d for d in library.documents if d.issuer.code == issuer.code)[:FEED_LIMIT]
    names = "、".join(issuer.names)
    fg = _new_feed(
        links, path, path, "documents/", f"{issuer.prefix} · {names} · 衢州政报", f"{names}以{issuer.prefix}文号发布的文件，新的在前",
        (document_dates(d)[1] for d in docs),
    )
    for doc in docs:
        _add_document(fg, doc, links, path)
    atom: bytes = fg.atom_str(pretty=True)
    return atom


def write_feed(ctx: PublishContext) -> None:
    write_atomic(ctx.site_dir / FEED_PATH, build_feed(ctx.library, ctx.links, "衢州政报 · 政策文件库"))
    for dept in ctx.library.departments:
        out = ctx.site_dir / dept.feed_url
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, build_department_feed(ctx.library, dept, ctx.links))
    for issuer in ctx.library.issuers:
        out = ctx.site_dir / issuer_feed_url(issuer)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, build_issuer_feed(ctx.library, issuer, ctx.links))
