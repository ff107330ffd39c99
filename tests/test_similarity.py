"""`grade similarity`: copies found (renamed or not), independent work and the untouched stub left alone;
identical files are also flagged in `grade batch`'s summary."""
from __future__ import annotations

import csv
import shutil

import pytest
from conftest import REPO, grade

pytest.importorskip("copydetect", reason="copydetect is the [similarity] extra (installed by '.[test]')")

SOLUTION = REPO / "solutions" / "ex09_multiprocessing" / "compute.py"
STUB = REPO / "exercises" / "ex09_multiprocessing" / "compute.py"
ALTERNATIVE = REPO / "tests" / "alternatives" / "ex09_multiprocessing" / "apply_async_callback.py"


@pytest.fixture
def klass(tmp_path):
    subs = tmp_path / "subs"
    source = SOLUTION.read_text(encoding="utf-8")
    files = {"ali": source, "sara": source, "=reza": source.replace("total", "acc").replace("chunks", "parts_of"),
             "nima": ALTERNATIVE.read_text(encoding="utf-8"), "lazy": STUB.read_text(encoding="utf-8"),
             "late": STUB.read_text(encoding="utf-8")}
    for student, text in files.items():
        folder = subs / student / "ex09_multiprocessing"
        folder.mkdir(parents=True)
        (folder / "compute.py").write_text(text, encoding="utf-8")
        shutil.copy(REPO / "exercises" / "ex09_multiprocessing" / "README.md", folder)  # noise: not graded
    return subs


def test_copies_are_paired_and_independent_work_and_the_stub_are_not(klass, tmp_path):
    out = tmp_path / "report"
    run = grade("similarity", str(klass), str(out), "--exercise", "ex09", "--path", str(REPO))
    assert run.code == 0, run.err
    with (out / "similarity.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    pairs = {frozenset((r["student"].lstrip("'"), r["other"].lstrip("'"))): r for r in rows}
    assert set(pairs) == {frozenset(p) for p in (("ali", "sara"), ("ali", "=reza"), ("=reza", "sara"))}, pairs
    assert pairs[frozenset(("ali", "sara"))]["identical"] == "yes"
    assert float(pairs[frozenset(("ali", "=reza"))]["share of student's code"]) >= 0.9  # renaming hides nothing
    assert all(r["student"].startswith("'=") or not r["student"].startswith("=") for r in rows)  # no formula
    page = (out / "ex09.html").read_text(encoding="utf-8")
    assert "ali" in page and "sara" in page


def test_no_copydetect_or_a_bad_folder_is_a_clear_message(tmp_path):
    run = grade("similarity", str(tmp_path / "missing"), str(tmp_path / "out"))
    assert run.code == 2 and "Traceback" not in run.err
