"""Grade one exercise: run its suite in child processes, under time limits.

A check that hangs or kills the child is failed alone, and a new child runs
the checks that are left, so the other checks still count. Whatever the
student's code does, the whole process tree is killed when a child ends.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import messages
from .events import END, LOAD_ERROR, LOADED, START, TAMPERED, EventReader
from .manifest import Exercise, Text
from .processes import MARKER, kill_tree
from .results import FAILED, CheckResult, ExerciseResult
from .workspace import Submission

LOAD_LIMIT = 20.0
POLL = 0.02
SCALE_VAR = "HAMZAMAN_TIME_SCALE"  # stretch (slow machines) or shrink (the kit's own tests) every limit
TAIL = 1500


def time_scale() -> float:
    try:
        scale = float(os.environ.get(SCALE_VAR, "1"))
    except ValueError:
        return 1.0
    return scale if scale > 0 else 1.0


@dataclass
class _Run:
    """What one child process reported before it ended or was stopped."""

    ended: dict[str, CheckResult] = field(default_factory=dict)
    running: str | None = None
    started: float = 0.0
    loaded: bool = False
    problem: Text | None = None
    hung: float | None = None  # the running check's time when it was stopped
    out_of_time: bool = False
    exit_code: int | None = None
    tail: str = ""


def _text(raw: dict | None) -> Text | None:
    return None if raw is None else Text(fa=raw["fa"], en=raw["en"])


def _tail(path: Path) -> str:
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - TAIL))
        return f.read().decode("utf-8", "replace").strip()


def _child_env(token: str) -> dict[str, str]:
    env = dict(os.environ)
    env[MARKER] = token
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONPATH", None)
    return env


def _run_child(sub: Submission, only: list[str], deadline: float) -> _Run:
    ex = sub.exercise
    run = _Run()
    token = secrets.token_hex(8)
    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory(prefix="hamzaman-") as tmp:
        events_path = Path(tmp) / "events.jsonl"
        events_path.touch()
        out_path = Path(tmp) / "output.txt"
        with out_path.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "grader.child", ex.id, str(events_path), ",".join(only),
                 *map(str, sub.dirs)],
                stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT,
                env=_child_env(token), cwd=tmp,
            )
            reader = EventReader(events_path, key)
            try:
                proc.stdin.write(key.hex().encode() + b"\n")
                proc.stdin.close()
                _watch(proc, reader, run, ex, deadline)
                if reader.forged:
                    run.problem = messages.forged()
            finally:
                kill_tree(proc.pid, token)
                proc.wait()
        run.exit_code = proc.returncode
        run.tail = _tail(out_path)
    return run


def _apply(event: dict, run: _Run, ex: Exercise, now: float) -> None:
    kind = event["event"]
    if kind == LOADED:
        run.loaded = True
    elif kind == LOAD_ERROR:
        run.problem = _text(event["message"])
    elif kind == TAMPERED:
        run.problem = messages.tampered(event.get("names", []))
    elif kind == START:
        run.running, run.started = event["check"], now
    elif kind == END:
        check_id = event["check"]
        run.ended[check_id] = CheckResult(
            id=check_id, status=event["status"], max_points=ex.check(check_id).points,
            message=_text(event.get("message")), duration=event.get("duration", 0.0),
            output=event.get("output", ""), measurements=event.get("measurements", []),
        )
        run.running = None


def _watch(proc: subprocess.Popen, reader: EventReader, run: _Run, ex: Exercise,
           deadline: float) -> None:
    scale = time_scale()
    load_deadline = time.monotonic() + LOAD_LIMIT * scale
    while True:
        exited = proc.poll() is not None
        now = time.monotonic()
        for event in reader.poll():
            _apply(event, run, ex, now)
        if exited or run.problem is not None or reader.forged:
            return
        if not run.loaded and now > min(load_deadline, deadline):
            run.problem = messages.import_hung(LOAD_LIMIT * scale)
            return
        if run.running is not None and now - run.started > ex.check(run.running).timeout * scale:
            run.hung = now - run.started
            return
        if now > deadline:
            run.out_of_time = True
            if run.running is not None:
                run.hung = now - run.started
            return
        time.sleep(POLL)


def grade(sub: Submission) -> ExerciseResult:
    ex = sub.exercise
    began = time.monotonic()
    result = ExerciseResult(ex)
    problem = sub.problem()
    done: dict[str, CheckResult] = {}
    remaining = [c.id for c in ex.checks]
    limit = ex.time_limit * time_scale()
    deadline = began + limit
    while remaining and problem is None:
        run = _run_child(sub, remaining, deadline)
        done.update(run.ended)
        if run.problem is not None:
            problem = run.problem
        elif not run.loaded:
            problem = messages.import_failed(run.tail or f"exit code {run.exit_code}")
        elif run.running is not None:
            check = ex.check(run.running)
            message = (messages.check_timed_out(round(run.hung, 1)) if run.hung is not None
                       else messages.crashed(run.exit_code, run.tail[-500:]))
            done[run.running] = CheckResult(check.id, FAILED, check.points, message,
                                            duration=run.hung or 0.0)
        else:
            for check_id in remaining:
                if check_id not in done:
                    why = messages.exercise_time_limit(limit) if run.out_of_time else messages.not_reported()
                    done[check_id] = CheckResult(check_id, FAILED, ex.check(check_id).points, why)
        if run.out_of_time:
            for check_id in remaining:
                done.setdefault(check_id, CheckResult(check_id, FAILED, ex.check(check_id).points,
                                                       messages.exercise_time_limit(limit)))
        remaining = [c for c in remaining if c not in done]
    for check in ex.checks:
        result.checks.append(done.get(check.id) or CheckResult(check.id, FAILED, check.points, messages.not_run()))
    result.problem = problem
    result.duration = time.monotonic() - began
    return result
