"""Deterministic YAML: same records → byte-identical files."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel

from gazette.fsio import write_all_atomic, write_atomic


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data and not data.startswith(" ") and not data.endswith((" ", "\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str)


def dump(record: BaseModel) -> str:
    data = record.model_dump(mode="python", exclude_defaults=True)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False)


def write(path: Path, record: BaseModel) -> None:
    write_atomic(path, dump(record), durable=True)


def write_many(records: dict[Path, BaseModel]) -> None:
    """Every record, or none of them when a write fails (``fsio.WriteError``)."""
    write_all_atomic({path: dump(record) for path, record in records.items()}, durable=True)
