"""Publish: files written into the built site after the pages (exports,
feeds, sitemap, search index), the last stage of records → load → derive →
render → publish.

Each step is a function ``step(ctx: PublishContext) -> None`` in its own
module, importing ``PublishContext`` from ``gazette.publish.context``.
``STEPS`` is the one publish order: the search index runs after every page
and published file it reads; the search page's copies of its first files
(``entry.py``) and each page's Content-Security-Policy (``csp.py``, which
hashes the scripts those copies add) come after it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from gazette.derive.views import Library
from gazette.fsio import WriteError, write_atomic
from gazette.publish.context import PublishContext, Step
from gazette.publish.csp import write_csp
from gazette.publish.entry import write_entries
from gazette.publish.feeds import write_feed
from gazette.publish.lookup import write_lookup
from gazette.publish.minify import minify_assets
from gazette.publish.opendata import write_open_data
from gazette.publish.rules import write_rules
from gazette.publish.search import write_search_index
from gazette.publish.sitemap import write_sitemap
from gazette.publish.sizes import warn_sizes
from gazette.publish.tasks_export import write_task_exports

STEPS: tuple[Step, ...] = (
    # The rules the browser's scripts read (assets/rules.json) come first: every page uses them.
    write_rules,
    minify_assets,
    write_lookup,
    write_task_exports,
    # Open data, the Atom feed, and the sitemap with record dates (replaces MkDocs' own).
    write_open_data,
    write_feed,
    write_sitemap,
    write_search_index,
    # The search page's copy of what a search in its address needs first (the index's meta.bin,
    # rules.json, the minified scripts), before the policy hashes the scripts it holds.
    write_entries,
    # Last: every page is written; each gets a Content-Security-Policy with its inline scripts' hashes.
    write_csp,
    # After everything is written: name any page over 1 MB or export over 5 MB (a note, not an error).
    warn_sizes,
)


# Steps that read what MkDocs wrote (pages, copied scripts), not the records: the dry run cannot run them.
READS_PAGES: frozenset[Step] = frozenset({minify_assets, write_search_index, write_entries, write_csp, warn_sizes})
# Steps whose files depend on the records alone: what the dry run wrote is what the build writes,
# so the build copies those files (``Staged``) instead of making them twice. The sitemap lists
# the built pages and is made again.
RECORDS_ONLY: frozenset[Step] = frozenset(set(STEPS) - READS_PAGES - {write_sitemap})


class PublishError(Exception):
    """An export step failed on the records (names the step)."""


class Staged:
    """The files the dry run wrote for the ``RECORDS_ONLY`` steps, kept until the build copies
    them into the site (``publish(ctx, staged)``) or they are discarded (``close``)."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="gazette-dry-run-")
        self.root = Path(self._tmp.name)

    def copy_into(self, site_dir: Path) -> None:
        for path in sorted(self.root.rglob("*")):
            if path.is_file():
                write_atomic(site_dir / path.relative_to(self.root), path.read_bytes())

    def close(self) -> None:
        self._tmp.cleanup()


def publish(ctx: PublishContext, staged: Staged | None = None) -> None:
    """Every step into ``ctx.site_dir``; the ``RECORDS_ONLY`` steps' files come from ``staged``
    (the dry run of the same records, templates and address) where given."""
    copied = False
    for step in STEPS:
        if staged is not None and step in RECORDS_ONLY:
            if not copied:  # in the place of the first of them: all their files at once
                staged.copy_into(ctx.site_dir)
                copied = True
            continue
        step(ctx)


def dry_run(library: Library, templates: Path, site_url: str | None, keep: bool = False) -> Staged | None:
    """Run every step that reads only the records into a throw-away directory and raise
    PublishError if one fails; with ``keep``, return the files written (``Staged``), else None.

    The hook calls this in on_pre_build (and ``atomic validate`` calls it), so whatever an
    export cannot write fails the build before MkDocs has cleaned the output directory."""
    staged = Staged()
    try:
        with tempfile.TemporaryDirectory(prefix="gazette-dry-run-") as other:
            for step in STEPS:
                if step in READS_PAGES:
                    continue
                target = staged.root if step in RECORDS_ONLY else Path(other)
                try:
                    step(PublishContext(library, target, site_url, templates))
                except WriteError as exc:  # the machine, not the records: a full disk, a read-only folder
                    raise PublishError(f"构建未完成：{exc}") from exc
                except Exception as exc:  # any failure here is reported, not a traceback
                    raise PublishError(f"导出步骤 {step.__name__} 在这些记录上失败：{type(exc).__name__}: {exc}") from exc
    except BaseException:
        staged.close()
        raise
    if keep:
        return staged
    staged.close()
    return None


__all__ = ["READS_PAGES", "RECORDS_ONLY", "STEPS", "PublishContext", "PublishError", "Staged", "Step", "dry_run", "publish"]
