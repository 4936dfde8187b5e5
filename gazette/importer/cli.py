"""python -m gazette.importer SOURCE.txt --out data"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

from gazette.derive import consistency, doubts
from gazette.derive.views import IssueRef
from gazette.fsio import WriteError
from gazette.load.errors import RecordError, RecordErrors
from gazette.load.library import load_issuers
from gazette.records.models import Document, Issue
from gazette.vocab.issues import issue_id

from . import emit, plausible
from .corrections import CorrectionError, DocumentCorrections, load_corrections
from .crosscheck import cross_check
from .document import build_document
from .errors import SourceError
from .furniture import FURNITURE_KINDS, OwnHead, strip_furniture
from .report import Report
from .roles import RoleAudit, summary
from .source import read_source
from .split import Heads, Segment, split_documents
from .toc import build_contents, front_end, parse_front, toc_titles


def import_issue(source_path: Path, data: Path, out: Path, report: Report) -> tuple[Issue, dict[str, Document]]:
    """Raises RecordError naming the source file and line when the text cannot be imported."""
    src = read_source(source_path)
    report.source = report.source or str(source_path)
    heads = Heads.from_registry(data)
    codes = heads.codes
    corrections = load_corrections(data, src.issue_id)
    roles = RoleAudit(data, {i.prefix: i for i in load_issuers(data)})
    try:
        titles = toc_titles(src.lines, heads)  # where a title printed on several lines starts
        start = front_end(src.lines, heads, titles)
        own = OwnHead.of_issue(src.lines, start, src.year, src.number)
        lines, removed = strip_furniture(src.lines, start, heads, own)
        for f in removed:
            report.add("furniture", f"{report.at(f.line)}：{FURNITURE_KINDS[f.kind]}“{f.text}”")
        segments = split_documents(lines, start, report, heads, titles)
        docs: dict[str, Document] = {}
        segment_of: dict[str, Segment] = {}
        for seg in segments:
            code = codes[seg.prefix]
            doc_id = f"{seg.year}/{code}-{seg.seq}"
            if doc_id in docs:
                report.add("split", f"{report.at(seg.wenhao_line)}：[{doc_id}] 文号在本期中出现两次")
            report.context = doc_id
            try:
                docs[doc_id] = build_document(seg, src.issue_id, code, corrections.of(doc_id), report, heads)
            except CorrectionError as exc:
                raise corrections.error((doc_id, "replace", exc.index, "original"), str(exc)) from None
            report.context = ""
            segment_of[doc_id] = seg
            plausible.check_signer(doc_id, docs[doc_id], seg, heads, report)
            plausible.check_addressees(doc_id, docs[doc_id], seg, report)
            roles.document(doc_id, docs[doc_id], seg, report)
            uncorrected = functools.partial(build_document, seg, src.issue_id, code, DocumentCorrections(), Report(), heads)
            review_consistency(docs[doc_id], doc_id, uncorrected, report)
        for doc_id in corrections.documents:
            if doc_id not in docs:
                raise corrections.error((doc_id,), f"[corrections-unknown-document] 更正文件为{doc_id}写了更正，但{source_path.name}中没有这份文件")
        fields, sections = parse_front(src.lines, start, src.year, src.number, heads, report)
    except SourceError as exc:
        raise RecordError(source_path, None if exc.line is None else exc.line + 1, None, exc.message) from None
    issue = Issue(**fields, contents=build_contents(sections, list(docs), report))
    cross_check(issue, docs, report)
    for doc_id, doc in docs.items():
        plausible.check_date(doc_id, doc, segment_of[doc_id], IssueRef(src.issue_id, issue), report)
    report.add("roles", summary(roles.counts))
    plausible.check_toc_pages(issue, src.lines, start, heads, report)
    return issue, docs


def review_consistency(doc: Document, doc_id: str, uncorrected: Callable[[], Document], report: Report) -> None:
    """Self-consistency checks in the review report: every violation, whether the
    hand corrections repaired it (found in the uncorrected text only) or the
    record marks it 存疑, and the ones that are neither (the tests fail on those)."""
    for problem in doubts.misplaced_doubts(doc):
        report.add("consistency: bad 存疑 mark", f"[{doc_id}] {problem}")
    found = consistency.find_inconsistencies(doc)
    open_ = set(doubts.unsettled(doc, found))
    for v in found:
        topic = "consistency: UNSETTLED" if v in open_ else "consistency: marked 存疑"
        report.add(topic, f"[{doc_id}] {v}")
    try:
        before = consistency.find_inconsistencies(uncorrected())
    except (ValueError, SourceError) as exc:  # the uncorrected text may not even make a valid record
        report.add("consistency: repaired", f"[{doc_id}] 未经手工更正的文本无法生成记录（{str(exc).splitlines()[0]}）")
        return
    now = {(v.check, v.part, v.message) for v in found}
    for v in before:
        if (v.check, v.part, v.message) not in now:
            report.add("consistency: repaired", f"[{doc_id}] {v}")


def write_all(issue: Issue, docs: dict[str, Document], out: Path) -> list[Path]:
    """Every record of the issue, or none (a failed write leaves every earlier file as it was)."""
    records: dict[Path, Issue | Document] = {out / "issues" / f"{issue_id(issue.year, issue.number)}.yaml": issue}
    for doc_id, doc in docs.items():
        records[out / "documents" / f"{doc_id}.yaml"] = doc
    emit.write_many(dict(records))
    return list(records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m gazette.importer", description=__doc__)
    ap.add_argument("source", type=Path, help="issue text, e.g. data/sources/quzhou-zhengbao-2018-05.txt")
    ap.add_argument("--out", type=Path, default=Path("data"), help="output data directory (default: data)")
    ap.add_argument("--data", type=Path, default=None, help="where issuers.yaml and corrections/ live (default: the parent of the source folder)")
    ap.add_argument("--quiet", action="store_true", help="do not print the review report")
    args = ap.parse_args(argv)
    data = args.data or args.source.resolve().parent.parent
    report = Report()
    try:
        issue, docs = import_issue(args.source, data, args.out, report)
    except (RecordError, RecordErrors) as exc:
        print(f"导入失败（import failed）：\n{exc}", file=sys.stderr)
        return 1
    try:
        written = write_all(issue, docs, args.out)
    except WriteError as exc:
        print(f"导入失败：{exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(report.render())
    print(f"已写入{len(written)}个文件（{len(docs)}份文件记录），位于{args.out}", file=sys.stderr)
    return 0
