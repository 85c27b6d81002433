"""Charts as inline SVG: no script, no network, scale to any screen through ``viewBox``.

>>> svg = line_chart([[0.1, 0.5, -0.2]], ["valence"], markers=[(1, "kiss")])
>>> svg.startswith("<svg") and "kiss" in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

PALETTE = ["#c2185b", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#795548", "#546e7a"]


def _fmt(x: float) -> str:
    return f"{x:.1f}"


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round tick values covering ``lo..hi`` (steps of 1, 2 or 5 times a power of ten).

    >>> nice_ticks(0.0, 0.1)
    [0.0, 0.05, 0.1]
    """
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    k = first
    while k * step <= hi + step * 1e-9:
        ticks.append(round(k * step, 10))
        k += 1
    return ticks


def fit_range(values: Sequence[float], *, include_zero: bool = True) -> tuple[float, float]:
    """An axis range that fits ``values`` with a margin, on round ticks; zero kept in view
    (so above and below zero reads at a glance) unless ``include_zero`` is False."""
    if not values:
        return 0.0, 1.0
    lo, hi = min(values), max(values)
    if include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    pad = (hi - lo) * 0.08
    lo2 = lo - pad if lo < 0 or not include_zero else lo
    hi2 = hi + pad if hi > 0 or not include_zero else hi
    ticks = nice_ticks(lo2, hi2)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else (hi2 - lo2)
    return (
        min(ticks[0], math.floor(lo2 / step) * step),
        max(ticks[-1], math.ceil(hi2 / step) * step),
    )


def _tick(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if v else "0"


def _open(width: int, height: int, title: str, kind: str) -> str:
    """An SVG chart element; ``--vw`` lets the page keep its text legible on a phone."""
    return (
        f'<svg class="chart {kind}" viewBox="0 0 {width} {height}" style="--vw:{width}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    )


def line_chart(
    series: Sequence[Sequence[float]],
    names: Sequence[str],
    *,
    xs: Sequence[int] | None = None,
    n: int | None = None,
    markers: Sequence[tuple[int, str]] = (),
    bands: Sequence[tuple[int, str]] = (),
    width: int = 960,
    height: int = 280,
    lo: float | None = None,
    hi: float | None = None,
    title: str = "",
    link_prefix: str = "scene-",
) -> str:
    """Lines over scene positions, each series on its own axis fitted to its data (the first
    on the left with a zero line, the second on the right), with labelled vertical markers
    (``markers``: scene index and label, e.g. thresholds) and part boundaries (``bands``:
    first scene index of each part with its label). ``xs`` gives each value's scene index
    (default 0, 1, ...) and ``n`` the number of scenes."""
    count = max((len(s) for s in series), default=0)
    if count == 0:
        return ""
    xs = list(xs) if xs is not None else list(range(count))
    n = n if n is not None else (max(xs) + 1 if xs else count)
    left, right, top, bottom = 52, 52, 24, 40
    w, h = width - left - right, height - top - bottom

    def x(i: float) -> float:
        return left + (w * i / (n - 1) if n > 1 else w / 2)

    ranges = []
    for k, s in enumerate(series):
        if k == 0 and lo is not None and hi is not None:
            ranges.append((lo, hi))
        else:
            ranges.append(fit_range(list(s), include_zero=k == 0))

    def y(v: float, k: int) -> float:
        a, b = ranges[min(k, len(ranges) - 1)]
        return top + h - (v - a) / ((b - a) or 1.0) * h

    out = [
        _open(width, height, title, "line"),
        f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="#fafafa" stroke="#ddd"/>',
    ]
    for k in range(min(len(series), 2)):
        a, b = ranges[k]
        ax, anchor = (left - 4, "end") if k == 0 else (left + w + 4, "start")
        colour = PALETTE[k % len(PALETTE)]
        for v in nice_ticks(a, b):
            out.append(
                f'<text class="tick" x="{ax}" y="{_fmt(y(v, k) + 4)}" font-size="11" '
                f'text-anchor="{anchor}" fill="{colour}">{_tick(v)}</text>'
            )
    a0, b0 = ranges[0]
    if a0 <= 0 <= b0:
        out.append(
            f'<line class="zero" x1="{left}" x2="{left + w}" y1="{_fmt(y(0, 0))}" '
            f'y2="{_fmt(y(0, 0))}" stroke="#999" stroke-dasharray="3 3"/>'
        )
    for idx, label in bands:
        out.append(
            f'<line x1="{_fmt(x(idx))}" x2="{_fmt(x(idx))}" y1="{top}" y2="{top + h}" stroke="#e0e0e0"/>'
        )
        out.append(
            f'<text x="{_fmt(x(idx) + 2)}" y="{top + h + 14}" font-size="11" fill="#888">{escape(label)}</text>'
        )
    for k, s in enumerate(series):
        pts = " ".join(f"{_fmt(x(i))},{_fmt(y(v, k))}" for i, v in zip(xs, s, strict=False))
        out.append(
            f'<polyline class="series" fill="none" stroke="{PALETTE[k % len(PALETTE)]}" stroke-width="2" points="{pts}"/>'
        )
    for j, (idx, label) in enumerate(markers):
        xx = _fmt(x(idx))
        out.append(
            f'<a class="threshold" href="#{link_prefix}{idx}"><line x1="{xx}" x2="{xx}" y1="{top}" y2="{top + h}" '
            f'stroke="#c2185b" stroke-width="1.5" stroke-dasharray="4 2"/>'
            f'<circle cx="{xx}" cy="{top + 6 + (j % 4) * 13}" r="4" fill="#c2185b"/>'
            f'<text class="marker" x="{_fmt(x(idx) + 6)}" y="{top + 10 + (j % 4) * 13}" font-size="11" '
            f'fill="#880e4f">{escape(label)}</text></a>'
        )
    for k, name in enumerate(names):
        side = "" if k == 0 else " →" if k == 1 else ""
        label = ("← " if k == 0 and len(names) > 1 else "") + name + side
        out.append(
            f'<rect x="{left + 8 + k * 150}" y="{height - 14}" width="10" height="10" fill="{PALETTE[k % len(PALETTE)]}"/>'
            f'<text x="{left + 22 + k * 150}" y="{height - 5}" font-size="11">{escape(label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    items: Sequence[tuple[str, float]], *, width: int = 960, title: str = "", unit: str = ""
) -> str:
    """Horizontal bars, one per (label, value)."""
    if not items:
        return ""
    row, left = 22, 220
    height = row * len(items) + 10
    top_value = max(v for _, v in items) or 1.0
    out = [_open(width, height, title, "bars")]
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
    out = [_open(width, height, title, "columns")]
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
    labels: Sequence[tuple[int, str]] = (),
    bands: Sequence[tuple[int, str]] = (),
    width: int = 960,
    height: int = 290,
    title: str = "",
    scene_word: str = "scene",
) -> str:
    """The scene link graph as an arc diagram: scenes on a line, an arc for each link
    (thicker for stronger), the scenes a finding names (``flagged``) in red, with the
    finding's code beside them (``labels``), and part boundaries (``bands``) below."""
    if n == 0:
        return ""
    left, right, base = 20, 20, height - 60
    w = width - left - right

    def x(i: int) -> float:
        return left + (w * i / (n - 1) if n > 1 else w / 2)

    out = [_open(width, height, title, "links")]
    top_w = max((wt for _, _, wt in links), default=1.0) or 1.0
    # an arc's height follows its span, the longest link reaching the top: local links stay
    # low and the long ones (a callback across episodes) stand out
    longest = max((abs(a - b) for a, b, _ in links), default=1) or 1
    opacity = max(0.06, min(0.35, 70 / max(len(links), 1)))  # thousands of links stay legible
    for idx, label in bands:
        out.append(
            f'<line x1="{_fmt(x(idx))}" x2="{_fmt(x(idx))}" y1="{base - 4}" y2="{base + 6}" stroke="#999"/>'
            f'<text x="{_fmt(x(idx) + 2)}" y="{base + 18}" font-size="11" fill="#888">{escape(label)}</text>'
        )
    for a, b, wt in links:
        if a == b:
            continue
        x1, x2 = x(min(a, b)), x(max(a, b))
        lift = (base - 16) * abs(a - b) / longest / 1.3
        out.append(
            f'<path class="link" data-from="{a}" data-to="{b}" d="M{_fmt(x1)},{base} C{_fmt(x1)},{_fmt(base - lift * 1.3)} {_fmt(x2)},{_fmt(base - lift * 1.3)} {_fmt(x2)},{base}" fill="none" stroke="#1565c0" stroke-opacity="{opacity:.2f}" stroke-width="{_fmt(0.6 + 2.4 * wt / top_w)}"/>'
        )
    bad = set(flagged)
    for i in range(n):
        if i in bad:
            continue
        out.append(
            f'<a href="#scene-{i}"><circle class="scene" cx="{_fmt(x(i))}" cy="{base}" r="2.5" fill="#455a64"><title>{escape(scene_word)} {i + 1}</title></circle></a>'
        )
    for i in sorted(bad):
        if 0 <= i < n:
            out.append(
                f'<a href="#scene-{i}"><circle class="scene flagged" data-scene="{i}" cx="{_fmt(x(i))}" cy="{base}" r="5" fill="#d32f2f"><title>{escape(scene_word)} {i + 1}</title></circle></a>'
            )
    for j, (i, label) in enumerate(labels):
        if 0 <= i < n:
            out.append(
                f'<text class="flag-label" x="{_fmt(x(i))}" y="{base + 32 + (j % 2) * 12}" font-size="11" text-anchor="middle" fill="#b71c1c">{escape(label)}</text>'
            )
    out.append(
        f'<text x="{left}" y="{height - 2}" font-size="11" fill="#666">{escape(scene_word)} 1</text><text x="{width - right}" y="{height - 2}" font-size="11" text-anchor="end" fill="#666">{escape(scene_word)} {n}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def timeline(
    rows: Sequence[tuple[str, float | None, tuple[float, float] | None, str, str]],
    *,
    width: int = 960,
    title: str = "",
    missing: str = "missing",
    usual: str = "usual range",
) -> str:
    """One row per item on a 0-100 % axis: the usual range as a band, the item as a dot at
    its position with its note (``rows``: label, percent or None, usual range in %, note,
    link target).

    >>> "first-threshold" in timeline([("kiss", 62.0, (50.0, 80.0), "part 2", "scene-3")])
    True
    """
    if not rows:
        return ""
    left, right, row, top = 150, 130, 26, 28
    height = top + row * len(rows) + 26
    w = width - left - right

    def x(p: float) -> float:
        return left + w * max(0.0, min(100.0, p)) / 100

    out = [_open(width, height, title, "timeline")]
    for p in (0, 25, 50, 75, 100):
        out.append(
            f'<line x1="{_fmt(x(p))}" x2="{_fmt(x(p))}" y1="{top - 6}" y2="{height - 22}" stroke="#e0e0e0"/>'
            f'<text x="{_fmt(x(p))}" y="{top - 10}" font-size="11" text-anchor="middle" fill="#888">{p}%</text>'
        )
    for i, (label, pct, rng, note, target) in enumerate(rows):
        y = top + i * row + row / 2
        out.append(
            f'<text x="{left - 8}" y="{_fmt(y + 4)}" font-size="12" text-anchor="end">{escape(label)}</text>'
        )
        if rng:
            out.append(
                f'<rect class="usual" x="{_fmt(x(rng[0]))}" y="{_fmt(y - 7)}" width="{_fmt(x(rng[1]) - x(rng[0]))}" height="14" rx="3" fill="#e8eaf6"/>'
            )
        if pct is None:
            out.append(
                f'<text class="missing" x="{_fmt(x(100) + 8)}" y="{_fmt(y + 4)}" font-size="11" fill="#b71c1c">{escape(missing)}</text>'
            )
            continue
        outside = rng is not None and not (rng[0] <= pct <= rng[1])
        colour = "#ef6c00" if outside else "#c2185b"
        out.append(
            f'<a href="#{escape(target)}"><circle class="first-threshold" cx="{_fmt(x(pct))}" cy="{_fmt(y)}" r="6" fill="{colour}"/></a>'
            f'<text x="{_fmt(x(100) + 8)}" y="{_fmt(y + 4)}" font-size="11" fill="#444">{pct:.0f}% · {escape(note)}</text>'
        )
    out.append(
        f'<rect x="{left}" y="{height - 16}" width="14" height="10" rx="3" fill="#e8eaf6"/>'
        f'<text x="{left + 20}" y="{height - 7}" font-size="11" fill="#666">{escape(usual)}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def beat_map(
    phases: Sequence[tuple[str, float, float]],
    beats: Sequence[tuple[str, int, float | None, str]],
    *,
    series: Sequence[tuple[float, float]] = (),
    width: int = 960,
    height: int = 300,
    title: str = "",
    missing: str = "missing",
) -> str:
    """The romance laid against its phases: ``phases`` (name, start %, end %) as bands,
    ``series`` (percent, value 0..1) as the romance's line, and each beat (name, phase
    index, percent or None, link target) as a dot on its phase; a missing beat is a hollow
    ring at the middle of its phase, labelled ``missing``."""
    if not phases:
        return ""
    left, right, top, bottom = 20, 20, 34, 110
    w, h = width - left - right, height - top - bottom

    def x(p: float) -> float:
        return left + w * max(0.0, min(100.0, p)) / 100

    tints = ["#fce4ec", "#f3e5f5", "#e3f2fd", "#e8f5e9"]
    out = [_open(width, height, title, "beats")]
    for k, (name, a, b) in enumerate(phases):
        out.append(
            f'<rect class="phase" x="{_fmt(x(a))}" y="{top}" width="{_fmt(x(b) - x(a))}" height="{h}" fill="{tints[k % len(tints)]}"/>'
            f'<text x="{_fmt((x(a) + x(b)) / 2)}" y="{top - 10}" font-size="12" font-weight="bold" text-anchor="middle" fill="#555">{escape(name)}</text>'
        )
    if series:
        pts = " ".join(f"{_fmt(x(p))},{_fmt(top + h - v * h)}" for p, v in series)
        out.append(
            f'<polyline class="romance" fill="none" stroke="#c2185b" stroke-opacity="0.5" stroke-width="2" points="{pts}"/>'
        )
    per_phase: dict[int, int] = {}
    for number, (name, phase, pct, target) in enumerate(beats, 1):
        k = per_phase.get(phase, 0)
        per_phase[phase] = k + 1
        ly = top + h + 16 + (k % 5) * 17
        if pct is None:
            a, b = phases[phase][1], phases[phase][2]
            cx = (x(a) + x(b)) / 2
            out.append(
                f'<circle class="beat-missing" cx="{_fmt(cx)}" cy="{_fmt(top + h - 12)}" r="6" fill="#fff" stroke="#b71c1c" stroke-width="2" stroke-dasharray="2 2"/>'
                f'<text x="{_fmt(x(a) + 4)}" y="{_fmt(ly)}" font-size="11" fill="#b71c1c">{number} {escape(name)}: {escape(missing)}</text>'
            )
            continue
        cx = x(pct)
        out.append(
            f'<a href="#{escape(target)}"><circle class="beat" cx="{_fmt(cx)}" cy="{_fmt(top + h / 2)}" r="6" fill="#c2185b"/>'
            f'<line x1="{_fmt(cx)}" x2="{_fmt(cx)}" y1="{_fmt(top + h / 2)}" y2="{top + h}" stroke="#c2185b" stroke-dasharray="2 2"/></a>'
            f'<text x="{_fmt(cx)}" y="{_fmt(top + h / 2 - 10 - (number % 2) * 12)}" font-size="11" text-anchor="middle" font-weight="bold" fill="#880e4f">{number}</text>'
            f'<text x="{_fmt(x(phases[phase][1]) + 4)}" y="{_fmt(ly)}" font-size="11" fill="#333">{number} {escape(name)} {pct:.0f}%</text>'
        )
    out.append("</svg>")
    return "".join(out)


def gauge(
    value: float,
    left_label: str,
    right_label: str,
    *,
    width: int = 640,
    height: int = 60,
    title: str = "",
) -> str:
    """A 0..1 scale between two poles with a marker at ``value``."""
    v = min(1.0, max(0.0, value))
    x0, x1 = 20, width - 20
    xv = x0 + (x1 - x0) * v
    return (
        _open(width, height, title or f"{left_label} - {right_label}", "gauge")
        + f'<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#f8bbd0"/><stop offset="1" stop-color="#b3e5fc"/></linearGradient></defs>'
        f'<rect x="{x0}" y="14" width="{x1 - x0}" height="14" rx="7" fill="url(#g)"/>'
        f'<circle cx="{_fmt(xv)}" cy="21" r="9" fill="#37474f"/>'
        f'<text x="{x0}" y="48" font-size="12">{escape(left_label)}</text>'
        f'<text x="{x1}" y="48" font-size="12" text-anchor="end">{escape(right_label)}</text>'
        f"</svg>"
    )
