from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
ISSUES = ["2017-02", "2018-05"]


@pytest.fixture
def data_dir() -> Path:
    return DATA
