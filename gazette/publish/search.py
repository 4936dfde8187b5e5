"""Full-text search index: run Pagefind (extended build) over the built site.

Pagefind's *extended* binary segments Chinese into words at build time
(Material's lunr search cannot), writes the index as small gzipped chunks
under ``pagefind/`` and the browser fetches only the chunks a query needs.
Only elements marked ``data-pagefind-body`` (document and department pages)
are indexed, so navigation chrome never matches. The binary comes from the
pinned ``pagefind_bin_extended`` wheel: nothing is downloaded.

Runs after every other publish step so it sees every page.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from gazette.publish.context import PublishContext

OUTPUT_SUBDIR = "pagefind"

# Query segmentation: the extended build splits page text with jieba, but in
# the browser Pagefind would re-split a query with Intl.Segmenter, whose splits
# disagree with jieba's; docs/assets/search.js handles that (see there).


# Page controls inside the indexed text (permalink ¶, 复制引用 buttons, 勘误
# marks) are not words of the document.
EXCLUDE_SELECTORS = ".gz-permalink, .gz-copy, .gz-erratum-mark"


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class IndexStats:
    files: int
    bytes: int


def pagefind_executable() -> Path:
    # The extended binary specifically: the plain one has no Chinese segmentation.
    from pagefind_bin_extended import get_executable

    return Path(get_executable())


def build_search_index(site_dir: Path) -> IndexStats:
    """Index ``site_dir`` in place; the bundle lands in ``site_dir/pagefind/``.

    ``GAZETTE_PAGEFIND=off`` skips it: only benchmarks/search.py uses that, to
    time Material's lunr search alone on the same corpus.
    """
    if os.environ.get("GAZETTE_PAGEFIND") == "off":
        return IndexStats(0, 0)
    cmd = [
        str(pagefind_executable()),
        "--site", str(site_dir),
        "--output-subdir", OUTPUT_SUBDIR,
        "--exclude-selectors", EXCLUDE_SELECTORS,
        "--silent",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    bundle = site_dir / OUTPUT_SUBDIR
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexStats(len(files), sum(p.stat().st_size for p in files))


def write_search_index(ctx: PublishContext) -> None:
    build_search_index(ctx.site_dir)
