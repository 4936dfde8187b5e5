"""Dates that validate but cannot be right: each is an error naming file, line and field.

A gazette issue prints documents signed shortly before it (the 2017年第2期, cover 2017年3月,
prints documents signed up to May), so a document's 成文日期 must fall within
``YEARS_BEFORE`` years before and ``YEARS_AFTER`` years after its issue's cover month; its
文号 year is the year it was signed; an issue's ``published`` is the first day of its cover
month (``printed_month``), and the cover month is in the issue's year or the next (a late
issue). Anything else is a typing slip (0001-01-01, 2081 for 2018), caught before it reaches
feeds, calendars and the sitemap.
"""

from __future__ import annotations

import datetime as dt

from gazette.derive.views import DocRef, IssueRef
from gazette.derive.wenhao import Wenhao
from gazette.load.errors import RecordError
from gazette.load.yamlfile import YamlFile
from gazette.records.models import Issue
from gazette.vocab.issues import PRINTED_MONTH

YEARS_BEFORE, YEARS_AFTER = 10, 1


def _shift(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


def implausible_issue_dates(record: Issue, src: YamlFile) -> list[RecordError]:
    """The cover month as written, in the issue's year (or the next), and ``published`` in it."""
    m = PRINTED_MONTH.search(record.printed_month)
    if not m:
        return [src.error(("printed_month",), f"封面月份“{record.printed_month}”不是 YYYY年M月 的写法")]
    year, month = int(m["year"]), int(m["month"])
    errors: list[RecordError] = []
    if not 1 <= month <= 12 or year not in (record.year, record.year + 1):
        errors.append(src.error(("printed_month",), f"封面月份 {record.printed_month} 不在 {record.year} 年或 {record.year + 1} 年初"))
    elif (record.published.year, record.published.month) != (year, month):
        errors.append(src.error(("published",), f"出版日期 {record.published} 不在封面月份 {record.printed_month} 内（应为 {year}-{month:02d}-01）"))
    return errors


def implausible_document_dates(doc: DocRef, src: YamlFile, issue: IssueRef | None) -> list[RecordError]:
    """成文日期 in the 文号 year and near the cover month of the issue printing it."""
    return [src.error(("date",), problem) for problem in date_problems(doc.record.date, doc.wenhao, issue)]


def date_problems(date: dt.date, wenhao: Wenhao, issue: IssueRef | None) -> list[str]:
    """Why a document's 成文日期 cannot be right, in the editors' words (none when it can be).

    The build refuses a record with any of them; the importer reports them under
    [plausibility], against the source line of the date, before a record is written.
    """
    problems: list[str] = []
    if wenhao.year != date.year:
        problems.append(f"成文日期 {date} 与文号年份 {wenhao.year}（{wenhao}）不符")
    if issue is not None:
        cover = issue.record.published
        earliest, latest = _shift(cover, -YEARS_BEFORE), _shift(cover, YEARS_AFTER)
        if not earliest <= date <= latest:
            problems.append(f"成文日期 {date} 与刊登它的 {issue.id} 期（{issue.record.printed_month}）相距太远："
                            f"应在 {earliest} 至 {latest} 之间")
    return problems
