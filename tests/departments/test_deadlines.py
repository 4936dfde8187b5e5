"""Printed deadlines are kept and normalized with the document's year."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette.derive.deadlines import find_deadline, parse_deadline

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("printed", "year", "expected"),
    [
        ("5月10日前", 2018, dt.date(2018, 5, 10)),
        ("12月31日前", 2018, dt.date(2018, 12, 31)),
        ("2017年6月底", 2018, dt.date(2017, 6, 30)),
        ("2017.12", 2017, dt.date(2017, 12, 31)),
        ("2018.02", 2017, dt.date(2018, 2, 28)),
        ("2017年10月底前", 2017, dt.date(2017, 10, 31)),
        ("年底前", 2018, dt.date(2018, 12, 31)),
        ("长期", 2018, None),
        ("2月30日前", 2018, None),  # impossible day: kept as printed, no invented date
    ],
)
def test_parse_deadline(printed: str, year: int, expected: dt.date | None) -> None:
    deadline = parse_deadline(printed, year)
    assert deadline.text == printed
    assert deadline.date == expected


def test_find_deadline_in_running_text() -> None:
    found = find_deadline("工作方案于2018年5月底前汇总至市政府办公室各联系处室。", 2018)
    assert found is not None and found.date == dt.date(2018, 5, 31)
    assert find_deadline("通过1年左右的努力,完成申报各项工作", 2018) is None


@pytest.mark.parametrize(
    ("text", "year", "printed", "expected"),
    [
        ("2019年底前完成。", 2018, "2019年底前", dt.date(2019, 12, 31)),  # 年 shared by the year and 年底
        ("2018年年底前要整治到位", 2017, "2018年年底前", dt.date(2018, 12, 31)),
        ("2020年末前完成", 2019, "2020年末前", dt.date(2020, 12, 31)),
        ("确保年底前完成", 2018, "年底前", dt.date(2018, 12, 31)),  # no printed year: the document's
        ("于2019年6月底前完成", 2018, "2019年6月底前", dt.date(2019, 6, 30)),
    ],
)
def test_found_deadline_keeps_its_printed_year(text: str, year: int, printed: str, expected: dt.date) -> None:
    found = find_deadline(text, year)
    assert found is not None and (found.text, found.date) == (printed, expected)
    assert found.year_inferred == (not printed[:4].isdigit())
