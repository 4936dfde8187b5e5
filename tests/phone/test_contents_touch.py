"""Items 4 and 6 of issue 13: contents to article level with the whole part highlighted;
touch targets of at least 24 × 24 px on touch screens."""

from __future__ import annotations

import pytest


@pytest.mark.browser
def test_contents_reach_every_article_and_highlight_the_whole_part(desktop, served_site: str) -> None:
    page = desktop.new_page()
    page.goto(served_site + "2017/qzf-14/")
    toc = page.locator(".md-sidebar--secondary")
    link = toc.locator('a[href="#annex_1__art_18"]')
    assert link.is_visible()  # one click away, with the printed label set off in bold
    label = link.locator(".gz-label")
    assert label.inner_text() == "第十八条"
    assert label.evaluate("l => getComputedStyle(l).fontWeight") == "700"
    assert toc.locator('a[href^="#annex_1__art_"]').count() == 32
    assert toc.locator('a[href="#annex_1__chp_4"]').is_visible()
    link.click()
    page.wait_for_url("**/2017/qzf-14/#annex_1__art_18")
    part = page.locator("#annex_1__art_18")
    assert part.evaluate("p => getComputedStyle(p).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    # every paragraph of the article inside the highlight: measured in one frame, as the page may
    # still settle on its target by a fraction of a pixel between two reads (assets/jump.js)
    box, paragraphs = part.evaluate("""part => [part.getBoundingClientRect().toJSON(),
        [...part.querySelectorAll('p')].map(p => p.getBoundingClientRect().toJSON())]""")
    assert len(paragraphs) > 1
    for p in paragraphs:
        assert box["y"] <= p["y"] and p["y"] + p["height"] <= box["y"] + box["height"] + 1
    # in the text: 第十八条 bold, then a space before the article's words
    text_label = part.locator("> p > .gz-label")
    assert text_label.evaluate("l => getComputedStyle(l).fontWeight") == "700"
    assert float(text_label.evaluate("l => getComputedStyle(l).marginRight").rstrip("px")) >= 6


@pytest.mark.site
def test_contents_list_attachments_and_chapters_of_other_documents(site) -> None:
    from tests.project import read

    html = read(site, "2017/qzbf-25/")
    assert 'href="#annex_1__art_5"' in html  # 电动自行车登记规定 第五条


@pytest.mark.browser
def test_touch_targets_are_at_least_24px(phone, served_site: str) -> None:
    page = phone.new_page()
    page.goto(served_site + "2017/qzf-14/")
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    boxes = page.eval_on_selector_all(
        ".gz-copy, .gz-permalink",
        "es => es.filter(e => e.offsetParent !== null).map(e => { const r = e.getBoundingClientRect();"
        " return {cls: e.className, w: r.width, h: r.height, x: r.x, y: r.y}; })",
    )
    assert len(boxes) > 40
    small = [b for b in boxes if b["w"] < 24 or b["h"] < 24]
    assert not small, small[:5]
    # ¶ and 复制引用 of one part do not overlap: each stays a target of its own
    overlaps = page.eval_on_selector_all(
        ".gz-part > p", "ps => ps.map(p => [p.querySelector('.gz-permalink'), p.querySelector('.gz-copy')])"
        ".filter(([a, b]) => a && b).map(([a, b]) => [a.getBoundingClientRect(), b.getBoundingClientRect()])"
        ".filter(([a, b]) => a.right > b.left && b.right > a.left && a.bottom > b.top && b.bottom > a.top)",
    )
    assert not overlaps
    # without crowding the text: a line holding them grows by less than half a line
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#annex_1__art_18 > p')).lineHeight)")
    assert 24 <= line * 1.5


@pytest.mark.browser
def test_desktop_mouse_keeps_the_small_controls(desktop, served_site: str) -> None:
    page = desktop.new_page()
    page.goto(served_site + "2017/qzf-14/")
    assert not page.evaluate("matchMedia('(pointer: coarse)').matches")
    assert page.locator("#annex_1__art_18 > p .gz-permalink").bounding_box()["height"] < 24
