"""文号 grammar (gazette/derive/wenhao.py): one definition used by records, citations and lookups."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazette.derive.catalog import build_library
from gazette.derive.citations import CITE_RE, find_citations
from gazette.derive.wenhao import (
    CLOSE,
    GRAMMAR,
    OPEN,
    QUERY_PATTERN,
    Wenhao,
    js_pattern,
    parse_query,
    parse_wenhao,
    with_canonical_brackets,
)
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
def test_every_printed_form_gets_the_canonical_brackets_and_keeps_the_rest(printed: str) -> None:
    fixed = with_canonical_brackets(printed)
    assert parse_wenhao(fixed) == parse_wenhao(printed)
    assert not set(fixed) & set(OPEN + CLOSE) - {"〔", "〕"}
    # only the brackets change: the same characters stand everywhere else
    assert [a for a, b in zip(printed, fixed, strict=True) if a != b] == [c for c in printed if c in OPEN + CLOSE and c not in "〔〕"]


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


# Han characters that are neither a national/provincial/city initial nor a lead word's start.
_ORGAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF).filter(lambda c: c not in "国中浙衢详参根按依对结贯落执转印关文精和与及的在由经将为据见以即是")


@settings(deadline=None)  # a shared 2-core machine: no timing limits
@given(st.integers(GRAMMAR.cited_prefix_min, GRAMMAR.prefix_max), st.data())
def test_a_cited_number_is_a_number_the_records_and_the_lookup_read_alike(length: int, data: st.DataObject) -> None:
    """Prefix lengths up to the grammar's limit (12, 13 and 14 included): the citation finder,
    the record parser and the lookup grammar (shipped to the browser) agree."""
    prefix = "衢" + "".join(data.draw(st.lists(_ORGAN, min_size=length - 1, max_size=length - 1)))
    (mention,) = find_citations(f"根据{prefix}〔2018〕3号文件")
    assert mention.wenhao == Wenhao(prefix, 2018, 3)
    assert parse_wenhao(mention.wenhao.canonical) == mention.wenhao
    assert parse_wenhao(mention.printed) == mention.wenhao
    assert parse_query(mention.wenhao.canonical) == mention.wenhao


@pytest.mark.parametrize("length", [12, 13, 14])
def test_prefix_lengths_at_the_limit(length: int) -> None:
    prefix = "衢州市人民政府办公室函件发文"[:length]
    wenhao = Wenhao(prefix, 2018, 3)
    assert parse_wenhao(f"{prefix}〔2018〕3号") == wenhao == parse_query(f"{prefix} 2018 3")
    assert [m.wenhao for m in find_citations(f"根据{prefix}〔2018〕3号")] == [wenhao]


def test_a_prefix_over_the_limit_is_no_record_number() -> None:
    with pytest.raises(ValueError):
        parse_wenhao("衢州市人民政府办公室函件发文字〔2018〕3号")
