"""Quoted speech in prose paragraphs, who says it, and the characters of the book.

For every paragraph block this fills ``Block.utterances`` (the words inside each pair of
quotes, with their offset in ``Block.text``) and, for English, the speaker:

1. an explicit tag beside the quote: ``"...," said Elizabeth`` / ``Anne replied, "..."`` /
   ``"...," replied he`` / ``was Emma's answer``;
2. a pronoun tag (``he cried``) resolved to the nearest preceding named character of that
   gender, when no other character of that gender competes for it;
3. the other quotes of the same paragraph, a speech continued from the paragraph before
   (an unclosed quote), and alternation in a two-person exchange of bare quoted lines.

Gender comes from titles (``Mr.``/``Sir`` male, ``Mrs.``/``Miss``/``Lady`` female) and from
the pronouns that follow a name in the narration; no list of names is used. Characters are
built from attributed speakers and from names after a title, with ``Mr. Darcy`` / ``Darcy`` /
``Fitzwilliam Darcy`` merged when only one character could own the shorter name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from dramaturg.read.prose_cast import (
    NARRATOR,
    People,
    SpeechTag,
    build_people,
    letter_marks,
    name_key,
    writer_tries,
)
from dramaturg.story import Block, BlockKind, Story, Utterance
from dramaturg.text.languages import find_language
from dramaturg.text.lexicon import word_list

__all__ = ["attribute", "find_quotes"]


# ---------------------------------------------------------------------------- language data


@cache
def _titles() -> dict[str, str]:
    """Title (no full stop) -> gender ``m``/``f``/``-``."""
    return {row[0]: row[1] for row in word_list("titles.txt")}


@cache
def _kin() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern for "her mother" / "the lady" and each noun's gender."""
    nouns = {w: g for w, g in word_list("kin_nouns.txt")}
    alts = "|".join(sorted(nouns, key=len, reverse=True))
    return re.compile(rf"\b(?:her|his|their|the|my|your|our)\s+(?:[a-z]+\s+)?({alts})\b"), nouns


_UNNAMED = "\x00"  # prefix of a mention that points at someone without a name


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(w for (w, *_rest) in word_list("name_stopwords.txt"))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    verbs = "|".join(
        sorted({v for (v, *_r) in word_list("speech_verbs.txt")}, key=len, reverse=True)
    )
    nouns = "|".join(
        sorted({n for (n, *_r) in word_list("speech_nouns.txt")}, key=len, reverse=True)
    )
    titles = "|".join(sorted(_titles(), key=len, reverse=True))
    word = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    name = rf"(?:(?:{titles})\.?\s+)?{word}(?:[ \t]+{word})?"
    # after a title the name may run onto the next line ("Mr. John\nKnightley")
    titled = rf"\b(?:{titles})\.?\s+{word}(?:\s+{word})?"
    who = rf"(?P<who>[Hh]e|[Ss]he|I|{name}|(?:the|his|her|my|their|our)\s+[a-z]+)"
    lead = r"^[\s,;:\u2014\u2013\-]*"
    adverbs = r"(?:[a-z]+ly\s+){0,2}"
    return {
        "name": re.compile(rf"\b{name}"),
        "titled": re.compile(titled),
        "bigram": re.compile(rf"\b({word})[ \t]+({word})\b"),
        # "...," said Elizabeth / replied he
        "after_verb": re.compile(rf"{lead}(?:then\s+)?(?:{verbs})\s+{who}\b"),
        # "...," Anne replied / he cried
        "after_subject": re.compile(rf"{lead}{who}\s+{adverbs}(?:{verbs})\b"),
        # "..." was Emma's reply / was his answer
        "after_noun": re.compile(
            rf"{lead}(?:was|were|came)\s+(?:(?P<who>{name})['\u2019]s|(?P<poss>his|her|my))\s+"
            rf"(?:[a-z]+\s+)?(?:{nouns})\b"
        ),
        # Anne replied, "..."  /  she said to her sister: "..."
        "before_subject": re.compile(
            rf"{who}\s+(?:[a-z]+\s+){{0,3}}?(?:{verbs})\b(?P<trail>[^.!?;\"\u201c\u201d]{{0,60}}?)"
            rf"[,:\u2014\u2013-]?\s*$"
        ),
        # Mary's declaration was, "..."  /  his answer was: "..."
        "before_noun": re.compile(
            rf"(?:(?P<who>{name})['\u2019]s|\b(?P<poss>[Hh]is|[Hh]er|[Mm]y))\s+(?:[a-z]+\s+)?"
            rf"(?:{nouns})\s+(?:was|were)\b[^.!?;\"\u201c\u201d]{{0,20}}?[,:\u2014\u2013-]?\s*$"
        ),
        # said Anne, "..."
        "before_verb": re.compile(
            rf"\b(?:{verbs})\s+{who}\b[^.!?;\"\u201c\u201d]{{0,30}}?[,:\u2014\u2013-]?\s*$"
        ),
    }


# ---------------------------------------------------------------------------- quotes


_CURLY = re.compile(r"\u201c([^\u201c\u201d]*)(\u201d)?")
_STRAIGHT = re.compile(r'"([^"]*)(")?')
_CORNER = re.compile(r"[\u300c\u300e]([^\u300c\u300d\u300e\u300f]*)([\u300d\u300f])?")
_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s—(]))\u2018(?=\S)")
_OPEN_STRAIGHT = re.compile(r"(?:^|(?<=[\s—(]))'(?=[A-Z])")
# ‘...’ up to a closing mark that no letter follows (don’t, girls’ are not closings), or
# to the end of the paragraph when the speech runs on into the next one
_SINGLE_CURLY = re.compile(r"(?<!\w)\u2018((?:[^\u2019]|\u2019(?=\w))*)(\u2019)?")


# before a straight single mark that opens speech: the paragraph's start, a space, a dash,
# a bracket or a double mark; after one that closes it: punctuation ends the speech
_OPENS_AFTER = frozenset(' \t\n\u00a0\u2014\u2013-([\u201c"')
_CLOSES_AFTER = frozenset('.,!?;:\u2014\u2013-\u2026)\u201d"')
_ELIDED = re.compile(r"(\w+)")
# a mark closed by a letter ("murmuring 'Home' to") closes only a few words
_SHORT_QUOTE = 4


@cache
def _elisions() -> frozenset[str]:
    return frozenset(w for (w, *_r) in word_list("elisions.txt"))


def _straight_quotes(text: str) -> list[Quote]:
    """Speech in straight single marks, told from apostrophes ("don't", "girls'", "o' th'").

    A mark opens speech after a space (or the paragraph's start, a dash, a bracket) before
    a word that is not an elision ('tis, 'em); it closes after punctuation before a non-word.
    A mark after a letter ("the girls' room", "o' th' minister") closes only when no
    punctuated closing follows before the next opening, and then only a few words ("'Home'").
    One pass over the marks, so linear in the paragraph.
    """
    out: list[Quote] = []
    n = len(text)
    elisions = _elisions()
    start: int | None = None
    weak: int | None = None  # a closing after a letter, kept until what follows decides

    def close(at: int) -> None:
        nonlocal start, weak
        assert start is not None
        if text[start + 1 : at].strip():
            out.append(Quote(start, start + 1, at, at + 1, True))
        start = weak = None

    for m in re.finditer("'", text):
        p = m.start()
        before = text[p - 1] if p else " "
        after = text[p + 1] if p + 1 < n else " "
        opens = before in _OPENS_AFTER and not after.isspace() and after != "'"
        closes = not before.isspace() and not after.isalnum()
        if start is None:
            if opens:
                w = _ELIDED.match(text, p + 1)
                word = w.group(1) if w else ""
                if not (word in elisions or (word[:1] == "T" and word.casefold() in elisions)):
                    start = p
            continue
        if opens and weak is not None:
            close(weak)  # "'Home' to the driver. 'Yes.'": the letter closed it
            start = p
            continue
        if closes and before in _CLOSES_AFTER:
            close(p)
        elif closes and weak is None and p > start + 1:
            weak = p
    if start is not None:
        if weak is not None and len(text[start + 1 : weak].split()) <= _SHORT_QUOTE:
            close(weak)
        else:
            out.append(Quote(start, start + 1, n, n, False))  # runs on into the next paragraph
    return out


@dataclass(slots=True)
class Quote:
    """One quoted stretch of a paragraph: marks at ``[start, end)``, words at ``[inner, inner_end)``."""

    start: int
    inner: int
    inner_end: int
    end: int
    closed: bool


def find_quotes(text: str, *, single: bool = False, straight: bool = False) -> list[Quote]:
    """Quoted stretches of one paragraph, straight or curly; an unclosed quote runs to the end.

    ``single`` reads a book that quotes speech in ‘ ’, ``straight`` one that quotes it in
    straight single marks (' '), where the same mark is also the apostrophe.

    >>> [text[q.inner:q.inner_end] for text in ['"Go," said he, "now.'] for q in find_quotes(text)]
    ['Go,', 'now.']
    >>> t = "'Oh, don't you leave me,' she said. 'The girls' room.'"
    >>> [t[q.inner:q.inner_end] for q in find_quotes(t, straight=True)]
    ["Oh, don't you leave me,", "The girls' room."]
    """
    if straight and "'" in text:
        return _straight_quotes(text)
    if single and "\u2018" in text:
        pattern = _SINGLE_CURLY  # the book's speech marks; any “ inside is a quote in a quote
    elif "\u201c" in text:
        pattern = _CURLY
    elif '"' in text:
        pattern = _STRAIGHT
    elif "\u300c" in text or "\u300e" in text:
        pattern = _CORNER
    else:
        return []
    out = []
    for m in pattern.finditer(text):
        inner, inner_end = m.start(1), m.end(1)
        if inner_end <= inner or not text[inner:inner_end].strip():
            continue
        out.append(Quote(m.start(), inner, inner_end, m.end(), m.group(2) is not None))
    return out


# ---------------------------------------------------------------------------- tags


@dataclass(slots=True)
class _Tag:
    kind: str  # name, pronoun, narrator, unknown
    value: str  # the name as written, or the gender
    pos: int  # where the tag stands in the text


def _valid_name(who: str) -> bool:
    words = who.split()
    first = words[0].rstrip(".")
    if first in _titles():
        return len(words) > 1  # "Admiral" alone is a rank, not a name
    return first not in _stopwords() and who.split()[-1] not in _stopwords()


def _tag_from(m: re.Match[str], offset: int) -> _Tag | None:
    who = m.groupdict().get("who")
    poss = m.groupdict().get("poss")
    pos = offset + m.start()
    if poss:
        poss = poss.lower()
        if poss == "my":
            return _Tag("narrator", "", pos)
        return _Tag("pronoun", "m" if poss == "his" else "f", pos)
    if not who:
        return None
    if who in ("he", "He"):
        return _Tag("pronoun", "m", pos)
    if who in ("she", "She"):
        return _Tag("pronoun", "f", pos)
    if who == "I":
        return _Tag("narrator", "", pos)
    if who[0].islower():
        return _Tag("unknown", who, pos)
    # "said Emma Then" cannot happen, but "said Mr. Knightley Emma" style run-ons are trimmed
    parts = who.split()
    while len(parts) > 1 and parts[-1] in _stopwords():
        parts.pop()
    who = " ".join(parts)
    if not _valid_name(who):
        return None
    return _Tag("name", who, pos)


_SENTENCE_END = re.compile(r"[.!?;]\s")
_NEW_SUBJECT = re.compile(r"\b(?:but|and|while|when|whereupon|till|until)\s+(?:he|she|I|[A-Z])")


def _tag_after(text: str, start: int, end: int) -> _Tag | None:
    seg = text[start:end]
    if not seg.strip():
        return None
    pats = _patterns()
    for key in ("after_verb", "after_subject", "after_noun"):
        m = pats[key].match(seg)
        if m:
            tag = _tag_from(m, start)
            if tag is not None:
                return tag
    return None


def _tag_before(text: str, start: int, end: int) -> _Tag | None:
    seg = text[max(start, end - 160) : end]
    tail = seg.rstrip()
    # a tag before a quote ends with a comma, colon or dash, or runs straight into it
    if not tail or tail[-1] in '.!?;)"\u201d\u2019':
        return None
    base = max(start, end - 160)
    # only the last sentence before the quote can hold its tag
    last = max(_SENTENCE_END.finditer(seg), key=lambda m: m.end(), default=None)
    if last is not None:
        base += last.end()
        seg = seg[last.end() :]
    pats = _patterns()
    for key in ("before_verb", "before_subject", "before_noun"):
        m = pats[key].search(seg)
        # "Elinor said nothing, but Anne turned, ..." is Anne's line, not Elinor's
        if m and m.groupdict().get("trail") and _NEW_SUBJECT.search(m.group("trail")):
            continue
        if m:
            tag = _tag_from(m, base)
            if tag is not None:
                return tag
    return None


def _tag_leading_in(prev: _Para) -> _Tag | None:
    """A paragraph ending "Harriet thus began again--" introduces the next one's speech."""
    text = prev.block.text
    if not text.rstrip().endswith((":", "-", "\u2014", "\u2013")):
        return None
    start = prev.quotes[-1].end if prev.quotes else 0
    tag = _tag_before(text, start, len(text.rstrip()))
    if tag is not None:
        tag.pos = 0  # it stands before everything in this paragraph
    return tag


# ---------------------------------------------------------------------------- characters


@dataclass(slots=True)
class _Character:
    name: str
    forms: set[str] = field(default_factory=set)
    gender: str | None = None


# ---------------------------------------------------------------------------- attribution


@dataclass(slots=True)
class _Para:
    block: Block
    quotes: list[Quote]
    tags: list[_Tag | None]
    narration: str  # the text with quoted words blanked out (same offsets)
    speakers: list[str | None] = field(default_factory=list)
    mentions: list[tuple[int, str]] | None = None  # (offset, character), narration only


def _blank_quotes(text: str, quotes: list[Quote]) -> str:
    if not quotes:
        return text
    out = []
    pos = 0
    for q in quotes:
        out.append(text[pos : q.start])
        out.append(" " * (q.end - q.start))
        pos = q.end
    out.append(text[pos:])
    return "".join(out)


def attribute(story: Story) -> None:
    """Fill ``utterances`` of every paragraph and build ``story.characters`` (English)."""
    # the speech tags and mentions are read in a language that writes names with capitals
    language = find_language(story.language)
    english = language is not None and language.prose_mentions
    sample = "\n".join(b.text for _, b in zip(range(2000), story.blocks(), strict=False))
    # British-style books quote speech in single marks (a “ inside is a quote in a quote):
    # speech opens with ‘ far more often than with “
    opens_single = len(_OPEN_SINGLE.findall(sample))
    doubles = sample.count("\u201c") + sample.count('"')
    single = opens_single > 20 and opens_single > 3 * doubles
    # ... or in straight single marks, which are also the apostrophe ('Phillis!' said I)
    opens_straight = len(_OPEN_STRAIGHT.findall(sample))
    straight = not single and opens_straight > 20 and opens_straight > 3 * doubles
    scenes: list[list[_Para]] = []
    all_tags: list[_Tag] = []
    narration: list[str] = []
    for scene in story.scenes:
        paras: list[_Para] = []
        for b in scene.blocks:
            if b.kind is not BlockKind.PARAGRAPH:
                continue
            quotes = find_quotes(b.text, single=single, straight=straight)
            b.utterances = [Utterance(b.text[q.inner : q.inner_end], None, q.inner) for q in quotes]
            narr = _blank_quotes(b.text, quotes)
            tags: list[_Tag | None] = []
            if english and quotes:
                for i, q in enumerate(quotes):
                    nxt = quotes[i + 1].start if i + 1 < len(quotes) else len(b.text)
                    prev = quotes[i - 1].end if i else 0
                    tag = _tag_after(b.text, q.end, nxt) or _tag_before(b.text, prev, q.start)
                    if tag is None and i == 0 and paras and not b.text[: q.start].strip():
                        tag = _tag_leading_in(paras[-1])
                    tags.append(tag)
                    if tag is not None:
                        all_tags.append(tag)
            narration.append(narr)
            paras.append(_Para(b, quotes, tags, narr))
        scenes.append(paras)
    if not english:
        return
    speech = [u.text for paras in scenes for p in paras for u in p.block.utterances]
    name_tags = [SpeechTag(t.value, 0) for t in all_tags if t.kind == "name"]
    first_person = sum(1 for n in narration if _FIRST_PERSON.search(n))
    letters = letter_marks([p.block.text for paras in scenes for p in paras])
    writers = sorted({sc.narrator for sc in story.scenes if sc.narrator})
    people = build_people(
        narration,
        speech,
        name_tags,
        first_person_paragraphs=first_person,
        letters=letters,
        writers=writers,
    )
    resolver = _resolver(people)
    _resolve_scenes(resolver, story, scenes)
    # a second pass: names said to one listener's face in two-person exchanges settle the
    # titled forms that could be several people ("Miss Dashwood" to Elinor) and, in a
    # first-person book, the narrator's own names ("Miss Grey")
    # (a third-person novel with a few letters in it is no first-person book: a line of talk
    # there is not said to an "I")
    told_as_i = people.first_person and (
        not people.epistolary
        or first_person >= 0.3 * max(1, sum(1 for n in narration if n.strip()))
    )
    exchanges = list(_vocatives(scenes, resolver, told_as_i))
    if exchanges:
        people = build_people(
            narration,
            speech,
            name_tags,
            first_person_paragraphs=first_person,
            exchanges=exchanges,
            letters=letters,
            evidence=people.evidence,
            writers=writers,
        )
        resolver = _resolver(people)
        _resolve_scenes(resolver, story, scenes)
    for person in people.persons.values():
        rec = story.character(person.name)
        rec.aliases |= {f for f in person.surfaces | person.forms if f != person.name}
        rec.gender = person.gender
        rec.role = person.role


def _resolve_scenes(resolver: _Resolver, story: Story, scenes: list[list[_Para]]) -> None:
    """Speakers of every scene; "said I" in a section whose writer the book names (a book in
    several hands: "THE STORY CONTINUED BY MARIAN HALCOMBE") is that writer."""
    narrator, teller = resolver.narrator, resolver.teller
    for scene, paras in zip(story.scenes, scenes, strict=True):
        writer = resolver.writer(scene.narrator) if scene.narrator else None
        resolver.narrator, resolver.teller = (writer, writer) if writer else (narrator, teller)
        resolver.scene(paras)
    resolver.narrator, resolver.teller = narrator, teller


class _Resolver:
    def __init__(
        self,
        chars: dict[str, _Character],
        form_to_name: dict[str, str],
        narrator: str | None = None,
        teller: str | None = None,
    ) -> None:
        self.chars = chars
        self.form_to_name = form_to_name
        # the "I" who tells the story, named or not ("Narrator"): whom "said I" gives the line
        self.teller = teller
        # "said I": the narrator's name once known, else a stand-in that still takes turns
        self.narrator = narrator or NARRATOR
        # per (paragraph, gender): mention prefixes, names in order, the set of names
        self._prefix: dict[tuple[int, str | None], tuple[list[int], list[str | None]]] = {}
        self._found_cache: dict[tuple[int, str | None], list[str]] = {}
        self._names_cache: dict[tuple[int, str | None], set[str]] = {}
        forms = sorted(
            {f for ch in chars.values() for f in ch.forms if _valid_name(f)},
            key=len,
            reverse=True,
        )
        alts = []
        for f in forms:
            words = [re.escape(w) for w in f.split()]
            if words and f.split()[0].rstrip(".") in _titles():
                words[0] = re.escape(f.split()[0].rstrip(".")) + r"\.?"
            alts.append(r"\s+".join(words))
        self.mention = re.compile(r"\b(?:" + "|".join(alts) + r")\b") if alts else None

    def name_of(self, surface: str) -> str | None:
        return self.form_to_name.get(name_key(surface))

    def writer(self, name: str) -> str | None:
        """The character a section's writer is ("Mr. Murthwaite", "Franklin Blake"): the
        name whole, without its title, or by its last word."""
        return next((n for t in writer_tries(name) if (n := self.name_of(t))), None)

    def gender(self, name: str | None) -> str | None:
        if name and name.startswith(_UNNAMED):
            return name[1:]
        ch = self.chars.get(name or "")
        return ch.gender if ch else None

    def mentions(self, p: _Para) -> list[tuple[int, str]]:
        if p.mentions is None:
            p.mentions = []
            if self.mention is not None:
                for m in self.mention.finditer(p.narration):
                    n = self.name_of(m.group(0))
                    if n:
                        p.mentions.append((m.start(), n))
            # "her mother returned ... 'Our dear Willoughby,' said she": the nearest woman has
            # no name here, so the pronoun must not fall through to a named one
            kin, genders = _kin()
            for m in kin.finditer(p.narration):
                g = genders.get(m.group(1))
                if g in ("m", "f"):
                    p.mentions.append((m.start(), _UNNAMED + g))
            p.mentions.sort()
        return p.mentions

    def scene(self, paras: list[_Para]) -> None:
        for k, p in enumerate(paras):
            p.speakers = [None] * len(p.quotes)
            decided = [False] * len(p.quotes)
            for i, tag in enumerate(p.tags):
                if tag is None:
                    continue
                decided[i] = True
                if tag.kind == "name":
                    p.speakers[i] = self.name_of(tag.value)
                elif tag.kind == "pronoun":
                    p.speakers[i] = self.pronoun(paras, k, tag)
                elif tag.kind == "narrator":
                    p.speakers[i] = self.narrator
            # quotes of one paragraph without a tag share the nearest tagged speaker
            if any(decided) and not all(decided):
                # the nearest decided quote before (filled ones count), else the first after:
                # one pass, not a search both ways from each of a paragraph's quotes
                first = decided.index(True)
                for i in range(len(p.quotes)):
                    if decided[i]:
                        continue
                    j = i - 1 if i > first else first
                    p.speakers[i] = p.speakers[j]
                    decided[i] = True
            # a speech running on from the paragraph before (its last quote left open)
            if p.quotes and not any(decided) and k:
                prev = paras[k - 1]
                if prev.quotes and not prev.quotes[-1].closed and p.quotes[0].start == 0:
                    p.speakers = [prev.speakers[-1]] * len(p.quotes)
                    decided = [True] * len(p.quotes)
            if p.quotes and not any(decided):
                p.speakers = [self.alternate(paras, k)] * len(p.quotes)
        _fill_exchanges(paras)
        for p in paras:
            for u, s in zip(p.block.utterances, p.speakers, strict=True):
                u.speaker = self.teller if s == NARRATOR else s

    def alternate(self, paras: list[_Para], k: int) -> str | None:
        """A bare line of dialogue after an A, B exchange is A's (then B's, ...)."""
        if not _pure_dialogue(paras[k]) or k < 2:
            return None
        a, b = _single_speaker(paras[k - 2]), _single_speaker(paras[k - 1])
        if a and b and a != b:
            return a
        return None

    def pronoun(self, paras: list[_Para], k: int, tag: _Tag) -> str | None:
        """The named character a he/she tag points at, or None when it is not safe to say."""
        who = self._pronoun(paras, k, tag)
        return None if who is None or who.startswith(_UNNAMED) else who

    def _pronoun(self, paras: list[_Para], k: int, tag: _Tag) -> str | None:
        g = tag.value
        who = self._pronoun_of(paras, k, tag, g)
        if who is None:
            # nobody of that gender: a character whose gender the text never said may be it
            who = self._pronoun_of(paras, k, tag, None)
        return who

    def _mentioned_before(self, p: _Para, g: str | None, pos: int) -> tuple[bool, str | None]:
        """(any, the one name) of p's mentions of gender g before ``pos``; the name is None
        when they name several. Prefixes are computed once per paragraph and gender, so a
        paragraph of thousands of tags does not rescan its mentions for each."""
        key = (id(p), g)
        prefix = self._prefix.get(key)
        if prefix is None:
            positions: list[int] = []
            ones: list[str | None] = []
            first: str | None = None
            mixed = False
            for at, n in self.mentions(p):
                if self.gender(n) != g:
                    continue
                if first is None:
                    first = n
                elif n != first:
                    mixed = True
                positions.append(at)
                ones.append(None if mixed else first)
            prefix = self._prefix[key] = (positions, ones)
        i = bisect_left(prefix[0], pos)
        return (True, prefix[1][i - 1]) if i else (False, None)

    def _found(self, p: _Para, g: str | None) -> list[str]:
        """p's names of gender g, speakers (last first) then mentions (last first); once per
        paragraph and gender (p is resolved when a later paragraph asks)."""
        key = (id(p), g)
        found = self._found_cache.get(key)
        if found is None:
            found = []
            seen: set[str] = set()
            for s in reversed(p.speakers):
                if s and self.gender(s) == g and s not in seen:
                    found.append(s)
                    seen.add(s)
            for _, n in reversed(self.mentions(p)):
                if self.gender(n) == g and n not in seen:
                    found.append(n)
                    seen.add(n)
            self._found_cache[key] = found
        return found

    def _mention_names(self, p: _Para, g: str | None) -> set[str]:
        key = (id(p), g)
        names = self._names_cache.get(key)
        if names is None:
            names = self._names_cache[key] = {n for _, n in self.mentions(p) if self.gender(n) == g}
        return names

    def _pronoun_of(self, paras: list[_Para], k: int, tag: _Tag, g: str | None) -> str | None:
        any_here, one = self._mentioned_before(paras[k], g, tag.pos)
        if any_here:
            return one
        prev_speaker = _single_speaker(paras[k - 1]) if k else None
        seen: list[str] = []
        for j in range(k - 1, max(-1, k - 8), -1):
            found = self._found(paras[j], g)
            for n in found:
                if n not in seen:
                    seen.append(n)
            if len(seen) >= 2:
                break
        if not seen:
            return None
        # a new paragraph of dialogue is a new speaker: skip the one who spoke just before
        if seen[0] == prev_speaker and paras[k].quotes and paras[k].quotes[0].start == 0:
            return seen[1] if len(seen) > 1 else None
        if len(seen) > 1 and _single_speaker(paras[k - 1]) is None and seen[1] != prev_speaker:
            # two candidates in the same stretch of narration: the pronoun is ambiguous
            names = self._mention_names(paras[k - 1], g)
            if seen[0] in names and seen[1] in names:
                return None
        return seen[0]


def _fill_exchanges(paras: list[_Para]) -> None:
    """Bare lines inside a two-person exchange go to whoever did not speak next to them.

    An exchange is a run of paragraphs that all hold quotes; it counts as two-person when its
    attributed lines name exactly two speakers. Bare lines take the other speaker of an
    attributed neighbour, forwards then backwards, until nothing changes.
    """
    k = 0
    while k < len(paras):
        if not paras[k].quotes:
            k += 1
            continue
        end = k
        while end + 1 < len(paras) and paras[end + 1].quotes:
            end += 1
        run = paras[k : end + 1]
        k = end + 1
        known = {s for p in run for s in p.speakers if s}
        if len(known) != 2 or not all(_single_speaker(p) or not any(p.speakers) for p in run):
            continue
        a, b = sorted(known)
        other = {a: b, b: a}
        changed = True
        while changed:
            changed = False
            for i, p in enumerate(run):
                if any(p.speakers) or not _pure_dialogue(p):
                    continue
                prev = _single_speaker(run[i - 1]) if i else None
                nxt = _single_speaker(run[i + 1]) if i + 1 < len(run) else None
                guess = other[prev] if prev else (other[nxt] if nxt else None)
                if guess:
                    p.speakers = [guess] * len(p.quotes)
                    changed = True


def _single_speaker(p: _Para) -> str | None:
    names = {s for s in p.speakers if s}
    return names.pop() if len(names) == 1 and all(p.speakers) else None


_PUNCT_ONLY = re.compile(r"^[\s\W_]*$")


def _pure_dialogue(p: _Para) -> bool:
    return bool(p.quotes) and _PUNCT_ONLY.match(p.narration) is not None


def _resolver(people: People) -> _Resolver:
    chars = {
        p.name: _Character(p.name, p.forms | p.surfaces, p.gender) for p in people.persons.values()
    }
    named = people.narrator if people.narrator_named else None
    return _Resolver(chars, people.form_to_name, named, teller=people.narrator)


_FIRST_PERSON = re.compile(r"(?<![\w’])(?<!\w')(?:I|me|my|myself)(?!\w)(?![’']\w)")


def _vocatives(
    scenes: list[list[_Para]], resolver: _Resolver, first_person: bool = False
) -> Iterable[tuple[str, str, str]]:
    """(speaker, listener, name as called out) for titled names said in two-person exchanges.

    Within a run of speech paragraphs between exactly two known speakers, a titled name set off
    by commas in one speaker's words ("...said Elinor. 'Indeed, Miss Dashwood, ...'") is what
    that speaker calls the other one.
    """
    titled = _VOCATIVE
    for paras in scenes:
        k = 0
        while k < len(paras):
            if not paras[k].quotes:
                k += 1
                continue
            end = k
            while end + 1 < len(paras) and paras[end + 1].quotes:
                end += 1
            run = paras[k : end + 1]
            k = end + 1
            speakers = {s for p in run for s in p.speakers if s}
            if len(speakers) == 1 and first_person and NARRATOR not in speakers:
                # a first-person book: one speaker talking, and "I" the one who listens
                speakers.add(NARRATOR)
            if len(speakers) != 2:
                continue
            a, b = sorted(speakers)
            other = {a: b, b: a}
            for p in run:
                for q, who in zip(p.quotes, p.speakers, strict=False):
                    if not who:
                        continue
                    for m in titled.finditer(p.block.text[q.inner : q.inner_end]):
                        yield who, other[who], m.group("name")


_VOCATIVE = re.compile(
    r"(?:^|[,!?—]\s*|\b(?:[Dd]ear|[Mm]y)\s+)(?P<name>(?:(?:Mr|Mrs|Miss|Ms|Mister|Master|Sir|"
    r"Lady|Lord|Captain|Colonel|Dr|Doctor)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s*[,!?.])"
)
