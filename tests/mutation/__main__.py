"""The mutation-testing campaign (issue #10): ``python -m tests.mutation [EXERCISE...]``.

Needs ``pip install -e '.[mutation]'``; slow (minutes per exercise), so not part of CI.
For each exercise (all of them by default) the solution's files are copied into a
temporary folder, and cosmic-ray mutates the copy (never ``solutions/`` itself, which
others grade at the same time) and grades each mutant with the real grader
(``tests/mutation/grade.py``). A mutant is killed when a check fails, a grading that
times out included; one that survives is either listed as equivalent, with a reason, in
``grader/suites/<slug>/equivalent_mutants.toml``, or it is a gap in the suite. Mutants of
code that never runs under the grader (annotations, the demo under the main guard: see
skips.py) are skipped. The unmutated copy is graded first: if it does not score 100 the
suite is broken (or being edited) and the exercise is left out, since every mutant would
look killed. The figures go to ``results.json`` and ``RESULTS.md`` beside this file; an
exercise not rerun keeps its row. The exit code is 1 while a mutant survives unexplained.
After judging survivors equivalent, ``python -m tests.mutation --recount`` sorts the
recorded survivors again from the equivalents files, without grading anything.

Why cosmic-ray and not mutmut (both tried, cosmic-ray 8.7 and mutmut 3.8):
cosmic-ray writes one mutant at a time into a file on disk, runs any test command on it
with a per-mutant timeout, and keeps a session database of mutants, diffs and outcomes.
That is exactly "grade this file as a student's": the grader runs its own child
processes with their limits. mutmut 3 writes every mutant of a file at once into a copied
tree behind trampolines (``from mutmut.mutation.trampoline import ...``), picks the live
one at call time from an environment variable, and runs pytest in its own process; the
custom runners of mutmut 2 are gone. The file the grader would see is then no student
file (it imports mutmut and wraps every function), and the grader's child process is not
mutmut's pytest. The price: cosmic-ray has no operators for calls, arguments or strings
(mutmut has), so call-heavy async code yields few mutants (ex02: 2); the hand-written
mutants in ``tests/mutants/`` cover that.
"""
from __future__ import annotations

import argparse
import datetime
import json
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from importlib.metadata import version
from pathlib import Path

from cosmic_ray.mutating import mutate_code
from cosmic_ray.plugins import get_operator
from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult
from sqlalchemy.exc import OperationalError

from grader.core import manifest
from grader.core.manifest import Exercise
from grader.engine.runner import LOAD_LIMIT, time_scale

from . import equivalents, report, skips
from .grade import REPO, Verdict, grade_folder, phases

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
TOOL = f"cosmic-ray {version('cosmic-ray')}"
PROGRESS_EVERY = 30.0


def _config(ex: Exercise, code: Path) -> str:
    # a grading per phase and a second one of the timing checks, each within the exercise's
    # time limit: past this it is the grader that hangs
    timeout = (len(phases(ex)) + 1) * (ex.time_limit + LOAD_LIMIT) * time_scale() + 60
    command = shlex.join([sys.executable, "-m", "tests.mutation.grade", ex.id, str(code)])
    paths = ", ".join(json.dumps(str(code / name)) for name in ex.files)
    return (f"[cosmic-ray]\nmodule-path = [{paths}]\ntimeout = {timeout}\nexcluded-modules = []\n"
            f"test-command = {json.dumps(command)}\n\n[cosmic-ray.distributor]\nname = \"local\"\n")


def _cosmic_ray(*args: str | Path, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "cosmic_ray.cli", *map(str, args)],
                                cwd=REPO, stdout=out, stderr=subprocess.STDOUT)


def _progress(ex: Exercise, session: Path, done: threading.Event) -> None:
    while not done.wait(PROGRESS_EVERY):
        try:
            with use_db(str(session), WorkDB.Mode.open) as db:
                print(f"  {ex.id}: {db.num_results}/{db.num_work_items} mutants done", flush=True)
        except OperationalError as e:  # busy with cosmic-ray's own write: say so, count next time
            print(f"  {ex.id}: session busy ({e.orig})", flush=True)


def _mark_ungraded(session: Path) -> None:
    """Mark SKIPPED, before grading, the mutants that are no Python and those of code never run."""
    with use_db(str(session), WorkDB.Mode.open) as db:
        sources: dict[Path, tuple[str, list[skips.Span]]] = {}
        for item in db.work_items:
            m = item.mutations[0]
            if m.module_path not in sources:
                source = m.module_path.read_text(encoding="utf-8")
                sources[m.module_path] = source, skips.never_run(source)
            source, spans = sources[m.module_path]
            reason = next((s.reason for s in spans if s.holds(tuple(m.start_pos), tuple(m.end_pos))), None)
            reason = reason or _invalid(source, m)
            if reason:
                db.set_result(item.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED, output=reason))


def _invalid(source: str, m) -> str | None:
    """Why cosmic-ray's mutant is no program to grade (``*`` of a signature made ``+``...), if it is not."""
    try:
        mutated = mutate_code(source, get_operator(m.operator_name)(**m.operator_args), m.occurrence)
        with warnings.catch_warnings():  # `x is "literal"` warns; the grader shows the student that, not us
            warnings.simplefilter("ignore", SyntaxWarning)
            compile(mutated, str(m.module_path), "exec", dont_inherit=True)
    except SyntaxError:
        return skips.INVALID
    except Exception:  # noqa: BLE001 - a fault of the operator (ExceptionReplacer on an except tuple)
        return skips.NOT_MADE
    return None


def _judge(result, output_verdict: Verdict | None) -> str:
    if result.worker_outcome != WorkerOutcome.NORMAL:
        return "unjudged"
    if result.test_outcome == TestOutcome.KILLED and result.output == "timeout":
        return "killed"  # cosmic-ray's own timeout: the grading hung
    if output_verdict is None:
        return "unjudged"  # the grading script crashed: no verdict, not a kill
    return "killed" if output_verdict.killed else "survived"


def run_exercise(ex: Exercise) -> dict | None:
    began = time.monotonic()
    entries = equivalents.load(equivalents.path_for(ex.suite))  # a bad entry stops us now, not after the run
    with tempfile.TemporaryDirectory(prefix=f"mutation-{ex.id}-") as tmp:
        code = Path(tmp) / "code"
        code.mkdir()
        for name in ex.files:
            shutil.copy(REPO / "solutions" / ex.slug / name, code / name)
        baseline = grade_folder(ex, code)
        if baseline.killed:
            print(f"{ex.id}: the unmutated solution fails {', '.join(baseline.failed)}; left out", flush=True)
            return None
        config, session, log = Path(tmp) / "cosmic-ray.toml", Path(tmp) / "session.sqlite", Path(tmp) / "cosmic-ray.log"
        config.write_text(_config(ex, code), encoding="utf-8")
        if _cosmic_ray("init", config, session, log=log).wait() != 0:
            raise RuntimeError(f"cosmic-ray init failed:\n{log.read_text(encoding='utf-8')}")
        _mark_ungraded(session)
        done = threading.Event()
        watcher = threading.Thread(target=_progress, args=(ex, session, done), daemon=True)
        watcher.start()
        execution = _cosmic_ray("exec", config, session, log=log)
        try:
            status = execution.wait()
        finally:
            done.set()
            if execution.poll() is None:  # interrupted: the grading under way ends within its time limit
                execution.terminate()
                execution.wait()
        if status != 0:
            raise RuntimeError(f"cosmic-ray exec failed:\n{log.read_text(encoding='utf-8')}")
        with use_db(str(session), WorkDB.Mode.open) as db:
            total, completed = db.num_work_items, db.completed_work_items
    return _classify(ex, entries, total, completed, time.monotonic() - began)


def _classify(ex: Exercise, entries: list[equivalents.Entry], total: int, completed, seconds: float) -> dict:
    row = {"slug": ex.slug, "tool": TOOL, "date": datetime.date.today().isoformat(), "seconds": round(seconds),
           "generated": total, "invalid": 0, "skipped": 0, "killed": 0, "unjudged": total - len(completed),
           "killed_mutants": [], "survived": [], "unjudged_mutants": []}
    for item, result in completed:
        if result.worker_outcome == WorkerOutcome.SKIPPED:
            row["invalid" if result.output in (skips.INVALID, skips.NOT_MADE) else "skipped"] += 1
            continue
        mutation = item.mutations[0]
        ident = vars(equivalents.identity(mutation.operator_name, mutation.definition_name, result.diff or ""))
        verdict = Verdict.parse(result.output or "")
        outcome = _judge(result, verdict)
        record = {"file": mutation.module_path.name, **ident, "diff": equivalents.hunks(result.diff or "")}
        if outcome == "killed":
            row["killed"] += 1
            row["killed_mutants"].append({**ident, "by": verdict.failed if verdict else ["timeout"]})
        elif outcome == "survived":
            row["survived"].append(record)
        else:
            row["unjudged"] += 1
            row["unjudged_mutants"].append({**record, "output": (result.output or "")[-600:]})
    for key in ("killed_mutants", "survived"):
        row[key].sort(key=lambda r: (r["function"], r["original"], r["operator"], r["mutated"]))
    return _recount(row, entries)


def _recount(row: dict, entries: list[equivalents.Entry]) -> dict:
    """Sort the survivors into equivalent (named in the equivalents file) and surviving."""
    def ident(record: dict) -> equivalents.Identity:
        return equivalents.Identity(*(record[k] for k in equivalents.KEYS))

    listed = {e.identity for e in entries}
    killed = {ident(r) for r in row["killed_mutants"]}
    seen = killed | {ident(r) for r in row["survived"] + row["unjudged_mutants"]}
    row["survivors"] = [r for r in row["survived"] if ident(r) not in listed]
    row["equivalent"] = len(row["survived"]) - len(row["survivors"])
    row["surviving"] = len(row["survivors"])
    # entries that name no mutant any more, or a mutant that the suite kills: both need a look
    row["stale_equivalents"] = [vars(e.identity) for e in entries if e.identity not in seen]
    row["killed_equivalents"] = [vars(e.identity) for e in entries if e.identity in killed]
    return row


def _load_results() -> dict:
    return json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}


def _save(results: dict) -> None:
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    report.write(results, manifest.exercises(), HERE / "RESULTS.md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutation", description=__doc__.split("\n")[0])
    parser.add_argument("exercises", nargs="*", help="ex01, 1 or ex01_generators; every exercise by default")
    parser.add_argument("--recount", action="store_true",
                        help="grade nothing: sort the recorded survivors again after an equivalents file changed")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` stops cosmic-ray and cleans up
    chosen = [manifest.find(name) for name in args.exercises] or list(manifest.exercises())
    if args.recount:
        results = _load_results()
        for ex in chosen:
            if ex.id in results:
                _recount(results[ex.id], equivalents.load(equivalents.path_for(ex.suite)))
                print(report.summary(ex.id, results[ex.id]))
        _save(results)
        return 0
    left_out, gaps = [], 0
    for ex in chosen:
        print(f"{ex.id}: mutating solutions/{ex.slug}/ ({TOOL})", flush=True)
        row = run_exercise(ex)
        if row is None:
            left_out.append(ex.id)
            continue
        results = _load_results()  # reread: another exercise's run may have written meanwhile
        results[ex.id] = row
        _save(results)
        print(report.summary(ex.id, row), flush=True)
        gaps += row["surviving"] + row["unjudged"]
        for s in row["survivors"]:
            print(f"\n  survivor in {s['file']}:\n{s['diff']}\n"
                  f"  if equivalent, add to {equivalents.path_for(ex.suite).relative_to(REPO)}:\n"
                  + equivalents.entry_text(equivalents.Identity(*(s[k] for k in equivalents.KEYS))), flush=True)
    return 1 if left_out or gaps else 0


if __name__ == "__main__":
    sys.exit(main())
