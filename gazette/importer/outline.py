"""Printed numbering → nested Part tree.

Levels, outermost first: 第X章 > 第X节 > 第X条 > 一、 > (一) > 1. > (1).
A numbered paragraph opens a part at its level (closing deeper ones); an
unnumbered paragraph belongs to the deepest open part (as a paragraph, or as an
unlabelled child once that part has children, to keep the printed order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from gazette.records.models import Part, Table

CN = "一二三四五六七八九十百零〇"
PATTERNS = [
    ("zhang", re.compile(rf"^(第[{CN}]+章)\s*(.*)$")),
    ("jie", re.compile(rf"^(第[{CN}]+节)\s*(.*)$")),
    ("tiao", re.compile(rf"^(第[{CN}]+条)\s*(.*)$")),
    ("cn", re.compile(rf"^([{CN}]+、)\s*(.*)$")),
    ("pcn", re.compile(rf"^([(（][{CN}]+[)）])\s*(.*)$")),
    ("ar", re.compile(r"^(\d{1,2}[.．、])(?!\d)\s*(.*)$")),
    ("par", re.compile(r"^([(（]\d{1,2}[)）])\s*(.*)$")),
]
RANK = {name: k for k, (name, _) in enumerate(PATTERNS)}
ATTACHMENT_LIST = re.compile(r"^附件[:：]")


def parse_label(text: str) -> Optional[tuple[str, str, str]]:
    """(level, label, rest) or None."""
    for name, rx in PATTERNS:
        m = rx.match(text)
        if m:
            return name, m.group(1), m.group(2).strip()
    return None


CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_number(s: str) -> int:
    s = re.sub(rf"[^{CN}]", "", s)
    if not s:
        return 0
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = CN_DIGITS.get(ch, 0)
    return total + cur


def label_number(label: str) -> int:
    digits = re.sub(r"\D", "", label)
    return int(digits) if digits else cn_number(label)


@dataclass
class Node:
    level: Optional[str]
    label: Optional[str] = None
    text: Optional[str] = None
    heading: bool = False
    paragraphs: list[str] = field(default_factory=list)
    table: Optional[Table] = None
    children: list["Node"] = field(default_factory=list)

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
    def __init__(self, report, where: str = "") -> None:
        self.top: list[Node] = []
        self.stack: list[Node] = []
        self.report = report
        self.where = where
        self.absorb_numbered = False  # lines after "附件:" list

    def _container(self) -> list[Node]:
        return self.stack[-1].children if self.stack else self.top

    def add_paragraph(self, text: str) -> None:
        if self.absorb_numbered:
            if re.match(r"^\d{1,2}[.．、]", text):
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
        parsed = parse_label(text)
        if parsed:
            level, label, rest = parsed
            self._open(level, label, rest)
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

    def _open(self, level: str, label: str, rest: str) -> None:
        rank = RANK[level]
        while self.stack and (self.stack[-1].level is None or RANK[self.stack[-1].level] >= rank):
            self.stack.pop()
        container = self._container()
        siblings = [n for n in container if n.level == level]
        if siblings:
            expected = label_number(siblings[-1].label) + 1
            if label_number(label) != expected:
                self.report.add("outline", f"{self.where}: {label} follows {siblings[-1].label} (expected {expected})")
            if any(n.label == label for n in siblings):
                self.report.add("outline", f"{self.where}: duplicate sibling label {label}")
        elif label_number(label) != 1 and level != "tiao":  # articles run on across chapters
            self.report.add("outline", f"{self.where}: {label} opens a list at {label_number(label)}")
        node = Node(level=level, label=label, text=rest or None, heading=level in ("zhang", "jie"))
        container.append(node)
        self.stack.append(node)

    def parts(self) -> list[Part]:
        return [n.to_part() for n in self.top]
