"""Opening a page in the test browser until everything it asked for has arrived; the search page
without the copies of index files it holds."""

from __future__ import annotations

import re
import time
from typing import Any

from playwright.sync_api import Error as PlaywrightError

from gazette.publish.entry import ELEMENT


def open_settled(page: Any, url: str, timeout: float = 15.0, lands_on: str | None = None) -> Any:
    """``page.goto(url)``, then wait until every request the page has made has finished (or
    failed): its scripts' fetches as well as what the load event waits for. Unlike Playwright's
    ``networkidle`` this does not also wait out half a second of quiet after the last one.
    ``lands_on``: the address a page sends the browser on to by script once its own fetch has
    answered (the lookup page with a number it holds); waited for, as no quiet moment tells
    that navigation is still to come. Returns the first navigation's response."""
    pending: set[Any] = set()

    def started(request: Any) -> None:
        pending.add(request)

    def done(request: Any) -> None:
        pending.discard(request)

    page.on("request", started)
    page.on("requestfinished", done)
    page.on("requestfailed", done)
    try:
        response = page.goto(url, wait_until="load")
        if lands_on is not None:
            page.wait_for_url(lands_on, wait_until="load", timeout=timeout * 1000)
        # a script that runs at load (or in the task after it) has issued its fetches by now
        try:
            page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)))")
        except PlaywrightError:  # the page sent the browser on (a page that redirects): wait for that one
            page.wait_for_load_state("load")
        deadline = time.monotonic() + timeout
        while pending:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: still loading after {timeout} s: {[r.url for r in pending]}")
            page.wait_for_timeout(20)  # lets Playwright deliver the finished requests' events
        return response
    finally:
        page.remove_listener("request", started)
        page.remove_listener("requestfinished", done)
        page.remove_listener("requestfailed", done)


def _without_data(match: re.Match[str]) -> str:
    return match["open"] + match["close"] if match["data"] else match[0]


def search_page_holds_no_data(page: Any) -> None:
    """The search page reaches this tab without its copies of meta.bin and rules.json
    (gazette/publish/entry.py), so it fetches them as every other page does: for a test that
    alters those files on their way."""
    def strip(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=ELEMENT.sub(_without_data, response.text()))

    page.route(re.compile(r"/search/(index\.html)?(\?[^/]*)?$"), strip)
