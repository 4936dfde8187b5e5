"""The 文号 → page map behind the lookup box (/lookup/numbers.json).

Its URLs are relative references from the file itself (RFC 3986), so a reader of the file
alone resolves them the way ``cite.js`` does. They stay relative under a public address too:
the lookup box must lead to the copy of the site it runs on (a mirror, a preview), not to
``SITE_URL``.

A number the library does not hold is in the map too when a document here
repeals, replaces or amends it (``derive/relations.py``): ``url`` null, and
``relations`` saying which document does so, in which clause (its URL)."""

from __future__ import annotations

import json
from typing import Any

from gazette.derive.relations import STATUS_KINDS, statement
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.siteurl import SiteLinks

_RELATIVE = SiteLinks(None)


MAP_PATH = "lookup/numbers.json"


def lookup_map(ctx: PublishContext) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {
        doc.number: {"url": _RELATIVE.url(doc.url, MAP_PATH), "title": doc.record.title}
        for doc in sorted(ctx.library.documents, key=lambda d: d.number)
    }
    for rel in ctx.library.relations:
        if rel.target is None or rel.target_doc is not None or rel.kind not in STATUS_KINDS:
            continue
        entry = found.setdefault(rel.target.canonical, {"url": None, "title": None, "relations": []})
        entry["relations"].append({"kind": rel.kind, "text": statement(rel), "url": _RELATIVE.url(rel.url, MAP_PATH), "quote": rel.quote})
    return found


def write_lookup(ctx: PublishContext) -> None:
    out = ctx.site_dir / MAP_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, json.dumps(lookup_map(ctx), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
