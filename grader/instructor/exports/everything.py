"""Every export of a batch at once, into one folder: what ``grade export`` writes."""
from __future__ import annotations

from pathlib import Path

from grader.core.files import write_text
from grader.core.records import StudentRecord
from grader.instructor.exports.common import unique_stems
from grader.instructor.exports.feedback import write_feedback
from grader.instructor.exports.gradebook import write_json
from grader.instructor.exports.gradescope import write_gradescope
from grader.instructor.exports.junit import write_junit
from grader.instructor.exports.stats import check_stats, render_stats
from grader.instructor.exports.table import write_csv
from grader.views.classroom_json import write_classroom


def write_all(records: list[StudentRecord], folder: Path, lang: str) -> list[Path]:
    """``grades.csv``, ``gradebook.json``, ``junit.xml``, ``check-stats.txt``, ``feedback/``, and per
    student ``gradescope/<student>.json`` and ``classroom/<student>.json``."""
    written = [
        write_csv(records, folder / "grades.csv", lang),
        write_json(records, folder / "gradebook.json", lang),
        write_junit(records, folder / "junit.xml", lang),
        write_text(folder / "check-stats.txt", render_stats(check_stats(records, lang), lang) + "\n"),
        *write_feedback(records, folder / "feedback"),
    ]
    for record, stem in zip(records, unique_stems(records)):
        written.append(write_gradescope(record, folder / "gradescope" / f"{stem}.json", lang))
        written.append(write_classroom(record, folder / "classroom" / f"{stem}.json", lang))
    return written
