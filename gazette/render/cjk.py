"""A Markdown extension: a source line break between two Chinese characters is not a space.

Authors wrap long Chinese paragraphs of the hand-written pages (``docs/*.md``) at any point;
HTML turns every line break into a space, which shows in Chinese text ("文件， 保留"). Between
two wide characters (CJK ideographs, kana, full-width punctuation) the break and the indent
around it are removed; next to a Latin letter or digit it stays a space, as it should.
Code (``<code>``, ``<pre>``) is left as written. Registered in ``mkdocs.yml``
(``markdown_extensions: - gazette.render.cjk``).
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_BREAK = re.compile(r"(\S)[ \t]*\n[ \t]*(\S)")
_VERBATIM = {"code", "pre", "script", "style"}


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_cjk_lines(text: str) -> str:
    """``text`` with every line break between two wide characters removed."""

    def join(m: re.Match[str]) -> str:
        before, after = m.group(1), m.group(2)
        return before + after if _wide(before) and _wide(after) else m.group(0)

    # Overlapping matches ("字\n字\n字"): repeat until nothing changes.
    while True:
        joined = _BREAK.sub(join, text)
        if joined == text:
            return text
        text = joined


_LEADING = re.compile(r"^[ \t]*\n[ \t]*")
_TRAILING = re.compile(r"[ \t]*\n[ \t]*$")


class _Slot:
    """One piece of text in document order: an element's ``text`` or ``tail``."""

    def __init__(self, element: ET.Element, attr: str) -> None:
        self.element, self.attr = element, attr

    def get(self) -> str:
        value: str | None = getattr(self.element, self.attr)
        return value or ""

    def set(self, value: str) -> None:
        setattr(self.element, self.attr, value)


class _JoinCJK(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        slots: list[_Slot | None] = []  # None: verbatim content, which no break joins across
        self._collect(root, slots)
        for slot in slots:
            if slot is not None:
                slot.set(join_cjk_lines(slot.get()))
        # A break at the edge of inline markup ("印刷</strong>\n原文"): join across the boundary.
        for i, slot in enumerate(slots):
            if slot is None:
                continue
            text = slot.get()
            before = _previous_text(slots, i) if _LEADING.match(text) else None
            if before and _wide(before[-1]) and text.strip() and _wide(text.lstrip()[0]):
                text = _LEADING.sub("", text)
            after = _next_text(slots, i) if _TRAILING.search(text) else None
            if after and text.strip() and _wide(text.rstrip()[-1]) and _wide(after.lstrip()[0]):
                text = _TRAILING.sub("", text)
            slot.set(text)

    def _collect(self, element: ET.Element, slots: list[_Slot | None]) -> None:
        if element.tag in _VERBATIM:
            slots.append(None)
        else:
            slots.append(_Slot(element, "text"))
            for child in element:
                self._collect(child, slots)
        slots.append(_Slot(element, "tail"))


def _previous_text(slots: list[_Slot | None], i: int) -> str | None:
    for slot in reversed(slots[:i]):
        if slot is None:
            return None
        if slot.get().strip():
            return slot.get().rstrip()
    return None


def _next_text(slots: list[_Slot | None], i: int) -> str | None:
    for slot in slots[i + 1:]:
        if slot is None:
            return None
        if slot.get().strip():
            return slot.get()
    return None


class CJKExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        # After inline parsing (priority 20): text nodes hold the final text.
        md.treeprocessors.register(_JoinCJK(md), "gazette_cjk_join", 15)


def makeExtension(**kwargs: object) -> CJKExtension:  # noqa: N802 (Python-Markdown's entry point)
    return CJKExtension(**kwargs)
