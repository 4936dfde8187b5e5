"""文号 grammar (gazette/derive/wenhao.py): one definition used by records, citations and lookups."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gazette.derive.catalog import build_library
from gazette.derive.citations import CITE_RE, find_citations
from gazette.derive.wenhao import CLOSE, OPEN, QUERY_PATTERN, Wenhao, js_pattern, parse_query, parse_wenhao
from tests.rules.examples import WENHAO_QUERIES
from tests.test_load import DOCUMENT, make_data

pytestmark = pytest.mark.unit

PRINTED = [
    "衢政办发〔2018〕33号", "衢政办发﹝2018﹞33号", "衢政办发[2018]33号", "衢政办发［2018］33号",
    "衢政办发【2018】33号", "衢政办发(2018)33号", "衢政办发（2018）33号", "衢政办发〔２０１８〕３３号",
    "衢政办发﹝2018﹞33 号", " 衢政办发 ﹝ 2018 ﹞ 33 号 ",
]


@pytest.mark.parametrize("printed", PRINTED)
def test_every_printed_form_is_one_number(printed: str) -> None:
    assert parse_wenhao(printed) == Wenhao("衢政办发", 2018, 33)
    assert parse_wenhao(printed).canonical == "衢政办发〔2018〕33号"


@pytest.mark.parametrize("printed", PRINTED)
def test_every_printed_form_is_found_as_a_citation(printed: str) -> None:
    (mention,) = find_citations(f"根据{printed.strip()}文件精神")
    assert mention.wenhao == Wenhao("衢政办发", 2018, 33)
    assert mention.printed == printed.strip()


@pytest.mark.parametrize("query, expected", WENHAO_QUERIES)
def test_lookup_queries(query: str, expected: tuple[str, int, int] | None) -> None:
    found = parse_query(query)
    assert (None if found is None else (found.prefix, found.year, found.seq)) == expected


def test_tortoise_shell_brackets_are_brackets() -> None:
    assert "﹝" in OPEN and "﹞" in CLOSE and len(OPEN) == len(CLOSE)
    with pytest.raises(ValueError):
        parse_wenhao("衢政办发﹝2018〕33号x")


def test_citations_build_on_the_grammar() -> None:
    """No second bracket or digit class: the citation pattern is made of wenhao.py's pieces."""
    for ch in OPEN + CLOSE:
        assert re.escape(ch) in CITE_RE.pattern or ch in CITE_RE.pattern


def test_query_pattern_is_valid_for_javascript_too() -> None:
    source = js_pattern(QUERY_PATTERN)
    assert "(?P<" not in source
    assert all(group in source for group in ("(?<prefix>", "(?<year>", "(?<seq>"))


def test_record_printed_with_tortoise_shell_brackets_builds(tmp_path: Path) -> None:
    doc = DOCUMENT.replace("number_printed: 衢政发〔2018〕15号", "number_printed: 衢政发﹝2018﹞15号")
    doc = doc.replace("市统计局负责。", "市统计局负责,按衢政发﹝2018﹞15号和国发﹝2099﹞1号执行。")
    lib = build_library(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": doc}))
    (view,) = lib.documents
    assert view.number == "衢政发〔2018〕15号" and view.record.number_printed == "衢政发﹝2018﹞15号"
    numbers = [c.wenhao.canonical for c in lib.citations.outgoing[view.id]]
    assert numbers == ["国发〔2099〕1号"]  # its own number is not a citation
