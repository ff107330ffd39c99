"""A class with hostile submissions: each gets the verdict it deserves, the batch goes on,
and the honest students' grades are what they would be alone."""
from __future__ import annotations

import hashlib
import socket
import sys
import threading
import uuid

import psutil
import pytest
from conftest import EX01_MUTANT, EX01_MUTANT_FAILS, REPO, grade, score_without

from grader.engine.isolation import bwrap
from grader.instructor.gradebook import Gradebook

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the corpus forks and uses POSIX calls")

CORPUS = REPO / "tests" / "adversarial"
SOLUTION = (REPO / "solutions" / "ex01_generators" / "fib.py").read_text(encoding="utf-8")
MUTANT = EX01_MUTANT.read_text(encoding="utf-8")
HONEST = {"alice": (SOLUTION, 100), "bob": (MUTANT, score_without("ex01", *EX01_MUTANT_FAILS))}
ZERO_PROBLEM = {  # submission -> words its problem message must hold (score 0)
    "fork_bomb": "processes",
    "exit_at_import": "Importing your module failed",
    "sys_exit_at_import": "Importing your module failed",
    "patches_pytest": "replaced part of the grader or of pytest",
    "patches_plugin": "replaced part of the grader or of pytest",
    "fake_result": "tampered with",
}


class Knocker:
    """A loopback server outside every sandbox, counting who reaches it."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.sendall(SOLUTION.split("\n", 1)[1].replace("from __future__ import annotations", "").encode())
            conn.close()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    knocker, mark = Knocker(), f"hamzaman-orphan-{uuid.uuid4().hex}"
    solution_body = SOLUTION.split("\n", 1)[1].replace("from __future__ import annotations\n", "")

    def submit(student: str, source: str) -> None:
        folder = root / "submissions" / student / "exercises" / "ex01_generators"
        folder.mkdir(parents=True)
        (folder / "fib.py").write_text(source, encoding="utf-8")

    for student, (source, _) in HONEST.items():
        submit(student, source)
    peer = root / "submissions" / "alice" / "exercises" / "ex01_generators" / "fib.py"
    for path in sorted(CORPUS.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for key, value in {"{SOLUTION}": solution_body, "{KIT}": str(REPO), "{PEER}": str(peer),
                           "{PORT}": str(knocker.port), "{MARK}": mark}.items():
            source = source.replace(key, value)
        submit(path.stem, source)
    db = root / "gradebook.sqlite"
    before = kit_digest()
    run = grade("batch", str(root / "submissions"), "-j", "2", "--db", str(db), "--exercise", "ex01",
                "--path", str(REPO), env={"HAMZAMAN_TIME_SCALE": "0.5"}, timeout=600)
    book = Gradebook(db)
    records = {r.student: r for r in book.records()}
    book.close()
    orphans = [p for p in psutil.process_iter(["cmdline"]) if mark in (p.info["cmdline"] or [])]
    after = kit_digest()
    changed = sorted({*before, *after} - {k for k in before if before[k] == after.get(k)})
    return run, records, knocker, orphans, changed + [str(p) for p in REPO.rglob(f"pwned-{mark}")]


def kit_digest() -> dict[str, str]:
    """Every file of the kit and the grader but the environments and caches: what no submission may change."""
    found = {}
    for path in sorted(REPO.rglob("*")):
        parts = set(path.relative_to(REPO).parts)
        if path.is_file() and not parts & {".git", "__pycache__", ".pytest_cache", ".hamzaman"} \
                and not any(part.startswith(".venv") for part in parts):
            found[str(path.relative_to(REPO))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def result(records, student):
    (res,) = records[student].results
    return res


def test_the_batch_finishes_and_reports(graded):
    run, records, *_ = graded
    assert run.code == 0, run.err
    assert "Traceback" not in run.out + run.err
    assert set(records) == set(HONEST) | {p.stem for p in CORPUS.glob("*.py")}


@pytest.mark.parametrize("student", sorted(HONEST))
def test_honest_students_keep_their_grades(graded, student):
    assert result(graded[1], student).score == HONEST[student][1]


@pytest.mark.parametrize("student", sorted(ZERO_PROBLEM))
def test_hostile_submission_scores_zero_with_its_reason(graded, student):
    res = result(graded[1], student)
    assert res.score == 0
    assert ZERO_PROBLEM[student] in res.problem.en


@pytest.mark.parametrize("student", ["infinite_loop", "deadlock"])
def test_hanging_submissions_are_stopped(graded, student):
    res = result(graded[1], student)
    assert res.score == 0
    assert any("did not return within" in (c.message.en if c.message else "") or c.incident == "timeout"
               for c in res.checks)


def test_memory_bomb_is_stopped(graded):
    res = result(graded[1], "memory_bomb")
    assert res.score == 0
    # Which limit strikes first depends on the machine's speed: the address-space limit
    # (MemoryError), the memory watchdog, or the time limit of the import.
    assert res.incident in ("memory", "import_hang") or "MemoryError" in res.problem.en


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="namespaces are Linux-only")
def test_solutions_and_classmates_are_out_of_reach(graded):
    assert result(graded[1], "reads_solution").score == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="namespaces are Linux-only")
def test_no_network(graded):
    _, records, knocker, *_ = graded
    assert result(records, "network").score == 0
    assert knocker.connections == 0


def test_orphans_are_killed(graded):
    _, records, _, orphans, _ = graded
    assert result(records, "orphans").score == 100
    assert orphans == []


def test_megabytes_of_output_are_capped(graded):
    res = result(graded[1], "prints_megabytes")
    assert res.score == 100
    assert all(len(c.output) < 3000 for c in res.checks)


needs_bwrap = pytest.mark.skipif(bwrap.available()[0] is None, reason=(
    f"{bwrap.available()[1]}: without it the kit stays writable and the grader signalable in batch (README)"))


@needs_bwrap
def test_no_submission_changes_the_kit_or_the_grader(graded):
    *_, changed = graded
    assert not changed, f"a submission changed files of the kit or the grader: {changed}"
    assert result(graded[1], "rewrites_grader").score == 0


@needs_bwrap
def test_a_submission_cannot_kill_the_grader(graded):
    run, records, *_ = graded
    assert run.code == 0 and result(records, "kills_grader").score == 100  # its attack failed; its code is right


@needs_bwrap
def test_the_reference_beside_the_installed_package_is_out_of_reach(graded):
    assert result(graded[1], "reads_reference_via_package").score == 0


@needs_bwrap
def test_the_summary_says_what_held(graded):
    run = graded[0]
    held = next(line for line in run.out.splitlines() if "held in every one" in line)
    for measure in ("read-only kit and grader", "grader out of the submission's reach", "no network", "hidden folders"):
        assert measure in held, run.out
