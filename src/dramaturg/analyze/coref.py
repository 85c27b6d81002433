"""Who each "he", "her", "I" and "you" of the draft is: the mentions of every block, resolved.

The analyses ask *who does what to whom* ("he kissed her", "I refused him", "will you marry
me?"), so every person word of a block is tied to a character once, here, and read from
:attr:`Cast.mentions` by every component:

* a **name** is the character it names (the cast's aliases);
* in narration, **he / him / his** (and **she / her**) is the nearest character of that
  gender named earlier in the sentence, else the one most in focus: focus grows with every
  mention (a sentence's subject counts more) and fades sentence by sentence, and it starts
  afresh at each scene;
* **I / me / my** in narration is the first-person narrator; **you** in a letter's narration
  is the letter's addressee;
* inside quoted speech, **I** is the speaker, **you** the listener (the name called out in
  the speech, else the other party of the exchange), and he / she a third person in focus.

It is a heuristic, not a parser: it resolves what a careful reader resolves at once, and
leaves a pronoun unresolved (``who`` None) rather than guess between two equal candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dramaturg.story import Block, BlockKind
from dramaturg.text.lexicon import load_lexicon, word_list
from dramaturg.text.sentences import sentence_spans

__all__ = ["Mention", "resolve", "voice_gender"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A person word in a block's text: ``text[start:end]`` refers to ``who``.

    ``how`` is ``name``, ``pronoun``, ``narrator`` (I in narration), ``speaker`` (I in
    speech), ``listener`` (you in speech), ``addressee`` (you in a letter) or ``plural``
    (they); ``case`` is ``subj``, ``obj``, ``poss`` or ``refl`` for pronouns, ``name`` for
    names; ``quoted`` whether it stands inside quoted speech.
    """

    start: int
    end: int
    who: str | None
    how: str
    case: str
    quoted: bool
    sentence: int  # index of its sentence in the block


@dataclass(frozen=True)
class _Words:
    third: dict[str, tuple[str, str]]  # word -> (gender, case)
    first: dict[str, str]  # I/me/my -> case
    second: dict[str, str]
    plural: dict[str, str]
    pattern: re.Pattern[str]
    after_object: frozenset[str]  # words after an object "her" (else it is possessive)
    kin: re.Pattern[str] | None  # "my father", "her mother": a relative not named
    kin_gender: dict[str, str]  # kin noun -> gender
    vocative: re.Pattern[str] | None  # "..., father!": speech to a relative not named


@lru_cache(maxsize=4)
def _words(language: str) -> _Words:
    data = load_lexicon("coref", language)
    third = {w: (g, c) for g, cases in data["third"].items() for c, ws in cases.items() for w in ws}
    first = {w: c for c, ws in data["first"].items() for w in ws}
    second = {w: c for c, ws in data["second"].items() for w in ws}
    plural = {w: c for c, ws in data["plural"].items() for w in ws}
    words = sorted({*third, *first, *second, *plural}, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w’-])(?<!\w')(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])(?![’']\w)",
        re.I,
    )
    after = frozenset(data.get("her", {}).get("after_object", []))
    kin_data = data.get("kin", {})
    kin_gender = {n: g for g in ("m", "f") for n in kin_data.get(g, [])}
    kin = vocative = None
    if kin_gender:
        nouns = "|".join(map(re.escape, sorted(kin_gender, key=len, reverse=True)))
        dets = "|".join(map(re.escape, kin_data.get("determiners", [])))
        if dets:
            kin = re.compile(r"(?<![\w’'-])(?:" + dets + r")\s+(" + nouns + r")(?![\w-])", re.I)
        vocative = re.compile(
            r"(?:^|[,;!?.—]\s*)(?:(?:dear|my|oh|o),?\s+)?(?:" + nouns + r")(?=\s*(?:[,;!?.—]|$))",
            re.I,
        )
    return _Words(third, first, second, plural, pattern, after, kin, kin_gender, vocative)


# stands for a relative on the page named only by kin ("my father"), one per gender: a
# pronoun may fall to it, and is then left unresolved
_KIN = {"m": "\x00m", "f": "\x00f"}
_KIN_KEYS = frozenset(_KIN.values())


def resolve(
    blocks: Sequence[Block],
    scenes: Sequence[int],
    named: Sequence[dict[str, list[tuple[int, int]]]],
    speakers: Sequence[Sequence[tuple[int, int, str | None]]],
    genders: dict[str, str | None],
    *,
    narrator: str | None = None,
    addressees: Sequence[str | None] = (),
    language: str = "en",
    narrators: Sequence[str | None] = (),
) -> tuple[list[list[Mention]], list[list[tuple[int, int, str | None, str | None]]]]:
    """The resolved mentions of every block, in text order, and every block's quoted speech
    as (start, end, speaker, listener).

    ``scenes`` gives each block's scene index (focus starts afresh at each), ``named`` the
    name spans per character found in it, ``speakers`` its quoted stretches as (start, end,
    speaker), ``genders`` each character's gender, ``narrator`` the first-person narrator and
    ``addressees`` per block the addressee of the letter it belongs to, if any;
    ``narrators`` per block the writer of its section in a book told in several hands
    (there "I" is them, not ``narrator``).
    """
    book_narrator = narrator
    w = _words(language)
    learned = dict(genders)  # grows as pronouns settle the genders the names left open
    learned.update({k: g for g, k in _KIN.items()})
    kin_focus: dict[str, float] = {}  # relatives named by kin, in focus like characters
    out: list[list[Mention]] = []
    quote_roles: list[list[tuple[int, int, str | None, str | None]]] = []
    focus: dict[str, float] = {}
    last_scene = -1
    recent_speakers: list[str] = []  # who spoke last in this scene, most recent first
    last_turn: tuple[int, str | None, str | None] = (-9, None, None)  # block, speaker, listener
    last_of: dict[str, str] = {}  # gender -> the last character of it named in this part
    for g, block in enumerate(blocks):
        narrator = narrators[g] if g < len(narrators) and narrators[g] else book_narrator
        if scenes[g] != last_scene:
            focus.clear()
            kin_focus.clear()
            recent_speakers.clear()
            last_scene = scenes[g]
            last_turn = (-9, None, None)
        text = block.text
        quotes = list(speakers[g])
        if block.kind is BlockKind.DIALOGUE and not quotes:
            quotes = [(0, len(text), block.speaker)]
        names = sorted((s, e, who) for who, spans in named[g].items() for s, e in spans)
        listeners = []
        unknown_voice = False  # the last quote of this paragraph was tagged, to no one named
        prev_to_kin = False  # ... was spoken to a relative the cast does not name
        for i, q in enumerate(quotes):
            to_kin = False
            called = _called(text, q, names)
            if q[2] is None:
                # "...," he resumed: the person word tagging the quote, resolved as narration
                tagged = _tag_near(text, q, w, focus, genders, narrator)
                if tagged and tagged != called:
                    quotes[i] = q = (q[0], q[1], tagged)
            # a "said he" nobody could be named for still rules out a woman and the narrator
            # ("said he" after her line, in a scene her father has just entered)
            tag = _tag_gender(text, q, w) if q[2] is None else None
            # ... and a line tagged by what someone is ("said her father", "the minister
            # answered") is theirs, not the next turn of the two who spoke before
            described = q[2] is None and _described(text, q)

            def fits(who: str | None, tag: str | None = tag, i_am: str | None = narrator) -> bool:
                # ... and never the narrator, who is "I"
                return tag is None or (genders.get(who or "") in (None, tag) and who != i_am)

            if (
                q[2] is None
                and i
                and quotes[i - 1][2]
                and quotes[i - 1][2] != called
                and fits(quotes[i - 1][2])
            ):
                # the same paragraph goes on in the same voice
                quotes[i] = q = (q[0], q[1], quotes[i - 1][2])
            elif (
                q[2] is None
                and not described
                and not unknown_voice
                and g - last_turn[0] == 1
                and last_turn[2]
                and last_turn[2] != called
                and fits(last_turn[2])
            ):
                # an untagged line after one of a two-person exchange: the other one's turn
                quotes[i] = q = (q[0], q[1], last_turn[2])
            if q[2] is None and narrator and called and called != narrator:
                # a first-person book: an untagged line calling someone by name is "I" talking
                quotes[i] = q = (q[0], q[1], narrator)
            # "'...,' said he, '...'": the paragraph's next quote is that same voice, unnamed
            unknown_voice = q[2] is None and (tag is not None or described or unknown_voice)
            # the last other speaker is the listener only while the exchange runs on
            talking = recent_speakers if g - last_turn[0] <= 1 else []
            if not called and i and quotes[i - 1][2] == q[2] and listeners[i - 1]:
                # '"Well, my pupil," said I, "I have found you again"': one speech, one listener
                listener = listeners[i - 1]
            elif not called and (
                (i and quotes[i - 1][2] == q[2] and prev_to_kin)
                or (w.vocative is not None and w.vocative.search(text, q[0], q[1]))
            ):
                # "I loved him, father!": spoken to a relative the cast does not name
                listener = None
                to_kin = True
            else:
                listener = called or _listener(text, q, names, talking, focus, genders)
            if listener is None and not to_kin and q[2] and q[2] == last_turn[2]:
                listener = last_turn[1]
            if listener == q[2]:
                listener = None
            listeners.append(listener)
            prev_to_kin = to_kin
            if q[2]:
                last_turn = (g, q[2], listener)
        quote_roles.append(
            [(q[0], q[1], q[2], li) for q, li in zip(quotes, listeners, strict=True)]
        )
        addressee = addressees[g] if g < len(addressees) else None
        mentions: list[Mention] = []
        spans = sentence_spans(text) or [(0, len(text))]
        ni = 0
        for si, (a, b) in enumerate(spans):
            events: list[tuple[int, int, str | None, str]] = []  # start, end, who, word
            while ni < len(names) and names[ni][0] < b:
                s, e, who = names[ni]
                if s >= a:
                    events.append((s, e, who, ""))
                ni += 1
            for m in w.pattern.finditer(text, a, b):
                events.append((m.start(), m.end(), None, m.group().lower()))
            opens: dict[int, int] = {}  # a kin noun's start -> its determiner's
            if w.kin is not None:
                for m in w.kin.finditer(text, a, b):
                    opens[m.start(1)] = m.start()
                    if not any(s < m.end() and m.start(1) < e for s, e, _who in names):
                        g_kin = w.kin_gender.get(m.group(1).lower())  # "ſiſter" folds too
                        if g_kin is not None:
                            events.append((m.start(1), m.end(1), _KIN[g_kin], ""))
            events.sort()
            seen: list[str] = []  # characters named so far in this sentence
            subject: str | None = None  # who the current clause is about
            for s, e, who, word in events:
                q = _quote_at(quotes, s)
                quoted = q is not None
                if who is not None and who in _KIN_KEYS:
                    seen.append(who)
                    if _clause_opens(text, a, opens[s]):
                        # "My father looked at the cattle. He ...": the subject of the
                        # sentence is whom its "he" is about, however much another man
                        # was in focus before
                        rivals = [v for x, v in focus.items() if learned.get(x) == learned[who]]
                        kin_focus[who] = max([kin_focus.get(who, 0.0), *rivals]) + 1.5
                    else:
                        kin_focus[who] = kin_focus.get(who, 0.0) + 1.0
                    continue
                if who is not None:
                    mentions.append(Mention(s, e, who, "name", "name", quoted, si))
                    seen.append(who)
                    if not quoted and _clause_opens(text, a, s):
                        subject = who
                    if not quoted and genders.get(who):
                        last_of[genders[who]] = who  # type: ignore[index]
                    lead = not text[a:s].strip()
                    focus[who] = focus.get(who, 0.0) + (1.5 if lead else 1.0)
                    continue
                case = _case(word, text, e, w)
                avoid = subject if case == "obj" else None
                mention = _pronoun(
                    word,
                    s,
                    e,
                    si,
                    q,
                    quotes,
                    listeners,
                    seen,
                    {**focus, **kin_focus} if kin_focus else focus,
                    learned,
                    w,
                    avoid,
                    case,
                    narrator=narrator,
                )
                if mention is None:
                    continue
                if mention.who in _KIN_KEYS:
                    # the relative named by kin: someone, but no character of the cast
                    mentions.append(Mention(s, e, None, "pronoun", mention.case, quoted, si))
                    continue
                if mention.how == "pronoun" and mention.who is None and not quoted:
                    gender = w.third[word][0]
                    fallback = last_of.get(gender)
                    if (
                        fallback
                        and fallback != narrator
                        and not any(genders.get(x) == gender for x in focus)
                    ):
                        mention = Mention(s, e, fallback, "pronoun", mention.case, quoted, si)
                if mention.how in ("narrator", "addressee"):
                    who2 = narrator if mention.how == "narrator" else addressee
                    mention = Mention(s, e, who2, mention.how, mention.case, quoted, si)
                mentions.append(mention)
                if mention.who and mention.how == "pronoun" and not quoted:
                    focus[mention.who] = focus.get(mention.who, 0.0) + 0.5
                    # a "she" that can only be her settles a gender the names did not
                    if (
                        learned.get(mention.who) is None
                        and word in w.third
                        and sum(1 for x in focus if learned.get(x) in (None, w.third[word][0])) == 1
                    ):
                        learned[mention.who] = w.third[word][0]
                if mention.case == "subj" and not quoted and _clause_opens(text, a, s):
                    subject = mention.who
            for f in (focus, kin_focus):
                for k in list(f):
                    f[k] *= 0.8
                    if f[k] < 0.05:
                        del f[k]
        for _s, _e, sp in quotes:
            if sp:
                if sp in recent_speakers:
                    recent_speakers.remove(sp)
                recent_speakers.insert(0, sp)
                focus[sp] = focus.get(sp, 0.0) + 1.0
        out.append(mentions)
    return out, quote_roles


def _quote_at(quotes: list[tuple[int, int, str | None]], pos: int) -> int | None:
    for i, (s, e, _sp) in enumerate(quotes):
        if s <= pos < e:
            return i
    return None


def _pronoun(
    word: str,
    s: int,
    e: int,
    si: int,
    q: int | None,
    quotes: list[tuple[int, int, str | None]],
    listeners: list[str | None],
    seen: list[str],
    focus: dict[str, float],
    genders: dict[str, str | None],
    w: _Words,
    avoid: str | None = None,
    case_of: str | None = None,
    narrator: str | None = None,
) -> Mention | None:
    quoted = q is not None
    if word in w.first or word == "i":
        case = w.first.get(word, "subj")
        if quoted:
            return Mention(s, e, quotes[q][2], "speaker", case, True, si)  # type: ignore[index]
        return Mention(s, e, None, "narrator", case, False, si)
    if word in w.second:
        case = w.second[word]
        if quoted:
            return Mention(s, e, listeners[q], "listener", case, True, si)  # type: ignore[index]
        return Mention(s, e, None, "addressee", case, False, si)
    if word in w.plural:
        return Mention(s, e, None, "plural", w.plural[word], quoted, si)
    if word not in w.third:
        # the case-blind pattern also takes letters that fold to a pronoun's ("ı" for "i",
        # "ſ" for "s"): no pronoun of the table
        return None
    gender, case = w.third[word]
    case = case_of or case
    exclude: set[str] = {avoid} if avoid else set()  # "Joon took her hand": her is not Joon
    if quoted:
        sp = quotes[q][2]  # type: ignore[index]
        exclude |= {x for x in (sp, listeners[q]) if x}  # type: ignore[index]
    if narrator:
        # the narration calls its narrator "I", never "he"; a speaker calls the teller standing
        # by "Paul" or "you", and speaks of someone away as "him" ("I loved him, father!")
        exclude.add(narrator)
    # a character whose gender the draft never settled may still be "he" or "she", second
    # to one whose gender is known
    for who in reversed(seen):
        if genders.get(who) == gender and who not in exclude:
            return Mention(s, e, who, "pronoun", case, quoted, si)
    for who in reversed(seen):
        if genders.get(who) is None and who not in exclude:
            return Mention(s, e, who, "pronoun", case, quoted, si)
    cands = sorted(
        (
            (v if genders.get(who) == gender else 0.5 * v, who)
            for who, v in focus.items()
            if genders.get(who) in (gender, None) and who not in exclude
        ),
        reverse=True,
    )
    if not cands:
        return Mention(s, e, None, "pronoun", case, quoted, si)
    if len(cands) > 1 and cands[1][0] > 0.8 * cands[0][0]:
        return Mention(s, e, None, "pronoun", case, quoted, si)  # two in equal focus
    return Mention(s, e, cands[0][1], "pronoun", case, quoted, si)


def _case(word: str, text: str, end: int, w: _Words) -> str:
    """The case of a person word; "her" is possessive before a noun, the object otherwise."""
    if word in w.third:
        case = w.third[word][1]
        if word == "her":
            nxt = re.match(r"\s*([A-Za-z’'-]+)", text[end : end + 24])
            if nxt and nxt.group(1).lower() not in w.after_object:
                return "poss"
        return case
    return ""


_CLAUSE_WORDS = re.compile(
    r"[,;:—–(]\s*(?:and|but|then|so|while|when|as|yet)?\s*$|^\s*(?:and|but|then|so)?\s*$"
)


def _clause_opens(text: str, sentence_start: int, pos: int) -> bool:
    """Does a clause begin right before ``pos`` (its subject stands here)?"""
    before = text[max(sentence_start, pos - 12) : pos]
    return (
        pos - sentence_start <= 1
        or bool(_CLAUSE_WORDS.search(before))
        or not text[sentence_start:pos].strip(' “"‘')
    )


_CALLED = re.compile(r"^\s*[,!?.:;—]")


def _called(
    text: str, quote: tuple[int, int, str | None], names: list[tuple[int, int, str]]
) -> str | None:
    """A name called out in the speech ("Emma, ...", "..., Mr. Knightley."): the listener."""
    s, e, speaker = quote
    for ns, ne, who in names:
        if s <= ns < e and who != speaker and _CALLED.match(text[ne : ne + 2]):
            before = text[max(s, ns - 3) : ns]
            if (
                ns - s <= 2
                or re.search(r"[,!?—]\s*$|\b[Dd]ear\s*$|\b[Mm]y\s*$", text[max(s, ns - 8) : ns])
                or not before.strip()
            ):
                return who
    return None


_TAG_VERB = re.compile(r"^[\s,;:”\"’'—-]*(?P<who>\w+(?:\.\s\w+)?)\s+(?:\w+ly\s+)?(?P<verb>\w+)")


def _tag_near(
    text: str,
    quote: tuple[int, int, str | None],
    w: _Words,
    focus: dict[str, float],
    genders: dict[str, str | None],
    narrator: str | None,
) -> str | None:
    """The speaker of an untagged quote from a tag right after it ("..." he resumed; "..."
    said she), the pronoun resolved to the one of that gender most in focus (never the
    narrator, who is "I")."""
    gender = _tag_gender(text, quote, w)
    if gender is None:
        return None
    cands = sorted(
        ((v, x) for x, v in focus.items() if genders.get(x) == gender and x != narrator),
        reverse=True,
    )
    if cands and (len(cands) == 1 or cands[1][0] < 0.8 * cands[0][0]):
        return cands[0][1]
    return None


_TAG = re.compile(
    r"[\s,;:”\"’'—-]*(?:(?P<verb>\w+)\s+(?P<who>he|she)\b|(?P<who2>he|she)\s+(?:\w+ly\s+)?(?P<verb2>\w+))"
)


@lru_cache(maxsize=2)
def description_tags(possessive: bool = True) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A speech tag that names what the speaker is, after the quote ("said the stranger")
    and before it ("an old man answered:"); with ``possessive``, "said her father" too."""
    verbs = "|".join(
        sorted({v for (v, *_r) in word_list("speech_verbs.txt")}, key=len, reverse=True)
    )
    det = "the|a|an|this|that" + ("|his|her|my|your|their|our" if possessive else "")
    who = rf"(?:{det})\s+(?:[a-z]+\s+)?[a-z]+"
    after = re.compile(rf"[\s,;:—–-]*[\"”’']?[\s,]*(?:{verbs})\s+{who}\b")
    before = re.compile(rf"{who}\s+(?:{verbs})\s*[,:]?\s*[\"“‘']?$")
    return after, before


def _described(text: str, quote: tuple[int, int, str | None]) -> bool:
    """Is the quote tagged by what the speaker is, not by a name or a pronoun ("said her
    father", "the old man answered:")?"""
    after, before = description_tags()
    s, e = quote[0], quote[1]
    return bool(after.match(text, e, e + 60)) or bool(before.search(text, max(0, s - 60), s))


def voice_gender(
    text: str,
    quotes: Sequence[tuple[int, int, str | None, str | None]],
    at: int,
    language: str = "en",
) -> str | None:
    """The gender of the unnamed voice speaking at ``at``: the he/she tag of its quote
    ("'...,' said he"), else of the paragraph's quote before it in that same unnamed voice
    ("'...,' said he, 'I was unjust to you'"). None when a name speaks or no tag tells."""
    w = _words(language)
    idx = next((i for i, q in enumerate(quotes) if q[0] <= at < q[1]), None)
    if idx is None:
        return None
    for j in range(idx, -1, -1):
        a, b, speaker = quotes[j][:3]
        if speaker is not None:
            return None
        gender = _tag_gender(text, (a, b, speaker), w)
        if gender:
            return gender
    return None


def _tag_gender(text: str, quote: tuple[int, int, str | None], w: _Words) -> str | None:
    """The gender of a he/she tag right after a quote ("..." said he), else None."""
    m = _TAG.match(text, quote[1], quote[1] + 40)
    if not m:
        return None
    found = w.third.get((m.group("who") or m.group("who2")).lower())  # "ſhe" folds to "she"
    return found[0] if found else None


def _listener(
    text: str,
    quote: tuple[int, int, str | None],
    names: list[tuple[int, int, str]],
    recent_speakers: list[str],
    focus: dict[str, float],
    genders: dict[str, str | None],
) -> str | None:
    """Whom a quoted speech is said to: a name called out in it, else the last other speaker
    of the scene, else the one other character most in focus."""
    s, e, speaker = quote
    for other in recent_speakers:
        if other != speaker:
            return other
    cands = sorted(((v, who) for who, v in focus.items() if who != speaker), reverse=True)
    if cands and (len(cands) == 1 or cands[1][0] < 0.6 * cands[0][0]):
        return cands[0][1]
    return None
