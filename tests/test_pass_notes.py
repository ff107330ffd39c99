"""A check that passes may still advise (``grader.checks.note``), as Exercism's analyzers do: the
note costs no points, every view shows it beside the pass, and a reference solution gets none
(``grade verify`` says so)."""
from __future__ import annotations

import shutil

from conftest import REPO, grade

from grader.core import manifest
from grader.core.records import StudentRecord
from grader.core.results import PASSED
from grader.core.workspace import Submission, Workspace
from grader.engine import runner
from grader.instructor.exports import gradescope
from grader.views import page

WS = Workspace(REPO)
EX09 = manifest.find("ex09")
# Correct, but sizes the default pool with os.cpu_count(): every CPU of the machine, not the usable ones.
CPU_COUNT = REPO / "tests" / "alternatives" / "ex09_multiprocessing" / "apply_async_callback.py"


def graded(source, tmp_path):
    shutil.copy(source, tmp_path / "compute.py")
    return runner.grade(Submission(EX09, (tmp_path, WS.exercise_dir(EX09))), ["in_other_processes"])


def test_a_note_is_given_to_a_pass_and_costs_nothing(tmp_path):
    result = graded(CPU_COUNT, tmp_path)
    [c] = result.checks
    assert c.status == PASSED and c.points == c.max_points and result.score == 100
    assert "os.cpu_count()" in c.message.en and "os.cpu_count()" in c.message.fa
    assert result.to_json("en")["checks"][0]["message"] == c.message.en
    html = page.render({"ex09": page.Shown(result)}, "fa")
    assert "نکته (بی‌اثر بر نمره)" in html
    out = gradescope.results_json(StudentRecord("s", [result]), "en")
    assert any("Note (costs no points)" in t.get("output", "") for t in out["tests"])


def test_the_model_code_gets_no_note(tmp_path):
    result = graded(REPO / "solutions" / "ex09_multiprocessing" / "compute.py", tmp_path)
    assert result.checks[0].status == PASSED and result.checks[0].message is None


def test_the_terminal_shows_the_note_under_the_pass(workspace):
    ws = workspace("ex09_multiprocessing")
    shutil.copy(CPU_COUNT, ws / "exercises" / "ex09_multiprocessing" / "compute.py")
    run = grade("ex09", "--path", str(ws), "--lang", "en")
    line = next(i for i, text in enumerate(run.out.splitlines()) if "(in_other_processes)" in text)
    assert "passed" in run.out.splitlines()[line]
    assert run.out.splitlines()[line + 1].strip().startswith("Note (costs no points): The default pool size")

