"""End-to-end: the real site, built once per session, read back as HTML."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest

from gazette.derive.dates import day_label
from tests.conftest import ROOT, build, copy_project, read

pytestmark = pytest.mark.site


def doc(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(read(site, url))


def card(page: lxml.html.HtmlElement) -> dict[str, str]:
    return {
        div.findtext("dt"): " ".join(div.find("dd").text_content().split())
        for div in page.cssselect("dl.gz-card > div")
    }


def test_metadata_card(site: Path) -> None:
    page = doc(site, "2018/qzbf-33/")
    assert page.findtext(".//h1") == "衢州市人民政府办公室关于印发衢州市开展政务服务“一证通办”助推政府数字化转型实施意见的通知"
    meta = card(page)
    assert meta["发文机关"] == "衢州市人民政府办公室"
    assert meta["发文字号"] == "衢政办发〔2018〕33号"
    assert meta["成文日期"] == "2018年4月28日"
    assert meta["期/页"] == "2018年第5期（总第106期），第7页"
    assert meta["文件类型"] == "意见"
    issue_link = page.xpath("//dl[contains(@class, 'gz-card')]/div[dt='期/页']/dd/a")[0].get("href")
    assert issue_link == "../../issues/2018-05/"


def test_printed_number_variant_is_kept(site: Path) -> None:
    meta = card(doc(site, "2018/qzg-8/"))
    assert meta["发文字号"] == "衢政干〔2018〕8号（印作 衢政干〔2018〕8 号）"


def test_articles_have_stable_anchors(site: Path) -> None:
    page = doc(site, "2017/qzf-14/")
    art = page.get_element_by_id("annex_1__art_18")
    assert art.cssselect(".gz-label")[0].text == "第十八条"
    assert "本市汛期为每年的4月15日至10月15日" in art.text_content()
    assert art.cssselect("a.gz-permalink")[0].get("href") == "#annex_1__art_18"
    ids = page.xpath("//*[@id]/@id")
    assert len(ids) == len(set(ids)), "duplicate ids on the page"


def test_outline_anchors_nest(site: Path) -> None:
    page = doc(site, "2018/qzbf-33/")
    item = page.get_element_by_id("annex_1__sec_2__item_3")
    assert item.cssselect(".gz-label")[0].text == "(三)"
    assert item.text_content().strip().startswith("(三)建设智慧政务服务平台")


def test_tables_are_real_tables(site: Path) -> None:
    page = doc(site, "2018/qzbf-38/")
    tables = page.cssselect("figure.gz-table table")
    assert tables, "task table missing"
    headers = [th.text_content() for th in tables[0].cssselect("thead th")]
    assert "责任主体" in headers
    first_row = tables[0].cssselect("tbody tr")[0]
    assert first_row.get("id").endswith("__row_1")
    # merged cells (null in the record) become rowspans
    assert page.cssselect("td[rowspan]")


def test_issue_toc_in_printed_order(site: Path) -> None:
    page = doc(site, "issues/2018-05/")
    sections = [h.text for h in page.cssselect(".gz-toc-section h3")]
    assert sections == ["市政府文件", "市府办文件", "机构与人事", "部门规范性文件"]
    numbers = [s.text for s in page.cssselect(".gz-toc .gz-wenhao")]
    assert numbers[:4] == ["衢政发〔2018〕15号", "衢政办发〔2018〕32号", "衢政办发〔2018〕33号", "衢政办发〔2018〕35号"]
    assert numbers[-1] == "衢市科〔2018〕28号"
    # documents absent from the printed TOC are marked, never given a page
    rows = {li.cssselect(".gz-wenhao")[0].text: li for li in page.cssselect(".gz-toc li")}
    assert rows["衢政办发〔2018〕39号"].cssselect(".gz-unlisted")
    assert not rows["衢政办发〔2018〕39号"].cssselect(".gz-page")
    assert rows["衢政办发〔2018〕42号"].cssselect(".gz-page")[0].text == "第45页"


def test_every_document_has_a_page(site: Path) -> None:
    records = sorted(p.relative_to(ROOT / "data" / "documents").with_suffix("").as_posix() for p in (ROOT / "data" / "documents").glob("*/*.yaml"))
    for record in records:
        year, name = record.split("/")
        assert (site / year / name / "index.html").is_file(), record
    index = doc(site, "documents/")
    assert len(index.cssselect("table.gz-doc-table tbody tr")) == len(records)
    # 成文日期 shown as on every other page (dates.day_label), ISO only for machines
    times = index.cssselect("table.gz-doc-table td[data-col='成文日期'] time")
    assert len(times) == len(records)
    assert all(t.text == day_label(dt.date.fromisoformat(t.get("datetime"))) for t in times)


def test_department_page_lists_documents(site: Path) -> None:
    index = doc(site, "departments/")
    links = index.cssselect(".gz-dept-list a")
    assert links
    page = doc(site, "departments/" + links[0].get("href").split("/")[-2] + "/")
    assert page.cssselect("a[href^='../../20']"), "department page links no document"


def test_generated_pages_not_in_sidebar(site: Path) -> None:
    html = read(site, "2018/qzbf-33/")
    nav = lxml.html.fromstring(html).cssselect("nav.md-nav--primary")[0]
    assert "qzbf-33" not in lxml.html.tostring(nav, encoding="unicode")


def test_no_third_party_requests(site: Path) -> None:
    for path in site.rglob("*.html"):
        page = lxml.html.fromstring(path.read_bytes())
        for url in page.xpath("//script/@src | //link[@rel='stylesheet']/@href | //img/@src | //link[@rel='preconnect']/@href"):
            assert not re.match(r"^(https?:)?//", url), f"{path}: {url}"


def test_home_shows_latest_issue_and_counts(site: Path) -> None:
    page = doc(site, "")
    assert "最新一期：2018年第5期（总第106期）" in page.text_content()
    assert page.cssselect(".gz-stats strong")[1].text == str(len(list((ROOT / "data" / "documents").glob("*/*.yaml"))))


def test_lang_is_chinese(site: Path) -> None:
    assert doc(site, "").get("lang").startswith("zh")


@pytest.mark.site
def test_record_text_is_data_not_markup(edited_site: Path) -> None:
    """2018/qzg-8's title holds markup (tests/edited.py)."""
    html = (edited_site / "2018" / "qzg-8" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in html and "</title><script>" not in html
    assert "&lt;script&gt;alert(" in html and "**粗体**" in html
    page = lxml.html.fromstring(html)
    assert page.findtext(".//h1").startswith("</title><script>alert('x')</script> **粗体** \"引号\"")
    assert page.findtext(".//title").startswith("</title><script>")
    assert page.xpath("//meta[@name='description']/@content")[0].startswith("衢政干〔2018〕8号 </title><script>")


@pytest.mark.site
def test_broken_record_fails_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    record = project / "data" / "documents" / "2018" / "qzg-8.yaml"
    lines = record.read_text(encoding="utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines) if line.startswith("date:")) + 1
    lines[line_no - 1] = "date: 2018-02-30"
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "previous.html").write_text("published before", encoding="utf-8")
    result = build(project, out)
    assert result.returncode != 0
    assert f"data/documents/2018/qzg-8.yaml:{line_no}: 字段 'date'" in result.stderr
    assert (out / "previous.html").read_text(encoding="utf-8") == "published before"
    assert not (out / "index.html").exists()


def test_errata_are_shown_in_place(site: Path) -> None:
    """Every repair is listed with its location, and the repaired part carries a mark."""
    page = doc(site, "2018/qzf-15/")
    first = page.cssselect("#errata tbody tr")[0]
    cells = [td.text_content() for td in first.cssselect("td")]
    assert cells[0] == "第一部分" and " and " in cells[1] and "和" in cells[2] and "and" not in cells[2]
    target = first.cssselect("td a")[0].get("href")[1:]
    part = page.get_element_by_id(target)
    assert part.cssselect(".gz-erratum-mark") and "基本情况和主要产品产量" in part.text_content()
    assert " and " not in page.cssselect("div.gz-document")[0].text_content()


def test_schema_page_is_generated_from_the_models(site: Path) -> None:
    page = doc(site, "schema/")
    headings = [h.text for h in page.cssselect("h3")]
    assert {"Issuer", "Department", "Issue", "Document", "Part", "Table", "Erratum"} <= set(headings)
    table = page.xpath("//h3[@id='model-document']/following::table[1]")[0]
    rows = {tr.cssselect("td code")[0].text: [td.text_content() for td in tr.cssselect("td")] for tr in table.cssselect("tbody tr")}
    assert rows["number_printed"][2] == "是" and "文号" in rows["number_printed"][3]
    assert rows["addressees"][1] == "str | null" and rows["addressees"][2] == "否"
