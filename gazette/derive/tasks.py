"""Tasks: who must do what, in which clause, by when.

A task is either a row of a task table (a table with a role column such as
责任单位 / 配合部门 / 责任主体) or a clause that assigns roles in words:

* labelled lines under a numbered part: "牵头部门:…", "责任单位:…", "完成时限:…";
* inline phrases: "(牵头单位:市农业局,配合单位:市财政局、各县(市、区))";
* sentences: "由X牵头,Y、Z等按职责分工负责", "市发改委(市粮食局)负责…".

Clauses are read by the role-assignment reader (``derive/assignments.py``): it finds the
role groups, this module resolves their names and makes the tasks, and every role word that
yields no task is kept as ``UnreadRoleWord`` with the reason (``DocView.role_words``).

Extracted tables are not always aligned: the PDF extraction shifts cells left
and packs several units' lines into one cell. So a row is read by content, not
only by position: any cell of a task-table row that consists of unit names is
a unit cell; the column heading gives the default role, words in the cell
("牵头", "配合", "分工负责") override it. A row with no unit cell of its own
continues the merged unit cell above (null = merged in print).

Names in tables, labelled lines and parentheticals that look like unit names must
resolve (else the build fails with file:line, in Chinese, proposing a registry entry);
a phrase there that is not a unit name is listed as unread, never proposed for the
registry. Prose groups are only read when every name resolves, because prose also
says "由建设部门牵头" about unnamed bodies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from gazette.derive.anchors import AnchoredDocument, Loc, Node, row_id
from gazette.derive.assignments import RoleGroup, RoleWord, Segment, labelled_line, read, sentences
from gazette.derive.deadlines import Deadline, find_deadline, parse_deadline
from gazette.derive.departments import Registry, UnitRef, UnresolvedName, merge_roles
from gazette.derive.members import Membership, roster_members, sentence_members
from gazette.derive.proposal import proposed_code, proposed_entry
from gazette.derive.views import (
    DepartmentSummary,
    DocRef,
    RoleWordAudit,
    TableUnit,
    Task,
    TaskTable,
    UnreadRoleWord,
)
from gazette.load.errors import RecordError
from gazette.load.yamlfile import YamlFile
from gazette.records.models import Table
from gazette.vocab.normalize import printed_key, without_spaces
from gazette.vocab.roles import FIRST_LEADS, ROLES, Role, is_role_noun, noun_role
from gazette.vocab.unitnames import looks_like_unit_name

_NUMBERING = re.compile(r"^[\s\d.．、()（）一二三四五六七八九十]*$")
_TEXT_HEADING = re.compile(r"任务|内容|要求|项目|事项|措施|工作|名称|课题")
_DEADLINE_HEADING = re.compile(r"时限|时间|期限|截止|节点")
_DEADLINE_LINE = re.compile(r"^\s*(?:完成时限|完成时间|时间节点|时限要求|时限)\s*[:：]\s*(?P<when>.+?)[。.]?\s*$")
# The last 由/请 before a prose unit list starts it: "现由市发改委牵头".
_PROSE_START = re.compile(r"^.*(?:由|请)")


class _Extractor:
    def __init__(
        self, doc: DocRef, source: YamlFile, registry: Registry, errors: list[RecordError], parents: dict[str, Node]
    ):
        self.doc, self.source, self.registry, self.errors = doc, source, registry, errors
        self.parents = parents  # node id → the node it belongs to
        self.tasks: list[Task] = []
        self.tables: list[TaskTable] = []
        self.year = doc.record.date.year
        self._ids: dict[str, int] = {}
        self.seen = 0  # role words in the document's clauses and role columns
        self.used = 0  # of them, those part of a task; the others are listed in ``unread``
        self.unread: list[UnreadRoleWord] = []
        # The document says its lists name the lead first ("列第一位者为牵头单位,下同"): from there
        # on, the first unit after a plain 责任单位 label leads.
        self.first_leads = False

    def _task_id(self, anchor: str) -> str:
        n = self._ids.get(anchor, 0) + 1
        self._ids[anchor] = n
        return f"{self.doc.id}#{anchor}" + (f"~{n}" if n > 1 else "")

    def _parse(self, text: str, role: Role, loc: Loc) -> list[UnitRef] | _Unresolved:
        """Units of a name list that must resolve, or every name of it that does not: each
        unknown unit name is a record error (with a proposed registry entry), all of them at
        once; a phrase that is no unit name is returned for the caller to list as unread."""
        refs, names = self.registry.resolve(text, role)
        if not names:
            return refs
        for name in names:
            if looks_like_unit_name(name):
                code = proposed_code(name, set(self.registry.by_name.values()))
                error = self.source.error(loc, _unknown_unit(name, text, code))
                self.errors.append(UnknownUnitError(error, name, text))
        return _Unresolved(
            tuple(n for n in names if looks_like_unit_name(n)), tuple(n for n in names if not looks_like_unit_name(n))
        )

    def _not_read(
        self, node: Node, loc: Loc, word: str, text: str, reason: str, unclear: tuple[str, ...] = ()
    ) -> None:
        self.unread.append(
            UnreadRoleWord(self.doc.id, node.id, word, _clean(text), reason, self.source.line_of(loc), unclear)
        )

    # --- tables ---------------------------------------------------------

    def table(self, node: Node, table: Table) -> None:
        roles = [noun_role(col) for col in table.columns]
        if table.headless or not any(roles):
            return
        default_shift: Role = "responsible"
        deadline_cols = {i for i, col in enumerate(table.columns) if _DEADLINE_HEADING.search(col)}
        header_like = {without_spaces(c) for c in table.columns}
        caption = table.caption or (f"{node.cite} 表{node.number}" if node.cite else f"表{node.number}")
        rows: list[Task] = []
        above: list[str] = [""] * len(table.columns)
        above_units: list[UnitRef] = []
        for r, row in enumerate(table.rows, start=1):
            effective = [above[c] if v is None else v for c, v in enumerate(row)]
            above = effective
            own = [(c, v) for c, v in enumerate(row) if v is not None and v.strip()]
            if not own or all(without_spaces(v) in header_like or is_role_noun(v) for _, v in own):
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
                    units.extend(parsed if isinstance(parsed, list) else [])
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
            own_texts = [t for _, t, own_text in texts if own_text]  # text columns only (see above)
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
            named, persons = self.registry.split_persons(merge_roles(units))
            task = Task(
                self._task_id(anchor), self.doc, anchor, f"{caption} 第{r}行", _clean(text),
                named, deadline, node.id, r, persons,
            )
            rows.append(task)
            self.tasks.append(task)
        self.seen += sum(1 for role in roles if role)
        if rows:
            self.used += sum(1 for role in roles if role)  # each role column is read in every row
        else:
            for col, role in zip(table.columns, roles):
                if role:
                    self._not_read(node, node.loc + ("table", "columns"), col, caption, "任务表中没有一行读出单位")
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
        if role_column and len(without_spaces(value)) <= 12:
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
        readings = [(sub, value, read(value)) for sub, value in strings]
        # Labelled lines: the part's title is the task, the lines assign roles and a deadline.
        labelled: list[UnitRef] = []
        deadline: Deadline | None = None
        body: list[str] = []
        # Each role word's fate, by its offset in each string: part of a task, or listed.
        ledgers = {sub: _Ledger(reading.words) for sub, _, reading in readings}
        for sub, value, reading in readings:
            self.seen += len(reading.words)
            lines = [s for s in reading.segments if s.form == "line"]
            for segment in lines:
                labelled.extend(self._strict(node, sub, value, segment, ledgers[sub]))
            for line in value.splitlines():
                d = _DEADLINE_LINE.match(line)
                if d:
                    deadline = parse_deadline(d.group("when"), self.year)
                elif labelled_line(line) is None:
                    body.append(line)  # the item's own text too: "…2019年6月底前完成…" then "责任单位:…"
        if labelled:
            self._add(node, heading or node.cite, labelled, deadline or find_deadline(" ".join(body), self.year))
        # Parentheticals and sentences, one task per occurrence.
        for sub, value, reading in readings:
            inline = [s for s in reading.segments if s.form == "parenthetical"]
            ledger = ledgers[sub]
            for segment in inline:
                refs = self._strict(node, sub, value, segment, ledger)
                if not refs:
                    continue
                text = _clean(value[: segment.start] + value[segment.end:])
                if sub != ("text",) and not printed_key(text):
                    # a paragraph that is only "(责任单位:…)": it assigns the item it closes
                    owner = self._owner_of_role_paragraph(node, sub)
                    said = _heading(owner)
                    self._add(owner, said, refs, find_deadline(said, self.year))
                    continue
                sentence = _clean(f"{part.label or ''}{text}") if sub == ("text",) else text
                self._add(node, sentence, refs, find_deadline(text, self.year))
            prose = [s for s in reading.segments if s.form == "prose"]
            for segment in prose:
                sentence = value[segment.start:segment.end]
                if labelled:
                    self._unread_words(node, sub, sentence, ledger, ledger.within(segment.start, segment.end),
                                       "本条已按“单位:”清单读出任务，句中角色不再另读")
                    continue
                refs = self._prose(segment)
                if refs:
                    self._add(node, _clean(sentence), refs, find_deadline(sentence, self.year))
                    ledger.use(ledger.within(segment.start, segment.end))
                else:
                    self._unread_words(node, sub, sentence, ledger, ledger.within(segment.start, segment.end),
                                       "句中角色词前不是已登记的单位名称")
            for word in reading.unread:
                sentence = next((t for at, t in sentences(value) if at <= word.start < at + len(t)), value)
                self._not_read(node, node.loc + sub, word.word, sentence, word.reason)
                ledger.listed.add(word.start)
            # every other word sits inside an assignment that made no use of it
            self._unread_words(node, sub, value, ledger, ledger.unsettled(), "在职责分工文字之内，但不属于其中任何一组分工")
            self.used += len(ledger.used)

    def _owner_of_role_paragraph(self, node: Node, sub: Loc) -> Node:
        """The item a stand-alone role paragraph assigns. The importer files a paragraph after
        sub-items (1)–(4) under the last of them; printed after the whole list, it assigns the
        item the list belongs to, unless the sub-items carry such paragraphs each (then it is
        the last one's own)."""
        parent = self.parents.get(node.id)
        part = node.part
        if parent is None or parent.part is None or not parent.part.label or part is None:
            return node
        siblings = [c for c in parent.children if c.part is not None and c.part.table is None]
        if not siblings or siblings[-1] is not node or len(siblings) < 2 or sub[-1] != len(part.paragraphs) - 1:
            return node
        if any(_role_paragraph(p) for sib in siblings[:-1] for p in (sib.part.paragraphs if sib.part else [])):
            return node
        return parent

    def _strict(self, node: Node, sub: Loc, value: str, segment: Segment, ledger: _Ledger) -> list[UnitRef]:
        """Units of a labelled line or parenthetical; each group that yields none is listed,
        with every role word printed in it."""
        refs: list[UnitRef] = []
        for group in segment.groups:
            words = ledger.within(group.at, group.end)
            in_notes = [w for w in words if any(a <= w.start < b for a, b in group.notes)]
            says_first_leads = any(FIRST_LEADS.search(value[a:b]) for a, b in group.notes)
            self.first_leads = self.first_leads or says_first_leads
            found = self._parse(group.names, group.role, node.loc + sub) if group.names else _Unresolved((), ())
            if isinstance(found, list) and found:
                if self.first_leads and group.role == "responsible":
                    found = [replace(found[0], role="lead"), *found[1:]]
                refs.extend(found)
                if says_first_leads:
                    ledger.use(words)  # the note's 牵头单位 is what made the first unit lead
                else:
                    ledger.use([w for w in words if w not in in_notes])
                    self._unread_words(node, sub, value, ledger, in_notes, "括号内是对单位清单的说明，不是一组分工")
                continue
            missing = found if isinstance(found, _Unresolved) else _Unresolved((), ())
            self._unread_words(node, sub, value, ledger, words, missing.reason(), missing.unclear)
        return refs

    def _prose(self, segment: Segment) -> list[UnitRef]:
        """Units of a prose sentence: only groups whose every name resolves."""
        refs: list[UnitRef] = []
        for group in segment.groups:
            refs.extend(self._prose_group(group))
        return merge_roles(refs)

    def _prose_group(self, group: RoleGroup) -> list[UnitRef]:
        for names in dict.fromkeys([group.names, _PROSE_START.sub("", group.names)]):
            if names and self.registry.looks_like_units(names) and self._resolves(names):
                return self.registry.parse(names, group.role)
        return []

    def _unread_words(
        self, node: Node, sub: Loc, text: str, ledger: _Ledger, words: list[RoleWord], reason: str,
        unclear: tuple[str, ...] = (),
    ) -> None:
        """List role words of the string at ``sub`` that yielded no task, with the reason."""
        for word in words:
            self._not_read(node, node.loc + sub, word.word, text, reason, unclear)
            ledger.listed.add(word.start)


    def _add(self, node: Node, text: str, units: list[UnitRef], deadline: Deadline | None) -> None:
        if not units:
            return
        named, persons = self.registry.split_persons(merge_roles(units))
        self.tasks.append(
            Task(self._task_id(node.id), self.doc, node.id, node.cite or node.id, text, named, deadline, persons=persons)
        )


class _Ledger:
    """What became of each role word of one string: part of a task (``used``) or listed with
    its reason (``listed``); offsets in the string. Seen = used + listed, word for word."""

    def __init__(self, words: tuple[RoleWord, ...]):
        self.words = words
        self.used: set[int] = set()
        self.listed: set[int] = set()

    def within(self, start: int, end: int) -> list[RoleWord]:
        """The words printed in [start, end)."""
        return [w for w in self.words if start <= w.start < end]

    def use(self, words: list[RoleWord]) -> None:
        self.used.update(w.start for w in words if w.start not in self.listed)

    def unsettled(self) -> list[RoleWord]:
        """Words neither used nor listed yet."""
        return [w for w in self.words if w.start not in self.used and w.start not in self.listed]


@dataclass(frozen=True)
class _Unresolved:
    """The names of a list that did not resolve: unknown units (each a record error) and
    phrases that are no unit name."""

    unknown: tuple[str, ...]
    unclear: tuple[str, ...]

    def reason(self) -> str:
        """Why the list made no task (Chinese, for the editor)."""
        if not self.unknown and not self.unclear:
            return "角色词后没有单位名称"
        said = [f"单位“{'”“'.join(self.unknown)}”未登记"] if self.unknown else []
        said += [f"没有读懂“{'”“'.join(self.unclear)}”：不像单位名称"] if self.unclear else []
        return "；".join(said)


class UnknownUnitError(RecordError):
    """A name list names a unit the registry lacks; ``name`` and ``context`` (the printed list)
    travel as values so the importer can propose a registry entry without reading the message."""

    def __init__(self, error: RecordError, name: str, context: str):
        super().__init__(error.path, error.line, error.field, error.message)
        self.name = name
        self.context = context


def _unknown_unit(name: str, context: str, code: str) -> str:
    """The error for a unit name the registry lacks (Chinese; key for developers in brackets)."""
    return (
        f"[unknown-unit] 单位名称“{name}”不在 data/departments.yaml 中（原文：“{context}”）。"
        f"如确是实有单位，请在 data/departments.yaml 登记，例如：{proposed_entry(name, code)}；"
        f"如是另一单位的写法，请加到该单位的 aliases。"
    )


def _role_paragraph(text: str) -> bool:
    """A paragraph that is nothing but a role bracket: "(责任单位:市直各有关单位)"."""
    inline = [s for s in read(text).segments if s.form == "parenthetical"]
    return bool(inline) and not printed_key(
        "".join(ch for i, ch in enumerate(text) if not any(s.start <= i < s.end for s in inline))
    )


def _heading(node: Node) -> str:
    """What a part says before its paragraphs: its label and text, else how it is cited."""
    part = node.part
    said = _clean(f"{part.label or ''}{part.text or ''}") if part else ""
    return said or node.cite or node.id


def _clean(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()


def extract_tasks(
    doc: DocRef, anchored: AnchoredDocument, source: YamlFile, registry: Registry, errors: list[RecordError]
) -> tuple[list[Task], list[TaskTable], RoleWordAudit]:
    """Every task of one document, in reading order, its task tables, and the audit of its
    role words (seen, and the ones that yielded no task, with the reason).

    An unknown unit name is appended to ``errors`` (file:line of ``source``)."""
    parents = {child.id: node for node in anchored.walk() for child in node.children}
    ex = _Extractor(doc, source, registry, errors, parents)
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
    return ex.tasks, ex.tables, RoleWordAudit(ex.seen, len(ex.tasks), tuple(ex.unread), ex.used)


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

