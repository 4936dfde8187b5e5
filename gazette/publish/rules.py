"""``assets/rules.json``: the domain rules, as the browser receives them.

Scripts never restate a rule: they read this file, written from the Python
definitions (text normalisation, 文号 grammar, date format, issuer families, roles, anchor
scheme, department kinds, facets, unit names). ``docs/assets/rules.js`` loads it for the other scripts.

``roles``: [{id, label, strength}] in display order; ``strength`` 0 is the strongest (the role
that wins when a task names a unit twice, ``gazette.vocab.roles.STRENGTH``).
``role_words``: {nouns: {word: role id}, separators, name_separators} as the reader reads them.
``unit_names``: the unit-name matcher's data, as ``UnitMatcher.payload``
(``gazette/vocab/unitnames.py``) writes and describes it.
"""

from __future__ import annotations

import json
from typing import Any

from gazette.derive.anchors import ROW, SEPARATOR
from gazette.derive.dates import DAY
from gazette.derive.facets import FACETS
from gazette.derive.wenhao import GRAMMAR
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.records.models import DEPARTMENT_KINDS
from gazette.vocab.normalize import BRACKETS, DROP_JS, FORM
from gazette.vocab.roles import GROUP_SEPARATORS, NAME_SEPARATORS, ROLE_LABELS, ROLE_NOUNS, ROLES, STRENGTH, noun_role

PATH = "assets/rules.json"


def rules_payload(ctx: PublishContext) -> dict[str, Any]:
    return {
        # gazette/vocab/normalize.py: fold (Unicode form), the characters keys drop, and the
        # one bracket style of compare keys.
        "normalize": {"form": FORM, "drop": DROP_JS, "brackets": BRACKETS},
        "wenhao": GRAMMAR.browser(),
        # gazette/derive/dates.py: how a day is written for readers
        "dates": {"day": DAY},
        "issuers": [{"prefix": issuer.prefix, "code": issuer.code} for issuer in ctx.library.issuers],
        "roles": [{"id": role, "label": ROLE_LABELS[role], "strength": STRENGTH[role]} for role in ROLES],
        "role_words": {
            "nouns": {word: noun_role(word) for word in ROLE_NOUNS},
            "separators": GROUP_SEPARATORS,
            "name_separators": NAME_SEPARATORS,
        },
        "unit_names": ctx.library.unit_names.payload(),
        "anchors": {"separator": SEPARATOR, "row": ROW},
        "department_kinds": list(DEPARTMENT_KINDS),
        "facets": [{"id": facet.id, "label": facet.label} for facet in FACETS],
    }


def write_rules(ctx: PublishContext) -> None:
    out = ctx.site_dir / PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, json.dumps(rules_payload(ctx), ensure_ascii=False, separators=(",", ":")) + "\n")
