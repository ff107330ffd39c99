"""One Persian vocabulary: no text of the kit uses a variant tests/glossary.toml rejects.

Every file a student reads Persian from is scanned: the manifest, the hints, the task texts, and
the grader's Python (its Persian messages). A variant counts where a word starts with it, so
"فرایندها" is caught and "سهم زمانی" is not taken for "هم زمان".
"""
from __future__ import annotations

import re

import pytest
from conftest import REPO

from grader.core.manifest import tomllib

GLOSSARY = tomllib.loads((REPO / "tests" / "glossary.toml").read_text(encoding="utf-8"))["term"]
TEXTS = sorted([*(REPO / "grader").rglob("*.py"), *(REPO / "grader").rglob("*.toml"),
                *(REPO / "exercises").glob("*/README.md")])


@pytest.mark.parametrize("term", GLOSSARY, ids=lambda t: t["en"])
def test_no_rejected_variant(term):
    pattern = re.compile("|".join(rf"(?<![\w\u200c]){re.escape(bad)}" for bad in term["not"]))
    found = [f"{path.relative_to(REPO)}:{n}: {line.strip()[:120]}"
             for path in TEXTS for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert not found, f"say «{term['use']}» for {term['en']}:\n" + "\n".join(found)


def test_the_glossary_is_consistent():
    """A preferred word is never also rejected, and each term has variants to reject."""
    rejected = {bad.strip() for term in GLOSSARY for bad in term["not"]}
    for term in GLOSSARY:
        assert term["not"] and term["use"] not in rejected, term


def test_every_persian_text_reads_right_to_left_from_its_first_letter():
    """A terminal guesses a line's direction from its first strong letter: a Persian title or hint
    that starts with a code name (`take با n منفی ...`) gets a right-to-left mark in front."""
    import unicodedata

    from grader.core import hint_ladders, manifest

    texts = [t.fa for ex in manifest.exercises() for t in (ex.title, *(x for c in ex.checks for x in (c.title, c.why)))]
    texts += [h.fa for ex in manifest.exercises() for ladder in hint_ladders.ladders(ex).values() for h in ladder]
    first = [next(ch for ch in t if unicodedata.bidirectional(ch) in ("L", "R", "AL")) for t in texts]
    wrong = [t[:40] for t, ch in zip(texts, first) if unicodedata.bidirectional(ch) == "L"]
    assert not wrong and len(texts) > 200, wrong
