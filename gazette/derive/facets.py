"""Search facets: the ways a reader narrows search results, each with its label.

The one list: the search index (``gazette/publish/search.py``) and the browser
(through ``assets/rules.json``) take ids and labels from here. Order is the
order readers see.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    id: str
    label: str
    # Its values listed newest first by the numbers they print (years, issues), not by how many
    # results hold them (how each travels: facet_order in gazette/publish/search_format.py).
    newest_first: bool = False


FACETS: tuple[Facet, ...] = (
    Facet("type", "类型"),
    Facet("year", "年份", newest_first=True),
    Facet("issue", "期号", newest_first=True),
    Facet("issuer", "发文机关"),
    Facet("doctype", "文件类型"),
    Facet("department", "涉及部门"),
)
