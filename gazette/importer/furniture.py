"""Page furniture: running heads, page numbers and footers at page breaks.

PDF-to-text tools keep what the printer put at the top and bottom of each page: the
gazette's name (衢州政报), the issue (2021年第5期), a section name, a page number as
``12``, ``— 12 —``, ``- 12 -``, ``第12页``, ``·12·`` or ``12/60``. None of it is text of a
document. A line is furniture by its shape and by repetition, never by its place alone:

* a page number has one of the page-number shapes and the issue has at least two of them;
* a running head or footer is a short line without sentence punctuation whose *shape* (the
  line with its digits blanked, so ``衢州政报 12`` and ``衢州政报 13`` are one shape) stands
  alone on at least :data:`MIN_REPEATS` lines of the body — and is none of the lines a
  document repeats by itself: a numbering label (also "3.257申报材料", which the outline may
  read as item 3), 附件N, a 成文日期, an issuing organ above
  its date, (此件公开发布), a title above its 文号, a 文号 line.

Each furniture line is blanked in place (the line numbers of the text stay those of the
file the editor reads), so what stood on either side of it meets at a page break, which the
page-break rules join or keep apart exactly as they do for a page break without furniture.
Removing furniture is no erratum: it is no printed text of a document. The REVIEW REPORT
lists every removed line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from gazette.derive.numbering import LabelError, attachment_number, split_label

from .outline import POINT_BEFORE_DIGIT
from .signature import DATE, ORGAN, PUBLIC
from .split import Heads

MIN_REPEATS = 3
MAX_HEAD = 40  # characters of a running head or footer
_SIGNATURE_REACH = 6  # lines from an issuing organ to its date: more organs, or furniture between
_DASH = "\\-—–－~～·•・"
PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASH}]*\s*\d{{1,3}}\s*[{_DASH}]*"  # 12, — 12 —, ·12·, - 12 -
    r"|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"  # 第12页, 第12页 共60页
    r"|\d{1,3}\s*/\s*\d{1,3})$"  # 12/60
)
_SENTENCE = re.compile(r"[。，,；;：:！!？?、]")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Furniture:
    line: int  # 0-based index into the lines
    text: str
    kind: str  # "page-number" | "running-head"


def shape(line: str) -> str:
    """The line as a repeatable shape: NFKC, no spaces, digit runs as ``#``."""
    folded = unicodedata.normalize("NFKC", line)
    return _DIGITS.sub("#", re.sub(r"\s+", "", folded))


def _is_table_line(line: str) -> bool:
    return line.lstrip().startswith("|") or "\t" in line


def _own_text(line: str) -> bool:
    """Lines a document itself may print several times; never furniture by repetition."""
    text = line.strip()
    try:
        if split_label(text) is not None or attachment_number(text) is not None or POINT_BEFORE_DIGIT.match(text):
            return True
    except LabelError:
        return True
    return bool(DATE.match(text) or PUBLIC.match(text) or _SENTENCE.search(text))


def _next_text(lines: list[str], i: int) -> str:
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            return lines[j].strip()
    return ""


def _structural(lines: list[str], i: int, heads: Heads) -> bool:
    """Is line ``i`` part of a document's own layout here: a 文号 line, the title above one,
    or an issuing organ above its 成文日期 (possibly below another organ)?"""
    text = lines[i].strip()
    if heads.match(text):
        return True
    following = _next_text(lines, i)
    if heads.match(following):
        return True
    if ORGAN.match(text):
        # its 成文日期 follows, below more organs — or below a page break's furniture
        for line in [ln.strip() for ln in lines[i + 1 :] if ln.strip()][:_SIGNATURE_REACH]:
            if DATE.match(line):
                return True
            if not (ORGAN.match(line) or PAGE_NUMBER.match(line) or (len(line) <= MAX_HEAD and not _own_text(line))):
                return False
    return False


def find_furniture(lines: list[str], start: int, heads: Heads) -> list[Furniture]:
    """The furniture lines of the body (from line ``start``), in text order."""
    candidates = [
        i for i in range(start, len(lines))
        if lines[i].strip() and not _is_table_line(lines[i]) and len(lines[i].strip()) <= MAX_HEAD
    ]
    numbers = [i for i in candidates if PAGE_NUMBER.match(lines[i].strip())]
    found = {i: "page-number" for i in numbers} if len(numbers) >= 2 else {}
    heads_by_shape: Counter[str] = Counter()
    placed: list[int] = []
    for i in candidates:
        if i in found or _own_text(lines[i]) or _structural(lines, i, heads):
            continue
        heads_by_shape[shape(lines[i])] += 1
        placed.append(i)
    for i in placed:
        if heads_by_shape[shape(lines[i])] >= MIN_REPEATS:
            found[i] = "running-head"
    return [Furniture(i, lines[i].strip(), found[i]) for i in sorted(found)]


def strip_furniture(lines: list[str], start: int, heads: Heads) -> tuple[list[str], list[Furniture]]:
    """The lines with every furniture line blanked (same length), and what was removed."""
    removed = find_furniture(lines, start, heads)
    out = list(lines)
    for f in removed:
        out[f.line] = ""
    return out, removed


FURNITURE_KINDS = {"page-number": "页码", "running-head": "页眉或页脚"}
