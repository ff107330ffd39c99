"""What a Gradescope bundle's ``run_autograder`` runs: grade one submission, write ``results.json``.

Gradescope puts the student's files in ``<root>/submission`` and reads
``<root>/results/results.json``; ``<root>`` is ``/autograder`` unless
``HAMZAMAN_AUTOGRADER_ROOT`` says otherwise (the kit's tests run it in a
temporary folder). The student's files are accepted at the top level, in
``exNN_slug/`` (or ``exNN/``) folders, or in ``exercises/exNN_slug/``; only the
exercise's own student files are taken, never its given files (those come
from the bundle), and then graded exactly as ``grade batch`` grades a class. A results file
is written whatever happens, so Gradescope never shows a bare failure.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from grader.core import manifest, seeds
from grader.core.cpus import usable_cpus
from grader.core.files import dump_json
from grader.core.manifest import Exercise, Text
from grader.core.records import StudentRecord
from grader.core.results import Protections
from grader.core.workspace import Workspace
from grader.instructor.batch import Batch
from grader.instructor.exports.gradescope import write_gradescope
from grader.instructor.gradebook import Gradebook
from grader.instructor.submissions import IGNORED, BadSubmission, find_root
from grader.instructor.summary import render_protections

ROOT_VAR = "HAMZAMAN_AUTOGRADER_ROOT"
CONFIG = "hamzaman-gradescope.json"
METADATA = "submission_metadata.json"  # Gradescope's, beside submission/: who submitted, when
NOTHING_FOUND = Text(
    fa="در فایل‌های ارسالی هیچ‌یک از فایل‌های این تکلیف پیدا نشد ({names}). فایل‌ها را در بالاترین سطح، "
       "در پوشهٔ exNN_slug/ یا در exercises/exNN_slug/ بفرستید.",
    en="None of this assignment's files was found in your submission ({names}). Submit them at the top "
       "level, in an exNN_slug/ folder, or in exercises/exNN_slug/.",
)
GRADER_FAILED = ("The autograder itself failed (not your code); your instructor has the details.\n"
                 "خود ارزیاب از کار افتاد (نه کد شما)؛ جزئیات نزد استاد است.")


def _unwrap(folder: Path) -> Path:
    """Loose files zipped inside one folder: look inside it."""
    while True:
        entries = [p for p in folder.iterdir() if p.name not in IGNORED and not p.name.startswith(".")]
        dirs = [p for p in entries if p.is_dir() and not p.is_symlink()]
        if len(dirs) != 1 or any(p.suffix == ".py" for p in entries):
            return folder
        folder = dirs[0]


def _roots(submission: Path) -> list[Path]:
    """Where files or exercise folders may be: the top, inside a wrapping folder, and the
    shallowest folder holding exercise folders (found as ``grade batch`` finds it)."""
    roots = [submission, _unwrap(submission)]
    try:
        roots.append(find_root(submission))
    except BadSubmission:
        pass
    return list(dict.fromkeys(roots))


def find_student_file(roots: list[Path], ex: Exercise, name: str) -> Path | None:
    for root in roots:
        for candidate in (root / "exercises" / ex.slug / name, root / ex.slug / name, root / ex.id / name,
                          root / name):
            if candidate.is_file() and not candidate.is_symlink():  # a link could point at the bundle
                return candidate
    return None


def place(submission: Path, entry: Path, exercises: tuple[Exercise, ...]) -> list[Path]:
    """Copy the student's files into ``entry/<slug>/``, the layout ``grade batch`` reads;
    an exercise with none of its files found gets no folder. Returns the files taken."""
    roots = _roots(submission)
    taken = []
    for ex in exercises:
        for name in ex.files:
            found = find_student_file(roots, ex, name)
            if found is not None:
                (entry / ex.slug).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(found, entry / ex.slug / name)
                taken.append(found)
    return taken


def _seed(root: Path, config: dict) -> int:
    """The bundle's seed, told apart per student by Gradescope's ``submission_metadata.json``: each student
    draws other inputs for the instructor-only checks, and a re-run of a submission the same ones."""
    try:
        users = json.loads((root / METADATA).read_text(encoding="utf-8")).get("users") or []
        who = sorted(str(u.get("id") or u.get("email") or "") for u in users if isinstance(u, dict))
    except (OSError, ValueError, AttributeError):
        who = []
    return seeds.derived(int(config.get("seed", 0)), *who)


def grade_submission(root: Path) -> tuple[StudentRecord, Protections]:
    """Grade as ``grade batch`` does (a class of one), so the same sandbox keeps the suites,
    and whatever else it hides, out of the student code's sight where the OS allows."""
    config = json.loads((root / "source" / CONFIG).read_text(encoding="utf-8"))
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # a child run as nobody must not read the suites either:
        manifest.SUITES.chmod(0o700)  # each grading gets a copy of its own (the container is thrown away after)
    exercises = tuple(manifest.find(name) for name in config["exercises"])
    with tempfile.TemporaryDirectory(prefix="hamzaman-gradescope-") as tmp:
        taken = place(root / "submission", Path(tmp) / "class" / "submission", exercises)
        if not taken:
            names = ", ".join(name for ex in exercises for name in ex.files)
            return StudentRecord("submission", problem=Text(fa=NOTHING_FOUND.fa.format(names=names),
                                                            en=NOTHING_FOUND.en.format(names=names))), Protections()
        book = Gradebook(Path(tmp) / "gradebook.sqlite")
        book.set_seed(_seed(root, config))
        run = Batch(Workspace(root / "source"), Path(tmp) / "class", book, exercises=exercises,
                    jobs=usable_cpus(), hide=[root / "results", root / "submission"])
        results = []
        try:
            run.run(run.plan(), lambda job, result: results.append(result))
            render_protections(results)  # run_autograder's output: what held on this container
            return book.records()[0], Protections.combined(results)
        finally:
            run.close()
            book.close()


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else os.environ.get(ROOT_VAR, "/autograder"))
    results = root / "results" / "results.json"
    try:
        lang = json.loads((root / "source" / CONFIG).read_text(encoding="utf-8")).get("lang", "fa")
        record, protections = grade_submission(root)
        write_gradescope(record, results, lang, protections)
    except Exception:  # noqa: BLE001 - Gradescope must always get a results file
        traceback.print_exc()  # run_autograder's output: shown to the instructor only
        dump_json(results, {"score": 0, "output": GRADER_FAILED, "tests": []})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
