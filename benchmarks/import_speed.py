"""Import speed (issue 19, item 9): seconds to import each issue in data/sources/ and the third
test issue, with its printed page count (the last TOC page). Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/import_speed.py
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

from gazette.importer.cli import import_issue
from gazette.importer.report import Report

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
THIRD = ROOT / "tests" / "fixtures" / "third-issue"


def _pages(source: Path) -> int:
    return max((int(m) for m in re.findall(r"号\)\s+(\d{1,3})$", source.read_text(encoding="utf-8"), re.M)), default=0)


def _time(source: Path, data: Path) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as out:
        wall, cpu = time.perf_counter(), time.process_time()
        import_issue(source, data, Path(out), Report())
        return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        third = Path(tmp) / "data"
        (third / "sources").mkdir(parents=True)
        for name, extra in (("issuers.yaml", "issuers-additions.yaml"), ("departments.yaml", "departments-additions.yaml")):
            (third / name).write_text((DATA / name).read_text(encoding="utf-8") + (THIRD / extra).read_text(encoding="utf-8"), encoding="utf-8")
        source = third / "sources" / "quzhou-zhengbao-2022-09.txt"
        shutil.copy(THIRD / source.name, source)
        cases = [(p, DATA) for p in sorted((DATA / "sources").glob("*.txt"))] + [(source, third)]
        print(f"{'issue':32} {'pages':>5} {'lines':>6} {'wall s':>7} {'cpu s':>6}")
        for path, data in cases:
            runs = [_time(path, data) for _ in range(3)]
            wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
            lines = path.read_text(encoding="utf-8").count("\n") + 1
            print(f"{path.name:32} {_pages(path):5} {lines:6} {wall:7.2f} {cpu:6.2f}")


if __name__ == "__main__":
    main()
