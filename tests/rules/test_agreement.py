"""The browser and the build read the same rules: one table of examples through the Python
definitions and through the scripts (rules.js reading assets/rules.json) in real Chromium."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from gazette.derive.anchors import row_id
from gazette.derive.dates import day_label
from gazette.derive.facets import FACETS
from gazette.derive.wenhao import parse_query
from gazette.records.models import DEPARTMENT_KINDS
from gazette.vocab.normalize import compare_key, fold
from gazette.vocab.roles import ROLE_LABELS
from gazette.vocab.roles import ROLES as ROLE_IDS
from tests.rules.examples import DAYS, NORMALISE, ROLES, ROWS, WENHAO_QUERIES

JS = """async ({queries, rows, roles, texts, days}) => {
  const R = await window.gazetteRules.ready;
  return {
    wenhao: queries.map((q) => {
      const w = R.parseWenhao(q);
      return w && [w.prefix, w.year, w.seq, R.canonicalWenhao(w)];
    }),
    rows: rows.map(([table, n]) => R.rowId(table, n)),
    roles: roles.map((id) => R.roleLabel(id)),
    roleOrder: R.roles.map((r) => r.id),
    kinds: R.departmentKinds,
    facets: R.facets.map((f) => [f.id, f.label]),
    folded: texts.map((t) => R.fold(t)),
    compareKeys: texts.map((t) => R.compareKey(t)),
    days: days.map((d) => R.formatDate(d)),
  };
}"""


def _python() -> dict[str, Any]:
    wenhao: list[list[Any] | None] = []
    for query, _ in WENHAO_QUERIES:
        w = parse_query(query)
        wenhao.append(None if w is None else [w.prefix, w.year, w.seq, w.canonical])
    return {
        "wenhao": wenhao,
        "rows": [row_id(table, n) for table, n, _ in ROWS],
        "roles": [dict(ROLE_LABELS)[role] for role, _ in ROLES],
        "roleOrder": list(ROLE_IDS),
        "kinds": list(DEPARTMENT_KINDS),
        "facets": [[f.id, f.label] for f in FACETS],
        "folded": [fold(t) for t in NORMALISE],
        "compareKeys": [compare_key(t) for t in NORMALISE],
        "days": [day_label(dt.date.fromisoformat(day)) for day, _ in DAYS],
    }


@pytest.mark.unit
def test_python_gives_the_table() -> None:
    py = _python()
    assert [None if w is None else tuple(w[:3]) for w in py["wenhao"]] == [expected for _, expected in WENHAO_QUERIES]
    assert py["rows"] == [expected for _, _, expected in ROWS]
    assert py["roles"] == [label for _, label in ROLES]
    assert py["days"] == [shown for _, shown in DAYS]


@pytest.mark.browser
def test_browser_agrees_with_python(shared_context: Any, served_site: str) -> None:
    page = shared_context().new_page()
    page.goto(served_site)
    js = page.evaluate(JS, {
        "queries": [q for q, _ in WENHAO_QUERIES],
        "rows": [[table, n] for table, n, _ in ROWS],
        "roles": [role for role, _ in ROLES],
        "texts": NORMALISE,
        "days": [day for day, _ in DAYS],
    })
    py = _python()
    for (query, _), from_js, from_py in zip(WENHAO_QUERIES, js["wenhao"], py["wenhao"]):
        assert from_js == from_py, query
    for key in ("folded", "compareKeys"):
        for text, from_js, from_py in zip(NORMALISE, js[key], py[key]):
            assert from_js == from_py, (key, text)
    assert js == py


@pytest.mark.site
def test_rules_json_is_written_from_the_definitions(site: Path) -> None:
    rules = json.loads((site / "assets" / "rules.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rules["roles"]] == list(ROLE_IDS)
    assert rules["department_kinds"] == list(DEPARTMENT_KINDS)
    assert {i["prefix"]: i["code"] for i in rules["issuers"]} == {
        "衢政发": "qzf", "衢政办发": "qzbf", "衢政干": "qzg", "衢市科": "qsk",
    }
    assert "﹝" in rules["wenhao"]["open"] and "﹞" in rules["wenhao"]["close"]
    assert rules["anchors"]["row"].format(table="t", n=2) == row_id("t", 2)
