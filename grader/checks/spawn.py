"""Keep spawned worker processes from re-importing the grading child.

Under ``spawn`` every new worker first imports the parent's ``__main__``; in
the grading child that is ``grader.engine.child`` with pytest behind it, which adds
about 0.3 s to every pool's start-up, a cost no student's own program pays.
While the block runs, ``__main__`` is an empty module, so workers import only
what unpickling the work needs (the student's module).
"""
from __future__ import annotations

import contextlib
import sys
import types


@contextlib.contextmanager
def light_main():
    real = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = real
