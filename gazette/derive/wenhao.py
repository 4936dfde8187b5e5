"""文号 (document numbers): the one grammar, every printed variant → one canonical form.

Printed forms seen in the gazette and in citations: 衢政办发〔2018〕33号,
衢政办发[2018]33号, 衢政办发﹝2018﹞33号, 衢政干〔2018〕8 号, full-width digits
and brackets. The canonical form uses 〔〕, ASCII digits and no spaces.

Everything else that recognises a 文号 builds on the pieces defined here: the
citation finder (``derive/citations.py``), the importer's document heads and
table-of-contents entries (``importer/split.py``, ``importer/toc.py``, with the
prefixes read from ``data/issuers.yaml``) and, through ``assets/rules.json``,
the browser's lookup box and search (:meth:`Grammar.browser`). The limits (prefix length
up to 14 characters, 4-digit year, up to 4-digit sequence) live in :class:`Grammar` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gazette.vocab.normalize import DIGIT, DIGIT_CHARS, HAN, HAN_CHARS, fold

OPEN = "〔[［【(（﹝"
CLOSE = "〕]］】)）﹞"
CANONICAL_OPEN, CANONICAL_CLOSE = "〔", "〕"
CANONICAL = f"{{prefix}}{CANONICAL_OPEN}{{year}}{CANONICAL_CLOSE}{{seq}}号"

_OPEN_CLASS = f"[{re.escape(OPEN)}]"
_CLOSE_CLASS = f"[{re.escape(CLOSE)}]"
# What a reader types between the parts of a lookup query ("衢政办发 2018 33", "-").
_SEP = f"[^{DIGIT_CHARS}{HAN_CHARS}]"


@dataclass(frozen=True)
class Grammar:
    """The 文号 grammar: every printed, cited and typed form, with its limits, in one object.

    The record parser, the citation finder, the importer and (through ``assets/rules.json``,
    :meth:`browser`) the scripts all take their patterns from :data:`GRAMMAR`, so no two of
    them can disagree on what a 文号 is — the prefix length included.
    """

    prefix_max: int = 14  # organ prefix (衢政办发, 中共衢州市委办公室…): printed, cited or typed
    cited_prefix_min: int = 2  # a one-character run before a bracket is no organ (发〔2018〕)
    year_digits: int = 4
    seq_digits: int = 4  # at most

    def number_pattern(self, prefix: str) -> str:
        """Regex source of a printed 文号 whose prefix is matched by ``prefix``.

        ``prefix`` is regex source (it may hold a named group); the year and the
        sequence number are the named groups ``year`` and ``seq``.
        """
        return (
            rf"{prefix}\s*{_OPEN_CLASS}\s*(?P<year>{DIGIT}{{{self.year_digits}}})\s*{_CLOSE_CLASS}\s*"
            rf"(?P<seq>{DIGIT}{{1,{self.seq_digits}}})\s*号"
        )

    def prefix_pattern(self, least: int = 1) -> str:
        """Any organ prefix, as the named group ``prefix`` (shortest first: the bracket ends it)."""
        return rf"(?P<prefix>{HAN}{{{least},{self.prefix_max}}}?)"

    @property
    def printed_pattern(self) -> str:
        """One printed 文号, any organ."""
        return self.number_pattern(self.prefix_pattern())

    @property
    def cited_pattern(self) -> str:
        """A 文号 in running text: the group ``run`` holds the Han characters before the bracket
        (a page break may have left spaces between them); the citation finder settles the prefix."""
        return self.number_pattern(rf"(?P<run>{HAN}(?:\s*{HAN}){{{self.cited_prefix_min - 1},{self.prefix_max - 1}}})")

    @property
    def query_pattern(self) -> str:
        """What a reader types into the lookup box: any printed form, or less ("衢政办发 2018 33",
        "2018年第33号", "〔2018〕33号", "…33号文件": the number said of its document). Applied to folded
        text; the prefix may be empty."""
        # (?!\s) after a leading \s* and one \s* at the end: two runs that can both take the same
        # spaces backtrack quadratically on a long paste (Python here, JavaScript in the browser).
        return (
            rf"^\s*(?!\s){self.prefix_pattern(0)}{_SEP}*(?P<year>{DIGIT}{{{self.year_digits}}})(?:{_SEP}|[年第])*"
            rf"(?P<seq>{DIGIT}{{1,{self.seq_digits}}})\s*(?:号\s*(?:文件?\s*)?)?$"
        )

    @property
    def colloquial_pattern(self) -> str:
        """What people say instead of a 文号 (33号文, 衢政办33号, 第33号文件), on folded text:
        the prefix, when given, is any part of a family's prefix read in order (衢政办 → 衢政办发;
        the search index settles which)."""
        return (
            rf"^\s*{self.prefix_pattern(0)}\s*(?:(?P<year>{DIGIT}{{{self.year_digits}}})\s*年\s*)?第?\s*"
            rf"(?P<seq>{DIGIT}{{1,{self.seq_digits}}})\s*号\s*(?:文件?)?\s*$"
        )

    def browser(self) -> dict[str, object]:
        """The grammar as ``assets/rules.json`` carries it to rules.js."""
        return {
            "open": OPEN,
            "close": CLOSE,
            "prefix_max": self.prefix_max,
            "pattern": js_pattern(self.query_pattern),
            "flags": "u",
            "canonical": CANONICAL,
        }


def js_pattern(source: str) -> str:
    """The same regex for JavaScript (flag ``u``): only the named-group syntax differs."""
    return source.replace("(?P<", "(?<")


GRAMMAR = Grammar()


def number_pattern(prefix: str) -> str:
    """:meth:`Grammar.number_pattern` of :data:`GRAMMAR` (the importer's heads and TOC lines)."""
    return GRAMMAR.number_pattern(prefix)


def prefixes_pattern(prefixes: Iterable[str]) -> str:
    """Regex source matching exactly one of ``prefixes`` (longest first), as group ``prefix``."""
    ordered = sorted(set(prefixes), key=lambda p: (-len(p), p))
    if not ordered:
        raise ValueError("no 文号 prefixes given")
    return "(?P<prefix>" + "|".join(re.escape(p) for p in ordered) + ")"


WENHAO_RE = re.compile(GRAMMAR.printed_pattern)
QUERY_PATTERN = GRAMMAR.query_pattern
QUERY_RE = re.compile(QUERY_PATTERN)


@dataclass(frozen=True, order=True)
class Wenhao:
    prefix: str
    year: int
    seq: int

    @property
    def canonical(self) -> str:
        return CANONICAL.format(prefix=self.prefix, year=self.year, seq=self.seq)

    def __str__(self) -> str:
        return self.canonical


def digits(text: str) -> int:
    """ASCII or full-width digits → int."""
    return int(fold(text))


def from_match(match: re.Match[str], prefix: str | None = None) -> Wenhao:
    """The 文号 of a match of a pattern built by :func:`number_pattern`."""
    return Wenhao(match["prefix"] if prefix is None else prefix, digits(match["year"]), digits(match["seq"]))


def parse_wenhao(text: str) -> Wenhao:
    """Parse one printed 文号; raises ValueError when ``text`` is not one."""
    match = WENHAO_RE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"不是文号：“{text}”（应形如 衢政发〔2018〕15号）")
    return from_match(match)


_YEAR_IN_BRACKETS = re.compile(rf"{_OPEN_CLASS}(?P<year>\s*{DIGIT}{{{GRAMMAR.year_digits}}}\s*){_CLOSE_CLASS}")


def with_canonical_brackets(printed: str) -> str:
    """``printed`` with the brackets around each 文号 year, whichever pair the grammar accepts
    (``[]``, ``（）``, ``()``, ``【】``, ``﹝﹞`` …), made the canonical 〔〕; nothing else changes
    (digits and spaces stay as printed). One rule for every accepted pair: the importer records
    the change as an erratum, whatever pair the extraction or the print used."""
    return _YEAR_IN_BRACKETS.sub(rf"{CANONICAL_OPEN}\g<year>{CANONICAL_CLOSE}", printed)


def normalize_wenhao(text: str) -> str:
    return parse_wenhao(text).canonical


def parse_query(text: str) -> Wenhao | None:
    """A lookup query → 文号 (prefix "" when none was typed), or None."""
    match = QUERY_RE.match(fold(text))
    return from_match(match) if match else None
