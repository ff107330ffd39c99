"""Every reference solution scores 100 on the oldest and newest supported Pythons too.

`.ci/run` builds an environment for each and lists their interpreters in
HAMZAMAN_OTHER_PYTHONS; elsewhere this is skipped, and says so.
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import REPO
from grader import manifest

PYTHONS = [p for p in os.environ.get("HAMZAMAN_OTHER_PYTHONS", "").split(os.pathsep) if p]


@pytest.mark.skipif(not PYTHONS, reason="HAMZAMAN_OTHER_PYTHONS is not set (.ci/run sets it)")
def test_solutions_score_100():
    """The interpreters run side by side (CI's time is short; the checks are built to bear the load)."""
    procs = {python: subprocess.Popen([python, "-m", "grader", "all", "--solutions", "--json"], cwd=REPO,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
             for python in PYTHONS}
    for python, proc in procs.items():
        out, err = proc.communicate(timeout=900)
        results = json.loads(out)
        scores = {r["exercise"]: r["score"] for r in results}
        assert scores == {ex.id: 100 for ex in manifest.exercises()}, (python, [
            (r["exercise"], [c for c in r["checks"] if c["status"] != "passed"]) for r in results if r["score"] != 100])
