"""Lens: where a draft sits between the grounded K-drama pole and the fantastical anime pole.

Two measures, after the seed's contrast ("K-dramas are beloved for their slow, simmering
approach to romance"; anime "leans into the fantastical: magic academies, dystopian futures,
interdimensional travel, and supernatural battles"):

* **fantastical share**: density (per 1,000 words) of supernatural, magic, speculative-tech
  and world-building terms plus invented proper nouns, against the density of grounded,
  everyday terms (``text/<lang>/lens.toml``); ``F / (F + G)``, with a small prior so a draft
  with few hits of either stays near the middle. World-building *exposition density* is the
  share of sentences that hold a world-building term.
* **slow-burn index**: how late the first touch and the first declaration (confession,
  kiss or proposal as a stand-in) come, as fractions of the story, from the thresholds the
  romance analysis hands in. A threshold never reached counts as 1.0 (as late as can be).

The pole score (0 = K-drama, 1 = anime) is the fantastical share, pulled toward the anime
end by a fast burn when thresholds are known: ``0.75 * fantastical + 0.25 * (1 - slow_burn)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dramaturg.analyze.findings import Evidence
from dramaturg.analyze.scored import ScoredStory, coerce_thresholds, score_story
from dramaturg.story import Story
from dramaturg.text.lexicon import load_lexicon

FANTASTICAL = ("supernatural", "magic", "speculative_tech", "worldbuilding")
PRIOR = 2.0  # weighted hits per 1,000 words added to both sides
TOUCH_KINDS = ("first_touch", "embrace", "kiss")
DECLARATION_KINDS = ("confession", "proposal", "kiss")
EVIDENCE_TERMS = 12
_ODD_NAME = re.compile(r"\b[A-Z][a-z]*['’][a-z]{2,}\b")
_CONTRACTION_TAILS = ("ll", "ve", "re", "am", "em", "im", "nt", "s")


@dataclass(slots=True)
class TermEvidence:
    """A lens term, how often it occurs, and where first."""

    term: str
    category: str
    count: int
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "category": self.category,
            "count": self.count,
            "line": self.evidence.line,
            "quote": self.evidence.quote,
            "file": self.evidence.file,
        }


@dataclass(slots=True)
class Lens:
    """The draft between the two poles, with its evidence."""

    score: float  # 0 = K-drama pole (grounded, slow burn), 1 = anime pole
    pole: str  # "k-drama", "between", "anime"
    fantastical: float  # F / (F + G), 0..1
    densities: dict[str, float] = field(default_factory=dict)  # per 1,000 words
    exposition_density: float = 0.0
    slow_burn: float | None = None
    first_touch: float | None = None
    first_declaration: float | None = None
    fantastical_terms: list[TermEvidence] = field(default_factory=list)
    grounded_terms: list[TermEvidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def r(v: float | None) -> float | None:
            return None if v is None else round(v, 4)

        return {
            "score": round(self.score, 4),
            "pole": self.pole,
            "fantastical": round(self.fantastical, 4),
            "densities": {k: round(v, 3) for k, v in self.densities.items()},
            "exposition_density": round(self.exposition_density, 4),
            "slow_burn": r(self.slow_burn),
            "first_touch": r(self.first_touch),
            "first_declaration": r(self.first_declaration),
            "fantastical_terms": [t.to_dict() for t in self.fantastical_terms],
            "grounded_terms": [t.to_dict() for t in self.grounded_terms],
        }


@lru_cache(maxsize=8)
def _index(language: str) -> tuple[dict[str, float], re.Pattern[str]]:
    """Category weights and the invented-name pattern (the terms are matched in scored)."""
    lex = load_lexicon("lens", language)
    after = "|".join(re.escape(a) for a in lex["invented_names"]["after"])
    invented = re.compile(rf"\b(?:{after})\s+(?:the\s+)?([A-Z][a-z]+)", re.IGNORECASE)
    return {k: float(v) for k, v in lex["weights"].items()}, invented


def analyze_lens(
    story: Story, thresholds: Any = None, *, scored: ScoredStory | None = None
) -> Lens:
    """Score the draft between the K-drama and anime poles, with the terms behind it."""
    table = scored or score_story(story)
    weights, invented = _index(story.language or "en")
    counts: dict[tuple[str, str], int] = {}
    firsts: dict[tuple[str, str], Evidence] = {}
    world_sentences = 0
    for s in table.sentences:
        text = s.text
        world = False
        for cat, a, b in s.lens:
            key = (cat, s.block.text[a:b].lower())
            counts[key] = counts.get(key, 0) + 1
            if key not in firsts:
                firsts[key] = table.evidence(s)
            world = world or cat in FANTASTICAL
        for m in invented.finditer(text):
            if not m.group(1)[0].isupper():
                continue
            key = ("invented_name", m.group(1))
            counts[key] = counts.get(key, 0) + 1
            firsts.setdefault(key, table.evidence(s))
            world = True
        for m in _ODD_NAME.finditer(text):
            tail = re.split("['’]", m.group())[1]
            if tail in _CONTRACTION_TAILS:
                continue
            key = ("invented_name", m.group())
            counts[key] = counts.get(key, 0) + 1
            firsts.setdefault(key, table.evidence(s))
        world_sentences += world
    kilo = max(1.0, table.total_words / 1000.0)
    densities: dict[str, float] = {}
    for (cat, _term), n in counts.items():
        densities[cat] = densities.get(cat, 0.0) + n / kilo
    fant = sum(densities.get(c, 0.0) * weights.get(c, 1.0) for c in FANTASTICAL)
    fant += densities.get("invented_name", 0.0) * weights.get("worldbuilding", 0.6)
    grounded = densities.get("grounded", 0.0) * weights.get("grounded", 1.0)
    share = (fant + PRIOR * 0.1) / (fant + grounded + PRIOR)
    lens = Lens(
        score=share,
        pole="",
        fantastical=share,
        densities=densities,
        exposition_density=world_sentences / len(table.sentences) if table.sentences else 0.0,
    )
    _slow_burn(lens, table, thresholds)
    if lens.slow_burn is not None:
        lens.score = 0.75 * share + 0.25 * (1.0 - lens.slow_burn)
    lens.pole = "k-drama" if lens.score < 0.35 else "anime" if lens.score > 0.65 else "between"
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    for (cat, term), n in ranked:
        target = lens.grounded_terms if cat == "grounded" else lens.fantastical_terms
        if len(target) < EVIDENCE_TERMS:
            target.append(TermEvidence(term, cat, n, firsts[(cat, term)]))
    return lens


def _slow_burn(lens: Lens, table: ScoredStory, thresholds: Any) -> None:
    if thresholds is None:
        return
    marks = coerce_thresholds(thresholds, len(table.scenes))

    def first(kinds: tuple[str, ...]) -> float:
        found = [table.position(m.scene) for m in marks if m.kind in kinds]
        return min(found) if found else 1.0

    lens.first_touch = first(TOUCH_KINDS)
    lens.first_declaration = first(DECLARATION_KINDS)
    lens.slow_burn = (lens.first_touch + lens.first_declaration) / 2
