"""python -m gazette.importer SOURCE.txt --out data"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from gazette.records.models import Document, Issue

from . import emit
from .document import build_document
from .report import Report
from .source import read_source
from .split import split_documents
from .toc import front_end, parse_front, build_contents


def load_codes(data: Path) -> dict[str, str]:
    issuers = yaml.safe_load((data / "issuers.yaml").read_text(encoding="utf-8"))
    return {i["prefix"]: i["code"] for i in issuers}


def load_corrections(data: Path, issue_id: str) -> dict[str, dict]:
    p = data / "corrections" / f"{issue_id}.yaml"
    if not p.exists():
        return {}
    return yaml.safe_load(p.read_text(encoding="utf-8")) or {}


def import_issue(source_path: Path, data: Path, out: Path, report: Report) -> tuple[Issue, dict[str, Document]]:
    src = read_source(source_path)
    codes = load_codes(data)
    corrections = load_corrections(data, src.issue_id)
    start = front_end(src.lines)
    segments = split_documents(src.lines, start, report)
    docs: dict[str, Document] = {}
    for seg in segments:
        code = codes[seg.prefix]
        doc_id = f"{seg.year}/{code}-{seg.seq}"
        if doc_id in docs:
            report.add("split", f"{doc_id} appears twice")
        report.context = doc_id
        docs[doc_id] = build_document(seg, src.issue_id, code, corrections.get(doc_id, {}), report)
        report.context = ""
    unknown = set(corrections) - set(docs)
    if unknown:
        raise ValueError(f"corrections for unknown documents: {sorted(unknown)}")
    fields, sections = parse_front(src.lines, src.year, src.number, codes, report)
    issue = Issue(**fields, contents=build_contents(sections, list(docs), report))
    return issue, docs


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
    issue, docs = import_issue(args.source, data, args.out, report)
    written = write_all(issue, docs, args.out)
    if not args.quiet:
        print(report.render())
    print(f"wrote {len(written)} files ({len(docs)} documents) under {args.out}", file=sys.stderr)
    return 0
