"""Self-consistency checks: what a printed document says about itself must hold.

The gazette often states facts that can be checked against the text they
describe. Extraction that scrambles a table or a list breaks them, so each
broken one is a place a reader could be misled. The checks are general (no
document is named here) and run over every record, in the importer's review
report and in the test suite:

``count``
    a heading or a lead-in states how many items follow ("(20名)", "(13家):",
    "共N项"): the list under it has that many.
``sum``
    tables with 合计 / 小计 / 总计 rows, and figures printed once for a group
    of rows (a merged 任务数 cell) next to a column in the same unit, add up.
``numbering``
    sibling parts (一、二、, (一), 1. 2.) and table columns of numbers
    (序号 1 2 3, 27.1 27.2, "3. ...") run without gap or repeat.
``column``
    a table cell looks like it belongs to another column: a project or a
    number where the heading names a unit (责任主体), a unit or a date where
    it names a project, a unit where it names a date.
``break``
    a paragraph ends in mid-sentence (a comma) with nothing following it.

One job: heuristics that *find* places to review (:func:`find_inconsistencies`), for the
importer's review report and the test suite; they never fail a build on their own. A
violation is settled in one of two ways: the record is repaired by a hand correction (which
becomes an erratum stating the evidence, and the check then passes), or the record marks the
place for readers as 存疑 with the reason (``Document.doubts``). Whether every violation is
settled, and whether every 存疑 mark points at printed text, is validation of the records:
``gazette/derive/doubts.py``. Dates that cannot be right are ``plausibility.py``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gazette.derive.anchors import Node, anchor_document, row_id
from gazette.derive.numbering import CN_NUM, chinese_to_int, parse_label
from gazette.records.models import CheckKind, Document, Table
from gazette.vocab.normalize import without_spaces
from gazette.vocab.roles import ROLE_NOUN, ROLE_VERB
from gazette.vocab.unitnames import BODY_ENDINGS, endings_pattern

__all__ = ["CHECK_LABELS", "Violation", "find_inconsistencies"]

# How each check is named to readers (存疑 list) and in the review report.
CHECK_LABELS: dict[str, str] = {
    "count": "所列数目与所述数目不符",
    "sum": "合计与分项不符",
    "numbering": "编号不连续或重复",
    "column": "单元格内容与所在栏目不符",
    "break": "文字中断",
}


@dataclass(frozen=True)
class Violation:
    check: CheckKind
    part: str  # anchor id of the part, or of the table row (…__row_{n})
    quote: str  # the printed text where it shows
    message: str

    def __str__(self) -> str:
        return f"{CHECK_LABELS[self.check]}（{self.part}）：{self.message}——“{self.quote}”"


# --- count ----------------------------------------------------------------

_NUM = rf"(\d+|[{CN_NUM}]+)"
# "(20名)" closing a heading; "(13家):" opening a run-in list; "共N项" / "以下N个"
_STATED_END = re.compile(rf"[(（]{_NUM}(名|人|个|家|项|条|所|家单位)[)）][:：]?$")
_STATED_RUNIN = re.compile(rf"[(（]{_NUM}(名|人|个|家|项|条|所)[)）][:：]")
_STATED_TOTAL = re.compile(rf"(?:共|以下){_NUM}(名|人|个|家|项|条)[:：]?$")
_LIST_SEP = re.compile(r"[、;；]")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_to_int(text)


def _runin_items(text: str) -> int:
    """Items of a list written in one paragraph: a、b、c。"""
    body = text.rstrip("。.;； ")
    return len([item for item in _LIST_SEP.split(body) if item.strip()])


def _stated(text: str) -> int | None:
    for pattern in (_STATED_END, _STATED_TOTAL):
        match = pattern.search(text)
        if match:
            try:
                return _number(match.group(1))
            except ValueError:
                return None
    return None


def _count_items(paragraphs: list[str], children: list[Node]) -> int | None:
    """How many items a stated count covers: sub-groups with their own stated
    counts add up; a single run-in paragraph counts its 、-separated items;
    otherwise each paragraph (or child part) is one item."""
    if children and not paragraphs:
        return len(children)
    if not paragraphs or children:
        return None
    sub = [_STATED_RUNIN.search(p) for p in paragraphs]
    if sub[0]:
        # sub-groups with counts of their own add up (a closing remark may follow them)
        lead = [m for m in sub[: next((k for k, m in enumerate(sub) if not m), len(sub))] if m]
        return sum(_number(m.group(1)) for m in lead)
    if len(paragraphs) == 1:
        return _runin_items(paragraphs[0])
    return len(paragraphs)


def _stated_counts_that_differ(nodes: Iterable[Node]) -> Iterator[Violation]:
    for node in nodes:
        part = node.part
        if part is None or part.table is not None:
            continue
        head = (part.text or "").strip()
        stated = _stated(head) if head else None
        if stated is not None:
            found = _count_items(list(part.paragraphs), node.children)
            if found is not None and found != stated:
                yield Violation("count", node.id, head, f"写明{stated}项，列出{found}项")
        for para in (head, *part.paragraphs):
            match = _STATED_RUNIN.search(para)
            if match and match.end() < len(para):
                stated_runin = _number(match.group(1))
                found_runin = _runin_items(para[match.end():])
                if found_runin != stated_runin:
                    yield Violation("count", node.id, para[: match.end()],
                                    f"写明{stated_runin}项，列出{found_runin}项")


# --- tables ---------------------------------------------------------------

_TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计)$")
_FIGURE = re.compile(r"^-?\d+(?:\.\d+)?$")
_UNIT_IN_HEAD = re.compile(r"[(（]([^()（）]+)[)）]")


def _figure(cell: str | None) -> Decimal | None:
    if cell is None:
        return None
    text = cell.strip()
    if not _FIGURE.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def _total_kind(row: list[str | None]) -> str | None:
    for cell in row:
        if cell and _TOTAL.match(cell.strip()):
            return without_spaces(cell)
    return None


def _show(row: list[str | None]) -> str:
    return " | ".join(c for c in row if c)


def _group_start(rows: list[list[str | None]], i: int) -> int:
    """First row of the group row ``i`` belongs to: rows whose first cell is
    merged (null) continue the group above."""
    while i > 0 and rows[i][0] is None:
        i -= 1
    return i


def _totals_that_do_not_add_up(table_id: str, table: Table) -> Iterator[Violation]:
    rows = table.rows
    kinds = [_total_kind(r) for r in rows]
    last_heji = -1
    heji_rows: list[int] = []
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        if kind == "小计":
            start = _group_start(rows, i)
            members = [k for k in range(start, i) if kinds[k] is None]
        elif kind == "合计":
            members = [k for k in range(last_heji + 1, i) if kinds[k] is None]
            last_heji = i
            heji_rows.append(i)
        else:  # 总计: of the 合计 rows when there are any, else of every row
            members = heji_rows or [k for k in range(i) if kinds[k] is None]
        for col, cell in enumerate(rows[i]):
            stated = _figure(cell)
            if stated is None or not members:
                continue
            values = [rows[k][col] for k in members]
            if any(v and _figure(v) is None for v in values):
                continue  # text in the column: not a column of figures
            figures = [f for v in values if (f := _figure(v)) is not None]
            if not figures:
                continue
            total = sum(figures, Decimal(0))
            if total != stated:
                yield Violation(
                    "sum", row_id(table_id, i + 1), _show(rows[i]),
                    f"{kind}行“{table.columns[col]}”为{stated}，其上各行相加为{total}",
                )


def _group_figures_that_do_not_add_up(table_id: str, table: Table) -> Iterator[Violation]:
    """A figure printed once for a group of rows (its cell merged downwards)
    equals the sum of the column in the same unit over those rows."""
    rows = table.rows
    units = [m.group(1) if (m := _UNIT_IN_HEAD.search(c)) else None for c in table.columns]
    for col, unit in enumerate(units):
        if unit is None:
            continue
        partners = [k for k, u in enumerate(units) if u == unit and k != col]
        if len(partners) != 1:
            continue
        other = partners[0]
        merged = [sum(1 for r in rows if r[k] is None) for k in (col, other)]
        if merged[0] <= merged[1]:
            continue  # the group figure is the column whose cells span rows
        i = 0
        while i < len(rows):
            stated = _figure(rows[i][col])
            end = i + 1
            while end < len(rows) and rows[end][col] is None and _total_kind(rows[end]) is None:
                end += 1
            if stated is not None and end - i > 1:
                figures = [_figure(rows[k][other]) for k in range(i, end)]
                total = sum((f for f in figures if f is not None), Decimal(0))
                if total != stated:
                    yield Violation(
                        "sum", row_id(table_id, i + 1), _show(rows[i]),
                        f"“{table.columns[col]}”{stated}跨第{i + 1}–{end}行，"
                        f"这几行的“{table.columns[other]}”相加为{total}",
                    )
            i = end


# numbers in a table column: 序号 1 2 3, task numbers 27.1 27.2, items "3. text"
_SEQ_PLAIN = re.compile(r"^(\d{1,3})$")
_SEQ_DOTTED = re.compile(r"^(\d{1,3})\.(\d{1,2})(?=\s|$)")
_SEQ_LEAD = re.compile(r"^(\d{1,3})[.．、]\s*(?=\D)")


def _next_ok(prev: tuple[int, ...], cur: tuple[int, ...]) -> bool:
    if len(cur) == 1:
        return cur[0] == prev[0] + 1
    return cur == (prev[0], prev[1] + 1) or (cur[0] == prev[0] + 1 and cur[1] == 1)


def _column_numbers_out_of_sequence(table_id: str, table: Table) -> Iterator[Violation]:
    for col in range(len(table.columns)):
        for pattern in (_SEQ_PLAIN, _SEQ_DOTTED, _SEQ_LEAD):
            seen: list[tuple[int, tuple[int, ...], str]] = []
            for i, row in enumerate(table.rows):
                cell = (row[col] or "").strip()
                match = pattern.match(cell)
                if match:
                    seen.append((i, tuple(int(g) for g in match.groups()), cell))
            numbered = sum(1 for r in table.rows if (r[col] or "").strip())
            following = sum(1 for a, b in itertools.pairwise(seen) if _next_ok(a[1], b[1]))
            if len(seen) < 3 or len(seen) * 2 < numbered or following * 2 < len(seen) - 1:
                continue  # not a numbered column: most of its numbers do not follow on
            if seen[0][1][0] != 1 and pattern is not _SEQ_DOTTED:
                i, _, cell = seen[0]
                yield Violation("numbering", row_id(table_id, i + 1), cell,
                                f"“{table.columns[col]}”从{cell}开始编号")
            for (_, prev, _), (i, cur, cell) in itertools.pairwise(seen):
                if not _next_ok(prev, cur):
                    what = "重复" if cur <= prev else "跳号"
                    yield Violation(
                        "numbering", row_id(table_id, i + 1), cell,
                        f"“{table.columns[col]}”{what}：{'.'.join(map(str, prev))}之后是"
                        f"{'.'.join(map(str, cur))}",
                    )


# What a cell looks like. Kept narrow: a false alarm costs a reader's time.
_KIND_OF_HEADING = [
    ("unit", re.compile(ROLE_NOUN)),  # a role column (gazette.vocab.roles)
    ("project", re.compile(r"项目名称|工程名称|课题名称")),
    ("date", re.compile(r"时限|完成时间|时间节点")),
    ("number", re.compile(r"[(（](?:公里|万元|亿元|个|人|家|项|平方米|亩)[)）]$")),
]
_LOOKS = {
    "project": re.compile(r"(工程|项目|绿道|公园|大道|[^\d]段)$"),
    "date": re.compile(r"^(\d{4}年)?\d{1,2}月(\d{1,2}日)?(底|前|中旬|下旬|上旬)?(前)?$|^(年底|年内|长期|持续推进)$"),
    "number": _FIGURE,
    # a body's name (gazette.vocab.unitnames; a place alone is no unit here), a role verb after
    # it ("市发改委牵头") allowed
    "unit": re.compile(endings_pattern(BODY_ENDINGS) + ROLE_VERB + "?$"),
}
# How a message names each kind of column content (editors read the messages).
_KIND_WORDS = {"project": "项目名称", "date": "日期", "number": "数字", "unit": "单位名称"}
_FOREIGN = {
    "unit": ("project", "date", "number"),
    "project": ("date", "number", "unit"),
    "date": ("unit", "project"),
    "number": ("unit", "project", "date"),
}


def _cells_that_look_like_another_column(table_id: str, table: Table) -> Iterator[Violation]:
    if table.headless:
        return
    kinds: list[str | None] = []
    for name in table.columns:
        kinds.append(next((kind for kind, pattern in _KIND_OF_HEADING if pattern.search(name)), None))
    for i, row in enumerate(table.rows):
        if _total_kind(row):
            continue
        for col, cell in enumerate(row):
            kind = kinds[col]
            text = (cell or "").strip()
            if kind is None or not text:
                continue
            if _LOOKS[kind].search(text):
                continue
            for other in _FOREIGN[kind]:
                if _LOOKS[other].search(text):
                    yield Violation(
                        "column", row_id(table_id, i + 1), text,
                        f"“{table.columns[col]}”栏中是像{_KIND_WORDS[other]}的内容",
                    )
                    break


# --- numbering of parts ---------------------------------------------------


def _part_numbers_out_of_sequence(siblings: list[Node], earlier: dict[str, int]) -> Iterator[Violation]:
    """``earlier``: the last number of each kind seen in preceding lists of the
    document; a list that goes on from it (print numbering (1)…(13) through
    several groups) does not open at 1."""
    last: dict[str, tuple[int, Node]] = {}
    for node in siblings:
        if node.kind in ("p", "table", "att", "annex") or not node.label:
            continue
        try:
            number = parse_label(node.label).number
        except ValueError:
            continue
        prev = last.get(node.kind)
        label = node.label.strip()
        if prev is None and number != 1 and number != earlier.get(node.kind, 0) + 1:
            yield Violation("numbering", node.id, label, f"列表以{label}开头")
        elif prev is not None and number != prev[0] + 1:
            what = "重复" if number <= prev[0] else "跳号"
            yield Violation("numbering", node.id, label, f"编号{what}：{prev[1].label}之后是{label}")
        last[node.kind] = (number, node)
        earlier[node.kind] = number


# --- text breaking off ----------------------------------------------------

_OPEN_END = re.compile(r"[,，、]$")


def _text_breaking_off(siblings: list[Node]) -> Iterator[Violation]:
    for node in siblings:
        part = node.part
        if part is None or part.table is not None or node.children:
            continue
        last = (part.paragraphs or [part.text or ""])[-1].strip()
        if _OPEN_END.search(last):
            yield Violation("break", node.id, last[-20:], "文字在句中中断")


# --- the document ---------------------------------------------------------


def _containers(roots: list[Node]) -> Iterator[list[Node]]:
    yield roots
    for node in roots:
        for inner in node.walk():
            if inner.children:
                yield inner.children


def find_inconsistencies(doc: Document) -> list[Violation]:
    """Every violation in one document, in reading order of the checks."""
    anchored = anchor_document(doc)
    out: list[Violation] = []
    nodes = list(anchored.walk())
    out.extend(_stated_counts_that_differ(nodes))
    for roots in [anchored.body, *(att.children for att in anchored.attachments)]:
        earlier: dict[str, int] = {}
        for siblings in _containers(roots):
            out.extend(_part_numbers_out_of_sequence(siblings, earlier))
            out.extend(_text_breaking_off(siblings))
    for node in nodes:
        if node.kind == "table" and node.part is not None and node.part.table is not None:
            table = node.part.table
            out.extend(_totals_that_do_not_add_up(node.id, table))
            out.extend(_group_figures_that_do_not_add_up(node.id, table))
            out.extend(_column_numbers_out_of_sequence(node.id, table))
            out.extend(_cells_that_look_like_another_column(node.id, table))
    return out
