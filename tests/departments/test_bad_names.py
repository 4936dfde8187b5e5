"""A unit name the registry cannot resolve fails the build with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build, copy_project

pytestmark = pytest.mark.site  # builds its own copy of the project


def test_unknown_unit_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "data" / "documents" / "2018" / "qzbf-39.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    - 责任单位:市农办、农业局。\n" in text
    path.write_text(text.replace("    - 责任单位:市农办、农业局。\n", "    - 责任单位:市农办、市不存在局。\n"), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("    - 责任单位:市农办、市不存在局。") + 1
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"data/documents/2018/qzbf-39.yaml:{line}" in result.stderr
    assert "市不存在局" in result.stderr and "departments.yaml" in result.stderr
