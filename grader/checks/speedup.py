"""Measure a parallel speedup that means something on a shared, loaded machine.

The serial version, the student's parallel version and a known-good parallel
reference run in turns, in the same process tree, several times; the fastest
time of each counts (the run the machine disturbed least). The reference shows
what parallelism the machine offers right now: the student's version must
gain a good part of what it gains, and only when the reference itself gains
clearly (a bar that follows the number of CPUs this process may use) is a
speedup demanded at all; on a two-core machine that something else keeps
busy a correct solution therefore never fails for lack of free cores.

Only processes are watched (psutil): on a free-threaded build
(``sys._is_gil_enabled()`` is False) threads would speed the work up as
well, so whether a thread pool was used is judged by where the work ran,
never by a speedup.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from . import children, expect, record, skip

TOGETHER = 0.5  # share of the busy time in which two worker processes must compute at once


def usable_cpus() -> int:
    """CPUs this process may run on (affinity where the OS has it, else the CPU count)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def free_cores_shown(cpus: int) -> float:
    """The speedup a known-good parallel version must show before a student's speedup is demanded.

    On a shared machine another session may hold every core (Linux shares the
    CPU between sessions first, then between their processes): then no
    parallel version runs faster, the student's included, and only the
    concurrency itself can be judged. This bar follows the usable CPU count.
    """
    return min(3.0, 1.0 + 0.2 * (cpus - 1))


def required_speedup(reference: float) -> float:
    """Demand a third of the gain the reference made: a serial solution makes none (it stays below 1)."""
    return 1.0 + (reference - 1.0) / 3


def need_several_cpus(cpus: int) -> None:
    if cpus < 2:
        skip("Only one CPU can be used here, so no speedup can be measured; this check is skipped, not passed.",
             "اینجا فقط یک CPU در دسترس است و هیچ افزایش سرعتی قابل اندازه‌گیری نیست؛ این بررسی رد شد، نه قبول.")


def timed(fn, *args) -> tuple[float, object]:
    began = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - began, value


@dataclass
class Timings:
    """Each contender's times, measured in turns."""

    times: dict[str, list[float]] = field(default_factory=dict)

    def best(self, name: str) -> float:
        return min(self.times[name])

    def speedup(self, name: str, serial: str = "serial") -> float:
        return self.best(serial) / self.best(name)

    @property
    def rounds(self) -> int:
        return min(map(len, self.times.values()), default=0)


def measure(contenders: dict, *, rounds: int = 3, least: int = 2, enough=lambda timings: False,
            budget: float = 45.0) -> Timings:
    """Run every contender (name -> callable) in turns, ``least`` to ``rounds`` times.

    Stops early once ``enough(timings)`` is true, or once ``budget`` seconds are
    spent (a heavily loaded machine must not push the check past its time
    limit). The best time of each counts: the run other load disturbed least.
    """
    result = Timings({name: [] for name in contenders})
    began = time.perf_counter()
    for i in range(rounds):
        for name, fn in contenders.items():
            result.times[name].append(timed(fn)[0])
        if i + 1 >= least and (enough(result) or time.perf_counter() - began > budget):
            break
    return result


@dataclass
class Parallel:
    """What :func:`compare` found: are the workers computing together, and is it faster?"""

    together: float  # best share of busy time with two workers computing at once
    speedup: float  # the student's, best serial time over best parallel time
    reference: float  # the known-good version's
    rounds: int

    @property
    def together_ok(self) -> bool:
        return self.together >= TOGETHER

    @property
    def measurable(self) -> bool:
        """The reference showed that free cores exist right now, so a speedup can be demanded."""
        return self.reference >= free_cores_shown(usable_cpus())

    @property
    def needed(self) -> float:
        return required_speedup(self.reference)

    @property
    def speedup_ok(self) -> bool:
        return not self.measurable or self.speedup >= self.needed


def compare(serial, parallel, reference, *, rounds: int = 5) -> Parallel:
    """Time ``serial()``, ``parallel()`` (the student's) and ``reference()`` in turns, watching the workers.

    Two rounds settle most cases. Bursts of load from elsewhere can make the
    student's version and the reference (the same algorithm) differ by a
    quarter in one round, so while the workers do compute together but the
    speedup still falls short, more rounds run: the best times then converge.
    Workers that take turns are a clear verdict, and stop the rounds at once.
    """
    together: list[float] = []

    def watched():
        with children.watch() as seen:
            parallel()
        together.append(seen.together())

    def verdict(t: Timings) -> Parallel:
        return Parallel(max(together), t.speedup("student"), t.speedup("reference"), t.rounds)

    timings = measure({"serial": serial, "student": watched, "reference": reference}, rounds=rounds,
                      enough=lambda t: not verdict(t).together_ok or verdict(t).speedup_ok)
    return verdict(timings)


def judge(found: Parallel, *, took_turns: tuple[str, str], too_slow: tuple[str, str]) -> None:
    """Record what :func:`compare` found and fail with the exercise's advice (each an (en, fa) pair)."""
    record("workers computing at the same time", found.together, TOGETHER, unit="share")
    expect(found.together_ok,
           f"The worker processes took turns instead of computing together: in only {found.together:.0%} of the "
           f"time some worker computed were two of them computing. {took_turns[0]}",
           f"پردازه‌های کارگر به نوبت کار کردند، نه با هم: فقط در {found.together:.0%} از زمانی که کارگری حساب "
           f"می‌کرد، دو کارگر با هم حساب می‌کردند. {took_turns[1]}")
    if not found.measurable:  # no free core right now: no version could be faster; concurrency was shown
        return
    record("speedup over the serial version", found.speedup, found.needed)
    expect(found.speedup_ok,
           f"With {usable_cpus()} CPUs your parallel version was {found.speedup:.2f} times as fast as the serial "
           f"one, while a known-good parallel version of the same work reached {found.reference:.2f} (best of "
           f"{found.rounds} runs each, in turns; at least {found.needed:.2f} expected). {too_slow[0]}",
           f"با {usable_cpus()} CPU نسخهٔ موازی شما {found.speedup:.2f} برابر سریع‌تر از نسخهٔ ترتیبی بود، در حالی "
           f"که یک نسخهٔ موازی درست از همان کار به {found.reference:.2f} رسید (بهترینِ {found.rounds} اجرای نوبتی از "
           f"هر کدام؛ دست‌کم {found.needed:.2f} انتظار می‌رفت). {too_slow[1]}")


def calibrate(fn, *, small: int, seconds: float, largest: int) -> int:
    """The ``n`` for which ``fn(n)`` takes about ``seconds``, judged from a run with ``small`` (linear work)."""
    took = min(timed(fn, small)[0] for _ in range(2))
    return max(small, min(largest, int(small * seconds / max(took, 1e-6))))
