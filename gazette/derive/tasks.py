"""Tasks: who must do what, in which clause, by when.

A task is either a row of a task table (a table with a role column such as
责任单位 / 配合部门 / 责任主体) or a clause that assigns roles in words:

* labelled lines under a numbered part: "牵头部门:…", "责任单位:…", "完成时限:…";
* inline phrases: "(牵头单位:市科技局、市经信委;配合单位:…)";
* sentences: "X牵头负责,Y、Z等按职责分工负责" and "X负责…" at a clause start.

Extracted tables are not always aligned: the PDF extraction shifts cells left
and packs several units' lines into one cell. So a row is read by content, not
only by position: any cell of a task-table row that consists of unit names is
a unit cell; the column heading gives the default role, words in the cell
("牵头", "配合", "分工负责") override it. A row with no unit cell of its own
continues the merged unit cell above (null = merged in print).

Names in tables and labelled lines must resolve (else the build fails with
file:line); prose sentences are only read when every name resolves, because
prose also says "由建设部门牵头" about unnamed bodies.
"""

from __future__ import annotations

import bisect
import re

from gazette.derive.anchors import AnchoredDocument, Loc, Node, row_id
from gazette.derive.deadlines import Deadline, find_deadline, parse_deadline
from gazette.derive.departments import ROLES, Registry, Role, UnitRef, UnresolvedName, heading_role, merge_roles
from gazette.derive.members import Membership, roster_members, sentence_members
from gazette.derive.views import DepartmentSummary, DocRef, TableUnit, Task, TaskTable
from gazette.load.errors import RecordError
from gazette.load.yamlfile import YamlFile
from gazette.records.models import Table

_NUMBERING = re.compile(r"^[\s\d.．、()()一二三四五六七八九十]*$")
_TEXT_HEADING = re.compile(r"任务|内容|要求|项目|事项|措施|工作|名称|课题")
_DEADLINE_HEADING = re.compile(r"时限|时间|期限|截止|节点")
_LABEL_LINE = re.compile(r"^\s*(?P<label>[^::\s]{2,6}(?:单位|部门|主体))\s*[::]\s*(?P<units>.+?)[。.]?\s*$")
_DEADLINE_LINE = re.compile(r"^\s*(?:完成时限|完成时间|时间节点|时限要求|时限)\s*[::]\s*(?P<when>.+?)[。.]?\s*$")
_INLINE = re.compile(r"[((](?P<inner>[^()()]*?(?:单位|部门)[::][^()()]*)[))]")
# "X、Y牵头(负责),Z等按职责分工负责": the unit list before 牵头 is found with plain string
# operations (_lead_before), not a regex: a pattern of repeated 、-joined names backtracks
# exponentially on a long list that does not end in 牵头.
_LEAD_STOP = re.compile(r"[。;;,,:()()]")
_LEAD_END = re.compile(r"牵头(?:负责)?[,,]")
_REST_STOP = re.compile(r"[。;;()()]")
# What ends the list of other units; the list itself is the text before it (2–200 characters).
_ROLE_VERB = re.compile(r"(?:等)?(?:按各自职责|按职责)?(?:、领域)?(?:分工负责|积极配合|配合|协助)")
_REST_MIN, _REST_MAX = 2, 200
_FIRST_NAME, _NEXT_NAME = 40, 30  # longest first name of a lead list, longest further name
_OPENING = re.compile(r"^(?P<units>[^,,。;;:()()]{2,40}?)(?P<colon>[::])?(?P<verb>负责牵头|牵头负责|负责)")


class _Extractor:
    def __init__(self, doc: DocRef, source: YamlFile, registry: Registry, errors: list[RecordError]):
        self.doc, self.source, self.registry, self.errors = doc, source, registry, errors
        self.tasks: list[Task] = []
        self.tables: list[TaskTable] = []
        self.year = doc.record.date.year
        self._ids: dict[str, int] = {}

    def _task_id(self, anchor: str) -> str:
        n = self._ids.get(anchor, 0) + 1
        self._ids[anchor] = n
        return f"{self.doc.id}#{anchor}" + (f"~{n}" if n > 1 else "")

    def _parse(self, text: str, role: Role, loc: Loc) -> list[UnitRef] | None:
        try:
            return self.registry.parse(text, role, context=text)
        except UnresolvedName as exc:
            self.errors.append(self.source.error(loc, str(exc)))
            return None

    # --- tables ---------------------------------------------------------

    def table(self, node: Node, table: Table) -> None:
        roles = [heading_role(col) for col in table.columns]
        if table.headless or not any(roles):
            return
        default_shift: Role = "responsible"
        deadline_cols = {i for i, col in enumerate(table.columns) if _DEADLINE_HEADING.search(col)}
        header_like = {re.sub(r"\s+", "", c) for c in table.columns} | {"牵头单位", "责任单位", "配合单位"}
        caption = table.caption or (f"{node.cite} 表{node.number}" if node.cite else f"表{node.number}")
        rows: list[Task] = []
        above: list[str] = [""] * len(table.columns)
        above_units: list[UnitRef] = []
        for r, row in enumerate(table.rows, start=1):
            effective = [above[c] if v is None else v for c, v in enumerate(row)]
            above = effective
            own = [(c, v) for c, v in enumerate(row) if v is not None and v.strip()]
            if not own or all(re.sub(r"\s+", "", v) in header_like for _, v in own):
                continue
            loc = node.loc + ("table", "rows", r - 1)
            units: list[UnitRef] = []
            texts: list[tuple[int, str, bool]] = []  # (column, text, own)
            numbering = ""
            for c, value in enumerate(effective):
                if not value or not value.strip() or c in deadline_cols:
                    continue
                is_own = row[c] is not None
                if roles[c] is None and not _TEXT_HEADING.search(table.columns[c]):
                    # place, size and number columns are never units (隐患位置 can name a 管委会)
                    continue
                unit_part, text_part = self._split_cell(value, roles[c] is not None)
                if unit_part and is_own:
                    parsed = self._parse(unit_part, roles[c] or default_shift, loc + (c,))
                    units.extend(parsed or [])
                if text_part and roles[c] is None:
                    if _NUMBERING.match(text_part):
                        if is_own:
                            numbering = numbering or text_part.strip()
                    else:
                        texts.append((c, text_part, is_own))
            own_role_cell = any(roles[c] and v.strip() for c, v in own)
            if not units and not own_role_cell:
                units = above_units  # the unit cell is merged with the one above
            if not units:
                continue
            above_units = units
            own_texts = [t for c, t, o in texts if o and (_TEXT_HEADING.search(table.columns[c]) or True)]
            if own_texts:
                text = own_texts[-1]
                if numbering and not text.startswith(numbering):
                    text = f"{numbering} {text}"
            elif texts:
                text = f"{numbering} — {texts[-1][1]}" if numbering else texts[-1][1]
            else:
                text = numbering or caption
            deadline = None
            for c in sorted(deadline_cols):
                if effective[c] and effective[c].strip():
                    deadline = parse_deadline(effective[c], self.year)
            deadline = deadline or find_deadline(text, self.year)
            anchor = row_id(node.id, r)
            task = Task(
                self._task_id(anchor), self.doc, anchor, f"{caption} 第{r}行", _clean(text),
                tuple(merge_roles(units)), deadline, node.id, r,
            )
            rows.append(task)
            self.tasks.append(task)
        if rows:
            self.tables.append(TaskTable(node.id, self.doc, caption, tuple(table.columns), tuple(rows), _table_units(rows)))

    def _split_cell(self, value: str, role_column: bool) -> tuple[str, str]:
        """(units, text) of a cell; a role cell may end in units after shifted text.

        In a role column whatever looks like units must resolve (the build
        fails otherwise); in a text column only what resolves is a unit."""
        if self.registry.looks_like_units(value) and (role_column or self._resolves(value)):
            return value, ""
        tokens = re.split(r"\s+", value.strip())
        for start in range(1, len(tokens)):
            tail = " ".join(tokens[start:])
            if self.registry.looks_like_units(tail) and self._resolves(tail):
                return tail, " ".join(tokens[:start])
        if role_column and len(re.sub(r"\s+", "", value)) <= 12:
            return value, ""  # a short role cell is a name: it must resolve
        return "", value

    def _resolves(self, text: str) -> bool:
        try:
            self.registry.parse(text, "responsible")
            return True
        except UnresolvedName:
            return False

    # --- clauses --------------------------------------------------------

    def clause(self, node: Node) -> None:
        part = node.part
        if part is None or part.table is not None:
            return
        heading = _clean(f"{part.label or ''}{part.text or ''}")
        strings: list[tuple[Loc, str]] = [(("text",), part.text)] if part.text else []
        strings += [(("paragraphs", i), p) for i, p in enumerate(part.paragraphs)]
        # Labelled lines: the part's title is the task, the lines assign roles and a deadline.
        labelled: list[UnitRef] = []
        deadline: Deadline | None = None
        body: list[str] = []
        for sub, value in strings:
            for line in value.splitlines():
                m = _LABEL_LINE.match(line)
                role = heading_role(m.group("label")) if m else None
                if m and role:
                    labelled.extend(self._parse(m.group("units"), role, node.loc + sub) or [])
                    continue
                d = _DEADLINE_LINE.match(line)
                if d:
                    deadline = parse_deadline(d.group("when"), self.year)
                    continue
                if sub != ("text",):
                    body.append(line)
        if labelled:
            self._add(node, heading or node.cite, labelled, deadline or find_deadline(" ".join(body), self.year))
        # Inline phrases and sentences, one task per occurrence.
        for sub, value in strings:
            for m in _INLINE.finditer(value):
                refs: list[UnitRef] = []
                for seg in re.split(r"[;;]", m.group("inner")):
                    lm = _LABEL_LINE.match(seg)
                    role = heading_role(lm.group("label")) if lm else None
                    if lm and role:
                        refs.extend(self._parse(lm.group("units"), role, node.loc + sub) or [])
                if refs:
                    text = _clean(value[: m.start()] + value[m.end():])
                    sentence = _clean(f"{part.label or ''}{text}") if sub == ("text",) else text
                    self._add(node, sentence, refs, find_deadline(text, self.year))
            if labelled or _INLINE.search(value):
                continue
            for sentence in re.split(r"(?<=[。;;])", value):
                refs = self._sentence_units(sentence)
                if refs:
                    self._add(node, _clean(sentence), refs, find_deadline(sentence, self.year))

    def _sentence_units(self, sentence: str) -> list[UnitRef]:
        stops = [m.start() for m in _LEAD_STOP.finditer(sentence)]
        for end in _LEAD_END.finditer(sentence):
            lead = _lead_before(sentence, end.start(), stops)
            m = _role_verb_after(sentence, end.end()) if lead else None
            if lead is None or m is None:
                continue
            lead, rest = re.sub(r"^.*?(?:由|请|，|,)", "", lead), sentence[end.end(): m.start()]
            role: Role = "cooperate" if re.search(r"配合|协助", sentence[m.end() - 4: m.end()]) else "responsible"
            if self._resolves(lead) and self._resolves(rest):
                return merge_roles(
                    self.registry.parse(lead, "lead") + self.registry.parse(rest, role)
                )
            break  # as before: only the first 牵头 clause with a unit list is read
        m = _OPENING.match(sentence.strip())
        if m and self.registry.looks_like_units(m.group("units")) and self._resolves(m.group("units")):
            role = "lead" if "牵头" in m.group("verb") else "responsible"
            return merge_roles(self.registry.parse(m.group("units"), role))
        return []

    def _add(self, node: Node, text: str, units: list[UnitRef], deadline: Deadline | None) -> None:
        if not units:
            return
        self.tasks.append(
            Task(self._task_id(node.id), self.doc, node.id, node.cite or node.id, text, tuple(merge_roles(units)), deadline)
        )


def _lead_before(sentence: str, end: int, stops: list[int]) -> str | None:
    """The 、-joined names that end at ``end`` (just before 牵头), or None.

    The list starts after the last clause stop (。;,:or a bracket); further names
    are 2–30 characters, the first 2–40 (the tail of a longer run of text, as
    in "由市发改委、…"). A name that does not fit starts the list after it."""
    start = stops[bisect.bisect_left(stops, end) - 1] + 1 if stops and stops[0] < end else 0
    names = sentence[start:end].split("、")
    kept: list[str] = []
    for name in reversed(names):
        if 2 <= len(name) <= _NEXT_NAME:
            kept.append(name)
            continue
        if len(name) > _NEXT_NAME:
            kept.append(name[-_FIRST_NAME:])
        break
    if not kept:
        return None
    return "、".join(reversed(kept))


def _role_verb_after(sentence: str, start: int) -> re.Match[str] | None:
    """The first 分工负责/配合/协助 that ends the unit list starting at ``start``."""
    stop = _REST_STOP.search(sentence, start)
    m = _ROLE_VERB.search(sentence, start + _REST_MIN, stop.start() if stop else len(sentence))
    return m if m and m.start() - start <= _REST_MAX else None


def _clean(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()


def extract_tasks(
    doc: DocRef, anchored: AnchoredDocument, source: YamlFile, registry: Registry, errors: list[RecordError]
) -> tuple[list[Task], list[TaskTable]]:
    """Every task of one document, in reading order, and its task tables.

    An unresolved unit name is appended to ``errors`` (file:line of ``source``)."""
    ex = _Extractor(doc, source, registry, errors)
    memberships: list[Membership] = roster_members(None, anchored.body, "", registry)
    for att in anchored.attachments:
        memberships += roster_members(att, att.children, att.title or "", registry)
    for node in anchored.walk():
        if node.kind == "table" and node.part is not None and node.part.table is not None:
            ex.table(node, node.part.table)
        elif node.part is not None:
            ex.clause(node)
            memberships += sentence_members(node, registry)
    for m in memberships:
        ex._add(m.anchor, _clean(m.text), m.units, None)
    return ex.tasks, ex.tables


def _table_units(tasks: list[Task]) -> tuple[TableUnit, ...]:
    """Every unit a task table names, in first-seen order, with its roles there."""
    seen: dict[str, list[Role]] = {}
    for task in tasks:
        for ref in task.units:
            roles = seen.setdefault(ref.code, [])
            if ref.role not in roles:
                roles.append(ref.role)
    return tuple(TableUnit(code, tuple(roles)) for code, roles in seen.items())


# --- orderings and counts the pages and exports share ----------------------

def sort_key(task: Task) -> tuple[bool, str, str, str]:
    """Dated tasks first by date, then undated ones in document order."""
    date = task.deadline.date if task.deadline and task.deadline.date else None
    return (date is None, date.isoformat() if date else "", task.doc.record.date.isoformat(), task.id)


def department_summary(tasks: list[Task] | tuple[Task, ...], code: str) -> DepartmentSummary:
    """Counts by role and by document year for one unit's page."""
    by_role: dict[Role, int] = {role: 0 for role in ROLES}
    by_year: dict[int, int] = {}
    for task in tasks:
        role = task.role_of(code)
        if role:
            by_role[role] += 1
        year = task.doc.record.date.year
        by_year[year] = by_year.get(year, 0) + 1
    dated = sum(1 for t in tasks if t.deadline and t.deadline.date)
    return DepartmentSummary(by_role, dict(sorted(by_year.items())), dated, len(tasks))


def by_month(tasks: list[Task] | tuple[Task, ...]) -> tuple[tuple[str, tuple[Task, ...]], ...]:
    """Dated tasks grouped by the month of their normalized deadline, oldest first."""
    months: dict[str, list[Task]] = {}
    for task in sorted(tasks, key=sort_key):
        if task.deadline and task.deadline.date:
            months.setdefault(task.deadline.month or "", []).append(task)
    return tuple((month, tuple(group)) for month, group in months.items())



def units_with_deadlines(tasks: list[Task] | tuple[Task, ...]) -> dict[str, int]:
    """How many dated tasks each unit holds (any role), keyed by unit code, earliest deadline first."""
    counts: dict[str, int] = {}
    for task in sorted(tasks, key=sort_key):
        if task.deadline and task.deadline.date:
            for code in dict.fromkeys(task.codes()):
                counts[code] = counts.get(code, 0) + 1
    return counts
