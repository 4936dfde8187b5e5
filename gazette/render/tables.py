"""Turn a table record into the grid HTML needs (rowspans for merged cells)."""

from __future__ import annotations

from dataclasses import dataclass

from gazette.records.models import Table


@dataclass
class Cell:
    text: str
    rowspan: int
    column: str


def table_grid(table: Table) -> list[list[Cell]]:
    """One list of cells per row; a null cell extends the cell above it."""
    grid: list[list[Cell]] = []
    open_cells: list[Cell | None] = [None] * len(table.columns)
    for row in table.rows:
        out: list[Cell] = []
        for col, value in enumerate(row):
            above = open_cells[col]
            if value is None and above is not None:
                above.rowspan += 1
                continue
            cell = Cell(value or "", 1, table.columns[col])
            open_cells[col] = cell
            out.append(cell)
        grid.append(out)
    return grid
