"""The one CSV writer of every export (documents, tasks, per-table, per-department).

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after a
tab or carriage return, the formula that follows) as a formula: a record text such as
``=HYPERLINK("http://…")`` would become a live link or worse in a civil servant's Excel.
As OWASP advises (CSV Injection), such a cell is written with a leading ``'`` so it is shown
as the text it is; the 开放数据 page says so. Files are UTF-8 with a BOM so Excel reads the
Chinese text, and use CRLF line ends (RFC 4180). Every value becomes a cell through
:func:`cell`, the one formatter: no Python repr, no blanked 0 or False.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from gazette.fsio import write_atomic

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = ";"


def neutralise(value: str) -> str:
    """A cell value that no spreadsheet reads as a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def cell(value: object) -> str:
    """A value as a CSV cell: None → empty, a list → its items joined by ``;``, True/False →
    true/false (as in the JSON exports), numbers as written (0 stays 0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    if isinstance(value, (str, int, float)):
        return str(value)
    raise TypeError(f"no CSV cell for a {type(value).__name__}: {value!r}")


def csv_text(fields: list[str], rows: Iterable[Mapping[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: neutralise(cell(row.get(key))) for key in fields})
    return out.getvalue()


def write_csv(path: Path, fields: list[str], rows: Iterable[Mapping[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, "\ufeff" + csv_text(fields, rows))  # BOM: spreadsheets then read UTF-8
