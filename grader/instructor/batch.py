"""Grade a whole class: every student × exercise, in parallel, safely and resumably.

Checks that measure a speedup (``timing = "cpu"``) never share the CPUs with
other gradings: a first phase runs every other check with ``jobs`` workers (the
sleep-bound timing checks among them: they are built to bear a loaded machine,
as ``tests/stress.py`` shows), a second phase runs the speedup checks one grading
at a time. So a verdict does not depend on ``-j``.
Each grading sees a private copy of one submission's files (plus the given
files and the suite), under the sandbox policy of :mod:`grader.engine.isolation.sandbox`.
"""
from __future__ import annotations

import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from grader.core import manifest
from grader.core.manifest import Exercise, Text
from grader.core.results import FAILED, CheckResult, ExerciseResult, Incident
from grader.core.workspace import Submission, Workspace
from grader.engine.fingerprint import verdict_version
from grader.engine.isolation.sandbox import GRADER_DIR, Sandbox
from grader.engine.runner import Cancelled, grade
from grader.instructor.gradebook import Gradebook
from grader.instructor.lateness import handed_in
from grader.instructor.submissions import (
    ABSENT,
    BadSubmission,
    content_hash,
    discover,
    open_entry,
    printable,
    student_files,
)


def _instructor_only(root: Path) -> list[Path]:
    """The solutions and the kit's tests (mutants hold near-solutions) of the kit and of the installed grader's tree."""
    return [root / "solutions", root / "tests"]


DEATHS_TO_BLAME = 2  # a grader that died once may have been killed by the instructor; twice is the submission


def _killed_the_grader(ex: Exercise, deaths: int) -> ExerciseResult:
    why = Text(
        fa=f"ارزیاب هنگام ارزیابی همین ارسال {deaths} بار از کار افتاد (کشته شد)؛ کد این ارسال پردازهٔ ارزیاب را "
           "می‌کشد یا از کار می‌اندازد، پس نمرهٔ صفر گرفت و ارزیابی کلاس بی آن ادامه یافت.",
        en=f"The grader died {deaths} times while grading this very submission: its code kills or crashes the "
           "grader, so it scores 0 and the class was graded without it.")
    checks = [CheckResult(c.id, FAILED, c.points, why, incident=Incident.KILLED_GRADER) for c in ex.checks]
    return ExerciseResult(ex, checks, problem=why, incident=Incident.KILLED_GRADER)


def _not_submitted(ex: Exercise) -> ExerciseResult:
    why = Text(fa=f"پوشهٔ {ex.slug} در این ارسال نبود.", en=f"The folder {ex.slug} was not in this submission.")
    checks = [CheckResult(c.id, FAILED, c.points) for c in ex.checks]
    return ExerciseResult(ex, checks, problem=why)


@dataclass
class Job:
    student: str
    exercise: Exercise
    files: dict[str, bytes]
    content_hash: str
    checks: list[str]  # what this grading runs


@dataclass
class Plan:
    shared: list[Job] = field(default_factory=list)  # run beside other gradings
    alone: list[Job] = field(default_factory=list)  # speedup checks: one grading at a time
    skipped: int = 0  # student × exercise pairs already graded for this content and grader
    died_during: list[tuple[str, str, int]] = field(default_factory=list)  # student, exercise, grader deaths

    @property
    def total(self) -> int:
        return len(self.shared) + len(self.alone)


class Batch:
    def __init__(self, kit: Workspace, submissions: Path, gradebook: Gradebook, *, jobs: int = 1,
                 force: bool = False, exercises: tuple[Exercise, ...] | None = None, hide: list[Path] = (),
                 students: frozenset[str] | None = None, checks: frozenset[str] | None = None):
        """``students`` and ``checks`` narrow a re-grade (an appeal, a fixed check): only those
        students are looked at, and those checks are graded again whatever the gradebook holds;
        the rest of the gradebook is left as it is."""
        self.kit = kit
        self.submissions = submissions.resolve()
        self.gradebook = gradebook
        self.jobs = max(1, jobs)
        self.force = force
        self.exercises = exercises or manifest.exercises()
        self.students, self.checks = students, checks
        self.versions = {ex.id: verdict_version(ex) for ex in self.exercises}  # what a verdict depends on
        self.staging = Path(tempfile.mkdtemp(prefix="hamzaman-batch-"))
        db = gradebook.path.resolve()
        self.policy = Sandbox(
            hide=[*_instructor_only(kit.root), *_instructor_only(GRADER_DIR.parent), manifest.SUITES, self.submissions,
                  self.staging, db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), *hide],
            tmp_root=self.staging / "tmp", protect=[kit.root],
        )
        self.policy.tmp_root.mkdir()
        for folder in (self.staging, self.policy.tmp_root):  # a child run as nobody may pass, not list
            folder.chmod(0o711)
        self.cancel = threading.Event()  # set on the instructor's Ctrl-C: running gradings stop, unsaved
        self.deaths: dict[tuple[str, str, str], int] = {}

    def close(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _now(self) -> str:
        return datetime.now(timezone.utc).isoformat(timespec="seconds")

    def plan(self) -> Plan:
        plan = Plan()
        self.deaths = self.gradebook.count_deaths()
        for n, entry in enumerate(discover(self.submissions)):
            if self.students is not None and entry.name not in self.students:
                continue
            self.gradebook.add_student(entry.name, printable(str(entry.path)))
            try:
                root = open_entry(entry, self.staging / "unpacked" / str(n))
                self.gradebook.set_problem(entry.name, None)
            except (BadSubmission, OSError) as e:
                text = e.text if isinstance(e, BadSubmission) else Text(
                    fa=f"این ارسال خوانده نشد: {e}", en=f"This submission could not be read: {e}")
                self.gradebook.set_problem(entry.name, text)
                continue
            for ex in self.exercises:
                if (handed := handed_in(entry, root, ex)) is not None:
                    self.gradebook.set_handed(entry.name, ex.id, handed.at.isoformat(), handed.source)
                self._plan_exercise(plan, entry.name, root, ex)
        return plan

    def _plan_exercise(self, plan: Plan, student: str, root: Path, ex: Exercise) -> None:
        files = student_files(root, ex)
        digest = ABSENT if files is None else content_hash(files)
        if self.force:
            self.gradebook.forget(student, ex.id)
        elif self.checks:
            self.gradebook.forget_checks(student, ex.id, {c.id for c in ex.checks} & self.checks)
        done = self.gradebook.done(student, ex.id, digest, self.versions[ex.id])
        deaths = self.deaths.get((student, ex.id, digest), 0)
        if deaths and len(done) < len(ex.checks):
            plan.died_during.append((student, ex.id, deaths))
            if deaths >= DEATHS_TO_BLAME:
                self.gradebook.save(student, _killed_the_grader(ex, deaths), digest, self.versions[ex.id], self._now())
                plan.skipped += 1
                return
        if files is None:
            if not done:
                self.gradebook.save(student, _not_submitted(ex), ABSENT, self.versions[ex.id], self._now())
            plan.skipped += 1
            return
        shared = [c.id for c in ex.checks if not c.alone and c.id not in done]
        alone = [c.id for c in ex.checks if c.alone and c.id not in done]
        if not shared and not alone:
            plan.skipped += 1
        if shared:
            plan.shared.append(Job(student, ex, files, digest, shared))
        if alone:
            plan.alone.append(Job(student, ex, files, digest, alone))

    def _stage(self, job: Job) -> tuple[Submission, Sandbox]:
        """A private folder with the student's files, the given files and a copy of the suite."""
        stage = Path(tempfile.mkdtemp(prefix="g-", dir=self.staging))
        stage.chmod(0o711)
        work, suite = stage / job.exercise.slug, stage / "suite"
        work.mkdir()
        for name, data in job.files.items():
            (work / name).write_bytes(data)
        for name in job.exercise.given:
            shutil.copy2(self.kit.exercise_dir(job.exercise) / name, work / name)
        shutil.copytree(job.exercise.suite, suite, ignore=shutil.ignore_patterns("__pycache__"))
        sub = Submission(job.exercise, (work,), suite_copy=suite)
        return sub, replace(self.policy, keep=[work, suite])

    def _grade(self, job: Job) -> ExerciseResult | None:
        """Grade and store one job; None when the batch was stopped first (nothing is stored then)."""
        if self.cancel.is_set():
            return None
        sub, sandbox = self._stage(job)
        self.gradebook.begin(job.student, job.exercise.id, job.content_hash)
        try:
            result = grade(sub, job.checks, sandbox=sandbox, cancel=self.cancel,
                           seed=self.gradebook.seed_for(job.student, job.exercise.id))
        except (Cancelled, KeyboardInterrupt):
            self.gradebook.abandon(job.student, job.exercise.id, job.content_hash)
            raise
        finally:
            shutil.rmtree(sub.dirs[0].parent, ignore_errors=True)
        self.gradebook.save(job.student, result, job.content_hash, self.versions[job.exercise.id], self._now())
        return result

    def run(self, plan: Plan, advance: Callable[[Job, ExerciseResult], None] = lambda j, r: None) -> None:
        """Grade the plan; on Ctrl-C the running gradings are stopped and nothing unfinished is stored."""
        pool = ThreadPoolExecutor(self.jobs)
        try:
            futures = {pool.submit(self._grade, job): job for job in plan.shared}
            for future in as_completed(futures):
                advance(futures[future], future.result())
            for job in plan.alone:  # alone on the machine: a speedup must not depend on -j
                advance(job, self._grade(job))
        except (KeyboardInterrupt, Cancelled):
            self.cancel.set()
            raise KeyboardInterrupt from None
        finally:
            _wait_for(pool)


def _wait_for(pool: ThreadPoolExecutor) -> None:
    """Let the worker threads end before the gradebook closes; a second Ctrl-C meanwhile is ignored.

    Interrupting ``Thread.join`` can mark a thread as ended while it still runs (CPython 3.11), and a
    worker then writing to a closed gradebook loses what it stores, or crashes the interpreter. Once
    cancelled, every grading ends within a poll, so the wait is short.
    """
    main = threading.current_thread() is threading.main_thread()
    kept = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)} if main else {}
    try:
        pool.shutdown(wait=True, cancel_futures=True)
    finally:
        for signum, handler in kept.items():
            signal.signal(signum, handler)
