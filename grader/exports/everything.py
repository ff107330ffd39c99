"""Every export of a batch at once, into one folder: what ``grade export`` writes."""
from __future__ import annotations

from pathlib import Path

from ..gradebook_model import StudentRecord
from .classroom import write_classroom
from .common import unique_stems, write_text
from .feedback import write_feedback
from .gradebook import write_json
from .gradescope import write_gradescope
from .junit import write_junit
from .stats import check_stats, render_stats
from .table import write_csv


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
