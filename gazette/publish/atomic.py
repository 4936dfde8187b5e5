"""The local publish command: validate the records, build strictly, check links, swap in.

    python -m gazette.publish.atomic validate        # records only, errors with file:line
    python -m gazette.publish.atomic site-url        # SITE_URL must be a public address
    python -m gazette.publish.atomic build [--site site]

``build`` writes the new site into a temporary directory next to ``site/``
(same filesystem, so the swap is two renames), checks every link of it, and
only then replaces ``site/``. A published build keeps its canonical address,
so ``build`` (and ``site-url``, which ``make publish`` runs first) refuses to
run unless ``SITE_URL`` is a public address (not unset, localhost or 127.x). A failed build or link check removes the
temporary directory and leaves the previously built site exactly as it was.
``make publish`` runs validate → tests → build; CI runs the same target.

MkDocs runs as a subprocess: the package never imports it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import lxml.html

from gazette.derive.catalog import build_library
from gazette.load.errors import RecordError, RecordErrors
from gazette.publish.linkcheck import check_site
from gazette.publish.siteurl import public_site_url


def validate(project: Path) -> int:
    try:
        library = build_library(project / "data")
    except (RecordError, RecordErrors) as exc:
        print(f"Invalid records in {project / 'data'}:\n{exc}", file=sys.stderr)
        return 1
    print(f"records valid: {len(library.issues)} issues, {len(library.documents)} documents, "
          f"{len(library.departments)} departments, {len(library.tasks)} tasks")
    return 0


def require_public_site_url() -> str | None:
    """The public SITE_URL, or None after saying why it is refused."""
    value = os.environ.get("SITE_URL")
    url = public_site_url(value)
    if url is None:
        print(f"SITE_URL={value!r} is not a public address: a published build needs the address readers "
              "will use (e.g. SITE_URL=https://example.org/zhengbao/); localhost, 127.x and empty are refused",
              file=sys.stderr)
    return url


def _site_url(site: Path) -> str:
    """The site_url the build used, as the home page's canonical link states it."""
    tree = lxml.html.parse(str(site / "index.html"))
    hrefs = tree.xpath("//link[@rel='canonical']/@href")
    return hrefs[0] if hrefs else "/"


def _swap(new: Path, site: Path) -> None:
    new.chmod(0o755)  # mkdtemp makes it private; the web server must read it
    if not site.exists():
        os.rename(new, site)
        return
    old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
    old.rmdir()
    os.rename(site, old)
    os.rename(new, site)
    shutil.rmtree(old)


def build(project: Path, site: Path) -> int:
    if require_public_site_url() is None:
        return 2
    site = site if site.is_absolute() else project / site
    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
             "-f", str(project / "mkdocs.yml"), "-d", str(work)],
            cwd=project, env=env,
        )
        if result.returncode != 0:
            print(f"build failed (exit {result.returncode}); {site} left unchanged", file=sys.stderr)
            return 1
        report = check_site(work, _site_url(work))
        for line in report.broken + report.third_party:
            print(line, file=sys.stderr)
        print(f"link check: {report.pages} pages, {report.links} internal links, "
              f"{len(report.broken)} broken, {len(report.third_party)} third-party loads")
        if not report.ok:
            print(f"link check failed; {site} left unchanged", file=sys.stderr)
            return 1
        _swap(work, site)
        print(f"published {site}")
        return 0
    finally:
        if work.exists():
            shutil.rmtree(work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["validate", "site-url", "build"])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="directory with mkdocs.yml and data/")
    parser.add_argument("--site", type=Path, default=Path("site"), help="output directory (relative to --project)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.command == "validate":
        return validate(project)
    if args.command == "site-url":
        url = require_public_site_url()
        if url:
            print(f"SITE_URL: {url}")
        return 0 if url else 2
    return build(project, args.site)


if __name__ == "__main__":
    sys.exit(main())
