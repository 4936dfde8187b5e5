"""Load and validate every record under ``data/``.

Every file is parsed and validated before anything is derived or rendered;
all errors are collected and raised together, each naming file, line and
field, so one build reports every problem at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from gazette.load.characters import character_errors
from gazette.load.complete import document_complete
from gazette.load.errors import RecordError, RecordErrors
from gazette.load.ignored import skip_editor_file
from gazette.load.messages import chinese_message
from gazette.load.yamlfile import YamlFile, format_loc, read_yaml
from gazette.records.models import Department, Document, Issue, Issuer

M = TypeVar("M", bound=BaseModel)


@dataclass
class Loaded:
    """A validated record with the file it came from (for later errors)."""

    record: Any
    source: YamlFile


@dataclass
class RawLibrary:
    root: Path
    issuers: list[Loaded] = field(default_factory=list)
    departments: list[Loaded] = field(default_factory=list)
    issues: dict[str, Loaded] = field(default_factory=dict)
    documents: dict[str, Loaded] = field(default_factory=dict)


def _validate(source: YamlFile, adapter: TypeAdapter[Any]) -> Any:
    refused = character_errors(source)
    try:
        record = adapter.validate_python(source.data)
    except ValidationError as exc:
        shown = {error.field for error in refused}
        errors = list(refused)
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            # pydantic puts model-validator errors on the model itself; keep the field path short
            error = RecordError(source.path, source.line_of(loc), format_loc(loc) or None, chinese_message(err))
            if error.field not in shown:  # a refused character is reported once, by character_errors
                errors.append(error)
        raise RecordErrors(errors) from None
    if refused:
        raise RecordErrors(refused)
    return record


_ISSUERS = TypeAdapter(list[Issuer])
_DEPARTMENTS = TypeAdapter(list[Department])
_ISSUE = TypeAdapter(Issue)
_DOCUMENT = TypeAdapter(Document)


def _display(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root.parent)
    except ValueError:
        return path


def load_file(path: Path, adapter: TypeAdapter[Any], root: Path) -> tuple[Any, YamlFile]:
    """One file read and validated on its own, with its source for later errors.

    For readers of single files (the importer); RecordError(s) name file, line and field."""
    source = read_yaml(path, _display(path, root))
    return _validate(source, adapter), source


def read_records(path: Path, adapter: TypeAdapter[Any], root: Path) -> Any:
    return load_file(path, adapter, root)[0]


def load_issuers(root: Path) -> list[Issuer]:
    """``issuers.yaml`` alone, validated and without repeats (the importer runs before documents exist)."""
    records, source = load_file(root / "issuers.yaml", _ISSUERS, root)
    issuers = [Loaded(issuer, source) for issuer in records]
    errors = _repeated_issuers(issuers)
    if errors:
        raise RecordErrors(errors)
    return [loaded.record for loaded in issuers]


def _repeated_issuers(issuers: list[Loaded]) -> list[RecordError]:
    """A repeated code would give two issuers one URL space; a repeated prefix makes 文号 ambiguous."""
    errors: list[RecordError] = []
    seen: dict[tuple[str, str], int] = {}
    for index, loaded in enumerate(issuers):
        for key in ("code", "prefix"):
            value = getattr(loaded.record, key)
            if (key, value) in seen:
                errors.append(loaded.source.error((index, key), f"发文机关的 {key}“{value}”重复（第 {seen[key, value] + 1} 项也是）"))
            else:
                seen[key, value] = index
    return errors


_YEAR = re.compile(r"\d{4}")


def _layout(documents: Path, errors: list[RecordError], root: Path) -> list[Path]:
    """Every file under ``documents/``; anything not at ``documents/{year}/{name}.yaml`` is an
    error (a record elsewhere would silently not be published)."""
    found: list[Path] = []
    for path in sorted(documents.rglob("*")) if documents.is_dir() else []:
        rel = path.relative_to(documents)
        if not path.is_dir() and skip_editor_file(path, _display(path, root)):
            continue
        if path.is_dir() and not path.is_symlink():
            if len(rel.parts) == 1 and not _YEAR.fullmatch(path.name):
                errors.append(RecordError(_display(path, root), None, None, "此处不应有文件夹：文件记录放在 documents/{年份}/ 下"))
            continue
        if len(rel.parts) != 2 or not _YEAR.fullmatch(rel.parts[0]):
            errors.append(RecordError(_display(path, root), None, None, "记录不在 documents/{年份}/{代码}-{序号}.yaml 的位置，不会发布"))
        elif path.suffix != ".yaml":
            errors.append(RecordError(_display(path, root), None, None, "此处不应有这个文件（记录文件以 .yaml 结尾）"))
        else:
            found.append(path)
    return found


def load_raw(root: Path) -> RawLibrary:
    """Parse and validate every file; raise RecordErrors listing all problems."""
    lib = RawLibrary(root)
    errors: list[RecordError] = []

    def load(path: Path, adapter: TypeAdapter[Any]) -> Loaded | None:
        try:
            source = read_yaml(path, _display(path, root), inside=root.parent)
            return Loaded(_validate(source, adapter), source)
        except RecordError as exc:
            errors.append(exc)
        except RecordErrors as exc:
            errors.extend(exc.errors)
        return None

    for name, adapter, target in (
        ("issuers.yaml", _ISSUERS, lib.issuers),
        ("departments.yaml", _DEPARTMENTS, lib.departments),
    ):
        path = root / name
        if not path.exists():
            errors.append(RecordError(_display(path, root), None, None, "缺少必需的登记文件"))
            continue
        loaded = load(path, adapter)
        if loaded:
            target.extend(Loaded(item, loaded.source) for item in loaded.record)
    errors.extend(_repeated_issuers(lib.issuers))

    for path in sorted((root / "issues").glob("*")):
        if skip_editor_file(path, _display(path, root)):
            continue
        if path.suffix != ".yaml":
            errors.append(RecordError(_display(path, root), None, None, "此处不应有这个文件（记录文件以 .yaml 结尾）"))
            continue
        loaded = load(path, _ISSUE)
        if loaded:
            lib.issues[path.stem] = loaded

    for path in _layout(root / "documents", errors, root):
        loaded = load(path, _DOCUMENT)
        if loaded:
            errors.extend(document_complete(loaded.source))
            lib.documents[f"{path.parent.name}/{path.stem}"] = loaded

    if errors:
        raise RecordErrors(errors)
    return lib
