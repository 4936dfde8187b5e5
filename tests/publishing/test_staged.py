"""The dry run's export files are the build's: the steps that read only the records run once.

``on_pre_build`` runs every export into a throw-away directory (a record an export cannot
write fails the build before the site is touched); the files of the steps that depend on the
records alone (``RECORDS_ONLY``) are kept and copied into the site after the pages are written,
instead of being made a second time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette.derive.views import Library
from gazette.publish import READS_PAGES, RECORDS_ONLY, STEPS, PublishContext, Staged, dry_run
from gazette.publish.sitemap import write_sitemap
from hooks.library import LibraryPlugin
from tests.project import ROOT, SITE_URL, files_of

pytestmark = pytest.mark.site  # derives the real library

TEMPLATES = ROOT / "overrides" / "gazette"


@pytest.mark.parametrize("site_url", [SITE_URL, None])
def test_staged_files_are_what_the_steps_write(library: Library, tmp_path: Path, site_url: str | None) -> None:
    staged = dry_run(library, TEMPLATES, site_url, keep=True)
    assert staged is not None
    try:
        direct = tmp_path / "direct"
        for step in STEPS:
            if step in RECORDS_ONLY:
                step(PublishContext(library, direct, site_url, TEMPLATES))
        written = files_of(direct)
        assert len(written) > 100 and files_of(staged.root) == written
    finally:
        staged.close()
    assert not staged.root.exists()


def test_what_depends_on_the_pages_is_never_staged() -> None:
    # the sitemap lists the built pages: the dry run tries it but the build makes it again
    assert write_sitemap not in RECORDS_ONLY and not RECORDS_ONLY & READS_PAGES
    assert RECORDS_ONLY | READS_PAGES | {write_sitemap} == set(STEPS)


def test_a_failed_build_discards_the_staged_files() -> None:
    """MkDocs calls on_build_error when a page fails after on_pre_build staged the exports."""
    plugin = LibraryPlugin(ROOT)
    staged = Staged()
    (staged.root / "tasks.csv").write_text("staged", encoding="utf-8")
    plugin._staged = staged
    plugin.on_build_error(error=RuntimeError("a page failed"))
    assert plugin._staged is None and not staged.root.exists()
