"""The relationship reader on sentences it was not written for (issue 22, item 1): each kind,
the clause rule, conditional sentences, dates of 有效期, and the status on a given date."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette.derive.anchors import anchor_document
from gazette.derive.asof import BuildDateError, build_date
from gazette.derive.relations import affecting, read_relations, standings, statement
from gazette.derive.status import status_facts
from gazette.derive.views import DocRef, Relation
from gazette.derive.wenhao import parse_wenhao
from gazette.records.models import Document, Issuer

pytestmark = pytest.mark.unit

ISSUER = Issuer.model_validate({"code": "qzf", "prefix": "衢政发", "names": ["衢州市人民政府"], "kind": "市政府"})


def _doc(number: str, *texts: str) -> tuple[DocRef, tuple[Relation, ...]]:
    record = Document.model_validate({
        "number_printed": number, "title": "衢州市人民政府关于印发某办法的通知", "issuers": ["衢州市人民政府"],
        "date": "2020-01-02", "issue": "2020-01",
        "body": [{"label": f"第{'一二三四五六'[i]}条", "text": t} for i, t in enumerate(texts)],
    })
    wenhao = parse_wenhao(number)
    ref = DocRef(f"{wenhao.year}/qzf-{wenhao.seq}", record, wenhao, ISSUER)
    anchored = anchor_document(record)
    return ref, read_relations(ref, anchored, status_facts(anchored), {})


def _kinds(*texts: str) -> list[tuple[str, str | None, str]]:
    _, rels = _doc("衢政发〔2020〕1号", *texts)
    return [(r.kind, r.target.canonical if r.target else None, r.words) for r in rels]


@pytest.mark.parametrize("text, expected", [
    ("《某办法》(衢政发〔2015〕7号)同时废止。", [("repeals", "衢政发〔2015〕7号", "同时废止")]),
    ("原《某办法》(衢政发﹝2015﹞7 号)、《某规定》(衢政办发[2016]3号)自本办法施行之日起废止。",
     [("repeals", "衢政发〔2015〕7号", "废止"), ("repeals", "衢政办发〔2016〕3号", "废止")]),
    ("现决定废止《某办法》(浙政发〔2010〕12号)。", [("repeals", "浙政发〔2010〕12号", "废止")]),
    ("《某通知》(衢政办发〔2014〕9号)停止执行。", [("repeals", "衢政办发〔2014〕9号", "停止执行")]),
    ("本办法代替原《某办法》(衢政发〔2010〕5号)。", [("replaces", "衢政发〔2010〕5号", "代替")]),
    ("对《某办法》(衢政发〔2012〕8号)作如下修改:", [("amends", "衢政发〔2012〕8号", "作如下修改")]),
    ("本细则按《某意见》(衢政发[2017]46号)规定的时间执行。", [("tied", "衢政发〔2017〕46号", "时间执行")]),
    # also the document's own 有效期 phrase (status.py), with no date of its own
    ("本办法有效期与《某意见》(衢政发〔2017〕46号)同步。",
     [("expires", None, "有效期与《某意见》(衢政发〔2017〕46号)同步"), ("tied", "衢政发〔2017〕46号", "同步")]),
    ("根据《某条例》和《某意见》(浙政发〔2016〕1号)精神,制定本办法。", [("basis", "浙政发〔2016〕1号", "根据")]),
    # a 根据 clause ends at the comma: the number after it is only cited
    ("根据《某规程》精神,认真贯彻落实《某意见》(浙教学前〔2017〕107号),开展工作。", []),
    # a conditional sentence declares nothing
    ("若《某意见》(衢政发[2017]46号)调整或废止,继续按本细则执行。", []),
    # a title's own words are not the sentence's: 《关于废止…的决定》 cited, nothing repealed
    ("严格执行《关于废止部分规章的决定》(国发〔2011〕38号)。", []),
    # tied needs the document itself as subject
    ("各县参照《某办法》(衢政发〔2017〕46号)规定的时间执行。", []),
    ("本办法自2020年3月1日起施行,有效期5年。",
     [("effective", None, "自2020年3月1日起施行"), ("expires", None, "有效期5年")]),
])
def test_kinds(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert _kinds(text) == expected


def test_place_quote_and_wording() -> None:
    _, (rel,) = _doc("衢政发〔2020〕1号", "按照动态管理原则,名单每2年调整一次。", "原名单(衢政办发[2015]7号)同时废止。")
    assert (rel.part_id, rel.place, rel.quote) == ("art_2", "第二条", "原名单(衢政办发[2015]7号)同时废止。")
    assert statement(rel) == "衢政发〔2020〕1号第二条宣布衢政办发〔2015〕7号同时废止"
    assert rel.inverse == "宣布本文件同时废止" and rel.target_doc is None


@pytest.mark.parametrize("text, expires", [
    ("本办法自2017年5月1日起施行,有效期5年。", dt.date(2022, 5, 1)),
    ("本办法自2016年2月29日起施行,有效期三年。", dt.date(2019, 3, 1)),
    ("本意见自2019年1月1日起实施,有效期至2021年12月31日。", dt.date(2022, 1, 1)),
    ("本办法自印发之日起施行,有效期5年。", None),  # a relative start settles no date
])
def test_expiry_date(text: str, expires: dt.date | None) -> None:
    record = Document.model_validate({
        "number_printed": "衢政发〔2020〕1号", "title": "某办法", "issuers": ["衢州市人民政府"], "date": "2020-01-02",
        "issue": "2020-01", "body": [{"text": text}],
    })
    assert status_facts(anchor_document(record)).expires == expires


def _library(*docs: tuple[DocRef, tuple[Relation, ...]]) -> tuple[dict[str, tuple[Relation, ...]], dict[str, tuple[Relation, ...]]]:
    by_number = {ref.wenhao: ref for ref, _ in docs}
    own = {}
    for ref, rels in docs:
        own[ref.id] = tuple(
            Relation(r.kind, r.source, r.part_id, r.place, r.quote, r.words, r.target,
                     by_number.get(r.target) if r.target else None, r.date, r.before, r.after, r.inverse)
            for r in rels
        )
    return own, affecting(r for rels in own.values() for r in rels)


def test_standing_on_a_date() -> None:
    old = _doc("衢政发〔2015〕7号", "本办法自2015年3月1日起施行,有效期5年。")
    tied = _doc("衢政发〔2016〕2号", "本细则按《某办法》(衢政发〔2015〕7号)规定的时间执行。")
    new = _doc("衢政发〔2018〕3号", "本办法自2018年6月1日起施行。", "《某办法》(衢政发〔2015〕7号)同时废止。")
    later = _doc("衢政发〔2020〕9号", "本办法自2030年1月1日起施行,有效期至2035年12月31日。")
    own, affected = _library(old, tied, new, later)

    before = standings(own, affected, dt.date(2018, 5, 31))
    assert old[0].id not in before  # the repeal is printed, its 施行日期 not yet reached
    assert (before[later[0].id].status, before[later[0].id].since) == ("尚未施行", dt.date(2030, 1, 1))
    assert before[later[0].id].since_word == "施行"  # （2030年1月1日施行）: the day it takes force
    assert before[tied[0].id].status is None and before[tied[0].id].by.kind == "tied"

    after = standings(own, affected, dt.date(2018, 6, 1))
    assert (after[old[0].id].status, after[old[0].id].since) == ("已废止", dt.date(2018, 6, 1))
    assert after[old[0].id].since_word == "起"  # （2018年6月1日起）: the day the status began
    assert after[old[0].id].by.source.id == new[0].id and after[old[0].id].by.part_id == "art_2"
    # tied validity follows the tying document
    assert (after[tied[0].id].status, after[tied[0].id].follows) == ("已废止", after[old[0].id])

    own2, affected2 = _library(old)
    expired = standings(own2, affected2, dt.date(2020, 3, 1))[old[0].id]
    assert (expired.status, expired.since, expired.by.kind) == ("已届满", dt.date(2020, 3, 1), "expires")
    assert old[0].id not in standings(own2, affected2, dt.date(2020, 2, 29))


def test_build_date_is_injectable() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "1796054400"}) == dt.date(2026, 12, 1)  # 2026-12-01 00:00 +08:00
    assert build_date({"SOURCE_DATE_EPOCH": "1796054399"}) == dt.date(2026, 11, 30)
    with pytest.raises(BuildDateError, match="SOURCE_DATE_EPOCH"):
        build_date({"SOURCE_DATE_EPOCH": "tomorrow"})
