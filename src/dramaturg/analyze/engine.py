"""Story engine: what each scene wants, chooses and carries forward, as a scene link graph.

"Instead of events occurring because the author needs them to, a strong engine is driven by
characters who want something, make choices, and trigger consequences that force the story
to continue." Per scene this module lists

* **wants**: goal statements (``I want``, ``I have to``, ``determined to`` ...),
* **choices**: decisions on the page (``decided``, ``refused``, ``I'll`` ...),
* **consequences**: links to later scenes that carry something forward: people, objects,
  places and topics the two scenes share (tf-idf weighted, so the heroine who is in every
  scene links nothing), or explicit causal language (``because of``, ``ever since``).

Links are found through an inverted index of each scene's salient terms, looking ahead a
window of scenes (and further for rare terms, a callback), never over all pairs.
Findings: ``ENG-DISCONNECTED`` (a scene tied to nothing before or after) and
``ENG-EPISODIC`` (three or more scenes in a row tied only to each other, by the engine's own
links, in a story that has told scenes outside them).

The cues live in ``text/<lang>/engine.toml``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from dramaturg.analyze.findings import Evidence, Finding, Severity, scene_label
from dramaturg.analyze.scored import ScoredStory, Sentence, score_story
from dramaturg.story import BlockKind, Story
from dramaturg.text.languages import get_language
from dramaturg.text.terms import TOKEN

SALIENT_PER_SCENE = 15
QUOTE_CHARS = 240  # evidence quotes are cut near this length (findings.evidence_for)
MIN_SCENE_WORDS = 25
LONG_SCENE_WORDS = 800
SHORT_STORY_SCENES = 12
TOPIC_MIN_LETTERS = 5  # a bare content word shorter than this is rarely a topic
# how much a shared term of each kind says: the same people say most, a bare word least
KIND_WEIGHT = {"name": 3.0, "thing": 1.0, "place": 2.0, "topic": 0.3}
VECTOR_TERMS = 60  # terms per scene in the similarity vector
SHOWN_TERMS = 6
LINK_SHARE = 0.3  # share of the story's typical nearest-neighbour similarity a link needs
MIN_SIMILARITY = 0.03  # shorter scenes (a shot, an insert) are not judged on their links


@dataclass(slots=True)
class Cue:
    """A want, choice or causal statement found in a scene."""

    kind: str  # "want" | "choice" | "causal"
    cue: str  # the words that matched
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {"cue": self.cue, "line": self.evidence.line, "quote": self.evidence.quote}


@dataclass(slots=True)
class Link:
    """A later scene carrying something of an earlier one forward."""

    source: int
    target: int
    terms: list[str]
    reasons: list[str]  # "person", "thing", "place", "causal", "callback"
    score: float
    evidence: Evidence | None  # where the later scene picks the thread up

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "terms": self.terms,
            "reasons": self.reasons,
            "score": round(self.score, 3),
            "line": self.evidence.line if self.evidence else None,
            "quote": self.evidence.quote if self.evidence else "",
        }


@dataclass(slots=True)
class SceneEngine:
    """The engine parts of one scene."""

    scene: int
    part: int | None
    words: int
    wants: list[Cue] = field(default_factory=list)
    choices: list[Cue] = field(default_factory=list)
    causal: list[Cue] = field(default_factory=list)
    salient: list[str] = field(default_factory=list)
    consequences: list[Link] = field(default_factory=list)  # links to later scenes
    carried_from: list[int] = field(default_factory=list)  # earlier scenes linking here

    def to_dict(self) -> dict[str, Any]:
        return {
            "scene": self.scene,
            "part": self.part,
            "words": self.words,
            "wants": [c.to_dict() for c in self.wants],
            "choices": [c.to_dict() for c in self.choices],
            "causal": [c.to_dict() for c in self.causal],
            "salient_terms": self.salient,
            "consequences": [ln.to_dict() for ln in self.consequences],
            "carried_from": self.carried_from,
        }


@dataclass(slots=True)
class Engine:
    """The scene link graph with the engine findings."""

    scenes: list[SceneEngine]
    links: list[Link]
    findings: list[Finding] = field(default_factory=list)
    window: int = 0
    threshold: float = 0.0  # the cosine similarity a link needed in this story

    def to_dict(self) -> dict[str, Any]:
        return {
            "window": self.window,
            "link_threshold": round(self.threshold, 4),
            "scenes": [s.to_dict() for s in self.scenes],
            "links": [ln.to_dict() for ln in self.links],
        }

    def degree(self, scene: int) -> tuple[int, int]:
        """(links back, links forward) of a scene."""
        s = self.scenes[scene]
        return len(s.carried_from), len(s.consequences)


@dataclass(slots=True)
class _Occurrence:
    sentence: Sentence
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.sentence.block.text[self.start : self.end]


_OPENERS = "\"“‘'([—:"
_ADJECTIVE_ENDINGS = ("ly", "ous", "ful", "less", "est", "ing", "ed")


# a run of non-word characters ends in a word, or (an empty word, skipped) at "_" or the end:
# the run is read once, not again from each of its positions
_GAP_TOKEN = re.compile(r"(\W*+)([^\W_]+(?:['’\-][^\W_]+)*|(?=_)|\Z)")
_LOWER, _PLAIN, _NAME, _OTHER = 0, 1, 2, 3
_CONTRACTION = re.compile(r"'[a-z]")
# after a name or a subject pronoun a bare word is most likely a verb ("Nak smiles")
_SUBJECTS = frozenset({"he", "she", "they", "it", "i", "we", "you", "who"})


def _classify(tok: str, stop: frozenset[str], determiners: frozenset[str]) -> tuple[str, int, bool]:
    """(lower-case form, word class, is a determiner) of a token, as the link terms see it."""
    low = tok.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if tok[0].islower():
        plain = (
            len(low) > 2
            and low.isalpha()
            and low not in stop
            and not low.endswith(_ADJECTIVE_ENDINGS)
        )
        kind = _PLAIN if plain else _LOWER
    elif (
        len(low) > 1
        and low not in stop
        and not tok[0].isdigit()
        and not _CONTRACTION.search(low)  # I'm, I'll, Don't: not names (O'Brien is)
    ):
        kind = _NAME
    else:
        kind = _OTHER
    return low, kind, low in determiners


def _add(c: Counter[str], first: dict[str, _Occurrence], key: str, occ: _Occurrence) -> None:
    c[key] += 1
    if key not in first:
        first[key] = occ


def _cues(table: ScoredStory, idx: int, kind: str, label: str) -> list[Cue]:
    out = []
    for s in table.scene_sentences(idx):
        spans = s.cues.get(kind)
        if spans:
            a, b = spans[0]
            out.append(Cue(label, s.block.text[a:b], table.evidence(s, cue_start(s, a), s.end)))
    return out


def cue_start(s: Sentence, at: int, room: int = 160) -> int:
    """Where to start quoting a long sentence so that the cue at ``at`` is in the quote.

    A sentence that fits in a quote is quoted whole; a longer one from the last clause
    break (``,;:`` or a dash) before the cue, or from a word just before it.
    """
    if s.end - s.start <= QUOTE_CHARS or at - s.start < room:
        return s.start
    text = s.block.text
    lo = max(s.start, at - room)
    cut = max(text.rfind(ch, lo, at) for ch in ",;:—")
    if cut >= lo:
        start = cut + 1
    else:
        space = text.rfind(" ", lo, at)
        start = space + 1 if space >= lo else at
    while start < at and text[start].isspace():
        start += 1
    return start


def _scene_terms(
    table: ScoredStory, stop: frozenset[str], determiners: frozenset[str]
) -> tuple[list[Counter[str]], list[dict[str, _Occurrence]]]:
    """Per scene: counts of name/thing/place terms and where each first occurs."""
    if get_language(table.story.language).tagged:  # names and things are the tagger's nouns
        return _scene_terms_ko(table, stop)
    counts: list[Counter[str]] = []
    firsts: list[dict[str, _Occurrence]] = []
    mid_caps: set[str] = set()
    lower_seen: dict[str, int] = {}
    initial_caps: list[list[tuple[str, _Occurrence]]] = []
    memo: dict[str, tuple[str, int, bool]] = {}
    openers = frozenset(_OPENERS)
    for idx, scene in enumerate(table.scenes):
        c: Counter[str] = Counter()
        first: dict[str, _Occurrence] = {}
        initials: list[tuple[str, _Occurrence]] = []
        for s in table.scene_sentences(idx):
            if s.block.kind is BlockKind.TRANSITION:
                continue
            text = s.block.text
            initial = True
            pending: _Occurrence | None = None  # a noun-ish word after a determiner
            after_det = False
            after_subject = False
            for m in _GAP_TOKEN.finditer(text, s.start, s.end):
                gap, tok = m.group(1, 2)
                if not tok:
                    continue
                info = memo.get(tok)
                if info is None:
                    info = memo[tok] = _classify(tok, stop, determiners)
                low, kind, is_det = info
                # joined: no punctuation between this word and the last
                joined = not gap or gap == " " or gap.isspace()
                if not joined and not openers.isdisjoint(gap):
                    initial = True  # the first word of quoted speech is capitalised anyway
                plain = joined and kind == _PLAIN
                if pending is not None and not plain:
                    _add(c, first, "thing:" + pending.text.lower(), pending)
                    pending = None
                if plain and (after_det or pending is not None):
                    # the last plain word of "the old grey letter" is the noun
                    pending = _Occurrence(s, m.start(2), m.end(2))
                elif kind <= _PLAIN:
                    lower_seen[low] = lower_seen.get(low, 0) + 1
                    if (
                        kind == _PLAIN
                        and len(low) >= TOPIC_MIN_LETTERS
                        and not (after_subject and joined)
                    ):
                        _add(c, first, "topic:" + low, _Occurrence(s, m.start(2), m.end(2)))
                elif kind == _NAME:
                    occ = _Occurrence(s, m.start(2), m.start(2) + len(low))
                    if initial:
                        initials.append((low, occ))
                    else:
                        mid_caps.add(low)
                        _add(c, first, "name:" + low, occ)
                after_det = is_det
                after_subject = kind == _NAME or low in _SUBJECTS
                initial = False
            if pending is not None:
                _add(c, first, "thing:" + pending.text.lower(), pending)
        if scene.location:
            key = "place:" + scene.location.strip().lower()
            c[key] += 1
        counts.append(c)
        firsts.append(first)
        initial_caps.append(initials)
    # a capitalised word at a sentence start is a name only if it is one elsewhere
    for c, first, initials in zip(counts, firsts, initial_caps, strict=True):
        for low, occ in initials:
            if low in mid_caps:
                _add(c, first, "name:" + low, occ)
    # a word written in lower case more often than capitalised is not a name
    for c in counts:
        for key in [k for k in c if k.startswith("name:")]:
            low = key[5:]
            if lower_seen.get(low, 0) >= c[key]:
                del c[key]
    return counts, firsts


def _scene_terms_ko(
    table: ScoredStory, stop: frozenset[str]
) -> tuple[list[Counter[str]], list[dict[str, _Occurrence]]]:
    """Korean link terms: Kiwi's nouns (an eojeol carries its particles, so words won't do).

    A proper noun (``NNP``) is a name, a common noun (``NNG``) a thing; nouns of one syllable
    (것, 때, 눈, and Kiwi's stray 도 of 도현) and the topic stopwords link nothing.
    """
    tokens = get_language(table.story.language).tokens
    told = [s for s in table.sentences if s.block.kind is not BlockKind.TRANSITION]
    morphs = dict(
        zip(
            (texts := list(dict.fromkeys(s.block.text for s in told))),
            tokens(texts),
            strict=True,
        )
    )
    # each block's token starts, to take a sentence's tokens without walking the whole block
    starts = {t: [tok[2] for tok in toks] for t, toks in morphs.items()}
    counts: list[Counter[str]] = []
    firsts: list[dict[str, _Occurrence]] = []
    for idx, scene in enumerate(table.scenes):
        c: Counter[str] = Counter()
        first: dict[str, _Occurrence] = {}
        for s in table.scene_sentences(idx):
            if s.block.kind is BlockKind.TRANSITION:
                continue
            toks = morphs.get(s.block.text, ())
            at = starts.get(s.block.text, [])
            lo, hi = bisect_left(at, s.start), bisect_right(at, s.end)
            for form, tag, a, b in toks[lo:hi]:
                if a < s.start or b > s.end or tag not in ("NNP", "NNG"):
                    continue
                if len(form) < 2 or form in stop:
                    continue
                kind = "name:" if tag == "NNP" else "thing:"
                _add(c, first, kind + form, _Occurrence(s, a, b))
        if scene.location:
            c["place:" + scene.location.strip().lower()] += 1
        counts.append(c)
        firsts.append(first)
    return counts, firsts


def link_window(n: int) -> int:
    """How many scenes ahead a scene may be linked on ordinary shared terms."""
    return max(3, min(10, n // 6))


def analyze_engine(
    story: Story,
    scored: ScoredStory | None = None,
    *,
    on_page: Mapping[int, Set[str]] | None = None,
) -> Engine:
    """Wants, choices and consequences per scene, the link graph, and its findings.

    ``on_page`` (scene index -> characters on the page): a scene that shares someone with
    the scene before or after it is not disconnected, however common the name.
    """
    table = scored or score_story(story)
    lex = get_language(story.language).lexicon("engine")
    stop = frozenset(w.lower() for w in lex["topics"]["stopwords"])
    determiners = frozenset(w.lower() for w in lex["topics"]["determiners"])
    n = len(table.scenes)
    scenes = [
        SceneEngine(
            scene=i,
            part=table.part_of_scene[i].number,
            words=table.scene_words[i],
            wants=_cues(table, i, "wants", "want"),
            choices=_cues(table, i, "choices", "choice"),
            causal=_cues(table, i, "causal", "causal"),
        )
        for i in range(n)
    ]
    counts, firsts = _scene_terms(table, stop, determiners)
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    # in a long story a name or thing in most scenes links nothing; in a short one the same
    # people carrying on is the thread
    max_df = n if n < SHORT_STORY_SCENES else int(n * 0.8)
    vectors: list[dict[str, float]] = []
    postings: dict[str, list[int]] = {}
    for i, c in enumerate(counts):
        # in a long scene a topic is something mentioned more than once
        min_tf = 2 if table.scene_words[i] >= LONG_SCENE_WORDS else 1
        weighted = {
            t: KIND_WEIGHT.get(t[: t.index(":")], 1.0)
            * (1.0 + math.log(tf))
            * math.log((n + 1) / df[t])
            for t, tf in c.items()
            if 2 <= df[t] <= max_df and (tf >= min_tf or t.startswith("place:"))
        }
        top = sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({t: w / norm for t, w in top})
        scenes[i].salient = [t.split(":", 1)[1] for t, _ in top[:SALIENT_PER_SCENE]]
        for t, _ in top:
            postings.setdefault(t, []).append(i)
    window = link_window(n)
    candidates: list[tuple[int, int, float]] = []
    best = [0.0] * n
    for i in range(n):
        near: set[int] = set()
        for t in vectors[i]:
            posting = postings[t]
            # every scene within the window, and the next one beyond it (the thread resumed)
            for j in posting[bisect_right(posting, i) :]:
                near.add(j)
                if j - i > window:
                    break
        if i + 1 < n and is_shot(table, i + 1):
            near.add(i + 1)
        for j in sorted(near):
            sim = _cosine(vectors[i], vectors[j])
            candidates.append((i, j, sim))
            if j - i <= window:
                best[i] = max(best[i], sim)
                best[j] = max(best[j], sim)
    judged = sorted(b for b, w in zip(best, table.scene_words, strict=True) if w >= MIN_SCENE_WORDS)
    typical = judged[len(judged) // 2] if judged else 0.0
    # a link must share a good part of what this story's scenes typically share with their
    # nearest neighbour: Austen's chapters share more than a thriller's set pieces
    threshold = max(MIN_SIMILARITY, LINK_SHARE * typical)
    causal_terms = [_causal_terms(table, i, counts[i]) for i in range(n)]
    links: list[Link] = []
    for i, j, sim in candidates:
        link = _judge(i, j, sim, threshold, vectors, window, causal_terms[j], table, firsts)
        if link is None and j == i + 1 and is_shot(table, j):
            link = Link(i, j, [], ["continuous"], sim, table.scene_evidence(j))
        if link is not None:
            links.append(link)
            scenes[i].consequences.append(link)
            scenes[j].carried_from.append(i)
    engine = Engine(scenes, links, window=window, threshold=threshold)
    engine.findings = _findings(engine, table, on_page or {})
    return engine


def is_shot(table: ScoredStory, index: int) -> bool:
    """A script heading without INT./EXT. after a scene (``.AT THE DOOR``): a shot within it."""
    scene = table.scenes[index]
    return (
        table.story.form == "screenplay"
        and index > 0
        and scene.heading is not None
        and scene.int_ext is None
        and table.part_of_scene[index] is table.part_of_scene[index - 1]
    )


def _causal_terms(table: ScoredStory, idx: int, counts: Counter[str]) -> dict[str, Sentence]:
    """Terms of a scene that stand in a sentence with causal language, with that sentence."""
    out: dict[str, Sentence] = {}
    lang = get_language(table.story.language)
    if lang.tagged:
        for s in table.scene_sentences(idx):
            if "causal" in s.cues:
                for form, _tag, _a, _b in lang.nouns(s.block.text, s.start, s.end):
                    for key in ("name:" + form, "thing:" + form):
                        if key in counts:
                            out.setdefault(key, s)
        return out
    for s in table.scene_sentences(idx):
        if "causal" not in s.cues:
            continue
        for m in TOKEN.finditer(s.block.text, s.start, s.end):
            low = m.group().lower()
            for key in ("name:" + low, "thing:" + low):
                if key in counts:
                    out.setdefault(key, s)
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _judge(
    i: int,
    j: int,
    sim: float,
    threshold: float,
    vectors: list[dict[str, float]],
    window: int,
    causal: dict[str, Sentence],
    table: ScoredStory,
    firsts: list[dict[str, _Occurrence]],
) -> Link | None:
    """Decide whether scene j carries scene i forward, and why."""
    vi, vj = vectors[i], vectors[j]
    shared = sorted((t for t in vi if t in vj), key=lambda t: (-(vi[t] * vj[t]), t))
    by_cause = [t for t in shared if t in causal]
    # a cause named in the later scene vouches for a thinner thread, near at hand
    needed = threshold / 2 if by_cause and j - i <= window else threshold
    if not shared or sim < needed:
        return None
    contributions = [(t, vi[t] * vj[t]) for t in shared]
    main = [t for t, c in contributions if c >= 0.1 * sim][:SHOWN_TERMS]
    reasons = {t.split(":", 1)[0] for t in main}
    if by_cause:
        reasons.add("causal")
    if j - i > window:
        reasons.add("callback")
    evidence = None
    if by_cause:
        evidence = table.evidence(causal[by_cause[0]])
    else:
        for t in main:
            occ = firsts[j].get(t)
            if occ is not None:
                evidence = table.evidence(occ.sentence)
                break
        if evidence is None:
            evidence = table.scene_evidence(j)
    return Link(
        source=i,
        target=j,
        terms=[t.split(":", 1)[1] for t in main],
        reasons=sorted(reasons),
        score=sim,
        evidence=evidence,
    )


def _findings(engine: Engine, table: ScoredStory, on_page: Mapping[int, Set[str]]) -> list[Finding]:
    n = len(engine.scenes)

    def shares_people(i: int) -> bool:
        here = on_page.get(i, set())
        return any(here & on_page.get(j, set()) for j in (i - 1, i + 1))

    # the lines before a screenplay's first heading (a title page, a note, FADE IN) are no scene
    front = int(n > 0 and table.scenes[0].heading is None and any(x.heading for x in table.scenes))
    # the scenes whose links are judged: a shot, a tag or a title card (under MIN_SCENE_WORDS)
    # carries too few words to link, so it is no part of the story a stretch stands apart from
    told = [i for i in range(front, n) if table.scene_words[i] >= MIN_SCENE_WORDS]
    if len(told) < 4:
        return []
    lo = [min([i, *engine.scenes[i].carried_from]) for i in range(n)]
    hi = [max([i, *(ln.target for ln in engine.scenes[i].consequences)]) for i in range(n)]
    findings: list[Finding] = []
    in_stretch: set[int] = set()
    longest = max(3, n // 3)
    a = front
    while a < n:
        found = None
        top = a
        for b in range(a, min(n, a + longest)):
            if lo[b] < a:
                break
            top = max(top, hi[b])
            # a stretch that is the whole told story is the story, not a detour from it
            if b - a + 1 >= 3 and top <= b and (a > told[0] or b < told[-1]):
                found = b
                break
        if found is None:
            a += 1
            continue
        members = list(range(a, found + 1))
        judged = [i for i in members if table.scene_words[i] >= MIN_SCENE_WORDS]
        if len(judged) >= 3:
            in_stretch.update(members)
            findings.append(_stretch_finding(members, table, engine))
        a = found + 1
    for i, s in enumerate(engine.scenes):
        if i in in_stretch or s.words < MIN_SCENE_WORDS:
            continue
        if i < front:
            continue
        if not s.carried_from and not s.consequences and not shares_people(i):
            ev = table.scene_evidence(i)
            findings.append(
                Finding(
                    code="ENG-DISCONNECTED",
                    severity=Severity.WARNING,
                    message=(
                        f"Scene {_scene_label(table, i)} shares no person, object, place or "
                        "cause with the scenes around it: nothing leads into it and nothing "
                        "it does is picked up later."
                    ),
                    evidence=[ev] if ev else [],
                    suggestion=(
                        "Tie it in: let a want or a choice made here change a later scene, or "
                        "open it on a consequence of what came before; otherwise cut or merge it."
                    ),
                    data={"scene": i},
                )
            )
    return findings


def _scene_label(table: ScoredStory, i: int) -> str:
    return scene_label(table.scenes[i], table.part_of_scene[i])


def _stretch_finding(members: list[int], table: ScoredStory, engine: Engine) -> Finding:
    evidence = [e for e in (table.scene_evidence(i) for i in members) if e is not None]
    first, last = members[0], members[-1]
    inner = [ln for i in members for ln in engine.scenes[i].consequences if ln.target <= last]
    ties = f", only to each other ({len(inner)} link(s) among them)" if inner else ""
    return Finding(
        code="ENG-EPISODIC",
        severity=Severity.WARNING,
        message=(
            f"Scenes {_scene_label(table, first)} to {_scene_label(table, last)} "
            f"({len(members)} scenes) neither draw on anything before them nor leave anything "
            f"that later scenes pick up: an episodic stretch, tied{ties or ' to nothing'}."
        ),
        evidence=evidence,
        suggestion=(
            "Let this stretch grow out of an earlier want or choice, or make it plant something "
            "(a person, an object, a decision) that pays off later."
        ),
        data={
            "scenes": members,
            "links": [[ln.source, ln.target, round(ln.score, 3)] for ln in inner],
        },
    )


@dataclass(slots=True)
class StoryEngineReport:
    """Everything issue 4 says about a story: arc, engine, momentum, hooks, structure, lens."""

    arc: Any  # analyze.arc.Arc
    engine: Engine
    momentum: Any  # analyze.momentum.Momentum
    hooks: Any  # analyze.hooks.Hooks
    structure: Any  # analyze.structure.Structure
    lens: Any  # analyze.lens.Lens
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form (see docs/analysis.md, "Story engine and momentum")."""
        return {
            "arc": self.arc.to_dict(),
            "engine": self.engine.to_dict(),
            "momentum": self.momentum.to_dict(),
            "hooks": self.hooks.to_dict(),
            "structure": self.structure.to_dict(),
            "lens": self.lens.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
        }


def analyze_story_engine(
    story: Story,
    thresholds: Any = None,
    *,
    on_page: Mapping[int, Set[str]] | None = None,
    couple: Sequence[str] | None = None,
    rivals: Mapping[int, str] | None = None,
) -> StoryEngineReport:
    """Arc, momentum, engine, hooks, structure and lens in one pass over the sentences.

    ``thresholds`` are the romance analysis's threshold records, ``(kind, scene_index)``
    pairs (or dicts/objects with ``kind``, ``scene`` and ``line``); without them momentum
    judges only the arc's peaks and valleys and the lens has no slow-burn index.
    ``on_page`` (scene index -> characters on the page) and ``couple`` come from the cast:
    momentum reads newcomers and partings from them, and a scene that shares a character
    with the scene before or after it is never "disconnected". ``rivals`` (scene index -> what
    happens) are thresholds one of the couple crosses with someone else: a complication.
    """
    from dramaturg.analyze.arc import analyze_arc
    from dramaturg.analyze.hooks import analyze_hooks
    from dramaturg.analyze.lens import analyze_lens
    from dramaturg.analyze.momentum import analyze_momentum
    from dramaturg.analyze.structure import analyze_structure

    table = score_story(story)
    arc = analyze_arc(story, table)
    engine = analyze_engine(story, table, on_page=on_page)
    momentum = analyze_momentum(
        story, thresholds, scored=table, arc=arc, on_page=on_page, couple=couple, rivals=rivals
    )
    hooks = analyze_hooks(story, thresholds, scored=table, arc=arc)
    structure = analyze_structure(story, table)
    lens = analyze_lens(story, thresholds, scored=table)
    findings = [
        *momentum.findings,
        *engine.findings,
        *hooks.findings,
        *structure.findings,
    ]
    findings.sort(key=lambda f: (f.where.scene or 0, f.where.line) if f.where else (1 << 30, 0))
    return StoryEngineReport(arc, engine, momentum, hooks, structure, lens, findings)
