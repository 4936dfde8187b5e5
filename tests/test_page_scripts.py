"""No request a page does not need (issue 23): the clause controls' and lookup box's script, the
wide-table cue and the script that keeps a link's target in place load on the pages that have
their elements, and on no other page."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from gazette.render.page_scripts import OPTIONAL_SCRIPTS, scripts_for
from tests.project import ROOT

# What each script works on: the selector page_scripts.py names, found in the script itself.
USES = {script.path.rsplit("/", 1)[-1]: script.selector for script in OPTIONAL_SCRIPTS}


def _scripts(tree: lxml.html.HtmlElement) -> set[str]:
    return {src.rsplit("/", 1)[-1] for src in tree.xpath("//script/@src")}


@pytest.mark.site
def test_a_page_loads_each_optional_script_exactly_when_it_has_its_elements(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    loads = {name: 0 for name in USES}
    for path in pages:
        tree = lxml.html.parse(str(path)).getroot()
        scripts = _scripts(tree)
        for name, selector in USES.items():
            needed = bool(tree.cssselect(selector))
            assert (name in scripts) == needed, f"{path.relative_to(site)}: {name} {'missing' if needed else 'not needed'}"
            loads[name] += needed
    assert all(loads.values()), loads  # each is in use somewhere
    # the search page, which a phone on a slow network waits for, fetches neither
    assert not _scripts(lxml.html.parse(str(site / "search/index.html")).getroot()) & set(USES)
    assert {"cite.js", "tables.js"} <= _scripts(lxml.html.parse(str(site / "2018/qzbf-33/index.html")).getroot())


@pytest.mark.unit
def test_each_selector_is_the_scripts_own() -> None:
    for script in OPTIONAL_SCRIPTS:
        source = (ROOT / "docs" / script.path).read_text(encoding="utf-8")
        for selector in script.selector.split(", "):
            assert selector in source, (script.path, selector)


@pytest.mark.unit
def test_scripts_for_reads_the_page_content() -> None:
    assert scripts_for('<article class="gz-document"><p>x<a class="gz-permalink" href="#a">¶</a></p></article>') == ["assets/cite.js", "assets/jump.js"]
    assert scripts_for('<form class="gz-lookup" action="lookup/"></form><div class="gz-table-wrap"></div>') == ["assets/tables.js"]
    assert scripts_for('<table class="gz-cards"></table>') == ["assets/jump.js"]
    assert scripts_for('<p class="gz-copyright">gz-copy gz-table-wrap</p>') == []
    assert scripts_for("") == []
