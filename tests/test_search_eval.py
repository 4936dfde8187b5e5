"""The search evaluation itself: query generator, ground truth and the browser harness.

The quality targets are printed by `make eval-search` / `make bench-search`,
not asserted here; these tests check that the figures those scripts print
are computed from the right ground truth and that the harness runs.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.eval_search import (
    Answer,
    Report,
    evaluate,
    lines,
    open_search,
    score,
    site_engine,
)
from benchmarks.queries import (
    ASKING,
    COUNTS,
    KINDS,
    Corpus,
    Query,
    as_wenhao,
    generate_queries,
    normalize,
    wenhao_variants,
)
from tests.project import ROOT


@pytest.fixture(scope="module")
def corpus(library) -> Corpus:
    return Corpus.of(library)


def tiny() -> Corpus:
    """Two documents and a department, written by hand."""
    c = Corpus()
    strings = {
        "2018/a-1/": ["关于经济普查的通知", "甲〔2018〕1号", "提高低收入农户 收入水平。", "市发改委、住建局牵头"],
        "2018/a-2/": ["关于电动自行车的通知", "甲〔2018〕2号", "依据甲〔2018〕1号,电动车与自行车", "PM2.5 治理"],
    }
    for url, texts in strings.items():
        c.raw[url] = texts
        c.texts[url] = "\x00".join(normalize(s) for s in texts)
        c.titles[url] = normalize(texts[0])
        c.wenhao[as_wenhao(texts[1])] = url
    c.citing = {"2018/a-1/": frozenset({"2018/a-2/"}), "2018/a-2/": frozenset()}
    c.texts["departments/zjj/"] = "衢州市住房和城乡建设局\x00住建局"
    c.titles["departments/zjj/"] = "衢州市住房和城乡建设局"
    c.names = {"衢州市住房和城乡建设局": "departments/zjj/", "住建局": "departments/zjj/"}
    c.mentions = {"departments/zjj/": frozenset({"2018/a-1/"})}
    return c


@pytest.mark.unit
def test_ground_truth_is_substring_after_normalisation():
    c = tiny()
    # A word inside a longer word counts (收入 in 低收入); a PDF line-wrap space does not split it.
    assert c.judge("inner", "收入").relevant == {"2018/a-1/"}
    assert c.judge("body", "农户收入").relevant == {"2018/a-1/"}
    # Pieces of a phrase elsewhere are not the phrase: 电动车 and 自行车 ≠ 电动自行车 in a-2's body,
    # but a-2's title has it and comes first.
    q = c.judge("title", "电动自行车")
    assert q.relevant == {"2018/a-2/"} and q.first == {"2018/a-2/"}
    assert c.judge("body", "车与自").relevant == {"2018/a-2/"}
    # A match never spans two printed strings (title | 文号).
    assert c.judge("body", "通知甲").relevant == frozenset()
    # Latin, case-folded; full-width folded by NFKC.
    assert c.judge("latin", "pm2.5").relevant == {"2018/a-2/"}
    assert c.judge("latin", "ＰＭ２.５").relevant == {"2018/a-2/"}
    # Two terms: both must occur.
    assert c.judge("two", "经济 收入").relevant == {"2018/a-1/"}
    assert c.judge("two", "经济 自行车").relevant == frozenset()


@pytest.mark.unit
def test_ground_truth_for_departments_and_wenhao():
    c = tiny()
    q = c.judge("department", "住建局")
    assert q.must_first == "departments/zjj/" and q.first == {"departments/zjj/"}
    assert q.relevant == {"departments/zjj/", "2018/a-1/"}
    # The canonical name is printed nowhere in the documents: the derived mentions still count.
    assert c.judge("department", "衢州市住房和城乡建设局").relevant == {"departments/zjj/", "2018/a-1/"}
    for variant in wenhao_variants("甲", 2018, 1):
        q = c.judge("wenhao", variant)
        assert q.must_first == "2018/a-1/", variant
        assert q.relevant == {"2018/a-1/", "2018/a-2/"}, variant  # the document, then who cites it
    assert as_wenhao("衢政办发 2018 33") == as_wenhao("衢政办发［２０１８］３３号") == "衢政办发〔2018〕33号"
    assert as_wenhao("经济普查") is None


@pytest.mark.site
def test_generator_is_deterministic_and_covers_every_kind(library, corpus):
    queries = generate_queries(library, seed=14, corpus=corpus)
    again = generate_queries(library, seed=14, corpus=corpus)
    assert queries == again
    assert generate_queries(library, seed=15, corpus=corpus) != queries
    kinds = Counter(q.kind for q in queries)
    assert len(queries) >= 200 and set(kinds) == set(KINDS)
    assert all(n <= COUNTS[k] for k, n in kinds.items())
    assert all(q.relevant and q.first <= q.relevant for q in queries)
    # Every query is found by Ctrl+F somewhere: its source document or department is relevant.
    for q in queries:
        if q.kind in ("title", "body", "two", "wenhao", "typo", "excerpt", "unpunct"):
            assert f"{q.source}/" in q.relevant, q
        if q.kind == "typo":  # nothing prints a typo: the intended document alone
            assert q.relevant == q.first == {f"{q.source}/"} and not corpus.term_matches(q.text)
        if q.kind == "broad":
            assert q.first and not any(u.startswith("departments/") for u in q.first)
    assert {k for k in ASKING if kinds[k]} == set(ASKING)


@pytest.mark.site
def test_ground_truth_on_the_records(corpus):
    """The queries issue 14 was filed with, judged on the real records."""
    q = corpus.judge("inner", "收入")
    assert "2017/qzbf-18/" in q.relevant  # its text says 低收入
    q = corpus.judge("department", "市住建局")
    assert q.must_first == "departments/zjj/"
    assert len(q.relevant - {"departments/zjj/"}) >= 9
    assert corpus.judge("body", "经济普查").first == {"2018/qzf-15/"}


@pytest.mark.site
def test_ground_truth_for_how_people_ask(corpus):
    """Issue 21's kinds judged by the same rules as the engine: punctuation and traditional
    characters fold away, expansions count, colloquial 文号 list every fitting document."""
    printed = corpus.judge("body", "“最多跑一次”改革").relevant
    assert printed and corpus.judge("unpunct", "最多跑一次改革").relevant == printed
    assert corpus.judge("traditional", "經濟普查").relevant == corpus.judge("body", "经济普查").relevant
    # The everyday-words table: 电动车 finds what prints 电动自行车.
    assert "2017/qzbf-25/" in corpus.judge("body", "电动车").relevant
    # Colloquial 文号: every document numbered 33, and only those.
    q = corpus.judge("colloquial", "33号文")
    assert q.relevant == {u for u, w in corpus.numbers.items() if w.seq == 33} and q.relevant
    assert corpus.judge("colloquial", "衢政办33号").relevant == {
        u for u, w in corpus.numbers.items() if w.seq == 33 and w.prefix.startswith("衢政办")}
    # Broad: documents come first, units are listed apart.
    q = corpus.judge("broad", "衢州")
    assert q.first and all(not u.startswith("departments/") for u in q.first)
    assert any(u.startswith("departments/") for u in q.relevant)


@pytest.mark.unit
def test_scoring():
    q = Query("body", "x", frozenset({"a/", "b/"}), frozenset({"a/"}))
    s = score(q, Answer(["b/", "a/", "c/"], 3, 1.0))
    assert (s.recall, round(s.precision, 3), s.top1, s.first_ok) == (1.0, 0.667, False, None)
    assert s.extra == ["c/"] and s.missing == []
    s = score(q, Answer([], 0, 1.0))
    assert (s.recall, s.precision, s.top1) == (0.0, None, False)
    # Reading stopped at a cap: unread results count against precision.
    assert score(q, Answer(["a/", "b/"], 10, 1.0)).precision == 0.2
    d = Query("department", "y", frozenset({"departments/y/", "a/"}), frozenset({"departments/y/"}), "departments/y/")
    report = Report([score(d, Answer(["a/", "departments/y/"], 2, 1.0)), s])
    assert report.dept_first == (0, 1) and report.wenhao_first == (0, 0)
    text = "\n".join(lines(report))
    assert "department page first: 0/1" in text and "NOT met" in text


@pytest.mark.browser
def test_harness_runs_through_the_browser(site: Path, served_site: str, chromium, library, corpus):
    """A small `make eval-search`: a few queries of every kind through window.gazetteSearch."""
    queries = generate_queries(library, seed=3, counts={k: 3 for k in KINDS}, corpus=corpus)
    page = open_search(chromium, served_site, site_engine(site))
    try:
        report = evaluate(page, queries, size=5)
    finally:
        page.close()
    assert len(report.rows) == len(queries) >= 15
    assert set(report.kinds) == set(KINDS)
    for row in report.rows:
        assert row.answer.total >= len(row.answer.urls)
        assert all(not u.startswith(("/", "http")) for u in row.answer.urls)  # site-relative URLs
    f = report.figures()
    assert all(0.0 <= v <= 1.0 for v in f.values())
    # Whatever the engine, an exact 文号 finds something.
    assert any(r.answer.urls for r in report.rows if r.query.kind == "wenhao")


@pytest.mark.unit
def test_benchmark_comparison_builds_are_configured(tmp_path: Path):
    """The Pagefind and lunr builds skip the site's own index; lunr gets Material's Chinese setup."""
    import yaml

    from benchmarks.search import NO_SITE_INDEX, comparison_project

    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    loader = Loader
    base = yaml.load((comparison_project(project, tmp_path / "base", lunr=False) / "mkdocs.yml").read_text(), loader)
    lunr = yaml.load((comparison_project(project, tmp_path / "lunr", lunr=True) / "mkdocs.yml").read_text(), loader)
    for cfg in (base, lunr):
        assert cfg["hooks"][0] == str(NO_SITE_INDEX) and "hooks/library.py" in cfg["hooks"]
    assert not base["plugins"]
    assert lunr["plugins"] == [{"search": {"separator": "[\\s\\u200b\\-]"}}]
    # The hook drops exactly the site's index step.
    import importlib.util

    import gazette.publish

    before = gazette.publish.STEPS
    try:
        spec = importlib.util.spec_from_file_location("no_site_index", NO_SITE_INDEX)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
        after = gazette.publish.STEPS
    finally:
        gazette.publish.STEPS = before
    assert [s.__module__ for s in before if s not in after] == ["gazette.publish.search", "gazette.publish.entry"]
    # In place of the search page's copies of the index's files: its scripts fetched by address.
    assert [s.__name__ for s in after if s not in before] == ["scripts_by_address"]
    assert [s.__name__ for s in after].index("scripts_by_address") < [s.__name__ for s in after].index("write_csp")
