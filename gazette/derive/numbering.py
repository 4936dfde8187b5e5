"""Printed numbering: Chinese numerals and outline labels, the one parser.

A label is what the gazette prints before a part: 第一章, 第十八条, 一、,
(二), 3., (4), ④; and before an attachment: 附件, 附件2 (:func:`attachment_number`). Each kind of label maps to one anchor kind; the anchor
number is the printed number, so anchors never depend on position.

The build reads the labels of records with :func:`parse_label`; the importer
finds them at the start of extracted paragraphs with :func:`split_label`. Both
use the same grammar (:data:`KINDS`), so the importer never writes a label the
build refuses. Label numbers run from 1 to :data:`MAX_NUMBER`: a numeral outside
that range (〇、, 一千、) is an error (:class:`LabelError`), never a silent anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from gazette.vocab.normalize import DIGIT, fold

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "零〇一二两三四五六七八九十百千"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
MAX_NUMBER = 999  # citation wording (第X部分) spells numbers up to 九百九十九

Kind = Literal["chp", "subchp", "art", "sec", "item", "point", "subpoint"]


class LabelError(ValueError):
    """A printed label that is not a valid label (the message names it)."""


# The numeral grammar, 0–9999, strict: each unit once and in order, a digit before 百 and 千
# (两 only there), a written tens digit after a higher unit (一百一十), one 零 (or 〇) exactly
# where positions are skipped (一百零五, 一千零五十). Anything else — 十十, 二百二百, 一百五 (150
# or 105?), 零五 — is no numeral, so it can never become an anchor.
_D, _D2, _Z = "[一二三四五六七八九]", "[一二两三四五六七八九]", "[零〇]"
_TENS = f"{_D}十{_D}?"
_HUNDREDS = f"{_D2}百(?:{_TENS}|{_Z}{_D})?"
NUMERAL = re.compile(f"{_Z}|{_D}|{_D}?十{_D}?|{_HUNDREDS}|{_D2}千(?:{_HUNDREDS}|{_Z}(?:{_TENS}|{_D}))?")


def chinese_to_int(text: str) -> int:
    """一 → 1, 十一 → 11, 二十 → 20, 一百零五 → 105; ValueError for anything :data:`NUMERAL` refuses."""
    if not NUMERAL.fullmatch(text):
        raise ValueError(f"不是中文数字：“{text}”")
    total, digit = 0, 0
    for ch in text:
        if ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            digit = _DIGITS[ch]
    return total + digit


# A year is printed digit by digit (二〇〇六年), its zero often as the circle ○ (U+25CB) that
# typesetters use for 〇; only a year is read this way, never a label.
YEAR_DIGITS = "〇○零一二三四五六七八九"


def year_digits_to_int(text: str) -> int:
    """二〇〇六 / 二○○六 → 2006; ValueError for anything but Chinese digits."""
    if not text or any(ch not in YEAR_DIGITS for ch in text):
        raise ValueError(f"不是中文数字年份：“{text}”")
    return int("".join(str(max(YEAR_DIGITS.index(ch) - 2, 0)) for ch in text))


def int_to_chinese(n: int) -> str:
    """Inverse of :func:`chinese_to_int` for 1..999 (used in citation text)."""
    if not 0 < n <= MAX_NUMBER:
        raise ValueError(f"{n} is outside 1–{MAX_NUMBER}")
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += digits[hundreds] + "百"
        if tens == 0 and ones:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    if ones:
        out += digits[ones]
    return out


@dataclass(frozen=True)
class Label:
    kind: Kind
    number: int


_CN = f"[{CN_NUM}]+"
_AR = f"{DIGIT}{{1,3}}"
_OPEN, _CLOSE, _STOP = "[(（]", "[)）]", "[、,，.．]"

# The grammar, outermost level first (the order is the nesting order of the outline).
# Each pattern's group ``n`` is the number; ``chinese`` says how to read it.
KINDS: tuple[tuple[Kind, str, bool], ...] = (
    ("chp", rf"第(?P<n>{_CN})章", True),
    ("subchp", rf"第(?P<n>{_CN})节", True),
    ("art", rf"第(?P<n>{_CN})条", True),
    ("sec", rf"(?P<n>{_CN}){_STOP}", True),
    ("item", rf"{_OPEN}(?P<n>{_CN}){_CLOSE}{_STOP}?", True),
    ("point", rf"(?P<n>{_AR})[.．、]", False),
    ("subpoint", rf"(?:{_OPEN}(?P<n>{_AR}){_CLOSE}[、.．]?|(?P<c>[{CIRCLED}]))", False),
)
RANK: dict[Kind, int] = {kind: rank for rank, (kind, _, _) in enumerate(KINDS)}
_FULL = [(kind, re.compile(source), chinese) for kind, source, chinese in KINDS]
# At the start of a paragraph a point label is not followed by a digit (3.15国际…日).
_START = [
    (kind, re.compile(source + (f"(?!{DIGIT})" if kind == "point" else "")), chinese)
    for kind, source, chinese in KINDS
]


def _number(kind: Kind, match: re.Match[str], chinese: bool, printed: str) -> int | None:
    """The label's number; None when its numeral is malformed (not a label at all)."""
    if match["n"] is None:  # a circled number
        number = CIRCLED.index(match["c"]) + 1
    elif chinese:
        try:
            number = chinese_to_int(match["n"])
        except ValueError:
            return None
    else:
        number = int(fold(match["n"]))
    if not 1 <= number <= MAX_NUMBER:
        raise LabelError(f"编号“{printed}”的序号是 {number}；序号只能是 1 到 {MAX_NUMBER}")
    return number


def parse_label(label: str) -> Label:
    """Classify a printed label; raises LabelError for anything else."""
    text = label.replace(" ", "").strip()
    for kind, pattern, chinese in _FULL:
        match = pattern.fullmatch(text) or pattern.fullmatch(fold(text))
        if match:
            number = _number(kind, match, chinese, label)
            if number is not None:
                return Label(kind, number)
    raise LabelError(f"无法识别的编号：“{label}”")


_ATTACHMENT = re.compile(rf"附件\s*(?P<n>{DIGIT}{{1,3}})?")


def attachment_number(label: str) -> int | None:
    """附件 → 1, 附件2 → 2, 附件 ３ → 3; None when ``label`` is no attachment label."""
    match = _ATTACHMENT.fullmatch(label.strip())
    if match is None:
        return None
    number = 1 if match["n"] is None else int(fold(match["n"]))
    if not 1 <= number <= MAX_NUMBER:
        raise LabelError(f"附件编号“{label}”的序号是 {number}；序号只能是 1 到 {MAX_NUMBER}")
    return number


@dataclass(frozen=True)
class Numbered:
    """A paragraph that opens with a label: 第十八条 本市汛期… → art 18."""

    label: Label
    printed: str  # the label as printed, e.g. "第十八条", "(一)", "1."
    rest: str  # the text after it, stripped


def split_label(paragraph: str) -> Numbered | None:
    """The label a paragraph opens with, or None; LabelError for an out-of-range number."""
    for kind, pattern, chinese in _START:
        match = pattern.match(paragraph)
        if match:
            number = _number(kind, match, chinese, match.group(0))
            if number is not None:
                return Numbered(Label(kind, number), match.group(0), paragraph[match.end() :].strip())
    return None


# Labels people cite as "第N条" and type in digits (防汛 第18条, 18条): those whose Chinese
# numeral stands between 第 and a unit word. (一、 and (二) are read by position, never typed so.)
_CITED_IN_DIGITS: tuple[Kind, ...] = ("chp", "subchp", "art")


def arabic_forms(label: str) -> list[str]:
    """How a reader types a printed 第X条/章/节 label in digits: 第十八条 → [第18条, 18条]; [] for
    any other label. The search expands a query term that is one of these to the printed label."""
    text = label.replace(" ", "").strip()
    for kind, pattern, _ in _FULL:
        match = pattern.fullmatch(text)
        if match is None or kind not in _CITED_IN_DIGITS:
            continue
        try:
            number = chinese_to_int(match["n"])
        except ValueError:
            return []
        digits = text[: match.start("n")] + str(number) + text[match.end("n") :]
        return [digits, digits.removeprefix("第")]
    return []
