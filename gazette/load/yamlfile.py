"""Read one YAML file safely and remember the line of every value.

Only plain data is accepted: PyYAML's safe constructor (no Python tags), no
aliases (they are how "billion laughs" bombs are built), no duplicate keys
(PyYAML would silently keep the last one), and no tags at all (``!!binary``
hides text from a review diff, ``!!set`` passes as a list, ``!!str`` and ``!``
are never needed: quotes say "text").

Plain scalars are read by the YAML 1.2 core schema (``_CORE``), not PyYAML's
YAML 1.1 default, and a plain scalar that YAML 1.1 would read differently is
refused with the reason, because another tool (or PyYAML itself) would publish
another value: ``0106`` (octal 70 in 1.1), ``1:30`` (90), ``yes``/``no``/``on``/
``off`` (booleans), ``1_000``, ``0o17``, ``1e3``. Leading-zero integers are
refused even where both agree (``00``). Timestamps are the one accepted
difference: ``2018-05-04`` stays text in both readings we use, and the schema
parses it as a date with its line (``date: 1522972800`` is a number, which the
schema refuses). The rule is documented for editors on the 数据结构 page.

Events come from libyaml (PyYAML's C parser, six times faster on our records) where PyYAML was
built with it; nodes are composed by PyYAML's Python composer either way, so the checks below
see the same tree. A file libyaml refuses is read again by the pure-Python parser, so an editor
reads PyYAML's own message and position whichever parser is installed.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gazette.load.errors import RecordError

MAX_BYTES = 2_000_000  # the longest real document is ~60 KB; anything this size is a mistake

Loc = tuple[str | int, ...]


_TAG = "tag:yaml.org,2002:"
# The YAML 1.2 core schema (spec 1.2.2, 10.3.2), plus "<<" so that merge keys are found and refused.
_CORE: tuple[tuple[str, str, str], ...] = (
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN",
     "-+.0123456789"),
    ("merge", r"<<", "<"),
)
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
# PyYAML composes recursively: a few hundred nested [ or { exhaust the stack
_TOO_DEEP = "YAML：嵌套层数太多，不是一份记录的结构"


class _CoreResolver(yaml.resolver.Resolver):
    yaml_implicit_resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}


for _kind, _pattern, _first in _CORE:
    _CoreResolver.add_implicit_resolver(_TAG + _kind, re.compile(f"^(?:{_pattern})$"), list(_first))


class _Composer(yaml.composer.Composer):
    """Remembers nodes that carried an explicit tag (refused in ``_walk``); a plain scalar's style
    is None from either parser (libyaml reports it as "")."""

    def __init__(self) -> None:
        super().__init__()
        self.tagged: dict[int, str] = {}

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]  # the parser's, beside it in the MRO
        tag = getattr(event, "tag", None)
        node = super().compose_node(parent, index)
        if tag is not None and not isinstance(event, yaml.AliasEvent):
            self.tagged[id(node)] = tag
        return node

    def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:  # the stubs say dict; PyYAML passes the anchor
        node = super().compose_scalar_node(anchor)
        if node.style == "":
            node.style = None
        return node


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _Composer, yaml.constructor.SafeConstructor, _CoreResolver):
    """The pure-Python reading (PyYAML's ``SafeLoader`` with the core schema)."""

    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)


_CLoader: type[Any] | None = None
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LibyamlLoader(_Composer, CParser, yaml.constructor.SafeConstructor, _CoreResolver):
        """libyaml's events under the Python composer (``_Composer`` comes first in the MRO, so
        CParser's own composer is never used)."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)

    _CLoader = _LibyamlLoader


_YAML11 = yaml.resolver.Resolver()  # PyYAML's YAML 1.1 reading, to find scalars read two ways
_CONSTRUCT = yaml.constructor.SafeConstructor()


def _value(tag: str, text: str) -> object:
    return _CONSTRUCT.construct_object(yaml.ScalarNode(tag, text))


def _two_readings(node: yaml.ScalarNode) -> str | None:
    """Why a plain scalar is refused (Chinese, for the editor), or None when YAML 1.1 and the
    core schema read it alike (timestamps aside: both keep them as text here)."""
    text = node.value
    core = node.tag
    old = _YAML11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if old == _TAG + "timestamp":
        old = _TAG + "str"
    quote = f"若是文字，请加引号（'{text}'）"
    if core == _TAG + "int" and _LEADING_ZERO.fullmatch(text):
        reading = f"YAML 1.1 读作八进制数 {_value(old, text)}" if old == _TAG + "int" else "YAML 1.1 读作文字"
        return f"“{text}”是带前导零的数：{reading}，YAML 1.2 读作 {int(text, 10)}；请写成不带前导零的十进制数，{quote}"
    if old == core and (core not in (_TAG + "int", _TAG + "float") or _value(old, text) == _value(core, text)):
        return None
    if old == _TAG + "bool":
        return f"“{text}”在 YAML 1.1 中读作布尔值，在 YAML 1.2 中读作文字；是非请写 true 或 false，{quote}"
    if old == _TAG + "int" and ":" in text:
        return f"“{text}”在 YAML 1.1 中读作六十进制数 {_value(old, text)}；请直接写数，{quote}"
    if old in (_TAG + "int", _TAG + "float") and core == _TAG + "str":
        return f"“{text}”在 YAML 1.1 中读作数 {_value(old, text)}，在 YAML 1.2 中读作文字；请写成普通十进制数，{quote}"
    if core in (_TAG + "int", _TAG + "float") and old == _TAG + "str":
        return f"“{text}”在 YAML 1.2 中读作数 {_value(core, text)}，在 YAML 1.1 中读作文字；请写成普通十进制数，{quote}"
    return f"“{text}”在 YAML 1.1 与 YAML 1.2 中读法不同；{quote}"


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
        raise RecordError(shown, None, None, f"是指向项目之外（{real}）的符号链接：记录必须是项目里的文件")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise RecordError(shown, None, None, f"无法读取：{exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "目录" if stat.S_ISDIR(info.st_mode) else "命名管道 FIFO" if stat.S_ISFIFO(info.st_mode) else "设备或特殊文件"
            raise RecordError(shown, None, None, f"不是普通文件（{kind}）：记录必须是普通文件")
        if info.st_size > MAX_BYTES:
            raise RecordError(shown, None, None, f"文件有 {info.st_size:,} 字节：一份记录最多 {MAX_BYTES:,} 字节")
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
        raise RecordError(shown, None, None, f"文件超过 {MAX_BYTES:,} 字节：一份记录最多 {MAX_BYTES:,} 字节")
    return raw


def read_yaml(path: Path, display: Path | None = None, inside: Path | None = None) -> YamlFile:
    """Parse one record file; ``inside``: the directory symlinks must stay in (the project)."""
    shown = display or path
    raw = read_bytes(path, shown, inside)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordError(shown, line, None, f"不是 UTF-8 编码（字节 0x{raw[exc.start]:02x}）：请另存为 UTF-8") from None
    if text.strip() and not text.endswith(("\n", "\r")):
        raise RecordError(shown, text.count("\n") + 1, None, "文件末尾没有换行：记录可能在写入中途被截断（如磁盘已满、"
                          "编辑器或导入程序被中止）；若文件完整，请在末尾加一个换行")
    if _CLoader is not None:
        try:
            return _compose(_CLoader(text), shown)
        except yaml.YAMLError:
            pass  # refused: the pure-Python reading below gives the editor PyYAML's message
        except RecursionError:
            raise RecordError(shown, None, None, _TOO_DEEP) from None
    try:
        # PyYAML's reader checks the whole text for control characters up front
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise RecordError(shown, line, None, f"YAML：记录中不能有控制字符 U+{exc.character:04X}") from None
    try:
        return _compose(loader, shown)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RecordError(shown, mark.line + 1 if mark else None, None, f"YAML 语法错误：{exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise RecordError(shown, None, None, f"YAML 语法错误：{exc}") from None
    except RecursionError:
        raise RecordError(shown, None, None, _TOO_DEEP) from None


def _compose(loader: Any, shown: Path) -> YamlFile:
    """The file's data and lines; YAML's own errors are the caller's to word."""
    try:
        node = loader.get_single_node()
        if node is None:
            raise RecordError(shown, 1, None, "文件是空的")
        lines: dict[Loc, int] = {}
        _walk(node, (), lines, set(), shown, loader.tagged)
        return YamlFile(shown, loader.construct_document(node), lines)
    finally:
        loader.dispose()


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], seen: set[int], path: Path, tagged: dict[int, str]) -> None:
    if id(node) in seen:
        raise RecordError(path, node.start_mark.line + 1, None, "记录中不能用 YAML 别名（*name）")
    seen.add(id(node))
    line = lines[loc] = node.start_mark.line + 1
    if id(node) in tagged:
        tag = tagged[id(node)].replace(_TAG, "!!", 1) if tagged[id(node)].startswith(_TAG) else tagged[id(node)]
        raise RecordError(path, line, format_loc(loc) or None,
                          f"YAML 标签 {tag} 不能用于记录：记录只含文字、数、列表和映射，文字请加引号")
    if isinstance(node, yaml.ScalarNode) and node.style is None:
        why = _two_readings(node)
        if why is not None:
            raise RecordError(path, line, format_loc(loc) or None, why)
    if isinstance(node, yaml.MappingNode):
        keys: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge" or id(key_node) in tagged:
                raise RecordError(path, key_node.start_mark.line + 1, None, "键只能是普通文字（不能用 <<、标签或复合键）")
            if key in keys:
                raise RecordError(path, key_node.start_mark.line + 1, key, "键重复：同一层里已有这个键")
            keys.add(key)
            _walk(value_node, loc + (key,), lines, seen, path, tagged)
            lines[loc + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, loc + (i,), lines, seen, path, tagged)
