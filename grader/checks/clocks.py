"""Where the student's code reads the wall clock: a note for code that times intervals with it.

``time.time()`` follows the system's clock, which NTP or a person may set back or forward, so an
interval or a deadline computed from it can come out negative or far too long; ``time.monotonic()``
only moves forward. The note is read from the source, so it is the same on every machine and run.
"""
from __future__ import annotations

import ast
from pathlib import Path
from types import ModuleType

from grader.checks import note


def _main_block(node: ast.AST) -> bool:
    """``if __name__ == "__main__":``: the student's own try-out, not the code graded."""
    test = getattr(node, "test", None)
    return (isinstance(node, ast.If) and isinstance(test, ast.Compare) and isinstance(test.left, ast.Name)
            and test.left.id == "__name__")


def wall_clock_lines(module: ModuleType) -> list[int]:
    """The lines that call ``time.time()``, under whatever name the module bound it."""
    try:  # from bytes, as Python reads a module: a BOM or a coding line is the file's own business
        tree = ast.parse(Path(module.__file__).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return []  # the note is advice: a file it cannot read gets none, and no verdict changes
    tree.body = [node for node in tree.body if not _main_block(node)]
    modules, functions = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "time"}
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            functions |= {a.asname or a.name for a in node.names if a.name == "time"}
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if ((isinstance(f, ast.Attribute) and f.attr == "time" and isinstance(f.value, ast.Name)
                 and f.value.id in modules) or (isinstance(f, ast.Name) and f.id in functions)):
                lines.add(node.lineno)
    return sorted(lines)


def note_wall_clock(module: ModuleType) -> None:
    """A note (no points) where the student's module times something with the wall clock."""
    lines = wall_clock_lines(module)
    if not lines:
        return
    where = f"{Path(module.__file__).name}:{lines[0]}"
    note(f"{where} reads time.time(), the wall clock: the system may set it back or forward (NTP, a changed "
         "date) while your code runs, and an interval or deadline measured with it then comes out negative or far "
         "too long. time.monotonic() only moves forward: use it to time intervals and deadlines.",
         f"{where} ساعت دیواری را با time.time() می‌خواند: سیستم ممکن است هنگام اجرای کد شما آن را جلو یا عقب "
         "ببرد (NTP، تغییر تاریخ) و آنگاه فاصله یا مهلتی که با آن اندازه گرفته شده منفی یا بسیار بلند درمی‌آید. "
         "time.monotonic() فقط رو به جلو می‌رود: برای اندازه‌گیری فاصله‌ها و مهلت‌ها از آن استفاده کنید.")
