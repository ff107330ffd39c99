"""Entry point of the grading child process: import the submission, then run the suite.

Run as ``python -m grader.engine.child EXERCISE EVENTS_FILE ONLY SEED SUITE DIR [DIR ...]``; only
the grader starts it. Everything the student's code does happens here, never
in the grader's own process.
"""
from __future__ import annotations

import importlib
import io
import os
import sys
import traceback
from pathlib import Path

import pytest

from grader.core import messages
from grader.core.manifest import Text, find
from grader.engine import contract, integrity
from grader.engine.events import LOAD_ERROR, LOADED, SANDBOX, TAMPERED, text_fields, writer
from grader.engine.isolation import sandbox
from grader.engine.plugin import Reporter, cap
from grader.engine.pyversions import newer_api

SUITE_INI = Path(__file__).with_name("suite_pytest.ini")
MAX_FILE_SIZE = 64 * 2**20  # what a submission printing in a loop may write to disk


def _limit_file_size() -> None:
    """Where the OS offers it, a submission that prints without end is stopped, not the disk filled."""
    try:
        import resource
    except ImportError:  # Windows: the time limits still bound it
        return
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_SIZE, MAX_FILE_SIZE))


def _import_error(dirs: tuple[Path, ...]) -> str:
    """The traceback, limited to the frames in the student's own files."""
    etype, value, tb = sys.exc_info()
    frames = [f for f in traceback.extract_tb(tb) if Path(f.filename).parent in dirs]
    lines = traceback.format_list(frames) + traceback.format_exception_only(etype, value)
    return cap("".join(lines), 1500)


def load(exercise, dirs: tuple[Path, ...]):
    modules = []
    for name in exercise.modules:
        try:
            modules.append(importlib.import_module(name))
        except BaseException as e:  # noqa: BLE001 - SystemExit at import is a student error too
            failed = messages.import_failed(_import_error(dirs))
            too_old = newer_api(e)
            if too_old is not None:
                failed = Text(fa=f"{failed.fa}\n{too_old.fa}", en=f"{failed.en}\n{too_old.en}")
            return None, failed
    broken = contract.problems(modules, exercise.api)
    if broken and (len(broken) == len(exercise.api) or not contract.disable(modules, broken)):
        return None, next(iter(broken.values()))  # nothing of the contract can be graded
    return modules, None


def _die_with_parent() -> None:
    """Linux: if the grader is killed (kill -9), this child goes too instead of running on."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _guard(emit):
    """A check, run before every result is sent, that the grader and pytest are still intact."""
    before = integrity.snapshot()
    changed, exit_now = integrity.changed, os._exit

    def guard() -> None:
        names = changed(before)
        if names:
            emit(TAMPERED, names=names[:10])
            exit_now(3)

    return guard


def main(argv: list[str]) -> int:
    exercise_id, events_path, only, seed, suite, *dirs = argv
    _die_with_parent()
    key = bytes.fromhex(sys.stdin.readline().strip())
    sys.stdin = open(os.devnull)
    held, missing = sandbox.enter()
    _die_with_parent()  # again: giving up root clears it
    exercise = find(exercise_id)
    search = tuple(Path(d).resolve() for d in dirs)
    emit = writer(events_path, key)
    del key
    emit(SANDBOX, held=held, missing=missing)
    guard = _guard(emit)
    _limit_file_size()
    sys.path[:0] = [str(d) for d in search]
    modules, problem = load(exercise, search)
    guard()
    if problem is not None:
        emit(LOAD_ERROR, message=text_fields(problem))
        return 0
    emit(LOADED)
    reporter = Reporter(exercise, emit, guard, only.split(","), search, int(seed))
    return pytest.main(
        [suite, "-c", str(SUITE_INI), "--rootdir", suite,
         "-p", "no:cacheprovider", "-q", "--no-header"],
        plugins=[reporter],
    )


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace", line_buffering=True)
    sys.exit(main(sys.argv[1:]))
