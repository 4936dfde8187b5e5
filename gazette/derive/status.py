"""Status facts a document states about itself: when it takes effect, how long it is valid.

Found by one rule over the text of every numbered part and paragraph (body
and attachments): a sentence whose subject is the document itself — ``本``
followed by a genre word (办法, 规定, 意见, 实施意见, 方案, 细则…, the words
``doctype.py`` reads titles with) — that says

* ``自…起施行 / 执行 / 实施 / 生效`` → 施行日期 (e.g. 本规定自2017年5月1日之日起施行);
* ``有效期…`` or ``…有效期至…`` → 有效期 (e.g. 本办法自…起施行,有效期5年).

A sentence about anything else is not the document's status, even when it
uses the words ("临时通行号牌和行驶证有效期为5年" is a licence's validity).
Each fact quotes the printed sentence and names the part that says so; a
calendar date is read only where the text prints one (``2017年5月1日``);
relative dates (``自印发之日起``) are quoted, never computed.

Whether a document is still in force (有效性) is never inferred from the
text: it is a record field (``Document.validity``) naming its source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from gazette.derive.anchors import AnchoredDocument, Node
from gazette.derive.doctype import GENRE_WORDS
from gazette.derive.numbering import NUMERAL, chinese_to_int
from gazette.derive.text import own_strings
from gazette.vocab.normalize import HAN

# A sentence as the readers of sentences (this module, derive/relations.py) cut the text.
SENTENCE = re.compile(r"[^。;;!?]+[。;;!?]?")
SUBJECT = re.compile(rf"^\s*本(?:{HAN}{{0,4}}?)(?:" + "|".join(map(re.escape, GENRE_WORDS)) + r")(?:[((]试行[))])?")
_EFFECTIVE = re.compile(r"自(?P<when>[^,,。;;]{2,30}?)起(?:施行|执行|实施|生效)")
_PERIOD = re.compile(r"有效期(?P<period>(?:为|至|暂定|是)?[^,,。;;]{1,30})")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# A period printed as whole years (有效期5年, 有效期为三年) runs from the printed 施行日期; in
# words, any numeral of the one grammar (numbering.NUMERAL), bounded like the two digits, so that
# a slip (有效期为九千年) is quoted, never run past the calendar.
_YEARS = re.compile(rf"^(?:为|暂定|是)?(?P<n>\d{{1,2}}|{NUMERAL.pattern})年$")
_MAX_YEARS = 99


@dataclass(frozen=True)
class StatusFact:
    phrase: str  # the matched words, as printed: 自2017年5月1日之日起施行
    sentence: str  # the whole printed sentence
    node: Node  # the part that says so (its id is the anchor)
    date: dt.date | None  # a printed calendar date in the phrase, if any


@dataclass(frozen=True)
class DocumentStatus:
    effective: StatusFact | None  # 施行日期
    period: StatusFact | None  # 有效期

    @property
    def expires(self) -> dt.date | None:
        """The first day the document no longer applies, when the text settles it.

        ``有效期至2021年12月31日`` → 2022-01-01; ``有效期5年`` with a printed 施行日期
        2017-05-01 → 2022-05-01. A relative start (自印发之日起) settles nothing."""
        if self.period is None:
            return None
        if self.period.date is not None:
            return self.period.date + dt.timedelta(days=1)
        years = _YEARS.match(self.period.phrase.removeprefix("有效期"))
        start = self.effective.date if self.effective else None
        if years is None or start is None:
            return None
        n = years["n"]
        count = int(n) if n.isdigit() else chinese_to_int(n)
        if count > _MAX_YEARS:
            return None
        try:
            return start.replace(year=start.year + count)
        except ValueError:  # 29 February
            return start.replace(year=start.year + count, day=28) + dt.timedelta(days=1)


def sentences(anchored: AnchoredDocument) -> Iterator[tuple[Node, str]]:
    """Every printed sentence (text, paragraphs, table cells; body and attachments), stripped, in reading order."""
    for node in anchored.walk():
        if node.part is None:
            continue
        for text in own_strings(node.part):
            for sentence in SENTENCE.findall(text):
                if sentence.strip():
                    yield node, sentence.strip()


def _date(phrase: str) -> dt.date | None:
    m = _DATE.search(phrase)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def status_facts(anchored: AnchoredDocument) -> DocumentStatus:
    """The first statement of each kind, in reading order."""
    effective: StatusFact | None = None
    period: StatusFact | None = None
    for node, sentence in sentences(anchored):
        if not SUBJECT.match(sentence):
            continue
        m = _EFFECTIVE.search(sentence)
        if m and effective is None:
            effective = StatusFact(m.group(0), sentence, node, _date(m.group("when")))
        p = _PERIOD.search(sentence)
        if p and period is None:
            period = StatusFact(p.group(0), sentence, node, _date(p.group("period")))
    return DocumentStatus(effective, period)
