"""The importer reads the 文号 families from data/issuers.yaml (through the record loader) and
the labels with the build's parser; what it cannot settle stops it with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gazette.derive.catalog import build_library
from gazette.importer.cli import import_issue, main, write_all
from gazette.importer.report import Report
from gazette.load.errors import RecordError, RecordErrors
from tests.project import ROOT

pytestmark = pytest.mark.site

SOURCE = "quzhou-zhengbao-2018-05.txt"
NEXT_TITLE = "关于印发《推进创新生态体系建设若干政策 意见的实施细则(试行)》的通知"
NEW_DOC = """衢州市人民政府办公室关于开展政务公开测试工作的函

{number}

各县(市、区)人民政府,市政府各部门:

现将政务公开测试工作有关事项函告如下,请认真组织实施。

衢州市人民政府办公室
2018年5月25日

(此件公开发布)

"""
FAMILY = """- code: qzbh
  prefix: 衢政办函
  names: [衢州市人民政府办公室]
  kind: 市政府办公室
"""


def copy_data(tmp_path: Path, number: str, family: bool) -> tuple[Path, Path]:
    """A copy of data/ whose 2018-05 source has one more document, numbered ``number``."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    source = data / "sources" / SOURCE
    text = source.read_text(encoding="utf-8")
    assert text.count(NEXT_TITLE + "\n") == 1
    source.write_text(text.replace(NEXT_TITLE + "\n", NEW_DOC.format(number=number) + NEXT_TITLE + "\n"), encoding="utf-8")
    if family:
        issuers = data / "issuers.yaml"
        issuers.write_text(issuers.read_text(encoding="utf-8") + FAMILY, encoding="utf-8")
    return data, source


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line == text)


@pytest.mark.parametrize("number", ["衢政办函〔2018〕12号", "衢政办函﹝2018﹞12号", "衢政办函[2018]12 号"])
def test_a_family_added_to_issuers_yaml_is_split_as_its_own_document(tmp_path: Path, number: str) -> None:
    data, source = copy_data(tmp_path, number, family=True)
    report = Report()
    issue, docs = import_issue(source, data, data, report)
    new = docs["2018/qzbh-12"]
    assert new.title == "衢州市人民政府办公室关于开展政务公开测试工作的函"
    assert new.issuers == ["衢州市人民政府办公室"] and new.body[0].text.startswith("现将政务公开测试工作")
    before = docs["2018/qzg-8"]
    assert "测试工作" not in before.model_dump_json()  # not swallowed into the document before it
    assert any("[2018/qzbh-12] 正文中有这份文件，但印刷目录未列出" in m for m in report.items["toc"])
    # the records it writes build, with the number in its canonical form
    write_all(issue, docs, data)
    lib = build_library(data)
    assert lib.document("2018/qzbh-12").number == "衢政办函〔2018〕12号"


def test_a_family_missing_from_issuers_yaml_stops_the_import_naming_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, source = copy_data(tmp_path, "衢政办函〔2018〕12号", family=False)
    with pytest.raises(RecordError) as info:
        import_issue(source, data, data, Report())
    line = line_of(source, "衢政办函〔2018〕12号")
    assert str(info.value).startswith(f"{source}:{line}: ")
    assert "衢政办函" in str(info.value) and "data/issuers.yaml" in str(info.value)
    # the command line says so and exits 1, without a traceback
    assert main([str(source), "--data", str(data), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"{source}:{line}:" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("label", ["〇、", "一千、"])
def test_a_label_the_build_would_refuse_stops_the_import(tmp_path: Path, label: str) -> None:
    data, source = copy_data(tmp_path, "衢政办函〔2018〕12号", family=True)
    paragraph = f"{label}测试段落。"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "现将政务公开测试工作有关事项函告如下,请认真组织实施。\n", f"现将政务公开测试工作有关事项函告如下:\n\n{paragraph}\n"
    ), encoding="utf-8")
    with pytest.raises(RecordError) as info:
        import_issue(source, data, data, Report())
    assert str(info.value).startswith(f"{source}:{line_of(source, paragraph)}: ")
    assert label in str(info.value) and "1 到 999" in str(info.value)


def test_issuers_yaml_is_read_through_the_record_loader(tmp_path: Path) -> None:
    data, source = copy_data(tmp_path, "衢政办函〔2018〕12号", family=True)
    issuers = data / "issuers.yaml"
    issuers.write_text(issuers.read_text(encoding="utf-8") + "  colour: red\n", encoding="utf-8")
    with pytest.raises(RecordErrors) as info:
        import_issue(source, data, data, Report())
    assert f"issuers.yaml:{len(issuers.read_text(encoding='utf-8').splitlines())}:" in str(info.value)


def test_corrections_are_read_through_the_record_loader(tmp_path: Path) -> None:
    data, source = copy_data(tmp_path, "衢政办函〔2018〕12号", family=True)
    corrections = data / "corrections" / "2018-05.yaml"
    text = corrections.read_text(encoding="utf-8")
    corrections.write_text(text.replace("  replace:\n", "  replaec:\n", 1), encoding="utf-8")
    with pytest.raises(RecordErrors) as info:
        import_issue(source, data, data, Report())
    line = text.splitlines().index("  replace:") + 1
    assert f"corrections/2018-05.yaml:{line}:" in str(info.value) and "replaec" in str(info.value)


def test_a_document_without_signature_stops_the_import_naming_its_head(tmp_path: Path) -> None:
    data, source = copy_data(tmp_path, "衢政办函〔2018〕12号", family=True)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("请认真组织实施。\n\n衢州市人民政府办公室\n2018年5月25日\n", "请认真组织实施。\n"), encoding="utf-8")
    with pytest.raises(RecordError) as info:
        import_issue(source, data, data, Report())
    assert str(info.value).startswith(f"{source}:{line_of(source, '衢政办函〔2018〕12号')}: [no-signature] 2018/qzbh-12：找不到落款")


def test_a_text_that_is_no_gazette_issue_is_refused_clearly(tmp_path: Path) -> None:
    data, source = copy_data(tmp_path, "衢政办函〔2018〕12号", family=True)
    source.write_text("会议纪要\n\n今天开会。\n", encoding="utf-8")
    with pytest.raises(RecordError, match="找不到任何文件头"):
        import_issue(source, data, data, Report())
    source.write_text("衢州市人民政府关于某事的通知\n\n衢政发〔2018〕15号\n\n正文。\n\n衢州市人民政府\n2018年5月4日\n", encoding="utf-8")
    corrections = data / "corrections" / "2018-05.yaml"
    with pytest.raises(RecordError) as info:  # its corrections name documents the text lacks
        import_issue(source, data, data, Report())
    line = corrections.read_text(encoding="utf-8").splitlines().index("2018/qzbf-33:") + 1
    assert str(info.value).startswith(f"data/corrections/2018-05.yaml:{line}: 字段 '2018/qzbf-33' [corrections-unknown-document] 更正文件为2018/qzbf-33写了更正")
    corrections.unlink()
    with pytest.raises(RecordError, match="封面和目录部分找不到封面的年月"):
        import_issue(source, data, data, Report())


def test_a_correction_that_no_longer_matches_names_its_line(tmp_path: Path) -> None:
    data, source = copy_data(tmp_path, "衢政办函〔2018〕12号", family=True)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("| | 重点领域推进 | 建立办事规则和工作机制 |", "| | 重点领域推进 | 建立办事规则与工作机制 |"), encoding="utf-8")
    corrections = (data / "corrections" / "2018-05.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, x in enumerate(corrections, 1) if x.startswith("      original: \"| | 重点领域推进"))
    with pytest.raises(RecordError) as info:
        import_issue(source, data, data, Report())
    assert str(info.value).startswith(f"data/corrections/2018-05.yaml:{line}: 字段 '2018/qzbf-33.replace[0].original'")
    assert "found 0 times" in str(info.value)


def test_a_title_start_nothing_settles_stops_the_import_naming_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A document the contents do not list, its title on two lines whose shape cannot tell whether
    the upper one is the title's or the document before's: the import stops rather than guess."""
    data, source = copy_data(tmp_path, "衢政办函〔2018〕12号", family=True)
    title = "衢州市人民政府办公室关于开展政务公开测试工作的函"
    source.write_text(source.read_text(encoding="utf-8").replace(title, "衢州市人民政府办公室关于开展\n政务公开测试工作的函"),
                      encoding="utf-8")
    with pytest.raises(RecordError) as info:
        import_issue(source, data, data, Report())
    line = line_of(source, "衢州市人民政府办公室关于开展")
    assert str(info.value).startswith(f"{source}:{line}: [title-start] ")
    assert main([str(source), "--data", str(data), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert f"{source}:{line}:" in capsys.readouterr().err and not (tmp_path / "out").exists()
    # joined in the source text, as the message says, it is one title again
    source.write_text(source.read_text(encoding="utf-8").replace("关于开展\n政务公开", "关于开展政务公开"), encoding="utf-8")
    assert import_issue(source, data, data, Report())[1]["2018/qzbh-12"].title == title
