"""Splitting an issue body at document heads.

A document head is a 文号 line (e.g. ``衢政办发〔2018〕33号``) preceded by the
title line. Everything from the title line up to the next title line belongs to
the document.

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

from .errors import SourceError
from .report import Report

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
    def title_raw(self) -> str:
        return self.lines[0]

    @property
    def number_raw(self) -> str:
        return self.lines[self.wenhao_line - self.title_line]

    @property
    def content(self) -> list[str]:
        """Lines after the 文号 line."""
        return self.lines[self.wenhao_line - self.title_line + 1 :]


def find_heads(lines: list[str], start: int, grammar: Heads) -> list[tuple[int, int, re.Match[str]]]:
    """(title line index, 文号 line index, match) for every document head."""
    heads = []
    for i in range(start, len(lines)):
        m = grammar.check(lines[i], i)
        if not m:
            continue
        j = i - 1
        while j >= start and not lines[j].strip():
            j -= 1
        if j < start:
            continue
        heads.append((j, i, m))
    return heads


def split_documents(lines: list[str], start: int, report: Report, grammar: Heads) -> list[Segment]:
    heads = find_heads(lines, start, grammar)
    segments = []
    for k, (t, w, m) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        title = lines[t].strip()
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
