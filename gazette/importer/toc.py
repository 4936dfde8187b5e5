"""Front matter: cover, table of contents, editorial board, imprint."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from gazette.derive.wenhao import WENHAO_RE, number_pattern, prefixes_pattern
from gazette.records.models import BoardRole, ImprintLine, TocEntry, TocSection
from gazette.vocab.issues import PRINTED_MONTH
from gazette.vocab.normalize import without_spaces

from .errors import SourceError
from .report import Report
from .split import Heads, title_start

TOC_LINE = re.compile(r"^(?P<text>.*\S)\s+(?P<page>\d{1,3})$")
BOARD_ROLES = ("名誉主任", "主任", "副主任", "编委", "主编", "编辑")
IMPRINT = ("出版", "电话", "传真", "地址", "邮编", "承印")
GAZETTE_NAMES = ("衢州政报", "衢州政報")  # the name on the cover and in running heads
NOISE = {"QUZHOU", "ZHENGBAO", *GAZETTE_NAMES}
COVER_NUMBER = re.compile(r"^第\s*(\d{1,2})\s*期$")  # the cover's issue number: 第5期


def toc_wenhao(heads: Heads) -> re.Pattern[str]:
    """A TOC entry's 文号, printed in parentheses after its title: …(衢政办发〔2018〕33号)."""
    return re.compile(rf"[(（]{number_pattern(prefixes_pattern(heads.codes))}[)）]")


def _missing(what: str) -> SourceError:
    return SourceError(None, f"[front-matter] 封面和目录部分找不到{what}（这是一期衢州政报的文本吗？）")


def _index(front: list[str], text: str) -> int:
    try:
        return front.index(text)
    except ValueError:
        raise _missing(text) from None


def first_head(lines: list[str], heads: Heads) -> int:
    """Index of the first 文号 line of the issue."""
    for i, ln in enumerate(lines):
        if heads.check(ln, i):
            return i
    raise SourceError(None, "[no-document-head] 找不到任何文件头（data/issuers.yaml所列文号系列的文号行）")


def printed_issue(lines: list[str], end: int) -> tuple[set[int], set[int]]:
    """The years (of the printed month) and issue numbers the cover prints above line ``end``;
    either may be empty when the cover does not print it."""
    front = [ln.strip() for ln in lines[:end]]
    years = {int(m["year"]) for m in map(PRINTED_MONTH.fullmatch, front) if m}
    numbers = {int(m[1]) for m in map(COVER_NUMBER.match, front) if m}
    return years, numbers


def front_end(lines: list[str], heads: Heads, titles: Mapping[str, str] | None = None) -> int:
    """Index of the first line of the first document's title (``titles``: see :func:`toc_titles`)."""
    i = first_head(lines, heads)
    match = heads.match(lines[i])
    assert match is not None, "first_head returns a head"
    last = next((k for k in range(i - 1, -1, -1) if lines[k].strip()), None)
    if last is None:  # no title above the first 文号: the split finds no head there either
        return i
    return title_start(lines, 0, last, (titles or {}).get(heads.document_id(match)))


def title_of(toc_text: str) -> str:
    """The title a TOC entry gives its document: the entry without its 文号 (the last one)."""
    numbers = list(WENHAO_RE.finditer(toc_text))
    return toc_text[: numbers[-1].start()] if numbers else toc_text


def toc_titles(lines: list[str], heads: Heads) -> dict[str, str]:
    """Document id → title in the printed table of contents: what tells the split where a title
    printed on several lines starts. Empty when there is no table of contents to read (the
    import then stops later, in :func:`parse_front`, saying what is missing)."""
    try:
        front = _front(lines, first_head(lines, heads))
        sections = read_toc(front, heads, Report())
    except SourceError:
        return {}
    return {e["document"]: title_of(e["toc_text"]) for s in sections for e in s["entries"]}


def _front(lines: list[str], end: int) -> list[str]:
    return [ln.strip() for ln in lines[:end] if ln.strip() and ln.strip() not in NOISE]


def read_toc(front: list[str], heads: Heads, report: Report) -> list[dict[str, Any]]:
    """The printed TOC sections of the front matter (``front``: its non-blank lines, stripped)."""
    toc_number = toc_wenhao(heads)
    toc_start = next((i for i, x in enumerate(front) if without_spaces(x) == "目录"), None)
    if toc_start is None:
        raise _missing("目录")
    board_start = _index(front, "编辑委员会")
    sections: list[dict[str, Any]] = []
    pending = ""
    for x in front[toc_start + 1 : board_start]:
        if x.startswith("●"):
            sections.append({"category": x.lstrip("●").strip(), "entries": []})
            continue
        if not sections:
            raise _missing(f"“{x}”之前的目录栏目（●开头的行）")
        m = TOC_LINE.match(x)
        if not m:
            pending += x
            continue
        text = pending + m.group("text")
        pending = ""
        w = toc_number.search(text)
        if not w:
            report.add("toc", f"目录行没有文号：“{text}”")
            continue
        sections[-1]["entries"].append({"document": heads.document_id(w), "toc_text": text, "page": int(m.group("page"))})
    if pending:
        report.add("toc", f"目录末尾有未归属的文字：“{pending}”")
    return sections


def parse_front(
    lines: list[str], end: int, year: int, number: int, heads: Heads, report: Report
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The issue's fields (without contents) and the printed TOC sections, from the lines
    before ``end`` (the first line of the first document's title)."""
    front = _front(lines, end)
    month = next((m for m in map(PRINTED_MONTH.fullmatch, front) if m), None)
    if month is None:
        raise _missing("封面的年月（如2018年6月）")
    total = re.search(r"总第(\d+)期", " ".join(front))
    if total is None:
        raise _missing("总第N期")
    k = _index(front, "浙内部资料准印证")
    permit = front[k] + (front[k + 1] if k + 1 < len(front) else "")
    sections = read_toc(front, heads, report)
    board_start = _index(front, "编辑委员会")
    board: list[BoardRole] = []
    imprint: list[ImprintLine] = []
    last = None
    for x in front[board_start + 1 :]:
        m = re.match(r"^(\S+?)[:：](.*)$", x)
        if m and m.group(1) in BOARD_ROLES:
            board.append(BoardRole(role=m.group(1), names=m.group(2).split()))
            last = "board"
        elif m and m.group(1) in IMPRINT:
            imprint.append(ImprintLine(label=m.group(1), value=m.group(2).strip()))
            last = "imprint"
        elif last == "board":
            role = board[-1]
            board[-1] = BoardRole(role=role.role, names=role.names + x.split())
        elif last == "imprint":
            line = imprint[-1]
            imprint[-1] = ImprintLine(label=line.label, value=line.value + x)
        else:
            report.add("front", f"封面或版权页中无法归类的行：“{x}”")
    return dict(
        year=year,
        number=number,
        total_number=int(total.group(1)),
        printed_month=month.group(0),
        published=dt.date(int(month["year"]), int(month["month"]), 1),
        permit=permit,
        editorial_board=board,
        imprint=imprint,
    ), sections


def build_contents(sections: list[dict[str, Any]], body_ids: list[str], report: Report) -> list[TocSection]:
    """Entries in body order; documents missing from the TOC join the section of the one before."""
    listed = {e["document"]: (s["category"], e) for s in sections for e in s["entries"]}
    for d in listed:
        if d not in body_ids:
            report.add("toc", f"[{d}] 目录列出了这份文件，但正文中没有")
    order = [s["category"] for s in sections]
    out: dict[str, list[TocEntry]] = {c: [] for c in order}
    last_cat = order[0]
    for d in body_ids:
        if d in listed:
            cat, e = listed[d]
            out[cat].append(TocEntry(**e))
            last_cat = cat
        else:
            report.add("toc", f"[{d}] 正文中有这份文件，但印刷目录未列出；已归入“{last_cat}”栏，无页码")
            out[last_cat].append(TocEntry(document=d))
    # printed order of sections must agree with body order
    seen = [c for c in order if out[c]]
    return [TocSection(category=c, entries=out[c]) for c in seen]
