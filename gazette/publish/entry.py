"""The search page carries the files a search in its address needs first.

On a slow phone (400 kbit/s, 400 ms round trips) a query's lists could be asked for only once
``search.js``, ``rules.js``, ``meta.bin`` and ``rules.json`` had arrived: a round trip after the
page, sharing the link with the stylesheets, then the lists, then the result cards. The search
page now holds their contents: its query's lists are asked for as soon as the page itself has
arrived, before the stylesheets (which the results wait for anyway to be drawn).

The theme template (``overrides/main.html``) writes one empty element per file where the page
should hold it, with ``data-gz-entry`` (the file's path in the site) and ``data-src`` (its
address from the page, the one the scripts would fetch). This step, after the search index and
the minified scripts are written and before the Content-Security-Policy (which hashes the
scripts it fills in), copies each file's content into its element: a script as written, a data
file as JSON text (``meta.bin`` decoded with the index format's own decoder). The files stay
where they are: every other page (the header's search box) fetches them, and the search page
fetches ``meta.bin`` again past the cache when a newer deployment has replaced the build its
copy names (``docs/assets/search.js``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.search_format import META, decode_file

# The template's element (overrides/main.html), empty as written or filled by this step: its opening
# tag (whether it holds a data file, the file's path in the site, its address from the page), its
# text and its end. The one description of that markup: the benchmarks and tests read pages with it.
ELEMENT = re.compile(
    r'(?P<open><script(?P<data> type="application/json")? data-gz-entry="(?P<path>[^"]+)" data-src="(?P<src>[^"]*)">)'
    r"(?P<text>.*?)(?P<close></script>)", re.S)
# In an element's text these would end it or change how the parser reads it (HTML's script data).
_UNSAFE = re.compile(r"</script|<!--|<script", re.IGNORECASE)


class EntryError(Exception):
    """A file the search page should carry is missing, or cannot sit inside a script element."""


def entry_text(site_dir: Path, path: str, data: bool) -> str:
    """What the element for ``path`` holds: a script's text, or a data file's JSON text."""
    file = site_dir / path
    if not file.is_file():
        raise EntryError(f"{path}：检索页要内嵌的文件不存在")
    if not data:
        text = file.read_text(encoding="utf-8")
        if _UNSAFE.search(text):
            raise EntryError(f"{path}：脚本中含有“</script”“<script”或“<!--”，不能内嵌到检索页")
        return text
    raw = decode_file(file.read_bytes()) if file.name == META else file.read_bytes()
    # "<" occurs in JSON only inside strings, where \u003c is the same character.
    return raw.decode("utf-8").strip().replace("<", "\\u003c")


def fill_entries(html: str, site_dir: Path) -> str:
    """``html`` with every empty element holding its file (a filled one is left as it is)."""
    def fill(match: re.Match[str]) -> str:
        if match["text"]:
            return match[0]
        return match["open"] + entry_text(site_dir, match["path"], bool(match["data"])) + match["close"]

    return ELEMENT.sub(fill, html)


def held_paths(html: str) -> list[str]:
    """The paths in the site of the files the page holds, in page order."""
    return [match["path"] for match in ELEMENT.finditer(html) if match["text"]]


def rewrite_pages(site_dir: Path, rewrite: Callable[[str], str]) -> None:
    """Every built page that has the template's elements, rewritten by ``rewrite``. Every page is
    looked at (0.6 s at 5,040 documents): a page with empty elements left unfilled would have no
    search at all."""
    for page in sorted(site_dir.rglob("*.html")):
        raw = page.read_bytes()
        if b"data-gz-entry=" in raw:
            write_atomic(page, rewrite(raw.decode("utf-8")))


def write_entries(ctx: PublishContext) -> None:
    rewrite_pages(ctx.site_dir, lambda html: fill_entries(html, ctx.site_dir))
