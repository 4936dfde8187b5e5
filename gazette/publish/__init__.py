"""Files written into the built site after the pages: exports, feeds, search index.

Each step is a function ``step(ctx: PublishContext) -> None``; add yours to
``STEPS`` (order matters only for the search index, which must run last so it
sees every page).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from gazette.derive.catalog import Library
from gazette.publish.siteurl import SiteLinks


@dataclass(frozen=True)
class PublishContext:
    library: Library
    site_dir: Path
    site_url: str | None  # public address ending in "/", or None (see siteurl.py)
    templates: Path

    @property
    def links(self) -> SiteLinks:
        return SiteLinks(self.site_url)


Step = Callable[[PublishContext], None]

STEPS: list[Step] = []


def publish(ctx: PublishContext) -> None:
    for step in STEPS:
        step(ctx)


# Registered at the bottom: step modules import PublishContext from here.
# The rules the browser's scripts read (assets/rules.json) come first: every page uses them.
from gazette.publish.rules import write_rules  # noqa: E402

STEPS.append(write_rules)

from gazette.publish.lookup import write_lookup  # noqa: E402

STEPS.append(write_lookup)

from gazette.publish.tasks_export import write_task_exports  # noqa: E402

STEPS.append(write_task_exports)

# Open data, the Atom feed, and the sitemap with record dates (replaces MkDocs' own).
from gazette.publish.feeds import write_feed  # noqa: E402
from gazette.publish.opendata import write_open_data  # noqa: E402
from gazette.publish.sitemap import write_sitemap  # noqa: E402

STEPS.extend([write_open_data, write_feed, write_sitemap])
