"""See which threads run the student's code while a call is in progress.

Patching ``threading.Thread`` misses names taken with ``from … import …``, so
instead a sampler thread looks at every thread's Python stack a few hundred
times a second (``sys._current_frames``) and notes the threads that are inside
a function of the student's files. A thread that sleeps inside such a function
shows up too, since its Python frame stays on its stack while it sleeps.
"""
from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field

PERIOD = 0.005


@dataclass
class Sampled:
    """What the sampler saw: per sample, the idents of threads inside the student's code."""

    caller: int
    samples: list[frozenset[int]] = field(default_factory=list)
    value: object = None

    @property
    def other_threads(self) -> set[int]:
        """Threads other than the caller that ever ran the student's code."""
        return set().union(*self.samples) - {self.caller}

    @property
    def most_at_once(self) -> int:
        """The largest number of threads other than the caller seen in the student's code together."""
        return max((len(s - {self.caller}) for s in self.samples), default=0)


def _inside(frame, files: set[str]) -> bool:
    while frame is not None:
        if frame.f_code.co_filename in files:
            return True
        frame = frame.f_back
    return False


def run_sampled(fn, *args, files: set[str], period: float = PERIOD, **kwargs) -> Sampled:
    """Call ``fn`` in this thread while a sampler records who runs code from ``files``."""
    seen = Sampled(caller=threading.get_ident())
    done = threading.Event()

    def sample():
        while True:
            frames = sys._current_frames()
            seen.samples.append(frozenset(t for t, f in frames.items() if _inside(f, files)))
            if done.wait(period):
                return

    sampler = threading.Thread(target=sample, name="hamzaman-sampler", daemon=True)
    sampler.start()
    try:
        seen.value = fn(*args, **kwargs)
    finally:
        done.set()
        sampler.join()
    return seen
