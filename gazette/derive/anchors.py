"""Anchor ids (eIds) for every part of a document.

The scheme follows Akoma Ntoso eIds: ``{kind}_{number}`` joined by ``__``
from the outermost container, the number being the *printed* number:

=========  ===============  ==================
printed    kind             example id
=========  ===============  ==================
第二章     ``chp``          ``chp_2``
第三节     ``subchp``       ``chp_2__subchp_3``
第十八条   ``art``          ``art_18`` (articles are numbered through the
                            whole text, so chapters are not repeated)
一、       ``sec``          ``sec_4``
(二)       ``item``         ``sec_4__item_2``
3.         ``point``        ``sec_4__item_2__point_3``
(4) / ④    ``subpoint``     ``…__point_3__subpoint_4``
附件2      ``att``          ``att_2`` (an unnumbered 附件 is ``att_1``)
(none)     ``annex``        ``annex_1``: text issued by a notice, unlabeled
(none)     ``p``            ``p_3``: third unnumbered paragraph of its container
table      ``table``        ``att_1__table_1``; its rows ``…__row_{n}``
                            (:func:`row_id`, the one definition templates,
                            exports and scripts use)
=========  ===============  ==================

Parts inside an attachment carry its id as prefix (``att_1__art_3``). Ids of
numbered parts depend only on printed numbering; ``p`` and ``table`` count
within their container, which only changes if the record's text changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from gazette.derive.numbering import LabelError, attachment_number, int_to_chinese, parse_label
from gazette.records.models import Attachment, Document, Part

Loc = tuple[str | int, ...]

SEPARATOR = "__"  # between the ids of a container and its part
ROW = "{table}" + SEPARATOR + "row_{n}"


def row_id(table_id: str, n: int) -> str:
    """Anchor of the ``n``-th (1-based) body row of table ``table_id``."""
    if n < 1:
        raise ValueError(f"table rows are numbered from 1, not {n}")
    return ROW.format(table=table_id, n=n)


class AnchorError(ValueError):
    def __init__(self, loc: Loc, message: str):
        self.loc = loc
        super().__init__(message)


@dataclass
class Node:
    id: str
    kind: str
    number: int | None
    cite: str  # how the part is named in a citation, e.g. 第十八条, 第四部分(二)
    part: Part | None
    loc: Loc
    children: list[Node] = field(default_factory=list)
    title: str | None = None  # attachments only
    label: str | None = None

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _cite_piece(kind: str, number: int, label: str) -> str:
    """Citation wording of one printed number (documented on the 使用说明 page)."""
    if kind in ("chp", "subchp", "art"):
        return label.replace(" ", "")
    if kind == "sec":
        return f"第{int_to_chinese(number)}部分"
    if kind == "item":
        return f"第({int_to_chinese(number)})项"
    if kind == "point":
        return f"第{number}点"
    return f"第({number})目"


def _children(
    parts: list[Part], prefix: str, cite: str, loc: Loc, in_article_scope: bool, base_cite: str = ""
) -> list[Node]:
    nodes: list[Node] = []
    counters = {"p": 0, "table": 0}
    for index, part in enumerate(parts):
        part_loc = loc + (index,)
        if part.table is not None:
            counters["table"] += 1
            own, number, kind, piece = f"table_{counters['table']}", counters["table"], "table", ""
        elif part.label:
            try:
                label = parse_label(part.label)
            except ValueError as exc:
                raise AnchorError(part_loc + ("label",), str(exc)) from None
            kind, number = label.kind, label.number
            own = f"{kind}_{number}"
            piece = _cite_piece(kind, number, part.label)
        else:
            counters["p"] += 1
            own, number, kind, piece = f"p_{counters['p']}", counters["p"], "p", ""
        if part.id:
            node_id = part.id
        elif kind == "art" and in_article_scope:
            node_id = f"{_scope(prefix)}{own}"
        else:
            node_id = f"{prefix}{SEPARATOR}{own}" if prefix else own
        # Articles and chapters are cited on their own (第十八条), within an attachment (附件1第三条).
        node_cite = base_cite + piece if kind in ("art", "chp") else cite + piece
        node = Node(node_id, kind, number, node_cite, part, part_loc, label=part.label)
        node.children = _children(
            part.children, node_id, node_cite, part_loc + ("children",),
            in_article_scope or kind in ("chp", "subchp"), base_cite,
        )
        nodes.append(node)
    return nodes


_CHAPTER_RE = re.compile(rf"(?:{re.escape(SEPARATOR)})?(?:chp|subchp)_\d+")


def _scope(prefix: str) -> str:
    """Articles keep only the attachment part of their prefix."""
    scope = _CHAPTER_RE.sub("", prefix).strip("_")
    return f"{scope}{SEPARATOR}" if scope else ""


def _attachment_node(att: Attachment, index: int, unlabeled_count: int) -> Node:
    loc: Loc = ("attachments", index)
    label = (att.label or "").replace(" ", "")
    if label:
        try:
            found = attachment_number(label)
        except LabelError as exc:
            raise AnchorError(loc + ("label",), str(exc)) from None
        if found is None:
            raise AnchorError(loc + ("label",), f"attachment label must be 附件 or 附件N, not {att.label!r}")
        number = found
        node_id, cite = f"att_{number}", label
    else:
        number = unlabeled_count
        node_id, cite = f"annex_{number}", ""  # cited by its own title, see citation_text
    node = Node(node_id, "att" if label else "annex", number, cite, None, loc, title=att.title, label=att.label)
    node.children = _children(att.body, node_id, cite, loc + ("body",), False, cite)
    return node


@dataclass
class AnchoredDocument:
    body: list[Node]
    attachments: list[Node]

    def walk(self) -> Iterator[Node]:
        for node in self.body + self.attachments:
            yield from node.walk()

    def by_id(self) -> dict[str, Node]:
        return {node.id: node for node in self.walk()}


def anchor_document(doc: Document) -> AnchoredDocument:
    """Assign every part its id; raises AnchorError on a repeated id."""
    body = _children(doc.body, "", "", ("body",), False)
    attachments = []
    unlabeled = 0
    for index, att in enumerate(doc.attachments):
        if not (att.label or "").strip():
            unlabeled += 1
        attachments.append(_attachment_node(att, index, unlabeled))
    anchored = AnchoredDocument(body, attachments)
    seen: dict[str, Node] = {}
    for node in anchored.walk():
        if node.id in seen:
            raise AnchorError(
                node.loc,
                f"anchor id {node.id!r} repeats (the printed numbering {node.label or node.kind!r} occurs "
                f"twice in one container); give one of the parts an explicit `id`",
            )
        seen[node.id] = node
    return anchored


# GB/T 15834: a title cited within a title takes the single marks 〈〉, one within that 《》 again;
# set inside the citation's own 《》, every mark of the printed title moves one level in.
_ONE_LEVEL_IN = str.maketrans("《》〈〉", "〈〉《》")


def document_citation(title: str, number: str) -> str:
    """How a whole document is cited in official writing (GB/T 9704): 《标题》（文号）, full-width
    brackets; the 书名号 the title prints become 〈〉 inside the citation's own (GB/T 15834)."""
    return f"《{title.translate(_ONE_LEVEL_IN)}》（{number}）"


def citation_text(title: str, number: str, anchored: AnchoredDocument, node: Node) -> str:
    """How a civil servant cites a part: 《衢州市防汛防台管理工作暂行办法》（衢政发〔2017〕14号）第十八条.

    Parts of a text issued by a notice (``annex_N``) are cited by that text's
    title with the notice's number; everything else by the document title.
    """
    root = node.id.split(SEPARATOR, 1)[0]
    if root.startswith("annex_"):
        annex = next(a for a in anchored.attachments if a.id == root)
        title = annex.title or title
    return document_citation(title, number) + node.cite
