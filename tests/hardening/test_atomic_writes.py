"""Every file the package produces is written atomically (issue 20, item 7).

A full disk is real here, not pretended: the temporary file the write goes to is opened on
``/dev/full``, so the kernel answers ENOSPC exactly as a full filesystem does. The importer and
the anchors command then end with a Chinese message and no traceback, and every file that was
there before is byte for byte what it was, with no temporary file left behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from gazette import fsio
from gazette.fsio import WriteError, write_all_atomic, write_atomic
from tests.project import ROOT, files_of

# Kinds per test: the importer on a published issue and the anchors manifest over the real
# records read the real data whole, which makes them site tests (tests/conftest.py).


def _disk_full_for(monkeypatch: pytest.MonkeyPatch, fails: Callable[[str], bool]) -> list[str]:
    """Writes whose target name satisfies ``fails`` go to /dev/full (ENOSPC); returns their names."""
    real = tempfile.mkstemp
    hit: list[str] = []

    def mkstemp(prefix: str = "", suffix: str = "", dir: str | os.PathLike[str] | None = None) -> tuple[int, str]:
        fd, name = real(prefix=prefix, suffix=suffix, dir=dir)
        if fails(prefix):
            hit.append(prefix)
            os.close(fd)
            return os.open("/dev/full", os.O_WRONLY), name
        return fd, name

    monkeypatch.setattr(fsio.tempfile, "mkstemp", mkstemp)
    return hit


@pytest.mark.unit
def test_a_failed_write_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "record.yaml"
    target.write_text("title: 原文\n", encoding="utf-8")
    target.chmod(0o640)
    _disk_full_for(monkeypatch, lambda _: True)
    with pytest.raises(WriteError) as raised:
        write_atomic(target, "title: 新的文字\n" * 10_000)
    assert "磁盘已满" in str(raised.value) and str(target) in str(raised.value)
    assert target.read_text(encoding="utf-8") == "title: 原文\n"
    assert [p.name for p in tmp_path.iterdir()] == ["record.yaml"]  # no temporary file left


@pytest.mark.unit
def test_a_write_replaces_in_one_step_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.json"
    write_atomic(target, "{}\n")
    assert target.read_bytes() == b"{}\n"
    target.chmod(0o600)
    write_atomic(target, b"[]\n")
    assert target.read_bytes() == b"[]\n" and target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["b.json"]


@pytest.mark.unit
def test_several_files_are_all_written_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {tmp_path / f"{n}.yaml": f"n: {n}\n" for n in range(1, 5)}
    for path in list(files)[:3]:
        path.write_text("old\n", encoding="utf-8")
    before = files_of(tmp_path)
    _disk_full_for(monkeypatch, lambda prefix: prefix.startswith(".3.yaml"))
    with pytest.raises(WriteError, match="其余文件均未改动"):
        write_all_atomic(files)
    assert files_of(tmp_path) == before  # 1.yaml and 2.yaml were staged, never put in place


@pytest.mark.site
def test_importer_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from gazette.importer.cli import main

    out = tmp_path / "data"
    shutil.copytree(ROOT / "data", out, ignore=shutil.ignore_patterns("sources"))
    before = files_of(out)
    hit = _disk_full_for(monkeypatch, lambda prefix: prefix.startswith(".qzbf-38.yaml"))
    code = main([str(ROOT / "data/sources/quzhou-zhengbao-2018-05.txt"), "--out", str(out), "--data", str(ROOT / "data"), "--quiet"])
    err = capsys.readouterr().err
    assert hit, "the import wrote the record the disk was full for"
    assert code == 1
    assert "导入失败" in err and "磁盘已满" in err and "qzbf-38.yaml" in err and "Traceback" not in err
    assert files_of(out) == before  # every earlier record as it was, no temporary file


@pytest.mark.site
def test_anchors_manifest_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from gazette.publish.anchors import main

    manifest = tmp_path / "anchors.txt"
    shutil.copy2(ROOT / "data/published/anchors.txt", manifest)
    (tmp_path / "site").mkdir()
    before = files_of(tmp_path)
    _disk_full_for(monkeypatch, lambda prefix: prefix.startswith(".anchors.txt"))
    code = main([str(tmp_path / "site"), str(manifest), "--data", str(ROOT / "data")])
    err = capsys.readouterr().err
    assert code == 1 and "锚点清单未更新" in err and "磁盘已满" in err
    assert files_of(tmp_path) == before
