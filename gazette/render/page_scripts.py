"""Which of the site's optional scripts a page loads: those that find their elements on it.

The palette toggle (``palette.js``) is in every page's header and loads everywhere
(``extra_javascript`` in mkdocs.yml). The clause controls and the 文号 lookup box that
resolves in the page (``cite.js``), the wide-table cue (``tables.js``) and the script that
keeps a link's target in place while the blocks near it get their heights (``jump.js``, on
pages whose blocks gazette.css skips while out of view) exist on some pages only; a page
where their selectors find nothing does not fetch them (the search page, the first thing a
phone on a slow network waits for, fetched both and used neither).
Each script is named with the selector of the elements it works on, as in the script.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from lxml.cssselect import CSSSelector


@dataclass(frozen=True)
class PageScript:
    path: str  # under the site root, as in mkdocs.yml
    selector: str  # the script does something on a page where this finds an element


OPTIONAL_SCRIPTS: tuple[PageScript, ...] = (
    PageScript("assets/cite.js", ".gz-document .gz-permalink, .gz-document button.gz-copy, form.gz-lookup[data-map]"),
    PageScript("assets/tables.js", ".gz-table-wrap"),
    PageScript("assets/jump.js", ".gz-document, table.gz-cards, .gz-dept-docs, .gz-issue-list"),
)
_FINDERS = [(script.path, CSSSelector(script.selector)) for script in OPTIONAL_SCRIPTS]


def scripts_for(html: str) -> list[str]:
    """The optional scripts a page whose content is ``html`` needs, in the order above."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [path for path, find in _FINDERS if find(root)]
