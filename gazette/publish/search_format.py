"""The search index format: the one definition the builder writes and the browser reads.

``gazette/publish/search.py`` writes files in this format; ``docs/assets/search.js``
reads the layout from ``meta.bin`` (:func:`format_section`) and never restates it;
the tests decode with :func:`decode_file`, :func:`shard_terms` and :func:`entries`.

Every file is gzip (fixed header, so builds are byte-identical) of ``MAGIC`` +
body. The magic tells an index file from an HTML error page, an empty file or
random bytes; gzip's CRC tells a truncated file. Every file but ``meta.bin``
lives under ``FOLDER/{build}/``, where ``build`` is a hash of the files'
contents: a browser holding an old ``meta.bin`` asks for paths that the new
deployment does not have (404), never for a file of another build, so old and
new deployments never mix.

Normalisation (:func:`normalize`, one function, per character, so the browser
gets it as a table): ``fold`` of ``gazette/vocab/normalize.py`` (NFKC), lower case, traditional → simplified (OpenCC's t2s
conversion, one character at a time, computed at build time; :func:`encode_t2s` splits it:
``meta.bin`` carries the traditional characters, ``PATHS["t2s"]`` their simplified ones, which the
browser fetches only when a string it normalises holds a traditional character: hardly any query
does, and a plain query does not wait for the table); whitespace (``DROP``: PDF line wraps and page
breaks leave spaces inside words) and punctuation (``PUNCT``: quotation and
title marks, brackets, 、，。…) disappear, so letters and digits alone decide a
match. The strings of one part are joined by ``SEP``, which no query holds, so
a match never spans two paragraphs or table cells.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from gazette.derive.facets import Facet
from gazette.vocab.normalize import DROP, DROP_JS, fold

FORMAT = 8  # bump when a reader of an older format would misread the files
MAGIC = bytes([*b"GZS", FORMAT])  # "GZS" + FORMAT: first bytes of every decoded index file
SEP = "\x00"  # between the strings of one part; never indexed, never in a query

# Part keys in the postings: part index * 2 + 1 when the part is a heading.
HEADING_BIT = 1
PART_SHIFT = 1
TITLE_PART = 0  # part 0 of every document is its title
NUMBER_PART = 1  # part 1 is its 文号 as printed

# Phrase keys (Lucene's CommonGrams, for character bigrams): where two bigrams with files of
# their own (meta's ``own``: long lists) stand side by side, the four characters are a term of
# their own too, with positions. A query term holding them reads that list, not the two long
# ones it would intersect (安全生产 at 5,040 documents: its counts, 1 KB gzip, not 37 KB of positions), and the browser knows
# without asking which phrase keys exist: every one whose halves are own bigrams (cover()).
PHRASE = 4
OWN_COST = 4  # what cover() counts for an own bigram's long list, against 1 for any other key

# Queries longer than this many characters are cut (the page says so): a pasted
# page would otherwise fetch every shard.
MAX_QUERY = 64

# Parts per card file: a result quotes up to three parts, so it fetches one or two short files
# (a long document's text runs to 20 KB gzip; a result used to fetch all of it). Most documents
# have fewer parts than this: one file, one request (a phone opens few connections at a time).
CARD_PARTS = 16

# The index's folder in the site: ``META``, then one ``{build}/`` folder. The browser states
# ``FOLDER/META`` and ``MAGIC`` itself: it needs them to find and check meta.bin, the first file it
# reads, and rules.json arrives beside meta.bin, not before it. tests/test_search_index.py holds
# docs/assets/search.js to these definitions.
FOLDER = "search"
META = "meta.bin"

# File paths under search/{build}/, as templates the browser fills in.
PATHS = {
    "shard": "p/{n}.bin",  # postings shard n
    "term": "o/{k}.bin",  # postings of term k of meta's "own" list: too long to share a shard
    # The same list in the counts form (entries(counted=True)), when term k is a bigram (one
    # character's list holds no positions anyway): all a query term of two characters reads.
    "counts": "c/{k}.bin",
    "doc": "d/{n}/{c}.bin",  # card of document n and its parts c * CARD_PARTS …
    "wenhao": "w/{year}.bin",  # 文号 of a year → its document and who cites it
    "seq": "s/{seq}.bin",  # every 文号 with this sequence number (33号文 …)
    "unit": "u/{code}.bin",  # documents naming a department
    "t2s": "t2s.bin",  # the simplified characters of meta's "t2s" (encode_t2s)
    "facets": "f.bin",  # facet values and each document's: only filters and counts need them
}


# How a facet's values are listed (``order`` of each facet in ``PATHS["facets"]``; which facet is
# listed how: ``Facet.newest_first``). The index ships the values sorted by facet_order's key.
# ORDER_INDEX: that order is final (years, issues: newest first by the numbers they print).
# ORDER_COUNT: by how many of the results shown hold them, ties by text. Those counts depend on
# the query and the filters, so only the browser knows them: it sorts these values by their counts
# (renderFacets in docs/assets/search.js), a stable sort, so ties keep the shipped text order.
ORDER_INDEX = "index"
ORDER_COUNT = "count"


def facet_order(facet: Facet) -> tuple[str, Callable[[str], tuple[list[int], str]]]:
    """The facet's ``order`` and the key its values ship sorted by (see ORDER_INDEX, ORDER_COUNT)."""
    if facet.newest_first:
        return ORDER_INDEX, lambda v: ([-int(x) for x in re.findall(r"\d+", v)], v)
    return ORDER_COUNT, lambda v: ([], v)


def part_key(index: int, heading: bool) -> int:
    return (index << PART_SHIFT) | (HEADING_BIT if heading else 0)


# Whitespace and invisible characters (gazette/vocab/normalize.py) are removed by
# normalisation; in a query they separate terms. meta.bin carries the JavaScript spelling.
_DROP_RE = re.compile(DROP)


def _class_of(test: Callable[[str], bool]) -> str:
    """A regex character class (valid in Python and JavaScript with flag "u") of the BMP
    characters for which ``test`` holds, written as ranges."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF or not test(chr(cp)):
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return "[" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]"


# Unicode punctuation (categories P*), as this Python's Unicode tables say, shipped
# so the browser does not depend on its own Unicode version.
PUNCT = _class_of(lambda ch: unicodedata.category(ch).startswith("P"))
_PUNCT_RE = re.compile(PUNCT)

# Traditional characters are looked up in these blocks (CJK ext. A and the unified block);
# compatibility ideographs are folded by NFKC first.
_HAN_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


@lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Traditional → simplified, one character at a time, from OpenCC's t2s conversion."""
    import opencc  # a kept library: its dictionaries, not a table written here

    convert = opencc.OpenCC("t2s").convert
    table: dict[str, str] = {}
    for lo, hi in _HAN_BLOCKS:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            out = convert(ch)
            if out != ch and len(out) == 1:
                table[ch] = out
    return table


_NORM_TABLE: dict[int, str] = {}
_NORM_SEEN: set[str] = set()


def _norm_char(ch: str) -> str:
    folded = fold(ch).lower()
    t2s = t2s_table()
    folded = "".join(t2s.get(c, c) for c in folded)
    return _PUNCT_RE.sub("", _DROP_RE.sub("", folded))


def normalize(text: str) -> str:
    """The searchable form of ``text`` (see the module docstring): per character."""
    new = set(text) - _NORM_SEEN
    for ch in new:
        _NORM_TABLE[ord(ch)] = _norm_char(ch)
        _NORM_SEEN.add(ch)
    return text.translate(_NORM_TABLE)


def is_separator(ch: str) -> bool:
    """Whether ``ch`` separates two terms of a query (whitespace; punctuation does not)."""
    return bool(_DROP_RE.fullmatch(fold(ch) or " ")) or ch == SEP


def query_terms(query: str) -> list[str]:
    """The normalised terms of a query: split at whitespace, punctuation ignored, cut at MAX_QUERY."""
    terms: list[str] = []
    current = ""
    for ch in query[:MAX_QUERY]:
        if is_separator(ch):
            if current:
                terms.append(current)
            current = ""
        else:
            current += normalize(ch)
    if current:
        terms.append(current)
    return list(dict.fromkeys(terms))


# -- bytes -----------------------------------------------------------------


def varint(out: bytearray, n: int) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """One LEB128 value at ``pos``: (value, next position)."""
    n = shift = 0
    while True:
        b = data[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, pos


def read_deltas(data: bytes, pos: int, count: int) -> tuple[list[int], int]:
    """``count`` ascending values written as the differences from the one before (the first from
    0), each a varint at ``pos``: (the values, next position). t2s keys and postings positions."""
    values: list[int] = []
    value = 0
    for _ in range(count):
        step, pos = read_varint(data, pos)
        value += step
        values.append(value)
    return values, pos


def encode_file(body: bytes) -> bytes:
    return gzip.compress(MAGIC + body, compresslevel=9, mtime=0)


class IndexFormatError(ValueError):
    pass


def decode_file(data: bytes) -> bytes:
    """The body of an index file; IndexFormatError when it is not one (what the browser checks too)."""
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError) as e:
        raise IndexFormatError(f"not a complete gzip file: {e}") from e
    if not raw.startswith(MAGIC):
        raise IndexFormatError("not a search index file of this format")
    return raw[len(MAGIC) :]


def encode_t2s(table: dict[str, str]) -> tuple[bytes, bytes]:
    """(keys, values): keys = count, then the traditional code points as deltas (``meta.bin``:
    2 KB gzip for OpenCC's 3,761 characters, enough to tell whether a string needs the table);
    values = count, then each simplified code point as a zigzag delta from its traditional one,
    in the order of the keys (``PATHS["t2s"]``: 7 KB gzip, fetched only for a string holding a key)."""
    keys, values = bytearray(), bytearray()
    ordered = sorted(table)
    varint(keys, len(ordered))
    varint(values, len(ordered))
    previous = 0
    for k in ordered:
        varint(keys, ord(k) - previous)
        previous = ord(k)
        d = ord(table[k]) - ord(k)
        varint(values, d * 2 if d >= 0 else -d * 2 - 1)
    return bytes(keys), bytes(values)


def decode_t2s(keys: bytes, values: bytes) -> dict[str, str]:
    """The table from the two parts :func:`encode_t2s` writes; IndexFormatError when they disagree."""
    count, pos = read_varint(keys, 0)
    codes, pos = read_deltas(keys, pos, count)
    given, at = read_varint(values, 0)
    if given != count or pos != len(keys):
        raise IndexFormatError("t2s keys and values do not match")
    table: dict[str, str] = {}
    for k in codes:
        z, at = read_varint(values, at)
        table[chr(k)] = chr(k + (z >> 1 if not z & 1 else -((z + 1) >> 1)))
    if at != len(values):
        raise IndexFormatError("t2s values run past their count")
    return table


def shard_terms(body: bytes) -> dict[str, bytes]:
    """A postings shard: varint term count, (term length, term, postings length) each, then the
    postings. A term whose list is long is in no shard: meta.bin lists it (``own``) and its
    postings are a file of their own (``PATHS["term"]``), so a query neither fetches long lists
    hashed beside its terms nor waits for a shard to learn where its own term's list is."""
    count, pos = read_varint(body, 0)
    heads: list[tuple[str, int]] = []
    for _ in range(count):
        length, pos = read_varint(body, pos)
        term = body[pos : pos + length].decode("utf-8")
        size, pos = read_varint(body, pos + length)
        heads.append((term, size))
    out: dict[str, bytes] = {}
    for term, size in heads:
        out[term] = body[pos : pos + size]
        pos += size
    if pos != len(body):
        raise IndexFormatError("shard length does not match its header")
    return out


def entries(term: str, data: bytes, counted: bool = False) -> dict[tuple[int, int], list[int] | int]:
    """One term's postings: (document, part key) → positions (bigrams) or count (one character;
    ``counted``: a bigram's list in the counts form, ``PATHS["counts"]``).

    Per entry: document delta, part key, count, then (bigrams, unless counted) the positions as deltas."""
    out: dict[tuple[int, int], list[int] | int] = {}
    pos = doc = 0
    bigram = len(term) > 1 and not counted
    while pos < len(data):
        delta, pos = read_varint(data, pos)
        key, pos = read_varint(data, pos)
        count, pos = read_varint(data, pos)
        doc += delta
        if bigram:
            out[(doc, key)], pos = read_deltas(data, pos, count)
        else:
            out[(doc, key)] = count
    return out


def is_phrase_key(term: str, own: set[str] | frozenset[str]) -> bool:
    """Whether the index holds ``term`` as a phrase key (see PHRASE): both halves are own bigrams."""
    half = PHRASE // 2
    return len(term) == PHRASE and term[:half] in own and term[half:] in own


def cover(term: str, own: set[str] | frozenset[str]) -> list[tuple[int, str]]:
    """The keys whose lists locate ``term`` (normalised, two characters or more): (offset, key),
    covering every character, at the least cost (``OWN_COST`` for an own bigram's long list, 1 for
    a phrase key or a bigram in a shard), then with the fewest keys; the term occurs at p where
    every key occurs at p + offset. Spans are tried by end, then start, and the first of equal
    covers is kept: docs/assets/search.js walks them in this order and must agree (a browser
    test compares the two)."""
    spans = [(s, s + 2) for s in range(len(term) - 1)]
    spans += [(s, s + PHRASE) for s in range(len(term) - PHRASE + 1) if is_phrase_key(term[s : s + PHRASE], own)]
    spans.sort(key=lambda span: (span[1], span[0]))
    best: dict[int, tuple[int, int, list[tuple[int, str]]]] = {0: (0, 0, [])}  # covered to → cost, keys, the keys
    for s, t in spans:
        key = term[s:t]
        cost = OWN_COST if len(key) == 2 and key in own else 1
        before = None
        for e in range(s, t):  # a cover of [0, e) that this span extends (overlapping is fine)
            if e in best and (before is None or best[e][:2] < before[:2]):
                before = best[e]
        if before is None:
            continue
        candidate = (before[0] + cost, before[1] + 1, [*before[2], (s, key)])
        if t not in best or candidate[:2] < best[t][:2]:
            best[t] = candidate
    return best[len(term)][2]


def format_section() -> dict[str, object]:
    """What the browser needs to read the files, sent in ``meta.bin``."""
    return {
        "format": FORMAT, "sep": SEP, "drop": DROP_JS, "punct": PUNCT, "nfkc": True, "lower": True,
        "heading_bit": HEADING_BIT, "part_shift": PART_SHIFT, "title_part": TITLE_PART,
        "number_part": NUMBER_PART, "max_query": MAX_QUERY, "phrase": PHRASE, "own_cost": OWN_COST, "paths": PATHS, "card_parts": CARD_PARTS,
    }
