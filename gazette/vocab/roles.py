"""Roles in a task: the words the gazette family prints for them, their labels and strength.

One table for every reader of roles: the task reader (``derive/assignments.py``), the
importer's checks, the pages (``role_labels`` in the render context), the exports and the
browser (``assets/rules.json``). A role word is printed in three ways:

* a *role noun* naming a column or heading a group: "牵头单位", "配合部门", "责任主体";
  followed by a colon it opens a role group ("牵头单位:市农业局,配合单位:…");
* a *role verb* after the names it applies to: "市发改委牵头", "…等按职责分工负责";
* ``member``: units listed as 成员单位 of a 领导小组 (``derive/members.py``).
"""

from __future__ import annotations

import re
from typing import Literal

from gazette.vocab.normalize import without_spaces

Role = Literal["lead", "responsible", "cooperate", "supervise", "member"]

# Display order: columns, filters, counts and export fields list roles in this order.
ROLES: tuple[Role, ...] = ("lead", "responsible", "cooperate", "supervise", "member")

# What pages, exports and the browser call each role (the site's words, not the printed ones).
ROLE_LABELS: dict[Role, str] = {
    "lead": "牵头", "responsible": "责任", "cooperate": "配合", "supervise": "督办", "member": "成员单位",
}

# Which role wins when one task names a unit twice (e.g. "牵头单位:市统计局;配合单位:市统计局"):
# the role that does the work outranks the one that helps, helping outranks overseeing, and
# membership of a group is the weakest claim. Lower is stronger. Stated here, not implied by ROLES.
STRENGTH: dict[Role, int] = {"lead": 0, "responsible": 1, "cooperate": 2, "supervise": 3, "member": 4}


def stronger(a: Role, b: Role) -> Role:
    """The stronger of two roles (see STRENGTH); ``a`` on a tie."""
    return a if STRENGTH[a] <= STRENGTH[b] else b


# Role stems as printed before 单位/部门/主体 in a role noun, and the role each names.
# 主办 is the office that runs a matter (= lead); 承办, 实施 and 负责 carry it out (= responsible);
# 协办, 参与, 协同 and 协助 help (= cooperate).
STEMS: tuple[tuple[str, Role], ...] = (
    ("牵头", "lead"),
    ("主办", "lead"),
    ("责任", "responsible"),
    ("负责", "responsible"),
    ("承办", "responsible"),
    ("实施", "responsible"),
    ("主责", "responsible"),
    ("配合", "cooperate"),
    ("协办", "cooperate"),
    ("参与", "cooperate"),
    ("协同", "cooperate"),
    ("协助", "cooperate"),
    ("督办", "supervise"),
    ("督查", "supervise"),
)
# What a role noun ends with: 牵头单位, 责任部门, 责任主体, 实施主体.
NOUN_ENDS: tuple[str, ...] = ("单位", "部门", "主体")
# Which stem decides a compound noun's role ("牵头责任单位", "协同责任单位", "配合责任单位"):
# 责任/负责 only say that a unit answers for the work, the other stems say how it does, so any
# of them outranks responsible. Not STRENGTH: this ranks how much a word says, not a claim.
SPECIFICITY: tuple[Role, ...] = ("lead", "cooperate", "supervise", "responsible")

_STEM = "(?:" + "|".join(sorted((stem for stem, _ in STEMS), key=len, reverse=True)) + ")+"
# A role noun: one stem or several ("牵头责任单位"), then its end. Matched as a whole, so the
# 责任单位 inside 牵头责任单位 is never a label of its own.
ROLE_NOUN = _STEM + "(?:" + "|".join(NOUN_ENDS) + ")"
# The role nouns of one stem (the names rules.json ships); compounds are matched by ROLE_NOUN.
ROLE_NOUNS: tuple[str, ...] = tuple(
    sorted((stem + end for stem, _ in STEMS for end in NOUN_ENDS), key=len, reverse=True)
)
MEMBER_NOUN = "成员单位"
# A role stem before a person's title labels a leader, not a unit: "牵头负责领导:金力". It is a
# role word (so the report lists it), but no unit list follows it.
PERSON_ENDS: tuple[str, ...] = ("领导", "负责人", "责任人")
PERSON_NOUN = _STEM + "(?:" + "|".join(PERSON_ENDS) + ")"

# A document's remark on how its lists are ordered: "(列第一位者为工作牵头单位或汇总单位,下同)".
# Where a document says so, the first unit after a plain 责任单位 label leads, from that list on.
FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?(?:第一|首)位?(?:者|的单位|的)?(?:为|是)[^()（）]*?牵头")

# A role noun and the colon that opens its group: "牵头单位:", "配合部门 ：".
ROLE_LABEL = re.compile(r"(?P<word>" + ROLE_NOUN + r")\s?[:：]")
_ROLE_NOUN = re.compile(ROLE_NOUN)
_PERSON_NOUN = re.compile(PERSON_NOUN)


def is_role_noun(word: str) -> bool:
    """True when ``word`` (spaces ignored) is a whole role noun: 牵头单位, 协同责任单位."""
    return _ROLE_NOUN.fullmatch(without_spaces(word)) is not None


def is_person_noun(word: str) -> bool:
    """True when ``word`` names a leader by role ("牵头负责领导"), not a unit."""
    return _PERSON_NOUN.fullmatch(without_spaces(word)) is not None


def noun_role(word: str) -> Role | None:
    """Role of a column heading or group label (spaces ignored): 配合部门 → cooperate, 完成时限 → None.

    A heading names a role when it ends like a role noun and holds a role stem anywhere
    before that end ("市级牵头单位", "主要责任单位"); of several stems the most specific wins
    (SPECIFICITY: 协同责任单位 → cooperate, 牵头责任单位 → lead)."""
    h = without_spaces(word)
    if h == MEMBER_NOUN:
        return "member"
    if not h.endswith(NOUN_ENDS):
        return None
    named = {role for stem, role in STEMS if stem in h}
    return next((role for role in SPECIFICITY if role in named), None)


# Role verbs after the names they apply to, longest first: the words a prose sentence or a
# table cell uses ("市发改委牵头", "市住建局、市环保局等按职责分工负责"). The optional lead-in
# (等, 按各自职责, 领域) belongs to the verb, not to the last name.
_LEAD_IN = r"(?:等)?(?:按各自职责|按照职责|按职责|职责|各自)?(?:[、,，]?领域)?"
VERBS: tuple[tuple[str, Role], ...] = (
    (_LEAD_IN + r"(?:分工)负责", "responsible"),
    (r"牵头负责", "lead"),
    (r"负责牵头", "lead"),
    (r"牵头", "lead"),
    (r"(?:等)?(?:积极)?(?:协助|配合)", "cooperate"),
    (r"(?:等)?督办", "supervise"),
    (r"(?:等)?(?:具体)?负责", "responsible"),
)
# Any role verb, as regex source (the readers anchor it where they need it).
ROLE_VERB = "(?:" + "|".join(pattern for pattern, _ in VERBS) + ")"
# The words counted as role words in running text, besides role nouns: 牵头 is always a role
# word; 负责/配合 are too common in plain prose ("负责同志", "配合做好") to count on their own.
COUNTED_VERBS: tuple[str, ...] = ("牵头",)

# Role groups are separated by these (or simply by the next role noun); names inside a group by
# 、 and, in loose prints, by a comma too.
# Between role groups: a sentence end closes one, a clause separator (comma) starts the next.
SENTENCE_ENDS = "。;；"
CLAUSE_SEPARATORS = ",，"
GROUP_SEPARATORS = ";；" + CLAUSE_SEPARATORS + "。"  # the order rules.json has always shipped
NAME_SEPARATORS = "、,，"
# Words that join the last name of a list: "市财政局和市统计局", "及各县(市、区)".
NAME_JOINERS: tuple[str, ...] = ("及", "和", "与", "以及")

# Brackets, full- and half-width; nested to any depth in unit names (各县(市、区)).
OPEN_BRACKETS = "(（〔[【"
CLOSE_BRACKETS = ")）〕]】"
