"""Every document head checked against its table-of-contents line.

The body is split at document heads (title + 文号 line); the printed TOC lists each
document's title and 文号 independently. The split already uses the TOC's title to tell where
a title printed on several lines starts (``split.title_start``); when a head is misread all the
same, the two disagree: a document gets half a title, or another document's text. The
importer then names the document in the REVIEW REPORT instead of writing a silent difference.
Titles are compared by their printed words (``printed_key``: folded, without spaces, punctuation
or symbols); the TOC may
leave out the issuing organ, so the document title must end with the TOC title.
"""

from __future__ import annotations

from gazette.derive.wenhao import WENHAO_RE, from_match, parse_wenhao
from gazette.records.models import Document, Issue
from gazette.vocab.normalize import printed_key

from .report import Report
from .toc import title_of

TOPIC = "toc cross-check"


def cross_check(issue: Issue, docs: dict[str, Document], report: Report) -> None:
    for section in issue.contents:
        for entry in section.entries:
            doc = docs.get(entry.document)
            if doc is None or not entry.toc_text:
                continue
            numbers = list(WENHAO_RE.finditer(entry.toc_text))
            toc_title = title_of(entry.toc_text)
            if numbers and from_match(numbers[-1]) != parse_wenhao(doc.number_printed):
                report.add(TOPIC, f"[{entry.document}] 正文文号{doc.number_printed}与目录行“{entry.toc_text}”不一致")
            wanted, got = printed_key(toc_title), printed_key(doc.title)
            if not wanted or not got.endswith(wanted):
                report.add(TOPIC, f"[{entry.document}] 正文标题“{doc.title}”与目录行“{entry.toc_text}”不一致（title differs）")
