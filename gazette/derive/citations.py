"""Citations of other documents (文号 in running text) and the citation graph.

Every printed variant of ``derive/wenhao.py`` is recognised: 〔〕, ﹝﹞, [ ],
full-width brackets and digits, spaces before 号. A number split across a page break is one string once the
importer has rejoined the break (recorded as an erratum). The organ prefix is
the run of Chinese characters before the bracket: its shortest tail that
starts with a national, provincial or city initial (国, 中, 浙, 衢), so that
"严格执行国发〔2011〕38号" cites 国发; failing that, the run less leading
function words (根据, 按照, 详见, 和 …), as in 质检质函 or 教基.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gazette.derive.text import own_strings
from gazette.derive.wenhao import HAN, Wenhao, from_match, number_pattern

if TYPE_CHECKING:
    from gazette.derive.catalog import DocView

# The run of Chinese characters before the bracket; its prefix is settled by _prefix.
CITE_RE = re.compile(number_pattern(rf"(?P<run>{HAN}(?:\s*{HAN}){{1,13}})"))
_TOP_INITIALS = "国中浙衢"
_LEAD = re.compile(
    r"^(?:详见|参见|参照|根据|按照|依据|依照|对照|结合|贯彻|落实|执行|转发|印发|关于|文件|精神|和|与|及|的|在|对|由|经|将|为|按|据|见|以|即|是)+"
)


@dataclass(frozen=True)
class Mention:
    start: int  # span of the printed number within the text (after the lead words)
    end: int
    wenhao: Wenhao
    printed: str


def _prefix(run: str) -> str:
    for start in range(len(run) - 2, -1, -1):
        if run[start] in _TOP_INITIALS:
            return run[start:]
    return _LEAD.sub("", run)


def find_citations(text: str) -> list[Mention]:
    out: list[Mention] = []
    for match in CITE_RE.finditer(text):
        # A page break may have left whitespace inside the number, even inside its prefix.
        run_chars = [(i, ch) for i, ch in enumerate(match["run"]) if not ch.isspace()]
        prefix = _prefix("".join(ch for _, ch in run_chars))
        if len(prefix) < 2:
            continue
        start = match.start("run") + run_chars[len(run_chars) - len(prefix)][0]
        out.append(Mention(start, match.end(), from_match(match, prefix), text[start : match.end()]))
    return out


@dataclass(frozen=True)
class Segment:
    text: str
    mention: Mention | None = None
    target: "DocView | None" = None


@dataclass
class Citation:
    source: "DocView"
    part_id: str | None  # where in the source the number is printed
    cite: str  # citation label of that part (e.g. 第三条)
    wenhao: Wenhao
    printed: str
    target: "DocView | None"


@dataclass
class CitationIndex:
    by_number: dict[Wenhao, "DocView"]
    outgoing: dict[str, list[Citation]] = field(default_factory=dict)
    incoming: dict[str, list[Citation]] = field(default_factory=dict)

    def segments(self, text: str) -> list[Segment]:
        """Split ``text`` so each cited number can be rendered as a link or mark."""
        out: list[Segment] = []
        pos = 0
        for mention in find_citations(text):
            if mention.start > pos:
                out.append(Segment(text[pos : mention.start]))
            out.append(Segment(mention.printed, mention, self.by_number.get(mention.wenhao)))
            pos = mention.end
        if pos < len(text) or not out:
            out.append(Segment(text[pos:]))
        return out

    def cited_numbers(self) -> list[tuple[Wenhao, list[Citation]]]:
        """Every number cited anywhere, most cited first, then by number."""
        grouped: dict[Wenhao, list[Citation]] = {}
        for citations in self.outgoing.values():
            for citation in citations:
                grouped.setdefault(citation.wenhao, []).append(citation)
        return sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0].prefix, item[0].year, item[0].seq))


def build_citations(documents: list["DocView"]) -> CitationIndex:
    index = CitationIndex({doc.wenhao: doc for doc in documents})
    for doc in documents:
        found: list[Citation] = []
        for node in doc.anchored.walk():
            for text in own_strings(node.part) if node.part else ():
                for mention in find_citations(text):
                    if mention.wenhao == doc.wenhao:
                        continue  # a document naming its own number is not a citation
                    target = index.by_number.get(mention.wenhao)
                    found.append(Citation(doc, node.id, node.cite, mention.wenhao, mention.printed, target))
        index.outgoing[doc.id] = found
        for citation in found:
            if citation.target is not None:
                index.incoming.setdefault(citation.target.id, []).append(citation)
    return index
