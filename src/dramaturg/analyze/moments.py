"""The moments ledger: every interaction of the couple, what kind of moment it is, and the montage.

Seed: romance is built in moments (caretaking, shared routines, quiet understanding,
vulnerability, attraction, choice), and a single grand gesture isn't enough. An interaction is
a block where the couple shares the page (both named or speaking, or one named and the other a
pronoun away in the same scene). Each is classified by the terms of
``text/<lang>/moments.toml`` (one block may be several kinds) and tagged with K-drama signature
moments from ``text/<lang>/signatures.toml``; consecutive interactions of one scene make one
moment. The finale montage picks 8-12 moments that are strong, varied in kind and spread over
the story.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dramaturg.analyze.cast import BlockRef, Cast
from dramaturg.analyze.findings import Evidence, Finding, Severity, evidence_for
from dramaturg.text.lexicon import compile_terms, fold, load_lexicon
from dramaturg.text.sentences import sentence_at

MOMENT_KINDS = (
    "caretaking",
    "shared_routine",
    "quiet_understanding",
    "vulnerability",
    "attraction",
    "choice",
)
# what a crossed threshold says about the moment it sits in
_THRESHOLD_KINDS = {
    "first_touch": ("attraction",),
    "hand_hold": ("attraction",),
    "embrace": ("attraction", "vulnerability"),
    "kiss": ("attraction",),
    "confession": ("vulnerability", "choice"),
    "proposal": ("choice",),
    "acceptance": ("choice",),
    "reconciliation": ("vulnerability", "choice"),
    "rejection": ("choice",),
    "breakup": ("choice",),
}


@dataclass(slots=True)
class Moment:
    """An interaction of the couple: its kinds, signature tags, place and quote."""

    kinds: list[str]
    tags: list[str]
    evidence: Evidence
    g: int  # global block of the quote
    blocks: tuple[int, int]
    position: float
    strength: float
    thresholds: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        e = self.evidence
        return {
            "kinds": self.kinds,
            "tags": self.tags,
            "thresholds": self.thresholds,
            "part": e.part,
            "part_index": e.part_index,
            "scene": e.scene,
            "file": e.file,
            "line": e.line,
            "quote": e.quote,
            "position": round(self.position, 3),
        }


@dataclass(slots=True)
class _MomentLex:
    kinds: dict[str, re.Pattern[str]]
    tags: dict[str, list[re.Pattern[str]]]
    tag_kinds: dict[str, list[str]]
    labels: dict[str, str]


@lru_cache(maxsize=8)
def _lex(language: str) -> _MomentLex:
    mo = load_lexicon("moments", language)
    sig = load_lexicon("signatures", language)
    return _MomentLex(
        kinds={k: compile_terms(mo[k]["terms"], language) for k in MOMENT_KINDS if k in mo},
        tags={t: [compile_terms(group, language) for group in v["all"]] for t, v in sig.items()},
        tag_kinds={t: list(v.get("kinds", [])) for t, v in sig.items()},
        labels={t: v.get("label", t) for t, v in sig.items()},
    )


def signature_tags(text: str, language: str = "en") -> list[str]:
    """The K-drama signature moments a passage shows (``shared_umbrella``, ``back_hug``, ...)."""
    lex = _lex(language)
    low = fold(text)
    return [t for t, groups in lex.tags.items() if all(p.search(low) for p in groups)]


def ledger(
    cast: Cast,
    couple: tuple[str, str],
    presence: Any,
    thresholds_at: dict[int, list[str]],
    language: str = "en",
) -> list[Moment]:
    """Every moment of the couple in story order.

    ``presence(g)`` says how surely the couple shares block ``g`` (see
    :class:`dramaturg.analyze.thresholds._Finder`); ``thresholds_at`` maps a block to the
    thresholds crossed there.
    """
    lex = _lex(language)
    refs = cast.refs
    total = max(1, refs[-1].words_before + refs[-1].words) if refs else 1
    found: list[tuple[int, set[str], set[str], tuple[int, int], float]] = []
    for r in refs:
        g = r.g
        pf = presence(g)
        spoken = cast.speakers[g] in couple and pf > 0
        if pf < 0.85 and not spoken:
            continue
        text = r.block.text
        low = fold(text)
        kinds: set[str] = set()
        first: tuple[int, int] | None = None
        score = 0.0
        for k, pat in lex.kinds.items():
            ms = list(pat.finditer(low))
            if ms:
                kinds.add(k)
                score += min(len(ms), 3)
                m = ms[0]
                if first is None or m.start() < first[0]:
                    first = (m.start(), m.end())
        tags = set()
        for t, groups in lex.tags.items():
            tag_hits = [p.search(low) for p in groups]
            if all(tag_hits):
                tags.add(t)
                m0 = tag_hits[0]
                if first is None and m0 is not None:  # quote the tag's own sentence
                    first = (m0.start(), m0.end())
        for t in tags:
            if not kinds:
                kinds.update(lex.tag_kinds.get(t, []))
        for th in thresholds_at.get(g, []):
            kinds.update(_THRESHOLD_KINDS.get(th, ()))
            score += 2
        if not kinds and not tags:
            continue
        if first is None:
            first = (0, min(len(text), 1))
        found.append((g, kinds, tags, first, score + 1.5 * len(tags - {"rain"})))
    # consecutive interactions of one scene make one moment
    out: list[Moment] = []
    i = 0
    while i < len(found):
        j = i
        while (
            j + 1 < len(found)
            and found[j + 1][0] - found[j][0] <= 2
            and refs[found[j + 1][0]].scene is refs[found[i][0]].scene
        ):
            j += 1
        group = found[i : j + 1]
        best = max(group, key=lambda x: (len(x[1]) + len(x[2]), x[4]))
        g, _, _, (ms, _me), _ = best
        r = refs[g]
        s, e = sentence_at(r.block.text, ms)
        ev = evidence_for(
            r.block, s, e, scene=r.scene, part_number=r.part.number, part_index=r.part.index
        )
        kinds = set().union(*(x[1] for x in group))
        tags = set().union(*(x[2] for x in group))
        ths = sorted({t for x in group for t in thresholds_at.get(x[0], [])})
        out.append(
            Moment(
                kinds=[k for k in MOMENT_KINDS if k in kinds],
                tags=sorted(tags),
                evidence=ev,
                g=g,
                blocks=(group[0][0], group[-1][0]),
                position=r.words_before / total,
                strength=sum(x[4] for x in group) / len(group) + len(kinds) + 2 * len(ths),
                thresholds=ths,
            )
        )
        i = j + 1
    return out


def counts_per_part(moments: list[Moment], refs: list[BlockRef]) -> list[dict[str, Any]]:
    """Moments of each kind in each part (parts without a moment included, as zeros)."""
    parts: dict[int, Any] = {}
    for r in refs:
        parts.setdefault(r.part.index, r.part)
    rows = []
    for idx, part in sorted(parts.items()):
        here = [m for m in moments if m.evidence.part_index == idx]
        c: Counter[str] = Counter(k for m in here for k in m.kinds)
        t: Counter[str] = Counter(tag for m in here for tag in m.tags)
        rows.append(
            {
                "part": part.number,
                "part_index": idx,
                "label": part.label or part.title,
                "moments": len(here),
                "kinds": {k: c.get(k, 0) for k in MOMENT_KINDS},
                "tags": dict(t),
            }
        )
    return rows


def montage(moments: list[Moment], low: int = 8, high: int = 12) -> list[Moment]:
    """The 8-12 moments that best show why these two matter to each other.

    Greedy: each pick maximises the moment's strength plus a bonus for kinds not yet shown
    and for a tenth of the story not yet covered, minus a penalty for a part already used.
    """
    if not moments:
        return []
    n = min(len(moments), max(low, min(high, len(moments) // 4)))
    chosen: list[Moment] = []
    kinds: set[str] = set()
    bins: set[int] = set()
    parts: Counter[int | None] = Counter()
    pool = list(moments)
    while pool and len(chosen) < n:

        def value(m: Moment) -> float:
            new_kinds = len(set(m.kinds) - kinds)
            b = min(9, int(m.position * 10))
            return (
                m.strength
                + 2.5 * new_kinds
                + (3.0 if b not in bins else 0.0)
                - 2.5 * parts[m.evidence.part_index]
                + (1.5 if m.tags else 0.0)
            )

        best = max(pool, key=value)
        pool.remove(best)
        chosen.append(best)
        kinds.update(best.kinds)
        bins.add(min(9, int(best.position * 10)))
        parts[best.evidence.part_index] += 1
    return sorted(chosen, key=lambda m: m.g)


def moment_findings(
    moments: list[Moment], refs: list[BlockRef], couple: tuple[str, str]
) -> list[Finding]:
    """Where the romance leans on one or two kinds, goes quiet for long, or hangs on one part."""
    out: list[Finding] = []
    if not moments:
        return out
    total = max(1, refs[-1].words_before + refs[-1].words)
    c: Counter[str] = Counter(k for m in moments for k in m.kinds)
    labels = sum(c.values())
    a, b = couple
    if len(moments) >= 4 and labels:
        top2 = c.most_common(2)
        share = sum(n for _, n in top2) / labels
        # a kind never shown says something only when there are labels enough to expect it
        # (two of each kind): five moments of a short script need not show all six
        enough = labels >= 2 * len(MOMENT_KINDS)
        missing = [k for k in MOMENT_KINDS if c.get(k, 0) == 0] if enough else []
        if share >= 0.75 or missing:
            lead = top2[0][0]
            example = next(m for m in moments if lead in m.kinds)
            names = ", ".join(k.replace("_", " ") for k, _ in top2)
            gap = ", ".join(k.replace("_", " ") for k in missing) or "none"
            out.append(
                Finding(
                    code="ROM-NARROW",
                    severity=Severity.WARNING,
                    message=(
                        f"{a} and {b}'s moments lean on {names} ({share:.0%} of {labels} labels); "
                        f"kinds never shown: {gap}."
                    ),
                    evidence=[example.evidence],
                    suggestion=(
                        "Build the romance from more kinds of moment: "
                        + (
                            ", ".join(_IDEAS[k] for k in missing[:3])
                            if missing
                            else ", ".join(_IDEAS[k] for k in MOMENT_KINDS if k not in dict(top2))[
                                :300
                            ]
                        )
                        + "."
                    ),
                    data={"counts": dict(c), "missing": missing, "share_top2": round(share, 3)},
                )
            )
    # long stretches without a moment
    span_limit = max(0.12 * total, 1)
    for m1, m2 in zip(moments, moments[1:], strict=False):
        gap_words = refs[m2.blocks[0]].words_before - (
            refs[m1.blocks[1]].words_before + refs[m1.blocks[1]].words
        )
        p1, p2 = m1.evidence.part_index or 0, m2.evidence.part_index or 0
        if gap_words >= span_limit and p2 - p1 >= 2:
            out.append(
                Finding(
                    code="ROM-GAP",
                    severity=Severity.WARNING,
                    message=(
                        f"{gap_words} words ({gap_words / total:.0%} of the story, {p2 - p1 - 1} "
                        f"part(s) in between) pass without a moment between {a} and {b} after this one."
                    ),
                    evidence=[m1.evidence, m2.evidence],
                    suggestion=(
                        "Keep the couple in the reader's mind across the stretch: a small shared "
                        "moment (a glance across a room, a kindness noticed, a thought of the other) "
                        "in the parts between."
                    ),
                    data={"words": gap_words, "parts_between": p2 - p1 - 1},
                )
            )
    # a single grand gesture isn't enough
    per_part: Counter[int | None] = Counter(m.evidence.part_index for m in moments)
    (top_part, n_top), *_ = per_part.most_common(1)
    nparts = len({r.part.index for r in refs})
    if (len(moments) >= 3 and nparts >= 3 and n_top / len(moments) >= 0.4) or (
        len(moments) < 4 and nparts >= 3
    ):
        example = max(
            (m for m in moments if m.evidence.part_index == top_part), key=lambda m: m.strength
        )
        out.append(
            Finding(
                code="ROM-GRAND-GESTURE",
                severity=Severity.WARNING,
                message=(
                    f"{n_top} of {a} and {b}'s {len(moments)} moments sit in one part: the romance "
                    "rests on one grand stretch instead of moments built up across the story."
                ),
                evidence=[example.evidence],
                suggestion=(
                    "A single grand gesture isn't enough: seed smaller moments (caretaking, a "
                    "shared routine, a moment of understanding) in the parts before it so the "
                    "big one feels earned."
                ),
                data={"part_index": top_part, "moments_in_part": n_top, "moments": len(moments)},
            )
        )
    return out


_IDEAS = {
    "caretaking": "caretaking (one notices the other is cold, tired or hurt and acts on it)",
    "shared_routine": "a shared routine (the same walk, the same table, a ritual only they have)",
    "quiet_understanding": "quiet understanding (a look that says enough, a need met without a word)",
    "vulnerability": "vulnerability (a fear or a past told to the other only)",
    "attraction": "attraction (what each notices and likes about the other)",
    "choice": "choice (one chooses the other at a cost)",
}
