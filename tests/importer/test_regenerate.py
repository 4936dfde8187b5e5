"""Re-running the importer reproduces the committed records byte for byte."""

from pathlib import Path

import pytest
import yaml

from gazette.importer.cli import import_issue, write_all
from gazette.importer.report import Report
from gazette.records.models import Document, Issue

from .conftest import DATA, ISSUES

pytestmark = pytest.mark.site


@pytest.mark.parametrize("issue", ISSUES)
def test_regenerates_byte_for_byte(issue: str, tmp_path: Path) -> None:
    src = DATA / "sources" / f"quzhou-zhengbao-{issue}.txt"
    record, docs = import_issue(src, DATA, tmp_path, Report())
    written = write_all(record, docs, tmp_path)
    assert written
    for path in written:
        rel = path.relative_to(tmp_path)
        committed = DATA / rel
        assert committed.exists(), f"{rel} is not committed"
        assert path.read_bytes() == committed.read_bytes(), f"{rel} differs from the committed record"
    # no committed document of this issue is left without a source
    year = issue[:4]
    produced = {p.relative_to(tmp_path) for p in written}
    for p in (DATA / "documents" / year).glob("*.yaml"):
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        if d["issue"] == issue:
            assert p.relative_to(DATA) in produced, f"{p} is committed but no longer produced"


@pytest.mark.parametrize("issue", ISSUES)
def test_committed_records_validate(issue: str) -> None:
    Issue.model_validate(yaml.safe_load((DATA / "issues" / f"{issue}.yaml").read_text(encoding="utf-8")))
    n = 0
    for p in sorted((DATA / "documents" / issue[:4]).glob("*.yaml")):
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        if d["issue"] == issue:
            Document.model_validate(d)
            n += 1
    assert n > 0


@pytest.mark.parametrize("issue", ISSUES)
def test_issue_contents_cover_every_document(issue: str) -> None:
    """The contents list every document of the issue once, in the body's order; a document the
    printed TOC left out has no page."""
    rec = Issue.model_validate(yaml.safe_load((DATA / "issues" / f"{issue}.yaml").read_text(encoding="utf-8")))
    ids = [e.document for s in rec.contents for e in s.entries]
    of_issue = {f"{p.parent.name}/{p.stem}" for p in (DATA / "documents").glob("*/*.yaml")
                if yaml.safe_load(p.read_text(encoding="utf-8"))["issue"] == issue}
    assert len(ids) == len(set(ids)) and set(ids) == of_issue and ids
    assert all(e.page is None for s in rec.contents for e in s.entries if e.toc_text is None)


def test_documents_left_out_of_the_printed_toc_are_kept() -> None:
    """2018-05's printed TOC omits two documents of its body (data/sources/README.md)."""
    rec = Issue.model_validate(yaml.safe_load((DATA / "issues" / "2018-05.yaml").read_text(encoding="utf-8")))
    assert [e.document for s in rec.contents for e in s.entries if e.toc_text is None] == ["2018/qzbf-39", "2018/qzbf-40"]
