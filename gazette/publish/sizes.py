"""Warn when the records make a page or an export too large for a reader's phone.

A page over ``PAGE_LIMIT`` or an export over ``EXPORT_LIMIT`` still builds: a long table can be
what the gazette printed, and the build must not refuse the record. But nobody should publish
one without a word, so the last publish step names each such file with its size and, for a
document page, the record behind it.

The note goes to the ``gazette`` logger, not MkDocs' own (``mkdocs.*``): a strict build counts
every MkDocs warning as an error and would then refuse the record after all. Python prints a
WARNING of a logger without handlers on stderr, so the note is seen in ``make build``,
``mkdocs serve`` and CI logs (``--quiet`` silences only MkDocs' loggers).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from gazette.publish.context import PublishContext

PAGE_LIMIT = 1_000_000  # bytes of one HTML page
EXPORT_LIMIT = 5_000_000  # bytes of one export file (JSON, CSV, ICS, feed, index shard)

log = logging.getLogger("gazette.publish")


@dataclass(frozen=True)
class Oversize:
    path: str  # site-relative
    size: int
    limit: int
    record: Path | None  # the record file behind a document page


def oversized(ctx: PublishContext) -> list[Oversize]:
    """Every page over PAGE_LIMIT and every other written file over EXPORT_LIMIT, by path.

    The theme's own assets are not the records' doing and are skipped."""
    site = ctx.site_dir
    records = {doc.url + "index.html": doc.source.path for doc in ctx.library.documents}
    out: list[Oversize] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        size = path.stat().st_size
        limit = PAGE_LIMIT if path.suffix == ".html" else EXPORT_LIMIT
        if size > limit:
            out.append(Oversize(rel, size, limit, records.get(rel)))
    return out


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def warn_sizes(ctx: PublishContext) -> None:
    for item in oversized(ctx):
        kind = "页面" if item.limit == PAGE_LIMIT else "导出文件"
        cause = f"（来自记录 {item.record}）" if item.record else ""
        log.warning("注意：%s %s 有 %s，超过 %s 的上限%s；手机读者可能打不开，请考虑拆分记录或表格。",
                    kind, item.path, _mb(item.size), _mb(item.limit), cause)
