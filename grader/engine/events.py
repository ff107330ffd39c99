"""The channel from the grading child to the grader: one JSON object per line.

The child appends to a file the parent created; the parent reads it while the
child runs, so a check that started and never ended is known even if the child
is killed. Student code runs in the child and could append lines of its own,
so every line carries an HMAC chained over the previous one, keyed by a secret
the parent hands the child on stdin before any student code is imported: a
forged, altered, dropped or reordered line breaks the chain and is rejected.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

from grader.core.manifest import Text

LOADED, LOAD_ERROR, START, END, TAMPERED = "loaded", "load_error", "start", "end", "tampered"
SANDBOX = "sandbox"  # which protections held, sent before any student code runs


def _mac(key: bytes, previous: str, body: str) -> str:
    return hmac.new(key, (previous + body).encode("utf-8"), hashlib.sha256).hexdigest()


def _body(event: dict) -> str:
    return json.dumps(event, sort_keys=True)  # ASCII: a lone surrogate from student text cannot break it


def writer(path: str, key: bytes):
    """An ``emit(event, **fields)`` function for the child. The key lives only in its closure."""
    out = open(path, "a", encoding="utf-8")
    state = {"seq": 0, "mac": ""}

    def emit(event: str, **fields) -> None:
        record = {"event": event, "seq": state["seq"], **fields}
        mac = _mac(key, state["mac"], _body(record))
        out.write(json.dumps({**record, "mac": mac}) + "\n")
        out.flush()
        os.fsync(out.fileno())
        state["seq"] += 1
        state["mac"] = mac

    return emit


def printable(text: str) -> str:
    """Student text may hold lone surrogates that no file or database accepts."""
    return text.encode("utf-8", "replace").decode("utf-8")


def text_fields(text: Text | None) -> dict | None:
    return None if text is None else {"fa": printable(text.fa), "en": printable(text.en)}


class EventReader:
    """Reads only complete lines, and only as long as the MAC chain holds."""

    def __init__(self, path: Path, key: bytes):
        self._path = path
        self._key = key
        self._offset = 0
        self._seq = 0
        self._mac = ""
        self.forged = False

    def _verify(self, line: bytes) -> dict | None:
        try:
            record = json.loads(line)
            mac = record.pop("mac")
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if record.get("seq") != self._seq or not hmac.compare_digest(
                str(mac), _mac(self._key, self._mac, _body(record))):
            return None
        self._seq += 1
        self._mac = mac
        return record

    def poll(self) -> list[dict]:
        if self.forged:
            return []
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
            record = self._verify(line)
            if record is None:
                self.forged = True
                break
            events.append(record)
        return events
