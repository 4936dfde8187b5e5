"""Every character of a document's source text is in its record, in order."""


import pytest

from gazette.importer import fidelity

from .conftest import DATA

pytestmark = pytest.mark.site

DOC_IDS = sorted(f"{p.parent.name}/{p.stem}" for p in (DATA / "documents").glob("*/*.yaml"))


def test_coverage_helper():
    assert fidelity.coverage("甲 乙\n\n丙", "甲乙丙丁") == 1.0
    assert fidelity.coverage("| 甲 | 乙 |\n|---|---|", "甲乙") == 1.0
    assert fidelity.coverage("甲乙丙丁", "甲丙") == 0.5


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_record_covers_source(doc_id: str) -> None:
    doc = fidelity.load_document(doc_id)
    source = fidelity.source_text_for(doc_id, doc=doc)
    published = fidelity.published_text(doc)
    cov = fidelity.coverage(source, published)
    print(f"{doc_id}: coverage {cov:.4%} of {len(fidelity.normalize(source))} characters")
    assert cov == 1.0, fidelity.missing(source, published)[:10]
