"""Make the grader's output readable on every console: UTF-8 whatever the platform, colour only where wanted.

Persian text and marks such as ✔ cannot be written in a legacy code page. Windows
gives a piped or redirected stream its ANSI code page (cp1252, say) unless
``PYTHONUTF8`` or ``PYTHONIOENCODING`` is set, and printing then fails with a
UnicodeEncodeError. Re-encoding the standard streams as UTF-8 (undecodable
characters replaced, never an error) avoids that; an interactive Windows console
already takes Unicode text directly and is left alone.

Colour follows click (on a terminal only) unless ``NO_COLOR`` is set to anything
but the empty string, as https://no-color.org asks of every command-line tool.
"""
from __future__ import annotations

import os
import sys


def use_utf8() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def colour() -> bool | None:
    """click's ``color`` setting: False to strip every style, None to let click decide (a terminal or not)."""
    return False if os.environ.get("NO_COLOR") else None
