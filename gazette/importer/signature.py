"""The signature block: 发文机关 line(s) and the 成文日期, then (此件公开发布)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gazette.derive.numbering import YEAR_DIGITS, chinese_to_int, year_digits_to_int
from gazette.vocab.normalize import HAN_CHARS
from gazette.vocab.unitnames import ISSUER_ENDINGS, endings_pattern

# 2018年5月4日, or in Chinese numerals as documents signed before 2012 print it (二〇〇六年四月二十八日)
_CN_DAY = "[一二三四五六七八九十]{1,3}"
DATE = re.compile(rf"^(\d{{4}}|[{YEAR_DIGITS}]{{4}})\s*年\s*(\d{{1,2}}|{_CN_DAY})\s*月\s*(\d{{1,2}}|{_CN_DAY})\s*日$")
# An issuing organ line: a name ending as organs do (any city; the 文号 family says which one signs)
ORGAN = re.compile(f"^[{HAN_CHARS}()（）]{{2,30}}?" + endings_pattern(ISSUER_ENDINGS) + "$")
PUBLIC = re.compile(r"^[(（](此件公开发布)[)）]$")
# Whom to call, printed in brackets under the date, before or after (此件公开发布):
# "(联系人:田博 电话/传真:86789314)". Part of the signature block, not an attachment's title.
CONTACT = re.compile(r"^[(（]\s*联系(?:人|电话|方式)[^()（）]*[)）]$")


@dataclass
class SignatureFound:
    start: int  # block index of the first organ line
    end: int  # block index after the date (and public mark)
    issuers: list[str]
    date_text: str
    date: dt.date
    public_mark: str | None
    notes: list[str]  # contact lines (CONTACT), as printed


def date_of(match: re.Match[str]) -> dt.date:
    """The day a :data:`DATE` match names, whichever numerals it is printed in."""
    year, month, day = match.groups()
    return dt.date(int(year) if year.isdigit() else year_digits_to_int(year),
                   *(int(x) if x.isdigit() else chinese_to_int(x) for x in (month, day)))


def find_signature(texts: list[str | None]) -> SignatureFound | None:
    """``texts``: block texts (None for tables). First organ+date block run wins."""
    for i, t in enumerate(texts):
        if t is None:
            continue
        m = DATE.match(t)
        if not m:
            continue
        j = i - 1
        issuers: list[str] = []
        while j >= 0 and (organ := texts[j]) is not None and ORGAN.match(organ):
            issuers.insert(0, organ)
            j -= 1
        if not issuers:
            continue
        end = i + 1
        mark = None
        notes: list[str] = []
        while end < len(texts) and (line := texts[end]) is not None:
            public = PUBLIC.match(line)
            if public and mark is None:
                mark = public.group(1)
            elif CONTACT.match(line):
                notes.append(line)
            else:
                break
            end += 1
        return SignatureFound(j + 1, end, issuers, t, date_of(m), mark, notes)
    return None
