"""The cast as the analyses see it: characters, where each is on the page, who talks to whom.

Every language's cast builder (``analyze/cast.py`` for English, ``analyze/cast_ko.py`` for
Korean) fills these records; the couple scores are computed on them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dramaturg.analyze.coref import Mention
from dramaturg.story import Block, BlockKind, Part, Scene, Story
from dramaturg.text.count import count_words
from dramaturg.text.languages import get_language
from dramaturg.text.lexicon import compile_terms, load_lexicon

_SKIP = frozenset({BlockKind.NOTE, BlockKind.SECTION, BlockKind.SYNOPSIS, BlockKind.PAGE_BREAK})


_QUOTED = re.compile(r"“[^”]*”?|\"[^\"\n]*(?:\"|$)|‘[^’]*’(?!\w)")


@dataclass(slots=True)
class BlockRef:
    """A block with its place in the story: global position, scene, part, words before it."""

    g: int
    block: Block
    scene: Scene
    part: Part
    words_before: int
    words: int


def index_story(story: Story) -> list[BlockRef]:
    """Every countable block of the story in reading order, with its position."""
    out: list[BlockRef] = []
    total = 0
    for part in story.parts:
        for scene in part.scenes:
            for block in scene.blocks:
                if block.kind in _SKIP:
                    continue
                w = count_words(block.text)
                out.append(BlockRef(len(out), block, scene, part, total, w))
                total += w
    return out


@dataclass(slots=True)
class CastMember:
    """A character: canonical name, every form the draft uses, and how present they are."""

    name: str
    aliases: set[str] = field(default_factory=set)
    gender: str | None = None  # "f", "m" or None when the draft does not say
    mentions: int = 0
    dialogue_words: int = 0
    lines: int = 0
    scenes: set[int] = field(default_factory=set)
    blocks: list[int] = field(default_factory=list)  # global block positions where present

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": sorted(self.aliases - {self.name}),
            "gender": self.gender,
            "mentions": self.mentions,
            "dialogue_words": self.dialogue_words,
            "lines": self.lines,
            "scenes": sorted(self.scenes),
        }


@dataclass(slots=True)
class Cast:
    """The characters of a story and the index of where each one is on the page."""

    members: dict[str, CastMember]
    refs: list[BlockRef]
    present: list[frozenset[str]]  # per block: characters named in it or speaking in it
    named: list[dict[str, list[tuple[int, int]]]]  # per block: character -> name spans in text
    speakers: list[str | None]  # per block: the main speaker of its speech, if known
    talk: Counter[tuple[str, str]]  # sorted pair -> exchanges (adjacent turns, address by name)
    addressed: Counter[tuple[str, str]]  # (speaker, named in the speech) -> count
    focus: list[frozenset[str]] = field(default_factory=list)  # per block: met as a pronoun
    narrator: str | None = None  # the first-person narrator ("I"), when the prose has one
    _lookup: dict[str, str] = field(default_factory=dict)
    language: str = "en"
    # per block: every person word resolved to a character (analyze/coref.py)
    mentions: list[list[Mention]] = field(default_factory=list)
    # per block: its quoted speech as (start, end, speaker, listener)
    quotes: list[list[tuple[int, int, str | None, str | None]]] = field(default_factory=list)
    # per block of an epistolary book: whom the letter it belongs to is written to
    written_to: list[str | None] = field(default_factory=list)
    # what the analyses derive from the cast once and share (events, ...)
    cache: dict[object, object] = field(default_factory=dict)
    # per block of a book in several hands: the writer of its section, when the book names
    # them ("THE STORY CONTINUED BY MARIAN HALCOMBE"); empty for a book with one teller
    narrators: list[str | None] = field(default_factory=list)

    def narrator_at(self, g: int) -> str | None:
        """Who "I" is in block ``g``: its section's writer, else the book's narrator."""
        if g < len(self.narrators) and self.narrators[g]:
            return self.narrators[g]
        return self.narrator

    def resolve(self, name: str) -> str | None:
        """The canonical name for any name or alias (case- and title-insensitive).

        A name the draft never writes in full ("John Willoughby" where it says "Willoughby")
        goes to the most present character sharing most of its words.
        """
        key = _key(name)
        if key in self._lookup:
            return self._lookup[key]
        tokens = {t.casefold() for t in _NAME_TOKEN.findall(name)}
        best: tuple[int, int, str] | None = None
        for m in self.members.values():
            words = {t.casefold() for a in m.aliases | {m.name} for t in _NAME_TOKEN.findall(a)}
            overlap = len(tokens & words)
            if overlap:
                cand = (overlap, len(m.blocks) + m.lines, m.name)
                best = cand if best is None or cand > best else best
        return best[2] if best else None

    def on_page(self) -> dict[int, set[str]]:
        """Scene index -> the characters on the page in it: named, speaking, met as a
        pronoun or as "I" / "you" (analyze/coref.py)."""
        cached = self.cache.get("on_page")
        if isinstance(cached, dict):
            return cached
        out: dict[int, set[str]] = {}
        for r in self.refs:
            here = set(self.present[r.g])
            if r.g < len(self.focus):
                here |= self.focus[r.g]
            if r.g < len(self.mentions):
                here |= {x.who for x in self.mentions[r.g] if x.who}
            out.setdefault(r.scene.index, set()).update(here)
        self.cache["on_page"] = out
        return out

    def interactions(self, name: str) -> dict[str, int]:
        """Who this character talks with, and how often."""
        out: dict[str, int] = {}
        for (a, b), n in self.talk.items():
            if a == name:
                out[b] = out.get(b, 0) + n
            elif b == name:
                out[a] = out.get(a, 0) + n
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    def ranked(self) -> list[CastMember]:
        """Characters from most to least present."""
        return sorted(
            self.members.values(),
            key=lambda m: -(len(m.blocks) + m.lines + m.dialogue_words / 40),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "characters": [
                {**m.to_dict(), "interactions": self.interactions(m.name)} for m in self.ranked()
            ]
        }


_NAME_TOKEN = re.compile(r"[^\W\d_]+")


def _key(name: str) -> str:
    return re.sub(r"[\s.]+", " ", name).strip().casefold()


@dataclass(slots=True)
class _Lang:
    name_word: str
    honorifics: dict[str, str]
    pronouns: dict[str, re.Pattern[str]]
    stop: frozenset[str]
    speech_verbs: re.Pattern[str]
    place_words: frozenset[str]
    first_person: re.Pattern[str] | None
    narrator: str
    second_person: re.Pattern[str] | None = None


@lru_cache(maxsize=8)
def _lang(language: str) -> _Lang:
    lex = load_lexicon("cast", language)
    pron = {
        g: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
        for g, words in lex["pronouns"].items()
    }
    verbs = "|".join(re.escape(v) for v in sorted(lex["speech"]["verbs"], key=len, reverse=True))
    return _Lang(
        name_word=lex["name_word"],
        honorifics=dict(lex["honorifics"]),
        pronouns=pron,
        stop=frozenset(w.casefold() for w in lex["stopwords"]["words"]),
        speech_verbs=re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE),
        place_words=frozenset(w.casefold() for w in lex["places"]["before"]),
        first_person=compile_terms(fp)
        if (fp := lex.get("first_person", {}).get("words"))
        else None,
        narrator=lex.get("first_person", {}).get("label", "Narrator"),
        second_person=compile_terms(sp)
        if (sp := lex.get("second_person", {}).get("words"))
        else None,
    )


def speaker_counts(story: Story, refs: list[BlockRef]) -> Counter[str]:
    """Lines spoken per speaker (script cues, attributed prose speech), with every character
    the reader recorded present, even at zero."""
    spoken: Counter[str] = Counter()
    for r in refs:
        for u in r.block.speech():
            if u.speaker:
                spoken[u.speaker] += 1
    for ch in story.characters.values():
        spoken.setdefault(ch.name, 0)
    return spoken


def narrator_and_talk(
    refs: list[BlockRef],
    first_person: list[int],
    addressed: Counter[tuple[str, str]],
    members: dict[str, CastMember],
    present: list[frozenset[str]],
    turns: list[tuple[int, int, str]],
    lang: _Lang,
    known: str | None = None,
    sections: Sequence[str | None] = (),
) -> tuple[str | None, Counter[tuple[str, str]]]:
    """Put a first-person narrator on the page where the narration speaks as them, and count
    who talks to whom (adjacent turns in a scene, plus direct address). Shared by every
    language's cast builder; ``present`` and ``members`` are updated in place. ``sections``
    gives per block the writer of its section in a book told in several hands: there "I"
    is them, and the book's narrator only where no section names its writer."""
    prose = [r for r in refs if r.block.kind is BlockKind.PARAGRAPH]
    narrator: str | None = None
    own = [g for g in first_person if not (g < len(sections) and sections[g])]
    if known or (prose and len(own) >= 0.3 * len(prose)):
        narrator = known or _narrator(addressed, members, lang)
        members.setdefault(narrator, CastMember(narrator))
    touched: set[str] = set() if narrator is None else {narrator}
    for g in first_person:
        who = sections[g] if g < len(sections) and sections[g] else narrator
        if who is None:
            continue
        m = members.setdefault(who, CastMember(who))
        if who not in present[g]:
            present[g] = present[g] | {who}
            m.blocks.append(g)
            m.scenes.add(refs[g].scene.index)
            touched.add(who)
    for who in touched:
        members[who].blocks.sort()
    talk: Counter[tuple[str, str]] = Counter()
    for (s1, g1, a), (s2, g2, b) in zip(turns, turns[1:], strict=False):
        if s1 == s2 and a != b and g2 - g1 <= 3:
            talk[tuple(sorted((a, b)))] += 1  # type: ignore[index]
    for (a, b), n in addressed.items():
        talk[tuple(sorted((a, b)))] += n  # type: ignore[index]
    return narrator, talk


def _narrator(
    addressed: Counter[tuple[str, str]], members: dict[str, CastMember], lang: _Lang
) -> str:
    """Who "I" is: the character others address most, else the language's narrator label."""
    by_who: Counter[str] = Counter()
    for (_speaker, who), n in addressed.items():
        by_who[who] += n
    if by_who:
        who, n = by_who.most_common(1)[0]
        if n >= 3 and who in members:
            return who
    return lang.narrator


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans (quoted speech) blanked out, offsets kept."""
    chars = list(text)
    for a, e in spans:
        chars[a:e] = " " * (e - a)
    return "".join(chars)


def co_present(cast: Cast, g: int, a: str, b: str, window: int = 0) -> bool:
    """Both characters named or speaking within ``window`` blocks of block ``g`` in its scene."""
    scene = cast.refs[g].scene.index
    lo, hi = max(0, g - window), min(len(cast.refs) - 1, g + window)
    seen_a = seen_b = False
    for i in range(lo, hi + 1):
        if cast.refs[i].scene.index != scene:
            continue
        p = cast.present[i]
        seen_a = seen_a or a in p
        seen_b = seen_b or b in p
    return seen_a and seen_b


@lru_cache(maxsize=8)
def _voices(language: str) -> frozenset[str]:
    return frozenset(
        w.casefold() for w in load_lexicon("cast", language).get("voices", {}).get("words", [])
    )


@dataclass(frozen=True, slots=True)
class Introductions:
    """What the draft says of its characters as it brings them on: ages and relations."""

    ages: dict[str, int]
    children: frozenset[str]
    kin: frozenset[frozenset[str]]
    spouses: frozenset[frozenset[str]]


_CAPNAME = r"[A-Z][A-Za-z’'-]+(?:[ \t]+[A-Z][A-Za-z’'-]+)?"


@lru_cache(maxsize=4)
def _intro_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Any]]:
    data = load_lexicon("cast", language).get("introductions", {})
    words = sorted({*data.get("kin", []), *data.get("spouse", []), *data.get("young", [])})
    rel = "|".join(map(re.escape, sorted(words, key=len, reverse=True))) or r"(?!x)x"
    age = r"(?:(?P<age>\d{1,2})[- ]years?[- ]old\s+|(?P<age2>\d{1,2})[- ]year\s+)?"
    # "Joe's wife, KATE" / "his 7 year-old son, MATTHEW" / "her brother Tom"
    related = re.compile(
        # (a name begins a word: tried inside a long run of capitals, it would be quadratic)
        rf"(?:(?<![A-Za-z’'-])(?P<owner>{_CAPNAME})['’]s|\b(?P<pron>[Hh]is|[Hh]er|[Tt]heir))\s+{age}"
        rf"(?P<rel>{rel})\b,?\s+(?P<who>{_CAPNAME})"
    )
    # "MATTHEW (7)", "Matthew, 7," (a name begins where no name letter stands before it: from
    # every "\b" of "A-A-A-..." the name would be read again to the end of the run)
    aged = re.compile(
        rf"(?<![A-Za-z’'-])(?P<who>{_CAPNAME})\s*(?:\((?P<age>\d{{1,2}})\)|,\s*(?P<age2>\d{{1,2}})[,.])"
    )
    return related, aged, data


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4)
def _relation_words(language: str) -> re.Pattern[str]:
    data = load_lexicon("cast", language).get("introductions", {})
    words = sorted({*data.get("kin", []), *data.get("spouse", []), *data.get("young", [])})
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b" if words else r"(?!x)x")


def introductions(cast: Cast) -> Introductions:
    """Ages and relations the draft states as it introduces its people (cached per cast).

    Read from narration and action, never from speech: "MATTHEW (7)", "his 7 year-old son,
    MATTHEW" (his: the nearest person named before it in the sentence), "Joe's wife, KATE".
    Only names that are characters of the cast count.
    """
    cached = cast.cache.get("introductions")
    if isinstance(cached, Introductions):
        return cached
    related, aged, data = _intro_patterns(cast.language)
    rel_word = _relation_words(cast.language)
    kin_words = set(data.get("kin", []))
    spouse_words = set(data.get("spouse", []))
    young_words = set(data.get("young", []))
    adult = int(data.get("adult_age", 16))
    ages: dict[str, int] = {}
    children: set[str] = set()
    kin: set[frozenset[str]] = set()
    spouses: set[frozenset[str]] = set()

    def who(name: str | None) -> str | None:
        return cast._lookup.get(_key(name)) if name else None

    for r in cast.refs:
        b = r.block
        if b.kind not in (BlockKind.ACTION, BlockKind.PARAGRAPH):
            continue
        text = b.text
        digits = _DIGIT.search(text) is not None
        if not digits and not rel_word.search(text):
            continue
        for m in aged.finditer(text) if digits else ():
            w = who(m.group("who"))
            n = m.group("age") or m.group("age2")
            if w and n:
                ages.setdefault(w, int(n))
        for m in related.finditer(text):
            w = who(m.group("who"))
            if not w:
                continue
            rel = m.group("rel").casefold()
            n = m.group("age") or m.group("age2")
            if n:
                ages.setdefault(w, int(n))
            if rel in young_words:
                children.add(w)
            owner = who(m.group("owner"))
            if owner is None and m.group("pron"):
                before = text[max(0, text.rfind(".", 0, m.start()) + 1) : m.start()]
                names = [who(x) for x in re.findall(_CAPNAME, before)]
                # "his" is a man's, "her" a woman's: the nearest one named before it
                want = {"his": "m", "her": "f"}.get(m.group("pron").casefold())
                owner = next(
                    (
                        x
                        for x in reversed(names)
                        if x and x != w and (want is None or cast.members[x].gender == want)
                    ),
                    None,
                )
            if owner is None or owner == w:
                continue
            pair = frozenset((owner, w))
            if rel in spouse_words:
                spouses.add(pair)
            elif rel in kin_words:
                kin.add(pair)
    children |= {w for w, n in ages.items() if n < adult}
    out = Introductions(ages, frozenset(children), frozenset(kin), frozenset(spouses))
    cast.cache["introductions"] = out
    return out


def _is_voice(name: str, voices: frozenset[str]) -> bool:
    """Is every word of the name (articles aside) a device or a voice word?"""
    words = [
        w
        for w in re.split(r"[\s(),.'’#\d]+", name.casefold())
        if w and w not in ("a", "an", "the", "man", "woman", "s")
    ]
    return bool(words) and all(w in voices for w in words)


# a wife's title: "Lady Blakeney" to "Sir Percy Blakeney", "Mrs. Harker" to Jonathan Harker
_WIFE_TITLES = frozenset({"mrs", "lady", "madame", "mme", "frau", "señora", "signora"})
_MAIDEN_TITLES = frozenset({"miss", "mademoiselle", "mlle", "fräulein", "señorita", "signorina"})


def _shared_name(x: CastMember, y: CastMember) -> float:
    """How much a shared family name makes two people kin rather than lovers: a father and
    daughter, a brother and sister (0.15); but a woman who bears the name as "Mrs." or "Lady"
    (and never as "Miss") may be his wife as well as his mother (0.5); no shared name, 1."""
    shared = _surnames(x) & _surnames(y)
    if not shared:
        return 1.0
    for woman in (x, y):
        if woman.gender != "f":
            continue
        forms = [a.replace(".", " ").split() for a in woman.aliases | {woman.name}]
        by_name = [f for f in forms if len(f) >= 2 and f[-1].casefold() in shared]
        # ("Lady Blakeney" is also "Marguerite Blakeney"; a daughter or sister of the name is
        # "Miss", never "Mrs.")
        titles = {f[0].casefold() for f in by_name}
        if titles & _WIFE_TITLES and not titles & _MAIDEN_TITLES:
            return 0.5
    return 0.15


def _surnames(m: CastMember) -> set[str]:
    """The family names a character goes by: the last word of every name of two words or more
    (``Mr. Gibson``, ``Molly Gibson``), titles aside."""
    out = set()
    for a in m.aliases | {m.name}:
        words = a.replace(".", " ").split()
        if len(words) >= 2 and words[-1][:1].isupper():
            out.add(words[-1].casefold())
    return out


@dataclass(slots=True)
class CoupleScore:
    """Why a pair reads as the story's couple: the evidence behind the score."""

    pair: tuple[str, str]
    shared_blocks: int
    talk: int
    romantic: int
    spread: float
    late: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": list(self.pair),
            "shared_blocks": self.shared_blocks,
            "talk": self.talk,
            "romantic": self.romantic,
            "spread": round(self.spread, 3),
            "late": self.late,
            "score": round(self.score, 2),
        }


def _letter_starts(cast: Cast) -> list[tuple[str, int]]:
    """(correspondent, first block) of every letter of an epistolary book."""
    out = []
    prev: str | None = None
    for g, w in enumerate(cast.written_to):
        if w and (w != prev or (g and cast.refs[g].part.index != cast.refs[g - 1].part.index)):
            out.append((w, g))
        prev = w
    return out


def _written(cast: Cast, x: str, y: str) -> set[int]:
    """The first block of each letter the narrator (one of ``x``, ``y``) writes to the other."""
    if not cast.written_to or cast.narrator not in (x, y):
        return set()
    other = y if cast.narrator == x else x
    return {g for w, g in _letter_starts(cast) if w == other}


def couple_scores(
    cast: Cast,
    romantic: list[int],
    resolving: list[int] | None = None,
    top: int = 10,
    involved: list[int] | None = None,
    touched: list[list[frozenset[str | None]]] | None = None,
) -> list[CoupleScore]:
    """Score the pairs of leading characters as the main romantic couple, best first.

    Evidence: how often both share a block, how much they talk to each other, how much
    romantic vocabulary sits in the blocks they share (weighted to the last quarter, where a
    romance resolves), how evenly that spreads over the parts, whether the last quarter holds
    a resolving threshold (``resolving``: per block, acceptance/proposal phrases), how central
    the two are (the protagonist is usually half of the couple), and a gender prior (a mixed
    pair scores higher; a same-sex couple still wins when the evidence for it is strong).
    """
    resolving = resolving if resolving is not None else [0] * len(cast.refs)
    # ``involved``: per block, the love words of the sentences its "I" stands in (or of the
    # speech they say or hear); for a pair with the narrator only those count: an "I" who
    # tells of two others' love (a housekeeper, a visiting cousin) is no lover for it
    own = involved if involved is not None else romantic
    voices = _voices(cast.language)
    capitalised = get_language(cast.language).capitalised_names
    tellers = {n for n in cast.narrators if n}
    leads = [
        m
        for m in cast.ranked()
        if m.gender is not None
        or m.lines > 0
        or m.name == cast.narrator
        or m.name in tellers
        # Korean names come from cues and endings, not capitals: a named regular is a lead
        or (not capitalised and len(m.blocks) >= 3)
    ]
    # the letters of an epistolary book are written to someone: a correspondent greeted in
    # letters of some length is a lead even when the text never says "he" or "she" of them
    letters = Counter(w for w, g in _letter_starts(cast))
    leads = [m for m in cast.ranked() if m in leads or letters[m.name] >= 3]
    # a device or an unseen voice ("INTERCOM", "A VOICE") is no one's lover, nor a child
    intro = introductions(cast)
    # (the "I" of a first-person novel is its teller, not a voice over, even when the text
    # never names them and the cast calls them "Narrator")
    leads = [
        m
        for m in leads
        if (m.name == cast.narrator or m.name in tellers or not _is_voice(m.name, voices))
        and m.name not in intro.children
    ]
    leads = leads[:top]
    most = max((len(m.blocks) for m in leads), default=1) or 1
    elder_titles = set(_intro_patterns(cast.language)[2].get("elder_titles", []))
    # the title before the name ("Aunt Jessie") or after it ("순자 이모"), or alone ("할머니")
    elder = {m.name for m in leads if any(w.casefold() in elder_titles for w in m.name.split())}
    refs = cast.refs
    nparts = len({r.part.index for r in refs}) or 1
    total = max(1, refs[-1].words_before + refs[-1].words) if refs else 1
    scores = []
    for i, x in enumerate(leads):
        bx = set(x.blocks)
        for y in leads[i + 1 :]:
            together = bx.intersection(y.blocks)
            # the narrator writing a letter to a correspondent: one exchange between the two
            # (its words of love count only where it names the other: "with love" closes a
            # letter to a friend as well)
            written = _written(cast, x.name, y.name)
            shared = sorted(together | written)
            if not shared:
                continue
            mine = sorted(together)
            tells = {x.name, y.name}
            if touched is not None:
                # a love word in a block the two share counts for them unless it is of
                # someone else: of a third and neither of them, or of one of them and a
                # third ("Laura's love for Glyde" is not her sister's, though the sister is
                # in the room); words of nobody in particular count as before
                love = [
                    own[g]
                    if cast.narrator_at(g) in tells
                    else sum(1 for t in touched[g] if tells <= t or not t - tells - {None})
                    for g in mine
                ]
            else:
                love = [own[g] if cast.narrator_at(g) in tells else romantic[g] for g in mine]
            rom = sum(love)
            late = sum(
                n for g, n in zip(mine, love, strict=True) if refs[g].words_before > 0.75 * total
            )
            res = sum(resolving[g] for g in mine if refs[g].words_before > 0.75 * total)
            central = (len(x.blocks) + len(y.blocks)) / most
            parts = {refs[g].part.index for g in mine if romantic[g]}
            spread = len(parts) / nparts
            talk = cast.talk.get(tuple(sorted((x.name, y.name))), 0)  # type: ignore[call-overload]
            # a father and daughter, a brother and sister share a family name: kin, not lovers
            kin = _shared_name(x, y)
            pair_set = frozenset((x.name, y.name))
            if pair_set in intro.kin or elder & pair_set:
                kin = 0.15  # "his son, MATTHEW", "Aunt Janet": the draft says so
            elif pair_set in intro.spouses:
                kin = 2.0  # "Joe's wife, KATE": a couple already
            if {x.gender, y.gender} == {"m", "f"}:
                mixed = 2.0
            elif x.gender is not None and x.gender == y.gender:
                mixed = 0.35
            else:
                mixed = 1.0
            score = (
                (1 + rom + late) ** 0.7
                * (1 + talk) ** 0.3
                * (1 + len(shared)) ** 0.3
                * (0.25 + spread)
                * (1 + res) ** 0.3
                * central
                * mixed
                * kin
            )
            scores.append(
                CoupleScore(
                    tuple(sorted((x.name, y.name), key=lambda n: -len(cast.members[n].blocks))),  # type: ignore[arg-type]
                    len(shared),
                    talk,
                    rom,
                    spread,
                    late,
                    score,
                )
            )
    scores.sort(key=lambda s: -s.score)
    return scores


@dataclass(frozen=True)
class _Descriptions:
    nouns: dict[str, str]  # person noun -> gender
    naming: tuple[re.Pattern[str], ...]
    reach: int


@lru_cache(maxsize=8)
def _descriptions(language: str) -> _Descriptions:
    data = load_lexicon("cast", language).get("descriptions", {})
    nouns = {n: g for g in ("f", "m") for n in data.get(g, [])}
    if not nouns or not data.get("naming"):
        return _Descriptions({}, (), 0)
    d = (
        "(?P<d>(?:[a-z]+ )?(?:"
        + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
        + "))"
    )
    n = r"(?P<n>[A-Z][a-z]+(?:[ \t\n]+[A-Z][a-z]+){0,2})"
    alts = [f.replace("{d}", d, 1).replace("{n}", n, 1) for f in data["naming"]]
    return _Descriptions(nouns, tuple(map(re.compile, alts)), int(data.get("reach", 3)))


def described_before_named(
    refs: list[BlockRef], lookup: dict[str, str], language: str
) -> dict[int, list[tuple[int, int, str, str]]]:
    """Spans (start, end, who, the noun's gender) per block where a person noun stands for someone the text names only later:
    "the girl" in the chapters before "the girl's name was Bathsheba Everdene", and to the
    end of that chapter. The naming must be where the name first appears, and the words count
    only in narration of blocks that name nobody else of that gender."""
    desc = _descriptions(language)
    if not desc.naming:
        return {}
    out: dict[int, list[tuple[int, int, str, str]]] = {}
    for g, r in enumerate(refs):
        text = r.block.text
        if "name" not in text and "call" not in text:
            continue
        for m in (m for p in desc.naming for m in p.finditer(text)):
            named = _longest_name(m.groupdict().get("n") or "", lookup)
            noun = (m.group("d") or "").split()
            if not named or not noun:
                continue
            who, surfaces = named
            head = noun[-1] if noun[-1] in desc.nouns else " ".join(noun[-2:])
            gender = desc.nouns.get(head) or desc.nouns.get(" ".join(noun[-2:]))
            if gender is None:
                continue
            # the name is new here: no block before this one holds it
            if any(s in refs[i].block.text.casefold() for i in range(g) for s in surfaces):
                continue
            words = sorted((n for n, ng in desc.nouns.items() if ng == gender), key=len)
            pattern = re.compile(
                r"\b[Tt]he (?:[a-z]+ )?(?:"
                + "|".join(re.escape(w) for w in reversed(words))
                + r")\b(?!['’]s name)"
            )
            first_part = r.part.index - desc.reach
            for i in range(g, -1, -1):
                if refs[i].part.index < first_part:
                    break
                _mark(out, i, refs[i].block.text, pattern, who, gender)
            for i in range(g + 1, len(refs)):
                if refs[i].part.index != r.part.index:
                    break
                _mark(out, i, refs[i].block.text, pattern, who, gender)
    return out


def _mark(
    out: dict[int, list[tuple[int, int, str, str]]],
    g: int,
    text: str,
    pattern: re.Pattern[str],
    who: str,
    gender: str,
) -> None:
    for m in pattern.finditer(text):
        out.setdefault(g, []).append((m.start(), m.end(), who, gender))


def _longest_name(words: str, lookup: dict[str, str]) -> tuple[str, list[str]] | None:
    parts = words.split()
    for k in range(len(parts), 0, -1):
        who = lookup.get(" ".join(parts[:k]).casefold())
        if who:
            surfaces = [s for s, n in lookup.items() if n == who]
            return who, surfaces
    return None


def _titled_holder(words: str, lookup: dict[str, str]) -> str | None:
    """The character a titled name ("Dr. Robin MacRae") is, by its longest known beginning."""
    parts = _key(words).split()
    for k in range(len(parts), 1, -1):
        who = lookup.get(" ".join(parts[:k]))
        if who:
            return who
    return None


@dataclass(frozen=True)
class _Roles:
    titles: dict[str, tuple[str, ...]]  # title -> the nouns of its calling
    determiners: tuple[str, ...]
    capitalised: frozenset[str]  # nouns that are also adjectives: only "the General" counts
    dominance: float


@lru_cache(maxsize=8)
def _roles(language: str) -> _Roles:
    data = load_lexicon("cast", language).get("roles", {})
    dets = tuple(data.get("determiners", ()))
    titles: dict[str, tuple[str, ...]] = {}
    for title, noun in data.get("callings", ()):
        titles[title] = (*titles.get(title, ()), noun)
    caps = frozenset(data.get("capitalised", ()))
    return _Roles(titles if dets else {}, dets, caps, float(data.get("dominance", 0.75)))


_TITLED_NAME = r"(?P<n>[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+)?)"


def role_callings(
    refs: list[BlockRef], lookup: dict[str, str], language: str
) -> dict[int, list[tuple[int, int, str]]]:
    """Spans (start, end, who) per block where a calling stands for the one character who
    bears its title: "the doctor" / "our doctor" for Dr. MacRae, "the Colonel" for Colonel
    Brandon. Only when nearly every "Dr. ..." of the text is that person, and no other name is
    set beside the noun anywhere ("Mr. Hall the doctor", "the doctor, Mr. Gibson")."""
    roles = _roles(language)
    if not roles.titles:
        return {}
    texts = [r.block.text for r in refs]
    joined = "\n".join(texts)
    holders: dict[str, str] = {}  # noun -> who
    for title, nouns in roles.titles.items():
        if title not in joined:
            continue
        counts: Counter[str | None] = Counter()
        for m in re.finditer(rf"\b{re.escape(title)}\.?[ \t]+{_TITLED_NAME}", joined):
            counts[_titled_holder(f"{title} {m.group('n')}", lookup)] += 1
        bearers = [(w, n) for w, n in counts.most_common() if w is not None]
        if not bearers:
            continue
        who, n = bearers[0]
        if n < 2 or n < roles.dominance * sum(counts.values()):
            continue
        for noun in nouns:
            if holders.get(noun, who) != who:
                holders[noun] = ""  # two titles' holders share a calling: nobody's
            else:
                holders[noun] = who
    holders = {k: v for k, v in holders.items() if v}
    if not holders:
        return {}
    dets = "|".join(re.escape(d) for d in roles.determiners)
    out: dict[int, list[tuple[int, int, str]]] = {}
    for noun, who in holders.items():
        word = re.escape(noun)
        cased = (
            f"{word[0].upper()}{word[1:]}"
            if noun in roles.capitalised
            else f"[{word[0]}{word[0].upper()}]{word[1:]}"
        )
        pattern = re.compile(rf"\b(?:{dets}|{dets.title()})[ \t]+{cased}\b(?!['’]s\b)")
        beside = re.compile(
            rf"(?:\b(?P<a>[A-Z][\w’'-]+),?[ \t]+(?:{dets})[ \t]+{cased}\b(?!['’]s\b))"
            rf"|(?:\b(?:{dets}|{dets.title()})[ \t]+{cased},?[ \t]+(?P<b>[A-Z][\w’'-]+))",
        )
        honor = re.compile(r"\b[A-Z][a-z]{1,3}\.?[ \t]+$")
        other = False
        for m in beside.finditer(joined):
            beside_who = lookup.get(_key(m.group("a") or m.group("b") or ""))
            titled = m.group("a") and honor.search(joined, max(0, m.start() - 6), m.start())
            if beside_who != who and (beside_who or titled):
                other = True
                break
        if other:
            continue
        for g, text in enumerate(texts):
            if noun not in text.casefold():
                continue
            for m in pattern.finditer(text):
                out.setdefault(g, []).append((m.start(), m.end(), who))
    return out


@lru_cache(maxsize=8)
def nickname_frames(language: str) -> tuple[re.Pattern[str], ...]:
    """The frames that give someone already on the page another name (cast.toml [nicknames])."""
    data = load_lexicon("cast", language).get("nicknames", {})
    p = r"(?P<p>him|her)"
    n = r"(?P<n>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    return tuple(
        re.compile(f.replace("{p}", p, 1).replace("{n}", n, 1)) for f in data.get("frames", [])
    )
