"""Reading an issue text file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ISSUE_FILE = re.compile(r"quzhou-zhengbao-(\d{4})-(\d{2})\.txt$")


@dataclass(frozen=True)
class Source:
    path: Path
    year: int
    number: int
    lines: list[str]

    @property
    def issue_id(self) -> str:
        return f"{self.year}-{self.number:02d}"


def read_source(path: str | Path) -> Source:
    path = Path(path)
    m = ISSUE_FILE.search(path.name)
    if not m:
        raise ValueError(f"cannot tell the issue from the file name {path.name}")
    text = path.read_text(encoding="utf-8")
    # splitlines() keeps the last line although the file does not end with a newline
    lines = [ln.rstrip(" \r") for ln in text.replace("\r\n", "\n").split("\n")]
    return Source(path=path, year=int(m.group(1)), number=int(m.group(2)), lines=lines)
