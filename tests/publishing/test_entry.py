"""The search page's copies of its first files (``gazette/publish/entry.py``): a file's text sits in
its element as data, never as markup that ends the element; what cannot sit there fails the build."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from gazette.publish.entry import EntryError, fill_entries, held_paths
from gazette.publish.search_format import encode_file

pytestmark = pytest.mark.unit

PAGE = """<html><head>
<script type="application/json" data-gz-entry="search/meta.bin" data-src="meta.bin"></script>
<script type="application/json" data-gz-entry="assets/rules.json" data-src="../assets/rules.json"></script>
<script data-gz-entry="assets/search.js" data-src="../assets/search.js"></script>
</head><body><p>正文</p></body></html>"""


def _site(tmp_path: Path, meta: object, rules: object, script: str) -> Path:
    (tmp_path / "search").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "search" / "meta.bin").write_bytes(encode_file(json.dumps(meta, ensure_ascii=False).encode()))
    (tmp_path / "assets" / "rules.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "assets" / "search.js").write_text(script, encoding="utf-8")
    return tmp_path


def test_each_element_holds_its_file_and_text_that_looks_like_markup_stays_data(tmp_path: Path) -> None:
    meta = {"build": "0123456789abcdef", "title": "</script><script>alert(1)</script><!--"}
    rules = {"pattern": "(?<prefix>[\\u4e00-\\u9fff]+)"}
    site = _site(tmp_path, meta, rules, 'window.x = 1 < 2 ? "一" : "二";')
    html = fill_entries(PAGE, site)
    tree = lxml.html.document_fromstring(html)
    held = {s.get("data-gz-entry"): s.text for s in tree.xpath("//script[@data-gz-entry]")}
    assert json.loads(held["search/meta.bin"]) == meta
    assert json.loads(held["assets/rules.json"]) == rules
    assert held["assets/search.js"] == 'window.x = 1 < 2 ? "一" : "二";'
    assert len(tree.xpath("//script")) == 3 and tree.xpath("//body/p/text()") == ["正文"]
    assert "</script><script>alert" not in html and "<!--" not in html


@pytest.mark.parametrize("script", ['var s = "</script>";', "var s = '<!--';", 'var s = "<SCRIPT>";'])
def test_a_script_that_would_end_its_element_fails_the_build(tmp_path: Path, script: str) -> None:
    site = _site(tmp_path, {}, {}, script)
    with pytest.raises(EntryError, match="assets/search.js"):
        fill_entries(PAGE, site)


def test_a_missing_file_fails_the_build(tmp_path: Path) -> None:
    site = _site(tmp_path, {}, {}, "")
    (site / "assets" / "rules.json").unlink()
    with pytest.raises(EntryError, match="assets/rules.json"):
        fill_entries(PAGE, site)


def test_a_filled_page_is_left_as_it_is_and_names_what_it_holds(tmp_path: Path) -> None:
    site = _site(tmp_path, {"build": "0123456789abcdef"}, {}, "var a = 1;")
    html = fill_entries(PAGE, site)
    (site / "assets" / "search.js").write_text("var a = 2;", encoding="utf-8")
    assert fill_entries(html, site) == html
    assert held_paths(html) == ["search/meta.bin", "assets/rules.json", "assets/search.js"]
    assert held_paths(PAGE) == []
