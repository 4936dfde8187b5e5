"""Re-laid-out variants of a real issue text (issue 19, item 8b).

Each function takes the clean text of an issue in ``data/sources/`` and a random source and
returns the same issue as another extraction could have laid it out:

* :func:`with_furniture`: running heads, footers and page numbers at page breaks, in one of
  :data:`FURNITURE_STYLES` (a title line, a bare number, — 12 —, 第12页, ·12·, glued to the
  text without blank lines, alternating heads);
* :func:`with_split_tables`: every table cut at a random row by a page break that does not
  repeat the header (with furniture in the break);
* :func:`with_digit_items`: numbered items whose text begins with digits ("11.121人才…");
* :func:`with_comma_role_groups` / :func:`with_nested_units`: role groups separated by commas,
  unit lists with brackets inside the parenthetical.

The first two must give the same records as the clean text; the third the same outline (and
its changed text in the changed items only); the last two the same tasks.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from gazette.importer.split import Heads

FurnitureStyle = Callable[[int, random.Random], tuple[list[str], list[str]]]


def _bare(page: int, rng: random.Random) -> tuple[list[str], list[str]]:
    return [str(page)], ["衢州政报"]


def _dashes(page: int, rng: random.Random) -> tuple[list[str], list[str]]:
    return [f"— {page} —"], []


def _page_word(page: int, rng: random.Random) -> tuple[list[str], list[str]]:
    return [f"第{page}页"], ["衢州政报 2018年第5期"]


def _dots(page: int, rng: random.Random) -> tuple[list[str], list[str]]:
    return [f"·{page}·"], ["衢州政报" if page % 2 else "市政府文件"]


def _head_with_number(page: int, rng: random.Random) -> tuple[list[str], list[str]]:
    return [], [f"衢州政报 {page}" if page % 2 else f"{page} 2018年第5期"]


def _footer_and_number(page: int, rng: random.Random) -> tuple[list[str], list[str]]:
    return ["衢州市人民政府办公室主办", f"- {page} -"], []


FURNITURE_STYLES: dict[str, FurnitureStyle] = {
    "head+number": _bare,
    "dashes": _dashes,
    "page-word+issue-head": _page_word,
    "dots+alternating-heads": _dots,
    "head-with-number": _head_with_number,
    "footer+number": _footer_and_number,
}


def _body_start(lines: list[str], heads: Heads) -> int:
    first = next(i for i, ln in enumerate(lines) if heads.match(ln))
    return first - 2


def _break_points(lines: list[str], heads: Heads) -> list[int]:
    """Blank lines of the body where a page may break: not between a title and its 文号."""
    start = _body_start(lines, heads)
    out = []
    for i in range(start + 1, len(lines) - 1):
        if lines[i].strip():
            continue
        after = next((ln for ln in lines[i + 1 :] if ln.strip()), "")
        if heads.match(after) or heads.match(lines[i - 1]):
            continue
        out.append(i)
    return out


def _furnish(page: int, style: FurnitureStyle, rng: random.Random, glued: bool) -> list[str]:
    bottom, top = style(page, rng)
    block = bottom + ([] if glued else [""]) + top
    return block if glued else ["", *block, ""]


def with_furniture(text: str, heads: Heads, rng: random.Random, style: str, glued: bool = False,
                   every: tuple[int, int] = (4, 12)) -> tuple[str, int]:
    """``text`` with page furniture at every few page breaks; also the number of lines added."""
    lines = text.split("\n")
    points = _break_points(lines, heads)
    chosen: list[int] = []
    k = rng.randint(*every)
    while k < len(points):
        chosen.append(points[k])
        k += rng.randint(*every)
    out: list[str] = []
    page, added = 1, 0
    chosen_set = set(chosen)
    for i, ln in enumerate(lines):
        if i in chosen_set:
            page += rng.randint(1, 2)
            block = _furnish(page, FURNITURE_STYLES[style], rng, glued)
            out.extend(block)
            added += sum(1 for b in block if b.strip())
            continue
        out.append(ln)
    return "\n".join(out), added


_SEPARATOR = re.compile(r"^\|[\s\-:|]*\|?$")


def _numbered(row: str) -> int | None:
    first = row.split("\t")[0].strip()
    return int(first) if first.isdigit() else None


def _cut_at(block: list[str], style: str, rng: random.Random) -> int | None:
    """Where a page break may cut this table: below its header, above its last row; a tab
    table (no rule line under its header) only between rows numbered n and n+1."""
    if style == "pipe":
        if len(block) < 5 or not (_SEPARATOR.match(block[1].strip()) and "-" in block[1]):
            return None
        return rng.randrange(3, len(block) - 1)
    places = [k for k in range(2, len(block)) if (n := _numbered(block[k])) is not None and _numbered(block[k - 1]) == n - 1]
    return rng.choice(places) if places else None


def with_split_tables(text: str, rng: random.Random) -> tuple[str, int]:
    """Tables cut by a page break that does not repeat the header, a page number (— 12 —) in
    the break. Also the number of tables cut."""
    lines = text.split("\n")
    out: list[str] = []
    i, cut = 0, 0
    while i < len(lines):
        style = "pipe" if lines[i].lstrip().startswith("|") else "tab" if "\t" in lines[i] else None
        if style is None:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip() and (lines[j].lstrip().startswith("|") if style == "pipe" else "\t" in lines[j]):
            j += 1
        block = lines[i:j]
        at = _cut_at(block, style, rng)
        if at is not None:
            out.extend(block[:at] + ["", f"— {rng.randint(2, 80)} —", ""] + block[at:])
            cut += 1
        else:
            out.extend(block)
        i = j
    return "\n".join(out), cut


_POINT = re.compile(r"^(?P<label>[0-9]{1,2}[.．])\s*(?P<rest>[^0-9\s].*)$")


def with_digit_items(text: str, rng: random.Random, share: float = 0.5) -> tuple[str, list[str]]:
    """Some point items (2. and later) rewritten to begin with digits: "3.建立…" → "3.121建立…".
    Also the rewritten lines."""
    lines = text.split("\n")
    changed = []
    for k, ln in enumerate(lines):
        m = _POINT.match(ln)
        if m and not m["label"].startswith("1") and rng.random() < share:
            lines[k] = f"{m['label']}{rng.randint(10, 999)}{m['rest']}"
            changed.append(lines[k])
    return "\n".join(lines), changed


_ROLE_GROUPS = re.compile(r"(?P<a>(?:牵头|责任|配合|协办|参与)(?:单位|部门)[:：][^;；()（）]+)[;；](?=(?:牵头|责任|配合|协办|参与)(?:单位|部门)[:：])")


def with_comma_role_groups(text: str, comma: str = "，") -> tuple[str, int]:
    """Role groups inside a parenthetical separated by a comma instead of a semicolon."""
    new, n = _ROLE_GROUPS.subn(lambda m: m["a"] + comma, text)
    return new, n


_COOPERATE_END = re.compile(r"(?P<list>配合单位[:：][^()（）]+?)(?P<close>[)）])")
NESTED_UNIT = "各县(市、区)政府"


def with_nested_units(text: str) -> tuple[str, int]:
    """Every 配合单位 list inside a parenthetical extended by a unit with a bracket of its own
    ("…、各县(市、区)政府)"): the parenthetical now nests brackets."""
    return _COOPERATE_END.subn(lambda m: f"{m['list']}、{NESTED_UNIT}{m['close']}", text)
