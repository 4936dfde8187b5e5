"""Shared helpers for the publishing tests: the records as the session build read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette.derive.catalog import build_library
from gazette.derive.views import Library
from tests.conftest import ROOT

# tests/conftest.py builds with this SITE_URL
SITE_URL = "https://example.test/zhengbao/"


@pytest.fixture(scope="session")
def library() -> Library:
    return build_library(ROOT / "data")


def page_url(site: Path, index: Path) -> str:
    """Site-relative URL of a built ``index.html`` ("" for the home page)."""
    rel = index.parent.relative_to(site).as_posix()
    return "" if rel == "." else rel + "/"
