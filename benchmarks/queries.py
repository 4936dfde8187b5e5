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

How people ask (issue 21), judged by the same rules:

- ``unpunct``   a printed run with punctuation inside ("“最多跑一次”改革", "市发改委、市住建局"),
                typed without it
- ``traditional`` a title word or body piece written in traditional characters (OpenCC s2t)
- ``typo``      a 4–6 character title phrase with one inner character replaced: the intended
                document is its source (the figure is "intended document in the first 3")
- ``colloquial`` a 文号 as people say it: 33号文, 衢政办33号 (a family's prefix cut short),
                2018年33号, 第33号文件; relevant: every document whose 文号 fits
- ``broad``     a two-character word printed in several documents and in department names
                (衢州, 管理); what comes first must be a document
- ``excerpt``   two words of one clause of a document (the figure: its result shows one
                excerpt with both words marked)

Ground truth (one rule for every kind, so a body piece that happens to be a
department alias is judged as a department query):

- a term matches a page when the page's text contains it (normalised as the
  engine does, see ``normalize``: punctuation and whitespace dropped, traditional
  folded), each printed string separately: a match never spans two paragraphs or
  table cells; a term also matches where one of its expansions does (the
  documents' abbreviations, the everyday-words table: ``search_vocab``);
- a department page's text is its name and aliases;
- a term that is a department's name or alias also matches that department's
  page and every document naming the unit (``DepartmentView.documents``: the
  mentions the library derives, including "市发改委、住建局" lists via tasks);
- a query that is a 文号 matches that document and every document citing it; a year and
  number without prefix matches every such document, who cites them and what prints the
  query; a colloquial 文号 (33号文) matches every document whose 文号 fits it;
- several terms must all match.

What comes first: the 文号's document; the department's page (its name typed); else the
documents whose full title is the query, else the documents whose title contains
every term (units are listed apart, issue 21), else any relevant page.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gazette.derive.catalog import DepartmentView, DocView, Library

from gazette.derive.text import document_strings
from gazette.derive.wenhao import QUERY_RE, Wenhao, parse_wenhao
from gazette.publish.search import COLLOQUIAL_WENHAO, library_expansions
from gazette.publish.search_vocab import Expansion, alternatives
from gazette.vocab.normalize import fold, without_spaces

COLLOQUIAL = re.compile(COLLOQUIAL_WENHAO)

SEP = "\x00"  # between a page's strings: no query term contains it
EARLIER = ("title", "body", "inner", "department", "two", "wenhao", "wrap", "latin")
ASKING = ("unpunct", "traditional", "typo", "colloquial", "broad", "excerpt")
KINDS = EARLIER + ASKING
# How many queries of each kind (≥ 200 in all); fewer when the records offer fewer.
COUNTS = {"title": 40, "body": 60, "inner": 30, "department": 40, "two": 30, "wenhao": 35, "wrap": 15, "latin": 15,
          "unpunct": 30, "traditional": 30, "typo": 30, "colloquial": 20, "broad": 15, "excerpt": 20}
_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN = re.compile(r"(?<![A-Za-z0-9.])[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]|(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_TITLE_TOPIC = re.compile(r"关于(?:印发)?(.+?)(?:的)?(?:通知|意见|通报|决定|批复|办法|方案|报告|规定)?$")
_WRAP = re.compile(r"([\u4e00-\u9fff]{1,3})[ \u3000]+([\u4e00-\u9fff]{1,3})")
_TITLE_SPLIT = re.compile(r"[的和与及等、,,“”\"《》()()\s]+")


def _default_normalize(text: str) -> str:
    """Folded as the site folds text (NFKC: full-width → ASCII), case-folded, without spaces or invisible characters (PDF line wraps)."""
    return without_spaces(fold(text)).casefold()


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
    unit_of: Callable[[str], str | None] | None = None  # the one unit-name matcher: a name → its code
    unit_urls: dict[str, str] = field(default_factory=dict)  # unit code → department url
    mentions: dict[str, frozenset[str]] = field(default_factory=dict)  # department url → document urls
    wenhao: dict[str, str] = field(default_factory=dict)  # canonical 文号 → document url
    citing: dict[str, frozenset[str]] = field(default_factory=dict)  # document url → citing document urls
    cited: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # (year, seq) → urls citing such a 文号
    raw: dict[str, list[str]] = field(default_factory=dict)  # document url → printed strings
    parts: dict[str, list[list[str]]] = field(default_factory=dict)  # document url → printed strings by part
    numbers: dict[str, Wenhao] = field(default_factory=dict)  # document url → its 文号
    expansions: list[Expansion] = field(default_factory=list)  # what a query term is searched as too

    @classmethod
    def of(cls, library: Library) -> Corpus:
        corpus = cls()
        corpus.expansions = library_expansions(library)
        for doc in library.documents:
            parts = page_strings(doc)
            corpus.parts[doc.url] = parts
            corpus.numbers[doc.url] = doc.wenhao
            corpus.raw[doc.url] = [s for part in parts for s in part]
            # Within a part the strings are separate too (cells, paragraphs): SEP everywhere.
            corpus.texts[doc.url] = SEP.join(normalize(s) for s in corpus.raw[doc.url])
            corpus.titles[doc.url] = normalize(doc.record.title)
            corpus.wenhao[doc.wenhao.canonical] = doc.url
            incoming = library.citations.incoming.get(doc.id, ())
            corpus.citing[doc.url] = frozenset(c.source.url for c in incoming)
            for c in library.citations.outgoing.get(doc.id, []):
                corpus.cited.setdefault((c.wenhao.year, c.wenhao.seq), set()).add(doc.url)
        for dept in library.departments:
            corpus.texts[dept.url] = SEP.join(normalize(n) for n in dept.names)
            corpus.titles[dept.url] = normalize(dept.record.name)
            for name in dept.names:
                corpus.names[normalize(name)] = dept.url
            corpus.unit_urls[dept.record.code] = dept.url
            corpus.mentions[dept.url] = frozenset(_naming(dept))
        corpus.unit_of = library.unit_names.code
        return corpus

    # -- ground truth ------------------------------------------------------

    def term_matches(self, term: str) -> set[str]:
        t = normalize(term)
        found = {url for alt in alternatives(t, self.expansions) for url, text in self.texts.items() if alt in text}
        dept = self.department(term)
        if dept:
            found |= {dept, *self.mentions[dept]}
        return found

    def department(self, text: str) -> str | None:
        """The department page a query names exactly (the unit-name matcher's rule when the
        corpus has it, else its own name table)."""
        if self.unit_of is None:
            return self.names.get(normalize(text))
        code = self.unit_of(text)
        return self.unit_urls.get(code) if code else None

    def fitting(self, year: int | None, seq: int, prefix: str) -> set[str]:
        """Documents whose 文号 fits a colloquial one: same number (and year), the prefix read in order."""
        def in_order(short: str, long: str) -> bool:
            it = iter(long)
            return all(ch in it for ch in short)
        return {url for url, w in self.numbers.items()
                if w.seq == seq and (year is None or w.year == year) and in_order(prefix, w.prefix)}

    def judge(self, kind: str, text: str, source: str = "") -> Query:
        """The query with its relevant pages and what must come first."""
        if kind == "typo":  # nothing prints it: the intended document is where it came from
            url = f"{source}/"
            return Query(kind, text, frozenset({url}), frozenset({url}), None, source)
        q = self._judge(kind, text, source)
        if kind == "broad":  # a document must come first, whichever
            docs = frozenset(u for u in q.relevant if not u.startswith("departments/"))
            return Query(kind, text, q.relevant, docs or q.first, None, source)
        return q

    def _judge(self, kind: str, text: str, source: str = "") -> Query:
        wenhao = as_wenhao(text)
        if wenhao and wenhao in self.wenhao:
            url = self.wenhao[wenhao]
            return Query(kind, text, frozenset({url, *self.citing[url]}), frozenset({url}), url, source)
        folded = fold(text)
        bare = QUERY_RE.match(folded)
        if bare and not bare["prefix"]:  # a year and number: every family's, who cites them, and the text
            year, seq = int(bare["year"]), int(bare["seq"])
            own = {url for url, w in self.numbers.items() if (w.year, w.seq) == (year, seq)}
            relevant = own | self.cited.get((year, seq), set())
            if len(text.split()) == 1:
                relevant |= self.term_matches(text)
            return Query(kind, text, frozenset(relevant), frozenset(own or relevant), None, source)
        said = COLLOQUIAL.match(folded) if not bare else None
        if said:
            fits = self.fitting(int(said["year"]) if said["year"] else None, int(said["seq"]), said["prefix"] or "")
            if fits:
                return Query(kind, text, frozenset(fits), frozenset(fits), None, source)
        terms = text.split()
        relevant = set.intersection(*(self.term_matches(t) for t in terms)) if terms else set()
        dept = self.department(text.strip()) if len(terms) == 1 else None
        if dept:
            return Query(kind, text, frozenset(relevant), frozenset({dept}), dept, source)
        whole = normalize("".join(terms))
        exact = {u for u in relevant if self.titles[u] == whole}
        # Documents first: a department page leads only when its name is the query (above).
        in_title = {u for u in relevant if all(normalize(t) in self.titles[u] for t in terms)
                    and not u.startswith("departments/")}
        return Query(kind, text, frozenset(relevant), frozenset(exact or in_title or relevant), None, source)


def _naming(dept: DepartmentView) -> Iterable[str]:
    yield from (doc.url for doc in dept.documents)
    yield from (task.doc.url for task in dept.tasks)


def as_wenhao(text: str) -> str | None:
    """Canonical 文号 if ``text`` is one in any printed form (bare "衢政办发 2018 33" too)."""
    folded = fold(text).strip()
    try:
        return parse_wenhao(folded).canonical
    except ValueError:
        pass
    m = re.fullmatch(r"([\u4e00-\u9fff]{1,12}?)\s*(\d{4})\s*年?\s+(\d{1,4})\s*号?", folded)
    return f"{m[1]}〔{m[2]}〕{int(m[3])}号" if m else None


# -- generator ---------------------------------------------------------------


def _piece(rng: random.Random, strings: list[str], lo: int, hi: int, pattern: re.Pattern[str] = _RUN) -> str | None:
    runs: list[str] = [r for s in strings for r in pattern.findall(s) if len(r) >= lo]
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
    _asking(rng, docs, depts, corpus, fill)
    return out


# A printed run holding punctuation between letters or digits (“最多跑一次”改革, 发改委、住建局).
_PUNCTUATED = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,8}(?:[“”《》()()、·—\-\s]+[\u4e00-\u9fffA-Za-z0-9]{1,8}){1,2}")
_STRIP = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]+")


def _traditional() -> Callable[[str], str] | None:
    try:
        import opencc
    except ImportError:  # pragma: no cover
        return None
    convert: Callable[[str], str] = opencc.OpenCC("s2t").convert
    return convert


def _asking(rng: random.Random, docs: list[DocView], depts: list[DepartmentView], corpus: Corpus,
            fill: Callable[[str, Callable[[], tuple[str | None, str]]], None]) -> None:
    """The kinds of issue 21: how people type, judged by the same rules."""
    punctuated = sorted({(m[0], doc.id) for doc in docs for s in corpus.raw[doc.url] for m in _PUNCTUATED.finditer(s)
                         if _STRIP.sub("", m[0]) != m[0].strip()})

    def unpunct() -> tuple[str | None, str]:
        if not punctuated:
            return None, ""
        printed, doc_id = rng.choice(punctuated)
        return _STRIP.sub("", printed), doc_id

    fill("unpunct", unpunct)

    to_traditional = _traditional()

    def traditional() -> tuple[str | None, str]:
        doc = rng.choice(docs)
        piece = rng.choice(_title_words(doc.record.title) or [""]) if rng.random() < 0.5 else \
            _piece(rng, corpus.raw[doc.url][2:], 2, 6, _HAN)
        if not piece or to_traditional is None:
            return None, doc.id
        piece = piece[:6]
        written = to_traditional(piece)
        return (written if written != piece else None), doc.id

    fill("traditional", traditional)

    chars = sorted({ch for doc in docs for ch in doc.record.title if "\u4e00" <= ch <= "\u9fff"})

    def typo() -> tuple[str | None, str]:
        doc = rng.choice(docs)
        words = [w for w in _title_words(doc.record.title) if len(w) >= 4 and _HAN.fullmatch(w)]
        if not words:
            return None, doc.id
        word = rng.choice(words)
        n = rng.randint(4, min(6, len(word)))
        start = rng.randint(0, len(word) - n)
        word = word[start : start + n]
        at = rng.randint(1, len(word) - 2) if len(word) > 2 else 1
        wrong = rng.choice(chars)
        if wrong == word[at]:
            return None, doc.id
        text = word[:at] + wrong + word[at + 1 :]
        if corpus.term_matches(text):  # the "typo" is printed somewhere: not a typo
            return None, doc.id
        return text, doc.id

    fill("typo", typo)

    def colloquial() -> tuple[str | None, str]:
        doc = rng.choice(docs)
        w = doc.wenhao
        forms = [f"{w.seq}号文", f"{w.prefix[:-1] or w.prefix}{w.seq}号", f"{w.year}年{w.seq}号", f"第{w.seq}号文件"]
        return rng.choice(forms), doc.id

    fill("colloquial", colloquial)

    # Two characters printed in department names and in several documents.
    broad_words = sorted({n[i : i + 2] for d in depts for n in d.names for i in range(len(n) - 1)
                          if _HAN.fullmatch(n[i : i + 2])})
    broad_words = [b for b in broad_words
                   if sum(normalize(b) in corpus.texts[d.url] for d in docs) >= 3
                   and sum(normalize(b) in corpus.titles[d.url] for d in depts) >= 2]

    def broad() -> tuple[str | None, str]:
        return (rng.choice(broad_words), "broad") if broad_words else (None, "")

    fill("broad", broad)

    def excerpt() -> tuple[str | None, str]:
        doc = rng.choice(docs)
        parts = [p for p in corpus.parts[doc.url][2:] if sum(len(s) for s in p) >= 30]
        if not parts:
            return None, doc.id
        part = rng.choice(parts)
        a = _piece(rng, part, 3, 4, _HAN)
        b = _piece(rng, part, 3, 4, _HAN)
        if not a or not b or a in b or b in a:
            return None, doc.id
        return f"{a} {b}", doc.id

    fill("excerpt", excerpt)


__all__ = ["ASKING", "EARLIER", "KINDS", "Corpus", "Query", "as_wenhao", "generate_queries", "normalize", "wenhao_variants"]
