"""Records are read as YAML 1.2 core, and what YAML 1.1 reads otherwise is refused (issue 20, item 3).

Each form a YAML 1.1 reader (PyYAML's default) turns into another value — octal ``0106``,
sexagesimal ``1:30``, ``yes``/``on``, ``1_000`` — and every tag is an error naming file, line
and field, with the reason in Chinese. A number where a date is expected is refused by the
schema. Quoted, the same characters are text, read as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_support import DOC_PATH, DOCUMENT, ISSUE, ISSUE_PATH, ROOT, replace_once, write_data

from gazette.derive.catalog import build_library
from gazette.load import yamlfile
from gazette.load.errors import RecordError, RecordErrors
from gazette.load.yamlfile import read_yaml

pytestmark = pytest.mark.unit


def _errors(tmp_path: Path, files: dict[str, str | bytes | None]) -> list[RecordError]:
    data = write_data(tmp_path, files)
    with pytest.raises(RecordErrors) as raised:
        build_library(data)
    return raised.value.errors


# (file, old text, new text, line of the new text, field, words the message must hold)
CASES = [
    ("issue", "total_number: 106", "total_number: 0106", 3, "total_number", ["0106", "八进制", "70", "106"]),
    ("issue", "number: 5", "number: 05", 2, "number", ["05", "前导零"]),
    ("issue", "        page: 1", "        page: 010", 18, "contents[0].entries[0].page", ["010", "8", "10"]),
    ("issue", "        page: 1", "        page: 1:30", 18, "contents[0].entries[0].page", ["1:30", "六十进制", "90"]),
    ("issue", "        page: 1", "        page: yes", 18, "contents[0].entries[0].page", ["yes", "布尔值", "true"]),
    ("issue", "        page: 1", "        page: On", 18, "contents[0].entries[0].page", ["On", "布尔值"]),
    ("issue", "total_number: 106", "total_number: 1_06", 3, "total_number", ["1_06", "106"]),
    ("issue", "total_number: 106", "total_number: 0o152", 3, "total_number", ["0o152", "106"]),
    ("issue", "total_number: 106", "total_number: 1.06e2", 3, "total_number", ["1.06e2"]),
    ("doc", "title: 衢州市人民政府关于开展第四次经济普查的通知", "title: !!binary 6KGi5bee5biC", 2, "title", ["!!binary", "标签"]),
    ("doc", "date: 2018-05-03", "date: !!set {2018-05-03}", 4, "date", ["!!set", "标签"]),
    ("doc", "title: 衢州市人民政府关于开展第四次经济普查的通知", "title: !!str 衢州市人民政府关于开展第四次经济普查的通知", 2, "title", ["!!str"]),
    ("doc", "title: 衢州市人民政府关于开展第四次经济普查的通知", "title: ! 衢州市人民政府关于开展第四次经济普查的通知", 2, "title", ["标签 !"]),
    ("doc", "issue: 2018-05", "issue: !!timestamp 2018-05-01", 5, "issue", ["!!timestamp"]),
    ("doc", "public_mark: 此件公开发布", "public_mark: no", 7, "public_mark", ["no", "布尔值"]),
    ("doc", "        - [null, '2']", "        - [null, 2:00]", 21, "body[2].table.rows[1][1]", ["2:00", "120"]),
]


@pytest.mark.parametrize("where, old, new, line, field, words", CASES, ids=[c[2].strip() for c in CASES])
def test_forms_read_two_ways_are_refused(where: str, old: str, new: str, line: int, field: str, words: list[str],
                                          tmp_path: Path) -> None:
    path, text = (ISSUE_PATH, ISSUE) if where == "issue" else (DOC_PATH, DOCUMENT)
    errors = _errors(tmp_path, {path.removeprefix("data/"): replace_once(text, old, new)})
    assert len(errors) == 1, errors
    error = errors[0]
    assert (error.path.as_posix(), error.line, error.field) == (path, line, field)
    for word in words:
        assert word in error.message, (word, error.message)


@pytest.mark.parametrize("value", ["1522972800", "20180503", "2018"])
def test_a_number_where_a_date_is_expected_is_refused(value: str, tmp_path: Path) -> None:
    errors = _errors(tmp_path, {"documents/2018/qzf-15.yaml": replace_once(DOCUMENT, "date: 2018-05-03", f"date: {value}")})
    assert [(e.path.as_posix(), e.line, e.field) for e in errors] == [(DOC_PATH, 4, "date")]
    assert "YYYY-MM-DD" in errors[0].message


@pytest.mark.parametrize("old, new", [("number: 5", "number: true"), ("number: 5", "number: 5.0"), ("number: 5", "number: '5'")])
def test_counts_are_plain_integers(old: str, new: str, tmp_path: Path) -> None:
    errors = _errors(tmp_path, {"issues/2018-05.yaml": replace_once(ISSUE, old, new)})
    assert [(e.line, e.field) for e in errors] == [(2, "number")]
    assert "整数" in errors[0].message


def test_flags_are_true_or_false(tmp_path: Path) -> None:
    from hardening_support import DEPARTMENTS

    errors = _errors(tmp_path, {"departments.yaml": replace_once(DEPARTMENTS, "ambiguous: true", "ambiguous: 1")})
    assert [(e.field, e.line) for e in errors] == [("[1].ambiguous", 8)]
    assert "true 或 false" in errors[0].message


@pytest.mark.parametrize("text, value", [
    ("a: '0106'", "0106"), ("a: '1:30'", "1:30"), ("a: 'yes'", "yes"), ('a: "on"', "on"),
    ("a: 106", 106), ("a: -3", -3), ("a: 0", 0), ("a: 0x1F", 31), ("a: 1.5", 1.5), ("a: true", True), ("a: ~", None),
    ("a: 2018-05-04", "2018-05-04"), ("a: 0570-3021234", "0570-3021234"), ("a: 衢政发〔2018〕15号", "衢政发〔2018〕15号"),
    ("a: |-\n  010\n  yes", "010\nyes"),
])
def test_what_both_versions_read_alike_is_read_as_written(text: str, value: object, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    assert read_yaml(path).data == {"a": value}


def test_a_tagged_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("a: 1\n!!str b: 2\n", encoding="utf-8")
    with pytest.raises(RecordError) as raised:
        read_yaml(path)
    assert raised.value.line == 2


# Texts where the two parsers could part ways: every form above, quoting styles, block scalars,
# flow collections, comments, a BOM, CRLF line ends, non-BMP characters, and malformed YAML.
PARSER_TEXTS = [
    "a: 1\nb: 'x'\nc: \"y\\u4e00\"\nd: [1, \"q\", null, ~]\ne: |\n  lit\n  two\nf: >-\n  fold\n  ed\n",
    "- {a: 1, b: [2, 3]}\n- ? complex\n  : value\n",
    "a: 1\r\nb: 二\r\n",
    "\ufeffa: 1\n",
    "a: 𠀀𪚥\n# comment\nb: '' # trailing\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\nb: ! x\nc: !local y\n",
    "a: [1, 2\n",
    "a: b: c\n",
    "a:\n\t- 1\n",
    "a: 'unterminated\n",
    "a: 1\na: 2\n",
    "%YAML 1.1\n---\na: 1\n",
    "--- a\n--- b\n",
    "a: \x07\n",
    "a: \x85b\n",
    "[" * 300 + "]" * 300 + "\n",
    "",
    "# only a comment\n",
] + [new for _, _, new, *_ in CASES]


def _outcome(loader: type, text: str) -> object:
    """The tree a loader composes (tags, values, styles, positions), or the error it raises."""
    def tree(node: yamlfile.yaml.Node) -> object:
        value = node.value
        kids = [tree(v) if not isinstance(v, tuple) else (tree(v[0]), tree(v[1])) for v in value] if isinstance(value, list) else value
        style = getattr(node, "style", None)  # scalars only
        return (type(node).__name__, node.tag, style, node.start_mark.line, node.start_mark.column, kids)
    try:
        loader_ = loader(text)
        node = loader_.get_single_node()
        return ("ok", tree(node) if node is not None else None, loader_.construct_document(node) if node is not None else None,
                sorted(loader_.tagged.values()))
    except Exception as exc:  # noqa: BLE001 — the kind of failure is what is compared
        return ("error", type(exc).__name__ if not isinstance(exc, yamlfile.yaml.YAMLError) else "YAMLError")


@pytest.mark.skipif(yamlfile._CLoader is None, reason="PyYAML built without libyaml: only the Python parser runs")
@pytest.mark.parametrize("text", PARSER_TEXTS + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").rglob("*.yaml"))])
def test_libyaml_and_the_python_parser_compose_the_same_records(text: str) -> None:
    """The fast path (libyaml's events) composes what PyYAML's Python parser composes, node for
    node, or refuses what it refuses; a refused file is then reported from the Python parser."""
    assert _outcome(yamlfile._CLoader, text) == _outcome(yamlfile._Loader, text)


@pytest.mark.parametrize("text, line, words", [
    ("a: [1, 2\n", 2, ["YAML 语法错误", "expected ',' or ']'"]),
    ("a: b: c\n", 1, ["mapping values are not allowed here"]),
    ("a: \x07\n", 1, ["控制字符 U+0007"]),
])
def test_a_refused_file_is_worded_by_the_python_parser(text: str, line: int, words: list[str], tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as raised:
        read_yaml(path)
    assert raised.value.line == line
    for word in words:
        assert word in raised.value.message, raised.value.message
