"""Dates as the site writes them for readers: the one formatter.

Pages, deadline labels and (through ``assets/rules.json``) the search page all write a day
as 2018年5月10日 and a month as 2018年6月, without leading zeros; machine-readable places
(``<time datetime>``, exports, feeds) keep ISO 8601, a month as ``month_key`` writes it (2018-06).
"""

from __future__ import annotations

import datetime as dt

DAY = "{year}年{month}月{day}日"
MONTH = "{year}年{month}月"
YEAR = "{year}年"
MONTH_OF_YEAR = "{month}月"
# The month a date falls in, for machines (ISO 8601 year-month): ids, data attributes, JSON-LD.
MONTH_KEY = "{year:04d}-{month:02d}"


def day_label(day: dt.date) -> str:
    """2018-05-10 → 2018年5月10日."""
    return DAY.format(year=day.year, month=day.month, day=day.day)


def month_label(year: int, month: int) -> str:
    """2018, 6 → 2018年6月."""
    return MONTH.format(year=year, month=month)


def year_label(year: int) -> str:
    """2018 → 2018年."""
    return YEAR.format(year=year)


def month_of_year_label(month: int) -> str:
    """6 → 6月 (shown under its year)."""
    return MONTH_OF_YEAR.format(month=month)


def month_key(day: dt.date) -> str:
    """2018-06-15 → 2018-06."""
    return MONTH_KEY.format(year=day.year, month=day.month)
