"""Reading an issue text file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gazette.load.errors import RecordError
from gazette.load.yamlfile import read_bytes
from gazette.vocab.issues import issue_id
from gazette.vocab.normalize import refused_characters

ISSUE_FILE = re.compile(r"quzhou-zhengbao-(\d{4})-(\d{2})\.txt$")


@dataclass(frozen=True)
class Source:
    path: Path
    year: int
    number: int
    lines: list[str]

    @property
    def issue_id(self) -> str:
        return issue_id(self.year, self.number)


def read_source(path: str | Path) -> Source:
    """The issue text; a file that is not one (wrong name, empty, binary, not UTF-8, not a
    regular file) is a RecordError naming the file and, where there is one, the line."""
    path = Path(path)
    m = ISSUE_FILE.search(path.name)
    if not m:
        raise RecordError(path, None, None, "[file-name] 无法从文件名看出期号：请命名为quzhou-zhengbao-{year}-{nn}.txt")
    if not path.exists():
        raise RecordError(path, None, None, "[no-file] 文件不存在")
    raw = read_bytes(path, path)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise RecordError(path, raw[:nul].count(b"\n") + 1, None, "[binary] 这是二进制文件（含NUL字节），不是一期政报的抽取文本")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordError(path, line, None, f"[not-utf8] 不是UTF-8文本（字节0x{raw[exc.start]:02x}）；请将抽取文本另存为UTF-8") from None
    if not text.strip():
        raise RecordError(path, 1, None, "[empty] 文件为空")
    # splitlines() keeps the last line although the file does not end with a newline
    lines = [ln.rstrip(" \r") for ln in text.replace("\r\n", "\n").split("\n")]
    for row, content in enumerate(lines, 1):
        # Records may not hold them (gazette.vocab.normalize): stop here, at the source line,
        # rather than with a record that cannot be written.
        refused = next(refused_characters(content), None)
        if refused is not None:
            raise RecordError(path, row, None, refused.message)
    return Source(path=path, year=int(m.group(1)), number=int(m.group(2)), lines=lines)
