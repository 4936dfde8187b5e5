"""Splitting an issue body at document heads.

A document head is a 文号 line (e.g. ``衢政办发〔2018〕33号``) preceded by the
title. Everything from the title's first line up to the next title's first line
belongs to the document.

A title may be printed on several lines (``省人民政府关于`` / ``进一步优化营商环境的若干意见``),
and a line above the title that is not part of it belongs to the document before:
where the title starts is settled by :func:`title_start` — by the printed table of
contents when it lists the document, by the lines' shape otherwise — and when neither
can tell, the import stops naming the line, rather than moving text of one document
into another.

Which lines are 文号 lines is settled by the 文号 grammar (``derive/wenhao.py``)
and the families listed in ``data/issuers.yaml``: a line that is a 文号 of a
family not listed there stops the import (it would otherwise be swallowed into
the document before it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gazette.derive.wenhao import GRAMMAR, digits, number_pattern, prefixes_pattern
from gazette.load.library import load_issuers
from gazette.vocab.normalize import printed_key

from .errors import SourceError
from .report import Report
from .signature import DATE, ORGAN, PUBLIC

_ANY_HEAD = re.compile(rf"^\s*{GRAMMAR.printed_pattern}\s*$")


class Heads:
    """Document heads of the 文号 families in ``issuers.yaml`` (prefix → code)."""

    def __init__(self, codes: Mapping[str, str], names: Mapping[str, list[str]] | None = None) -> None:
        self.codes = dict(codes)
        self.names = dict(names or {})  # prefix → the organs that sign this family's documents
        self.pattern = re.compile(rf"^\s*{number_pattern(prefixes_pattern(self.codes))}\s*$")

    @classmethod
    def from_registry(cls, data: Path) -> Heads:
        """The families of ``data/issuers.yaml``, read through the record loader."""
        issuers = load_issuers(data)
        return cls({i.prefix: i.code for i in issuers}, {i.prefix: list(i.names) for i in issuers})

    def match(self, line: str) -> re.Match[str] | None:
        return self.pattern.match(line)

    def document_id(self, match: re.Match[str]) -> str:
        """The record id (``2018/qzbf-33``) of the document whose 文号 ``match`` read."""
        return f"{digits(match['year'])}/{self.codes[match['prefix']]}-{digits(match['seq'])}"

    def check(self, line: str, index: int) -> re.Match[str] | None:
        """The head match of ``line``; SourceError when it is a 文号 of an unlisted family."""
        match = self.pattern.match(line)
        if match is None:
            unknown = _ANY_HEAD.match(line)
            if unknown:
                raise SourceError(
                    index,
                    f"[unknown-family] 文号行“{line.strip()}”：发文字号“{unknown['prefix']}”不在data/issuers.yaml中"
                    f"（已登记：{'、'.join(self.codes)}）；如果它是一份文件的文号，请在那里登记这个系列"
                    "（code、prefix、names）后重新导入；如果它是正文的一部分，请在data/corrections/中用更正把它接回所在段落",
                )
        return match


@dataclass
class Segment:
    """One document's lines, as extracted (1-based line numbers kept for reports)."""

    prefix: str
    year: int
    seq: int
    title_line: int  # index into the lines
    wenhao_line: int
    end: int  # exclusive
    lines: list[str] = field(default_factory=list)

    @property
    def title_lines(self) -> list[str]:
        """The title as printed: its lines above the 文号 line (one or more), stripped."""
        return [ln.strip() for ln in self.lines[: self.wenhao_line - self.title_line] if ln.strip()]

    @property
    def number_raw(self) -> str:
        return self.lines[self.wenhao_line - self.title_line]

    @property
    def content(self) -> list[str]:
        """Lines after the 文号 line."""
        return self.lines[self.wenhao_line - self.title_line + 1 :]


# A title line is short and is no sentence; a line longer than this, or ending as a sentence
# or clause does, or a table row, a 成文日期 or (此件公开发布), ends the document before.
TITLE_LINE_MAX = 40
_SENTENCE_END = ("。", "；", ";", "：", ":", "！", "!", "？", "?", "，", ",")
# A title line that ends so goes on in the next line (…关于 / 进一步优化…的若干意见) …
_GOES_ON = ("关于", "的", "和", "与", "及", "暨", "对", "、", "《", "“", "印发", "转发", "批转")
# … and a line that starts so completes the line above it: no title starts with these.
_COMPLETES = ("的", "和", "与", "及", "暨", "、", "》", "”", ")", "）", "(", "（")


def title_piece(above: str, first: str, adjacent: bool = True) -> bool | None:
    """Is ``above``, printed over ``first`` (the title's first line so far; ``adjacent``: with no
    blank line between), a line of the same title? True or False when the lines' shape says so,
    None when it cannot tell."""
    above, first = above.strip(), first.strip()
    if (len(above) > TITLE_LINE_MAX or above.endswith(_SENTENCE_END) or above.startswith("|") or "\t" in above
            or DATE.match(above) or PUBLIC.match(above)):
        return False
    if above.endswith(_GOES_ON) or first.startswith(_COMPLETES):
        return True
    if adjacent and ORGAN.match(above) and (first.startswith("关于") or ORGAN.match(first.split("关于", 1)[0])):
        # The issuing organ(s) on a line of their own, then 关于…; only directly above: across a
        # blank line an organ's name may as well end a list of the document before.
        return True
    return None


def _above(lines: list[str], index: int, start: int) -> int | None:
    """The nearest non-blank line above ``index``, not above ``start``."""
    k = index - 1
    while k >= start and not lines[k].strip():
        k -= 1
    return k if k >= start else None


def title_start(lines: list[str], start: int, last: int, toc_title: str | None = None) -> int:
    """The first line of the title whose last line is ``last`` (the line above a 文号 line).

    Going up from ``last``: a line belongs to the title when the table of contents' title for
    the document (``toc_title``, compared by printed words) goes on in it, across a blank line
    too; otherwise when :func:`title_piece` says so. A line directly above (no blank line
    between) that neither can place stops the import (SourceError naming it) — unless the title
    already holds the whole TOC title, which then says where it starts; above a blank line, such
    a line is the document before's.
    """
    wanted = printed_key(toc_title or "")
    first = last
    while (k := _above(lines, first, start)) is not None:
        have = printed_key("".join(lines[first : last + 1]))
        joined = printed_key(lines[k]) + have
        if wanted and have != wanted and wanted.endswith(have) and joined != have and (
                wanted.endswith(joined) or joined.endswith(wanted)):
            # The printed contents' title goes on in the line above (or starts inside it: the
            # contents may leave out the issuing organ, 关于开展… for 衢州市人民政府关于开展…).
            first = k
            continue
        verdict = title_piece(lines[k], lines[first], adjacent=k == first - 1)
        if k != first - 1:  # a blank line between: only a line that plainly goes on is the title's
            if not verdict:
                break
            first = k
            continue
        if verdict is None and not (wanted and have.endswith(wanted)):
            raise SourceError(
                k,
                f"[title-start] 无法判定文件标题从哪一行开始：“{lines[k].strip()}”紧接在标题行“{lines[first].strip()}”之上，"
                "可能是标题的第一行，也可能是上一份文件的最后一行"
                + (f"（目录中这份文件的标题是“{toc_title}”）" if toc_title else "（目录没有列出这份文件的标题）")
                + "。请对照原件：它属于上一份文件的，在源文本中它的下面加一个空行；它是标题的一部分的，在源文本中把它和下一行接成一行",
            )
        if not verdict:
            break
        first = k
    return first


def find_heads(
    lines: list[str], start: int, grammar: Heads, toc_titles: Mapping[str, str] | None = None
) -> list[tuple[int, int, re.Match[str]]]:
    """(first title line index, 文号 line index, match) for every document head; ``toc_titles``
    (document id → title in the printed table of contents) say where a title starts."""
    heads: list[tuple[int, int, re.Match[str]]] = []
    for i in range(start, len(lines)):
        m = grammar.check(lines[i], i)
        if not m:
            continue
        last = _above(lines, i, start)
        if last is None:
            continue
        floor = heads[-1][1] + 1 if heads else start  # a title never reaches into the 文号 line above
        heads.append((title_start(lines, floor, last, (toc_titles or {}).get(grammar.document_id(m))), i, m))
    return heads


def split_documents(
    lines: list[str], start: int, report: Report, grammar: Heads, toc_titles: Mapping[str, str] | None = None
) -> list[Segment]:
    heads = find_heads(lines, start, grammar, toc_titles)
    segments = []
    for k, (t, w, m) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        title = "".join(ln.strip() for ln in lines[t:w])
        if len(title) > 80 or title.endswith(("。", ";", "；")):
            report.add("split", f"{report.at(t)}：标题行像是正文：“{title[:40]}”")
        segments.append(
            Segment(
                prefix=m.group("prefix"),
                year=digits(m.group("year")),
                seq=digits(m.group("seq")),
                title_line=t,
                wenhao_line=w,
                end=end,
                lines=lines[t:end],
            )
        )
    return segments
