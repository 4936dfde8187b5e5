"""The record schema as data, for the schema page and for external tools."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from types import GenericAlias
from typing import Any, cast

from pydantic import BaseModel, TypeAdapter

from gazette.records import models

# File → model, in the order the schema page explains them.
FILES: list[tuple[str, type[BaseModel], bool]] = [
    ("data/issuers.yaml", models.Issuer, True),
    ("data/departments.yaml", models.Department, True),
    ("data/issues/{year}-{nn}.yaml", models.Issue, False),
    ("data/documents/{year}/{code}-{seq}.yaml", models.Document, False),
]


@dataclass
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str


@dataclass
class ModelDoc:
    name: str
    doc: str
    fields: list[FieldDoc]


def _type_name(info: Any) -> str:
    text = str(info.annotation).replace("typing.", "").replace("gazette.records.models.", "")
    text = text.replace("datetime.date", "date").replace("<class '", "").replace("'>", "")
    text = _without_metadata(text)
    return re.sub(r"^Optional\[(.*)\]$", r"\1 | null", text)


def _without_metadata(text: str) -> str:
    """``Annotated[int, Field(…), BeforeValidator(…)]`` → ``int``, at any depth (the metadata
    holds brackets of its own and reprs with memory addresses, which must never reach a page)."""
    while (start := text.find("Annotated[")) >= 0:
        depth, end, comma = 0, start + len("Annotated["), None
        for end in range(start + len("Annotated["), len(text)):
            ch = text[end]
            if ch in "[(":
                depth += 1
            elif ch in "])":
                if depth == 0:
                    break
                depth -= 1
            elif ch == "," and depth == 0 and comma is None:
                comma = end
        inner = text[start + len("Annotated["): comma if comma is not None else end]
        text = text[:start] + inner + text[end + 1:]
    return text


def model_docs() -> list[ModelDoc]:
    """Every record model with its fields, documented from the code itself."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for info in model.model_fields.values():
            for name in dir(models):
                candidate = getattr(models, name)
                if isinstance(candidate, type) and issubclass(candidate, models.Record) and candidate is not models.Record:
                    if candidate.__name__ in _type_name(info).replace("[", " ").replace("]", " ").replace(",", " ").split():
                        visit(candidate)

    for _, model, _ in FILES:
        visit(model)
    return [
        ModelDoc(
            model.__name__,
            (model.__doc__ or "").strip().split("\n\n")[0],
            [FieldDoc(name, _type_name(info), info.is_required(), info.description or "") for name, info in model.model_fields.items()],
        )
        for model in seen
    ]


def _adapter(model: type[BaseModel], is_list: bool) -> TypeAdapter[Any]:
    # list[model] for a model chosen at run time: a value, not a static type
    return TypeAdapter(cast(Any, GenericAlias(list, (model,)))) if is_list else TypeAdapter(model)


def json_schema() -> str:
    """JSON Schema of all record files (published as open data)."""
    schemas = {path: _adapter(model, is_list).json_schema() for path, model, is_list in FILES}
    return json.dumps(schemas, ensure_ascii=False, indent=2, sort_keys=True)
