"""Turning points vs arrivals: does an emotional win or loss change what follows?

"Every success introduces a new complication, and every failure opens a new opportunity";
"emotional moments are treated as arrivals instead of turning points" is the flaw. For each
win or loss (a peak or valley of the emotional arc, and each romantic threshold handed in by
the romance analysis as ``(kind, scene_index)``), this module reads the next few scenes:

* **rising tension**: their tension (z-scored over the story) climbs above the moment's;
* **a new complication**: complication cues (``suddenly``, ``found out``, ``the truth``, a
  letter, news) denser than the story's usual rate;
* **a new or sharper want**: goal statements denser than usual;
* **rising conflict**: more conflict-lexicon hits than in the moment itself.

Any sign of change makes a **turning point**: tension that climbs, more wants, complications
or conflict than the story's usual rate, another threshold of the couple in the scenes
that follow, a major character who comes on the page for the first time (the rival, the
daughter who comes home), one of the couple leaving the page (a parting), or one of the
couple crossing a threshold with someone else (the rival's proposal). Only a moment
after which nothing changes is an **arrival**: tension falls or stays flat and nothing new is
wanted or threatened.

Only the couple's thresholds can be findings. The arc's peaks and valleys are judged too (and
shown), but a mood swing read from word lists is no event a writer can be held to: a review
of 12 such findings against the text found every one false (docs/findings-review.md). A
threshold told as backstory (the past perfect: "she had accepted him eight years before") is
not a moment of the story's present and is not judged. An arrival between the opening (first
5 %, where the story starts from) and the final quarter is a finding (``ENG-ARRIVAL``, one
per scene); in the final quarter an arrival is how a story ends, and passes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from dramaturg.analyze.arc import Arc, analyze_arc, strongest_sentence
from dramaturg.analyze.findings import Evidence, Finding, Severity, writer_scene
from dramaturg.analyze.scored import (
    ScoredStory,
    ThresholdMark,
    coerce_thresholds,
    score_story,
    sentence_at_line,
)
from dramaturg.story import Story

FINAL_QUARTER = 0.75
OPENING = 0.05  # the opening is where the story starts from: no arrival findings there
RISE = 0.25  # z-units of tension above the moment that count as rising
DENSER = 1.25  # a rate this many times the story's usual counts as "more"
STRONG = 2.0  # ... and this many times, as clearly more
MAJOR = 0.1  # a character on the page in this share of the most present one's scenes is major
# the past perfect tells what happened before the story's present ("had accepted", "had been
# engaged", "had known"): a threshold told so is backstory (English; a bounded pattern)
_PLUPERFECT = re.compile(
    r"\b(?:had|'d)\s+(?:(?:never|once|long|already|just|not|then|first)\s+){0,2}"
    r"(?:been|[a-z]{2,20}(?:ed|en|wn|ne|ght|ft|lt|pt|nt|id|ld|ung|uck|ood|ept|ot))\b",
    re.I,
)


@dataclass(slots=True)
class Moment:
    """A win, a loss or a threshold, and what follows it."""

    kind: str  # "win", "loss" or "threshold:<kind>"
    scene: int
    position: float
    # "turning point" | "arrival" | "ending" (too near the end to judge) | "backstory"
    verdict: str
    signals: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    window: list[int] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # newcomers and partings after it

    def to_dict(self) -> dict[str, Any]:
        w = self.evidence[0] if self.evidence else None
        return {
            "kind": self.kind,
            "scene": self.scene,
            "position": round(self.position, 4),
            "verdict": self.verdict,
            "signals": {k: round(v, 3) for k, v in self.signals.items()},
            "following_scenes": self.window,
            "changes": self.changes,
            "line": w.line if w else None,
            "quote": w.quote if w else "",
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(slots=True)
class Momentum:
    """Every judged moment with the arrival findings."""

    moments: list[Moment]
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "turning_points": [m.to_dict() for m in self.moments if m.verdict == "turning point"],
            "arrivals": [m.to_dict() for m in self.moments if m.verdict == "arrival"],
            "moments": [m.to_dict() for m in self.moments],
        }


def follow_window(n: int) -> int:
    """How many following scenes to read after a moment: 2 to 5, about 6% of the scenes."""
    return max(2, min(5, round(n * 0.06)))


def _rate(table: ScoredStory, scenes: list[int], cue: str) -> float:
    """Cue hits per 1,000 words over some scenes."""
    words = sum(table.scene_words[i] for i in scenes)
    hits = sum(len(s.cues.get(cue, ())) for i in scenes for s in table.scene_sentences(i))
    return 1000.0 * hits / words if words else 0.0


def _conflict(table: ScoredStory, scenes: list[int]) -> float:
    words = sum(table.scene_words[i] for i in scenes)
    hits = sum(s.hits.get("conflict", 0) for i in scenes for s in table.scene_sentences(i))
    return 1000.0 * hits / words if words else 0.0


def analyze_momentum(
    story: Story,
    thresholds: Any = None,
    *,
    scored: ScoredStory | None = None,
    arc: Arc | None = None,
    on_page: Mapping[int, Set[str]] | None = None,
    couple: Sequence[str] | None = None,
    rivals: Mapping[int, str] | None = None,
) -> Momentum:
    """Judge every win, loss and threshold as a turning point or an arrival.

    ``on_page`` (scene index -> the characters on the page in it) and ``couple`` let a
    newcomer or a parting count as change; without them only the text's cues are read.
    ``rivals`` (scene index -> "a proposal between Bathsheba and Boldwood") are thresholds one of the
    couple crosses with someone else: in the scenes after a moment, a complication.
    """
    table = scored or score_story(story)
    arc = arc or analyze_arc(story, table)
    n = len(arc.scenes)
    marks = coerce_thresholds(thresholds, n)
    people = _People(on_page or {}, tuple(couple or ()))
    events: list[tuple[str, int, ThresholdMark | None]] = []
    events += [("win", e.scene, None) for e in arc.peaks]
    events += [("loss", e.scene, None) for e in arc.valleys]
    events += [("threshold:" + m.kind, m.scene, m) for m in marks]
    events.sort(key=lambda e: (e[1], e[0]))
    tz = arc.tension_z()
    all_scenes = list(range(n))
    base_want = _rate(table, all_scenes, "wants")
    base_comp = _rate(table, all_scenes, "complications")
    k = follow_window(n)
    threshold_scenes = {m.scene for m in marks}
    moments: list[Moment] = []
    for kind, i, mark in events:
        after = [j for j in range(i + 1, min(n, i + 1 + k)) if table.scene_words[j] > 0]
        moment = Moment(kind, i, table.position(i), "ending", window=after)
        moment.evidence = _moment_evidence(table, kind, i, mark)
        if mark is not None and _told_before(table, mark):
            moment.verdict = "backstory"
        elif len(after) >= 2:
            _judge(moment, table, tz, after, base_want, base_comp, threshold_scenes)
            if moment.verdict == "arrival":
                change = people.change(i, after) + [
                    (rivals or {})[j] for j in after if j in (rivals or {})
                ]
                if change:
                    moment.verdict = "turning point"
                    moment.signals["people"] = float(len(change))
                    moment.changes = change
                else:
                    moment.evidence += [e for e in (table.scene_evidence(j) for j in after) if e]
        moments.append(moment)
    by_scene: dict[int, list[Moment]] = {}
    for m in moments:
        if m.verdict == "arrival" and OPENING <= m.position < FINAL_QUARTER and m.evidence:
            by_scene.setdefault(m.scene, []).append(m)
    # a scene is a finding for a threshold of the couple (the mood swing beside it is named too)
    by_scene = {
        i: group
        for i, group in by_scene.items()
        if any(m.kind.startswith("threshold:") for m in group)
    }
    return Momentum(moments, [_finding(group, table) for group in by_scene.values()])


def _told_before(table: ScoredStory, mark: ThresholdMark) -> bool:
    """Whether the threshold's sentence tells it in the past perfect (backstory)."""
    sent = sentence_at_line(table, mark.scene, mark.line)
    return sent is not None and _PLUPERFECT.search(sent.text) is not None


class _People:
    """Who is on the page where: a major character's first scene, and the couple's."""

    def __init__(self, on_page: Mapping[int, Set[str]], couple: tuple[str, ...]) -> None:
        self.on_page = on_page
        self.couple = couple
        scenes: dict[str, list[int]] = {}
        for i in sorted(on_page):
            for who in on_page[i]:
                scenes.setdefault(who, []).append(i)
        most = max((len(v) for v in scenes.values()), default=0)
        least = max(3, MAJOR * most)
        self.first = {who: v[0] for who, v in scenes.items() if len(v) >= least}

    def change(self, i: int, after: list[int]) -> list[str]:
        """What the people say changes after scene ``i``: newcomers, and partings."""
        if not self.on_page:
            return []
        window = set(after)
        out = [f"{who} comes on the page" for who, j in self.first.items() if j in window]
        here = self.on_page.get(i, set())
        for who in self.couple:
            if who in here and not any(who in self.on_page.get(j, ()) for j in after):
                out.append(f"{who} leaves the page")
        return sorted(out)


def _judge(
    moment: Moment,
    table: ScoredStory,
    tz: list[float],
    after: list[int],
    base_want: float,
    base_comp: float,
    later_thresholds: set[int] = frozenset(),  # type: ignore[assignment]
) -> None:
    i = moment.scene
    here = tz[i]
    later = [tz[j] for j in after]
    rise = sum(later) / len(later) - here
    peak_rise = max(later) - here
    want = _rate(table, after, "wants")
    comp = _rate(table, after, "complications")
    conflict_after = _conflict(table, after)
    conflict_here = _conflict(table, [i])
    signals = {
        "tension_change": rise,
        "tension_peak_change": peak_rise,
        "wants_ratio": want / base_want if base_want else 0.0,
        "complications_ratio": comp / base_comp if base_comp else 0.0,
        "conflict_change": conflict_after - conflict_here,
    }
    rising = rise > 0 or peak_rise >= 3 * RISE
    conflict_ratio = conflict_after / conflict_here if conflict_here else 2.0 * (conflict_after > 0)
    ratios = [signals["wants_ratio"], signals["complications_ratio"], conflict_ratio]
    # an arrival is a moment after which nothing changes: any one sign of change (tension
    # that climbs at all, more wants, complications or conflict than usual, another
    # threshold of the couple) makes it a turn
    turned = any(r >= DENSER for r in ratios) or bool(set(after) & later_thresholds)
    moment.signals = signals
    moment.verdict = "turning point" if rising or turned else "arrival"


def _moment_evidence(
    table: ScoredStory, kind: str, scene: int, mark: ThresholdMark | None
) -> list[Evidence]:
    sents = table.scene_sentences(scene)
    sent = sentence_at_line(table, scene, mark.line) if mark else None
    if sent is None:
        sent = strongest_sentence(sents, {"win": "peak", "loss": "valley"}.get(kind, "peak"))
    return [table.evidence(sent)] if sent else []


_LABEL = {"win": "emotional win", "loss": "emotional loss"}


def _finding(group: list[Moment], table: ScoredStory) -> Finding:
    """One finding for the arrivals of one scene (a threshold is often also a peak)."""
    m = group[0]

    def number(j: int) -> str:  # scenes as the writer numbers them
        sc = table.scenes[j]
        return writer_scene(sc.number, sc.ordinal, j)

    names = [_LABEL.get(x.kind) or x.kind.split(":", 1)[1].replace("_", " ") for x in group]
    what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    scene_list = ", ".join(str(number(j)) for j in m.window)
    evidence: list[Evidence] = []
    seen: set[tuple[str, int, str]] = set()
    for x in group:
        for e in x.evidence:
            if (e.file, e.line, e.quote) not in seen:
                seen.add((e.file, e.line, e.quote))
                evidence.append(e)
    return Finding(
        code="ENG-ARRIVAL",
        severity=Severity.WARNING,
        message=(
            f"The {what} in scene {number(m.scene)} ({m.position:.0%} through) "
            f"{'lands' if len(group) == 1 else 'land'} as "
            f"{'an arrival' if len(group) == 1 else 'arrivals'}: in the scenes after "
            f"({scene_list}) tension does not rise and no new "
            "complication or want appears."
        ),
        evidence=evidence,
        suggestion=(
            "Let the moment cost or promise something: a new complication, a sharper want, "
            "a harder choice in the next scenes. Arrivals work near the end, not at "
            f"{m.position:.0%}."
        ),
        data={
            "kinds": [x.kind for x in group],
            "scene": m.scene,
            "following_scenes": m.window,
            "signals": {k: round(v, 3) for k, v in m.signals.items()},
        },
    )
