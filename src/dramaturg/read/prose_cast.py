"""The characters of an English prose manuscript: names, aliases, gender, narrator, addressee.

This is the one place a novel's cast is built; the speech attribution of
:mod:`dramaturg.read.prose_speech` and every analysis read its result from
``Story.characters``. The evidence is the text's own:

* **Names.** Titled forms (``Mr. Knightley``, ``Miss Anne Elliot``), full names
  (``Harriet Smith``) and bare capitalised words the text treats as people: the subject of a
  speech tag or of a verb only people do ("Troy smiled"), the owner of a face, a letter or a
  mother ("Harriet's face"), a name called out in speech ("Emma, wait"). A word that mostly
  follows "at"/"to"/"from" or goes before "Hall"/"Street" is a place, and one the text also
  writes in lower case is a word, not a name.
* **Aliases.** A title with a surname joins the full name it can only belong to, and only
  when the title's gender and kind agree: ``Mr. Roger Hamley`` is ``Roger Hamley``, ``Mrs.
  Gibson`` (a husband's name) is never ``Molly Gibson``, and a bare surname goes to the one
  man who bears it ("Thornton" is Mr. Thornton, not his mother). A form that could be several
  people stays apart, unless the speech settles it: a name said to one character, again and
  again, in their two-person exchanges (``"...Miss Dashwood"`` to Elinor) is theirs.
* **Narrator.** A first-person book's "I" is a character: named by what others call them to
  their face, by "my name is ...", or by the signature of their letters.
* **Addressee.** The letters of an epistolary book ("Dear Daddy-Long-Legs,") are written to
  someone: that someone is a character, and the narration's "you" is them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from dramaturg.text.diminutives import diminutives
from dramaturg.text.lexicon import load_lexicon, word_list

__all__ = [
    "NARRATOR",
    "Letter",
    "Person",
    "People",
    "SpeechTag",
    "build_people",
    "letter_marks",
    "name_key",
    "salutation",
]

#: who speaks "said I" before the narrator has a name
NARRATOR = "\x00I"


# ---------------------------------------------------------------------------- language data


@dataclass(frozen=True)
class _Data:
    titles: dict[str, str]  # title -> m / f / -
    own_titles: frozenset[str]  # titles that take the person's own surname (Miss, Mr)
    stop: frozenset[str]
    pronouns: dict[str, str]
    person_verbs: frozenset[str]
    weak_verbs: frozenset[str]
    possessions: frozenset[str]
    place_before: frozenset[str]
    place_before_two: frozenset[str]
    place_nouns: frozenset[str]
    salutations: tuple[str, ...]
    closings: tuple[str, ...]
    same_title: dict[str, str]
    narrator_label: str
    diminutives: dict[str, frozenset[str]]  # "Lizzy" -> {"Elizabeth"}


@cache
def _data() -> _Data:
    people = load_lexicon("people", "en")
    cast = load_lexicon("cast", "en")
    stop = {w.casefold() for (w, *_r) in word_list("name_stopwords.txt")}
    stop |= {w.casefold() for w in cast["stopwords"]["words"]}
    titles = {row[0]: row[1] for row in word_list("titles.txt")}
    return _Data(
        titles=titles,
        own_titles=frozenset(row[0] for row in word_list("titles.txt") if row[2:3] == ["own"]),
        stop=frozenset(stop),
        pronouns={w: g for w, g in word_list("pronouns.txt")},
        person_verbs=frozenset(people["person"]["verbs"]),
        weak_verbs=frozenset(people["person"]["weak"]),
        possessions=frozenset(people["person"]["possessions"]),
        place_before=frozenset(people["place"]["before"]),
        place_before_two=frozenset(people["place"].get("before_two", [])),
        place_nouns=frozenset(people["place"]["nouns"]),
        salutations=tuple(sorted(people["letter"]["salutation"], key=len, reverse=True)),
        closings=tuple(sorted(people["letter"]["closing"], key=len, reverse=True)),
        same_title=dict(people.get("titles", {}).get("same", {})),
        narrator_label=cast.get("first_person", {}).get("label", "Narrator"),
        diminutives=diminutives("en"),
    )


def settle_genders(persons: Iterable[Person]) -> None:
    """Pronouns counted over a whole book can mislead ("Molly" read as a man among the hero's
    "he"s): a gender they give against a first name nearly always given to the other sex is
    the name's. A name they leave open stays open (more gendered minor people would draw the
    pronouns: measured, Wives and Daughters lost half its thresholds)."""
    given = _given_names()
    for person in persons:
        first = person.name.split()[0]
        if _split_title(person.name)[0] or first not in given:
            continue
        if person.gender is not None and person.gender != given[first]:
            person.gender = given[first]


@cache
def _given_names() -> dict[str, str]:
    """First names and the gender they nearly always have (text/en/given_names.toml)."""
    data = load_lexicon("given_names", "en").get("given_names", {})
    return {n: g for g in ("m", "f") for n in data.get(g, [])}


def name_key(surface: str) -> str:
    """Compare names without title full stops and spacing: ``Mr. Darcy`` == ``Mr  Darcy``."""
    titles = _data().titles
    return " ".join(w.rstrip(".") if w.rstrip(".") in titles else w for w in surface.split())


# ---------------------------------------------------------------------------- inputs / outputs


@dataclass(frozen=True, slots=True)
class SpeechTag:
    """A name that tags a quote ("said Emma"), and the quote's paragraph."""

    name: str
    paragraph: int


@dataclass(slots=True)
class Person:
    """One character: canonical name, every form the text uses, gender, and role."""

    name: str
    forms: set[str] = field(default_factory=set)  # name keys (see :func:`name_key`)
    surfaces: set[str] = field(default_factory=set)  # forms as written
    gender: str | None = None
    role: str | None = None  # "narrator", "addressee" or None
    spoken: int = 0
    mentions: int = 0


@dataclass(slots=True)
class People:
    """The cast of a manuscript and the lookup from any name form to its character."""

    persons: dict[str, Person]
    form_to_name: dict[str, str]
    narrator: str | None = None
    addressee: str | None = None
    first_person: bool = False
    epistolary: bool = False
    narrator_named: bool = False  # the text names its "I" (else the narrator is a label)
    evidence: Evidence | None = None  # what the text gave, for a second pass

    def name_of(self, surface: str) -> str | None:
        return self.form_to_name.get(name_key(surface))


# ---------------------------------------------------------------------------- patterns

# a name word: Emma, McBride, MacRae, O'Brien, Daddy-Long-Legs (never a possessive 's)
_NAME_WORD = r"(?:[A-Z]['’])?[A-Z][a-z]{0,2}[A-Z]?[a-z]+(?:-[A-Z]?[a-z]+)*"
_CAP = re.compile(rf"(?<![\w'’-]){_NAME_WORD}(?![\w-])")
_SENT_START = re.compile(r"(?:^|[.!?:;][\"”’)]*\s+|[“\"‘(—–-]\s*|\n\s*\n)$")
_WORDS = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def _title_alt() -> str:
    return "|".join(sorted(map(re.escape, _data().titles), key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    t = _title_alt()
    return {
        # Mr. Knightley / Miss Anne Elliot / Mrs. John Dashwood (a line break may fall inside)
        "titled": re.compile(
            rf"(?<![\w-])(?:{t})\.?[ \t]*+\n?[ \t]*+{_NAME_WORD}(?:(?:[ \t]++\n?|\n)[ \t]*+{_NAME_WORD})?"
        ),
        # overlapping: "Then Elizabeth Bennet" holds "Elizabeth Bennet"
        # a line break of the manuscript may fall between the two names, not a blank line
        # (the blanks are possessive: a name never starts with one, and "[ \t]+\n?[ \t]*"
        # split a long run of blanks every way before giving up, quadratic in the run)
        "bigram": re.compile(
            rf"(?<![\w'’-])({_NAME_WORD})(?=(?:[ \t]++\n?|\n)[ \t]*+({_NAME_WORD})(?![\w-]))"
        ),
    }


# ---------------------------------------------------------------------------- union-find


class _Forms:
    """Name forms (keys), their counts and written surfaces, merged by union-find."""

    def __init__(self) -> None:
        self.count: Counter[str] = Counter()
        self.surface: dict[str, Counter[str]] = defaultdict(Counter)
        self.parent: dict[str, str] = {}
        self.group: dict[str, list[str]] = {}  # root -> every form merged into it

    def copy(self) -> _Forms:
        out = _Forms()
        out.count = Counter(self.count)
        out.surface = defaultdict(Counter, {k: Counter(v) for k, v in self.surface.items()})
        out.parent = dict(self.parent)
        out.group = {k: list(v) for k, v in self.group.items()}
        return out

    def add(self, surface: str, n: int = 1) -> str:
        k = name_key(surface)
        self.count[k] += n
        self.surface[k][" ".join(surface.split())] += n
        if k not in self.parent:
            self.parent[k] = k
            self.group[k] = [k]
        return k

    def find(self, k: str) -> str:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def members(self, k: str) -> list[str]:
        return self.group[self.find(k)]

    def union(self, a: str, b: str) -> None:
        if a not in self.parent or b not in self.parent:
            return
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.group[ra].extend(self.group.pop(rb))

    def same(self, a: str, b: str) -> bool:
        return a in self.parent and b in self.parent and self.find(a) == self.find(b)


def _split_title(key: str) -> tuple[str | None, list[str]]:
    words = key.split()
    if len(words) > 1 and words[0] in _data().titles:
        return words[0], words[1:]
    return None, words


def _title_gender(title: str | None) -> str | None:
    g = _data().titles.get(title or "", "-")
    return g if g in ("m", "f") else None


# ---------------------------------------------------------------------------- evidence


@dataclass(slots=True)
class _WordStats:
    mid: int = 0  # capitalised, not at a sentence start
    start: int = 0  # capitalised at a sentence start
    person: float = 0.0  # person evidence
    strong: int = 0  # of it, verbs only people do ("thought", not "was")
    place: int = 0  # place evidence
    vocative: int = 0  # called out in speech


def _word_stats(
    narration: Sequence[str], speech: Sequence[str]
) -> tuple[dict[str, _WordStats], Counter[str]]:
    """Per capitalised word: how the text uses it; and how often each word is written lower-case.

    One pass over the whitespace-separated tokens of each paragraph, each seen with the two
    before it and the two after it.
    """
    d = _data()
    stats: dict[str, _WordStats] = defaultdict(_WordStats)
    lower: Counter[str] = Counter()
    for texts, spoken in ((narration, False), (speech, True)):
        for text in texts:
            toks = text.split()
            words = [t if t.isalpha() else _strip_token(t) for t in toks]
            for w in words:
                if w[:1].islower():
                    lower[w] += 1
            n = len(toks)
            for i, tok in enumerate(toks):
                w = words[i]
                m = _CAP_TOKEN.fullmatch(w)
                if m is None:
                    continue
                w = m.group(1)
                if w.casefold() in d.stop or w in d.titles:
                    continue
                s = stats[w]
                prev = toks[i - 1] if i else ""
                if not i or _ENDS_SENTENCE.search(prev) or tok[:1] in _OPENING:
                    s.start += 1
                else:
                    s.mid += 1
                prev_word = words[i - 1].lower() if i else ""
                prev_two = f"{words[i - 2].lower()} {prev_word}" if i > 1 else prev_word
                if prev_word in d.place_before or prev_two in d.place_before_two:
                    s.place += 1
                nxt = words[i + 1] if i + 1 < n else ""
                if nxt in d.place_nouns:
                    s.place += 2
                ends = tok[len(tok.rstrip(_CLOSE)) :] if tok[-1:] in _CLOSE else ""
                possessive = w != tok.rstrip(_CLOSE).lstrip(_OPEN_CHARS) and tok.rstrip(
                    _CLOSE
                ).endswith(("'s", "’s"))
                verb = nxt.lower()
                if not ends and _CAP_TOKEN.fullmatch(nxt) and i + 2 < n:
                    # "Jane Bennet wrote": the verb after the surname is the first name's too
                    verb = words[i + 2].lower()
                if not ends and not possessive and verb in d.person_verbs:
                    s.person += 0.5 if verb in d.weak_verbs else 1.0
                    s.strong += verb not in d.weak_verbs
                if possessive:
                    owned = [x.lower() for x in words[i + 1 : i + 3]]
                    if any(o in d.possessions for o in owned):
                        s.person += 1.0
                if spoken and ends[:1] in (",", "!", "?"):
                    # called out: "Emma, wait" / "wait, Emma!" / "Dear Emma,"
                    if not i or prev[-1:] in (",", "—") or prev_word in ("dear", "my"):
                        s.vocative += 1
                        s.person += 1.0
                        s.strong += 1
    return stats, lower


_LEADING = re.compile(r"[^\w]+")


def _strip_token(token: str) -> str:
    r"""A token without the punctuation before and after it, and a possessive ``'s`` before
    the trailing punctuation (``“Emma's,”`` -> ``Emma``). A scan from each end: a regex
    anchored at the end (``[^\w]+$``) retried at every position of a long run of punctuation
    inside a token was quadratic (40,000 dots between two letters took half a minute)."""
    m = _LEADING.match(token)
    start = m.end() if m else 0
    end = len(token)
    while end > start and not (token[end - 1].isalnum() or token[end - 1] == "_"):
        end -= 1
    if end < len(token) and end - 2 >= start and token[end - 2 : end] in ("'s", "’s"):
        end -= 2
    return token[start:end]


_CAP_TOKEN = re.compile(rf"({_NAME_WORD})(?:['’]s)?")
_ABBREVIATED = re.compile(r"(?<![\w'’.-])([A-Z][a-z]{0,2})\.[ \t]*+\n?[ \t]*+(?=[A-Z])")
_NEXT_NAME = re.compile(rf"[ \t]++({_NAME_WORD})(?![\w-])")
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"”’)]*$")
_OPENING = frozenset('“"‘(—–-')
_CLOSE = ',.;:!?”"’)—–-'
_OPEN_CHARS = '“"‘(—–-'


def _is_name_word(w: str, s: _WordStats, lower: Counter[str], short: bool = False) -> bool:
    """A capitalised word the text uses as a person's name (a short text may name someone
    only twice)."""
    total = s.mid + s.start
    if total < (2 if short else 3):
        return False
    if lower[w.lower()] > 0.05 * total:  # "Will", "Hope", "May" the text also writes in lower case
        return False
    if s.place >= max(2, 0.3 * total):
        return False
    if short:
        # a few pages: a word capitalised inside sentences is a name, or one a person's verb
        # follows ("Deadlines came" at a sentence start is not)
        return s.mid >= 2 or (s.mid >= 1 and s.person >= 0.5) or s.strong >= 1
    return s.mid >= 2 and s.person >= max(2.0, 0.08 * total)


# ---------------------------------------------------------------------------- the builder


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter inside a manuscript: the paragraph it opens on, whom it greets, who signs it."""

    paragraph: int
    to: str | None
    signed: str | None


def salutation(text: str) -> str | None:
    """The name a letter greets in its first line ("Dear Daddy-Long-Legs," -> Daddy-Long-Legs).

    >>> salutation("Dear Dr. MacRae:")
    'Dr. MacRae'
    >>> salutation("Dear me, how it rains!") is None
    True
    >>> salutation("DEAR PHILIP:")
    'Philip'
    """
    m = _SALUTATION.match(text)
    if not m:
        # "DEAR PHILIP:": a greeting set in capitals greets a name all the same
        head = text[:60]
        if not head.lstrip().startswith(("DEAR", "MY DEAR")) or not head.split(":")[0].isupper():
            return None
        m = _SALUTATION.match(head.split("\n", 1)[0].title())
        if not m:
            return None
    name = " ".join(m.group("name").split())
    words = [w for w in name.split() if w.rstrip(".") not in _data().titles]
    if not words or any(w.casefold() in _data().stop for w in words):
        return None
    return name


def _signature(text: str) -> str | None:
    """The name that signs a letter ("Yours ever, / Judy"), if this paragraph is a signature."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if not lines or len(lines) > 3 or len(text) > 120:
        return None
    last = lines[-1].rstrip(".!")
    low = " ".join(lines).casefold()
    closing = any(low.startswith(c) for c in _data().closings)
    if not closing and len(lines) > 1:
        return None
    if not re.fullmatch(r"(?:[A-Z][A-Za-z'’-]+\.?\s*){1,3}", last):
        return None
    words = last.split()
    if any(w.casefold().rstrip(".") in _data().stop for w in words):
        return None
    if not closing and (
        len(words) > 2 or not last.isupper() and len(lines) == 1 and len(words) > 1
    ):
        return None
    return " ".join(_uncap(w) for w in words)


def _uncap(word: str) -> str:
    """A signature in capitals as a name is written: SALLIE -> Sallie, McBRIDE -> McBride."""
    if sum(c.isupper() for c in word) < 3:
        return word
    if word[:2] == "Mc" and len(word) > 3:
        return "Mc" + word[2].upper() + word[3:].lower()
    return word[0].upper() + word[1:].lower()


def letter_marks(paragraphs: Sequence[str]) -> list[Letter]:
    """The letters among a manuscript's paragraphs: each salutation opens one, and the short
    signature before the next salutation (or at the end) closes it."""
    starts = [(i, name) for i, t in enumerate(paragraphs) if (name := salutation(t))]
    out = []
    for n, (i, name) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(paragraphs)
        signed = None
        for j in range(end - 1, max(i, end - 6), -1):
            signed = _signature(paragraphs[j])
            if signed:
                break
        out.append(Letter(i, name, signed))
    return out


@dataclass(slots=True)
class Evidence:
    """What :func:`build_people` reads off the text, gathered once for both of its passes."""

    forms: _Forms
    spoken: Counter[str]
    stats: dict[str, _WordStats]
    lower: Counter[str]
    name_words: set[str]
    surnames: dict[str, list[str]]
    genders: dict[str, str]
    apart: _CoMentions
    short: bool = False  # a few pages: a name said twice is a character
    # three name words in a row, "Frances Evans Henri": one person's full name
    triples: Counter[str] = field(default_factory=Counter)


def gather(narration: Sequence[str], speech: Sequence[str], tags: Iterable[SpeechTag]) -> Evidence:
    """Every name form of the text with its counts, the word statistics, the genders the
    pronouns give, and which forms stand side by side as two people."""
    d = _data()
    pats = _patterns()
    forms = _Forms()
    spoken: Counter[str] = Counter()
    tags = list(tags)
    stats, lower = _word_stats(narration, speech)
    short = sum(len(t) for t in narration) + sum(len(t) for t in speech) < 30_000
    for tag in tags:
        name = _trim_common(tag.name, stats, lower)
        if name and _valid(name):
            spoken[forms.add(name)] += 1
    # paragraphs apart by a blank line: a name never runs on into the next paragraph
    whole = "\n\n".join(narration)
    said = "\n\n".join(speech)
    # short capitalised words the text nearly always writes with a full stop before another
    # capitalised word ("St. Leger", "Mt. Vernon"): abbreviations inside a name, no name alone
    stops: Counter[str] = Counter()
    for text in (whole, said):
        stops.update(_ABBREVIATED.findall(text))
    abbreviated = {
        w for w, n in stops.items() if w in stats and n >= 0.8 * (stats[w].mid + stats[w].start)
    }
    name_words = {w for w, s in stats.items() if _is_name_word(w, s, lower, short)}
    name_words |= {k for k in spoken if len(k.split()) == 1}
    name_words -= abbreviated

    # two capitalised words side by side, and the runs of exactly three ("Frances Evans
    # Henri"): runs of bigrams, each starting at the second word of the one before; four or
    # more are several people's names or a child's named after them all
    pairs: list[tuple[str, str]] = []
    broken: Counter[str] = Counter()  # the two words on either side of a line break
    triples: Counter[str] = Counter()
    for text in (whole, said):
        run: list[str] = []
        run_end = -1
        for m in pats["bigram"].finditer(text):
            a, b = m.group(1), m.group(2)
            if "\n" in text[m.end(1) : m.start(2)]:
                broken[f"{a} {b}"] += 1
                continue
            if m.start(1) == run_end:
                run.append(b)
            else:
                if len(run) == 3:
                    triples[" ".join(run)] += 1
                run = [a, b]
            run_end = m.start(2)
            if a not in abbreviated and b not in abbreviated:
                pairs.append((a, b))
        if len(run) == 3:
            triples[" ".join(run)] += 1
    # a three-word full name the text repeats ("Rupert Sent Leger") is a form of its own: the
    # name its first name and its surname belong to (and, found whole, it is not a first name
    # written beside a surname as two people)
    trios = Counter(
        {
            t: n
            for t, n in triples.items()
            if n >= 2
            and t.split()[0] in name_words
            and t.split()[2] in name_words
            and not any(w in d.titles or w.casefold() in d.stop for w in t.split())
        }
    )
    for t, n in trios.items():
        forms.add(t, n)

    for text in (whole, said):
        for m in pats["titled"].finditer(text):
            parts = m.group(0).split()
            if len(parts) == 3 and trios:
                # "Captain Rupert Sent Leger": a title before a three-word name
                nxt = _NEXT_NAME.match(text, m.end())
                if nxt and f"{parts[1]} {parts[2]} {nxt.group(1)}" in trios:
                    parts.append(nxt.group(1))
            while len(parts) > 2 and (
                parts[-1].casefold() in d.stop or parts[-1].rstrip(".") in d.titles
            ):
                parts.pop()
            if len(parts) >= 2 and parts[1].casefold() not in d.stop:
                if parts[1] not in abbreviated:
                    forms.add(" ".join(parts))
    titled = [k for k in forms.count if _split_title(k)[0]]
    surnames: dict[str, list[str]] = defaultdict(list)
    for k in titled:
        _, rest = _split_title(k)
        surnames[rest[-1]].append(k)

    # full names "Anne Elliot": a first name before a known surname, or two name words
    bigrams: Counter[str] = Counter()
    for a, b in pairs:
        if a.casefold() in d.stop or a in d.titles or b.casefold() in d.stop:
            continue
        if _common(a, stats, lower) or _common(b, stats, lower):
            continue  # "Farmer Oak", "Presently Cynthia": a word, then a name
        if (
            b in surnames
            or (a in name_words and b in name_words)
            or (a in name_words and stats[b].mid >= 2 and lower[b.lower()] == 0)
        ):
            if b not in d.place_nouns:
                bigrams[f"{a} {b}"] += 1
    # a full name also found on one line counts its line-broken occurrences too; alone, a
    # line break between two capitalised words ("...said Cynthia / Molly looked up") is none
    # and so does the full name of a titled form ("Mr. John / Dashwood" names John Dashwood)
    rests = {" ".join(r) for k in titled if len(r := _split_title(k)[1]) == 2}
    for full in {*bigrams, *(f for f in broken if f in rests)}:
        bigrams[full] += broken.get(full, 0)
    firsts_spoken = {k.split()[0] for k in spoken}
    for full, n in bigrams.items():
        first, last = full.split()
        # once is enough for a first name before a surname the text gives a title
        # ("Fitzwilliam Darcy" beside "Mr. Darcy"), if the first name is no common word
        if (
            n >= 2
            or first in firsts_spoken
            or (last in surnames and not lower[first.lower()])
            or (short and first in name_words)
        ):
            forms.add(full, n)
            surnames.setdefault(full.split()[1], [])
    for w in name_words:
        s = stats[w]
        forms.add(w, max(1, s.mid + s.start))

    keys = list(forms.count)
    genders = _pronoun_genders(
        [k for k in keys if not _split_title(k)[0]],
        [k for k in keys if _split_title(k)[0]],
        narration,
    )
    apart = _CoMentions(forms, [*narration, *speech])
    ev = Evidence(forms, spoken, stats, lower, name_words, dict(surnames), genders, apart, short)
    ev.triples = trios
    return ev


def build_people(
    narration: Sequence[str],
    speech: Sequence[str],
    tags: Iterable[SpeechTag],
    *,
    first_person_paragraphs: int = 0,
    exchanges: Iterable[tuple[str, str, str]] = (),
    letters: Sequence[Letter] = (),
    evidence: Evidence | None = None,
    writers: Sequence[str] = (),
) -> People:
    """Build the cast of a manuscript from its narration and speech (quotes blanked out of
    ``narration``; ``speech`` the quoted words). ``tags`` are the names that tag quotes;
    ``first_person_paragraphs`` how many narration paragraphs speak as "I";
    ``exchanges`` (speaker, listener, vocative surface) for names said to someone's face,
    filled on a second pass once speakers are known (see :func:`settle_vocatives`).
    ``writers`` are the names a book in several hands gives the writer of each section
    ("THE STORY CONTINUED BY MARIAN HALCOMBE"): each is a character, and the book has no one
    narrator to name (its "I" is a different person in each section)."""
    d = _data()
    ev = evidence or gather(narration, speech, tags)
    forms = ev.forms.copy()
    spoken, surnames = ev.spoken, ev.surnames
    apart = ev.apart
    apart.bind(forms)

    keys = list(forms.count)
    titled = [k for k in keys if _split_title(k)[0]]
    # a full name written once ("Bathsheba Boldwood" as gossip) owns no other name, unless
    # it is also written with a title ("Miss Matilda Murray")
    with_title = Counter(" ".join(_split_title(k)[1]) for k in keys if _split_title(k)[0])
    full_names = [
        k
        for k in keys
        if not _split_title(k)[0]
        and len(k.split()) == 2
        and (forms.count[k] >= 2 or spoken[k] or with_title[k] or k.split()[1] in surnames)
    ]
    # ... nor does one written once whose second word begins another's full name: two given
    # names with the comma lost between them ("with a bow to Anna Paul left the room", where
    # "Paul" is Paul Lee's name, "Mr. Paul" to the servants)
    given = {k.split()[0] for k in full_names if forms.count[k] >= 2}
    full_names = [
        k
        for k in full_names
        if forms.count[k] >= 2 or spoken[k] or with_title[k] or k.split()[1] not in given
    ]
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for k in full_names:
        by_first[k.split()[0]].append(k)
        by_last[k.split()[1]].append(k)
    for trio in ev.triples:
        by_first[trio.split()[0]].append(trio)
        by_last[trio.split()[2]].append(trio)
    genders = ev.genders
    surnames = {k: list(v) for k, v in surnames.items()}
    # a word after a title is a surname unless a full name begins with it ("Miss Anne")
    family = {
        w: owners
        for w, owners in surnames.items()
        if w in by_last or (w not in by_first and owners)
    }

    def merge(a: str, b: str, *, check: bool = True) -> None:
        """Join two forms unless the text names them side by side as two people."""
        if not forms.same(a, b) and not (check and apart.distinct(a, b)):
            forms.union(a, b)

    def group_count(k: str) -> int:
        return sum(forms.count[m] for m in forms.members(k))

    def gender_of_full(k: str) -> str | None:
        return genders.get(k.split()[0]) or genders.get(k)

    # a three-word full name: its two-word parts are the one person ("Frances Evans",
    # "Frances Henri", "Evans Henri" of "Frances Evans Henri")
    for trio in ev.triples:
        a, b, c = trio.split()
        parts = [p for p in (f"{a} {b}", f"{a} {c}", f"{b} {c}") if p in forms.count]
        # ... and so is a title before its last two words ("Mr. Sent Leger")
        # (a title of one's own name and sex: "Mrs. Sent Leger" is his mother or his wife)
        tg = gender_of_full(trio)
        tail = [
            k
            for k in titled
            if _split_title(k)[1] == [b, c]
            and (t := _split_title(k)[0]) in d.own_titles
            and _title_gender(t) in (None, tg)
        ]
        for p in parts + tail:
            merge(trio, p, check=False)
    # "Mr. John Dashwood" makes "John" a first name of another person too
    for k in keys:
        t, rest = _split_title(k)
        if t and len(rest) == 2 and forms.count[k] >= 2:
            # (the untitled "John Dashwood" when the text writes it, else the titled form:
            # only a form the cast knows can be an owner)
            full = " ".join(rest)
            owner = full if full in forms.parent else k
            if owner not in by_first[rest[0]]:
                by_first[rest[0]].append(owner)
    # Title + first + surname: "Miss Anne Elliot" is Anne Elliot (and "Miss Anne");
    # "Mrs. John Dashwood" is John Dashwood's wife
    for k in keys:
        t, rest = _split_title(k)
        if (
            not t
            or len(rest) not in (2, 3)
            or (len(rest) == 3 and " ".join(rest) not in ev.triples)
        ):
            continue
        full = " ".join(rest)
        tg = _title_gender(t)
        fg = gender_of_full(full) if full in forms.count else None
        if full in forms.count and (tg is None or fg is None or tg == fg):
            if t in d.own_titles or tg is None or fg == tg:
                merge(full, k, check=False)
        short = f"{t} {rest[0]}"
        if short in forms.count and t in d.own_titles:
            merge(k, short, check=False)

    # bare first names: the one full name they begin ("Weston" of "Weston Churchill" is
    # also Mr. Weston's surname: too many owners)
    def weight(owners: Iterable[str]) -> int:
        return sum(forms.count.get(o, 0) for o in owners)

    for k in keys:
        if _split_title(k)[0] or len(k.split()) != 1:
            continue
        owners = by_first.get(k, [])
        if k in family and weight(owners) < 4 * weight({*family[k], *by_last.get(k, [])}):
            # a surname too ("Weston" of Mr. Weston), unless the full names it begins far
            # outnumber the ones it ends ("Rupert" of Rupert Sent Leger; "Gospodar Rupert")
            continue
        if len({forms.find(o) for o in owners}) == 1:
            merge(owners[0], k, check=False)
        elif len(owners) > 1:
            top = max(owners, key=lambda o: forms.count[o])
            if forms.count[top] >= 0.85 * sum(forms.count[o] for o in owners):
                merge(top, k, check=False)
    # title + surname: the full name of that surname and gender, when there is only one (and
    # the text does not name them side by side: "Mr. Knightley and Mr. John Knightley")
    # a person goes by one title: once "Mr. Tilney" is Henry Tilney, "Captain Tilney" and
    # "General Tilney" are his brother and father (the commonest titled form decides first)
    titled_by: dict[str, str] = {}
    for k in sorted(titled, key=lambda k: -forms.count[k]):
        t, rest = _split_title(k)
        if len(rest) != 1 or t is None:
            continue
        if not (t in d.own_titles or _title_gender(t) is None):
            continue  # Mrs. / Lady + surname carry a husband's name
        # "Dr." and "Captain" say no gender: the pronouns after the titled name may
        tg = _title_gender(t) or genders.get(k)
        cands = by_last.get(rest[0], [])
        pool = [f for f in cands if gender_of_full(f) == tg] if tg else list(cands)
        if not pool and tg and (_title_gender(t) is None or len(cands) == 1):
            # a gendered title takes a full name of unknown gender only when its first name
            # is never used alone ("Fitzwilliam Darcy" is Mr. Darcy's formal name; "Richard
            # Grey", whose wife calls him "Richard", is not Miss Grey)
            pool = [
                f
                for f in cands
                if gender_of_full(f) is None
                and (_title_gender(t) is None or forms.count.get(f.split()[0], 0) <= 1)
            ]
        if not pool:
            continue
        # one person's full names count once ("Frances Henri" and "Frances Evans Henri")
        best: dict[str, str] = {}
        for c in pool:
            r = forms.find(c)
            if r not in best or forms.count[c] > forms.count[best[r]]:
                best[r] = c
        pool = list(best.values())
        if tg == "f" and (len(pool) > 1 or f"{t} {rest[0]}s" in forms.count):
            continue  # "Miss Dashwood" is the eldest of the sisters, not one by her name
        f = max(pool, key=lambda c: forms.count[c])
        if forms.count[f] < 0.85 * sum(forms.count[c] for c in pool):
            continue  # several people of that name
        root = forms.find(f)
        title = d.same_title.get(t, t)
        if root in titled_by and titled_by[root] != title:
            continue
        # "Mr. John Knightley" is how the text tells John apart, again and again, and plain
        # "Mr. Knightley" is far more frequent than all of John's names: the plain form is
        # the head of the family, another man (a formal "Captain Frederick Wentworth" or
        # "Mr. John Smith" once or twice tells nobody apart)
        first = f.split()[0]
        told_apart = forms.count.get(f"{t} {first}", 0) + forms.count.get(f"{t} {f}", 0)
        if told_apart >= 5 and forms.count[k] > group_count(f):
            continue
        merge(f, k)
        if forms.same(f, k):
            titled_by.setdefault(forms.find(f), title)
    # "Sir Walter" / "Lady Harriet": a title before a bare first name that the text also
    # writes alone joins that name
    for k in titled:
        t, rest = _split_title(k)
        w = rest[0]
        if len(rest) == 1 and w in by_first and len(by_first[w]) == 1 and w not in family:
            f = by_first[w][0]
            if t != "Mrs" and (not _title_gender(t) or _title_gender(t) == gender_of_full(f)):
                merge(f, k)
    # bare surnames: the one man of that name (a woman is "Mrs." or "Miss" in narration)
    for w in keys:
        if w in by_first or len(w.split()) != 1:
            continue
        owners = [o for o in family.get(w, []) if o in forms.count] + by_last.get(w, [])
        if not owners:
            continue
        men = _dominant(forms, [o for o in owners if _owner_gender(o, gender_of_full) == "m"])
        women = _dominant(forms, [o for o in owners if _owner_gender(o, gender_of_full) == "f"])
        bare_g = genders.get(w)
        if men and bare_g != "f":
            merge(men, w)
        elif not any(_owner_gender(o, gender_of_full) == "m" for o in owners) and women:
            if bare_g == "f":
                merge(women, w)

    _join_diminutives(forms, keys, genders, apart)

    exchanges = list(exchanges)
    # names said to one listener's face in their exchanges ("Miss Dashwood" to Elinor)
    _settle_vocatives(forms, [e for e in exchanges if e[1] != NARRATOR], apart)

    first_person = first_person_paragraphs >= 0.3 * max(1, sum(1 for t in narration if t.strip()))
    epistolary = sum(1 for x in letters if x.to) >= 3
    narrator_root: str | None = None
    if (first_person or epistolary) and not writers:
        narrator_root = _name_narrator(forms, exchanges, letters, [*narration], genders)
    written_by = {forms.find(forms.add(w, 0)) for w in _writer_forms(forms, writers)}
    addressee_root: str | None = None
    if epistolary:
        # everyone greeted is a character: the letters are written to them
        # "Dear Man," greets with a common noun: an epithet, not a name to add
        greeted = Counter(
            forms.add(x.to, 0)
            for x in letters
            if x.to and not (" " not in x.to and _common(x.to, ev.stats, ev.lower))
        )
        for k, n in greeted.items():
            forms.count[k] += n
            _join_compound(forms, k)
            _join_greeted_names(forms, k)
        by_root: Counter[str] = Counter()
        for k, n in greeted.items():
            by_root[forms.find(k)] += n
        addressee_root = by_root.most_common(1)[0][0] if by_root else None
        if addressee_root == narrator_root:
            addressee_root = None
        keep_greeted = {forms.find(k) for k in greeted}
    else:
        keep_greeted = set()

    named = narrator_root is not None
    if (first_person or epistolary) and narrator_root is None and not writers:
        narrator_root = forms.add(_data().narrator_label, 0)  # "I", never named
    people = _assemble(
        forms,
        spoken,
        genders,
        keep={r for r in (narrator_root, addressee_root) if r is not None}
        | keep_greeted
        | written_by,
        least=2 if ev.short else 3,
    )
    settle_genders(people.persons.values())
    people.first_person = first_person or epistolary
    people.epistolary = epistolary
    people.narrator_named = named
    people.evidence = ev
    roles: tuple[tuple[str | None, str], ...] = (
        (narrator_root, "narrator"),
        (addressee_root, "addressee"),
    )
    for role_root, role in roles:
        if role_root is None:
            continue
        name = people.form_to_name.get(role_root)
        if name:
            people.persons[name].role = role
            if role == "narrator":
                people.narrator = name
            else:
                people.addressee = name
    # a named "I" has no pronoun of their own to give a sex: their first name gives it
    # ("Nelly Dean"), before what others call them ("sir" may be said to another "I")
    if named and people.narrator:
        teller = people.persons[people.narrator]
        if teller.gender is None and not _split_title(teller.name)[0]:
            teller.gender = _given_names().get(teller.name.split()[0])
    return people


def _join_diminutives(
    forms: _Forms, keys: Sequence[str], genders: dict[str, str], apart: _CoMentions
) -> None:
    """A diminutive the text writes with a surname ("Jem Wilson") is the one person it also
    names in full with that surname ("James Wilson"): the one group whose first name it
    shortens, of the same sex, never named beside it as another, and not one a title names by
    a bare first name ("Lady Catherine")."""
    d = _data()
    untitled = [k for k in keys if not _split_title(k)[0] and len(k.split()) <= 2]
    by_given: dict[str, list[str]] = defaultdict(list)
    for k in untitled:
        by_given[k.split()[0]].append(k)
    for k in untitled:
        words = k.split()
        fulls = d.diminutives.get(words[0])
        if not fulls or len(words) != 2:
            continue  # (a bare "Kitty" may shorten anyone's Catherine: what is said to her face
            # decides, see _settle_vocatives)
        own = forms.find(k)
        # the group already holds its full first name ("Elizabeth" beside "Lizzy")
        if any(m.split()[0] in fulls for m in forms.members(k) if not _split_title(m)[0]):
            continue
        cands = [
            c
            for f in fulls
            for c in by_given.get(f, [])
            if len(c.split()) == 2 and c.split()[1] == words[1]
        ]
        roots = {forms.find(c) for c in cands} - {own}
        if len(roots) != 1:
            continue
        root = roots.pop()
        sexes = {genders.get(m) for m in (*forms.members(root), *forms.members(k))} - {None}
        if len(sexes) > 1:
            continue
        if any(
            (t := _split_title(m)[0]) and t not in d.own_titles and len(_split_title(m)[1]) == 1
            for m in forms.members(root)
        ):
            continue
        if not apart.distinct(root, k):
            forms.union(root, k)


def writer_tries(name: str) -> list[str]:
    """The forms a section writer's name ("Mr. Murthwaite", "Franklin Blake") may be known
    by, in order: whole, without its title, its last word."""
    words = name.split()
    return [t for t in (name, " ".join(x for x in words if not x.endswith(".")), words[-1]) if t]


def _writer_forms(forms: _Forms, writers: Sequence[str]) -> list[str]:
    """The name form each section writer is known by in the text (:func:`writer_tries`)."""
    return [next((t for t in writer_tries(w) if name_key(t) in forms.parent), w) for w in writers]


def _join_greeted_names(forms: _Forms, k: str) -> None:
    """A greeting that strings several of the cast's names together ("Dearest Master-Jervie-
    Daddy-Long-Legs Pendleton-Smith,") calls one person by all of them: those names are one.
    A name of one word counts only when it is nobody else's part (a family name shared by
    several people says nothing)."""
    tokens = [t for t in re.split(r"[-\s]+", k) if t]
    if len(tokens) < 3:
        return
    singles = Counter(w for key in forms.count for w in key.split()[1:] if len(key.split()) > 1)
    found: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            span = tokens[i:j]
            hit = next(
                (c for c in ("-".join(span), " ".join(span)) if c != k and c in forms.count), None
            )
            if hit and (j - i > 1 or singles[hit] <= 1):
                found.append(hit)
                i = j
                break
        else:
            i += 1
    if len({forms.find(f) for f in found}) >= 2:
        # the name used most stays the head
        head = max(found, key=lambda f: sum(forms.count[m] for m in forms.members(f)))
        for f in [*found, k]:
            forms.union(head, f)


def _join_compound(forms: _Forms, k: str) -> None:
    """ "Daddy" is "Daddy-Long-Legs" when no one else owns the first part of the compound."""
    t, rest = _split_title(k)
    if t or len(rest) != 1 or "-" not in rest[0]:
        return
    head = rest[0].split("-")[0]
    if head in forms.count:
        forms.union(k, head)


def _name_narrator(
    forms: _Forms,
    exchanges: list[tuple[str, str, str]],
    letters: Sequence[Letter],
    narration: list[str],
    genders: dict[str, str],
) -> str | None:
    """The first-person narrator as a name form, or None when the text never names them.

    The evidence, strongest first: the signatures of the letters; what others call the
    narrator to their face in two-person exchanges; "my name is X". All the narrator's own
    names are joined (every signature, and every name said to them and to no one else).
    """
    votes: Counter[str] = Counter()
    signed = [x.signed for x in letters if x.signed]
    for s in signed:
        votes[forms.add(s, 0)] += 3
    said_to: dict[str, Counter[str]] = defaultdict(Counter)
    for _speaker, listener, surface in exchanges:
        k = name_key(surface)
        if k in forms.parent:
            said_to[k][NARRATOR if listener == _data().narrator_label else listener] += 1
    whole = "\n".join(narration)
    for k, c in said_to.items():
        n = c[NARRATOR]
        if n < 2 or n < 0.5 * sum(c.values()) or k.split()[-1].casefold() in _data().stop:
            continue
        # the narrator's own name is said to them, seldom written in their narration
        told = _bare_mentions(k, whole)
        if told <= max(2, 0.25 * forms.count[k]):
            votes[k] += n
    for text in narration:
        for m in _MY_NAME.finditer(text):
            votes[forms.add(m.group("name"), 0)] += 5
    if not votes:
        return None
    best = max(votes, key=lambda k: (votes[k], forms.count[k]))
    # every signature and every name said only to the narrator is theirs; signatures share
    # a word with one another (Jerusha Abbott, Judy Abbott, Judy)
    sig_keys = {name_key(s) for s in signed}
    keys = {
        forms.find(k)
        for k in votes
        if k in said_to
        and votes[k] >= 2
        and (k in sig_keys or not (_kin_of(k, best, forms) or _kin_of(forms.find(k), best, forms)))
    }
    words = set(best.split())
    grew = True
    while grew:  # Judy -> Judy Abbott -> Jerusha Abbott: signatures linked by a shared word
        grew = False
        for k in list(sig_keys):
            if set(k.split()) & words:
                keys.add(forms.find(k))
                words |= set(k.split())
                sig_keys.discard(k)
                grew = True
    for k in keys:
        forms.union(best, k)
    return forms.find(best)


def _kin_of(k: str, best: str, forms: _Forms) -> bool:
    """Is the name form ``k``, said to the narrator, rather someone else's name: a relative's
    ("John Manning" beside the narrator's "Paul Manning") or a family the cast knows apart
    ("Brother Holman" when "Phillis Holman" is another person of the book)?"""
    _, rest = _split_title(k)
    # the narrator's own full name: the best form, or a first and family name joined to it
    full = [m for m in forms.members(best) if len(m.split()) == 2 and not _split_title(m)[0]]
    _, own = _split_title(best if len(best.split()) == 2 or not full else full[0])
    if len(rest) == 2 and len(own) == 2 and rest[1] == own[1] and rest[0] != own[0]:
        return True  # the same family name, another first name
    if len(own) == 2 and rest and rest[-1] != own[-1] and not set(rest) & set(own):
        # another family name, which someone else of the cast bears in full
        return any(
            len(w := f.split()) == 2 and w[1] == rest[-1] and w[0] not in own
            for f in forms.count
            if forms.find(f) != forms.find(k) and not _split_title(f)[0]
        )
    return False


def _bare_mentions(key: str, text: str) -> int:
    """How often ``text`` writes the name form ``key`` on its own, not as part of a longer
    name: "King Rudolf" and "Robert Rassendyll" are other people's names, and a narrator's
    own "Rudolf" is seldom written in their narration."""
    pattern = re.compile(r"\b" + r"\.?\s+".join(map(re.escape, key.split())) + r"\b")
    n = 0
    for m in pattern.finditer(text):
        if _NAME_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue
        if _NAME_AFTER.match(text, m.end()):
            continue
        n += 1
    return n


# a capitalised word right before a name, inside a sentence (a title or a first name), or a
# capitalised word right after it (a surname)
_NAME_BEFORE = re.compile(r"(?<![.!?“\"‘'(\n])\s[A-Z][a-z]+\.?\s+$")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")

_SALUTATION = re.compile(
    r"\s*(?:(?:[Mm]y\s+)?(?:(?:[Vv]ery|[Mm]ost|VERY|MOST)\s+)?(?:[Dd]ear(?:est)?|DEAR(?:EST)?|[Dd]arling|[Oo]wn)\s+)+"
    rf"(?P<name>(?:(?:{'|'.join(['Mr', 'Mrs', 'Miss', 'Ms', 'Dr', 'Mister', 'Master', 'Sir', 'Lady', 'Lord', 'Madam', 'Captain', 'Colonel', 'Professor', 'Uncle', 'Aunt'])})\.?\s+)?"
    rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)\s*[,:.!—]"
)
_MY_NAME = re.compile(
    rf"\b(?:[Mm]y name (?:is|was)|[Cc]all me|I am called)\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)


class _CoMentions:
    """Which name forms the text writes in one sentence as two people ("Mr. Knightley and
    Mr. John Knightley"): such forms are never merged."""

    def __init__(self, forms: _Forms, texts: Sequence[str]) -> None:
        self.pairs: Counter[tuple[str, str]] = Counter()
        surfaces = sorted({s for k in forms.count for s in forms.surface[k]}, key=len, reverse=True)
        if not surfaces:
            return
        key_of = {s: name_key(s) for s in surfaces}
        alt = "|".join(r"\s+".join(map(re.escape, s.split())) for s in surfaces)
        pattern = re.compile(rf"(?<![\w'’-])(?:{alt})(?![\w-])")
        for text in texts:
            for sentence in _SENTENCE.split(text):
                found = {
                    key_of.get(" ".join(m.group().split())) for m in pattern.finditer(sentence)
                }
                found.discard(None)
                if len(found) > 1:
                    ordered = sorted(k for k in found if k)
                    for i, x in enumerate(ordered):
                        for y in ordered[i + 1 :]:
                            self.pairs[(x, y)] += 1
        self._forms = forms

    def bind(self, forms: _Forms) -> None:
        """Judge groups as ``forms`` merges them (a copy of the gathered forms)."""
        self._forms = forms

    def distinct(self, a: str, b: str) -> bool:
        """Do the groups of ``a`` and ``b`` stand side by side in a sentence often enough to be
        two people: twice, and in one in twenty of the rarer one's mentions?"""
        if not self.pairs:
            return False
        ga = self._members(a)
        gb = self._members(b)
        n = sum(self.pairs.get((x, y) if x < y else (y, x), 0) for x in ga for y in gb)
        rarer = min(sum(self._forms.count[x] for x in ga), sum(self._forms.count[y] for y in gb))
        return n >= 2 and n >= 0.05 * rarer

    def _members(self, k: str) -> list[str]:
        return self._forms.members(k)


_SENTENCE = re.compile(r"(?<=[.!?;])[\"”’)]*\s+")


def _dominant(forms: _Forms, owners: list[str]) -> str | None:
    """The one person (group root) holding at least 85% of the owners' mentions, if any."""
    if not owners:
        return None
    by_root: Counter[str] = Counter()
    for o in owners:
        by_root[forms.find(o)] += forms.count[o]
    root, n = by_root.most_common(1)[0]
    return root if n >= 0.85 * sum(by_root.values()) else None


def _owner_gender(form: str, gender_of_full) -> str | None:  # type: ignore[no-untyped-def]
    t, rest = _split_title(form)
    if t:
        return _title_gender(t)
    return gender_of_full(form) if len(rest) == 2 else None


def _common(w: str, stats: dict[str, _WordStats], lower: Counter[str]) -> bool:
    """A word the text writes in lower case too often to be a name ("farmer", "presently")."""
    if w.rstrip(".") in _data().titles:
        return False
    s = stats.get(w)
    caps = (s.mid + s.start) if s else 1
    return lower[w.lower()] > max(1, 0.2 * caps)


def _trim_common(name: str, stats: dict[str, _WordStats], lower: Counter[str]) -> str:
    """A tag's name without the common words the text also writes in lower case ("Presently
    Cynthia" is Cynthia; "Hope" in "said Hope" stays only if the text rarely writes "hope")."""
    words = name.split()
    while words and _common(words[0], stats, lower):
        words.pop(0)
    while words and _common(words[-1], stats, lower):
        words.pop()
    return " ".join(words)


def _valid(name: str) -> bool:
    d = _data()
    words = name.split()
    if not words:
        return False
    first = words[0].rstrip(".")
    if first in d.titles:
        return len(words) > 1
    return first.casefold() not in d.stop and words[-1].casefold() not in d.stop


def _settle_vocatives(
    forms: _Forms, exchanges: Iterable[tuple[str, str, str]], apart: _CoMentions | None = None
) -> None:
    """A titled form said, over and over, to one listener is that listener's name, unless the
    text names the two side by side as two people ("Teuta was sitting on Aunt Janet's knee":
    the listener guessed for "Aunt Janet" was wrong)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _speaker, listener, surface in exchanges:
        k = name_key(surface)
        if k in forms.parent and listener in forms.parent:
            votes[k][forms.find(listener)] += 1
    for k, c in votes.items():
        (who, n), total = c.most_common(1)[0], sum(c.values())
        if n >= 3 and n >= 0.75 * total and not forms.same(k, who):
            t, _ = _split_title(k)
            if t is None or (apart is not None and apart.distinct(who, k)):
                continue
            if _other_given_name(forms, who, k):
                continue
            forms.union(who, k)


def _other_given_name(forms: _Forms, who: str, k: str) -> bool:
    """Is ``k`` a title with a given name ("Aunt Janet") that none of the listener's own forms
    holds ("Teuta")? A given name is one person's, said to someone else."""
    given = _given_names()
    _t, words = _split_title(k)
    if not words or not all(w in given for w in words):
        return False
    theirs = {w for m in forms.members(who) for w in _split_title(m)[1]}
    return not set(words) & theirs


def _assemble(
    forms: _Forms,
    spoken: Counter[str],
    genders: dict[str, str],
    keep: set[str] = frozenset(),  # type: ignore[assignment]
    least: int = 3,
) -> People:
    groups = forms.group
    persons: dict[str, Person] = {}
    form_to_name: dict[str, str] = {}
    for root, members in groups.items():
        n_spoken = sum(spoken[m] for m in members)
        mentions = sum(forms.count[m] for m in members)
        if not n_spoken and mentions < least and root not in keep:
            continue
        # "the Miss Musgroves" are several people, not a character
        if not n_spoken and all(m.endswith("s") and m[:-1] in forms.count for m in members):
            continue
        # (a greeting that strings many names together is no one's name to go by)
        fulls = [
            m
            for m in members
            if not _split_title(m)[0] and len(m.split()) >= 2 and len(re.split(r"[-\s]+", m)) <= 4
        ]
        if fulls:
            canon = max(fulls, key=lambda m: (forms.count[m], len(m)))
        else:
            titled = [m for m in members if _split_title(m)[0]]
            pool = (
                titled
                if titled and sum(forms.count[m] for m in titled) >= 0.2 * mentions
                else members
            )
            canon = max(pool, key=lambda m: (forms.count[m], len(m)))
        name = forms.surface[canon].most_common(1)[0][0] if forms.surface[canon] else canon
        name = re.sub(r"\s+", " ", name)
        votes: Counter[str] = Counter()
        for m in members:
            t, rest = _split_title(m)
            tg = _title_gender(t)
            if tg:
                votes[tg] += 3 * forms.count[m]
            else:
                g = genders.get(m) if t else genders.get(rest[0]) or genders.get(m)
                if g:
                    votes[g] += forms.count[m]
        gender = None
        if votes:
            (g, n), total = votes.most_common(1)[0], sum(votes.values())
            gender = g if n >= 0.75 * total else None
        p = persons.get(name) or Person(name)
        p.gender = p.gender or gender
        p.spoken += n_spoken
        p.mentions += mentions
        for m in members:
            p.forms.add(m)
            p.surfaces.update(forms.surface[m])
            form_to_name[m] = name
        persons[name] = p
    return People(persons, form_to_name)


_OBJECT_PRONOUNS = frozenset({"him", "her"})


@cache
def _other_verbs() -> frozenset[str]:
    """Verbs after which "her" is another person's (``text/en/people.toml`` [gender])."""
    return frozenset(load_lexicon("people", "en").get("gender", {}).get("other_verbs", []))


@cache
def _after_object() -> frozenset[str]:
    """Words after an object "her" ("kissed her again"); before a noun it is possessive."""
    return frozenset(load_lexicon("coref", "en").get("her", {}).get("after_object", []))


_CAP_NAME = re.compile(rf"(?<![.!?]\s)(?<!^)\b{_NAME_WORD}\b")


def _pronoun_genders(
    names: list[str], titled: list[str], narration: Sequence[str]
) -> dict[str, str]:
    """Gender of untitled names from the pronouns that follow them in the same sentence.

    A heroine's "she" fills every sentence of a romance, so raw majorities call most men
    female. The names after gendered titles (``Mr.``, ``Mrs.``) calibrate the counts: a name is
    male when its share of male pronouns is nearer the titled men's share than the titled
    women's, by a margin.
    """
    d = _data()
    cands = sorted({n for n in names if n.split()[0].casefold() not in d.stop}, key=len)
    firsts = sorted({n.split()[0] for n in cands}, key=len)
    if not firsts:
        return {}
    known = {k: d.titles[k.split()[0]] for k in titled if d.titles.get(k.split()[0]) in ("m", "f")}
    neutral = [k for k in titled if k not in known and len(k.split()) > 1]
    alts = [
        re.escape(k.split()[0]) + r"\.?\s+" + r"\s+".join(map(re.escape, k.split()[1:]))
        for k in sorted([*known, *neutral], key=len, reverse=True)
    ]
    alts += [
        re.escape(f)
        for f in sorted(set(firsts) | {n for n in cands if " " not in n}, key=len, reverse=True)
    ]
    # only the pronouns that point back at the subject: "Darcy admired her" says nothing of
    # Darcy, "Darcy ... he", "his", "himself" do
    pg = d.pronouns
    # overlapping (a lookahead): every name gets its own next pronoun
    pattern = re.compile(
        r"\b(" + "|".join(alts) + r")\b(?=([^.!?;“”\"]{0,80}?)\b(" + "|".join(pg) + r")\b)"
    )
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    plain: dict[str, Counter[str]] = defaultdict(Counter)  # the same without "her"
    calib: dict[str, Counter[str]] = {"m": Counter(), "f": Counter()}
    for seg in narration:
        for m in pattern.finditer(seg):
            who, g = m.group(1), pg[m.group(3)]
            between = m.group(2)
            if between[:2] in ("'s", "’s"):
                continue  # "Julia's uncle ... he": the pronoun is the uncle's
            if _CAP_NAME.search(between):
                continue  # "Mina met Joon ... her aunt": the pronoun may be the other's
            if m.group(3) in _OBJECT_PRONOUNS:
                # "Darcy admired her" says nothing of Darcy; "Elizabeth ... her arm" does
                end = m.start(3) + len(m.group(3))
                nxt = re.match(r"\s*([a-z’'-]+)", seg[end : end + 20])
                if m.group(3) == "him" or not nxt or nxt.group(1) in _after_object():
                    continue
                if between.split()[-1:] and between.split()[-1].lower() in _other_verbs():
                    continue  # "Joon took her hand": the hand is someone else's
            k = name_key(" ".join(who.split()))
            if k in known:
                calib[known[k]][g] += 1
            else:
                votes[k][g] += 1
                if m.group(3) != "him":
                    plain[k][g] += 1
    share = {g: c["m"] / (c["m"] + c["f"]) for g, c in calib.items() if c["m"] + c["f"] >= 20}
    out: dict[str, str] = {}
    for n, c in votes.items():
        total = c["m"] + c["f"]
        if not total:
            continue
        if len(share) == 2 and share["m"] - share["f"] > 0.15 and total >= 5:
            mid = (share["m"] + share["f"]) / 2
            margin = (share["m"] - share["f"]) / 6
            x = c["m"] / total
            if x >= mid + margin:
                out[n] = "m"
            elif x <= mid - margin:
                out[n] = "f"
            continue
        if len(share) == 2:
            continue
        g, top = c.most_common(1)[0]
        if (total >= 3 and top >= 0.7 * total) or (total < 3 and top == total):
            out[n] = g
    if len(share) < 2:
        # too little text to calibrate: "her" may be anyone's; the pronouns that go on with
        # a sentence's subject ("Mina smiled, and she ...", "Mina smiled. She ...") and "his"
        # say a name's gender
        out = {}
        for n, c in plain.items():
            g, top = c.most_common(1)[0]
            total = sum(c.values())
            if top == total or (total >= 5 and top >= 0.75 * total):
                out[n] = g
        # the subject's pronouns weigh three times the others ("Julia had to swear that he
        # was" once is not worth eight of "Julia ... she")
        for n, sv in _subject_votes(alts, narration).items():
            both = Counter({g: 3 * v for g, v in sv.items()})
            both.update(plain.get(n, Counter()))
            g, top = both.most_common(1)[0]
            if top >= 0.75 * sum(both.values()):
                out[n] = g
            else:
                out.pop(n, None)
    return out


def _subject_votes(alts: list[str], narration: Sequence[str]) -> dict[str, Counter[str]]:
    """Votes for a name's gender from he/she/himself/herself that continue its clause as
    its subject."""
    pattern = re.compile(
        r"(?:^|(?<=[.!?;]\s)|(?<=[.!?;][”\"’]\s))(" + "|".join(alts) + r")\b"
        r"(?=([^.!?;“”\"]{0,80}?)(?:,\s*(?:and|but|then|so|while|as)\s+|[.!?;]\s+|\s+and\s+)"
        r"(he|she|He|She)\b)"
    )
    reflexive = re.compile(
        r"\b(" + "|".join(alts) + r")\b(?=[^.!?;“”\"]{0,60}?\b(himself|herself)\b)"
    )
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for seg in narration:
        for pat in (pattern, reflexive):
            for m in pat.finditer(seg):
                if pat is pattern and _CAP_NAME.search(m.group(2)):
                    continue  # "Joon held it over Mina, and she ...": she is Mina
                word = m.group(pat.groups).lower()
                votes[name_key(" ".join(m.group(1).split()))][
                    "m" if word in ("he", "himself") else "f"
                ] += 1
    return votes
