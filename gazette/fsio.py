"""Atomic file writes: a file is either its old self or its new self, never half of each.

Every file the package produces (importer records, the anchors manifest, the exports written
into the site) goes through ``write_atomic``: the content is written to a temporary file in
the same directory (flushed to disk first where it is a source of truth) and renamed over the target in one step. A write that
fails — a full disk, a quota, a read-only folder — removes the temporary file, leaves the
target as it was, and raises ``WriteError`` with a Chinese message for whoever runs the
command (the CLIs print it without a traceback; the build stops with it).

``write_all_atomic`` stages several files before renaming any, so a failure while writing
leaves every one of them as it was (the renames themselves need no space).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

_REASONS = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统只读",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EIO: "磁盘读写错误",
}


class WriteError(OSError):
    """A file could not be written; the message (Chinese) names the file and the reason."""

    def __str__(self) -> str:
        return str(self.strerror)


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def _stage(path: Path, data: bytes, durable: bool) -> Path:
    """``data`` in a new temporary file beside ``path``; removed again on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        if path.exists():
            os.chmod(name, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(name, 0o666 & ~umask)  # what a plain open() would have made
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _encode(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_atomic(path: Path, content: str | bytes, durable: bool = False) -> None:
    """Replace ``path`` with ``content`` (str is written as UTF-8) in one rename. ``durable``:
    on disk before the rename (records and the anchors manifest, the sources of truth; files
    of a built site are rebuilt, and hundreds of syncs would slow every build)."""
    write_all_atomic({path: content}, durable)


def write_all_atomic(files: Mapping[Path, str | bytes], durable: bool = False) -> None:
    """Write every file, or (on a failure while writing) none of them."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            try:
                staged.append((_stage(path, _encode(content), durable), path))
            except OSError as exc:
                kept = "其余文件均未改动" if len(files) > 1 else "原文件未改动"
                raise WriteError(exc.errno or 0, f"无法写入 {path}：{_reason(exc)}；{kept}") from exc
        for temp, path in staged:
            os.replace(temp, path)
        staged = []
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
