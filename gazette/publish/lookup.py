"""The 文号 → page map behind the lookup box (/lookup/numbers.json).

Its URLs are relative references from the file itself (RFC 3986), so a reader of the file
alone resolves them the way ``cite.js`` does. They stay relative under a public address too:
the lookup box must lead to the copy of the site it runs on (a mirror, a preview), not to
``SITE_URL``."""

from __future__ import annotations

import json

from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.siteurl import SiteLinks

_RELATIVE = SiteLinks(None)


MAP_PATH = "lookup/numbers.json"


def lookup_map(ctx: PublishContext) -> dict[str, dict[str, str]]:
    return {
        doc.number: {"url": _RELATIVE.url(doc.url, MAP_PATH), "title": doc.record.title}
        for doc in sorted(ctx.library.documents, key=lambda d: d.number)
    }


def write_lookup(ctx: PublishContext) -> None:
    out = ctx.site_dir / MAP_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, json.dumps(lookup_map(ctx), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
