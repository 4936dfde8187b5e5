"""The site's own scripts (``docs/assets/*.js``), minified where MkDocs copied them.

Every first search on a phone fetches ``search.js`` and ``rules.js``; their comments and
indentation are a third of their bytes (search.js 48 KB → 33 KB). The sources stay readable
in ``docs/assets/``; the built site serves them minified by rjsmin (a kept library, pure
Python, so ``make serve`` needs no Node). Material's own bundles (``assets/javascripts/``)
are minified already and left alone.
"""

from __future__ import annotations

import rjsmin

from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext

ASSETS = "assets"


def minify_scripts(ctx: PublishContext) -> None:
    for path in sorted((ctx.site_dir / ASSETS).glob("*.js")):
        source = path.read_text(encoding="utf-8")
        write_atomic(path, rjsmin.jsmin(source))
