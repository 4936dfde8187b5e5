"""Links that work where the reader is (issue 13, item 3).

A build with no public SITE_URL (unset, or the loopback default of
``mkdocs serve``) must not hand readers localhost links: no canonical link,
relative URLs in JSON/CSV/Atom, no URL in iCalendar, no sitemap. The copied
citation then uses the page's own address. ``make publish`` and the atomic
build refuse to run without a public address.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest

from gazette.publish.siteurl import SiteLinks, public_site_url
from tests.project import ROOT, build, copy_project, files_of, serve
from tests.records import small_project

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "0.0.0.0")
TEXT_FORMATS = (".html", ".json", ".csv", ".ics", ".xml", ".txt", ".js")


@pytest.mark.unit
@pytest.mark.parametrize("value, expected", [
    (None, None), ("", None), ("  ", None),
    ("http://127.0.0.1:8000/", None), ("http://127.1.2.3/x/", None), ("http://localhost:8000", None),
    ("http://app.localhost/", None), ("http://[::1]:8000/", None), ("http://0.0.0.0:8000/", None),
    ("https://example.org/zhengbao", "https://example.org/zhengbao/"),
    ("http://10.1.2.3/zhengbao/", "http://10.1.2.3/zhengbao/"),  # an intranet address is where readers are
])
def test_public_site_url(value: str | None, expected: str | None) -> None:
    assert public_site_url(value) == expected


@pytest.mark.unit
def test_links_are_relative_to_the_file_without_an_address() -> None:
    links = SiteLinks(None)
    assert links.url("2018/qzbf-33/#art_3", "data/documents/2018/qzbf-33.json") == "../../../2018/qzbf-33/#art_3"
    assert links.url("2018/qzbf-33/", "feed.xml") == "2018/qzbf-33/"
    assert links.absolute("2018/qzbf-33/") is None
    assert links.atom_id("2018/qzbf-33/").startswith("urn:uuid:")
    public = SiteLinks("https://example.org/zb/")
    assert public.url("2018/qzbf-33/", "data/documents.json") == "https://example.org/zb/2018/qzbf-33/"
    assert public.atom_id("") == "https://example.org/zb/"


@pytest.fixture(scope="module")
def local_site(default_build: tuple[Path, str]) -> Path:
    """The real library built with no SITE_URL (made once per run, tests/conftest.py)."""
    return default_build[0]


@pytest.mark.site
def test_a_loopback_address_builds_what_no_address_builds(tmp_path: Path) -> None:
    """The address ``mkdocs serve`` sets is no address readers can use: a build with it is the build
    with none (whose links the tests below read), file for file and byte for byte, and a public
    address is not (its canonical links, sitemap and feed ids)."""
    project = small_project(tmp_path / "p")
    built = {}
    for name, value in (("unset", None), ("loopback", "http://127.0.0.1:8000/"), ("public", "https://example.org/zb/")):
        result = build(project, tmp_path / name, site_url=value)
        assert result.returncode == 0, result.stderr
        built[name] = files_of(tmp_path / name)
    assert len(built["unset"]) > 50
    assert built["loopback"] == built["unset"]
    assert built["public"] != built["unset"] and "sitemap.xml" in built["public"]


@pytest.mark.site
def test_no_localhost_link_in_any_file(local_site: Path) -> None:
    checked = 0
    for path in local_site.rglob("*"):
        if path.suffix not in TEXT_FORMATS or "assets/javascripts" in path.as_posix():
            continue  # Material's own bundles are not links
        text = path.read_text(encoding="utf-8-sig")
        for host in LOCAL_HOSTS:
            assert f"//{host}" not in text, f"{path.relative_to(local_site)} links to {host}"
        checked += 1
    assert checked > 100


@pytest.mark.site
def test_no_canonical_or_sitemap(local_site: Path) -> None:
    for page in ("index.html", "2017/qzf-14/index.html", "departments/fgw/index.html", "latest/index.html"):
        tree = lxml.html.parse(str(local_site / page))
        assert tree.xpath("//link[@rel='canonical']") == [], page
    assert not (local_site / "sitemap.xml").exists() and not (local_site / "sitemap.xml.gz").exists()
    assert "Sitemap:" not in (local_site / "robots.txt").read_text(encoding="utf-8")


def _resolves(site: Path, file_rel: str, url: str) -> bool:
    """The relative ``url`` found in site file ``file_rel`` points at a built file."""
    assert not urlsplit(url).scheme, url
    target = urlsplit(urljoin("http://h/" + file_rel, url)).path.lstrip("/")
    path = site / target
    return (path / "index.html").is_file() if target.endswith("/") or not target else path.is_file()


@pytest.mark.site
def test_open_data_and_feed_use_relative_links(local_site: Path) -> None:
    docs = json.loads((local_site / "data/documents.json").read_text(encoding="utf-8"))["documents"]
    for entry in docs:
        assert _resolves(local_site, "data/documents.json", entry["url"])
        assert _resolves(local_site, "data/documents.json", entry["json_url"])
    one = json.loads((local_site / "data/documents/2017/qzf-14.json").read_text(encoding="utf-8"))
    assert one["url"] == "../../../2017/qzf-14/"
    assert all(_resolves(local_site, "data/documents/2017/qzf-14.json", a["url"].split("#")[0]) for a in one["anchors"])
    with (local_site / "data/tasks.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(_resolves(local_site, "data/tasks.csv", r["url"].split("#")[0]) for r in rows)
    dept = json.loads((local_site / "departments/fgw/tasks.json").read_text(encoding="utf-8"))
    assert _resolves(local_site, "departments/fgw/tasks.json", dept["department"]["url"])
    feed = lxml.etree.parse(str(local_site / "feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    hrefs = feed.xpath("//a:entry/a:link/@href", namespaces=ns)
    assert hrefs and all(_resolves(local_site, "feed.xml", h) for h in hrefs)
    ids = feed.xpath("//a:id/text()", namespaces=ns)
    assert len(ids) == len(set(ids)) and all(i.startswith("urn:uuid:") for i in ids)
    ics = (local_site / "departments/fgw/tasks.ics").read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics and "\nURL" not in ics.replace("\r\n", "\n")


@pytest.fixture(scope="module")
def served_elsewhere(local_site: Path) -> Iterator[str]:
    """The no-address build served from an origin it knows nothing about."""
    with serve(local_site) as url:
        yield url


@pytest.mark.browser
def test_copied_citation_uses_the_pages_own_address(chromium, served_elsewhere: str) -> None:
    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_elsewhere.rstrip("/"))
    page = context.new_page()
    page.goto(served_elsewhere + "2017/qzf-14/?from=letter#annex_1__art_18")
    page.click("#annex_1__art_18 > p button.gz-copy")
    page.wait_for_function("() => document.querySelector('#annex_1__art_18 > p button.gz-copy').dataset.copied === 'true'")
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied.splitlines()[1] == served_elsewhere + "2017/qzf-14/#annex_1__art_18"


@pytest.mark.site
@pytest.mark.parametrize("value", [None, "", "http://127.0.0.1:8000/", "http://localhost/"])
def test_publish_refuses_without_a_public_address(value: str | None, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if value is not None:
        env["SITE_URL"] = value
    project = copy_project(tmp_path / "p")
    for args in (["site-url"], ["build", "--project", str(project), "--site", "site"]):
        result = subprocess.run([sys.executable, "-m", "gazette.publish.atomic", *args],
                                env=env, capture_output=True, text=True, timeout=120, cwd=project)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "SITE_URL 不能用于发布" in result.stderr
    assert not (project / "site").exists()


@pytest.mark.site
def test_publish_accepts_a_public_address() -> None:
    ok = subprocess.run([sys.executable, "-m", "gazette.publish.atomic", "site-url"],
                        env={**os.environ, "SITE_URL": "https://example.org/zhengbao"}, capture_output=True, text=True)
    assert ok.returncode == 0 and "https://example.org/zhengbao/" in ok.stdout


@pytest.mark.unit
def test_make_publish_checks_the_address_first() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\npublish:", 1)[1].split("\n\n", 1)[0]
    assert "gazette.publish.atomic site-url" in recipe.strip().splitlines()[1]
