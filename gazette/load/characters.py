"""Invisible and look-alike characters: refused in every string of every record.

The rule itself (which characters, and why refused rather than folded) is
``gazette.vocab.normalize.refused_characters``. Here it is applied to the whole parsed file —
every value and every key, whatever its field's type — so no text field is left out, and
registry names, 文号 and citations are only ever compared after it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gazette.load.errors import RecordError
from gazette.load.yamlfile import Loc, YamlFile
from gazette.vocab.normalize import refused_characters


def _strings(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield loc, key
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))


def character_errors(source: YamlFile) -> list[RecordError]:
    """One error per string holding a refused character: the first one, and how many there are."""
    errors: list[RecordError] = []
    for loc, text in _strings(source.data, ()):
        refused = list(refused_characters(text))
        if refused:
            more = f"（此处共 {len(refused)} 个这样的字符）" if len(refused) > 1 else ""
            errors.append(source.error(loc, refused[0].message + more))
    return errors
