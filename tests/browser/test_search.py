"""Full-text search (Pagefind) in headless Chromium over the built site.

Every expected result is a real record in data/: documents of 2017-02 and
2018-05 and the departments registry.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest

QUERIES = [
    # 文号 in every printed form, and partial forms → that document first, opened at the top
    ("衢政办发〔2018〕33号", "/2018/qzbf-33/"),
    ("衢政办发[2018]33号", "/2018/qzbf-33/"),
    ("衢政办发［２０１８］３３号", "/2018/qzbf-33/"),
    ("衢政办发 〔2018〕 33 号", "/2018/qzbf-33/"),
    ("衢政办发2018年33号", "/2018/qzbf-33/"),
    ("衢政办发 2018 33", "/2018/qzbf-33/"),
    ("衢政发〔2017〕13号", "/2017/qzf-13/"),
    # department names and aliases → the department page
    ("市统计局", "/departments/tjj/"),
    ("衢州市机构编制委员会办公室", "/departments/bb/"),
    ("市编办", "/departments/bb/"),
    # topic words
    ("第四次经济普查", "/2018/qzf-15/"),
    ("绿道网", "/2018/qzbf-38/"),
    ("电动自行车", "/2017/qzbf-25/"),
    ("学前教育", "/2018/qzbf-32/"),
]

# Words the printed source splits across a page break (repaired in the
# records' errata, kind page-break): found joined, linked to their clause.
PAGE_BREAK_WORDS = [
    ("公办幼儿园", "/2018/qzbf-32/"),  # "独立的公\n\n办幼儿园"
    ("扶贫健康保险", "/2017/qzbf-18/"),  # "切实抓好扶\n\n贫健康保险"
    ("购车发票", "/2017/qzbf-25/"),  # "缺失购\n\n车发票"
    ("填报普查表", "/2018/qzf-15/"),  # "如实地填\n\n报普查表"
    ("半月一报", "/2018/qzbf-38/"),  # "重点时期半\n\n月一报"
    ("黑名单管理", "/2017/qzbf-24/"),  # "实行黑名单管\n\n理"
]


def _search(page, base: str, query: str, extra: str = "") -> list[str]:
    page.goto(f"{base}search/?q={quote(query)}{extra}")
    page.wait_for_selector("[data-gz-search=page][data-state=done]", state="attached", timeout=15000)
    return [a.get_attribute("href") for a in page.query_selector_all(".gz-results .gz-result__title")]


def _path(href: str) -> str:
    """Site path of a result link; the site is served under /zhengbao/ as deployed."""
    path = urlsplit(href).path
    return path[len("/zhengbao"):] if path.startswith("/zhengbao/") else path


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_query_finds_expected_first(search_page, search_server: str, query: str, expected: str) -> None:
    hrefs = _search(search_page, search_server, query)
    assert hrefs, f"no results for {query!r}"
    assert _path(hrefs[0]) == expected, f"{query!r}: first result {hrefs[0]}, all {hrefs[:5]}"


def test_wenhao_result_opens_the_document_with_its_metadata(search_page, search_server: str) -> None:
    hrefs = _search(search_page, search_server, "衢政办发［2018］33号")
    assert hrefs[0] == "/zhengbao/2018/qzbf-33/"  # the document itself: no clause anchor
    first = search_page.query_selector(".gz-results .gz-result")
    meta = first.query_selector(".gz-result__meta").inner_text()
    assert "衢政办发〔2018〕33号" in meta and "2018年4月28日" in meta and "衢州市人民政府办公室" in meta


@pytest.mark.parametrize(("word", "expected"), PAGE_BREAK_WORDS)
def test_page_break_word_found_joined_and_deep_linked(search_page, search_server: str, word: str, expected: str) -> None:
    hrefs = _search(search_page, search_server, word)
    assert hrefs and _path(hrefs[0]) == expected, f"{word!r}: {hrefs[:5]}"
    assert "#" in hrefs[0], "a match in the text links to its clause"
    excerpt = search_page.query_selector(".gz-results .gz-result .gz-result__excerpt").inner_text()
    assert word in excerpt.replace(" ", "")
    # The anchor exists on the document page and the clause holds the joined word.
    search_page.goto(urljoin(search_server, hrefs[0]))
    anchor = hrefs[0].split("#", 1)[1]
    text = search_page.locator(f"[id='{anchor}']").inner_text()
    assert word in text.replace("\n", "").replace(" ", "")


def test_facets_filter_and_date_sort(search_page, search_server: str) -> None:
    everything = _search(search_page, search_server, "")  # empty query, no facet: nothing listed
    assert everything == []
    hrefs = _search(search_page, search_server, "", "&年份=2017&sort=date:desc")
    assert hrefs and all(_path(h).startswith("/2017/") for h in hrefs)
    dates = [t.get_attribute("datetime") for t in search_page.query_selector_all(".gz-results .gz-result time")]
    assert dates == sorted(dates, reverse=True)
    legends = [l.inner_text() for l in search_page.query_selector_all(".gz-facet legend")]
    for facet in ("年份", "期号", "发文机关", "文件类型", "涉及部门"):
        assert facet in legends
    # ticking a facet box narrows the results to that issue
    box = search_page.locator("fieldset[data-facet='期号'] input[value^='2017年第2期']")
    box.check()
    search_page.wait_for_function("document.querySelector('[data-gz-search=page]').dataset.state === 'done'")
    search_page.wait_for_timeout(300)
    params = parse_qs(urlsplit(search_page.url).query)
    assert params["期号"] == ["2017年第2期(总第98期)"] and params["年份"] == ["2017"]
    count = int(search_page.locator("fieldset[data-facet='期号'] label:has(input:checked) .gz-facet__count").inner_text())
    assert search_page.inner_text(".gz-search-status") == f"共 {count} 条结果"


def test_header_box_shows_results_as_you_type(search_page, search_server: str) -> None:
    search_page.goto(search_server)
    search_page.fill("#gz-search-input", "衢政办发〔2018〕33号")
    search_page.wait_for_selector("#gz-search-panel .gz-result", timeout=15000)
    first = search_page.query_selector("#gz-search-panel .gz-result__title")
    assert first.get_attribute("href").endswith("2018/qzbf-33/")
    assert search_page.query_selector("#gz-search-panel .gz-result__excerpt") is not None


def test_no_third_party_requests(search_page) -> None:
    assert search_page.foreign_requests == []


def test_facets_load_only_when_opened(search_browser, search_server: str) -> None:
    """Results come first; the facet indexes are fetched only when 筛选 is opened."""
    context = search_browser.new_context(locale="zh-CN")
    page = context.new_page()
    filters_fetched: list[str] = []
    page.on("request", lambda r: "filter/" in r.url and filters_fetched.append(r.url))
    _search(page, search_server, "经济普查")
    assert page.query_selector_all(".gz-results .gz-result")
    assert not page.locator(".gz-facets-box").evaluate("d => d.open")
    assert page.query_selector_all(".gz-facet legend") == []
    before = len(filters_fetched)
    page.click(".gz-facets-box > summary")
    page.wait_for_selector(".gz-facet legend")
    legends = [l.inner_text() for l in page.query_selector_all(".gz-facet legend")]
    assert {"年份", "期号", "发文机关", "文件类型", "涉及部门"} <= set(legends)
    assert len(filters_fetched) > before
    context.close()
