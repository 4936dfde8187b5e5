"""Files an editor's tools or the operating system leave beside the records.

Vim keeps ``.name.yaml.swp`` (then ``.swo``, ``.swn`` …) next to a record while it is open and
probes the folder with a file named ``4913``; Emacs writes ``#name#`` autosaves and ``.#name``
lock links; many editors keep ``name~`` backups; macOS adds ``.DS_Store`` and ``._name``,
Windows ``Thumbs.db`` and ``desktop.ini``. None of them is a record, and none may fail a build,
a ``mkdocs serve`` rebuild or an import while an editor has a record open: the loader skips
them and says so in a note (a log line, not an error or a MkDocs warning, so a strict build
still passes). Everything else that is not a record stays an error.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

_NAMES = frozenset({".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini", "4913"})
_PATTERN = re.compile(
    r"\..*\.sw[a-p]"  # vim swap files (.swp, then .swo, .swn … while more are open)
    r"|.*~"  # backups of vim, emacs, gedit, nano …
    r"|#.*#"  # emacs autosave
    r"|\.#.*"  # emacs lock link (a symbolic link to nowhere)
    r"|\._.*",  # macOS resource forks on foreign filesystems
    re.DOTALL,
)

log = logging.getLogger("gazette.load")


def is_editor_file(name: str) -> bool:
    """Is ``name`` a file an editor or the OS leaves beside records (never a record)?"""
    return name in _NAMES or _PATTERN.fullmatch(name) is not None


def skip_editor_file(path: Path, shown: Path) -> bool:
    """True (after a note naming ``shown``) when ``path`` is an editor's or the OS's file."""
    if not is_editor_file(path.name):
        return False
    log.warning("注意：已忽略编辑器或系统文件 %s（不是记录）", shown)
    return True
