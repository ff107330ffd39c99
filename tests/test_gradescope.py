"""`grade gradescope`: the bundle's run_autograder grades a submission and writes a valid results.json."""
from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from browser import probe as browser_probe
from conftest import REPO
from hidden_source import HIDDEN, HIDDEN_FILE, hidden_source
from kit_env import isolated_python

from grader.core import manifest
from grader.core.manifest import Text
from grader.core.records import StudentRecord
from grader.core.results import FAILED, PASSED, CheckResult, ExerciseResult, Protections
from grader.engine.isolation import bwrap
from grader.instructor import autograder, gradescope_bundle
from grader.instructor.exports import gradescope

EX01 = manifest.find("ex01")
SLUG = EX01.slug
SOLUTION = REPO / "solutions" / SLUG / "fib.py"
STATUSES = {"passed", "failed"}
VISIBILITIES = {"visible", "hidden", "after_due_date", "after_published"}
TOP_KEYS = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
            "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}
TEST_KEYS = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format",
             "tags", "visibility", "extra_data"}


def schema_errors(data: dict) -> list[str]:
    """results.json against https://gradescope-autograders.readthedocs.io/en/latest/specs/ ."""
    errors = [f"unknown key {k}" for k in set(data) - TOP_KEYS]
    if not isinstance(data.get("score"), (int, float)):
        errors.append("score must be a number")
    if not isinstance(data.get("tests"), list):
        return errors + ["tests must be a list"]
    for t in data["tests"]:
        errors += [f"unknown test key {k}" for k in set(t) - TEST_KEYS]
        if not isinstance(t.get("name"), str):
            errors.append(f"name {t}")
        if not isinstance(t.get("score"), (int, float)) or not isinstance(t.get("max_score"), (int, float)):
            errors.append(f"score/max_score {t}")
        if "status" in t and t["status"] not in STATUSES:
            errors.append(f"status {t}")
        if t.get("visibility", "visible") not in VISIBILITIES:
            errors.append(f"visibility {t}")
    return errors


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """Built from a repository where two checks of ex01 are instructor-only."""
    source = hidden_source(tmp_path_factory.mktemp("source"))
    return gradescope_bundle.build(tmp_path_factory.mktemp("bundle") / "autograder.zip", ["ex01"], "en", source)


@pytest.fixture(scope="module")
def root(bundle, tmp_path_factory):
    """/autograder as Gradescope lays it out after setup.sh, with a venv that needs no network."""
    root = tmp_path_factory.mktemp("autograder")
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(root / "source")
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")
    (root / "run_autograder").chmod(0o755)
    isolated_python(root / "venv", root / "source")
    return root


def run_autograder(root: Path, files: dict[str, Path]) -> dict:
    shutil.rmtree(root / "submission", ignore_errors=True)
    shutil.rmtree(root / "results", ignore_errors=True)
    (root / "submission").mkdir()
    (root / "results").mkdir()
    for name, src in files.items():
        (root / "submission" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, root / "submission" / name)
    proc = subprocess.run(["bash", str(root / "run_autograder")], check=False, cwd=root, capture_output=True, text=True,
                          timeout=300, env={**os.environ, autograder.ROOT_VAR: str(root)})
    assert proc.returncode == 0, proc.stderr
    data = json.loads((root / "results" / "results.json").read_text("utf-8"))
    assert schema_errors(data) == [], data
    return data


def test_bundle_layout(bundle):
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
        modes = {i.filename: i.external_attr >> 16 for i in zf.infolist()}
    assert {"setup.sh", "run_autograder", autograder.CONFIG, "pyproject.toml", "grader/exercises.toml"} <= names
    assert all(modes[n] & stat.S_IXUSR for n in ("setup.sh", "run_autograder"))
    assert {f"grader/suites/{SLUG}/test_fib.py", f"grader/suites/{SLUG}/{HIDDEN_FILE}"} <= names  # every check
    assert not [n for n in names if n.startswith(("solutions/", "tests/")) or "mutants" in n]


@pytest.mark.skipif(not shutil.which("bash"), reason="bash runs the scripts")
def test_scripts_are_valid_bash(bundle, tmp_path):
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(tmp_path)
    for name in ("setup.sh", "run_autograder"):
        subprocess.run(["bash", "-n", str(tmp_path / name)], check=True, timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="Gradescope runs Linux")
def test_run_autograder_grades_a_solution(root):
    data = run_autograder(root, {"fib.py": SOLUTION})
    assert data["score"] == 100
    assert len(data["tests"]) == len(EX01.checks)
    assert {t["status"] for t in data["tests"]} == {"passed"}
    hidden = {t["name"].rsplit("(", 1)[1].rstrip(")").split()[-1] for t in data["tests"] if t["visibility"] == "hidden"}
    assert hidden == set(HIDDEN)


@pytest.mark.skipif(sys.platform == "win32", reason="Gradescope runs Linux")
def test_run_autograder_reports_a_mutant_and_a_missing_file(root):
    mutant = next((REPO / "tests" / "mutants" / SLUG).glob("*.py"))
    data = run_autograder(root, {f"hamzaman/exercises/{SLUG}/fib.py": mutant})  # a zipped folder
    assert 0 < data["score"] < 100
    failed = [t for t in data["tests"] if t.get("status") == "failed"]
    assert failed and all(t["output"] for t in failed)
    empty = run_autograder(root, {"notes.txt": REPO / "README.md"})
    assert empty["score"] == 0 and "None of this assignment's files" in empty["output"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="namespaces are Linux-only")
def test_submission_cannot_read_the_hidden_suites(root, tmp_path):
    suite = root / "source" / "grader" / "suites" / SLUG / HIDDEN_FILE
    snoop = tmp_path / "fib.py"
    snoop.write_text(SOLUTION.read_text("utf-8") + f"""

def fib():
    try:
        seen = open({str(suite)!r}, encoding="utf-8").read()[:60]
    except OSError as e:
        seen = "blocked " + type(e).__name__
    raise RuntimeError("SNOOP " + seen)
    yield 1
""", "utf-8")
    data = run_autograder(root, {"fib.py": snoop})
    outputs = " ".join(t["output"] for t in data["tests"])
    assert "SNOOP blocked" in outputs and "Hidden checks" not in outputs


@pytest.mark.parametrize("where", ["fib.py", f"{SLUG}/fib.py", "ex01/fib.py", f"exercises/{SLUG}/fib.py",
                                   f"wrapper/exercises/{SLUG}/fib.py", f"wrapper/{SLUG}/fib.py"])
def test_submission_layouts(tmp_path, where):
    sub = tmp_path / "submission"
    (sub / where).parent.mkdir(parents=True)
    (sub / where).write_text("# mine\n")
    (sub / "sync_scraper.py").write_text("# a given file of ex04: never taken from the student\n")
    (sub / "__MACOSX").mkdir()
    entry = tmp_path / "class" / "submission"
    taken = autograder.place(sub, entry, (EX01, manifest.find("ex04")))
    assert taken == [sub / where]
    assert (entry / SLUG / "fib.py").read_text() == "# mine\n"
    assert not (entry / manifest.find("ex04").slug).exists()


def test_a_crashing_grader_still_writes_results(tmp_path):
    (tmp_path / "source").mkdir()  # no configuration: grading fails before any student code runs
    assert autograder.main([str(tmp_path)]) == 0
    data = json.loads((tmp_path / "results" / "results.json").read_text("utf-8"))
    assert data["score"] == 0 and schema_errors(data) == []


def source_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "source").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


HOSTILE = '''
import os, signal, sys
_grader = os.path.dirname(os.path.abspath(sys.modules["grader.engine.plugin"].__file__))
for _target in (os.path.join(_grader, "plugin.py"), os.path.join({results!r}, "results.json")):
    try:
        with open(_target, "a") as _f:
            _f.write("# pwned")
    except OSError:
        pass
try:
    os.kill(os.getppid(), signal.SIGKILL)
except OSError:
    pass
print("noise\\x00\\x1b[31m red \\x07")
'''


@pytest.mark.skipif(bwrap.available()[0] is None, reason=f"{bwrap.available()[1]}: without it, and without root "
                    "and a Python readable by nobody, the submission can reach the grader (README)")
def test_a_hostile_submission_cannot_change_the_bundle_stop_the_grading_or_poison_results(root, tmp_path):
    hostile = tmp_path / "fib.py"
    hostile.write_text(SOLUTION.read_text("utf-8") + HOSTILE.format(results=str(root / "results")), "utf-8")
    before = source_digest(root)
    shutil.rmtree(root / "results", ignore_errors=True)
    (root / "results").mkdir()
    shutil.rmtree(root / "submission", ignore_errors=True)
    (root / "submission").mkdir()
    shutil.copy2(hostile, root / "submission" / "fib.py")
    proc = subprocess.run(["bash", str(root / "run_autograder")], cwd=root, capture_output=True, text=True,
                          timeout=300, env={**os.environ, autograder.ROOT_VAR: str(root)})
    raw = (root / "results" / "results.json").read_text("utf-8")
    data = json.loads(raw)
    assert schema_errors(data) == [] and data["score"] == 100, data  # its attacks failed; its code is right
    assert source_digest(root) == before and "pwned" not in raw
    assert "\\u0000" not in raw and "\\u001b" not in raw and "\\u0007" not in raw
    held = next(line for line in proc.stdout.splitlines() if "held in every one" in line)
    assert "read-only kit and grader" in held and "grader out of the submission's reach" in held, proc.stdout


def test_a_persian_failure_reads_right_to_left_on_the_page(browser, tmp_path):
    """Gradescope puts each test's HTML output into its page: in a real browser the Persian block is laid
    out right to left, its code spans and the program's output left to right."""
    ex = manifest.find("ex01")
    seen = Text(fa="`take(3, [1, 2, 3, 4])` چهار عضو برداشت.", en="`take(3, [1, 2, 3, 4])` pulled four items.")
    checks = [CheckResult(c.id, FAILED, c.points, seen, output="Traceback (most recent call last): ...")
              if n == 0 else CheckResult(c.id, PASSED, c.points) for n, c in enumerate(ex.checks)]
    data = gradescope.results_json(StudentRecord("sara", [ExerciseResult(ex, checks)]), "fa",
                                   Protections(["no network"], ["cgroup memory limit"]))
    assert data["output_format"] == data["test_output_format"] == "html"
    assert "no network" in data["output"] and "cgroup memory limit" in data["output"]
    failed = next(t for t in data["tests"] if t.get("status") == "failed")
    assert not failed["name"][0].isascii(), failed["name"]  # Persian first: the name reads right to left
    page = tmp_path / "gradescope.html"
    page.write_text(f'<!doctype html><html><head><meta charset="utf-8"></head><body>'
                    f'<h2>{html.escape(failed["name"])}</h2><div class="test-output">{failed["output"]}</div>'
                    f'<div class="top-output">{data["output"]}</div></body></html>', encoding="utf-8")
    found, _ = browser_probe(browser, page, """
      const dir = el => getComputedStyle(el).direction;
      return {blocks: [...document.querySelectorAll('div[lang=fa]')].map(dir),
              code: [...document.querySelectorAll('div[lang=fa] code')].map(dir),
              output: [...document.querySelectorAll('pre')].map(dir)};""", tmp_path, "gradescope")
    assert found["blocks"] and set(found["blocks"]) == {"rtl"}, found
    assert found["code"] and set(found["code"]) == {"ltr"}, found
    assert found["output"] == ["ltr"], found
