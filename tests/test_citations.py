"""Citations between documents: every printed variant found, linked or marked."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from gazette.derive.citations import find_citations
from tests.conftest import read

VARIANTS = {
    "根据衢政办发[2018]33 号文件": ("衢政办发[2018]33 号", "衢政办发〔2018〕33号"),
    "详见衢政办发〔２０１８〕３３号": ("衢政办发〔２０１８〕３３号", "衢政办发〔2018〕33号"),
    "严格执行国发〔2011〕38号": ("国发〔2011〕38号", "国发〔2011〕38号"),
    "按衢政办\n\n发〔2018〕\n38号规定": ("衢政办\n\n发〔2018〕\n38号", "衢政办发〔2018〕38号"),
    "见衢政办发［2018］33号": ("衢政办发［2018］33号", "衢政办发〔2018〕33号"),
    "质检质函〔2016〕31号": ("质检质函〔2016〕31号", "质检质函〔2016〕31号"),
}


@pytest.mark.unit
@pytest.mark.parametrize("text", VARIANTS)
def test_printed_variants_are_found(text: str) -> None:
    (mention,) = find_citations(text)
    assert (mention.printed, mention.wenhao.canonical) == VARIANTS[text]


@pytest.mark.unit
def test_plain_years_in_brackets_are_not_citations() -> None:
    assert find_citations("行动计划(2017-2020年)和〔2018〕年度") == []


@pytest.fixture(scope="module")
def cited_site(edited_site: Path) -> Path:
    """2017/qzbf-20 with a paragraph citing in every printed variant (tests/edited.py)."""
    return edited_site


@pytest.mark.site
def test_each_variant_links_to_the_document(cited_site: Path) -> None:
    page = lxml.html.fromstring(read(cited_site, "2017/qzbf-20/"))
    links = {a.text_content(): a.get("href") for a in page.cssselect(".gz-body a.gz-cite")}
    assert links == {
        "衢政办发[2018]33 号": "../../2018/qzbf-33/",
        "衢政办发〔2018〕33号": "../../2018/qzbf-33/",
        "衢政发〔２０１８〕１５号": "../../2018/qzf-15/",
        "衢政办\n发〔2018〕38号": "../../2018/qzbf-38/",
    }
    external = page.cssselect(".gz-body span.gz-cite-external")
    assert [s.get("data-wenhao") for s in external] == ["国发〔2099〕1号"]


@pytest.mark.site
def test_cites_and_cited_by_lists(cited_site: Path) -> None:
    source = lxml.html.fromstring(read(cited_site, "2017/qzbf-20/"))
    cited = [li.text_content() for li in source.cssselect("ul.gz-cited li")]
    assert len(cited) == 5 and sum("本库未收录" in item for item in cited) == 1
    target = lxml.html.fromstring(read(cited_site, "2018/qzbf-33/"))
    citing = target.cssselect("ul.gz-citing li a")
    hrefs = {a.get("href") for a in citing}
    assert len(citing) == 2 and len(hrefs) == 1
    (href,) = hrefs
    assert href.startswith("../../2017/qzbf-20/#p_")
    assert "本段为测试" in source.get_element_by_id(href.split("#")[1]).text_content()


@pytest.mark.site
def test_citation_index(cited_site: Path) -> None:
    page = lxml.html.fromstring(read(cited_site, "citations/"))
    rows = {tr.cssselect("td")[0].text: tr for tr in page.cssselect("table.gz-citation-index tbody tr")}
    assert rows["衢政办发〔2018〕33号"].cssselect("td")[1].text == "2"
    assert rows["衢政办发〔2018〕33号"].cssselect("td")[2].text_content() == "已收录"
    assert rows["国发〔2099〕1号"].cssselect("td")[2].text_content() == "未收录"


@pytest.mark.site
def test_real_citations_are_marked(site: Path) -> None:
    page = lxml.html.fromstring(read(site, "2018/qzf-15/"))
    marked = [s.get("data-wenhao") for s in page.cssselect(".gz-document span.gz-cite-external")]
    assert marked[:2] == ["国发〔2017〕53号", "浙政发〔2018〕12号"]


@pytest.mark.site
def test_lookup_map_holds_every_document(site: Path) -> None:
    import json

    numbers = json.loads((site / "lookup" / "numbers.json").read_text(encoding="utf-8"))
    assert numbers["衢政办发〔2018〕33号"]["url"] == "../2018/qzbf-33/"  # relative to lookup/numbers.json
    # Numbers the library lacks are there too (url null), with what documents here declare about them.
    held = [n for n, entry in numbers.items() if entry["url"] is not None]
    assert len(held) == len(list((Path(__file__).parent.parent / "data" / "documents").glob("*/*.yaml")))
    assert all(entry.get("relations") for entry in numbers.values() if entry["url"] is None)


@pytest.mark.site
def test_copy_citation_markup(site: Path) -> None:
    page = lxml.html.fromstring(read(site, "2017/qzf-14/"))
    button = page.cssselect("#annex_1__art_18 > p button.gz-copy")[0]
    assert button.get("data-citation") == "《衢州市防汛防台管理工作暂行办法》（衢政发〔2017〕14号）第十八条"
    assert button.get("hidden") is None  # shown by CSS where scripts run (no reveal, no shift); plain ¶ link without
    assert page.cssselect("#annex_1__art_18 > p a.gz-permalink")[0].get("href") == "#annex_1__art_18"


@pytest.mark.site
def test_issue_pages_link_previous_and_next(site: Path) -> None:
    newer = lxml.html.fromstring(read(site, "issues/2018-05/"))
    assert newer.cssselect("a[rel=prev]")[0].get("href") == "../2017-02/"
    older = lxml.html.fromstring(read(site, "issues/2017-02/"))
    assert older.cssselect("a[rel=next]")[0].get("href") == "../2018-05/"


@pytest.mark.unit
def test_a_cited_title_within_the_title_takes_the_inner_marks() -> None:
    """GB/T 15834: 书名号 inside 书名号 are 〈〉, and 《》 again one level further in."""
    from gazette.derive.anchors import document_citation

    assert document_citation("关于印发《实施细则(试行)》的通知", "衢市科〔2018〕28号") == "《关于印发〈实施细则(试行)〉的通知》（衢市科〔2018〕28号）"
    assert document_citation("关于转发《关于〈条例〉的意见》的通知", "衢政发〔2017〕1号") == "《关于转发〈关于《条例》的意见〉的通知》（衢政发〔2017〕1号）"
    assert document_citation("衢州市防汛防台管理工作暂行办法", "衢政发〔2017〕14号") == "《衢州市防汛防台管理工作暂行办法》（衢政发〔2017〕14号）"


@pytest.mark.site
def test_open_data_cites_with_the_inner_marks(site: Path) -> None:
    import json

    doc = json.loads((site / "data" / "documents" / "2018" / "qsk-28.json").read_text(encoding="utf-8"))
    cited = {a["citation"] for a in doc["anchors"]}
    assert "《关于印发〈推进创新生态体系建设若干政策意见的实施细则(试行)〉的通知》（衢市科〔2018〕28号）附件1" in cited
    assert not [c for c in cited if c.count("《") > 1]
    assert doc["title"] == "关于印发《推进创新生态体系建设若干政策意见的实施细则(试行)》的通知"
