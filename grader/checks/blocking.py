"""Find calls that block the event loop: in the source, and while the student's coroutines run.

Two views, because each misses what the other sees:

- :func:`source_findings` asks ruff's ASYNC2xx rules (blocking HTTP, subprocess,
  ``open``, ``os.path``, ``input``, ``time.sleep`` called inside ``async def``).
  Ruff resolves imports, so ``from time import sleep as pause`` is caught; a
  function merely passed along (``run_in_executor(None, time.sleep, 1)``) is not
  a call and is not flagged. It cannot see a blocking call hidden in a sync helper.
- :class:`LoopWatch` watches the running loop: a heartbeat task measures the
  worst lag, and a watchdog thread samples the loop thread's stack whenever the
  heartbeat is late, so any stall (a sleep, a busy loop, heavy computing) is
  pinned to the line of the student's file that held the loop. blockbuster's
  patches time the known blocking calls (sleeps, sockets, files, a lock taken
  while another thread holds it) that the student's code makes on the loop's
  thread; on Python 3.13+ the ``time.sleep`` audit event sees even a ``sleep``
  bound by ``from time import sleep`` before the watch began (blockbuster
  patches ``time.sleep`` and misses it). A stall whose stack is not in the
  student's files (the machine being busy) is measured in ``max_lag`` but never
  blamed on the student.

The loop is judged by what it suffered, never by the mere presence of a blocking
primitive: a call is blamed only when it held the loop for ``threshold`` seconds
or more, a figure each suite derives from what its exercise does (a fraction of
one simulated download, say). So joining an executor's idle workers, which
takes a lock for a millisecond (``with ThreadPoolExecutor(...) as pool:`` in a
coroutine, the asyncio docs' own recipe), passes, while waiting on a pending
``future.result()`` or ``time.sleep(delay)`` does not. The watched code is never
changed: a blocking call runs to its end and is only measured, so the verdict
on the rest of the behaviour is the one the student's code earns.
"""
from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import linecache
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from types import ModuleType

from blockbuster import BlockBuster, BlockingError
from ruff import find_ruff_bin

# ruff's blocking-call rules, by exact code: a later ruff that adds an ASYNC2xx rule must not change a
# verdict between a student's install and the instructor's (ASYNC1xx are style rules, not blocking calls)
RULES = "ASYNC210,ASYNC212,ASYNC220,ASYNC221,ASYNC222,ASYNC230,ASYNC240,ASYNC250,ASYNC251"


@dataclass(frozen=True, order=True)
class Finding:
    line: int
    code: str
    message: str


def source_findings(path: str | os.PathLike) -> list[Finding]:
    """Blocking calls made directly inside the ``async def`` bodies of ``path``, per ruff."""
    proc = subprocess.run(
        [find_ruff_bin(), "check", "--isolated", "--no-cache", "--exit-zero", "--select", RULES,
         "--output-format", "json", str(path)],
        check=False, capture_output=True, text=True, encoding="utf-8", stdin=subprocess.DEVNULL, timeout=60,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"ruff failed ({proc.returncode}): {proc.stderr.strip()}")
    return sorted(Finding(d["location"]["row"], d["code"], d["message"])
                  for d in json.loads(proc.stdout) if d.get("code"))


class LoopStopped(Exception):
    """Raised inside a loop that the student's code held longer than ``stop_after``."""


@dataclass
class Culprit:
    """Where the loop was held: the innermost frame of the student's files, and for how long."""

    file: str
    line: int
    function: str
    stack: tuple[str, ...]  # the student's frames, outermost first, as "function:line"
    seconds: float = 0.0
    how: set[str] = field(default_factory=set)

    @property
    def code(self) -> str:
        return linecache.getline(self.file, self.line).strip()

    def __str__(self) -> str:
        chain = " -> ".join(self.stack)
        held = f", held the loop {self.seconds:.3f} s" if self.seconds else ""
        return f"{Path(self.file).name}:{self.line} in {self.function} ({chain}): {self.code}{held} [{', '.join(sorted(self.how))}]"


_STDLIB_WAITS = {("threading.py", "start"), ("thread.py", "submit")}  # (file name, function)


class _Student:
    """Tells which frames belong to the student's files.

    Only string operations here: this runs inside the audit hook, the
    sampler and blockbuster's patches, where a file-system call would itself
    be a watched blocking call.
    """

    def __init__(self, modules: tuple[ModuleType, ...]):
        self.files = {os.path.normcase(p) for m in modules for p in (m.__file__, os.path.abspath(m.__file__))}

    def owns(self, filename: str) -> bool:
        return os.path.normcase(filename) in self.files

    def frames(self, frame) -> list[tuple[str, int, str]]:
        """The student's frames from ``frame`` outwards (innermost first)."""
        found = []
        while frame is not None:
            if self.owns(frame.f_code.co_filename):
                found.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name))
            frame = frame.f_back
        return found

    def holding(self, frame) -> list[tuple[str, int, str]]:
        """Like :meth:`frames`, but empty while the student's code waits in a short wait of the stdlib's own.

        Starting an executor's worker thread (``run_in_executor``, ``to_thread``)
        waits on the loop's thread until the new thread runs, which on a loaded
        machine can take a while; that is asyncio's doing, not a blocking call.
        """
        inner = frame
        while inner is not None and not self.owns(inner.f_code.co_filename):
            name = inner.f_code.co_filename.replace("\\", "/").rsplit("/", 1)[-1]
            if (name, inner.f_code.co_name) in _STDLIB_WAITS:
                return []
            inner = inner.f_back
        return self.frames(frame)


def _leaves(exc: BaseException | None):
    """Every exception inside ``exc``: groups (TaskGroup) opened, causes followed."""
    seen = set()
    todo = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend(getattr(e, "exceptions", ()))
        todo.extend((e.__cause__, e.__context__))


_WATCHES: list[LoopWatch] = []  # the active watches, seen by the audit hook


def _audit(event: str, args: tuple) -> None:
    if event == "time.sleep" and _WATCHES:
        with contextlib.suppress(Exception):  # an exception here would surface from the student's sleep
            for watch in tuple(_WATCHES):
                watch._slept(args[0] if args else 0.0)


_hooked = False


def _hook_audit() -> None:
    """Audit hooks cannot be removed: install one for the process, idle when no watch is active."""
    global _hooked
    if not _hooked and sys.version_info >= (3, 13):
        sys.addaudithook(_audit)
        _hooked = True


def _interrupt(thread_id: int, exc: type[BaseException]) -> bool:
    """Raise ``exc`` in another thread at its next bytecode (CPython): stops a busy loop."""
    with contextlib.suppress(AttributeError, OSError):
        return ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc)) == 1
    return False


class LoopWatch:
    """``async with LoopWatch(student, threshold=0.025) as watch:`` around awaiting the student's code.

    Afterwards ``watch.max_lag`` is the heartbeat's worst lateness (seconds, whatever
    its cause) and ``watch.culprits`` lists the places in the student's files that
    held the loop for ``threshold`` seconds or more (a known blocking call that
    lasted that long, or a stall seen in the stack samples), worst first. A stall in
    the student's code longer than ``stop_after`` seconds is ended by raising
    :class:`LoopStopped` in it, so a busy loop cannot hang the suite; that exception
    is recorded and not re-raised.
    """

    def __init__(self, *modules: ModuleType, threshold: float, stop_after: float | None = 3.0,
                 use_blockbuster: bool = True):
        self.threshold = threshold
        self.stop_after = stop_after
        self.interval = min(max(threshold / 5, 0.001), 0.01)
        self.max_lag = 0.0
        self.stopped = False
        self._student = _Student(modules)
        self._blockbuster = BlockBuster(list(modules)) if use_blockbuster else None
        self._found: dict[tuple[str, int, str], Culprit] = {}
        self._lock = threading.Lock()
        self._last_beat = 0.0
        self._done = threading.Event()
        self._measuring = threading.local()  # set while a measured call is being blamed: no recursion

    @property
    def culprits(self) -> list[Culprit]:
        with self._lock:
            return sorted(self._found.values(), key=lambda c: -c.seconds)

    def _blame(self, frames: list[tuple[str, int, str]], seconds: float, how: str) -> None:
        file, line, function = frames[0]
        stack = tuple(f"{name}:{lineno}" for _, lineno, name in reversed(frames))
        with self._lock:
            culprit = self._found.setdefault((file, line, function), Culprit(file, line, function, stack))
            culprit.seconds = max(culprit.seconds, seconds)
            culprit.how.add(how)

    # -- the loop's side -------------------------------------------------------
    async def __aenter__(self) -> LoopWatch:
        self._thread_id = threading.get_ident()
        self._last_beat = time.monotonic()
        self._heartbeat = asyncio.get_running_loop().create_task(self._beat())
        self._watchdog = threading.Thread(target=self._watch, name="hamzaman-loopwatch", daemon=True)
        self._watchdog.start()
        if self._blockbuster is not None:
            self._blockbuster.activate()
            self._measure_blockbusters()
        _hook_audit()
        _WATCHES.append(self)
        return self

    def _measure_blockbusters(self) -> None:
        """Turn each of blockbuster's patches from raising into measuring.

        blockbuster decides whether a call is a blocking one made from the student's
        code with a loop running (its exclusions included: an uncontended lock, the
        stdlib starting a thread); where it would raise, the real call runs instead
        and its duration goes to :meth:`_blocked`. ``deactivate`` puts the originals back.
        """
        for patched in self._blockbuster.functions.values():
            if patched.activated:
                checker = getattr(patched.module, patched.func_name)
                measured = self._measured(checker, patched.original_func, patched.full_name)
                try:
                    setattr(patched.module, patched.func_name, measured)
                except TypeError:  # a builtin type (a lock): blockbuster patched it through forbiddenfruit
                    import forbiddenfruit

                    forbiddenfruit.curse(patched.module, patched.func_name, measured)

    def _measured(self, checker, original, name: str):
        def call(*args, **kwargs):
            try:
                return checker(*args, **kwargs)
            except BlockingError:
                pass
            started = time.monotonic()
            try:
                return original(*args, **kwargs)
            finally:
                self._blocked(name, time.monotonic() - started)
        return call

    def _blocked(self, name: str, seconds: float) -> None:
        """A known blocking call from the student's code has returned after ``seconds``."""
        if seconds < self.threshold or threading.get_ident() != self._thread_id:
            return
        if getattr(self._measuring, "on", False):
            return
        self._measuring.on = True
        try:
            frames = self._student.frames(sys._getframe(2))
            if frames:
                self._blame(frames, seconds, f"{name} blocked")
        finally:
            self._measuring.on = False

    async def _beat(self) -> None:
        while True:  # lateness counts from the previous beat (the first: entering), so no stall escapes
            await asyncio.sleep(self.interval)
            now = time.monotonic()
            self.max_lag = max(self.max_lag, now - self._last_beat - self.interval)
            self._last_beat = now

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        _WATCHES.remove(self)
        if self._blockbuster is not None:
            self._blockbuster.deactivate()
        self.max_lag = max(self.max_lag, time.monotonic() - self._last_beat - self.interval)
        self._heartbeat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._heartbeat
        self._done.set()
        self._watchdog.join()
        return any(isinstance(e, LoopStopped) for e in _leaves(exc))

    def _slept(self, seconds: float) -> None:
        """Audit hook (3.13+): a time.sleep on the loop's thread, called from the student's code."""
        if seconds >= self.threshold and threading.get_ident() == self._thread_id:
            frames = self._student.frames(sys._getframe(1))
            if frames:
                self._blame(frames, seconds, "time.sleep (audit event)")

    # -- the watchdog thread's side ---------------------------------------------
    def _watch(self) -> None:
        poll = max(self.threshold / 10, 0.001)
        stall_start, samples = None, []
        while not self._done.wait(poll):
            beat = self._last_beat
            now = time.monotonic()
            late = now - beat - self.interval
            if stall_start is not None and beat != stall_start:
                self._settle(samples, beat - stall_start - self.interval)
                stall_start, samples = None, []
            if late < self.threshold / 2:  # start early: a loaded machine leaves few chances to sample
                continue
            stall_start = beat
            frames = self._student.holding(sys._current_frames().get(self._thread_id))
            samples.append((now, tuple(frames)))
            if (frames and self.stop_after is not None and late > self.stop_after and not self.stopped):
                self.stopped = _interrupt(self._thread_id, LoopStopped)
        if stall_start is not None:
            self._settle(samples, time.monotonic() - stall_start - self.interval)

    def _settle(self, samples: list[tuple[float, tuple]], seconds: float) -> None:
        """A stall ended: blame the student's code if it was seen holding the loop for long enough.

        Only the time between two samples that both found the loop's thread in the
        student's files counts: correct code caught once by chance (the OS paused
        the thread in the middle of it, or it briefly started a thread while the
        loop was late for another reason) is not blamed; code that really holds the
        loop is seen at sample after sample.
        """
        held = sum(later - at for (at, seen), (later, seen_next) in pairwise(samples) if seen and seen_next)
        if seconds >= self.threshold and held >= self.threshold / 2:
            theirs = [seen for _, seen in samples if seen]
            place = Counter(seen[0] for seen in theirs).most_common(1)[0][0]
            self._blame(list(next(seen for seen in theirs if seen[0] == place)), seconds,
                        "stack sampled while the loop was held")
