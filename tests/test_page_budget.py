"""Pages that stay light as the library grows (issue 13, item 8).

A generated library just past the budgets (2 years x 12 issues x 21 = 504
documents, benchmarks/corpus.py) is built once: 最新 shows the recent issues,
文件目录 splits by year and keeps every old ``#issue-…`` id on its entry page,
long department lists are paged, and 文号查找 lists nothing itself. The
5,040-document figures come from ``make bench-reading``.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
import yaml

from benchmarks.corpus import generate
from gazette.derive.dates import year_label
from gazette.derive.paging import (
    CATALOG_ROWS,
    LATEST_ISSUES,
    MENTION_ROWS,
    TASK_ROWS,
    paginate,
)
from tests.project import ROOT, build, copy_project


@pytest.mark.unit
def test_paginate_keeps_every_item_once_in_order() -> None:
    pages = paginate(list(range(7)), 3, "d/x/", "d/x/tasks/{n}/")
    assert [p.items for p in pages] == [[0, 1, 2], [3, 4, 5], [6]]
    assert pages[0].urls == ["d/x/", "d/x/tasks/2/", "d/x/tasks/3/"] and pages[2].url == "d/x/tasks/3/"
    assert [p.start for p in pages] == [0, 3, 6] and {p.total for p in pages} == {7}
    empty = paginate([], 3, "d/x/", "d/x/tasks/{n}/")
    assert len(empty) == 1 and empty[0].items == [] and empty[0].count == 1


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("big")
    project = copy_project(tmp / "project")
    assert generate(project, 2, 21) > CATALOG_ROWS
    # Two reprints of the real document with the most tasks give 市资源局 (zljdj) a task list longer than a page.
    source = yaml.safe_load((ROOT / "data/documents/2018/qzbf-41.yaml").read_text(encoding="utf-8"))
    issue_path = project / "data/issues/2019-12.yaml"
    issue = yaml.safe_load(issue_path.read_text(encoding="utf-8"))
    for seq in (901, 902):
        record = {**source, "number_printed": f"衢政办发〔2019〕{seq}号", "issue": "2019-12", "date": "2019-12-01"}
        (project / f"data/documents/2019/qzbf-{seq}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
        issue["contents"][0]["entries"].append({"document": f"2019/qzbf-{seq}", "toc_text": source["title"]})
    issue_path.write_text(yaml.safe_dump(issue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / url / "index.html")).getroot()


def resolve(url: str, href: str) -> str:
    import posixpath

    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(url, path)) + "/"
    return target + (f"#{fragment}" if fragment else "")


@pytest.mark.site
def test_latest_shows_only_recent_issues(big: Path) -> None:
    sections = page(big, "latest/").xpath("//section[contains(@class, 'gz-latest-issue')]")
    assert [s.xpath(".//h2/@id")[0] for s in sections] == [f"issue-2019-{m:02d}" for m in range(12, 12 - LATEST_ISSUES, -1)]


@pytest.mark.site
def test_catalog_by_year_lists_every_document_once(big: Path) -> None:
    entry = page(big, "documents/")
    years = [resolve("documents/", a.get("href")) for a in entry.cssselect("nav.gz-years a")]
    assert years == ["documents/2019/", "documents/2018/"]
    # a year named as every page names one (dates.year_label), in the links and the year headings
    assert [a.text_content() for a in entry.cssselect("nav.gz-years a, h3[id^='year-'] a")] == [
        year_label(2019), year_label(2018), year_label(2018),
    ]
    rows = entry.cssselect("table.gz-doc-table tbody tr")
    assert len(rows) == 12 * 21 + 2
    seen: list[str] = []
    for url in ("documents/2019/", "documents/2018/"):
        tree = page(big, url)
        seen += [td.text_content() for td in tree.cssselect("table.gz-doc-table tbody td.gz-wenhao")]
    assert len(seen) == len(set(seen)) == 506
    # every old fragment documents/#issue-… still lands on the entry page, linking to the issue in its year page
    for month in range(1, 13):
        issue_id = f"issue-2018-{month:02d}"
        link = entry.get_element_by_id(issue_id)
        target = resolve("documents/", link.get("href"))
        assert target == f"documents/2018/#{issue_id}"
        assert page(big, "documents/2018/").get_element_by_id(issue_id) is not None


@pytest.mark.site
def test_long_department_lists_are_paged(big: Path) -> None:
    first = page(big, "departments/gx/")
    items = first.cssselect("ul.gz-dept-docs > li")
    assert len(items) == MENTION_ROWS
    pager = first.cssselect("nav.gz-pager")[0]
    urls = [resolve("departments/gx/", a.get("href")) for a in pager.cssselect("a:not([rel])")]
    assert urls == ["departments/gx/documents/2/"]
    second = page(big, urls[0])
    rest = second.cssselect("ul.gz-dept-docs > li")
    numbers = [li.cssselect(".gz-wenhao")[0].text for li in items + rest]
    assert len(numbers) == len(set(numbers)) == 504  # every generated document; the reprints assign it tasks
    assert second.cssselect("nav.gz-pager span[aria-current=page]")[0].text == "2"
    back = [resolve(urls[0], a.get("href")) for a in second.cssselect("nav.gz-pager")[0].cssselect("a[rel=prev]")]
    assert back == ["departments/gx/"]


@pytest.mark.site
def test_long_task_lists_are_paged(big: Path) -> None:
    first = page(big, "departments/zljdj/")
    rows = first.cssselect("#gz-dept-tasks tbody tr")
    assert len(rows) == TASK_ROWS
    pager = first.cssselect("nav.gz-pager")[0]
    urls = [resolve("departments/zljdj/", a.get("href")) for a in pager.cssselect("a:not([rel])")]
    assert urls == ["departments/zljdj/tasks/2/"]
    second = page(big, urls[0])
    rest = second.cssselect("#gz-dept-tasks tbody tr")
    total = int(first.cssselect("[data-count=total]")[0].text)
    assert total > TASK_ROWS and len(rows) + len(rest) == total
    # rows keep their place in the whole list, so sorting on a page restores the list order
    assert [int(r.get("data-order")) for r in rows + rest] == list(range(1, total + 1))
    assert second.cssselect("script[src$='departments.js']")


@pytest.mark.site
def test_lookup_is_served_from_its_json(big: Path) -> None:
    tree = page(big, "lookup/")
    assert len(tree.cssselect("main a")) < 20
    assert (big / "lookup" / "numbers.json").stat().st_size > 50_000


@pytest.mark.site
def test_no_page_grows_with_the_library(big: Path) -> None:
    largest = max((p.stat().st_size, p) for p in big.rglob("*.html"))
    # The largest page is the largest document (衢政办发〔2018〕41号's 115-row table), the same in a
    # library of any size; phone cards repeat each merged cell on every row it covers (issue 23).
    assert largest[0] < 300 * 1024, largest
