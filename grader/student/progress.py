"""What the workspace remembers, in its ``.hamzaman/`` folder: scores, last results, small state.

``progress.json`` holds the last score per exercise; ``results/exNN.json`` the
last full result (both languages, measurements, output), so ``grade report``
and ``grade watch`` work from what was graded before without grading again.
Every file is written to a temporary file and renamed over the old one, so a
crash mid-write leaves the previous version intact, never a half-written file;
each read-modify-write holds ``.hamzaman/state.lock``, so that ``grade watch``
and a ``grade`` in another terminal never lose each other's update.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock

from grader.core import manifest
from grader.core.manifest import Exercise, Text
from grader.core.results import FAILED, PASSED, SKIPPED, CheckResult, ExerciseResult, Status
from grader.core.workspace import Workspace

FILE = "progress.json"
RESULTS = "results"
LOCK = "state.lock"


def read_json(path: Path, default):
    """The JSON in ``path``, or ``default`` when it is missing, unreadable or of another type."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
    return data if isinstance(data, type(default)) else default


def write_json(path: Path, data) -> None:
    """Replace ``path`` atomically: readers see the old file or the new one, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, sort_keys=True, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def locked(ws: Workspace) -> FileLock:
    """Held around every read-modify-write of the workspace's state (another process may be writing)."""
    ws.state_dir.mkdir(parents=True, exist_ok=True)
    return FileLock(ws.state_dir / LOCK, timeout=30)


def load(ws: Workspace) -> dict[str, dict]:
    return read_json(ws.state_dir / FILE, {})


def record(ws: Workspace, results: list[ExerciseResult]) -> None:
    with locked(ws):
        data = load(ws)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for r in results:
            write_json(_result_path(ws, r.exercise), _dump(r, now))
            data[r.exercise.id] = {"score": r.score, "at": now}
        write_json(ws.state_dir / FILE, data)


def forget(ws: Workspace, ex: Exercise) -> None:
    """Drop the score and the stored result of ``ex``: after a reset they describe files that are gone."""
    with locked(ws):
        data = load(ws)
        if data.pop(ex.id, None) is not None:
            write_json(ws.state_dir / FILE, data)
        _result_path(ws, ex).unlink(missing_ok=True)


def next_exercise(ws: Workspace) -> Exercise | None:
    """The first exercise, in course order, not yet at 100 in this workspace."""
    scores = load(ws)
    return next((ex for ex in manifest.exercises() if scores.get(ex.id, {}).get("score") != 100), None)


@dataclass(frozen=True)
class Stored:
    result: ExerciseResult
    at: str  # when it was graded, ISO 8601 UTC


def last(ws: Workspace, ex: Exercise) -> Stored | None:
    raw = read_json(_result_path(ws, ex), {})
    try:
        return Stored(_load(ex, raw), datetime.fromisoformat(raw["at"]).isoformat()) if raw else None
    except (KeyError, TypeError, ValueError):
        return None  # written by another version of the kit, or edited by hand


def _result_path(ws: Workspace, ex: Exercise) -> Path:
    return ws.state_dir / RESULTS / f"{ex.id}.json"


def _text_out(t: Text | None) -> dict | None:
    return None if t is None else {"fa": t.fa, "en": t.en}


def _text_in(raw: dict | None) -> Text | None:
    return None if raw is None else Text(fa=raw["fa"], en=raw["en"])


def _dump(r: ExerciseResult, at: str) -> dict:
    return {
        "exercise": r.exercise.id, "score": r.score, "at": at, "duration": r.duration,
        "problem": _text_out(r.problem),
        "checks": [{"id": c.id, "status": c.status, "max_points": c.max_points,
                    "message": _text_out(c.message), "duration": c.duration, "output": c.output,
                    "measurements": c.measurements} for c in r.checks],
    }


def _load(ex: Exercise, raw: dict) -> ExerciseResult:
    if any(c["status"] not in (PASSED, FAILED, SKIPPED) for c in raw["checks"]):
        raise ValueError("unknown check status")
    known = {c.id for c in ex.checks}
    checks = [CheckResult(id=c["id"], status=Status(c["status"]), max_points=c["max_points"],
                          message=_text_in(c["message"]), duration=c["duration"], output=c["output"],
                          measurements=c["measurements"])
              for c in raw["checks"] if c["id"] in known]  # a check since removed from the manifest
    return ExerciseResult(ex, checks, _text_in(raw["problem"]), raw["duration"])
