"""Whatever a submission does, the student gets a clear verdict, never a hang or a traceback."""
from __future__ import annotations

import textwrap

import pytest
from conftest import REPO, grade, score_without

from grader.core import manifest

SOLUTION = (REPO / "solutions" / "ex01_generators" / "fib.py").read_text(encoding="utf-8")
FAST = {"HAMZAMAN_TIME_SCALE": "0.25"}


def graded(ws, source: str | None, *args, env=None):
    path = ws / "exercises" / "ex01_generators" / "fib.py"
    if source is None:
        path.unlink()
    else:
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return grade("ex01", "--path", str(ws), *args, env=env)


def assert_zero_with(run, *needles):
    assert run.code == 1
    assert "Score: 0/100" in run.out
    for needle in needles:
        assert needle in run.out, run.out
    assert "Traceback" not in run.out + run.err


def test_missing_file(workspace):
    assert_zero_with(graded(workspace("ex01_generators"), None), "fib.py was not found")


def test_syntax_error_names_the_line(workspace):
    run = graded(workspace("ex01_generators"), "def fib(:\n    pass\n")
    assert_zero_with(run, "Syntax error in exercises/ex01_generators/fib.py:1")


def test_error_at_import(workspace):
    run = graded(workspace("ex01_generators"), "import no_such_module_anywhere\n")
    assert_zero_with(run, "Importing your module failed", "no_such_module_anywhere")


@pytest.mark.parametrize("exit_call", ["import sys; sys.exit(0)", "import os; os._exit(0)"])
def test_exit_at_import(workspace, exit_call, no_process_left):
    run = graded(workspace("ex01_generators"), exit_call + "\n")
    assert_zero_with(run, "Importing your module failed")


# The checks that call take: its own, and the instructor-only one, which calls every function.
TAKE_CHECKS = {c.id for c in manifest.find("ex01").checks if c.id.startswith("take") or c.hidden}


def assert_only_take_fails(run, *needles):
    """A contract problem in one function fails the checks that call it; the others still count."""
    result = run.json
    failed = {c["id"] for c in result["checks"] if c["status"] == "failed"}
    assert result["problem"] is None and failed == TAKE_CHECKS, run.out
    assert result["score"] == 100 - sum(c["max_points"] for c in result["checks"] if c["id"] in TAKE_CHECKS)
    for c in result["checks"]:
        if c["id"] in TAKE_CHECKS:
            assert all(n in c["message"] for n in ("This check calls `take`", *needles)), c["message"]


def test_missing_function_fails_only_its_checks(workspace):
    run = graded(workspace("ex01_generators"), SOLUTION.replace("def take(", "def take_first("), "--json")
    assert_only_take_fails(run, "`take` is not defined in fib.py")


def test_wrong_signature_fails_only_its_checks(workspace):
    run = graded(workspace("ex01_generators"), SOLUTION.replace("def take(n: int, iterable: Iterable)", "def take(n)"),
                 "--json")
    assert_only_take_fails(run, "expected `take(n, iterable)`", "take(n)")


def test_nothing_of_the_contract_scores_zero_with_one_message(workspace):
    run = graded(workspace("ex01_generators"), "def fibonacci():\n    yield 1\n")
    assert_zero_with(run, "`fib` is not defined in fib.py")


def test_hang_at_import_is_stopped(workspace, no_process_left):
    run = graded(workspace("ex01_generators"), "while True:\n    pass\n", env=FAST)
    assert_zero_with(run, "Importing your module did not finish")


def test_a_hanging_check_fails_alone(workspace, no_process_left):
    """A hang outside any in-suite deadline is stopped by the runner; the other checks still count."""
    hanging = SOLUTION.replace("def fib() -> Iterator[int]:", "def _fib():") + textwrap.dedent("""
        def fib():
            import sys
            if sys._getframe(1).f_code.co_name == "test_fib_independent":
                while True:
                    pass
            return _fib()
    """)
    run = graded(workspace("ex01_generators"), hanging, "--json", env={"HAMZAMAN_TIME_SCALE": "0.5"})
    checks = {c["id"]: c for c in run.json["checks"]}
    assert "timed out after" in checks["fib_independent"]["message"]
    assert [c for c in checks.values() if c["status"] != "passed"] == [checks["fib_independent"]]
    assert run.json["score"] == score_without("ex01", "fib_independent")


def test_a_crash_inside_a_check_fails_that_check_only(workspace, no_process_left):
    crashing = SOLUTION.replace("    if n < 0:\n", "    if n < 0:\n        import os; os._exit(3)\n")
    run = graded(workspace("ex01_generators"), crashing, "--json")
    checks = {c["id"]: c for c in run.json["checks"]}
    assert checks["take_negative"]["status"] == "failed"
    assert "exit code 3" in checks["take_negative"]["message"]
    assert run.json["score"] == score_without("ex01", "take_negative")


def test_orphan_processes_are_killed(workspace, no_process_left, tmp_path):
    marker = tmp_path / "orphan-pid"
    spawner = SOLUTION + textwrap.dedent(f"""
        import subprocess, sys
        _p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], start_new_session=True)
        open({str(marker)!r}, "w").write(str(_p.pid))
    """)
    run = graded(workspace("ex01_generators"), spawner)
    assert run.code == 0
    import psutil
    pid = int(marker.read_text())
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_printed_output_is_captured_and_capped(workspace):
    noisy = SOLUTION.replace("    if n < 0:\n", "    print('x' * 100_000)\n    if n < 0:\n        return []\n")
    run = graded(workspace("ex01_generators"), noisy)
    assert "Your code printed" in run.out
    assert "more characters of output not shown" in run.out
    assert len(run.out) < 30_000


def test_endless_printing_is_stopped(workspace, no_process_left):
    flood = SOLUTION.replace("    if n < 0:\n", "    while n < 0:\n        print('y' * 10_000)\n    if n < 0:\n")
    run = graded(workspace("ex01_generators"), flood, "--json")
    checks = {c["id"]: c for c in run.json["checks"]}
    assert checks["take_negative"]["status"] == "failed"
    assert run.json["score"] == score_without("ex01", "take_negative")


def test_text_no_encoder_accepts_is_shown_not_crashed_on(workspace):
    odd = SOLUTION.replace("    if n < 0:\n", "    if n < 0:\n        print('\\udcff')\n        raise ValueError('\\udcff')\n")
    odd = odd.replace("def fib_below(limit: int) -> Iterator[int]:\n", "def fib_below(limit: int) -> Iterator[int]:\n    raise KeyError('\\udcff')\n")
    run = graded(workspace("ex01_generators"), odd, "--json")
    checks = {c["id"]: c for c in run.json["checks"]}
    assert checks["take_negative"]["status"] == "passed"
    assert "KeyError" in checks["fib_below_values"]["message"]
    assert run.json["score"] == score_without("ex01", "fib_below_values", "fib_below_lazy", "drawn_values")


def test_a_thread_left_running_does_not_hold_the_grading(workspace, no_process_left):
    lingering = SOLUTION + "\nimport threading, time\nthreading.Thread(target=time.sleep, args=(3600,)).start()\n"
    run = graded(workspace("ex01_generators"), lingering, "--json")
    assert run.json["score"] == 100
    assert run.json["duration"] < manifest.find("ex01").time_limit / 4  # stopped once all checks reported


def test_a_submission_that_destroys_its_own_file_loses_nothing(workspace):
    """The code runs on a copy: the student's own file is never what it deletes or rewrites."""
    ws = workspace("ex01_generators")
    source = SOLUTION + "\nimport os, pathlib\npathlib.Path(__file__).write_text('# gone')\nos.remove(__file__)\n"
    run = graded(ws, source)
    assert "Score: 100/100" in run.out, run.out
    assert (ws / "exercises" / "ex01_generators" / "fib.py").read_text(encoding="utf-8") == source
