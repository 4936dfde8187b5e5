"""Page breaks in new places (issue 15, item 3): the importer either reproduces the committed
records or names every document that came out differently in its REVIEW REPORT (or stops with
an error naming file and line) — never a silent difference."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazette.importer.cli import import_issue, write_all
from gazette.importer.report import Report
from gazette.load.errors import RecordError, RecordErrors

from .conftest import DATA

pytestmark = pytest.mark.site

ISSUE = "2018-05"
SOURCE = DATA / "sources" / f"quzhou-zhengbao-{ISSUE}.txt"
PAGE_BREAK = "\n\n\n"  # how the extraction shows a page boundary: blank lines


def _import(text: str, tmp: Path) -> tuple[dict[str, bytes], str] | str:
    """(record files by path, report) — or the error text when the import stops."""
    source = tmp / SOURCE.name
    source.write_text(text, encoding="utf-8")
    report = Report()
    try:
        issue, docs = import_issue(source, DATA, tmp / "out", report)
    except (RecordError, RecordErrors) as exc:
        return str(exc)
    written = write_all(issue, docs, tmp / "out")
    return {p.relative_to(tmp / "out").as_posix(): p.read_bytes() for p in written}, report.render()


def _committed(files: dict[str, bytes]) -> dict[str, bytes]:
    return {rel: (DATA / rel).read_bytes() for rel in files if (DATA / rel).exists()}


def _unexplained(text: str, tmp: Path) -> list[str]:
    """Documents whose records differ from the committed ones and that the report does not name."""
    result = _import(text, tmp)
    if isinstance(result, str):
        # stopped, naming the file and line (the source, or a correction that no longer applies)
        assert re.search(r"\.(txt|yaml):\d+: ", result), result
        return []
    files, report = result
    committed = _committed(files)
    produced = {rel for rel in files}
    expected = {p.relative_to(DATA).as_posix() for p in (DATA / "documents" / ISSUE[:4]).glob("*.yaml")
                if f"issue: {ISSUE}" in p.read_text(encoding="utf-8")} | {f"issues/{ISSUE}.yaml"}
    differing = {rel for rel in produced if committed.get(rel) != files[rel]} | (expected - produced)
    unexplained = []
    for rel in sorted(differing):
        doc_id = rel.removeprefix("documents/").removesuffix(".yaml")
        if rel.startswith("issues/"):
            continue  # the issue's contents follow its documents: named through them
        if f"[{doc_id}]" not in report and doc_id not in report:
            unexplained.append(doc_id)
    return unexplained


def test_the_source_reproduces_the_committed_records(tmp_path: Path) -> None:
    assert _unexplained(SOURCE.read_text(encoding="utf-8"), tmp_path) == []
    files, report = _import(SOURCE.read_text(encoding="utf-8"), tmp_path)  # type: ignore[misc]
    assert files == _committed(files)


def test_a_page_break_inside_a_title_is_joined_and_named(tmp_path: Path) -> None:
    """The issue's case: 42号's title split by a page break, where 41号 used to get the first half.
    The contents' title says where the title starts: it is whole again, the join is an erratum
    and the report names it; 41号 is as committed."""
    text = SOURCE.read_text(encoding="utf-8")
    line = "衢州市人民政府办公室关于促进衢州市 创新创业平台发展的若干政策意见(试行)"
    assert text.count(line) == 1
    broken = text.replace(line, "衢州市人民政府办公室关于促进衢州市 创新创业平" + PAGE_BREAK + "台发展的若干政策意见(试行)")
    result = _import(broken, tmp_path)
    assert not isinstance(result, str), result
    files, report = result
    assert "[toc cross-check]" not in report
    assert "[2018/qzbf-42] " in report and "标题“…关于促进衢州市创新创业平”接“台发展的若干政策意见(试…”" in report, report
    assert "title: 衢州市人民政府办公室关于促进衢州市创新创业平台发展的若干政策意见(试行)\n" in files["documents/2018/qzbf-42.yaml"].decode()
    assert files["documents/2018/qzbf-41.yaml"] == _committed(files)["documents/2018/qzbf-41.yaml"]
    assert _unexplained(broken, tmp_path) == []


@settings(max_examples=12, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), breaks=st.integers(min_value=1, max_value=3))
def test_random_page_breaks_never_change_records_silently(tmp_path: Path, seed: int, breaks: int) -> None:
    rng = random.Random(seed)
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("衢州市人民政府") and i > 60)  # past the cover and TOC
    for _ in range(breaks):
        i = rng.randrange(start, len(lines))
        line = lines[i]
        cut = rng.randrange(len(line) + 1) if line else 0
        lines[i] = line[:cut] + PAGE_BREAK + line[cut:]
    case = tmp_path / f"case-{seed}-{breaks}"
    case.mkdir()
    assert _unexplained("\n".join(lines), case) == [], f"seed {seed}, {breaks} breaks"
