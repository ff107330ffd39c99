"""`grade reset`: the original file comes back, the student's is kept in a timestamped backup."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from conftest import REPO, grade

from grader.cli import cli
from grader.core import manifest
from grader.core.results import PASSED, CheckResult, ExerciseResult
from grader.core.workspace import Workspace
from grader.student import progress, report, reset

SLUG = "ex01_generators"
EDITED = "def fib():\n    return [1, 1, 2]  # my attempt\n"


@pytest.fixture
def edited(workspace):
    ws = workspace(SLUG)
    (ws / "exercises" / SLUG / "fib.py").write_text(EDITED, encoding="utf-8")
    return ws


@pytest.fixture
def shipped_stubs(tmp_path, monkeypatch):
    """A student kit: pristine copies inside the grader package."""
    stubs = tmp_path / "package-stubs"
    shutil.copytree(REPO / "exercises" / SLUG, stubs / SLUG)
    monkeypatch.setattr(reset, "STUBS", stubs)
    return stubs


def _invoke(*args: str, answer: str | None = None):
    return CliRunner().invoke(cli, list(args), input=answer)


def _backups(ws):
    return sorted((ws / ".hamzaman" / "backups").glob(f"{SLUG}-*"))


def test_asks_first_and_does_nothing_when_told_no(edited, shipped_stubs):
    run = _invoke("reset", "ex01", "--path", str(edited), answer="n\n")
    assert run.exit_code == 1 and "Replace exercises/ex01_generators/fib.py" in run.output
    assert "Nothing was changed." in run.output and "Aborted" not in run.output
    assert (edited / "exercises" / SLUG / "fib.py").read_text(encoding="utf-8") == EDITED
    assert not _backups(edited)


def test_restores_the_shipped_stub_and_keeps_a_backup(edited, shipped_stubs):
    run = _invoke("reset", "ex01", "--path", str(edited), answer="y\n")
    assert run.exit_code == 0, run.output
    target = edited / "exercises" / SLUG / "fib.py"
    assert target.read_bytes() == (shipped_stubs / SLUG / "fib.py").read_bytes()
    [backup] = _backups(edited)
    assert (backup / "fib.py").read_text(encoding="utf-8") == EDITED
    assert str(backup) in run.output.replace("\n", "")
    again = _invoke("reset", "ex01", "--path", str(edited), "--yes")
    assert again.exit_code == 0 and "nothing to do" in again.output and len(_backups(edited)) == 1


def test_yes_skips_the_question_and_backups_do_not_collide(edited, shipped_stubs):
    for _ in range(2):
        (edited / "exercises" / SLUG / "fib.py").write_text(EDITED, encoding="utf-8")
        assert _invoke("reset", "ex01", "--path", str(edited), "--yes").exit_code == 0
    assert len(_backups(edited)) == 2


def test_falls_back_to_git_head(edited):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = ["git", "-C", str(edited), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    shutil.copy(REPO / "exercises" / SLUG / "fib.py", edited / "exercises" / SLUG / "fib.py")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "stub"], check=True)
    (edited / "exercises" / SLUG / "fib.py").write_text(EDITED, encoding="utf-8")
    run = grade("reset", "ex01", "--yes", "--path", str(edited))
    assert run.code == 0, run.err
    assert (edited / "exercises" / SLUG / "fib.py").read_bytes() == (REPO / "exercises" / SLUG / "fib.py").read_bytes()
    assert len(_backups(edited)) == 1


def test_says_clearly_when_no_original_exists(edited, tmp_path, monkeypatch):
    monkeypatch.setattr(reset, "STUBS", tmp_path / "no-stubs")
    run = _invoke("reset", "ex01", "--path", str(edited), "--yes")
    assert run.exit_code == 2 and "Cannot find the original" in run.output
    assert (edited / "exercises" / SLUG / "fib.py").read_text(encoding="utf-8") == EDITED


def test_a_reset_forgets_the_last_score(edited, shipped_stubs):
    """The list and the report no longer show a score the restored stub never earned."""
    ws = Workspace(edited)
    ex = manifest.find("ex01")
    progress.record(ws, [ExerciseResult(ex, [CheckResult(c.id, PASSED, c.points) for c in ex.checks])])
    other = manifest.find("ex02")
    progress.record(ws, [ExerciseResult(other, [CheckResult(c.id, PASSED, c.points) for c in other.checks])])
    assert _invoke("reset", "ex01", "--path", str(edited), "--yes").exit_code == 0
    assert progress.last(ws, ex) is None and "ex01" not in progress.load(ws)
    assert progress.load(ws)["ex02"]["score"] == 100
    listed = _invoke("list", "--path", str(edited))
    assert next(row for row in listed.output.splitlines() if row.startswith("ex01")).startswith("ex01    -/100")
    assert f'id="{ex.id}"' not in report.build(ws, "en")
