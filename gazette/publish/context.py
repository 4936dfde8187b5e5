"""What every publish step receives. Steps import it from here (not from
``gazette.publish``, which imports the steps)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gazette.derive.views import Library
from gazette.publish.siteurl import SiteLinks


@dataclass(frozen=True)
class PublishContext:
    library: Library
    site_dir: Path
    site_url: str | None  # public address ending in "/", or None (see siteurl.py)
    templates: Path
    preview: bool = False  # built by `mkdocs serve` for an editor, never published (see csp.py)

    @property
    def links(self) -> SiteLinks:
        return SiteLinks(self.site_url)


Step = Callable[[PublishContext], None]
