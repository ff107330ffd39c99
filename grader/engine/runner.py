"""Grade one exercise: run its suite in child processes, under time and resource limits.

A check that hangs, kills the child or runs away with processes or memory is
failed alone, and a new child runs the checks that are left, so the other
checks still count. Whatever the student's code does, the whole process tree
is killed when a child ends.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grader.core import messages, seeds
from grader.core.manifest import Exercise, Text
from grader.core.processes import MARKER, kill_tree, usage
from grader.core.results import FAILED, CheckResult, ExerciseResult, Incident, Protections, Status
from grader.core.workspace import Submission
from grader.engine.events import END, LOAD_ERROR, LOADED, SANDBOX, START, TAMPERED, EventReader
from grader.engine.isolation.cgroups import Cgroup
from grader.engine.isolation.sandbox import HIDDEN, SANDBOX_VAR, Sandbox

LOAD_LIMIT = 20.0
POLL = 0.02
USAGE_EVERY = 0.25
TAIL = 1500
SCALE_VAR = "HAMZAMAN_TIME_SCALE"  # stretch (slow machines) or shrink (the kit's own tests) every limit


def time_scale() -> float:
    try:
        scale = float(os.environ.get(SCALE_VAR, "1"))
    except ValueError:
        return 1.0
    return scale if scale > 0 else 1.0


@dataclass(frozen=True)
class Limits:
    """What one grading's process tree may hold at once.

    Processes and memory are watched with psutil on every OS; in batch grading
    on Linux a control group also caps memory and tasks (processes and threads).
    """

    processes: int = max(64, 4 * (os.cpu_count() or 1))
    memory: int = 4 * 2**30
    tasks: int = 1024


class Cancelled(Exception):
    """The grading was stopped from outside (the instructor's Ctrl-C): it has no verdict."""


@dataclass
class _Run:
    """What one child process reported before it ended or was stopped."""

    ended: dict[str, CheckResult] = field(default_factory=dict)
    running: str | None = None
    started: float = 0.0
    loaded: bool = False
    problem: Text | None = None  # ends the whole grading: load error, tampering
    incident: Incident = Incident.NONE  # what the grader had to do about the problem or the running check
    stopped: Text | None = None  # why the running check was stopped
    stopped_after: float = 0.0
    out_of_time: bool = False
    cancelled: bool = False
    exit_code: int | None = None
    tail: str = ""
    protections: Protections = field(default_factory=Protections)
    on_check: Callable[[str, CheckResult | None], None] | None = None  # see grade()


def _add_group(protections: Protections, group: Cgroup) -> None:
    protections.held += group.held
    protections.missing += group.missing
    if group.held and HIDDEN not in protections.held:
        protections.missing.append("cgroup out of the submission's reach (needs the namespaces)")


def _weakest(a: Protections, b: Protections) -> Protections:
    """A grading is only as protected as the least protected of its child processes."""
    if not (a.held or a.missing):
        return b
    return Protections([m for m in a.held if m in b.held], [*a.missing, *(m for m in b.missing if m not in a.missing)])


def _text(raw: dict | None) -> Text | None:
    return None if raw is None else Text(fa=raw["fa"], en=raw["en"])


def _status(raw) -> Status:
    """A check's status from the child; anything else than a known status earns nothing."""
    try:
        return Status(raw)
    except (ValueError, TypeError):
        return FAILED


def _tail(path: Path) -> str:
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - TAIL))
        return f.read().decode("utf-8", "replace").strip()


def _child_env(token: str, sandbox: Sandbox | None, tmp: str) -> dict[str, str]:
    env = sandbox.environment(tmp) if sandbox else dict(os.environ)
    env[MARKER] = token
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONPATH", None)
    if sandbox:
        env[SANDBOX_VAR] = json.dumps(sandbox.child_spec())
    return env


def _private_copies(dirs: tuple[Path, ...], tmp: Path) -> list[Path]:
    """The code runs on copies: a submission that deletes or rewrites its file loses nothing of the student's."""
    copies = []
    for n, d in enumerate(dirs):
        copy = tmp / f"src{n}" / d.name  # the folder keeps its name: a module may look for it
        shutil.copytree(d, copy, ignore=shutil.ignore_patterns("__pycache__", ".hamzaman", ".git", ".venv*"),
                        symlinks=True)
        copies.append(copy)
    return copies


def _own_group() -> dict:
    """Batch children leave the terminal's process group, so the instructor's Ctrl-C reaches only the grader."""
    if os.name == "nt":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _run_child(sub: Submission, only: list[str], seed: int, deadline: float, limits: Limits,
               sandbox: Sandbox | None, cancel: threading.Event | None,
               on_check: Callable[[str, CheckResult | None], None] | None = None) -> _Run:
    ex = sub.exercise
    run = _Run(on_check=on_check)
    token = secrets.token_hex(8)
    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory(prefix="hamzaman-", dir=sandbox.tmp_root if sandbox else None) as tmp:
        dirs = _private_copies(sub.dirs, Path(tmp))
        events_path = Path(tmp) / "events.jsonl"
        events_path.touch()
        out_path = Path(tmp) / "output.txt"
        group = Cgroup.create(token, limits.tasks, limits.memory) if sandbox else None
        if sandbox:
            sandbox = sandbox.for_child(Path(tmp), group.mounts)
        argv = [sys.executable, "-m", "grader.engine.child", ex.id, str(events_path), ",".join(only), str(seed),
                str(sub.suite), *map(str, dirs)]
        if sandbox:
            sandbox.hand_over()
            argv = sandbox.wrap(argv, Path(tmp), group.procs_files)
        with group or contextlib.nullcontext(), out_path.open("wb") as out:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT,
                env=_child_env(token, sandbox, tmp), cwd=tmp, **(_own_group() if sandbox else {}),
            )
            if group:
                group.add(proc.pid)  # the child waits for its key, so nothing has forked yet
            reader = EventReader(events_path, key)
            try:
                proc.stdin.write(key.hex().encode() + b"\n")
                proc.stdin.close()
                _watch(proc, reader, run, ex, set(only), deadline, limits, group, cancel)
                if reader.forged:
                    run.problem, run.incident = messages.forged(), Incident.FORGED
            except BrokenPipeError:  # the child died before reading its key
                pass
            finally:
                kill_tree(proc.pid, token, group.pids if group else tuple)
                proc.wait()
        if group and run.protections.held:  # the child reported what held on its side
            _add_group(run.protections, group)
        run.exit_code = proc.returncode
        run.tail = _tail(out_path)
    return run


def _apply(event: dict, run: _Run, ex: Exercise, now: float) -> None:
    kind = event["event"]
    if kind == SANDBOX:
        run.protections = Protections(event["held"], event["missing"])
    elif kind == LOADED:
        run.loaded = True
    elif kind == LOAD_ERROR:
        run.problem = _text(event["message"])
    elif kind == TAMPERED:
        run.problem, run.incident = messages.tampered(event.get("names", [])), Incident.TAMPERED
    elif kind == START:
        run.running, run.started = event["check"], now
        if run.on_check:
            run.on_check(run.running, None)
    elif kind == END:
        check_id = event["check"]
        run.ended[check_id] = CheckResult(
            id=check_id, status=_status(event.get("status")), max_points=ex.check(check_id).points,
            message=_text(event.get("message")), duration=event.get("duration", 0.0),
            output=event.get("output", ""), measurements=event.get("measurements", []),
        )
        run.running = None
        if run.on_check:
            run.on_check(check_id, run.ended[check_id])


def _stop(run: _Run, now: float, reason: Text, incident: Incident) -> None:
    run.incident = incident
    if run.running is not None:
        run.stopped, run.stopped_after = reason, now - run.started


def _over_limit(run: _Run, now: float, reason: Text, incident: Incident) -> None:
    if run.running is None:
        run.problem = reason
    _stop(run, now, reason, incident)


def _watch(proc: subprocess.Popen, reader: EventReader, run: _Run, ex: Exercise, wanted: set[str],
           deadline: float, limits: Limits, group: Cgroup | None, cancel: threading.Event | None) -> None:
    scale = time_scale()
    load_deadline = time.monotonic() + LOAD_LIMIT * scale
    next_usage = 0.0
    while True:
        exited = proc.poll() is not None
        now = time.monotonic()
        enforced = group.exceeded() if group else None  # read before the events, so they include its cause
        for event in reader.poll():
            _apply(event, run, ex, now)
        if enforced:  # before the rest: it explains a crash or a load error
            _over_limit(run, now, messages.too_many_tasks(limits.tasks) if enforced == Incident.TASKS
                        else messages.too_much_memory(limits.memory), enforced)
            return
        if cancel is not None and cancel.is_set():
            run.cancelled = True
            return
        if exited or run.problem is not None or reader.forged or wanted <= run.ended.keys():
            return  # every check has reported: a thread the submission left running cannot hold us
        if not run.loaded and now > min(load_deadline, deadline):
            run.problem, run.incident = messages.import_hung(LOAD_LIMIT * scale), Incident.IMPORT_HANG
            return
        if run.running is not None and now - run.started > ex.check(run.running).timeout * scale:
            _stop(run, now, messages.check_timed_out(round(now - run.started, 1)), Incident.TIMEOUT)
            return
        if now > deadline:
            run.out_of_time = True
            _stop(run, now, messages.check_timed_out(round(now - run.started, 1)), Incident.TIMEOUT)
            return
        if now >= next_usage:
            next_usage = now + USAGE_EVERY
            count, rss = usage(proc.pid)
            if count > limits.processes or rss > limits.memory:
                _over_limit(run, now, *((messages.too_many_processes(limits.processes), Incident.PROCESSES)
                                        if count > limits.processes else
                                        (messages.too_much_memory(limits.memory), Incident.MEMORY)))
                return
        time.sleep(POLL)


def _failed(ex: Exercise, check_id: str, message: Text, duration: float = 0.0,
            incident: Incident = Incident.NONE) -> CheckResult:
    return CheckResult(check_id, FAILED, ex.check(check_id).points, message, duration=duration,
                       incident=incident)


def grade(sub: Submission, only: list[str] | None = None, *, limits: Limits = Limits(),
          sandbox: Sandbox | None = None, cancel: threading.Event | None = None,
          on_check: Callable[[str, CheckResult | None], None] | None = None,
          seed: int | None = None) -> ExerciseResult:
    """Grade ``sub``; ``only`` restricts the run (and the result) to those checks, in manifest order.

    ``seed`` draws the inputs of the instructor-only checks (``grader.checks.drawn``): the same
    seed draws the same inputs, so a re-grade is reproducible; without one, a new seed is drawn
    and kept in the result (``ExerciseResult.drawn_from`` tells whether a check drew from it).

    Setting ``cancel`` stops the grading within a poll and raises :class:`Cancelled`.
    ``on_check(id, None)`` is called when a check starts and ``on_check(id, result)`` when
    its verdict is known (``grade`` shows progress with it); the checks a load error or
    the exercise's time limit fails are only in the returned result.
    """
    ex = sub.exercise
    began = time.monotonic()
    wanted = [c.id for c in ex.checks if only is None or c.id in only]
    if seed is None:
        seed = seeds.drawn()
    problem, incident = sub.problem(), ""
    done: dict[str, CheckResult] = {}
    protections = Protections()
    remaining = list(wanted)
    limit = ex.time_limit * time_scale()
    deadline = began + limit
    while remaining and problem is None:
        run = _run_child(sub, remaining, seed, deadline, limits, sandbox, cancel, on_check)
        if run.cancelled:
            raise Cancelled(ex.id)
        done.update(run.ended)
        if run.protections.held:
            protections = _weakest(protections, run.protections)
        if run.problem is not None:
            problem, incident = run.problem, run.incident
        elif not run.loaded:
            problem = messages.import_failed(run.tail or f"exit code {run.exit_code}")
        elif run.running is not None:
            reason = run.stopped or messages.crashed(run.exit_code, run.tail[-500:])
            done[run.running] = _failed(ex, run.running, reason, run.stopped_after,
                                        run.incident if run.stopped else Incident.CRASH)
            if on_check:
                on_check(run.running, done[run.running])
        elif not run.out_of_time:  # out of time: the checks left are failed just below
            for check_id in remaining:
                done.setdefault(check_id, _failed(ex, check_id, messages.not_reported()))
        if run.out_of_time:
            for check_id in remaining:
                done.setdefault(check_id, _failed(ex, check_id, messages.exercise_time_limit(limit)))
        remaining = [c for c in remaining if c not in done]
    result = ExerciseResult(ex, problem=problem, incident=incident, protections=protections, seed=seed)
    for check_id in wanted:
        result.checks.append(done.get(check_id) or _failed(ex, check_id, messages.not_run()))
    result.duration = time.monotonic() - began
    return result
