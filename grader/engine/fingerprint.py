"""What a verdict depends on, as one short hash per exercise: batch re-grades an exercise when it changes.

Only what can change a verdict counts: the engine, the suite authors' API, the core types, the
exercise's own suite code and the manifest's grading fields (files, limits, checks' points,
timeouts, kinds). Titles, explanations, hints, messages' wording, the views and the instructor's
tools do not, so fixing a typo in a Persian hint or the report's CSS re-grades nobody.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from grader.core.manifest import Exercise

ROOT = Path(__file__).resolve().parents[1]  # the grader package
SHARED = ("engine", "checks", "core/manifest.py", "core/results.py", "core/workspace.py", "core/cpus.py",
          "core/processes.py")
WORDING = {"title", "why", "lessons", "lesson", "corrected_in"}  # manifest fields that are only read by people


def _code(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in (".py", ".ini") and "__pycache__" not in p.parts)


def grading_fields(ex: Exercise) -> dict:
    fields = {k: v for k, v in asdict(ex).items() if k not in WORDING and k != "checks"}
    fields["checks"] = [{k: v for k, v in asdict(c).items() if k not in WORDING} for c in ex.checks]
    return fields


def verdict_version(ex: Exercise, root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for path in [p for part in SHARED for p in _code(root / part)] + _code(root / "suites" / ex.slug):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps(grading_fields(ex), sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]
