"""A default build beside an editor's files, with one oversized record (issue 20, items 6, 11, 12).

One copy of the project gets what an editor's tools and the OS leave in ``data/`` (a vim swap
file of an open record, backups, emacs autosaves, .DS_Store, Thumbs.db) and a record whose
table makes its page over 1 MB. It is built strictly with no SITE_URL (the default build):

* item 6: the build passes and names each ignored file in a note;
* item 12: the build passes and warns, with sizes, about the page and the record behind it;
* item 11: no page links a file the build did not write (sitemap.xml above all), and Chromium
  visiting a page of every type records no response of 400 or more.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pypdf
import pytest

from gazette.publish.linkcheck import check_site
from tests.browsing import open_settled
from tests.project import BIG_RECORD, EDITOR_FILES, EMACS_LOCK, serve

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def built(default_build: tuple[Path, str]) -> tuple[Path, str]:
    """The default build (tests/project.py), made once per run and shared with the tests of links
    without a public address (tests/publishing/test_site_url.py)."""
    return default_build


def test_editor_files_are_ignored_with_a_note(built: tuple[Path, str]) -> None:
    _, log = built
    for name in (*EDITOR_FILES, EMACS_LOCK):
        assert f"已忽略编辑器或系统文件 data/{name}" in log, name


def test_oversized_page_is_named_with_its_size_and_record(built: tuple[Path, str]) -> None:
    site, log = built
    size = (site / "2018/qsk-28/index.html").stat().st_size
    assert size > 1_000_000
    warning = next(line for line in log.splitlines() if "2018/qsk-28/index.html" in line)
    assert f"{size / 1_000_000:.1f} MB" in warning and "1.0 MB" in warning
    assert f"data/{BIG_RECORD}" in warning
    # only that page is named: the others stay under the limits
    assert len(re.findall(r"超过 \d+\.\d MB 的上限", log)) == 1


def test_no_link_to_a_file_the_build_did_not_write(built: tuple[Path, str]) -> None:
    site, _ = built
    assert not (site / "sitemap.xml").exists()
    report = check_site(site, "/")
    assert report.pages > 100 and report.broken == []
    for page in site.rglob("*.html"):
        tree = lxml.html.parse(str(page))
        assert not tree.xpath("//*[contains(@href, 'sitemap') or contains(@src, 'sitemap')]"), page


# the lookup page with a number the library holds sends the browser on to its document
LOOKUP, LOOKED_UP = "lookup/?q=衢政发〔2018〕15号", "2018/qzf-15/"


def _page_of_every_type(site: Path) -> list[str]:
    urls = ["", "latest/", "issues/", "documents/", "departments/", "deadlines/", "lookup/", LOOKUP, "citations/", "search/", "search/?q=经济普查", "about/", "schema/", "opendata/", "2018/qzf-15/",
            "issues/2018-05/"]
    years = sorted(p.parent.name for p in (site / "documents").glob("*/index.html"))
    departments = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "departments").glob("*/index.html"))
    paged = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "departments").glob("*/*/*/index.html"))
    urls += [f"documents/{years[0]}/"] if years else []
    urls += departments[:2] + paged[:1]
    return urls


@pytest.fixture(scope="module")
def served(built: tuple[Path, str]) -> Iterator[str]:
    with serve(built[0]) as url:
        yield url


def test_no_page_requests_a_missing_file(built: tuple[Path, str], served: str, shared_context) -> None:
    site, _ = built
    page = shared_context().new_page()
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url} (from {page.url})"))
    urls = _page_of_every_type(site)
    assert len(urls) >= 18
    for url in urls:
        open_settled(page, served + url, lands_on=served + LOOKED_UP if url == LOOKUP else None)
    open_settled(page, served + "404.html")  # the page a host serves for a missing address
    assert failed == []


def test_a_printed_document_is_headed_by_its_citation_and_address_without_site_url(served: str, shared_context) -> None:
    """Paper keeps where a document came from. Without SITE_URL the pages have no public address
    (no canonical link), so the head printed nothing at all, not even the citation: it now holds the
    citation and the address the reader printed from, as 复制引用 cites it."""
    page = shared_context().new_page()
    page.goto(served + "2018/qzbf-33/", wait_until="load")
    page.wait_for_function("() => document.querySelector('.gz-document .gz-permalink[tabindex=\"0\"]')")  # cite.js has run
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    head = re.sub(r"\s+", "", pdf.pages[0].extract_text())[:400]
    assert "衢政办发〔2018〕33号" in head
    assert served.split("//", 1)[1] + "2018/qzbf-33/" in head, head
