"""rules.js asks for the rules file where the build writes it (``gazette.publish.rules.PATH``): it names
the file relative to its own address, so the two must sit in the same folder under the same name."""

from __future__ import annotations

import posixpath
import re

import pytest

from gazette.publish.rules import PATH
from tests.project import ROOT

pytestmark = pytest.mark.unit


def test_rules_js_asks_for_the_file_the_build_writes() -> None:
    script = (ROOT / "docs/assets/rules.js").read_text(encoding="utf-8")
    (name,) = re.findall(r'new URL\("([^"]+)", here', script)
    served_from = "assets"  # mkdocs.yml lists the script as assets/rules.js
    assert f"{served_from}/rules.js" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert posixpath.join(served_from, name) == PATH
