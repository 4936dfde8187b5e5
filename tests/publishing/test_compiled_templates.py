"""Compiled templates are kept for the process (``gazette/render/env.py``): a rebuild under
``mkdocs serve`` must still show a template as it is on disk now, not as it was first compiled."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette.render.env import make_env

pytestmark = pytest.mark.unit


def test_an_edited_template_is_compiled_again_and_an_unchanged_one_is_not(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text("<p>{{ text }}</p>", encoding="utf-8")
    assert make_env(tmp_path).get_template("page.html").render(text="一") == "<p>一</p>"
    template.write_text("<div>{{ text }}</div>", encoding="utf-8")
    assert make_env(tmp_path).get_template("page.html").render(text="<二>") == "<div>&lt;二&gt;</div>"
    again = make_env(tmp_path)
    assert again.get_template("page.html").render(text="三") == "<div>三</div>"
    other = tmp_path / "other"
    other.mkdir()
    (other / "page.html").write_text("<span>{{ text }}</span>", encoding="utf-8")  # same name, another folder
    assert make_env(other).get_template("page.html").render(text="四") == "<span>四</span>"
