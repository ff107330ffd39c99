"""The exercises, as described by ``exercises.toml``: the only list of them."""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 in CI
    import tomli as tomllib

MANIFEST = Path(__file__).resolve().parents[1] / "exercises.toml"
SUITES = Path(__file__).resolve().parents[1] / "suites"
DEFAULT_CHECK_TIMEOUT = 15.0


@dataclass(frozen=True, kw_only=True)
class Text:
    """A text in both languages of the kit.

    Keyword-only, so that it cannot be built the wrong way round: where the kit takes the two
    languages positionally (``fail``, ``expect``, ``skip``), English comes first."""

    fa: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.fa if lang == "fa" else self.en


TIMING = {
    "": "measures no time",
    # Compares sleeps and wall time (overlap, lag, cadence): built to bear a loaded machine, as
    # tests/stress.py shows, so batch runs it beside other gradings.
    "sleep": "compares sleeps with wall time",
    # Measures a speedup from using several CPUs: batch runs it alone on the machine.
    "cpu": "measures a speedup on several CPUs",
}


@dataclass(frozen=True)
class Check:
    id: str
    points: int
    title: Text
    why: Text
    lesson: int
    timeout: float = DEFAULT_CHECK_TIMEOUT
    timing: str = ""  # "" (no timing), "sleep" or "cpu": see TIMING
    hidden: bool = False  # instructor-only: left out of the student kit, run at grading time
    corrected_in: str = ""  # the task README's heading that corrects the lesson's passage (the errata)

    @property
    def alone(self) -> bool:
        """Must not share the machine with another grading (a speedup needs the CPUs)."""
        return self.timing == "cpu"


@dataclass(frozen=True)
class Exercise:
    id: str
    slug: str
    title: Text
    lessons: tuple[int, ...]
    files: tuple[str, ...]
    given: tuple[str, ...]
    api: tuple[str, ...]
    time_limit: float
    checks: tuple[Check, ...] = field(repr=False)
    hidden_checks: int = 0  # in a student kit: instructor-only checks left out, and their points
    hidden_points: int = 0

    @property
    def number(self) -> int:
        return int(self.id[2:])

    @property
    def modules(self) -> tuple[str, ...]:
        return tuple(Path(f).stem for f in self.files)

    @property
    def suite(self) -> Path:
        return SUITES / self.slug

    def check(self, check_id: str) -> Check:
        for c in self.checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)


class UnknownExercise(LookupError):
    pass


RLM = "\u200f"  # RIGHT-TO-LEFT MARK


def persian(text: str) -> str:
    """A Persian text that starts with a Latin word (``take با n منفی ...``) is laid out left to right by
    a terminal or viewer that guesses a paragraph's direction from its first strong letter; a
    right-to-left mark first makes it read right to left everywhere."""
    text = text.strip()
    first = next((ch for ch in text if unicodedata.bidirectional(ch) in ("L", "R", "AL")), "")
    return RLM + text if first and unicodedata.bidirectional(first) == "L" else text


def _text(raw: dict) -> Text:
    return Text(fa=persian(raw["fa"]), en=raw["en"].strip())


def _timing(ex_id: str, raw: dict) -> str:
    kind = raw.get("timing", "")
    if kind not in TIMING:
        raise ValueError(f"{ex_id} {raw['id']}: timing = {kind!r}; expected one of {sorted(k for k in TIMING if k)}")
    return kind


def _exercise(raw: dict) -> Exercise:
    checks = tuple(
        Check(
            id=c["id"],
            points=c["points"],
            title=_text(c["title"]),
            why=_text(c["why"]),
            lesson=c["lesson"],
            timeout=float(c.get("timeout", DEFAULT_CHECK_TIMEOUT)),
            timing=_timing(raw["id"], c),
            hidden=bool(c.get("hidden", False)),
            corrected_in=c.get("corrected_in", ""),
        )
        for c in raw["check"]
    )
    ex = Exercise(
        id=raw["id"],
        slug=raw["slug"],
        title=_text(raw["title"]),
        lessons=tuple(raw["lessons"]),
        files=tuple(raw["files"]),
        given=tuple(raw.get("given", ())),
        api=tuple(raw.get("api", ())),
        time_limit=float(raw["time_limit"]),
        checks=checks,
        hidden_checks=int(raw.get("hidden_checks", 0)),
        hidden_points=int(raw.get("hidden_points", 0)),
    )
    total = sum(c.points for c in checks) + ex.hidden_points
    if total != 100:
        raise ValueError(f"{ex.id}: check points add up to {total}, not 100")
    return ex


def load(path: Path) -> tuple[Exercise, ...]:
    """The exercises of any manifest file (a handout is built from one)."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    return tuple(sorted((_exercise(raw) for raw in data["exercise"]), key=lambda ex: ex.number))


@cache
def exercises() -> tuple[Exercise, ...]:
    return load(MANIFEST)


def find(name: str) -> Exercise:
    """Accept ``ex04``, ``4``, ``04`` or ``ex04_aiohttp_scraper``."""
    key = name.strip().lower()
    number = re.fullmatch(r"(?:ex)?0*(\d+)", key)
    for ex in exercises():
        if key in (ex.id, ex.slug) or (number and int(number.group(1)) == ex.number):
            return ex
    raise UnknownExercise(name)
