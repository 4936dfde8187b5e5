"""Plan every generated page: where it goes, its title, its HTML, its TOC, and
whether it is a hub page of the site navigation.

The plan is plain data so any site generator can write it out; the MkDocs
hook only hands it over. Templates receive complete views (``derive/views.py``)
and only present them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment

from gazette.derive.anchors import Node, document_citation
from gazette.derive.dates import year_label
from gazette.derive.paging import MENTION_ROWS, TASK_ROWS, Paged, catalog, latest_issues, paginate
from gazette.derive.relations import KIND_DOCS
from gazette.derive.views import DocView, Library
from gazette.records.schema import model_docs
from gazette.render.env import make_env, relative_url
from gazette.render.jsonld import document_jsonld, issue_jsonld, script_json


@dataclass(frozen=True)
class TocItem:
    id: str
    title: str  # plain text
    level: int
    children: tuple[TocItem, ...] = ()
    label: str = ""  # printed label (第十八条), set off from ``text`` as print sets it
    text: str = ""
    html: str = ""  # the entry as shown (overrides/gazette/toc_item.html); empty: the escaped title


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # e.g. "2018/qzbf-33.md"
    url: str  # e.g. "2018/qzbf-33/"
    title: str
    html: str
    description: str = ""
    toc: tuple[TocItem, ...] = ()
    in_nav: bool = False  # a hub page listed in the site navigation (mkdocs.yml `nav`)
    citation: str = ""  # how the page is cited (documents): printed in its header with its address
    feeds: tuple[tuple[str, str], ...] = ()  # (title, site path) of the Atom feeds the page advertises


@dataclass(frozen=True)
class Renderer:
    library: Library
    env: Environment
    site_url: str | None = None  # public address ending in "/" (absolute URLs in JSON-LD), or None

    def addresses(self, url: str) -> Callable[[str], str]:
        """Site path → as written into the page at ``url`` for machines: absolute under a public address."""
        def address(target: str) -> str:
            return self.site_url + target if self.site_url else relative_url(url, target)
        return address

    def render(self, template: str, url: str, **context: Any) -> str:
        def link(target: str) -> str:
            return relative_url(url, target)

        return self.env.get_template(template).render(lib=self.library, page_url=url, link=link, **context)

    def page(
        self, template: str, src_uri: str, url: str, title: str, description: str = "",
        toc: tuple[TocItem, ...] = (), in_nav: bool = False, citation: str = "",
        feeds: tuple[tuple[str, str], ...] = (), **context: Any,
    ) -> PageSpec:
        html = self.render(template, url, **context)
        toc = tuple(self._toc_html(item, url) for item in toc)
        return PageSpec(src_uri, url, title, html, description, toc, in_nav, citation, feeds)

    def _toc_html(self, item: TocItem, url: str) -> TocItem:
        html = self.render("toc_item.html", url, item=item) if item.label else ""
        return replace(item, html=html, children=tuple(self._toc_html(c, url) for c in item.children))

    def hub(self, template: str, path: str, title: str, **context: Any) -> PageSpec:
        """A hub page at ``path/`` (listed in the navigation)."""
        return self.page(template, f"{path}/index.md", f"{path}/", title, in_nav=True, **context)


# Parts the right-hand contents list, down to articles (条): any article is one click away.
_TOC_KINDS = ("att", "annex", "chp", "subchp", "sec", "art")
_TOC_TEXT = 16  # characters of an article's text shown after its label


def _toc_item(node: Node, level: int) -> TocItem:
    if node.kind in ("att", "annex"):
        label, text = node.label or "", node.title or ("" if node.label else "附件")
    else:
        label = node.label or ""
        text = (node.part.text or "") if node.part else ""
        if node.kind == "art" and len(text) > _TOC_TEXT:
            text = text[:_TOC_TEXT] + "…"
        text = text[:40]
    children = tuple(_toc_item(child, level + 1) for child in node.children if child.kind in _TOC_KINDS)
    return TocItem(node.id, " ".join(filter(None, [label, text])) or node.id, level, children, label, text)


def _document_toc(doc: DocView) -> tuple[TocItem, ...]:
    """Right-hand contents: attachments, chapters, sections and articles, nested as printed."""
    return tuple(_toc_item(node, 2) for node in doc.anchored.body + doc.anchored.attachments if node.kind in _TOC_KINDS)


def plan_pages(library: Library, templates: Path, site_url: str | None = None) -> list[PageSpec]:
    """``site_url``: the public address (``publish/siteurl.py``), for the absolute URLs of JSON-LD."""
    r = Renderer(library, make_env(templates), site_url)
    books = catalog(library)
    recent = latest_issues(library)
    pages = [
        r.hub("issues_index.html", "issues", "各期政报"),
        r.hub("documents_index.html", "documents", "文件目录", catalog=books, year=None, issues=books.entry_issues),
        r.hub("departments_index.html", "departments", "部门"),
        r.hub("citations.html", "citations", "引用索引"),
        r.hub("lookup.html", "lookup", "文号查找"),
        r.hub("deadlines.html", "deadlines", "任务期限"),
        r.page(
            "latest.html", "latest/index.md", "latest/", "最新", in_nav=True,
            description="最近各期政报新增的文件", toc=tuple(TocItem(i.anchor, i.title, 2) for i in recent),
            issues=recent,
        ),
    ]
    for year in books.years:
        url = books.year_url(year)
        pages.append(r.page("documents_index.html", url.rstrip("/") + ".md", url, f"文件目录 · {year_label(year)}",
                            catalog=books, year=year, issues=books.by_year[year]))
    for issue in library.issues:
        jsonld = script_json(issue_jsonld(issue, r.addresses(issue.url)))
        pages.append(r.page("issue.html", issue.src_uri, issue.url, f"衢州政报 {issue.title}", issue=issue, jsonld=jsonld))
    for doc in library.documents:
        pages.append(
            r.page(
                "document.html", doc.src_uri, doc.url, doc.record.title,
                description=f"{doc.number} {doc.record.title}", toc=_document_toc(doc), doc=doc,
                citation=document_citation(doc.record.title, doc.number),
                feeds=((f"{doc.issuer.prefix}文件（Atom）", doc.issuer_feed_url),),
                jsonld=script_json(document_jsonld(doc, r.addresses(doc.url))),
            )
        )
    for dept in library.departments:
        task_pages = paginate(dept.assignments, TASK_ROWS, dept.url, dept.url + "tasks/{n}/")
        mention_pages = paginate(dept.other_documents, MENTION_ROWS, dept.url, dept.url + "documents/{n}/")
        pages.append(
            r.page(
                "department.html", dept.src_uri, dept.url, dept.record.name, dept=dept,
                task_pages=task_pages, mention_pages=mention_pages,
                feeds=((f"{dept.record.name}的文件与任务（Atom）", dept.feed_url),),
                # tasks through a collective: the first page of each group; the exports hold them all
                group_pages=[paginate(g.assignments, TASK_ROWS, dept.url, dept.url)[0] for g in dept.collective_groups],
            )
        )
        lists: list[tuple[str, str, Sequence[Paged[Any]]]] = [
            ("tasks", "任务清单", task_pages), ("documents", "其他提及该单位的文件", mention_pages),
        ]
        for kind, label, paged in lists:
            for p in paged[1:]:
                pages.append(r.page(
                    "department_page.html", p.url.rstrip("/") + ".md", p.url,
                    f"{dept.record.name} · {label}(第 {p.number} 页)", dept=dept, kind=kind, label=label, p=p,
                ))
    for person in library.persons:
        # A person has no unit page; the URL published before stays, saying so (data/published/anchors.txt).
        pages.append(r.page("department_person.html", person.src_uri, person.url, person.record.name, dept=person))
    return pages


def render_extras(library: Library, templates: Path) -> dict[str, str]:
    """Generated HTML appended to hand-written pages, keyed by their source path."""
    r = Renderer(library, make_env(templates))
    return {
        "index.md": r.render("home.html", ""),
        "schema.md": r.render("schema.html", "schema/", models=model_docs(), relation_kinds=KIND_DOCS),
    }
