"""Open data written into the built site under ``data/``, documented on the 开放数据 page.

* ``data/documents/{year}/{code}-{seq}.json`` — one document: its full record
  plus what the site derives from it (URLs, issue, every anchor with its
  citation label);
* ``data/documents.json`` / ``data/documents.csv`` — the index of documents;
* ``data/issues.json`` — every issue with the documents it added;
* ``data/departments.json`` — the department registry with page and export URLs;
* ``data/tasks.csv`` / ``data/tasks.json`` — every task of every document
  (same columns as the per-department exports);
* ``data/relations.csv`` — every relationship the text states (``derive/relations.py``),
  also under ``relations`` (and ``affected_by``, ``standing``) in each document's JSON;
* ``data/schema.json`` — the JSON Schema of the record files.

Output is deterministic: records in library order (newest issue first,
printed order within an issue), keys in model order, no timestamps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gazette.derive.anchors import citation_text
from gazette.derive.views import DocView, IssueRef, IssueView, Library, Relation, Standing
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.csvfile import write_csv
from gazette.publish.siteurl import SiteLinks
from gazette.publish.tasks_export import CSV_FIELDS
from gazette.records.schema import json_schema

DATA_DIR = "data"

# Columns of documents.csv, in order; lists are joined with ";".
DOCUMENT_FIELDS = [
    "id", "number", "number_printed", "title", "issuers", "date", "doc_type", "public_mark",
    "issue", "issue_title", "category", "page", "url", "json_url",
    "effective", "effective_date", "effective_part", "validity_period", "validity_period_part",
    "validity", "validity_source", "standing", "standing_since",
]


# Columns of relations.csv, in order (one row per relationship, library order).
RELATION_FIELDS = [
    "kind", "source", "source_number", "part", "place", "url", "target", "target_id", "target_url",
    "words", "date", "quote",
]


def relation_record(rel: Relation, links: SiteLinks, at: str) -> dict[str, Any]:
    """One relationship: who says it where, of which kind, about which 文号 (null: itself), in which words."""
    return {
        "kind": rel.kind,
        "source": rel.source.id,
        "source_number": rel.source.number,
        "part": rel.part_id,
        "place": rel.place,
        "url": links.url(rel.url, at),
        "target": rel.target.canonical if rel.target else None,
        "target_id": rel.target_doc.id if rel.target_doc else None,
        "target_url": links.url(rel.target_doc.url, at) if rel.target_doc else None,
        "words": rel.words,
        "date": rel.date.isoformat() if rel.date else None,
        "quote": rel.quote,
    }


def standing_record(standing: Standing | None, links: SiteLinks, at: str) -> dict[str, Any] | None:
    if standing is None:
        return None
    return {
        "status": standing.status,
        "since": standing.since.isoformat() if standing.since else None,
        "as_of": standing.as_of.isoformat() if standing.as_of else None,
        "by": relation_record(standing.by, links, at),
    }


def document_json_path(doc: DocView) -> str:
    """Site path of a document's JSON, e.g. ``data/documents/2018/qzbf-33.json``."""
    return doc.data_url


def _issue_ref(issue: IssueRef, links: SiteLinks, at: str) -> dict[str, Any]:
    return {
        "id": issue.id,
        "title": issue.title,
        "printed_month": issue.record.printed_month,
        "published": issue.record.published.isoformat(),
        "url": links.url(issue.url, at),
    }


def document_summary(doc: DocView, links: SiteLinks, at: str) -> dict[str, Any]:
    """``at``: site path of the file this summary is written into (for relative URLs)."""
    r = doc.record
    return {
        "id": doc.id,
        "number": doc.number,
        "number_printed": r.number_printed,
        "title": r.title,
        "issuers": list(r.issuers),
        "date": r.date.isoformat(),
        "doc_type": doc.doc_type,
        "public_mark": r.public_mark,
        "issue": doc.issue.id,
        "issue_title": doc.issue.title,
        "category": doc.category,
        "page": doc.page,
        "url": links.url(doc.url, at),
        "json_url": links.url(document_json_path(doc), at),
        # Status facts: 施行日期 and 有效期 quoted from the text with the part that states them;
        # 有效性 only from the record's validity field (null: not known).
        "effective": doc.status.effective.phrase if doc.status.effective else None,
        "effective_date": doc.status.effective.date.isoformat() if doc.status.effective and doc.status.effective.date else None,
        "effective_part": doc.status.effective.node.id if doc.status.effective else None,
        "validity_period": doc.status.period.phrase if doc.status.period else None,
        "validity_period_part": doc.status.period.node.id if doc.status.period else None,
        "validity": r.validity.status if r.validity else None,
        "validity_source": r.validity.source if r.validity else None,
        # 有效性 as of the build date from the text's own relationships (derive/relations.py); null: not settled.
        "standing": doc.standing.status if doc.standing else None,
        "standing_since": doc.standing.since.isoformat() if doc.standing and doc.standing.since else None,
    }


def document_payload(doc: DocView, links: SiteLinks) -> dict[str, Any]:
    """Everything about one document: the summary, its issue, anchors and the full record."""
    at = document_json_path(doc)
    anchors = [
        {
            "id": node.id,
            "kind": node.kind,
            "label": node.label,
            "cite": node.cite,
            "citation": citation_text(doc.record.title, doc.number, doc.anchored, node),
            "url": links.url(doc.part_url(node.id), at),
        }
        for node in doc.anchored.walk()
    ]
    payload = document_summary(doc, links, at)
    payload["issue"] = _issue_ref(doc.issue, links, at)
    payload["anchors"] = anchors
    payload["relations"] = [relation_record(r, links, at) for r in doc.relations]
    payload["affected_by"] = [relation_record(r, links, at) for r in doc.affected_by]
    payload["standing"] = standing_record(doc.standing, links, at)
    payload["record"] = doc.record.model_dump(mode="json")
    return payload


def _issue_payload(issue: IssueView, links: SiteLinks, at: str) -> dict[str, Any]:
    payload = _issue_ref(issue, links, at)
    payload["sections"] = [
        {"category": s.category, "documents": [d.id for d in s.documents]} for s in issue.sections
    ]
    payload["record"] = issue.record.model_dump(mode="json")
    return payload


def _departments_payload(library: Library, links: SiteLinks, at: str) -> list[dict[str, Any]]:
    out = []
    for dept in library.departments:
        info = dept.record.model_dump(mode="json")
        info["url"] = links.url(dept.url, at)
        info["tasks_csv"] = links.url(dept.exports.csv, at)
        info["tasks_json"] = links.url(dept.exports.json, at)
        info["tasks_ics"] = links.url(dept.exports.ics, at)
        info["documents"] = [d.id for d in dept.documents]
        info["task_count"] = len(dept.tasks)
        out.append(info)
    return out


def to_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def csv_rows(rows: list[dict[str, Any]], fields: list[str]) -> list[dict[str, object]]:
    """Summaries as CSV rows, the fields in order (cells are formatted by csvfile.cell)."""
    return [{k: row[k] for k in fields} for row in rows]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)


def _tasks(library: Library, links: SiteLinks) -> tuple[list[dict[str, object]], str]:
    """All tasks as CSV and JSON, in the per-department exports' columns."""
    # Reuse the tasks export's record and CSV layout so every task file reads the same.
    from gazette.publish.tasks_export import _task_record
    from gazette.publish.tasks_export import csv_rows as task_rows

    # data/tasks.csv and data/tasks.json sit in the same directory: one set of records serves both.
    records = [_task_record(task, library, links, f"{DATA_DIR}/tasks.json") for task in library.tasks]
    return task_rows(records), to_json({"tasks": records})


def write_open_data(ctx: PublishContext) -> None:
    links = ctx.links
    lib = ctx.library
    root = ctx.site_dir / DATA_DIR
    for doc in lib.documents:
        write(ctx.site_dir / document_json_path(doc), to_json(document_payload(doc, links)))
    # documents.json and documents.csv sit in the same directory: one set of summaries serves both.
    summaries = [document_summary(doc, links, f"{DATA_DIR}/documents.json") for doc in lib.documents]
    write(root / "documents.json", to_json({"documents": summaries}))
    write_csv(root / "documents.csv", DOCUMENT_FIELDS, csv_rows(summaries, DOCUMENT_FIELDS))
    issues_at = f"{DATA_DIR}/issues.json"
    write(root / "issues.json", to_json({"issues": [_issue_payload(i, links, issues_at) for i in lib.issues]}))
    write(root / "departments.json",
          to_json({"departments": _departments_payload(lib, links, f"{DATA_DIR}/departments.json")}))
    tasks_rows, tasks_json = _tasks(lib, links)
    write_csv(root / "tasks.csv", CSV_FIELDS, tasks_rows)
    write(root / "tasks.json", tasks_json)
    relations_at = f"{DATA_DIR}/relations.csv"
    write_csv(root / "relations.csv", RELATION_FIELDS, [relation_record(r, links, relations_at) for r in lib.relations])
    write(root / "schema.json", json_schema() + "\n")
