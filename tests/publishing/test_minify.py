"""The site's own scripts and stylesheets are served minified (gazette/publish/minify.py), the
same program and the same rules as their readable sources in docs/assets/, and the rules file is
compact JSON. (The browser tests read the pages with these files: what they check of layout,
colour and print holds for the minified rules.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rcssmin
import rjsmin

from tests.project import ROOT

pytestmark = pytest.mark.site

ASSETS = ROOT / "docs" / "assets"
SCRIPTS = sorted(ASSETS.glob("*.js"))
STYLESHEETS = sorted(ASSETS.glob("*.css"))


@pytest.mark.parametrize("source", SCRIPTS, ids=lambda p: p.name)
def test_each_script_is_served_minified_from_its_source(site: Path, source: Path) -> None:
    served = (site / "assets" / source.name).read_text(encoding="utf-8")
    text = source.read_text(encoding="utf-8")
    assert served == rjsmin.jsmin(text)
    assert len(served) < 0.85 * len(text), "comments and indentation are gone"
    assert "\n  " not in served


@pytest.mark.parametrize("source", STYLESHEETS, ids=lambda p: p.name)
def test_each_stylesheet_is_served_minified_from_its_source(site: Path, source: Path) -> None:
    served = (site / "assets" / source.name).read_text(encoding="utf-8")
    text = source.read_text(encoding="utf-8")
    assert served == rcssmin.cssmin(text)
    assert "/*" not in served and "\n" not in served.strip(), "comments and line breaks are gone"
    assert len(served) < 0.85 * len(text)
    # the spaces calc() needs around + and - are kept
    sums = re.findall(r"calc\([^()]*\)", text)
    assert all(" ".join(expr.split()) in served for expr in sums)


def test_rules_travel_as_compact_json(site: Path) -> None:
    rules = (site / "assets" / "rules.json").read_text(encoding="utf-8")
    assert json.loads(rules) and "\n " not in rules
