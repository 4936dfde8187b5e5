"""Re-laid-out variants of every real issue (tests/importer/variants.py) import to the records of
the clean layout, with what was removed or joined named in the REVIEW REPORT (issue 19, item 8b)."""

from __future__ import annotations

import functools
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazette.importer.cli import import_issue
from gazette.importer.report import Report
from gazette.importer.split import Heads
from gazette.records.models import Part

from . import variants
from .conftest import DATA, ISSUES

pytestmark = pytest.mark.site  # the importer on a whole issue text
HEADS = Heads.from_registry(DATA)
SETTINGS = settings(max_examples=1, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _records(text: str, issue: str, tmp: Path) -> tuple[dict[str, Any], Report]:
    tmp.mkdir(parents=True, exist_ok=True)
    source = tmp / f"quzhou-zhengbao-{issue}.txt"
    source.write_text(text, encoding="utf-8")
    report = Report()
    record, docs = import_issue(source, DATA, tmp, report)
    dumped = {doc_id: doc.model_dump(mode="json") for doc_id, doc in docs.items()}
    dumped["issue"] = record.model_dump(mode="json")
    return dumped, report


@functools.cache
def _clean(issue: str, tmp: Path) -> dict[str, Any]:
    return _records(_text(issue), issue, tmp)[0]


def _text(issue: str) -> str:
    return (DATA / "sources" / f"quzhou-zhengbao-{issue}.txt").read_text(encoding="utf-8")


def _differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    return sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))


@pytest.fixture(scope="module")
def clean_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clean")


@pytest.mark.parametrize("issue", ISSUES)
@pytest.mark.parametrize("style", list(variants.FURNITURE_STYLES))
@pytest.mark.parametrize("glued", [False, True], ids=["blank-lines", "glued"])
@SETTINGS
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_page_furniture_is_removed_and_listed(issue: str, style: str, glued: bool, seed: int, tmp_path: Path, clean_dir: Path) -> None:
    text, added = variants.with_furniture(_text(issue), HEADS, random.Random(seed), style, glued)
    assert added >= 4, "the variant must carry furniture"
    got, report = _records(text, issue, tmp_path / f"{style}-{glued}-{seed}")
    assert _differences(got, _clean(issue, clean_dir)) == []
    listed = report.items["furniture"]
    assert len(listed) == added, "\n".join(listed)
    lines = text.split("\n")
    for message in listed:  # each names the source line it removed
        line = int(message.split("：")[0].rsplit(":", 1)[1])
        assert f"“{lines[line - 1].strip()}”" in message


@pytest.mark.parametrize("issue", ISSUES)
@SETTINGS
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_a_table_cut_by_a_page_break_without_its_header_is_one_table(issue: str, seed: int, tmp_path: Path, clean_dir: Path) -> None:
    rng = random.Random(seed)
    text, cut = variants.with_split_tables(_text(issue), rng)
    text, _ = variants.with_furniture(text, HEADS, rng, "dashes")
    assert cut >= 1
    got, report = _records(text, issue, tmp_path / f"tables-{seed}")
    assert _differences(got, _clean(issue, clean_dir)) == []
    # a cut inside a table the corrections file replaces is healed by the correction itself
    assert 1 <= sum("续页无表头" in m for m in report.items["tables"]) <= cut


def _labels(parts: list[Part], path: str = "") -> list[str]:
    out = []
    for p in parts:
        here = f"{path}/{p.label}" if p.label else path
        if p.label:
            out.append(here)
        out.extend(_labels(p.children, here))
    return out


def _outline(docs: dict[str, Any]) -> dict[str, list[str]]:
    out = {}
    for doc_id, doc in docs.items():
        if doc_id == "issue":
            continue
        parts = [Part.model_validate(p) for p in doc.get("body", [])]
        attachments = [[Part.model_validate(p) for p in a.get("body", [])] for a in doc.get("attachments", [])]
        out[doc_id] = _labels(parts) + [f"att{k}:{x}" for k, a in enumerate(attachments) for x in _labels(a)]
    return out


@pytest.mark.parametrize("issue", ISSUES)
@SETTINGS
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_items_that_begin_with_digits_keep_their_numbers(issue: str, seed: int, tmp_path: Path, clean_dir: Path) -> None:
    text, changed = variants.with_digit_items(_text(issue), random.Random(seed))
    assert changed, "the variant must rewrite some items"
    got, report = _records(text, issue, tmp_path / f"digits-{seed}")
    assert _outline(got) == _outline(_clean(issue, clean_dir))
    assert report.items["furniture"] == []  # a short item repeated ("3.257申报材料") is no page head
    # each item read by its place in the sequence is named (items of an 附件: list are no parts)
    assert len(report.items["labels"]) <= len(changed)
    assert all(any(m.split("“", 1)[1].split("…”", 1)[0] in c for c in changed) for m in report.items["labels"])


def _tasks(docs: dict[str, Any]) -> dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]]:
    """Every task of the drafted records, read by the build's own extraction: anchor and (unit, role)."""
    from gazette.derive.anchors import anchor_document
    from gazette.derive.tasks import extract_tasks
    from gazette.derive.views import DocRef
    from gazette.derive.wenhao import parse_wenhao
    from gazette.importer.roles import RoleAudit
    from gazette.load.library import load_issuers
    from gazette.load.yamlfile import YamlFile
    from gazette.records.models import Document

    audit = RoleAudit(DATA, {i.prefix: i for i in load_issuers(DATA)})
    out = {}
    for doc_id, dumped in docs.items():
        if doc_id == "issue":
            continue
        doc = Document.model_validate(dumped)
        wenhao = parse_wenhao(doc.number_printed)
        ref = DocRef(doc_id, doc, wenhao, audit.issuers[wenhao.prefix])
        errors: list[Any] = []
        tasks, _, _ = extract_tasks(ref, anchor_document(doc), YamlFile(Path(doc_id), None), audit.registry, errors)
        assert errors == [], errors
        out[doc_id] = [(t.anchor, tuple(sorted((u.code, u.role) for u in t.units))) for t in tasks]
    return out


@pytest.mark.parametrize("comma", ["，", ","])
def test_role_groups_separated_by_commas_give_the_same_tasks(comma: str, tmp_path: Path, clean_dir: Path) -> None:
    issue = "2017-02"  # the issue whose parentheticals separate role groups with ";"
    text, n = variants.with_comma_role_groups(_text(issue), comma)
    assert n >= 10
    got, _ = _records(text, issue, tmp_path / "commas")
    assert _tasks(got) == _tasks(_clean(issue, clean_dir))


def test_unit_lists_with_nested_brackets_give_each_unit_its_role(tmp_path: Path, clean_dir: Path) -> None:
    issue = "2017-02"
    text, n = variants.with_nested_units(_text(issue))
    assert n >= 10
    got, _ = _records(text, issue, tmp_path / "nested")
    before, after = _tasks(_clean(issue, clean_dir)), _tasks(got)
    added = 0
    for doc_id, tasks in before.items():
        assert len(after[doc_id]) == len(tasks)
        for (anchor, units), (anchor2, units2) in zip(tasks, after[doc_id]):
            assert anchor == anchor2
            extra = set(units2) - set(units)
            assert set(units) <= set(units2) and all(role == "cooperate" for _, role in extra)
            added += len(extra)
    assert added >= n  # each extended list gives the nested unit to its task
