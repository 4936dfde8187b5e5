"""The role-assignment reader: which words of a text assign which role to which printed names.

A pipeline of pure steps, each a function of the previous one's output, walked once:

    text ──role_words──▶ every role word printed (nouns such as 牵头单位, and 牵头)
         ──segments───▶ where an assignment is printed: a labelled line, a parenthetical
                         "(牵头单位:…,配合单位:…)" (balanced brackets at any depth) or one of
                         units and verbs "(市发改委牵头,市财政局配合)", or a prose clause
                         "市发改委(市粮食局)负责…", "由X牵头,Y配合"
         ──role_groups▶ per segment, (role, role word, names as printed) groups, split at
                         ; ；, ， 。 or simply at the next role word
         ──(resolve)──▶ units: ``Registry.parse`` in ``derive/departments.py``
         ──(deadline)─▶ ``derive/deadlines.find_deadline`` on the text left

This module stops before resolution: it knows the role vocabulary (``gazette.vocab.roles``)
and the shape of the print, not the registry, so the importer can call it on any text
(``read``), and the task extractor (``derive/tasks.py``) resolves what it returns. Nothing is
dropped without a trace: every role word is either inside a segment that ``read`` returns or
listed in ``Reading.unread`` with the reason.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from gazette.vocab.roles import (
    CLAUSE_SEPARATORS,
    CLOSE_BRACKETS,
    COUNTED_VERBS,
    GROUP_SEPARATORS,
    NAME_SEPARATORS,
    NOUN_ENDS,
    OPEN_BRACKETS,
    PERSON_NOUN,
    ROLE_LABEL,
    ROLE_NOUN,
    SENTENCE_ENDS,
    VERBS,
    Role,
    is_person_noun,
    is_role_noun,
    noun_role,
)
from gazette.vocab.unitnames import looks_like_unit_name

Form = Literal["line", "parenthetical", "prose"]

# Step 1: every role word. Nouns (compounds whole: 牵头责任单位), a leader's title (牵头负责领导),
# then 牵头 only where it is not part of either.
_ROLE_WORD = re.compile("|".join([ROLE_NOUN, PERSON_NOUN, *COUNTED_VERBS]))
# A verb that is the stem of a role noun or a leader's title ("各牵头单位要…", "牵头负责领导") is no verb.
_NOUN_AT = re.compile(f"{ROLE_NOUN}|{PERSON_NOUN}")
# Step 3 (prose): role verbs, longest first, each with the role it gives.
_VERB = re.compile("|".join(f"(?P<v{i}>{pattern})" for i, (pattern, _) in enumerate(VERBS)))
_VERB_ROLES: dict[str, Role] = {f"v{i}": role for i, (_, role) in enumerate(VERBS)}
# Words before a prose unit list that are not part of it: "由市发改委牵头", "并请市财政局配合".
_PROSE_LEAD_IN = re.compile(r"^(?:并|另|同时)?(?:由|请|责成)?")
_PROSE_MAX = 200  # a prose unit list longer than this is a sentence, not a list


@dataclass(frozen=True)
class RoleWord:
    """A role word as printed, and where."""

    word: str
    start: int
    end: int


@dataclass(frozen=True)
class RoleGroup:
    """One role and the names it is given to, as printed ("配合单位:市财政局、各县(市、区)")."""

    role: Role
    word: str  # the role word as printed: 配合单位, 牵头, 按职责分工负责
    names: str  # the names as printed, role word, separators and notes removed
    start: int  # offset of the names in the read text
    at: int = -1  # offset of the role word in the read text
    end: int = -1  # where the group's printed span ends (names and notes)
    notes: tuple[tuple[int, int], ...] = ()  # spans of bracketed notes cut from the names


@dataclass(frozen=True)
class Segment:
    """Where a text assigns roles: the printed span and its groups in reading order."""

    form: Form
    start: int
    end: int  # the span [start, end): a parenthetical includes its brackets
    groups: tuple[RoleGroup, ...]


@dataclass(frozen=True)
class Unread:
    """A role word the reader saw but could not turn into an assignment, and why (Chinese)."""

    word: str
    start: int
    reason: str


@dataclass(frozen=True)
class Reading:
    """What ``read`` found in one text."""

    words: tuple[RoleWord, ...]
    segments: tuple[Segment, ...]
    unread: tuple[Unread, ...]


# --- step 1: role words ---------------------------------------------------------------------


def role_words(text: str) -> list[RoleWord]:
    """Every counted role word in ``text``: role nouns (牵头单位, 责任主体, 协同责任单位…),
    leaders' titles (牵头负责领导) and 牵头."""
    return [RoleWord(m.group(0), m.start(), m.end()) for m in _ROLE_WORD.finditer(text)]


# --- step 2: segments ----------------------------------------------------------------------


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """Every balanced bracket pair [open, close + 1), at any depth, in order of the open bracket.

    Full- and half-width brackets close each other (prints mix them: "(市、区)"); an unmatched
    closing bracket is ignored, an unmatched opening one closes at the end of the text."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPEN_BRACKETS:
            stack.append(i)
        elif ch in CLOSE_BRACKETS and stack:
            spans.append((stack.pop(), i + 1))
    spans.extend((start, len(text)) for start in stack)
    return sorted(spans)


def depth_map(text: str) -> list[int]:
    """Bracket depth at each character (an opening bracket is at the outer depth)."""
    depths, depth = [], 0
    for ch in text:
        if ch in CLOSE_BRACKETS and depth:
            depth -= 1
        depths.append(depth)
        if ch in OPEN_BRACKETS:
            depth += 1
    return depths


def _labels_at_depth(text: str, start: int, end: int, depths: list[int], depth: int) -> list[re.Match[str]]:
    return [m for m in ROLE_LABEL.finditer(text, start, end) if depths[m.start()] == depth]


def parentheticals(text: str) -> list[Segment]:
    """Bracketed assignments: the outermost brackets whose own level holds a role label."""
    depths = depth_map(text)
    # every role label once, by bracket depth (positions ascending): no span is scanned twice
    by_depth: dict[int, list[re.Match[str]]] = {}
    for m in ROLE_LABEL.finditer(text):
        by_depth.setdefault(depths[m.start()], []).append(m)
    starts = {d: [m.start() for m in found] for d, found in by_depth.items()}
    found: list[Segment] = []
    covered = -1
    for start, end in bracket_spans(text):
        if start < covered:
            continue  # inside an assignment already found
        inner_end = end - 1 if text[end - 1:end] and text[end - 1] in CLOSE_BRACKETS else end
        level = depths[start] + 1
        at = starts.get(level, [])
        lo, hi = bisect.bisect_left(at, start + 1), bisect.bisect_left(at, inner_end)
        labels = by_depth.get(level, [])[lo:hi]
        # the labels must sit in this bracket, not in a later sibling at the same depth
        labels = [m for m in labels if m.end() <= inner_end]
        if not labels or text[start + 1:labels[0].start()].strip(" \t" + GROUP_SEPARATORS):
            continue  # a bracket that does not open with a role label: an alias, 各县(市、区)…
        found.append(Segment("parenthetical", start, end, tuple(role_groups(text, labels, inner_end, depths))))
        covered = end
    return found


def verb_parentheticals(text: str) -> list[Segment]:
    """Brackets that hold nothing but units and role verbs: "（市发改委牵头，市财政局配合）",
    "(市人力资源社会保障局、市税务局负责)". They assign their item as a labelled parenthetical
    does (the names must resolve), so every clause inside (split at , ， ; ；) must be a name
    list ending in a role verb, with a name that looks like a unit's; a bracket with any other
    clause ("(由市统计局负责整理,会后印发)", "(企业负责)") is a remark, not an assignment."""
    depths = depth_map(text)
    found: list[Segment] = []
    covered = -1
    for start, end in bracket_spans(text):
        if start < covered or text[end - 1] not in CLOSE_BRACKETS:
            continue
        level = depths[start] + 1
        bounds = [i for i in range(start + 1, end - 1) if text[i] in CLAUSE_SEPARATORS + SENTENCE_ENDS and depths[i] == level]
        groups: list[RoleGroup] = []
        begin = start + 1
        for stop in [*bounds, end - 1]:
            group = _prose_clause(text[begin:stop], begin, [d - level for d in depths[begin:stop]])
            if (group is None or text[group.at + len(group.word):stop].strip()
                    or not any(looks_like_unit_name(n) for n in re.split(f"[{NAME_SEPARATORS}]", group.names))):
                break
            groups.append(group)
            begin = stop + 1
        else:
            found.append(Segment("parenthetical", start, end, tuple(groups)))
            covered = end
    return found


def labelled_line(line: str, offset: int = 0) -> Segment | None:
    """A line that starts with a role label ("牵头单位:市统计局,配合单位:…"), or None."""
    stripped = len(line) - len(line.lstrip())
    depths = depth_map(line)
    labels = _labels_at_depth(line, 0, len(line), depths, 0)
    if not labels or labels[0].start() != stripped:
        return None
    groups = [
        RoleGroup(
            g.role, g.word, g.names, g.start + offset, g.at + offset, g.end + offset,
            tuple((a + offset, b + offset) for a, b in g.notes),
        )
        for g in role_groups(line, labels, len(line), depths)
    ]
    return Segment("line", offset + stripped, offset + len(line), tuple(groups))


# --- step 3: role groups -------------------------------------------------------------------


def role_groups(text: str, labels: list[re.Match[str]], end: int, depths: list[int]) -> list[RoleGroup]:
    """Split at role labels: each label's names run to the next label (or ``end``),
    without the separators between groups (; ； , ， 。 and spaces)."""
    groups: list[RoleGroup] = []
    for k, label in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else end
        names = text[label.end():stop]
        lead = len(names) - len(names.lstrip())
        names = names.strip().rstrip(GROUP_SEPARATORS + " \t").rstrip()
        # a sentence may go on after the names: "…配合单位:市财政局。确保…" (only at depth 0)
        cut = next(
            (i for i, ch in enumerate(names) if ch in "。" and depths[label.end() + lead + i] == depths[label.start()]),
            None,
        )
        names = names[:cut].rstrip(GROUP_SEPARATORS) if cut is not None else names
        names, notes = _cut_notes(names, label.end() + lead)
        role = noun_role(label.group("word"))
        if role is not None:
            groups.append(RoleGroup(role, label.group("word"), names, label.end() + lead, label.start(), stop, notes))
    return groups


def _cut_notes(names: str, offset: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Names without the bracketed notes among them: a bracket holding a role word is a remark
    on the list ("(列第一位者为工作牵头单位或汇总单位,下同)"), never part of a unit's name the
    way "各县(市、区)" is. Returns the names and the notes' spans in the read text."""
    depths = depth_map(names)
    notes = [
        (a, b) for a, b in bracket_spans(names) if depths[a] == 0 and role_words(names[a:b])
    ]
    if not notes:
        return names, ()
    kept = "".join(ch for i, ch in enumerate(names) if not any(a <= i < b for a, b in notes))
    return kept.rstrip(GROUP_SEPARATORS + " \t"), tuple((a + offset, b + offset) for a, b in notes)


def prose_groups(sentence: str, offset: int = 0) -> list[RoleGroup]:
    """Role groups of a prose sentence: each clause (split at , ，outside brackets) that is a
    name list followed by a role verb ("由市发改委牵头", "市住建局、环保局等按职责分工负责",
    "市发改委(市粮食局)负责研究…"). Whether the names are units is the caller's step: prose
    also says "由建设部门牵头" about bodies no registry holds."""
    depths = depth_map(sentence)
    groups: list[RoleGroup] = []
    start = 0
    bounds = [i for i, ch in enumerate(sentence) if ch in CLAUSE_SEPARATORS and depths[i] == 0]
    for stop in [*bounds, len(sentence)]:
        group = _prose_clause(sentence[start:stop], start + offset, depths[start:stop])
        if group is not None:
            groups.append(group)
        start = stop + 1
    return groups


def _prose_clause(clause: str, offset: int, depths: list[int]) -> RoleGroup | None:
    lead_in = _PROSE_LEAD_IN.match(clause)
    skip = lead_in.end() if lead_in else 0
    for verb in _VERB.finditer(clause, skip):
        if depths[verb.start()] != 0 or clause.startswith(NOUN_ENDS, verb.end()) or _NOUN_AT.match(clause, verb.start()):
            continue  # inside brackets, or part of a role noun or title ("各牵头单位要…", "牵头负责领导")
        # "市行政服务中心:负责…": a colon may end the names
        names = clause[skip:verb.start()].strip().rstrip(":：").rstrip()
        if not names or len(names) > _PROSE_MAX or any(ch in SENTENCE_ENDS for ch in names):
            return None
        role = next(_VERB_ROLES[key] for key, value in verb.groupdict().items() if value is not None)
        return RoleGroup(role, verb.group(0), names, offset + skip, offset + verb.start(), offset + len(clause))
    return None


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces, cut after 。;； outside brackets."""
    depths = depth_map(text)
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_ENDS and depths[i] == 0:
            out.append((start, text[start:i + 1]))
            start = i + 1
    if start < len(text):
        out.append((start, text[start:]))
    return out


# --- the pipeline over one text ------------------------------------------------------------


def read(text: str) -> Reading:
    """Every assignment in ``text`` (labelled lines, parentheticals, prose), and every role word
    that none of them covers, with the reason. Names are left as printed: resolving them to
    units is the caller's step (``Registry.parse``)."""
    words = role_words(text)
    segments: list[Segment] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        segment = labelled_line(line.rstrip("\r\n"), offset)
        if segment is not None:
            segments.append(segment)
        offset += len(line)
    in_lines = _Spans(segments)
    segments += [p for p in parentheticals(text) if not in_lines.covers(p.start)]
    labelled = _Spans(segments)
    with_verbs = [p for p in verb_parentheticals(text) if not labelled.meets(p.start, p.end)]
    segments += with_verbs
    # Such a bracket is an assignment as a labelled one is: each of its verbs is a role word
    # (负责, 配合 too, which prose does not count), so the audit counts what its task uses.
    counted = {w.start for w in words}
    words = sorted([*words, *(RoleWord(g.word, g.at, g.at + len(g.word))
                              for p in with_verbs for g in p.groups if g.at not in counted)], key=lambda w: w.start)
    taken = _Spans(segments)
    for start, sentence in sentences(text):
        if taken.meets(start, start + len(sentence)):
            continue  # a sentence holding a labelled line or parenthetical is read as that
        groups = prose_groups(sentence.rstrip(SENTENCE_ENDS), start)
        if groups:
            segments.append(Segment("prose", start, start + len(sentence), tuple(groups)))
    segments.sort(key=lambda s: s.start)
    spans = _Spans(segments)
    unread = [Unread(w.word, w.start, _why_unread(text, w)) for w in words if not spans.covers(w.start)]
    return Reading(tuple(words), tuple(segments), tuple(unread))


class _Spans:
    """Disjoint segment spans, sorted, for logarithmic "is this offset covered" questions."""

    def __init__(self, segments: list[Segment]):
        ordered = sorted((s.start, s.end) for s in segments)
        self.starts = [s for s, _ in ordered]
        self.ends = [e for _, e in ordered]

    def covers(self, at: int) -> bool:
        i = bisect.bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.ends[i]

    def meets(self, start: int, end: int) -> bool:
        """True when a span starts inside [start, end) or covers ``start``."""
        i = bisect.bisect_left(self.starts, start)
        return self.covers(start) or (i < len(self.starts) and self.starts[i] < end)


def _why_unread(text: str, word: RoleWord) -> str:
    """Why a role word outside every assignment was not read (Chinese, for the editor)."""
    after = text[word.end:word.end + 2]
    if is_person_noun(word.word):
        return "标注的是负责领导（个人），不是单位，不生成单位的任务"
    if is_role_noun(word.word):
        if after[:1] in ":：":
            return "角色词后的单位清单未能读出（不在行首或括号开头）"
        return "角色词用作一般词语，其后没有冒号和单位名称"
    return "“牵头”前没有可读的单位名称（句子不是“单位+牵头”的形式）"
