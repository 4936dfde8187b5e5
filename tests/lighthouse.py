"""Lighthouse as tests and the reading benchmark run it (plain functions, no pytest).

The pinned npm ``lighthouse`` (package.json / package-lock.json, installed by
``make checkers``) drives Debian's Chromium (CHROME_PATH) through
``tests/lighthouse.mjs``: one browser for all pages, mobile profile.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.project import ROOT

CHROMIUM = "/usr/bin/chromium"
SCRIPT = ROOT / "tests" / "lighthouse.mjs"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# What a reader opens first: home, an issue, a document, a department, search.
PAGES = {"home": "", "issue": "issues/2018-05/", "document": "2018/qzbf-33/",
         "department": "departments/zljdj/", "search": "search/"}


def available() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not (ROOT / "node_modules" / "lighthouse" / "package.json").is_file():
        return "npm lighthouse is not installed (make checkers)"
    if not shutil.which("node"):
        return "node is not installed"
    if not os.path.exists(CHROMIUM):
        return "Debian's chromium is not installed (make browser)"
    return None


def inputs_digest(site: Path, categories: tuple[str, ...], pages: list[str]) -> str:
    """What an audit's outcome depends on: every built file, the audited pages and categories, the
    pinned Lighthouse and its script, and the installed Chromium. Equal digests, equal reports
    (the performance score aside, which depends on the machine's load and is never cached)."""
    digest = hashlib.sha256(json.dumps([categories, pages]).encode())
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    for path in (SCRIPT, ROOT / "package-lock.json"):
        digest.update(path.read_bytes())
    browser = os.stat(os.path.realpath(CHROMIUM))
    digest.update(f"{browser.st_size}:{browser.st_mtime_ns}".encode())
    return digest.hexdigest()


def audit(urls: list[str], categories: tuple[str, ...] = CATEGORIES, timeout: int = 900) -> dict[str, Any]:
    """{url: {category: score 0..1, "failed": [...], "requests": [...]}}."""
    result = subprocess.run(
        ["node", str(SCRIPT), ",".join(categories), *urls],
        cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed ({result.returncode}):\n{result.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(result.stdout)
    return found
