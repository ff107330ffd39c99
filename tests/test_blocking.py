"""The blocking-call detectors on the mistakes they exist for, and on the code they must leave alone."""
from __future__ import annotations

import asyncio
import importlib.util
import textwrap
import time

import pytest

from grader.checks.blocking import LoopWatch, source_findings

STUDENT = textwrap.dedent('''
    import asyncio
    import time
    from concurrent.futures import ThreadPoolExecutor
    from time import sleep as pause


    def helper(delay):
        time.sleep(delay)


    def bound_helper(delay):
        pause(delay)


    async def direct(delay):
        for _ in range(3):  # like a pipeline: one stall per item
            time.sleep(delay)
            await asyncio.sleep(0)


    async def aliased(delay):
        for _ in range(3):  # like a pipeline: one stall per item
            pause(delay)
            await asyncio.sleep(0)


    async def hidden(delay):
        for _ in range(3):  # like a pipeline: one stall per item
            helper(delay)
            await asyncio.sleep(0)


    async def hidden_bound(delay):
        for _ in range(3):  # like a pipeline: one stall per item
            bound_helper(delay)
            await asyncio.sleep(0)


    async def busy(delay):
        end = time.monotonic() + delay
        while time.monotonic() < end:
            pass


    async def spin(queue):
        while queue.empty():
            pass


    async def polite(delay, timeout=1.0):
        loop = asyncio.get_running_loop()
        await asyncio.sleep(delay)
        await loop.run_in_executor(None, time.sleep, delay)
        await asyncio.to_thread(time.sleep, delay)


    async def pooled(delay):
        with ThreadPoolExecutor(2) as pool:  # leaving it joins the idle workers: a short wait on a lock
            loop = asyncio.get_running_loop()
            await asyncio.gather(*(loop.run_in_executor(pool, time.sleep, delay) for _ in range(4)))
        pool.shutdown(wait=True)


    async def waits_on_result(delay):
        with ThreadPoolExecutor(1) as pool:
            pool.submit(time.sleep, delay).result()
        await asyncio.sleep(0)
''')

DELAY = 0.06
THRESHOLD = DELAY / 2


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    path = tmp_path_factory.mktemp("student") / "student_code.py"
    path.write_text(STUDENT, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("student_code", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def line_of(module, text: str) -> int:
    return next(i for i, line in enumerate(open(module.__file__, encoding="utf-8"), 1) if text in line)


def test_source_flags_direct_and_aliased_sleep_only(student):
    found = {(f.line, f.code) for f in source_findings(student.__file__)}
    body = [line_of(student, f"async def {name}(") + 2 for name in ("direct", "aliased")]
    assert found == {(line, "ASYNC251") for line in body}


def test_source_ignores_executor_helpers_and_style_rules(tmp_path):
    path = tmp_path / "ok.py"
    path.write_text("import asyncio, time\n\nasync def f(timeout=1.0):\n"
                    "    await asyncio.get_running_loop().run_in_executor(None, time.sleep, 1)\n"
                    "    while True:\n        await asyncio.sleep(1)\n", encoding="utf-8")
    assert source_findings(path) == []


async def watched(student, name, arg):
    async with LoopWatch(student, threshold=THRESHOLD, stop_after=1.0) as watch:
        await asyncio.wait_for(getattr(student, name)(arg), 5)
    return watch


@pytest.mark.asyncio
@pytest.mark.parametrize("name, where", [
    ("direct", "direct"), ("aliased", "aliased"), ("hidden", "helper"), ("hidden_bound", "bound_helper"),
    ("busy", "busy"), ("waits_on_result", "waits_on_result"),
])
async def test_watch_names_the_culprit(student, name, where):
    watch = await watched(student, name, DELAY * 3 if name == "busy" else DELAY)
    assert watch.culprits, f"{name}: nothing found (max lag {watch.max_lag:.3f})"
    assert watch.culprits[0].function == where
    assert name in watch.culprits[0].stack[0]


@pytest.mark.asyncio
async def test_watch_stops_a_loop_that_never_yields(student):
    started = time.monotonic()
    watch = await watched(student, "spin", asyncio.Queue())
    assert watch.stopped and watch.culprits[0].function == "spin"
    assert time.monotonic() - started < 3


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["polite", "pooled"])
async def test_watch_leaves_waiting_and_executors_alone(student, name):
    watch = await watched(student, name, DELAY)
    assert watch.culprits == []


@pytest.mark.asyncio
async def test_watch_never_changes_what_the_code_does(student):
    """A blocking call is measured, not refused: the student's code runs as it would unwatched."""
    watch = await watched(student, "direct", DELAY)
    assert watch.culprits and not watch.stopped
    assert watch.culprits[0].seconds >= DELAY * 0.9


@pytest.mark.asyncio
async def test_a_stall_outside_the_student_code_is_measured_not_blamed(student):
    async with LoopWatch(student, threshold=THRESHOLD, use_blockbuster=False) as watch:
        time.sleep(DELAY * 2)  # noqa: ASYNC251 - the grader's own frame, not the student's
        await student.polite(0.001)
    assert watch.max_lag >= DELAY and watch.culprits == []


def test_every_selected_ruff_rule_exists_in_the_installed_ruff():
    """An unknown code would make ruff fail at grading time; a new ASYNC2xx rule is left out until chosen."""
    import subprocess

    from ruff import find_ruff_bin

    from grader.checks.blocking import RULES
    for code in RULES.split(","):
        done = subprocess.run([find_ruff_bin(), "rule", code], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, (code, done.stderr)
