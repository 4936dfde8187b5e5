"""Deadlines as printed ("5月10日前", "2017年6月底", "2017.12") and as dates.

The printed text is always kept. A date is derived only when the text names
a month (and maybe a day); a missing year is the year of the document, which
is how a reader of the gazette reads "5月10日前" in a 2018 notice. "月底" and
a bare month mean the month's last day; "年底" means 31 December.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from gazette.derive.dates import day_label, month_key
from gazette.derive.numbering import chinese_to_int
from gazette.vocab.normalize import DIGIT, DIGIT_CHARS, fold, without_spaces


@dataclass(frozen=True)
class Deadline:
    text: str  # as printed
    date: dt.date | None  # normalized, None when the text names no date
    year_inferred: bool = False  # the printed text names no year: the document's year was used

    @property
    def month(self) -> str | None:
        return month_key(self.date) if self.date else None

    @property
    def date_label(self) -> str | None:
        """The normalized date as readers write it, always with its year (2018年5月10日)."""
        return day_label(self.date) if self.date else None


# Bounded, and never the tail of a longer number: an unbounded run backtracks quadratically on a
# long paragraph of numerals, and "123月" must not be read as 23月.
_CN = "一二三四五六七八九十〇零"  # a month or a day in words: 五月, 二十日
_NUM = rf"(?<![{DIGIT_CHARS}{_CN}])(?:{DIGIT}{{1,2}}|[{_CN}]{{1,3}})(?![{DIGIT_CHARS}{_CN}])"
# Ordered: the most specific forms first.
_PATTERNS = [
    # 2018年5月10日 / 5月10日前
    re.compile(rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_NUM})月(?P<d>{_NUM})日"),
    # 2017年6月底 / 6月底前 / 2017年6月 / 6月中旬 (month only)
    re.compile(rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_NUM})月(?P<end>底|末|份|中旬|上旬|下旬)?"),
    # 2017.12 / 2017.12.31
    re.compile(r"(?P<y>\d{4})[.．/-](?P<m>\d{1,2})(?:[.．/-](?P<d>\d{1,2}))?(?!\d)"),
    # 2018年底 / 年底前
    re.compile(r"(?:(?P<y>\d{4})年?)?(?P<yearend>年底|年末)"),
]

# Words that make a span a deadline rather than any date in passing. The printed year belongs to
# the phrase: 2019年5月底前, and 2019年底前 / 2019年年底前, where 年 is shared with 年底 (the span is
# the text a reader is shown, and the year it names is not always the document's).
DEADLINE_RE = re.compile(
    rf"(?:(?:\d{{4}}年)?(?:{_NUM})月(?:(?:{_NUM})日|底|末)?|(?:\d{{4}}年?)?(?:年底|年末))(?:前|之前|以前|完成)"
)


def _int(text: str) -> int:
    text = fold(text)
    return int(text) if text.isdigit() else chinese_to_int(text)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# A deadline dated outside these years is kept as printed, undated: "9999年12月31日前" is a
# typing slip, not a date to put in a calendar (and the day after it does not exist).
YEARS = range(1949, 2101)


def parse_deadline(text: str, year: int) -> Deadline:
    """Parse a printed deadline; ``year`` is the document's year."""
    printed = text.strip()
    try:
        found = _parse(printed, year)
    except ValueError:  # year 0 ("0000年底")
        return Deadline(printed, None)
    return found if found.date is None or found.date.year in YEARS else Deadline(printed, None)


def _parse(printed: str, year: int) -> Deadline:
    compact = without_spaces(printed)
    for pattern in _PATTERNS:
        match = pattern.search(compact)
        if not match:
            continue
        parts = match.groupdict()
        y = int(parts["y"]) if parts.get("y") else year
        inferred = not parts.get("y")
        if parts.get("yearend"):
            return Deadline(printed, dt.date(y, 12, 31), inferred)
        try:
            month = _int(parts["m"])
            if parts.get("d"):
                try:
                    return Deadline(printed, dt.date(y, month, _int(parts["d"])), inferred)
                except ValueError:
                    # An impossible day (2月30日) is kept as printed, never moved to a real date.
                    return Deadline(printed, None)
            if not 1 <= month <= 12:
                continue
            end = parts.get("end")
            if end == "上旬":
                return Deadline(printed, dt.date(y, month, 10), inferred)
            if end == "中旬":
                return Deadline(printed, dt.date(y, month, 20), inferred)
            return Deadline(printed, _last_day(y, month), inferred)
        except ValueError:
            continue
    return Deadline(printed, None)


def find_deadline(text: str, year: int) -> Deadline | None:
    """The first "…前" deadline phrase inside running text, if any."""
    match = DEADLINE_RE.search(without_spaces(text))
    return parse_deadline(match.group(0), year) if match else None
