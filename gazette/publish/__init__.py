"""Publish: files written into the built site after the pages (exports,
feeds, sitemap, search index), the last stage of records → load → derive →
render → publish.

Each step is a function ``step(ctx: PublishContext) -> None`` in its own
module, importing ``PublishContext`` from ``gazette.publish.context``.
``STEPS`` is the one publish order: the search index runs last so it sees
every page and every published file.
"""

from __future__ import annotations

from gazette.publish.context import PublishContext, Step
from gazette.publish.feeds import write_feed
from gazette.publish.lookup import write_lookup
from gazette.publish.opendata import write_open_data
from gazette.publish.rules import write_rules
from gazette.publish.search import write_search_index
from gazette.publish.sitemap import write_sitemap
from gazette.publish.tasks_export import write_task_exports

STEPS: tuple[Step, ...] = (
    # The rules the browser's scripts read (assets/rules.json) come first: every page uses them.
    write_rules,
    write_lookup,
    write_task_exports,
    # Open data, the Atom feed, and the sitemap with record dates (replaces MkDocs' own).
    write_open_data,
    write_feed,
    write_sitemap,
    write_search_index,
)


def publish(ctx: PublishContext) -> None:
    for step in STEPS:
        step(ctx)


__all__ = ["STEPS", "PublishContext", "Step", "publish"]
