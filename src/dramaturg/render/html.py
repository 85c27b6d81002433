"""The HTML report: one self-contained file (inline CSS and SVG, no script from anywhere),
readable on a laptop and a phone, printable. Every finding links to its scene's text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from dramaturg.analyze import codes
from dramaturg.analyze.moments import MOMENT_KINDS
from dramaturg.files import write_atomic
from dramaturg.render import beats, charts, fonts
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


def build_context(
    result: Any, lang: str | None = None, d: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything the template shows, charts drawn; ``d`` is the analysis JSON to show (by
    default ``result.to_dict()``; the CLI passes it with silenced findings moved out)."""
    d = d if d is not None else result.to_dict()
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
        xs = [int(a.get("scene", i)) for i, a in enumerate(arc_scenes)]
        arc_svg = charts.line_chart(
            [val, ten],
            [t.get("valence", "valence"), t.get("tension", "tension")],
            xs=xs,
            n=len(story.scenes),
            markers=markers,
            bands=bands,
            title=t.get("arc", "emotional arc"),
        )
    engine = d.get("engine") or {}
    links = [
        (int(lk["from"]), int(lk["to"]), float(lk.get("score", 1.0)))
        for lk in engine.get("links", [])
        if "from" in lk and "to" in lk
    ]
    flags = engine_flags(d.get("findings") or [])
    engine_svg = charts.arc_diagram(
        len(story.scenes),
        links,
        flagged=sorted(flags),
        labels=sorted(flags.items()),
        bands=bands,
        title=t.get("engine", "scene links"),
        scene_word=t.get("scene_word", "scene"),
    )
    slow_rows = beats.slow_burn_rows(d)
    slow_svg = charts.timeline(
        [
            (
                label_of(t, kind),
                where["percent"] if where else None,
                rng,
                f"{t['part'].lower()} {where['part']}" if where else "",
                f"scene-{where['scene']}" if where else "",
            )
            for kind, where, rng in slow_rows
        ],
        title=t.get("slow_burn", "slow-burn profile"),
        missing=t.get("missing", "missing"),
        usual=t.get("usual_slow_burn", "usual for a slow burn"),
    )
    romance_beats = beats.romance_beats(d)
    phases = [(label_of(t, name), a, b) for name, a, b in beats.PHASES]
    beats_svg = charts.beat_map(
        phases,
        [(label_of(t, b.key), b.phase, b.percent, f"scene-{b.scene}") for b in romance_beats],
        series=_romance_line(arc_scenes),
        title=t.get("beat_map", "romance-beat map"),
        missing=t.get("missing", "missing"),
    )
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
            title=t.get("moments_per_part", "moments per part"),
        )
        if moments
        else ""
    )
    pace_svg = charts.bar_chart(
        [(f"{label_of(t, th['kind'])} ({th['part']})", th.get("words", 0)) for th in thresholds],
        title=t.get("pacing", "words given to each threshold"),
        unit=" " + t.get("words_unit", "w"),
    )
    lens = d.get("lens") or {}
    lens_svg = (
        charts.gauge(
            float(lens.get("score", 0.0)),
            t.get("grounded", "grounded K-drama"),
            t.get("fantastical", "fantastical anime"),
            title=t.get("lens_short", "lens"),
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
        "slow_svg": slow_svg,
        "slow_rows": slow_rows,
        "beats_svg": beats_svg,
        "romance_beats": romance_beats,
        "phases": phases,
        "findings": findings,
        "code_titles": {c.code: c.title_in(lang) for c in codes.registry().values()},
        "severity_counts": Counter(f["severity"] for f in findings),
        "scenes": scene_texts(story),
    }


# the findings the story-engine chart flags (the registry's ``chart = "engine"``): scenes the
# links leave out or that lead nowhere
ENGINE_CHART_CODES = codes.charted("engine")


def engine_flags(findings: list[dict[str, Any]]) -> dict[int, str]:
    """Scene index -> the codes of the story-engine findings about that scene."""
    out: dict[int, list[str]] = {}
    for f in findings:
        if f.get("code") not in ENGINE_CHART_CODES:
            continue
        data = f.get("data") or {}
        listed = data.get("scenes")
        scenes: list[Any] = listed if isinstance(listed, list) else [f.get("scene")]
        for s in scenes:
            if isinstance(s, int):
                out.setdefault(s, [])
                if f["code"] not in out[s]:
                    out[s].append(f["code"])
    return {s: ", ".join(c.removeprefix("ENG-").lower() for c in codes) for s, codes in out.items()}


def _romance_line(arc_scenes: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """The smoothed valence as (percent, 0..1) for the beat map's line."""
    points = [
        (100 * float(a.get("position") or 0), float(a.get("valence_smooth", a.get("valence", 0))))
        for a in arc_scenes
    ]
    if not points:
        return []
    lo, hi = min(v for _, v in points), max(v for _, v in points)
    span = (hi - lo) or 1.0
    return [(p, 0.1 + 0.8 * (v - lo) / span) for p, v in points]


FONT_SLOT = "/* embedded fonts */"


def render_report(result: Any, lang: str | None = None, d: dict[str, Any] | None = None) -> str:
    """The report as one HTML string; a Korean font cut to the page's characters is embedded
    when the page has Korean text."""
    context = build_context(result, lang, d)
    template = _env(context["t"].get("labels")).get_template("report.html.j2")
    page = template.render(**context, font_slot=FONT_SLOT, korean_family=fonts.FAMILY)
    return page.replace(FONT_SLOT, fonts.font_face(page), 1)


def write_report(
    result: Any, out_dir: Path, lang: str | None = None, d: dict[str, Any] | None = None
) -> Path:
    """Write ``out_dir/report.html`` atomically and return its path."""
    return write_atomic(out_dir / "report.html", render_report(result, lang, d))
