"""文号 (document numbers): every printed variant → one canonical form.

Printed forms seen in the gazette and in citations: 衢政办发〔2018〕33号,
衢政办发[2018]33号, 衢政干〔2018〕8 号, full-width digits and brackets. The
canonical form uses 〔〕, ASCII digits and no spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_OPEN = "〔[［【(（"
_CLOSE = "〕]］】)）"
_PREFIX = r"[\u4e00-\u9fff]{1,12}?"
WENHAO_RE = re.compile(
    rf"(?P<prefix>{_PREFIX})\s*[{re.escape(_OPEN)}]\s*(?P<year>[0-9０-９]{{4}})\s*"
    rf"[{re.escape(_CLOSE)}]\s*(?P<seq>[0-9０-９]{{1,4}})\s*号"
)


@dataclass(frozen=True, order=True)
class Wenhao:
    prefix: str
    year: int
    seq: int

    @property
    def canonical(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.seq}号"

    def __str__(self) -> str:
        return self.canonical


def _digits(text: str) -> int:
    return int(unicodedata.normalize("NFKC", text))


def parse_wenhao(text: str) -> Wenhao:
    """Parse one printed 文号; raises ValueError when ``text`` is not one."""
    match = WENHAO_RE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a document number (文号): {text!r}")
    return Wenhao(match["prefix"], _digits(match["year"]), _digits(match["seq"]))


def normalize_wenhao(text: str) -> str:
    return parse_wenhao(text).canonical
