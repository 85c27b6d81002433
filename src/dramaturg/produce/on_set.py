"""Who is on set in a scene: the people a breakdown sheet lists as cast.

A screenplay names its cast in three ways: speakers (dialogue cues), characters named in the
action, and first appearances written in capitals (``The MAILMAN is just leaving``, ``This is
SPALDING JEAGER``). Not everyone named is on set: a voice on the phone or a machine (``A
VOICE``, ``MESSAGE MACHINE``, a ``(V.O.)`` cue), a face in a photograph (``a picture of Joe``)
and a crowd (``THE CROWD``, which is extras) are not cast. The words for each of these are
the language's, in ``data/breakdown_<lang>.toml`` (``[cast]``).

>>> from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story
>>> sp = Span("s.fountain", 1, 1)
>>> sc = Scene("INT. HALL - DAY", sp, [Block(BlockKind.ACTION, "The MAILMAN waves.", sp)])
>>> st = Story("t", [Part("episode", 1, "", sp, [sc])]).reindex()
>>> from dramaturg.produce.breakdown import lexicon
>>> [name for name, _, _ in cast_patterns(st, lexicon())]
['MAILMAN']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dramaturg.story import Block, BlockKind, Story
from dramaturg.text.lexicon import word_list
from dramaturg.text.sentences import sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    from dramaturg.produce.breakdown import Lexicon

__all__ = [
    "NamePattern",
    "cast_patterns",
    "crowd_speaker",
    "depicted",
    "is_voice",
    "on_screen_text",
]

#: (canonical name, pattern of its mentions in action, whether a lower-case mention counts)
NamePattern = tuple[str, re.Pattern[str], bool]

# a run of capitalised words in an action line: "SECURITY GUARD", "JACOB BILLUPS", "DICK STEEL"
_CAPS = re.compile(
    r"(?<![\w'’-])[A-Z][A-Z0-9'’.-]*[A-Z0-9](?:[ ]+(?:[A-Z][A-Z0-9'’.-]*[A-Z0-9]))*(?![\w'’-])"
)
_ARTICLES = {"THE", "A", "AN"}
# what introduces a name: "This is SPALDING JEAGER", "a man named BOB"
_NAMING_BEFORE = re.compile(r"(?:\bthis is|\bnamed|\bcalled|\bname is|\bmust be|\bmeet)\s+$", re.I)
# an appositive after it: "COGNITO, the criminal mastermind", "NANCY, who ..."
_APPOSITIVE_AFTER = re.compile(r"^,\s+(?:a|an|the|his|her|their|our|who|aka|\d+)\b", re.I)
# "Mr. Hoff is busy", "Dr. Park takes" (a titled name as the subject of a verb)
_VERB_AFTER = r"\s+(?:is|was|has|had|[a-z]+(?<!s)s)\b"


def _titles() -> list[str]:
    try:
        return [row[0] for row in word_list("titles.txt")]
    except (FileNotFoundError, OSError):
        return []


def _possessive(word: str) -> str:
    return re.sub(r"['’]S$", "", word)


_OPEN = ('"', "“")
_CLOSE = ('"', "”")
_QUOTES = ('"', "“", "”")


def on_screen_text(block: Block) -> bool:
    """Centred titles, indented inserts (a card's text, a sign) and a paragraph that is one
    quotation show words, not people or things."""
    if block.kind is BlockKind.CENTERED:
        return True
    first = (block.raw or block.text).split("\n", 1)[0]
    if first.startswith(("    ", "\t")):
        return True
    # a paragraph that is all one quotation is words written or read ("Salt bread, for you.")
    text = block.text.strip().rstrip(".,;:!?")
    quotes = sum(text.count(q) for q in _QUOTES)
    return len(text) > 1 and text[0] in _OPEN and text[-1] in _CLOSE and quotes == 2


def _squeeze(text: str) -> str:
    return re.sub(r"[\s.]", "", text.upper())


def is_voice(speaker: str, extension: str | None, lex: Lexicon) -> bool:
    """True for a cue heard and not seen: ``(V.O.)``, ``(V.O., CONT'D)``, ``A VOICE``."""
    voices = {_squeeze(v) for v in lex.voice_extensions}
    if any(_squeeze(p) in voices for p in re.split(r"[,;/()]", extension or "") if p.strip()):
        return True
    words = _possessive(speaker.upper()).split()
    return bool(words) and (
        words[-1] in lex.voice_speakers or speaker.upper() in lex.voice_speakers
    )


def crowd_speaker(speaker: str, lex: Lexicon) -> bool:
    """``CROWD``, ``ALL``, ``NURSES``: a group that speaks together is extras."""
    words = speaker.lower().split()
    if not words:
        return False
    last = words[-1]
    return last in lex.crowd_nouns or (last.endswith("s") and last[:-1] in lex.person_nouns)


def depicted(text: str, offset: int, lex: Lexicon, previous: int | None) -> bool:
    """A mention at ``offset`` names a face in a picture ("a photo of Joe"), not a person on set.
    ``previous`` is where the last depicted mention in this sentence ended (lists: "of Joe and
    Kate")."""
    before = text[:offset].lower().rstrip()
    if any(before.endswith(d) for d in lex.depicted_after):
        return True
    if previous is not None and re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", text[previous:offset]):
        return True
    return False


def absent(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A mention that says the character is not there: "Nak is nowhere to be seen", "to call
    Baxter", "remembers Joe"."""
    after = text[end:].lower().lstrip()
    before = text[:start].lower().rstrip()
    return any(after.startswith(a) for a in lex.absent_after) or any(
        before.endswith(b) for b in lex.absent_before
    )


def callers(blocks: list[Block], mentioned: set[str], lex: Lexicon) -> set[str]:
    """Speakers heard on the phone: never named in the scene's action, and their first line
    comes after action that speaks of a call ("She dials.", "The voice on the line ...")."""
    out: set[str] = set()
    if not lex.call_words:
        return out
    seen: set[str] = set()
    last_action = ""
    for block in blocks:
        if block.kind is BlockKind.ACTION:
            last_action = block.text.lower()
        elif block.kind is BlockKind.DIALOGUE and block.speaker:
            who = block.speaker
            if who not in seen and who not in mentioned:
                words = set(re.findall(r"[\w'-]+", last_action))
                if words & lex.call_words:
                    out.add(who)
            seen.add(who)
    return out


def read_out(blocks: list[Block], lex: Lexicon) -> set[str]:
    """Speakers whose words a device reads out: a speaker whose first line of the scene follows
    action where a phone or an app "reads aloud" ("His phone displays and reads aloud a
    message:") is the device's voice (one who spoke before it, on set, stays)."""
    out: set[str] = set()
    if not lex.read_aloud:
        return out
    spoke: set[str] = set()
    last_action = ""
    for block in blocks:
        if block.kind is BlockKind.ACTION:
            last_action = " ".join(block.text.lower().split())
        elif block.kind is BlockKind.DIALOGUE and block.speaker:
            first = block.speaker not in spoke
            spoke.add(block.speaker)
            if first and any(
                re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", last_action)
                for w in lex.read_aloud
            ):
                out.add(block.speaker)
            last_action = ""
    return out


def _known_words(names: Iterable[str], lex: Lexicon) -> tuple[set[str], set[str]]:
    full = {n.upper() for n in names}
    words = {
        _possessive(w)
        for n in full
        for w in n.split()
        if w not in _ARTICLES and w.lower() not in lex.person_nouns and len(w) > 1
    }
    return full, words


def _action_texts(story: Story) -> Iterable[str]:
    for scene in story.scenes:
        for block in scene.blocks:
            if block.kind in (BlockKind.ACTION, BlockKind.PARAGRAPH) and not on_screen_text(block):
                yield block.text


def _is_element(phrase: str, lex: Lexicon) -> bool:
    low = phrase.lower()
    if lex.not_elements and lex.not_elements.search(low):
        return True
    for name, cat in lex.categories.items():
        if name == "extras":
            continue
        if cat.pattern.search(low):
            return True
    return False


def classify_caps(
    span: str,
    before: str,
    after: str,
    lex: Lexicon,
    known: tuple[set[str], set[str]],
    named: set[str],
) -> tuple[str, str] | None:
    """What a run of capitals in action is: ``("cast", NAME)``, ``("extras", phrase)`` or None
    (a sound, an element, emphasis, a character already known)."""
    words = span.split()
    while words and words[0] in _ARTICLES:
        words = words[1:]
    if not words or (len(words) == 1 and len(words[0]) < 2):
        return None
    phrase = " ".join(words)
    full, known_words = known
    if phrase in full or any(phrase.endswith(" " + n) for n in full):
        return None
    if any(_possessive(w) in known_words for w in words):
        return None
    if phrase in lex.not_names or any(w in lex.not_names for w in words if len(words) == 1):
        return None
    last = _possessive(words[-1]).lower()
    if last in lex.crowd_nouns or (last.endswith("s") and last[:-1] in lex.person_nouns):
        return None if _is_element(phrase, lex) else ("extras", phrase.lower())
    if _is_element(phrase, lex):
        return None
    if last in lex.person_nouns:
        return "cast", phrase
    # a name (not a word for a person) must act somewhere: "Spalding Jeager munches", not
    # only "HAN MI-RAE, her mother" under a framed photo
    title = " ".join(w.capitalize() for w in words)
    acts = title in named or any(w.capitalize() in named for w in words if len(w) > 2)
    if acts and (_NAMING_BEFORE.search(before) or _APPOSITIVE_AFTER.match(after) or title in named):
        return "cast", phrase
    return None


def _sentences(text: str) -> list[str]:
    # split at every full stop: a line of capitals ("FINAL CONSENT. OWNER: OH DA-EUN.") has no
    # lower-case letter to tell a sentence from an abbreviation
    return [p for a, b in sentence_spans(text) for p in re.split(r"(?<=[.!?])\s+", text[a:b])]


def _shouting(sentence: str) -> bool:
    """A sentence in capitals is a sign or a document on screen ("OWNER: OH DA-EUN.")."""
    letters = [c for c in sentence if c.isalpha()]
    return len(sentence.split()) > 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _named_subjects(texts: list[str]) -> set[str]:
    """Title-case names that are the subject of a verb somewhere ("Spalding Jeager munches")."""
    out: set[str] = set()
    for text in texts:
        for m in re.finditer(
            r"(?<![\w'-])([A-Z][a-z]+(?:-[A-Za-z]+)?(?: [A-Z][a-z]+(?:-[A-Za-z]+)?)?)"
            + _VERB_AFTER,
            text,
        ):
            out.add(m.group(1))
            out.update(m.group(1).split())
    return out


def cast_patterns(story: Story, lex: Lexicon) -> list[NamePattern]:
    """Every character a sheet may list, with the pattern of their mentions in action lines:
    the story's characters (speakers), then capitalised first appearances and titled names of
    characters who never speak."""
    names: dict[str, set[str]] = {}
    for ch in story.characters.values():
        names.setdefault(ch.name, set()).update(ch.names())
    if not names:
        for scene in story.scenes:
            for who in scene.speakers:
                names.setdefault(who, {who})
    # a crowd that speaks ("CROWD", "ALL") is extras, never a name to look for
    names = {n: a for n, a in names.items() if not crowd_speaker(n, lex)}
    out: list[NamePattern] = []
    for canonical, aliases in names.items():
        usable = sorted(
            (a for a in aliases if a and a.upper() not in lex.not_names), key=len, reverse=True
        )
        if not usable:
            continue
        alt = "|".join(re.escape(a) for a in usable)
        out.append(
            (canonical, re.compile(rf"(?<![\w-])(?:{alt}){lex.word_end}", re.IGNORECASE), False)
        )
    if not lex.person_nouns:
        return out
    texts = list(_action_texts(story))
    known = _known_words(names, lex)
    named = _named_subjects(texts)
    roles: dict[str, re.Pattern[str]] = {}
    proper: dict[str, re.Pattern[str]] = {}
    for text in (t for block in texts for t in _sentences(block) if not _shouting(t)):
        for m in _CAPS.finditer(text):
            kind = classify_caps(m.group(0), text[: m.start()], text[m.end() :], lex, known, named)
            if not kind or kind[0] != "cast" or kind[1] in roles or kind[1] in proper:
                continue
            name = kind[1]
            words = name.split()
            if words[-1].lower() in lex.person_nouns:
                head = re.escape(words[-1].lower())
                full = r"\s+".join(re.escape(w) for w in words)
                roles[name] = re.compile(
                    rf"(?<![\w-])(?:{full}|(?<=[Tt]he ){head})(?![\w-])", re.IGNORECASE
                )
            else:
                alts = sorted({name, *(w for w in words if len(w) > 2)}, key=len, reverse=True)
                alt = "|".join(re.escape(a) for a in alts)
                proper[name] = re.compile(rf"(?<![\w-])(?:{alt}){lex.word_end}", re.IGNORECASE)
    titles = _titles()
    if titles:
        title_alt = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        titled = re.compile(rf"(?<![\w-])({title_alt})\.?\s+([A-Z][a-z]+)(?={_VERB_AFTER})")
        for text in texts:
            for m in titled.finditer(text):
                surname = m.group(2).upper()
                if surname in known[1] or surname in known[0]:
                    continue
                name = f"{m.group(1).upper()}. {surname}"
                if name not in proper:
                    proper[name] = re.compile(
                        rf"(?<![\w-])(?:{re.escape(m.group(1))}\.?\s+)?{re.escape(m.group(2))}(?![\w-])"
                    )
    out.extend((n, p, True) for n, p in roles.items())
    out.extend((n, p, False) for n, p in proper.items())
    return out
