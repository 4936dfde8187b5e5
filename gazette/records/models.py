"""Typed records: the shape of every YAML file under ``data/``.

The models are the schema. ``docs/schema.md`` documents them for people and
``gazette.records.schema`` exports them as JSON Schema. Unknown keys are
errors (``extra="forbid"``) so a typo never silently drops data.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Optional, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from gazette.vocab.issues import ISSUE_ID
from gazette.vocab.normalize import refused_characters

# Characters no printed text holds (invisible or look-alike): the one rule is
# ``gazette.vocab.normalize.refused_characters``; the loader applies it to every string of a
# record, these fields also when a record is built in Python (the importer).
_LINE_BREAK = re.compile(r"[\n\r]")


def _printable(value: str) -> str:
    refused = next(refused_characters(value), None)
    if refused is not None:
        raise ValueError(refused.message)
    return value


def _one_line(value: str) -> str:
    m = _LINE_BREAK.search(_printable(value))
    if m:
        raise ValueError(f"第 {m.start() + 1} 个字处有换行；此字段只能写一行")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _calendar_date(value: object) -> object:
    """A date is written YYYY-MM-DD; pydantic alone would read a number as seconds since 1970
    (``date: 1522972800`` → 2018-04-06) and publish a date nobody wrote."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError(f"日期应写成 YYYY-MM-DD（如 2018-05-04），不能写成 {value!r}")


def _whole_number(value: object) -> object:
    """A count is written as a plain integer: not true/false (pydantic reads true as 1), not 1.0, not text."""
    if type(value) is int:
        return value
    raise ValueError(f"应写成整数（如 106），不能写成 {value!r}")


def _flag(value: object) -> object:
    """A yes/no field is written true or false: pydantic alone takes 1, "yes", "on" too."""
    if type(value) is bool:
        return value
    raise ValueError(f"应写成 true 或 false，不能写成 {value!r}")


# The scalar types of records, as the 数据结构 page documents them (with the YAML reading, yamlfile.py).
RecordDate = Annotated[dt.date, BeforeValidator(_calendar_date)]
Whole = Annotated[int, BeforeValidator(_whole_number)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,31}$")]
# An issuer's code is the middle of its documents' ids and URLs ({year}/{code}-{seq}): no hyphen,
# so the sequence number after the hyphen is never ambiguous; one piece for both patterns.
ISSUER_CODE = r"[a-z][a-z0-9]{0,31}"
IssuerCode = Annotated[str, StringConstraints(pattern=rf"^{ISSUER_CODE}$")]
Printable = Annotated[str, AfterValidator(_printable)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=200_000), AfterValidator(_printable)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=2_000), AfterValidator(_one_line)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


# --- registries -----------------------------------------------------------


class Issuer(Record):
    """One family of document numbers (文号), e.g. 衢政办发."""

    code: IssuerCode = Field(description="ASCII code used in document URLs, e.g. qzbf (letters and digits, no hyphen)")
    prefix: Line = Field(description="文号 prefix as printed, e.g. 衢政办发")
    names: list[Line] = Field(min_length=1, description="Issuing organ(s) using this prefix")
    kind: Literal["市政府", "市政府办公室", "市政府人事", "市级部门"] = "市级部门"


DepartmentKind = Literal["市级部门", "县(市、区)政府", "管委会", "企业", "学校", "其他"]
DEPARTMENT_KINDS: tuple[DepartmentKind, ...] = get_args(DepartmentKind)  # in the order lists show them


class Department(Record):
    """A real body that can hold a role in a task; every spelling is an alias."""

    code: Code
    name: Line = Field(description="Canonical name")
    aliases: list[Line] = Field(default_factory=list)
    kind: DepartmentKind = "市级部门"
    ambiguous: Flag = Field(
        default=False,
        description="True when the printed name can mean a city- or county-level body",
    )
    note: Optional[Line] = None
    collective: Flag = Field(
        default=False,
        description="True for a collective name (市级各有关部门, 领导小组成员单位…), not one real unit",
    )
    covers: list[DepartmentKind] = Field(
        default_factory=list,
        description=(
            "For a collective that stands for every unit of some kinds (市级各有关部门 = 市级部门, "
            "各县(市、区)人民政府 = 县(市、区)政府): those kinds. Its tasks reach each such unit"
        ),
    )
    person: bool = Field(
        default=False,
        description="True for a natural person named in a role column (e.g. a 举办者): not a unit, no unit page",
    )

    @model_validator(mode="after")
    def _covers_only_for_collectives(self) -> Department:
        if self.covers and not self.collective:
            raise ValueError("covers 只用于集合名称（collective: true）")
        if self.person and (self.collective or self.aliases):
            raise ValueError("个人（person: true）不能是集合名称，也不能有 aliases")
        return self


# --- gazette issues -------------------------------------------------------


class BoardRole(Record):
    role: Line = Field(description="e.g. 主任, 编委")
    names: list[Line] = Field(min_length=1)


class ImprintLine(Record):
    label: Line = Field(description="e.g. 出版, 电话, 地址")
    value: Line


DocumentId = Annotated[str, StringConstraints(pattern=rf"^\d{{4}}/{ISSUER_CODE}-\d+$")]
# A part's or table row's id on its page, as a record may give it (an explicit id, a 存疑 mark's place).
AnchorId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
IssueId = Annotated[str, StringConstraints(pattern=rf"^{ISSUE_ID}$")]


class TocEntry(Record):
    document: DocumentId = Field(
        description="Document id: {year}/{issuer-code}-{seq}"
    )
    toc_text: Optional[Line] = Field(
        default=None, description="The TOC line as printed; absent when the TOC omits it"
    )
    page: Optional[Annotated[int, Field(ge=1), BeforeValidator(_whole_number)]] = Field(
        default=None, description="Printed page; never invented for unlisted documents"
    )

    @model_validator(mode="after")
    def _page_only_when_listed(self) -> TocEntry:
        if self.page is not None and self.toc_text is None:
            raise ValueError("印刷目录未列出的文件不能写 page（页码）")
        return self


class TocSection(Record):
    category: Line = Field(description="e.g. 市政府文件, 市府办文件, 机构与人事, 部门规范性文件")
    entries: list[TocEntry] = Field(min_length=1)


class Issue(Record):
    year: Whole = Field(ge=1990, le=2100)
    number: Whole = Field(ge=1, le=99, description="期 within the year")
    total_number: Whole = Field(ge=1, description="总第N期")
    printed_month: Line = Field(description="Cover date as printed, e.g. 2018年6月")
    published: RecordDate = Field(description="First day of the cover month, for feeds and sorting")
    permit: Optional[Line] = Field(default=None, description="e.g. 浙内部资料准印证第H004号")
    editorial_board: list[BoardRole] = Field(default_factory=list)
    imprint: list[ImprintLine] = Field(default_factory=list)
    contents: list[TocSection] = Field(
        min_length=1, description="Body order; sections and entries in printed order"
    )


# --- documents ------------------------------------------------------------


class TableHeaderCell(Record):
    text: Printable
    colspan: Whole = Field(default=1, ge=1)
    rowspan: Whole = Field(default=1, ge=1)


class Table(Record):
    caption: Optional[Line] = None
    columns: list[Line] = Field(min_length=1, description="Leaf column names, one per cell")
    header_rows: list[list[TableHeaderCell]] = Field(
        default_factory=list,
        description="Multi-level header as printed; when empty, `columns` is the header",
    )
    rows: list[list[Optional[Printable]]] = Field(
        min_length=1,
        description="Cells; null means the cell above continues (merged cell in print)",
    )
    notes: list[Text] = Field(default_factory=list, description="Printed notes under the table")
    headless: Flag = Field(
        default=False,
        description="The printed table has no header row (e.g. a blank form); `columns` are then "
        "positional keys, not printed text, and must not be shown",
    )

    @model_validator(mode="after")
    def _row_widths(self) -> Table:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"第 {i + 1} 行有 {len(row)} 个单元格，但表格有 "
                    f"{len(self.columns)} 列"
                )
        for col in range(len(self.columns)):
            if self.rows[0][col] is None:
                raise ValueError(f"第 1 行第 {col + 1} 列续接表格上方的单元格（表格第一行不能有合并单元格的空位）")
        return self


class Part(Record):
    """A numbered or unnumbered part of a body.

    ``label`` is the printed numbering (第十八条, 一、, (二), 3., (4), 第二章);
    the anchor id is derived from it. ``text`` is what follows the label in the
    same printed paragraph; ``paragraphs`` are further paragraphs of the part.
    """

    label: Optional[Line] = None
    text: Optional[Text] = None
    heading: Flag = Field(default=False, description="A title line (centered in print)")
    paragraphs: list[Text] = Field(default_factory=list)
    table: Optional[Table] = None
    children: list[Part] = Field(default_factory=list)
    id: Optional[AnchorId] = Field(
        default=None, description="Explicit anchor id; only when the printed numbering repeats"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Part:
        if self.table is not None and (self.label or self.text or self.paragraphs):
            raise ValueError("表格部分只能有 table（和可选的 id）")
        if self.table is None and not (self.label or self.text or self.children):
            raise ValueError("空的部分：请写 label、text、children 或 table")
        return self


class Attachment(Record):
    label: Optional[Line] = Field(default=None, description="e.g. 附件, 附件2; absent if unprinted")
    title: Optional[Line] = None
    body: list[Part] = Field(min_length=1)


class Signature(Record):
    issuers: list[Line] = Field(min_length=1, description="As printed, in printed order")
    date_text: Line = Field(description="e.g. 2018年5月8日")


ErratumKind = Literal["and-for-he", "page-break", "table-cell", "layout", "wenhao", "other"]


class Erratum(Record):
    kind: ErratumKind
    part: Optional[str] = Field(default=None, description="Anchor id of the part repaired")
    original: Printable = Field(description="The extracted text, as it was")
    published: Printable = Field(description="The text as shown here")
    reason: Line


CheckKind = Literal["count", "sum", "numbering", "column", "break"]


class Doubt(Record):
    """A place the print contradicts itself and the record cannot settle: shown
    to readers in place as 存疑 with the reason (see gazette.derive.consistency)."""

    check: CheckKind = Field(description="Which self-consistency check the place fails")
    part: AnchorId = Field(
        description="Anchor id of the part or table row (…__row_N)"
    )
    quote: Line = Field(description="The printed text concerned, quoted as published")
    reason: Line = Field(description="Why it is doubtful and what the print does show")


ValidityStatus = Literal["现行有效", "已修改", "已废止", "已失效"]


class Validity(Record):
    """Whether a document is still in force (有效性), as a later document or notice says.

    Recorded only from that source, which the record must name; never inferred
    from dates or wording. A document without it is shown as 有效性未知."""

    status: ValidityStatus = Field(description="现行有效 / 已修改 / 已废止 / 已失效")
    source: Line = Field(
        description="The later document or notice that says so, as printed: its 文号 (linked when in the library) "
        "and/or title, e.g. 衢政发〔2019〕5号"
    )
    date: Optional[RecordDate] = Field(default=None, description="Since when, as the source states it")
    quote: Optional[Text] = Field(default=None, description="The source's own words, quoted as printed")


class Document(Record):
    number_printed: Line = Field(description="文号 as printed under the title, e.g. 衢政办发〔2018〕33 号")
    title: Line
    issuers: list[Line] = Field(min_length=1, description="发文机关; several for joint documents")
    addressees: Optional[Text] = Field(
        default=None, description="主送 as printed, with the colon that ends the line (: or ：)"
    )
    date: RecordDate = Field(description="成文日期")
    issue: IssueId = Field(
        description="Gazette issue id, e.g. 2018-05"
    )
    public_mark: Optional[Line] = Field(default=None, description="e.g. 此件公开发布")
    doc_type: Optional[Line] = Field(
        default=None, description="通知, 通报, 意见, 任免…; derived from the title when absent"
    )
    body: list[Part] = Field(min_length=1)
    signature: Optional[Signature] = None
    attachments: list[Attachment] = Field(default_factory=list)
    postscript: list[Text] = Field(
        default_factory=list, description="Text printed after the signature (e.g. 抄送, notes)"
    )
    errata: list[Erratum] = Field(default_factory=list)
    doubts: list[Doubt] = Field(
        default_factory=list, description="存疑: inconsistencies of the print marked for readers"
    )
    validity: Optional[Validity] = Field(
        default=None,
        description="有效性 with its source (a later document or notice); absent: not known, shown as such",
    )
