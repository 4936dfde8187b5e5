"""One edited copy of the real library, built once per run (the ``edited_site`` fixture of
tests/conftest.py) instead of one build per test module that needs a record changed.

Each edit changes one record that no other edit touches and that no other edit's test reads, so
the tests stay independent: a test reads only the pages of its own record and of the records
its sentence names. Plain functions (no pytest); each edit says which test reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

# tests/test_citations.py: every printed variant in one paragraph of 2017/qzbf-20.
CITING_RECORD = "documents/2017/qzbf-20.yaml"
CITING = (
    "本段为测试:按照衢政办发[2018]33 号、衢政办发〔2018〕33号、衢政发〔２０１８〕１５号、"
    "衢政办\n发〔2018〕38号和国发〔2099〕1号执行。"
)

# tests/relations/test_affected_in_library.py: 2018/qzbf-42 repeals a document the library holds.
REPEALING_RECORD = "documents/2018/qzbf-42.yaml"
REPEAL_AFTER = "    text: 本意见自2018年6月1日起执行,试工期暂定1年。\n"
REPEAL = "《衢州市人民政府办公室关于公布衢州市服务业重点企业名单(2016年)的通知》(衢政办发〔2017〕11号)同时废止。"

# tests/test_site.py: markup in a title is shown as text.
MARKUP_RECORD = "documents/2018/qzg-8.yaml"
MARKUP_TITLE = "</title><script>alert('x')</script> **粗体** \"引号\" "

# tests/test_status.py: 有效性 from a record that names its source.
VALIDITY_RECORD = "documents/2017/qzf-14.yaml"
VALIDITY = {"status": "已废止", "date": "2018-05-04", "source": "衢政发〔2018〕15号"}

# tests/hardening/test_patterns.py: the sentence that once never finished, in a real document.
UNITS = ["市委宣传部", "市编办", "市发改委", "市经信委", "市教育局", "市科技局", "市公安局", "市民政局",
         "市司法局", "市财政局", "市人力社保局", "市国土资源局", "市环保局", "市建设局", "市交通运输局"]


def units(n: int) -> str:
    """``n`` unit names joined by 、 (the list that made a pattern backtrack)."""
    return "、".join(UNITS[i % len(UNITS)] for i in range(n))


HANG_30 = f"成员单位包括{units(30)}等单位。"
LEAD_30 = f"由{units(30)}牵头,{units(5)}按职责分工负责。"
LONG_LIST_RECORD = "documents/2018/qzbf-33.yaml"


def _yaml_edit(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _citing(data: Path) -> None:
    _yaml_edit(data / CITING_RECORD, lambda record: record["body"].append({"text": CITING}))  # type: ignore[attr-defined]


def _repeal(data: Path) -> None:
    _replace_once(data / REPEALING_RECORD, REPEAL_AFTER, REPEAL_AFTER.rstrip("\n") + REPEAL + "\n")


def _markup(data: Path) -> None:
    _replace_once(data / MARKUP_RECORD, "\ntitle: ", f"\ntitle: {MARKUP_TITLE}")


def _validity(data: Path) -> None:
    _yaml_edit(data / VALIDITY_RECORD, lambda record: record.__setitem__("validity", dict(VALIDITY)))


def _long_list(data: Path) -> None:
    _replace_once(data / LONG_LIST_RECORD, "\nbody:\n", f"\nbody:\n- text: '{HANG_30}{LEAD_30}'\n")


EDITS: tuple[Callable[[Path], None], ...] = (_citing, _repeal, _markup, _validity, _long_list)


def edit(data: Path) -> None:
    """Apply every edit to the copy's ``data/``."""
    for change in EDITS:
        change(data)
