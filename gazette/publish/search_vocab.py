"""Words a search query is expanded with: the documents' own abbreviations and the
reviewed table of everyday words (``data/search_words.yaml``).

Readers type what they say (电动车, 上牌) or what a document defines for itself
(市创强办, 防指); the documents print the official words. The browser expands a
query term that is exactly such a word, shows what it added and where that
comes from, and lets the reader undo it. This module only finds the pairs; the
index ships them in ``meta.bin`` (``expansions``).

Abbreviations are read from the text: "X(以下简称“Y”)", "(简称《Y》,下同)",
"(以下简称Y)". The defined term X is the printed run before the bracket, from
the first occurrence of Y's first character on, and Y must be a subsequence of X
and at least two thirds of Y's characters must occur in X in order (市创强办 →
市争创工作领导小组办公室: 市, 创, 办); otherwise the sentence is not read as a
definition (办公室(以下简称防指办) defines nothing searchable).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from gazette.derive.numbering import arabic_forms
from gazette.derive.views import DocView
from gazette.publish.search_format import PUNCT, normalize

WORDS_FILE = "search_words.yaml"
_FIELDS = ("everyday", "official", "reason")

_ABBR = re.compile(
    r"[（(]\s*(?:以下|下文)?简称[：:]?\s*[“\"《「]?(?P<abbr>[^”\"》」）),，、；;\s]{1,16})[”\"》」]?"
    r"\s*(?:[，,]\s*下同)?\s*[）)]"
)
_QUOTED_BEFORE = re.compile(r"[《“「]([^《》“”「」]{2,60})[》”」]$")
_BREAK = re.compile(PUNCT[:-1] + r"\s" + PUNCT[-1])  # punctuation or whitespace


class SearchWordsError(ValueError):
    """A row of data/search_words.yaml is malformed (names file, line and field, in Chinese)."""


@dataclass(frozen=True)
class Expansion:
    word: str  # normalised query term that triggers it
    adds: str  # what is searched as well, as printed
    kind: str  # "abbr": a document defines it; "word": the everyday-words table; "numeral": a label in digits
    source: str  # where it comes from, shown to the reader

    @property
    def whole(self) -> bool:
        """Whether it applies to a whole query term only (an abbreviation, a label typed in
        digits: 18条 inside 118条 is no label), not wherever the word occurs in a term."""
        return self.kind in ("abbr", "numeral")


def _common_in_order(short: str, long: str) -> int:
    """Length of the longest common subsequence of ``short`` and ``long``."""
    row = [0] * (len(long) + 1)
    for a in short:
        previous = 0
        for j, b in enumerate(long, start=1):
            previous, row[j] = row[j], previous + 1 if a == b else max(row[j], row[j - 1])
    return row[-1]


def defined_term(before: str, abbr: str) -> str | None:
    """The term an abbreviation defines, from the text printed right before its bracket."""
    quoted = _QUOTED_BEFORE.search(before)
    if quoted:
        term = quoted.group(1)
    else:
        pieces = _BREAK.split(before)
        run = pieces[-1] if pieces else ""
        start = run.find(abbr[0])
        if start < 0:
            return None
        term = run[start:]
    if len(term) <= len(abbr) or 3 * _common_in_order(abbr, term) < 2 * len(abbr):
        return None
    return term


def document_abbreviations(doc: DocView, parts: list[tuple[str, tuple[str, ...]]]) -> list[Expansion]:
    """The abbreviations ``doc`` defines; ``parts`` are (citation label, strings) in reading order."""
    found: list[Expansion] = []
    for cite, strings in parts:
        for text in strings:
            for m in _ABBR.finditer(text):
                abbr = m.group("abbr")
                term = defined_term(text[: m.start()].rstrip(), abbr)
                if term is None or normalize(abbr) in normalize(term):
                    continue
                where = doc.number + (f" {cite}" if cite not in ("标题", "文号", "正文", "") else "")
                found.append(Expansion(normalize(abbr), term, "abbr", where))
    return found


def label_expansions(labels: Iterable[str]) -> list[Expansion]:
    """A printed 第X条/章/节 label as readers type it in digits (第18条, 18条 → 第十八条): for each
    label the library prints (``numbering.arabic_forms``), in the order of their digit forms."""
    found = {(normalize(typed), label) for label in labels for typed in arabic_forms(label)}
    return [Expansion(word, label, "numeral", "条款编号") for word, label in sorted(found)]


def _fail(path: Path, line: int, field: str, message: str) -> SearchWordsError:
    return SearchWordsError(f"{path}:{line}: {field}: {message}")


def load_search_words(root: Path) -> list[Expansion]:
    """The everyday-words table, validated: every row has everyday and official words and a reason."""
    path = root / WORDS_FILE
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        raise SearchWordsError(f"{path}: 不是有效的 YAML：{e}") from e
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(path, node.start_mark.line + 1, "(整个文件)", "应是一个列表，每项一对说法")
    out: list[Expansion] = []
    seen: dict[tuple[str, str], int] = {}
    for row in node.value:
        line = row.start_mark.line + 1
        if not isinstance(row, yaml.MappingNode):
            raise _fail(path, line, "(条目)", "每项应有 everyday、official、reason 三个字段")
        fields: dict[str, yaml.Node] = {}
        for key, value in row.value:
            if key.value not in _FIELDS:
                raise _fail(path, key.start_mark.line + 1, str(key.value), f"未知字段，只能是 {'、'.join(_FIELDS)}")
            fields[key.value] = value
        for name in _FIELDS:
            if name not in fields:
                raise _fail(path, line, name, "缺少这个字段")
        reason = fields["reason"]
        if not isinstance(reason, yaml.ScalarNode) or not str(reason.value).strip():
            raise _fail(path, reason.start_mark.line + 1, "reason", "理由不能为空")
        words: dict[str, list[str]] = {}
        for name in ("everyday", "official"):
            value = fields[name]
            items = value.value if isinstance(value, yaml.SequenceNode) else [value]
            words[name] = []
            for item in items:
                if not isinstance(item, yaml.ScalarNode) or not normalize(str(item.value)):
                    raise _fail(path, item.start_mark.line + 1, name, "应是非空的词")
                words[name].append(str(item.value).strip())
        for everyday in words["everyday"]:
            for official in words["official"]:
                key = (normalize(everyday), normalize(official))
                if key[0] in key[1]:
                    raise _fail(path, line, "official",
                                f"“{official}”已包含“{everyday}”，检索“{everyday}”本来就能找到，不需要这一对")
                if key in seen:
                    raise _fail(path, line, "everyday", f"“{everyday}”→“{official}”与第 {seen[key]} 行重复")
                seen[key] = line
                out.append(Expansion(key[0], official, "word", str(reason.value).strip()))
    return out


MAX_ALTERNATIVES = 8


def alternatives(term: str, expansions: list[Expansion]) -> list[str]:
    """What a normalised query term is searched as: itself, then each expansion applied in
    turn (an abbreviation or a label in digits only to a whole term, an everyday word wherever it occurs).
    The browser (``expand`` in docs/assets/search.js) applies the same rule to meta.bin's rows."""
    alts = [term]
    for e in expansions:
        applies = term == e.word if e.whole else e.word in term
        if not applies:
            continue
        adds = normalize(e.adds)
        for a in list(alts):
            if len(alts) >= MAX_ALTERNATIVES or e.word not in a:
                continue
            b = adds if e.whole else a.replace(e.word, adds)
            if b not in alts:
                alts.append(b)
    return alts
