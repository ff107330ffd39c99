"""The seeds that draw the instructor-only checks' inputs.

A class has one seed, drawn once and kept (in the gradebook, in a Gradescope bundle); each
student's grading of each exercise draws from a seed derived from it, so students get
different inputs and a re-grade gets the same ones.
"""
from __future__ import annotations

import hashlib
import secrets

BITS = 32  # short enough to read out and type: `grade ex01 --seed N`


def drawn() -> int:
    return secrets.randbits(BITS)


def derived(seed: int, *names: str) -> int:
    digest = hashlib.sha256("\0".join((str(seed), *names)).encode("utf-8")).digest()
    return int.from_bytes(digest[:BITS // 8], "big")
