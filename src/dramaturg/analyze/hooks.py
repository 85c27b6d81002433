"""Episode hooks: how each part (episode, chapter) ends, and whether it pulls the audience on.

The ending is the last few sentences of a part's last scene (at most ``ENDING_SENTENCES``,
at most about 80 words). Four kinds of hook are scored from 0 to 1:

* **cliffhanger**: danger or urgency at the cut (``text/<lang>/hooks.toml`` cues such as
  ``suddenly``, ``a knock``, ``SMASH CUT``; tension-lexicon hits; a line broken off);
* **open question**: the ending asks (a ``?``) or names what is not known;
* **reversal**: the ending overturns something (``turns out``, ``the truth``, ``realised``);
* **emotional breakthrough**: a confession, a kiss, tears, or a romantic threshold handed in
  for the part's last scene, or a sharp swing of feeling against the part's own mood.

When the last scene is short (under ``SHORT_SCENE`` words: a cut to the hospital corridor,
a wordless tag), the episode's final beats run back into the scene before: its tail (up to
``FINAL_WORDS`` words in all) is scored too, at ``LEAD_WEIGHT``, so the phone call that sends
everyone running still counts for the cut it leads into. A centred card or transition after
the last line (``TO BE CONTINUED``, ``SMASH CUT TO:``) that reads as a cliffhanger cue
sharpens the hook.

The part's score is the strongest kind, with a little credit for a second one. A part whose
score stays under ``FLAT`` gets an ``ENG-FLAT-ENDING`` finding, except the story's last part,
whose ending closes rather than hooks. A novel's chapters are judged against the book's own
(:func:`_flat_runs`): only a run of chapters flat with a margin, their whole close read, is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dramaturg.analyze.arc import Arc, analyze_arc
from dramaturg.analyze.findings import Evidence, Finding, Severity
from dramaturg.analyze.scored import (
    TOLD,
    ScoredStory,
    Sentence,
    coerce_thresholds,
    score_story,
)
from dramaturg.story import BlockKind, Part, Scene, Story
from dramaturg.text.lexicon import load_lexicon
from dramaturg.text.terms import TermIndex

ENDING_SENTENCES = 3
ENDING_WORDS = 80
# a novel's sentences are long: "Remember--twelve o'clock" sits two sentences before the end
PROSE_ENDING_SENTENCES = 5
PROSE_ENDING_WORDS = 160
FLAT = 0.35
BUILD_SENTENCES = 10  # how far back a build-up into the cut is measured
SHORT_SCENE = 2 * ENDING_WORDS  # a last scene this short shares the final beats with the one before
FINAL_WORDS = 3 * ENDING_WORDS  # how far back the final beats reach, in words
LEAD_WEIGHT = 0.6  # the lead-in into the ending counts less than the ending itself
# a novel's chapter is called flat in a run only when its whole close is: the last
# CLOSE_WORDS words of the chapter (the knock at the door, tomorrow's meeting set a page
# before the last line), each scored at LEAD_WEIGHT, stay under the run's ceiling
CLOSE_WORDS = 250
KINDS = ("cliffhanger", "open_question", "reversal", "breakthrough")


@dataclass(slots=True)
class Hook:
    """How one part ends."""

    part: int | None
    part_index: int
    title: str
    score: float
    kind: str  # the strongest kind, or "flat"
    scores: dict[str, float] = field(default_factory=dict)
    evidence: Evidence | None = None
    last_part: bool = False
    # a chapter's score with its whole close read (CLOSE_WORDS), when it ends flat
    close_score: float | None = None
    close_evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "part_index": self.part_index,
            "title": self.title,
            "score": round(self.score, 3),
            "kind": self.kind,
            "scores": {k: round(v, 3) for k, v in self.scores.items()},
            "line": self.evidence.line if self.evidence else None,
            "quote": self.evidence.quote if self.evidence else "",
            "file": self.evidence.file if self.evidence else None,
        }


@dataclass(slots=True)
class Hooks:
    """The hook of every part, with the flat-ending findings."""

    parts: list[Hook]
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"parts": [h.to_dict() for h in self.parts]}


@lru_cache(maxsize=8)
def _cues(language: str) -> TermIndex:
    lex = load_lexicon("hooks", language)
    return TermIndex({k: list(lex[k]["cues"]) for k in KINDS})


def _cut_line(s: Sentence) -> bool:
    """A sentence an episode can end on: told, not sung (the ending song over the credits
    is not the cut)."""
    return bool(s.words) and s.block.kind is not BlockKind.LYRIC


def ending_sentences(table: ScoredStory, scene: int, prose: bool = False) -> list[Sentence]:
    """The last sentences of a scene: up to three, about 80 words at most (at least one);
    a novel's chapter ends on a longer breath: up to five sentences, about 160 words."""
    sents = [s for s in table.scene_sentences(scene) if _cut_line(s)]
    out: list[Sentence] = []
    words = 0
    most, cap = (
        (PROSE_ENDING_SENTENCES, PROSE_ENDING_WORDS) if prose else (ENDING_SENTENCES, ENDING_WORDS)
    )
    for s in reversed(sents):
        if out and (len(out) >= most or words + s.words > cap):
            break
        out.append(s)
        words += s.words
    return list(reversed(out))


def lead_in(table: ScoredStory, part: Part, last: Scene, ending: list[Sentence]) -> list[Sentence]:
    """The final beats before the ending when the last scene is short (else none).

    The rest of the last scene and the tail of the told scene before it, back to
    ``FINAL_WORDS`` words counting the ending.
    """
    if not ending or table.scene_words[last.index] >= SHORT_SCENE:
        return []
    scenes = [sc for sc in part.scenes if table.scene_words[sc.index]]
    at = next((i for i, sc in enumerate(scenes) if sc is last), None)
    if at is None:
        return []
    before = [s for sc in scenes[max(0, at - 1) : at + 1] for s in table.scene_sentences(sc.index)]
    return _words_back(before, ending, FINAL_WORDS, skip_empty=True)


def _words_back(
    sentences: list[Sentence], ending: list[Sentence], budget: int, *, skip_empty: bool = False
) -> list[Sentence]:
    """The sentences right before ``ending`` in ``sentences``, back to ``budget`` words in
    all counting the ending (``skip_empty``: leave out sentences of no words)."""
    first = ending[0]
    cut = next((i for i, s in enumerate(sentences) if s is first), len(sentences))
    out: list[Sentence] = []
    words = sum(s.words for s in ending)
    for s in reversed(sentences[:cut]):
        if skip_empty and not s.words:
            continue
        if words + s.words > budget:
            break
        out.append(s)
        words += s.words
    return list(reversed(out))


def analyze_hooks(
    story: Story,
    thresholds: Any = None,
    *,
    scored: ScoredStory | None = None,
    arc: Arc | None = None,
) -> Hooks:
    """Score the ending of every part and flag the flat ones."""
    table = scored or score_story(story)
    arc = arc or analyze_arc(story, table)
    cues = _cues(story.language or "en")
    marks = coerce_thresholds(thresholds, len(table.scenes))
    threshold_scenes = {m.scene for m in marks}
    sentences_all = table.sentences
    mean_tension = (
        sum(s.tension for s in sentences_all) / len(sentences_all) if sentences_all else 0.0
    )
    hooks: list[Hook] = []
    told_parts = [p for p in story.parts if any(table.scene_words[s.index] for s in p.scenes)]
    for part in story.parts:
        last_scene = next(
            (
                s
                for s in reversed(part.scenes)
                if any(_cut_line(x) for x in table.scene_sentences(s.index))
            ),
            None,
        )
        hook = Hook(part.number, part.index, part.title or part.label, 0.0, "flat")
        hook.last_part = bool(told_parts) and part is told_parts[-1]
        if last_scene is None:
            hooks.append(hook)
            continue
        ending = ending_sentences(table, last_scene.index, prose=story.form == "prose")
        scores, best = _score_ending(
            ending,
            cues,
            mean_tension,
            arc.parts[part.index].valence,
            last_scene.index in threshold_scenes,
            lead=lead_in(table, part, last_scene, ending),
        )
        _credit_build(scores, best, table, part, ending, mean_tension)
        _credit_cut(scores, best, last_scene, cues, ending)
        top_kind = max(scores, key=lambda k: scores[k])
        top = scores[top_kind]
        second = sorted(scores.values())[-2]
        hook.scores = scores
        hook.score = min(1.0, top + 0.25 * second)
        hook.kind = top_kind if hook.score >= FLAT else "flat"
        pick = best.get(top_kind) if hook.kind != "flat" else None
        hook.evidence = table.evidence(pick or ending[-1])
        if story.form == "prose" and hook.kind == "flat":
            _score_close(hook, table, part, ending, cues, mean_tension, arc)
        hooks.append(hook)
    flat = [h for h in hooks if h.kind == "flat" and not h.last_part and h.evidence]
    if story.form == "prose":
        findings = [_flat_run_finding(run, story, hooks) for run in _flat_runs(hooks)]
    else:
        findings = [_flat_finding(h, story, hooks) for h in flat]
    return Hooks(hooks, findings)


# a novel's chapter endings sag when this many in a row end flat, more than the book's own
# share of flat endings would put together by chance (expected runs that long under CHANCE)
FLAT_RUN = 3
CHANCE = 0.2


# a chapter in a flat run must be flat with a margin: under FLAT less FLAT_MARGIN, and under
# RUN_SHARE of the book's own median chapter ending
FLAT_MARGIN = 0.1
RUN_SHARE = 0.5


def close_lead(table: ScoredStory, part: Part, ending: list[Sentence]) -> list[Sentence]:
    """The chapter's told sentences before its ending, back to ``CLOSE_WORDS`` words in all."""
    if not ending:
        return []
    told = [s for sc in part.scenes for s in table.scene_sentences(sc.index) if _cut_line(s)]
    return _words_back(told, ending, CLOSE_WORDS)


def _score_close(
    hook: Hook,
    table: ScoredStory,
    part: Part,
    ending: list[Sentence],
    cues: TermIndex,
    mean_tension: float,
    arc: Arc,
) -> None:
    """Score a flat chapter's whole close: what a run of flat chapters must also lack."""
    lead = close_lead(table, part, ending)
    scores, best = _score_ending(
        ending,
        cues,
        mean_tension,
        arc.parts[part.index].valence,
        False,
        lead=lead,
        lead_questions=False,
    )
    top_kind = max(scores, key=lambda k: scores[k])
    second = sorted(scores.values())[-2]
    score = min(1.0, scores[top_kind] + 0.25 * second)
    hook.close_score = max(hook.score, score)
    if score > hook.score and best.get(top_kind) is not None:
        hook.close_evidence = table.evidence(best[top_kind])


def flat_in_run(h: Hook, median: float) -> bool:
    """Whether a chapter counts in a flat run: its whole close stays under the ceiling."""
    score = h.score if h.close_score is None else max(h.score, h.close_score)
    return h.kind == "flat" and score < min(FLAT - FLAT_MARGIN, RUN_SHARE * median)


def _flat_runs(hooks: list[Hook]) -> list[list[Hook]]:
    """A novel is not a TV episode: its chapter endings are judged against its own chapters.

    One quiet chapter ending is the book's rhythm, not a fault (a reader read through 26 such
    findings on eight novels and found none worth acting on). What a novelist wants to know
    is where the pull to turn the page stops: ``FLAT_RUN`` or more chapters in a row ending
    flat, in a book whose chapters usually end on a hook (median score at least ``FLAT``), and
    longer than the book's own share of flat endings would string together by chance.
    A book that ends most chapters quietly does so by design, and gets no finding for it.
    Every chapter in a run must be flat with a margin (:func:`flat_in_run`): its whole
    close, not only its last lines, pulls less than half as hard as the book's usual
    chapter ending, so that a visitor at the door or a meeting set for tomorrow a page
    before the end breaks the run.
    """
    told = [h for h in hooks if h.evidence and not h.last_part]
    scored = sorted(h.score for h in told)
    if not scored or scored[len(scored) // 2] < FLAT:
        return []
    median = scored[len(scored) // 2]
    n = len(told)
    flat = [flat_in_run(h, median) for h in told]
    rate = sum(flat) / n

    def by_chance(k: int) -> float:
        # how many runs of k or more flat endings a book of n chapters, ending this share
        # of them flat at random, would hold
        return n * (1 - rate) * rate**k

    runs: list[list[Hook]] = []
    run: list[Hook] = []
    for h, is_flat in zip(told, flat, strict=True):
        if is_flat:
            run.append(h)
            continue
        if len(run) >= FLAT_RUN and by_chance(len(run)) < CHANCE:
            runs.append(run)
        run = []
    if len(run) >= FLAT_RUN and by_chance(len(run)) < CHANCE:
        runs.append(run)
    return runs


def _label(h: Hook, story: Story) -> str:
    what = "episode" if story.form != "prose" else "chapter"
    label = h.title or f"{what} {h.part if h.part is not None else h.part_index + 1}"
    part = story.parts[h.part_index] if h.part_index < len(story.parts) else None
    if part is not None and part.volume is not None:
        # chapters numbered again in each volume: "CHAPTER VI" alone names two chapters
        twins = [p for p in story.parts if p.number == part.number and p is not part]
        if twins:
            label = f"Volume {part.volume}, {label}"
    return label


def _flat_run_finding(run: list[Hook], story: Story, hooks: list[Hook]) -> Finding:
    scored = sorted(x.score for x in hooks if x.evidence and not x.last_part)
    median = scored[len(scored) // 2]
    labels = [_label(h, story) for h in run]
    return Finding(
        code="ENG-FLAT-ENDING",
        severity=Severity.INFO,
        message=(
            f"{len(run)} chapters in a row end flat, {labels[0]} to {labels[-1]} (hooks "
            f"{', '.join(f'{h.score:.2f}' for h in run)}; this book's chapters usually end at "
            f"{median:.2f}): no open question, reversal, cliffhanger or emotional breakthrough "
            "in their last lines, so the pull to read on sags here."
        ),
        evidence=[h.evidence for h in run if h.evidence is not None],
        suggestion=(
            "End one or two of these chapters on a turn: a question the next chapter must "
            "answer, a reversal, a threat, or the emotional breakthrough itself, and cut "
            "right after it."
        ),
        data={
            "chapters": labels,
            "scores": [round(h.score, 3) for h in run],
            "close_scores": [round(h.close_score or h.score, 3) for h in run],
            "run_ceiling": round(min(FLAT - FLAT_MARGIN, RUN_SHARE * median), 3),
            "median_score": round(median, 3),
            "parts": len(scored),
        },
    )


def _score_ending(
    ending: list[Sentence],
    cues: TermIndex,
    mean_tension: float,
    part_valence: float,
    threshold_here: bool,
    lead: list[Sentence] | None = None,
    lead_questions: bool = True,
) -> tuple[dict[str, float], dict[str, Sentence]]:
    """The four kinds' scores of an ending and the sentence that earned each.

    ``lead_questions=False``: a question mark in the lead-in earns nothing (in a chapter's
    dialogue a question is most often answered on the next line); its cues still count.
    """
    scores = dict.fromkeys(KINDS, 0.0)
    best: dict[str, Sentence] = {}

    def credit(kind: str, value: float, s: Sentence) -> None:
        if value > scores[kind]:
            scores[kind] = min(1.0, value)
            best[kind] = s

    # what the part ends on counts most; the lead-in into a short last scene least
    weighted = [(s, LEAD_WEIGHT, lead_questions) for s in lead or ()] + [
        (s, 1.0 if pos == len(ending) - 1 else 0.8, True) for pos, s in enumerate(ending)
    ]
    for s, weight, asks in weighted:
        text = s.text.rstrip()
        hits: dict[str, int] = {}
        for kind, _a, _b in cues.finditer(text):
            hits[kind] = hits.get(kind, 0) + 1
        core = text.rstrip("\"'”’)] ")
        if asks and core.endswith("?"):
            credit("open_question", 0.7 * weight, s)
        if hits.get("open_question"):
            credit("open_question", (0.35 + 0.15 * hits["open_question"]) * weight, s)
        danger = s.hits.get("danger", 0) + s.hits.get("urgency", 0)
        sharp = mean_tension > 0 and s.tension >= 2.5 * mean_tension and s.tension >= 1.0
        cliff = 0.4 * min(2, hits.get("cliffhanger", 0)) + 0.2 * min(2, danger)
        if sharp:
            cliff += 0.2
        if core.endswith(("—", "--", "…", "...")):
            cliff += 0.3
        credit("cliffhanger", cliff * weight, s)
        if hits.get("reversal"):
            credit("reversal", (0.45 + 0.15 * hits["reversal"]) * weight, s)
        swing = abs(s.valence - part_valence)
        brk = 0.3 * min(2, hits.get("breakthrough", 0))
        if swing >= 0.6 and abs(s.valence) >= 0.5:
            brk += 0.3
        credit("breakthrough", brk * weight, s)
    if threshold_here and ending:
        credit("breakthrough", max(scores["breakthrough"], 0.5) + 0.2, ending[-1])
    return scores, best


def _credit_build(
    scores: dict[str, float],
    best: dict[str, Sentence],
    table: ScoredStory,
    part: Part,
    ending: list[Sentence],
    mean_tension: float,
) -> None:
    """Tension building into the cut (the part's last sentences against the story's mean)."""
    tail = [s for sc in part.scenes for s in table.scene_sentences(sc.index)][-BUILD_SENTENCES:]
    words = sum(s.words for s in tail)
    if not tail or not words or mean_tension <= 0 or not ending:
        return
    density = sum(s.tension for s in tail) / words
    ratio = density / mean_tension
    if ratio >= 1.5:
        value = min(0.6, 0.2 * (ratio - 1.0))
        if value > scores["cliffhanger"]:
            scores["cliffhanger"] = value
            best["cliffhanger"] = max(ending, key=lambda s: s.tension)


def _credit_cut(
    scores: dict[str, float],
    best: dict[str, Sentence],
    scene: Scene,
    cues: TermIndex,
    ending: list[Sentence],
) -> None:
    """A transition or centred card after the last line that cuts hard (``SMASH CUT TO:``,
    ``> TO BE CONTINUED <``) sharpens the hook."""
    for block in reversed(scene.blocks):
        if block.kind in (BlockKind.TRANSITION, BlockKind.CENTERED):
            if any(k == "cliffhanger" for k, _a, _b in cues.finditer(block.text)) and ending:
                scores["cliffhanger"] = min(1.0, scores["cliffhanger"] + 0.3)
                best.setdefault("cliffhanger", ending[-1])
                return
            if block.kind is BlockKind.TRANSITION:
                return
        if block.kind in TOLD:
            return


def _flat_finding(h: Hook, story: Story, hooks: list[Hook]) -> Finding:
    assert h.evidence is not None
    scored = sorted(x.score for x in hooks if x.evidence and not x.last_part)
    median = scored[len(scored) // 2] if scored else 0.0
    episode = story.form != "prose"
    what = "episode" if episode else "chapter"
    label = _label(h, story)
    return Finding(
        code="ENG-FLAT-ENDING",
        severity=Severity.WARNING if episode else Severity.INFO,
        message=(
            f"{label} ends flat (hook {h.score:.2f}): no open question, reversal, "
            "cliffhanger or emotional breakthrough in its last lines."
        ),
        evidence=[h.evidence],
        suggestion=(
            f"End the {what} on a turn: a question the next {what} must answer, a reversal, a "
            "threat, or the emotional breakthrough itself, and cut right after it."
        ),
        data={
            "scores": {k: round(v, 3) for k, v in h.scores.items()},
            "score": round(h.score, 3),
            "median_score": round(median, 3),
            "parts": len(scored),
        },
    )
