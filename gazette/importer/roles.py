"""Nothing lost silently: the role words of each drafted document, read by the build's own reader.

The importer does not read role assignments itself. It runs the task extraction of the build
(``gazette.derive.tasks.extract_tasks``, which uses the one role vocabulary and reader) over
each drafted record against the registry in ``data/departments.yaml``, and reports per document:
role words seen, tasks made, and every role word that made no task with the source line and the
reader's reason. A unit name the registry lacks gets a proposed registry entry (code from the
pinyin initials of the name, kind guessed from its ending, marked 待核对) — only when it looks like
a unit name; any other phrase is reported as what the reader did not understand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter

from gazette.derive.anchors import AnchorError, anchor_document
from gazette.derive.departments import Registry
from gazette.derive.proposal import proposed_code, proposed_entry
from gazette.derive.tasks import UnknownUnitError, extract_tasks
from gazette.derive.views import DocRef
from gazette.derive.wenhao import parse_wenhao
from gazette.load.errors import RecordError, RecordErrors
from gazette.load.library import load_file
from gazette.load.yamlfile import YamlFile
from gazette.records.models import Department, Document, Issuer
from gazette.vocab.normalize import without_spaces
from gazette.vocab.unitnames import looks_like_unit_name

from .errors import SourceError
from .report import Report
from .split import Segment

_DEPARTMENTS = TypeAdapter(list[Department])


@dataclass
class RoleCounts:
    """Counts over the whole issue, for the closing line of the report and the benchmarks."""

    seen: int = 0
    used: int = 0  # role words part of a task
    tasks: int = 0
    unread: int = 0  # role words listed: seen = used + unread
    unknown: dict[str, str] = field(default_factory=dict)  # unit name → proposed code


class _Lines:
    """Where a part's text stands among a document's source lines. Lists repeat word for word
    ("牵头单位:区发改局" under items 1 and 3), and the audit lists in document order, so each
    search starts where the previous one found its line (the same line again when one list
    names two unknown units); a line that is the whole text wins over one that only begins like it."""

    def __init__(self, seg: Segment) -> None:
        self.first: int = seg.title_line
        self.keys = [without_spaces(line) for line in seg.lines]
        self.cursor = 0

    def of(self, text: str) -> int | None:
        """0-based issue line where ``text`` (a part's text) begins."""
        whole = without_spaces(text)
        probe = whole[:10]
        if not probe:
            return None
        order: list[int] = [*range(self.cursor, len(self.keys)), *range(self.cursor)]
        found = [i for i in order if self.keys[i] == whole] or [i for i in order if probe in self.keys[i]]
        if not found:
            return None
        self.cursor = found[0]
        return self.first + found[0]


def summary(counts: RoleCounts) -> str:
    return (f"全期合计：角色词{counts.seen}个＝生成任务的{counts.used}个＋未生成任务并已列出的{counts.unread}个；"
            f"生成任务{counts.tasks}项（一项任务可含几个角色词，如同一括号中的牵头单位和配合单位；"
            f"成员单位名单生成的任务不含角色词）；未登记的单位{len(counts.unknown)}个")


class RoleAudit:
    """The build's task extraction over drafted records, reported per document."""

    def __init__(self, data: Path, issuers: dict[str, Issuer]) -> None:
        try:
            departments: list[Department] = load_file(data / "departments.yaml", _DEPARTMENTS, data)[0]
        except (RecordError, RecordErrors):
            departments = []  # the build reports a broken registry itself
        self.registry = Registry.from_records(departments)
        self.codes = {d.code for d in departments}
        self.issuers = issuers
        self.counts = RoleCounts()

    def document(self, doc_id: str, doc: Document, seg: Segment, report: Report) -> None:
        wenhao = parse_wenhao(doc.number_printed)
        ref = DocRef(doc_id, doc, wenhao, self.issuers[wenhao.prefix])
        source = YamlFile(Path(f"data/documents/{doc_id}.yaml"), None)
        errors: list[RecordError] = []
        try:
            anchored = anchor_document(doc)
        except AnchorError as exc:  # the build would refuse this record: stop here, naming the document
            raise SourceError(seg.wenhao_line, f"[anchor-repeat] {doc_id}：编号重复，构建会拒绝这份记录"
                                               f"（{exc}）；请对照原件核对编号，必要时用更正文件修正") from None
        tasks, _tables, audit = extract_tasks(ref, anchored, source, self.registry, errors)
        self.counts.seen += audit.seen
        self.counts.used += audit.used
        self.counts.tasks += len(tasks)
        self.counts.unread += len(audit.unread)
        if audit.seen or tasks:
            report.add("roles", f"[{doc_id}] 角色词{audit.seen}个＝生成任务的{audit.used}个＋未生成任务的{len(audit.unread)}个；"
                                f"生成任务{len(tasks)}项")
        unread_at, errors_at = _Lines(seg), _Lines(seg)
        for word in audit.unread:
            report.add("roles", f"{report.at(unread_at.of(word.text))}：[{doc_id}] “{word.word}”未生成任务（{word.part}）：{word.reason}；原文“{word.text[:40]}”")
            for phrase in word.unclear:
                self._unknown(doc_id, phrase, word.text, unread_at, report)
        for error in errors:
            if isinstance(error, UnknownUnitError):
                self._unknown(doc_id, error.name, error.context, errors_at, report)
            else:
                report.add("roles", f"[{doc_id}] {error.message}")

    def _unknown(self, doc_id: str, name: str, context: str, lines: _Lines, report: Report) -> None:
        at = report.at(lines.of(context))
        if not looks_like_unit_name(name):
            report.add("units", f"{at}：[{doc_id}] [not-a-unit] 读取职责分工时没有读懂“{name}”：它不像单位名称；原文“{context[:60]}”")
            return
        code = self.counts.unknown.get(name) or proposed_code(name, self.codes)
        first = name not in self.counts.unknown
        self.counts.unknown[name] = code
        entry = proposed_entry(name, code)
        report.add("units", f"{at}：[{doc_id}] [unknown-unit] 单位“{name}”不在data/departments.yaml中"
                            + (f"；如确是实有单位，建议登记：{entry}" if first else f"（建议的登记见上，代码{code}）"))
