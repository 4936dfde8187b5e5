"""Lighthouse at a mobile profile over the served site (issue 13, item 9).

Accessibility, best practices and SEO must each score at least 95 on home, an
issue, a document, a department and search; every request stays on the
machine. The performance score is printed by ``make bench-reading`` (it
depends on the shared machine's load), never asserted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.lighthouse import PAGES, audit, available, inputs_digest

pytestmark = pytest.mark.browser

ASSERTED = ("accessibility", "best-practices", "seo")


CACHE = "gazette/lighthouse"  # in pytest's cache (.pytest_cache): the last audit and its inputs' digest
ORIGIN = "{origin}"  # the served origin (its port changes every run) in a cached report


@pytest.fixture(scope="module")
def reports(request: pytest.FixtureRequest, site: Path, served_site: str) -> dict[str, Any]:
    """The audit of each page; reused from the last run while every input is the same."""
    reason = available()
    if reason:
        pytest.fail(reason)  # make test installs all of it: a missing tool is a failure, not a skip
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    digest = inputs_digest(site, ASSERTED, list(PAGES.values()))
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served_site))
    cached = cache.get(CACHE, None) if cache else None
    if cached and cached["digest"] == digest:
        return json.loads(json.dumps(cached["reports"]).replace(ORIGIN, origin))
    results = audit([served_site + url for url in PAGES.values()], ASSERTED)
    found = {name: results[served_site + url] for name, url in PAGES.items()}
    if cache:
        cache.set(CACHE, {"digest": digest, "reports": json.loads(json.dumps(found).replace(origin, ORIGIN))})
    return found


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
