"""Record values that would take a name the site already uses, found on the planned pages.

A department code becomes a page (``departments/{code}/``) and an explicit part ``id`` becomes
an element id on its document page. Neither list of taken names is written down here: a
department page whose address another planned page (or a file under ``docs/``) also has is
refused, and so is a part id that a page template writes literally (``id="errata"``,
``id="citations"``, ``id="summary"``, … — also when the section is not shown yet) or that the
rendered page already uses. Each error names the record's file and line.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import lxml.html

from gazette.derive.views import Library
from gazette.load.errors import RecordError, RecordErrors
from gazette.render.pages import PageSpec

_LITERAL_ID = re.compile(r"""\bid=["']([A-Za-z][\w-]*)["']""")


def template_ids(templates: Path) -> set[str]:
    """Element ids the page templates write literally."""
    return {m.group(1) for path in sorted(templates.rglob("*.html")) for m in _LITERAL_ID.finditer(path.read_text(encoding="utf-8"))}


def collisions(library: Library, pages: list[PageSpec], templates: Path, docs_dir: Path | None = None) -> list[RecordError]:
    errors: list[RecordError] = []
    reserved = template_ids(templates)
    taken: dict[str, str] = {}  # src_uri → what has it
    if docs_dir is not None and docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*.md")):
            taken[path.relative_to(docs_dir).as_posix()] = f"docs/{path.relative_to(docs_dir).as_posix()}"
    planned = Counter(spec.src_uri for spec in pages)
    for spec in pages:  # the first page planned at an address is the one a department would take
        taken.setdefault(spec.src_uri, f"页面“{spec.title}”")
    for dept in (*library.departments, *library.persons):
        if planned[dept.src_uri] > 1 or taken.get(dept.src_uri, "").startswith("docs/"):
            index = next(i for i, entry in enumerate(dept.source.data) if entry.get("code") == dept.code)
            errors.append(dept.source.error(
                (index, "code"),
                f"部门代码“{dept.record.code}”不能使用：{dept.url} 已是 {taken[dept.src_uri]} 的地址",
            ))
    by_url = {spec.url: spec for spec in pages}
    for doc in library.documents:
        doc_page = by_url.get(doc.url)
        explicit = {node.part.id: node for node in doc.anchored.walk() if node.part is not None and node.part.id}
        if doc_page is None or not explicit:
            continue
        ids = Counter(lxml.html.fromstring(doc_page.html).xpath("//@id"))
        for part_id, node in explicit.items():
            if part_id in reserved or ids[part_id] > 1:
                errors.append(doc.source.error(
                    node.loc + ("id",),
                    f"条款 id“{part_id}”不能使用：页面自身的元素已用此 id（id=\"{part_id}\"）",
                ))
    return errors


def check_pages(library: Library, pages: list[PageSpec], templates: Path, docs_dir: Path | None = None) -> None:
    """Raise RecordErrors if a record takes a name the site already uses."""
    errors = collisions(library, pages, templates, docs_dir)
    if errors:
        raise RecordErrors(errors)
