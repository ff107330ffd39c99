"""What hidden suites use to say which check a test belongs to and why it failed.

A test is tied to a manifest check with ``@check("id")``; it fails with a
bilingual message through :func:`expect` or :func:`fail`, and a check that passes may still
say, with :func:`note`, how correct code could be better (it costs no points). An instructor-only check draws
its inputs from the `drawn` fixture (a `random.Random` seeded by the grading).
"""
from __future__ import annotations

import pytest


def check(check_id: str):
    """Mark a test as (part of) the manifest check ``check_id``."""
    return pytest.mark.check(check_id)


class CheckFailed(AssertionError):
    """A failure whose explanation the student reads, in both languages."""

    def __init__(self, en: str, fa: str):
        super().__init__(en)
        self.en = en
        self.fa = fa


MEASUREMENTS: list[dict] = []


def record(name: str, measured: float, required: float, unit: str = "×") -> None:
    """Keep a figure a timing check measured beside what it required (shown in reports).

    ``required`` is the bound the check applies: a speedup at least that, say.
    """
    MEASUREMENTS.append({"name": name, "measured": round(float(measured), 4),
                         "required": round(float(required), 4), "unit": unit})


NOTES: list[tuple[str, str]] = []


def note(en: str, fa: str) -> None:
    """Advice for code that passes, as Exercism's analyzers give: shown only if the check passes."""
    NOTES.append((en, fa))


def fail(en: str, fa: str):
    raise CheckFailed(en, fa)


def expect(condition: object, en: str, fa: str) -> None:
    if not condition:
        raise CheckFailed(en, fa)


class CheckSkipped(pytest.skip.Exception):
    """This check cannot be measured here (one usable core, say): never a pass."""

    def __init__(self, en: str, fa: str):
        super().__init__(en)
        self.en = en
        self.fa = fa


def skip(en: str, fa: str):
    raise CheckSkipped(en, fa)
