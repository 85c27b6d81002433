"""Charts as inline SVG: no script, no network, scale to any screen through ``viewBox``.

>>> svg = line_chart([[0.1, 0.5, -0.2]], ["valence"], markers=[(1, "kiss")])
>>> svg.startswith("<svg") and "kiss" in svg
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ["#c2185b", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#795548", "#546e7a"]


def _fmt(x: float) -> str:
    return f"{x:.1f}"


def line_chart(
    series: Sequence[Sequence[float]],
    names: Sequence[str],
    *,
    markers: Sequence[tuple[int, str]] = (),
    bands: Sequence[tuple[int, str]] = (),
    width: int = 960,
    height: int = 260,
    lo: float | None = None,
    hi: float | None = None,
    title: str = "",
    link_prefix: str = "scene-",
) -> str:
    """Lines over scene positions, with labelled vertical markers (e.g. thresholds) and
    part boundaries (``bands``: first scene index of each part with its label)."""
    n = max((len(s) for s in series), default=0)
    if n == 0:
        return ""
    values = [v for s in series for v in s]
    lo = min(values + [0.0]) if lo is None else lo
    hi = max(values + [1.0]) if hi is None else hi
    span = (hi - lo) or 1.0
    left, right, top, bottom = 40, 10, 24, 34
    w, h = width - left - right, height - top - bottom

    def x(i: float) -> float:
        return left + (w * i / (n - 1) if n > 1 else w / 2)

    def y(v: float) -> float:
        return top + h - (v - lo) / span * h

    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="#fafafa" stroke="#ddd"/>',
    ]
    if lo < 0 < hi:
        out.append(
            f'<line x1="{left}" x2="{left + w}" y1="{_fmt(y(0))}" y2="{_fmt(y(0))}" stroke="#bbb" stroke-dasharray="3 3"/>'
        )
    for v in (lo, hi):
        out.append(
            f'<text x="{left - 4}" y="{_fmt(y(v) + 4)}" font-size="11" text-anchor="end" fill="#666">{v:.1f}</text>'
        )
    for idx, label in bands:
        out.append(
            f'<line x1="{_fmt(x(idx))}" x2="{_fmt(x(idx))}" y1="{top}" y2="{top + h}" stroke="#e0e0e0"/>'
        )
        out.append(
            f'<text x="{_fmt(x(idx) + 2)}" y="{top + h + 14}" font-size="10" fill="#888">{escape(label)}</text>'
        )
    for k, s in enumerate(series):
        pts = " ".join(f"{_fmt(x(i))},{_fmt(y(v))}" for i, v in enumerate(s))
        out.append(
            f'<polyline fill="none" stroke="{PALETTE[k % len(PALETTE)]}" stroke-width="2" points="{pts}"/>'
        )
    for j, (idx, label) in enumerate(markers):
        xx = _fmt(x(idx))
        out.append(
            f'<a href="#{link_prefix}{idx}"><line x1="{xx}" x2="{xx}" y1="{top}" y2="{top + h}" '
            f'stroke="#c2185b" stroke-width="1.5" stroke-dasharray="4 2"/>'
            f'<circle cx="{xx}" cy="{top + 6 + (j % 4) * 12}" r="4" fill="#c2185b"/>'
            f'<text class="marker" x="{_fmt(x(idx) + 6)}" y="{top + 10 + (j % 4) * 12}" font-size="11" '
            f'fill="#880e4f">{escape(label)}</text></a>'
        )
    for k, name in enumerate(names):
        out.append(
            f'<rect x="{left + 8 + k * 110}" y="{height - 14}" width="10" height="10" fill="{PALETTE[k % len(PALETTE)]}"/>'
            f'<text x="{left + 22 + k * 110}" y="{height - 5}" font-size="11">{escape(name)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    items: Sequence[tuple[str, float]], *, width: int = 640, title: str = "", unit: str = ""
) -> str:
    """Horizontal bars, one per (label, value)."""
    if not items:
        return ""
    row, left = 22, 170
    height = row * len(items) + 10
    top_value = max(v for _, v in items) or 1.0
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, v) in enumerate(items):
        bw = (width - left - 60) * v / top_value
        y = 5 + i * row
        out.append(
            f'<text x="{left - 6}" y="{y + 14}" font-size="12" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{_fmt(bw)}" height="{row - 8}" fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{_fmt(left + bw + 4)}" y="{y + 14}" font-size="11" fill="#444">{v:g}{escape(unit)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def stacked_columns(
    columns: Sequence[str],
    kinds: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    width: int = 960,
    height: int = 220,
    title: str = "",
) -> str:
    """One column per part, stacked by kind (``values[col][kind]``), with a legend."""
    if not columns or not kinds:
        return ""
    left, bottom, top = 30, 40, 10
    h = height - top - bottom
    cw = (width - left - 10) / len(columns)
    peak = max((sum(v) for v in values), default=1) or 1
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for c, col in enumerate(columns):
        y: float = top + h
        for k, v in enumerate(values[c]):
            bh = h * v / peak
            y -= bh
            if v:
                out.append(
                    f'<rect x="{_fmt(left + c * cw + 1)}" y="{_fmt(y)}" width="{_fmt(max(cw - 2, 1))}" height="{_fmt(bh)}" fill="{PALETTE[k % len(PALETTE)]}"><title>{escape(col)}: {escape(kinds[k])} {v:g}</title></rect>'
                )
        if len(columns) <= 30 or c % max(1, len(columns) // 30) == 0:
            out.append(
                f'<text x="{_fmt(left + c * cw + cw / 2)}" y="{top + h + 12}" font-size="10" text-anchor="middle">{escape(col)}</text>'
            )
    for k, kind in enumerate(kinds):
        out.append(
            f'<rect x="{left + k * 130}" y="{height - 14}" width="10" height="10" fill="{PALETTE[k % len(PALETTE)]}"/><text x="{left + 14 + k * 130}" y="{height - 5}" font-size="11">{escape(kind)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def arc_diagram(
    n: int,
    links: Sequence[tuple[int, int, float]],
    *,
    flagged: Sequence[int] = (),
    width: int = 960,
    height: int = 240,
    title: str = "",
) -> str:
    """The scene link graph as an arc diagram: scenes on a line, an arc for each link
    (thicker for stronger), flagged (disconnected) scenes in red."""
    if n == 0:
        return ""
    left, right, base = 20, 20, height - 30
    w = width - left - right

    def x(i: int) -> float:
        return left + (w * i / (n - 1) if n > 1 else w / 2)

    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    top_w = max((wt for _, _, wt in links), default=1.0) or 1.0
    for a, b, wt in links:
        if a == b:
            continue
        x1, x2 = x(min(a, b)), x(max(a, b))
        r = (x2 - x1) / 2
        lift = min(base - 10, r)
        out.append(
            f'<path d="M{_fmt(x1)},{base} C{_fmt(x1)},{_fmt(base - lift * 1.3)} {_fmt(x2)},{_fmt(base - lift * 1.3)} {_fmt(x2)},{base}" fill="none" stroke="#1565c0" stroke-opacity="0.35" stroke-width="{_fmt(0.6 + 2.4 * wt / top_w)}"/>'
        )
    bad = set(flagged)
    for i in range(n):
        colour = "#d32f2f" if i in bad else "#455a64"
        out.append(
            f'<a href="#scene-{i}"><circle cx="{_fmt(x(i))}" cy="{base}" r="{4 if i in bad else 2.5}" fill="{colour}"><title>scene {i + 1}</title></circle></a>'
        )
    out.append(
        f'<text x="{left}" y="{height - 8}" font-size="11" fill="#666">scene 1</text><text x="{width - right}" y="{height - 8}" font-size="11" text-anchor="end" fill="#666">scene {n}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def gauge(
    value: float, left_label: str, right_label: str, *, width: int = 640, height: int = 60
) -> str:
    """A 0..1 scale between two poles with a marker at ``value``."""
    v = min(1.0, max(0.0, value))
    x0, x1 = 20, width - 20
    xv = x0 + (x1 - x0) * v
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(left_label)} to {escape(right_label)}" xmlns="http://www.w3.org/2000/svg">'
        f'<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#f8bbd0"/><stop offset="1" stop-color="#b3e5fc"/></linearGradient></defs>'
        f'<rect x="{x0}" y="14" width="{x1 - x0}" height="14" rx="7" fill="url(#g)"/>'
        f'<circle cx="{_fmt(xv)}" cy="21" r="9" fill="#37474f"/>'
        f'<text x="{x0}" y="48" font-size="12">{escape(left_label)}</text>'
        f'<text x="{x1}" y="48" font-size="12" text-anchor="end">{escape(right_label)}</text>'
        f"</svg>"
    )
