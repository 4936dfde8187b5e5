"""The manifest of published anchors: URLs and fragments that must never break or move.

``data/published/anchors.txt`` lists every page URL and every ``{page url}#{anchor}`` the site
has published, one per line, sorted. An anchor's line also carries a fingerprint of the text it
points at, so a link can neither disappear nor silently land on other text:

    2018/qzbf-33/#annex_1__p_3 5d0c3f7ab2e19c40.0a1b2c3d4e5f6071…

A fingerprint is taken of the part's *normalised printed text*: the record text of the part
(label, text, paragraphs, table cells, and its sub-parts), NFKC-folded, with every space,
punctuation mark and symbol dropped. It holds a hash of that text and a MinHash sketch (the
``SKETCH`` smallest 32-bit hashes of its character pairs).

What "keeps the text" means: an anchor still points at its text when the normalised text is
unchanged (re-extraction, spacing, full/half-width punctuation), or when the change is a
correction *declared* where it happens — the document has an erratum located at that part (or
at a part containing it, or inside it) — and the sketches estimate that old and new text still
share at least ``SAME_TEXT`` of their character pairs. Anything else is a move: an undeclared
edit, or a link that now lands on another paragraph, row or section. Recorded fingerprints are
never rewritten, so corrections cannot add up to a silent move.

`make anchors` adds what a build publishes anew. It refuses (exit 1, nothing written) when a
recorded anchor now points at other text, unless that anchor is accepted by name
(``--accept URL#ANCHOR``, ``make anchors ACCEPT=…``): see docs/import.md, "When a correction
moves a part".

Run: ``python -m gazette.publish.anchors SITE_DIR [MANIFEST] [--data DATA] [--accept URL#ANCHOR …]``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from gazette.derive.anchors import row_id
from gazette.derive.catalog import Library, build_library
from gazette.derive.text import part_strings
from gazette.fsio import WriteError, write_atomic
from gazette.load.errors import RecordError, RecordErrors
from gazette.vocab.normalize import printed_key

MANIFEST = Path("data/published/anchors.txt")
SKETCH = 8  # hashes kept per fingerprint
SAME_TEXT = 0.5  # estimated share of character pairs two texts must have in common
HEADER = (
    "# Published anchors: never remove a line. Updated by `make anchors`.\n"
    "# An anchor's fingerprint sketches the text it points at (gazette/publish/anchors.py).\n"
)
# Every numbered part, attachment, table and table row of a document page.
_XPATH = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' gz-document ')]"
    "//*[@id][contains(concat(' ', normalize-space(@class), ' '), ' gz-part ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' gz-attachment ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' gz-table ')"
    " or self::tr]/@id"
)


def page_url(site_dir: Path, html_file: Path) -> str:
    rel = html_file.relative_to(site_dir).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def site_anchors(site_dir: Path) -> set[str]:
    anchors: set[str] = set()
    for html_file in sorted(site_dir.rglob("index.html")):
        tree = lxml.html.parse(str(html_file))
        url = page_url(site_dir, html_file)
        if url not in ("", "404.html"):  # the root always exists
            anchors.add(url)
        anchors.update(f"{url}#{anchor}" for anchor in tree.xpath(_XPATH))
    return anchors


# --- fingerprints ---------------------------------------------------------------------------


def fingerprint(strings: Iterable[str]) -> str:
    """``{text hash}.{sketch}``: a hash of the normalised text and its SKETCH smallest
    character-pair hashes, as hex."""
    text = printed_key("".join(strings))
    grams = {text[i : i + 2] for i in range(max(len(text) - 1, 1))} if text else set()
    hashes = sorted({int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "big") for g in grams})
    exact = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    return f"{exact}.{''.join(f'{h:08x}' for h in hashes[:SKETCH])}"


def _hashes(fp: str) -> set[str]:
    sketch = fp.partition(".")[2]
    return {sketch[i : i + 8] for i in range(0, len(sketch), 8)}


def similar(old: str, new: str) -> bool:
    """Do two fingerprints sketch texts sharing at least SAME_TEXT of their character pairs?"""
    a, b = _hashes(old), _hashes(new)
    if not a or not b:
        return a == b
    union = sorted(a | b)[:SKETCH]  # bottom-k of the union: an unbiased Jaccard sample
    return sum(1 for h in union if h in a and h in b) / len(union) >= SAME_TEXT


@dataclass
class Current:
    """What the records publish now: fingerprints, and where errata declare corrections."""

    fingerprints: dict[str, str]
    corrected: dict[str, set[str]]  # page URL → anchor ids with a located erratum

    def declared(self, key: str) -> bool:
        """Is a change of this anchor's text declared by an erratum at, in or around it?"""
        url, _, anchor = key.partition("#")
        return any(
            anchor == at or anchor.startswith(f"{at}__") or at.startswith(f"{anchor}__")
            for at in self.corrected.get(url, ())
        )


def current_fingerprints(library: Library) -> Current:
    """Fingerprint of every part, table, table row and attachment, keyed like the manifest."""
    out: dict[str, str] = {}
    corrected: dict[str, set[str]] = {}
    for doc in library.documents:
        corrected[doc.url] = {at for at in doc.errata_at if at}
        for node in doc.anchored.walk():
            key = doc.part_url(node.id)
            if node.part is None:  # an attachment: its label, title and everything in it
                inside = (s for c in node.children if c.part for s in part_strings(c.part))
                out[key] = fingerprint([node.label or "", node.title or "", *inside])
                continue
            out[key] = fingerprint(part_strings(node.part))
            if node.part.table is not None:
                for n, row in enumerate(node.part.table.rows, start=1):
                    out[doc.part_url(row_id(node.id, n))] = fingerprint(cell for cell in row if cell)
    return Current(out, corrected)


# --- the manifest ---------------------------------------------------------------------------


def read_entries(path: Path) -> dict[str, str | None]:
    """Manifest lines: URL or URL#anchor → recorded fingerprint (None for pages and old lines)."""
    if not path.exists():
        return {}
    entries: dict[str, str | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, sketch = line.partition(" ")
            entries[key] = sketch or None
    return entries


def read_manifest(path: Path) -> list[str]:
    """The recorded URLs and URL#anchors, in file order."""
    return list(read_entries(path))


@dataclass
class Check:
    moved: list[str] = field(default_factory=list)  # recorded anchor, now other text
    corrected: list[str] = field(default_factory=list)  # recorded anchor, text corrected in place
    unfingerprinted: list[str] = field(default_factory=list)  # recorded anchor without fingerprint


def check_fingerprints(recorded: dict[str, str | None], current: Current) -> Check:
    """Compare recorded fingerprints with the records' current text."""
    check = Check()
    now = current.fingerprints
    for key, old in sorted(recorded.items()):
        if "#" not in key or key not in now:
            continue  # pages have no fingerprint; a vanished anchor is the HTML test's failure
        if old is None:
            check.unfingerprinted.append(key)
        elif old.partition(".")[0] != now[key].partition(".")[0]:
            kept = current.declared(key) and similar(old, now[key])
            (check.corrected if kept else check.moved).append(key)
    return check


class MovedAnchors(Exception):
    def __init__(self, moved: list[str]):
        self.moved = moved
        super().__init__(
            f"{len(moved)} published anchors now point at other text, e.g. {moved[:5]}; nothing written. "
            "See docs/import.md, 'When a correction moves a part'."
        )


def update_manifest(site_dir: Path, path: Path, library: Library, accept: Iterable[str] = ()) -> tuple[int, int]:
    """Record newly published anchors with their fingerprints; never drop a line and never
    rewrite a fingerprint, except for anchors explicitly accepted as moved. Returns (total, added).

    Raises MovedAnchors (writing nothing) when a recorded anchor points at other text."""
    old = read_entries(path)
    current = current_fingerprints(library)
    now = current.fingerprints
    accepted = set(accept)
    check = check_fingerprints(old, current)
    refused = [key for key in check.moved if key not in accepted]
    if refused:
        raise MovedAnchors(refused)
    merged: dict[str, str | None] = dict(old)
    for key in site_anchors(site_dir):
        merged.setdefault(key, now.get(key) if "#" in key else None)
    for key in check.unfingerprinted + [k for k in check.moved if k in accepted]:
        merged[key] = now[key]
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key} {sketch}" if sketch else key for key, sketch in sorted(merged.items())]
    write_atomic(path, HEADER + "".join(f"{line}\n" for line in lines), durable=True)
    return len(merged), len(merged) - len(old)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Record newly published anchors and their fingerprints.")
    parser.add_argument("site", type=Path)
    parser.add_argument("manifest", type=Path, nargs="?", default=MANIFEST)
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--accept", action="append", default=[], metavar="URL#ANCHOR",
                        help="a recorded anchor that a correction really moved (see docs/import.md)")
    args = parser.parse_args(argv)
    try:
        library = build_library(args.data)
        total, added = update_manifest(args.site, args.manifest, library, args.accept)
    except (RecordError, RecordErrors) as exc:
        print(f"{args.data} 中的记录有误：\n{exc}", file=sys.stderr)
        return 1
    except WriteError as exc:
        print(f"锚点清单未更新：{exc}", file=sys.stderr)
        return 1
    except MovedAnchors as exc:
        print(f"{args.manifest}: {exc}", file=sys.stderr)
        for key in exc.moved:
            print(f"  moved: {key}", file=sys.stderr)
        return 1
    print(f"{args.manifest}: {total} anchors ({added} new)")
    for key in args.accept:
        print(f"  accepted as moved: {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
