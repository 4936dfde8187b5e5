"""Printed numbering → nested Part tree.

Levels, outermost first: 第X章 > 第X节 > 第X条 > 一、 > (一) > 1. > (1), as
``gazette.derive.numbering`` reads them (the build reads the labels with the
same grammar).
A numbered paragraph opens a part at its level (closing deeper ones); an
unnumbered paragraph belongs to the deepest open part (as a paragraph, or as an
unlabelled child once that part has children, to keep the printed order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gazette.derive.numbering import RANK, Kind, LabelError, Numbered, attachment_number, split_label
from gazette.importer.errors import SourceError
from gazette.importer.report import Report
from gazette.records.models import Part, Table

ATTACHMENT_LIST = re.compile(r"^附件[:：]")


def label_at(text: str, line: int | None, where: str = "") -> Numbered | None:
    """The label ``text`` opens with; a label the build would refuse stops the import."""
    try:
        return split_label(text)
    except LabelError as exc:
        raise SourceError(line, f"{where}: {exc}" if where else str(exc)) from None


def is_attachment_label(text: str, line: int | None) -> bool:
    """Is ``text`` a paragraph of its own printing 附件 or 附件N (the build's attachment labels)?"""
    try:
        return attachment_number(text) is not None
    except LabelError as exc:
        raise SourceError(line, str(exc)) from None


@dataclass
class Node:
    level: Kind | None
    number: int = 0
    label: str | None = None
    text: str | None = None
    heading: bool = False
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    children: list[Node] = field(default_factory=list)

    def to_part(self) -> Part:
        return Part(
            label=self.label,
            text=self.text or None,
            heading=self.heading,
            paragraphs=self.paragraphs,
            table=self.table,
            children=[c.to_part() for c in self.children],
        )


class Outline:
    def __init__(self, report: Report, where: str = "") -> None:
        self.top: list[Node] = []
        self.stack: list[Node] = []
        self.report = report
        self.where = where
        self.absorb_numbered = False  # lines after "附件:" list

    def _container(self) -> list[Node]:
        return self.stack[-1].children if self.stack else self.top

    def add_paragraph(self, text: str, line: int | None = None) -> None:
        """``line``: 0-based index of the paragraph in the issue text (for errors)."""
        if self.absorb_numbered:
            listed = label_at(text, line, self.where)
            if listed and listed.label.kind == "point":
                self.stack[-1].paragraphs.append(text)
                return
            self.absorb_numbered = False
            self.stack.pop()
        if ATTACHMENT_LIST.match(text):
            node = Node(level=None, text=text)
            self.top.append(node)
            self.stack = [node]
            self.absorb_numbered = True
            return
        parsed = label_at(text, line, self.where)
        if parsed:
            self._open(parsed)
            return
        if not self.stack:
            self.top.append(Node(level=None, text=text))
            return
        cur = self.stack[-1]
        if cur.children:
            cur.children.append(Node(level=None, text=text))
        else:
            cur.paragraphs.append(text)

    def _append_unnumbered(self, node: Node) -> None:
        cur = self.stack[-1]
        cur.children.append(node)

    def add_table(self, table: Table) -> None:
        if self.absorb_numbered:
            self.absorb_numbered = False
            self.stack.pop()
        self._container().append(Node(level=None, table=table))

    def _open(self, parsed: Numbered) -> None:
        level, number, label, rest = parsed.label.kind, parsed.label.number, parsed.printed, parsed.rest
        rank = RANK[level]
        while self.stack and (self.stack[-1].level is None or RANK[self.stack[-1].level] >= rank):
            self.stack.pop()
        container = self._container()
        siblings = [n for n in container if n.level == level]
        if siblings:
            expected = siblings[-1].number + 1
            if number != expected:
                self.report.add("outline", f"{self.where}: {label} follows {siblings[-1].label} (expected {expected})")
            if any(n.label == label for n in siblings):
                self.report.add("outline", f"{self.where}: duplicate sibling label {label}")
        elif number != 1 and level != "art":  # articles run on across chapters
            self.report.add("outline", f"{self.where}: {label} opens a list at {number}")
        node = Node(level=level, number=number, label=label, text=rest or None, heading=level in ("chp", "subchp"))
        container.append(node)
        self.stack.append(node)

    def parts(self) -> list[Part]:
        return [n.to_part() for n in self.top]
