"""`grade watch`: re-grades when the file is saved, says what changed, follows the course, stops cleanly."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

SLUG = "ex01_generators"
LIMIT = 240.0  # a bound for the whole test, never a measured duration


def _start(ws: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "grader", "watch", *args, "--path", str(ws)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"})


def _read_until(proc: subprocess.Popen, marker: str, seen: list[str], deadline: float) -> None:
    while not any(marker in line for line in seen):
        line = proc.stdout.readline().decode("utf-8", "replace")
        if not line or time.monotonic() > deadline:
            raise AssertionError(f"never printed {marker!r}:\n{''.join(seen)}")
        seen.append(line)


def _finish(proc: subprocess.Popen, deadline: float) -> str:
    try:
        out, _ = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    return out.decode("utf-8", "replace")


def _save_until_graded_again(proc: subprocess.Popen, target: Path, content: bytes, deadline: float) -> str:
    """Save the file (again every few seconds, should the watcher start after the first save) until watch ends."""
    while True:
        target.write_bytes(content)
        try:
            out, _ = proc.communicate(timeout=3)
            return out.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline:
                proc.kill()
                proc.communicate()
                raise AssertionError("watch never re-graded after the file was saved") from None


def test_saving_the_file_re_grades_and_shows_what_changed(workspace):
    ws = workspace(SLUG)
    deadline = time.monotonic() + LIMIT
    proc = _start(ws, "ex01", "--runs", "2")
    seen: list[str] = []
    _read_until(proc, "Watching exercises/ex01_generators/fib.py", seen, deadline)
    first = "".join(seen)
    assert "Score: 0/100" in first and "First run" in first
    solution = (REPO / "solutions" / SLUG / "fib.py").read_bytes()
    second = _save_until_graded_again(proc, ws / "exercises" / SLUG / "fib.py", solution, deadline)
    assert proc.returncode == 0, second
    assert "Score: 100/100" in second
    assert "Since the last run: score 0 → 100 (+100)" in second
    assert "now passing: take pulls exactly the items it needs" in second
    assert re.search(r"\(take_exact_pull\)  \d+(\.\d\d)? s", second), "no check's time shown"
    assert "\x1b[" not in first + second, "colour codes written to a pipe"


def test_without_a_name_it_starts_at_the_next_exercise_and_moves_on(workspace):
    ws = workspace(SLUG, "ex02_async_pipeline")
    shutil.copy(REPO / "solutions" / SLUG / "fib.py", ws / "exercises" / SLUG / "fib.py")
    proc = _start(ws, "--runs", "2")
    out = _finish(proc, time.monotonic() + LIMIT)
    assert proc.returncode == 0, out
    assert out.index("ex01  Generators") < out.index("Well done! ex01 is complete; next: ex02")
    assert out.index("Well done!") < out.index("ex02  ") < out.index("Watching exercises/ex02_async_pipeline/")


def test_the_stored_result_is_the_first_comparison(workspace):
    ws = workspace(SLUG)
    subprocess.run([sys.executable, "-m", "grader", "ex01", "--path", str(ws)], check=False, capture_output=True, timeout=LIMIT)
    out = _finish(_start(ws, "ex01", "--runs", "1"), time.monotonic() + LIMIT)
    assert "Since the last run: score 0 → 0 (=)" in out
    assert "Stuck? grade hint ex01 fib_sequence" in out


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX-only")
def test_ctrl_c_while_waiting_stops_cleanly(workspace, no_process_left):
    ws = workspace(SLUG)
    deadline = time.monotonic() + LIMIT
    proc = _start(ws, "ex01")
    seen: list[str] = []
    _read_until(proc, "Ctrl+C to stop", seen, deadline)
    time.sleep(0.5)  # let the watcher settle into waiting
    proc.send_signal(signal.SIGINT)
    out = _finish(proc, deadline)
    assert proc.returncode == 0, out
    assert "Stopped watching." in out and "Traceback" not in out
    assert "KeyboardInterrupt" not in out, "watchfiles printed a line of its own"
