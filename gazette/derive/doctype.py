"""Document type (for facets and lists), derived from the printed title."""

from __future__ import annotations

import re

# Checked in order; the first family whose word ends the (inner) title wins.
_FAMILIES: list[tuple[str, tuple[str, ...]]] = [
    ("方案/计划", ("方案", "计划", "规划", "要点")),
    ("办法/规定", ("办法", "规定", "细则", "规则", "制度")),
    ("意见", ("意见", "意见(试行)")),
    ("通报", ("通报",)),
    ("决定", ("决定",)),
    ("名单/目录", ("名单", "目录", "清单")),
    ("通知", ("通知",)),
]
# Words a document calls itself by (本办法, 本意见…): derive/status.py reads self-references with them.
GENRE_WORDS: tuple[str, ...] = tuple(
    sorted({w for _, words in _FAMILIES for w in words if "(" not in w} | {"实施意见", "通知", "政策", "措施"},
           key=len, reverse=True)
)
_ISSUED = re.compile(r"关于(?:印发|公布)(.+)的通知$")


def doc_type(title: str) -> str:
    """任免 for personnel notices; for 印发 notices, the type of what they issue."""
    if re.search(r"任职|任免|免职|职务", title) and title.endswith("通知"):
        return "任免"
    inner = _ISSUED.search(title)
    subject = re.sub(r"[((][^()()]*[))]$", "", inner.group(1) if inner else title).rstrip("》”\"")
    subject = re.sub(r"[((][^()()]*[))]$", "", subject).rstrip("》”\"")
    for name, endings in _FAMILIES:
        if subject.endswith(endings):
            return name
    return "通知" if title.endswith("通知") else "其他"
