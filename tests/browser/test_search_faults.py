"""Search on a real deployment (issue 20): redeploys, damaged or missing index files, a
文号 prefix longer than any the page has seen. Files are altered on their way to the
browser (Playwright routes) on the real search page.

Whatever goes wrong ends within seconds in a Chinese message with a retry, never in
"没有找到" and never in "正在检索…" for good; a browser holding the previous
deployment's meta.bin (or a search page holding the previous deployment's copy of it) reads
it once more and searches the new build.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from gazette.publish.search_format import FORMAT, PATHS, decode_file, encode_file
from tests.browsing import search_page_holds_no_data

pytestmark = pytest.mark.browser

FAULT = "检索索引文件缺失或已损坏"


@pytest.fixture()
def page(shared_context) -> object:
    """A new tab in the worker's shared context: a file a test alters is routed for this tab only
    (and a routed tab does not read the HTTP cache)."""
    page = shared_context().new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def _meta(site: Path) -> dict:
    return json.loads(decode_file((site / "search" / "meta.bin").read_bytes()))


def _wait(page, served_site: str, query: str, extra: str = "") -> str:
    page.goto(f"{served_site}search/?q={quote(query)}{extra}")
    page.wait_for_selector("[data-gz-search=page][data-state]", state="attached", timeout=20000)
    return page.get_attribute("[data-gz-search=page]", "data-state")


def _real(site: Path, path: str) -> bytes:
    return (site / "search" / path).read_bytes()


DAMAGE: dict[str, Callable[[bytes], tuple[int, bytes]]] = {
    "missing": lambda b: (404, b"File not found"),
    "html": lambda b: (200, b"<!doctype html><html><body>Page not found</body></html>"),
    "empty": lambda b: (200, b""),
    "truncated gzip": lambda b: (200, b[: len(b) // 2]),
    "random bytes": lambda b: (200, bytes((i * 7919) % 251 for i in range(len(b)))),
    "gzip of other bytes": lambda b: (200, gzip.compress(b"\x05\x01\x02" * 40)),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
@pytest.mark.parametrize("which", ["shard", "meta"])
def test_damaged_index_file_gives_a_message_and_a_retry(page, site: Path, served_site: str, kind: str, which: str) -> None:
    build = _meta(site)["build"]
    pattern = "**/search/meta.bin*" if which == "meta" else f"**/search/{build}/p/*.bin"

    def damage(route) -> None:
        name = route.request.url.split("/search/", 1)[1].split("?")[0]
        status, body = DAMAGE[kind](_real(site, name))
        route.fulfill(status=status, body=body, content_type="text/html" if kind == "html" else "application/octet-stream")

    if which == "meta":
        search_page_holds_no_data(page)  # as every other page, it reads meta.bin
    page.route(pattern, damage)
    assert _wait(page, served_site, "经济普查") == "error"
    status = page.inner_text(".gz-search-status")
    assert FAULT in status and "没有找到" not in status and "正在检索" not in status
    assert page.locator("ol.gz-results > li").count() == 0
    # The failure is not cached: once the file is whole again, 重试 searches.
    page.unroute(pattern)
    page.click(".gz-search-retry")
    page.wait_for_selector("[data-gz-search=page][data-state=done]", state="attached", timeout=20000)
    assert page.locator("ol.gz-results > li a[href$='2018/qzf-15/']").count() == 1
    assert page.errors == []


# Files fetched only when a search needs them, with a query (and address) that does.
ON_DEMAND = {"t2s": ("經濟普查", ""), "facets": ("经济普查", f"&{quote('年份')}=2018")}


@pytest.mark.parametrize("kind", ["missing", "gzip of other bytes"])
@pytest.mark.parametrize("which", sorted(ON_DEMAND))
def test_a_damaged_file_fetched_on_demand_is_a_fault_too(page, site: Path, served_site: str, kind: str, which: str) -> None:
    pattern = f"**/search/{_meta(site)['build']}/{PATHS[which]}"

    def damage(route) -> None:
        status, body = DAMAGE[kind](_real(site, route.request.url.split("/search/", 1)[1]))
        route.fulfill(status=status, body=body)

    page.route(pattern, damage)
    assert _wait(page, served_site, *ON_DEMAND[which]) == "error"
    status = page.inner_text(".gz-search-status")
    assert FAULT in status and "没有找到" not in status and "正在检索" not in status
    page.unroute(pattern)
    page.click(".gz-search-retry")
    page.wait_for_selector("[data-gz-search=page][data-state=done]", state="attached", timeout=20000)
    assert page.locator("ol.gz-results > li a[href$='2018/qzf-15/']").count() == 1
    assert page.errors == []


def test_a_plain_query_shows_its_results_without_the_facets_file(page, site: Path, served_site: str) -> None:
    """The facets are not needed for a plain query's results: a missing facets file shows when the
    panel that needs it opens, as a fault."""
    page.route(f"**/search/{_meta(site)['build']}/{PATHS['facets']}", lambda route: route.fulfill(status=404, body=b""))
    assert _wait(page, served_site, "经济普查") == "done"
    assert page.locator("ol.gz-results > li a[href$='2018/qzf-15/']").count() == 1
    page.click(".gz-facets-box > summary")
    page.wait_for_selector("[data-gz-search=page][data-state=error]", state="attached", timeout=20000)
    assert FAULT in page.inner_text(".gz-search-status")
    assert page.errors == []


def test_a_cached_meta_of_the_previous_deployment_reloads_once(page, site: Path, served_site: str) -> None:
    """meta.bin names a build directory the new deployment no longer has: the page reads
    meta.bin again past the cache and finds the new build; the two never mix."""
    meta = _meta(site)
    stale = {**meta, "build": "0123456789abcdef", "docs": meta["docs"] + 5}
    asked: list[str] = []

    def meta_route(route) -> None:
        # The browser's cache holds the old meta.bin until the page asks past it.
        asked.append(route.request.url)
        if len(asked) == 1:
            route.fulfill(status=200, body=encode_file(json.dumps(stale).encode()))
        else:
            route.continue_()

    search_page_holds_no_data(page)
    page.route("**/search/meta.bin*", meta_route)
    assert _wait(page, served_site, "经济普查") == "done"
    assert page.locator("ol.gz-results > li a[href$='2018/qzf-15/']").count() == 1
    assert len(asked) == 2 and "?fresh=" in asked[1] and "?" not in asked[0], asked
    assert page.errors == []


def test_a_search_page_of_the_previous_deployment_reads_meta_once(page, site: Path, served_site: str) -> None:
    """The page's own copy of meta.bin names a build the new deployment no longer has (a page
    opened, or cached, before it): the page reads meta.bin past the cache, once, and searches
    the new build."""
    build = _meta(site)["build"]
    stale = "0123456789abcdef"

    def old_page(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(f'"build":"{build}"', f'"build":"{stale}"', 1))

    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/search/" in r.url and "?q=" not in r.url else None)
    page.route("**/search/?q=*", old_page)
    assert _wait(page, served_site, "经济普查") == "done"
    assert page.locator("ol.gz-results > li a[href$='2018/qzf-15/']").count() == 1
    metas = [url for url in asked if "/meta.bin" in url]
    assert len(metas) == 1 and "?fresh=" in metas[0], asked
    assert any(f"/search/{stale}/" in url for url in asked) and any(f"/search/{build}/" in url for url in asked)
    assert page.errors == []


def test_an_index_of_another_format_asks_for_a_reload(page, site: Path, served_site: str) -> None:
    meta = {**_meta(site), "format": FORMAT + 1}
    search_page_holds_no_data(page)
    page.route("**/search/meta.bin*", lambda r: r.fulfill(status=200, body=encode_file(json.dumps(meta).encode())))
    assert _wait(page, served_site, "经济普查") == "error"
    assert "检索索引已更新" in page.inner_text(".gz-search-status")


def test_a_long_wenhao_prefix_does_not_break_prefixless_queries(page, site: Path, served_site: str) -> None:
    """A 文号 whose prefix has 14 Han characters (the citation grammar allows it) in the
    year's table: 2018年33号 still lists every family's number 33 of 2018."""
    build = _meta(site)["build"]
    table = json.loads(decode_file(_real(site, f"{build}/w/2018.bin")))
    prefix = "衢州市某某某某某某某某某某某"
    assert len(prefix) == 14
    table[f"{prefix}〔2018〕33号"] = [-1, [], prefix, 33]
    body = encode_file(json.dumps(table, ensure_ascii=False).encode())
    page.route(f"**/search/{build}/w/2018.bin", lambda r: r.fulfill(status=200, body=body))
    for query in ("2018年33号", "〔2018〕33号"):
        assert _wait(page, served_site, query) == "done", query
        assert page.locator("ol.gz-results > li a[href$='2018/qzbf-33/']").count() == 1
    assert page.errors == []


def test_a_failed_rules_file_is_fetched_again_on_retry(page, served_site: str) -> None:
    """rules.json (the rules every script reads) failing once does not fail every later search."""
    pattern = "**/assets/rules.json*"
    search_page_holds_no_data(page)
    page.route(pattern, lambda route: route.fulfill(status=503, body=b"busy"))
    assert _wait(page, served_site, "经济普查") == "error"
    status = page.inner_text(".gz-search-status")
    assert "没有找到" not in status and "正在检索" not in status
    page.unroute(pattern)
    page.click(".gz-search-retry")
    page.wait_for_selector("[data-gz-search=page][data-state=done]", state="attached", timeout=20000)
    assert page.locator("ol.gz-results > li a[href$='2018/qzf-15/']").count() == 1
    assert page.errors == []


def test_a_missing_rules_script_is_a_fault_not_a_wait(page, served_site: str) -> None:
    """The search page holds rules.js; every other page loads it before search.js, for the header's
    search box. When it never arrives, the box says the download failed once the page has loaded,
    instead of searching for good."""
    page.route("**/assets/rules.js*", lambda route: route.fulfill(status=404, body=b"File not found"))
    page.goto(served_site + "2018/qzbf-33/", wait_until="load")
    page.fill("#gz-search-input", "经济普查")
    page.wait_for_function("() => /下载失败/.test(document.querySelector('#gz-search-panel').textContent)", timeout=20000)
    assert page.locator("#gz-search-panel .gz-result").count() == 0
    assert page.errors == []
