"""A third issue the importer was not written for (tests/fixtures/third-issue, see its SOURCES.md):
real documents of other cities laid out like data/sources/, page furniture at every page break.
Imported as an editor would: the command line on a copy of data/ with only the registry
additions the report proposed for that city's real units (issue 19, item 8c)."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

from gazette.derive.catalog import build_library
from gazette.importer.cli import main
from gazette.importer.fidelity import published_text
from gazette.importer.furniture import PAGE_NUMBER

from .conftest import DATA, ROOT

pytestmark = pytest.mark.site  # the importer on a whole issue text
FIXTURE = ROOT / "tests" / "fixtures" / "third-issue"
SOURCE = FIXTURE / "quzhou-zhengbao-2022-09.txt"
# A printed assignment: the parenthetical closing an item, "（牵头单位：X，配合单位：…）" or "（牵头单位：X）"
ASSIGNMENT = re.compile(r"（牵头单位：(?P<lead>[^，）]+)[，）]")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    data = tmp_path_factory.mktemp("third") / "data"
    (data / "sources").mkdir(parents=True)
    for name in ("issuers.yaml", "departments.yaml"):
        shutil.copy(DATA / name, data / name)
    for name, additions in (("issuers.yaml", "issuers-additions.yaml"), ("departments.yaml", "departments-additions.yaml")):
        with (data / name).open("a", encoding="utf-8") as out:
            out.write((FIXTURE / additions).read_text(encoding="utf-8"))
    shutil.copy(SOURCE, data / "sources" / SOURCE.name)
    report = data.parent / "report.txt"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main([str(data / "sources" / SOURCE.name), "--out", str(data)]) == 0
    report.write_text(buffer.getvalue(), encoding="utf-8")
    return data, buffer.getvalue()


def test_it_builds_with_only_registry_additions(imported: tuple[Path, str]) -> None:
    data, report = imported
    library = build_library(data)
    assert [d.id for d in library.documents] == ["2012/sz-20", "2016/jzbf-26", "2014/hzbh-105", "2020/yfh-102"]
    assert "未登记的单位0个" in report
    # right print needs no erratum: the space between the joint issuers is printed
    guangzhou = library.document("2012/sz-20")
    assert guangzhou.record.title == "中共广州市委 广州市人民政府关于推进人才集聚工程的实施意见"
    assert [e.kind for e in guangzhou.record.errata] == ["page-break"]  # the paragraph cut by page 6


def test_printed_assignments_become_tasks_with_their_lead(imported: tuple[Path, str]) -> None:
    data, _ = imported
    library = build_library(data)
    doc = next(d for d in library.documents if d.id == "2012/sz-20")
    printed = ASSIGNMENT.findall(SOURCE.read_text(encoding="utf-8"))
    assert len(printed) == 44
    leads = {}
    for task in doc.tasks:
        lead = [u.printed for u in task.units if u.role == "lead"]
        if lead:
            leads.setdefault(task.anchor, lead)
    right = [name for name, anchor in zip(printed, sorted(leads, key=lambda a: int(a.rsplit("_", 1)[1]))) if [name] == leads[anchor]]
    print(f"printed assignments {len(printed)}, tasks with a lead {len(leads)}, right lead {len(right)}")
    assert len(right) >= 0.95 * len(printed)


def test_every_printed_line_is_published_verbatim_and_no_furniture(imported: tuple[Path, str]) -> None:
    data, report = imported
    library = build_library(data)
    text = "\n".join(published_text(d.record) for d in library.documents)
    flat = re.sub(r"\s+", "", text)  # a label and its text are separate fields of a part
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    body = lines[next(i for i, ln in enumerate(lines) if ln.startswith("穗字")) - 2:]
    furniture = [ln for ln in body if PAGE_NUMBER.match(ln.strip()) or ln.strip() == "衢州政报"]
    printed = [ln.strip() for ln in body if ln.strip() and ln not in furniture]
    missing = [ln for ln in printed if re.sub(r"\s+", "", ln) not in flat]
    print(f"printed lines {len(printed)}, published verbatim {len(printed) - len(missing)}, furniture lines {len(furniture)}")
    assert missing == []
    assert len(furniture) == 18 and report.count("页码“") + report.count("页眉或页脚“") == 18
    assert "衢州政报" not in text and not re.search(r"— \d+ —", text)
