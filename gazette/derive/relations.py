"""Relationships the text states: the one reader of relationship sentences.

A sentence acts on another document when it prints that document's 文号 (found
by ``derive/citations.py``, on the grammar of ``derive/wenhao.py``) and, in the
same clause, the words of one kind:

* ``repeals``  — 废止 / 同时废止 / 停止执行 / 不再执行: "…(衢政办发[2015]7号)同时废止";
* ``replaces`` — 代替 / 替代 / 取代: "本办法代替原《…》(衢政发〔2010〕5号)";
* ``amends``   — 修订 / 修改 / 补充: "对《…》(文号)作如下修改";
* ``tied``     — the document itself (本细则, ``status.SUBJECT``) runs by another one's
  time: "本细则按《…》(衢政发[2017]46号)规定的时间执行", "…与…同步";
* ``basis``    — a 根据 / 依据 / 依照 clause: "根据《…》(衢政发[2011]89号)等文件精神".

A clause is the text between commas, semicolons or colons outside 《》 and
brackets (a title's own punctuation never cuts it). A conditional sentence
("若…(文号)调整或废止,…") declares nothing and yields nothing. What a document
says about itself — 施行 and 有效期 — is read once, by ``derive/status.py``, and
becomes the relations ``effective`` and ``expires`` here.

``standing`` turns the relations into a status as of a given date (the build
date, ``gazette.derive.asof``): repealed or replaced → 已废止 (from the acting
document's printed 施行日期, when it gives one); 有效期 run out → 已届满; amended →
已修改; tied → whatever the tying document's status is; a printed 施行日期 still
ahead → 尚未施行. Nothing else is inferred.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from gazette.derive.anchors import SEPARATOR, AnchoredDocument, Node
from gazette.derive.citations import find_citations
from gazette.derive.status import SUBJECT, DocumentStatus, StatusFact, sentences
from gazette.derive.views import (
    AMENDED,
    EXPIRED,
    NOT_YET_IN_FORCE,
    REPEALED,
    DocRef,
    Relation,
    RelationKind,
    Standing,
)
from gazette.derive.wenhao import Wenhao

_OPEN, _CLOSE = "《(（〈[", "》)）〉]"
_CLAUSE_END = ",，;；:：。"
_CONDITIONAL = re.compile(r"^\s*(?:若|如果|倘若|假如|一旦|如)")

# Checked in this order; the first kind whose words stand in the clause wins.
_WORDS: tuple[tuple[RelationKind, re.Pattern[str], str], ...] = (
    ("repeals", re.compile(r"(?:同时|一并|予以|即行)?(?:废止|停止执行|不再执行)"), "both"),
    ("replaces", re.compile(r"代替|替代|取代"), "both"),
    ("amends", re.compile(r"(?:作如下|予以|同时)?(?:修订|修改|补充)"), "both"),
    ("tied", re.compile(r"(?:时间|期限|有效期)[^,，;；。]{0,4}?(?:执行|施行|实施)|同步|一致"), "after"),
    ("basis", re.compile(r"根据|依据|依照"), "before"),
)

# The site's words around the target on the acting page, and after "{acting document} {place}"
# on the affected page. ``{words}`` is what the sentence prints.
_WORDING: dict[RelationKind, tuple[str, str, str]] = {
    "repeals": ("宣布", "{words}", "宣布本文件{words}"),
    "replaces": ("宣布{words}", "", "宣布{words}本文件"),
    "amends": ("宣布{words}", "", "宣布{words}本文件"),
    "tied": ("规定本文件按", "规定的时间执行", "规定其施行时间随本文件"),
    "basis": ("依据", "", "以本文件为依据"),
    "effective": ("规定本文件", "", ""),
    "expires": ("规定本文件", "", ""),
}


# For the 数据结构 page: each kind, what it is called, which printed words make it, what it settles.
KIND_DOCS: tuple[tuple[RelationKind, str, str, str], ...] = (
    ("repeals", "废止", "与文号同一分句中的“废止”“同时废止”“停止执行”“不再执行”", "被废止的文件：已废止（自废止文件印明的施行日期起）"),
    ("replaces", "代替", "同一分句中的“代替”“替代”“取代”（如“代替原《……》(文号)”）", "被代替的文件：已废止"),
    ("amends", "修改", "同一分句中的“修订”“修改”“补充”", "被修改的文件：已修改"),
    ("tied", "随他文施行", "主语为文件自身（本细则、本办法……）且“按……(文号)规定的时间执行”或“与……同步”", "本文件的有效性随该文件"),
    ("basis", "依据", "文号所在分句以“根据”“依据”“依照”开头", "不影响有效性"),
    ("effective", "施行", "主语为文件自身的“自……起施行/执行/实施/生效”（derive/status.py）", "印明的施行日期在生成日之后：尚未施行"),
    ("expires", "有效期", "主语为文件自身的“有效期……”：“有效期至某日”或自印明的施行日期起“有效期N年”", "届满日不晚于生成日：已届满"),
)


def place(anchored: AnchoredDocument, node: Node) -> str:
    """How readers name a part: its citation label, or 第N段 for an unnumbered paragraph."""
    if node.cite:
        return node.cite
    if node.kind == "p" and node.number is not None:
        root_id = node.id.split(SEPARATOR, 1)[0]
        if root_id == node.id:
            return f"第{node.number}段"
        root = anchored.by_id().get(root_id)
        container = (root.cite or root.label or "附件") if root else "附件"
        return f"{container.rstrip('：:')}第{node.number}段"
    return "正文"


def _mask(sentence: str) -> str:
    """The sentence with everything inside 《》 and brackets blanked out, same length."""
    out, depth = [], 0
    for ch in sentence:
        if ch in _OPEN:
            depth += 1
            out.append(ch)
        elif ch in _CLOSE and depth:
            depth -= 1
            out.append(ch)
        else:
            out.append("\u3000" if depth else ch)
    return "".join(out)


def _clause(masked: str, start: int, end: int) -> tuple[str, str]:
    """(text of the clause before the span, text after it), brackets blanked."""
    left = max(masked.rfind(ch, 0, start) for ch in _CLAUSE_END) + 1
    rights = [i for i in (masked.find(ch, end) for ch in _CLAUSE_END) if i >= 0]
    return masked[left:start], masked[end : min(rights, default=len(masked))]


def _kind(sentence: str, before: str, after: str) -> tuple[RelationKind, str] | None:
    conditional = bool(_CONDITIONAL.match(sentence))
    for kind, words, side in _WORDS:
        if conditional and kind != "basis":
            continue
        if kind == "tied" and not SUBJECT.match(sentence):
            continue
        found = None
        if side in ("after", "both"):
            found = words.search(after)
        if found is None and side in ("before", "both"):
            found = words.search(before)
        if found:
            return kind, found.group(0)
    return None


def _relation(
    kind: RelationKind, source: DocRef, anchored: AnchoredDocument, node: Node, quote: str, words: str,
    target: Wenhao | None, by_number: Mapping[Wenhao, DocRef], date: dt.date | None,
) -> Relation:
    before, after, inverse = (w.format(words=words) for w in _WORDING[kind])
    return Relation(
        kind, source, node.id, place(anchored, node), quote, words, target,
        by_number.get(target) if target else None, date, before, after, inverse,
    )


def read_relations(
    source: DocRef, anchored: AnchoredDocument, status: DocumentStatus, by_number: Mapping[Wenhao, DocRef]
) -> tuple[Relation, ...]:
    """Every relationship ``source``'s sentences state, in reading order."""
    found: list[Relation] = []
    own: list[tuple[RelationKind, StatusFact, dt.date | None]] = []
    if status.effective is not None:
        own.append(("effective", status.effective, status.effective.date))
    if status.period is not None:
        own.append(("expires", status.period, status.expires))
    for node, sentence in sentences(anchored):
        for kind, fact, date in own:
            if fact.node is node and fact.sentence == sentence:
                found.append(_relation(kind, source, anchored, node, sentence, fact.phrase, None, by_number, date))
        masked = _mask(sentence)
        for mention in find_citations(sentence):
            if mention.wenhao == source.wenhao:
                continue
            read = _kind(sentence, *_clause(masked, mention.start, mention.end))
            if read is not None:
                kind, words = read
                found.append(_relation(kind, source, anchored, node, sentence, words, mention.wenhao, by_number, None))
    return tuple(found)


# Kinds that settle something about the target's own status (shown where the target is looked up).
STATUS_KINDS: frozenset[RelationKind] = frozenset({"repeals", "replaces", "amends"})


def statement(rel: Relation) -> str:
    """The relation in the site's words, naming both documents: 衢政办发〔2017〕11号第3段宣布衢政办发〔2015〕7号同时废止."""
    target = rel.target.canonical if rel.target else "本文件"
    return f"{rel.source.number}{rel.place}{rel.before}{target}{rel.after}"


def affecting(relations: Iterable[Relation]) -> dict[str, tuple[Relation, ...]]:
    """Document id → the relations of other documents that target it (library order)."""
    out: dict[str, list[Relation]] = {}
    for relation in relations:
        if relation.target_doc is not None:
            out.setdefault(relation.target_doc.id, []).append(relation)
    return {key: tuple(value) for key, value in out.items()}


def _acts_from(relation: Relation, effective: Mapping[str, dt.date | None]) -> dt.date | None:
    """When a repeal or amendment takes effect: the acting document's printed 施行日期, if any."""
    return effective.get(relation.source.id)


def standings(
    own: Mapping[str, tuple[Relation, ...]], affected: Mapping[str, tuple[Relation, ...]], as_of: dt.date
) -> dict[str, Standing]:
    """Document id → its status on ``as_of``, for every document the text settles something about."""
    effective = {
        doc_id: next((r.date for r in rels if r.kind == "effective"), None) for doc_id, rels in own.items()
    }
    out: dict[str, Standing] = {}
    for doc_id, rels in own.items():
        against = affected.get(doc_id, ())
        ended = [r for r in against if r.kind in ("repeals", "replaces")]
        expires = next((r for r in rels if r.kind == "expires" and r.date is not None), None)
        amended = [r for r in against if r.kind == "amends"]
        starts = next((r for r in rels if r.kind == "effective" and r.date is not None), None)
        if ended:
            by = ended[0]
            since = _acts_from(by, effective)
            if since is None or since <= as_of:
                out[doc_id] = Standing(REPEALED, since, by, as_of=as_of)
                continue
        if expires is not None and expires.date is not None and expires.date <= as_of:
            out[doc_id] = Standing(EXPIRED, expires.date, expires, as_of=as_of)
        elif amended:
            out[doc_id] = Standing(AMENDED, _acts_from(amended[0], effective), amended[0], as_of=as_of)
        elif starts is not None and starts.date is not None and starts.date > as_of:
            out[doc_id] = Standing(NOT_YET_IN_FORCE, starts.date, starts, as_of=as_of)
    # Tied validity follows the tying document, one step (a tie to a tied document is not chased).
    for doc_id, rels in own.items():
        if doc_id in out:
            continue
        tie = next((r for r in rels if r.kind == "tied"), None)
        if tie is not None:
            follows = out.get(tie.target_doc.id) if tie.target_doc else None
            status = follows.status if follows else None
            out[doc_id] = Standing(status, follows.since if follows else None, tie, follows, as_of)
    return out
