"""Search that understands how people ask (issue 21), on the real search page in headless
Chromium: punctuation and traditional characters, nearest matches, expansions with their
source and undo, documents before units, every query word marked, keyboard and screen
readers, colloquial 文号.

Expected sets come from the records through the same normalisation
(gazette/publish/search_format.py), never from the index.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from gazette.publish.search_format import normalize
from tests.browser.test_search import _api, _path, _search, containing, library

pytestmark = pytest.mark.browser

NEAREST = "没有找到完全相同的文字；以下结果包含其中部分文字"


@pytest.mark.parametrize(("query", "printed"), [("最多跑一次改革", "“最多跑一次”改革"), ("1238创新平台", "“1238”创新平台")])
def test_punctuation_neither_blocks_nor_creates_a_match(search_page, served_site: str, query: str, printed: str) -> None:
    expected = containing(printed)
    assert expected and containing(query) == expected
    for typed in (query, printed, f"《{query}》"):
        out = _api(search_page, served_site, typed)
        assert out["mode"] == "exact"
        assert {r["url"] for r in out["results"] if r["kind"] == "document"} == expected, typed
    # The page shows the printed text, its marks and all, highlighted over the matched span.
    _search(search_page, served_site, query)
    marks = [m.inner_text() for m in search_page.query_selector_all(".gz-result__excerpt mark")]
    inner = printed.strip("“")
    assert inner in marks and all(normalize(m) == query for m in marks), marks


@pytest.mark.parametrize(("traditional", "expected"), [("經濟普查", "/2018/qzf-15/"), ("電動自行車", "/2017/qzbf-25/")])
def test_traditional_characters_fold_to_simplified(search_page, served_site: str, traditional: str, expected: str) -> None:
    hrefs = _search(search_page, served_site, traditional)
    assert hrefs and _path(hrefs[0]) == expected
    out = _api(search_page, served_site, traditional)
    assert {r["url"] for r in out["results"]} == containing(normalize(traditional))


@pytest.mark.parametrize(("typo", "intended"), [("经济晋查", "/2018/qzf-15/"), ("一证同办", "/2018/qzbf-33/"),
                                                ("电动自形车", "/2017/qzbf-25/")])
def test_nearest_when_nothing_matches_exactly(search_page, served_site: str, typo: str, intended: str) -> None:
    assert not containing(typo)
    hrefs = _search(search_page, served_site, typo)
    assert intended in [_path(h) for h in hrefs[:3]], hrefs[:5]
    assert search_page.inner_text(".gz-search-note--nearest") == NEAREST
    assert "没有找到包含" not in search_page.inner_text(".gz-search-status")
    out = _api(search_page, served_site, typo)
    assert out["mode"] == "nearest"
    # What matched is marked: runs of the query's own characters, never anything else.
    for r in out["results"]:
        for part in r["parts"]:
            for a, b in part["marks"]:
                assert b - a >= 2 and normalize(part["excerpt"][a:b]) in typo, part


def test_everyday_words_expand_with_their_reason_and_can_be_undone(search_page, served_site: str) -> None:
    hrefs = _search(search_page, served_site, "电动车")
    assert _path(hrefs[0]) == "/2017/qzbf-25/"
    note = search_page.inner_text(".gz-search-expanded")
    assert note.startswith("也检索了：“电动自行车”") and "检索用词表" in note
    search_page.click(".gz-search-undo")
    search_page.wait_for_selector("ol.gz-results[data-state=done]", state="attached")
    assert parse_qs(urlsplit(search_page.url).query)["扩展"] == ["否"]
    assert "只检索了原词" in search_page.inner_text(".gz-search-notes")
    out = _api(search_page, served_site, "电动车", expand=False)
    exact = {r["url"] for r in out["results"]} if out["mode"] == "exact" else set()
    assert exact == containing("电动车") and out["expansions"] == []
    # Inside a longer question too: 电动车怎么上牌 brings the registration rules first.
    hrefs = _search(search_page, served_site, "电动车怎么上牌")
    assert _path(hrefs[0]) == "/2017/qzbf-25/"


def test_abbreviations_the_documents_define_expand_with_their_source(search_page, served_site: str) -> None:
    out = _api(search_page, served_site, "防指")
    abbr = [e for e in out["expansions"] if e["kind"] == "abbr"]
    assert abbr and abbr[0]["adds"] == "防汛防台指挥部" and abbr[0]["source"].startswith("衢政发〔2017〕14号")
    urls = {r["url"] for r in out["results"]}
    assert urls == containing("防指") | containing("防汛防台指挥部")
    _search(search_page, served_site, "防指")
    assert "据衢政发〔2017〕14号" in search_page.inner_text(".gz-search-expanded")


def test_documents_first_units_apart_with_their_own_count(search_page, served_site: str) -> None:
    out = _api(search_page, served_site, "衢州")
    assert out["results"][0]["kind"] == "document"
    assert all(r["kind"] == "document" for r in out["results"])
    units = [d for d in library().departments if any("衢州" in n for n in d.names)]
    assert out["units"]["total"] == len(units) == len(out["units"]["results"])
    assert out["documents"] == len(containing("衢州"))
    _search(search_page, served_site, "衢州")
    status = search_page.inner_text(".gz-search-status")
    assert status == f"共 {out['documents']} 篇文件，单位 {len(units)} 个"
    assert search_page.inner_text(".gz-units > summary").startswith(f"单位 {len(units)} 个")
    assert search_page.locator(".gz-units__list a").count() == len(units)
    # A department named exactly still leads, and its page is not counted as a document.
    out = _api(search_page, served_site, "市发改委")
    assert out["results"][0]["kind"] == "department"
    assert out["documents"] == len([r for r in out["results"] if r["kind"] == "document"])


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", rgb)[:3])
    f = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * f[0] + 0.7152 * f[1] + 0.0722 * f[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_multi_word_excerpts_mark_every_word_visibly(search_page, served_site: str) -> None:
    out = _api(search_page, served_site, "一证通办 电子证照")
    doc = out["results"][0]
    both = [p for p in doc["parts"]
            if {normalize(p["excerpt"][a:b]) for a, b in p["marks"]} == {"一证通办", "电子证照"}]
    assert both, doc["parts"]
    assert doc["parts"][0] in both  # the parts holding most query words come first
    _search(search_page, served_site, "一证通办 电子证照")
    marks = search_page.locator("ol.gz-results > li").first.locator(".gz-result__excerpt mark")
    assert {normalize(t) for t in marks.all_inner_texts()} == {"一证通办", "电子证照"}
    style = marks.first.evaluate("""m => { const s = getComputedStyle(m);
        let bg = 'rgba(0, 0, 0, 0)';
        for (let e = m.parentElement; e && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg); e = e.parentElement) bg = getComputedStyle(e).backgroundColor;
        return { weight: s.fontWeight, line: s.textDecorationLine, lineColor: s.textDecorationColor, page: bg }; }""")
    assert int(style["weight"]) >= 700 and "underline" in style["line"]  # not colour alone
    page_bg = style["page"] if "0, 0, 0, 0" not in style["page"] else "rgb(255, 255, 255)"
    assert _contrast(style["lineColor"], page_bg) >= 3.0, style


def test_focus_stays_on_the_toggled_filter(search_page, served_site: str) -> None:
    _search(search_page, served_site, "安全")
    search_page.click(".gz-facets-box > summary")
    box = search_page.locator("fieldset[data-facet='年份'] input").first
    value = box.get_attribute("value")
    box.focus()
    search_page.keyboard.press("Space")
    search_page.wait_for_function(
        "v => document.activeElement && document.activeElement.value === v && document.activeElement.checked"
        " && document.querySelector('[data-gz-search=page] ol.gz-results').dataset.state === 'done'", arg=value)
    assert search_page.evaluate("() => document.activeElement.name") == "年份"
    status = search_page.locator(".gz-search-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert re.fullmatch(r"共 \d+ 篇文件.*", status.inner_text())


def test_header_combobox_arrow_keys_enter_and_escape(search_page, served_site: str) -> None:
    search_page.goto(served_site)
    box = search_page.locator("#gz-search-input")
    box.fill("经济普查")
    search_page.wait_for_selector("#gz-search-panel .gz-result[role=option]", timeout=15000)
    assert box.get_attribute("aria-expanded") == "true"
    assert search_page.get_attribute("#gz-search-panel .gz-results", "role") == "listbox"
    assert search_page.get_attribute("#gz-search-panel .gz-search__status", "aria-live") == "polite"
    box.press("ArrowDown")
    first = search_page.locator("#gz-search-panel .gz-result").first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    count = search_page.locator("#gz-search-panel .gz-result").count()
    box.press("ArrowUp")  # wraps to the last option
    last = search_page.locator("#gz-search-panel .gz-result").nth(count - 1)
    assert box.get_attribute("aria-activedescendant") == last.get_attribute("id")
    box.press("ArrowDown")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and search_page.is_hidden("#gz-search-panel")
    box.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    box.press("Enter")
    search_page.wait_for_url(re.compile(r".*/2018/qzf-15/$"))


@pytest.mark.parametrize("said", ["33号文", "衢政办33号", "2018年33号", "第33号文件"])
def test_colloquial_wenhao_lists_the_candidates(search_page, served_site: str, said: str) -> None:
    lib = library()
    candidates = {d.url for d in lib.documents if d.wenhao.seq == 33}
    out = _api(search_page, served_site, said)
    urls = [r["url"] for r in out["results"]]
    assert urls and urls[0] in candidates and candidates <= set(urls)
    if out["wenhao"]:
        assert set(out["wenhao"]["candidates"]) >= {d.number for d in lib.documents if d.wenhao.seq == 33}
    _search(search_page, served_site, said)
    if out["wenhao"]:
        assert "衢政办发〔2018〕33号" in search_page.inner_text(".gz-search-notes")


def test_a_long_query_is_cut_and_says_so(search_page, served_site: str) -> None:
    long = "经济普查" * 40
    _search(search_page, served_site, long)
    assert "检索词过长：只按前 64 个字检索。" in search_page.inner_text(".gz-search-notes")
    assert "正在检索" not in search_page.inner_text(".gz-search-status")


def test_every_url_the_page_writes_opens_without_errors(shared_context, served_site: str) -> None:
    """Facets, sort and the expansion undo travel in the URL: each written URL opens again."""
    page = shared_context().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    written: list[str] = [f"{served_site}search/?q={quote('经济')}&{quote('类型')}={quote('文件')}"]
    _search(page, served_site, "经济")
    page.click(".gz-facets-box > summary")
    for facet in ("文件类型", "年份", "发文机关", "涉及部门", "期号"):
        page.locator(f"fieldset[data-facet='{facet}'] input").first.check()
        page.wait_for_selector("ol.gz-results[data-state=done]", state="attached")
        written.append(page.url)
    page.select_option("select[name=sort]", "date:asc")
    page.wait_for_selector("ol.gz-results[data-state=done]", state="attached")
    written.append(page.url)
    _search(page, served_site, "电动车")
    page.click(".gz-search-undo")
    page.wait_for_selector("ol.gz-results[data-state=done]", state="attached")
    written.append(page.url)
    # The header box's "more" link.
    page.goto(served_site)
    page.fill("#gz-search-input", "的")
    page.wait_for_selector("#gz-search-panel .gz-search__more:not([hidden])")
    written.append(page.get_attribute("#gz-search-panel .gz-search__more", "href"))
    assert len(set(written)) == len(written)
    for url in written:
        page.goto(url)
        page.wait_for_selector("ol.gz-results[data-state=done]", state="attached", timeout=15000)
        assert page.get_attribute("[data-gz-search=page]", "data-state") == "done", url
    assert errors == []


SAMPLES = [
    "“最多跑一次”改革", "《浙江省学前教育条例》(简称《条例》,下同)", "經濟普查 與 電動自行車", "ＧＤＰ Pm2.5\u3000市质监 局\n",
    "衢政办发〔2018〕33号", "市发改委、住建局；市财政局。", "⼈民政府", "零\u200b宽\ufeff字符", "2017—2020年", "Ⅻ ℃ ㎡ ①",
]


def test_the_browser_normalises_and_splits_exactly_as_python(search_page, served_site: str) -> None:
    """One normalisation: the page's (rules.js search key + meta.bin tables) equals search_format.normalize."""
    from gazette.publish.search_format import query_terms

    _search(search_page, served_site, "")
    got = search_page.evaluate("s => Promise.all(s.map((x) => window.gazetteSearch.normalize(x)))", SAMPLES)
    assert got == [normalize(x) for x in SAMPLES]
    terms = search_page.evaluate("s => Promise.all(s.map((x) => window.gazetteSearch.terms(x)))", SAMPLES)
    assert terms == [query_terms(x) for x in SAMPLES]


def test_the_browser_covers_a_term_with_the_keys_python_names(search_page, served_site: str) -> None:
    """One rule of which lists a term is read with (search_format.cover): phrase keys where two
    long-listed bigrams meet, the cheapest cover otherwise; terms of every length, drawn from the
    real texts, against own lists of every density (the real library has no long bigram list)."""
    import random

    from gazette.publish.search_format import cover

    rng = random.Random(23)
    texts = [normalize(s) for s in SAMPLES] + ["安全生产监督管理", "生产安全生产安全", "经济普查经济普查工作"]
    terms = sorted({t[a : a + n] for t in texts for n in range(2, 13) for a in range(len(t) - n + 1)})
    bigrams = sorted({t[i : i + 2] for t in texts for i in range(len(t) - 1)})
    owns = [[], bigrams] + [rng.sample(bigrams, len(bigrams) * share // 4) for share in (1, 2, 3) for _ in range(2)]
    _search(search_page, served_site, "")
    got = search_page.evaluate("([terms, owns]) => Promise.all(owns.flatMap((own) => terms.map((t) => window.gazetteSearch.cover(t, own))))",
                               [terms, owns])
    want = [[list(key) for key in cover(t, frozenset(own))] for own in owns for t in terms]
    assert got == want
    assert any(len(key) == 4 for keys in want for _, key in keys)


@pytest.mark.parametrize(("query", "url", "cite"), [
    ("防汛 第十八条", "2017/qzf-14/", "第十八条"), ("地质灾害 第十九条", "2017/qzf-17/", "第十九条"),
    ("防汛 第20条", "2017/qzf-14/", "第二十条"), ("电动自行车 9条", "2017/qzbf-25/", "第九条"),
    # typed without a space: the label the library prints is a term of its own
    ("电动自行车登记第十三条", "2017/qzbf-25/", "第十三条"), ("地质灾害防治管理工作暂行办法第三十条", "2017/qzf-17/", "第三十条")])
def test_a_clause_named_in_the_query_is_quoted_first(search_page, served_site: str, query: str, url: str, cite: str) -> None:
    """The named clause is the excerpt, not the headings that also hold the other word: a term found in
    one part of a document says more than one found in every heading."""
    out = _api(search_page, served_site, query)
    assert out["mode"] == "exact" and out["results"][0]["url"] == url
    quoted = [p for p in out["results"][0]["parts"] if p["marks"]]
    assert quoted and quoted[0]["cite"] == cite, [p["cite"] for p in quoted]
    # Typed in digits, the label is searched as printed, and the page says so.
    if " " in query and any(c.isdigit() for c in query):
        assert [(e["word"], e["adds"], e["kind"]) for e in out["expansions"]] == [(query.split()[1], cite, "numeral")]


@pytest.mark.parametrize(("asked", "url", "cite"), [
    ("电动车上牌要带什么", "2017/qzbf-25/", ""), ("扶贫健康保险保费谁出", "2017/qzbf-18/", ""),
    ("免费游衢州有哪些景区", "2017/qzbf-29/", ""), ("电动自行车被偷了怎么办", "2017/qzbf-25/", "第十一条"),
    ("汛期是几月到几月", "2017/qzf-14/", "第十八条")])
def test_a_whole_question_is_answered_with_a_part_of_the_text(search_page, served_site: str, asked: str, url: str,
                                                              cite: str) -> None:
    """Nothing prints the question, so the nearest documents come; the title that ranks one is shown
    anyway, so its excerpt is the part of the text that holds most of the question, a clause before
    a heading holding as much (an attachment's title repeats the document's)."""
    out = _api(search_page, served_site, asked)
    assert out["mode"] == "nearest" and out["results"][0]["url"] == url
    parts = out["results"][0]["parts"]
    assert parts and parts[0]["cite"] != "标题" and len(parts[0]["marks"]) >= 1, parts
    assert parts[0]["cite"] == (cite or parts[0]["cite"]), parts
