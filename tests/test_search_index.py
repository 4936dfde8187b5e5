"""The search index (gazette/publish/search.py) read back in Python with the format's own
decoder (gazette/publish/search_format.py): every posting agrees with the normalised text
of the part it points at, nothing is missing, and every file is named by its build.

The browser reads the same bytes (docs/assets/search.js); tests/browser/test_search.py
drives it. Here the format itself is checked, without a browser.
"""

from __future__ import annotations

import base64
import gzip
import json
import random
from collections import defaultdict
from pathlib import Path

import pytest

from gazette.derive.facets import FACETS
from gazette.publish import search
from gazette.publish.search import (
    build_search_index,
    document_parts,
    fnv1a,
    ordered_documents,
    part_text,
)
from gazette.publish.search_format import (
    FOLDER,
    FORMAT,
    MAGIC,
    META,
    ORDER_COUNT,
    ORDER_INDEX,
    PHRASE,
    SEP,
    IndexFormatError,
    cover,
    decode_file,
    decode_t2s,
    encode_file,
    entries,
    facet_order,
    is_phrase_key,
    normalize,
    part_key,
    query_terms,
    shard_terms,
    t2s_table,
)
from tests.project import ROOT
from tests.project import real_library as library

pytestmark = pytest.mark.site  # builds the index of the real library (several seconds)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("index")
    build_search_index(library(), out)
    return out / "search"


def _meta(index: Path) -> dict:
    return json.loads(decode_file((index / "meta.bin").read_bytes()))


def _read(index: Path, rel: str) -> bytes:
    return decode_file((index / _meta(index)["build"] / rel).read_bytes())


def expected(own: frozenset[str] = frozenset()) -> dict[str, dict[tuple[int, int], list[int] | int]]:
    """Every term's postings, read off the texts: characters, bigrams and (with ``own``, the
    long-listed bigrams) phrase keys."""
    found: dict[str, dict[tuple[int, int], list[int] | int]] = defaultdict(dict)
    for n, doc in enumerate(ordered_documents(library())):
        for index, part in enumerate(document_parts(doc)):
            text = part_text(part)
            key = part_key(index, part.heading)
            for i, ch in enumerate(text):
                if ch == SEP:
                    continue
                counts = found[ch]
                counts[(n, key)] = int(counts.get((n, key), 0)) + 1
                for length in (2, PHRASE):
                    term = text[i : i + length]
                    if len(term) == length and SEP not in term and (length == 2 or is_phrase_key(term, own)):
                        positions = found[term].setdefault((n, key), [])
                        assert isinstance(positions, list)
                        positions.append(i)
    return found


def _every_term(index: Path) -> dict[str, dict[tuple[int, int], list[int] | int]]:
    """Every term's postings as the index holds them: in its shard (each shard holds only the terms
    that hash to it) or, listed in meta.bin, in a file of its own."""
    meta = _meta(index)
    found = {}
    shards = sorted((index / meta["build"] / "p").glob("*.bin"), key=lambda p: int(p.stem))
    assert [int(p.stem) for p in shards] == list(range(meta["shards"]))  # every one, empty or not
    for shard in shards:
        n = int(shard.stem)
        for term, data in shard_terms(decode_file(shard.read_bytes())).items():
            assert fnv1a(term) % meta["shards"] == n, term
            found[term] = entries(term, data)
    # Long lists are files of their own, listed in meta.bin, k-th at paths.term; in no shard.
    assert meta["own"] == sorted(meta["own"]) and not found.keys() & set(meta["own"])
    for k, term in enumerate(meta["own"]):
        data = _read(index, meta["paths"]["term"].format(k=k))
        assert len(data) > search.OWN_FILE, term
        found[term] = entries(term, data)
    files = {p.name for p in (index / meta["build"] / "o").glob("*.bin")}
    assert files == {f"{k}.bin" for k in range(len(meta["own"]))}
    return found


def test_every_term_posting_matches_the_text(index: Path) -> None:
    assert _meta(index)["own"] and _every_term(index) == expected()


def test_a_term_in_a_shard_is_read_with_a_few_kilobytes(index: Path) -> None:
    """A query reads a shard whole for each of its terms that has no file of its own: on a slow
    phone (400 kbit/s) 16 KB take a third of a second, before any result can be shown."""
    meta = _meta(index)
    sizes = sorted(p.stat().st_size for p in (index / meta["build"] / "p").glob("*.bin"))
    assert meta["shards"] > 1 and sizes[-1] <= 16_000, sizes[-5:]


def test_own_bigrams_have_a_counts_file_as_well(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A query term of two characters reads (document, part, count) only: each own bigram's list
    is also written without positions (paths.counts), which the production decoder reads back."""
    monkeypatch.setattr(search, "OWN_FILE", 200)  # the real library's bigram lists are all short
    build_search_index(library(), tmp_path)
    index = tmp_path / "search"
    meta = _meta(index)
    own = frozenset(term for term in meta["own"] if len(term) == 2)
    truth = expected(own)
    bigrams = {k: term for k, term in enumerate(meta["own"]) if len(term) > 1}  # phrase keys too
    assert len(own) > 20 and len(meta["own"]) > len(bigrams) > len(own)
    for k, term in bigrams.items():
        positions = _read(index, meta["paths"]["term"].format(k=k))
        counts = _read(index, meta["paths"]["counts"].format(k=k))
        assert entries(term, counts, counted=True) == {at: len(p) for at, p in truth[term].items()}, term
        assert entries(term, positions) == truth[term] and len(counts) < len(positions), term
    written = {p.name for p in (index / meta["build"] / "c").glob("*.bin")}
    assert written == {f"{k}.bin" for k in bigrams}  # a single character's list is counts already
    # Where two long-listed bigrams meet, the four characters are a term of their own (shards or
    # own files), exactly where the text prints them; a query reads what cover() names.
    assert _every_term(index) == truth
    phrases = [term for term in truth if len(term) == PHRASE]
    assert len(phrases) > 20 and all(is_phrase_key(term, own) for term in phrases)
    phrase = max(phrases, key=lambda term: len(truth[term]))
    assert cover(phrase, own) == [(0, phrase)] and cover(phrase[:3], own) == [(0, phrase[:2]), (1, phrase[1:3])]


def test_normalisation_drops_layout_whitespace_punctuation_and_folds_width_case_and_script() -> None:
    assert normalize("ＧＤＰ Pm2.5\u3000市质监 局\n") == "gdppm25市质监局"
    # Punctuation neither blocks nor creates a match: the printed marks are gone.
    assert normalize("“最多跑一次”改革") == normalize("最多跑一次改革") == "最多跑一次改革"
    assert normalize("《条例》、(一)〔2018〕,。") == "条例一2018"
    # Traditional → simplified, from OpenCC's table.
    assert normalize("經濟普查") == "经济普查" and normalize("衢州") == "衢州"
    assert SEP not in normalize("a b")
    # A query splits at whitespace only; punctuation inside a term is ignored.
    assert query_terms("“最多跑一次”改革  电子证照") == ["最多跑一次改革", "电子证照"]
    assert query_terms("x" * 500) == ["x" * 64]


def test_meta_carries_the_traditional_characters_and_a_file_their_simplified_ones(index: Path) -> None:
    """A plain query waits for meta.bin only: the simplified characters (most of the table) are a
    file of the build, which the browser fetches for a string holding a traditional character."""
    table = t2s_table()
    assert len(table) > 2000 and table["經"] == "经" and "经" not in table
    meta = _meta(index)
    keys = base64.b64decode(meta["t2s"])
    values = _read(index, meta["paths"]["t2s"])
    assert decode_t2s(keys, values) == table
    assert len(gzip.compress(keys)) < 2_500 < 6_000 < len(gzip.compress(values))
    with pytest.raises(IndexFormatError):
        decode_t2s(keys, values + b"\x00")  # a character more than meta lists
    # What the browser normalises besides queries and quoted text travels normalised.
    lib = library()
    for dept in meta["departments"]:
        record = lib.department(dept["code"]).record
        assert dept["keys"] == [normalize(n) for n in (record.name, *record.aliases)]
    assert meta["expansions"] and all(e["norm"] == normalize(e["adds"]) for e in meta["expansions"])


def test_every_file_carries_the_magic_and_lives_under_its_build(index: Path) -> None:
    meta = _meta(index)
    assert meta["format"] == FORMAT and MAGIC[3] == FORMAT
    build = index / meta["build"]
    names = {p.name for p in index.iterdir()}
    assert names == {"meta.bin", meta["build"]}
    for path in build.rglob("*.bin"):
        decode_file(path.read_bytes())  # raises on a file without the magic
    for bad in (b"", b"<!doctype html><title>404</title>", encode_file(b"x")[:-9], bytes(range(256))):
        with pytest.raises(IndexFormatError):
            decode_file(bad)
    assert meta["paths"]["shard"] == "p/{n}.bin" and meta["sep"] == SEP


def test_build_id_changes_with_the_content_and_old_builds_are_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build_search_index(library(), tmp_path)
    again = build_search_index(library(), tmp_path)
    assert first.build == again.build  # byte-identical builds, same name
    (tmp_path / "search" / first.build / "p" / "0.bin").write_bytes(b"stale")
    # Other content (here: the postings spread over more shards) → another directory.
    monkeypatch.setattr(search, "SHARD_TARGET", search.SHARD_TARGET // 4)
    other = build_search_index(library(), tmp_path)
    assert other.build != first.build
    assert {p.name for p in (tmp_path / "search").iterdir()} == {"meta.bin", other.build}


def test_meta_lists_every_document_newest_first_with_facets(index: Path) -> None:
    meta = _meta(index)
    docs = ordered_documents(library())
    assert meta["docs"] == len(docs) == len(meta["titles"])
    dates = [d.record.date for d in docs]
    assert dates == sorted(dates, reverse=True)
    assert "facets" not in meta  # a file of their own: a plain query does not need them
    facets = json.loads(_read(index, meta["paths"]["facets"]))
    assert [f["id"] for f in facets] == [f.id for f in FACETS]
    years = next(f for f in facets if f["id"] == "year")
    assert [years["values"][i] for (i,) in years["docs"]] == [str(d.year) for d in dates]
    assert "label" not in years  # labels travel once, in rules.json
    for facet, shipped in zip(FACETS, facets, strict=True):
        order, key = facet_order(facet)
        assert shipped["order"] == order and shipped["values"] == sorted(shipped["values"], key=key)
    assert years["order"] == ORDER_INDEX and years["values"] == sorted(years["values"], reverse=True)
    card = json.loads(_read(index, meta["paths"]["doc"].format(n=0, c=0)))
    assert card["url"] == docs[0].url and card["parts"][0][2] == [docs[0].record.title]


def test_cards_carry_every_part_in_runs_each_with_the_card(index: Path) -> None:
    """A result fetches the runs of parts it quotes: each run file carries the card, and the
    runs of a document hold its parts in order, CARD_PARTS to a file, nothing else."""
    meta = _meta(index)
    size = meta["card_parts"]
    assert size == search.CARD_PARTS
    written = {str(p.relative_to(index / meta["build"])) for p in (index / meta["build"] / "d").rglob("*.bin")}
    expected_files = set()
    for n, doc in enumerate(ordered_documents(library())):
        parts = document_parts(doc)
        runs = range((len(parts) + size - 1) // size)
        files = [json.loads(_read(index, meta["paths"]["doc"].format(n=n, c=c))) for c in runs]
        expected_files |= {meta["paths"]["doc"].format(n=n, c=c) for c in runs}
        assert all(f["url"] == doc.url and f["title"] == doc.record.title and f["wenhao"] == doc.number for f in files)
        assert all(len(f["parts"]) == size for f in files[:-1]) and 0 < len(files[-1]["parts"]) <= size
        assert [p[0] for f in files for p in f["parts"]] == [p.anchor for p in parts]
        assert [p[2] for f in files for p in f["parts"]] == [list(p.strings) for p in parts]
    assert written == expected_files


def test_wenhao_table_holds_documents_and_their_citations(index: Path) -> None:
    lib = library()
    docs = ordered_documents(lib)
    order = {d.id: n for n, d in enumerate(docs)}
    rng = random.Random(14)
    for doc in rng.sample(list(docs), 5):
        table = json.loads(_read(index, f"w/{doc.wenhao.year}.bin"))
        own, citing, prefix, seq = table[doc.number]
        assert own == order[doc.id] and (prefix, seq) == (doc.wenhao.prefix, doc.wenhao.seq)
        assert {c[0] for c in citing} == {order[c.source.id] for c in lib.citations.incoming.get(doc.id, ())}
        by_seq = json.loads(_read(index, f"s/{doc.wenhao.seq}.bin"))
        assert [doc.number, doc.wenhao.prefix, doc.wenhao.year, order[doc.id]] in by_seq
    meta = _meta(index)
    assert sorted(meta["have"]["wenhao"]) == sorted({int(p.stem) for p in (index / meta["build"] / "w").glob("*.bin")})


def test_search_page_states_the_query_length_the_engine_uses() -> None:
    from gazette.publish.search_format import MAX_QUERY

    page = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    assert f"只按前 {MAX_QUERY} 个字检索" in page


def test_the_browser_reads_the_format_python_writes() -> None:
    """search.js states only what finds and checks meta.bin (the version it reads, the magic bytes,
    meta.bin's address): each must be what search_format.py defines."""
    import re

    script = (ROOT / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    version = re.search(r"const FORMAT = (\d+);", script)
    assert version and int(version.group(1)) == FORMAT
    magic = re.search(r"const MAGIC = \[((?:0x[0-9a-f]{2}, )*)FORMAT\];", script)
    assert magic and bytes([*(int(b, 16) for b in magic.group(1).split(", ") if b), FORMAT]) == MAGIC
    folder = re.search(r'const INDEX = new URL\("([^"]*)/", SITE_ROOT\);', script)
    assert folder and folder.group(1) == FOLDER
    assert re.findall(r'new URL\("([^"]*)", INDEX\)', script) == [META]
    # The one listing the browser orders itself (by the counts of the results shown).
    assert re.findall(r'f\.order === "(\w+)"', script) == [ORDER_COUNT]
