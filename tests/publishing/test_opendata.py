"""Open data read back from the built site and checked against the records."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import lxml.html
import pytest
import yaml

from gazette.derive.views import Library
from gazette.records.models import Document, Issue
from gazette.vocab.roles import ROLES
from tests.conftest import ROOT, read
from tests.publishing.conftest import SITE_URL

pytestmark = pytest.mark.site


def load_json(site: Path, rel: str):
    return json.loads((site / rel).read_text(encoding="utf-8"))


def load_csv(site: Path, rel: str) -> list[dict[str, str]]:
    raw = (site / rel).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV starts with a UTF-8 BOM for spreadsheet programs"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def as_json(value):
    """A YAML value the way JSON carries it (dates as ISO strings)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def assert_carries(published, written, where: str) -> None:
    """``published`` (JSON) carries everything ``written`` (YAML) says; defaults may be added."""
    if isinstance(written, dict):
        assert isinstance(published, dict), where
        for key, value in written.items():
            assert key in published, f"{where}.{key} missing"
            assert_carries(published[key], value, f"{where}.{key}")
    elif isinstance(written, list):
        assert isinstance(published, list) and len(published) == len(written), where
        for i, (p, w) in enumerate(zip(published, written)):
            assert_carries(p, w, f"{where}[{i}]")
    else:
        assert published == as_json(written), where


def test_document_json_matches_its_record(site: Path, library: Library) -> None:
    assert library.documents
    for doc in library.documents:
        data = load_json(site, f"data/documents/{doc.id}.json")
        assert data["id"] == doc.id and data["number"] == doc.number
        assert data["url"] == SITE_URL + doc.url
        assert data["json_url"] == f"{SITE_URL}data/documents/{doc.id}.json"
        assert data["issue"]["id"] == doc.record.issue and data["issue"]["url"] == f"{SITE_URL}issues/{doc.record.issue}/"
        # The full record: every key of the YAML file, and the same document when read back.
        yaml_record = yaml.safe_load((ROOT / "data" / "documents" / f"{doc.id}.yaml").read_text(encoding="utf-8"))
        assert_carries(data["record"], yaml_record, doc.id)
        assert Document.model_validate(data["record"]) == doc.record


def test_document_anchors_exist_on_the_page_with_citations(site: Path, library: Library) -> None:
    for doc in library.documents:
        data = load_json(site, f"data/documents/{doc.id}.json")
        page_ids = set(lxml.html.fromstring(read(site, doc.url)).xpath("//@id"))
        anchors = data["anchors"]
        assert [a["id"] for a in anchors] == [n.id for n in doc.anchored.walk()]
        for anchor in anchors:
            assert anchor["id"] in page_ids, f"{doc.id}#{anchor['id']} is not on the page"
            assert anchor["url"] == f"{SITE_URL}{doc.url}#{anchor['id']}"
            assert anchor["citation"].startswith("《") and f"（{doc.number}）" in anchor["citation"]  # GB/T 9704: full-width brackets
            assert anchor["citation"].endswith(anchor["cite"])


def test_document_index_json_and_csv_agree_with_records(site: Path, library: Library) -> None:
    index = load_json(site, "data/documents.json")["documents"]
    rows = load_csv(site, "data/documents.csv")
    assert [d["id"] for d in index] == [r["id"] for r in rows] == [d.id for d in library.documents]
    for entry, row, doc in zip(index, rows, library.documents):
        r = doc.record
        assert entry["title"] == row["title"] == r.title
        assert entry["number"] == row["number"] == doc.number
        assert entry["number_printed"] == row["number_printed"] == r.number_printed
        assert entry["date"] == row["date"] == r.date.isoformat()
        assert entry["issuers"] == list(r.issuers) and row["issuers"] == ";".join(r.issuers)
        assert entry["issue"] == row["issue"] == r.issue
        assert row["page"] == ("" if doc.page is None else str(doc.page)) and entry["page"] == doc.page
        assert entry["url"] == row["url"] == SITE_URL + doc.url
        assert (site / urlsplit(row["json_url"]).path.removeprefix("/zhengbao/")).is_file()


def test_issues_json_lists_what_each_issue_added(site: Path, library: Library) -> None:
    issues = load_json(site, "data/issues.json")["issues"]
    assert [i["id"] for i in issues] == [i.id for i in library.issues]
    for data, issue in zip(issues, library.issues):
        assert data["published"] == issue.record.published.isoformat()
        assert [d for s in data["sections"] for d in s["documents"]] == [d.id for d in issue.documents]
        assert Issue.model_validate(data["record"]) == issue.record


def test_tasks_csv_has_every_task(site: Path, library: Library) -> None:
    rows = load_csv(site, "data/tasks.csv")
    assert len(rows) == len(library.tasks) > 0
    assert [r["task_id"] for r in rows] == [t.id for t in library.tasks]
    names = {d.record.code: d.record.name for d in library.departments}
    for row, task in zip(rows, library.tasks):
        assert row["document"] == task.doc.id and row["url"] == SITE_URL + task.url
        listed = {n for role in ROLES for n in row[f"{role}_units"].split(";") if n}
        assert listed == {names[u.code] for u in task.units}
        assert row["deadline_date"] == (task.deadline.date.isoformat() if task.deadline and task.deadline.date else "")
    assert len(load_json(site, "data/tasks.json")["tasks"]) == len(library.tasks)


def test_departments_json_is_the_registry(site: Path, library: Library) -> None:
    data = load_json(site, "data/departments.json")["departments"]
    # every registry entry but natural persons (person: true), which are no units
    raw = [d for d in yaml.safe_load((ROOT / "data" / "departments.yaml").read_text(encoding="utf-8")) if not d.get("person")]
    assert [d["code"] for d in data] == [d["code"] for d in raw]
    for entry, record in zip(data, raw):
        for key, value in record.items():
            assert entry[key] == value
        assert entry["url"] == f"{SITE_URL}departments/{record['code']}/"
        assert (site / "departments" / record["code"] / "index.html").is_file()


def test_schema_json_validates_the_record_files(site: Path) -> None:
    schemas = load_json(site, "data/schema.json")
    assert set(schemas) == {"data/issuers.yaml", "data/departments.yaml", "data/issues/{year}-{nn}.yaml",
                            "data/documents/{year}/{code}-{seq}.yaml"}
    checks = [
        ("data/issuers.yaml", [ROOT / "data" / "issuers.yaml"]),
        ("data/departments.yaml", [ROOT / "data" / "departments.yaml"]),
        ("data/issues/{year}-{nn}.yaml", sorted((ROOT / "data" / "issues").glob("*.yaml"))),
        ("data/documents/{year}/{code}-{seq}.yaml", sorted((ROOT / "data" / "documents").glob("*/*.yaml"))[:10]),
    ]
    for key, paths in checks:
        assert paths
        for path in paths:
            jsonschema.validate(as_json(yaml.safe_load(path.read_text(encoding="utf-8"))), schemas[key])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"code": "x", "prefix": "衢政发"}], schemas["data/issuers.yaml"])


def test_document_page_links_its_json(site: Path, library: Library) -> None:
    for doc in library.documents:
        tree = lxml.html.fromstring(read(site, doc.url))
        hrefs = tree.xpath("//a[contains(@class, 'gz-json')]/@href")
        assert len(hrefs) == 1
        target = (site / doc.url / hrefs[0]).resolve()
        assert target == (site / "data" / "documents" / f"{doc.id}.json").resolve() and target.is_file()


def test_opendata_page_links_every_file(site: Path) -> None:
    tree = lxml.html.fromstring(read(site, "opendata/"))
    linked = {(site / "opendata" / href).resolve() for href in tree.xpath("//article//a/@href") if not href.startswith(("#", "http"))}
    for rel in ("data/documents.json", "data/documents.csv", "data/issues.json", "data/departments.json",
                "data/tasks.csv", "data/tasks.json", "data/schema.json", "feed.xml"):
        assert (site / rel).resolve() in linked, f"开放数据 page does not link {rel}"
        assert (site / rel).is_file()
    # sitemap.xml exists only in builds with a public address: named, never linked (issue 20 item 11)
    assert (site / "sitemap.xml").is_file() and "sitemap.xml" in tree.text_content()
    nav = [a.text_content() for a in lxml.html.fromstring(read(site, "")).xpath("//nav//a")]
    assert any("开放数据" in t for t in nav)


def test_the_open_data_page_says_it_in_chinese(site: Path) -> None:
    """The clerk who opens a CSV reads this page too: its prose (code spans aside: file and field
    names) names no foreign jargon (OWASP "CSV Injection", canonical, localhost, RFC 3986) and sets
    Chinese punctuation between Chinese words, not "单元格,电子表格"."""
    article = lxml.html.fromstring(read(site, "opendata/")).cssselect("article")[0]
    for code in article.cssselect("code"):
        code.drop_tree()
    text = article.text_content()
    for jargon in ("OWASP", "Injection", "canonical", "localhost", "RFC"):
        assert jargon not in text, jargon
    cjk = r"[\u4e00-\u9fff]"
    said = re.sub(r"“[^”]*”", "", text)  # a name quoted as printed keeps its own brackets: “各县(市、区)人民政府”
    half = re.findall(rf"{cjk}\s*[,;():]|[,;():]\s*{cjk}", said)
    assert not half, half
