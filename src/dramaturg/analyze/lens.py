"""Lens: where a draft sits between the grounded K-drama pole and the fantastical anime pole.

After seed 001's contrast: K-dramas are "grounded stories with relatable characters" (work,
family, food, weather, transit, money), anime "leans into the fantastical: magic academies,
dystopian futures, interdimensional travel, and supernatural battles". What makes a story
fantastical is what cannot happen in ours, so the lens counts *events and beings* that cannot
(``text/<lang>/lens.toml``), not a list of genre nouns:

* words and phrases matched in the shared scan (``analyze/scored.py``): magic, the undead,
  invented creatures, bodies that shrink, vanish or fly, travel in time or space, invented
  worlds, speculative technology; and the everyday of the grounded pole;
* rules the lens runs itself on the sentences that hold their trigger: an animal that speaks
  ("said the Rabbit", "the Lion replied"), a body turned into an animal, a capitalised
  "-land" or "Kingdom of ..." that is on no map of ours, a body inches high or made over, the
  body of another, a portrait that ages in place of its sitter;
* the story's own impossible things, once rules have named them (an invented people, a land
  known by its ruler, the portrait, the second self): every further sentence that names one
  counts, more when it tells how that people lives (``_recurring``).

A fantastical hit counts nothing inside a figurative phrase ("as if by magic", "a magic
evening", "fairy tale", "haunted by the thought", "you little witch") or after a simile
("like a ghost"); "she flew down the stairs" is never matched, since flight needs the air or
the sky. It counts ``doubt_factor`` after a negation, as a predicate ("a wet day was a
spectre") or in a sentence about belief or a tale told ("they say a ghost walks there"), and
``generic_factor`` as a bare plural ("ghosts don't travel by day": talk about a kind, not
beings in the story). A term that also lives in everyday speech counts less
(``[[term_weights]]``: "monster", "potion", "planet").

Density and spread decide, not raw counts. ``F`` is the weighted fantastical hits per 10,000
words; the story is cut into equal-word stretches and ``spread`` is the share of stretches
whose own density reaches ``spread_min``, so one episode (a ghost story told by the fire, a
dream chapter) cannot carry a book. ``G`` is the everyday density. With the ``[score]``
constants of the lexicon::

    x = F * spread / ((G + everyday_prior) / everyday_per_event)
    score = x**2 / (1 + x**2)

so one fantastical event weighs as much as ``everyday_per_event`` everyday terms, a draft
with neither stays at 0, and the square makes the middle steep (x = 1 is 0.5). Below 0.35
the pole is "k-drama", above 0.65 "anime".

The slow-burn index (how late the first touch and the first declaration come) is reported
beside the score, not mixed into it: a fast burn is not a fantastical world.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dramaturg.analyze.findings import Evidence
from dramaturg.analyze.scored import ScoredStory, Sentence, coerce_thresholds, score_story
from dramaturg.story import Story
from dramaturg.text.lexicon import load_lexicon

TOUCH_KINDS = ("first_touch", "embrace", "kiss")
DECLARATION_KINDS = ("confession", "proposal", "kiss")
EVIDENCE_TERMS = 12  # terms listed per pole
EVIDENCE_LINES = 3  # lines quoted per term
QUOTE_CONTEXT = 110  # characters of the sentence kept either side of a term in a quote
CUES = ("animal", "figurative", "doubt")
_BARE_PLURAL = re.compile(r"[a-z'-]+[^su]s|[a-z'-]+ves")  # "ghosts", "elves"; not "sorceress"


@dataclass(frozen=True, slots=True)
class Rule:
    """A lens rule: a regex with a named group ``term``, run on sentences with its trigger."""

    name: str
    category: str
    trigger: str | None  # a cue category the sentence must hold
    contains: tuple[str, ...]  # or one of these literals (lower case)
    label: str
    pattern: re.Pattern[str]
    exclude: frozenset[str]
    entity: bool = False  # its hits name a recurring thing of the story (see [recurring])
    seed_only: bool = False  # its hits only name such a thing; they count nothing themselves
    people: bool = False  # the thing is a people: "the Xs" needs "a X", never "Mr. X" or "x"
    min_hits: int = 0  # hits that establish the thing (0: [recurring] min_hits)
    framed_only: bool = False  # the thing recurs only where a sentence tells how its people live
    contains_rx: re.Pattern[str] | None = None  # the contains literals, one search


@dataclass(frozen=True, slots=True)
class LensLexicon:
    """The compiled ``text/<lang>/lens.toml``."""

    fantastical: frozenset[str]
    grounded: frozenset[str]
    weights: dict[str, float]
    term_weights: dict[str, float]  # by term, or by stem entry ("마술*")
    stems: dict[str, tuple[str, ...]]  # per category, longest first
    stem_terms: bool  # name a hit by the stem that matched it (Korean: 귀신이 -> 귀신)
    rules: tuple[Rule, ...]
    simile_before: re.Pattern[str] | None
    simile_after: re.Pattern[str] | None
    negation_before: re.Pattern[str] | None
    negation_after: re.Pattern[str] | None
    predicate_before: re.Pattern[str] | None
    determiner_before: re.Pattern[str] | None
    doubt_factor: float
    generic_factor: float
    score: dict[str, float]  # the [score] constants
    recurring: dict[str, Any] = field(default_factory=dict)  # the [recurring] settings
    animal_names: frozenset[str] = frozenset()  # what an animal of ours is called ("monster")
    contains_any: re.Pattern[str] | None = None  # every rule's contains literals, one search
    free_rules: tuple[Rule, ...] = ()  # the rules with neither a trigger nor contains

    @staticmethod
    @lru_cache(maxsize=8)
    def for_language(language: str) -> LensLexicon:
        lex = load_lexicon("lens", language)
        terms = lex["terms"]
        words = {k: _alternation(v) for k, v in lex.get("rule_words", {}).items()}
        except_lists = lex.get("except_lists", {})

        def shared_except(spec: dict[str, Any]) -> frozenset[str]:
            return frozenset(t for k in spec.get("except_from", ()) for t in except_lists[k])

        for k in CUES:
            words[k] = _alternation(terms[k])
            # "{animal_stem}": the stems bare, for a rule that writes the ending itself
            words[k + "_stem"] = _alternation([t.rstrip("*") for t in terms[k]])
        rules = []
        for name, spec in lex.get("rules", {}).items():
            flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
            for pat in spec["patterns"]:
                for key, alt in words.items():
                    pat = pat.replace("{" + key + "}", alt)
                rules.append(
                    Rule(
                        name,
                        spec["category"],
                        spec.get("trigger"),
                        tuple(spec.get("contains", ())),
                        spec.get("label", "{term}"),
                        re.compile(pat, flags),
                        frozenset(spec.get("except", ())) | shared_except(spec),
                        bool(spec.get("entity")),
                        bool(spec.get("seed_only")),
                        bool(spec.get("people")),
                        int(spec.get("min_hits", 0)),
                        bool(spec.get("framed_only")),
                        re.compile("|".join(map(re.escape, spec["contains"])))
                        if spec.get("contains")
                        else None,
                    )
                )
        ctx = lex.get("context", {})

        def opt(key: str) -> re.Pattern[str] | None:
            return re.compile(ctx[key], re.IGNORECASE) if ctx.get(key) else None

        return LensLexicon(
            fantastical=frozenset(lex["poles"]["fantastical"]),
            grounded=frozenset(lex["poles"]["grounded"]),
            weights={k: float(v) for k, v in lex["weights"].items()},
            term_weights={
                t.lower(): float(group["weight"])
                for group in lex.get("term_weights", [])
                for t in group["terms"]
            },
            stems={
                cat: tuple(sorted((t[:-1].lower() for t in v if t.endswith("*")), key=len))[::-1]
                for cat, v in terms.items()
            },
            stem_terms=bool(ctx.get("stem_terms")),
            rules=tuple(rules),
            simile_before=opt("simile_before"),
            simile_after=opt("simile_after"),
            negation_before=opt("negation_before"),
            negation_after=opt("negation_after"),
            predicate_before=opt("predicate_before"),
            determiner_before=opt("determiner_before"),
            doubt_factor=float(ctx.get("doubt_factor", 0.3)),
            generic_factor=float(ctx.get("generic_factor", 1.0)),
            score={k: float(v) for k, v in lex["score"].items()},
            recurring=dict(lex.get("recurring", {})),
            animal_names=frozenset(t.lower() for t in ctx.get("animal_names", ())),
            contains_any=re.compile(
                "|".join(
                    re.escape(c)
                    for c in sorted({c for r in rules for c in r.contains}, key=len, reverse=True)
                )
            )
            if any(r.contains for r in rules)
            else None,
            free_rules=tuple(r for r in rules if r.trigger is None and not r.contains),
        )

    def stem_of(self, category: str, term: str) -> str | None:
        """The longest stem entry of the category that begins ``term``, if any."""
        for stem in self.stems.get(category, ()):
            if term.startswith(stem):
                return stem
        return None

    def term_weight(self, category: str, term: str) -> float:
        """The weight of one term: [[term_weights]] by the term, else by its stem entry."""
        w = self.term_weights.get(term)
        if w is None:
            stem = self.stem_of(category, term)
            w = self.term_weights.get(stem + "*", 1.0) if stem is not None else 1.0
        return w

    def term_name(self, category: str, term: str) -> str:
        """The evidence name of a hit: its stem where the language writes endings on words."""
        stem = self.stem_of(category, term) if self.stem_terms else None
        return stem if stem is not None else term


def _alternation(terms: list[str]) -> str:
    """A regex alternation of lexicon terms (``*`` ends a stem), longest first."""
    alts = []
    for t in sorted(set(terms), key=len, reverse=True):
        t = t.replace("’", "'")
        stem = t.endswith("*")
        body = re.escape(t[:-1] if stem else t).replace("'", "['’]").replace(r"\ ", r"\s+")
        alts.append(body + (r"\w*" if stem else ""))
    return "(?:" + "|".join(alts) + ")"


@dataclass(slots=True)
class TermEvidence:
    """A lens term, how often it counts, and the first lines where it stands."""

    term: str
    category: str
    count: int
    evidence: Evidence  # the first line
    weight: float = 0.0  # weighted count (doubted or weak uses count less)
    more: list[Evidence] = field(default_factory=list)  # further lines, up to EVIDENCE_LINES

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "category": self.category,
            "count": self.count,
            "weight": round(self.weight, 2),
            "line": self.evidence.line,
            "quote": self.evidence.quote,
            "file": self.evidence.file,
            "lines": [
                {"file": e.file, "line": e.line, "quote": e.quote}
                for e in (self.evidence, *self.more)
            ],
        }


@dataclass(slots=True)
class Lens:
    """The draft between the two poles, with its evidence."""

    score: float  # 0 = K-drama pole (grounded), 1 = anime pole (fantastical)
    pole: str  # "k-drama", "between", "anime"
    fantastical: float  # the same score (kept for readers of the older JSON)
    densities: dict[str, float] = field(default_factory=dict)  # weighted, per 1,000 words
    exposition_density: float = 0.0  # share of sentences with a fantastical hit
    fantastical_per_10k: float = 0.0  # F
    grounded_per_10k: float = 0.0  # G
    spread: float = 0.0  # share of stretches with a fantastical density >= SPREAD_MIN
    stretches: int = 0
    reason: str = ""
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
            "fantastical_per_10k": round(self.fantastical_per_10k, 2),
            "grounded_per_10k": round(self.grounded_per_10k, 2),
            "spread": round(self.spread, 4),
            "stretches": self.stretches,
            "reason": self.reason,
            "slow_burn": r(self.slow_burn),
            "first_touch": r(self.first_touch),
            "first_declaration": r(self.first_declaration),
            "fantastical_terms": [t.to_dict() for t in self.fantastical_terms],
            "grounded_terms": [t.to_dict() for t in self.grounded_terms],
        }


@dataclass(slots=True)
class Hit:
    """One lens term in a sentence: block offsets, category, evidence term, weight."""

    category: str
    term: str
    start: int
    end: int
    weight: float
    name: str = ""  # the proper name the term begins ("Haunted Wood"): counted once a story
    entity: str = ""  # the recurring thing it names (an invented people, an enchanted portrait)
    seed: bool = False  # it only names that thing, and counts nothing itself
    people: bool = False  # the thing is a people (checked against the whole story)
    need: int = 0  # hits that establish it (0: the [recurring] default)
    framed_only: bool = False  # it recurs only in sentences of the [recurring] frame


# a phrase that stops inside a hyphenated compound
_COMPOUND_GOES_ON = re.compile(r"-\w")
# a capitalised term that begins a name: "the Haunted Wood", "the Dragon Inn"
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][\w’'-]*")


def sentence_hits(s: Sentence, lex: LensLexicon) -> list[Hit]:
    """The counted lens hits of one sentence (figurative uses dropped, doubted ones reduced)."""
    text = s.block.text
    hits: list[Hit] = []
    seeds: list[Hit] = []  # hits of seed_only rules, returned after the counted ones
    figurative: list[tuple[int, int]] = []
    cues: set[str] = set()
    for cat, a, b in s.lens:
        if cat == "figurative":
            figurative.append((a, b))
        elif cat in CUES:
            cues.add(cat)
        elif cat in lex.fantastical or cat in lex.grounded:
            if _COMPOUND_GOES_ON.match(text, b):
                continue  # "on the moon" in "on the moon-flooded snow": part of a compound
            term = text[a:b].lower()
            if not term.isalpha():
                term = " ".join(term.replace("’", "'").split())
            hits.append(Hit(cat, lex.term_name(cat, term), a, b, lex.weights.get(cat, 1.0)))
    low = text[s.start : s.end].lower() if lex.contains_any is not None else ""
    # most sentences hold no rule's trigger and none of its contains literals: they run only
    # the rules that need neither (in the same order as the others, one event, one count)
    some = lex.contains_any is not None and lex.contains_any.search(low) is not None
    for rule in lex.rules if some or cues else lex.free_rules:
        if rule.trigger is not None and rule.trigger not in cues:
            continue
        if rule.contains_rx is not None and (not some or rule.contains_rx.search(low) is None):
            continue
        for m in rule.pattern.finditer(text, s.start, s.end):
            a, b = m.span()
            word = m.group("term")
            if word in rule.exclude:
                continue
            entity = ""
            if rule.entity or rule.seed_only:
                named = m.groupdict().get("entity") or word
                entity = " ".join(named.split())
                if entity in rule.exclude:
                    continue
            if rule.seed_only:
                seed = Hit(rule.category, entity, a, b, 0.0, "", entity, True, rule.people)
                seed.need = rule.min_hits
                seed.framed_only = rule.framed_only
                seeds.append(seed)
                continue
            # an everyday word inside the construction ("the farmer's wife was as tall as a
            # steeple") does not stop it; another fantastical hit does (one event, one count)
            if any(h.start < b and a < h.end and h.category in lex.fantastical for h in hits):
                continue
            term = rule.label.replace("{term}", " ".join(word.split()))
            if rule.pattern.flags & re.IGNORECASE:
                term = term.lower()
                entity = entity.lower()
            weight = lex.weights.get(rule.category, 1.0)
            hit = Hit(rule.category, term, a, b, weight, "", entity, need=rule.min_hits)
            hit.framed_only = rule.framed_only
            hits.append(hit)
    fantastical = [h for h in hits if h.category in lex.fantastical]
    if not fantastical:
        return hits + seeds
    # one event, one count: a term inside a longer one ("wand" in "magic wand") is dropped
    spans = [(h.start, h.end) for h in fantastical if h.end - h.start > 0]
    doubt = "doubt" in cues
    kept = []
    for h in hits:
        if h.category in lex.fantastical:
            if any(fa <= h.start < fb or fa < h.end <= fb for fa, fb in figurative):
                continue
            if any(a <= h.start and h.end <= b and b - a > h.end - h.start for a, b in spans):
                continue
            before = text[s.start : h.start]
            here = text[h.start : s.end]  # the hit and what follows (Korean marks come after)
            if (lex.simile_before and lex.simile_before.search(before)) or (
                lex.simile_after and lex.simile_after.match(here)
            ):
                continue
            h.weight *= lex.term_weight(h.category, h.term)
            if h.term in lex.animal_names and any(
                cat == "animal" and text[a:b].lower() not in lex.animal_names
                for cat, a, b in s.lens
            ):
                h.weight *= lex.doubt_factor  # "the furious monster" beside the whale it is
            negated = (
                (lex.negation_before and lex.negation_before.search(before))
                or (lex.negation_after and lex.negation_after.match(here))
                or (lex.predicate_before and lex.predicate_before.search(before))
            )
            if doubt or negated:
                h.weight *= lex.doubt_factor
            if h.start > s.start and text[h.start].isupper():
                m = _NAME_AFTER.match(text, h.end)
                if m is not None:
                    h.name = text[h.start : m.end()]
            if (
                lex.determiner_before
                and _BARE_PLURAL.fullmatch(h.term)
                and not lex.determiner_before.search(before)
            ):
                h.weight *= lex.generic_factor
        kept.append(h)
    return kept + seeds


def analyze_lens(
    story: Story, thresholds: Any = None, *, scored: ScoredStory | None = None
) -> Lens:
    """Score the draft between the K-drama and anime poles, with the lines behind it."""
    table = scored or score_story(story)
    lex = LensLexicon.for_language(story.language or "en")
    total = max(1, table.total_words)
    k_ = lex.score
    n_stretches = max(1, min(int(k_["max_stretches"]), total // int(k_["stretch_words"])))
    stretch_f = [0.0] * n_stretches
    stretch_words = [0] * n_stretches
    by_category: dict[str, float] = {}
    terms: dict[tuple[str, str], TermEvidence] = {}
    fantastical_sentences = 0
    grounded_weight = 0.0
    names: set[str] = set()  # a place called the Haunted Wood is one fact, however often named
    per_sentence = [sentence_hits(s, lex) if s.lens or lex.rules else [] for s in table.sentences]
    if lex.recurring:
        _recurring(table, per_sentence, lex)
    seen = 0
    for s, hits in zip(table.sentences, per_sentence, strict=True):
        k = min(n_stretches - 1, seen * n_stretches // total)
        seen += s.words
        stretch_words[k] += s.words
        fant = False
        for h in hits:
            if h.seed:
                continue
            if h.name:
                if h.name in names:
                    continue
                names.add(h.name)
            if h.weight <= 0:
                continue
            by_category[h.category] = by_category.get(h.category, 0.0) + h.weight
            if h.category in lex.fantastical:
                stretch_f[k] += h.weight
                fant = True
            else:
                grounded_weight += h.weight
            key = (h.category, h.term)
            te = terms.get(key)
            if te is None:
                terms[key] = TermEvidence(h.term, h.category, 1, _quote(table, s, h), h.weight)
            else:
                te.count += 1
                te.weight += h.weight
                if len(te.more) < EVIDENCE_LINES - 1 and h.weight >= 0.5:
                    ev = _quote(table, s, h)
                    if ev.line != te.evidence.line:
                        te.more.append(ev)
        fantastical_sentences += fant
    densities = [
        f * 10000.0 / w if w else 0.0 for f, w in zip(stretch_f, stretch_words, strict=True)
    ]
    f_density = sum(stretch_f) * 10000.0 / total
    g_density = grounded_weight * 10000.0 / total
    spread = sum(d >= k_["spread_min"] for d in densities) / n_stretches
    x = f_density * spread / ((g_density + k_["everyday_prior"]) / k_["everyday_per_event"])
    score = x * x / (1.0 + x * x)
    lens = Lens(
        score=score,
        pole="k-drama" if score < 0.35 else "anime" if score > 0.65 else "between",
        fantastical=score,
        densities={k: v * 1000.0 / total for k, v in sorted(by_category.items())},
        exposition_density=fantastical_sentences / len(table.sentences) if table.sentences else 0,
        fantastical_per_10k=f_density,
        grounded_per_10k=g_density,
        spread=spread,
        stretches=n_stretches,
    )
    ranked = sorted(terms.values(), key=lambda t: (-t.weight, -t.count, t.term))
    for te in ranked:
        target = lens.fantastical_terms if te.category in lex.fantastical else lens.grounded_terms
        if len(target) < EVIDENCE_TERMS:
            target.append(te)
    lens.reason = _reason(lens, {k: v * 10000.0 / total for k, v in by_category.items()}, lex)
    _slow_burn(lens, table, thresholds)
    return lens


def _recurring(table: ScoredStory, per_sentence: list[list[Hit]], lex: LensLexicon) -> None:
    """The story's own impossible things, wherever they are named once they are established.

    A rule marked ``entity`` (or ``seed_only``) names a thing with its hits: an invented
    people ("the Selenites"), a land whose ruler is on no map of ours, a portrait that ages, a
    body a man wakes in. Named by at least ``min_hits`` hits, it is established; from then on
    each sentence that names it again, and holds no hit on it already, counts one hit of its
    category weighing ``weight``: the thing is present there (a reader knows what the
    Houyhnhnms are, or what the portrait does). A people (``people`` rules: "the Yahoos") is
    only one when the story also says "a Yahoo" and never "Mr. Yahoo" or a lower-case
    "yahoo"; a place is also named by the stem of its people's name ("Erewhon" of
    "Erewhonian") when the story writes it at least twice. A sentence that tells how they
    live there (``frame``: their laws, customs, beliefs, "in that country") weighs
    ``frame_weight``: the ethnography of an invented people is the invented world itself. A
    thing named only by ``framed_only`` rules (a land known by its ruler: "the King of X" may
    be a real X that no list has) recurs only in such sentences.
    """
    cfg = lex.recurring
    counts: dict[tuple[str, str], int] = {}
    need: dict[tuple[str, str], int] = {}
    people: set[tuple[str, str]] = set()  # named only by "people" rules
    plain: set[tuple[str, str]] = set()  # named by another rule too ("the Erewhonians")
    framed_only: set[tuple[str, str]] = set()  # named only by framed_only rules
    anywhere: set[tuple[str, str]] = set()
    for hits in per_sentence:
        for h in hits:
            if h.entity:
                key = (h.category, h.entity)
                counts[key] = counts.get(key, 0) + 1
                n = h.need or int(cfg["min_hits"])
                need[key] = min(need.get(key, n), n)
                (people if h.people else plain).add(key)
                (framed_only if h.framed_only else anywhere).add(key)
    established = {key for key, n in counts.items() if n >= need[key]}
    if not established:
        return
    blocks: dict[int, str] = {}
    for s in table.sentences:
        blocks.setdefault(id(s.block), s.block.text)
    whole = "\n".join(blocks.values())
    title_before = re.compile(rf"(?:{cfg['titles_before']})\.?\s+$")
    article_before = re.compile(r"\b[Aa]n?\s+$")
    candidates = sorted((people - plain) & established)
    before: dict[str, list[str]] = {e: [] for _, e in candidates}
    if candidates:  # one pass over the story for every candidate people
        alts = "|".join(re.escape(e) for e in sorted(before, key=len, reverse=True))
        for m in re.finditer(rf"\b(?:{alts})\b", whole):
            before[m.group()].append(whole[max(0, m.start() - 24) : m.start()])
    for key in candidates:
        x = re.escape(key[1])
        if (
            not any(article_before.search(b) for b in before[key[1]])
            or any(title_before.search(b) for b in before[key[1]])
            # a common noun is written lower case, not just once by a slip
            or len(re.findall(rf"\b{x.lower()}s?\b", whole)) * 10 > counts[key]
        ):
            established.discard(key)
    only_framed = {e for _, e in framed_only - anywhere}
    forms: dict[str, tuple[str, str]] = {}  # a written form -> (category, entity)
    form_end = cfg.get("form_end", "")  # what may follow a name ("s"; Korean: its particles)
    for cat, entity in sorted(established):
        forms[entity] = (cat, entity)
        if " " in entity and entity[0].isupper():
            forms.setdefault(entity.split()[-1], (cat, entity))  # "Edward Hyde": "Hyde"
        for ending in cfg.get("stem_endings", ()):
            if entity.endswith(ending) and len(entity) - len(ending) >= 3:
                for stem in (entity[: -len(ending)], entity[: -len(ending)] + "a"):
                    if len(re.findall(rf"\b{re.escape(stem)}{form_end}", whole)) >= 2:
                        forms.setdefault(stem, (cat, entity))
    if not forms:
        return

    def alternation(fs: list[str], flags: int) -> re.Pattern[str] | None:
        if not fs:
            return None
        alts = "|".join(re.escape(f) for f in sorted(fs, key=len, reverse=True))
        return re.compile(rf"\b(?P<f>{alts}){form_end}", flags)

    # a name is written as it is; a common noun ("portrait") in any case
    lower = {f.lower(): f for f in forms if not f[0].isupper()}
    rxs = [
        rx
        for rx in (
            alternation([f for f in forms if f[0].isupper()], 0),
            alternation(list(lower), re.IGNORECASE),
        )
        if rx is not None
    ]
    weight = float(cfg["weight"])
    frame = re.compile(cfg["frame"], re.IGNORECASE) if cfg.get("frame") else None
    frame_weight = float(cfg.get("frame_weight", weight))
    for s, hits in zip(table.sentences, per_sentence, strict=True):
        text = s.block.text
        done = {h.entity for h in hits if h.entity and not h.seed}
        framed: bool | None = None
        for m in (m for rx in rxs for m in rx.finditer(text, s.start, s.end)):
            form = m.group("f")
            cat, entity = forms.get(form) or forms[lower[form.lower()]]
            if entity in done:
                continue
            if framed is None:
                framed = frame is not None and frame.search(text, s.start, s.end) is not None
            if entity in only_framed and not framed:
                continue
            done.add(entity)
            w = (frame_weight if framed else weight) * lex.weights.get(cat, 1.0)
            hits.append(Hit(cat, entity, m.start(), m.end(), w, "", entity))


def _quote(table: ScoredStory, s: Sentence, h: Hit) -> Evidence:
    """Evidence quoting the sentence around a hit (a long sentence is cut near the term)."""
    a, b = s.start, s.end
    if b - a > 2 * QUOTE_CONTEXT + (h.end - h.start):
        text = s.block.text
        lo = max(a, h.start - QUOTE_CONTEXT)
        hi = min(b, h.end + QUOTE_CONTEXT)
        if lo > a:
            cut = text.find(" ", lo, h.start)
            lo = cut + 1 if cut >= 0 else lo
        if hi < b:
            cut = text.rfind(" ", h.end, hi)
            hi = cut if cut >= 0 else hi
        a, b = lo, hi
    return table.evidence(s, a, b)


def _reason(lens: Lens, per_10k: dict[str, float], lex: LensLexicon) -> str:
    """One line: the two densities, the spread, and the categories behind them."""

    def top(cats: frozenset[str]) -> str:
        ranked = sorted(((v, k) for k, v in per_10k.items() if k in cats), reverse=True)
        return ", ".join(f"{k.replace('_', ' ')} {v:.1f}" for v, k in ranked[:3]) or "none"

    return (
        f"{lens.fantastical_per_10k:.1f} fantastical events per 10k words "
        f"({top(lex.fantastical)}), in {lens.spread:.0%} of {lens.stretches} stretches; "
        f"{lens.grounded_per_10k:.0f} everyday terms per 10k words ({top(lex.grounded)})"
    )


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
