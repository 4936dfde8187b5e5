"""Splitting an issue body at document heads.

A document head is a 文号 line (e.g. ``衢政办发〔2018〕33号``) preceded by the
title line. Everything from the title line up to the next title line belongs to
the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WENHAO = re.compile(
    r"^\s*(?P<prefix>衢政办发|衢政发|衢政干|衢市科)\s*[〔\[［【(（]\s*(?P<year>\d{4})\s*[〕\]］】)）]\s*(?P<seq>\d+)\s*号\s*$"
)


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
    def title_raw(self) -> str:
        return self.lines[0]

    @property
    def number_raw(self) -> str:
        return self.lines[self.wenhao_line - self.title_line]

    @property
    def content(self) -> list[str]:
        """Lines after the 文号 line."""
        return self.lines[self.wenhao_line - self.title_line + 1 :]


def find_heads(lines: list[str], start: int = 0) -> list[tuple[int, int, re.Match]]:
    """(title line index, 文号 line index, match) for every document head."""
    heads = []
    for i in range(start, len(lines)):
        m = WENHAO.match(lines[i])
        if not m:
            continue
        j = i - 1
        while j >= start and not lines[j].strip():
            j -= 1
        if j < start:
            continue
        heads.append((j, i, m))
    return heads


def split_documents(lines: list[str], start: int, report) -> list[Segment]:
    heads = find_heads(lines, start)
    segments = []
    for k, (t, w, m) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        title = lines[t].strip()
        if len(title) > 80 or title.endswith(("。", ";", "；")):
            report.add("split", f"line {t + 1}: title line looks like body text: {title[:40]}")
        segments.append(
            Segment(
                prefix=m.group("prefix"),
                year=int(m.group("year")),
                seq=int(m.group("seq")),
                title_line=t,
                wenhao_line=w,
                end=end,
                lines=lines[t:end],
            )
        )
    return segments
