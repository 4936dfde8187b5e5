"""Which registered unit a piece of text names: one matcher for mentions, tasks, members and search.

The rule, decided once here and shipped to the browser as data (``unit_names`` in
``assets/rules.json``, see ``UnitMatcher.payload``):

1. text and names are compared after ``normalise_name``, the text module's ``compare_key``
   (NFKC folding, no spaces or invisible characters, one bracket style);
2. at every place the text holds a registered name, the longest registered name wins: a
   shorter registered name inside a longer one (住建局 inside 市住建局) is not a mention of the
   shorter unit;
3. a name that begins inside a county-level place name, or right behind one, belongs to that
   county (市交通运输局 inside 江山市交通运输局, 住建局 in 柯城区住建局): it is not a mention of
   the city's unit. The place names are the registry's own county-level names (``prefixes``).

Overlapping candidates are settled longest first; equal lengths, leftmost first.

A reader typing a name drops the city (财政局 for 市财政局): ``named`` also takes a city unit's
name without its city part (``CITY_PARTS``) when that short form is no registered name and
belongs to one unit only. Texts are never read that way (rule 3: 住建局 alone may be a county's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gazette.vocab.normalize import compare_key

# How the city's own units begin (衢州市财政局, 市财政局): longest first.
CITY_PARTS = ("衢州市", "市")
# The city as readers also type it before a unit's name, without 市 (衢州统计局).
CITY_TYPED = CITY_PARTS[0].removesuffix("市")
# How the name of a body ends: 市财政局, 省住建厅, 市发改委, 市政府办, 市行政服务中心, 市气象站,
# 各县(市、区)人民政府, 滁州海关, 市人行, 市工商联, 市科协. One list for every question "is this a
# unit name?" (the task reader, the importer's proposals, the registry's check of its names).
UNIT_ENDINGS: tuple[str, ...] = (
    "局", "厅", "委", "委员会", "管委会", "办", "室", "部", "处", "署", "中心", "站", "所", "队", "院",
    "学院", "校", "馆", "会", "社", "联", "协", "组", "团", "集团", "公司", "行", "银行", "电厂", "总台",
    "专班", "海关", "政府", "单位", "部门", "集聚区", "区", "县", "市",
)
# Endings that are places too (江山市, 柯城区): a name may end so, but alone they name no kind of body.
PLACE_ENDINGS: tuple[str, ...] = ("区", "县", "市")
# How a group of bodies is named where a 主送 line lists its addressees (各乡镇、各街道、市直机关、
# 各有关企业), besides the endings of single units.
GROUP_ENDINGS: tuple[str, ...] = ("机构", "机关", "街道", "乡镇", "企业")
# How the organ that issues a document signs it (衢州市人民政府, 市政府办公室, 市财政局): the
# endings of UNIT_ENDINGS that a signature or a title's issuer carries. Narrower on purpose: the
# importer finds signatures and title lines by them, and a line of prose or a place ending in
# 市, 会 or 部 is far more often that than an organ.
ISSUER_ENDINGS: tuple[str, ...] = ("人民政府", "政府", "办公室", "办公厅", "局", "委员会", "委", "中心", "管委会", "厅")


def endings_pattern(endings: Iterable[str]) -> str:
    """A regular expression (no anchors) for any of ``endings``, longest first."""
    return "(?:" + "|".join(sorted(endings, key=len, reverse=True)) + ")"


UNIT_END = re.compile(endings_pattern(UNIT_ENDINGS) + "$")
# The endings that name a kind of body, not a place.
BODY_ENDINGS: tuple[str, ...] = tuple(e for e in UNIT_ENDINGS if e not in PLACE_ENDINGS)
# A bare kind of body (局, 人民政府, 管委会): no name of one unit.
GENERIC_NAME = re.compile("(?:人民)?" + endings_pattern(BODY_ENDINGS))


# How a name of many bodies begins: 各, 相关 or 有关 before the kind (各街道, 各县、市、区政府,
# 相关县(市、区)人民政府).
COLLECTIVE_STARTS: tuple[str, ...] = ("各", "相关", "有关")
# Each of a group of bodies (各街道, 各乡镇, 各有关企业): a collective name to register; 街道 or 企业
# alone is none, and neither is 有关企业 (a phrase of prose, unlike a name with 各).
GROUP_NAME = re.compile("^各.*" + endings_pattern(GROUP_ENDINGS) + "$")
# How a name of many bodies reads (a collective the registry marks so): it begins so, or ends in
# 各/有关/相关/成员 before 部门 or 单位 (市政府各部门, 市级各有关部门, 领导小组成员单位).
COLLECTIVE_NAME = re.compile(
    "^" + endings_pattern(COLLECTIVE_STARTS) + "|" + endings_pattern((*COLLECTIVE_STARTS, "成员")) + "(?:部门|单位)$"
)


def looks_like_unit_name(name: str) -> bool:
    """True when ``name`` ends like the name of a body (局, 厅, 委, 办, 政府, 公司…; UNIT_ENDINGS) and
    is long enough to name one: a single character ("市" of "各县、市、区政府") names no unit, as
    the matcher below and the registry's own check say; or names each of a group (GROUP_NAME)."""
    key = normalise_name(name)
    return len(key) >= 2 and bool(UNIT_END.search(key) or GROUP_NAME.match(key))


def normalise_name(text: str) -> str:
    """The form names and texts are compared in: ``gazette.vocab.normalize.compare_key``
    (NFKC, no spaces or invisible characters, one bracket style)."""
    return compare_key(text)


@dataclass(frozen=True)
class NameMatch:
    start: int  # offsets in the normalised text
    end: int
    name: str  # the registered name (normalised) that matched
    code: str


class UnitMatcher:
    """Registered names → unit codes, and where a text names them (see the module's rule)."""

    def __init__(self, names: Iterable[tuple[str, str]], prefixes: Iterable[str] = ()):
        self.codes: dict[str, str] = {}
        for name, code in names:
            key = normalise_name(name)
            if len(key) >= 2:
                self.codes.setdefault(key, code)
        self.prefixes: tuple[str, ...] = tuple(
            sorted({normalise_name(p) for p in prefixes if len(normalise_name(p)) >= 2}, key=lambda p: (-len(p), p))
        )
        # Names as readers type them, without the city part: a short form no registered name has,
        # of one city unit only (a county's unit of the same name makes it ambiguous: 江山市交通运输局).
        # A short form must still end like a body's name: an alias cut short in a text (市旅游) would
        # otherwise make an everyday word (旅游) a unit. The city typed without 市 (衢州统计局) is one too.
        tails: dict[str, set[tuple[str, bool]]] = {}
        for key, code in self.codes.items():
            part = next((p for p in (*self.prefixes, *CITY_PARTS) if key.startswith(p)), "")
            tail = key[len(part):]
            if not part or len(tail) < 2 or not UNIT_END.search(tail):
                continue
            for typed in (tail, CITY_TYPED + tail) if part in CITY_PARTS else (tail,):
                if typed not in self.codes:
                    tails.setdefault(typed, set()).add((code, part in CITY_PARTS))
        self.short: dict[str, str] = {}
        for tail, owners in sorted(tails.items()):
            codes = {code for code, _ in owners}
            if len(codes) == 1 and all(city for _, city in owners):
                self.short[tail] = codes.pop()
        # Candidate names by their first two characters, longest first.
        self._by_head: dict[str, list[str]] = {}
        for key in sorted(self.codes, key=lambda k: (-len(k), k)):
            self._by_head.setdefault(key[:2], []).append(key)
        self._prefix_by_head: dict[str, list[str]] = {}
        for prefix in self.prefixes:
            self._prefix_by_head.setdefault(prefix[:2], []).append(prefix)
        # Where any name or place could start: found by one scan in C, not a Python step per character.
        heads = sorted(set(self._by_head) | set(self._prefix_by_head))
        self._starts = re.compile("(?=(?:" + "|".join(map(re.escape, heads)) + "))") if heads else None

    def code(self, name: str) -> str | None:
        """The code of exactly this name (normalised), or None."""
        return self.codes.get(normalise_name(name))

    def named(self, typed: str) -> str | None:
        """The unit a reader means by typing ``typed``: a registered name, else a city unit's name
        without its city part (see the module's rule), or None."""
        key = normalise_name(typed)
        return self.codes.get(key) or self.short.get(key)

    @staticmethod
    def _longest_at(text: str, at: int, table: dict[str, list[str]]) -> str | None:
        for key in table.get(text[at : at + 2], ()):
            if text.startswith(key, at):
                return key
        return None

    def find(self, text: str) -> list[NameMatch]:
        """Every mention of a registered unit in ``text``, in text order (offsets in the
        normalised text)."""
        norm = normalise_name(text)
        behind_place: set[int] = set()  # starts inside or right behind a county-level place name
        candidates: list[tuple[int, int, str]] = []
        for at in (m.start() for m in self._starts.finditer(norm)) if self._starts else ():
            place = self._longest_at(norm, at, self._prefix_by_head)
            if place:
                behind_place.update(range(at + 1, at + len(place) + 1))
            key = self._longest_at(norm, at, self._by_head)
            if key:
                candidates.append((at, at + len(key), key))
        used = [False] * len(norm)
        taken: list[tuple[int, int, str]] = []
        # longest first, then leftmost; a taken name's characters are no one else's
        for start, end, key in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if start in behind_place or any(used[start:end]):
                continue
            used[start:end] = [True] * (end - start)
            taken.append((start, end, key))
        return [NameMatch(s, e, key, self.codes[key]) for s, e, key in sorted(taken)]

    def codes_in(self, text: str) -> set[str]:
        """The codes of every unit ``text`` mentions."""
        return {m.code for m in self.find(text)}

    def payload(self) -> dict[str, Any]:
        """The rule as data for the browser (``unit_names`` in ``assets/rules.json``):

        ``names``: [normalised name, code] pairs, longest name first; ``prefixes``: county-level
        place names, longest first; ``short``: [name without the city part, code] pairs (``named``). Texts are normalised as ``normalize`` in ``rules.json`` says
        (the compare key: fold, drop, brackets). A script applies the module's rule to these data,
        never a list of its own."""
        return {
            "names": [[key, self.codes[key]] for key in sorted(self.codes, key=lambda k: (-len(k), k))],
            "prefixes": list(self.prefixes),
            "short": [[key, code] for key, code in self.short.items()],
            "normalize": "compare_key",
            "rule": "longest registered name wins; a name starting inside or right behind a prefix is not a mention",
        }
