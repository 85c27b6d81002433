"""The couple's thresholds in prose, from the events between the two of them.

:mod:`dramaturg.analyze.events` finds every threshold phrase with its parties; here the
couple's own are chosen and given their room:

* a **first meeting** is the first time the two share a page and deal with each other (one
  speaks to the other, a meeting word, or both in one sentence);
* the **first touch** is the earliest contact of any kind between them;
* every other kind is reported where it first happens, and again only when it happens anew
  in another stretch of the story (a second proposal after a refusal, a later
  reconciliation), never twice for one scene;
* the **moment's room** is the passage it occupies: the run of paragraphs around it, in its
  scene, where the two of them stay on the page, from the build-up to where the narrative
  moves on, measured in words, sentences and paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dramaturg.analyze.cast_model import Cast
from dramaturg.analyze.events import LATER_KINDS, Event, between, find_events
from dramaturg.story import BlockKind
from dramaturg.text.lexicon import compile_terms, fold, load_lexicon
from dramaturg.text.sentences import sentence_at

__all__ = ["Crossing", "choose", "encounter", "encounters"]

# how sure each form of evidence is that the threshold happened between the two
_FORM = {"said": 0.9, "answer": 0.85, "act": 0.85, "own": 0.8, "pair": 0.75, "noun": 0.65}
_PHYSICAL = ("touch", "hand_hold", "embrace", "kiss")
_FLOOR = 0.55  # the least sure event that is reported
_REPEAT_GAP = 0.1  # a kind again: this share of the story after the last one of it
_REPEAT_CONF = 0.75  # ... and this sure
# kinds the story may cross more than once, each time it happens anew
_REPEATS = {
    "confession": 2,
    "proposal": 2,
    "rejection": 2,
    "breakup": 2,
    "reconciliation": 2,
    "acceptance": 2,
    "hand_hold": 2,
    "kiss": 1,
    "embrace": 1,
}


@dataclass(frozen=True, slots=True)
class Crossing:
    """A chosen threshold: its kind, the event that shows it, and how sure it is."""

    kind: str
    event: Event
    confidence: float


def _confidence(e: Event, cast: Cast, couple: tuple[str, str]) -> float:
    conf = _FORM.get(e.form, 0.6)
    if e.form not in ("pair", "own"):
        # a party from the page, not from the words: less sure for each one missing
        conf -= 0.15 * (2 - len(e.parties()))
    if e.quoted and e.form in ("act", "noun"):
        conf -= 0.15  # told in speech: news, often of the past or of others
    return conf


def choose(cast: Cast, couple: tuple[str, str], language: str = "en") -> list[Crossing]:
    """The couple's thresholds, in story order."""
    events = [
        e
        for e in between(find_events(cast, language), cast, couple)
        if e.factual
        and not _told_by_another(cast, e, couple)
        and not _a_state(cast, e)
        and not _quoted_within(cast, e)
    ]
    refs = cast.refs
    total = max(1, len(refs))
    out: list[Crossing] = []
    meeting = _first_meeting(cast, couple, events)
    stranger = _stranger_meeting(cast, couple, language)
    if stranger is not None and (meeting is None or stranger.event.g < meeting.event.g):
        meeting = stranger
    if meeting is not None:
        out.append(meeting)
    # words remembered are less sure than words said now: they stand when nothing else does
    scored = [(e, _confidence(e, cast, couple) - 0.2 * _recalled(cast, e)) for e in events]
    # a reconciliation mends something: a refusal, a parting or a quarrel of the two before it
    ruptures = sorted(
        [e.g for e, c in scored if e.kind in ("rejection", "breakup") and c >= _FLOOR]
        + _quarrels(cast, couple, language)
    )
    physical = [(e, c) for e, c in scored if e.kind in _PHYSICAL and c >= _FLOOR]
    if physical:
        e, c = min(physical, key=lambda ec: (ec[0].g, ec[0].start))
        out.append(Crossing("first_touch", e, c))
    for kind in LATER_KINDS:
        pool = sorted(
            ((e, c) for e, c in scored if e.kind == kind and c >= _FLOOR), key=lambda ec: ec[0].g
        )
        kept: list[tuple[Event, float]] = []
        if kind == "reconciliation":
            pool = [(e, c) for e, c in pool if _after_rupture(e, ruptures, total)]
        if pool:
            # the first time it happens: the earliest one nearly as sure as the surest
            top = max(c for _, c in pool)
            first = next(i for i, (_, c) in enumerate(pool) if c >= top - 0.1)
            pool = pool[first:]
        for e, c in pool:
            if not kept:
                kept.append((e, c))
                continue
            if len(kept) > _REPEATS.get(kind, 0):
                break
            if _pluperfect(cast, e):
                continue  # "when he had put his arm about her": the last one, remembered
            # again only in another stretch of the story, away from the last one
            if e.g - kept[-1][0].g >= _REPEAT_GAP * total and c >= _REPEAT_CONF:
                kept.append((e, c))
        out.extend(Crossing(kind, e, c) for e, c in kept)
    out.extend(_made_up(out, scored, ruptures, total, encounters(cast, couple)))
    out.sort(key=lambda x: (x.event.g, x.event.start))
    return out


def _told_by_another(cast: Cast, e: Event, couple: tuple[str, str]) -> bool:
    """An act told inside someone else's speech ("and yet you loved him!", says her sister):
    news of the two, not the moment itself."""
    if not e.quoted or e.form not in ("act", "noun"):
        return False
    for a, b, speaker, _listener in cast.quotes[e.g]:
        if a <= e.start < b:
            return speaker is not None and speaker not in couple
    return False


_INNER_DOUBLE = re.compile(r"[“\"]")
_INNER_SINGLE = re.compile(r"(?:^|(?<=[\s:(—–-]))[‘']\w")  # an opening single mark
_INNER_CLOSE = re.compile(r"(?<=[\w.,!?;])[’'](?=[\s.,;:!?”\"—–-]|$)")


def _quoted_within(cast: Cast, e: Event) -> bool:
    """Words quoted inside a speech ("It was this: 'I cannot marry a mere boy.'"): the speaker
    tells what was said, at another time or by another; they are not said now."""
    if e.form not in ("said", "answer") or not e.quoted:
        return False
    text = cast.refs[e.g].block.text
    for a, b, _sp, _li in cast.quotes[e.g]:
        if a <= e.start < b:
            outer = text[a - 1] if a else '"'
            inside = text[a : e.start + 1]  # with the phrase's first letter, after its mark
            if outer in "‘'":
                return len(_INNER_DOUBLE.findall(inside)) % 2 == 1
            opened = len(_INNER_SINGLE.findall(inside))
            return opened > len(_INNER_CLOSE.findall(inside))
    return False


_STATE = re.compile(r"(?:loved|(?:was|were|had been|is|fell) .*in love with)\b", re.I)


def _a_state(cast: Cast, e: Event) -> bool:
    """A feeling the narrator tells ("she knew now that she loved Barney") is a state of the
    heart, not a declaration made to the other."""
    if e.kind != "confession" or e.form != "act" or e.quoted:
        return False
    return bool(_STATE.match(cast.refs[e.g].block.text, e.start, e.end))


_HAD_SAID = re.compile(
    r"\bhad\s+(?:\w+\s+)?(?:said|told|whispered|cried|written|asked|murmured)\b[^.!?]{0,12}$", re.I
)
_SAID_HAD = re.compile(
    r"^[\s,;:”\"’'—-]*(?:\w+\s+){1,2}had\s+(?:\w+\s+)?(?:said|told|whispered|cried|asked)\b",
    re.I,
)


_HAD_DONE = re.compile(
    r"\bhad\s+(?:(?:not\s+)?(?:once|first|ever|never|just|already|\w+ly)\s+)?$", re.I
)


def _pluperfect(cast: Cast, e: Event) -> bool:
    """An act the narration tells in the past perfect ("when he had put his arm about her"):
    told again from a later moment, not done anew."""
    if e.quoted:
        return False
    text = cast.refs[e.g].block.text
    return bool(_HAD_DONE.search(text, max(0, e.start - 24), e.start))


def _recalled(cast: Cast, e: Event) -> bool:
    """Words remembered, not spoken now: a quote the narration gives in the past perfect
    ("Barney had said, 'I love you,' to her"; "'...,' he had whispered")."""
    if e.form != "said" or not e.quoted:
        return False
    text = cast.refs[e.g].block.text
    for a, b, _sp, _li in cast.quotes[e.g]:
        if a <= e.start < b:
            return bool(_HAD_SAID.search(text, max(0, a - 40), a + 1)) or bool(
                _SAID_HAD.match(text, b)
            )
    return False


def _made_up(
    chosen: list[Crossing],
    scored: list[tuple[Event, float]],
    ruptures: list[int],
    total: int,
    runs: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> list[Crossing]:
    """A rupture mended by a gesture: when the story names no reconciliation after the
    couple's last rupture (an earlier quarrel made up in words does not mend a later one), the first touch, hand or embrace between them after it (within
    ``_MEND_GAP`` of the story, or ``_MEND_BLOCKS`` blocks) is one ("He took her hand" after the quarrel)."""
    if not ruptures:
        return []
    last = ruptures[-1]
    if any(c.kind == "reconciliation" and c.event.g > last for c in chosen):
        return []  # the last rupture is mended in words
    reach = max(_MEND_GAP * total, _MEND_BLOCKS)
    # ... or in the first passage the two share after the one of the rupture, however long
    # the parting lasted (they meet again, and her hand is in his)
    nxt = next(((lo, hi) for lo, hi in runs if lo > last and not lo <= last <= hi), None)
    gestures = sorted(
        (
            (e, c)
            for e, c in scored
            if e.kind in _PHYSICAL
            and c >= _REPEAT_CONF
            and last < e.g
            and (e.g <= last + reach or (nxt is not None and nxt[0] <= e.g <= nxt[1]))
        ),
        key=lambda ec: ec[0].g,
    )
    if not gestures:
        return []
    e, c = gestures[0]
    return [Crossing("reconciliation", e, c - 0.1)]


# a gesture mends a rupture when it comes within this share of the story after it
_MEND_GAP = 0.05
_MEND_BLOCKS = 6  # ... or this many blocks, in a short draft


def _after_rupture(e: Event, ruptures: list[int], total: int) -> bool:
    """Is there a rupture of the couple (a refusal, a parting, a quarrel) before ``e``? An
    estrangement may last the whole book."""
    return any(g <= e.g for g in ruptures)


def _quarrels(cast: Cast, couple: tuple[str, str], language: str) -> list[int]:
    """Blocks where the two are on the page and the words are of a quarrel."""
    pattern = _conflict(language)
    out = []
    for g, r in enumerate(cast.refs):
        if not pattern.search(fold(r.block.text)):
            continue
        here = cast.present[g] | {x.who for x in cast.mentions[g] if x.who}
        if set(couple) <= here:
            out.append(g)
    return out


@lru_cache(maxsize=4)
def _conflict(language: str) -> re.Pattern[str]:
    th = load_lexicon("thresholds", language)
    return compile_terms(th.get("conflict", {}).get("strong", []), language)


def _first_meeting(cast: Cast, couple: tuple[str, str], events: list[Event]) -> Crossing | None:
    """The first time the two deal with each other on the page.

    Every passage the two share is weighed by what happens between them in it: a meeting
    phrase (they are introduced, bow, shake hands) 3, one speaking to the other 2 (each way),
    any other threshold event between them 2, the two in one sentence 1. A mention of one
    while the other is on the page is no meeting; the first passage worth 3 or more is.
    """
    a, b = couple
    pair = {a, b}
    by_block: dict[int, list[Event]] = {}
    for e in events:
        by_block.setdefault(e.g, []).append(e)
    weak: Crossing | None = None  # the first passage where they merely stand together
    for lo, hi in encounters(cast, couple):
        score = 0.0
        where: tuple[int, int, int] | None = None  # (block, start, end) of the first sign
        meet: tuple[int, int, int] | None = None  # ... of the first meeting phrase
        spoke: set[str | None] = set()  # who has spoken to the other in the passage
        for g in range(lo, hi + 1):
            for e in by_block.get(g, []):
                if e.kind != "first_meeting" and e.parties() != pair:
                    continue  # a threshold word near one of them is no dealing with each other
                score += 3 if e.kind == "first_meeting" else 2
                if e.kind == "first_meeting" and meet is None:
                    meet = (g, *e.sentence)  # the meeting itself is the evidence
                where = where or (g, *e.sentence)
            for qs, qe, speaker, listener in cast.quotes[g]:
                if {speaker, listener} == pair and speaker not in spoke:
                    # each way once: one who only talks "to" the other may talk of them
                    spoke.add(speaker)
                    score += 2
                    where = where or (g, qs, qe)
            mentions = cast.mentions[g]
            for si in sorted({x.sentence for x in mentions}):
                # the two named together by the narrator: in someone's talk they are news
                whos = {x.who for x in mentions if x.sentence == si and x.who and not x.quoted}
                if pair <= whos:
                    score += 1
                    first = next(x for x in mentions if x.sentence == si and x.who in pair)
                    where = where or (g, first.start, first.end)
            if where is not None and (
                score >= 3 or (weak is None and _both_act(cast, pair, lo, hi))
            ):
                g0, s0, e0 = (meet or where) if score >= 3 else (lo, 0, 1)
                sentence = sentence_at(cast.refs[g0].block.text, s0)
                e = Event(
                    "first_meeting", g0, s0, e0, "page", None, None, False, False, False, sentence
                )
                found = Crossing("first_meeting", e, 0.9 if g0 in by_block else 0.7)
                if score >= 3:
                    return found
                weak = found
        # no passage of dealings before their first threshold: the first one they share
        if weak is not None and any(e.g <= hi and e.parties() == pair for e in events):
            return weak
    return weak


_STRANGER_REACH = 40  # blocks before the one who is named later first acts


@lru_cache(maxsize=4)
def _stranger_nouns(language: str) -> dict[str | None, re.Pattern[str]]:
    data = load_lexicon("events", language).get("first_meeting", {})
    out: dict[str | None, re.Pattern[str]] = {}
    for sex, key in (("f", "strangers_f"), ("m", "strangers_m")):
        words = data.get(key, []) + data.get("strangers", [])
        if words:
            alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            # "the girl", "a tall young man", not "the girls" or "the man's hat"
            out[sex] = re.compile(
                rf"\b(?:the|a|an)\s+(?:[a-z-]+,?\s+){{0,2}}?(?:{alt})\b(?![s'’-])", re.I
            )
    return out


def _first_acts(cast: Cast, who: str) -> int | None:
    """The first block where ``who`` speaks, is named in the narration or is its subject as a
    pronoun (not only talked of in someone's speech); for the narrator, the first block told
    as "I"."""
    for g, mentions in enumerate(cast.mentions):
        if any(sp == who for _a, _b, sp, _l in cast.quotes[g]):
            return g
        if any(x.who == who and not x.quoted and x.case in ("subj", "name") for x in mentions):
            return g
    return None


def _stranger_meeting(cast: Cast, couple: tuple[str, str], language: str) -> Crossing | None:
    """The two meet before one of them is named: "the figure of a girl" floats by the boat,
    "an overgrown lad came past her", and the chapter names him soon after. The meeting is
    the first block, in the chapter where the later one first acts and at most
    ``_STRANGER_REACH`` blocks before that, where the other is on the page and a person noun of
    the later one's sex stands in the narration, in a sentence with the other, and no one else
    of that sex is named or met as a pronoun there."""
    nouns = _stranger_nouns(language)
    if not nouns or not cast.mentions:
        return None
    firsts = {who: _first_acts(cast, who) for who in couple}
    if None in firsts.values():
        return None
    x, y = sorted(couple, key=lambda w: firsts[w])  # type: ignore[arg-type, return-value]
    gx, gy = firsts[x], firsts[y]
    sex = cast.members[y].gender if y in cast.members else None
    pattern = nouns.get(sex) if sex else None
    if pattern is None or gx is None or gy is None or gx >= gy:
        return None
    refs = cast.refs
    part = refs[gy].part
    for g in range(max(gx, gy - _STRANGER_REACH), gy):
        if refs[g].part is not part:
            continue
        mentions = cast.mentions[g]
        if not any(m.who == x for m in mentions):
            continue
        if any(
            m.who not in (None, x, y)
            and m.who in cast.members
            and cast.members[m.who].gender == sex
            for m in mentions
        ):
            continue  # "the man" may be the man named or met as "he" here
        text = refs[g].block.text
        quoted = [(a, b) for a, b, _s, _l in cast.quotes[g]]
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in quoted):
                continue
            sentence = sentence_at(text, m.start())
            if not any(sentence[0] <= k.start < sentence[1] and k.who == x for k in mentions):
                continue  # the other must be in it: "an overgrown lad came past her"
            e = Event(
                "first_meeting",
                g,
                m.start(),
                m.end(),
                "page",
                None,
                None,
                False,
                False,
                False,
                sentence,
            )
            return Crossing("first_meeting", e, 0.7)
    return None


def _both_act(cast: Cast, pair: set[str], lo: int, hi: int) -> bool:
    """Do both of them act in the passage (speak, or do something as a sentence's subject),
    rather than one being only talked of?"""
    acting: set[str] = set()
    for g in range(lo, hi + 1):
        acting |= {sp for _s, _e, sp, _l in cast.quotes[g] if sp}
        acting |= {
            x.who for x in cast.mentions[g] if x.who and x.case in ("subj", "name") and not x.quoted
        }
    return pair <= acting


def encounter(cast: Cast, couple: tuple[str, str], g: int, limit: int = 30) -> tuple[int, int]:
    """The passage around block ``g`` where the couple stays on the page, within its scene
    and ``limit`` blocks each way. Inside it may stand one paragraph without them, or a few
    short ones that name nobody at all (lines of talk, a verse quoted): the talk goes on."""
    refs = cast.refs
    scene = refs[g].scene

    def inside(i: int) -> bool:
        return 0 <= i < len(refs) and refs[i].scene is scene and abs(i - g) <= limit

    def here(i: int) -> set[str]:
        return set(cast.present[i]) | {x.who for x in cast.mentions[i] if x.who}

    def on(i: int) -> bool:
        if not inside(i) or refs[i].block.kind in (BlockKind.NOTE, BlockKind.SECTION):
            return False
        return bool(here(i) & set(couple))

    def blank(i: int) -> bool:
        return inside(i) and not here(i) and len(refs[i].block.text.split()) <= _BRIDGE_WORDS

    def step(i: int, d: int) -> int | None:
        """The next block of the passage from ``i`` going ``d``, bridging a gap."""
        if on(i + d):
            return i + d
        if on(i + 2 * d):
            return i + 2 * d
        j = i + d
        for _ in range(_BRIDGE):
            if not blank(j):
                return None
            j += d
            if on(j):
                return j
        return None

    lo = hi = g
    while (n := step(lo, -1)) is not None:
        lo = n
    while (n := step(hi, 1)) is not None:
        hi = n
    return lo, hi


# a passage bridges this many short paragraphs that name nobody (talk going on)
_BRIDGE = 3
_BRIDGE_WORDS = 40


def encounters(cast: Cast, couple: tuple[str, str]) -> list[tuple[int, int]]:
    """Every passage the two share: runs of blocks in a scene with both on the page (one
    block without them may stand inside a run)."""
    refs = cast.refs
    a, b = couple
    both = [
        {a, b} <= (cast.present[g] | {x.who for x in cast.mentions[g] if x.who})
        for g in range(len(refs))
    ]
    out: list[tuple[int, int]] = []
    g = 0
    while g < len(refs):
        if not both[g]:
            g += 1
            continue
        lo = hi = g
        while (
            hi + 1 < len(refs)
            and refs[hi + 1].scene is refs[g].scene
            and (
                both[hi + 1]
                or (hi + 2 < len(refs) and both[hi + 2] and refs[hi + 2].scene is refs[g].scene)
            )
        ):
            hi += 1
        out.append((lo, hi))
        g = hi + 1
    return out
