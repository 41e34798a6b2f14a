"""Hand-written SVG line charts (no plotting library): time per page against scale, and build time against pages."""

from __future__ import annotations

import math
from html import escape
from typing import Any

WIDTH, HEIGHT, MARGIN = 560, 320, 56
SERIES = [
    ("hook_ms_per_page", "mkdocs build, output cache kept", "#3f51b5"),
    ("cold_ms_per_page", "mkdocs build, output cache emptied", "#2e7d32"),
    ("plain_ms_per_page", "exported Markdown, no generator", "#e65100"),
]
GROWTH = [
    ("hook_build_s", "hook build", "cached", "#3f51b5"),
    ("cold_build_s", "cold build", "cold", "#2e7d32"),
    ("plain_build_s", "plain build", "plain", "#e65100"),
]


def per_page_svg(rows: list[dict[str, Any]]) -> str:
    """Milliseconds per page (y, linear from 0) against scale (x, logarithmic), one line per build."""
    scales = [float(r["scale"]) for r in rows]
    top = max(float(r[key]) for r in rows for key, _, _ in SERIES) * 1.15 or 1.0
    low, high = math.log10(min(scales)), math.log10(max(scales))
    span = (high - low) or 1.0

    def x(scale: float) -> float:
        return MARGIN + (math.log10(scale) - low) / span * (WIDTH - 2 * MARGIN) if high > low else WIDTH / 2

    def y(ms: float) -> float:
        return HEIGHT - MARGIN - ms / top * (HEIGHT - 2 * MARGIN)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        "<title>Build time per page against scale</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<line x1="{MARGIN}" y1="{HEIGHT - MARGIN}" x2="{WIDTH - MARGIN}" y2="{HEIGHT - MARGIN}" stroke="#333"/>',
        f'<line x1="{MARGIN}" y1="{MARGIN}" x2="{MARGIN}" y2="{HEIGHT - MARGIN}" stroke="#333"/>',
        f'<text x="{WIDTH / 2}" y="{HEIGHT - 14}" text-anchor="middle">scale (copies of the content, log)</text>',
        f'<text x="16" y="{HEIGHT / 2}" text-anchor="middle" '
        f'transform="rotate(-90 16 {HEIGHT / 2})">ms per page</text>',
    ]
    for tick in range(5):
        ms = top * tick / 4
        parts.append(f'<text x="{MARGIN - 6}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms:.0f}</text>')
        parts.append(f'<line x1="{MARGIN}" y1="{y(ms):.1f}" x2="{WIDTH - MARGIN}" y2="{y(ms):.1f}" stroke="#ddd"/>')
    for scale in scales:
        parts.append(f'<text x="{x(scale):.1f}" y="{HEIGHT - MARGIN + 16}" text-anchor="middle">{scale:g}</text>')
    for index, (key, label, colour) in enumerate(SERIES):
        points = " ".join(f"{x(float(r['scale'])):.1f},{y(float(r[key])):.1f}" for r in rows)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for r in rows:
            parts.append(
                f'<circle cx="{x(float(r["scale"])):.1f}" cy="{y(float(r[key])):.1f}" r="3.5" fill="{colour}"/>'
            )
        parts.append(f'<text x="{MARGIN + 10}" y="{MARGIN - 26 + 16 * index}" fill="{colour}">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def growth_svg(rows: list[dict[str, Any]], exponents: dict[str, float | None]) -> str:
    """Build seconds (y, log) against pages (x, log), one line per build, its fitted exponent in the legend."""
    xs = [float(r["pages"]) for r in rows]
    ys = [float(r[key]) for r in rows for key, _, _, _ in GROWTH]
    x_low, x_high = math.log10(min(xs)), math.log10(max(xs))
    y_low, y_high = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    x_span, y_span = (x_high - x_low) or 1.0, (y_high - y_low) or 1.0

    def x(pages: float) -> float:
        return MARGIN + (math.log10(pages) - x_low) / x_span * (WIDTH - 2 * MARGIN) if x_high > x_low else WIDTH / 2

    def y(seconds: float) -> float:
        return HEIGHT - MARGIN - (math.log10(seconds) - y_low) / y_span * (HEIGHT - 2 * MARGIN)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        "<title>Build time against pages (log–log): the slope is the growth exponent</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<line x1="{MARGIN}" y1="{HEIGHT - MARGIN}" x2="{WIDTH - MARGIN}" y2="{HEIGHT - MARGIN}" stroke="#333"/>',
        f'<line x1="{MARGIN}" y1="{MARGIN}" x2="{MARGIN}" y2="{HEIGHT - MARGIN}" stroke="#333"/>',
        f'<text x="{WIDTH / 2}" y="{HEIGHT - 14}" text-anchor="middle">pages (log)</text>',
        f'<text x="16" y="{HEIGHT / 2}" text-anchor="middle" '
        f'transform="rotate(-90 16 {HEIGHT / 2})">build seconds (log)</text>',
    ]
    for power in range(y_low, y_high + 1):
        seconds = 10.0**power
        parts.append(f'<text x="{MARGIN - 6}" y="{y(seconds) + 4:.1f}" text-anchor="end">{seconds:g}</text>')
        parts.append(
            f'<line x1="{MARGIN}" y1="{y(seconds):.1f}" x2="{WIDTH - MARGIN}" y2="{y(seconds):.1f}" stroke="#ddd"/>'
        )
    for row in rows:
        pages = float(row["pages"])
        parts.append(f'<text x="{x(pages):.1f}" y="{HEIGHT - MARGIN + 16}" text-anchor="middle">{pages:g}</text>')
    for index, (key, name, label, colour) in enumerate(GROWTH):
        points = " ".join(f"{x(float(r['pages'])):.1f},{y(float(r[key])):.1f}" for r in rows)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for r in rows:
            parts.append(
                f'<circle cx="{x(float(r["pages"])):.1f}" cy="{y(float(r[key])):.1f}" r="3.5" fill="{colour}"/>'
            )
        k = exponents.get(name)
        legend = f"{label}: k = {k:.2f}" if k is not None else label
        parts.append(f'<text x="{MARGIN + 10}" y="{MARGIN - 26 + 16 * index}" fill="{colour}">{escape(legend)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
