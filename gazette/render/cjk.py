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


class _JoinCJK(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        self._walk(root)

    def _walk(self, element: ET.Element) -> None:
        if element.tag in _VERBATIM:
            return
        if element.text:
            element.text = join_cjk_lines(element.text)
        for child in element:
            self._walk(child)
            if child.tail:
                child.tail = join_cjk_lines(child.tail)


class CJKExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        # After inline parsing (priority 20): text nodes hold the final text.
        md.treeprocessors.register(_JoinCJK(md), "gazette_cjk_join", 15)


def makeExtension(**kwargs: object) -> CJKExtension:  # noqa: N802 (Python-Markdown's entry point)
    return CJKExtension(**kwargs)
