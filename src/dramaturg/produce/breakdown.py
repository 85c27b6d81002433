"""Script breakdown: what every scene needs on the day it is shot.

A first AD reads each scene and circles its elements: who is in it, where and when it
happens, how long it runs (in eighths of a page), and what the departments must bring
(props, wardrobe, vehicles, animals, effects, stunts, extras). :func:`breakdown` does the
same for a :class:`~dramaturg.story.Story`. The element words live in a data file
(``data/breakdown_<lang>.toml``); elements tagged by hand in Fountain notes
(``[[prop: umbrella]]``, ``[[wardrobe: Seo-yun: red scarf]]``, ``[[cast: HALMEONI]]``) are
always added.

>>> from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story
>>> sp = Span("ep1.fountain", 1, 1)
>>> sc = Scene("EXT. BUS STOP - NIGHT", sp, [Block(BlockKind.ACTION, "Rain. Ji-ho opens an umbrella.", sp)])
>>> st = Story("t", [Part("episode", 1, "", sp, [sc])]).reindex()
>>> b = breakdown(st).scenes[0]
>>> (b.location, b.time_of_day, b.props, b.sfx, b.eighths)
('BUS STOP', 'NIGHT', ['umbrella'], ['rain'], 1)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from dramaturg.pages import eighths as page_eighths
from dramaturg.pages import format_eighths
from dramaturg.produce.on_set import (
    NamePattern,
    absent,
    callers,
    cast_patterns,
    crowd_speaker,
    depicted,
    is_voice,
    on_screen_text,
    read_out,
)
from dramaturg.story import BlockKind, Scene, Story
from dramaturg.text.languages import find_language, get_language
from dramaturg.text.sentences import sentence_spans
from dramaturg.text.time_of_day import TimeWords, time_words

__all__ = [
    "Breakdown",
    "CastMember",
    "SceneBreakdown",
    "breakdown",
    "format_eighths",
    "parse_heading",
    "page_eighths",
    "ELEMENT_CATEGORIES",
]

#: element categories found in action lines, in the order a breakdown sheet lists them
ELEMENT_CATEGORIES = ("extras", "props", "wardrobe", "vehicles", "animals", "sfx", "vfx", "stunts")
ELEMENTS_FOUND = ELEMENT_CATEGORIES

# how a note tag's key maps to a breakdown field
_TAG_FIELDS = {
    "prop": "props",
    "props": "props",
    "wardrobe": "wardrobe",
    "costume": "wardrobe",
    "vehicle": "vehicles",
    "vehicles": "vehicles",
    "car": "vehicles",
    "animal": "animals",
    "animals": "animals",
    "sfx": "sfx",
    "fx": "sfx",
    "vfx": "vfx",
    "stunt": "stunts",
    "stunts": "stunts",
    "extra": "extras",
    "extras": "extras",
    "background": "extras",
    "cast": "cast",
    "injury": "injuries",
    "injuries": "injuries",
    "makeup": "injuries",
    "note": "notes",
    "notes": "notes",
}
# fields whose items may belong to one character (continuity)
_PERSONAL = ("wardrobe", "props", "injuries")


@dataclass
class SceneBreakdown:
    """One breakdown sheet: a scene and everything it needs.

    ``ref`` is unique across a series (``"12"``, or ``"3-12"`` for episode 3 scene 12).
    ``day_night`` is ``DAY`` or ``NIGHT`` (strip colour, night-shoot grouping);
    ``time_of_day`` is the time as the heading says it. ``cast`` is everyone on set (speaking
    and named non-speaking); ``continuity`` maps a character to the wardrobe, props and
    injuries attributed to them in this scene.
    """

    index: int
    ref: str
    number: str
    part: int
    part_title: str
    heading: str
    int_ext: str
    location: str
    set: str | None
    time_of_day: str
    day_night: str
    story_day: int
    flashback: bool
    eighths: int
    cast: list[str] = field(default_factory=list)
    speaking: list[str] = field(default_factory=list)
    non_speaking: list[str] = field(default_factory=list)
    voice_only: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    props: list[str] = field(default_factory=list)
    wardrobe: list[str] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)
    animals: list[str] = field(default_factory=list)
    sfx: list[str] = field(default_factory=list)
    vfx: list[str] = field(default_factory=list)
    stunts: list[str] = field(default_factory=list)
    injuries: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    continuity: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    synopsis: str = ""
    file: str = ""
    line: int = 0

    @property
    def pages(self) -> str:
        """The length as printed on a strip: ``1 3/8``."""
        return format_eighths(self.eighths)

    @property
    def is_exterior(self) -> bool:
        return "EXT" in self.int_ext


@dataclass
class CastMember:
    """A cast list row: industry cast number (1 = most scenes), name, scenes, eighths."""

    id: int
    name: str
    scenes: int
    eighths: int


@dataclass
class Breakdown:
    """The breakdown of a whole script or series."""

    title: str
    scenes: list[SceneBreakdown]
    cast: list[CastMember]

    @property
    def locations(self) -> list[str]:
        """Locations in order of first appearance."""
        return list(dict.fromkeys(s.location for s in self.scenes))

    @property
    def total_eighths(self) -> int:
        return sum(s.eighths for s in self.scenes)

    def cast_id(self, name: str) -> int:
        for c in self.cast:
            if c.name == name:
                return c.id
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record: ``title``, ``scenes`` (every field), ``cast``, totals."""
        scenes = []
        for s in self.scenes:
            d = asdict(s)
            d["pages"] = s.pages
            scenes.append(d)
        return {
            "title": self.title,
            "scenes": scenes,
            "cast": [asdict(c) for c in self.cast],
            "locations": self.locations,
            "total_eighths": self.total_eighths,
            "total_pages": format_eighths(self.total_eighths),
        }


# -- the lexicon --------------------------------------------------------------------------


@dataclass
class _Category:
    pattern: re.Pattern[str]
    canon: dict[str, str]


@dataclass
class Lexicon:
    """The breakdown words of one language, compiled from ``data/breakdown_<lang>.toml``."""

    categories: dict[str, _Category]
    all_terms: dict[str, str]  # every term -> its category (to settle "glasses" vs "glass")
    times: TimeWords
    new_day: list[str]
    same_day: list[str]
    flashback: list[str]
    neutral: list[str]
    not_names: set[str]
    weather: set[str]
    word_end: str = r"(?![\w-])"  # what may follow a name or element (Korean: a particle)
    new_day_patterns: list[re.Pattern[str]] = field(default_factory=list)
    same_day_patterns: list[re.Pattern[str]] = field(default_factory=list)
    era_patterns: list[re.Pattern[str]] = field(default_factory=list)
    present: set[str] = field(default_factory=set)
    transitions: re.Pattern[str] | None = None
    shot_openers: list[str] = field(default_factory=list)
    shot_endings: list[str] = field(default_factory=list)
    screen_shots: re.Pattern[str] | None = None
    screen_element: str = "screen insert"
    voice_extensions: set[str] = field(default_factory=set)
    voice_speakers: set[str] = field(default_factory=set)
    depicted_after: list[str] = field(default_factory=list)
    person_nouns: set[str] = field(default_factory=set)
    crowd_nouns: set[str] = field(default_factory=set)
    body_words: set[str] = field(default_factory=set)
    absent_after: list[str] = field(default_factory=list)
    absent_before: list[str] = field(default_factory=list)
    call_words: set[str] = field(default_factory=set)
    not_elements: re.Pattern[str] | None = None
    simile: re.Pattern[str] | None = None
    depicted_elements: re.Pattern[str] | None = None  # "a photo of ..." (what it shows)
    containers: re.Pattern[str] | None = None  # "a bag of", "two cans of" before a prop
    container_words: set[str] = field(default_factory=set)
    part_of: re.Pattern[str] | None = None  # "some of the old ladies": of a group on set
    generic_crowd: set[str] = field(default_factory=set)  # "the audience" names no new group
    handled: re.Pattern[str] | None = None  # "picks up a stone": what a hand takes is a prop
    worn: re.Pattern[str] | None = None  # "wearing a tattered tunic": what is worn is wardrobe
    not_worn: set[str] = field(default_factory=set)  # "wears a smile", "puts on a show"
    not_objects: set[str] = field(default_factory=set)  # "takes a step", "opens the door"
    np_stops: set[str] = field(default_factory=set)  # words that end the thing's name
    quantities: set[str] = field(default_factory=set)  # "a pair of": the thing follows
    vehicle_kinds: dict[str, set[str]] = field(default_factory=dict)  # "car": lexus, vw, ...
    dressings: set[str] = field(default_factory=set)  # "bandage": covers a wound
    wounds: set[str] = field(default_factory=set)  # "burn", "cut": what a dressing covers
    animal_compounds: set[str] = field(default_factory=set)  # "chicken delivery", "fish soup"
    animal_food: set[str] = field(default_factory=set)  # "fried chicken", "grilled fish"
    reader_note: re.Pattern[str] | None = None  # "**Note: ...**": to the reader, not action
    read_aloud: list[str] = field(default_factory=list)  # "the phone reads aloud:" a device
    screen_action: re.Pattern[str] | None = None  # "his phone displays ...": a screen insert
    quantified: re.Pattern[str] | None = None  # "many other PATRONS": a group, not the cast
    same_name_words: set[str] = field(default_factory=set)  # "YOUNG BOB" is not "BOB"
    subjects: set[str] = field(default_factory=set)  # "she": the word after is her verb

    def is_time(self, text: str) -> bool:
        return self.times.is_time(text)

    def is_new_day(self, text: str) -> bool:
        return text in self.new_day or any(p.match(text) for p in self.new_day_patterns)

    def is_same_day(self, text: str) -> bool:
        if self.is_new_day(text):
            return False
        return (
            text in self.same_day
            or text.endswith(" LATER")
            or any(p.match(text) for p in self.same_day_patterns)
        )

    def era(self, text: str) -> str | None:
        """``PRESENT`` for a present-day tag, the tag for another era (``1973``), else None."""
        if text in self.present:
            return "PRESENT"
        return text if any(p.match(text) for p in self.era_patterns) else None

    def is_cue(self, text: str) -> bool:
        return (
            self.is_new_day(text)
            or self.is_same_day(text)
            or text in self.flashback
            or text in self.neutral
            or self.era(text) is not None
        )


_NOUN_END = r"(?:s|es)?"
_ES_AFTER = ("s", "x", "z", "ch", "sh", "o")
_VERB_END = r"(?:[bdgkmnprt]?(?:ed|ing)|s|es|d)?"


def _verb_object(
    verbs: list[str], determiners: list[str], particle: str = ""
) -> re.Pattern[str] | None:
    """A verb of the list, an optional particle, a determiner, and the noun phrase after it
    (``np``, up to three words): "picks up the old lamp", "wearing a tattered kilt"."""
    if not verbs:
        return None
    alternatives = "|".join(
        re.escape(v).replace(r"\ ", r"\s+") for v in sorted(verbs, key=len, reverse=True)
    )
    return re.compile(
        rf"(?<![\w-])(?:{alternatives})\s+{particle}(?:{'|'.join(determiners)})"
        r"\s+(?P<np>[\w'-]+(?:\s+[\w'-]+){0,2})",
        re.IGNORECASE,
    )


@cache
def lexicon(language: str = "en") -> Lexicon:
    """The compiled lexicon for ``language`` (English when there is no data file for it)."""
    lang = find_language(language)
    own = lang.data_file("breakdown") if lang is not None else None
    data = own if own is not None else get_language("en").data_file("breakdown") or {}
    # Korean words carry their particles: 우산을, 비가, 서윤은
    particles = (
        _particles(language) if lang is not None and own is not None and lang.eojeol_terms else []
    )
    word_end = r"(?![\w-])"
    if particles:
        word_end = "(?:" + "|".join(map(re.escape, particles)) + r")?(?![\w-])"
    modifiers = sorted(data.get("modifiers", {}).get("words", []), key=len, reverse=True)
    mod_alt = "|".join(re.escape(m) for m in modifiers) or "(?!)"
    categories: dict[str, _Category] = {}
    all_terms: dict[str, str] = {}
    for name in (*ELEMENT_CATEGORIES, "injuries"):
        table = data.get(name, {})
        canon: dict[str, str] = {}
        for term in table.get("terms", []):
            canon[term.lower()] = term.lower()
            all_terms.setdefault(term.lower(), name)
        for variant, term in table.get("variants", {}).items():
            canon[variant.lower()] = term.lower()
            all_terms.setdefault(variant.lower(), name)
        exact = {v.lower() for v in table.get("context_variants", [])}
        # "face is flushed" -> "flushed": a phrase that stands for an element only as written
        context = {k.lower(): v.lower() for k, v in table.get("context_terms", {}).items()}
        exact |= set(context)
        stems = {k.lower(): v.lower() for k, v in table.get("stems", {}).items()}
        canon.update(stems)
        end = _VERB_END if table.get("inflect") == "verb" else _NOUN_END
        if particles:
            end = ""
        words = sorted(canon, key=len, reverse=True)
        alt = "|".join(re.escape(w) for w in words) or "(?!)"
        exact_alt = "|".join(re.escape(w) for w in sorted(exact, key=len, reverse=True))
        for phrase in exact:
            # "a cut" / "cut on" stand for the bare wound word they contain
            canon[phrase] = context.get(phrase) or next(
                (t for t in ("cut",) if t in phrase.split()), phrase
            )
        body = f"(?P<word>(?P<term>{alt}){end})"
        if exact_alt:
            body = f"(?:(?P<exact>{exact_alt})|{body})"
        body += word_end
        if stems:
            stem_alt = "|".join(re.escape(w) for w in sorted(stems, key=len, reverse=True))
            body = f"(?:(?P<stem>{stem_alt})|{body})"
        # every term and modifier begins with a letter or digit: a position that holds none
        # is passed at once, not tried against each of the hundreds of terms (a line of
        # 26,000 "<#" took 10 s in breakdown)
        pattern = re.compile(
            rf"(?<![\w-])(?=\w)(?P<mods>(?:(?:{mod_alt})[\s-]+){{0,2}}){body}", re.IGNORECASE
        )
        categories[name] = _Category(pattern, canon)
    cues = data.get("story_day_cues", {})
    cast = data.get("cast", {})
    person = {w.lower() for w in cast.get("person_nouns", [])}
    # an extra is a person too: a capitalised "NURSE" is a bit part, "NURSES" are extras
    person |= {t for t, c in all_terms.items() if c == "extras" and " " not in t}

    def patterns(key: str) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in cues.get(key, [])]

    def optional(text: str | None, flags: int = 0) -> re.Pattern[str] | None:
        return re.compile(text, flags) if text else None

    blockers = data.get("not_elements", {}).get("phrases", [])
    containers = data.get("props", {}).get("containers", [])
    handling = data.get("handled", {})
    worn = data.get("worn", {})
    animals = data.get("animals", {})
    return Lexicon(
        categories=categories,
        all_terms=all_terms,
        times=time_words(language),
        new_day=[c.upper() for c in cues.get("new_day", [])],
        same_day=[c.upper() for c in cues.get("same_day", [])],
        flashback=[c.upper() for c in cues.get("flashback", [])],
        neutral=[c.upper() for c in cues.get("neutral", [])],
        not_names={n.upper() for n in cast.get("not_names", [])},
        weather={w.lower() for w in data.get("weather", {}).get("terms", [])},
        word_end=word_end,
        new_day_patterns=patterns("new_day_patterns"),
        same_day_patterns=patterns("same_day_patterns"),
        era_patterns=patterns("era_patterns"),
        present={c.upper() for c in cues.get("present", [])},
        transitions=optional(cues.get("transitions")),
        shot_openers=sorted(
            (w.upper() for w in cues.get("shot_openers", [])), key=len, reverse=True
        ),
        shot_endings=[w.upper() for w in cues.get("shot_endings", [])],
        screen_shots=optional(cues.get("screen_shots")),
        screen_element=cues.get("screen_element", "screen insert"),
        voice_extensions={e.upper() for e in cast.get("voice_extensions", [])},
        voice_speakers={e.upper() for e in cast.get("voice_speakers", [])},
        depicted_after=sorted(
            (d.lower() for d in cast.get("depicted_after", [])), key=len, reverse=True
        ),
        person_nouns=person,
        crowd_nouns={w.lower() for w in cast.get("crowd_nouns", [])},
        body_words={w.lower() for w in cast.get("body_words", [])},
        absent_after=[w.lower() for w in cast.get("absent_after", [])],
        absent_before=[w.lower() for w in cast.get("absent_before", [])],
        call_words={w.lower() for w in cast.get("call_words", [])},
        not_elements=optional(
            r"(?<![\w-])(?:" + "|".join(blockers) + r")(?![\w-])" if blockers else None,
            re.IGNORECASE,
        ),
        simile=optional(data.get("not_elements", {}).get("simile"), re.IGNORECASE),
        depicted_elements=optional(data.get("not_elements", {}).get("depicted"), re.IGNORECASE),
        containers=optional(
            r"(?<![\w-])(?P<container>"
            + "|".join(re.escape(c) for c in sorted(containers, key=len, reverse=True))
            + r")(?:s|es)?\s+of\s+(?:[\w'-]+\s+){0,2}$"
            if containers
            else None,
            re.IGNORECASE,
        ),
        container_words={c.lower() for c in containers},
        part_of=optional(data.get("extras", {}).get("part_of"), re.IGNORECASE),
        generic_crowd={w.lower() for w in data.get("extras", {}).get("generic", [])},
        handled=_verb_object(
            handling.get("verbs", []),
            handling.get("determiners", []),
            r"(?:(?:up|out|down|over|back|off)\s+)?",
        ),
        worn=_verb_object(worn.get("verbs", []), handling.get("determiners", [])),
        not_worn={w.lower() for w in worn.get("not_worn", [])},
        not_objects={w.lower() for w in handling.get("not_objects", [])},
        np_stops={w.lower() for w in handling.get("stops", [])},
        quantities={w.lower() for w in handling.get("quantities", [])},
        vehicle_kinds={
            k.lower(): {w.lower() for w in v}
            for k, v in data.get("vehicles", {}).get("kinds", {}).items()
        },
        dressings={w.lower() for w in data.get("injuries", {}).get("dressings", [])},
        wounds={w.lower() for w in data.get("injuries", {}).get("wounds", [])},
        animal_compounds={w.lower() for w in animals.get("compound_heads", [])},
        animal_food={w.lower() for w in animals.get("food_before", [])},
        reader_note=optional(data.get("not_elements", {}).get("reader_note"), re.IGNORECASE),
        read_aloud=[w.lower() for w in cast.get("read_aloud", [])],
        screen_action=optional(data.get("vfx", {}).get("screen_action"), re.IGNORECASE),
        quantified=optional(data.get("extras", {}).get("quantified"), re.IGNORECASE),
        same_name_words={w.upper() for w in cast.get("not_same_person", [])},
        subjects={w.lower() for w in cast.get("subjects", [])},
    )


def _particles(language: str) -> list[str]:
    """Particles that may follow a Korean noun (from ``text/<lang>/honorifics.toml``)."""
    from dramaturg.text.lexicon import load_lexicon

    try:
        parts = load_lexicon("honorifics", language).get("particles", {})
    except Exception:  # no particle data for this language
        return []
    words = {w for group in parts.values() for w in group}
    words |= {"에", "에서", "으로", "로", "이다", "였다", "이었다", "처럼", "에는", "에도"}
    return sorted(words, key=len, reverse=True)


# -- headings -----------------------------------------------------------------------------

_PREFIX = re.compile(
    r"^\s*\.?(?:S\s*#\s*\d+[A-Z]?\.?\s*|\d+[A-Z]?\.?\s+)?"
    r"(?P<ie>INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\s*/\s*E|INT|EXT|EST)\.?\s+",
    re.IGNORECASE,
)
# Korean-style headings that open on their scene number: S#12. 카페 (낮), #12 카페 - 낮
_NUMBERED_STYLE = re.compile(r"\s*(?:S\s*#|#)\s*\d")
_SCENE_NUMBER = re.compile(r"(?:(?<=\S)|^)\s*#[^#]*#\s*$")
# " - ", "--" spaced or not ("PARK--DAY"), en/em dashes, ", "; a separator's spaces are taken
# only from where a run of spaces begins (linear on long runs of spaces)
_SEPARATOR = re.compile(
    r"(?:(?<=\S)|^)(?:\s*(?:--+|–|—)\s*|\s+-\s+|\s+-(?=[A-Z])|\s*,\s+)|(?<=[A-Z'])-\s+"
)
# "(NIGHT)", "[CONTINUOUS]", "[PRESENT]"; a Fountain note [[...]] is not a heading part
# (an opening bracket ends the search for a closing one: a heading of thousands of unclosed
# "(" is read in one pass, not once from each of them)
_PARENS = re.compile(r"\(([^()]*)\)|(?<!\[)\[([^\[\]]*)\](?!\])")
_SPACES = re.compile(r"\s+")


@dataclass
class Heading:
    """A scene heading taken apart: ``INT. SEO-YUN'S APARTMENT - KITCHEN - NIGHT``."""

    int_ext: str
    location: str
    set: str | None
    time_of_day: str | None
    cues: list[str]
    prefixed: bool = True  # False when no INT./EXT. opened the heading


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    return _SPACES.sub(" ", text).strip(" .,:;").upper()


def parse_heading(heading: str, lex: Lexicon | None = None) -> Heading:
    """Split a heading into INT/EXT, location, set, time of day and timing cues.

    >>> h = parse_heading("int.  Seo-yun's apartment - kitchen - night")
    >>> (h.int_ext, h.location, h.set, h.time_of_day)
    ('INT', "SEO-YUN'S APARTMENT", 'KITCHEN', 'NIGHT')
    >>> parse_heading("EXT. ROOFTOP - CONTINUOUS").cues
    ['CONTINUOUS']
    """
    lex = lex or lexicon()
    text = _SCENE_NUMBER.sub("", heading)
    int_ext = ""
    m = _PREFIX.match(text)
    if m:
        ie = re.sub(r"[\s.]", "", m.group("ie").upper())
        int_ext = {"EST": "EXT", "I/E": "INT/EXT", "EXT/INT": "INT/EXT"}.get(ie, ie)
        text = text[m.end() :]
    cues: list[str] = []
    time: str | None = None
    for m_inner in _PARENS.finditer(text):
        word = _norm(m_inner.group(1) if m_inner.group(1) is not None else m_inner.group(2))
        if lex.is_time(word) and time is None:
            time = word
        elif word:
            cues.append(word)
    text = _PARENS.sub(" ", text)
    parts = [_norm(p) for p in _SEPARATOR.split(text) if _norm(p)]
    while len(parts) > 1 and (
        lex.is_time(parts[-1]) or lex.is_cue(parts[-1]) or _time_in(parts[-1], lex)
    ):
        last = parts.pop()
        if lex.is_time(last):
            time = time or last
        else:
            cues.insert(0, last)
            inner = _time_in(last, lex)
            if inner:
                time = time or inner
    location = parts[0] if parts else _norm(text)
    set_name = " - ".join(parts[1:]) or None
    return Heading(int_ext or "INT", location, set_name, time, cues, prefixed=bool(m))


def _time_in(text: str, lex: Lexicon) -> str | None:
    """The time word inside a cue like ``NEXT MORNING`` or ``LATER THAT EVENING`` (None when
    there is none, or the cue only says how much later: ``TWO DAYS LATER``)."""
    if not (lex.is_new_day(text) or lex.is_same_day(text)):
        return None
    for word in reversed(text.split()):
        if lex.is_time(word):
            return word
    return None


def day_or_night(time_of_day: str | None, lex: Lexicon | None = None) -> str:
    """``NIGHT`` for night-ish times (NIGHT, EVENING, DUSK, ...), else ``DAY``."""
    lex = lex or lexicon()
    return "NIGHT" if time_of_day in lex.times.night else "DAY"


# -- elements -----------------------------------------------------------------------------


def _note_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every ``[[note]]`` in ``text``, as ``\\[\\[(.*?)\\]\\]`` (DOTALL)
    finds them, in one pass: that regex ran to the end of the text from every unclosed "[["
    (16,000 of them in one action line: 22 s in ``breakdown``); once no "]]" follows a "[[",
    no later one can close either."""
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        start = text.find("[[", pos)
        if start < 0:
            return out
        end = text.find("]]", start + 2)
        if end < 0:
            return out
        pos = end + 2
        out.append((start, pos))


def _note_texts(text: str) -> list[str]:
    """The insides of the notes in ``text`` (what that regex's ``findall`` gives)."""
    return [text[a + 2 : b - 2] for a, b in _note_spans(text)]


def _without_notes(text: str, repl: str) -> str:
    """``text`` with each note replaced by ``repl`` (that regex's ``sub``)."""
    spans = _note_spans(text)
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for a, b in spans:
        out.append(text[pos:a])
        out.append(repl)
        pos = b
    out.append(text[pos:])
    return "".join(out)


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _mentions(text: str, names: list[NamePattern]) -> list[tuple[int, int, str]]:
    """(start, end, character) for every capitalised mention of a character in ``text``
    (a role introduced in capitals is also "the guard")."""
    found = []
    for canonical, pattern, any_case in names:
        for m in pattern.finditer(text):
            first = m.group(0)[:1]
            # in a cased script a name is capitalised ("Joe", never "joe"); Hangul has no case
            if any_case or first.isupper() or first.lower() == first.upper():
                found.append((m.start(), m.end(), canonical))
    # a name inside a longer one is that one: "YOUNG WILLIAM" is not also WILLIAM
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    out: list[tuple[int, int, str]] = []
    for f in found:
        if out and f[1] <= out[-1][1] and f[2] != out[-1][2]:
            continue
        out.append(f)
    return sorted(out)


def _owner(offset: int, mentions: list[tuple[int, int, str]]) -> str | None:
    """The character an element at ``offset`` belongs to: nearest name before, else after."""
    before = [who for at, _, who in mentions if at < offset]
    if before:
        return before[-1]
    after = [who for at, _, who in mentions if at > offset]
    return after[0] if after else None


def _find(lex: Lexicon, category: str, text: str) -> Iterable[tuple[int, int, str, str]]:
    """(start, end, element, word as written) for each lexicon hit of ``category`` in ``text``."""
    cat = lex.categories[category]
    for m in cat.pattern.finditer(text):
        if m.groupdict().get("stem"):
            written = m.group("stem").lower()
            yield m.start("stem"), m.end("stem"), cat.canon.get(written, written), written
            continue
        if m.groupdict().get("exact"):
            written = m.group("exact").lower()
            yield m.start("exact"), m.end("exact"), cat.canon.get(written, written), written
            continue
        term = m.group("term").lower()
        whole = m.group("word").lower()
        # "glasses" is wardrobe even though "glass" + "es" is a prop
        if whole != term and lex.all_terms.get(whole, category) != category:
            continue
        # "-es" makes a plural only after a hiss or an o ("boxes", "tomatoes"): "hates" is no hat
        if whole == term + "es" and not term.endswith(_ES_AFTER) and term.isascii():
            continue
        element = cat.canon.get(term, term)
        mods = " ".join(m.group("mods").lower().split())
        if category in ("props", "wardrobe") and mods:
            element = f"{mods} {element}"
        yield m.start(), m.end(), element, whole


def _add(items: list[str], value: str) -> None:
    value = value.strip()
    if value and value.lower() not in (i.lower() for i in items):
        items.append(value)


def _notes(scene: Scene) -> list[str]:
    out: list[str] = []
    for block in scene.blocks:
        if scene.heading_line and block.span.line < scene.heading_line:
            continue  # front matter kept before the first heading (a cast list) is not a note on the scene
        if block.kind is BlockKind.NOTE:
            text = block.text.strip()
            inner = _note_texts(text) or [text]
            out.extend(i.strip() for i in inner if i.strip())
        else:
            out.extend(i.strip() for i in _note_texts(block.raw) if i.strip())
    return list(dict.fromkeys(out))


def _apply_tag(note: str, sheet: SceneBreakdown, story: Story) -> None:
    key, sep, value = note.partition(":")
    target = _TAG_FIELDS.get(key.strip().lower()) if sep else None
    if target is None:
        _add(sheet.notes, note)
        return
    if target == "notes":
        _add(sheet.notes, value)
        return
    owner = None
    who, sep2, rest = value.partition(":")
    if sep2 and target in _PERSONAL and story.canonical(who.strip()):
        owner = story.canonical(who.strip())
        value = rest
    # items are separated by ";" -- a comma adds a description to the item before it
    # ("[[prop: recipe notebook, taped cover]]" -> "recipe notebook (taped cover)")
    for chunk in value.split(";"):
        head, _, detail = chunk.partition(",")
        item = head.strip() + (f" ({detail.strip()})" if detail.strip() else "")
        if not head.strip():
            continue
        if target == "cast":
            for who in chunk.split(","):
                name = story.canonical(who.strip()) or who.strip().upper()
                if name:
                    _add(sheet.cast, name)
                    if name not in sheet.speaking:
                        _add(sheet.non_speaking, name)
            continue
        items: list[str] = getattr(sheet, target)
        # a hand tag refines what the lexicon found ("snow" -> "snow (light, windless)")
        items[:] = [i for i in items if i.lower() != head.strip().lower()]
        _add(items, item)
        if owner:
            per = sheet.continuity.setdefault(owner, {})
            _add(per.setdefault(target, []), item)


def _synopsis(scene: Scene) -> str:
    for block in scene.blocks:
        if block.kind is BlockKind.SYNOPSIS and block.text.strip():
            return block.text.strip()
    for block in scene.blocks:
        if block.kind in (BlockKind.ACTION, BlockKind.PARAGRAPH) and block.text.strip():
            # first sentences up to a strip's width ("Later." alone says little)
            text = ""
            for m in _SENTENCE.finditer(_without_notes(block.text, "").strip()):
                text = f"{text} {m.group(0).strip()}".strip()
                if len(text) >= 40:
                    break
            text = text or block.text.strip()
            return text if len(text) <= 80 else text[:77].rstrip() + "..."
    return ""


def _starts_with_cue(scene: Scene, lex: Lexicon) -> str | None:
    """A new-day cue opening the first action line ("The next morning.", "TWO DAYS LATER")."""
    cues = sorted(lex.new_day, key=len, reverse=True)
    for block in scene.blocks:
        if block.kind in (BlockKind.ACTION, BlockKind.CENTERED, BlockKind.PARAGRAPH):
            head = block.text.strip().upper()
            head = re.sub(r"^(?:SUPER|TITLE|CAPTION)\s*:\s*", "", head).lstrip("\"'“ ")
            for cue in cues:
                if re.match(rf"{re.escape(cue)}\b", head):
                    return cue
            first = _norm(re.split(r"[.!?\n]", head, maxsplit=1)[0])
            return first if lex.new_day_patterns and lex.is_new_day(first) else None
    return None


# -- the breakdown ------------------------------------------------------------------------


def breakdown(story: Story, config: Any = None) -> Breakdown:
    """Break a story down scene by scene.

    ``config`` (a :class:`~dramaturg.produce.config.ProductionConfig` or None) may override
    story days (``[story_days]``: scene ref -> day) and map location aliases to the names of
    its ``[[location]]`` tables.
    """
    lex = lexicon(story.language if story.language else "en")
    names = cast_patterns(story, lex)
    overrides = {str(k).upper(): int(v) for k, v in _config_map(config, "story_days").items()}
    aliases = {_norm(k): _norm(v) for k, v in _config_map(config, "location_aliases").items()}
    multi_part = len(story.parts) > 1
    sheets: list[SceneBreakdown] = []
    # each era (the present, "1973") keeps its own story days: day, rank and time of the last scene
    clocks: dict[str | None, _Clock] = {}
    present = _present_era(story, lex)
    era: str | None = None
    for part in story.parts:
        part_no = part.number if part.number is not None else part.index + 1
        numbered = [s for s in part.scenes if s.heading or _has_content(s, lex)]
        in_part: list[SceneBreakdown] = []
        for pos, scene in enumerate(numbered, 1):
            heading = parse_heading(scene.heading or "", lex) if scene.heading else None
            if (
                heading
                and not heading.prefixed
                and scene.location
                and (not heading.time_of_day or _NUMBERED_STYLE.match(scene.heading or ""))
            ):
                # a heading style this parser does not know (S#1. 버스 정류장 (밤)): trust the
                # split of the reader that knows the style
                heading = Heading(
                    int_ext=scene.int_ext or "INT",
                    location=_norm(scene.location),
                    set=None,
                    time_of_day=_norm(scene.time_of_day or "") or None,
                    cues=[],
                    prefixed=False,
                )
                if heading.time_of_day and not lex.is_time(heading.time_of_day):
                    heading.cues.append(heading.time_of_day)
                    heading.time_of_day = None
            # a forced heading with a time or a cue (".THE NIGHT BUS - MOVING") is a set
            shot_of = (
                _shot_place(scene.heading or "", lex, names, in_part)
                if heading
                and not heading.prefixed
                and not heading.time_of_day
                and not heading.cues
                and in_part
                else None
            )
            number = scene.number or str(pos)
            ref = f"{part_no}-{number}" if multi_part else number
            time = heading.time_of_day if heading else None
            if time is None and scene.time_of_day and lex.is_time(_norm(scene.time_of_day)):
                time = _norm(scene.time_of_day)
            cues = list(heading.cues) if heading else []
            if scene.time_of_day and _norm(scene.time_of_day) not in cues and not time:
                cues.append(_norm(scene.time_of_day))
            first_line_cue = _starts_with_cue(scene, lex)
            if first_line_cue:
                cues.append(first_line_cue)
            eras = [e for e in (lex.era(c) for c in cues) if e]
            new_day = any(lex.is_new_day(c) for c in cues)
            same_day = shot_of is not None or any(lex.is_same_day(c) for c in cues)
            if eras:
                era = None if eras[-1] == "PRESENT" else eras[-1]
            elif not same_day:
                era = None  # an untagged scene is in the present unless it runs on
            flashback = (
                any(any(f in c for f in lex.flashback) for c in cues)
                or "FLASHBACK" in (heading.location if heading else "")
                or era != present
            )
            era_flashback = era != present
            clock = clocks.setdefault(era, _Clock())
            if shot_of is not None:
                time = time or shot_of.time_of_day
            if time is None:
                time = clock.time if (same_day or not new_day) and clock.time else "DAY"
            rank = lex.times.rank.get(time, 6 if time in lex.times.night else 2)
            override = overrides.get(
                ref.upper(), overrides.get(number.upper()) if not multi_part else None
            )
            if override is not None:
                clock.day = override
            elif flashback and not era_flashback:
                pass  # a FLASHBACK inside the present's timeline does not move its day
            elif clock.rank is not None and (new_day or (not same_day and rank < clock.rank)):
                clock.day += 1
            if not flashback or era_flashback:
                clock.rank, clock.time = rank, time
            if shot_of is not None:
                location, set_name = shot_of.location, shot_of.set
                int_ext = _shot_int_ext(scene.heading or "", lex) or shot_of.int_ext
            else:
                location = heading.location if heading else _norm(scene.location or "UNKNOWN")
                set_name = heading.set if heading else None
                int_ext = heading.int_ext if heading else (scene.int_ext or "INT")
            location = aliases.get(location, location)
            sheet = SceneBreakdown(
                index=scene.index,
                ref=ref,
                number=number,
                part=part_no,
                part_title=part.title or part.label,
                heading=scene.heading or "",
                int_ext=int_ext,
                location=location,
                set=set_name,
                time_of_day=time,
                day_night=day_or_night(time, lex),
                story_day=clock.day,
                flashback=flashback,
                eighths=page_eighths(scene),
                synopsis=_synopsis(scene),
                file=scene.span.file,
                line=scene.heading_line or scene.span.line,
            )
            # a shot's heading is part of the action: ".THE TRUCK SLAMS INTO THE LEXUS"
            _fill_elements(sheet, scene, story, names, lex, scene.heading if shot_of else None)
            for _, _, vehicle, _ in _find(lex, "vehicles", location.lower()):
                _add(sheet.vehicles, vehicle)  # INT. LANDCRUISER - DAY: the set is a vehicle
            _one_vehicle(sheet.vehicles, lex)
            sheets.append(sheet)
            in_part.append(sheet)
    _split_characters(sheets, config)
    return Breakdown(title=story.title, scenes=sheets, cast=_cast_list(sheets))


def _split_characters(sheets: list[SceneBreakdown], config: Any) -> None:
    """A character played by several actors (``[[cast]] plays = "EDWARD"``): in the scenes a
    table names, or its flashbacks / present, the character becomes that actor's part."""
    splits = getattr(config, "cast_splits", None) or []
    for split in splits:
        if not any(split.plays in s.cast or split.plays in s.voice_only for s in sheets):
            raise config.error(
                f"[[cast]] {split.name!r} plays {split.plays!r}, who is not in the script",
                f'"{split.name}"',
            )
    for sheet in sheets:
        for split in splits:
            hit = sheet.ref.upper() in split.scenes or sheet.number.upper() in split.scenes
            if split.when:
                hit = hit or sheet.flashback == (split.when == "flashback")
            if not hit:
                continue
            part = " ".join(split.name.split()).upper()
            for items in (sheet.cast, sheet.speaking, sheet.non_speaking, sheet.voice_only):
                items[:] = [part if who == split.plays else who for who in items]
            if split.plays in sheet.continuity:
                sheet.continuity[part] = sheet.continuity.pop(split.plays)


@dataclass
class _Clock:
    day: int = 1
    rank: int | None = None
    time: str | None = None


def _present_era(story: Story, lex: Lexicon) -> str | None:
    """The era most scenes are in (None: untagged or PRESENT); the others are flashbacks."""
    counts: dict[str | None, int] = {}
    for scene in story.scenes:
        if not scene.heading:
            continue
        tags = [e for e in (lex.era(c) for c in parse_heading(scene.heading, lex).cues) if e]
        key = None if not tags or tags[-1] == "PRESENT" else tags[-1]
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], k is None))


_PLACE_STOP = {"THE", "A", "AN", "OF", "IN", "ON", "AT", "TO", "HIS", "HER", "THEIR", "ITS", "AND"}


def _is_shot(words: list[str], lex: Lexicon, names: list[NamePattern]) -> bool:
    if not words or not lex.shot_openers:
        return False
    text = " ".join(words)
    if any(text == o or text.startswith(o + " ") for o in lex.shot_openers):
        return True
    if any(text.endswith(" " + e) or text == e for e in lex.shot_endings):
        return True
    cast = {n.upper() for n, _, _ in names}
    first = re.sub(r"['’]S$", "", words[0])
    cast_words = {w for c in cast for w in c.split() if len(w) > 2}
    return any(text == c or text.startswith(c + " ") for c in cast) or first in cast_words


def _shot_place(
    heading: str, lex: Lexicon, names: list[NamePattern], earlier: list[SceneBreakdown]
) -> SceneBreakdown | None:
    """For a forced heading that only moves the camera (``.NAK``, ``.BACK IN THE APARTMENT``,
    ``.ON THE TV``), the sheet whose set it is in: the latest one named by a word of it
    ("THE APARTMENT" -> "SCOTT'S APARTMENT"), else the scene before. None for a new set."""
    words = [w for w in re.split(r"[\s,.:;]+", _norm(heading)) if w]
    if not _is_shot(words, lex, names):
        return None
    cast = {n.upper() for n, _, _ in names}
    keys = {w for w in words if w not in _PLACE_STOP and w not in cast and len(w) > 2}
    keys -= {o for o in lex.shot_openers}
    recent = [s for s in reversed(earlier)][:12]
    for field_name in ("location", "set"):
        for sheet in recent:
            place = getattr(sheet, field_name) or ""
            if keys & set(re.split(r"[\s,]+", place)):
                return sheet
    return earlier[-1]


def _shot_int_ext(heading: str, lex: Lexicon) -> str | None:
    text = _norm(heading)
    if re.match(r"(?:FROM )?OUTSIDE\b", text):
        return "EXT"
    if re.match(r"(?:FROM )?INSIDE\b", text):
        return "INT"
    return None


def _has_content(scene: Scene, lex: Lexicon | None = None) -> bool:
    """A scene without heading counts only if it holds action or dialogue (not a title card,
    not a lone ``FADE IN:``)."""
    for b in scene.blocks:
        if b.kind is BlockKind.DIALOGUE:
            return True
        if b.kind is BlockKind.ACTION:
            text = _norm(b.text)
            if lex and lex.transitions and lex.transitions.match(text):
                continue
            if lex and _reader_note(b.text, lex):
                continue
            return True
    return False


def _reader_note(text: str, lex: Lexicon) -> bool:
    """A paragraph that talks to the reader ("**Note: the production values ...**"), not
    action: nothing in it is on set."""
    return bool(lex.reader_note and lex.reader_note.match(text.strip()))


def _config_map(config: Any, name: str) -> Mapping[str, Any]:
    if config is None:
        return {}
    value = config.get(name) if isinstance(config, Mapping) else getattr(config, name, None)
    return value or {}


_POSSESSION = re.compile(r"['’]s?\s+(?:[\w-]+\s+)??([\w-]+)")  # "Joe's", "Boss' app"
_JOINED = ("props", "wardrobe", "vehicles")
_HEADS = ("props", "wardrobe", "vehicles", "extras", "sfx", "stunts")


def _blocked(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of ``text`` that put nothing on set: idioms, compounds, similes."""
    spans: list[tuple[int, int]] = []
    if lex.not_elements is not None:
        spans.extend((m.start(), m.end()) for m in lex.not_elements.finditer(text))
    if lex.simile is not None:
        for m in lex.simile.finditer(text):
            # "supplies like backpacks, books, papers": examples in a list, not a simile
            if not _LIST_AFTER.match(text, m.start() + len(m.group(0).split()[0])):
                spans.append((m.start(), m.end()))
    if lex.depicted_elements is not None:
        # what a photo shows is not on set; the photo is ("a photo of her carrying a tray")
        spans.extend((m.end("shows"), m.end()) for m in lex.depicted_elements.finditer(text))
    return spans


def _a_verb(text: str, start: int, name_ends: set[int], lex: Lexicon) -> bool:
    """Is the word at ``start`` the verb of a subject just before it: a pronoun ("she
    ducks") or a character named (with an age, "JOE, 20, fishes")? A noun does not follow
    its subject directly. (In a verb-final language such as Korean, which lists no
    subjects, the word after the subject is its object.)"""
    if not lex.subjects:
        return False
    before = _SUBJECT_GAP.search(text, max(0, start - 40), start)
    if before is None:
        return False
    at = before.start()
    if at in name_ends:
        return True
    word = _LAST_WORD.search(text, max(0, at - 20), at)
    return bool(word and word.end() == at and word.group(0).lower() in lex.subjects)


# the categories of things (an effect or a stunt is often the verb: "the car explodes")
_THINGS = ("props", "wardrobe", "vehicles", "animals", "extras")
_SUBJECT_GAP = re.compile(r"(?:,\s*\d{1,3}\s*,)?\s+(?:[a-z]+ly\s+)?$")
_LAST_WORD = re.compile(r"[\w'’]+$")


def _is_modifier(
    hit: tuple[int, int, str, str, str],
    text: str,
    lex: Lexicon,
    kept: list[tuple[int, int, str, str, str]],
) -> bool:
    """An animal word that qualifies the next noun ("a chicken delivery rider", "fish soup") or
    is served as food ("fried chicken") is no animal on set."""
    start, end = hit[0], hit[1]
    after = re.match(r"[ -]([\w'-]+)", text[end:])
    if after and (
        after.group(1).lower() in lex.animal_compounds
        or any(k[0] == end + 1 for k in kept if k is not hit)
    ):
        return True
    before = re.search(r"([\w'-]+)\s+$", text[:start])
    return bool(before and before.group(1).lower() in lex.animal_food)


def _fill_elements(
    sheet: SceneBreakdown,
    scene: Scene,
    story: Story,
    names: list[NamePattern],
    lex: Lexicon,
    shot_heading: str | None = None,
) -> None:
    voice: dict[str, bool] = {}
    for block in scene.blocks:
        for utterance in block.speech():
            if utterance.speaker:
                vo = block.kind is BlockKind.DIALOGUE and is_voice(
                    utterance.speaker, block.extension, lex
                )
                voice[utterance.speaker] = voice.get(utterance.speaker, True) and vo
    for who, only_voice in voice.items():
        if crowd_speaker(who, lex):
            _add(sheet.extras, who.lower())
            continue
        (sheet.voice_only if only_voice else sheet.speaking).append(who)
    cast_words = {n.lower() for _, p, _ in names for n in re.findall(r"[\w'-]+", p.pattern)}
    texts = [" ".join(w.capitalize() for w in _norm(shot_heading).split())] if shot_heading else []
    if shot_heading and lex.screen_shots and lex.screen_shots.match(_norm(shot_heading)):
        _add(sheet.vfx, lex.screen_element)
    for block in scene.blocks:
        if block.kind not in (BlockKind.ACTION, BlockKind.PARAGRAPH) or on_screen_text(block):
            continue
        if _reader_note(block.text, lex):
            continue
        texts.append(_without_notes(block.text, " "))
        if lex.screen_action and lex.screen_action.search(" ".join(texts[-1].split())):
            _add(sheet.vfx, lex.screen_element)  # "his phone displays a message": an insert
    extras_seen: set[str] = set()
    contents: set[str] = set()  # what a container named in the scene holds ("ramyeon")
    seen: set[str] = set()
    for text in texts:
        quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        for start, end in sentence_spans(text):
            quoted = [(a - start, b - start) for a, b in quotes if a < end and b > start]
            _fill_sentence(
                sheet,
                text[start:end],
                names,
                lex,
                cast_words,
                extras_seen,
                seen,
                contents,
                quoted,
            )
    # the other end of a phone call is heard, not on this set
    on_phone = callers(scene.blocks, seen, lex)
    if not (seen | set(sheet.speaking)) - on_phone:
        on_phone = set()  # someone must be on set to take the call
    # "His phone displays and reads aloud a message:" the speaker is the device
    on_phone |= read_out(scene.blocks, lex)
    for who in [w for w in sheet.speaking if w in on_phone]:
        sheet.speaking.remove(who)
        sheet.voice_only.append(who)
    _same_speaker(sheet, lex)
    for note in _notes(scene):
        _apply_tag(note, sheet, story)
    for category in _HEADS:
        items: list[str] = getattr(sheet, category)
        # "digital camera" says more than "camera": keep the one that names the thing best
        items[:] = [i for i in items if not any(o != i and o.endswith(" " + i) for o in items)]
    # "the audience", "the crowd" after "three hundred residents" are those residents
    if any(e.lower() not in lex.generic_crowd for e in sheet.extras):
        sheet.extras[:] = [e for e in sheet.extras if e.lower() not in lex.generic_crowd]
    _one_vehicle(sheet.vehicles, lex)
    # "the burned one; the bandage is still there": one dressing over one wound is one note
    _dress(sheet.injuries, lex, contents)
    for per in sheet.continuity.values():
        if "injuries" in per:
            _dress(per["injuries"], lex, contents)
    # "fills the Leupold scope" after "a sniper scope": a thing found by the hand that shares
    # its head noun with another prop of the scene is that prop
    by_hand = {c[1:] for c in contents if c.startswith("\0")}
    sheet.props[:] = [
        i
        for i in sheet.props
        if not any(i == h or i.startswith(h + " ") for h in by_hand)
        or not any(o != i and o.split()[-1] == i.split()[-1] for o in sheet.props)
    ]
    # "a cup of ramyeon" first: a later "her ramyeon" is that prop, not a second one
    sheet.props[:] = [
        i
        for i in sheet.props
        if i not in contents or not any(f"{i} {c}" in sheet.props for c in lex.container_words)
    ]
    sheet.non_speaking = [n for n in sheet.non_speaking if n not in sheet.speaking]
    for who in (*sheet.speaking, *sheet.non_speaking, *sheet.cast):
        _add(sheet.cast, who)


_LIST_AFTER = re.compile(r"\s+[\w-]+,\s+[\w-]+,?\s+(?:[\w-]+|and|or)\b")
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def _same_speaker(sheet: SceneBreakdown, lex: Lexicon) -> None:
    """Two cues of one scene where one is the other with words in front ("CYBER BOB" and
    "BOB") are one character (not "YOUNG BOB", another actor): the shorter name stays."""
    for who in list(sheet.speaking):
        short = [
            o
            for o in sheet.speaking
            if o != who
            and who.endswith(" " + o)
            and not set(who[: -len(o)].split()) & lex.same_name_words
        ]
        if short:
            sheet.speaking.remove(who)
            if who in sheet.non_speaking:
                sheet.non_speaking.remove(who)


def _joined(
    hits: list[tuple[int, int, str, str, str]], text: str
) -> list[tuple[int, int, str, str, str]]:
    """Adjacent words of one category name one thing: "Toyota Landcruiser", "Hakama pants"."""
    out: list[tuple[int, int, str, str, str]] = []
    for hit in hits:
        if out and out[-1][2] == hit[2] and hit[2] in _JOINED and text[out[-1][1] : hit[0]] == " ":
            prev = out[-1]
            out[-1] = (prev[0], hit[1], hit[2], f"{prev[3]} {hit[3]}", f"{prev[4]} {hit[4]}")
        else:
            out.append(hit)
    return out


_PLACED = re.compile(r"\s+(?:on|around|over|across|covering)\s+(?:his|her|their|its|the|one)\s")


def _one_vehicle(items: list[str], lex: Lexicon) -> None:
    """A make before its model is that model ("volkswagen", "volkswagen gti"), and "the car"
    or "the truck" in a scene that names a car or a truck is that one."""
    items[:] = [i for i in items if not any(o.startswith(i + " ") for o in items)]
    named = [i for i in items if i not in lex.vehicle_kinds]
    items[:] = [
        i
        for i in items
        if i not in lex.vehicle_kinds
        or not any(
            o in lex.vehicle_kinds[i] or any(w in lex.vehicle_kinds[i] for w in o.split())
            for o in named
        )
    ]


def _dress(items: list[str], lex: Lexicon, placed: set[str]) -> None:
    dressings = [i for i in items if i in lex.dressings and f"\1{i}" not in placed]
    wounds = [i for i in items if i.split()[-1] in lex.wounds]
    if len(dressings) == 1 and len(wounds) == 1:
        at = min(items.index(dressings[0]), items.index(wounds[0]))
        items[:] = [i for i in items if i not in (dressings[0], wounds[0])]
        items.insert(at, f"{wounds[0]} under {dressings[0]}")


def _handled(
    text: str,
    lex: Lexicon,
    kept: list[tuple[int, int, str, str, str]],
    blocked: list[tuple[int, int]],
    cast_words: set[str],
    worn: bool = False,
) -> list[tuple[int, int, str, str, str]]:
    """What a hand takes, holds, opens or gives is a prop even when no word list names it:
    "picks up a stone", "hands her a thermos". The thing is the words after the determiner up
    to a preposition or a verb; a body part, a person, a piece of the set or a step is not.
    With ``worn``, what a character wears is wardrobe: "wearing a tattered tunic"."""
    pattern = lex.worn if worn else lex.handled
    category = "wardrobe" if worn else "props"
    if pattern is None:
        return []
    out: list[tuple[int, int, str, str, str]] = []
    for m in pattern.finditer(text):
        words = m.group("np").split()
        start = m.start("np")
        if words and words[0].lower() in lex.quantities:
            after = re.match(r"[\w'-]+\s+of\s+(?:(?:a|an|the|his|her|their)\s+)?", text[start:])
            if not after:
                continue
            start += after.end()
            thing = re.match(r"[\w'-]+(?:\s+[\w'-]+){0,2}", text[start:])
            words = thing.group(0).split() if thing else []
        name: list[str] = []
        for w in words:
            if w.lower() in lex.np_stops:
                break
            name.append(w)
        if not name:
            continue
        end = start + len(" ".join(name))
        if len(name) == len(words) and re.match(r"\s*[\"“]", text[end:]):
            continue  # 'a furtive "I know a secret" look': the thing comes after the quote
        head = name[-1].lower().strip("'")
        if head.endswith("'s"):
            continue  # "his mother's": the owner, the thing follows
        singular = head[:-1] if head.endswith("s") else head
        if worn and {head, singular} & lex.not_worn:
            continue
        if (
            {head, singular} & (lex.not_objects | lex.body_words | lex.person_nouns)
            or head in cast_words
            or head.endswith("ly")
            or any(a <= start < b for a, b in blocked)
            or any(start < k[1] and k[0] < end for k in kept)
        ):
            continue
        element = " ".join(w.lower() for w in name)
        out.append((start, end, category, element, element))
    return out


def _contained(
    hits: list[tuple[int, int, str, str, str]],
    text: str,
    lex: Lexicon,
    contents: set[str] | None = None,
) -> list[tuple[int, int, str, str, str]]:
    """A container and what it holds are one prop, named as the lexicon names them ("soju
    bottle", "coffee cup"): "two cups of coffee" is "coffee cup", "a bag of salt bread" is
    "bread bag" (and the bag is not a second prop; a later "the cups" is the same one)."""
    if lex.containers is None:
        return hits
    out: list[tuple[int, int, str, str, str]] = []
    for hit in hits:
        if hit[2] == "props":
            m = lex.containers.search(text, 0, hit[0])
            if m:
                container = m.group("container").lower()
                out = [o for o in out if not (o[2] == "props" and o[0] >= m.start())]
                if contents is not None:
                    contents.add(hit[3])
                hit = (m.start(), hit[1], "props", f"{hit[3]} {container}", hit[4])
        out.append(hit)
    return out


def _fill_sentence(
    sheet: SceneBreakdown,
    s_text: str,
    names: list[NamePattern],
    lex: Lexicon,
    cast_words: set[str],
    extras_seen: set[str],
    seen: set[str],
    contents: set[str] | None = None,
    quoted: list[tuple[int, int]] | None = None,
) -> None:
    # a name in quotation marks is written text (a sign, a title), not the person
    mentions = [
        m for m in _mentions(s_text, names) if not any(a <= m[0] < b for a, b in quoted or [])
    ]
    depicted_end: int | None = None
    present = []
    for start, end, who in mentions:
        if depicted(s_text, start, lex, depicted_end):
            depicted_end = end
            continue
        depicted_end = None
        if absent(s_text, start, end, lex):
            continue
        owned = _POSSESSION.match(s_text, end)
        if owned and lex.body_words and owned.group(1).lower() not in lex.body_words:
            continue  # "Baxter's kitchen", "Joe's father": the owner need not be there
        present.append((start, end, who))
        seen.add(who)
        if who not in sheet.speaking and who not in sheet.non_speaking:
            sheet.non_speaking.append(who)
    blocked = _blocked(s_text, lex)
    # a character's name is no element ("YOUNG ROSE" puts no rose on set)
    blocked.extend((a, b) for a, b, _who in mentions)
    ends = {b for _a, b, _who in mentions}
    hits = []
    for category in (*ELEMENTS_FOUND, "injuries"):
        for start, end, element, written in _find(lex, category, s_text):
            if any(a <= start < b for a, b in blocked):
                continue
            if category in _THINGS and _a_verb(s_text, start, ends, lex):
                continue  # "YOUNG WILLIAM, 20, fishes", "she ducks": what someone does
            hits.append((start, end, category, element, written))
    # one word is one element: "fire engines" is a vehicle, not fire and a vehicle
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    kept: list[tuple[int, int, str, str, str]] = []
    for hit in hits:
        if not any(hit[0] < k[1] and k[0] < hit[1] for k in kept):
            kept.append(hit)
    kept = [k for k in kept if k[2] != "animals" or not _is_modifier(k, s_text, lex, kept)]
    hands = _handled(s_text, lex, kept, blocked, cast_words)
    if contents is not None:
        contents.update(f"\0{h[3]}" for h in hands)  # marked: found by the hand, not the list
    kept.extend(hands)
    kept.extend(_handled(s_text, lex, kept, blocked, cast_words, worn=True))
    kept = _contained(sorted(kept), s_text, lex, contents)
    for start, _end, category, element, written in _joined(kept, s_text):
        if category == "extras":
            if element in extras_seen:
                continue
            group = lex.quantified.search(s_text, 0, start) if lex.quantified else None
            if all(w in cast_words for w in written.split()) and not (
                group and group.end() == start and written.lower().endswith("s")
            ):
                continue  # "PATRON ONE" is cast; "many other patrons" are extras
            part = lex.part_of.search(s_text, 0, start) if lex.part_of else None
            if part and sheet.extras:
                continue  # "some of the old ladies nod": people of the crowd already listed
            extras_seen.add(element)
            element = written
        _add(getattr(sheet, category), element)
        if category == "injuries" and contents is not None and _PLACED.match(s_text, _end):
            contents.add(f"\1{element}")  # "a bandage on his arm": a note of its own
        if category in _PERSONAL:
            owner = _owner(start, present)
            if owner:
                per = sheet.continuity.setdefault(owner, {})
                _add(per.setdefault(category, []), element)


def _cast_list(sheets: list[SceneBreakdown]) -> list[CastMember]:
    scenes: dict[str, int] = {}
    eighths: dict[str, int] = {}
    for s in sheets:
        for who in s.cast:
            scenes[who] = scenes.get(who, 0) + 1
            eighths[who] = eighths.get(who, 0) + s.eighths
    order = sorted(scenes, key=lambda n: (-scenes[n], -eighths[n]))
    return [CastMember(i, n, scenes[n], eighths[n]) for i, n in enumerate(order, 1)]
