"""schema.org JSON-LD for document and issue pages: built here as data, placed by the templates.

A document is a ``Legislation`` (as legislation.gov.uk and ELI publishers describe
theirs): its 文号 as ``legislationIdentifier``, the 成文日期 as ``legislationDate``,
the issuers as ``GovernmentOrganization``, the issue it is printed in as
``isPartOf`` (a ``PublicationIssue`` of the ``Periodical`` 衢州政报).
``datePublished`` is the issue's printed month (``2018-06``: the gazette prints no
day). ``legislationLegalForce`` is given only where something settles it: the
record's 有效性 (with its source) or a status the text states
(``derive/relations.py``: repealed or expired → NotInForce); otherwise it is left
out, never guessed.

The JSON is text for a ``<script type="application/ld+json">`` element: ``<``,
``>`` and ``&`` are written as ``\\u003c``… so record text can never close the
element or become markup, and the CSP (``publish/csp.py``) treats the block as
data, not script.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from gazette.derive.dates import month_key
from gazette.derive.views import EXPIRED, REPEALED, DocView, IssueRef, IssueView

CONTEXT = "https://schema.org"
JURISDICTION = "衢州市"  # every issuer of the gazette is an organ of the city
LANGUAGE = "zh-CN"
PERIODICAL = "衢州政报"
NOT_IN_FORCE = "https://schema.org/NotInForce"
IN_FORCE = "https://schema.org/InForce"
# The record's 有效性 (records/models.py ValidityStatus) and the text's status (views.StandingStatus) as schema.org
# LegalForceStatus; a status missing here (已修改, 尚未施行) settles nothing about force today.
_FORCE = {"现行有效": IN_FORCE, REPEALED: NOT_IN_FORCE, "已失效": NOT_IN_FORCE, EXPIRED: NOT_IN_FORCE}

Url = Callable[[str], str]  # site path → the URL written into the page (absolute with a public address)


def script_json(data: dict[str, Any]) -> Markup:
    """JSON for an inline data block: nothing in it can end the element or open markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 — escaped above: no "<", ">" or "&" remains


def _issue(issue: IssueRef, url: Url) -> dict[str, Any]:
    return {
        "@type": "PublicationIssue",
        "@id": url(issue.url),
        "name": f"{PERIODICAL} {issue.title}",
        "issueNumber": str(issue.record.number),
        "datePublished": month_key(issue.record.published),
        "url": url(issue.url),
        "isPartOf": {"@type": "Periodical", "name": PERIODICAL},
    }


def _legal_force(doc: DocView) -> str | None:
    if doc.record.validity is not None:
        return _FORCE.get(doc.record.validity.status)
    if doc.standing is not None and doc.standing.status:
        return _FORCE.get(doc.standing.status)
    return None


def document_jsonld(doc: DocView, url: Url) -> dict[str, Any]:
    r = doc.record
    issuers = [{"@type": "GovernmentOrganization", "name": name} for name in r.issuers]
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Legislation",
        "@id": url(doc.url),
        "name": r.title,
        "legislationIdentifier": doc.number,
        "legislationDate": r.date.isoformat(),
        "datePublished": month_key(doc.issue.record.published),
        "legislationPassedBy": issuers[0] if len(issuers) == 1 else issuers,
        "legislationJurisdiction": {"@type": "AdministrativeArea", "name": JURISDICTION},
        "legislationType": doc.doc_type,
        "inLanguage": LANGUAGE,
        "url": url(doc.url),
        "isPartOf": _issue(doc.issue, url),
    }
    force = _legal_force(doc)
    if force is not None:
        data["legislationLegalForce"] = force
    return data


def issue_jsonld(issue: IssueView, url: Url) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": CONTEXT, **_issue(issue, url), "inLanguage": LANGUAGE}
    data["hasPart"] = [
        {"@type": "Legislation", "@id": url(doc.url), "name": doc.record.title, "legislationIdentifier": doc.number,
         "url": url(doc.url)}
        for doc in issue.documents
    ]
    return data
