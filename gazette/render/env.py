"""The Jinja environment for content templates in ``overrides/gazette/``.

Autoescaping is on for everything: record text is data, never markup.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket

from gazette.derive.consistency import CHECK_LABELS
from gazette.derive.views import FEED_LIMIT
from gazette.vocab.roles import ROLE_LABELS

# The domain rules templates present; each is defined once in the package, never in a template.
RULES: dict[str, object] = {
    "role_labels": ROLE_LABELS,
    "check_labels": CHECK_LABELS,
    "feed_limit": FEED_LIMIT,
}


# Pages link to the same few hubs and documents over and over (25,000 links in a build of the
# real library, 15,000 of them repeats): each pair is worked out once.
@functools.lru_cache(maxsize=1 << 16)
def relative_url(from_url: str, to_url: str) -> str:
    """Link from page ``from_url`` to ``to_url`` (both site-relative, directory style).

    Relative links keep the site working under any base path (intranet
    mirrors, GitHub Pages project sites) and offline from ``file://``.
    """
    target, sep, fragment = to_url.partition("#")
    if sep and not target:
        return f"#{fragment}"
    rel = posixpath.relpath(target.rstrip("/") or ".", from_url.rstrip("/") or ".")
    if rel == ".":
        rel = "./"
    elif not target or target.endswith("/"):
        rel += "/"
    return rel + (f"#{fragment}" if sep else "")


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept for the process: every build (a rebuild under ``mkdocs serve``, each
    build of the test suite) makes a new environment, and compiling the templates took 0.3 s of it.
    Jinja keys a bucket by the template's name and file and checks its source's checksum, so an
    edited template is compiled again; the compiled code also depends on the environment's
    options, which is why only ``make_env`` (one set of options) uses this cache."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def make_env(templates: Path) -> Environment:
    env = Environment(
        bytecode_cache=_COMPILED,
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(RULES)
    return env
