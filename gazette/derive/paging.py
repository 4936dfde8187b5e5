"""Page budgets: long lists are split so that no page grows with the library.

A reader on a phone should not download megabytes to see one list. Every
list that grows with the library has one budget here, and the split pages
have permanent URLs; the first page always stays at the list's old URL.

* 最新 (``latest/``) shows the newest ``LATEST_ISSUES`` issues; older ones are
  reached through 各期政报.
* 文件目录 (``documents/``) has one page per year (``documents/{year}/``);
  the entry page shows every document while the library fits
  ``CATALOG_ROWS``, else the newest year in full and every other issue as a
  link to its year page (the link keeps the issue's old ``#issue-…`` id).
* A department's task list and its list of other documents mentioning it are
  paged, ``TASK_ROWS`` / ``MENTION_ROWS`` per page; page 1 is the department
  page, page n is ``{department}/tasks/{n}/`` or ``{department}/documents/{n}/``.

At 5,040 documents (``make bench-reading``) every page stays under 250 KB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from gazette.derive import dates
from gazette.derive.views import IssueRef, IssueView, Library

LATEST_ISSUES = 6
CATALOG_ROWS = 400
TASK_ROWS = 150
MENTION_ROWS = 400

T = TypeVar("T")


@dataclass(frozen=True)
class Paged(Generic[T]):
    """One page of a split list."""

    items: list[T]
    number: int  # 1-based
    urls: list[str]  # site-relative URL of every page of the list, page 1 first
    start: int  # 0-based index of items[0] in the whole list
    total: int  # items in the whole list

    @property
    def url(self) -> str:
        return self.urls[self.number - 1]

    @property
    def count(self) -> int:
        return len(self.urls)


def paginate(items: Sequence[T], per_page: int, first_url: str, rest_url: str) -> list[Paged[T]]:
    """Split ``items`` into pages of ``per_page``; page 1 at ``first_url``, page n at
    ``rest_url.format(n=n)``. An empty list still has its (empty) first page."""
    chunks = [list(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [[]]
    urls = [first_url] + [rest_url.format(n=n) for n in range(2, len(chunks) + 1)]
    return [Paged(chunk, n, urls, (n - 1) * per_page, len(items)) for n, chunk in enumerate(chunks, start=1)]


@dataclass(frozen=True)
class Catalog:
    """文件目录 by year: which issues the entry page shows and which it links to."""

    by_year: dict[int, list[IssueView]]  # newest year first, issues newest first
    full: bool  # the whole library fits the entry page

    @property
    def years(self) -> list[int]:
        return list(self.by_year)

    def count(self, year: int) -> int:
        return sum(len(issue.documents) for issue in self.by_year[year])

    @staticmethod
    def year_url(year: int) -> str:
        return f"documents/{year}/"

    @staticmethod
    def year_label(year: int) -> str:
        """A year as the catalog's headings and links name it (2018年)."""
        return dates.year_label(year)

    @staticmethod
    def year_anchor(year: int) -> str:
        """The id of a year's heading in the entry page's list of earlier issues."""
        return f"year-{year}"

    @staticmethod
    def entry_url(issue: IssueRef) -> str:
        """Where the entry page links an issue it only lists: the issue on its year's page."""
        return f"{Catalog.year_url(issue.record.year)}#{issue.anchor}"

    @property
    def entry_issues(self) -> list[IssueView]:
        if self.full:
            return [issue for issues in self.by_year.values() for issue in issues]
        return next(iter(self.by_year.values()), [])

    @property
    def linked(self) -> list[tuple[int, list[IssueView]]]:
        """Years the entry page only links to (each issue keeps its ``#issue-…`` id there)."""
        return [] if self.full else list(self.by_year.items())[1:]


def catalog(library: Library) -> Catalog:
    by_year: dict[int, list[IssueView]] = {}
    for issue in library.issues:
        by_year.setdefault(issue.record.year, []).append(issue)
    ordered = dict(sorted(by_year.items(), reverse=True))
    return Catalog(ordered, len(library.documents) <= CATALOG_ROWS)


def latest_issues(library: Library) -> list[IssueView]:
    return list(library.issues[:LATEST_ISSUES])
