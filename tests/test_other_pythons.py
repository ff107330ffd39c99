"""The kit works on the oldest and newest supported Pythons too.

`.ci/run` builds an environment for each and lists their interpreters in HAMZAMAN_OTHER_PYTHONS;
elsewhere this is skipped, and says so. On each, every reference solution scores 100 (every
check), and `grade instructor verify --untimed` proves the rest without the timing checks: every
alternative scores 100, every stub 0, every mutant of a check that is not timed is caught. The
timing checks and their mutants are proven once, on the default interpreter (three full proofs
side by side on two cores would take most of CI's hour).
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess

import psutil
import pytest
from conftest import REPO

PYTHONS = [p for p in os.environ.get("HAMZAMAN_OTHER_PYTHONS", "").split(os.pathsep) if p]


needs_others = pytest.mark.skipif(not PYTHONS, reason="HAMZAMAN_OTHER_PYTHONS is not set (.ci/run sets it)")


def on_every_other_python(*args: str) -> list[tuple[str, int, str, str]]:
    """``python -m grader ARGS`` on every other interpreter at once (CI's time is short; the checks bear the
    load): (python, exit code, stdout, stderr) each. A grader that overran its time goes with all it started."""
    procs = {python: subprocess.Popen([python, "-m", "grader", *args], cwd=REPO, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, encoding="utf-8")
             for python in PYTHONS}
    try:
        outputs = {python: proc.communicate(timeout=1500) for python, proc in procs.items()}
        return [(python, procs[python].returncode, out, err) for python, (out, err) in outputs.items()]
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                for p in [*psutil.Process(proc.pid).children(recursive=True), psutil.Process(proc.pid)]:
                    with contextlib.suppress(psutil.NoSuchProcess):
                        p.kill()
            proc.wait()


@pytest.mark.timeout(1800)
@needs_others
def test_every_solution_scores_100():
    for python, code, out, err in on_every_other_python("all", "--solutions", "--json"):
        assert out.strip(), (python, err[-2000:])
        below = {r["exercise"]: (r["score"], r["problem"], [c["message"] for c in r["checks"] if c["status"] != "passed"])
                 for r in json.loads(out) if r["score"] != 100}
        assert not below and code == 0, (python, below or err[-2000:])


@pytest.mark.timeout(1800)
@needs_others
def test_alternatives_stubs_and_untimed_mutants_verify():
    for python, code, out, err in on_every_other_python("instructor", "verify", "--untimed"):
        surprises = [line for line in out.splitlines() if "SURPRISE" in line]
        assert "0 surprise(s)" in out and code == 0, (python, surprises or err[-2000:])


TASKGROUP_PIPELINE = '''\
import asyncio
from asyncio import TaskGroup


async def produce(n, queue, delay):
    for i in range(n):
        await queue.put(f"page {i}")
        await asyncio.sleep(delay)


async def consume(n, queue, delay):
    out = []
    for _ in range(n):
        out.append((await queue.get()).upper())
        await asyncio.sleep(delay)
    return out


async def run_pipeline(n, fetch_delay, process_delay):
    queue = asyncio.Queue()
    async with TaskGroup() as group:
        group.create_task(produce(n, queue, fetch_delay))
        consumer = group.create_task(consume(n, queue, process_delay))
    return consumer.result()
'''


def _version(python: str) -> tuple[int, int]:
    out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True, text=True)
    return tuple(map(int, out.stdout.split()))


@needs_others
def test_an_api_too_new_for_the_interpreter_is_named(workspace):
    """A TaskGroup is right on 3.11+; on 3.10 the student reads what is missing and since when, not a traceback."""
    old = [p for p in PYTHONS if _version(p) < (3, 11)]
    if not old:
        pytest.skip("no interpreter older than 3.11 among HAMZAMAN_OTHER_PYTHONS")
    ws = workspace("ex02_async_pipeline")
    (ws / "exercises" / "ex02_async_pipeline" / "async_pipeline.py").write_text(TASKGROUP_PIPELINE, encoding="utf-8")
    for python in old:
        run = subprocess.run([python, "-m", "grader", "ex02", "--path", str(ws), "--json"], cwd=REPO,
                             capture_output=True, text=True, encoding="utf-8", timeout=300)
        result = json.loads(run.stdout)
        assert result["score"] == 0 and "`asyncio.TaskGroup`" in result["problem"], result
        assert "3.11" in result["problem"] and "Traceback" not in result["problem"]
