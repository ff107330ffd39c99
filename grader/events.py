"""The channel from the grading child to the grader: one JSON object per line.

The child appends to a file the parent created; the parent reads it while the
child runs, so a check that started and never ended is known even if the child
is killed.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .manifest import Text

LOADED, LOAD_ERROR, START, END = "loaded", "load_error", "start", "end"


class EventWriter:
    def __init__(self, path: str):
        self._file = open(path, "a", encoding="utf-8")

    def emit(self, event: str, **fields) -> None:
        self._file.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())


def text_fields(text: Text | None) -> dict | None:
    return None if text is None else {"fa": text.fa, "en": text.en}


class EventReader:
    """Reads only complete lines, so a half-written event is never parsed."""

    def __init__(self, path: Path):
        self._path = path
        self._offset = 0

    def poll(self) -> list[dict]:
        try:
            with self._path.open("rb") as f:
                f.seek(self._offset)
                chunk = f.read()
        except FileNotFoundError:
            return []
        end = chunk.rfind(b"\n") + 1
        self._offset += end
        events = []
        for line in chunk[:end].splitlines():
            try:
                events.append(json.loads(line))
            except ValueError:
                continue
        return events
