"""The views pages and exports read: what ``build_library`` returns, complete.

Every view is a frozen dataclass built once, in dependency order, by
``gazette.derive.catalog.build_library``; no later stage fills in a field.
Templates only present what is here: which part a task belongs to, which
cited 文号 is a link, the document's own number or an external one, which
departments a document involves, and each table's cell grid are decided
in derive.

Back-references without cycles: views point at each other through *refs*
(``DocRef``, ``IssueRef``, ``DeptRef``), the small frozen identity of a
document, issue or department, known before anything is derived from it.
``DocView`` is its ``DocRef`` plus everything derived (it subclasses it),
so a task's ``doc``, a citation's ``target`` or an issue's neighbours are
complete refs from the start, and the full view is found, when needed, by id
(``Library.document(id)``). Issue contents hold full ``DocView`` objects:
issues are built after documents, and a document holds only its issue's ref.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from gazette.derive.anchors import AnchoredDocument, Node
from gazette.derive.dates import day_label, month_label, month_of_year_label, year_label
from gazette.derive.deadlines import Deadline
from gazette.derive.departments import UnitRef
from gazette.derive.errata import TITLE
from gazette.derive.status import DocumentStatus
from gazette.derive.wenhao import Wenhao
from gazette.load.yamlfile import YamlFile
from gazette.records.models import (
    DEPARTMENT_KINDS,
    Department,
    DepartmentKind,
    Document,
    Doubt,
    Erratum,
    Issue,
    Issuer,
    Table,
)
from gazette.vocab.issues import issue_name
from gazette.vocab.roles import Role
from gazette.vocab.unitnames import UnitMatcher

# --- identities -------------------------------------------------------------


FEED_LIMIT = 50  # newest entries an Atom feed holds (gazette.publish.feeds); the open data hold all


def issuer_feed_url(issuer: Issuer) -> str:
    """The Atom feed of one 文号 family (gazette.publish.feeds)."""
    return f"issuers/{issuer.code}/feed.xml"



@dataclass(frozen=True)
class DocRef:
    """A document as other views point at it: its record and where its page is."""

    id: str  # "2018/qzbf-33"
    record: Document
    wenhao: Wenhao
    issuer: Issuer

    @property
    def url(self) -> str:
        return f"{self.id.split('/')[0]}/{self.issuer.code}-{self.wenhao.seq}/"

    @property
    def src_uri(self) -> str:
        return self.url.rstrip("/") + ".md"

    def part_url(self, anchor: str) -> str:
        """Site URL of one of its parts (a clause, table or row: an element id on its page)."""
        return f"{self.url}#{anchor}"

    @property
    def issuer_feed_url(self) -> str:
        return issuer_feed_url(self.issuer)

    @property
    def number(self) -> str:
        return self.wenhao.canonical

    @property
    def date_label(self) -> str:
        """成文日期 as pages write it (2018年5月3日)."""
        return day_label(self.record.date)

    @property
    def validity_date_label(self) -> str | None:
        """Since when its validity status holds, as pages write it; None when not recorded."""
        validity = self.record.validity
        return day_label(validity.date) if validity and validity.date else None

    @property
    def data_url(self) -> str:
        """Site path of the document's open-data JSON (full record, every anchor)."""
        return f"data/documents/{self.id}.json"


@dataclass(frozen=True)
class IssueRef:
    """A gazette issue as documents and neighbouring issues point at it."""

    id: str  # "2018-05"
    record: Issue

    @property
    def url(self) -> str:
        return f"issues/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"issues/{self.id}.md"

    @property
    def title(self) -> str:
        r = self.record
        return f"{issue_name(r.year, r.number)}（总第{r.total_number}期）"

    @property
    def anchor(self) -> str:
        """Its element id in a list of issues (最新, 文件目录): links made to it keep landing there."""
        return f"issue-{self.id}"


# Characters a file name may not hold on Windows, macOS or Linux (a unit's name becomes one).
_UNSAFE_IN_FILE_NAME = str.maketrans({c: "_" for c in '/\\:*?"<>|'})


@dataclass(frozen=True)
class UnitExports:
    """Where a unit's task exports are and what a download is called.

    ``tasks.csv``/``tasks.json`` keep stable English keys for programs; ``tasks-excel.csv`` is the
    same list for a spreadsheet (Chinese headers, role words as on the page), saved under the
    unit's name (``市财政局-任务.csv``) through the link's ``download`` attribute.
    """

    base: str  # the unit's page, e.g. departments/sczj/
    name: str

    @property
    def csv(self) -> str:
        return self.base + "tasks.csv"

    @property
    def json(self) -> str:
        return self.base + "tasks.json"

    @property
    def ics(self) -> str:
        return self.base + "tasks.ics"

    @property
    def excel(self) -> str:
        return self.base + "tasks-excel.csv"

    @property
    def excel_download(self) -> str:
        return f"{self.name.translate(_UNSAFE_IN_FILE_NAME)}-任务.csv"


@dataclass(frozen=True)
class DeptRef:
    """A department of the registry as tasks and documents point at it."""

    record: Department

    @property
    def code(self) -> str:
        return self.record.code

    @property
    def url(self) -> str:
        return f"departments/{self.record.code}/"

    @property
    def src_uri(self) -> str:
        return f"departments/{self.record.code}.md"

    @property
    def feed_url(self) -> str:
        """Its Atom feed (gazette.publish.feeds): documents that give it a task or name it."""
        return f"{self.url}feed.xml"

    @property
    def names(self) -> list[str]:
        return [self.record.name, *self.record.aliases]

    @property
    def exports(self) -> UnitExports:
        """The unit's task exports: site paths and the file name a download is saved under."""
        return UnitExports(self.url, self.record.name)

    @property
    def collective(self) -> bool:
        """A collective name (市级各有关部门…) stands for units the text does not list; the registry says so."""
        return self.record.collective


# --- tasks ------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """Who must do what, in which clause, by when (see gazette.derive.tasks)."""

    id: str  # "2018/qzbf-33#annex_1__table_1__row_3" (+ "~2" when a clause holds several)
    doc: DocRef
    anchor: str  # element id on the document page
    cite: str  # human citation, e.g. 《…》表1 第3行 / 第四部分(二)
    text: str
    units: tuple[UnitRef, ...]
    deadline: Deadline | None = None
    table_id: str | None = None
    row: int | None = None
    # Natural persons the print names in a role (registry ``person: true``): kept as printed,
    # never units (no page, no list entry, no calendar).
    persons: tuple[UnitRef, ...] = ()

    @property
    def url(self) -> str:
        return self.doc.part_url(self.anchor)

    def codes(self, role: Role | None = None) -> list[str]:
        return [u.code for u in self.units if role is None or u.role == role]

    @property
    def unit_codes(self) -> tuple[str, ...]:
        """Each unit the task names, once, in printed order (a unit may be printed in two roles)."""
        return tuple(dict.fromkeys(self.codes()))

    def role_of(self, code: str) -> Role | None:
        return next((u.role for u in (*self.units, *self.persons) if u.code == code), None)


@dataclass(frozen=True)
class TableUnit:
    """A unit a task table names, with its roles there (first-seen order)."""

    code: str
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class TaskTable:
    id: str  # anchor id of the table, e.g. annex_1__table_1
    doc: DocRef
    caption: str
    columns: tuple[str, ...]
    tasks: tuple[Task, ...]
    units: tuple[TableUnit, ...]

    @property
    def key(self) -> str:
        return f"{self.doc.id}#{self.id}"

    @property
    def url(self) -> str:
        """The table on its document's page."""
        return self.doc.part_url(self.id)

    def download(self, ext: str) -> str:
        """Site URL of the table's export, next to its document page."""
        return f"{self.doc.url}tables/{self.id}.{ext}"


@dataclass(frozen=True)
class UnreadRoleWord:
    """A role word in a document that yielded no task, and why (Chinese, for the editor)."""

    document: str  # document id
    part: str  # anchor id of the part (or table)
    word: str  # the role word as printed
    text: str  # the text it stands in
    reason: str
    line: int | None  # line of the record file
    unclear: tuple[str, ...] = ()  # phrases of its list that are no unit name ("没有读懂")


@dataclass(frozen=True)
class RoleWordAudit:
    """Nothing lost silently: a document's role words seen, the tasks made, the words listed."""

    seen: int
    tasks: int
    unread: tuple[UnreadRoleWord, ...]
    used: int = 0  # role words part of a task: seen = used + len(unread), while a task may
    # hold several role words (牵头单位 and 配合单位 of one bracket) or none (成员单位 lists)


NO_ROLE_WORDS = RoleWordAudit(0, 0, ())


# --- citations --------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    source: DocRef
    part_id: str | None  # where in the source the number is printed
    cite: str  # citation label of that part (e.g. 第三条)
    wenhao: Wenhao
    printed: str
    target: DocRef | None

    @property
    def url(self) -> str:
        """Where the number is printed in the citing document (its page when no part holds it)."""
        return self.source.part_url(self.part_id) if self.part_id else self.source.url


@dataclass(frozen=True)
class CitingDocument:
    """One document citing a number: its first citation (the link) and how many times it does."""

    first: Citation
    count: int


@dataclass(frozen=True)
class CitationIndex:
    by_number: dict[Wenhao, DocRef]
    outgoing: dict[str, tuple[Citation, ...]]  # by source document id, in reading order
    incoming: dict[str, tuple[Citation, ...]]  # by target document id

    def cited_numbers(self) -> list[tuple[Wenhao, list[Citation]]]:
        """Every number cited anywhere, most cited first, then by number."""
        grouped: dict[Wenhao, list[Citation]] = {}
        for citations in self.outgoing.values():
            for citation in citations:
                grouped.setdefault(citation.wenhao, []).append(citation)
        return sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0].prefix, item[0].year, item[0].seq))

    @staticmethod
    def citing_documents(citations: list[Citation]) -> tuple[CitingDocument, ...]:
        """The documents among ``citations``, in the order they first appear, each once."""
        by_source: dict[str, list[Citation]] = {}
        for citation in citations:
            by_source.setdefault(citation.source.id, []).append(citation)
        return tuple(CitingDocument(group[0], len(group)) for group in by_source.values())

    @property
    def total(self) -> int:
        return sum(len(c) for c in self.outgoing.values())


# --- relationships (gazette.derive.relations) -------------------------------

RelationKind = Literal["repeals", "replaces", "amends", "tied", "basis", "effective", "expires"]


@dataclass(frozen=True)
class Relation:
    """What one printed sentence of ``source`` does to a document (``target``) or to itself.

    ``target`` None: the sentence is about ``source`` itself (施行, 有效期).
    ``before``/``after`` are the site's words around the target (or, for the
    document itself, around nothing), ``inverse`` those the affected page shows
    after the acting document and its clause."""

    kind: RelationKind
    source: DocRef
    part_id: str  # the clause (element id on the source page)
    place: str  # how readers name it: 第3段, 第十三条, 附件1第2段
    quote: str  # the printed sentence
    words: str  # the printed words that make it this kind: 同时废止, 根据, 自2017年5月1日之日起施行
    target: Wenhao | None
    target_doc: DocRef | None  # the target when the library has it
    date: dt.date | None  # a date the text gives: 施行日期, the day a 有效期 runs out
    before: str
    after: str
    inverse: str

    @property
    def url(self) -> str:
        return self.source.part_url(self.part_id)

    @property
    def day(self) -> str:
        return day_label(self.date) if self.date else ""


@dataclass(frozen=True)
class TimelineEvent:
    """One date on a document's timeline, as the text or the gazette gives it."""

    label: str  # 成文 / 刊登 / 施行 / 届满 / 废止
    date: dt.date | None  # None: the text gives the event without a calendar date (自印发之日起施行)
    note: str  # what says so: 衢州政报2017年第2期（总第…期）第5页, or the printed words; "" for the record's own date
    url: str | None = None  # site URL of the issue or the clause that says so

    @property
    def day(self) -> str:
        return day_label(self.date) if self.date else ""

    @property
    def day_in_note(self) -> bool:
        """Whether the printed words already give the date as the site prints it (自2017年5月10日起施行):
        the date is then said once, by the quoted words, not again beside them."""
        return bool(self.date) and self.day in self.note


# A document's 有效性 as the text settles it on the build date (gazette/derive/relations.py decides which).
StandingStatus = Literal["已废止", "已修改", "已届满", "尚未施行"]
REPEALED: StandingStatus = "已废止"
AMENDED: StandingStatus = "已修改"
EXPIRED: StandingStatus = "已届满"
NOT_YET_IN_FORCE: StandingStatus = "尚未施行"


@dataclass(frozen=True)
class Standing:
    """A document's 有效性 as of the build date, read from the text only.

    ``status`` None with a ``by`` of kind ``tied``: it follows a document whose
    status the library cannot tell."""

    status: StandingStatus | None
    since: dt.date | None
    by: Relation
    follows: Standing | None = None  # tied: the tying document's standing
    as_of: dt.date | None = None

    @property
    def since_day(self) -> str:
        return day_label(self.since) if self.since else ""

    @property
    def as_of_day(self) -> str:
        return day_label(self.as_of) if self.as_of else ""

    @property
    def since_word(self) -> str:
        """What the date after the status says: the day it takes force (施行) for a document not yet
        in force, the day the status began (起) for the others."""
        return "施行" if self.status == NOT_YET_IN_FORCE else "起"


RunKind = Literal["text", "own", "cited", "external"]


@dataclass(frozen=True)
class Run:
    """A piece of running text. A printed 文号 is its own run, its kind decided:
    ``own`` (the page's own number), ``cited`` (a document here: ``target``),
    ``external`` (not in the library); everything else is ``text``."""

    text: str
    kind: RunKind = "text"
    wenhao: Wenhao | None = None
    target: DocRef | None = None


Text = tuple[Run, ...]


# --- document body ----------------------------------------------------------


@dataclass(frozen=True)
class CiteControl:
    """Permalink and copy-citation button of one anchor."""

    anchor: str
    label: str  # what the button names, e.g. 第十八条, 序号3
    citation: str  # the text copied


# A cell of at most this many characters ("5月31日前", "序号") is one word: never broken on paper.
SHORT_CELL = 10
# A cell of more than this many characters gets room to read on a narrow screen.
WIDE_CELL = 12


@dataclass(frozen=True)
class Cell:
    text: Text
    rowspan: int
    column: str
    cite: CiteControl | None = None  # the first cell of a numbered row (序号/编号 column)
    first_column: bool = False  # in the table's first column (kept in view when a wide table scrolls)

    @property
    def length(self) -> int:
        """Characters of text, so long cells get room to read on a narrow screen."""
        return sum(len(run.text) for run in self.text)

    @property
    def width(self) -> Literal["short", "wide", ""]:
        """How the cell is laid out: kept whole (short), given room (wide), or as the table sets it."""
        if self.length <= SHORT_CELL:
            return "short"
        return "wide" if self.length > WIDE_CELL else ""


@dataclass(frozen=True)
class Row:
    id: str  # row anchor
    cells: tuple[Cell, ...]
    # Printed merged cells from rows above that span this row too: the row's phone card shows
    # them (marked as shared), the table shows them once.
    shared: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class TableView:
    record: Table  # caption, columns, header rows, headless
    rows: tuple[Row, ...]
    notes: tuple[Text, ...]
    tasks: TaskTable | None  # when the table assigns tasks

    @property
    def groups(self) -> tuple[tuple[Row, ...], ...]:
        """Rows in runs joined by merged cells (one ``<tbody>`` each: kept together on paper)."""
        groups: list[tuple[Row, ...]] = []
        current: list[Row] = []
        reach = 0  # rows the open merged cells still cover, after the current one
        for row in self.rows:
            if current and reach == 0:
                groups.append(tuple(current))
                current = []
            current.append(row)
            reach = max([reach - 1, *(cell.rowspan - 1 for cell in row.cells)])
        if current:
            groups.append(tuple(current))
        return tuple(groups)


@dataclass(frozen=True)
class PartView:
    """One anchored part (or attachment) with everything its markup shows."""

    node: Node  # id, kind, cite, label, title
    cite: CiteControl
    text: Text
    paragraphs: tuple[Text, ...]
    table: TableView | None
    tasks: tuple[Task, ...]  # clause tasks anchored here (table rows are under ``table``)
    erratum: bool  # a located erratum repairs this part
    children: tuple[PartView, ...]
    heading: int | None = None  # heading level (2–4) when the part titles what follows (一、工作目标)

    @property
    def citable(self) -> bool:
        """Numbered parts get a permalink and a copy button; an unnumbered paragraph has neither."""
        return self.node.kind != "p"


@dataclass(frozen=True)
class ErratumView:
    """An erratum as its document's errata table lists it: where the repair is, and how it is named."""

    record: Erratum
    at: str | None  # anchor id of the part, TITLE, or None (not located)
    cite: str  # citation label of that part ("" when none)

    @property
    def place(self) -> str:
        """标题, the part's citation (正文 for a part without one), or — for a repair located nowhere
        (one that spans parts)."""
        if self.at == TITLE:
            return "标题"
        if self.at:
            return self.cite or "正文"
        return "—"

    @property
    def link(self) -> str | None:
        """The element id the place links to: a part's; the title and a repair located nowhere are not linked."""
        return self.at if self.at and self.at != TITLE else None


@dataclass(frozen=True)
class DoubtView:
    """A 存疑 mark (gazette.derive.consistency): where it sits and how readers name the place."""

    record: Doubt
    at: str  # anchor id of the part or table row
    place: str  # e.g. 附件1第13行


# --- pages ------------------------------------------------------------------


@dataclass(frozen=True)
class DocView(DocRef):
    """A document page: its ref plus everything derived from the record."""

    source: YamlFile
    anchored: AnchoredDocument
    doc_type: str
    issue: IssueRef
    category: str
    page: int | None
    in_toc: bool
    errata_at: tuple[str | None, ...]  # per erratum: part id, TITLE or None
    errata: tuple[ErratumView, ...]
    body: tuple[PartView, ...]
    attachments: tuple[PartView, ...]
    tasks: tuple[Task, ...]  # reading order
    task_tables: tuple[TaskTable, ...]
    departments: tuple[DeptRef, ...]  # units its tasks name, in registry order (facet 涉及部门)
    cites: tuple[Citation, ...]  # numbers it cites, reading order
    cited_by: tuple[Citation, ...]
    status: DocumentStatus  # 施行日期 and 有效期 as the text states them (derive/status.py)
    validity_source: Text  # the record's 有效性 source as runs (its 文号 linked); () when unknown
    doubts: tuple[DoubtView, ...] = ()  # 存疑 marks, record order
    role_words: RoleWordAudit = NO_ROLE_WORDS  # what the task reader saw and did not read
    relations: tuple[Relation, ...] = ()  # what its sentences do (derive/relations.py), reading order
    affected_by: tuple[Relation, ...] = ()  # what other documents' sentences do to it
    standing: Standing | None = None  # 有效性 as of the build date, from the text; None: the text settles nothing

    @property
    def acts_on(self) -> tuple[Relation, ...]:
        """Its relations to other documents (施行 and 有效期 are on the card's own rows)."""
        return tuple(r for r in self.relations if r.target is not None)

    @property
    def timeline(self) -> tuple[TimelineEvent, ...]:
        """成文, 刊登 (issue and page), 施行, 届满 / 废止: only dates the records and the text give."""
        events = [TimelineEvent("成文", self.record.date, "")]
        # The gazette prints a month, not a day: the issue's ``published`` is only for sorting.
        where = self.issue.title + (f"第{self.page}页" if self.page else "")
        events.append(TimelineEvent("刊登", None, f"衢州政报{where}（{self.issue.record.printed_month}出版）", self.issue.url))
        for relation in self.relations:
            if relation.kind == "effective":
                events.append(TimelineEvent("施行", relation.date, relation.words, relation.url))
            elif relation.kind == "expires" and relation.date is not None:
                events.append(TimelineEvent("届满", relation.date, relation.words, relation.url))
        s = self.standing
        if s is not None and s.status == REPEALED:
            events.append(TimelineEvent("废止", s.since, f"{s.by.source.number}{s.by.place}{s.by.inverse}", s.by.url))
        return tuple(events)

    @property
    def doubts_at(self) -> dict[str, tuple[DoubtView, ...]]:
        """Part or row anchor → the 存疑 marks shown there."""
        at: dict[str, tuple[DoubtView, ...]] = {}
        for doubt in self.doubts:
            at[doubt.at] = (*at.get(doubt.at, ()), doubt)
        return at

    @property
    def addressees(self) -> str | None:
        """主送 as a field value: the printed line without the colon that ends it."""
        text = self.record.addressees
        return text.rstrip(":：") if text else None


@dataclass(frozen=True)
class IssueSection:
    category: str
    documents: tuple[DocView, ...]


@dataclass(frozen=True)
class IssueView(IssueRef):
    source: YamlFile
    sections: tuple[IssueSection, ...]
    previous: IssueRef | None  # the issue before this one
    next: IssueRef | None

    @property
    def documents(self) -> list[DocView]:
        return [doc for section in self.sections for doc in section.documents]


@dataclass(frozen=True)
class Assignment:
    """One task as a department's page lists it."""

    task: Task
    role: Role  # this department's role
    others: tuple[UnitRef, ...]  # the other units the task names


@dataclass(frozen=True)
class YearCount:
    """How many fall in one year, and the year as pages name it (2018年)."""

    year: int
    count: int

    @property
    def label(self) -> str:
        return year_label(self.year)


@dataclass(frozen=True)
class DepartmentSummary:
    by_role: dict[Role, int]
    by_year: dict[int, int]
    dated: int
    total: int

    @property
    def years(self) -> tuple[YearCount, ...]:
        """Its tasks by the year of their document, as the unit's page lists them."""
        return tuple(YearCount(year, count) for year, count in self.by_year.items())


@dataclass(frozen=True)
class CollectiveGroup:
    """Tasks a unit holds through a collective name that covers it ("市级各有关部门")."""

    collective: DeptRef
    label: str  # the group's heading, e.g. 面向全部市级部门
    assignments: tuple[Assignment, ...]  # role: the collective's role; dated first by date

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(a.task for a in self.assignments)


@dataclass(frozen=True)
class DepartmentView(DeptRef):
    source: YamlFile
    documents: tuple[DocRef, ...]  # every document naming it (name or alias), library order
    tasks: tuple[Task, ...]  # tasks naming it, dated first by date (see tasks.sort_key)
    assignments: tuple[Assignment, ...]  # same order as ``tasks``
    summary: DepartmentSummary
    other_documents: tuple[DocRef, ...]  # documents naming it that assign it no task
    # Tasks given to a collective that covers this unit and not naming it itself (registry ``covers``).
    collective_groups: tuple[CollectiveGroup, ...] = ()

    @property
    def person(self) -> bool:
        return self.record.person

    @cached_property
    def held(self) -> tuple[tuple[Task, DeptRef | None], ...]:
        """Every task the unit holds, each once: the tasks naming it, then those given to a collective
        name that covers it, each with that name (None for its own). Its exports, its calendar and the
        任务期限 filter list these."""
        listed: dict[str, tuple[Task, DeptRef | None]] = {t.id: (t, None) for t in self.tasks}
        for group in self.collective_groups:
            for task in group.tasks:
                listed.setdefault(task.id, (task, group.collective))
        return tuple(listed.values())

    @property
    def calendar_count(self) -> int:
        """Dated tasks in its calendar: its own and those it holds through a collective name."""
        return sum(1 for task, _ in self.held if task.deadline and task.deadline.date)


@dataclass(frozen=True)
class DeadlineMonth:
    """The dated tasks of one month, as the 任务期限 page shows them."""

    key: str  # "2018-06"
    tasks: tuple[Task, ...]

    @property
    def year(self) -> int:
        return int(self.key[:4])

    @property
    def month(self) -> int:
        return int(self.key[5:7])

    @property
    def anchor(self) -> str:
        return f"m-{self.key}"

    @property
    def label(self) -> str:
        """In the jump list, under its year: 6月."""
        return month_of_year_label(self.month)

    @property
    def title(self) -> str:
        return month_label(self.year, self.month)

    @property
    def count_label(self) -> str:
        return f"{len(self.tasks)}项"


@dataclass(frozen=True)
class DeadlineYear:
    year: int
    months: tuple[DeadlineMonth, ...]

    @property
    def label(self) -> str:
        return year_label(self.year)


@dataclass(frozen=True)
class DeadlineUnit:
    """A unit in the 任务期限 filter with how many dated tasks it holds."""

    unit: DeptRef
    count: int


@dataclass(frozen=True)
class DeadlineCalendar:
    months: tuple[DeadlineMonth, ...]  # oldest first
    years: tuple[DeadlineYear, ...]
    units: tuple[DeadlineUnit, ...]  # registry order: a reader finds a unit where the 部门 page lists it
    total: int
    holders: dict[str, tuple[str, ...]]  # task id → codes of the units that hold it (Library.deadlines)

    def units_of(self, task: Task) -> tuple[str, ...]:
        """The units the filter shows ``task`` under: each unit that holds it."""
        return self.holders[task.id]


@dataclass(frozen=True)
class UnitKindGroup:
    """The units of one kind, as the 部门 page lists them under the kind's heading."""

    kind: DepartmentKind
    number: int  # the kind's place in DEPARTMENT_KINDS, from 1: its heading's id keeps when another kind empties
    units: tuple[DepartmentView, ...]

    @property
    def anchor(self) -> str:
        return f"kind-{self.number}"


@dataclass(frozen=True)
class Library:
    root: Path
    issuers: tuple[Issuer, ...]
    issues: tuple[IssueView, ...]  # newest first
    documents: tuple[DocView, ...]  # newest issue first, printed order within an issue
    departments: tuple[DepartmentView, ...]
    tasks: tuple[Task, ...]  # every task, reading order
    deadline_months: tuple[tuple[str, tuple[Task, ...]], ...]  # dated tasks by month ("2018-06"), oldest first
    citations: CitationIndex
    unit_names: UnitMatcher  # the one unit-name matcher over the registry (gazette.vocab.unitnames)
    # Natural persons named in a role (registry ``person: true``): not units, not in ``departments``;
    # each keeps only a notice page at its old URL.
    persons: tuple[DepartmentView, ...] = ()

    @cached_property
    def units(self) -> tuple[DepartmentView, ...]:
        """Real units (not collective names), registry order: what every unit list and count shows."""
        return tuple(d for d in self.departments if not d.collective)

    @cached_property
    def collectives(self) -> tuple[DepartmentView, ...]:
        return tuple(d for d in self.departments if d.collective)

    @property
    def unit_count(self) -> int:
        """The one count of units the pages state (home, 部门)."""
        return len(self.units)

    @cached_property
    def units_by_kind(self) -> tuple[UnitKindGroup, ...]:
        """Real units grouped by kind, kinds in DEPARTMENT_KINDS order, units in registry order; no empty group."""
        groups = (
            UnitKindGroup(kind, number, tuple(u for u in self.units if u.record.kind == kind))
            for number, kind in enumerate(DEPARTMENT_KINDS, start=1)
        )
        return tuple(group for group in groups if group.units)

    relations: tuple[Relation, ...] = ()  # every relationship read, library order
    as_of: dt.date | None = None  # the build date statuses are computed for

    @cached_property
    def _documents_by_id(self) -> dict[str, DocView]:
        return {d.id: d for d in self.documents}

    @cached_property
    def _departments_by_code(self) -> dict[str, DepartmentView]:
        return {d.code: d for d in self.departments}

    def department(self, code: str) -> DepartmentView:
        return self._departments_by_code[code]

    def document(self, doc_id: str) -> DocView:
        return self._documents_by_id[doc_id]

    @cached_property
    def deadlines(self) -> DeadlineCalendar:
        """The 任务期限 page: months grouped by year, and the units that hold dated tasks."""
        months = tuple(DeadlineMonth(key, tasks) for key, tasks in self.deadline_months)
        years: dict[int, list[DeadlineMonth]] = {}
        for month in months:
            years.setdefault(month.year, []).append(month)
        # A unit holds the tasks that name it and those given to a collective name that covers it
        # (市级各有关部门): its page and its calendar list both, and so does this page's filter.
        holders: dict[str, list[str]] = {t.id: list(t.unit_codes) for m in months for t in m.tasks}
        for dept in self.departments:
            for task, via in dept.held:
                if via is not None and task.id in holders:
                    holders[task.id].append(dept.code)
        counts = Counter(code for codes in holders.values() for code in codes)
        units = tuple(DeadlineUnit(dept, counts[dept.code]) for dept in self.departments if counts[dept.code])
        return DeadlineCalendar(
            months, tuple(DeadlineYear(y, tuple(ms)) for y, ms in years.items()), units, sum(len(m.tasks) for m in months),
            {task_id: tuple(codes) for task_id, codes in holders.items()},
        )

    @property
    def latest(self) -> IssueView | None:
        return self.issues[0] if self.issues else None

