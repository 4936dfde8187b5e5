"""Lighthouse at a mobile profile over the served site (issue 13, item 9).

Accessibility, best practices and SEO must each score at least 95 on home, an
issue, a document, a department and search; every request stays on the
machine. The performance score is printed by ``make bench-reading`` (it
depends on the shared machine's load), never asserted.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.lighthouse import PAGES, audit, available

pytestmark = pytest.mark.browser

ASSERTED = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def reports(served_site: str) -> dict[str, Any]:
    reason = available()
    if reason:
        pytest.fail(reason)  # make test installs all of it: a missing tool is a failure, not a skip
    results = audit([served_site + url for url in PAGES.values()], ASSERTED)
    return {name: results[served_site + url] for name, url in PAGES.items()}


@pytest.mark.parametrize("name", list(PAGES))
def test_scores_at_least_95(reports: dict[str, Any], name: str) -> None:
    report = reports[name]
    assert report["runtimeError"] is None, report["runtimeError"]
    low = {c: report[c] for c in ASSERTED if report[c] is None or report[c] < 0.95}
    assert not low, f"{name}: {low}; failing audits: {report['failed']}"


@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_leaves_the_machine(reports: dict[str, Any], served_site: str, name: str) -> None:
    requests = reports[name]["requests"]
    assert requests, name
    host = urlsplit(served_site).netloc
    assert [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host] == []
