"""A small chart, as inline SVG, of what a timing check measured against what it required.

Inline SVG needs no script, no library and no network, so the report opens
anywhere, offline. Each figure gets a scale of its own (a speed-up, a count of
requests and a share of time have nothing in common), a bar for what was
measured, a line at the bound, and a shaded zone on the side of the line that
passes, so the chart shows whether the bound is a floor or a ceiling; the
caption says it in words too. In a right-to-left page the bars grow from the right.
"""
from __future__ import annotations

from html import escape

from grader.core.manifest import Text
from grader.views import measures

WIDTH, PAD, ROW, LINE, GAP = 460, 8, 16, 16, 10
GREEN, RED, ZONE, TRACK, INK = "#2e7d32", "#c62828", "#c8e6c9", "#eeeeee", "#212121"
MEASURED = Text(fa="اندازه‌گیری‌شده", en="measured")
REQUIRED = Text(fa="لازم", en="required")
SYMBOLS = ("×", "share")  # units written as a symbol after the number (1.4×, 25%)


def caption(m: dict, lang: str) -> str:
    """``measured 1.05×; required at least 1.4×``: the chart's figure in words."""
    meaning = measures.meaning(m["name"])
    unit = m.get("unit", "×")
    bound = f"{measures.BOUNDS[meaning.bound](lang)} " if meaning.bound else ""
    measured, required = (_figure(float(m[key]), unit, lang) for key in ("measured", "required"))
    return f"{MEASURED(lang)} {measured}{'؛' if lang == 'fa' else ';'} {REQUIRED(lang)} {bound}{required}"


def bars(measurements: list[dict], passed: bool, lang: str) -> str:
    """One group per figure: its name, the bar against its bound, and the caption.

    ``passed`` colours the bar of a figure whose bound alone cannot judge it (a target band).
    """
    rtl = lang == "fa"
    parts, y, summary = [], 0, []
    for m in measurements:
        meaning = measures.meaning(m["name"])
        measured, required = max(float(m["measured"]), 0.0), max(float(m["required"]), 0.0)
        ok = measures.met(meaning.bound, measured, required)
        top = max(measured, required, 1e-9) * 1.25

        def span(low: float, high: float, top=top) -> tuple[float, float]:
            """The x and width of the values from ``low`` to ``high``, mirrored in a right-to-left page."""
            width = (high - low) / top * (WIDTH - 2 * PAD)
            start = PAD + low / top * (WIDTH - 2 * PAD)
            return (WIDTH - start - width if rtl else start), width

        parts.append(_text(y + 12, escape(meaning.name(lang)), rtl, bold=True))
        y += LINE + 4
        parts.append(_rect(*span(0, top), y, ROW, TRACK))
        if meaning.bound in (measures.AT_LEAST, measures.AT_MOST):
            passing = (required, top) if meaning.bound == measures.AT_LEAST else (0.0, required)
            parts.append(_rect(*span(*passing), y, ROW, ZONE, "zone"))
        start, width = span(0, measured)
        parts.append(_rect(start, max(width, 1.0), y + 3, ROW - 6,
                           GREEN if (passed if ok is None else ok) else RED, "measured"))
        start, width = span(0, required)
        mark = start if rtl else start + width  # the bound's end of its span
        parts.append(f'<line class="required" x1="{mark:.1f}" x2="{mark:.1f}" y1="{y - 3}" y2="{y + ROW + 3}" '
                     f'stroke="{INK}" stroke-width="2"/>')
        y += ROW + 4
        words = caption(m, lang)
        parts.append(_text(y + 12, escape(words), rtl))
        summary.append(f"{meaning.name(lang)}: {words}")
        y += LINE + GAP
    label = escape(" / ".join(summary))
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y}" '
            f'viewBox="0 0 {WIDTH} {y}" role="img" aria-label="{label}"><title>{label}</title>{"".join(parts)}</svg>')


def _figure(value: float, unit: str, lang: str) -> str:
    """A number with its unit; a symbol unit is isolated left to right, or a Persian line would put it first."""
    text = measures.number(value, unit, lang)
    return f"\u2066{text}\u2069" if unit in SYMBOLS else text


def _rect(x: float, width: float, y: float, height: float, fill: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<rect{klass} x="{x:.1f}" y="{y}" width="{width:.1f}" height="{height}" fill="{fill}" rx="2"/>'


def _text(y: float, content: str, rtl: bool, bold: bool = False) -> str:
    """A line of text at the start side: the right edge in a right-to-left page."""
    weight = ' font-weight="bold"' if bold else ""
    if rtl:
        return f'<text x="{WIDTH - PAD}" y="{y}" font-size="12" direction="rtl"{weight}>{content}</text>'
    return f'<text x="{PAD}" y="{y}" font-size="12"{weight}>{content}</text>'
