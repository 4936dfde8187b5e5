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
from gazette.publish.context import PublishContext
from gazette.publish.entry import ELEMENT, rewrite_pages


def _by_address(match: re.Match[str]) -> str:
    return match[0] if match["data"] else f'<script src="{match["src"]}" async fetchpriority="high"></script>'


def scripts_by_address(ctx: PublishContext) -> None:
    rewrite_pages(ctx.site_dir, lambda html: ELEMENT.sub(_by_address, html))


# publish() reads the module's STEPS when it runs: the same order, minus the index and the copies.
gazette.publish.STEPS = tuple(
    scripts_by_address if step.__module__ == "gazette.publish.entry" else step
    for step in gazette.publish.STEPS if step.__module__ != "gazette.publish.search"
)
