from pathlib import Path

import pytest

from gazette.importer.source import ISSUE_FILE

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
# every issue text in data/sources/, never a hand-kept list: a new issue is tested the day it is added
ISSUES = sorted(f"{m[1]}-{m[2]}" for p in (DATA / "sources").glob("*.txt") if (m := ISSUE_FILE.search(p.name)))


@pytest.fixture
def data_dir() -> Path:
    return DATA
