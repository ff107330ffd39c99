"""Terminal output: colours on a terminal, plain text in a pipe, UTF-8 whatever the console's code page."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import REPO, grade

ANSI = "\x1b["


def test_piped_output_has_no_colour_codes(workspace):
    ws = str(workspace("ex01_generators"))
    for args in (["ex01"], ["list"], ["hint", "ex01"], ["ex01", "--lang", "fa"]):
        run = grade(*args, "--path", ws)
        assert run.out and ANSI not in run.out + run.err, args


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX-only")
def test_a_terminal_gets_colours(workspace):
    import pty

    ws = workspace("ex01_generators")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "grader", "list", "--path", str(ws)], cwd=REPO,
                            stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
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
    assert proc.wait(timeout=60) == 0
    out = b"".join(chunks).decode("utf-8", "replace")
    assert ANSI in out and "ex01" in out


def test_persian_output_survives_a_legacy_code_page(workspace):
    """What a Windows pipe gets by default (cp1252): the grader switches its output to UTF-8."""
    ws = str(workspace("ex01_generators"))
    proc = subprocess.run([sys.executable, "-m", "grader", "ex01", "--lang", "fa", "--path", ws],
                          check=False, capture_output=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")
    assert "نمره: 0/100" in out and "✘" in out


def test_help_lists_the_student_commands():
    run = grade("--help")
    for command in ("hint", "watch", "reset", "report"):
        assert f"  {command} " in run.out, command
