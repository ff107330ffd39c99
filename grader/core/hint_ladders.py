"""The hints written for each check (``suites/<slug>/hints.toml``): course data every view may show.

How many of them a student has read is the student's state (:mod:`grader.student.hints`).
"""
from __future__ import annotations

from grader.core.manifest import Exercise, Text, persian, tomllib

FILE = "hints.toml"
READ = Text(fa="{n} از {total} را خوانده‌اید", en="{n} of {total} read")


def ladders(ex: Exercise) -> dict[str, list[Text]]:
    """Every check's hints, in the order they are revealed; checks this kit does not grade are left out."""
    try:
        with (ex.suite / FILE).open("rb") as f:
            raw = tomllib.load(f)
    except FileNotFoundError:
        return {}
    known = {c.id for c in ex.checks}
    return {check_id: [Text(fa=persian(h["fa"]), en=h["en"].strip()) for h in ladder]
            for check_id, ladder in raw.items() if check_id in known}


def command(ex: Exercise, check_id: str) -> str:
    return f"grade hint {ex.id} {check_id}"
