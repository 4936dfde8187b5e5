"""成员单位: units listed as members of a 领导小组, 工作专班 or 联席会议.

Membership is a role of its own (``member`` in gazette.vocab.roles.ROLES),
read from the two ways the gazette prints it:

* a sentence naming the members: "成员单位包括市委宣传部、市编办……等单位",
  "成员单位为市委人才办、……、柯城区政府等单位负责人(详见附件)";
* a roster, one person a line, after a label "组 长:" / "成 员:" / "组成人员:":
  "成 员:毕 茗(市委宣传部)", "余卫军 市委人才办". Every listed person's unit
  is a member unit (组长 and 副组长 sit in the group too).

Lists run to dozens of names, so nothing here can backtrack: the patterns
have no nested or adjacent unbounded quantifiers over the same characters,
and lists are split with ``str.split``. A name the registry does not know is
left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazette.derive.anchors import Node
from gazette.derive.departments import Registry, UnitRef, UnresolvedName, merge_roles
from gazette.vocab.roles import SENTENCE_ENDS

# "成员单位包括" / "成员单位为" / "成员单位:" — a verb or colon must follow, so that
# "各成员单位要各司其职" names nobody.
_SENTENCE = re.compile(r"成员单位(?:包括|为|是|有|[:：])")
_ROSTER_LABEL = re.compile(r"^(?:组\s?长|副\s?组\s?长|成\s?员|组成人员|成员名单)[:：]")
# one person and the unit after them: "毕 茗(市委宣传部)" or "余卫军 市委人才办"
_PAREN_UNIT = re.compile(r"^[^\s(（:：,，。]{1,3}(?: [^\s(（:：,，。]{1,2})?[(（](?P<unit>[^()（）]{2,30})[)）]$")
_SPACED_UNIT = re.compile(r"^[^\s:：,，。]{1,3}(?: [^\s:：,，。]{1,2})? (?P<unit>[^\s:：,，。]{2,30})$")


@dataclass(frozen=True)
class Membership:
    anchor: Node  # where the list is printed (the part, or the roster's attachment)
    text: str  # the group as printed: the sentence, or the roster's title
    units: list[UnitRef]


def _resolve(registry: Registry, names: list[str]) -> list[UnitRef]:
    refs: list[UnitRef] = []
    for name in names:
        try:
            refs.extend(registry.parse(name, "member", context=name))
        except UnresolvedName:
            continue
    return merge_roles(refs)


def _sentence_names(text: str, start: int) -> list[str]:
    rest = text[start:]
    end = min((i for i in (rest.find(ch) for ch in SENTENCE_ENDS) if i >= 0), default=len(rest))
    names = []
    for piece in rest[:end].split("、"):
        piece = piece.split("等", 1)[0].strip()  # "…等单位", "…等单位负责人"
        if piece:
            names.append(piece)
    return names


def sentence_members(node: Node, registry: Registry) -> list[Membership]:
    part = node.part
    if part is None or part.table is not None:
        return []
    found = []
    for value in (part.text, *part.paragraphs):
        if not value:
            continue
        for match in _SENTENCE.finditer(value):
            units = _resolve(registry, _sentence_names(value, match.end()))
            if units:
                sentence_start = max(value.rfind(ch, 0, match.start()) for ch in SENTENCE_ENDS) + 1
                sentence = value[sentence_start:].split("。", 1)[0] + "。"
                found.append(Membership(node, sentence.strip(), units))
    return found


def _roster_unit(line: str) -> str | None:
    line = _ROSTER_LABEL.sub("", line.strip()).strip()
    match = _PAREN_UNIT.match(line) or _SPACED_UNIT.match(line)
    return match.group("unit") if match else None


def roster_members(container: Node | None, parts: list[Node], title: str, registry: Registry) -> list[Membership]:
    """A roster among ``parts`` (the children of one container): from the first
    labelled line, every following line that is a person and a unit."""
    start = next(
        (k for k, n in enumerate(parts) if n.part and n.part.text and _ROSTER_LABEL.match(n.part.text.strip())),
        None,
    )
    if start is None:
        return []
    names = []
    for node in parts[start:]:
        text = node.part.text if node.part else None
        if not text:
            break
        unit = _roster_unit(text)
        if unit is None:
            if _ROSTER_LABEL.match(text.strip()):
                continue  # "副组长:市政府常务副市长": a post, no unit
            break
        names.append(unit)
    units = _resolve(registry, names)
    if not units:
        return []
    first = parts[start]
    return [Membership(container or first, title or (first.part.text if first.part else None) or "", units)]
