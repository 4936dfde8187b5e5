"""The schema's built-in checks (pydantic's error types) in the editors' words.

pydantic words its own checks in English ("Field required", "Input should be …"); an editor
reads Chinese. Each error type the records can meet has its sentence here, filled from the
error's context; a type not listed keeps pydantic's words rather than saying nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_TYPE_WORDS = {
    "string": "文字", "int": "整数", "float": "数字", "bool": "true 或 false", "date": "日期（YYYY-MM-DD）",
    "list": "列表", "dict": "键值映射", "model": "键值映射",
}

MESSAGES: dict[str, str] = {
    "missing": "缺少这个必填字段",
    "extra_forbidden": "不认识的字段（记录格式里没有它：拼写有误，或放错了层级）",
    "string_too_short": "至少要有 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_pattern_mismatch": "写法不符合要求（应匹配 {pattern}）",
    "too_short": "至少要有 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "less_than_equal": "应不大于 {le}",
    "less_than": "应小于 {lt}",
    "greater_than_equal": "应不小于 {ge}",
    "greater_than": "应大于 {gt}",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "date_parsing": "不是有效的日期（应为 YYYY-MM-DD，且是日历上有的一天）",
    "date_from_datetime_parsing": "不是有效的日期（应为 YYYY-MM-DD，且是日历上有的一天）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD），不带时刻",
    "union_tag_invalid": "应为以下之一：{expected_tags}",
}
for kind, words in _TYPE_WORDS.items():
    MESSAGES.setdefault(f"{kind}_type", f"应为{words}")


def chinese_message(error: Mapping[str, Any]) -> str:
    """The sentence for one pydantic error (``ValidationError.errors()`` item)."""
    ctx = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in ctx:
        return str(ctx["error"])  # our validators' own words, without pydantic's "Value error, "
    template = MESSAGES.get(error["type"])
    if template is None:
        return str(error["msg"])
    try:
        return template.format(**{k: str(v).replace("'", "") if k.startswith("expected") else v for k, v in ctx.items()})
    except (KeyError, IndexError):
        return str(error["msg"])
