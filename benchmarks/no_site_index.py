"""MkDocs hook for the benchmark's comparison builds: the site without its own search index.

benchmarks/search.py adds it to the mkdocs.yml of a throw-away copy of the
project, so Pagefind and Material's lunr are timed and sized on the site
alone, not on the site plus the index they stand in for. With no index, the
search page cannot hold copies of the index's files (gazette/publish/entry.py):
its scripts are fetched by their addresses instead, as the search page did
before it held them, so the engine standing in for assets/search.js runs there.
"""

import re

import gazette.publish
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.entry import ELEMENT


def _by_address(match: re.Match[str]) -> str:
    return match[0] if match["data"] else f'<script src="{match["src"]}" async fetchpriority="high"></script>'


def scripts_by_address(ctx: PublishContext) -> None:
    for page in sorted(ctx.site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "data-gz-entry=" in html:
            write_atomic(page, ELEMENT.sub(_by_address, html))


# publish() reads the module's STEPS when it runs: the same order, minus the index and the copies.
gazette.publish.STEPS = tuple(
    scripts_by_address if step.__module__ == "gazette.publish.entry" else step
    for step in gazette.publish.STEPS if step.__module__ != "gazette.publish.search"
)
