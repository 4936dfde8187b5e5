"""Browser fixtures: the session-built site served on 127.0.0.1, driven by
Debian's Chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def search_server(served_site: str) -> str:
    return served_site


@pytest.fixture(scope="session")
def search_browser(chromium):
    return chromium


@pytest.fixture(scope="session")
def search_page(search_browser, search_server: str) -> Iterator[object]:
    """One page reused by the query tests; third-party requests are recorded."""
    context = search_browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.foreign_requests = []  # type: ignore[attr-defined]
    page.on("request", lambda r: r.url.startswith(search_server) or r.url.startswith("data:")
            or page.foreign_requests.append(r.url))
    yield page
    context.close()
