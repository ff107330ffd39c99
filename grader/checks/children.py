"""Watch the processes student code starts: did the work run there, and are they gone after?

Observed from outside with psutil, so it works whatever pool class or import
style the student used. multiprocessing's own helpers (the resource tracker
that spawn and forkserver keep, and forkserver's server) are meant to outlive
a pool: they are recognised, ignored, and never killed.
"""
from __future__ import annotations

import contextlib
import itertools
import threading
import time
from dataclasses import dataclass, field

import psutil

HELPERS = ("multiprocessing.resource_tracker", "multiprocessing.semaphore_tracker", "multiprocessing.forkserver")
PERIOD = 0.02


def is_helper(proc: psutil.Process) -> bool:
    """A long-lived helper of multiprocessing itself, not a worker.

    forkserver (Linux's default start method from Python 3.14) forks its workers without an exec,
    so they carry the server's command line: a worker is told apart by its parent, the server.
    """
    with contextlib.suppress(psutil.Error):
        cmdline = " ".join(proc.cmdline())
        if not any(h in cmdline for h in HELPERS):
            return False
        parent = proc.parent()
        return parent is None or " ".join(parent.cmdline()) != cmdline
    return False


def workers() -> dict[int, psutil.Process]:
    """Live descendants of this process, multiprocessing's helpers and zombies left out."""
    found = {}
    for p in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if p.status() != psutil.STATUS_ZOMBIE and not is_helper(p):
                found[p.pid] = p
    return found


def left_behind(before: set[int], grace: float = 0.5) -> list[psutil.Process]:
    """Workers started since ``before`` (a set of pids) still alive after ``grace`` seconds."""
    end = time.monotonic() + grace
    while True:
        extra = [p for pid, p in workers().items() if pid not in before]
        if not extra or time.monotonic() >= end:
            return extra
        time.sleep(0.02)


@dataclass
class Watched:
    """Samples of the CPU time (user + system) of every worker process seen during a call."""

    samples: list[dict[int, float]] = field(default_factory=list)
    reaped: float = 0.0  # CPU time of the children that ended and were waited for (Linux only, else 0)
    own_cpu: float = 0.0  # what the sampling itself cost this process, to leave out of its CPU time

    def gains(self) -> dict[int, float]:
        """CPU time each worker used between the first and the last time it was seen."""
        first: dict[int, float] = {}
        last: dict[int, float] = {}
        for sample in self.samples:
            last.update(sample)
            for pid, cpu in sample.items():
                first.setdefault(pid, cpu)
        return {pid: last[pid] - first[pid] for pid in last}

    @property
    def count(self) -> int:
        """Workers that computed during the call."""
        return sum(1 for gain in self.gains().values() if gain > 0)

    def most_alive(self, ignore: set[int] | frozenset[int] = frozenset()) -> int:
        """The most worker processes alive at once (``ignore``: pids from before the call): the pool's size.

        Unlike :attr:`count` this does not depend on how the work was shared out:
        on a busy machine one worker may take every chunk before another starts.
        """
        return max((len(sample.keys() - ignore) for sample in self.samples), default=0)

    @property
    def cpu_seconds(self) -> float:
        """Sampling misses a worker's first and last moments; the exact figure, where the OS gives it, wins."""
        return max(sum(self.gains().values()), self.reaped)

    def _stretches(self, every: int):
        """Per stretch of ``every`` samples, the CPU time each worker gained in it (those that gained)."""
        for before, after in itertools.pairwise(self.samples[::every]):
            yield [cpu - before[pid] for pid, cpu in after.items() if pid in before and cpu > before[pid]]

    def together(self, every: int = 5) -> float:
        """Of the stretches (``every`` samples long) in which some worker computed, the share in which two did.

        Work handed out one chunk at a time keeps one worker busy at a time and
        scores near 0; chunks computed in parallel score near 1, however busy
        the machine is, since each worker still gets some CPU in every stretch.
        (CPU times tick in 10 ms steps, hence stretches of several samples.)
        """
        busy = [len(g) for g in self._stretches(every) if g]
        return sum(1 for n in busy if n >= 2) / len(busy) if busy else 0.0

    def width(self, every: int = 5) -> float:
        """How many workers computed at once, on average over the CPU time they used (1 when they took turns).

        Each stretch counts its total gain over its largest single gain: two
        workers sharing the stretch evenly give 2, one alone gives 1. Other load
        slows every worker alike, so it barely changes this figure.
        """
        stretches = [g for g in self._stretches(every) if g]
        largest = sum(max(g) for g in stretches)
        return sum(map(sum, stretches)) / largest if largest else 0.0


@contextlib.contextmanager
def watch(period: float = PERIOD):
    """Sample this process's workers (a pool made earlier counts too) while the block runs."""
    seen = Watched()
    done = threading.Event()

    def sample():
        began = time.thread_time()
        while True:
            now = {}
            for pid, p in workers().items():
                with contextlib.suppress(psutil.Error):
                    t = p.cpu_times()
                    now[pid] = t.user + t.system
            seen.samples.append(now)
            if done.wait(period):
                seen.own_cpu = time.thread_time() - began
                return

    sampler = threading.Thread(target=sample, name="hamzaman-process-watch", daemon=True)
    reaped_before = _reaped()
    sampler.start()
    try:
        yield seen
    finally:
        done.set()
        sampler.join()
        seen.reaped = _reaped() - reaped_before


def _reaped() -> float:
    t = psutil.Process().cpu_times()
    return getattr(t, "children_user", 0.0) + getattr(t, "children_system", 0.0)
