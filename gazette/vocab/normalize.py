"""Text normalisation: the one definition of how texts are folded, compared and searched.

Every comparison of text in the package goes through :func:`fold` and the character classes
below, and the browser applies the same tables (``assets/rules.json`` → ``docs/assets/rules.js``;
the search index's ``meta.bin``), never a pattern of its own. The keys differ because their
jobs do:

:func:`compare_key`
    Is this the same name, quote or text? Registry names (duplicate check, lookups), 存疑
    quotes, errata, the importer's fidelity check. The whole string is folded (NFKC: full-width
    forms, Kangxi radicals, compatibility ideographs), whitespace and invisible characters go,
    and brackets take one style (衢州市(某)局 = 衢州市〔某〕局 = 衢州市（某）局).
search keys
    What the search index holds and what a query is matched with:
    ``gazette/publish/search_format.normalize``, built on :func:`fold` and :data:`DROP` and
    shipped in ``meta.bin``. Folded *one character at a time* so that every character of the
    shown text maps to its own stretch of the key (the browser highlights matches in the shown
    text); lower case, traditional → simplified, punctuation ignored — a search matches words,
    while a compare key keeps every printed character but spaces.
:func:`printed_key`
    The printed words only: letters, marks and digits after folding, no spaces, punctuation
    or symbols. Fingerprints of published anchors (a punctuation repair must not move an
    anchor; ``data/published/anchors.txt`` holds keys made this way, so it never changes) and
    the importer's title-against-contents check.
:func:`fold`
    Just the width and look-alike folding, for parsers that read digits and brackets
    (文号, numbering labels).

Characters no record may hold (:func:`refused_characters`): a printed gazette contains no
invisible characters — controls, zero-width spaces and joiners, word joiner, BOM, bidi marks,
embeddings, overrides and isolates, other format characters, line/paragraph separators,
variation selectors — and no Kangxi radical or CJK compatibility ideograph that NFKC folds
(PDF extraction produces them; they look exactly like the ideograph they stand for, yet
compare, search and cite as different text). Records are refused at load naming the code point
rather than folded silently: every repair of the printed text is shown as an erratum.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

FORM: Final = "NFKC"
# A digit as the gazette prints it, ASCII or full-width; :func:`fold` reads either as ASCII.
# DIGIT_CHARS is the class without its brackets, for classes that join digits with others.
DIGIT_CHARS = "0-9０-９"
DIGIT = f"[{DIGIT_CHARS}]"
# A Han character (CJK Unified Ideographs), and its class without brackets likewise.
HAN_CHARS = r"\u4e00-\u9fff"
HAN = f"[{HAN_CHARS}]"


def _class(ranges: tuple[tuple[int, int], ...], js: bool = False) -> str:
    """A regex character class of ``ranges`` for Python ``re``, or for JavaScript (flag ``u``):
    the two spell code points above U+FFFF differently."""

    def one(cp: int) -> str:
        if cp <= 0xFFFF:
            return f"\\u{cp:04x}"
        return f"\\u{{{cp:x}}}" if js else f"\\U{cp:08x}"

    return "[" + "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in ranges) + "]"


# Whitespace, after folding: the characters Python's and JavaScript's \s disagree on are listed
# rather than left to either engine (\x1c-\x1f and \x85 are \s only in Python, U+FEFF only in JS).
WHITESPACE_RANGES: tuple[tuple[int, int], ...] = (
    (0x09, 0x0D), (0x1C, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
    (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
)

# Invisible: every control (but tab and line feed, which text fields use), every format
# character (Unicode category Cf: soft hyphen, zero-width space/non-joiner/joiner, bidi marks,
# embeddings, overrides and isolates, word joiner and invisible operators, BOM, tags …), line
# and paragraph separators, and the variation selectors. Listed, not computed, so the browser
# receives the same class; a unit test checks it against Python's Unicode database.
INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C),
    (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F), (0xE0100, 0xE01EF),
)

# Blocks whose characters stand for an ideograph: those NFKC folds to it are look-alikes.
LOOKALIKE_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2EFF),  # CJK radicals supplement (⺟ U+2E9F, ⻳ U+2EF3 fold)
    (0x2F00, 0x2FDF),  # Kangxi radicals (⼈ U+2F08 → 人)
    (0xF900, 0xFAFF),  # CJK compatibility ideographs (U+F900 → U+8C48 豈)
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
)

WHITESPACE = _class(WHITESPACE_RANGES)
INVISIBLE = _class(INVISIBLE_RANGES)
# What keys leave out: whitespace (PDF line wraps and page breaks leave spaces inside words)
# and invisible characters (a query pasted from elsewhere may carry them).
DROP = _class(WHITESPACE_RANGES + INVISIBLE_RANGES)
DROP_JS = _class(WHITESPACE_RANGES + INVISIBLE_RANGES, js=True)
# One bracket style for compare keys, applied after folding (which already turns （）﹝﹞ into
# ( ) 〔 〕).
BRACKETS: dict[str, str] = {"〔": "(", "〕": ")"}
# Unicode categories printed_key keeps: letters, marks, digits (numbers).
PRINTED_CATEGORIES = "LMN"

_INVISIBLE_RE = re.compile(INVISIBLE)
# Any character refused_characters has to look at: one scan in C finds them, so the loop runs
# over the few there are, not over every character of every record.
_CANDIDATE_RE = re.compile(_class(INVISIBLE_RANGES + LOOKALIKE_RANGES))
_DROP_RE = re.compile(DROP)
_BRACKETS = str.maketrans(BRACKETS)


def fold(text: str) -> str:
    """Full-width forms, Kangxi radicals and compatibility characters → their plain form (NFKC)."""
    return unicodedata.normalize(FORM, text)


def without_spaces(text: str) -> str:
    """``text`` with every whitespace and invisible character removed (no folding)."""
    return _DROP_RE.sub("", text)


def compare_key(text: str) -> str:
    """The form two names, quotes or texts are compared in (see the module docstring)."""
    return without_spaces(fold(text)).translate(_BRACKETS)


def printed_key(text: str) -> str:
    """The printed words of ``text``: folded, without spaces, punctuation, symbols or controls."""
    return "".join(c for c in fold(text) if unicodedata.category(c)[0] in PRINTED_CATEGORIES)


# --- characters no record may hold ---------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """A character a record may not hold, where it is, and what an editor is told."""

    index: int  # 0-based position in the text
    char: str
    message: str  # in Chinese, for editors


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= cp <= b for a, b in ranges)


def is_lookalike(ch: str) -> bool:
    """A radical or compatibility ideograph NFKC folds to another ideograph."""
    return _in(ord(ch), LOOKALIKE_RANGES) and fold(ch) != ch


def _name(ch: str) -> str:
    return unicodedata.name(ch, "")


def refused_characters(text: str) -> Iterator[Refused]:
    """Every invisible or look-alike character in ``text``, with a message naming its code point."""
    for found in _CANDIDATE_RE.finditer(text):
        index, ch = found.start(), found.group()
        cp = ord(ch)
        if _INVISIBLE_RE.match(ch):
            name = _name(ch)
            shown = f"（{name}）" if name else ""
            yield Refused(index, ch, f"第 {index + 1} 个字符是不可见字符 U+{cp:04X}{shown}，印刷文本中没有这种字符，请删除")
        elif is_lookalike(ch):
            plain = fold(ch)
            yield Refused(
                index, ch,
                f"第 {index + 1} 个字符是形近字 U+{cp:04X}（{_name(ch)}），"
                f"应为 U+{ord(plain[0]):04X} {plain}，请改正",
            )
