"""Content-Security-Policy for every page, as a ``<meta http-equiv>`` (static hosts may not let
us set headers), completed after the build from the pages themselves.

The theme template (``overrides/main.html``) writes the meta element, before any script, with a
strict fallback policy. This step, the last of the publish order, reads each built page, hashes
the page's own inline scripts (the theme's; a data block such as ``type="application/json"`` is
not a script) and writes the page's policy into that element: only the site's own origin,
those scripts by SHA-256, ``object-src 'none'``, ``base-uri 'self'``, no third-party origin.
Any other inline script — markup that slipped through escaping — is refused by the browser.
``'wasm-unsafe-eval'`` is allowed only when the site ships WebAssembly (a search engine that
needs it); nothing else is relaxed.

A preview built by ``mkdocs serve`` (``PublishContext.preview``) is the one exception: the
server injects an inline live-reload script into every page it serves, different on every
request (it carries the build's epoch and a request id), so no hash can allow it. Its pages
allow inline scripts (``'unsafe-inline'``, with no hashes: a hash would switch it off); the
rest of the policy is unchanged. The preview is served to the editor on this machine only,
from records the editor is writing; ``mkdocs build`` and ``make publish`` never set it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from pathlib import Path

import lxml.html
from markupsafe import escape

from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext

# The theme's meta element; only its content attribute is filled in.
_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
WASM_MAGIC = b"\x00asm"
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


class CSPError(Exception):
    """A built page lacks the theme's policy element."""


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources (``'sha256-…'``) of the page's inline scripts, in page order."""
    tree = lxml.html.document_fromstring(html)
    out: list[str] = []
    for script in tree.xpath("//script[not(@src)]"):
        if (script.get("type") or "").strip().lower() not in _JS_TYPES:
            continue
        digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in out:
            out.append(source)
    return out


def policy(script_hashes: list[str], wasm: bool, preview: bool = False) -> str:
    inline = ["'unsafe-inline'"] if preview else script_hashes
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *inline, *(["'wasm-unsafe-eval'"] if wasm else [])],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # the theme's icons are data: SVGs in its stylesheet
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def ships_wasm(site: Path) -> bool:
    """Does the site hold a WebAssembly module (plain, or gzipped as Pagefind ships it)?"""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        with path.open("rb") as f:
            head = f.read(64)
        if WASM_MAGIC in head[:16]:  # a module, or one behind a short signature (Pagefind's)
            return True
        if head[:2] == b"\x1f\x8b":
            try:
                with gzip.open(path, "rb") as g:
                    if WASM_MAGIC in g.read(16):
                        return True
            except (OSError, EOFError):
                continue
    return False


def write_csp(ctx: PublishContext) -> None:
    site = ctx.site_dir
    wasm = ships_wasm(site)
    missing: list[str] = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        meta = _META.search(html)
        if meta is None:
            missing.append(path.relative_to(site).as_posix())
            continue
        value = str(escape(policy(inline_script_hashes(html), wasm, ctx.preview)))  # the attribute's new value
        write_atomic(path, html[: meta.start(2)] + value + html[meta.end(2) :])
    if missing:
        raise CSPError(f"{len(missing)} pages have no Content-Security-Policy element, e.g. {missing[:3]}")
