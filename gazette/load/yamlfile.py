"""Read one YAML file safely and remember the line of every value.

Only plain data is accepted: PyYAML's safe constructor (no Python tags), no
aliases (they are how "billion laughs" bombs are built), no duplicate keys
(PyYAML would silently keep the last one). Timestamps stay strings so that a
bad date is reported by the schema with its line, not by PyYAML without one.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gazette.load.errors import RecordError

MAX_BYTES = 2_000_000  # the longest real document is ~60 KB; anything this size is a mistake

Loc = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlFile:
    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int | None:
        """Line of the value at ``loc``, or of its nearest located ancestor."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    def error(self, loc: Loc, message: str) -> RecordError:
        return RecordError(self.path, self.line_of(loc), format_loc(loc) or None, message)


def format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_bytes(path: Path, shown: Path, inside: Path | None = None) -> bytes:
    """The file's bytes, refusing what is not a plain record file before reading anything.

    A symlink may point anywhere inside ``inside`` (the project), never out of it
    (a link to /dev/zero or to another checkout). Devices and FIFOs are refused without
    being opened for a blocking read (a FIFO would hang the build), and the size is checked
    before the read, which is bounded in any case."""
    real = path.resolve()
    if inside is not None and path.is_symlink() and not real.is_relative_to(inside.resolve()):
        raise RecordError(shown, None, None, f"symbolic link to {real}, outside the project")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise RecordError(shown, None, None, f"cannot be read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "directory" if stat.S_ISDIR(info.st_mode) else "FIFO" if stat.S_ISFIFO(info.st_mode) else "device or special file"
            raise RecordError(shown, None, None, f"not a regular file ({kind}); records are plain files")
        if info.st_size > MAX_BYTES:
            raise RecordError(shown, None, None, f"file is {info.st_size:,} bytes; records are limited to {MAX_BYTES:,}")
        chunks: list[bytes] = []
        left = MAX_BYTES + 1  # bounded even if the file grows while it is read
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > MAX_BYTES:
        raise RecordError(shown, None, None, f"file is over {MAX_BYTES:,} bytes; records are limited to {MAX_BYTES:,}")
    return raw


def read_yaml(path: Path, display: Path | None = None, inside: Path | None = None) -> YamlFile:
    """Parse one record file; ``inside``: the directory symlinks must stay in (the project)."""
    shown = display or path
    raw = read_bytes(path, shown, inside)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordError(shown, line, None, f"not UTF-8 (byte 0x{raw[exc.start]:02x})") from None
    try:
        # PyYAML's reader checks the whole text for control characters up front
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise RecordError(shown, line, None, f"YAML: control character U+{exc.character:04X} is not allowed in records") from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise RecordError(shown, 1, None, "file is empty")
        lines: dict[Loc, int] = {}
        _walk(node, (), lines, set(), shown)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RecordError(shown, mark.line + 1 if mark else None, None, f"YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise RecordError(shown, None, None, f"YAML: {exc}") from None
    except RecursionError:
        # PyYAML composes recursively: a few hundred nested [ or { exhaust the stack
        raise RecordError(shown, None, None, "YAML: nesting is too deep for a record") from None
    finally:
        loader.dispose()
    return YamlFile(shown, data, lines)


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], seen: set[int], path: Path) -> None:
    if id(node) in seen:
        raise RecordError(path, node.start_mark.line + 1, None, "YAML aliases (*name) are not allowed in records")
    seen.add(id(node))
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        keys: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise RecordError(path, key_node.start_mark.line + 1, None, "only plain keys are allowed")
            if key in keys:
                raise RecordError(path, key_node.start_mark.line + 1, key, "duplicate key")
            keys.add(key)
            _walk(value_node, loc + (key,), lines, seen, path)
            lines[loc + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, loc + (i,), lines, seen, path)
