"""The student's last score per exercise, kept in the workspace's ``.hamzaman/`` folder.

Written to a temporary file and renamed over the old one, so a crash mid-write
leaves the previous progress intact, never a half-written file.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone

from .results import ExerciseResult
from .workspace import Workspace

FILE = "progress.json"


def load(ws: Workspace) -> dict[str, dict]:
    try:
        data = json.loads((ws.state_dir / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record(ws: Workspace, results: list[ExerciseResult]) -> None:
    data = load(ws)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for r in results:
        data[r.exercise.id] = {"score": r.score, "at": now}
    ws.state_dir.mkdir(exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=ws.state_dir, prefix=".progress-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, ws.state_dir / FILE)
