"""The importer on files that are not an issue text: a message naming the file (and the line
where there is one), exit status 1, never a traceback (issue 15, item 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA

pytestmark = pytest.mark.site

SOURCE = DATA / "sources" / "quzhou-zhengbao-2018-05.txt"
NAME = "quzhou-zhengbao-2019-01.txt"


def _run(source: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gazette.importer", str(source), "--data", str(DATA), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120, cwd=DATA.parent,
    )


def _without_signature() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    block = "衢州市人民政府办公室\n2018年5月8日\n"
    assert text.count(block) == 1
    return text.replace(block, "")


CASES: dict[str, tuple[bytes | None, str]] = {
    "empty_file": (b"", f"{NAME}:1: [empty] 文件为空"),
    "only_blank_lines": (b"\n\n  \n", f"{NAME}:1: [empty] 文件为空"),
    "binary_file": (b"%PDF-1.7\n\x00\x01\x02\xff" * 10, f"{NAME}:2: [binary] 这是二进制文件（含NUL字节），不是一期政报的抽取文本"),
    "gbk_encoded_text": ("衢州政报\n2018年第5期\n".encode("gbk"), f"{NAME}:1: [not-utf8] 不是UTF-8文本（字节0xe1）；请将抽取文本另存为UTF-8"),
    "not_a_gazette": ("会议纪要\n今天开会讨论了若干事项。\n散会。\n".encode(), f"{NAME}: [no-document-head] 找不到任何文件头"),
    "notice_without_signature_block": (_without_signature().encode(), "[no-signature]"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_source_gives_a_message_not_a_traceback(name: str, tmp_path: Path) -> None:
    content, expected = CASES[name]
    source = tmp_path / NAME
    assert content is not None
    source.write_bytes(content)
    result = _run(source, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert expected in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()  # nothing written


def test_a_file_name_that_names_no_issue(tmp_path: Path) -> None:
    source = tmp_path / "issue.txt"
    source.write_bytes(SOURCE.read_bytes())
    result = _run(source, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "issue.txt: [file-name] 无法从文件名看出期号：请命名为quzhou-zhengbao-{year}-{nn}.txt" in result.stderr


def test_a_missing_file_and_a_fifo(tmp_path: Path) -> None:
    result = _run(tmp_path / NAME, tmp_path)
    assert result.returncode == 1 and f"{NAME}: [no-file] 文件不存在" in result.stderr and "Traceback" not in result.stderr
    os.mkfifo(tmp_path / NAME)
    result = _run(tmp_path / NAME, tmp_path)
    assert result.returncode == 1 and "不是普通文件（命名管道 FIFO）" in result.stderr and "Traceback" not in result.stderr
