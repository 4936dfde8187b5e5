"""Dates as the site writes them for readers: the one formatter.

Pages, deadline labels and (through ``assets/rules.json``) the search page all write a day
as 2018年5月10日 and a month as 2018年6月, without leading zeros; machine-readable places
(``<time datetime>``, exports, feeds) keep ISO 8601.
"""

from __future__ import annotations

import datetime as dt

DAY = "{year}年{month}月{day}日"
MONTH = "{year}年{month}月"
YEAR = "{year}年"
MONTH_OF_YEAR = "{month}月"


def day_label(day: dt.date) -> str:
    """2018-05-10 → 2018年5月10日."""
    return DAY.format(year=day.year, month=day.month, day=day.day)


def _month(key: str) -> tuple[int, int]:
    year, month = key.split("-")
    return int(year), int(month)


def month_label(key: str) -> str:
    """A month key "2018-06" (as deadline groups carry it) → 2018年6月."""
    year, month = _month(key)
    return MONTH.format(year=year, month=month)


def year_label(key: str) -> str:
    """"2018-06" → 2018年."""
    return YEAR.format(year=_month(key)[0])


def month_of_year_label(key: str) -> str:
    """"2018-06" → 6月 (under its year)."""
    return MONTH_OF_YEAR.format(month=_month(key)[1])
