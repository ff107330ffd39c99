"""A check that passes may still advise (``grader.checks.note``), as Exercism's analyzers do: the
note costs no points, every view shows it beside the pass, and a reference solution gets none
(``grade verify`` says so)."""
from __future__ import annotations

import shutil
import types

import pytest
from conftest import REPO, grade

from grader.checks.clocks import wall_clock_lines
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


def graded(source, tmp_path, ex=EX09, check="in_other_processes"):
    shutil.copy(source, tmp_path / ex.files[0])
    return runner.grade(Submission(ex, (tmp_path, WS.exercise_dir(ex))), [check])


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



ALTERNATIVES = REPO / "tests" / "alternatives"


@pytest.mark.parametrize("ex_id, check, alternative, line, words", [
    # the asyncio docs' recipe and an explicit join: the pool's threads are joined on the loop's thread
    ("ex05", "loop_ticks", "docs_recipe_with_pool", 10, "`with ThreadPoolExecutor`"),
    ("ex05", "loop_ticks", "explicit_shutdown_wait", 15, "pool.shutdown(wait=False)"),
    ("ex07", "cadence", "wall_clock_schedule", 16, "time.monotonic()"),  # `from time import time as now`
])
def test_a_weak_spot_the_code_shows_is_noted_every_time(ex_id, check, alternative, line, words, tmp_path):
    """Each note rests on what the code does or says, not on timing: it is there in every run."""
    ex = manifest.find(ex_id)
    for _ in range(2):
        [c] = graded(ALTERNATIVES / ex.slug / f"{alternative}.py", tmp_path, ex, check).checks
        assert c.status == PASSED and c.points == c.max_points, c.message
        assert c.message and f"{ex.files[0]}:{line}" in c.message.en and words in c.message.en, c.message
        assert f"{ex.files[0]}:{line}" in c.message.fa and words in c.message.fa


@pytest.mark.parametrize("ex_id, check", [("ex05", "loop_ticks"), ("ex07", "cadence"), ("ex10", "fastest_timeout")])
def test_no_note_for_the_reference(ex_id, check, tmp_path):
    ex = manifest.find(ex_id)
    [c] = graded(REPO / "solutions" / ex.slug / ex.files[0], tmp_path, ex, check).checks
    assert c.status == PASSED and c.message is None, c.message


def test_the_wall_clock_is_found_under_any_name_outside_the_main_block(tmp_path):
    path = tmp_path / "clocky.py"
    path.write_text("import time as t\nfrom time import time as now, monotonic\nimport datetime\n"
                    "a = t.time()\nb = now()\nc = monotonic() + t.monotonic()\nd = datetime.time()\n"
                    "if __name__ == '__main__':\n    print(t.time())\n", encoding="utf-8")
    module = types.ModuleType("clocky")
    module.__file__ = str(path)
    assert wall_clock_lines(module) == [4, 5]


def test_a_file_with_a_bom_or_a_coding_line_is_read_as_python_reads_it(tmp_path):
    """A BOM (Windows editors write one) must never turn a pass into a failure: the file is parsed from bytes."""
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbfimport time\nstarted = time.time()\n")
    module = types.ModuleType("bom")
    module.__file__ = str(path)
    assert wall_clock_lines(module) == [2]
    path.write_bytes("# -*- coding: cp1256 -*-\nimport time\n# \u0633\u0644\u0627\u0645\nt = time.time()\n".encode("cp1256"))
    assert wall_clock_lines(module) == [4]
