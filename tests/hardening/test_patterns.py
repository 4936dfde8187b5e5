"""No extraction pattern can hang the build: every compiled regex of ``gazette.derive`` and
``gazette.importer`` meets adversarial input (1,000-unit lists, 100 KB paragraphs, long runs of
brackets and punctuation) and answers within a second.

The patterns are found by walking the modules, so a new pattern is covered without touching this
file. They run in a worker process that reports each call before making it: a call that hangs is
killed and named instead of hanging the suite. Calls are timed in CPU seconds, so a loaded
machine does not fail a linear pattern.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hardening_support import DOCUMENT as D
from hardening_support import ROOT, build, copy_project, replace_once, write_data

from gazette.derive.catalog import build_library

LIMIT = 1.0  # CPU seconds per call
HANG = 30.0  # wall-clock seconds without any report: the worker is stuck in one call

UNITS = ["市委宣传部", "市编办", "市发改委", "市经信委", "市教育局", "市科技局", "市公安局", "市民政局",
         "市司法局", "市财政局", "市人力社保局", "市国土资源局", "市环保局", "市建设局", "市交通运输局"]


def _units(n: int) -> str:
    return "、".join(UNITS[i % len(UNITS)] for i in range(n))


# The sentence the issue reproduced (30 units before 牵头 never finished) and its relatives.
HANG_30 = f"成员单位包括{_units(30)}等单位。"
LEAD_30 = f"由{_units(30)}牵头,{_units(5)}按职责分工负责。"

# The worker builds the adversarial inputs itself (no 100 KB argv) from these recipes.
WORKER = r'''
import importlib, pkgutil, re, sys, time
import gazette.derive, gazette.importer, gazette.vocab

units = __UNITS__
def lst(n, sep="、"):
    return sep.join(units[i % len(units)] for i in range(n))

def pattern_chars(source):
    # every non-ASCII character the pattern names, plus its ASCII punctuation
    return "".join(sorted({c for c in source if ord(c) > 127 or c in "()[]{}.,:;-*+?|"}))

def inputs(pattern):
    chars = pattern_chars(pattern.pattern) or "x"
    yield "1000-unit list", lst(1000) + "等单位。"
    yield "1000-unit list before 牵头", "由" + lst(1000) + "牵头,"
    yield "1000-unit list, no end", lst(1000)
    yield "1000 units, comma-joined", lst(1000, ",")
    yield "100 KB paragraph", ("市政府各部门要按照职责分工抓好落实" * 6000)[:100_000]
    yield "100 KB of one character", "一" * 100_000
    yield "100 KB of digits", "2018" * 25_000
    yield "100 KB of newlines and spaces", " \n" * 50_000
    yield "brackets", "〔" * 30_000 + "(" * 30_000 + "[" * 30_000
    yield "nested brackets", "(" * 20_000 + "文" + ")" * 20_000
    yield "punctuation run", "、。,;:" * 20_000
    yield "labels", "一、(一)1.(1)第一条第一章" * 5_000
    yield "文号 run", "衢政办发〔2018〕" * 8_000
    yield "pattern's own characters", (chars * (100_000 // len(chars) + 1))[:100_000]
    yield "pattern's own characters, lines", ((chars + "\n") * (60_000 // (len(chars) + 1) + 1))[:100_000]

def patterns():
    for package in (gazette.derive, gazette.importer, gazette.vocab):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for name, value in sorted(vars(module).items()):
                found = [value] if isinstance(value, re.Pattern) else (
                    [v for v in (value.values() if isinstance(value, dict) else value) if isinstance(v, re.Pattern)]
                    if isinstance(value, (list, tuple, dict)) else [])
                for i, p in enumerate(found):
                    if getattr(module, "__name__", "") == info.name:
                        yield f"{info.name}.{name}" + (f"[{i}]" if len(found) > 1 else ""), p

count = 0
for where, pattern in patterns():
    count += 1
    for label, text in inputs(pattern):
        for call in ("search", "findall", "match"):
            print(f"START {where} | {label} | {call}", flush=True)
            t0 = time.process_time()  # CPU time: the shared machine's load does not count
            getattr(pattern, call)(text)
            print(f"DONE {time.process_time() - t0:.3f}", flush=True)
print(f"PATTERNS {count}", flush=True)
'''


def _run_worker() -> tuple[list[str], str | None, int]:
    """Run the worker; return (slow calls, the call that hung or None, patterns checked)."""
    code = WORKER.replace("__UNITS__", repr(UNITS))
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    progress = threading.Event()

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            progress.set()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    hung = None
    while thread.is_alive():
        progress.clear()
        if not progress.wait(HANG) and thread.is_alive():  # no report at all: hung in a call
            hung = next((line for line in reversed(lines) if line.startswith("START")), "(start-up)")
            proc.kill()
            break
    proc.wait()
    thread.join(5)
    slow: list[str] = []
    for start, done in zip(lines, lines[1:]):
        if start.startswith("START") and done.startswith("DONE") and float(done.split()[1]) > LIMIT:
            slow.append(f"{start[6:]}: {done.split()[1]} s")
    assert hung or proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    count = next((int(line.split()[1]) for line in lines if line.startswith("PATTERNS")), 0)
    return slow, hung, count


@pytest.mark.unit
def test_every_extraction_pattern_answers_adversarial_input_within_a_second() -> None:
    slow, hung, count = _run_worker()
    assert hung is None, f"hung (killed): {hung}"
    assert not slow, "slower than a second:\n" + "\n".join(slow)
    assert count >= 40, f"only {count} patterns found in gazette.derive and gazette.importer"


def _build_library_within(seconds: float, data: Path) -> str:
    """Load and derive ``data`` in a child process; fail (not hang) when it takes longer.

    A regex holds the interpreter lock while it backtracks, so only a process can be stopped."""
    code = "import sys; from pathlib import Path; from gazette.derive.catalog import build_library; " \
        "lib = build_library(Path(sys.argv[1])); print(len(lib.tasks))"
    try:
        result = subprocess.run([sys.executable, "-c", code, str(data)], cwd=ROOT, capture_output=True, text=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        pytest.fail(f"build_library still running after {seconds} s")
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.unit
@pytest.mark.parametrize("sentence", [HANG_30, LEAD_30, f"由{_units(1000)}牵头,{_units(1000)}等按职责分工负责。"])
def test_long_unit_lists_are_read_within_seconds(tmp_path: Path, sentence: str) -> None:
    """The sentence the issue reproduced and a 1,000-unit list: tasks are extracted, fast."""
    data = write_data(tmp_path, {"documents/2018/qzf-15.yaml": replace_once(D, "paragraphs: [市财政局保障经费。]", f"paragraphs: [市财政局保障经费。, '{sentence}']")})
    assert int(_build_library_within(20, data)) >= 1


@pytest.mark.unit
def test_lead_list_still_assigns_roles(tmp_path: Path) -> None:
    """The rewrite keeps the meaning: X、Y牵头,Z按职责分工负责 → X, Y lead; Z responsible."""
    sentence = "由市统计局、市财政局牵头,市统计局等按职责分工负责。"
    data = write_data(tmp_path, {"documents/2018/qzf-15.yaml": replace_once(D, "paragraphs: [市财政局保障经费。]", f"paragraphs: ['{sentence}']")})
    library = build_library(data)
    tasks = [t for t in library.tasks if t.text == sentence]
    assert tasks and {(u.code, u.role) for u in tasks[0].units} == {("tjj", "lead"), ("czj", "lead")}


@pytest.mark.site
def test_build_with_a_30_unit_paragraph_completes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    doc = project / "data" / "documents" / "2018" / "qzbf-33.yaml"
    text = doc.read_text(encoding="utf-8")
    marker = "body:\n"
    assert marker in text
    doc.write_text(text.replace(marker, f"body:\n- text: '{HANG_30}{LEAD_30}'\n", 1), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    assert HANG_30 in (tmp_path / "out" / "2018" / "qzbf-33" / "index.html").read_text(encoding="utf-8")
