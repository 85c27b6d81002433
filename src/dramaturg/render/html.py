"""The HTML report: one self-contained file (inline CSS and SVG, no script from anywhere),
readable on a laptop and a phone, printable. Every finding links to its scene's text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from dramaturg.analyze.moments import MOMENT_KINDS
from dramaturg.files import write_atomic
from dramaturg.render import charts
from dramaturg.render.i18n import strings
from dramaturg.render.messages import localize
from dramaturg.story import BlockKind, Story


def label_of(t: dict[str, Any], key: object) -> str:
    """How a kind, tag or verdict reads in the report's language (``threshold:kiss`` too)."""
    names = t.get("labels", {})
    text = str(key)
    prefix, _, rest = text.rpartition(":")
    if prefix and rest in names:
        return str(names[rest])
    return str(names.get(text, text.replace("_", " ")))


def _env(labels: dict[str, str] | None = None) -> Environment:
    env = Environment(
        loader=PackageLoader("dramaturg", "render/templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short"] = lambda p: (p or "-").rsplit("/", 1)[-1]
    names = labels or {}
    env.filters["label"] = lambda k: label_of({"labels": names}, k)
    return env


def scene_texts(story: Story) -> list[dict[str, Any]]:
    """Each scene's text with line numbers, for the report's scene panels."""
    part_of = story.scene_part()
    out = []
    for s in story.scenes:
        blocks = []
        for b in s.blocks:
            if b.kind in (BlockKind.NOTE, BlockKind.PAGE_BREAK, BlockKind.SYNOPSIS):
                continue
            blocks.append(
                {
                    "kind": str(b.kind),
                    "line": b.span.line,
                    "speaker": b.cue or b.speaker,
                    "extension": b.extension,
                    "parenthetical": b.parenthetical,
                    "text": b.text,
                }
            )
        part = part_of[s.index]
        out.append(
            {
                "index": s.index,
                "ordinal": s.ordinal,
                "number": s.number,
                "heading": s.heading or (part.label or part.title or f"{part.kind} {part.number}"),
                "part": part.number,
                "file": s.span.file,
                "line": s.heading_line or s.span.line,
                "blocks": blocks,
            }
        )
    return out


def build_context(result: Any, lang: str | None = None) -> dict[str, Any]:
    """Everything the template shows, charts drawn."""
    d = result.to_dict()
    story: Story = result.story
    t = strings(lang or story.language)
    stats = d["stats"]
    arc = d.get("arc") or {}
    arc_scenes = arc.get("scenes", arc) if isinstance(arc, dict) else arc
    thresholds = d.get("thresholds") or []
    markers = [
        (th["scene"], label_of(t, th["kind"])) for th in thresholds if th.get("scene") is not None
    ]
    bands = [
        (p.scenes[0].index, str(p.number if p.number is not None else p.index + 1))
        for p in story.parts
        if p.scenes
    ]
    if len(bands) > 40:  # keep part labels legible on long books
        step = len(bands) // 20 + 1
        bands = bands[::step]
    arc_svg = ""
    if arc_scenes:
        val = [float(a.get("valence_smooth", a.get("valence", 0.0))) for a in arc_scenes]
        ten = [float(a.get("tension_smooth", a.get("tension", 0.0))) for a in arc_scenes]
        arc_svg = charts.line_chart(
            [val, ten],
            [t.get("valence", "valence"), t.get("tension", "tension")],
            markers=markers,
            bands=bands,
            lo=-1.0,
            hi=1.0,
            title="emotional arc",
        )
    engine = d.get("engine") or {}
    links = [
        (int(lk["source"]), int(lk["target"]), float(lk.get("weight", 1.0)))
        for lk in engine.get("links", [])
        if "source" in lk and "target" in lk
    ]
    flagged = [
        f["scene"]
        for f in d.get("findings", [])
        if f["code"].startswith("ENGINE") and f.get("scene") is not None
    ]
    engine_svg = charts.arc_diagram(len(story.scenes), links, flagged=flagged, title="scene links")
    moments = d.get("moments") or []
    per_part: dict[Any, Counter[str]] = {}
    for m in moments:
        c = per_part.setdefault(m.get("part"), Counter())
        for k in m.get("kinds", []):
            c[k] += 1
    part_labels = [str(p.number if p.number is not None else p.index + 1) for p in story.parts]
    part_keys = [p.number for p in story.parts]
    moments_svg = (
        charts.stacked_columns(
            part_labels,
            [label_of(t, k) for k in MOMENT_KINDS],
            [[per_part.get(k, Counter())[m] for m in MOMENT_KINDS] for k in part_keys],
            title="moments per part",
        )
        if moments
        else ""
    )
    pace_svg = charts.bar_chart(
        [
            (f"{th['kind'].replace('_', ' ')} ({th['part']})", th.get("words", 0))
            for th in thresholds
        ],
        title="words given to each threshold",
        unit=" w",
    )
    lens = d.get("lens") or {}
    lens_svg = (
        charts.gauge(
            float(lens.get("score", 0.0)),
            t.get("grounded", "grounded K-drama"),
            t.get("fantastical", "fantastical anime"),
        )
        if lens
        else ""
    )
    lang = lang or story.language
    findings = [localize(f, lang, d.get("couple")) for f in d.get("findings") or []]
    hooks = d.get("hooks") or {}
    structure = d.get("structure") or {}
    momentum = d.get("momentum") or {}
    events = sorted(
        [*momentum.get("turning_points", []), *momentum.get("arrivals", [])],
        key=lambda e: e["scene"],
    )
    return {
        "hooks": hooks.get("parts", []) if isinstance(hooks, dict) else hooks,
        "beats": list((structure.get("story") or {}).get("points", {}).values()),
        "part_structure": structure.get("parts", []),
        "events": events,
        "t": t,
        "lang": lang,
        "d": d,
        "stats": stats,
        "arc_svg": arc_svg,
        "engine_svg": engine_svg,
        "moments_svg": moments_svg,
        "pace_svg": pace_svg,
        "lens_svg": lens_svg,
        "findings": findings,
        "severity_counts": Counter(f["severity"] for f in findings),
        "scenes": scene_texts(story),
    }


def render_report(result: Any, lang: str | None = None) -> str:
    context = build_context(result, lang)
    return _env(context["t"].get("labels")).get_template("report.html.j2").render(**context)


def write_report(result: Any, out_dir: Path, lang: str | None = None) -> Path:
    """Write ``out_dir/report.html`` atomically and return its path."""
    return write_atomic(out_dir / "report.html", render_report(result, lang))
