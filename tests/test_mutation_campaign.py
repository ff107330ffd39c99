"""The mutation campaign's committed files are well formed (the campaign itself is slow and runs apart)."""
from __future__ import annotations

import re

import pytest
from conftest import REPO
from mutation import equivalents, skips

from grader.core import manifest

RESULTS = REPO / "tests" / "mutation" / "RESULTS.md"


@pytest.mark.parametrize("ex", manifest.exercises(), ids=lambda ex: ex.id)
def test_equivalents_file_parses_and_every_entry_has_a_reason(ex):
    path = equivalents.path_for(ex.suite)
    assert path.is_file(), f"{path} is missing (it may hold no entry)"
    entries = equivalents.load(path)  # a ValueError names an entry without a reason or with a wrong field
    assert not [e for e in entries if e.reason.startswith("TODO")], "an entry pasted without its reason"
    identities = [e.identity for e in entries]
    assert len(identities) == len(set(identities)), "the same mutant is listed twice"


def test_results_have_a_row_per_exercise():
    assert RESULTS.is_file(), "run `python -m tests.mutation` to write it"
    rows = set(re.findall(r"^\| (ex\d\d) (\w+) \|", RESULTS.read_text(encoding="utf-8"), re.MULTILINE))
    assert {(ex.id, ex.slug) for ex in manifest.exercises()} <= rows


def test_an_entry_without_a_reason_is_refused(tmp_path):
    path = tmp_path / equivalents.FILE_NAME
    path.write_text('[[equivalent]]\noperator = "core/AddNot"\nfunction = "f"\noriginal = "if a:"\n'
                    'mutated = "if not a:"\nreason = " "\n', encoding="utf-8")
    with pytest.raises(ValueError, match="reason"):
        equivalents.load(path)


def test_a_mutant_is_named_by_its_code_not_by_where_it_is():
    diff = ("--- mutation diff ---\n--- a/tmp/x/fib.py\n+++ b/tmp/x/fib.py\n@@ -22,3 +22,3 @@\n"
            "     items = []\n-    if n == 0:\n+    if n <= 0:\n         return items")
    moved = diff.replace("/tmp/x/", "/tmp/y/").replace("-22,3 +22,3", "-40,3 +40,3")
    assert equivalents.identity("core/Op", "take", diff) == equivalents.identity("core/Op", "take", moved) \
        == equivalents.Identity("core/Op", "take", "if n == 0:", "if n <= 0:")


def test_annotations_and_the_demo_are_code_the_grader_never_runs():
    source = ('"""Doc."""\nfrom __future__ import annotations\n\n\ndef f(a: int | None, *, b: str = "۶|y") -> list[int]:\n'
              '    return [a or 0]\n\n\nif __name__ == "__main__":\n    print(f(1 | 2))\n')
    spans = skips.never_run(source)
    assert [(s.start, s.end, s.reason) for s in spans] == [
        ((5, 9), (5, 19), skips.ANNOTATION), ((5, 27), (5, 30), skips.ANNOTATION),
        ((5, 43), (5, 52), skips.ANNOTATION), ((10, 4), (10, 19), skips.DEMO)]  # columns in characters, not bytes
    assert not any(s.holds((9, 12), (9, 14)) for s in spans)  # the guard's `==` is still mutated
