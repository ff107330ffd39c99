"""Judge a parallel speedup by evidence that holds on a shared, loaded machine.

A wall-clock speedup needs free cores: on a two-core machine that other work
keeps busy no parallel version is faster than the serial one, and a burst of
load in one contender's turn is enough to flip a ratio of wall times. Even CPU
time is no fixed price here: on a shared virtual machine the same serial work
was measured at 0.8 s and at 2.3 s of CPU a few seconds apart. So the verdict
compares the student's parallel version only with a known-good parallel
version of the same work (over the student's own ``sum_sqrt``), run in the same
rounds and watched the same way (psutil), so that the pool's start-up, the
watcher's cost and the machine's mood weigh on both alike:

- *together*: of the stretches in which some worker computed, the share in
  which two did (one chunk handed out at a time scores near 0);
- *critical path*: how long the run would take with a core per worker, the
  larger of this process's own CPU time and the workers' CPU time divided by
  how many of them computed at once on average (their *width*). Chunks
  computed in turn, work done in this process, tiny tasks that multiply the
  CPU cost and work done twice all lengthen it;
- *pace*: the known-good version's critical path over the student's, which
  must reach :data:`PACE`. It is judged only where the known-good version's
  workers were seen computing at once (a width that follows the CPU count).

The student's best round is compared with the known-good version's median,
the order of the contenders rotates from round to round, and a warm-up call
first pays what only the first pool of a process pays (imports,
multiprocessing's resource tracker). Wall times are never used.

Only processes are watched: on a free-threaded build (``sys._is_gil_enabled()``
is False) threads would speed the work up as well, so whether a thread pool
was used is judged by where the work ran, never by a speedup.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from grader.checks import children, expect, record, skip
from grader.core.cpus import usable_cpus

TOGETHER = 0.5  # share of the busy time in which two worker processes must compute at once
PACE = 0.6  # of the known-good version's pace (its critical path over the student's), the part to reach


def parallel_work_seen(cpus: int) -> float:
    """The width the known-good version's workers must show for a pace to be judged here at all."""
    return 1.0 + 0.25 * (min(cpus, 3) - 1)


def need_several_cpus(cpus: int) -> None:
    if cpus < 2:
        skip("Only one CPU can be used here, so no speedup can be measured; this check is skipped, not passed.",
             "اینجا فقط یک CPU در دسترس است و هیچ افزایش سرعتی قابل اندازه‌گیری نیست؛ این بررسی کنار گذاشته شد: نه قبول به حساب می‌آید، نه رد.")


@dataclass
class Run:
    """One watched call: where its CPU time went."""

    cpu: float  # this process's CPU time, the watcher's own sampling left out
    workers_cpu: float = 0.0
    width: float = 0.0  # workers computing at once, on average
    together: float = 0.0  # share of busy stretches with two workers computing
    workers: int = 0  # worker processes that computed

    @property
    def critical(self) -> float:
        """How long the call would take with a free core for every worker."""
        return max(self.cpu, self.workers_cpu / max(self.width, 1.0), 1e-6)


def watched_run(fn) -> Run:
    """``fn()`` with its worker processes watched."""
    with children.watch() as seen:
        cpu = time.process_time()
        fn()
        cpu = time.process_time() - cpu
    return Run(max(0.0, cpu - seen.own_cpu), seen.cpu_seconds, seen.width(), seen.together(), seen.count)


@dataclass
class Parallel:
    """What :func:`compare` found, from every round."""

    cpus: int
    student: list[Run] = field(default_factory=list)
    reference: list[Run] = field(default_factory=list)

    @property
    def rounds(self) -> int:
        return len(self.student)

    @property
    def together(self) -> float:
        return max(r.together for r in self.student)

    @property
    def together_ok(self) -> bool:
        return self.together >= TOGETHER

    @property
    def best(self) -> Run:
        """The student's run with the shortest critical path (the one other load disturbed least)."""
        return min(self.student, key=lambda r: r.critical)

    @property
    def reference_critical(self) -> float:
        return statistics.median(r.critical for r in self.reference)

    @property
    def reference_width(self) -> float:
        return statistics.median(r.width for r in self.reference)

    @property
    def measurable(self) -> bool:
        """The known-good version's workers were seen computing at once, so the accounting can be trusted."""
        return self.reference_width >= parallel_work_seen(self.cpus)

    @property
    def pace(self) -> float:
        return self.reference_critical / self.best.critical

    @property
    def pace_ok(self) -> bool:
        return self.pace >= PACE

    @property
    def clear(self) -> bool:
        """No further round would change the verdict: took turns, passed, or far too slow even then."""
        return not self.together_ok or (self.measurable and (self.pace_ok or self.pace < PACE / 2))


def compare(parallel, reference, *, least: int = 2, rounds: int = 4, budget: float = 40.0) -> Parallel:
    """Watch ``parallel()`` (the student's) and ``reference()`` in alternating turns.

    Two rounds settle most cases; while the workers do compute together but
    the pace falls short (or the reference's could not be trusted), more
    rounds run, up to ``rounds`` or ``budget`` seconds.
    """
    reference()  # warm-up: the first pool of a process pays for imports and multiprocessing's helpers
    found = Parallel(usable_cpus())
    contenders = [(found.student, parallel), (found.reference, reference)]
    began = time.perf_counter()
    for i in range(rounds):
        for runs, fn in contenders[i % 2:] + contenders[:i % 2]:
            runs.append(watched_run(fn))
        if i + 1 >= least and (found.clear or time.perf_counter() - began > budget):
            break
    return found


def judge(found: Parallel, *, took_turns: tuple[str, str], too_slow: tuple[str, str]) -> None:
    """Record what :func:`compare` found and fail with the exercise's advice (each an (en, fa) pair)."""
    record("workers computing at the same time", found.together, TOGETHER, unit="share")
    expect(any(r.workers for r in found.student),
           "No worker process computed anything: all the work ran in this process. A thread pool shares this "
           "process and, with the GIL, one CPU; the work needs a pool of processes.",
           "هیچ پردازهٔ کارگری چیزی حساب نکرد: همهٔ کار در همین پردازه انجام شد. Pool نخ‌ها در همین پردازه است و "
           "با GIL فقط یک CPU دارد؛ این کار به Poolی از پردازه‌ها نیاز دارد.")
    expect(found.together_ok,
           f"The worker processes took turns instead of computing together: in only {found.together:.0%} of the "
           f"time some worker computed were two of them computing. {took_turns[0]}",
           f"پردازه‌های کارگر به نوبت کار کردند، نه با هم: فقط در {found.together:.0%} از زمانی که کارگری حساب "
           f"می‌کرد، دو کارگر با هم حساب می‌کردند. {took_turns[1]}")
    if not found.measurable:
        skip(f"A known-good parallel version's workers were not seen computing at once here ({found.reference_width:.2f} "
             f"at a time on average with {found.cpus} CPUs), so the speedup cannot be judged; this check is "
             "skipped, not passed.",
             f"کارگرهای یک نسخهٔ موازی درست اینجا هم‌زمان در حال محاسبه دیده نشدند (به‌طور میانگین "
             f"{found.reference_width:.2f} تا با هم، با {found.cpus} CPU)، پس افزایش سرعت قابل ارزیابی نیست؛ این بررسی "
             "کنار گذاشته شد: نه قبول به حساب می‌آید، نه رد.")
    record("pace against a known-good parallel version (from CPU time)", found.pace, PACE, unit="share")
    best = found.best
    expect(found.pace_ok,
           f"With {found.cpus} CPUs your worker processes computed {best.width:.1f} at a time on average and used "
           f"{best.workers_cpu:.2f} s of CPU (this process {best.cpu:.2f} s): with a core per worker your version "
           f"would take about {best.critical:.2f} s, while a known-good parallel version of the same work, run in "
           f"the same rounds, would take {found.reference_critical:.2f} s. Yours reached {found.pace:.0%} of its pace; "
           f"at least {PACE:.0%} is expected (best of {found.rounds} runs, judged from CPU time, which other load "
           f"on the machine barely changes). {too_slow[0]}",
           f"با {found.cpus} CPU پردازه‌های کارگر شما به‌طور میانگین {best.width:.1f} تا با هم حساب کردند و "
           f"{best.workers_cpu:.2f} ثانیه CPU مصرف کردند (این پردازه {best.cpu:.2f} ثانیه): با یک هسته برای هر "
           f"کارگر، نسخهٔ شما حدود {best.critical:.2f} ثانیه طول می‌کشد، در حالی که یک نسخهٔ موازی درست از همان کار، "
           f"در همان دورها، {found.reference_critical:.2f} ثانیه. نسخهٔ شما به {found.pace:.0%} سرعت آن رسید؛ دست‌کم "
           f"{PACE:.0%} انتظار می‌رفت (بهترینِ {found.rounds} اجرا، از روی زمان CPU که بار دیگر ماشین تقریباً "
           f"تغییرش نمی‌دهد). {too_slow[1]}")


def calibrate(fn, *, small: int, seconds: float, largest: int) -> int:
    """The ``n`` for which ``fn(n)`` costs about ``seconds`` of CPU, judged from runs with ``small`` (linear work).

    CPU time, not wall time: on a loaded machine a wall-clock calibration would
    shrink the work until the pool's start-up outweighs it.
    """
    took = min(_thread_cpu(lambda: fn(small)) for _ in range(3))
    return max(small, min(largest, int(small * seconds / max(took, 1e-6))))


def _thread_cpu(fn) -> float:
    began = time.thread_time()
    fn()
    return time.thread_time() - began
