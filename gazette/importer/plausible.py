"""Plausibility warnings for the REVIEW REPORT: what validates but is unlikely to be printed so.

* the signer of a document is none of the organs its 文号 family names in ``data/issuers.yaml``
  (a 衢政办发 document signed by 衢州市人民政府: a misread head or signature);
* the printed table of contents gives a document a page before the page of a document
  printed ahead of it in the body;
* a 主送 line that names no addressee (a sentence that happens to open with 各 and end with a
  colon);
* a 成文日期 the build would refuse (``derive/plausibility.date_problems``: not in the 文号
  year, or too far from the issue's cover month), told here against the date's source line
  rather than by the build against a record already written.

Warnings, not errors: the editor checks each against the print. Each names the source line.
"""

from __future__ import annotations

import re

from gazette.derive.plausibility import date_problems
from gazette.derive.views import IssueRef
from gazette.derive.wenhao import parse_wenhao
from gazette.records.models import Document, Issue
from gazette.vocab.unitnames import GROUP_ENDINGS, UNIT_ENDINGS, endings_pattern

from .report import Report
from .split import Heads, Segment
from .toc import toc_wenhao

# What a 主送 entry ends with: a body or a group of bodies (gazette.vocab.unitnames)
_ADDRESSEE_END = re.compile(endings_pattern(UNIT_ENDINGS + GROUP_ENDINGS) + "$")
_ADDRESSEE_SEPARATORS = ",，、;；"
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")


def _line_of(seg: Segment, text: str, last: bool = False) -> int | None:
    """0-based issue line of the first (or last) line of ``seg`` that is ``text``."""
    indices = range(len(seg.lines) - 1, -1, -1) if last else range(len(seg.lines))
    for k in indices:
        if seg.lines[k].strip() == text:
            return seg.title_line + k
    return None


def _outside_brackets(text: str, separators: str) -> list[str]:
    """``text`` split at separators that stand outside brackets: 各县(市、区)人民政府 is one entry."""
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        depth += (ch in "(（") - (ch in ")）")
        if depth <= 0 and ch in separators:
            parts.append(text[start:k])
            start = k + 1
    parts.append(text[start:])
    return parts


def _names_addressees(entry: str) -> bool:
    """An entry of a 主送 line: a body or a group of bodies, a note in brackets after it
    (管委会(推进办公室)), or one kind of place of an enumeration (州 of 各市、州、县人民政府)."""
    if len(entry) == 1:
        return True
    name = _TRAILING_NOTE.sub("", entry)
    return len(name) <= 30 and bool(_ADDRESSEE_END.search(name))


def check_signer(doc_id: str, doc: Document, seg: Segment, heads: Heads, report: Report) -> None:
    names = heads.names.get(seg.prefix)
    if not names or any(signer in names for signer in doc.issuers):
        return
    line = _line_of(seg, doc.issuers[0], last=True)
    report.add("plausibility", f"{report.at(line)}：[{doc_id}] [signer] 落款“{'、'.join(doc.issuers)}”不是文号{seg.prefix}系列的"
                               f"发文机关（data/issuers.yaml：{'、'.join(names)}）；请核对文号和落款")


def check_addressees(doc_id: str, doc: Document, seg: Segment, report: Report) -> None:
    if not doc.addressees:
        return
    parts = [p for p in _outside_brackets(doc.addressees.rstrip(":："), _ADDRESSEE_SEPARATORS) if p]
    odd = [p for p in parts if not _names_addressees(p)]
    if odd:
        report.add("plausibility", f"{report.at(_line_of(seg, doc.addressees))}：[{doc_id}] [addressee] 主送“{doc.addressees}”中"
                                   f"“{'、'.join(odd)}”不像受文机关；如果这是正文的第一段，请核对")


def check_date(doc_id: str, doc: Document, seg: Segment, issue: IssueRef, report: Report) -> None:
    """The build's own date rule on the record about to be written."""
    problems = date_problems(doc.date, parse_wenhao(doc.number_printed), issue)
    if not problems:
        return
    line = _line_of(seg, doc.signature.date_text) if doc.signature else None  # the importer always signs
    for problem in problems:
        report.add("plausibility", f"{report.at(line)}：[{doc_id}] [date] {problem}；请对照原件核对成文日期和文号"
                                   "（构建会拒绝这条记录）")


def check_toc_pages(issue: Issue, lines: list[str], end: int, heads: Heads, report: Report) -> None:
    """Pages of the printed TOC in the order of the body (the contents are in body order)."""
    toc_number = toc_wenhao(heads)  # as the TOC line was read: its 文号 finds the line again
    last: tuple[int, str] | None = None
    for section in issue.contents:
        for entry in section.entries:
            if entry.page is None or not entry.toc_text:
                continue
            if last is not None and entry.page < last[0]:
                marks = [m.group(0) for m in toc_number.finditer(entry.toc_text)]
                key = marks[-1] if marks else entry.toc_text[-12:]
                line = next((i for i in range(end) if key in lines[i]), None)
                report.add("plausibility", f"{report.at(line)}：[{entry.document}] [toc-page] 目录页码{entry.page}小于正文中排在它前面的"
                                           f"{last[1]}的页码{last[0]}；请核对目录页码或正文顺序")
            last = (entry.page, entry.document)
