"""Property-based tests of the parsers: 文号, Chinese numerals and outline labels, deadlines,
and the importer's page-break repair on randomly split paragraphs."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gazette.derive.deadlines import find_deadline, parse_deadline
from gazette.derive.numbering import CIRCLED, Label, chinese_to_int, int_to_chinese, parse_label
from gazette.derive.wenhao import Wenhao, normalize_wenhao, parse_wenhao
from gazette.importer.corrections import DocumentCorrections
from gazette.importer.document import build_document
from gazette.importer.report import Report
from gazette.importer.split import Heads, Segment

pytestmark = pytest.mark.unit

settings.register_profile("gazette", max_examples=150, deadline=None)
settings.load_profile("gazette")

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
OPEN, CLOSE = "〔[［【(（", "〕]］】)）"

# --- 文号 ---------------------------------------------------------------------------------

prefixes = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12)
spaces = st.sampled_from(["", " ", "  ", "\u3000"])


def _digits(draw, number: int, width: int) -> str:
    text = str(number).zfill(width)
    # each digit independently ASCII or full-width, as OCR and typesetting mix them
    return "".join(ch.translate(FULL_WIDTH) if draw(st.booleans()) else ch for ch in text)


@st.composite
def printed_wenhao(draw) -> tuple[Wenhao, str]:
    wenhao = Wenhao(draw(prefixes), draw(st.integers(1949, 2099)), draw(st.integers(1, 9999)))
    seq_width = draw(st.integers(len(str(wenhao.seq)), 4))
    s = lambda: draw(spaces)  # noqa: E731
    printed = (
        f"{s()}{wenhao.prefix}{s()}{draw(st.sampled_from(OPEN))}{s()}{_digits(draw, wenhao.year, 4)}{s()}"
        f"{draw(st.sampled_from(CLOSE))}{s()}{_digits(draw, wenhao.seq, seq_width)}{s()}号{s()}"
    )
    return wenhao, printed


@given(printed_wenhao())
def test_every_printed_variant_has_one_canonical_form(case: tuple[Wenhao, str]) -> None:
    wenhao, printed = case
    assert parse_wenhao(printed) == wenhao
    assert normalize_wenhao(printed) == f"{wenhao.prefix}〔{wenhao.year}〕{wenhao.seq}号"


@given(printed_wenhao())
def test_normalization_is_idempotent(case: tuple[Wenhao, str]) -> None:
    once = normalize_wenhao(case[1])
    assert normalize_wenhao(once) == once
    assert parse_wenhao(once) == parse_wenhao(case[1])


@given(st.text(max_size=40))
def test_wenhao_parser_only_ever_raises_value_error(text: str) -> None:
    try:
        wenhao = parse_wenhao(text)
    except ValueError:
        return
    assert normalize_wenhao(wenhao.canonical) == wenhao.canonical


# --- Chinese numerals and outline labels ----------------------------------------------------


@given(st.integers(1, 999))
def test_chinese_numeral_round_trip(n: int) -> None:
    assert chinese_to_int(int_to_chinese(n)) == n


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_numeral_examples(n: int, text: str) -> None:
    assert int_to_chinese(n) == text and chinese_to_int(text) == n


# Malformed numerals are refused: tests/rules/test_numbering.py (an independent spelling oracle).


LABEL_FORMS = {
    "chp": ["第{cn}章"],
    "subchp": ["第{cn}节"],
    "art": ["第{cn}条", "第 {cn} 条"],
    "sec": ["{cn}、", "{cn},", "{cn}，", "{cn}．"],
    "item": ["({cn})", "（{cn}）", "({cn})、", "（{cn}）、"],
    "point": ["{n}.", "{n}．", "{n}、", "{fw}."],
    "subpoint": ["({n})", "（{n}）", "（{fw}）"],
}


@given(st.integers(1, 99), st.data())
def test_outline_labels_parse_to_their_printed_number(n: int, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(sorted(LABEL_FORMS)))
    form = data.draw(st.sampled_from(LABEL_FORMS[kind]))
    label = form.format(cn=int_to_chinese(n), n=n, fw=str(n).translate(FULL_WIDTH))
    assert parse_label(label) == Label(kind, n)


@given(st.integers(1, len(CIRCLED)))
def test_circled_numbers_are_subpoints(n: int) -> None:
    assert parse_label(CIRCLED[n - 1]) == Label("subpoint", n)


@given(st.text(max_size=12))
def test_label_parser_only_ever_raises_value_error(text: str) -> None:
    try:
        label = parse_label(text)
    except ValueError:
        return
    assert label.number >= 0 and label.kind in LABEL_FORMS


# --- deadlines (gazette/derive/deadlines.py) ---------------------------------------------------

days = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
doc_years = st.integers(2000, 2099)


def _num(draw, n: int) -> str:
    """A printed number: ASCII, full-width or Chinese numerals."""
    return draw(st.sampled_from([str(n), str(n).translate(FULL_WIDTH), int_to_chinese(n)]))


@given(days, doc_years, st.sampled_from(["前", "之前", "以前", ""]), st.data())
def test_full_date_deadline(day: dt.date, doc_year: int, tail: str, data: st.DataObject) -> None:
    text = f"{day.year}年{_num(data.draw, day.month)}月{_num(data.draw, day.day)}日{tail}"
    assert parse_deadline(text, doc_year).date == day


@given(days, st.data())
def test_day_without_year_is_in_the_documents_year(day: dt.date, data: st.DataObject) -> None:
    text = f"{_num(data.draw, day.month)}月{_num(data.draw, day.day)}日前"
    assert parse_deadline(text, day.year).date == day


@given(doc_years, st.integers(1, 12), st.sampled_from(["底", "末", ""]), st.sampled_from(["前", ""]), st.data())
def test_month_end_deadline(doc_year: int, month: int, end: str, tail: str, data: st.DataObject) -> None:
    last = dt.date(doc_year, month, calendar.monthrange(doc_year, month)[1])
    assert parse_deadline(f"{_num(data.draw, month)}月{end}{tail}", doc_year).date == last
    assert parse_deadline(f"{doc_year}.{month}", 1999).date == last


@given(st.text(max_size=30), doc_years)
def test_deadline_parser_keeps_the_printed_text_and_never_crashes(text: str, doc_year: int) -> None:
    deadline = parse_deadline(text, doc_year)
    assert deadline.text == text.strip()
    assert deadline.date is None or isinstance(deadline.date, dt.date)


FILLER = st.text(alphabet="请各单位于报送材料并做好工作落实情况,。", max_size=20)


@given(FILLER, days, FILLER)
def test_deadline_found_inside_running_text(before: str, day: dt.date, after: str) -> None:
    found = find_deadline(f"{before}{day.month}月{day.day}日前{after}", day.year)
    assert found is not None and found.date == day


# --- importer: paragraphs split by a page break at a random place -------------------------------

# Words of running text: no numerals (labels), no 衢州市 (signature lines), no colons (key: value)
CLAUSES = st.lists(st.text(alphabet="市政府统计局普查工作组织实施开展做好推进加强建立健全完善落实各部门单位要", min_size=8, max_size=24), min_size=3, max_size=6)
TERMINAL = ("。", "；", ";", "：", ":", "！", "!", "？", "?", "”", ")", "）", "》")


def _import(paragraph_lines: list[str]) -> object:
    lines = ["衢州市人民政府关于开展普查的通知", "", "衢政发〔2018〕15号", "", "各县(市、区)人民政府,市政府各部门:", ""]
    for text in paragraph_lines:
        lines += [text, ""]
    lines += ["衢州市人民政府", "2018年5月4日"]
    seg = Segment("衢政发", 2018, 15, 0, 2, len(lines), lines)
    return build_document(seg, "2018-05", "qzf", DocumentCorrections(), Report(), Heads({"衢政发": "qzf"}))


@given(CLAUSES, st.data())
def test_page_break_inside_a_paragraph_is_rejoined(clauses: list[str], data: st.DataObject) -> None:
    paragraph = ",".join(clauses) + "。"
    cut = data.draw(st.integers(40, len(paragraph) - 2)) if len(paragraph) > 42 else None
    assume(cut is not None and not paragraph[:cut].endswith(TERMINAL))
    doc = _import([paragraph[:cut], paragraph[cut:], "另起一段。"])
    assert [part.text for part in doc.body] == [paragraph, "另起一段。"]
    (erratum,) = [e for e in doc.errata if e.kind == "page-break"]
    assert erratum.published in paragraph and erratum.original.replace("\n\n", "") == erratum.published


@given(CLAUSES, CLAUSES)
def test_paragraphs_ending_a_sentence_stay_apart(first: list[str], second: list[str]) -> None:
    a, b = ",".join(first) + "。", ",".join(second) + "。"
    doc = _import([a, b])
    assert [part.text for part in doc.body] == [a, b]
    assert not [e for e in doc.errata if e.kind == "page-break"]
