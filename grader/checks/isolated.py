"""Run a snippet of student code in a fresh interpreter, to see how that interpreter ends.

Some mistakes only show at interpreter exit (a non-daemon thread keeps the
process alive for ever), and they would keep the grading child alive too.
The snippet runs with the same ``sys.path`` as this process, prints one JSON
line, and must then exit by itself within ``exit_within`` seconds; whatever
is still running after that is killed, with its whole process tree.
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass

from grader.core.processes import kill_tree


@dataclass
class Ran:
    report: dict | None  # the JSON line the snippet printed, if any
    exited: bool  # the interpreter ended by itself in time
    output: str


def _parse(line: str) -> dict | None:
    with contextlib.suppress(ValueError):
        value = json.loads(line)
        return value if isinstance(value, dict) else None
    return None


def run_snippet(code: str, *, report_within: float = 20.0, exit_within: float = 5.0) -> Ran:
    """Run ``code``; it reports by printing one line ``json.dumps({...})``, then should exit."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
           "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env)
    lines: list[str] = []
    reported = threading.Event()  # set at the JSON line, or when the output ends without one

    def read():  # a thread, so that no read from the pipe can block us past a deadline
        for raw in proc.stdout:
            lines.append(raw.decode("utf-8", "replace"))
            if _parse(lines[-1]) is not None:
                reported.set()
        reported.set()

    reader = threading.Thread(target=read, name="hamzaman-reader", daemon=True)
    reader.start()
    reported.wait(report_within)
    try:
        proc.wait(exit_within)
        exited = True
    except subprocess.TimeoutExpired:
        exited = False
    kill_tree(proc.pid)  # no token: the snippet carries the grading's own, which marks this process too
    proc.wait()
    reader.join(5)
    report = next((r for r in map(_parse, reversed(lines)) if r is not None), None)
    return Ran(report, exited, "".join(lines))
