"""Instructor-only check of ex05: keys, records and pool sizes other than the public suite's, drawn per grading (``drawn``)."""
from __future__ import annotations

from test_bridge import lookup_all, probe

from grader.checks import check, expect

LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_-.@پژ"


def word(drawn, size: int) -> str:
    return "".join(drawn.choice(LETTERS) for _ in range(size))


@check("drawn_keys")
async def test_drawn_keys(drawn):
    for crowded in (True, False):  # first more keys than a small pool has threads, so a bound shows every seed
        workers = drawn.randint(2, 4) if crowded else drawn.randint(1, 8)  # two threads at least: out of order
        size = drawn.randint(3 * workers + 1, 24) if crowded else drawn.randint(1, 24)
        ks = [f"{i}{word(drawn, drawn.randint(1, 10))}" for i in range(size)]  # distinct
        answers = {k: f"{word(drawn, 3)}:{drawn.randint(0, 10**6)}" for k in ks}
        delays = [drawn.uniform(0.01 if crowded else 0.001, 0.03) for _ in ks]
        if crowded:  # the first keys the slowest: lookups finish out of order every seed
            delays.sort(reverse=True)
        probe.reset(dict(zip(ks, delays)), answers)
        got, _ = await lookup_all(ks, max_workers=workers)
        expect(got == answers,
               f"lookup_all({ks!r:.200}, max_workers={workers}) returned {got!r:.300}, expected {answers!r:.300}: "
               "each key maps to what lookup(key) returned for it.",
               f"lookup_all({ks!r:.200}, max_workers={workers}) مقدار {got!r:.300} را برگرداند؛ انتظار می‌رفت "
               f"{answers!r:.300}: هر کلید به همان چیزی می‌رسد که lookup(کلید) برایش برگرداند.")
        expect(probe.peak <= workers,
               f"lookup_all(<{len(ks)} keys>, max_workers={workers}) ran {probe.peak} lookups at once.",
               f"lookup_all(<{len(ks)} کلید>, max_workers={workers}) {probe.peak} جست‌وجو را هم‌زمان اجرا کرد.")
