"""What an editor is asked to register for a unit name the registry lacks.

One entry, in the registry's own form (a line of ``data/departments.yaml``), for the build's error
(``derive/tasks.py``) and the importer's review report (``importer/roles.py``): a code from the
name's pinyin initials without its city part, the kind its ending suggests, and
``collective: true`` when the name reads as many bodies (``unitnames.COLLECTIVE_NAME``). Each is a
guess for the editor to check, and the line says so.
"""

from __future__ import annotations

import re

import yaml

from gazette.vocab.normalize import HAN
from gazette.vocab.unitnames import CITY_PARTS, COLLECTIVE_NAME, normalise_name

# The city part of a name, any city's (市发展改革委, 滁州市交通局): not in a code.
_CITY = re.compile(rf"^(?:{HAN}{{2,4}}?市(?={HAN}{{2}})|市)")

# A registry kind guessed from how a name ends.
_KIND_BY_ENDING: tuple[tuple[str, str], ...] = (
    ("人民政府", "县(市、区)政府"), ("管委会", "管委会"), ("管理委员会", "管委会"), ("公司", "企业"),
    ("集团", "企业"), ("学院", "学校"), ("学校", "学校"), ("大学", "学校"),
)

NOTE = "待核对：代码按拼音首字母、类别按名称结尾推测"


def guess_kind(name: str) -> str:
    """The registry kind a new unit's name suggests."""
    key = normalise_name(name)
    for ending, kind in _KIND_BY_ENDING:
        if key.endswith(ending):
            return kind
    return "市级部门" if key.startswith(CITY_PARTS) else "其他"


def proposed_code(name: str, taken: set[str]) -> str:
    """Pinyin initials of the name without its city (市发展改革委 → fzggw), made unique among
    ``taken``, to which it is added."""
    # pypinyin loads its phrase tables on import (0.2 s): only a build or an import that meets an
    # unregistered unit pays for them, not every build, `mkdocs serve` rebuild and command.
    from pypinyin import Style, lazy_pinyin

    stem = _CITY.sub("", name) or name
    letters = "".join(p[:1] for p in lazy_pinyin(stem, style=Style.FIRST_LETTER) if p[:1].isascii() and p[:1].isalpha())
    code = (letters or "unit").lower()
    candidate, n = code, 2
    while candidate in taken:
        candidate, n = f"{code}{n}", n + 1
    taken.add(candidate)
    return candidate


def proposed_entry(name: str, code: str) -> str:
    """The registry line proposed for ``name``: ``- {code: …, name: …, kind: …}``, with
    ``collective: true`` for a name of many bodies; quoted where YAML needs it."""
    entry: dict[str, object] = {"code": code, "name": name, "kind": guess_kind(name)}
    if COLLECTIVE_NAME.search(normalise_name(name)):
        entry["collective"] = True
    flow = yaml.safe_dump(entry, allow_unicode=True, default_flow_style=True, sort_keys=False, width=10_000).strip()
    return f"- {flow}  # {NOTE}"
