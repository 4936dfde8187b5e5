"""Cross-check the validated records and derive the library the pages show.

Everything a page needs that is not literally in one record is computed here
once: ids and URLs, which issue and printed page a document is on, anchors,
document types. Inconsistencies between records fail with file:line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gazette.derive.anchors import AnchorError, AnchoredDocument, anchor_document
from gazette.derive.citations import CitationIndex, build_citations
from gazette.derive.doctype import doc_type
from gazette.derive.errata import locate_errata
from gazette.derive.mentions import attach_mentions
from gazette.derive.tasks import attach_tasks
from gazette.derive.wenhao import Wenhao, parse_wenhao
from gazette.load.errors import RecordError, RecordErrors
from gazette.load.library import Loaded, RawLibrary, load_raw
from gazette.load.yamlfile import YamlFile
from gazette.records.models import Department, Document, Issue, Issuer


@dataclass
class DocView:
    id: str  # "2018/qzbf-33"
    record: Document
    wenhao: Wenhao
    issuer: Issuer
    source: YamlFile
    anchored: AnchoredDocument
    doc_type: str
    issue: "IssueView | None" = None
    category: str | None = None
    page: int | None = None
    in_toc: bool = True
    errata_at: list[str | None] = field(default_factory=list)  # per erratum: part id, "title" or None
    tasks: list = field(default_factory=list)  # gazette.derive.tasks.Task, reading order
    task_tables: list = field(default_factory=list)  # gazette.derive.tasks.TaskTable

    @property
    def url(self) -> str:
        return f"{self.id.split('/')[0]}/{self.issuer.code}-{self.wenhao.seq}/"

    @property
    def src_uri(self) -> str:
        return self.url.rstrip("/") + ".md"

    @property
    def number(self) -> str:
        return self.wenhao.canonical


@dataclass
class IssueSection:
    category: str
    documents: list[DocView]


@dataclass
class IssueView:
    id: str  # "2018-05"
    record: Issue
    source: YamlFile
    sections: list[IssueSection] = field(default_factory=list)
    previous: "IssueView | None" = None
    next: "IssueView | None" = None

    @property
    def url(self) -> str:
        return f"issues/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"issues/{self.id}.md"

    @property
    def title(self) -> str:
        r = self.record
        return f"{r.year}年第{r.number}期(总第{r.total_number}期)"

    @property
    def documents(self) -> list[DocView]:
        return [doc for section in self.sections for doc in section.documents]


@dataclass
class DepartmentView:
    record: Department
    source: YamlFile
    documents: list[DocView] = field(default_factory=list)
    tasks: list = field(default_factory=list)  # gazette.derive.tasks.Task naming this unit

    @property
    def url(self) -> str:
        return f"departments/{self.record.code}/"

    @property
    def src_uri(self) -> str:
        return f"departments/{self.record.code}.md"

    @property
    def names(self) -> list[str]:
        return [self.record.name, *self.record.aliases]


@dataclass
class Library:
    root: Path
    issuers: list[Issuer]
    issues: list[IssueView]  # newest first
    documents: list[DocView]  # newest issue first, printed order within an issue
    departments: list[DepartmentView]
    tasks: list = field(default_factory=list)  # every gazette.derive.tasks.Task
    citations: CitationIndex = field(default_factory=lambda: CitationIndex({}))

    def department(self, code: str) -> DepartmentView:
        return next(d for d in self.departments if d.record.code == code)

    def document(self, doc_id: str) -> DocView:
        return next(d for d in self.documents if d.id == doc_id)


def _documents(raw: RawLibrary, issuers: dict[str, Issuer], errors: list[RecordError]) -> dict[str, DocView]:
    views: dict[str, DocView] = {}
    by_number: dict[Wenhao, DocView] = {}
    for doc_id, loaded in raw.documents.items():
        doc: Document = loaded.record
        src = loaded.source
        try:
            wenhao = parse_wenhao(doc.number_printed)
        except ValueError as exc:
            errors.append(src.error(("number_printed",), str(exc)))
            continue
        issuer = issuers.get(wenhao.prefix)
        if issuer is None:
            errors.append(src.error(("number_printed",), f"文号 prefix {wenhao.prefix!r} is not in data/issuers.yaml"))
            continue
        expected = f"{wenhao.year}/{issuer.code}-{wenhao.seq}"
        if expected != doc_id:
            errors.append(src.error(("number_printed",), f"{wenhao} belongs in documents/{expected}.yaml"))
            continue
        if wenhao in by_number:
            first = by_number[wenhao].source.path
            errors.append(src.error(("number_printed",), f"duplicate 文号 {wenhao}: also in {first}"))
            continue
        try:
            anchored = anchor_document(doc)
        except AnchorError as exc:
            errors.append(src.error(exc.loc, str(exc)))
            continue
        for index, erratum in enumerate(doc.errata):
            if erratum.part and erratum.part not in anchored.by_id():
                errors.append(src.error(("errata", index, "part"), f"no part with id {erratum.part!r}"))
        view = DocView(doc_id, doc, wenhao, issuer, src, anchored, doc.doc_type or doc_type(doc.title))
        view.errata_at = locate_errata(doc, anchored)
        by_number[wenhao] = view
        views[doc_id] = view
    return views


def _issues(raw: RawLibrary, docs: dict[str, DocView], errors: list[RecordError]) -> list[IssueView]:
    issues: list[IssueView] = []
    for issue_id, loaded in raw.issues.items():
        issue: Issue = loaded.record
        src = loaded.source
        if f"{issue.year}-{issue.number:02d}" != issue_id:
            errors.append(src.error(("number",), f"issue {issue.year}年第{issue.number}期 belongs in issues/{issue.year}-{issue.number:02d}.yaml"))
            continue
        view = IssueView(issue_id, issue, src)
        for s_index, section in enumerate(issue.contents):
            listed: list[DocView] = []
            for e_index, entry in enumerate(section.entries):
                loc = ("contents", s_index, "entries", e_index, "document")
                doc = docs.get(entry.document)
                if doc is None:
                    errors.append(src.error(loc, f"no document {entry.document!r} (expected data/documents/{entry.document}.yaml)"))
                    continue
                if doc.issue is not None:
                    errors.append(src.error(loc, f"{entry.document} is listed twice (also in {doc.issue.id})"))
                    continue
                if doc.record.issue != issue_id:
                    errors.append(src.error(loc, f"{entry.document} says it is in issue {doc.record.issue}"))
                    continue
                doc.issue, doc.category, doc.page, doc.in_toc = view, section.category, entry.page, entry.toc_text is not None
                listed.append(doc)
            view.sections.append(IssueSection(section.category, listed))
        issues.append(view)
    issues.sort(key=lambda i: (i.record.year, i.record.number), reverse=True)
    for newer, older in zip(issues, issues[1:]):
        newer.previous, older.next = older, newer
    return issues


def _departments(raw: RawLibrary, errors: list[RecordError]) -> list[DepartmentView]:
    views: list[DepartmentView] = []
    codes: dict[str, Loaded] = {}
    names: dict[str, str] = {}
    for index, loaded in enumerate(raw.departments):
        dept: Department = loaded.record
        if dept.code in codes:
            errors.append(loaded.source.error((index, "code"), f"duplicate department code {dept.code!r}"))
            continue
        codes[dept.code] = loaded
        for name in (dept.name, *dept.aliases):
            if name in names and names[name] != dept.code:
                errors.append(loaded.source.error((index,), f"name {name!r} also belongs to {names[name]!r}"))
            names[name] = dept.code
        views.append(DepartmentView(dept, loaded.source))
    return views


def build_library(root: Path) -> Library:
    """Load, validate and cross-check ``root``; raise RecordErrors on any problem."""
    raw = load_raw(root)
    errors: list[RecordError] = []
    issuers = {loaded.record.prefix: loaded.record for loaded in raw.issuers}
    docs = _documents(raw, issuers, errors)
    issues = _issues(raw, docs, errors)
    for doc in docs.values():
        if doc.issue is None and doc.record.issue in {i.id for i in issues}:
            errors.append(doc.source.error(("issue",), f"issue {doc.record.issue} does not list this document in its contents"))
        elif doc.issue is None:
            errors.append(doc.source.error(("issue",), f"no issue record data/issues/{doc.record.issue}.yaml"))
    ordered = [doc for issue in issues for doc in issue.documents]
    departments = _departments(raw, errors)
    tasks = attach_tasks(departments, ordered, errors)
    if errors:
        raise RecordErrors(errors)
    attach_mentions(departments, ordered)
    library = Library(root, [l.record for l in raw.issuers], issues, ordered, departments, tasks)
    library.citations = build_citations(ordered)
    return library
