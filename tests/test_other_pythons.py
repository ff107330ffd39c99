"""The kit works on the oldest and newest supported Pythons too: every reference solution scores 100 there.

`.ci/run` builds an environment for each and lists their interpreters in HAMZAMAN_OTHER_PYTHONS;
elsewhere this is skipped, and says so. The full proof (`grade verify`: alternatives, stubs,
mutants) runs once, on the default interpreter; on the others the solutions are what must hold,
and three full proofs side by side on two cores would take most of CI's hour.
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


@pytest.mark.timeout(1800)
@pytest.mark.skipif(not PYTHONS, reason="HAMZAMAN_OTHER_PYTHONS is not set (.ci/run sets it)")
def test_every_solution_scores_100():
    """The interpreters run side by side (CI's time is short; the checks are built to bear the load)."""
    procs = {python: subprocess.Popen([python, "-m", "grader", "all", "--solutions", "--json"], cwd=REPO,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
             for python in PYTHONS}
    try:
        for python, proc in procs.items():
            out, err = proc.communicate(timeout=1500)
            assert out.strip(), (python, err[-2000:])
            below = {r["exercise"]: (r["score"], r["problem"], [c["message"] for c in r["checks"] if c["status"] != "passed"])
                     for r in json.loads(out) if r["score"] != 100}
            assert not below and proc.returncode == 0, (python, below or err[-2000:])
    finally:  # a grader that overran its time goes with everything it started
        for proc in procs.values():
            if proc.poll() is None:
                for p in [*psutil.Process(proc.pid).children(recursive=True), psutil.Process(proc.pid)]:
                    with contextlib.suppress(psutil.NoSuchProcess):
                        p.kill()
            proc.wait()


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


@pytest.mark.skipif(not PYTHONS, reason="HAMZAMAN_OTHER_PYTHONS is not set (.ci/run sets it)")
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
