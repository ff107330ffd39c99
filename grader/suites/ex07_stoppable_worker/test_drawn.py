"""Instructor-only check of ex07: failure patterns other than the public suite's, drawn per grading (``drawn``)."""
from __future__ import annotations

import threading
import time

from test_worker import FAST, Failure, Task, made, start, stop, wait_until

from grader.checks import check, expect

KINDS = (ValueError, Failure, KeyError, LookupError, TypeError)  # the kinds public checks raise, and others
UNSEEN = (OSError, TimeoutError, ZeroDivisionError, ArithmeticError, RuntimeError)  # no public check raises these


class Drawn(Task):
    """A task that raises on the calls a drawn pattern says, the very first one among them, in drawn kinds."""

    def __init__(self, pattern: list[bool], kinds: tuple[type[Exception], ...]):
        super().__init__()
        self.pattern, self.kinds = pattern, kinds

    def __call__(self):
        self.times.append(time.monotonic())
        self.threads.append(threading.current_thread())
        n = len(self.times) - 1
        if self.pattern[n % len(self.pattern)]:
            self.raised += 1
            raise self.kinds[n % len(self.kinds)](f"drawn failure {n}")


@check("drawn_failures")
def test_drawn_failures(drawn):
    pattern = [True] + [drawn.random() < 0.5 for _ in range(drawn.randint(2, 9))]
    task = Drawn(pattern, (drawn.choice(UNSEEN), *drawn.sample(KINDS, 2)))  # the first failure is of an unseen kind
    runs = drawn.randint(6, 20)
    w = made(task, FAST / 4)
    start(w, task)
    went_on = wait_until(lambda: len(task.times) >= runs)
    stopped = stop(w)
    shown = "".join("x" if p else "." for p in pattern)
    expect(went_on, f"task fails on the calls marked x in {shown} (repeated; the first call fails), and it was "
           f"called only {len(task.times)} times in 5 s: an exception ended the worker. Every Exception, of any kind "
           f"(here {', '.join(k.__name__ for k in task.kinds)}), on any call, the first too, is counted and the "
           "worker goes on.",
           f"task در اجراهایی که در {shown} با x نشان داده شده‌اند خطا می‌دهد (تکرارشونده؛ اجرای اول هم خطا می‌دهد) "
           f"و در ۵ ثانیه فقط {len(task.times)} بار اجرا شد: خطایی کارگر را از کار انداخت. هر Exception، از هر نوعی "
           f"(این‌جا {', '.join(k.__name__ for k in task.kinds)}) و در هر اجرایی، اولی هم، شمرده می‌شود و کارگر ادامه می‌دهد.")
    expect(stopped is True, f"stop() returned {stopped!r} after the worker ran a failing task; expected True.",
           f"stop() پس از اجرای taskی که خطا می‌دهد {stopped!r} را برگرداند؛ انتظار True می‌رفت.")
    expect((w.runs, w.errors) == (len(task.times), task.raised),
           f"runs = {w.runs} and errors = {w.errors}, but task was called {len(task.times)} times and raised "
           f"{task.raised} times (failing on the calls marked x in {shown}, repeated).",
           f"runs = {w.runs} و errors = {w.errors} است، ولی task {len(task.times)} بار اجرا شد و {task.raised} "
           f"بار خطا داد (در اجراهایی که در {shown} با x نشان داده شده‌اند، تکرارشونده).")
