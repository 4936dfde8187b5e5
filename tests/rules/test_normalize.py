"""Text normalisation (gazette/vocab/normalize.py): the keys, and the characters no record may
hold — refused at load naming file, line, field and code point, for every class and every
kind of record."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from gazette.vocab.normalize import (
    INVISIBLE_RANGES,
    compare_key,
    fold,
    is_lookalike,
    printed_key,
    refused_characters,
)
from tests.test_load import DEPARTMENTS, DOCUMENT, errors_of, make_data

pytestmark = pytest.mark.unit


def test_the_invisible_class_holds_every_control_and_format_character_python_knows() -> None:
    """The listed class is shipped to the browser; it must not lag behind the Unicode database."""
    listed = {cp for a, b in INVISIBLE_RANGES for cp in range(a, b + 1)}
    wanted = {
        cp for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in ("Cf", "Zl", "Zp")
        or (unicodedata.category(chr(cp)) == "Cc" and chr(cp) not in "\t\n")
    }
    assert wanted - listed == set()
    assert "\t" not in {chr(cp) for cp in listed} and "\n" not in {chr(cp) for cp in listed}


@pytest.mark.parametrize("ch", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u202e", "\u2066", "\u00ad",
                                "\ufe0f", "\U000e0101", "\x07", "\x1b", "\u2028"])
def test_every_invisible_character_is_refused_by_its_code_point(ch: str) -> None:
    (refused,) = refused_characters(f"衢州市统{ch}计局")
    assert refused.index == 4 and f"U+{ord(ch):04X}" in refused.message and "不可见字符" in refused.message


@pytest.mark.parametrize("ch, plain", [("⼈", "人"), ("⽂", "文"), ("\uf900", "\u8c48"), ("⺟", "母"), ("\U0002f800", "丽")])
def test_lookalikes_that_nfkc_folds_are_refused_naming_the_ideograph(ch: str, plain: str) -> None:
    (refused,) = refused_characters(f"衢州{ch}")
    assert f"U+{ord(ch):04X}" in refused.message and plain in refused.message and "形近字" in refused.message


@pytest.mark.parametrize("text", ["衢州市人民政府", "衢政办发〔2018〕33 号", "ＧＤＰ１２３", "（一）", "①", "㈠", "\u3000全文", "甲\t乙\n丙",
                                  "\ufa0e", "⺀"])  # U+FA0E is a unified ideograph; U+2E80 is no NFKC look-alike
def test_printed_text_is_not_refused(text: str) -> None:
    assert list(refused_characters(text)) == []


def test_only_folding_radicals_and_compatibility_ideographs_are_lookalikes() -> None:
    assert is_lookalike("⼈") and not is_lookalike("人") and not is_lookalike("\ufa0e") and not is_lookalike("⺀")


def test_keys() -> None:
    assert fold("ＡＢ１２〔﹝（") == "AB12〔〔("
    assert compare_key("衢州市 （某） 〔局〕\u3000ＡＢ") == "衢州市(某)(局)AB"
    assert compare_key("衢州市(某)局") == compare_key("衢州市〔某〕局") == compare_key("衢州市﹝某﹞局")
    assert printed_key("第一条，⼈民（政府）。") == "第一条人民政府"


# --- at load: every record kind, every class, file:line:field --------------------------------


def _line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def _error_line(message: str, *fragments: str) -> str:
    lines = [line for line in message.splitlines() if all(f in line for f in fragments)]
    assert lines, message
    return lines[0]


@pytest.mark.parametrize("ch", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "⼈", "\uf900"])
def test_a_department_name_with_such_a_character_is_refused(tmp_path: Path, ch: str) -> None:
    """衢州市统\u200b计局 must not pass as a second, different 衢州市统计局."""
    depts = DEPARTMENTS + f"- code: tjj2\n  name: 衢州市统{ch}计局\n"
    message = errors_of(make_data(tmp_path, **{"departments.yaml": depts}))
    _error_line(message, "data/departments.yaml:11: 字段 '[2].name'", f"U+{ord(ch):04X}")


@pytest.mark.parametrize("other", ["衢州市 统计局", "衢州市统计局\u3000", "ＸＸ统计局", "(某)统计局"])
def test_names_are_compared_after_folding(tmp_path: Path, other: str) -> None:
    first = {"衢州市 统计局": "衢州市统计局", "衢州市统计局\u3000": "衢州市统计局", "ＸＸ统计局": "XX统计局", "(某)统计局": "〔某〕统计局"}[other]
    depts = DEPARTMENTS.replace("name: 衢州市统计局", f"name: {first}") + f'- code: tjj2\n  name: "{other}"\n'
    message = errors_of(make_data(tmp_path, **{"departments.yaml": depts}))
    _error_line(message, "data/departments.yaml:11: 字段 '[2].name'", "也属于“tjj”")


def test_a_wenhao_with_a_zero_width_space_is_refused_not_dropped(tmp_path: Path) -> None:
    doc = DOCUMENT.replace("市统计局负责。", '"市统计局按衢政发\\u200b〔2018〕15号负责。"')
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": doc}))
    at = _line_of(doc, "衢政发\\u200b")
    line = _error_line(message, f"documents/2018/qzf-15.yaml:{at}: 字段 'body[1].children[0].text'", "U+200B")
    assert line.count("U+200B") == 1  # reported once, not again by the field's own validator


@pytest.mark.parametrize("field, old, new", [
    ("title", "title: 衢州市人民政府关于开展第四次经济普查的通知", "title: 衢州市⼈民政府关于开展第四次经济普查的通知"),
    ("issuers[0]", "issuers: [衢州市人民政府]", 'issuers: ["衢州市人民政府\\ufeff"]'),
    ("number_printed", "number_printed: 衢政发〔2018〕15号", 'number_printed: "衢政发\\u2060〔2018〕15号"'),
])
def test_every_field_of_a_document(tmp_path: Path, field: str, old: str, new: str) -> None:
    doc = DOCUMENT.replace(old, new)
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": doc}))
    _error_line(message, "documents/2018/qzf-15.yaml:", f"字段 '{field}'", "U+")


def test_a_field_without_a_text_type_is_checked_too(tmp_path: Path) -> None:
    """An erratum's part is a plain string: the loader checks every string, whatever its type."""
    doc = DOCUMENT.replace("    part: sec_1\n", '    part: "sec_1\\u200b"\n')
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": doc}))
    _error_line(message, f"documents/2018/qzf-15.yaml:{_line_of(doc, 'part: ')}: 字段 'errata[0].part'", "U+200B")


def test_the_rule_is_documented_on_the_schema_page() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text(encoding="utf-8")
    for named in ("U+200B", "U+200C", "U+200D", "U+2060", "U+FEFF", "U+202E", "U+2F00–U+2FDF", "CJK 兼容汉字", "NFKC", "变体选择符"):
        assert named in page, named


@pytest.mark.parametrize("ch", ["\u200b", "\ufeff", "⼈"])
def test_the_importer_stops_at_the_source_line(tmp_path: Path, ch: str) -> None:
    """A record built from such a text could not be loaded: the importer names the source line."""
    from gazette.importer.source import read_source
    from gazette.load.errors import RecordError

    path = tmp_path / "quzhou-zhengbao-2018-05.txt"
    path.write_text(f"衢州政报\n2018年第5期\n市统{ch}计局负责。\n", encoding="utf-8")
    with pytest.raises(RecordError) as info:
        read_source(path)
    assert info.value.line == 3 and f"U+{ord(ch):04X}" in info.value.message
