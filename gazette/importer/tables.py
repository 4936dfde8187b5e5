"""Blocks of a document's lines, and the tables among them.

Pipe tables (``| a | b |`` with a ``|---|`` separator) and tab-separated
tables. A table repeated with the same header after a page break is one table.
An empty cell under a filled one stands for a merged cell in print (``null``),
except in columns that are empty throughout, in 合计/总计 rows and in rows
that carry only a group title.

A page break may also cut a row: the next page then opens with the rest of its
cells, the numbering cell empty. Inside a page such a row is a row of merged
cells; only the first row after a page break may be the rest of the row above,
and it is joined to it only when its text continues text the page cut
(:func:`split_row`); when it may or may not, the REVIEW REPORT asks.

A hand-corrected table (``data/corrections``) may state its merged cells
itself: when any cell is exactly ``^`` (MERGED), ``^`` is the merged cell
(``null``) and every other cell, empty or not, is taken as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gazette.records.models import Erratum, Table, TableHeaderCell
from gazette.vocab.normalize import without_spaces

from .repairs import TERMINAL, join, opens_part
from .report import Report

SEPARATOR = re.compile(r"^\|[\s\-:|]*\|?$")
HTML_P = re.compile(r"</?p>")
TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计)$")
MERGED = "^"  # in corrected tables: the cell above continues
PAUSE = ("，", ",", "、")  # a printed cell never ends with one: the page cut it there


@dataclass
class Block:
    kind: str  # para | table
    line: int  # 0-based index into the segment lines, for reports
    text: str = ""
    gap_before: bool = True  # a blank line precedes it
    blanks_before: int = 0  # how many (a page boundary shows as more than the usual paragraph gap)
    raw: list[str] = field(default_factory=list)  # table source lines
    style: str = ""  # pipe | tab
    table: Table | None = None
    errata: list[Erratum] = field(default_factory=list)


def is_pipe(line: str) -> bool:
    return line.lstrip().startswith("|")


def is_tab(line: str) -> bool:
    return "\t" in line


def to_blocks(lines: list[str], offset: int = 0) -> list[Block]:
    blocks: list[Block] = []
    gap = True
    blanks = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            gap = True
            blanks += 1
            i += 1
            continue
        for style, test in (("pipe", is_pipe), ("tab", is_tab)):
            if test(line):
                j = i
                while j < len(lines) and lines[j].strip() and test(lines[j]):
                    j += 1
                blocks.append(Block("table", offset + i, raw=lines[i:j], style=style, gap_before=gap, blanks_before=blanks))
                i = j
                break
        else:
            blocks.append(Block("para", offset + i, text=line.strip(), gap_before=gap, blanks_before=blanks))
            i += 1
        gap = False
        blanks = 0
    return blocks


def cells_of(line: str, style: str) -> list[str]:
    if style == "pipe":
        s = line.strip()
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
        return [c.strip() for c in s.split("|")]
    return [c.strip() for c in line.split("\t")]


def raw_rows(block: Block) -> list[list[str]]:
    rows = []
    for ln in block.raw:
        if block.style == "pipe" and SEPARATOR.match(ln.strip()) and "-" in ln:
            continue
        rows.append(cells_of(ln, block.style))
    return rows


def header_key(row: list[str]) -> tuple[str, ...]:
    return tuple(without_spaces(c) for c in row if c.strip())


def trim(row: list[str]) -> list[str]:
    row = list(row)
    while row and not row[-1]:
        row.pop()
    return row


def merge_continuations(blocks: list[Block], report: Report) -> list[Block]:
    """Join a table continued after a page break: its header repeated, or no header at all;
    a first row that is the rest of the row the page cut is joined to that row."""
    out: list[Block] = []
    for b in blocks:
        if (
            b.kind == "table"
            and out
            and out[-1].kind == "table"
            and out[-1].style == b.style
        ):
            prev_rows = raw_rows(out[-1])
            rows = raw_rows(b)
            if prev_rows and rows and header_key(prev_rows[0]) == header_key(rows[0]) and header_key(rows[0]):
                out[-1].errata.append(
                    Erratum(kind="page-break", original=b.raw[0].strip(), published="",
                            reason="跨页续表重复的表头不再重复，表格合并为一张")
                )
                report.add("tables", f"{report.at(b.line)}：跨页续表（重复表头），已合并为一张表")
                _continue_table(out[-1], b, 1, report)  # the repeated header dropped
                continue
            if _continues_without_header(out[-1], b):
                # no erratum for the merge: nothing printed is left out
                report.add("tables", f"{report.at(b.line)}：跨页续表（续页无表头，列数相同），已与第{out[-1].line + 1}行起的表格合并为一张表")
                _continue_table(out[-1], b, 0, report)
                continue
        out.append(b)
    return out


@dataclass(frozen=True)
class SplitRow:
    """Where the first row after a page break may continue the last row before it."""

    cells: dict[int, str]  # column of the last row → the text that continues it
    sure: bool  # the page visibly cut a cell it continues


def _column_complete(rows: list[list[str]], k: int) -> bool:
    """Do the cells of column ``k`` end as sentences do (at least two, most of them)?"""
    filled = [r[k] for r in rows if k < len(r) and r[k]]
    return len(filled) >= 2 and 2 * sum(c.endswith(TERMINAL) for c in filled) > len(filled)


def split_row(last: list[str], first: list[str], others: list[list[str]]) -> SplitRow | None:
    """Is ``first``, the first row after a page break, the rest of ``last``, the row the page
    cut? Its numbering (first) cell is empty, and each of its cells continues a cell of
    ``last`` that does not end as a sentence ends and opens no part of its own. It is *sure*
    when the page visibly cut one of those cells: it ends with a pause mark (，、), or without
    the sentence end that closes the column's other cells (``others``: the table's other rows).
    The cells continue ``last`` column by column; a row narrower than ``last`` (the extraction
    dropped a cell) may instead continue, in order, the cells the page visibly cut.
    Returns None when ``first`` continues nothing (a row of merged cells)."""
    texts = [(k, c) for k, c in enumerate(first) if c]
    if not last or not texts or (first and first[0]) or any(opens_part(c) for _, c in texts):
        return None

    def cut(k: int) -> bool:
        return last[k].endswith(PAUSE) or (_column_complete(others, k) and not last[k].endswith(TERMINAL))

    placements = [dict(texts)]
    if len(first) < len(last):
        visibly_cut = [k for k in range(1, len(last)) if last[k] and cut(k)]
        if len(visibly_cut) == len(texts):
            placements.append(dict(zip(visibly_cut, (c for _, c in texts))))
    fitting = [p for p in placements if all(0 < k < len(last) and last[k] and not last[k].endswith(TERMINAL) for k in p)]
    sure = next((p for p in fitting if any(cut(k) for k in p)), None)
    if sure is not None:
        return SplitRow(sure, True)
    return SplitRow(fitting[0], False) if fitting else None


def _row_line(cells: list[str], style: str) -> str:
    return "| " + " | ".join(cells) + " |" if style == "pipe" else "\t".join(cells)


def _continue_table(prev: Block, block: Block, skip: int, report: Report) -> None:
    """Append the lines of ``block`` after its first ``skip`` to ``prev``, the first row joined to
    the last one above when it is that row's rest (:func:`split_row`)."""
    lines = block.raw[skip:]
    at = next((k for k, ln in enumerate(lines) if not (block.style == "pipe" and SEPARATOR.match(ln.strip()) and "-" in ln)), None)
    above = raw_rows(prev)
    if at is not None and len(above) >= 2:
        rows = [cells_of(ln, block.style) for ln in lines[at:]]
        first, last = rows[0], above[-1]
        found = split_row(last, first, above[1:-1] + rows[1:])
        where = report.at(block.line + skip + at)
        if found is not None and found.sure:
            joined = list(last)
            for k, text in found.cells.items():
                joined[k], erratum = join(last[k], text, "分页处断开的表格行重新接续：续页第一行是上一行单元格的后半")
                prev.errata.append(erratum)
                report.add("page-break joins", f"{where}：表格第{k + 1}列“…{last[k][-12:]}”接“{text[:12]}…”（续页第一行序号栏为空，接回上一行）")
            prev.raw[-1] = _row_line(joined, block.style)
            lines = lines[:at] + lines[at + 1 :]
        elif found is not None:
            report.add("page-break unsure", f"{where}：表格续页第一行序号栏为空，“{first[next(iter(found.cells))][:12]}…”可能是上一行"
                                            f"“…{last[next(iter(found.cells))][-12:]}”的后半，未接续，按新的一行处理，请核对（需要接续的，用更正文件的replace）")
    prev.raw.extend(lines)


def _continues_without_header(prev: Block, block: Block) -> bool:
    """Is ``block`` the rest of ``prev`` after a page break that did not repeat the header?

    A pipe table prints its header above a rule line (``|---|``): rows without one continue
    the table before them when they are no wider. A tab table has no rule line: its rows
    continue the table before them when they are no wider and carry on its numbering (the
    first number in the first column is the number after the last one above; rows before it
    have none), or when the first row is the rest of the last row above (:func:`split_row`)."""
    rows, above = raw_rows(block), raw_rows(prev)
    if not rows or len(above) < 2:
        return False
    width = len(above[0])
    if block.style == "pipe":
        return _separator_at(block) < 0 and _separator_at(prev) >= 0 and len(trim(rows[0])) <= width
    if len(trim(rows[0])) > width:
        return False
    first = next((r[0] for r in rows if r and r[0]), "")
    last = next((r[0] for r in reversed(above[1:]) if r and r[0].isdigit()), None)
    if first.isdigit() and last is not None and int(first) == int(last) + 1:
        return True
    found = split_row(above[-1], rows[0], above[1:-1] + rows[1:])
    return found is not None and found.sure


def _clean_cell(text: str) -> str:
    text = re.sub(r"</p>\s*<p>", "\n", text)
    return HTML_P.sub("", text).strip()


def _separator_at(block: Block) -> int:
    return next((k for k, ln in enumerate(block.raw) if SEPARATOR.match(ln.strip()) and "-" in ln), -1)


def _two_row_header(top: list[str], leaf: list[str]) -> tuple[list[list[TableHeaderCell]], list[str]]:
    """A corrected table with two header lines above its rule: an empty top cell widens
    the one to its left; ``^`` under a top cell makes it span both header rows."""
    width = len(top)
    leaf = (leaf + [""] * width)[:width]
    row0: list[TableHeaderCell] = []
    row1: list[TableHeaderCell] = []
    columns: list[str] = []
    owner = ""
    for k in range(width):
        if top[k] or not row0:
            owner = top[k]
            row0.append(TableHeaderCell(text=owner, rowspan=2 if leaf[k] == MERGED else 1))
        else:
            row0[-1] = TableHeaderCell(text=row0[-1].text, colspan=row0[-1].colspan + 1, rowspan=row0[-1].rowspan)
        if leaf[k] != MERGED:
            row1.append(TableHeaderCell(text=leaf[k]))
        columns.append(leaf[k] if leaf[k] not in ("", MERGED) else owner)
    return [row0, row1], columns


def build_table(block: Block, report: Report) -> Table:
    rows = raw_rows(block)
    errata: list[Erratum] = []
    if any(HTML_P.search(c) for r in rows for c in r):
        sample = next(c for r in rows for c in r if HTML_P.search(c))
        rows = [[_clean_cell(c) for c in r] for r in rows]
        errata.append(
            Erratum(kind="layout", original=sample, published=_clean_cell(sample),
                    reason="抽取文本的表格单元格中夹有HTML段落标记")
        )
    head = rows[0]
    headless = not any(head)
    explicit = any(c == MERGED for r in rows for c in r)  # hand-corrected: every row is full width
    header_rows: list[list[TableHeaderCell]] = []
    if explicit and block.style == "pipe" and _separator_at(block) == 2:
        header_rows, columns = _two_row_header(rows[0], rows[1])
        body = rows[2:]
        width = len(columns)
    elif headless:
        body = rows[1:]
        # the blank header row of a form counts its columns (the last one is often an empty answer cell)
        width = max([len(head)] + [len(trim(r)) for r in body])
        columns = [str(k + 1) for k in range(width)]
        report.add("tables", f"{report.at(block.line)}：表格没有印刷表头（表单），按{width}列处理")
    else:
        two_level = (
            block.style == "tab"
            and len(rows) > 2
            and head[0] == ""
            and rows[1][0] == ""
            and any(not c for c in head[1:])
        )
        if two_level:
            top, leaf = head, rows[1]
            width = max(len(trim(top)), len(trim(leaf)))
            body = rows[2:]
            top = (top + [""] * width)[:width]
            leaf = (leaf + [""] * width)[:width]
            row0: list[TableHeaderCell] = []
            row1: list[TableHeaderCell] = []
            k = 0
            while k < width:
                if not top[k] and not leaf[k]:
                    row0.append(TableHeaderCell(text="", rowspan=2))
                    k += 1
                    continue
                span = 1
                while k + span < width and not top[k + span] and leaf[k + span]:
                    span += 1
                row0.append(TableHeaderCell(text=top[k], colspan=span))
                row1.extend(TableHeaderCell(text=leaf[k + s]) for s in range(span))
                k += span
            header_rows = [row0, row1]
            columns = []
            last_top = ""
            for k in range(width):
                if top[k]:
                    last_top = top[k]
                name = " ".join(x for x in (last_top, leaf[k]) if x)
                columns.append(name or f"#{k + 1}")
        else:
            body = rows[1:]
            width = len(head) if explicit else len(trim(head))
            widths = [len(trim(r)) for r in body if any(r)]
            if widths and not explicit:
                common = max(set(widths), key=lambda w: (widths.count(w), -w))
                if common > width:
                    report.add("tables", f"{report.at(block.line)}：表头{width}格，多数行{common}格，按{common}列处理")
                    width = common
            head = (head + [""] * width)[:width]
            columns = []
            spans: list[TableHeaderCell] = []
            for k, c in enumerate(head):
                if c:
                    columns.append(c)
                    spans.append(TableHeaderCell(text=c))
                elif spans:
                    columns.append(columns[-1])
                    spans[-1] = TableHeaderCell(text=spans[-1].text, colspan=spans[-1].colspan + 1)
                else:
                    columns.append(f"#{k + 1}")
                    spans.append(TableHeaderCell(text=""))
            if len(spans) != width:
                header_rows = [spans]
    # rows to width
    fixed: list[list[str]] = []
    for n, r in enumerate(body):
        r = list(r)
        if len(r) > width:
            extra = r[width:]
            if not any(extra):
                r = r[:width]
            else:
                t = trim(r)
                over = len(t) - width
                if over > 0 and not any(t[:over]):
                    shifted = t[over:]
                    errata.append(Erratum(kind="table-cell", original=" | ".join(t), published=" | ".join(shifted),
                                          reason="表格单元格错位，左移对齐"))
                    report.add("tables", f"{report.at(block.line)}：第{n + 1}行单元格错位，左移对齐到{width}列")
                    r = shifted
                else:
                    report.add("tables", f"{report.at(block.line)}：第{n + 1}行有{len(t)}格而表格只有{width}列，多出的内容并入最后一列")
                    r = r[: width - 1] + [" ".join(c for c in r[width - 1 :] if c)]
        r = (r + [""] * width)[:width]
        fixed.append(r)
    if not fixed:
        fixed = [[""] * width]
        report.add("tables", f"{report.at(block.line)}：表格只有表头")
    cells: list[list[str | None]] = [list(r) for r in fixed]
    if explicit:
        cells = [[None if c == MERGED else c for c in r] for r in fixed]
    elif not headless:
        filled_cols = {k for r in fixed for k, c in enumerate(r) if c}
        for n in range(1, len(fixed)):
            row = fixed[n]
            nonempty = [c for c in row if c]
            if any(TOTAL.match(c) for c in row) or (len(nonempty) == 1 and row[0] and len(fixed[n][0]) > 3):
                continue
            prev = fixed[n - 1]
            prev_nonempty = [c for c in prev if c]
            if len(prev_nonempty) == 1 and prev[0] and len(prev[0]) > 3:
                continue  # a group title row above
            if row[0] and not row[0].isdigit() and len(nonempty) > 1:
                continue  # a row opening a new group in the first column merges nothing above
            for k, c in enumerate(row):
                if c or k not in filled_cols:
                    continue
                if cells[n - 1][k] is not None and cells[n - 1][k] == "":
                    continue
                cells[n][k] = None
    block.errata.extend(errata)
    return Table(columns=columns, header_rows=header_rows, rows=cells, headless=headless)
