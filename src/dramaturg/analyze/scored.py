"""The sentences of a story, located and scored once, shared by the engine analyses.

Every analysis of issue 4 (arc, momentum, engine, hooks, structure, lens) reads the same
table: each sentence with its scene, block and offsets (so evidence can quote it exactly),
its word count, a VADER valence, a lexicon tension, and the story-engine cues it holds
(wants, choices, causal language, complications). Scoring once keeps a whole novel well
under a second.

>>> from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story
>>> b = Block(BlockKind.PARAGRAPH, "She ran. The gun was loaded!", Span("n.txt", 1, 1))
>>> st = Story("t", [Part("chapter", 1, "", Span("n.txt", 1, 1),
...                       [Scene(None, Span("n.txt", 1, 1), [b])])], form="prose").reindex()
>>> table = score_story(st)
>>> [s.text for s in table.sentences]
['She ran.', 'The gun was loaded!']
>>> table.sentences[1].tension > table.sentences[0].tension > 0
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dramaturg.analyze.findings import Evidence, evidence_for
from dramaturg.story import Block, BlockKind, Part, Scene, Story
from dramaturg.text.languages import get_language
from dramaturg.text.lexicon import load_lexicon
from dramaturg.text.terms import TOKEN, Scanner

# Blocks that are part of the told story: notes, sections and synopses are the writer's own,
# transitions ("CUT TO:") and centred title cards are editing, not story.
TOLD = frozenset({BlockKind.ACTION, BlockKind.PARAGRAPH, BlockKind.DIALOGUE, BlockKind.LYRIC})
CUE_KINDS = ("wants", "choices", "causal", "complications")


@dataclass(frozen=True, slots=True)
class Lexicons:
    """The compiled language data the engine analyses need."""

    scanner: Scanner  # families "tension", "cue" and "lens"
    tension_weights: dict[str, float]
    signals: dict[str, float]

    @staticmethod
    @lru_cache(maxsize=8)
    def for_language(language: str) -> Lexicons:
        arc = load_lexicon("arc", language)
        engine = load_lexicon("engine", language)
        lens = load_lexicon("lens", language)
        scanner = Scanner(
            {
                "tension": {k: list(v) for k, v in arc["terms"].items()},
                "cue": {k: list(engine[k]["cues"]) for k in CUE_KINDS},
                "lens": {k: list(v) for k, v in lens["terms"].items()},
            }
        )
        return Lexicons(
            scanner=scanner,
            tension_weights={k: float(v) for k, v in arc["weights"].items()},
            signals={k: float(v) for k, v in arc["signals"].items()},
        )


@dataclass(slots=True)
class Sentence:
    """One sentence of the draft with its scores.

    ``tension`` is the weighted lexicon and punctuation score of the sentence (not
    normalised); ``hits`` the tension categories it matched; ``cues`` the story-engine cue
    kinds with the text offset (into ``block.text``) of each match.
    """

    scene: int
    block: Block
    start: int
    end: int
    words: int
    valence: float = 0.0
    tension: float = 0.0
    hits: dict[str, int] = field(default_factory=dict)
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    lens: list[tuple[str, int, int]] = field(default_factory=list)  # (category, start, end)

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


@dataclass(slots=True)
class ScoredStory:
    """A story's sentences with their scores and the scene/part bookkeeping around them."""

    story: Story
    sentences: list[Sentence]
    scene_ranges: list[tuple[int, int]]  # per scene index: [first, last) into sentences
    scene_words: list[int]
    scene_start_word: list[int]  # words told before each scene
    part_of_scene: list[Part]
    total_words: int
    _scene_by_index: list[Scene] = field(default_factory=list)

    @property
    def scenes(self) -> list[Scene]:
        return self._scene_by_index

    def scene_sentences(self, index: int) -> list[Sentence]:
        a, b = self.scene_ranges[index]
        return self.sentences[a:b]

    def position(self, scene_index: int) -> float:
        """Where a scene starts, as a fraction of the story's words (0..1)."""
        if self.total_words == 0:
            return 0.0
        return self.scene_start_word[scene_index] / self.total_words

    def evidence(self, s: Sentence, start: int | None = None, end: int | None = None) -> Evidence:
        """Evidence quoting a sentence (or ``block.text[start:end]``) exactly, with its line."""
        part = self.part_of_scene[s.scene]
        return evidence_for(
            s.block,
            s.start if start is None else start,
            s.end if end is None else end,
            scene=self._scene_by_index[s.scene],
            part_number=part.number,
            part_index=part.index,
        )

    def scene_evidence(self, index: int) -> Evidence | None:
        """Evidence for a scene: its first told sentence."""
        sents = self.scene_sentences(index)
        return self.evidence(sents[0]) if sents else None


def _sentence_tension(
    text: str, words: int, signals: dict[str, float], spoken: bool = False
) -> float:
    t = text.rstrip("\"'”’)] ")
    score = 0.0
    if t.endswith("?"):
        score += signals.get("question", 0.0)
    elif t.endswith("!"):
        score += signals.get("exclamation", 0.0)
    elif t.endswith(("—", "--", "…", "...")) and words > 1:
        score += signals.get("dash_break", 0.0)
    # short lines of action set a pace; short lines of talk are just talk
    if not spoken and 0 < words <= signals.get("short_words", 5):
        score += signals.get("short_sentence", 0.0)
    return score


def score_story(story: Story) -> ScoredStory:
    """Split every told block into sentences and score each once."""
    lex = Lexicons.for_language(story.language or "en")
    scenes = story.scenes
    by_index: list[Scene] = [None] * len(scenes)  # type: ignore[list-item]
    part_of: list[Part] = [None] * len(scenes)  # type: ignore[list-item]
    for part in story.parts:
        for sc in part.scenes:
            by_index[sc.index] = sc
            part_of[sc.index] = part
    sentences: list[Sentence] = []
    ranges: list[tuple[int, int]] = []
    words: list[int] = []
    starts: list[int] = []
    total = 0
    weights = lex.tension_weights
    signals = lex.signals
    scan = lex.scanner.scan
    language = get_language(story.language)
    valence = language.valence_function()  # VADER for English
    split = language.sentence_spans  # each text split once, whoever asks
    for idx, sc in enumerate(by_index):
        first = len(sentences)
        scene_words = 0
        for block in sc.blocks:
            if block.kind not in TOLD or not block.text.strip():
                continue
            text = block.text
            spans = split(text)
            if not spans:
                continue
            bounds = [a for a, _ in spans]
            spoken = block.kind is BlockKind.DIALOGUE
            local: list[Sentence] = []
            for a, b in spans:
                w = len(TOKEN.findall(text, a, b))
                sent = Sentence(idx, block, a, b, w)
                sent.tension = _sentence_tension(text[a:b], w, signals, spoken)
                local.append(sent)
                scene_words += w
            last = len(local) - 1
            k = 0
            for family, kind, start, end in scan(text):
                while k < last and bounds[k + 1] <= start:
                    k += 1
                s = local[k]
                if family == "tension":
                    s.hits[kind] = s.hits.get(kind, 0) + 1
                    s.tension += weights.get(kind, 1.0)
                elif family == "cue":
                    s.cues.setdefault(kind, []).append((start, end))
                else:
                    s.lens.append((kind, start, end))
            sentences.extend(local)
        for s in sentences[first:]:
            if s.words:
                s.valence = valence(s.text)
        ranges.append((first, len(sentences)))
        words.append(scene_words)
        starts.append(total)
        total += scene_words
    return ScoredStory(story, sentences, ranges, words, starts, part_of, total, by_index)


def scene_mean(values: list[float], weights: list[int]) -> float:
    """Weighted mean, 0 when there is nothing to weigh."""
    tw = sum(weights)
    return sum(v * w for v, w in zip(values, weights, strict=True)) / tw if tw else 0.0


@dataclass(frozen=True, slots=True)
class ThresholdMark:
    """A romantic threshold handed in by the romance analysis: its kind and scene index.

    ``line`` (optional) is the 1-based line of the moment in the draft, when known.
    """

    kind: str
    scene: int
    line: int | None = None


def coerce_thresholds(records: Any, scene_count: int) -> list[ThresholdMark]:
    """Threshold records in any of the shapes the romance analysis may hand over.

    Accepts ``(kind, scene_index)`` or ``(kind, scene_index, part_index)`` tuples, dicts with
    ``kind`` and ``scene``/``scene_index`` (and optionally ``line``), or objects with those
    attributes. Records outside the story are dropped.

    >>> coerce_thresholds([("first_touch", 3), {"kind": "kiss", "scene": 9, "line": 40}], 5)
    [ThresholdMark(kind='first_touch', scene=3, line=None)]
    """
    out: list[ThresholdMark] = []
    for rec in records or []:
        kind: Any
        scene: Any
        line: Any = None
        if isinstance(rec, (tuple, list)):
            if len(rec) < 2:
                continue
            kind, scene = rec[0], rec[1]
        elif isinstance(rec, dict):
            kind = rec.get("kind")
            scene = rec.get("scene", rec.get("scene_index"))
            line = rec.get("line")
        else:
            kind = getattr(rec, "kind", None)
            scene = getattr(rec, "scene", getattr(rec, "scene_index", None))
            line = getattr(rec, "line", None)
        if kind is None or not isinstance(scene, int) or not 0 <= scene < scene_count:
            continue
        out.append(ThresholdMark(str(kind), scene, line if isinstance(line, int) else None))
    return out


def sentence_at_line(table: ScoredStory, scene: int, line: int | None) -> Sentence | None:
    """The sentence of a scene that covers a source line (None if no line or no match)."""
    if line is None:
        return None
    for s in table.scene_sentences(scene):
        first = s.block.line_of(s.start)
        last = s.block.line_of(s.end)
        if first <= line <= last:
            return s
    return None
