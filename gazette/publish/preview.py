"""What ``make serve`` (``mkdocs serve``) shows while the records do not build.

MkDocs' development server holds every page request until a rebuild succeeds, so after an
editor saves an invalid record the browser would wait (and the live-reload poll time out)
instead of saying what is wrong. The hook (``hooks/library.py``) catches the failed rebuild and
calls ``show_build_error``: every page of the previous build, ``index.html`` and ``404.html``
(what the server answers for a page that does not exist) become one page with the error, from
the ``preview_error.html`` template. The server then reloads the editor's browser onto it, and
the next successful rebuild replaces the whole directory again.

The page carries no Content-Security-Policy element, so the server's inline live-reload script
runs on it; it is never part of a published build.
"""

from __future__ import annotations

from pathlib import Path

from gazette.fsio import write_atomic
from gazette.render.env import make_env


def show_build_error(site_dir: Path, templates: Path, message: str) -> int:
    """Replace every page under ``site_dir`` with the error page; returns how many were written."""
    html = make_env(templates).get_template("preview_error.html").render(message=message)
    pages = {site_dir / "index.html", site_dir / "404.html", *site_dir.rglob("*.html")}
    for page in pages:
        write_atomic(page, html)
    return len(pages)
