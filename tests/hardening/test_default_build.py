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

import functools
import http.server
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from gazette.publish.linkcheck import check_site
from tests.project import MKDOCS, copy_project

pytestmark = pytest.mark.browser

EDITOR_FILES = (
    "documents/2018/.qzf-15.yaml.swp", "documents/2018/.qzf-15.yaml.swo", "documents/2018/qzf-15.yaml~",
    "documents/2018/#qzf-15.yaml#", "documents/2018/.DS_Store", "documents/.DS_Store", "documents/2018/4913",
    "issues/.2018-05.yaml.swp", "issues/2018-05.yaml~", "issues/Thumbs.db", "documents/2017/._qzf-14.yaml",
)
BIG_RECORD = "documents/2018/qsk-28.yaml"
BIG_ROWS = 4000


def _enlarge(path: Path) -> None:
    """Thousands of rows in the record's first table (its page then passes 1 MB)."""
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("      rows:\n")
    assert sep, "the record has a table"
    rows = "".join(
        f"      - - 第{i}行申报单位名称\n" + "".join(f"        - 数值{i}-{c}\n" for c in range(1, 8)) for i in range(BIG_ROWS)
    )
    path.write_text(head + sep + rows + tail, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("default-build")
    project = copy_project(tmp / "project")
    for name in EDITOR_FILES:
        target = project / "data" / name
        target.write_bytes(b"b0VIM 9.0\x00\x00\xff\xfe binary swap data, not YAML: [\n")
    (project / "data/documents/2018/.#qzf-15.yaml").symlink_to("user@host.1234:1700000000")  # emacs lock link
    _enlarge(project / "data" / BIG_RECORD)
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run([*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(tmp / "site")],
                            cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return tmp / "site", result.stderr


def test_editor_files_are_ignored_with_a_note(built: tuple[Path, str]) -> None:
    _, log = built
    for name in (*EDITOR_FILES, "documents/2018/.#qzf-15.yaml"):
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


def _page_of_every_type(site: Path) -> list[str]:
    urls = ["", "latest/", "issues/", "documents/", "departments/", "deadlines/", "lookup/", "lookup/?q=衢政发〔2018〕15号",
            "citations/", "search/", "search/?q=经济普查", "about/", "schema/", "opendata/", "2018/qzf-15/",
            "issues/2018-05/"]
    years = sorted(p.parent.name for p in (site / "documents").glob("*/index.html"))
    departments = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "departments").glob("*/index.html"))
    paged = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "departments").glob("*/*/*/index.html"))
    urls += [f"documents/{years[0]}/"] if years else []
    urls += departments[:2] + paged[:1]
    return urls


@pytest.fixture(scope="module")
def served(built: tuple[Path, str]) -> Iterator[str]:
    site, _ = built

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_no_page_requests_a_missing_file(built: tuple[Path, str], served: str, chromium) -> None:
    site, _ = built
    page = chromium.new_page()
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url} (from {page.url})"))
    urls = _page_of_every_type(site)
    assert len(urls) >= 18
    for url in urls:
        page.goto(served + url)
        page.wait_for_load_state("networkidle")
    page.goto(served + "404.html")  # the page a host serves for a missing address
    page.wait_for_load_state("networkidle")
    page.close()
    assert failed == []
