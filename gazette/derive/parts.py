"""A document's body as its page shows it: one ``PartView`` per anchored part.

Each part carries its text already split into runs (cited 文号 decided by
``citations.text_runs``), its table as a cell grid with row anchors, the
tasks anchored at it, the text its copy-citation button copies and whether
an erratum is marked there. Templates walk these views and decide nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from gazette.derive.anchors import AnchoredDocument, Node, citation_text, row_id
from gazette.derive.citations import text_runs
from gazette.derive.tables import table_grid
from gazette.derive.views import Cell, CiteControl, DocRef, PartView, Row, TableView, Task, TaskTable, Text
from gazette.derive.wenhao import Wenhao

# First column headings that number a table's rows: such rows get their own citation.
NUMBER_COLUMNS = ("序号", "编号")

# A part whose own text is at most this long and one sentence at most, followed by paragraphs or
# sub-parts, titles them (一、工作目标; (一)调研启动阶段(2018年5月中旬前)。): a heading.
HEADING_TEXT = 30
# Headings by depth: a document's top parts are h2 (under the page's h1); inside an attachment,
# whose title is the h2, one level lower; never deeper than h4.
TOP_HEADING, LAST_HEADING = 2, 4


def heading_level(node: Node, depth: int, in_attachment: bool) -> int | None:
    """The heading level of a part at ``depth`` (1: a top part), or None when it is running text."""
    p = node.part
    if p is None or p.table is not None or node.kind == "p" or not node.label:
        return None
    text = p.text or ""
    titles = p.heading or (
        bool(p.paragraphs or p.children) and len(text) <= HEADING_TEXT and "。" not in text.rstrip("。")
    )
    if not titles:
        return None
    return min(TOP_HEADING + depth - 1 + int(in_attachment), LAST_HEADING)


class _Builder:
    def __init__(
        self,
        doc: DocRef,
        anchored: AnchoredDocument,
        by_number: Mapping[Wenhao, DocRef],
        tasks: Sequence[Task],
        task_tables: Sequence[TaskTable],
        errata_at: Sequence[str | None],
    ):
        self.doc, self.anchored, self.by_number = doc, anchored, by_number
        self.clause_tasks: dict[str, list[Task]] = {}
        for task in tasks:
            if task.table_id is None:
                self.clause_tasks.setdefault(task.anchor, []).append(task)
        self.tables = {table.id: table for table in task_tables}
        self.errata = {at for at in errata_at if at}

    def runs(self, text: str) -> Text:
        return text_runs(text, self.doc.wenhao, self.by_number)

    def citation(self, node: Node) -> str:
        return citation_text(self.doc.record.title, self.doc.number, self.anchored, node)

    def table(self, node: Node) -> TableView | None:
        table = node.part.table if node.part else None
        if table is None:
            return None
        numbered = table.columns[0] in NUMBER_COLUMNS
        citation = self.citation(node)
        rows: list[Row] = []
        open_cells: dict[int, tuple[Cell, int]] = {}  # column → merged cell and its last row
        for n, grid_row in enumerate(table_grid(table), start=1):
            anchor = row_id(node.id, n)
            cells: list[Cell] = []
            for i, c in enumerate(grid_row):
                control = None
                if i == 0 and numbered and c.text:
                    control = CiteControl(anchor, f"序号{c.text}", f"{citation}序号{c.text}")
                cell = Cell(self.runs(c.text), c.rowspan, c.column, control, c.index == 0)
                cells.append(cell)
                if c.rowspan > 1:
                    open_cells[c.index] = (cell, n + c.rowspan - 1)
            present = {c.index for c in grid_row}
            shared = tuple(
                cell for col, (cell, last) in sorted(open_cells.items()) if col not in present and n <= last and cell.text
            )
            rows.append(Row(anchor, tuple(cells), shared))
        notes = tuple(self.runs(note) for note in table.notes)
        return TableView(table, tuple(rows), notes, self.tables.get(node.id))

    def part(self, node: Node, depth: int = 1, in_attachment: bool = False) -> PartView:
        p = node.part
        label = node.cite or node.id
        if node.kind in ("att", "annex"):
            label = node.label or node.title or label
        return PartView(
            node=node,
            cite=CiteControl(node.id, label, self.citation(node)),
            text=self.runs(p.text) if p and p.text else (),
            paragraphs=tuple(self.runs(para) for para in p.paragraphs) if p else (),
            table=self.table(node),
            tasks=tuple(self.clause_tasks.get(node.id, ())),
            erratum=node.id in self.errata,
            children=tuple(self.part(child, depth + 1, in_attachment) for child in node.children),
            heading=heading_level(node, depth, in_attachment),
        )

    def attachment(self, node: Node) -> PartView:
        """An attachment: its title is the h2, its parts are headed below it."""
        view = self.part(node)
        children = tuple(self.part(child, 1, True) for child in node.children)
        return replace(view, children=children, heading=None)


def document_parts(
    doc: DocRef,
    anchored: AnchoredDocument,
    by_number: Mapping[Wenhao, DocRef],
    tasks: Sequence[Task],
    task_tables: Sequence[TaskTable],
    errata_at: Sequence[str | None],
) -> tuple[tuple[PartView, ...], tuple[PartView, ...]]:
    """(body, attachments) of one document as part views."""
    b = _Builder(doc, anchored, by_number, tasks, task_tables, errata_at)
    return tuple(b.part(n) for n in anchored.body), tuple(b.attachment(n) for n in anchored.attachments)
