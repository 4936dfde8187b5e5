"""Repairs of extraction defects. Every repair returns the erratum it makes.

* ``and_for_he``: the English word " and " stands where the print has 和
* ``apply_corrections``: hand corrections from ``data/corrections/{issue}.yaml``
* ``should_join`` / ``join``: a paragraph split by a page break (blank line)
* ``strip_bullet``: a markdown list marker ("- ") the extraction put before a line
"""

from __future__ import annotations

import re

from gazette.derive.numbering import LabelError, split_label
from gazette.importer.corrections import Correction, CorrectionError
from gazette.importer.outline import POINT_BEFORE_DIGIT
from gazette.records.models import Erratum

from .signature import DATE, ORGAN

AND = re.compile(r" and ")
CONTEXT = 8

# a paragraph ends with one of these; otherwise a page break may have cut it
TERMINAL = ("。", "；", ";", "：", ":", "！", "!", "？", "?", "。”", "”", ")", "）", "》")


def snippet(text: str, start: int, end: int, n: int = CONTEXT) -> str:
    return text[max(0, start - n) : min(len(text), end + n)]


def and_for_he(text: str) -> tuple[str, list[Erratum]]:
    errata = []
    out = []
    pos = 0
    for m in AND.finditer(text):
        before = snippet(text, m.start(), m.end())
        after = before.replace(" and ", "和", 1)
        # make the snippet unique enough to find again in the record
        errata.append(
            Erratum(kind="and-for-he", original=before, published=after, reason="抽取文本以英文“and”代替“和”")
        )
        out.append(text[pos : m.start()])
        out.append("和")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), errata


MERGED_CELL = re.compile(r"(?<=\|) \^ (?=\|)")


def _unmark(text: str) -> str:
    """A corrected table's ``^`` (merged cell) markers are not printed text."""
    return MERGED_CELL.sub("  ", text)


def _loose(original: str) -> str:
    """``original`` as a pattern in which each line break may be a run of blank lines."""
    return r"\n(?:[ \t]*\n)*".join(re.escape(line) for line in original.split("\n"))


def apply_corrections(text: str, corrections: list[Correction], where: str) -> tuple[str, list[Erratum]]:
    """Hand corrections: exact ``original`` text replaced by ``published``."""
    errata = []
    for index, c in enumerate(corrections):
        original, published = c.original, c.published
        count = text.count(original)
        if count == 0:
            # a page break with furniture (blanked) may fall inside the corrected text: blank
            # lines never carry text, so a run of them matches a line break of ``original``
            spans = [m.span() for m in re.finditer(_loose(original), text)]
            if len(spans) == 1:
                start, end = spans[0]
                text = text[:start] + original + text[end:]
                count = 1
        if count != 1:
            raise CorrectionError(index, f"[correction-not-unique] {where}：更正的original在文本中出现{count}次（应恰好1次）（found {count} times）：“{original[:60]}”")
        text = text.replace(original, published, 1)
        errata.append(
            Erratum(
                kind=c.kind,
                original=original.strip("\n") if c.erratum_original is None else c.erratum_original,
                published=_unmark(published.strip("\n")) if c.erratum_published is None else c.erratum_published,
                reason=c.reason,
            )
        )
    return text, errata


def opens_part(text: str) -> bool:
    """Does ``text`` open a part of its own (a numbering label, 附件, a —— line)?"""
    try:
        numbered = split_label(text)
    except LabelError:
        return True  # not a continuation; the outline stops the import on it
    # "11.121人才…" may open item 11 (the outline decides by sequence): never glued to the paragraph before
    return numbered is not None or text.startswith(("附件", "——")) or POINT_BEFORE_DIGIT.match(text) is not None


def should_join(prev: str, nxt: str) -> bool:
    """Is ``nxt`` the continuation of ``prev`` across a page break?"""
    p, n = prev.strip(), nxt.strip()
    if not p or not n:
        return False
    if p.endswith(TERMINAL):
        return False
    if opens_part(n) or n.startswith(("(此件", "（此件")):
        return False
    if DATE.match(n):  # a signature's 成文日期
        return False
    # a short line that is a heading ("一、普查目的") or a name list entry
    if opens_part(p) and len(p) < 16:
        return False
    if len(p) < 12:
        return False
    return True


def join(prev: str, nxt: str, reason: str = "分页处断开的段落重新接续") -> tuple[str, Erratum]:
    """``prev`` continued by ``nxt`` (a paragraph, or a table cell) across a page break."""
    p, n = prev.rstrip(), nxt.strip()
    joined = p + n
    err = Erratum(
        kind="page-break",
        original=p[-CONTEXT:] + "\n\n" + n[:CONTEXT],
        published=p[-CONTEXT:] + n[:CONTEXT],
        reason=reason,
    )
    return joined, err


BULLET = re.compile(r"^- (?=\S)")


def strip_bullet(line: str) -> tuple[str, Erratum | None]:
    if BULLET.match(line):
        rest = line[2:]
        return rest, Erratum(
            kind="layout", original=line[:20], published=rest[:18], reason="抽取文本行首多出列表符号“- ”"
        )
    return line, None


def _between_organs(before: str, after: str) -> bool:
    """Does a title's space stand between two issuing organs ("中共广州市委 广州市人民政府关于…")?"""
    return bool(ORGAN.match(before) and ORGAN.match(after.split("关于", 1)[0]))


def remove_spaces(text: str, reason: str) -> tuple[str, Erratum | None]:
    """Titles: the extraction put line-break spaces inside titles. A space between two
    issuing organs' names is printed (joint issuers: "中共广州市委 广州市人民政府关于…") and stays."""
    pieces = text.split()
    fixed = "".join(p + (" " if k + 1 < len(pieces) and _between_organs(p, pieces[k + 1]) else "") for k, p in enumerate(pieces))
    if fixed == text:
        return text, None
    return fixed, Erratum(kind="layout", original=text, published=fixed, reason=reason)
