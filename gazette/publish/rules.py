"""``assets/rules.json``: the domain rules, as the browser receives them.

Scripts never restate a rule: they read this file, written from the Python
definitions (文号 grammar, issuer families, roles, anchor scheme, department
kinds, facets). ``docs/assets/rules.js`` loads it for the other scripts.
"""

from __future__ import annotations

import json
from typing import Any

from gazette.derive.anchors import ROW, SEPARATOR
from gazette.derive.departments import ROLE_LABELS, ROLES
from gazette.derive.facets import FACETS
from gazette.derive.wenhao import CANONICAL, CLOSE, OPEN, QUERY_PATTERN, js_pattern
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.records.models import DEPARTMENT_KINDS

PATH = "assets/rules.json"


def rules_payload(ctx: PublishContext) -> dict[str, Any]:
    return {
        "wenhao": {
            "open": OPEN,
            "close": CLOSE,
            # A lookup query, NFKC-normalised first (full-width digits and brackets → ASCII).
            "normalize": "NFKC",
            "pattern": js_pattern(QUERY_PATTERN),
            "flags": "u",
            "canonical": CANONICAL,
        },
        "issuers": [{"prefix": issuer.prefix, "code": issuer.code} for issuer in ctx.library.issuers],
        "roles": [{"id": role, "label": ROLE_LABELS[role]} for role in ROLES],
        "anchors": {"separator": SEPARATOR, "row": ROW},
        "department_kinds": list(DEPARTMENT_KINDS),
        "facets": [{"id": facet.id, "label": facet.label} for facet in FACETS],
    }


def write_rules(ctx: PublishContext) -> None:
    out = ctx.site_dir / PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, json.dumps(rules_payload(ctx), ensure_ascii=False, indent=1) + "\n")
