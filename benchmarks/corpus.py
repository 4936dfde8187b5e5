"""A generated library at scale, for the benchmarks.

    generate(project, years=20, per_issue=21)   # 5,040 documents

Distinct documents made by recombining real sentences from the records in
data/ into YAML records, written into a throw-away copy of the project
(``tests.project.copy_project``). Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELS = "一二三四五六七八九十"
ISSUERS = [("衢政办发", "衢州市人民政府办公室", "市府办文件"), ("衢政发", "衢州市人民政府", "市政府文件")]


def real_sentences() -> tuple[list[str], list[str]]:
    """Sentences and title topics from the real records (no labelled task lines)."""
    sentences: set[str] = set()
    topics: set[str] = set()

    def walk(parts: list[dict[str, Any]]) -> None:
        for part in parts:
            for text in [part.get("text") or "", *part.get("paragraphs", [])]:
                for s in re.findall(r"[^。;;]+[。;;]", text):
                    if 12 <= len(s) <= 160 and not re.search(r"[::]|牵头|负责|配合|〔|\[", s):
                        sentences.add(s)
            walk(part.get("children", []))

    for path in sorted((ROOT / "data" / "documents").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        walk(doc.get("body", []))
        for att in doc.get("attachments", []):
            walk(att.get("body", []))
        m = re.search(r"关于(.+?)的(通知|意见|通报|决定|批复)", doc["title"])
        if m:
            topics.add(re.sub(r"^印发", "", m.group(1)))
    return sorted(sentences), sorted(topics)


def generate(project: Path, years: int, per_issue: int, seed: int = 2018) -> int:
    rng = random.Random(seed)
    sentences, topics = real_sentences()
    data = project / "data"
    shutil.rmtree(data / "documents")
    shutil.rmtree(data / "issues")
    shutil.rmtree(data / "corrections", ignore_errors=True)
    (data / "documents").mkdir()
    (data / "issues").mkdir()
    total = 0
    for y, year in enumerate(range(2019 - years + 1, 2020)):
        seqs = {prefix: 0 for prefix, _, _ in ISSUERS}
        (data / "documents" / str(year)).mkdir()
        for number in range(1, 13):
            sections: dict[str, list[dict[str, Any]]] = {}
            for k in range(per_issue):
                prefix, issuer, category = ISSUERS[k % 2]
                seqs[prefix] += 1
                seq = seqs[prefix]
                code = "qzbf" if prefix == "衢政办发" else "qzf"
                topic = f"{rng.choice(topics)}({year}年第{number}期第{k + 1}项)"
                title = f"{issuer}关于{topic}的通知"
                body = [{"text": "".join(rng.sample(sentences, 2))}]
                for i in range(rng.randint(3, 6)):
                    body.append({"label": f"{LABELS[i]}、", "text": "".join(rng.sample(sentences, rng.randint(3, 7)))})
                day = 1 + (k % 27)
                doc = {
                    "number_printed": f"{prefix}〔{year}〕{seq}号", "title": title, "issuers": [issuer],
                    "addressees": "各县(市、区)人民政府,市政府各部门、直属各单位",
                    "date": f"{year}-{number:02d}-{day:02d}", "issue": f"{year}-{number:02d}", "body": body,
                    "signature": {"issuers": [issuer], "date_text": f"{year}年{number}月{day}日"},
                }
                (data / "documents" / str(year) / f"{code}-{seq}.yaml").write_text(
                    yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
                sections.setdefault(category, []).append({"document": f"{year}/{code}-{seq}", "toc_text": title, "page": k + 1})
                total += 1
            issue = {
                "year": year, "number": number, "total_number": y * 12 + number, "printed_month": f"{year}年{number}月",
                "published": f"{year}-{number:02d}-01",
                "contents": [{"category": c, "entries": e} for c, e in sections.items()],
            }
            (data / "issues" / f"{year}-{number:02d}.yaml").write_text(
                yaml.safe_dump(issue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return total
