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
midpoint and plot point 2) and its position compared with the usual range. These located
points are estimates, shown in the report and the JSON, never findings: read against the
text, the sentence a word-list arc picks as "the first plot point" was the beat in only 5
of 17 cases (docs/findings-review.md).

The writer's own act breaks are facts, and those are judged (``ENG-STRUCTURE``, info: a
shape to look at, not a rule). An act is a section heading (Fountain ``# ACT II``, Final
Draft's New Act) or an all-caps line of its own (``ACT TWO``, ``제2막``). In three acts, the
second usually starts at 20-30 % of the script and the third at 70-80 %; in four or more
(a TV hour), acts run about even, and one twice the length of the others, or under half,
stands out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dramaturg.analyze.arc import smooth, zscores
from dramaturg.analyze.findings import Evidence, Finding, Severity
from dramaturg.analyze.scored import TOLD, ScoredStory, Sentence, score_story
from dramaturg.story import Block, BlockKind, Story

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
# where the acts of a three-act script usually start
ACT_STARTS = {2: (0.20, 0.30), 3: (0.70, 0.80)}
UNEVEN = 2.0  # an act of a four-or-more-act script this many times the median act, or under
# its inverse, stands out
_NUMBER_WORDS = {
    w: i for i, w in enumerate("one two three four five six seven eight nine ten".split(), start=1)
}
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}
_ACT = re.compile(
    r"^\s*(?:act|akt)\s+(?P<n>\d{1,2}|[ivx]{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\b(?![^\n]*\bend\b)|^\s*제?\s*(?P<ko>\d{1,2})\s*막",
    re.I,
)
_END_OF_ACT = re.compile(r"^\s*end\s+of\s+act\b", re.I)


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
class Act:
    """An act the writer marked: its number, where it starts, and its share of the words."""

    number: int
    title: str
    position: float
    share: float
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "position": round(self.position, 4),
            "share": round(self.share, 4),
            "line": self.evidence.line,
            "file": self.evidence.file,
        }


@dataclass(slots=True)
class Structure:
    """The story's shape and each episode's, and the acts the writer marked."""

    story: Shape | None
    parts: list[Shape]
    findings: list[Finding] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story.to_dict() if self.story else None,
            "parts": [p.to_dict() for p in self.parts],
            "acts": [a.to_dict() for a in self.acts],
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
    structure.acts = marked_acts(story, table)
    structure.findings = _act_findings(structure.acts)
    return structure


def act_number(text: str) -> int | None:
    """The number of an act heading ("ACT II: A New Day", "ACT TWO", "제2막"), or None."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    if _END_OF_ACT.match(first):
        return None
    m = _ACT.match(first)
    if not m:
        return None
    if m.group("ko"):
        return int(m.group("ko"))
    n = m.group("n").lower()
    if n.isdigit():
        return int(n)
    return _NUMBER_WORDS.get(n) or _ROMAN.get(n)


def _is_act_block(b: Block) -> bool:
    if b.kind is BlockKind.SECTION:
        return True
    line = b.text.strip()
    # a line of its own in capitals ("ACT TWO"), not action that mentions an act
    return (
        b.kind in (BlockKind.ACTION, BlockKind.CENTERED, BlockKind.TRANSITION)
        and "\n" not in line
        and len(line) <= 60
        and line == line.upper()
    )


def marked_acts(story: Story, table: ScoredStory) -> list[Act]:
    """The acts the draft marks, each once (the first heading of each number), in order."""
    total = sum(table.scene_words)
    if not total:
        return []
    found: list[tuple[int, str, int, Block]] = []
    seen: set[int] = set()
    words = 0
    for block in story.blocks():
        if _is_act_block(block):
            n = act_number(block.text)
            if n is not None and n not in seen and (not found or n > found[-1][0]):
                seen.add(n)
                found.append((n, block.text.strip().splitlines()[0], words, block))
        elif block.kind in TOLD:
            words += block.words
    if len(found) < 2:
        return []
    acts: list[Act] = []
    for k, (n, title, at, block) in enumerate(found):
        end = found[k + 1][2] if k + 1 < len(found) else total
        ev = Evidence(block.span.file, block.span.line, title)
        acts.append(Act(n, title, at / total, (end - at) / total, ev))
    return acts


def _act_findings(acts: list[Act]) -> list[Finding]:
    if not acts:
        return []
    top = max(a.number for a in acts)
    out: list[Finding] = []
    if top <= 3:
        for a in acts:
            usual = ACT_STARTS.get(a.number)
            if usual is None:
                continue
            lo, hi = usual
            if lo - TOLERANCE <= a.position <= hi + TOLERANCE:
                continue
            before = "the first act" if a.number == 2 else "the second act"
            long_short = "runs long" if a.position > hi else "is short"
            out.append(
                Finding(
                    code="ENG-STRUCTURE",
                    severity=Severity.INFO,
                    message=(
                        f"{a.title} starts at {a.position:.0%} of the script, so {before} "
                        f"{long_short}: act {a.number} usually starts at {lo:.0%}-{hi:.0%}."
                    ),
                    evidence=[a.evidence],
                    suggestion=(
                        f"If {before} is meant to run this {'long' if a.position > hi else 'short'}"
                        ", let it earn it; otherwise move the turn that ends it "
                        f"{'earlier' if a.position > hi else 'later'}, or trim what comes "
                        "before it."
                    ),
                    data={
                        "act": a.number,
                        "position": round(a.position, 4),
                        "usual_range": [lo, hi],
                    },
                )
            )
        return out
    sized = [a for a in acts if a.number >= 1]
    if len(sized) < 3:
        return []
    shares = sorted(a.share for a in sized)
    median = shares[len(shares) // 2]
    for a in sized:
        ratio = a.share / median if median else 1.0
        if 1 / UNEVEN <= ratio <= UNEVEN:
            continue
        out.append(
            Finding(
                code="ENG-STRUCTURE",
                severity=Severity.INFO,
                message=(
                    f"{a.title} takes {a.share:.0%} of the script, {ratio:.1f}x the median "
                    f"act ({median:.0%}): acts of a {top}-act script usually run about even."
                ),
                evidence=[a.evidence],
                suggestion=(
                    "Check the act break: an act this "
                    f"{'long' if ratio > 1 else 'short'} often hides a turn in the wrong place."
                ),
                data={"act": a.number, "share": round(a.share, 4), "median_share": median},
            )
        )
    return out
