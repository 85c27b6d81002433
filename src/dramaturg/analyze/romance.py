"""The romance analysis in one call: the couple, their thresholds and moments, with evidence.

>>> from dramaturg.story import Story, Part, Scene, Block, BlockKind, Span
>>> lines = ["Mina met Joon at the bus stop. They were introduced by the rain.",
...          "Joon took her hand. Mina's heart raced; she loved him, tender and afraid."]
>>> blocks = [Block(BlockKind.PARAGRAPH, t, Span("n.txt", i + 1, i + 1)) for i, t in enumerate(lines)]
>>> story = Story("t", [Part("chapter", 1, "1", Span("n.txt", 1, 2),
...               [Scene(None, Span("n.txt", 1, 2), blocks=blocks)])], form="prose").reindex()
>>> r = analyze_romance(story, couple=("Mina", "Joon"))
>>> [t.kind for t in r.thresholds]
['first_meeting', 'first_touch', 'hand_hold', 'confession']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dramaturg.analyze.cast import Cast, CoupleScore, build_cast, couple_scores
from dramaturg.analyze.cast_model import introductions
from dramaturg.analyze.events import find_events
from dramaturg.analyze.findings import Evidence, Finding, Severity, evidence_for
from dramaturg.analyze.moments import Moment, counts_per_part, ledger, moment_findings, montage
from dramaturg.analyze.thresholds import (
    POSITIVE_KINDS,
    Pace,
    Threshold,
    ThresholdRecord,
    _Finder,
    draft_pace,
    early_findings,
    encounter_pace,
    find_thresholds,
    involved_love,
    love_touch,
    rushed_findings,
    scan,
    slow_burn,
    threshold_records,
    unreached_findings,
)
from dramaturg.errors import DramaturgError
from dramaturg.story import Story
from dramaturg.text.languages import get_language

# thresholds that, crossed by one of the couple with someone else, complicate the couple's story
_RIVAL_KINDS = {
    "proposal": "a proposal",
    "confession": "a declaration of love",
    "kiss": "a kiss",
    "embrace": "an embrace",
    "acceptance": "an engagement",
}


@dataclass(slots=True)
class Romance:
    """Everything the romance analysis found; ``to_dict()`` is the stable JSON form."""

    couple: tuple[str, str] | None
    cast: Cast
    thresholds: list[Threshold] = field(default_factory=list)
    moments: list[Moment] = field(default_factory=list)
    montage: list[Moment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    pace: Pace | None = None
    candidates: list[CoupleScore] = field(default_factory=list)
    couple_source: str = "detected"  # or "given"
    cast_language: str = "en"

    def threshold_records(self) -> list[ThresholdRecord]:
        """Thresholds as plain (kind, scene index, part index) records."""
        return threshold_records(self.thresholds)

    def rival_scenes(self) -> dict[int, str]:
        """Scenes where one of the couple crosses a threshold with someone else (the rival's
        proposal, a kiss given to another): scene index -> what happens, "a proposal between
        Bathsheba Everdene and William Boldwood". A complication of the couple's story, read by momentum."""
        if not self.couple or not self.cast.mentions:
            return {}
        pair = set(self.couple)
        out: dict[int, str] = {}
        for e in find_events(self.cast, self.cast_language):
            parties = e.parties()
            if (
                e.kind not in _RIVAL_KINDS
                or not e.factual
                or (e.quoted and e.form != "said")  # told in speech: news
                or len(parties) != 2
                or len(parties & pair) != 1
                or not parties <= set(self.cast.members)
            ):
                continue
            scene = self.cast.refs[e.g].scene.index
            one, other = sorted(parties, key=lambda w: w not in pair)
            out.setdefault(scene, f"{_RIVAL_KINDS[e.kind]} between {one} and {other}")
        return out

    def first(self, kind: str) -> Threshold | None:
        """The first threshold of a kind (``first_kiss`` is ``first("kiss")``)."""
        return next((t for t in self.thresholds if t.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "couple": list(self.couple) if self.couple else None,
            "couple_source": self.couple_source,
            "couple_candidates": [c.to_dict() for c in self.candidates[:5]],
            "thresholds": [t.to_dict() for t in self.thresholds],
            "moments": [m.to_dict() for m in self.moments],
            "moments_per_part": counts_per_part(self.moments, self.cast.refs),
            "montage": [m.to_dict() for m in self.montage],
            "slow_burn": slow_burn(self.thresholds),
            "pace": self.pace.to_dict() if self.pace else None,
            "findings": [f.to_dict() for f in self.findings],
            "cast": self.cast.to_dict(),
        }


def threshold_records_for(
    story: Story, couple: tuple[str, str] | None = None
) -> list[ThresholdRecord]:
    """The couple's thresholds as plain (kind, scene index, part index) records.

    For analyses that place romantic thresholds among other beats (momentum: turning points
    vs arrivals) without the rest of the romance analysis.
    """
    return analyze_romance(story, couple).threshold_records()


def _resolving(hits: list[Any]) -> list[int]:
    return [len(h.strong_of("acceptance")) + len(h.strong_of("proposal")) for h in hits]


def analyze_romance(story: Story, couple: tuple[str, str] | None = None) -> Romance:
    """Find the couple (or take ``couple``), their thresholds, moments and montage, with findings.

    Raises DramaturgError when a given couple name matches no character.
    """
    lang = story.language or "en"
    cast = build_cast(story)
    hits = scan(cast.refs, lang)
    candidates = couple_scores(
        cast,
        [h.romantic for h in hits],
        _resolving(hits),
        involved=involved_love(cast, hits),
        # prose whose person words are resolved: each love word counts for whom it touches
        touched=love_touch(cast, hits)
        if get_language(lang).prose_mentions and any(cast.mentions)
        else None,
    )
    source = "detected"
    if couple is not None:
        resolved = []
        for name in couple:
            who = cast.resolve(name)
            if who is None:
                raise DramaturgError(f"--couple: no character named {name!r} in the draft")
            resolved.append(who)
        if resolved[0] == resolved[1]:
            raise DramaturgError(
                f"--couple: {couple[0]!r} and {couple[1]!r} are the same character"
            )
        pair: tuple[str, str] | None = (resolved[0], resolved[1])
        source = "given"
    else:
        pair = _choose(cast, hits, candidates, lang)
    romance = Romance(pair, cast, candidates=candidates, couple_source=source, cast_language=lang)
    if pair is None or not cast.refs:
        reason = _no_couple_reason(cast, candidates)
        romance.findings.append(
            Finding(
                code="ROM-NO-COUPLE",
                severity=Severity.INFO,
                message=f"No couple found: {reason}",
                suggestion="Name the couple with --couple A+B if the draft has one.",
                data={
                    "reason": reason,
                    "closest_pair": list(candidates[0].pair) if candidates else None,
                },
            )
        )
        return romance
    romance.thresholds = find_thresholds(cast, hits, pair, lang)
    prose_pace = (
        get_language(lang).prose_mentions
        and bool(cast.mentions)
        and romance.thresholds
        and any(t.dwell_words is not None for t in romance.thresholds)
    )
    romance.pace = encounter_pace(cast, pair) if prose_pace else draft_pace(cast.refs, hits)
    finder = _Finder(cast, hits, pair, lang)
    at: dict[int, list[str]] = {}
    for t in romance.thresholds:
        at.setdefault(t.g, []).append(t.kind)
    romance.moments = ledger(cast, pair, finder.presence, at, lang)
    romance.montage = montage(romance.moments)
    romance.findings = (
        rushed_findings(romance.thresholds, romance.pace, cast)
        + unreached_findings(
            romance.thresholds,
            pair,
            _last_shared(cast, finder),
            married=frozenset(pair) in introductions(cast).spouses,
            shared=lambda g: finder.presence(g) >= SHARED,
        )
        + early_findings(romance.thresholds, pair)
        + moment_findings(romance.moments, cast.refs, pair)
    )
    romance.findings.sort(
        key=lambda f: (f.where.part_index or 0, f.where.line) if f.where else (0, 0)
    )
    return romance


def _choose(
    cast: Cast, hits: list[Any], candidates: list[CoupleScore], lang: str, top: int = 4
) -> tuple[str, str] | None:
    """The couple: the best-scored pairs re-ranked by the romantic thresholds they cross.

    Each of the ``top`` pairs' scores is multiplied by 0.1 plus the sum, over the warm
    threshold kinds, of its most confident threshold of that kind (weighted by the gender
    prior: 1 for a mixed pair, 0.7 unknown, 0.35 same gender): the pair the draft actually
    takes through touch, confession and acceptance beats a pair that only talks.
    """
    if not candidates:
        return None
    best: tuple[float, tuple[str, str]] | None = None
    crossed: dict[tuple[str, str], dict[str, float]] = {}
    found = {c.pair: find_thresholds(cast, hits, c.pair, lang) for c in candidates[:top]}
    for c in candidates[:top]:
        kinds: dict[str, float] = {}
        for t in found[c.pair]:
            if t.kind in POSITIVE_KINDS:
                # a first touch may be a handshake or a friend's arm: half the weight
                w = 0.5 if t.kind == "first_touch" else 1.0
                kinds[t.kind] = max(kinds.get(t.kind, 0.0), w * t.confidence)
        crossed[c.pair] = kinds
        genders = {cast.members[n].gender for n in c.pair}
        # the same gender prior as the base score: sisters hold hands too
        prior = 1.0 if genders == {"m", "f"} else (0.7 if None in genders else 0.35)
        value = c.score * (_NO_THRESHOLD + prior * sum(kinds.values()))
        if _left_for_another(c.pair, found):
            value *= _LEFT
        c.score = value
        if best is None or value > best[0]:
            best = (value, c.pair)
    candidates.sort(key=lambda c: -c.score)
    if best is None:
        return None
    pair = best[1]
    # a couple is a pair the draft takes somewhere: a touch, a confession, a proposal... or
    # at least talk of love between the two; two partners on a case are not one
    top_score = next(c for c in candidates if c.pair == pair)
    if (
        not crossed.get(pair)
        and top_score.romantic < _ROMANTIC_FLOOR
        and not (_two_hander(cast, pair) and top_score.shared_blocks >= _TWO_HANDER_SHARED)
    ):
        return None
    return pair


# what is left of the score of a pair that crosses no warm threshold: the observer who is on
# every page with the heroine (a narrator cousin, a housekeeper) is with her far more often
# than her lover is, so being together must count for little beside what the two go through
_NO_THRESHOLD = 0.1
# a pair that parts for good while one of them goes on to love another is the rival's story
_LEFT = 0.2
_WARM = frozenset({"confession", "proposal", "acceptance", "reconciliation", "kiss", "embrace"})


def _left_for_another(pair: tuple[str, str], found: dict[tuple[str, str], list[Threshold]]) -> bool:
    """Does the pair's last threshold part them (a refusal, a breakup, after any warm one),
    and does one of them cross a warm threshold with someone else after that? The fiancee
    the hero breaks with before he declares himself to the heroine, the suitor she dismisses."""
    mine = found.get(pair, [])
    ruptures = [t.g for t in mine if t.kind in ("rejection", "breakup")]
    if not ruptures:
        return False
    last = max(ruptures)
    if any(t.g > last for t in mine if t.kind in _WARM):
        return False  # made up again: still theirs
    return any(
        t.g > last and t.kind in _WARM
        for other, ts in found.items()
        if other != pair and set(other) & set(pair)
        for t in ts
    )


def _two_hander(cast: Cast, pair: tuple[str, str]) -> bool:
    """A story of two people (a first-love sketch with a narrator and one other): the pair
    holds four fifths of every character's presence on the page."""
    total = sum(len(m.blocks) for m in cast.members.values())
    both = sum(len(cast.members[n].blocks) for n in pair if n in cast.members)
    return total > 0 and both >= 0.8 * total


# a story of two people is a romance of theirs only when they share the page again and again
# (two strangers who meet once on a mountain are no couple)
_TWO_HANDER_SHARED = 5
# love words in the blocks a pair shares, below which a pair with no threshold is no couple
_ROMANTIC_FLOOR = 6


def _no_couple_reason(cast: Cast, candidates: list[CoupleScore]) -> str:
    if len(cast.members) < 2 or not candidates:
        return "fewer than two characters share the page."
    c = candidates[0]
    return (
        f"the pair most often together, {c.pair[0]} and {c.pair[1]}, cross no romantic "
        f"threshold (no touch, confession, proposal or the like between them) and share "
        f"only {c.romantic} word(s) of love in {c.shared_blocks} block(s) together."
    )


# a block the couple surely share: both named, or one named and the other met as a pronoun
SHARED = 0.85


def _last_shared(cast: Cast, finder: _Finder) -> Evidence | None:
    """The last block where the couple shares the page (where a missing threshold could go)."""
    for g in range(len(cast.refs) - 1, -1, -1):
        if finder.presence(g) >= SHARED:
            r = cast.refs[g]
            return evidence_for(
                r.block,
                0,
                min(len(r.block.text), 200),
                scene=r.scene,
                part_number=r.part.number,
                part_index=r.part.index,
            )
    return None
