"""Positional postings of character bigrams, single characters and phrase keys, varint-encoded.

One job: turn normalised part texts into per-term byte strings in the format
``gazette/publish/search.py`` documents (and ``docs/assets/search.js`` reads).
Done with numpy array operations a batch of parts at a time, because a Python
loop per character or per (term, part) entry takes minutes at 5,040 documents
(ten million entries), and batches keep memory flat however large the library.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt

from gazette.publish.search_format import PHRASE

_BIGRAM = 1 << 21  # codes at or above: two code points (first << 21 | second); below: one
_PHRASE = 1 << 42  # codes at or above: a phrase key, _PHRASE + first pair * pairs + second pair


def term_of(code: int) -> str:
    return chr(code >> 21) + chr(code & (_BIGRAM - 1)) if code >= _BIGRAM else chr(code)


def bigram_code(term: str) -> int:
    return (ord(term[0]) << 21) | ord(term[1])


def varints(values: npt.NDArray[np.uint32]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    """LEB128 bytes of ``values`` and the byte offset where each value starts."""
    v = values.astype(np.uint32, copy=False)
    sizes = (v >= (1 << 7)).astype(np.int64) + 1
    big = np.flatnonzero(sizes > 1)  # most values fit one byte: only the rest go round again
    for bits in (14, 21, 28):
        sizes[big] += v[big] >= (1 << bits)
    starts = np.cumsum(sizes) - sizes
    out = np.empty(int(starts[-1] + sizes[-1]) if v.size else 0, dtype=np.uint8)
    out[starts] = (v & 0x7F).astype(np.uint8) | ((sizes > 1).astype(np.uint8) << 7)
    for k in range(1, 5):
        big = big[sizes[big] > k]
        if not big.size:
            break
        out[starts[big] + k] = ((v[big] >> (7 * k)) & 0x7F).astype(np.uint8) | ((sizes[big] > k + 1).astype(np.uint8) << 7)
    return out, starts


def without_positions(data: bytes) -> bytes:
    """A bigram's postings in the counts form (``PATHS["counts"]`` of search_format.py): per entry
    the document delta, part key and count, the positions dropped (a third of the bytes of a long list)."""
    raw = np.frombuffer(data, dtype=np.uint8)
    if not raw.size:
        return b""
    ends = np.flatnonzero(raw < 0x80)
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    shifts = (np.arange(raw.size) - np.repeat(starts, ends - starts + 1)).astype(np.uint64) * np.uint64(7)
    values = np.add.reduceat((raw & 0x7F).astype(np.uint64) << shifts, starts)
    counts = values.tolist()
    heads: list[int] = []
    i = 0
    while i < len(counts):  # entries have their own lengths: a walk, one step per entry
        heads.append(i)
        i += 3 + counts[i + 2]
    keep = (np.asarray(heads, dtype=np.int64)[:, None] + np.arange(3)).ravel()
    encoded, _ = varints(values[keep].astype(np.uint32))
    return encoded.tobytes()


class Postings:
    """Accumulates every term's postings over batches of parts in document order.

    Per (term, part) entry: document delta (from the term's previous entry),
    part key, count, then for bigrams (and phrase keys) the positions as deltas.

    With ``pairs`` (bigrams), it holds the phrase keys of those bigrams only: every place where
    two of them stand side by side (search_format.PHRASE), none of the texts' other terms.
    """

    def __init__(self, sep: str, pairs: list[str] | None = None):
        self.sep = sep
        self.data: dict[int, bytearray] = {}
        self.last: dict[int, int] = {}
        self.pairs = sorted(pairs) if pairs is not None else None
        self.pair_codes = np.array([bigram_code(p) for p in self.pairs or ()], dtype=np.uint64)

    def add(self, texts: list[str], docs: list[int], keys: list[int]) -> None:
        """Index ``texts`` (parts, ``SEP`` between strings): part i belongs to document docs[i] with key keys[i]."""
        if not texts:
            return
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        cp = np.frombuffer((self.sep.join(texts) + self.sep).encode("utf-32-le"), dtype=np.uint32)
        sep = ord(self.sep)
        starts = np.cumsum(lengths) - lengths
        pid = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
        pos = (np.arange(cp.size, dtype=np.int64) - np.repeat(starts, lengths)).astype(np.int32)
        first, second = cp[:-1], cp[1:]
        valid = (first != sep) & (second != sep)
        bigrams = (first.astype(np.uint64) << np.uint64(21)) | second.astype(np.uint64)
        if self.pairs is not None:
            codes, at = self._phrases(bigrams, valid)
        else:
            bi = np.flatnonzero(valid)
            uni = np.flatnonzero(cp != sep)
            codes = np.concatenate((bigrams[bi], cp[uni].astype(np.uint64)))
            at = np.concatenate((bi, uni))
        if not codes.size:
            return
        order = np.argsort(codes, kind="stable")  # by term, then reading order
        codes, at = codes[order], at[order]
        del order
        part, where = pid[at], pos[at]
        new_term = np.ones(codes.size, dtype=bool)
        new_term[1:] = codes[1:] != codes[:-1]
        new_entry = new_term.copy()
        new_entry[1:] |= part[1:] != part[:-1]
        entry_starts = np.flatnonzero(new_entry)
        counts = np.diff(np.append(entry_starts, codes.size))
        e_code = codes[entry_starts]
        e_doc = np.asarray(docs, dtype=np.int64)[part[entry_starts]]
        e_key = np.asarray(keys, dtype=np.int64)[part[entry_starts]]
        term_entries = np.flatnonzero(new_term[entry_starts])
        term_codes = [int(c) for c in e_code[term_entries]]
        previous = np.empty(e_doc.size, dtype=np.int64)
        previous[1:] = e_doc[:-1]
        previous[term_entries] = [self.last.get(c, 0) for c in term_codes]
        is_bigram = e_code >= _BIGRAM
        sizes = 3 + counts * is_bigram
        out_starts = np.cumsum(sizes) - sizes
        stream = np.empty(int(sizes.sum()), dtype=np.uint32)
        stream[out_starts] = e_doc - previous
        stream[out_starts + 1] = e_key
        stream[out_starts + 2] = counts
        entry_of = np.cumsum(new_entry) - 1
        prev_pos = np.empty(where.size, dtype=np.int32)
        prev_pos[1:] = where[:-1]
        prev_pos[new_entry] = 0
        elements = np.flatnonzero(is_bigram[entry_of])
        owner = entry_of[elements]
        stream[out_starts[owner] + 3 + (elements - entry_starts[owner])] = (where - prev_pos)[elements]
        encoded, byte_starts = varints(stream)
        raw = encoded.tobytes()
        bounds = np.append(byte_starts[out_starts[term_entries]], len(raw)).tolist()
        term_last = np.append(term_entries[1:], e_doc.size) - 1
        last_docs = e_doc[term_last].tolist()
        for i, code in enumerate(term_codes):
            chunk = raw[bounds[i] : bounds[i + 1]]
            held = self.data.get(code)
            if held is None:
                self.data[code] = bytearray(chunk)
            else:
                held += chunk
            self.last[code] = last_docs[i]

    def _phrases(self, bigrams: npt.NDArray[np.uint64], valid: npt.NDArray[np.bool_]) -> tuple[
            npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
        """Codes and start positions of the phrase keys: pair i at p and pair j right after it."""
        n, half = self.pair_codes.size, PHRASE // 2
        if not n or bigrams.size <= half:
            return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
        index = np.minimum(np.searchsorted(self.pair_codes, bigrams), n - 1)
        pair = np.where(valid & (self.pair_codes[index] == bigrams), index, -1)
        at = np.flatnonzero((pair[:-half] >= 0) & (pair[half:] >= 0))
        codes = np.uint64(_PHRASE) + pair[at].astype(np.uint64) * np.uint64(n) + pair[at + half].astype(np.uint64)
        return codes, at

    def term(self, code: int) -> str:
        if code >= _PHRASE:
            assert self.pairs is not None
            i, j = divmod(code - _PHRASE, len(self.pairs))
            return self.pairs[i] + self.pairs[j]
        return term_of(code)

    def terms(self) -> Iterator[tuple[str, bytes]]:
        for code, data in self.data.items():
            yield self.term(code), bytes(data)
