"""Chinese prose wrapped in the source shows without stray spaces (gazette/render/cjk.py)."""

from __future__ import annotations

import unicodedata

import markdown
import pytest

from gazette.render.cjk import CJKExtension, join_cjk_lines
from tests.project import ROOT

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("政策文件，\n保留印刷原文", "政策文件，保留印刷原文"),
        ("一\n二\n三", "一二三"),  # overlapping breaks
        ("收录\n  各期", "收录各期"),  # indent of the next line
        ("文件 JSON\n格式", "文件 JSON\n格式"),  # next to Latin text the break stays a space
        ("2018\n年", "2018\n年"),
        ("第一段。\n\n第二段", "第一段。\n\n第二段"),  # a blank line is a paragraph break, not wrapped text
    ],
)
def test_join_cjk_lines(source: str, shown: str) -> None:
    assert join_cjk_lines(source) == shown


def test_markdown_pages_join_wrapped_chinese_but_keep_code() -> None:
    html = markdown.markdown("本站逐期收录，\n保留**印刷**\n原文。\n\n    代码\n    照旧\n\n`行内\n代码`", extensions=[CJKExtension()])
    assert "本站逐期收录，保留<strong>印刷</strong>原文。" in html
    assert "代码\n照旧" in html
    assert "<code>行内\n代码</code>" in html


def test_templates_do_not_wrap_chinese_text() -> None:
    """Templates are not Markdown: a line break between two Chinese characters would show as a space."""
    wrapped = []
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, (a, b) in enumerate(zip(lines, lines[1:]), start=1):
            a, b = a.rstrip(), b.lstrip()
            if a and b and unicodedata.east_asian_width(a[-1]) in "WF" and unicodedata.east_asian_width(b[0]) in "WF":
                wrapped.append(f"{path.relative_to(ROOT)}:{n}")
    assert not wrapped, wrapped
