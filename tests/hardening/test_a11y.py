"""Accessibility in real headless Chromium: axe-core (pinned in package-lock.json) on the main
page types, Chinese `lang`, header cells in tables, keyboard-reachable permalink and copy
controls, and no sideways scrolling of any document page at a 375 px wide viewport."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from hardening_support import ROOT

from tests.project import pages_with_tables

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def _document_urls(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("[0-9][0-9][0-9][0-9]/*/index.html"))


def _count(site: Path, url: str, xpath: str) -> int:
    return int(lxml.html.parse(str(site / url / "index.html")).xpath(f"count({xpath})"))


def axe_pages(site: Path) -> list[str]:
    """Every page type, and the documents that stress the templates most (tables, parts, attachments)."""
    docs = _document_urls(site)
    pick = {
        max(docs, key=lambda u: _count(site, u, "//table")),
        max(docs, key=lambda u: _count(site, u, "//*[contains(@class, 'gz-part')]")),
        max(docs, key=lambda u: _count(site, u, "//section[contains(@class, 'gz-attachment')]")),
        docs[0],
    }
    issues = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("issues/*/index.html"))
    depts = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("departments/*/index.html"))
    busiest_dept = max(depts, key=lambda u: _count(site, u, "//li | //tr"))
    hubs = [u for u in ("", "issues/", "documents/", "departments/", "about/", "schema/", "citations/", "lookup/", "search/")
            if (site / u / "index.html").exists()]
    return hubs + issues[:2] + sorted(pick) + [depts[0], busiest_dept]


@pytest.fixture(scope="module")
def page(chromium):
    # bypass_csp: axe is injected as an inline script, which the pages' policy rightly refuses
    # (tests/browser/test_csp.py checks the policy itself)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def visits(page, served_site: str, site: Path) -> dict[str, dict]:
    """Each of ``axe_pages`` opened once: {url: {"violations": axe's, "lang": <html lang>,
    "headless": ids of article tables without a header cell}}; the two tests below assert on it."""
    found = {}
    for url in axe_pages(site):
        page.goto(served_site + url, wait_until="load")
        lang = page.evaluate("document.documentElement.lang")
        headless = page.evaluate(
            """() => [...document.querySelectorAll('article table')]
                 .filter(t => !t.querySelector('th') && !t.closest('figure.gz-form')).map(t => t.closest('[id]')?.id || '?')"""
        )
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        found[url] = {"violations": result["violations"], "lang": lang, "headless": headless}
    return found


def test_axe_finds_no_serious_or_critical_violations(visits: dict[str, dict]) -> None:
    problems = []
    for url, seen in visits.items():
        for violation in seen["violations"]:
            if violation["impact"] in BLOCKING:
                targets = [n["target"] for n in violation["nodes"][:3]]
                problems.append(f"/{url}: {violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes) {targets}")
    print(f"\naxe: {len(visits)} pages checked, {len(problems)} serious/critical violations")
    assert len(visits) >= 10
    assert not problems, "\n".join(problems)


def test_lang_is_chinese_and_tables_have_header_cells(visits: dict[str, dict]) -> None:
    for url, seen in visits.items():
        assert seen["lang"].startswith("zh"), url
        assert not seen["headless"], f"/{url}: tables without header cells: {seen['headless']}"


def _tab_until(page, selector: str, limit: int = 400) -> str | None:
    """Press Tab until the focused element matches ``selector``; return its outerHTML."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        html = page.evaluate(f"() => document.activeElement.matches({selector!r}) ? document.activeElement.outerHTML : null")
        if html:
            return html
    return None


def test_permalink_and_copy_controls_are_reachable_by_keyboard(page, served_site: str, site: Path) -> None:
    url = max(_document_urls(site), key=lambda u: _count(site, u, "//*[contains(@class, 'gz-permalink')]"))
    page.goto(served_site + url, wait_until="load")
    permalink = _tab_until(page, "article a.gz-permalink")
    assert permalink, f"/{url}: no permalink reachable with Tab"
    anchor = lxml.html.fromstring(permalink).get("href")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash === {anchor!r}")
    if _count(site, url, "//button[contains(@class, 'gz-copy')]"):
        # all clause controls are one tab stop (cite.js): Tab reaches it, the arrow keys move on
        page.goto(served_site + url, wait_until="load")
        assert _tab_until(page, "article a.gz-permalink")
        page.keyboard.press("ArrowRight")
        copy = page.evaluate("() => document.activeElement.matches('article button.gz-copy')")
        assert copy, f"/{url}: copy-citation button not reachable from the keyboard"


# The dark scheme changes colours only (tests/test_dark_scheme.py holds the site to it): what else axe
# checks reads the same page in both schemes and is checked in the light one above. In the dark one
# the rules that read colours run (axe refuses an id it does not know, so a renamed rule fails here).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def test_axe_in_the_dark_scheme(chromium, served_site: str, site: Path) -> None:
    """The dark scheme (system setting) on every page type: text, controls and links stand out from
    what is behind and around them, as in the light one."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True,
                                   color_scheme="dark")
    tab = context.new_page()
    problems = []
    urls = ["", "2018/qzbf-33/", "departments/czj/", "deadlines/", "issues/2018-05/", "search/", "about/"]
    try:
        for url in urls:
            tab.goto(served_site + url, wait_until="load")
            assert tab.evaluate("document.body.dataset.mdColorScheme") == "slate"
            tab.add_script_tag(path=str(AXE))
            result = tab.evaluate("rules => axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'rule', values: rules}})",
                                  COLOUR_RULES)
            problems += [f"/{url}: {v['id']} {[n['target'] for n in v['nodes'][:3]]}"
                         for v in result["violations"] if v["impact"] in BLOCKING]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_no_document_page_scrolls_sideways_at_375px(chromium, served_site: str, site: Path) -> None:
    """Every document page and the hubs. A document with a table is opened at 375 px by
    tests/phone/test_tables.py, which asserts the same bound on it (and the width of its cells):
    it is not opened again here."""
    context = chromium.new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    tab = context.new_page()
    wide = []
    swept = set(pages_with_tables(site))
    urls = [u for u in _document_urls(site) if u not in swept] + ["", "issues/", "documents/", "departments/"]
    try:
        for url in urls:
            tab.goto(served_site + url, wait_until="load")
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 375:
                wide.append(f"/{url}: {width}px")
    finally:
        context.close()
    print(f"\n375px: {len(urls)} pages checked, {len(wide)} scroll sideways")
    assert not wide, "\n".join(wide)
