"""Emotional arc: valence and tension per scene and per part, smoothed, with peaks and valleys.

Valence is VADER's compound score, averaged over a scene's sentences weighted by words
(-1 very negative .. +1 very positive). Tension is the density of the tension lexicon
(``text/<lang>/arc.toml``: danger, conflict, urgency, distress) plus questions,
exclamations, broken-off lines and short sentences, per 100 words, then scaled so that the
story's 95th-percentile scene is 1.0 (tension is relative to the draft itself).

Peaks and valleys are local extremes of the smoothed valence that stand out from their
surroundings by at least half a standard deviation (their topographic prominence): the
draft's emotional wins and losses.

>>> from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story
>>> def sc(t, line):
...     return Scene(None, Span("n.txt", line, line),
...                  [Block(BlockKind.PARAGRAPH, t, Span("n.txt", line, line))])
>>> st = Story("t", [Part("chapter", 1, "", Span("n.txt", 1, 3),
...     [sc("She was happy and loved.", 1), sc("He screamed. Blood! Danger!", 3)])]).reindex()
>>> arc = analyze_arc(st)
>>> arc.scenes[0].valence > 0 > arc.scenes[1].valence, arc.scenes[1].tension
(True, 1.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from dramaturg.analyze.findings import Evidence
from dramaturg.analyze.scored import ScoredStory, Sentence, scene_mean, score_story
from dramaturg.story import Story

PRIOR_WORDS = 40  # pseudo-words of the story's mean mood added to every scene
MIN_EXTREME_WORDS = 30  # a scene shorter than this is not a win or a loss on its own


@dataclass(slots=True)
class SceneArc:
    """Valence and tension of one scene (raw and smoothed)."""

    scene: int
    part: int | None  # part number as printed
    part_index: int
    position: float  # where the scene starts, fraction of the story's words
    words: int
    valence: float
    tension: float
    tension_density: float  # weighted tension hits per 100 words, before scaling
    valence_smooth: float = 0.0
    tension_smooth: float = 0.0
    extreme: str | None = None  # "peak" or "valley" of the smoothed valence

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "part_index": self.part_index,
            "scene": self.scene,
            "position": round(self.position, 4),
            "words": self.words,
            "valence": round(self.valence, 4),
            "tension": round(self.tension, 4),
            "valence_smooth": round(self.valence_smooth, 4),
            "tension_smooth": round(self.tension_smooth, 4),
            **({"extreme": self.extreme} if self.extreme else {}),
        }


@dataclass(slots=True)
class PartArc:
    """Valence and tension of a part (episode / chapter), word-weighted over its scenes."""

    part: int | None
    part_index: int
    title: str
    valence: float
    tension: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "part_index": self.part_index,
            "title": self.title,
            "valence": round(self.valence, 4),
            "tension": round(self.tension, 4),
        }


@dataclass(slots=True)
class Extreme:
    """An emotional win (peak) or loss (valley) with the sentence that carries it."""

    kind: str  # "peak" | "valley"
    scene: int
    value: float
    prominence: float
    evidence: Evidence | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "scene": self.scene,
            "valence": round(self.value, 4),
            "prominence": round(self.prominence, 4),
            "line": self.evidence.line if self.evidence else None,
            "quote": self.evidence.quote if self.evidence else "",
        }


@dataclass(slots=True)
class Arc:
    """The emotional arc of a story."""

    scenes: list[SceneArc]
    parts: list[PartArc]
    peaks: list[Extreme] = field(default_factory=list)
    valleys: list[Extreme] = field(default_factory=list)
    window: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "smoothing_window": self.window,
            "scenes": [s.to_dict() for s in self.scenes],
            "parts": [p.to_dict() for p in self.parts],
            "peaks": [e.to_dict() for e in self.peaks],
            "valleys": [e.to_dict() for e in self.valleys],
        }

    def tension_z(self) -> list[float]:
        """Scene tension as z-scores (0 mean, unit spread) for comparisons across scenes."""
        return zscores([s.tension for s in self.scenes])


def zscores(values: list[float]) -> list[float]:
    """Standard scores; all zeros when the values do not vary."""
    if not values:
        return []
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    return [(v - mean) / sd if sd > 1e-9 else 0.0 for v in values]


def smoothing_window(n: int) -> int:
    """An odd moving-average window: 1 for tiny stories, about a tenth of the scenes, at most 9."""
    if n < 5:
        return 1
    w = max(3, min(9, round(n / 10)))
    return w if w % 2 else w + 1


def smooth(values: list[float], window: int) -> list[float]:
    """Centred moving average; the window shrinks at the ends."""
    if window <= 1:
        return list(values)
    half = window // 2
    prefix = [0.0]
    for v in values:
        prefix.append(prefix[-1] + v)
    out = []
    n = len(values)
    for i in range(n):
        a, b = max(0, i - half), min(n, i + half + 1)
        out.append((prefix[b] - prefix[a]) / (b - a))
    return out


def prominent_extremes(values: list[float], min_prominence: float) -> list[tuple[int, str, float]]:
    """(index, "peak"/"valley", prominence) of local extremes that stand out enough."""
    out: list[tuple[int, str, float]] = []
    n = len(values)
    if n < 3:
        return out
    for sign, kind in ((1.0, "peak"), (-1.0, "valley")):
        v = [sign * x for x in values]
        for i in range(n):
            # a plateau counts once, at its left end; an end point must rise above its neighbour
            left_ok = v[i] > v[i + 1] if i == 0 else v[i] > v[i - 1]
            right_ok = v[i] > v[i - 1] if i == n - 1 else v[i] >= v[i + 1]
            if not (left_ok and right_ok):
                continue
            # topographic prominence: drop to the higher of the two bases
            lo_left = v[i]
            j = i - 1
            while j >= 0 and v[j] <= v[i]:
                lo_left = min(lo_left, v[j])
                j -= 1
            lo_right = v[i]
            j = i + 1
            while j < n and v[j] <= v[i]:
                lo_right = min(lo_right, v[j])
                j += 1
            bases = []
            if i > 0:
                bases.append(lo_left)
            if i < n - 1:
                bases.append(lo_right)
            prom = v[i] - max(bases) if bases else 0.0
            if prom >= min_prominence:
                out.append((i, kind, prom))
    return sorted(out)


def strongest_sentence(sents: list[Sentence], kind: str) -> Sentence | None:
    """The sentence that carries a scene's win (most positive) or loss (most negative)."""
    told = [s for s in sents if s.words >= 3] or sents
    if not told:
        return None
    if kind == "peak":
        return max(told, key=lambda s: s.valence)
    if kind == "valley":
        return min(told, key=lambda s: s.valence)
    return max(told, key=lambda s: s.tension)


def analyze_arc(story: Story, scored: ScoredStory | None = None) -> Arc:
    """Valence and tension per scene and per part, smoothed, with peaks and valleys."""
    table = scored or score_story(story)
    rows: list[SceneArc] = []
    densities: list[float] = []
    sents_all = table.sentences
    total_words = max(1, sum(max(1, s.words) for s in sents_all))
    mean_valence = sum(s.valence * max(1, s.words) for s in sents_all) / total_words
    mean_tension = sum(s.tension for s in sents_all) / total_words
    for idx, _scene in enumerate(table.scenes):
        sents = table.scene_sentences(idx)
        weight = sum(max(1, s.words) for s in sents)
        # a few words say little: short scenes are pulled toward the story's mean
        valence = (sum(s.valence * max(1, s.words) for s in sents) + mean_valence * PRIOR_WORDS) / (
            weight + PRIOR_WORDS
        )
        words = table.scene_words[idx]
        tension_sum = sum(s.tension for s in sents) + mean_tension * PRIOR_WORDS
        density = 100.0 * tension_sum / (words + PRIOR_WORDS)
        densities.append(density)
        part = table.part_of_scene[idx]
        rows.append(
            SceneArc(
                scene=idx,
                part=part.number,
                part_index=part.index,
                position=table.position(idx),
                words=words,
                valence=valence,
                tension=0.0,
                tension_density=density,
            )
        )
    scale = _percentile([d for d, r in zip(densities, rows, strict=True) if r.words], 0.95)
    for r in rows:
        r.tension = min(1.0, r.tension_density / scale) if scale > 0 else 0.0
    window = smoothing_window(len(rows))
    for r, v, t in zip(
        rows,
        smooth([r.valence for r in rows], window),
        smooth([r.tension for r in rows], window),
        strict=True,
    ):
        r.valence_smooth, r.tension_smooth = v, t
    arc = Arc(rows, _part_arcs(table, rows), window=window)
    series = [r.valence_smooth for r in rows]
    spread = math.sqrt(_variance(series))
    raw_spread = math.sqrt(_variance([r.valence for r in rows]))
    min_prom = max(0.5 * spread, 0.25 * raw_spread, 0.02)
    half = window // 2
    seen: set[int] = set()
    for at, kind, prom in prominent_extremes(series, min_prom):
        # smoothing finds the region; the scene is the one that carries the feeling
        near = [
            j
            for j in range(max(0, at - half), min(len(rows), at + half + 1))
            if rows[j].words >= MIN_EXTREME_WORDS
        ]
        if not near:
            continue
        pick = max if kind == "peak" else min
        i = pick(near, key=lambda j: (rows[j].valence, -abs(j - at)))
        if i in seen:
            continue
        seen.add(i)
        rows[i].extreme = kind
        sent = strongest_sentence(table.scene_sentences(i), kind)
        ext = Extreme(kind, i, series[i], prom, table.evidence(sent) if sent else None)
        (arc.peaks if kind == "peak" else arc.valleys).append(ext)
    return arc


def _part_arcs(table: ScoredStory, rows: list[SceneArc]) -> list[PartArc]:
    out = []
    for part in table.story.parts:
        idxs = [s.index for s in part.scenes]
        weights = [max(1, rows[i].words) for i in idxs]
        out.append(
            PartArc(
                part=part.number,
                part_index=part.index,
                title=part.title or part.label,
                valence=scene_mean([rows[i].valence for i in idxs], weights),
                tension=scene_mean([rows[i].tension for i in idxs], weights),
            )
        )
    return out


def _variance(values: list[float]) -> float:
    if not values:
        return 0.0
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return ordered[k]
