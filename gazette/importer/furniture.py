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
  its date, (此件公开发布), a title above its 文号, a 文号 line;
* the gazette's own running head is furniture however rarely it occurs (a short issue may
  print it once): a line made only of the gazette's name, *this* issue's number as its cover
  and file name give it (``2021年第4期``, ``第4期``) and page numbers (:class:`OwnHead`). No
  document prints such a line by itself; a sentence that mentions the issue is no such line.
  A page number beside it is a page number even when the issue has no other.

Each furniture line is blanked in place (the line numbers of the text stay those of the
file the editor reads), so what stood on either side of it meets at a page break, which the
page-break rules join or keep apart exactly as they do for a page break without furniture.
Removing furniture is no erratum: it is no printed text of a document. The REVIEW REPORT
lists every removed line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from gazette.derive.numbering import LabelError, attachment_number, int_to_chinese, split_label
from gazette.vocab.normalize import fold, without_spaces

from .outline import POINT_BEFORE_DIGIT
from .signature import DATE, ORGAN, PUBLIC
from .split import Heads
from .toc import GAZETTE_NAMES, printed_issue

MIN_REPEATS = 3
MAX_HEAD = 40  # characters of a running head or footer
_SIGNATURE_REACH = 6  # lines from an issuing organ to its date: more organs, or furniture between
_DASH = "\\-—–－~～·•・"
_PAGE = (
    rf"[{_DASH}]*\s*\d{{1,3}}\s*[{_DASH}]*"  # 12, — 12 —, ·12·, - 12 -
    r"|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"  # 第12页, 第12页 共60页
    r"|\d{1,3}\s*/\s*\d{1,3}"  # 12/60
)
PAGE_NUMBER = re.compile(rf"^(?:{_PAGE})$")
_HEAD_SEPARATOR = "/|丨"  # between the pieces of a one-line head: ·4· / 衢州政报 / 2019年第3期
_SENTENCE = re.compile(r"[。，,；;：:！!？?、]")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Furniture:
    line: int  # 0-based index into the issue's lines
    text: str
    kind: str  # "page-number" | "running-head"


class OwnHead:
    """The gazette's own running head in this issue: its name, the issue's number (with or
    without its year, 第4期 or 第四期) and page numbers, in any order, on one line."""

    def __init__(self, years: set[int], numbers: set[int]) -> None:
        names = "|".join(map(re.escape, GAZETTE_NAMES))
        year = "|".join(str(y) for y in sorted(years))
        number = "|".join(f"0*{n}|{int_to_chinese(n)}" for n in sorted(numbers) if n > 0)
        issue = rf"(?:(?:{year})年)?第(?:{number})期" if number else "(?!)"
        page = re.sub(r"\\s\*", "", _PAGE)  # matched against the line without its spaces
        self._piece = re.compile(rf"{names}|{issue}")
        self._line = re.compile(rf"^(?:{names}|{issue}|{page}|[{_HEAD_SEPARATOR}])+$")

    @classmethod
    def of_issue(cls, lines: list[str], start: int, year: int, number: int) -> OwnHead:
        """The head of the issue whose file name gives ``year`` and ``number`` and whose cover
        (the lines above ``start``) may print them too: both are accepted."""
        years, numbers = printed_issue(lines, start)
        return cls(years | {year}, numbers | {number})

    def matches(self, line: str) -> bool:
        text = without_spaces(fold(line))
        return len(text) <= MAX_HEAD and bool(self._line.match(text)) and bool(self._piece.search(text))


def shape(line: str) -> str:
    """The line as a repeatable shape: folded (NFKC), no spaces, digit runs as ``#``."""
    return _DIGITS.sub("#", without_spaces(fold(line)))


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


def _beside(lines: list[str], i: int, marked: set[int]) -> bool:
    """Is the nearest text line above or below line ``i`` one of ``marked``?"""
    above = next((j for j in range(i - 1, -1, -1) if lines[j].strip()), None)
    below = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    return above in marked or below in marked


def find_furniture(lines: list[str], start: int, heads: Heads, own: OwnHead | None = None) -> list[Furniture]:
    """The furniture lines of the body (from line ``start``), in text order; ``own``, the
    issue's own running head, is furniture wherever it stands."""
    candidates = [
        i for i in range(start, len(lines))
        if lines[i].strip() and not _is_table_line(lines[i]) and len(lines[i].strip()) <= MAX_HEAD
    ]
    numbers = [i for i in candidates if PAGE_NUMBER.match(lines[i].strip())]
    found = {i: "page-number" for i in numbers} if len(numbers) >= 2 else {}
    own_lines = {i for i in candidates if i not in found and own is not None and own.matches(lines[i])}
    found.update({i: "page-number" for i in numbers if _beside(lines, i, own_lines)})
    found.update({i: "running-head" for i in own_lines if i not in found})
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


def strip_furniture(lines: list[str], start: int, heads: Heads, own: OwnHead | None = None) -> tuple[list[str], list[Furniture]]:
    """The lines with every furniture line blanked (same length), and what was removed."""
    removed = find_furniture(lines, start, heads, own)
    out = list(lines)
    for f in removed:
        out[f.line] = ""
    return out, removed


FURNITURE_KINDS = {"page-number": "页码", "running-head": "页眉或页脚"}
