"""HTML validity: the Nu HTML Checker (vnu-jar, pinned in package-lock.json) over every page of
the built site. Zero errors, except the few below that come from Material's own markup."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hardening_support import ROOT

pytestmark = pytest.mark.site

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message pattern, extract pattern, why it is not ours to fix)
IGNORED = [
    (r"Attribute “autocomplete” is only allowed when the input type is", r'class="md-(toggle|option)"',
     "Material puts autocomplete=off on its hidden drawer/search/palette checkboxes and radios so "
     "Firefox does not restore their state on reload; harmless, and the theme's own markup"),
    (r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'for="__toc"',
     "Material's sidebar TOC title is a <label for=__toc> whose checkbox only exists when the TOC is "
     "integrated in the navigation; it is the theme's partials/toc.html"),
    (r"Bad value “” for attribute “tabindex” on element “label”", r'class="md-nav__link"[^>]*tabindex=""',
     "Material's partials/nav-item.html writes tabindex=\"\" on the label of a navigation section (the "
     "grouped tabs: 浏览, 查找 …), meaning 'not a tab stop'; browsers ignore the empty value"),
]


def _ignored(message: dict) -> bool:
    return any(re.search(m, message.get("message", "")) and re.search(e, message.get("extract", ""))
               for m, e, _ in IGNORED)


def test_every_page_is_valid_html(site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java missing: `make test` installs Debian's default-jre-headless")
    assert VNU.exists(), "node_modules missing: `make test` runs npm ci"
    pages = sorted(site.rglob("*.html"))
    result = subprocess.run(
        # One short run: the JIT's first tier and the serial collector halve its CPU (10 s to 4.5 s
        # over the real site), where the defaults tune a long-running server.
        [java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU), "--format", "json",
         "--skip-non-html", str(site)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    kept = [m for m in errors if not _ignored(m)]
    print(f"\nvnu: {len(pages)} pages checked, {len(errors)} errors, {len(errors) - len(kept)} ignored "
          f"(Material markup), {len(kept)} remaining")
    assert len(pages) > 20
    report = [f"{m.get('url', '').split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}  [{m.get('extract', '').strip()[:120]}]"
              for m in kept]
    assert not kept, "\n".join(report[:40])
