"""The workspace's memory (`.hamzaman/`): scores, last full results, atomic writes, what is next."""
from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest
from conftest import grade

from grader.core import manifest
from grader.core.manifest import Text
from grader.core.results import FAILED, PASSED, CheckResult, ExerciseResult
from grader.core.workspace import Workspace
from grader.student import progress


def _result(ex_id: str, passed: bool) -> ExerciseResult:
    ex = manifest.find(ex_id)
    return ExerciseResult(ex, [CheckResult(c.id, PASSED if passed else FAILED, c.points,
                                           None if passed else Text(fa="پیام", en="message"), 0.5,
                                           measurements=[{"name": "x", "measured": 1.5, "required": 2.0,
                                                          "unit": "×"}])
                               for c in ex.checks], None, 1.0)


def test_last_full_result_round_trips_with_both_languages(tmp_path):
    ws = Workspace(tmp_path)
    progress.record(ws, [_result("ex01", passed=False)])
    stored = progress.last(ws, manifest.find("ex01"))
    assert stored is not None and stored.at
    assert stored.result.score == 0 and len(stored.result.checks) == len(manifest.find("ex01").checks)
    check = stored.result.checks[0]
    assert check.message == Text(fa="پیام", en="message")
    assert check.measurements == [{"name": "x", "measured": 1.5, "required": 2.0, "unit": "×"}]
    assert progress.load(ws)["ex01"]["score"] == 0


def test_a_crash_mid_write_keeps_the_previous_progress(tmp_path, monkeypatch):
    ws = Workspace(tmp_path)
    progress.record(ws, [_result("ex01", passed=True)])
    before = {p: p.read_bytes() for p in ws.state_dir.rglob("*") if p.is_file()}

    def crash(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        progress.record(ws, [_result("ex01", passed=False)])
    after = {p: p.read_bytes() for p in ws.state_dir.rglob("*") if p.is_file()}
    assert after == before, "a file changed, or a temporary file was left behind"
    assert progress.load(ws)["ex01"]["score"] == 100


def test_unreadable_state_is_treated_as_none(tmp_path):
    ws = Workspace(tmp_path)
    (ws.state_dir / "results").mkdir(parents=True)
    (ws.state_dir / "progress.json").write_text("{not json", encoding="utf-8")
    (ws.state_dir / "results" / "ex01.json").write_text(json.dumps({"at": "x"}), encoding="utf-8")
    assert progress.load(ws) == {}
    assert progress.last(ws, manifest.find("ex01")) is None


def test_next_exercise_is_the_first_one_below_100(tmp_path):
    ws = Workspace(tmp_path)
    first, second = manifest.exercises()[:2]
    assert progress.next_exercise(ws) == first
    progress.record(ws, [_result(first.id, passed=True)])
    assert progress.next_exercise(ws) == second
    progress.record(ws, [_result(e.id, passed=True) for e in manifest.exercises()])
    assert progress.next_exercise(ws) is None


def test_list_marks_what_is_next(workspace, tmp_path):
    ws = workspace("ex01_generators")
    progress.record(Workspace(ws), [_result("ex01", passed=True)])
    run = grade("list", "--path", str(ws))
    assert run.code == 0
    lines = {line[:4]: line for line in run.out.splitlines() if line.startswith("ex")}
    assert "100/100" in lines["ex01"] and "next" not in lines["ex01"]
    assert "<- next" in lines["ex02"]
    assert "Next: grade ex02" in run.out


def _record(root: str, ex_id: str) -> None:
    progress.record(Workspace(Path(root)), [_result(ex_id, True)])


def test_a_second_writer_waits_for_the_first_so_no_update_is_lost(tmp_path):
    """`grade watch` and a `grade` in another terminal: each read-modify-write of the state holds its lock."""
    (tmp_path / "exercises").mkdir()
    ws = Workspace(tmp_path)
    writer = multiprocessing.get_context("spawn").Process(target=_record, args=(str(tmp_path), "ex02"))
    with progress.locked(ws):  # as another grade would, between its read and its write
        writer.start()
        time.sleep(2.0)
        assert progress.load(ws) == {}, "the other process wrote while this one held the state"
        data = progress.load(ws)
        data["ex01"] = {"score": 100, "at": "now"}
        progress.write_json(ws.state_dir / progress.FILE, data)
    writer.join(60)
    assert writer.exitcode == 0
    assert sorted(progress.load(ws)) == ["ex01", "ex02"]
