"""Dates as the site writes them (gazette/derive/dates.py): for readers, and the month key for machines."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette.derive.dates import day_label, month_key, month_label, month_of_year_label, year_label

pytestmark = pytest.mark.unit


def test_labels_have_no_leading_zeros() -> None:
    assert day_label(dt.date(2018, 5, 3)) == "2018年5月3日"
    assert month_label(2018, 6) == "2018年6月" and month_of_year_label(6) == "6月" and year_label(2018) == "2018年"


def test_month_key_is_iso_year_month() -> None:
    assert month_key(dt.date(2018, 6, 15)) == "2018-06"
    assert month_key(dt.date(987, 1, 31)) == "0987-01"  # always four digits, whatever strftime does
