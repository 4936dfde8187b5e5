"""python -m gazette.importer SOURCE.txt --out data"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

from gazette.derive import consistency, doubts
from gazette.load.errors import RecordError, RecordErrors
from gazette.records.models import Document, Issue

from . import emit
from .corrections import CorrectionError, DocumentCorrections, load_corrections
from .crosscheck import cross_check
from .document import build_document
from .errors import SourceError
from .report import Report
from .source import read_source
from .split import Heads, split_documents
from .toc import build_contents, front_end, parse_front


def import_issue(source_path: Path, data: Path, out: Path, report: Report) -> tuple[Issue, dict[str, Document]]:
    """Raises RecordError naming the source file and line when the text cannot be imported."""
    src = read_source(source_path)
    heads = Heads.from_registry(data)
    codes = heads.codes
    corrections = load_corrections(data, src.issue_id)
    try:
        start = front_end(src.lines, heads)
        segments = split_documents(src.lines, start, report, heads)
        docs: dict[str, Document] = {}
        for seg in segments:
            code = codes[seg.prefix]
            doc_id = f"{seg.year}/{code}-{seg.seq}"
            if doc_id in docs:
                report.add("split", f"{doc_id} appears twice")
            report.context = doc_id
            try:
                docs[doc_id] = build_document(seg, src.issue_id, code, corrections.of(doc_id), report, heads)
            except CorrectionError as exc:
                raise corrections.error((doc_id, "replace", exc.index, "original"), str(exc)) from None
            report.context = ""
            uncorrected = functools.partial(build_document, seg, src.issue_id, code, DocumentCorrections(), Report(), heads)
            review_consistency(docs[doc_id], doc_id, uncorrected, report)
        for doc_id in corrections.documents:
            if doc_id not in docs:
                raise corrections.error((doc_id,), f"corrections for {doc_id}, which is not in {source_path.name}")
        fields, sections = parse_front(src.lines, src.year, src.number, heads, report)
    except SourceError as exc:
        raise RecordError(source_path, None if exc.line is None else exc.line + 1, None, exc.message) from None
    issue = Issue(**fields, contents=build_contents(sections, list(docs), report))
    cross_check(issue, docs, report)
    return issue, docs


def review_consistency(doc: Document, doc_id: str, uncorrected: Callable[[], Document], report: Report) -> None:
    """Self-consistency checks in the review report: every violation, whether the
    hand corrections repaired it (found in the uncorrected text only) or the
    record marks it 存疑, and the ones that are neither (the tests fail on those)."""
    for problem in doubts.misplaced_doubts(doc):
        report.add("consistency: bad 存疑 mark", f"{doc_id}: {problem}")
    found = consistency.find_inconsistencies(doc)
    open_ = set(doubts.unsettled(doc, found))
    for v in found:
        topic = "consistency: UNSETTLED" if v in open_ else "consistency: marked 存疑"
        report.add(topic, f"{doc_id} {v}")
    try:
        before = consistency.find_inconsistencies(uncorrected())
    except (ValueError, SourceError) as exc:  # the uncorrected text may not even make a valid record
        report.add("consistency: repaired", f"{doc_id}: uncorrected text does not build ({str(exc).splitlines()[0]})")
        return
    now = {(v.check, v.part, v.message) for v in found}
    for v in before:
        if (v.check, v.part, v.message) not in now:
            report.add("consistency: repaired", f"{doc_id} {v}")


def write_all(issue: Issue, docs: dict[str, Document], out: Path) -> list[Path]:
    written = []
    p = out / "issues" / f"{issue.year}-{issue.number:02d}.yaml"
    emit.write(p, issue)
    written.append(p)
    for doc_id, doc in docs.items():
        p = out / "documents" / f"{doc_id}.yaml"
        emit.write(p, doc)
        written.append(p)
    return written


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
        print(f"import failed:\n{exc}", file=sys.stderr)
        return 1
    written = write_all(issue, docs, args.out)
    if not args.quiet:
        print(report.render())
    print(f"wrote {len(written)} files ({len(docs)} documents) under {args.out}", file=sys.stderr)
    return 0
