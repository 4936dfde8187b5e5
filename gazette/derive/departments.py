"""Resolve printed unit names to registry entries (``data/departments.yaml``).

Printed lists are loose: "市发改委、住建局、环保局" writes 市 once for every
member; PDF extraction leaves line-wrap spaces inside names ("市质监 局");
role words trail the names ("市创强办牵头", "…等按职责、领域分工负责"). This
module turns such a cell or phrase into (name as printed, department, role)
triples, or says it is not a unit list at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from gazette.records.models import Department
from gazette.vocab.roles import (
    CLOSE_BRACKETS,
    GROUP_SEPARATORS,
    NAME_SEPARATORS,
    OPEN_BRACKETS,
    ROLE_VERB,
    VERBS,
    Role,
    stronger,
)
from gazette.vocab.unitnames import (
    CITY_PARTS,
    GENERIC_NAME,
    UNIT_END,
    UnitMatcher,
    looks_like_unit_name,
    normalise_name,
)

# Role verbs trailing a group of names ("市创强办牵头", "…等按职责分工负责"), in the order of
# ``gazette.vocab.roles.VERBS`` (longest first).
_TRAILERS: list[tuple[re.Pattern[str], Role]] = [(re.compile(f"(?:{pattern})$"), role) for pattern, role in VERBS]
# Across a line wrap, a piece that names a unit and then its role ("市创强办牵头"), or a piece
# after one that ends with a role verb, stands alone: the wrap is no break inside a name.
_NAME_THEN_VERB = re.compile(f"^[^{NAME_SEPARATORS}]{{2,}}{ROLE_VERB}")
_ENDS_WITH_VERB = re.compile(f"{ROLE_VERB}$")
# Filler after a role phrase that names nobody.
_FILLER = re.compile(r"^(?:做好各自领域工作|共同推进|参与)$")
# Collective tails after the named units: "等领导小组成员单位", "等及领导小组相关成员单位".
_COLLECTIVE_TAIL = re.compile(r"(?:等)?(?:及)?(?:领导小组)?(?:相关)?(?:成员)?单位$")
_OPEN, _CLOSE = OPEN_BRACKETS, CLOSE_BRACKETS
_LIST_STOPS = NAME_SEPARATORS + ";；"
# A name and its other name in brackets at its end, both at least two characters (normalised).
_ALIASED = re.compile(r"^(?P<name>[^()]{2,})\((?P<alias>[^()]{2,})\)$")
# County-level governments' names without their body: 江山市人民政府 → 江山市 (the place names
# of the unit-name matcher: a name right behind one is that county's unit, not the city's).
_GOVERNMENT = re.compile(r"(?:人民政府|政府)$")


@dataclass(frozen=True)
class UnitRef:
    printed: str  # the name as printed (after joining wrapped lines)
    code: str  # registry code
    role: Role


class UnresolvedName(ValueError):
    def __init__(self, name: str, context: str):
        self.name = name
        super().__init__(f"unit name {name!r} is not in data/departments.yaml (in {context!r})")


# "各县、市、区政府" is one collective name, written with 顿号 between the county-level kinds where
# others print 各县(市、区)政府: its 顿号 do not separate names.
# (Two kinds are two collectives: 各区、县级市.)
_COUNTY_KINDS = re.compile(r"各[县市区](?:、[县市区]){2,}(?!级)")
_KEPT = "\x00"


def _split_outside_brackets(text: str, seps: str) -> list[str]:
    pieces, depth, current = [], 0, ""
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += ch
    pieces.append(current)
    return [p.strip() for p in pieces if p.strip()]


class Registry:
    """Every spelling → department code, and the unit-name matcher over them."""

    def __init__(self, units: Mapping[str, Sequence[str]], places: Iterable[str] = ()):
        """``units``: code → every printed name; ``places``: county-level place names."""
        self.matcher = UnitMatcher(((name, code) for code, names in units.items() for name in names), places)
        self.by_name: dict[str, str] = self.matcher.codes
        self.persons: frozenset[str] = frozenset()  # codes of natural persons (not units)

    @classmethod
    def from_records(cls, departments: Iterable[Department]) -> Registry:
        """The registry of the validated ``data/departments.yaml`` records."""
        records = list(departments)
        places = {
            _GOVERNMENT.sub("", name)
            for d in records
            if d.kind == "县(市、区)政府" and not d.collective
            for name in (d.name, *d.aliases)
        }
        registry = cls({d.code: [d.name, *d.aliases] for d in records}, sorted(places))
        registry.persons = frozenset(d.code for d in records if d.person)
        return registry

    def split_persons(self, refs: Iterable[UnitRef]) -> tuple[tuple[UnitRef, ...], tuple[UnitRef, ...]]:
        """(units, natural persons) of resolved names, each in the given order."""
        refs = list(refs)
        return (
            tuple(r for r in refs if r.code not in self.persons),
            tuple(r for r in refs if r.code in self.persons),
        )

    def lookup(self, name: str, city_context: bool) -> str | None:
        """Code for ``name``; in a 市-once list, 市+name is tried first."""
        key = normalise_name(name)
        if city_context:
            code = self.by_name.get("市" + key)
            if code:
                return code
        return self.by_name.get(key)

    def looks_like_units(self, text: str) -> bool:
        """True when every piece of ``text`` ends like a unit name (before resolution)."""
        groups = self._groups(text)
        if not groups:
            return False
        for group, _role in groups:
            for piece in group:
                key = normalise_name(piece)
                aliased = _ALIASED.match(key)
                base = aliased.group("name") if aliased else key
                if len(piece) > 24 or not (UNIT_END.search(base) or self.by_name.get(key)):
                    return False
        return True

    def _groups(self, text: str) -> list[tuple[list[str], Role | None]] | None:
        """Split into groups (by , ; and line breaks) of names with an explicit role or None."""
        text = self._join_wraps(text)
        groups: list[tuple[list[str], Role | None]] = []
        for raw in _split_outside_brackets(text, GROUP_SEPARATORS + NAME_SEPARATORS.replace("、", "") + "\n "):
            group = raw
            role: Role | None = None
            for pattern, trailer_role in _TRAILERS:
                stripped = pattern.sub("", group)
                if stripped != group:
                    group, role = stripped, trailer_role
                    break
            if not group:
                if _FILLER.match(raw):
                    continue
                if role is not None and groups:
                    # "X牵头 负责": the role word was wrapped onto its own line
                    groups[-1] = (groups[-1][0], role)
                    continue
                return None
            if _FILLER.match(group):
                continue
            names = []
            for piece in _split_outside_brackets(_COUNTY_KINDS.sub(lambda m: m[0].replace("、", _KEPT), group), "、"):
                piece = piece.replace(_KEPT, "、")
                piece = re.sub(r"^(?:及|和|与)", "", piece)
                tail = _COLLECTIVE_TAIL.search(piece)
                if tail and tail.group(0) != piece and re.search(r"成员|领导小组", tail.group(0)):
                    # "市环保局等领导小组成员单位": a named unit, then the collective
                    names += [piece[: tail.start()], "领导小组成员单位"]
                    continue
                piece = re.sub(r"等$", "", piece)
                if piece:
                    names.append(piece)
            if not names:
                return None
            groups.append((names, role))
        return groups

    def _join_wraps(self, text: str) -> str:
        """Remove line-wrap whitespace inside a name ("市质监 局" → "市质监局")."""
        tokens = re.split(r"(\s+)", text.strip())
        out = tokens[0] if tokens else ""
        for i in range(2, len(tokens), 2):
            nxt = tokens[i]
            first = _split_outside_brackets(nxt, _LIST_STOPS)[:1]
            first_name = first[0] if first else nxt
            standalone = (
                self.by_name.get(normalise_name(first_name))
                or first_name.startswith(("市", "衢州", "各", "浙江"))
                or _NAME_THEN_VERB.match(first_name)
                or _FILLER.match(first_name)
            )
            prev_last = _split_outside_brackets(out, _LIST_STOPS)[-1:] or [""]
            if standalone or _ENDS_WITH_VERB.search(prev_last[0]) or not prev_last[0]:
                out += tokens[i - 1] + nxt
            else:
                out += nxt
        return out

    def parse(self, text: str, default_role: Role, context: str = "") -> list[UnitRef]:
        """Resolve every unit in ``text``; UnresolvedName for the first name the registry lacks."""
        refs, unresolved = self.resolve(text, default_role)
        if unresolved:
            raise UnresolvedName(unresolved[0], context or text)
        return refs

    def resolve(self, text: str, default_role: Role) -> tuple[list[UnitRef], list[str]]:
        """(units of every name that resolves, every name that does not), both in print order:
        an editor learns of every missing name of a list at once, not one per run. Text that
        is no name list at all is returned whole as the one name not resolved."""
        groups = self._groups(text)
        if groups is None:
            return [], [text]
        refs: list[UnitRef] = []
        unresolved: list[str] = []
        city = False
        for names, role in groups:
            for name in names:
                code = self.lookup(name, city)
                found = [(name, code)] if code else self._aliased(name, city) or self._segment(normalise_name(name), city)
                if not found:
                    glued = self._glued(name, city)
                    found = glued[0] if glued else None
                    unresolved += glued[1] if glued else [name]
                    # 市-once lists go on: a missing "市金融办" still says the list writes 市 once
                    city = city or name.startswith("市")
                for printed, code in found or ():
                    # 市-once lists: after "市X", a bare "住建局" means 市住建局
                    city = city or printed.startswith("市")
                    refs.append(UnitRef(printed, code, role or default_role))
        return refs, unresolved

    def _aliased(self, name: str, city: bool) -> list[tuple[str, str]] | None:
        """A unit with its other name in brackets, "市发改委(市粮食局)": the unit before the
        bracket, and the bracketed one too when the registry holds it as another unit."""
        m = _ALIASED.match(normalise_name(name))
        if not m:
            return None
        code = self.lookup(m.group("name"), city)
        if not code:
            return None
        other = self.lookup(m.group("alias"), city)
        return [(name, code)] + ([(m.group("alias"), other)] if other and other != code else [])

    def _glued(self, name: str, city: bool) -> tuple[list[tuple[str, str]], list[str]] | None:
        """Two unit names run together by the extraction (a cell's two lines: "市旅游委市统计局")
        where the registry knows one: (the known one, [the one it lacks]); None otherwise, so the
        editor is asked about the name to register, never about the pair."""
        key = normalise_name(name)
        for cut in range(2, len(key) - 1):
            pieces = (key[:cut], key[cut:])
            if not pieces[1].startswith(CITY_PARTS) or not all(looks_like_unit_name(p) for p in pieces):
                continue
            codes = (self.lookup(pieces[0], city), self.lookup(pieces[1], True))
            if any(codes):
                return ([(p, c) for p, c in zip(pieces, codes) if c], [p for p, c in zip(pieces, codes) if not c])
        return None

    def _segment(self, name: str, city: bool) -> list[tuple[str, str]] | None:
        """Names run together by the extraction ("柯城区人民政府市安监局"), split into
        registry names, longest first; None unless every piece resolves."""
        for end in range(len(name) - 1, 1, -1):
            head = name[:end]
            code = self.lookup(head, city)
            if not code:
                continue
            rest = self._segment(name[end:], city or head.startswith("市"))
            if rest is not None or not name[end:]:
                return [(head, code), *(rest or [])]
            direct = self.lookup(name[end:], city or head.startswith("市"))
            if direct:
                return [(head, code), (name[end:], direct)]
        return None


def name_problem(name: str) -> str | None:
    """Why a department name or alias cannot identify one unit, or None.

    Lookups and mentions match names as written in running text: one character (局) or a
    bare kind of body (政府, 管委会, 单位) would match nearly every document."""
    key = normalise_name(name)
    if len(key) < 2:
        return f"名称“{name}”太短，不能确定是哪个单位（至少2个字）"
    if GENERIC_NAME.fullmatch(key):
        return f"名称“{name}”只是一类机构的名称，不是某个单位"
    return None


def merge_roles(refs: Iterable[UnitRef]) -> list[UnitRef]:
    """One entry per unit; when a unit is named twice the stronger role wins (``roles.stronger``)."""
    best: dict[str, UnitRef] = {}
    for ref in refs:
        kept = best.setdefault(ref.code, ref)
        if stronger(kept.role, ref.role) != kept.role:  # on a tie the name printed first stays
            best[ref.code] = ref
    return list(best.values())
