"""``grade classroom``: grade a workspace in a GitHub Actions job and hand the points to GitHub Classroom.

Writes the Exercism v3 / GitHub Classroom result (``grader.views.classroom_json``)
to ``--out`` if given, and, inside GitHub Actions, as the step output ``result``
(base64, as the ``classroom-resources/autograding-*`` runners do), so that
``autograding-grading-reporter`` with ``runners: hamzaman`` and
``HAMZAMAN_RESULTS: ${{ steps.<id>.outputs.result }}`` reports the points.
"""
from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from grader.core.files import dump_json
from grader.core.manifest import Exercise
from grader.core.records import StudentRecord
from grader.core.workspace import Submission, Workspace
from grader.engine.runner import grade
from grader.views.classroom_json import results_json

OUTPUT_VAR = "GITHUB_OUTPUT"


def report(ws: Workspace, exercises: list[Exercise], lang: str, out: Path | None) -> dict:
    record = StudentRecord(ws.root.name, [grade(Submission.student(ws, ex)) for ex in exercises])
    data = results_json(record, lang)
    if out is not None:
        dump_json(out, data)
    step_output = os.environ.get(OUTPUT_VAR)
    if step_output:
        encoded = base64.b64encode(json.dumps(data, ensure_ascii=False).encode("utf-8", "replace")).decode("ascii")
        with open(step_output, "a", encoding="utf-8") as f:
            f.write(f"result={encoded}\n")
    return data
