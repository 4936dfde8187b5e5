"""The dark scheme changes colours only: every rule of the site's own stylesheets that applies to
Material's "slate" scheme sets a colour (or a decoration that takes no room), so a page is laid out
the same in both schemes. tests/phone/test_readers.py relies on it: it checks sideways scrolling in
the light scheme at every width and in the dark one on a phone, and the contrast of both."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from tests.project import ROOT

pytestmark = pytest.mark.unit

# The site's own stylesheets and the theme's (pinned in requirements.txt) that every page loads.
STYLESHEETS = sorted((ROOT / "docs" / "assets").glob("*.css")) + \
    sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.css"))
# Properties that paint without taking or moving room.
PAINT_ONLY = frozenset({
    "color", "background-color", "border-color", "outline-color", "caret-color", "accent-color", "fill", "stroke",
    "text-decoration", "text-decoration-color", "text-underline-offset", "box-shadow", "text-shadow", "color-scheme",
})
# A colour value; a variable named for a colour (the theme's --md-…-color) counts as one.
COLOUR = re.compile(r"#[0-9a-f]{3,8}|(?:rgba?|hsla?)\((?:[^()]|var\(--[\w-]+\))*\)|currentcolor|transparent"
                    r"|var\(--[\w-]*colou?r[\w-]*\)")


def dark_only_declarations(css: str) -> list[tuple[str, str, str]]:
    """(selector, property, value) of every declaration in a rule whose selector names the slate
    scheme, or inside a prefers-color-scheme query."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for media in re.finditer(r"@media[^{]*prefers-color-scheme[^{]*\{((?:[^{}]*\{[^{}]*\})*)[^{}]*\}", css):
        for selector, body in re.findall(r"([^{}]*)\{([^{}]*)\}", media.group(1)):
            found += [(selector.strip(), *d) for d in _declarations(body)]
    for selector, body in re.findall(r"([^{}]*)\{([^{}]*)\}", css):
        if "slate" in selector:
            found += [(selector.strip(), *d) for d in _declarations(body)]
    return found


def _declarations(body: str) -> list[tuple[str, str]]:
    return [(p.strip().lower(), v.strip()) for p, _, v in (d.partition(":") for d in body.split(";")) if p.strip()]


# Images an author marks for the light scheme only, which the theme hides in the dark one.
LIGHT_ONLY_IMAGES = re.compile(r'img\[src\$="#(?:only-light|gh-light-mode-only)"\]')


def takes_room(prop: str, value: str) -> bool:
    """Whether a declaration could change a page's layout."""
    if prop.startswith("--md-shadow"):  # the theme's shadows, used by box-shadow
        return False
    if prop.startswith("--"):  # a variable of the scheme: a colour, whatever uses it
        return not COLOUR.fullmatch(value.lower())
    return prop not in PAINT_ONLY


def test_the_dark_scheme_sets_colours_only() -> None:
    assert len(STYLESHEETS) >= 3
    declarations = [d for path in STYLESHEETS for d in dark_only_declarations(path.read_text(encoding="utf-8"))]
    assert len(declarations) >= 20  # the theme's palette and the site's own slate rules are found
    room = [d for d in declarations if takes_room(d[1], d[2])]
    # the one exception: images marked light-only, which no page of the site has
    assert [d for d in room if not all(LIGHT_ONLY_IMAGES.search(s) for s in d[0].split(","))] == []
    sources = [p for folder in ("docs", "overrides") for p in (ROOT / folder).rglob("*") if p.suffix in (".md", ".html")]
    assert not [p for p in sources if re.search("#(?:only-light|gh-light-mode-only)", p.read_text(encoding="utf-8"))]


def test_the_check_sees_a_rule_that_takes_room() -> None:
    css = """[data-md-color-scheme="slate"] { --gz-link: #ff8a80; --gz-gap: 2rem; }
             [data-md-color-scheme="slate"] .gz-card { padding: 1rem; color: red; }
             @media (prefers-color-scheme: dark) { .gz-x { margin: 0; } }"""
    wide = [(s, p) for s, p, v in dark_only_declarations(css) if takes_room(p, v)]
    assert sorted(p for _, p in wide) == ["--gz-gap", "margin", "padding"]
