"""The REVIEW REPORT (审阅报告): what the importer could not settle by itself.

Written for the gazette's editors, in Chinese; each topic keeps an English key (``[key]``)
for developers and tests. Every message names the line of the source text the editor is
reading (``data/sources/….txt:LINE``) and, inside a document, the record (``[2018/qzbf-33]``).
"""

from __future__ import annotations

from collections import defaultdict

# key -> heading shown to editors; a key not listed here is shown as itself
TOPICS: dict[str, str] = {
    "furniture": "页眉、页脚和页码（已删除，不是正文，不作勘误）",
    "tables": "表格（宽度推断、跨页续表、错位行）",
    "page-break joins": "分页处接续的段落",
    "page-break unsure": "分页处未接续、请核对的段落",
    "outline": "编号（层级、跳号、重号）",
    "labels": "按编号顺序判定的段首编号",
    "split": "文件切分",
    "attachments": "附件",
    "toc": "目录",
    "toc cross-check": "目录与正文核对",
    "front": "封面与版权页",
    "plausibility": "合理性提示（请对照原件核对）",
    "roles": "职责分工：角色词、生成的任务与未生成任务的原因",
    "units": "未登记的单位名称",
    "consistency: repaired": "自洽检查：已由手工更正修复",
    "consistency: marked 存疑": "自洽检查：已标注存疑",
    "consistency: UNSETTLED": "自洽检查：尚未处理（测试将失败）",
    "consistency: bad 存疑 mark": "自洽检查：存疑标注有误",
}


class Report:
    def __init__(self, source: str = "") -> None:
        self.items: dict[str, list[str]] = defaultdict(list)
        self.context = ""
        self.source = source  # the issue text as the editor named it

    def at(self, line: int | None) -> str:
        """``source:LINE`` for a 0-based line index of the issue text."""
        if line is None:
            return self.source or "?"
        return f"{self.source or '?'}:{line + 1}"

    def add(self, topic: str, message: str) -> None:
        prefix = f"[{self.context}] " if self.context else ""
        self.items[topic].append(prefix + message)

    def render(self) -> str:
        out = ["审阅报告（REVIEW REPORT）" + (f"：{self.source}" if self.source else "")]
        if not self.items:
            out.append("  无需审阅的事项")
        for topic in sorted(self.items, key=lambda t: (list(TOPICS).index(t) if t in TOPICS else len(TOPICS), t)):
            out.append(f"== {TOPICS.get(topic, topic)} [{topic}]（{len(self.items[topic])}）")
            out.extend(f"  - {m}" for m in self.items[topic])
        return "\n".join(out)
