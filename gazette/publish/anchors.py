"""The manifest of published anchors: URLs and fragments that must never break.

``data/published/anchors.txt`` lists every page URL and every
``{page url}#{anchor}`` the site has published, one per line, sorted. It only grows: `make anchors` adds what a
build publishes anew, and a test fails when a listed anchor is missing from
its page (gone, renamed or moved to another page).

Run: ``python -m gazette.publish.anchors SITE_DIR [MANIFEST]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import lxml.html

MANIFEST = Path("data/published/anchors.txt")
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


def read_manifest(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def update_manifest(site_dir: Path, path: Path) -> tuple[int, int]:
    """Add newly published anchors; never drop one. Returns (total, added)."""
    old = set(read_manifest(path))
    new = site_anchors(site_dir)
    merged = sorted(old | new)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# Published anchors: never remove a line. Updated by `make anchors`.\n"
    path.write_text(header + "".join(f"{line}\n" for line in merged), encoding="utf-8")
    return len(merged), len(merged) - len(old)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    site_dir = Path(argv[0])
    path = Path(argv[1]) if len(argv) > 1 else MANIFEST
    total, added = update_manifest(site_dir, path)
    print(f"{path}: {total} anchors ({added} new)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
