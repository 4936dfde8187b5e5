"""Defence in depth (issue 15, item 12): every page carries a Content-Security-Policy and a
Referrer-Policy; every page type loads in Chromium without a single policy violation; an inline
script that slipped into a page is blocked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
import pytest

from gazette.publish.csp import inline_script_hashes
from tests.browsing import open_settled

# One page of every type, and the search page with a query run (its engine loads then).
PAGES = [
    "", "issues/", "issues/2018-05/", "documents/", "2018/qzbf-33/", "2017/qzf-14/", "departments/",
    "departments/tjj/", "citations/", "lookup/", "deadlines/", "latest/", "search/", "search/?q=普查",
    "opendata/", "about/", "schema/", "import/", "404.html",
]

# Recorded from the first script of every page: violations and whether an injected script ran.
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  {directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile}));
"""


def _meta(html: str, selector: str) -> list[str]:
    return lxml.html.document_fromstring(html).xpath(selector)


@pytest.mark.site
def test_every_page_has_a_policy_with_its_own_inline_scripts(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policies = _meta(html, "//head/meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(policies) == 1, path
        policy = dict((d.split(" ", 1) + [""])[:2] for d in policies[0].split("; "))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'" and policy["base-uri"] == "'self'", path
        sources = policy["script-src"].split()
        assert sources[0] == "'self'" and set(inline_script_hashes(html)) <= set(sources), path
        assert not [s for s in " ".join(policy.values()).split() if s.startswith(("http:", "https:", "*", "'unsafe-inline'", "'unsafe-eval'"))], path
        assert _meta(html, "//head/meta[@name='referrer']/@content") == ["no-referrer"], path
        # the policy comes before any script, so it governs them all
        head = lxml.html.document_fromstring(html).find("head")
        order = [el.tag if el.tag != "meta" else el.get("http-equiv") for el in head]
        assert order.index("Content-Security-Policy") < (order.index("script") if "script" in order else len(order)), path


def _watching(page: Any) -> Any:
    """``page``, recording policy violations from the first script of every page it opens."""
    page.add_init_script(WATCH)
    return page


@pytest.fixture(scope="module")
def watched(_contexts: Any) -> Any:
    """One tab for the page types."""
    page = _watching(_contexts().new_page())
    yield page
    page.close()


def _visit(page: Any, url: str, inject: bool = False) -> tuple[list[dict[str, str]], list[str], Any, list[str]]:
    console: list[str] = []
    requested: list[str] = []

    def request(r: Any) -> None:
        requested.append(r.url)

    def message(m: Any) -> None:
        if "Content Security Policy" in m.text:
            console.append(m.text)

    page.on("request", request)
    page.on("console", message)
    if inject:
        def route(r: Any) -> None:
            response = r.fetch()
            body = response.text().replace("</body>", "<script>window.__injected = 1</script></body>", 1)
            r.fulfill(response=response, body=body)
        page.route(url, route)
    try:
        open_settled(page, url)
        if inject:  # the blocked script's violation event
            page.wait_for_function("() => window.__cspViolations.length > 0")
        else:  # one more task turn: every violation event queued while loading has been dispatched
            page.evaluate("() => new Promise(resolve => setTimeout(resolve))")
        violations = page.evaluate("window.__cspViolations")
        injected = page.evaluate("window.__injected")
    finally:
        page.remove_listener("request", request)
        page.remove_listener("console", message)
    return violations, console, injected, requested


@pytest.mark.browser
@pytest.mark.parametrize("url", PAGES)
def test_no_policy_violation_on_any_page_type(watched: Any, served_site: str, url: str) -> None:
    violations, console, _, requested = _visit(watched, served_site + url)
    assert violations == [] and console == [], (violations, console)
    # Nothing the page does not need: the theme would fetch and parse the whole sitemap when a
    # feed link says rel="alternate" alone (overrides/main.html).
    assert not [u for u in requested if u.split("?")[0].endswith("sitemap.xml")], requested


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked(shared_context: Any, served_site: str) -> None:
    page = _watching(shared_context().new_page())  # a tab of its own: the route stays with it
    violations, console, injected, _ = _visit(page, served_site + "2018/qzbf-33/", inject=True)
    assert injected is None  # it never ran
    assert any(v["directive"].startswith("script-src") for v in violations), violations
