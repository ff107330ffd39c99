"""What hidden suites use to say which check a test belongs to and why it failed.

A test is tied to a manifest check with ``@check("id")``; it fails with a
bilingual message through :func:`expect` or :func:`fail`.
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
