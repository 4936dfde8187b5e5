"""The 文号 → page map behind the lookup box (/lookup/numbers.json)."""

from __future__ import annotations

import json

from gazette.publish.context import PublishContext


def lookup_map(ctx: PublishContext) -> dict[str, dict[str, str]]:
    return {
        doc.number: {"url": doc.url, "title": doc.record.title}
        for doc in sorted(ctx.library.documents, key=lambda d: d.number)
    }


def write_lookup(ctx: PublishContext) -> None:
    out = ctx.site_dir / "lookup" / "numbers.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(lookup_map(ctx), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
