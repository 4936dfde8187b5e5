"""The site's own scripts are served minified (gazette/publish/scripts.py), the same
program as their readable sources in docs/assets/, and the rules file is compact JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rjsmin

from tests.project import ROOT

pytestmark = pytest.mark.site

SOURCES = sorted((ROOT / "docs" / "assets").glob("*.js"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_each_script_is_served_minified_from_its_source(site: Path, source: Path) -> None:
    served = (site / "assets" / source.name).read_text(encoding="utf-8")
    text = source.read_text(encoding="utf-8")
    assert served == rjsmin.jsmin(text)
    assert len(served) < 0.85 * len(text), "comments and indentation are gone"
    assert "\n  " not in served


def test_rules_travel_as_compact_json(site: Path) -> None:
    rules = (site / "assets" / "rules.json").read_text(encoding="utf-8")
    assert json.loads(rules) and "\n " not in rules
