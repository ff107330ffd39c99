"""`grade hint`: every exercise has progressive bilingual hints, revealed one more per call."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from conftest import REPO, grade

from grader import hints, manifest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PERSIAN = re.compile(r"[\u0600-\u06FF]")
COURSE = [f"ex{n:02d}" for n in range(1, 11)]


def _hint_files() -> dict[str, Path]:
    return {p.parent.name[:4]: p for p in (REPO / "grader" / "suites").glob("ex*/hints.toml")}


def test_all_ten_exercises_have_three_or_four_bilingual_hints():
    files = _hint_files()
    assert sorted(files) == COURSE
    for path in files.values():
        with path.open("rb") as f:
            raw = tomllib.load(f)["hint"]
        assert 3 <= len(raw) <= 4, path
        for h in raw:
            assert set(h) == {"fa", "en"}, path
            assert PERSIAN.search(h["fa"]) and not PERSIAN.search(h["en"]), path
            assert len(h["en"].split()) >= 15, path


def test_every_exercise_of_the_manifest_finds_its_hints():
    for ex in manifest.exercises():
        assert len(hints.hints(ex)) >= 3, ex.id


@pytest.mark.parametrize("ex", manifest.exercises(), ids=lambda ex: ex.id)
def test_hints_never_quote_the_solution(ex):
    """No line of the reference solution's code appears in a hint."""
    text = "\n".join(h.en + "\n" + h.fa for h in hints.hints(ex))
    for name in ex.files:
        for line in (REPO / "solutions" / ex.slug / name).read_text(encoding="utf-8").splitlines():
            code = line.strip()
            if len(code) >= 20 and not code.startswith(("#", '"""', "def ", "class ")):
                assert code not in text, f"{ex.id} hint quotes the solution: {code}"


def test_each_call_reveals_one_more_hint_and_remembers_it(workspace):
    ws = workspace("ex01_generators")
    total = len(hints.hints(manifest.find("ex01")))
    first = grade("hint", "ex01", "--path", str(ws))
    assert first.code == 0, first.err
    assert f"Hint 1 of {total}" in first.out and "Hint 2" not in first.out
    assert "grade hint ex01" in first.out
    second = grade("hint", "1", "--path", str(ws), "--lang", "fa")
    assert f"راهنمایی 1 از {total}" in second.out and f"راهنمایی 2 از {total}" in second.out
    for _ in range(total):
        last = grade("hint", "ex01", "--path", str(ws))
    assert f"Hint {total} of {total}" in last.out and f"Hint {total + 1}" not in last.out
    assert "last hint" in last.out
    assert json.loads((ws / ".hamzaman" / "hints.json").read_text(encoding="utf-8")) == {"ex01": total}


def test_hint_for_an_unknown_exercise_is_a_usage_error(workspace):
    run = grade("hint", "ex99", "--path", str(workspace("ex01_generators")))
    assert run.code == 2 and "Unknown exercise" in run.err
