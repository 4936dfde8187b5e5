"""The local publish command: validate the records, build strictly, check links, swap in.

    python -m gazette.publish.atomic validate        # records only, errors with file:line
    python -m gazette.publish.atomic build [--site site]

``build`` writes the new site into a temporary directory next to ``site/``
(same filesystem, so the swap is two renames), checks every link of it, and
only then replaces ``site/``. A failed build or link check removes the
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


def validate(project: Path) -> int:
    try:
        library = build_library(project / "data")
    except (RecordError, RecordErrors) as exc:
        print(f"Invalid records in {project / 'data'}:\n{exc}", file=sys.stderr)
        return 1
    print(f"records valid: {len(library.issues)} issues, {len(library.documents)} documents, "
          f"{len(library.departments)} departments, {len(library.tasks)} tasks")
    return 0


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
    parser.add_argument("command", choices=["validate", "build"])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="directory with mkdocs.yml and data/")
    parser.add_argument("--site", type=Path, default=Path("site"), help="output directory (relative to --project)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.command == "validate":
        return validate(project)
    return build(project, args.site)


if __name__ == "__main__":
    sys.exit(main())
