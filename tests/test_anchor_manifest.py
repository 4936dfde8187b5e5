"""Published URLs and anchors never break: every line of the manifest still resolves."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import lxml.html

from gazette.publish.anchors import read_manifest, site_anchors
from tests.conftest import ROOT

MANIFEST = ROOT / "data" / "published" / "anchors.txt"


def test_manifest_is_sorted_and_unique() -> None:
    lines = read_manifest(MANIFEST)
    assert lines, "the manifest of published anchors is empty"
    assert lines == sorted(set(lines))


def test_every_published_anchor_is_still_on_its_page(site: Path) -> None:
    by_page: dict[str, set[str]] = defaultdict(set)
    for line in read_manifest(MANIFEST):
        url, _, anchor = line.partition("#")
        by_page[url].update([anchor] if anchor else [])
    missing = []
    for url, anchors in sorted(by_page.items()):
        html = site / url / "index.html"
        if not html.is_file():
            missing.append(f"{url} (page gone)")
            continue
        ids = set(lxml.html.parse(str(html)).getroot().xpath("//@id"))
        missing.extend(f"{url}#{a}" for a in sorted(anchors - ids))
    assert not missing, f"{len(missing)} published anchors broke, e.g. {missing[:10]}"


def test_site_anchors_are_unique_per_page(site: Path) -> None:
    for html in site.rglob("index.html"):
        ids = lxml.html.parse(str(html)).getroot().xpath("//@id")
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{html}: {sorted(dupes)[:5]}"


def test_new_anchors_are_recorded(site: Path) -> None:
    """Publishing a page means recording its anchors (run `make anchors`)."""
    unrecorded = site_anchors(site) - set(read_manifest(MANIFEST))
    assert not unrecorded, f"{len(unrecorded)} anchors not in {MANIFEST.name}; run `make anchors`: {sorted(unrecorded)[:5]}"
