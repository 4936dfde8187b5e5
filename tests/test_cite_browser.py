"""Copy-citation and lookup by number in real headless Chromium."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser


def _clipboard_page(shared_context, served_site: str, url: str):
    """A page at ``url`` that may read the clipboard."""
    context = shared_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.split("/zhengbao/")[0])
    page = context.new_page()
    page.goto(served_site + url)
    return page


def _copy(page, button_selector: str) -> str:
    """Click a 复制引用 button, wait until it says it copied, and read what it copied."""
    page.locator(button_selector).click()
    page.wait_for_function(f"() => document.querySelector({button_selector!r}).dataset.copied === 'true'")
    return str(page.evaluate("navigator.clipboard.readText()"))


def test_copy_citation_copies_text_and_url(shared_context, served_site: str) -> None:
    page = _clipboard_page(shared_context, served_site, "2017/qzf-14/#annex_1__art_18")
    assert page.locator("#annex_1__art_18 > p button.gz-copy").is_visible()
    copied = _copy(page, "#annex_1__art_18 > p button.gz-copy")
    assert copied == (
        "《衢州市防汛防台管理工作暂行办法》（衢政发〔2017〕14号）第十八条\n"
        "https://example.test/zhengbao/2017/qzf-14/#annex_1__art_18"
    )


def test_copy_button_is_keyboard_reachable(shared_context, served_site: str) -> None:
    page = shared_context().new_page()
    page.goto(served_site + "2017/qzf-14/")
    permalink = page.locator("#annex_1__art_1 > p a.gz-permalink")
    permalink.focus()
    page.keyboard.press("ArrowRight")  # one tab stop for all clause controls; arrows move within
    assert page.evaluate("document.activeElement.dataset.anchor") == "annex_1__art_1"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.textContent !== '复制引用'")


def test_without_javascript_only_the_permalink_shows(shared_context, served_site: str) -> None:
    page = shared_context(java_script_enabled=False).new_page()
    page.goto(served_site + "2017/qzf-14/")
    assert not page.locator("#annex_1__art_18 > p button.gz-copy").is_visible()
    assert page.locator("#annex_1__art_18 > p a.gz-permalink").is_visible()


def test_lookup_by_any_printed_form(shared_context, served_site: str) -> None:
    page = shared_context().new_page()
    for query, target in [
        ("衢政办发[2018]33号", "2018/qzbf-33/"),
        ("衢政办发〔2018〕33 号", "2018/qzbf-33/"),
        ("衢政办发 2018 33", "2018/qzbf-33/"),
        ("衢政干〔２０１８〕８号", "2018/qzg-8/"),
        ("衢政办发﹝2018﹞33号", "2018/qzbf-33/"),
        ("〔2018〕38号", "2018/qzbf-38/"),
    ]:
        page.goto(served_site + "lookup/")
        page.fill("#gz-lookup-q", query)
        page.press("#gz-lookup-q", "Enter")
        page.wait_for_url(served_site + target)
    page.goto(served_site + "lookup/?q=" + quote("衢政办发〔2018〕33号文件"))
    page.wait_for_url(served_site + "2018/qzbf-33/")
    page.goto(served_site + "lookup/?q=国发〔2099〕1号")
    page.wait_for_function("() => document.querySelector('.gz-lookup-status').textContent.length > 0")
    assert "本库未收录" in page.text_content(".gz-lookup-status")


@pytest.mark.parametrize("said", ["衢政办33号", "衢政办〔2018〕33号", "18年33号"])
def test_a_number_the_lookup_cannot_settle_leads_to_the_search(shared_context, served_site: str, said: str) -> None:
    """The lookup goes to one document by its full number; what people say instead (衢政办33号, a prefix
    cut short) the search answers with its candidates: the status links there, with the query."""
    page = shared_context().new_page()
    page.goto(served_site + "lookup/?q=" + quote(said))
    link = page.locator(".gz-lookup-status a.gz-lookup-search")
    link.wait_for()
    assert link.inner_text() == "在全文检索中查找" and link.get_attribute("href").endswith("search/?q=" + quote(said))
    link.click()
    page.wait_for_selector("ol.gz-results[data-state=done]", state="attached", timeout=15000)
    first = page.locator("ol.gz-results > li > a").first.get_attribute("href")
    assert first.endswith("2018/qzbf-33/"), first


def test_home_lookup_form_goes_to_the_document(shared_context, served_site: str) -> None:
    page = shared_context().new_page()
    page.goto(served_site)
    page.fill("#gz-home-q", "衢政办发[2018]33号")
    page.press("#gz-home-q", "Enter")
    page.wait_for_url(served_site + "2018/qzbf-33/")


def test_copied_citation_sets_a_title_within_the_title_in_single_brackets(shared_context, served_site: str) -> None:
    """GB/T 15834: 书名号 inside 书名号 become 〈〉; the page's own title stays as printed."""
    page = _clipboard_page(shared_context, served_site, "2018/qsk-28/#att_1")
    assert page.locator("h1").inner_text().startswith("关于印发《推进创新生态体系建设若干政策意见的实施细则(试行)》的通知")
    copied = _copy(page, "button.gz-copy[data-anchor=att_1]")
    assert copied == (
        "《关于印发〈推进创新生态体系建设若干政策意见的实施细则(试行)〉的通知》（衢市科〔2018〕28号）附件1\n"
        "https://example.test/zhengbao/2018/qsk-28/#att_1"
    )
