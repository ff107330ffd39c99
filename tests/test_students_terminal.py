"""Terminal output: each check shown as it finishes, a spinner on a terminal only, colours unless NO_COLOR,
plain UTF-8 text in a pipe whatever the console's code page."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, grade

from grader.core import manifest

SLUG = "ex01_generators"
EX01 = manifest.find("ex01")
ANSI = "\x1b["
COLOUR = re.compile(r"\x1b\[[\d;]*m")
# The reference solution, but the first call of take stalls: the fib checks have long finished by then.
SLOW_TAKE = """
import time
_stalled = []


def take(n, iterable):
    if not _stalled:
        _stalled.append(True)
        time.sleep(4)
    return _take(n, iterable)
"""


@pytest.fixture
def slow_take(workspace) -> Path:
    ws = workspace(SLUG)
    solution = (REPO / "solutions" / SLUG / "fib.py").read_text(encoding="utf-8")
    (ws / "exercises" / SLUG / "fib.py").write_text(solution.replace("def take(", "def _take(") + SLOW_TAKE,
                                                    encoding="utf-8")
    return ws


def _on_a_terminal(*args: str, env: dict | None = None) -> str:
    """Run grade in a pseudo-terminal and return everything it wrote."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "grader", *args], cwd=REPO, stdin=subprocess.DEVNULL,
                            stdout=follower, stderr=follower, env={**os.environ, **(env or {})})
    os.close(follower)
    chunks, deadline = [], time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    proc.wait(timeout=60)
    return b"".join(chunks).decode("utf-8", "replace")


def test_piped_output_has_no_colour_codes_and_no_spinner(workspace):
    ws = str(workspace(SLUG))
    for args in (["ex01"], ["list"], ["hint", "ex01"], ["ex01", "--lang", "fa"]):
        run = grade(*args, "--path", ws)
        assert run.out and ANSI not in run.out + run.err and "\r" not in run.out, args


def test_each_check_is_printed_as_soon_as_it_finishes(slow_take):
    """Through a pipe: the line of the first check arrives seconds before the grading ends."""
    proc = subprocess.Popen([sys.executable, "-m", "grader", "ex01", "--path", str(slow_take)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    arrived = {}
    for raw in proc.stdout:
        arrived.setdefault(raw.decode("utf-8", "replace").strip(), time.monotonic())
    ended = time.monotonic()
    assert proc.wait(timeout=60) == 0
    first = next(when for line, when in arrived.items() if line.endswith("s") and "(fib_sequence)" in line)
    assert ended - first > 2.5, "the first check's line only came with the end of the grading"
    points = EX01.check("fib_sequence").points
    assert re.search(rf"✔ fib\(\) yields the right sequence  \[passed {points}/{points}\]  \(fib_sequence\)  \d+\.\d\d s",
                     "\n".join(arrived))


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX-only")
def test_a_terminal_gets_a_spinner_naming_the_running_check(slow_take):
    out = _on_a_terminal("ex01", "--path", str(slow_take), env={"COLUMNS": "200"})
    running = rf"\r\S \[6/{len(EX01.checks)}\] take\(n, iterable\) returns the first n items  \(take_values\)  [1-3]\.\d s"
    assert re.search(running, out), out
    assert COLOUR.search(out), "no colours on a terminal"
    assert "Score: 100/100" in out


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX-only")
def test_a_terminal_gets_colours(workspace):
    out = _on_a_terminal("list", "--path", str(workspace(SLUG)))
    assert COLOUR.search(out) and "ex01" in out


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX-only")
def test_no_color_turns_colours_off_on_a_terminal(workspace):
    ws = str(workspace(SLUG))
    for args in (["list"], ["ex01"], ["hint", "ex01", "take_values"]):
        out = _on_a_terminal(*args, "--path", ws, env={"NO_COLOR": "1"})
        assert "ex01" in out and not COLOUR.search(out), args


def test_persian_output_survives_a_legacy_code_page(workspace):
    """What a Windows pipe gets by default (cp1252): the grader switches its output to UTF-8."""
    ws = str(workspace(SLUG))
    proc = subprocess.run([sys.executable, "-m", "grader", "ex01", "--lang", "fa", "--path", ws],
                          check=False, capture_output=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")
    assert "نمره: 0/100" in out and "✘" in out


def test_a_check_stopped_for_time_is_shown_in_its_place(workspace):
    """The runner's own verdict (a timeout) is printed when it is reached, before the checks after it."""
    ws = workspace(SLUG)
    solution = (REPO / "solutions" / SLUG / "fib.py").read_text(encoding="utf-8")
    hanging = solution.replace("def fib_below(limit: int) -> Iterator[int]:\n",
                               "def fib_below(limit: int) -> Iterator[int]:\n    while True:\n        pass\n", 1)
    assert hanging != solution
    (ws / "exercises" / SLUG / "fib.py").write_text(hanging, encoding="utf-8")
    run = grade("ex01", "--path", str(ws), env={"HAMZAMAN_TIME_SCALE": "0.25"})
    lines = run.out.splitlines()
    stopped = next(n for n, line in enumerate(lines) if "(fib_below_values)" in line)
    assert "timed out" in lines[stopped + 1], run.out
    assert stopped < next(n for n, line in enumerate(lines) if "(take_values)" in line)
    assert sum(line.startswith("  ✘ ") and "(fib_below_values)" in line for line in lines) == 1, "printed twice"
