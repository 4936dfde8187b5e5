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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gazette.derive.anchors import AnchoredDocument
from gazette.derive.text import own_strings
from gazette.derive.views import Citation, CitationIndex, DocRef, Run, Text
from gazette.derive.wenhao import GRAMMAR, Wenhao, from_match

# The run of Chinese characters before the bracket; its prefix is settled by _prefix.
CITE_RE = re.compile(GRAMMAR.cited_pattern)
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
        if len(prefix) < GRAMMAR.cited_prefix_min:
            continue
        start = match.start("run") + run_chars[len(run_chars) - len(prefix)][0]
        out.append(Mention(start, match.end(), from_match(match, prefix), text[start : match.end()]))
    return out


def text_runs(text: str, own: Wenhao, by_number: Mapping[Wenhao, DocRef]) -> Text:
    """Split ``text`` into runs; each printed 文号 is one run whose kind is decided here
    (the one place that says a document naming its own number does not cite it)."""
    out: list[Run] = []
    pos = 0
    for mention in find_citations(text):
        if mention.start > pos:
            out.append(Run(text[pos : mention.start]))
        if mention.wenhao == own:
            out.append(Run(mention.printed, "own", mention.wenhao))
        else:
            target = by_number.get(mention.wenhao)
            out.append(Run(mention.printed, "cited" if target else "external", mention.wenhao, target))
        pos = mention.end
    if pos < len(text) or not out:
        out.append(Run(text[pos:]))
    return tuple(out)


def document_citations(doc: DocRef, anchored: AnchoredDocument, by_number: Mapping[Wenhao, DocRef]) -> list[Citation]:
    """Every number ``doc`` cites, in reading order, with the part it is printed in."""
    found: list[Citation] = []
    for node in anchored.walk():
        for text in own_strings(node.part) if node.part else ():
            for run in text_runs(text, doc.wenhao, by_number):
                if run.wenhao is not None and run.kind != "own":
                    found.append(Citation(doc, node.id, node.cite, run.wenhao, run.text, run.target))
    return found


def build_citations(documents: Iterable[tuple[DocRef, AnchoredDocument]]) -> CitationIndex:
    """The citation graph of the library: what each document cites and who cites it."""
    docs = list(documents)
    by_number = {doc.wenhao: doc for doc, _ in docs}
    outgoing: dict[str, tuple[Citation, ...]] = {}
    incoming: dict[str, list[Citation]] = {}
    for doc, anchored in docs:
        found = document_citations(doc, anchored, by_number)
        outgoing[doc.id] = tuple(found)
        for citation in found:
            if citation.target is not None:
                incoming.setdefault(citation.target.id, []).append(citation)
    return CitationIndex(by_number, outgoing, {key: tuple(value) for key, value in incoming.items()})
