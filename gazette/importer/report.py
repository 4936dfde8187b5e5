"""The REVIEW REPORT: what the importer could not settle by itself."""

from __future__ import annotations

from collections import defaultdict


class Report:
    def __init__(self) -> None:
        self.items: dict[str, list[str]] = defaultdict(list)
        self.context = ""

    def add(self, topic: str, message: str) -> None:
        prefix = f"[{self.context}] " if self.context else ""
        self.items[topic].append(prefix + message)

    def render(self) -> str:
        out = ["REVIEW REPORT"]
        if not self.items:
            out.append("  nothing to review")
        for topic in sorted(self.items):
            out.append(f"== {topic} ({len(self.items[topic])})")
            out.extend(f"  - {m}" for m in self.items[topic])
        return "\n".join(out)
