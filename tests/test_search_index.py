"""The search index (gazette/publish/search.py) read back in Python: every posting
agrees with the normalised text of the part it points at, and nothing is missing.

The browser reads the same bytes (docs/assets/search.js); tests/browser/test_search.py
drives it. Here the format itself is checked, without a browser.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict
from pathlib import Path

import pytest

from gazette.publish.search import (
    SEP,
    build_search_index,
    document_parts,
    fnv1a,
    normalize,
    ordered_documents,
    part_text,
)
from tests.project import real_library as library

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("index")
    build_search_index(library(), out)
    return out / "search"


def _read(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    """One LEB128 value at ``pos``: (value, next position)."""
    n = shift = 0
    while True:
        b = data[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, pos


def _all(data: bytes) -> list[int]:
    values, pos = [], 0
    while pos < len(data):
        value, pos = _varint(data, pos)
        values.append(value)
    return values


def shard_terms(data: bytes) -> dict[str, bytes]:
    count, pos = _varint(data, 0)
    heads = []
    for _ in range(count):
        length, pos = _varint(data, pos)
        term = data[pos : pos + length].decode("utf-8")
        size, pos = _varint(data, pos + length)
        heads.append((term, size))
    out = {}
    for term, size in heads:
        out[term] = data[pos : pos + size]
        pos += size
    assert pos == len(data)
    return out


def entries(term: str, data: bytes) -> dict[tuple[int, int], list[int] | int]:
    values = _all(data)
    out: dict[tuple[int, int], list[int] | int] = {}
    i = doc = 0
    while i < len(values):
        doc += values[i]
        key, count = values[i + 1], values[i + 2]
        i += 3
        if len(term) > 1:
            positions, p = [], 0
            for delta in values[i : i + count]:
                p += delta
                positions.append(p)
            i += count
            out[(doc, key)] = positions
        else:
            out[(doc, key)] = count
    return out


def expected() -> dict[str, dict[tuple[int, int], list[int] | int]]:
    found: dict[str, dict[tuple[int, int], list[int] | int]] = defaultdict(dict)
    for n, doc in enumerate(ordered_documents(library())):
        for index, part in enumerate(document_parts(doc)):
            text = part_text(part)
            key = index * 2 + (1 if part.heading else 0)
            for i, ch in enumerate(text):
                if ch == SEP:
                    continue
                counts = found[ch]
                counts[(n, key)] = int(counts.get((n, key), 0)) + 1
                if i + 1 < len(text) and text[i + 1] != SEP:
                    positions = found[text[i : i + 2]].setdefault((n, key), [])
                    assert isinstance(positions, list)
                    positions.append(i)
    return found


def test_every_term_posting_matches_the_text(index: Path) -> None:
    meta = json.loads(_read(index / "meta.bin"))
    truth = expected()
    seen = set()
    for shard in sorted((index / "p").glob("*.bin")):
        for term, data in shard_terms(_read(shard)).items():
            assert fnv1a(term) % meta["shards"] == int(shard.stem), term
            assert entries(term, data) == truth[term], term
            seen.add(term)
    assert seen == set(truth)


def test_normalisation_drops_layout_whitespace_and_folds_width_and_case() -> None:
    assert normalize("ＧＤＰ Pm2.5\u3000市质监 局\n") == "gdppm2.5市质监局"
    assert normalize("〔2018〕") == "〔2018〕"  # brackets are text: the 文号 grammar handles them
    assert SEP not in normalize("a\x00b".replace("\x00", " "))


def test_meta_lists_every_document_newest_first_with_facets(index: Path) -> None:
    meta = json.loads(_read(index / "meta.bin"))
    docs = ordered_documents(library())
    assert meta["docs"] == len(docs) == len(meta["titles"])
    dates = [d.record.date for d in docs]
    assert dates == sorted(dates, reverse=True)
    years = next(f for f in meta["facets"] if f["id"] == "year")
    assert [years["values"][i] for (i,) in years["docs"]] == [str(d.year) for d in dates]
    card = json.loads(_read(index / "d" / "0.bin"))
    assert card["url"] == docs[0].url and card["parts"][0][2] == [docs[0].record.title]


def test_wenhao_table_holds_documents_and_their_citations(index: Path) -> None:
    lib = library()
    docs = ordered_documents(lib)
    order = {d.id: n for n, d in enumerate(docs)}
    rng = random.Random(14)
    for doc in rng.sample(list(docs), 5):
        table = json.loads(_read(index / "w" / f"{doc.wenhao.year}.bin"))
        own, citing = table[doc.number]
        assert own == order[doc.id]
        assert {c[0] for c in citing} == {order[c.source.id] for c in lib.citations.incoming.get(doc.id, ())}
