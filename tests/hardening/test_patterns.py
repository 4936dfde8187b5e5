"""No extraction pattern can hang the build: every compiled regex of ``gazette.derive``,
``gazette.importer`` and ``gazette.vocab`` meets adversarial input (1,000-unit lists, long
paragraphs, long runs of one character, of brackets and of punctuation) and none does more than
linear work on it.

The patterns are found by walking the modules, so a new pattern is covered without touching this
file. The inputs are sized on the machine that runs the test: as long as the cheapest quadratic
pattern there is (``一+二`` searched in a run of 一) needs ``4 × LIMIT`` CPU seconds, so every
pattern that backtracks super-linearly is far over ``LIMIT``, while a linear one answers in
milliseconds (the slowest, ``CITE_RE``, needs under a fifth of it). Two control patterns, one
quadratic and one exponential, go through the same check and must be the ones it reports: the
check is shown to fail where it should. A call over the limit is stopped by a CPU timer, and a
worker that stops reporting is killed and the call named, instead of hanging the suite. Calls are
timed in CPU seconds, so a loaded machine does not fail a linear pattern.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hardening_support import DOCUMENT as D
from hardening_support import ROOT, replace_once, write_data

from gazette.derive.catalog import build_library
from tests.edited import HANG_30, LEAD_30, UNITS
from tests.edited import units as _units

LIMIT = 0.1  # CPU seconds per call, on inputs sized so a super-linear pattern needs far more
HANG = 30.0  # wall-clock seconds without any report: the worker is stuck in one call
CONTROLS = {"control.quadratic", "control.exponential"}  # must be, and be the only ones, reported

# The worker builds the adversarial inputs itself (no long argv) from these recipes.
WORKER = r'''
import importlib, os, pkgutil, re, signal, sys, time
import gazette.derive, gazette.importer, gazette.vocab

units = __UNITS__
LIMIT = __LIMIT__

class Over(Exception):
    pass

def _over(signum, frame):
    raise Over  # the regex engine checks for signals while it backtracks

signal.signal(signal.SIGPROF, _over)

def cpu(call, cap):
    """CPU seconds ``call`` takes, stopped at ``cap`` (a super-linear call is not waited for)."""
    signal.setitimer(signal.ITIMER_PROF, cap)
    t0 = time.process_time()  # CPU time: the shared machine's load does not count
    try:
        call()
    except Over:
        pass
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    return time.process_time() - t0

# The size at which the cheapest quadratic pattern needs 4 x LIMIT here (a faster machine gets
# longer inputs): every super-linear pattern is then far over LIMIT on every input below.
QUADRATIC = re.compile("一+二")
size = 8_000
while cpu(lambda: QUADRATIC.search("一" * size), 60) < 4 * LIMIT and size < 1_000_000:
    size = size * 3 // 2
print(f"SIZE {size}", flush=True)

def lst(n, sep="、"):
    return sep.join(units[i % len(units)] for i in range(n))

def pattern_chars(source):
    # every non-ASCII character the pattern names, plus its ASCII punctuation
    return "".join(sorted({c for c in source if ord(c) > 127 or c in "()[]{}.,:;-*+?|"}))

def fill(unit, n=size):
    return (unit * (n // len(unit) + 1))[:n]

def inputs(pattern):
    chars = pattern_chars(pattern.pattern) or "x"
    yield "1000-unit list", lst(1000) + "等单位。"
    yield "1000-unit list before 牵头", "由" + lst(1000) + "牵头,"
    yield "1000-unit list, no end", lst(1000)
    yield "1000 units, comma-joined", lst(1000, ",")
    yield "paragraph", fill("市政府各部门要按照职责分工抓好落实")
    yield "one character", fill("一")
    yield "digits", fill("2018")
    yield "newlines and spaces", fill(" \n")
    yield "brackets", fill("〔", size // 3) + fill("(", size // 3) + fill("[", size // 3)
    yield "nested brackets", fill("(", size // 5) + "文" + fill(")", size // 5)
    yield "punctuation run", fill("、。,;:")
    yield "labels", fill("一、(一)1.(1)第一条第一章")
    yield "文号 run", fill("衢政办发〔2018〕")
    yield "pattern's own characters", fill(chars)
    yield "pattern's own characters, lines", fill(chars + "\n")

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

# Patterns the check must report (on the input that makes them backtrack): they show the
# inputs are long enough, and the timer fine enough, to expose a super-linear pattern.
CONTROLS = [("control.quadratic", re.compile("[一二]+三")), ("control.exponential", re.compile("(一+)+二"))]

# The call under way goes to a file (no wake-up of the test process per call, which on a busy
# machine costs more than the calls); the results are printed once, at the end.
state = os.open(sys.argv[1], os.O_WRONLY)
results = []
runs = [(where, pattern, inputs(pattern), ("search", "findall", "match")) for where, pattern in patterns()]
runs += [(where, pattern, [("one character", fill("一"))], ("search",)) for where, pattern in CONTROLS]
for where, pattern, texts, calls in runs:
    for label, text in texts:
        for call in calls:
            name = f"{where} | {label} | {call}"
            os.ftruncate(state, 0)
            os.pwrite(state, name.encode(), 0)
            results.append(f"CALL {name} | {cpu(lambda: getattr(pattern, call)(text), 2 * LIMIT):.3f}")
print("\n".join(results))
'''


def _run_worker(state: Path) -> tuple[list[str], str | None, int]:
    """Run the worker; return (calls over LIMIT, the call that hung or None, patterns checked)."""
    code = WORKER.replace("__UNITS__", repr(UNITS)).replace("__LIMIT__", repr(LIMIT))
    state.write_text("(start-up)", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", code, str(state)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    hung, seen, since = None, "", time.monotonic()
    while True:
        try:
            out, err = proc.communicate(timeout=1)
            break
        except subprocess.TimeoutExpired:  # still running: is it still moving from call to call?
            now = state.read_text(encoding="utf-8")
            if now != seen:
                seen, since = now, time.monotonic()
            elif time.monotonic() - since > HANG:  # one call for HANG seconds: stuck in it
                hung = now
                proc.kill()
                out, err = proc.communicate()
                break
    assert hung or proc.returncode == 0, err
    calls = [line[5:].rsplit(" | ", 1) for line in out.splitlines() if line.startswith("CALL ")]
    slow = [f"{name}: {secs} s" for name, secs in calls if float(secs) > LIMIT]
    count = len({name.split(" | ")[0] for name, _ in calls} - CONTROLS)
    return slow, hung, count


@pytest.mark.unit
def test_no_extraction_pattern_backtracks_super_linearly_on_adversarial_input(tmp_path: Path) -> None:
    slow, hung, count = _run_worker(tmp_path / "call")
    assert hung is None, f"hung (killed): {hung}"
    reported = {call.split(" | ")[0] for call in slow}
    assert CONTROLS <= reported, f"the check missed a super-linear control pattern: {sorted(CONTROLS - reported)}"
    assert reported == CONTROLS, f"over {LIMIT} CPU s on input where a linear pattern needs milliseconds:\n" + \
        "\n".join(call for call in slow if call.split(" | ")[0] not in CONTROLS)
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
def test_build_with_a_30_unit_paragraph_completes(edited_site: Path) -> None:
    """2018/qzbf-33 opens with the sentences (tests/edited.py); the build that holds it passed."""
    assert HANG_30 in (edited_site / "2018" / "qzbf-33" / "index.html").read_text(encoding="utf-8")
