"""A table record as a grid of cells: a null cell extends the cell above it (rowspan)."""

from __future__ import annotations

from dataclasses import dataclass

from gazette.records.models import Table


@dataclass
class GridCell:
    text: str
    rowspan: int
    column: str
    index: int = 0  # column position (0: the first column, kept in view when a wide table scrolls)


def table_grid(table: Table) -> list[list[GridCell]]:
    """One list of cells per row; a null cell extends the cell above it."""
    grid: list[list[GridCell]] = []
    open_cells: list[GridCell | None] = [None] * len(table.columns)
    for row in table.rows:
        out: list[GridCell] = []
        for col, value in enumerate(row):
            above = open_cells[col]
            if value is None and above is not None:
                above.rowspan += 1
                continue
            cell = GridCell(value or "", 1, table.columns[col], col)
            open_cells[col] = cell
            out.append(cell)
        grid.append(out)
    return grid
