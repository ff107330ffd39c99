"""Name the Python version a submission needs when it uses an API newer than the grading interpreter.

A student on 3.12 who writes ``asyncio.TaskGroup`` is right; graded on 3.10 they would
read a bare AttributeError. They read instead which API is missing and since when.
"""
from __future__ import annotations

import re
import sys

from grader.core.manifest import Text

# (module, name) -> the first Python version that has it; module "" for a builtin, name "" for a module
NEWER = {
    ("asyncio", "TaskGroup"): (3, 11), ("asyncio", "Runner"): (3, 11), ("asyncio", "timeout"): (3, 11),
    ("asyncio", "timeout_at"): (3, 11), ("asyncio", "Barrier"): (3, 11),
    ("asyncio", "eager_task_factory"): (3, 12), ("asyncio", "QueueShutDown"): (3, 13),
    ("", "ExceptionGroup"): (3, 11), ("", "BaseExceptionGroup"): (3, 11), ("tomllib", ""): (3, 11),
    ("typing", "Self"): (3, 11), ("itertools", "batched"): (3, 12), ("os", "process_cpu_count"): (3, 13),
    ("contextlib", "chdir"): (3, 11),
}
# (function, keyword) -> how the student reads it, and the first version that accepts it
NEWER_KEYWORDS = {
    ("run", "loop_factory"): ("asyncio.run(..., loop_factory=...)", (3, 12)),
    ("ProcessPoolExecutor.__init__", "max_tasks_per_child"): ("ProcessPoolExecutor(max_tasks_per_child=...)", (3, 11)),
}
_CANNOT_IMPORT = re.compile(r"cannot import name '(\w+)' from '([\w.]+)'")
_UNEXPECTED_KEYWORD = re.compile(r"([\w.]+)\(\) got an unexpected keyword argument '(\w+)'")


def _missing(exc: BaseException) -> tuple[str, str] | None:
    if isinstance(exc, ModuleNotFoundError):
        return (exc.name or "", "")
    if isinstance(exc, ImportError):
        m = _CANNOT_IMPORT.search(str(exc))
        return (m.group(2), m.group(1)) if m else None
    if isinstance(exc, AttributeError):
        module = getattr(getattr(exc, "obj", None), "__name__", None)
        return (module, exc.name) if module and exc.name else None
    if isinstance(exc, NameError):
        return ("", exc.name) if exc.name else None
    return None


def _known(exc: BaseException) -> tuple[str, tuple[int, int]] | None:
    """The newer API behind ``exc`` as the student reads it, and the version that has it."""
    if isinstance(exc, TypeError):
        m = _UNEXPECTED_KEYWORD.search(str(exc))
        return NEWER_KEYWORDS.get((m.group(1), m.group(2))) if m else None
    key = _missing(exc)
    needed = NEWER.get(key) if key else None
    return (".".join(part for part in key if part), needed) if needed else None


def newer_api(exc: BaseException, running: tuple[int, int] = sys.version_info[:2]) -> Text | None:
    """Why ``exc`` happened, when it is a known API this interpreter is too old for."""
    known = _known(exc)
    if known is None or running >= known[1]:
        return None
    api, needed = known
    version = f"{needed[0]}.{needed[1]}"
    here = f"{running[0]}.{running[1]}"
    return Text(
        fa=f"کد شما از `{api}` استفاده می‌کند که از پایتون {version} به بعد هست، اما این ارزیابی با پایتون {here} "
           f"اجرا شد. راهی بنویسید که روی {here} هم کار کند، یا با پایتون {version} یا تازه‌تر ارزیابی کنید.",
        en=f"Your code uses `{api}`, which Python has from {version} on, but this grading runs Python {here}. "
           f"Write it in a way {here} offers too, or grade with Python {version} or newer.",
    )
