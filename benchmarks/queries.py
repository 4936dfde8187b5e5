"""Evaluation queries for site search, generated from the records, with ground truth.

    queries = generate_queries(build_library(Path("data")), seed=14)

Each query comes with the set of pages a reader expects (what Ctrl+F finds
on each page, after the engine's normalisation) and the pages that should
come first. Kinds:

- ``title``     a word of a document title (the topic between 关于 and 的通知, split at 的/和/及…),
                now and then the whole title
- ``body``      a random 2–6 character run of body text (Han, digits, Latin; no punctuation)
- ``inner``     a word inside a longer word (收入 in 低收入): a part of a 3–5 character string
                found in several documents, which a word segmenter would keep whole
- ``department`` a department's name or one of its aliases
- ``two``       two body pieces of one document, separated by a space (both must occur)
- ``wenhao``    a document's 文号 in a printed variant (〔〕 [ ] ［］ ﹝﹞, full-width digits,
                spaces, "衢政办发 2018 33")
- ``wrap``      a phrase the source breaks with a line-wrap or page-break space
                ("管理服务 有限公司" printed, "务有限公" typed)
- ``latin``     a Latin or digit token of the text (GDP, PM2.5, 2018), sometimes lower-cased
                or typed in full-width characters

Ground truth (one rule for every kind, so a body piece that happens to be a
department alias is judged as a department query):

- a term matches a page when the page's text contains it (normalised as the
  engine does, see ``normalize``), each printed string separately: a match
  never spans two paragraphs or table cells;
- a department page's text is its name and aliases;
- a term that is a department's name or alias also matches that department's
  page and every document naming the unit (``DepartmentView.documents``: the
  mentions the library derives, including "市发改委、住建局" lists via tasks);
- a query that is a 文号 matches that document and every document citing it;
- several terms must all match.

What comes first: the 文号's document; the department's page; else the
documents whose full title is the query, else the pages whose title contains
every term, else any relevant page.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gazette.derive.catalog import DepartmentView, DocView, Library

from gazette.derive.text import document_strings
from gazette.derive.wenhao import parse_wenhao

SEP = "\x00"  # between a page's strings: no query term contains it
KINDS = ("title", "body", "inner", "department", "two", "wenhao", "wrap", "latin")
# How many queries of each kind (≥ 200 in all); fewer when the records offer fewer.
COUNTS = {"title": 40, "body": 60, "inner": 30, "department": 40, "two": 30, "wenhao": 35, "wrap": 15, "latin": 15}
_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN = re.compile(r"(?<![A-Za-z0-9.])[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]|(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_TITLE_TOPIC = re.compile(r"关于(?:印发)?(.+?)(?:的)?(?:通知|意见|通报|决定|批复|办法|方案|报告|规定)?$")
_WRAP = re.compile(r"([\u4e00-\u9fff]{1,3})[ \u3000]+([\u4e00-\u9fff]{1,3})")
_TITLE_SPLIT = re.compile(r"[的和与及等、,,“”\"《》()()\s]+")


def _default_normalize(text: str) -> str:
    """NFKC (full-width → ASCII), case-folded, whitespace removed (PDF line wraps)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _engine() -> object | None:
    try:
        from gazette.publish import search as engine
    except ImportError:  # pragma: no cover
        return None
    return engine


# Ground truth normalises exactly as the index does, and reads the same strings of a
# document (what its page prints, a clause's label and text as one line): both have
# one definition, in gazette/publish/search.py (``normalize``, ``document_parts``).
_ENGINE = _engine()
normalize: Callable[[str], str] = getattr(_ENGINE, "normalize", None) or _default_normalize


def page_strings(doc: DocView) -> list[list[str]]:
    """A document's searchable strings, grouped by part (title first, then the 文号)."""
    parts = getattr(_ENGINE, "document_parts", None)
    if parts is not None:
        return [list(p.strings) for p in parts(doc)]
    return [[s] for s in document_strings(doc.record)]


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    relevant: frozenset[str]  # site-relative URLs, e.g. "2018/qzbf-33/", "departments/tjj/"
    first: frozenset[str]  # any of these is a correct first result
    must_first: str | None = None  # department / 文号 queries: this page, nothing else, first
    source: str = ""  # where the query was taken from (document id or department code)


@dataclass
class Corpus:
    """The pages search covers, as text the engine indexes, plus what ranking needs."""

    texts: dict[str, str] = field(default_factory=dict)  # url → normalised strings joined by SEP
    titles: dict[str, str] = field(default_factory=dict)  # url → normalised title / department name
    names: dict[str, str] = field(default_factory=dict)  # normalised name or alias → department url
    mentions: dict[str, frozenset[str]] = field(default_factory=dict)  # department url → document urls
    wenhao: dict[str, str] = field(default_factory=dict)  # canonical 文号 → document url
    citing: dict[str, frozenset[str]] = field(default_factory=dict)  # document url → citing document urls
    raw: dict[str, list[str]] = field(default_factory=dict)  # document url → printed strings

    @classmethod
    def of(cls, library: Library) -> Corpus:
        corpus = cls()
        for doc in library.documents:
            parts = page_strings(doc)
            corpus.raw[doc.url] = [s for part in parts for s in part]
            # Within a part the strings are separate too (cells, paragraphs): SEP everywhere.
            corpus.texts[doc.url] = SEP.join(normalize(s) for s in corpus.raw[doc.url])
            corpus.titles[doc.url] = normalize(doc.record.title)
            corpus.wenhao[doc.wenhao.canonical] = doc.url
            incoming = library.citations.incoming.get(doc.id, [])
            corpus.citing[doc.url] = frozenset(c.source.url for c in incoming)
        for dept in library.departments:
            corpus.texts[dept.url] = SEP.join(normalize(n) for n in dept.names)
            corpus.titles[dept.url] = normalize(dept.record.name)
            for name in dept.names:
                corpus.names[normalize(name)] = dept.url
            corpus.mentions[dept.url] = frozenset(_naming(dept))
        return corpus

    # -- ground truth ------------------------------------------------------

    def term_matches(self, term: str) -> set[str]:
        t = normalize(term)
        found = {url for url, text in self.texts.items() if t in text}
        dept = self.names.get(t)
        if dept:
            found |= {dept, *self.mentions[dept]}
        return found

    def judge(self, kind: str, text: str, source: str = "") -> Query:
        """The query with its relevant pages and what must come first."""
        wenhao = as_wenhao(text)
        if wenhao and wenhao in self.wenhao:
            url = self.wenhao[wenhao]
            return Query(kind, text, frozenset({url, *self.citing[url]}), frozenset({url}), url, source)
        terms = text.split()
        relevant = set.intersection(*(self.term_matches(t) for t in terms)) if terms else set()
        dept = self.names.get(normalize(text)) if len(terms) == 1 else None
        if dept:
            return Query(kind, text, frozenset(relevant), frozenset({dept}), dept, source)
        whole = normalize("".join(terms))
        exact = {u for u in relevant if self.titles[u] == whole}
        in_title = {u for u in relevant if all(normalize(t) in self.titles[u] for t in terms)}
        return Query(kind, text, frozenset(relevant), frozenset(exact or in_title or relevant), None, source)


def _naming(dept: DepartmentView) -> Iterable[str]:
    yield from (doc.url for doc in dept.documents)
    yield from (task.doc.url for task in dept.tasks)


def as_wenhao(text: str) -> str | None:
    """Canonical 文号 if ``text`` is one in any printed form (bare "衢政办发 2018 33" too)."""
    folded = unicodedata.normalize("NFKC", text).strip()
    try:
        return parse_wenhao(folded).canonical
    except ValueError:
        pass
    m = re.fullmatch(r"([\u4e00-\u9fff]{1,12}?)\s*(\d{4})\s*年?\s+(\d{1,4})\s*号?", folded)
    return f"{m[1]}〔{m[2]}〕{int(m[3])}号" if m else None


# -- generator ---------------------------------------------------------------


def _piece(rng: random.Random, strings: list[str], lo: int, hi: int, pattern: re.Pattern[str] = _RUN) -> str | None:
    runs = [r for s in strings for r in pattern.findall(s) if len(r) >= lo]
    if not runs:
        return None
    run = rng.choice(runs)
    n = rng.randint(lo, min(hi, len(run)))
    start = rng.randint(0, len(run) - n)
    return run[start : start + n]


def _title_words(title: str) -> list[str]:
    m = _TITLE_TOPIC.search(title)
    topic = m.group(1) if m else title
    return [w for w in _TITLE_SPLIT.split(topic) if len(w) >= 2]


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_FULLWIDTH_ALL = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}  # ASCII → full-width forms


def wenhao_variants(prefix: str, year: int, seq: int) -> list[str]:
    """Printed forms of one 文号, as readers type or paste them."""
    return [
        f"{prefix}〔{year}〕{seq}号",
        f"{prefix}[{year}]{seq}号",
        f"{prefix}［{year}］{seq}号",
        f"{prefix}﹝{year}﹞{seq}号",
        f"{prefix}〔{year}〕{seq}号".translate(_FULLWIDTH),
        f"{prefix} 〔{year}〕 {seq} 号",
        f"{prefix} {year} {seq}",
    ]


def generate_queries(library: Library, seed: int = 14, counts: dict[str, int] | None = None,
                     corpus: Corpus | None = None) -> list[Query]:
    """At least 200 queries (at the default counts) with ground truth; same seed, same queries."""
    counts = {**COUNTS, **(counts or {})}
    rng = random.Random(seed)
    corpus = corpus or Corpus.of(library)
    docs = sorted(library.documents, key=lambda d: d.id)
    out: list[Query] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, text: str | None, source: str) -> None:
        if not text or (kind, text) in seen:
            return
        seen.add((kind, text))
        q = corpus.judge(kind, text, source)
        if q.relevant:  # a query nothing contains would test nothing
            out.append(q)

    def fill(kind: str, make: Callable[[], tuple[str | None, str]]) -> None:
        target = len(out) + counts[kind]
        for _ in range(counts[kind] * 20):
            if len(out) >= target:
                return
            add(kind, *make())

    def title_word() -> tuple[str | None, str]:
        doc = rng.choice(docs)
        if rng.random() < 0.15:
            return doc.record.title, doc.id
        words = _title_words(doc.record.title)
        if not words:
            return None, doc.id
        word = rng.choice(words)
        if len(word) > 6:  # a long phrase: its first or last 2–6 characters
            n = rng.randint(2, 6)
            word = word[:n] if rng.random() < 0.5 else word[-n:]
        return word, doc.id

    fill("title", title_word)

    def body() -> tuple[str | None, str]:
        doc = rng.choice(docs)
        return _piece(rng, corpus.raw[doc.url][2:], 2, 6), doc.id

    fill("body", body)

    # Strings of 3–5 Han characters found in several documents: words, mostly.
    df: Counter[str] = Counter()
    for doc in docs:
        grams = {run[i : i + n] for s in corpus.raw[doc.url] for run in _HAN.findall(s)
                 for n in (3, 4, 5) for i in range(len(run) - n + 1)}
        df.update(grams)
    longer = sorted(g for g, n in df.items() if n >= 3) or sorted(df)

    def inner() -> tuple[str | None, str]:
        if not longer:
            return None, ""
        word = rng.choice(longer)
        n = rng.randint(2, len(word) - 1)
        start = rng.choice([0, len(word) - n, rng.randint(0, len(word) - n)])
        return word[start : start + n], f"in {word}"

    fill("inner", inner)

    depts = sorted(library.departments, key=lambda d: d.record.code)

    def department() -> tuple[str | None, str]:
        dept = rng.choice(depts)
        return rng.choice(dept.names), dept.record.code

    fill("department", department)

    def two() -> tuple[str | None, str]:
        doc = rng.choice(docs)
        a = _piece(rng, corpus.raw[doc.url][2:], 2, 4, _HAN)
        b = _piece(rng, corpus.raw[doc.url][2:], 2, 4, _HAN)
        if not a or not b or a in b or b in a:
            return None, doc.id
        return f"{a} {b}", doc.id

    fill("two", two)

    def wenhao() -> tuple[str | None, str]:
        doc = rng.choice(docs)
        w = doc.wenhao
        return rng.choice(wenhao_variants(w.prefix, w.year, w.seq)), doc.id

    fill("wenhao", wenhao)

    wraps = sorted({(m[1] + m[2], doc.id) for doc in docs for s in corpus.raw[doc.url] for m in _WRAP.finditer(s)
                    if len(m[1] + m[2]) >= 3})

    def wrap() -> tuple[str | None, str]:
        return rng.choice(wraps) if wraps else (None, "")

    fill("wrap", wrap)

    latin = sorted({(t, doc.id) for doc in docs for s in corpus.raw[doc.url][2:] for t in _LATIN.findall(s)})

    def latin_token() -> tuple[str | None, str]:
        if not latin:
            return None, ""
        token, doc_id = rng.choice(latin)
        r = rng.random()
        return (token.lower() if r < 0.3 else token.translate(_FULLWIDTH_ALL) if r < 0.5 else token), doc_id

    fill("latin", latin_token)
    return out


__all__ = ["KINDS", "Corpus", "Query", "as_wenhao", "generate_queries", "normalize", "wenhao_variants"]
