"""Full-text search index: character bigrams with positions, built from the library model.

Why hand-written: readers expect Ctrl+F semantics (经济普查 finds exactly the pages
that print 经济普查, 收入 finds 低收入), which a word index cannot give for Chinese:
Pagefind and lunr index segmenter words and match query words as word prefixes.
The kept libraries that index character bigrams for static hosts either ship the
whole index to the browser in one file (Marz, staticseek: megabytes at 5,040
documents against our 150 KB budget for a first query) or scrape HTML and are not
installable from our registries (InfiSearch). None also knows the library's own
model: clause citation labels, table rows, 文号 citations, units named in task
lists. So the index is built here, in the style of Lucene's CJK bigram analysis.

The format (file layout, part keys, ``SEP``, normalisation, version) has one
definition, ``gazette/publish/search_format.py``, which also writes it into
``meta.bin`` for the browser. Files under ``site/search/``:

``meta.bin``              JSON: the format section, the build id, per-document title and
                          文号 length, departments (names, aliases and their normalised
                          forms, URL), query expansions (search_vocab.py, with the
                          normalised words they add), the colloquial 文号 grammar,
                          the traditional characters of the normalisation (base64 of
                          the keys of ``encode_t2s``: which strings need the table),
                          the terms whose postings are files of their own (``own``).
                          The search page holds a copy of it (gazette/publish/entry.py);
                          every other page fetches it.
``{build}/f.bin``         JSON facets: value tables + one column per facet (each document's values):
                          fetched for filters, for counts and when the facet panel opens, never
                          before the first results of a plain query.
``{build}/t2s.bin``       the simplified characters of meta's ``t2s`` (values of ``encode_t2s``):
                          fetched only when a query or a quoted text holds a traditional one.
``{build}/p/{n}.bin``     postings shard ``n`` (FNV-1a of the term modulo ``shards``).
``{build}/o/{k}.bin``     postings of the k-th term of meta's ``own`` list (too long to share a shard).
``{build}/c/{k}.bin``     the same postings without positions (document delta, part key, count), when
                          that term is a bigram or a phrase key: a query term that one key covers
                          needs the counts only (管理 at 5,040 documents: 8 KB gzip, not 27).
``{build}/d/{n}/{c}.bin`` JSON card of document n (URL, title, 文号, date, issuer) with its parts
                          c * CARD_PARTS … (anchor, citation label, strings): a result fetches the
                          runs holding the parts it quotes, not the whole text of a long document.
``{build}/w/{year}.bin``  JSON 文号 (canonical) → [document or -1, [[citing doc, part, start, end]], prefix, seq
                          (, [[kind, statement, clause URL]]: for a number the library lacks that a
                          document here repeals, replaces or amends, derive/relations.py)].
``{build}/s/{seq}.bin``   JSON every 文号 with that sequence number: [[canonical, prefix, year, document or -1]].
``{build}/u/{code}.bin``  JSON documents naming department ``code`` → [[doc, part, printed]].

Terms: single characters, bigrams, and phrase keys (``search_format.PHRASE``: four characters
whose two halves are long-listed bigrams, wherever they stand side by side), each with
positions but the single characters; ``search_format.cover`` says which keys a query term reads.

Documents are numbered newest first (date, then library order), so ascending
document number is the "newer first" tie-break and the date sort.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gazette.derive.anchors import Node, row_id
from gazette.derive.facets import FACETS
from gazette.derive.relations import STATUS_KINDS, statement
from gazette.derive.views import DocView, Library
from gazette.derive.wenhao import GRAMMAR, Wenhao, js_pattern
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.postings import Postings, without_positions
from gazette.publish.rules import PATH as RULES_PATH
from gazette.publish.search_format import (
    CARD_PARTS,
    FOLDER,
    META,
    PATHS,
    SEP,
    encode_file,
    encode_t2s,
    facet_order,
    format_section,
    normalize,
    part_key,
    t2s_table,
    varint,
)
from gazette.publish.search_vocab import (
    MAX_ALTERNATIVES,
    Expansion,
    document_abbreviations,
    label_expansions,
    load_search_words,
)

# The data files a search in the address needs first: the search page holds their contents
# (gazette/publish/entry.py; docs/search.md sets ``search_page``), so its query's lists are asked
# for without a round trip for them.
FIRST_FETCHES = (f"{FOLDER}/{META}", RULES_PATH)

BATCH_CHARS = 250_000  # characters indexed per numpy batch (bounds memory)
# Raw bytes per postings shard before gzip (they barely shrink). A term in a shard is read with the
# whole shard: on a 400 kbit/s link 8 KB take 0.16 s, the 24 KB of the shards before took half a second
# (the first result of 管理 and 安全生产 on the real library: 3.5 s → 3.0 and 2.6 s).
SHARD_TARGET = 8_000
# A term whose postings pass this gets a file of its own (listed in meta.bin), so a query fetches
# the long lists of its own terms only, not those of terms hashed beside them, and fetches them at
# once (not after a shard that names them: a round trip on a slow phone).
OWN_FILE = 3_000
MAX_SHARDS = 4096

# What people say instead of a 文号 (33号文, 衢政办33号): part of the one 文号 grammar.
# A full 文号 or "2018年33号" is read by the grammar's query pattern (rules.json) first.
COLLOQUIAL_WENHAO = GRAMMAR.colloquial_pattern


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class IndexStats:
    files: int
    bytes: int
    build: str = ""


@dataclass(frozen=True)
class SearchPart:
    anchor: str  # element id on the page; "" = the document itself (lands at its title)
    cite: str  # citation label shown with the excerpt (第十八条, 附件1 表1 第3行)
    heading: bool  # title or clause heading: ranks above a plain paragraph
    strings: tuple[str, ...]
    # Characters at the start of strings[0] that are the part's printed label (第五条, (二)): the
    # citation label shown with the excerpt names them already, so an excerpt starts after them.
    label: int = 0


def _own_strings(node: Node) -> list[str]:
    part = node.part
    if part is None:
        return [s for s in (node.label, node.title) if s]
    first = (part.label or "") + (part.text or "")
    return [s for s in (first, *part.paragraphs) if s]


def _is_heading(node: Node) -> bool:
    part = node.part
    if part is None:
        return True  # an attachment's label and title
    if part.heading:
        return True
    # A numbered clause that opens further clauses: its own line is a heading (一、总体要求).
    return bool(part.label and node.children and len(part.text or "") <= 40 and not part.paragraphs)


def row_cite(table_cite: str, n: int) -> str:
    return f"{table_cite} 第{n}行"


def _node_parts(node: Node, parent_cite: str) -> Iterator[SearchPart]:
    if node.kind == "table" and node.part is not None and node.part.table is not None:
        table = node.part.table
        table_cite = f"{node.cite or parent_cite} 表{node.number}".strip()
        head = [s for s in (table.caption, *([] if table.headless else table.columns)) if s]
        if head:
            yield SearchPart(node.id, table_cite, True, tuple(head))
        for r, row in enumerate(table.rows, start=1):
            cells = tuple(c for c in row if c)
            if cells:
                yield SearchPart(row_id(node.id, r), row_cite(table_cite, r), False, cells)
        if table.notes:
            yield SearchPart(node.id, table_cite, False, tuple(table.notes))
        return
    cite = node.cite or (node.title if node.kind == "annex" else "") or parent_cite or "正文"
    strings = _own_strings(node)
    if strings:
        label = len(node.part.label or "") if node.part is not None and node.cite else 0
        yield SearchPart(node.id, cite, _is_heading(node), tuple(strings), label)
    for child in node.children:
        yield from _node_parts(child, cite)


def document_parts(doc: DocView) -> list[SearchPart]:
    """Every printed string of ``doc`` as searchable parts, in reading order.

    Part 0 is always the title, part 1 the 文号 as printed.
    """
    r = doc.record
    parts = [SearchPart("", "标题", True, (r.title,)), SearchPart("", "文号", True, (r.number_printed,))]
    if r.addressees:
        parts.append(SearchPart("", "主送", False, (r.addressees,)))
    for node in doc.anchored.body:
        parts.extend(_node_parts(node, ""))
    if r.signature:
        parts.append(SearchPart("", "落款", False, (*r.signature.issuers, r.signature.date_text)))
    if r.public_mark:
        parts.append(SearchPart("", "正文", False, (r.public_mark,)))
    for node in doc.anchored.attachments:
        parts.extend(_node_parts(node, node.cite or node.title or ""))
    if r.postscript:
        parts.append(SearchPart("", "附注", False, tuple(r.postscript)))
    return parts


def part_text(part: SearchPart) -> str:
    return SEP.join(normalize(s) for s in part.strings)


def fnv1a(term: str) -> int:
    h = 0x811C9DC5
    for ch in term:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h


class _Writer:
    """Writes index files into a staging directory and hashes what it writes: the hash
    names the build directory, so a file's path changes whenever any content does."""

    def __init__(self, staging: Path):
        self.staging = staging
        self.hash = hashlib.sha256()
        self.files = 0
        self.bytes = 0

    def write(self, rel: str, body: bytes) -> None:
        data = encode_file(body)
        path = self.staging / rel
        write_atomic(path, data)
        self.hash.update(rel.encode("utf-8") + b"\x00" + data)
        self.files += 1
        self.bytes += len(data)

    def build_id(self) -> str:
        return self.hash.hexdigest()[:16]


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def ordered_documents(library: Library) -> list[DocView]:
    """Newest first: by date, then the library's order (newest issue, printed order)."""
    order = {doc.id: i for i, doc in enumerate(library.documents)}
    return sorted(library.documents, key=lambda d: (-d.record.date.toordinal(), order[d.id]))


# Facet values of a document and of a department page, by facet id (gazette/derive/facets.py).
DOCUMENT_TYPE = "文件"
DEPARTMENT_FACETS: dict[str, list[str]] = {"type": ["部门"]}


def _facet_values(doc: DocView, library: Library) -> dict[str, list[str]]:
    values = {
        "type": [DOCUMENT_TYPE],
        "year": [str(doc.record.date.year)],
        "issue": [doc.issue.title],
        "issuer": list(doc.record.issuers),
        "doctype": [doc.doc_type],
        "department": [d.record.name for d in doc.departments],
    }
    unknown = {facet.id for facet in FACETS} - values.keys()
    if unknown:
        raise SearchIndexError(f"no search values for facets {sorted(unknown)} (gazette/derive/facets.py)")
    return values


class _Builder:
    def __init__(self, library: Library):
        self.library = library
        self.docs = ordered_documents(library)
        self.ordinal = {doc.id: i for i, doc in enumerate(self.docs)}
        self.parts: list[list[SearchPart]] = []
        self.texts: list[list[str]] = []  # normalised, per document and part
        self.shards = 1
        self.own: list[str] = []  # terms whose postings are a file of their own, k-th at PATHS["term"]
        self.abbreviations: list[Expansion] = []
        self.years: list[int] = []
        self.seqs: list[int] = []

    def build(self, w: _Writer) -> None:
        for n, doc in enumerate(self.docs):
            parts = document_parts(doc)
            self.parts.append(parts)
            self.texts.append([part_text(part) for part in parts])
            self.abbreviations.extend(document_abbreviations(doc, [(p.cite, p.strings) for p in parts]))
            for c in range(0, max(len(parts), 1), CARD_PARTS):
                w.write(PATHS["doc"].format(n=n, c=c // CARD_PARTS), _json(self.card(doc, parts[c : c + CARD_PARTS])))
        postings = self.index(Postings(SEP))
        w.write(PATHS["t2s"], encode_t2s(t2s_table())[1])
        self.write_shards(w, postings)
        self.write_wenhao(w)
        self.write_departments(w)
        w.write(PATHS["facets"], _json(self.facets()))

    def index(self, postings: Postings) -> Postings:
        """``postings`` of every part's text, a batch of BATCH_CHARS characters at a time."""
        texts: list[str] = []
        docs: list[int] = []
        keys: list[int] = []
        pending = 0
        for n, (parts, normalized) in enumerate(zip(self.parts, self.texts)):
            for index, (part, text) in enumerate(zip(parts, normalized)):
                texts.append(text)
                docs.append(n)
                keys.append(part_key(index, part.heading))
                pending += len(text)
            if pending > BATCH_CHARS:
                postings.add(texts, docs, keys)
                texts, docs, keys, pending = [], [], [], 0
        postings.add(texts, docs, keys)
        return postings

    def card(self, doc: DocView, parts: list[SearchPart]) -> dict[str, object]:
        """What a result shows of the document, with a run of its parts (CARD_PARTS of them)."""
        r = doc.record
        return {
            "url": doc.url, "title": r.title, "wenhao": doc.number, "date": r.date.isoformat(),
            "issuer": "、".join(r.issuers),
            "parts": [[p.anchor, p.cite, list(p.strings), p.label] for p in parts],
        }

    def write_shards(self, w: _Writer, postings: Postings) -> None:
        terms = dict(postings.terms())
        def long(data: bytes) -> bool:
            return len(data) > OWN_FILE

        long_bigrams = [term for term, data in terms.items() if len(term) == 2 and long(data)]
        if long_bigrams:  # their phrase keys (search_format.PHRASE): terms like any other
            terms.update(self.index(Postings(SEP, pairs=long_bigrams)).terms())
        self.own = sorted(term for term, data in terms.items() if long(data))
        for k, term in enumerate(self.own):
            data = terms.pop(term)
            w.write(PATHS["term"].format(k=k), data)
            if len(term) > 1:  # a single character's list holds counts only already (a phrase key's does not)
                w.write(PATHS["counts"].format(k=k), without_positions(data))
        total = sum(len(data) for data in terms.values())
        shards = 1
        while shards < MAX_SHARDS and total / shards > SHARD_TARGET:
            shards *= 2
        self.shards = shards
        grouped: dict[int, list[str]] = defaultdict(list)
        for term in terms:
            grouped[fnv1a(term) % shards].append(term)
        for s in range(shards):  # every shard, empty too: a query's term may hash to one
            names = grouped[s]
            head, body = bytearray(), bytearray()
            varint(head, len(names))
            for term in sorted(names):
                raw = term.encode("utf-8")
                data = terms[term]
                varint(head, len(raw))
                head += raw
                varint(head, len(data))
                body += data
            w.write(PATHS["shard"].format(n=s), bytes(head + body))

    def _part_index(self, n: int, anchor: str) -> int:
        parts = self.parts[n]
        for i, part in enumerate(parts):
            if part.anchor == anchor:
                return i
        return 0

    def _part_at(self, n: int, anchor: str, needle: str) -> tuple[int, int]:
        """(part index, start) of ``needle`` in the part with element id ``anchor`` (or one of its rows)."""
        rows = row_id(anchor, 1)[: -len("1")]
        for i, part in enumerate(self.parts[n]):
            if part.anchor == anchor or part.anchor.startswith(rows):
                start = self.texts[n][i].find(needle)
                if start >= 0:
                    return i, start
        return -1, -1

    def write_wenhao(self, w: _Writer) -> None:
        """Per year: every 文号 of the library or cited in it → [its document, where it is cited,
        prefix, sequence number]; per sequence number: every such 文号 (colloquial 33号文)."""
        Entry = tuple[int, list[list[int]], str, int] | tuple[int, list[list[int]], str, int, list[list[str]]]
        by_year: dict[int, dict[str, Entry]] = defaultdict(dict)
        for n, doc in enumerate(self.docs):
            by_year[doc.wenhao.year][doc.number] = (n, [], doc.wenhao.prefix, doc.wenhao.seq)
        for n, doc in enumerate(self.docs):
            for citation in self.library.citations.outgoing.get(doc.id, []):
                needle = normalize(citation.printed)
                i, start = self._part_at(n, citation.part_id or "", needle)
                number = citation.wenhao
                entry = by_year[number.year].setdefault(number.canonical, (-1, [], number.prefix, number.seq))
                place = [n, i, start, start + len(needle)]
                if i >= 0 and place not in entry[1]:
                    entry[1].append(place)
        declared: dict[Wenhao, list[list[str]]] = defaultdict(list)
        for rel in self.library.relations:
            if rel.target is not None and rel.target_doc is None and rel.kind in STATUS_KINDS:
                declared[rel.target].append([rel.kind, statement(rel), rel.url])
        for number, statements in declared.items():
            known = by_year[number.year].get(number.canonical, (-1, [], number.prefix, number.seq))
            by_year[number.year][number.canonical] = (known[0], known[1], known[2], known[3], statements)
        self.years = sorted(by_year)
        by_seq: dict[int, list[list[object]]] = defaultdict(list)
        for year in sorted(by_year, reverse=True):
            numbers = by_year[year]
            w.write(PATHS["wenhao"].format(year=year), _json(numbers))
            for canonical, entry in sorted(numbers.items()):
                by_seq[entry[3]].append([canonical, entry[2], year, entry[0]])
        for seq, rows in sorted(by_seq.items()):
            w.write(PATHS["seq"].format(seq=seq), _json(rows))
        self.seqs = sorted(by_seq)

    def write_departments(self, w: _Writer) -> None:
        """Per department: every document naming it (by name or alias in the text, or as a
        unit of a task, so 住建局 in "市发改委、住建局" counts), with the part that does."""
        matcher = self.library.unit_names  # the one unit-name matcher (gazette/vocab/unitnames.py)
        # A document names many departments: its text is matched once, not once for each of them.
        first_named: dict[int, dict[str, tuple[int, str]]] = {}  # document → code → (part, name) first naming it

        def named(n: int) -> dict[str, tuple[int, str]]:
            if n not in first_named:
                codes: dict[str, tuple[int, str]] = {}
                for i, part in enumerate(self.parts[n]):
                    for s in part.strings:
                        for m in matcher.find(s):
                            codes.setdefault(m.code, (i, m.name))
                first_named[n] = codes
            return first_named[n]

        for dept in self.library.departments:
            found: dict[int, list[object]] = {}
            code = dept.record.code
            for doc in dept.documents:
                n = self.ordinal[doc.id]
                if code in named(n):
                    i, name = named(n)[code]
                    found[n] = [n, i, normalize(name)]
            for task in dept.tasks:
                n = self.ordinal[task.doc.id]
                if n in found:
                    continue
                ref = next(r for r in task.units if r.code == dept.record.code)
                found[n] = [n, self._part_index(n, task.anchor), normalize(ref.printed)]
            w.write(PATHS["unit"].format(code=dept.record.code), _json([found[n] for n in sorted(found)]))

    def expansions(self) -> list[dict[str, str | bool]]:
        """Abbreviations the documents define, then the everyday-words table; one row per pair.
        The words added travel normalised too: the browser would need the whole t2s table for them."""
        labels = label_expansions(printed_labels(p for parts in self.parts for p in parts))
        return [{"word": e.word, "adds": e.adds, "norm": normalize(e.adds), "kind": e.kind, "whole": e.whole,
                 "source": e.source}
                for e in unique_expansions([*self.abbreviations, *labels, *load_search_words(self.library.root)])]

    def facets(self) -> list[dict[str, object]]:
        """Per facet (gazette/derive/facets.py): its values, how they are listed, each document's."""
        library = self.library
        facets: list[dict[str, object]] = []
        per_doc_all = [_facet_values(doc, library) for doc in self.docs]
        for facet in FACETS:
            facet_id = facet.id
            values: dict[str, int] = {}
            column: list[list[int]] = []
            per_doc = [v[facet_id] for v in per_doc_all]
            seen = {v for vs in per_doc for v in vs} | set(DEPARTMENT_FACETS.get(facet_id, []))
            order, key = facet_order(facet)
            for value in sorted(seen, key=key):
                values[value] = len(values)
            for vals in per_doc:
                column.append(sorted(values[v] for v in vals))
            # Labels travel once, in rules.json; here the values, their order and each document's.
            facets.append({"id": facet_id, "values": list(values), "docs": column, "order": order})
        return facets

    def meta(self, build: str) -> dict[str, object]:
        library = self.library
        return {
            **format_section(), "build": build, "shards": self.shards, "docs": len(self.docs),
            "titles": [len(normalize(doc.record.title)) for doc in self.docs],
            "numbers": [len(normalize(doc.record.number_printed)) for doc in self.docs],
            "departments": [
                {"code": d.record.code, "name": d.record.name, "aliases": list(d.record.aliases),
                 "keys": [normalize(n) for n in (d.record.name, *d.record.aliases)],
                 "url": d.url, "kind": d.record.kind, "facets": DEPARTMENT_FACETS}
                for d in library.departments
            ],
            # Which 文号 files exist: any other file that fails to load is a fault, never "none".
            "have": {"wenhao": self.years, "seq": self.seqs},
            "expansions": self.expansions(), "max_alternatives": MAX_ALTERNATIVES,
            "colloquial_wenhao": js_pattern(COLLOQUIAL_WENHAO),
            "t2s": base64.b64encode(encode_t2s(t2s_table())[0]).decode("ascii"),
            "own": self.own,
        }


def unique_expansions(rows: list[Expansion]) -> list[Expansion]:
    seen: set[tuple[str, str]] = set()
    out: list[Expansion] = []
    for e in rows:
        key = (e.word, normalize(e.adds))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def printed_labels(parts: Iterable[SearchPart]) -> Iterator[str]:
    """The printed labels (第五条, (二)) the parts open with."""
    return (p.strings[0][: p.label] for p in parts if p.label)


def library_expansions(library: Library) -> list[Expansion]:
    """Every expansion the index ships, in its order (for ground truth outside the browser)."""
    parts = [(doc, document_parts(doc)) for doc in ordered_documents(library)]
    found = [e for doc, ps in parts for e in document_abbreviations(doc, [(p.cite, p.strings) for p in ps])]
    labels = label_expansions(printed_labels(p for _, ps in parts for p in ps))
    return unique_expansions([*found, *labels, *load_search_words(library.root)])


_BUILD_DIR = re.compile(r"[0-9a-f]{16}")
_STAGING = ".staging"


def build_search_index(library: Library, site_dir: Path) -> IndexStats:
    """Write the index into ``site_dir/search/``: ``meta.bin`` and ``{build}/`` (replacing any earlier one)."""
    out = site_dir / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    for target in out.iterdir():
        if target.is_dir() and (_BUILD_DIR.fullmatch(target.name) or target.name in (_STAGING, "p", "d", "w", "u")):
            shutil.rmtree(target)
        elif target.name == META:
            target.unlink()
    writer = _Writer(out / _STAGING)
    builder = _Builder(library)
    builder.build(writer)
    build = writer.build_id()
    (out / _STAGING).rename(out / build)
    meta = encode_file(_json(builder.meta(build)))
    write_atomic(out / META, meta)  # the file every page reads first: old or new, never half
    return IndexStats(writer.files + 1, writer.bytes + len(meta), build)


def write_search_index(ctx: PublishContext) -> None:
    build_search_index(ctx.library, ctx.site_dir)
