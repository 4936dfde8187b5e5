"""Printed numbering: Chinese numerals and outline labels.

A label is what the gazette prints before a part: 第一章, 第十八条, 一、,
(二), 3., (4), 附件2. Each kind of label maps to one anchor kind; the anchor
number is the printed number, so anchors never depend on position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "零〇一二两三四五六七八九十百千"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_to_int(text: str) -> int:
    """一 → 1, 十一 → 11, 二十 → 20, 九十九 → 99, 一百零五 → 105."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            digit = _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            total += (1 if digit is None else digit) * unit
            digit = None
    if digit:
        total += digit
    if total == 0 and digit is None and text not in ("零", "〇"):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return total


def int_to_chinese(n: int) -> str:
    """Inverse of :func:`chinese_to_int` for 1..999 (used in citation text)."""
    if not 0 < n < 1000:
        raise ValueError(n)
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
    kind: str  # chp, subchp, art, sec, item, point, subpoint
    number: int


_PATTERNS: list[tuple[str, re.Pattern[str], bool]] = [
    ("chp", re.compile(rf"第([{CN_NUM}]+)章"), True),
    ("subchp", re.compile(rf"第([{CN_NUM}]+)节"), True),
    ("art", re.compile(rf"第([{CN_NUM}]+)条"), True),
    ("sec", re.compile(rf"([{CN_NUM}]+)[、,，.．]"), True),
    ("item", re.compile(rf"[(（]([{CN_NUM}]+)[)）][、,，.．]?"), True),
    ("point", re.compile(r"(\d{1,3})[.．、]"), False),
    ("subpoint", re.compile(r"[(（](\d{1,3})[)）][、.．]?"), False),
]


def parse_label(label: str) -> Label:
    """Classify a printed label; raises ValueError for anything else."""
    text = label.replace(" ", "").strip()
    if len(text) == 1 and text in CIRCLED:
        return Label("subpoint", CIRCLED.index(text) + 1)
    text = unicodedata.normalize("NFKC", text)  # full-width digits and brackets
    for kind, pattern, chinese in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            raw = match.group(1)
            return Label(kind, chinese_to_int(raw) if chinese else int(raw))
    raise ValueError(f"unrecognised numbering label: {label!r}")
