"""Judge a parallel speedup by evidence that holds on a shared, loaded machine.

A wall-clock speedup needs free cores: on a two-core machine that other work
keeps busy no parallel version is faster than the serial one, and a burst of
load in one contender's turn is enough to flip a ratio of wall times. So the
verdict rests on CPU accounting (psutil), which other load barely moves:

- *together*: of the stretches in which some worker computed, the share in
  which two did (one chunk handed out at a time scores near 0);
- *estimate*: the speedup the run would show with a core per worker, the
  serial version's CPU time over the run's critical path: the larger of this
  process's own CPU time and the workers' CPU time divided by how many of them
  computed at once on average (their *width*). Chunks computed in turn
  (width 1), work done in this process, and tiny tasks that multiply the CPU
  cost all bring it down.

A known-good parallel reference over the student's own ``sum_sqrt`` runs in
the same rounds, watched the same way, so the pool's start-up and the
watcher's cost weigh on both alike; the student's estimate must reach part of
the gain the reference's estimate shows (a bar that follows the CPU count, as
the reference uses one worker per usable CPU). A warm-up call of the
reference first pays what only the first pool of a process pays (imports,
multiprocessing's resource tracker), and the order of the contenders rotates
from round to round. Wall-clock speedups are measured too, and quoted where
the reference shows that free cores exist, as corroboration only: they never
decide.

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
SHARE_OF_GAIN = 0.4  # of the gain the reference's estimate shows, the part the student's must reach


def free_cores_shown(cpus: int) -> float:
    """The wall-clock speedup of the reference that shows free cores right now (quoted, never decisive)."""
    return min(3.0, 1.0 + 0.2 * (cpus - 1))


def parallel_work_seen(cpus: int) -> float:
    """The estimate the reference must reach for the CPU accounting to be trusted here at all."""
    return 1.0 + 0.25 * (cpus - 1)


def need_several_cpus(cpus: int) -> None:
    if cpus < 2:
        skip("Only one CPU can be used here, so no speedup can be measured; this check is skipped, not passed.",
             "اینجا فقط یک CPU در دسترس است و هیچ افزایش سرعتی قابل اندازه‌گیری نیست؛ این بررسی رد شد، نه قبول.")


@dataclass
class Run:
    """One timed call: its wall time, and where its CPU time went."""

    wall: float
    cpu: float  # this process's CPU time, the watcher's own sampling left out
    workers_cpu: float = 0.0
    width: float = 0.0  # workers computing at once, on average
    together: float = 0.0  # share of busy stretches with two workers computing
    workers: int = 0  # worker processes that computed

    def estimate(self, serial_cpu: float) -> float:
        """The speedup over the serial version with a free core for every worker."""
        critical = max(self.cpu, self.workers_cpu / max(self.width, 1.0))
        return serial_cpu / max(critical, 1e-6)


def serial_run(fn) -> Run:
    """``fn()`` on this thread: its CPU time is the work's own cost, whoever else runs."""
    wall, cpu = time.perf_counter(), time.thread_time()
    fn()
    return Run(time.perf_counter() - wall, time.thread_time() - cpu)


def watched_run(fn) -> Run:
    """``fn()`` with its worker processes watched."""
    with children.watch() as seen:
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return Run(wall, max(0.0, cpu - seen.own_cpu), seen.cpu_seconds, seen.width(), seen.together(), seen.count)


@dataclass
class Parallel:
    """What :func:`compare` found, from every round."""

    cpus: int
    serial: list[Run] = field(default_factory=list)
    student: list[Run] = field(default_factory=list)
    reference: list[Run] = field(default_factory=list)

    @property
    def rounds(self) -> int:
        return len(self.student)

    @property
    def serial_cpu(self) -> float:
        return min(r.cpu for r in self.serial)

    @property
    def together(self) -> float:
        return max(r.together for r in self.student)

    @property
    def together_ok(self) -> bool:
        return self.together >= TOGETHER

    @property
    def best(self) -> Run:
        """The student's run with the best estimate (the one other load disturbed least)."""
        return max(self.student, key=lambda r: r.estimate(self.serial_cpu))

    @property
    def estimate(self) -> float:
        return self.best.estimate(self.serial_cpu)

    @property
    def reference_estimate(self) -> float:
        return statistics.median(r.estimate(self.serial_cpu) for r in self.reference)

    @property
    def measurable(self) -> bool:
        """The reference's workers were seen computing in parallel, so the accounting can be trusted."""
        return self.reference_estimate >= parallel_work_seen(self.cpus)

    @property
    def needed(self) -> float:
        return 1.0 + SHARE_OF_GAIN * (self.reference_estimate - 1.0)

    @property
    def estimate_ok(self) -> bool:
        return self.estimate >= self.needed

    def wall_speedup(self, runs: list[Run]) -> float:
        return min(r.wall for r in self.serial) / min(r.wall for r in runs)

    @property
    def clear(self) -> bool:
        """No further round would change the verdict: took turns, passed, or slower than serial even then."""
        return not self.together_ok or (self.measurable and (self.estimate_ok or self.estimate < 1.0))


def compare(serial, parallel, reference, *, least: int = 2, rounds: int = 4, budget: float = 60.0) -> Parallel:
    """Time ``serial()``, ``parallel()`` (the student's) and ``reference()`` in rotating turns.

    Two rounds settle most cases; while the workers do compute together but
    the estimate falls short (or the reference's could not be trusted), more
    rounds run, up to ``rounds`` or ``budget`` seconds.
    """
    cpus = usable_cpus()
    reference()  # warm-up: the first pool of a process pays for imports and multiprocessing's helpers
    found = Parallel(cpus)
    contenders = [(found.serial, lambda: serial_run(serial)), (found.student, lambda: watched_run(parallel)),
                  (found.reference, lambda: watched_run(reference))]
    began = time.perf_counter()
    for i in range(rounds):
        for runs, run in contenders[i % 3:] + contenders[:i % 3]:
            runs.append(run())
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
        skip(f"A known-good parallel version's workers were not seen computing in parallel here (estimated speedup "
             f"{found.reference_estimate:.2f} with {found.cpus} CPUs), so the speedup cannot be judged; this check "
             "is skipped, not passed.",
             f"کارگرهای یک نسخهٔ موازی درست اینجا در حال محاسبهٔ موازی دیده نشدند (افزایش سرعت تخمینی "
             f"{found.reference_estimate:.2f} با {found.cpus} CPU)، پس افزایش سرعت قابل داوری نیست؛ این بررسی رد شد، "
             "نه قبول.")
    record("speedup with a core per worker (from CPU time)", found.estimate, found.needed)
    best = found.best
    wall, reference_wall = found.wall_speedup(found.student), found.wall_speedup(found.reference)
    corroboration = ("", "")
    if reference_wall >= free_cores_shown(found.cpus):
        corroboration = (f" Measured by the clock on this machine just now, your version was {wall:.2f} times as "
                         f"fast as the serial one and the known-good one {reference_wall:.2f}.",
                         f" با ساعت روی همین ماشین، نسخهٔ شما {wall:.2f} برابر و نسخهٔ درست {reference_wall:.2f} "
                         "برابر سریع‌تر از نسخهٔ ترتیبی بود.")
    expect(found.estimate_ok,
           f"With {found.cpus} CPUs your worker processes computed {best.width:.1f} at a time on average and used "
           f"{best.workers_cpu:.2f} s of CPU (this process {best.cpu:.2f} s) for work that takes {found.serial_cpu:.2f} s "
           f"serially: with a core per worker that makes your version {found.estimate:.2f} times as fast as the "
           f"serial one, while a known-good parallel version of the same work reaches {found.reference_estimate:.2f} "
           f"(at least {found.needed:.2f} expected; best of {found.rounds} runs, judged from CPU time, which other "
           f"load on the machine barely changes).{corroboration[0]} {too_slow[0]}",
           f"با {found.cpus} CPU پردازه‌های کارگر شما به‌طور میانگین {best.width:.1f} تا با هم حساب کردند و "
           f"{best.workers_cpu:.2f} ثانیه CPU مصرف کردند (این پردازه {best.cpu:.2f} ثانیه) برای کاری که به‌ترتیب "
           f"{found.serial_cpu:.2f} ثانیه طول می‌کشد: با یک هسته برای هر کارگر، نسخهٔ شما {found.estimate:.2f} برابر "
           f"سریع‌تر از نسخهٔ ترتیبی می‌شود، در حالی که یک نسخهٔ موازی درست از همان کار به "
           f"{found.reference_estimate:.2f} می‌رسد (دست‌کم {found.needed:.2f} انتظار می‌رفت؛ بهترینِ {found.rounds} "
           f"اجرا، از روی زمان CPU که بار دیگر ماشین تقریباً تغییرش نمی‌دهد).{corroboration[1]} {too_slow[1]}")


def calibrate(fn, *, small: int, seconds: float, largest: int) -> int:
    """The ``n`` for which ``fn(n)`` costs about ``seconds`` of CPU, judged from runs with ``small`` (linear work).

    CPU time, not wall time: on a loaded machine a wall-clock calibration would
    shrink the work until the pool's start-up outweighs it.
    """
    took = min(serial_run(lambda: fn(small)).cpu for _ in range(3))
    return max(small, min(largest, int(small * seconds / max(took, 1e-6))))
