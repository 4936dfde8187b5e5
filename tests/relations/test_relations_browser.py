"""The 文号 lookup for a number the library lacks but a document here repeals (issue 22, item 1)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_lookup_says_who_repealed_it_with_the_link(shared_context, served_site: str) -> None:
    page = shared_context().new_page()
    page.goto(served_site + "lookup/?q=衢政办发[2015]7号")
    page.wait_for_selector(".gz-lookup-status .gz-lookup-relation a")
    status = page.text_content(".gz-lookup-status")
    assert status == "本库未收录 衢政办发〔2015〕7号；衢政办发〔2017〕11号第3段宣布衢政办发〔2015〕7号同时废止"
    assert page.get_attribute(".gz-lookup-relation", "data-relation") == "repeals"
    page.click(".gz-lookup-relation a")
    page.wait_for_url(served_site + "2017/qzbf-11/#p_3")
    assert "同时废止" in page.text_content("#p_3")
    # a number nobody acts on: only the plain answer
    page.goto(served_site + "lookup/?q=衢政办发〔2015〕8号")
    page.wait_for_function("() => document.querySelector('.gz-lookup-status').textContent.length > 0")
    assert page.text_content(".gz-lookup-status") == "本库未收录 衢政办发〔2015〕8号"


def test_search_for_the_number_says_who_repealed_it(shared_context, served_site: str) -> None:
    page = shared_context().new_page()
    page.goto(served_site + "search/?q=" + "衢政办发〔2015〕7号")
    page.wait_for_selector("ol.gz-results[data-state=done]", state="attached")
    items = page.query_selector_all("ol.gz-results > li")
    first = items[0]
    assert first.get_attribute("data-kind") == "declared" and first.get_attribute("data-relation") == "repeals"
    link = first.query_selector("a")
    assert link.text_content() == "衢政办发〔2017〕11号第3段宣布衢政办发〔2015〕7号同时废止"
    assert link.get_attribute("href") == served_site + "2017/qzbf-11/#p_3"
    # and the document that prints the number follows, as before
    hrefs = [i.query_selector("a").get_attribute("href") for i in items[1:]]
    assert served_site + "2017/qzbf-11/" in hrefs
    # a number nobody declares anything about gets no such line
    page.goto(served_site + "search/?q=" + "衢政发〔2011〕89号")
    page.wait_for_selector("ol.gz-results[data-state=done]", state="attached")
    assert not page.query_selector_all("ol.gz-results > li[data-kind=declared]")
