"""Shared helpers for the publishing tests (the records as the session build read them: the
suite's ``library`` fixture)."""

from __future__ import annotations

from pathlib import Path

from tests.project import SITE_URL  # noqa: F401  (the session build's address, re-exported)


def page_url(site: Path, index: Path) -> str:
    """Site-relative URL of a built ``index.html`` ("" for the home page)."""
    rel = index.parent.relative_to(site).as_posix()
    return "" if rel == "." else rel + "/"
