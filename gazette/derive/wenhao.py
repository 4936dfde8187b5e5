"""文号 (document numbers): the one grammar, every printed variant → one canonical form.

Printed forms seen in the gazette and in citations: 衢政办发〔2018〕33号,
衢政办发[2018]33号, 衢政办发﹝2018﹞33号, 衢政干〔2018〕8 号, full-width digits
and brackets. The canonical form uses 〔〕, ASCII digits and no spaces.

Everything else that recognises a 文号 builds on the pieces defined here: the
citation finder (``derive/citations.py``), the importer's document heads and
table-of-contents entries (``importer/split.py``, ``importer/toc.py``, with the
prefixes read from ``data/issuers.yaml``) and, through ``assets/rules.json``,
the browser's lookup box (:data:`QUERY_PATTERN`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gazette.vocab.normalize import fold

OPEN = "〔[［【(（﹝"
CLOSE = "〕]］】)）﹞"
DIGIT = "[0-9０-９]"
HAN = r"[\u4e00-\u9fff]"
CANONICAL = "{prefix}〔{year}〕{seq}号"

_OPEN_CLASS = f"[{re.escape(OPEN)}]"
_CLOSE_CLASS = f"[{re.escape(CLOSE)}]"


def number_pattern(prefix: str) -> str:
    """Regex source of a printed 文号 whose prefix is matched by ``prefix``.

    ``prefix`` is regex source (it may hold a named group); the year and the
    sequence number are the named groups ``year`` and ``seq``.
    """
    return (
        rf"{prefix}\s*{_OPEN_CLASS}\s*(?P<year>{DIGIT}{{4}})\s*{_CLOSE_CLASS}\s*"
        rf"(?P<seq>{DIGIT}{{1,4}})\s*号"
    )


def prefixes_pattern(prefixes: Iterable[str]) -> str:
    """Regex source matching exactly one of ``prefixes`` (longest first), as group ``prefix``."""
    ordered = sorted(set(prefixes), key=lambda p: (-len(p), p))
    if not ordered:
        raise ValueError("no 文号 prefixes given")
    return "(?P<prefix>" + "|".join(re.escape(p) for p in ordered) + ")"


WENHAO_RE = re.compile(number_pattern(rf"(?P<prefix>{HAN}{{1,12}}?)"))

# What a reader types into the lookup box: any printed form, or less ("衢政办发 2018 33",
# "2018年第33号", "〔2018〕33号"). Applied to NFKC text; the prefix may be empty.
_SEP = r"[^0-9０-９\u4e00-\u9fff]"
# (?!\s) after a leading \s* and one \s* at the end: two runs that can both take the same
# spaces backtrack quadratically on a long paste (Python here, JavaScript in the browser).
QUERY_PATTERN = (
    rf"^\s*(?!\s)(?P<prefix>{HAN}{{0,12}}?){_SEP}*(?P<year>{DIGIT}{{4}})(?:{_SEP}|[年第])*"
    rf"(?P<seq>{DIGIT}{{1,4}})\s*(?:号\s*)?$"
)
QUERY_RE = re.compile(QUERY_PATTERN)


def js_pattern(source: str) -> str:
    """The same regex for JavaScript (flag ``u``): only the named-group syntax differs."""
    return source.replace("(?P<", "(?<")


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
        raise ValueError(f"not a document number (文号): {text!r}")
    return from_match(match)


def normalize_wenhao(text: str) -> str:
    return parse_wenhao(text).canonical


def parse_query(text: str) -> Wenhao | None:
    """A lookup query → 文号 (prefix "" when none was typed), or None."""
    match = QUERY_RE.match(fold(text))
    return from_match(match) if match else None
