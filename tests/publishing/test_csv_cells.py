"""The one CSV cell formatter (gazette/publish/csvfile.py): no Python repr in a cell, 0 and
False are values, not blanks."""

from __future__ import annotations

import csv
import io

import pytest

from gazette.publish.csvfile import cell, csv_text

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("value, shown", [
    (None, ""), (0, "0"), (0.0, "0.0"), (False, "false"), (True, "true"), (12, "12"), ("", ""),
    (["市统计局", "市财政局"], "市统计局;市财政局"), ((), ""), ([0, False, None], "0;false;"), ("文本", "文本"),
])
def test_cells(value: object, shown: str) -> None:
    assert cell(value) == shown


def test_a_value_without_a_cell_form_is_an_error_not_a_repr() -> None:
    with pytest.raises(TypeError):
        cell({"name": "市统计局"})


def test_rows_read_back_as_written() -> None:
    text = csv_text(["a", "b", "c", "d"], [{"a": 0, "b": False, "c": ["x", "=y"], "d": None}])
    (row,) = csv.DictReader(io.StringIO(text))
    assert row == {"a": "0", "b": "false", "c": "x;=y", "d": ""}
    (row,) = csv.DictReader(io.StringIO(csv_text(["a"], [{"a": ["=1+1", "b"]}])))
    assert row == {"a": "'=1+1;b"}  # the formula guard applies to the cell as a spreadsheet reads it
