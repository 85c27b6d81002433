"""Structure: inciting incident, plot points, midpoint and climax, located from the arc.

The text (the whole story, or one episode) is cut into equal-word beats; each beat gets a
tension density and a valence, z-scored and lightly smoothed. A beat's *turn* is how sharply
feeling swings (|Δ valence|) plus how much tension climbs into it. Then, in order:

==================  ==================================  ==============  ==============
point               located as                          searched in     usual range
==================  ==================================  ==============  ==============
inciting incident   the sharpest turn                   3-30%           0-15%
plot point 1        the sharpest turn after it          15-45%          20-30%
midpoint            the sharpest turn                   35-65%          45-55%
plot point 2        sharpest turn into the darkest mood 55-88%          70-80%
climax              the highest tension                 70-100%         85-95%
==================  ==================================  ==============  ==============

Each point is quoted (the beat's most tense sentence, or its most charged one for the
midpoint and plot point 2) and its position compared with the usual range. For the whole
story, a point outside its range is a ``ENG-STRUCTURE`` finding (info: a shape to
look at, not a rule).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dramaturg.analyze.arc import smooth, zscores
from dramaturg.analyze.findings import Evidence, Finding, Severity
from dramaturg.analyze.scored import ScoredStory, Sentence, score_story
from dramaturg.story import Story

# name, search window, usual range
POINTS: list[tuple[str, tuple[float, float], tuple[float, float]]] = [
    ("inciting_incident", (0.03, 0.30), (0.0, 0.15)),
    ("plot_point_1", (0.15, 0.45), (0.20, 0.30)),
    ("midpoint", (0.35, 0.65), (0.45, 0.55)),
    ("plot_point_2", (0.55, 0.88), (0.70, 0.80)),
    ("climax", (0.70, 1.00), (0.85, 0.95)),
]
MIN_SENTENCES = 30  # fewer than this and a part has no shape worth locating
TOLERANCE = 0.05  # how far outside the usual range still counts as "about there"


@dataclass(slots=True)
class Point:
    """One structural point and where it falls."""

    name: str
    position: float
    usual: tuple[float, float]
    in_range: bool
    strength: float
    evidence: Evidence | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "position": round(self.position, 4),
            "usual_range": list(self.usual),
            "in_range": self.in_range,
            "strength": round(self.strength, 3),
            "scene": self.evidence.scene if self.evidence else None,
            "line": self.evidence.line if self.evidence else None,
            "quote": self.evidence.quote if self.evidence else "",
        }


@dataclass(slots=True)
class Shape:
    """The located points of one span (the story, or one part)."""

    part: int | None
    part_index: int | None
    beats: int
    points: list[Point] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "part_index": self.part_index,
            "beats": self.beats,
            "points": {p.name: p.to_dict() for p in self.points},
        }


@dataclass(slots=True)
class Structure:
    """The story's shape and each episode's."""

    story: Shape | None
    parts: list[Shape]
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story.to_dict() if self.story else None,
            "parts": [p.to_dict() for p in self.parts],
        }


def beat_count(sentences: int) -> int:
    """Beats to cut a span into: about one per 12 sentences, 8 to 40."""
    return max(8, min(40, sentences // 12))


def locate(sentences: list[Sentence], table: ScoredStory) -> tuple[int, list[Point]]:
    """Locate the five points in a run of sentences (positions relative to the run)."""
    total = sum(s.words for s in sentences)
    if len(sentences) < MIN_SENTENCES or total == 0:
        return 0, []
    b_count = beat_count(len(sentences))
    beats: list[list[tuple[Sentence, float]]] = [[] for _ in range(b_count)]
    seen = 0
    for s in sentences:
        pos = (seen + s.words / 2) / total
        beats[min(b_count - 1, int(pos * b_count))].append((s, pos))
        seen += s.words
    tension, valence = [], []
    for beat in beats:
        words = sum(s.words for s, _ in beat)
        tension.append(100.0 * sum(s.tension for s, _ in beat) / words if words else 0.0)
        valence.append(sum(s.valence * s.words for s, _ in beat) / words if words else 0.0)
    tz = smooth(zscores(tension), 3)
    vz = smooth(zscores(valence), 3)
    turn = [0.0] + [abs(vz[b] - vz[b - 1]) + max(0.0, tz[b] - tz[b - 1]) for b in range(1, b_count)]
    points: list[Point] = []
    after = -1
    for name, (lo, hi), usual in POINTS:
        candidates = [
            b for b in range(b_count) if b > after and beats[b] and lo <= (b + 0.5) / b_count <= hi
        ]
        if not candidates:
            continue
        if name == "climax":
            b = max(candidates, key=lambda x: tz[x])
            strength = tz[b]
        elif name == "plot_point_2":
            b = max(candidates, key=lambda x: turn[x] + max(0.0, -vz[x]))
            strength = turn[b] + max(0.0, -vz[b])
        else:
            b = max(candidates, key=lambda x: turn[x])
            strength = turn[b]
        after = b
        if name in ("midpoint", "plot_point_2"):
            sent, pos = max(beats[b], key=lambda sp: (abs(sp[0].valence), sp[0].words >= 4))
        else:
            sent, pos = max(beats[b], key=lambda sp: (sp[0].tension, sp[0].words >= 4))
        in_range = usual[0] - TOLERANCE <= pos <= usual[1] + TOLERANCE
        points.append(Point(name, pos, usual, in_range, strength, table.evidence(sent)))
    return b_count, points


def analyze_structure(story: Story, scored: ScoredStory | None = None) -> Structure:
    """The five points for the whole story and for every part long enough to have a shape."""
    table = scored or score_story(story)
    beats, points = locate(table.sentences, table)
    whole = Shape(None, None, beats, points) if points else None
    shapes = []
    for part in story.parts:
        sents = [s for sc in part.scenes for s in table.scene_sentences(sc.index)]
        b, pts = locate(sents, table)
        if pts:
            shapes.append(Shape(part.number, part.index, b, pts))
    structure = Structure(whole, shapes)
    if whole:
        structure.findings = [_finding(p) for p in whole.points if not p.in_range and p.evidence]
    return structure


_NAMES = {
    "inciting_incident": "inciting incident",
    "plot_point_1": "first plot point",
    "midpoint": "midpoint",
    "plot_point_2": "second plot point",
    "climax": "climax",
}


def _finding(p: Point) -> Finding:
    name = _NAMES[p.name]
    early = p.position < p.usual[0]
    return Finding(
        code="ENG-STRUCTURE",
        severity=Severity.INFO,
        message=(
            f"The strongest candidate for the {name} comes at {p.position:.0%}, "
            f"{'earlier' if early else 'later'} than the usual {p.usual[0]:.0%}-{p.usual[1]:.0%}."
        ),
        evidence=[p.evidence] if p.evidence else [],
        suggestion=(
            f"Check that the {name} is where you mean it to be; if the turn you intend is "
            "elsewhere, it may read too quietly on the page."
        ),
        data={"point": p.name, "position": round(p.position, 4), "usual_range": list(p.usual)},
    )
