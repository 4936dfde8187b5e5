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

from gazette.derive.numbering import KINDS, RANK, Kind, Label, LabelError, Numbered, attachment_number, parse_label, split_label
from gazette.importer.errors import SourceError
from gazette.importer.report import Report
from gazette.records.models import Part, Table
from gazette.vocab.normalize import DIGIT

ATTACHMENT_LIST = re.compile(r"^附件[:：]")
# The build's point label (1. 2、) without its guard against a digit after it: "11.121人才…"
# opens item 11 only where the sequence expects 11 (see Outline._by_sequence).
POINT_BEFORE_DIGIT = re.compile(next(source for kind, source, _ in KINDS if kind == "point") + f"(?={DIGIT})")


def label_at(text: str, line: int | None, where: str = "") -> Numbered | None:
    """The label ``text`` opens with; a label the build would refuse stops the import."""
    try:
        return split_label(text)
    except LabelError as exc:
        raise SourceError(line, f"[bad-label] {where}：编号无法识别：{exc}" if where else f"[bad-label] 编号无法识别：{exc}") from None


def is_attachment_label(text: str, line: int | None) -> bool:
    """Is ``text`` a paragraph of its own printing 附件 or 附件N (the build's attachment labels)?"""
    try:
        return attachment_number(text) is not None
    except LabelError as exc:
        raise SourceError(line, f"[bad-label] 附件编号无法识别：{exc}") from None


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
        self.last: dict[Kind, int] = {}  # the last number opened at each level

    def _container(self) -> list[Node]:
        return self.stack[-1].children if self.stack else self.top

    def add_paragraph(self, text: str, line: int | None = None) -> None:
        """``line``: 0-based index of the paragraph in the issue text (for errors)."""
        if self.absorb_numbered:
            listed = label_at(text, line, self.where)
            # the list of attachments' titles may begin with digits too ("2.2018年度…申请表")
            if (listed and listed.label.kind == "point") or (listed is None and POINT_BEFORE_DIGIT.match(text)):
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
        parsed = label_at(text, line, self.where) or self._by_sequence(text, line)
        if parsed:
            self._open(parsed, line)
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

    def _open_stack(self, level: Kind) -> list[Node]:
        """The open parts that stay open when a part of ``level`` opens."""
        stack = list(self.stack)
        while stack and (stack[-1].level is None or RANK[stack[-1].level] >= RANK[level]):
            stack.pop()
        return stack

    def _by_sequence(self, text: str, line: int | None) -> Numbered | None:
        """A paragraph whose text begins with digits after a point label ("11.121人才梯队项目")
        opens that point when the printed sequence expects exactly that number next; otherwise
        ("3.15国际消费者权益日" with no 2. before it) it is text."""
        match = POINT_BEFORE_DIGIT.match(text)
        if match is None:
            return None
        try:
            label = parse_label(match.group(0))
        except LabelError:
            return None
        stack = self._open_stack(label.kind)
        container = stack[-1].children if stack else self.top
        siblings = [n for n in container if n.level == label.kind]
        if not siblings or siblings[-1].number + 1 != label.number:
            return None
        self.report.add("labels", f"{self.report.at(line)}：[{self.where}] “{text[:16]}…”的开头按编号顺序读作{match.group(0)}（前一项为{siblings[-1].label}）")
        return Numbered(Label(label.kind, label.number), match.group(0), text[match.end():].strip())

    def _open(self, parsed: Numbered, line: int | None = None) -> None:
        level, number, label, rest = parsed.label.kind, parsed.label.number, parsed.printed, parsed.rest
        self.stack = self._open_stack(level)
        container = self._container()
        siblings = [n for n in container if n.level == level]
        at = f"{self.report.at(line)}：[{self.where}]"
        if siblings:
            expected = siblings[-1].number + 1
            if number != expected:
                self.report.add("outline", f"{at} {label}接在{siblings[-1].label}之后（应为{expected}）")
            if any(n.label == label for n in siblings):
                self.report.add("outline", f"{at} 同级编号{label}重复")
        elif number != 1 and level != "art" and number != self.last.get(level, 0) + 1:
            # articles, and items counted on across groups (2.–8. under (一), 9.– under (二)), run on
            self.report.add("outline", f"{at} 编号从{label}开始（不是从1开始）")
        self.last[level] = number
        node = Node(level=level, number=number, label=label, text=rest or None, heading=level in ("chp", "subchp"))
        container.append(node)
        self.stack.append(node)

    def parts(self) -> list[Part]:
        return [n.to_part() for n in self.top]
