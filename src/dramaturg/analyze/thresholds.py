"""The couple's romantic thresholds, where each falls, and how much room the draft gives it.

A threshold (first meeting, first touch, hand hold, embrace, kiss, confession, proposal,
rejection, breakup, reconciliation, acceptance) is found where a phrase from
``text/<lang>/thresholds.toml`` occurs with the couple on the page: both named or speaking in
the block, or one there and the other within a couple of blocks of the same scene. A sentence
that names a rival (another character of the same gender as one of the couple) counts less.
The moment's extent is the run of consecutive blocks around the trigger, in the same scene,
that keep the couple on the page and stay charged (see ``docs/analysis.md``); its size in
words, sentences and paragraphs (screenplay blocks) is compared with the median size of the
draft's own charged passages, so a rushed threshold is judged by the writer's own pace.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median
from typing import Any

from dramaturg.analyze.cast import BlockRef, Cast
from dramaturg.analyze.crossings import choose, encounter, encounters
from dramaturg.analyze.events import KINDS as EVENT_KINDS
from dramaturg.analyze.events import LATER_KINDS
from dramaturg.analyze.events import lexicon as event_lexicon
from dramaturg.analyze.findings import Evidence, Finding, Severity, evidence_for
from dramaturg.analyze.roles_ko import parties
from dramaturg.story import BlockKind
from dramaturg.text.count import count_sentences, count_words
from dramaturg.text.languages import get_language
from dramaturg.text.lexicon import compile_terms, fold, load_lexicon
from dramaturg.text.sentences import sentence_at, sentence_spans

# what a threshold is reported as: the events' kinds, their first touch named as such
KINDS = ("first_meeting", "first_touch", *LATER_KINDS)
# lexicon sections that are searched block by block
_LEXICON_KINDS = (*EVENT_KINDS, "conflict")
_PHYSICAL = ("touch", "hand_hold", "embrace", "kiss")
_RESOLVING = frozenset({"proposal", "acceptance", "reconciliation", "confession"})
# the couple moving closer (as against meeting, rejection, breakup); these are also the
# moments the reader waits for, so they are the ones checked for rushing
POSITIVE_KINDS = SLOW_KINDS = frozenset(
    {
        "first_touch",
        "hand_hold",
        "embrace",
        "kiss",
        "confession",
        "proposal",
        "reconciliation",
        "acceptance",
    }
)
# thresholds a finished romance is expected to reach
EXPECTED = ("first_meeting", "first_touch", "confession", "acceptance")

_LABEL = {
    "first_meeting": "first meeting",
    "first_touch": "first touch",
    "hand_hold": "hand hold",
    "embrace": "embrace",
    "kiss": "kiss",
    "confession": "confession",
    "proposal": "proposal",
    "rejection": "rejection",
    "breakup": "breakup",
    "reconciliation": "reconciliation",
    "acceptance": "acceptance",
}


@dataclass(slots=True)
class Threshold:
    """One threshold of the couple, located in the draft, with the room its moment takes."""

    kind: str
    evidence: Evidence
    g: int  # global block position of the trigger
    confidence: float
    words: int
    sentences: int
    paragraphs: int
    extent: tuple[int, int]  # first and last global block of the moment
    position: float  # 0..1, share of the story's words before the trigger
    trigger: str = ""
    # the moment itself: from the trigger's sentence to where its passage ends (a kiss in
    # the last line of a scene gets no room, however long the build-up was)
    dwell_words: int | None = None
    dwell_sentences: int | None = None
    # the whole encounter that holds the moment (the run of the scene the two share)
    encounter_words: int | None = None

    @property
    def scene(self) -> int | None:
        return self.evidence.scene

    @property
    def part_index(self) -> int | None:
        return self.evidence.part_index

    def to_dict(self) -> dict[str, Any]:
        e = self.evidence
        return {
            "kind": self.kind,
            "part": e.part,
            "part_index": e.part_index,
            "part_seq": None if e.part_index is None else e.part_index + 1,
            "scene": e.scene,
            "scene_number": e.scene_number,
            "file": e.file,
            "line": e.line,
            "quote": e.quote,
            "words": self.words,
            "sentences": self.sentences,
            "paragraphs": self.paragraphs,
            "confidence": round(self.confidence, 2),
            "position": round(self.position, 3),
            "trigger": self.trigger,
            "dwell_words": self.dwell_words,
            "dwell_sentences": self.dwell_sentences,
            "encounter_words": self.encounter_words,
        }


@dataclass(frozen=True, slots=True)
class ThresholdRecord:
    """A threshold as a plain record for other analyses (momentum: turning points vs arrivals)."""

    kind: str
    scene_index: int
    part_index: int
    line: int
    file: str
    position: float


@dataclass(slots=True)
class BlockHits:
    """What the lexicons found in one block (the threshold terms found when first asked)."""

    charged: int = 0
    romantic: int = 0
    low: str = ""  # the folded text, for the terms counted on demand
    language: str = "en"
    text: str = ""  # the block's text as written (for the words a term matched)
    any_strong: bool = True  # False when no strong term of any kind is in the block
    _weak: dict[str, int] = field(default_factory=dict)
    _strong: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    _all: bool = False

    def strong_of(self, kind: str) -> list[tuple[int, int, str]]:
        """The strong terms of ``kind`` in the block: (start, end, words as written)."""
        ms = self._strong.get(kind)
        if ms is None and not self.any_strong:
            ms = self._strong[kind] = []
        if ms is None:
            pattern = _lex(self.language).strong[kind]
            ms = self._strong[kind] = [
                (m.start(), m.end(), self.text[m.start() : m.end()])
                for m in pattern.finditer(self.low)
            ]
        return ms

    @property
    def strong(self) -> dict[str, list[tuple[int, int, str]]]:
        """Every kind with strong terms in the block."""
        if not self._all:
            for k in _LEXICON_KINDS:
                self.strong_of(k)
            self._all = True
        return {k: v for k, v in self._strong.items() if v}

    def weak(self, kind: str) -> int:
        """How many weak terms of ``kind`` the block holds (counted when first asked)."""
        n = self._weak.get(kind)
        if n is None:
            n = self._weak[kind] = sum(1 for _ in _lex(self.language).weak[kind].finditer(self.low))
        return n


@dataclass(slots=True)
class _Lex:
    strong: dict[str, re.Pattern[str]]
    any_strong: re.Pattern[str]
    weak: dict[str, re.Pattern[str]]
    charged: re.Pattern[str]
    romantic: re.Pattern[str]
    window: int
    negation: re.Pattern[str]
    kin: re.Pattern[str]
    repeat_confidence: float
    repeat_distance: float
    max_per_kind: int


@lru_cache(maxsize=8)
def _lex(language: str) -> _Lex:
    th = load_lexicon("thresholds", language)
    ro = load_lexicon("romance", language)
    settings = th.get("settings", {})
    return _Lex(
        strong={k: compile_terms(th[k]["strong"], language) for k in _LEXICON_KINDS},
        # one search tells the (many) blocks without any threshold term from the rest
        any_strong=compile_terms([t for k in _LEXICON_KINDS for t in th[k]["strong"]], language),
        weak={k: compile_terms(th[k].get("weak", []), language) for k in _LEXICON_KINDS},
        charged=compile_terms(ro["charged"], language),
        romantic=compile_terms(ro["romantic"], language),
        window=int(settings.get("window", 2)),
        negation=re.compile(
            r"(?:\b(?:"
            + "|".join(re.escape(w) for w in settings.get("negations", []))
            + r")\b|n't)"
            r"(?:\s+\w+){0,2}\s*$"
        ),
        kin=compile_terms(settings.get("kin", []), language),
        repeat_confidence=float(settings.get("repeat_confidence", 0.8)),
        max_per_kind=int(settings.get("max_per_kind", 2)),
        repeat_distance=float(settings.get("repeat_distance", 0.25)),
    )


def scan(refs: list[BlockRef], language: str = "en") -> list[BlockHits]:
    """Run the threshold and charged lexicons over every block once."""
    lex = _lex(language)
    out: list[BlockHits] = []
    for r in refs:
        # a song (a lyric over a montage, a character singing) crosses no threshold
        orig = "" if r.block.kind is BlockKind.LYRIC else r.block.text
        text = fold(orig)
        h = BlockHits(low=text, language=language, text=orig)
        h.any_strong = lex.any_strong.search(text) is not None
        h.charged = sum(1 for _ in lex.charged.finditer(text))
        h.romantic = sum(1 for _ in lex.romantic.finditer(text))
        out.append(h)
    return out


def involved_love(cast: Cast, hits: list[BlockHits]) -> list[int] | None:
    """Per block, the love words that touch its "I": in a sentence of narration where "I"
    stands, or in speech the "I" says or hears. None when the story has no "I"."""
    if cast.narrator is None and not any(cast.narrators):
        return None
    lex = _lex(hits[0].language) if hits else None
    out = [0] * len(hits)
    for g, h in enumerate(hits):
        teller = cast.narrator_at(g)
        if not h.romantic or teller is None or lex is None or g >= len(cast.mentions):
            continue
        spans = sentence_spans(h.text)
        mine = {
            x.sentence
            for x in cast.mentions[g]
            if not x.quoted and (x.how == "narrator" or x.who == teller)
        }
        quotes = cast.quotes[g]
        # per sentence, the people named or met as "he"/"she" in it (an unresolved pronoun
        # counts as someone)
        third: dict[int, set[str | None]] = defaultdict(set)
        for x in cast.mentions[g]:
            if x.how in ("name", "pronoun"):
                third[x.sentence].add(x.who)
        for m in lex.romantic.finditer(h.low):
            i = next((k for k, (a, b) in enumerate(spans) if a <= m.start() < b), -1)
            q = next((q for q in quotes if q[0] <= m.start() < q[1]), None)
            if q is not None:
                # said to or by the "I", and of the two of them, not of a third
                out[g] += teller in (q[2], q[3]) and not third[i] - {q[2], q[3]}
                continue
            # ... and of the "I" and one other ("he kissed me"), not of two others
            out[g] += i in mine and len(third[i] - {teller}) <= 1
    return out


def love_touch(cast: Cast, hits: list[BlockHits]) -> list[list[frozenset[str | None]]]:
    """Per block, for each love word, the people it touches: whoever its sentence names or
    meets as a person word (None for a pronoun left unresolved): "I" and "you" in speech are
    its speaker and listener, "I" in narration the narrator. Whoever only hears the words
    ("I love him," she told her nurse) is not touched by them."""
    lex = _lex(hits[0].language) if hits else None
    out: list[list[frozenset[str | None]]] = [[] for _ in hits]
    if lex is None:
        return out
    for g, h in enumerate(hits):
        if not h.romantic or g >= len(cast.mentions):
            continue
        spans = sentence_spans(h.text)
        people: dict[int, set[str | None]] = defaultdict(set)
        for x in cast.mentions[g]:
            if x.how in ("name", "pronoun", "narrator", "speaker", "listener"):
                people[x.sentence].add(x.who)
        for m in lex.romantic.finditer(h.low):
            i = next((k for k, (a, b) in enumerate(spans) if a <= m.start() < b), -1)
            out[g].append(frozenset(people[i]))
    return out


@dataclass(slots=True)
class Pace:
    """The draft's own pace: the median size of its emotionally charged passages."""

    words: float
    sentences: float
    paragraphs: float
    passages: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "median_words": self.words,
            "median_sentences": self.sentences,
            "median_paragraphs": self.paragraphs,
            "charged_passages": self.passages,
        }


def charged(refs: list[BlockRef], hits: list[BlockHits], g: int) -> bool:
    """A block is charged when its emotional vocabulary is dense (one word in 40, at least 1)."""
    h = hits[g]
    return h.charged >= 1 and h.charged * 40 >= max(refs[g].words, 1)


def draft_pace(refs: list[BlockRef], hits: list[BlockHits]) -> Pace:
    """Median size of the runs of consecutive charged blocks within a scene."""
    runs: list[tuple[int, int, int]] = []
    cur: list[int] = []

    def close() -> None:
        if cur:
            words = sum(refs[i].words for i in cur)
            sents = sum(refs[i].block.sentences for i in cur)
            runs.append((words, sents, len(cur)))
            cur.clear()

    for r in refs:
        if charged(refs, hits, r.g) and (not cur or refs[cur[-1]].scene is r.scene):
            cur.append(r.g)
        else:
            close()
            if charged(refs, hits, r.g):
                cur.append(r.g)
    close()
    if not runs:
        return Pace(0.0, 0.0, 0.0, 0)
    return Pace(
        float(median(w for w, _, _ in runs)),
        float(median(s for _, s, _ in runs)),
        float(median(p for _, _, p in runs)),
        len(runs),
    )


_SOUND_CUE = re.compile(r"\s*[\[(][^\[\]()]*[\])]\s*$")


def _letter_blocks(cast: Cast, a: str, b: str) -> frozenset[int]:
    """Every block of the letters the narrator (``a`` or ``b``) writes to the other."""
    if not cast.written_to or cast.narrator not in (a, b):
        return frozenset()
    other = b if cast.narrator == a else a
    return frozenset(g for g, w in enumerate(cast.written_to) if w == other)


class _Finder:
    """Threshold search for one couple over a scanned story."""

    def __init__(self, cast: Cast, hits: list[BlockHits], couple: tuple[str, str], language: str):
        self.cast = cast
        self.refs = cast.refs
        self.hits = hits
        self.a, self.b = couple
        self.lex = _lex(language)
        self.prose = _is_prose(cast)
        self.lang = get_language(language)
        self.tagged = self.lang.tagged  # who does what to whom is in the particles
        self.window = self.lex.window if self.prose else max(self.lex.window, 4)
        # an epistolary book: the letters the narrator writes to the other are the two of
        # them on one page, writer and reader (the correspondence is their relationship)
        self.letters = _letter_blocks(cast, self.a, self.b)
        genders = {cast.members[n].gender for n in couple if n in cast.members}
        # rivals: other characters of a gender one of the couple has, or of unknown gender
        self.rivals = {
            n
            for n, m in cast.members.items()
            if n not in couple
            and (m.gender in genders or m.gender is None or None in genders)
            and len(m.blocks) >= 3
        }
        cast_lex = load_lexicon("cast", language)
        pron = cast_lex["pronouns"]
        plural = cast_lex.get("plural", {}).get("words", [])
        self.third_person = compile_terms([w for ws in pron.values() for w in ws])
        self.second_person = compile_terms(cast_lex.get("second_person", {}).get("words", []))
        self.plural = compile_terms(plural) if plural and self.prose else None
        self.pronoun = {
            n: compile_terms(pron[cast.members[n].gender])
            for n in couple
            if n in cast.members and cast.members[n].gender in pron
        }
        # a script's scene is one stage: who is in it anywhere (named or speaking), and the
        # plural that shows the couple together in an action line ("their fingers brush")
        self.stage: dict[int, set[str]] = {}
        if not self.prose:
            for r, here in zip(self.refs, cast.present, strict=False):
                self.stage.setdefault(r.scene.index, set()).update(here)
        self.together = compile_terms([*plural, "both", "each other"]) if plural else None
        self.gendered = [compile_terms(ws) for ws in pron.values()]

    def presence(self, g: int) -> float:
        """How surely the couple shares this block's page, from 1.0 (both named) down to 0.

        1.0 both named or speaking; 0.85 one named, the other met as a pronoun; 0.75 both
        met as pronouns; 0.7 one on the page and the other within the window (same scene);
        0.65 a speech block with both within the window; 0.55 both within the window.
        """
        named = self.cast.present[g]
        page = named | self.cast.focus[g]
        na, nb = self.a in named, self.b in named
        if na and nb:
            return 1.0
        if g in self.letters:
            return 0.85  # a letter from one of them to the other
        pa, pb = self.a in page, self.b in page
        if pa and pb:
            return 0.85 if (na or nb) else 0.75
        near = self._near(g)
        if pa or pb:
            return 0.7 if (self.b if pa else self.a) in near else self._staged(g, near)
        if self.a in near and self.b in near:
            block = self.refs[g].block
            if self.plural is not None and self.plural.search(
                fold(block.text)
            ):  # "they" with both of them just on the page
                return 0.7
            # a speech between them, or a script's action line inside their scene
            speech = block.kind is BlockKind.DIALOGUE or bool(block.utterances)
            if not self.prose and not speech:
                return 0.7  # a script's action line inside their scene shows them both
            return 0.65 if speech else 0.55
        return self._staged(g, near)

    def _staged(self, g: int, near: set[str]) -> float:
        """A script's action line in the couple's scene whose pronouns point at the two of them.

        Screenplay action runs in short lines that name nobody ("And then he kisses her."), so
        the names may lie further off than the window. The line counts (0.7) when both of the
        couple are in the scene, its pronouns cover both (his and her, or their), and no other
        character of their genders is named nearer than them. With their genders unknown, a
        line with a he and a she in it counts.
        """
        if self.prose:
            return 0.0
        r = self.refs[g]
        block = r.block
        if block.kind is BlockKind.DIALOGUE or block.utterances:
            return 0.0
        if not {self.a, self.b} <= self.stage.get(r.scene.index, set()):
            return 0.0
        if near & self.rivals:
            return 0.0
        low = fold(block.text)
        pa, pb = self.pronoun.get(self.a), self.pronoun.get(self.b)
        if pa is not None and pb is not None:
            if pa.pattern != pb.pattern and pa.search(low) and pb.search(low):
                return 0.7
        elif sum(1 for p in self.gendered if p.search(low)) >= 2:
            return 0.7  # genders unknown: a he and a she in the line
        if self.together is not None and self.together.search(low):
            return 0.7
        return 0.0

    def _near(self, g: int) -> set[str]:
        scene = self.refs[g].scene
        out: set[str] = set()
        for i in range(max(0, g - self.window), min(len(self.refs), g + self.window + 1)):
            if self.refs[i].scene is scene:
                out |= self.cast.present[i] | self.cast.focus[i]
        return out

    def rival_factor(self, g: int, start: int, end: int) -> float:
        """Less sure when the sentence names a rival and not both of the couple."""
        named = self.cast.named[g]
        names_in = {w for w, ss in named.items() if any(start <= s < end for s, _ in ss)}
        if names_in & self.rivals and not {self.a, self.b} <= names_in:
            return 0.55 if not names_in & {self.a, self.b} else 0.75
        return 1.0

    def _someone_elses(self, g: int, start: int, trigger: int, spoken: bool) -> bool:
        """Korean: the particles name a party who is not the couple (민호가 서윤을 안는다)."""
        speaker = self.cast.speakers[g] if spoken else self.cast.narrator_at(g)
        who = parties(self.refs[g].block.text, self.cast.named[g], start, trigger, speaker, spoken)
        return bool(who.outside((self.a, self.b)))

    def _blocks_with(self, kind: str) -> list[int]:
        """The blocks with strong terms of ``kind``, found once for all the couples tried."""
        key = ("strong blocks", kind)
        got = self.cast.cache.get(key)
        if not (isinstance(got, tuple) and got[0] is self.hits):
            got = (self.hits, [g for g, h in enumerate(self.hits) if h.strong_of(kind)])
            self.cast.cache[key] = got
        return got[1]  # type: ignore[no-any-return]

    def candidates(self, kind: str) -> list[tuple[int, float, tuple[int, int, str]]]:
        """(block, confidence, match) for every block where ``kind`` is named with the couple."""
        out = []
        if self.tagged:  # the particles of every block to read, in one tagger batch
            self.lang.tokens([self.refs[g].block.text for g in self._blocks_with(kind)])
        for g in self._blocks_with(kind):
            h = self.hits[g]
            ms = h.strong_of(kind)
            pf = self.presence(g)
            if pf < 0.65 or (kind in _PHYSICAL and pf < 0.7):
                continue
            text = self.refs[g].block.text
            low = fold(text)
            speaker = self.cast.speakers[g]
            # words spoken by someone else are about someone else, most of the time
            said = 0.6 if speaker and speaker not in (self.a, self.b) else 1.0
            quotes = [(u.offset, u.offset + len(u.text)) for u in self.refs[g].block.speech()]
            best: tuple[float, tuple[int, int, str]] | None = None
            for m in ms:
                # "she accepted him" said aloud is news about someone else; the couple's own
                # threshold in speech is in the first and second person ("marry me")
                s, e = sentence_at(text, m[0])
                spoken = any(a <= m[0] < qe for a, qe in quotes)
                if self.tagged and self._someone_elses(g, s, m[0], spoken):
                    continue
                reported = (
                    0.6
                    if spoken
                    and (
                        self.third_person.search(low, m[0], m[1])
                        or (
                            self.third_person.search(low, s, e)
                            and not self.second_person.search(low, s, e)
                        )
                    )
                    else 1.0
                )
                if kind not in ("rejection", "breakup") and self.lex.negation.search(
                    low, max(0, m[0] - 24), m[0]
                ):
                    continue
                kin = 0.5 if kind in _PHYSICAL and self.lex.kin.search(low, s, e) else 1.0
                conf = 0.9 * pf * self.rival_factor(g, s, e) * said * reported * kin
                conf += 0.03 * min(h.weak(kind), 3)
                if best is None or conf > best[0]:
                    best = (min(conf, 0.99), m)
            if best is not None:
                out.append((g, best[0], best[1]))
        return out

    def first_meeting(self) -> tuple[int, float, tuple[int, int, str]] | None:
        """The first block where the couple shares the page (a meeting word makes it surer)."""
        for g in range(len(self.refs)):
            if self.presence(g) < 0.7 or _SOUND_CUE.match(self.refs[g].block.text):
                continue  # a caption's sound cue ("[문 열리는 소리]") shows no one on screen
            # prefer a meeting word in this block or the next few of the scene
            for i in range(g, min(len(self.refs), g + self.window + 1)):
                if self.refs[i].scene is not self.refs[g].scene:
                    break
                ms = self.hits[i].strong.get("first_meeting")
                if ms and self.presence(i) > 0:
                    return i, 0.9, ms[0]
            text = self.refs[g].block.text
            spans = [s for n in (self.a, self.b) for s in self.cast.named[g].get(n, [])] or [(0, 0)]
            pos = max(s for s, _ in spans) if len(spans) > 1 else spans[0][0]
            weak = self.hits[g].weak("first_meeting")
            return g, 0.6 + 0.1 * min(weak, 2), (pos, pos, text[pos : pos + 20])
        return None

    def on_moment(self, g: int, kind_keys: tuple[str, ...]) -> bool:
        """Does block ``g`` stay on the moment: couple on the page and still charged?"""
        if self.presence(g) <= 0:
            p = self.refs[g].block
            # a line of dialogue between them with no name in it still belongs to the moment
            if not (self.cast.speakers[g] in (self.a, self.b) or p.kind is BlockKind.DIALOGUE):
                return False
        h = self.hits[g]
        if any(k in h.strong for k in kind_keys):
            return True
        if not self.prose and _other_threshold(h, kind_keys):
            return False  # a script's short blocks each hold one beat
        return (
            charged(self.refs, self.hits, g)
            or any(h.weak(k) for k in kind_keys)
            or self.cast.speakers[g] in (self.a, self.b)
        )

    def _beat(self, g: int, kind_keys: tuple[str, ...]) -> bool:
        """A script's bare action line inside the moment ("Neither of them moves.")."""
        block = self.refs[g].block
        return (
            not self.prose
            and block.kind is BlockKind.ACTION
            and not block.utterances
            and not _other_threshold(self.hits[g], kind_keys)
            and (self.presence(g) > 0 or not self.cast.present[g])
        )

    def extent(self, g: int, kind_keys: tuple[str, ...], limit: int = 8) -> tuple[int, int]:
        """The run of blocks around ``g`` in its scene that stay on the moment.

        In a script, a block that holds another kind of threshold (the confession just before
        a hand hold) is that threshold's room, not this one's, and the run steps over one bare
        action line between two blocks on the moment: a beat of stillness belongs to it.
        """
        scene = self.refs[g].scene
        n = len(self.refs)

        def ok(i: int) -> bool:
            return 0 <= i < n and abs(i - g) <= limit and self.refs[i].scene is scene

        def step(edge: int, d: int) -> int:
            if ok(edge + d) and self.on_moment(edge + d, kind_keys):
                return edge + d
            if (
                ok(edge + 2 * d)
                and self._beat(edge + d, kind_keys)
                and self.on_moment(edge + 2 * d, kind_keys)
            ):
                return edge + 2 * d
            return edge

        lo = hi = g
        while (nxt := step(lo, -1)) != lo:
            lo = nxt
        while (nxt := step(hi, 1)) != hi:
            hi = nxt
        return lo, hi


_VERBAL = frozenset(_LEXICON_KINDS) - {"first_meeting", "conflict", *_PHYSICAL}


def _other_threshold(h: BlockHits, kind_keys: tuple[str, ...]) -> bool:
    """Does the block name a threshold of the other sort (spoken vs physical) and none of ours?"""
    other = _VERBAL if set(kind_keys) & set(_PHYSICAL) else frozenset(_PHYSICAL)
    return any(k in h.strong for k in other) and not any(k in h.strong for k in kind_keys)


def _is_prose(cast: Cast) -> bool:
    kinds = [r.block.kind for r in cast.refs[:200]]
    return sum(k is BlockKind.PARAGRAPH for k in kinds) >= 0.5 * max(len(kinds), 1)


_KEYS = {
    "first_meeting": ("first_meeting",),
    "first_touch": _PHYSICAL,
    "hand_hold": ("hand_hold", "touch"),
    "embrace": ("embrace", "touch"),
    "kiss": ("kiss", "embrace", "touch"),
    "confession": ("confession",),
    "proposal": ("proposal", "confession"),
    "rejection": ("rejection", "breakup"),
    "breakup": ("breakup", "rejection"),
    "reconciliation": ("reconciliation", "confession"),
    "acceptance": ("acceptance", "proposal"),
}


def find_thresholds(
    cast: Cast, hits: list[BlockHits], couple: tuple[str, str], language: str = "en"
) -> list[Threshold]:
    """Every threshold of the couple, in story order."""
    if get_language(language).prose_mentions and cast.mentions and _is_prose(cast):
        return _prose_thresholds(cast, couple, language)
    f = _Finder(cast, hits, couple, language)
    refs = cast.refs
    total = max(1, refs[-1].words_before + refs[-1].words) if refs else 1
    lex = f.lex

    def make(kind: str, g: int, conf: float, m: tuple[int, int, str]) -> Threshold:
        r = refs[g]
        s, e = sentence_at(r.block.text, m[0])
        ev = evidence_for(
            r.block, s, e, scene=r.scene, part_number=r.part.number, part_index=r.part.index
        )
        lo, hi = f.extent(g, _KEYS[kind])
        blocks = refs[lo : hi + 1]
        return Threshold(
            kind=kind,
            evidence=ev,
            g=g,
            confidence=conf,
            words=sum(b.words for b in blocks),
            sentences=sum(b.block.sentences for b in blocks),
            paragraphs=len(blocks),
            extent=(lo, hi),
            position=(r.words_before + r.block.text[: m[0]].count(" ")) / total,
            trigger=m[2],
        )

    out: list[Threshold] = []
    fm = f.first_meeting()
    if fm is not None:
        out.append(make("first_meeting", *fm))
    cands = {k: f.candidates(k) for k in _LEXICON_KINDS if k != "first_meeting"}
    if get_language(language).prose_mentions:
        _answered(cast, couple, cands, language)
    floor = 0.55
    # first touch: the earliest physical contact of any kind
    physical = sorted((c for k in _PHYSICAL for c in cands[k] if c[1] >= 0.6), key=lambda c: c[0])
    if physical:
        out.append(make("first_touch", *physical[0]))
    chosen: dict[str, list[tuple[int, float, tuple[int, int, str]]]] = {}
    for kind in LATER_KINDS:
        kept: list[tuple[int, float, tuple[int, int, str]]] = []
        parts: set[int] = set()

        def rank(c: tuple[int, float, tuple[int, int, str]], kind: str = kind) -> float:
            # a romance resolves late: commitments weigh a little more the later they come
            if kind in _RESOLVING and refs[c[0]].words_before > 0.6 * total:
                return c[1] * 1.1
            return c[1]

        pool = [c for c in cands[kind] if c[1] >= floor]
        if pool:
            # the first time it happens: the earliest occurrence nearly as sure as the best
            top = max(rank(c) for c in pool)
            first = min((c for c in pool if rank(c) >= top - 0.15), key=lambda c: c[0])
            kept.append(first)
            parts.add(refs[first[0]].part.index)
        # a romance resolves late: a commitment in the last 40 % is shown too
        late = [c for c in pool if kind in _RESOLVING and refs[c[0]].words_before > 0.6 * total]
        # (the last one: where the story resolves), then sure repeats, far from the first
        for c in sorted(late, key=lambda c: -c[0])[:1] + sorted(
            pool, key=lambda c: (-round(rank(c), 3), c[0])
        ):
            p = refs[c[0]].part.index
            if p in parts or len(kept) >= lex.max_per_kind:
                continue
            if c[1] < (0.6 if c in late else lex.repeat_confidence) or any(
                abs(refs[c[0]].words_before - refs[k[0]].words_before) < lex.repeat_distance * total
                for k in kept
            ):
                continue
            kept.append(c)
            parts.add(p)
        chosen[kind] = kept
    # a reconciliation restores something broken: an explicit one needs a rupture (a quarrel,
    # a rejection, a breakup of the couple) before it, within a sixth of the story
    broken = sorted(
        [c[0] for c in cands["conflict"] if c[1] >= 0.6]
        + [c[0] for k in ("rejection", "breakup") for c in cands[k] if c[1] >= floor]
    )
    chosen["reconciliation"] = [
        c
        for c in chosen["reconciliation"]
        if c[1] >= 0.7 and any(c[0] - len(refs) // 6 <= b <= c[0] for b in broken)
    ]
    # reconciliation is also the first warm threshold after a rupture (quarrel, rejection)
    ruptures = sorted(
        [c[0] for c in cands["conflict"] if c[1] >= 0.85]
        + [c[0] for k in ("rejection", "breakup") for c in chosen[k]]
    )
    warm = sorted(
        (
            c
            for k in ("hand_hold", "embrace", "kiss", "touch", "confession")
            for c in cands[k]
            if c[1] >= 0.85
        ),
        key=lambda c: c[0],
    )
    explicit = {c[0] for c in chosen["reconciliation"]}
    taken = {c[0] for kept in chosen.values() for c in kept}
    used_ruptures: set[int] = set()
    for rg in ruptures:
        nxt = next(
            (c for c in warm if c[0] > rg and refs[c[0]].part.index > refs[rg].part.index), None
        )
        if (
            nxt is None
            or nxt[0] - rg > len(refs) // 6
            or nxt[0]
            in explicit | taken - {c[0] for k in _PHYSICAL if k in chosen for c in chosen[k]}
        ):
            continue
        if any(refs[nxt[0]].part.index == refs[e].part.index for e in explicit):
            continue
        if len(chosen["reconciliation"]) >= lex.max_per_kind or rg in used_ruptures:
            continue
        used_ruptures.add(rg)
        chosen["reconciliation"].append((nxt[0], min(nxt[1], 0.7), nxt[2]))
        explicit.add(nxt[0])
    for kind, kept in chosen.items():
        out.extend(make(kind, *c) for c in kept)
    out.sort(key=lambda t: (t.g, KINDS.index(t.kind)))
    return out


def _answered(
    cast: Cast,
    couple: tuple[str, str],
    cands: dict[str, list[tuple[int, float, tuple[int, int, str]]]],
    language: str,
) -> None:
    """A proposal answered in a script: the other one's next cue in the scene says "yes"
    (an acceptance) or "no" (a refusal); action lines between them do not break the talk."""
    lex = event_lexicon(language)
    refs = cast.refs
    for g, conf, _m in list(cands.get("proposal", [])):
        asker = cast.speakers[g]
        if asker not in couple:
            continue
        other = couple[1] if asker == couple[0] else couple[0]
        for g2 in range(g + 1, min(len(refs), g + 4)):
            if refs[g2].scene is not refs[g].scene:
                break
            if refs[g2].block.kind is not BlockKind.DIALOGUE:
                continue
            if cast.speakers[g2] != other:
                break
            text = refs[g2].block.text
            kind = (
                "acceptance" if lex.yes.match(text) else "rejection" if lex.no.match(text) else None
            )
            if kind:
                end = min(len(text), 40)
                cands.setdefault(kind, []).append((g2, conf * 0.95, (0, end, text[:end])))
            break


def _prose_thresholds(cast: Cast, couple: tuple[str, str], language: str) -> list[Threshold]:
    """A novel's thresholds: the events between the two, each given the passage it occupies."""
    refs = cast.refs
    total = max(1, refs[-1].words_before + refs[-1].words) if refs else 1
    out = []
    for c in choose(cast, couple, language):
        e = c.event
        r = refs[e.g]
        s, end = e.sentence
        ev = evidence_for(
            r.block, s, end, scene=r.scene, part_number=r.part.number, part_index=r.part.index
        )
        room = encounter(cast, couple, e.g)
        lo, hi = moment_extent(cast, couple, e.g, *room)
        blocks = refs[lo : hi + 1]
        words = sum(b.words for b in blocks)
        sentences = sum(b.block.sentences for b in blocks)
        rest = r.block.text[s:]
        after = refs[e.g + 1 : hi + 1]
        if lo == hi and (span := moment_span(r.block.text, s, end, language)) is not None:
            # a paragraph of several pages: the moment is the sentences around its trigger
            words = count_words(r.block.text[span[0] : span[1]])
            sentences = count_sentences(r.block.text[span[0] : span[1]])
            rest = r.block.text[s : span[1]]
        out.append(
            Threshold(
                kind=c.kind,
                evidence=ev,
                g=e.g,
                confidence=c.confidence,
                words=words,
                sentences=sentences,
                paragraphs=len(blocks),
                extent=(lo, hi),
                position=(r.words_before + r.block.text[: e.start].count(" ")) / total,
                trigger=r.block.text[e.start : e.end],
                dwell_words=count_words(rest) + sum(b.words for b in after),
                dwell_sentences=count_sentences(rest) + sum(b.block.sentences for b in after),
                encounter_words=sum(b.words for b in refs[room[0] : room[1] + 1]),
            )
        )
    return out


# a moment is about a page: its trigger's paragraph and those around it, to about this many words
MOMENT_WORDS = 300


def _closer(words: int, more: int) -> bool:
    """Does taking ``more`` words bring a passage of ``words`` nearer a page?"""
    return abs(words + more - MOMENT_WORDS) < abs(words - MOMENT_WORDS)


def moment_extent(cast: Cast, couple: tuple[str, str], g: int, lo: int, hi: int) -> tuple[int, int]:
    """The passage a threshold occupies inside the encounter ``lo..hi`` that holds it: the
    trigger's paragraph with its build-up before and its aftermath after, taken a paragraph
    at a time on each side while each brings the passage nearer a page (``MOMENT_WORDS``),
    never past a paragraph that names only other people, never past the encounter. A long
    scene is not one moment, and one line of talk is not the whole of one either."""
    pair = set(couple)
    refs = cast.refs

    def ours(i: int) -> bool:
        here = set(cast.present[i]) | {x.who for x in cast.mentions[i] if x.who}
        return not here or bool(here & pair)

    a = b = g
    words = refs[g].words
    back = fwd = True
    while back or fwd:
        if back:
            if a - 1 >= lo and ours(a - 1) and _closer(words, refs[a - 1].words):
                a -= 1
                words += refs[a].words
            else:
                back = False
        if fwd:
            if b + 1 <= hi and ours(b + 1) and _closer(words, refs[b + 1].words):
                b += 1
                words += refs[b].words
            else:
                fwd = False
    return a, b


def moment_span(text: str, start: int, end: int, language: str = "en") -> tuple[int, int] | None:
    """Inside a paragraph of more than two pages, the sentences a moment occupies: the
    trigger's sentence (``start``..``end``) and those around it while each brings the passage
    nearer a page; None when the paragraph is no longer than that (the moment is all of it)."""
    lang = get_language(language)
    if lang.count_words(text) <= 2 * MOMENT_WORDS:
        return None
    spans = lang.sentence_spans(text)
    k = next((i for i, (s, e) in enumerate(spans) if s <= start < e), None)
    if k is None:
        return None
    a = b = k
    words = lang.count_words(text[spans[k][0] : spans[k][1]])
    while True:
        grew = False
        for i in (a - 1, b + 1):
            if 0 <= i < len(spans) and (i < a or i > b):
                w = lang.count_words(text[spans[i][0] : spans[i][1]])
                if _closer(words, w):
                    words += w
                    a, b = min(a, i), max(b, i)
                    grew = True
        if not grew:
            return spans[a][0], spans[b][1]


def encounter_pace(cast: Cast, couple: tuple[str, str]) -> Pace:
    """The draft's own pace for the couple: the median size of the passages they share."""
    runs = encounters(cast, couple)
    if not runs:
        return Pace(0.0, 0.0, 0.0, 0)
    sizes = [
        (
            sum(cast.refs[i].words for i in range(lo, hi + 1)),
            sum(cast.refs[i].block.sentences for i in range(lo, hi + 1)),
            hi - lo + 1,
        )
        for lo, hi in runs
    ]
    return Pace(
        float(median(w for w, _, _ in sizes)),
        float(median(x for _, x, _ in sizes)),
        float(median(p for _, _, p in sizes)),
        len(sizes),
    )


def threshold_records(thresholds: list[Threshold]) -> list[ThresholdRecord]:
    """Plain records (kind, scene index, part index) for other analyses."""
    return [
        ThresholdRecord(
            t.kind,
            t.evidence.scene if t.evidence.scene is not None else -1,
            t.evidence.part_index if t.evidence.part_index is not None else -1,
            t.evidence.line,
            t.evidence.file,
            t.position,
        )
        for t in thresholds
    ]


def slow_burn(thresholds: list[Threshold]) -> dict[str, Any]:
    """Where each first threshold falls: share of the story (%) and part number."""
    firsts: dict[str, Threshold] = {}
    for t in thresholds:
        firsts.setdefault(t.kind, t)
    return {
        k: {
            "percent": round(100 * firsts[k].position, 1),
            "part": firsts[k].evidence.part,
            "part_index": firsts[k].evidence.part_index,
            "scene": firsts[k].evidence.scene,
            "line": firsts[k].evidence.line,
        }
        for k in KINDS
        if k in firsts
    }


_SUGGEST = {
    "first_touch": "let the reader feel the first contact: the hesitation before it, where the "
    "hand lands, what each of them notices, and the beat after when neither moves away",
    "hand_hold": "stay in the hand hold: the temperature of the hand, who tightens first, "
    "what they do not say while their fingers stay laced",
    "embrace": "stretch the embrace across a few beats: the moment before they close the "
    "distance, the breath, and how each of them holds on",
    "kiss": "slow the kiss down: the approach and the pause before it, one sensory detail, "
    "and the silence afterwards when both realise something has shifted",
    "confession": "give the confession space: the hesitation before the words, the other's "
    "face while they land, and a pause before any reply",
    "proposal": "let the proposal breathe: what it costs to ask, the wait for the answer, "
    "and what each of them sees in the other's face",
    "reconciliation": "let the reconciliation take time: what each has to swallow first, the "
    "first awkward words, and the moment the distance closes",
    "acceptance": "linger on the yes: the beat before it, how it is said, and what changes in "
    "them in the moment after",
}


def rushed_findings(thresholds: list[Threshold], pace: Pace, cast: Cast) -> list[Finding]:
    """A finding for each slow-worthy threshold given less room than the draft's own pace."""
    out: list[Finding] = []
    if pace.passages == 0:
        return out
    target_words = max(pace.words, 1.0)
    for t in thresholds:
        if t.kind not in SLOW_KINDS:
            continue
        label = _LABEL[t.kind]
        dwell_words, dwell_sentences = t.dwell_words, t.dwell_sentences
        if dwell_words is not None and dwell_sentences is not None:
            # prose: the moment itself runs on under three sentences, or under 40% of the
            # passages the couple shares, and the whole passage (build-up included) is
            # shorter than they usually are: a long scene that ends on a short "Yes." is
            # a choice, not a rush
            blink = dwell_sentences < 3 or dwell_words < 0.4 * target_words
            room = t.encounter_words if t.encounter_words is not None else t.words
            if not (blink and room < target_words):
                continue
            message = (
                f"The {label} gets {dwell_sentences} sentence(s) ({dwell_words} words) "
                f"from the moment it happens to where the passage moves on, in a scene of "
                f"{room} words the two share; the passages this couple shares run to a median "
                f"of {pace.words:.0f} words. The moment the reader waited for passes in a blink."
            )
            least = (
                "at least 3 sentences"
                if dwell_sentences < 3
                else f"at least {0.4 * target_words:.0f} words after it happens"
            )
            aim = (
                f"give the moment itself {least} and the passage about "
                f"{pace.words:.0f} words (your own median)"
            )
        else:
            short_words = t.words < 0.6 * target_words
            short_sents = t.sentences < max(3.0, 0.6 * pace.sentences)
            if not (short_words and short_sents):
                continue
            message = (
                f"The {label} takes {t.words} words in {t.sentences} sentence(s) over "
                f"{t.paragraphs} paragraph(s); the draft's own charged passages run to a "
                f"median of {pace.words:.0f} words and {pace.sentences:.0f} sentences. The "
                "moment the audience waited for passes in a blink."
            )
            aim = f"aim for about {pace.words:.0f} words (your own median for charged passages)"
        slow = _SUGGEST.get(t.kind, "slow the moment down")
        out.append(
            Finding(
                code="ROM-RUSHED",
                severity=Severity.WARNING,
                message=message,
                evidence=[t.evidence],
                suggestion=f"{slow[0].upper()}{slow[1:]}; {aim}.",
                data={
                    "kind": t.kind,
                    "words": t.words,
                    "sentences": t.sentences,
                    "paragraphs": t.paragraphs,
                    "dwell_words": t.dwell_words,
                    "dwell_sentences": t.dwell_sentences,
                    "median_words": pace.words,
                    "median_sentences": pace.sentences,
                },
            )
        )
    return out


def _a(label: str) -> str:
    """The label with its indefinite article ("an acceptance", "a kiss")."""
    return f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label}"


# where a missing threshold goes in a couple's usual course: just before the next rung they
# reach (a declaration before the proposal), else after the last threshold they reach;
# meetings, rejection, breakup and reconciliation have no rung
_RUNG = {
    "first_touch": 1,
    "hand_hold": 2,
    "embrace": 3,
    "kiss": 4,
    "confession": 5,
    "proposal": 6,
    "acceptance": 7,
}


def unreached_anchor(
    kind: str, thresholds: list[Threshold], shared: Callable[[int], bool] | None = None
) -> tuple[Threshold | None, str]:
    """The threshold to cite for a missing ``kind``, and how it stands to the missing one.

    Only a moment the couple share on the page is cited (``shared(g)`` for a block of the
    moment's extent; every threshold when None): the first of the next rung they reach
    (``"before"``: the missing one would come before it), else the last they reach
    (``"last"``); (None, "") when they share no threshold.
    """

    def ours_(t: Threshold) -> bool:  # the moment, from its build-up to its end, is theirs
        if shared is None:
            return True
        lo, hi = t.extent
        return any(shared(g) for g in range(min(lo, t.g), max(hi, t.g) + 1))

    ours = sorted((t for t in thresholds if ours_(t)), key=lambda t: (t.g, t.kind))
    rung = _RUNG.get(kind)
    if rung is not None:
        later = [t for t in ours if _RUNG.get(t.kind, 0) > rung]
        if later:  # the next step they reach, where it first comes
            return min(later, key=lambda t: (_RUNG[t.kind], t.g)), "before"
    return (ours[-1], "last") if ours else (None, "")


def unreached_findings(
    thresholds: list[Threshold],
    couple: tuple[str, str],
    last_shared: Evidence | None,
    *,
    married: bool = False,
    shared: Callable[[int], bool] | None = None,
) -> list[Finding]:
    """A finding for each expected threshold the couple never crosses, where the draft
    implies it: an acceptance only answers a proposal the couple has reached (a confession
    returned is answer enough), and a couple the draft introduces as married ("Joe's wife,
    KATE") has confessed and accepted before the story began.

    The evidence is a moment the couple share (``shared(g)``, a block where both are surely
    on the page): the threshold the missing one would come before, else the last threshold
    they reach (:func:`unreached_anchor`), else the last block they share, else none, and
    the message says they share no page.
    """
    have = {t.kind for t in thresholds}
    expected = [k for k in EXPECTED if k != "acceptance" or "proposal" in have]
    if married:
        expected = [k for k in expected if k not in ("confession", "acceptance")]
    out = []
    for kind in expected:
        if kind in have:
            continue
        label = _LABEL[kind]
        at, how = unreached_anchor(kind, thresholds, shared)
        if at is not None:
            anchor: Evidence | None = at.evidence
            cited = (
                f"their {_LABEL[at.kind]}, which the {label} would come before, is cited"
                if how == "before"
                else f"their last threshold, the {_LABEL[at.kind]}, is cited"
            )
        else:
            anchor = last_shared
            cited = "the last block they share is cited"
        alone = (
            ""
            if anchor is not None
            else " They never share a page where it could go: no block has both of them on it."
        )
        out.append(
            Finding(
                code="ROM-UNREACHED",
                severity=Severity.INFO if kind == "first_touch" else Severity.WARNING,
                message=(
                    f"{couple[0]} and {couple[1]} never reach {_a(label)} on the page (nothing in the "
                    f"draft reads as one while both of them are present).{alone}"
                ),
                evidence=[anchor] if anchor else [],
                suggestion=(
                    f"If the {label} happens, put it on the page as a scene of its own; if it "
                    "happens off-page by design, give the reader its aftermath in a scene they "
                    + (f"share ({cited})." if anchor is not None else "share.")
                ),
                data={"kind": kind, **({"cited": at.kind, "cited_as": how} if at else {})},
            )
        )
    return out


def early_findings(thresholds: list[Threshold], couple: tuple[str, str]) -> list[Finding]:
    """A slow burn keeps its big thresholds back: a kiss or acceptance in the first fifth is flagged."""
    out = []
    seen: set[str] = set()
    for t in thresholds:
        if t.kind in seen or t.kind not in ("kiss", "acceptance"):
            continue
        seen.add(t.kind)
        if t.position < 0.2 and t.confidence >= 0.8:
            out.append(
                Finding(
                    code="ROM-EARLY",
                    severity=Severity.INFO,
                    message=(
                        f"The first {_LABEL[t.kind]} comes at {100 * t.position:.0f}% of the story; "
                        "a slow burn usually holds this back past the midpoint."
                    ),
                    evidence=[t.evidence],
                    suggestion=(
                        "If this is a backstory or a false start, frame it as one; otherwise "
                        "consider holding it back and building the smaller moments first."
                    ),
                    data={"kind": t.kind, "percent": round(100 * t.position, 1)},
                )
            )
    return out
