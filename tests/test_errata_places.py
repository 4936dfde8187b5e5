"""How a document's errata table names and links the place of each repair (``ErratumView``): the view
decides, document.html only places it."""

from __future__ import annotations

import pytest

from gazette.derive.errata import TITLE
from gazette.derive.views import ErratumView
from gazette.records.models import Erratum

pytestmark = pytest.mark.unit

REPAIR = Erratum(kind="other", original="甲", published="乙", reason="原文误排")


@pytest.mark.parametrize(("at", "cite", "place", "link"), [
    (TITLE, "", "标题", None),  # the title: named, not linked (it heads the page)
    ("art_3", "第三条", "第三条", "art_3"),  # a numbered part: its citation, linked
    ("p_12", "", "正文", "p_12"),  # a paragraph without a citation of its own
    (None, "", "—", None),  # a repair that spans parts is located nowhere
])
def test_each_place_is_named_and_linked_by_the_view(at: str | None, cite: str, place: str, link: str | None) -> None:
    erratum = ErratumView(REPAIR, at, cite)
    assert (erratum.place, erratum.link) == (place, link)
