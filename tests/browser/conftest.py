"""The search page the query tests share (on the suite's ``served_site`` and ``chromium``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def search_page(chromium, served_site: str) -> Iterator[object]:
    """One page reused by the query tests; third-party requests are recorded."""
    context = chromium.new_context(locale="zh-CN")
    page = context.new_page()
    page.foreign_requests = []  # type: ignore[attr-defined]
    page.on("request", lambda r: r.url.startswith(served_site) or r.url.startswith("data:")
            or page.foreign_requests.append(r.url))
    yield page
    context.close()
