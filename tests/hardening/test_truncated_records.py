"""A record that ends where a write stopped is refused (issue 20, item 7).

Every real record is cut the way a full disk or an interrupted copy cuts files — at every
4 KiB block boundary and at 29 % of its size — and each cut must fail to load, naming the file.
A cut that happens to fall right after a line break is the hard case: a document cut before
its signature and an issue cut inside its contents are refused too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gazette.derive.catalog import build_library
from gazette.load.complete import document_complete
from gazette.load.errors import RecordError, RecordErrors
from gazette.load.library import _DEPARTMENTS, _DOCUMENT, _ISSUE, _ISSUERS, load_file
from tests.project import ROOT

# Kinds per test: the issue cut derives the whole real library, which makes it a site test
# (tests/conftest.py); the others read one record at a time.

DATA = ROOT / "data"
RECORDS = [*sorted(DATA.glob("documents/*/*.yaml")), *sorted(DATA.glob("issues/*.yaml")),
           DATA / "issuers.yaml", DATA / "departments.yaml"]


def _cuts(size: int) -> list[int]:
    return [k * 4096 for k in range(1, (size - 1) // 4096 + 1)] + [int(size * 0.29)]


def _adapter(path: Path):  # type: ignore[no-untyped-def]
    if "documents" in path.parts:
        return _DOCUMENT
    if "issues" in path.parts:
        return _ISSUE
    return _ISSUERS if path.name == "issuers.yaml" else _DEPARTMENTS


def _refused(path: Path, root: Path) -> list[RecordError]:
    """The errors loading ``path`` alone gives (empty when it loads as a complete record)."""
    try:
        _, source = load_file(path, _adapter(path), root)
    except RecordError as exc:
        return [exc]
    except RecordErrors as exc:
        return exc.errors
    return document_complete(source) if _adapter(path) is _DOCUMENT else []


@pytest.mark.unit
@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_block_boundary_cut_is_refused(record: Path, tmp_path: Path) -> None:
    whole = record.read_bytes()
    assert whole.endswith(b"\n") and _refused(record, DATA) == []
    target = tmp_path / "data" / record.relative_to(DATA)
    target.parent.mkdir(parents=True)
    for cut in _cuts(len(whole)):
        if whole[cut - 1:cut] == b"\n":
            continue  # a cut on a line break: see the tests below
        target.write_bytes(whole[:cut])
        errors = _refused(target, tmp_path / "data")
        assert errors, f"{record.name} cut to {cut} bytes loads"
        assert all(e.path.name == record.name for e in errors)


@pytest.mark.unit
def test_the_last_line_must_end() -> None:
    error = _refused_text("year: 2018\nnumber: 5")
    assert error.line == 2 and "截断" in error.message


def _refused_text(text: str) -> RecordError:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "issues" / "2018-05.yaml"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        [error] = _refused(path, Path(tmp))
        return error


@pytest.mark.unit
@pytest.mark.parametrize("record", sorted(DATA.glob("documents/*/*.yaml")), ids=lambda p: p.stem)
def test_a_document_cut_on_a_line_before_its_signature_is_refused(record: Path, tmp_path: Path) -> None:
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    signature = next(i for i, line in enumerate(lines) if line.startswith("signature:"))
    target = tmp_path / "data" / record.relative_to(DATA)
    target.parent.mkdir(parents=True)
    for end in sorted({signature, max(1, signature * 29 // 100), max(1, signature // 2)}):
        target.write_text("".join(lines[:end]), encoding="utf-8")
        errors = _refused(target, tmp_path / "data")
        assert errors, f"{record.name} cut after line {end} loads"
        if end == signature:  # everything before the signature is whole: only the cut is wrong
            assert [(e.field, "截断" in e.message) for e in errors] == [("signature", True)]


@pytest.mark.unit
def test_a_document_printed_without_a_signature_says_so(tmp_path: Path) -> None:
    source = (DATA / "documents/2018/qzg-6.yaml").read_text(encoding="utf-8")
    head, _, tail = source.partition("signature:\n")
    rest = tail.split("\n", 1)[1]
    while rest.startswith("  "):
        rest = rest.split("\n", 1)[1]
    target = tmp_path / "data/documents/2018/qzg-6.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(head + "signature: null\n" + rest, encoding="utf-8")
    assert _refused(target, tmp_path / "data") == []


@pytest.mark.site
@pytest.mark.parametrize("issue", sorted(DATA.glob("issues/*.yaml")), ids=lambda p: p.stem)
def test_an_issue_cut_inside_its_contents_is_refused(issue: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("sources"))
    lines = issue.read_text(encoding="utf-8").splitlines(keepends=True)
    last_entry = max(i for i, line in enumerate(lines) if line.lstrip().startswith("- document:"))
    (data / "issues" / issue.name).write_text("".join(lines[:last_entry]), encoding="utf-8")
    with pytest.raises(RecordErrors) as raised:
        build_library(data)
    assert any(e.path.name == issue.name or "期的目录没有列出这个文件" in e.message for e in raised.value.errors)
