"""Cross-check the validated records and derive the library the pages show.

``build_library`` is the derive stage of records → load → derive → render →
publish. It computes, in this order, and constructs every view once:

1. documents: 文号, issuer, URL, anchors, document type, located errata
   (a ``DocRef`` each, plus what later stages need);
2. issues: where each document is printed (issue, section, page);
3. departments: the registry, names checked for clashes;
4. tasks: every document's tasks and task tables (``derive/tasks.py``);
5. mentions: which documents name which department (``derive/mentions.py``);
6. citations: the citation graph (``derive/citations.py``);
7. relationships: what each document's sentences do to others and to itself
   (``derive/relations.py``), and each document's status on the build date;
8. the views: each document's parts (``derive/parts.py``), then documents,
   issues and departments, and the ``Library`` holding them.

Inconsistencies between records fail with file:line (``RecordErrors``), all
of them at once, before any view exists. View types: ``derive/views.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gazette.derive.anchors import AnchoredDocument, AnchorError, anchor_document, row_id
from gazette.derive.asof import build_date
from gazette.derive.citations import build_citations, text_runs
from gazette.derive.departments import Registry, name_problem
from gazette.derive.doctype import doc_type
from gazette.derive.doubts import misplaced_doubts
from gazette.derive.errata import TITLE, locate_errata
from gazette.derive.mentions import mentions
from gazette.derive.parts import document_parts
from gazette.derive.plausibility import implausible_document_dates, implausible_issue_dates
from gazette.derive.relations import affecting, read_relations, standings
from gazette.derive.status import status_facts
from gazette.derive.tasks import (
    by_month,
    department_summary,
    extract_tasks,
    sort_key,
)
from gazette.derive.views import (
    Assignment,
    CollectiveGroup,
    DepartmentView,
    DeptRef,
    DocRef,
    DocView,
    DoubtView,
    ErratumView,
    IssueRef,
    IssueSection,
    IssueView,
    Library,
    RoleWordAudit,
    Task,
    TaskTable,
)
from gazette.derive.wenhao import Wenhao, parse_wenhao
from gazette.load.errors import RecordError, RecordErrors
from gazette.load.library import Loaded, RawLibrary, load_raw
from gazette.load.yamlfile import YamlFile
from gazette.records.models import Department, Document, Issue, Issuer
from gazette.vocab import issues as vocab_issues
from gazette.vocab.unitnames import normalise_name

# Re-exported: code that names the views by this module keeps working.
__all__ = ["DepartmentView", "DocView", "IssueView", "Library", "build_library"]


@dataclass(frozen=True)
class _Doc:
    """Stage 1 of a document: its ref and what the later stages read."""

    ref: DocRef
    source: YamlFile
    anchored: AnchoredDocument
    doc_type: str
    errata_at: tuple[str | None, ...]


@dataclass(frozen=True)
class _Placement:
    issue: IssueRef
    category: str
    page: int | None
    in_toc: bool


@dataclass(frozen=True)
class _Issue:
    ref: IssueRef
    source: YamlFile
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (category, document ids)


def _documents(raw: RawLibrary, issuers: dict[str, Issuer], errors: list[RecordError]) -> dict[str, _Doc]:
    docs: dict[str, _Doc] = {}
    by_number: dict[Wenhao, _Doc] = {}
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
            errors.append(src.error(("number_printed",), f"文号的机关代字“{wenhao.prefix}”不在 data/issuers.yaml 中"))
            continue
        expected = f"{wenhao.year}/{issuer.code}-{wenhao.seq}"
        if expected != doc_id:
            errors.append(src.error(("number_printed",), f"{wenhao} 应放在 documents/{expected}.yaml"))
            continue
        if wenhao in by_number:
            first = by_number[wenhao].source.path
            errors.append(src.error(("number_printed",), f"文号 {wenhao} 重复：{first} 中也有"))
            continue
        try:
            anchored = anchor_document(doc)
        except AnchorError as exc:
            errors.append(src.error(exc.loc, str(exc)))
            continue
        for index, erratum in enumerate(doc.errata):
            if erratum.part and erratum.part not in anchored.by_id():
                errors.append(src.error(("errata", index, "part"), f"没有 id 为“{erratum.part}”的部分"))
        for problem in misplaced_doubts(doc):
            errors.append(src.error(("doubts",), problem))
        ref = DocRef(doc_id, doc, wenhao, issuer)
        staged = _Doc(ref, src, anchored, doc.doc_type or doc_type(doc.title), tuple(locate_errata(doc, anchored)))
        by_number[wenhao] = staged
        docs[doc_id] = staged
    return docs


def _doubts(record: Document, anchored: AnchoredDocument) -> tuple[DoubtView, ...]:
    """Each 存疑 mark with the place readers know it by: 附件1第13行, 第四部分(三)."""
    places: dict[str, str] = {}
    for node in anchored.walk():
        name = node.cite or "正文"
        places[node.id] = name
        if node.part is not None and node.part.table is not None:
            for n in range(1, len(node.part.table.rows) + 1):
                places[row_id(node.id, n)] = f"{name}第{n}行"
    return tuple(DoubtView(d, d.part, places.get(d.part, "正文")) for d in record.doubts)


def _issues(
    raw: RawLibrary, docs: dict[str, _Doc], errors: list[RecordError]
) -> tuple[list[_Issue], dict[str, _Placement]]:
    """Issues newest first, and where each document is printed."""
    issues: list[_Issue] = []
    placed: dict[str, _Placement] = {}
    for issue_id, loaded in raw.issues.items():
        issue: Issue = loaded.record
        src = loaded.source
        expected = vocab_issues.issue_id(issue.year, issue.number)
        if expected != issue_id:
            errors.append(src.error(("number",), f"{vocab_issues.issue_name(issue.year, issue.number)}应放在 issues/{expected}.yaml"))
            continue
        ref = IssueRef(issue_id, issue)
        sections: list[tuple[str, tuple[str, ...]]] = []
        for s_index, section in enumerate(issue.contents):
            listed: list[str] = []
            for e_index, entry in enumerate(section.entries):
                loc = ("contents", s_index, "entries", e_index, "document")
                doc = docs.get(entry.document)
                if doc is None:
                    errors.append(src.error(loc, f"没有文件“{entry.document}”（应有 data/documents/{entry.document}.yaml）"))
                    continue
                if entry.document in placed:
                    errors.append(src.error(loc, f"{entry.document} 被列了两次（{placed[entry.document].issue.id} 中也有）"))
                    continue
                if doc.ref.record.issue != issue_id:
                    errors.append(src.error(loc, f"{entry.document} 的记录写的是 {doc.ref.record.issue} 期"))
                    continue
                placed[entry.document] = _Placement(ref, section.category, entry.page, entry.toc_text is not None)
                listed.append(entry.document)
            sections.append((section.category, tuple(listed)))
        issues.append(_Issue(ref, src, tuple(sections)))
    issues.sort(key=lambda i: (i.ref.record.year, i.ref.record.number), reverse=True)
    known = {i.ref.id for i in issues}
    for doc_id, doc in docs.items():
        if doc_id in placed:
            continue
        if doc.ref.record.issue in known:
            errors.append(doc.source.error(("issue",), f"{doc.ref.record.issue} 期的目录没有列出这个文件"))
        else:
            errors.append(doc.source.error(("issue",), f"没有期记录 data/issues/{doc.ref.record.issue}.yaml"))
    return issues, placed


def _departments(raw: RawLibrary, errors: list[RecordError]) -> list[tuple[DeptRef, YamlFile]]:
    refs: list[tuple[DeptRef, YamlFile]] = []
    codes: dict[str, Loaded] = {}
    names: dict[str, str] = {}
    for index, loaded in enumerate(raw.departments):
        dept: Department = loaded.record
        if dept.code in codes:
            errors.append(loaded.source.error((index, "code"), f"部门代码“{dept.code}”重复"))
            continue
        codes[dept.code] = loaded
        # Compared as lookups compare them: "市统计 局" is 市统计局.
        for where, name in [(("name",), dept.name), *((("aliases", i), a) for i, a in enumerate(dept.aliases))]:
            problem = name_problem(name)
            key = normalise_name(name)
            if problem:
                errors.append(loaded.source.error((index, *where), problem))
            elif key in names and names[key] != dept.code:
                errors.append(loaded.source.error((index, *where), f"名称“{name}”也属于“{names[key]}”（名称比较时不计空格、全角半角和括号样式）"))
            names.setdefault(key, dept.code)
        refs.append((DeptRef(dept), loaded.source))
    return refs


def _involved(tasks: Iterable[Task], departments: list[DeptRef]) -> tuple[DeptRef, ...]:
    """Departments the tasks name, in registry order (the 涉及部门 facet)."""
    codes = {ref.code for task in tasks for ref in task.units}
    return tuple(d for d in departments if d.code in codes)


def _assignments(code: str, tasks: Iterable[Task], member: str | None = None) -> tuple[Assignment, ...]:
    """``code``'s assignments in ``tasks``, dated first; ``member``: the unit reached through
    the collective ``code`` (left out of the others)."""
    out = []
    for task in sorted(tasks, key=sort_key):
        role = task.role_of(code)
        assert role is not None  # filed under the units it names
        shown = member or code
        out.append(Assignment(task, role, tuple(u for u in task.units if u.code != shown)))
    return tuple(out)


def _department_view(
    ref: DeptRef, source: YamlFile, documents: tuple[DocRef, ...], tasks: list[Task],
    groups: tuple[CollectiveGroup, ...] = (),
) -> DepartmentView:
    assignments = _assignments(ref.code, tasks)
    ordered = tuple(a.task for a in assignments)
    with_tasks = {task.doc.id for task in ordered}
    return DepartmentView(
        ref.record, source, documents, ordered, assignments, department_summary(ordered, ref.code),
        tuple(doc for doc in documents if doc.id not in with_tasks), groups,
    )


def _collective_groups(departments: list[DeptRef], by_unit: dict[str, list[Task]]) -> dict[str, tuple[CollectiveGroup, ...]]:
    """For each unit a collective covers (registry ``covers``: kinds), the collective's tasks
    that do not name the unit itself, one group per collective."""
    groups: dict[str, list[CollectiveGroup]] = {}
    for collective in departments:
        kinds = collective.record.covers
        if not kinds or not by_unit[collective.code]:
            continue
        label = "面向全部" + "、".join(kinds)
        for unit in departments:
            record = unit.record
            if record.collective or record.ambiguous or record.person or record.kind not in kinds:
                continue
            own = [t for t in by_unit[collective.code] if t.role_of(unit.code) is None]
            if own:
                groups.setdefault(unit.code, []).append(
                    CollectiveGroup(collective, label, _assignments(collective.code, own, unit.code))
                )
    return {code: tuple(found) for code, found in groups.items()}


def build_library(root: Path, as_of: dt.date | None = None) -> Library:
    """Load, validate and cross-check ``root``; raise RecordErrors on any problem.

    ``as_of``: the date statuses are computed for (default: the build date, ``derive/asof.py``)."""
    raw = load_raw(root)
    errors: list[RecordError] = []
    issuers = {loaded.record.prefix: loaded.record for loaded in raw.issuers}
    docs = _documents(raw, issuers, errors)
    issues, placed = _issues(raw, docs, errors)
    ordered = [docs[doc_id] for issue in issues for _, ids in issue.sections for doc_id in ids]
    for issue in issues:
        errors.extend(implausible_issue_dates(issue.ref.record, issue.source))
    for doc in docs.values():
        where = placed.get(doc.ref.id)
        errors.extend(implausible_document_dates(doc.ref, doc.source, where.issue if where else None))
    departments = _departments(raw, errors)
    dept_refs = [ref for ref, _ in departments]
    registry = Registry.from_records(ref.record for ref in dept_refs)
    extracted: dict[str, tuple[list[Task], list[TaskTable], RoleWordAudit]] = {
        doc.ref.id: extract_tasks(doc.ref, doc.anchored, doc.source, registry, errors) for doc in ordered
    }
    if errors:
        raise RecordErrors(errors)

    tasks = [task for doc in ordered for task in extracted[doc.ref.id][0]]
    by_unit: dict[str, list[Task]] = {ref.code: [] for ref in dept_refs}
    for task in tasks:
        for unit in (*task.units, *task.persons):
            by_unit[unit.code].append(task)
    reached = _collective_groups(dept_refs, by_unit)
    mentioned = mentions(registry, dept_refs, [doc.ref for doc in ordered])
    citations = build_citations((doc.ref, doc.anchored) for doc in ordered)
    statuses = {doc.ref.id: status_facts(doc.anchored) for doc in ordered}
    relations = {
        doc.ref.id: read_relations(doc.ref, doc.anchored, statuses[doc.ref.id], citations.by_number) for doc in ordered
    }
    affected = affecting(r for doc in ordered for r in relations[doc.ref.id])
    day = as_of or build_date()
    standing = standings(relations, affected, day)

    views: dict[str, DocView] = {}
    for doc in ordered:
        ref, where = doc.ref, placed[doc.ref.id]
        doc_tasks, tables, audit = extracted[ref.id]
        body, attachments = document_parts(ref, doc.anchored, citations.by_number, doc_tasks, tables, doc.errata_at)
        nodes = doc.anchored.by_id()
        errata = tuple(
            ErratumView(e, at, nodes[at].cite if at and at != TITLE and at in nodes else "")
            for e, at in zip(ref.record.errata, doc.errata_at)
        )
        views[ref.id] = DocView(
            ref.id, ref.record, ref.wenhao, ref.issuer,
            source=doc.source, anchored=doc.anchored, doc_type=doc.doc_type,
            issue=where.issue, category=where.category, page=where.page, in_toc=where.in_toc,
            errata_at=doc.errata_at, errata=errata, body=body, attachments=attachments,
            tasks=tuple(doc_tasks), task_tables=tuple(tables), departments=_involved(doc_tasks, dept_refs),
            cites=citations.outgoing.get(ref.id, ()), cited_by=citations.incoming.get(ref.id, ()),
            doubts=_doubts(ref.record, doc.anchored),
            role_words=audit,
            status=statuses[ref.id],
            relations=relations[ref.id], affected_by=affected.get(ref.id, ()), standing=standing.get(ref.id),
            validity_source=text_runs(ref.record.validity.source, ref.wenhao, citations.by_number)
            if ref.record.validity else (),
        )

    issue_views: list[IssueView] = []
    for i, issue in enumerate(issues):
        sections = tuple(IssueSection(category, tuple(views[d] for d in ids)) for category, ids in issue.sections)
        previous = issues[i + 1].ref if i + 1 < len(issues) else None
        following = issues[i - 1].ref if i > 0 else None
        issue_views.append(IssueView(issue.ref.id, issue.ref.record, issue.source, sections, previous, following))

    return Library(
        root=root,
        issuers=tuple(loaded.record for loaded in raw.issuers),
        issues=tuple(issue_views),
        documents=tuple(views[doc.ref.id] for doc in ordered),
        departments=tuple(
            _department_view(ref, source, mentioned[ref.code], by_unit[ref.code], reached.get(ref.code, ()))
            for ref, source in departments if not ref.record.person
        ),
        persons=tuple(
            _department_view(ref, source, (), by_unit[ref.code]) for ref, source in departments if ref.record.person
        ),
        tasks=tuple(tasks),
        deadline_months=by_month(tasks),
        citations=citations,
        unit_names=registry.matcher,
        relations=tuple(r for doc in ordered for r in relations[doc.ref.id]),
        as_of=day,
    )

