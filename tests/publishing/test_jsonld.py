"""schema.org JSON-LD on every document and issue page (issue 22, item 2), checked against the
pinned schema.org vocabulary (tests/publishing/schemaorg.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import lxml.html
import pytest

from gazette.derive.views import Library, Standing
from gazette.render.jsonld import document_jsonld, script_json
from tests.conftest import read
from tests.publishing import schemaorg
from tests.publishing.conftest import SITE_URL

pytestmark = pytest.mark.site


def _blocks(site: Path, url: str) -> list[dict[str, object]]:
    tree = lxml.html.fromstring(read(site, url))
    return [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]


def test_the_vocabulary_is_there_and_the_check_can_fail() -> None:
    assert schemaorg.ancestors("GovernmentOrganization") == ("GovernmentOrganization", "Organization", "Thing")
    good = {"@type": "Legislation", "name": "x", "legislationDate": "2018-05-08"}
    assert schemaorg.problems(good) == []
    assert schemaorg.problems({**good, "legislationNumber": "1"})  # no such term
    assert schemaorg.problems({"@type": "Regulation"})  # no such class
    assert schemaorg.problems({**good, "legislationPassedBy": {"@type": "Periodical", "name": "x"}})  # out of range
    assert schemaorg.problems({**good, "legislationLegalForce": "https://schema.org/Repealed"})  # no such member
    assert schemaorg.problems({**good, "legislationDate": "2018年5月8日"})  # not ISO 8601


def test_every_document_page_is_described_as_legislation(site: Path, library: Library) -> None:
    for doc in library.documents:
        (block,) = _blocks(site, doc.url)
        assert schemaorg.problems(block) == [], doc.id
        r = doc.record
        assert block["@context"] == "https://schema.org" and block["@type"] == "Legislation"
        assert block["name"] == r.title and block["legislationIdentifier"] == doc.number
        assert block["legislationDate"] == r.date.isoformat()
        assert block["url"] == block["@id"] == SITE_URL + doc.url
        passed = block["legislationPassedBy"]
        assert [o["name"] for o in (passed if isinstance(passed, list) else [passed])] == list(r.issuers)
        assert block["legislationJurisdiction"] == {"@type": "AdministrativeArea", "name": "衢州市"}
        assert block["legislationType"] == doc.doc_type and block["inLanguage"] == "zh-CN"
        issue = block["isPartOf"]
        assert issue["@type"] == "PublicationIssue" and issue["url"] == SITE_URL + doc.issue.url
        assert block["datePublished"] == issue["datePublished"] == doc.issue.record.published.strftime("%Y-%m")
        # nothing in data/ settles a document's force: the property is left out
        assert "legislationLegalForce" not in block
    passed = _blocks(site, "2018/qsk-28/")[0]["legislationPassedBy"]
    assert [o["name"] for o in passed] == ["衢州市科学技术局", "衢州市财政局"]  # a joint document: both issuers


def test_every_issue_page_is_a_publication_issue(site: Path, library: Library) -> None:
    for issue in library.issues:
        (block,) = _blocks(site, issue.url)
        assert schemaorg.problems(block) == [], issue.id
        assert block["@type"] == "PublicationIssue" and block["issueNumber"] == str(issue.record.number)
        assert block["isPartOf"] == {"@type": "Periodical", "name": "衢州政报"}
        assert [p["legislationIdentifier"] for p in block["hasPart"]] == [d.number for d in issue.documents]


def test_other_pages_carry_none(site: Path) -> None:
    for url in ("", "departments/", "lookup/", "departments/fgw/"):
        assert _blocks(site, url) == []


def test_legal_force_only_where_the_text_settles_it(library: Library) -> None:
    doc = library.document("2017/qzbf-11")
    repeal = next(r for r in doc.relations if r.kind == "repeals")
    for status, force in [("已废止", "https://schema.org/NotInForce"), ("已届满", "https://schema.org/NotInForce"),
                          ("已修改", None), ("尚未施行", None)]:
        changed = dataclasses.replace(doc, standing=Standing(status, dt.date(2017, 3, 13), repeal))
        block = document_jsonld(changed, lambda target: SITE_URL + target)
        assert block.get("legislationLegalForce") == force
        assert schemaorg.problems(block) == []


def test_text_in_the_block_is_data_never_markup() -> None:
    text = str(script_json({"name": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}
