"""Issuer codes and document ids: one piece of pattern (ISSUER_CODE), so every issuer's
documents have ids the records accept; issue ids, written by one function (vocab/issues.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import StringConstraints, TypeAdapter, ValidationError

from gazette.records.models import ISSUER_CODE, Document, DocumentId, Issuer
from gazette.vocab.issues import issue_id
from tests.test_load import ISSUERS, errors_of, make_data

pytestmark = pytest.mark.unit

_ID = TypeAdapter(DocumentId)


@settings(deadline=None)  # a shared 2-core machine: no timing limits
@given(st.from_regex(rf"\A{ISSUER_CODE}\Z"), st.integers(1, 9999), st.integers(1990, 2100))
def test_every_valid_issuer_code_makes_valid_document_ids(code: str, seq: int, year: int) -> None:
    Issuer(code=code, prefix="衢政发", names=["衢州市人民政府"], kind="市政府")
    assert _ID.validate_python(f"{year}/{code}-{seq}") == f"{year}/{code}-{seq}"


@pytest.mark.parametrize("code", ["qz-bf", "qzbf-", "Qzbf", "1qz", ""])
def test_codes_a_document_id_could_not_hold_are_refused(code: str) -> None:
    with pytest.raises(ValidationError):
        Issuer(code=code, prefix="衢政发", names=["衢州市人民政府"], kind="市政府")


def test_an_issuer_code_with_a_hyphen_names_file_line_and_field(tmp_path: Path) -> None:
    message = errors_of(make_data(tmp_path, **{"issuers.yaml": ISSUERS.replace("code: qzf", "code: qz-f")}))
    assert "data/issuers.yaml:1: 字段 '[0].code'" in message


# The pattern records/models.py checks Document.issue with.
_ISSUE_ID = next(m.pattern for m in Document.model_fields["issue"].metadata if isinstance(m, StringConstraints))


@pytest.mark.parametrize(("year", "number"), [(1990, 1), (2018, 5), (2100, 99)])  # Issue's bounds
def test_every_issue_a_record_may_be_has_an_id_its_documents_may_cite(year: int, number: int) -> None:
    assert _ISSUE_ID and re.fullmatch(_ISSUE_ID, issue_id(year, number))
    assert issue_id(2018, 5) == "2018-05"
