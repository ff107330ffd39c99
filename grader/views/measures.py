"""What a timing check's figures mean: a Persian name, the unit in words, and which way the requirement points.

The suites record each figure with an English name and a bare bound
(``grader.checks.record``). The Persian report must not show English, and a chart
must say whether the bound is a floor, a ceiling or a target, so each name the
suites record is described here (``tests/test_students_report.py`` fails when a
suite records a name this table does not know).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from grader.core.manifest import Text

AT_LEAST, AT_MOST, EXACTLY, ABOUT = "at_least", "at_most", "exactly", "about"
BOUNDS = {
    AT_LEAST: Text(fa="دست‌کم", en="at least"),
    AT_MOST: Text(fa="حداکثر", en="at most"),
    EXACTLY: Text(fa="دقیقاً", en="exactly"),
    ABOUT: Text(fa="حدود", en="about"),
}
UNITS = {  # a count's noun: English singular and plural; Persian keeps the singular after a number
    "requests": ("request", "requests", "درخواست"),
    "connections": ("connection", "connections", "اتصال"),
    "lookups": ("lookup", "lookups", "جست‌وجو"),
    "intervals": ("interval", "intervals", "بازه"),
}
SECONDS = Text(fa="ثانیه", en="s")


@dataclass(frozen=True)
class Meaning:
    name: Text
    bound: str | None  # None: a figure this kit does not know (recorded by another version)


_KNOWN: list[tuple[re.Pattern, str, str]] = [(re.compile(en), fa, bound) for en, fa, bound in [
    (r"wall time over one page's delay", "زمان کل، بر حسب تأخیر یک صفحه", AT_MOST),
    (r"requests in flight at once", "درخواست‌های هم‌زمان", AT_LEAST),
    (r"most requests in flight with limit=(\d+)", "بیشترین درخواست‌های هم‌زمان با limit={0}", EXACTLY),
    (r"most requests in flight with the default limit \((\d+)\)",
     "بیشترین درخواست‌های هم‌زمان با limit پیش‌فرض ({0})", EXACTLY),
    (r"TCP connections opened for (\d+) requests", "اتصال‌های TCP بازشده برای {0} درخواست", AT_MOST),
    (r"wall time with a page that never answers", "زمان کل با صفحه‌ای که هرگز جواب نمی‌دهد", AT_MOST),
    (r"heartbeat's worst lag", "بیشترین تأخیر ضربان", AT_MOST),
    (r"wall time over one lookup", "زمان کل، بر حسب زمان یک جست‌وجو", AT_MOST),
    (r"lookups at once with max_workers=(\d+)", "جست‌وجوهای هم‌زمان با max_workers={0}", EXACTLY),
    (r"fastest's wait, as a share of the slow URL's latency", "انتظار fastest، به نسبت تأخیر URL کند", AT_MOST),
    (r"typical gap between runs, in intervals", "فاصلهٔ معمول میان اجراها، بر حسب بازه", ABOUT),
    (r"stop\(\)'s wait with interval=(\S+)", "انتظار stop() با interval={0}", AT_MOST),
    (r"runs after start\(\) twice / runs after start\(\) once",
     "اجراها پس از دو بار start()، به نسبت اجراها پس از یک بار", AT_MOST),
    (r"stop\(timeout=([\d.]+)\)'s wait during a ([\d.]+) s run",
     "انتظار stop(timeout={0}) در میانهٔ اجرایی {1} ثانیه‌ای", AT_MOST),
    (r"time for (\d+) names / time for one", "زمان {0} نام، به نسبت زمان یک نام", AT_MOST),
    (r"typical gap between beats, in intervals", "فاصلهٔ معمول میان ضربان‌ها، بر حسب بازه", ABOUT),
    (r"workers computing at the same time", "سهم زمانی که کارگرها با هم محاسبه کردند", AT_LEAST),
    (r"pace against a known-good parallel version \(from CPU time\)",
     "سرعت، به نسبت یک نسخهٔ موازی درست (از روی زمان CPU)", AT_LEAST),
]]


def meaning(name: str) -> Meaning:
    for pattern, fa, bound in _KNOWN:
        if m := pattern.fullmatch(name):
            return Meaning(Text(fa=fa.format(*m.groups()), en=name), bound)
    return Meaning(Text(fa=name, en=name), None)


def met(bound: str | None, measured: float, required: float) -> bool | None:
    """Whether a figure meets its bound; None where the bound alone does not say (a target band, unknown)."""
    if bound == AT_LEAST:
        return measured >= required
    if bound == AT_MOST:
        return measured <= required
    if bound == EXACTLY:
        return measured == required
    return None


def number(value: float, unit: str, lang: str) -> str:
    """``1.4×``, ``25%``, ``0.53 s``, ``1 request``, ``3 requests`` (``3 درخواست`` in Persian)."""
    shown = f"{value:.3g}"
    if unit == "×":
        return f"{shown}×"
    if unit == "share":
        return f"{100 * value:.0f}%"
    if unit == "s":
        return f"{shown} {SECONDS(lang)}"
    if unit in UNITS:
        one, many, fa = UNITS[unit]
        return f"{shown} {fa if lang == 'fa' else one if value == 1 else many}"
    return f"{shown} {unit}".strip()
