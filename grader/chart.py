"""A small bar chart, as inline SVG, of what a timing check measured against what it required.

Inline SVG needs no script, no library and no network, so the report opens
anywhere, offline. In a right-to-left page the bars grow from the right.
"""
from __future__ import annotations

from html import escape

from .manifest import Text

WIDTH, LABEL, BAR, GAP = 420, 90, 16, 6
MEASURED = Text(fa="اندازه‌گیری‌شده", en="measured")
REQUIRED = Text(fa="لازم", en="required")


def _number(value: float, unit: str) -> str:
    return f"{value:.3g}{unit}" if unit in ("×", "%") else f"{value:.3g} {unit}"


def bars(measurements: list[dict], passed: bool, lang: str) -> str:
    """One group per measurement: the measured bar (green when the check passed) above the required one."""
    rtl = lang == "fa"
    top = max([abs(float(m[k])) for m in measurements for k in ("measured", "required")] + [1e-9])
    scale = (WIDTH - 2 * LABEL) / top
    parts, y = [], 0
    for m in measurements:
        parts.append(_text(0, y + 12, escape(str(m["name"])), rtl, bold=True))
        y += 18
        for label, key, colour in ((MEASURED(lang), "measured", "#2e7d32" if passed else "#c62828"),
                                   (REQUIRED(lang), "required", "#9e9e9e")):
            value = float(m[key])
            length = max(abs(value) * scale, 1.0)
            x = WIDTH - LABEL - length if rtl else LABEL
            parts.append(_text(0, y + BAR - 4, label, rtl))
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{BAR}" fill="{colour}" rx="2"/>')
            end, anchor = (x - 4, "end") if rtl else (x + length + 4, "start")
            parts.append(f'<text x="{end:.1f}" y="{y + BAR - 4}" font-size="12" direction="ltr" '
                         f'text-anchor="{anchor}">{escape(_number(value, m.get("unit", "")))}</text>')
            y += BAR + GAP
        y += GAP
    summary = "; ".join(f'{m["name"]}: {MEASURED(lang)} {_number(float(m["measured"]), m.get("unit", ""))}, '
                        f'{REQUIRED(lang)} {_number(float(m["required"]), m.get("unit", ""))}' for m in measurements)
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y}" '
            f'viewBox="0 0 {WIDTH} {y}" role="img" aria-label="{escape(summary)}">'
            f'<title>{escape(summary)}</title>{"".join(parts)}</svg>')


def _text(x: float, y: float, content: str, rtl: bool, bold: bool = False) -> str:
    """A label at the start side: the right edge in a right-to-left page."""
    weight = ' font-weight="bold"' if bold else ""
    if rtl:
        return (f'<text x="{WIDTH - x}" y="{y}" font-size="12" text-anchor="start" direction="rtl"{weight}>'
                f'{content}</text>')
    return f'<text x="{x}" y="{y}" font-size="12"{weight}>{content}</text>'
