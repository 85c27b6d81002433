"""SDH / closed-caption layout: which lines name a speaker, which describe a sound.

SDH (subtitles for the deaf and hard of hearing) puts a speaker's name or a sound on a line of
its own, as layout: ``(진아)`` above her line, ``[문 닫히는 소리]`` for a door. Such lines are
not dialogue, so the line-count rules must not count them as dialogue, and the fixer must not
fold them into it. Each language writes them its own way; the conventions are data in the
profile (``[sdh]``): Korean SDH puts speakers in ``( )`` and sounds in ``[ ]``, English SDH
both in ``[ ]`` (speaker IDs in capitals).

>>> ko = conventions_of({"speaker_brackets": ["()"], "sound_brackets": ["[]"]})
>>> [line_role(x, ko) for x in ("(진아)", "[문 닫히는 소리]", "(진아) 어디 가?", "어디 가?")]
['speaker', 'sound', 'dialogue', 'dialogue']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dramaturg.subtitles.length import strip_markup
from dramaturg.subtitles.model import Subtitles

__all__ = [
    "Conventions",
    "conventions_of",
    "line_role",
    "label_of",
    "is_layout",
    "dialogue_lines",
    "detect_sdh",
    "bracket_misused",
    "looks_like_name",
    "LAYOUT_MARK",
    "SPEAKER",
    "SOUND",
    "DIALOGUE",
]

SPEAKER = "speaker"
SOUND = "sound"
DIALOGUE = "dialogue"

_DASH = re.compile(r"^[-\u2013\u2014]\s?")


@dataclass(frozen=True, slots=True)
class Conventions:
    """How a language's SDH writes speakers and sounds (from a profile's ``[sdh]`` table)."""

    speaker_brackets: tuple[str, ...] = ("[]",)
    sound_brackets: tuple[str, ...] = ("[]",)
    #: ``MAN:`` alone on its line names the speaker
    speaker_colon: bool = True
    #: a bracketed label longer than this (in characters) is a description, not a name
    max_name_chars: int = 20
    #: words that make a short bracketed label a sound, not a name (``(한숨)``)
    sound_words: tuple[str, ...] = ()
    #: endings that make it a sound (``…소리``, ``…음``)
    sound_endings: tuple[str, ...] = ()
    #: names are written in capitals (English speaker IDs)
    names_upper: bool = False
    #: share of cues with a speaker or sound line above which a file is SDH
    detect_share: float = 0.05


_CACHE: dict[int, tuple[object, Conventions]] = {}


def conventions_of(data: dict[str, Any] | None) -> Conventions:
    """Conventions from a profile's ``[sdh]`` table (defaults: English-style ``[ ]``)."""
    key = id(data)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is data:  # the same table object: profiles are immutable
        return hit[1]
    conv = _conventions_of(data or {})
    if data is not None:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = (data, conv)
    return conv


def _conventions_of(data: dict[str, Any]) -> Conventions:
    base = Conventions()
    return Conventions(
        speaker_brackets=tuple(data.get("speaker_brackets", base.speaker_brackets)),
        sound_brackets=tuple(data.get("sound_brackets", base.sound_brackets)),
        speaker_colon=bool(data.get("speaker_colon", base.speaker_colon)),
        max_name_chars=int(data.get("max_name_chars", base.max_name_chars)),
        sound_words=tuple(data.get("sound_words", ())),
        sound_endings=tuple(data.get("sound_endings", ())),
        names_upper=bool(data.get("names_upper", base.names_upper)),
        detect_share=float(data.get("detect_share", base.detect_share)),
    )


_PAIRS = {"(": ")", "[": "]", "{": "}", "\uff08": "\uff09"}
_COLON_LABEL = re.compile(
    r"^((?:[A-Z][A-Z0-9.'\-]*(?: [A-Z0-9#][A-Z0-9.'\-]*){0,3})|[\uac00-\ud7a3]{1,6}"
    r"(?: [\uac00-\ud7a3]{1,6})?)\s*:$"
)
#: a character any speaker or sound line holds (a cheap test before :func:`line_role`)
LAYOUT_MARK = re.compile("[(\\[{\uff08\u266a\u266b:]")
_MUSIC = re.compile(r"^[\u266a\u266b#\s]+$")


def _bare(line: str) -> str:
    text = strip_markup(line).strip()
    return _DASH.sub("", text, count=1).strip() if text[:1] in "-\u2013\u2014" else text


def label_of(line: str) -> tuple[str, str, str] | None:
    """``(open, label, rest)`` when ``line`` starts with a bracketed label, else None.

    >>> label_of("- (진아) 어디 가?")
    ('(', '진아', '어디 가?')
    """
    text = _bare(line)
    close = _PAIRS.get(text[:1])
    if close is None or (text[:1] == "{" and text[1:2] == "\\"):
        return None
    end = text.find(close, 1)
    if end < 0:
        return None
    inner = text[1:end]
    if text[:1] in inner:
        return None
    return text[:1], inner.strip(), text[end + 1 :].strip()


def looks_like_name(label: str, conv: Conventions) -> bool:
    """A speaker's name rather than a description of a sound."""
    if not label or len(label) > conv.max_name_chars:
        return False
    if label in conv.sound_words or label.endswith(conv.sound_endings):
        return False
    words = label.replace(",", " ").split()
    if len(words) > 3:
        return False
    if conv.names_upper and any(ch.isalpha() and ch.isascii() for ch in label):
        return label.upper() == label
    return True


def _bracket_role(open_: str, label: str, conv: Conventions) -> str:
    pair = open_ + _PAIRS[open_]
    speaker_ok = pair in conv.speaker_brackets
    sound_ok = pair in conv.sound_brackets
    name = looks_like_name(label, conv)
    if speaker_ok and not sound_ok:
        return SPEAKER if name else SOUND
    if sound_ok and not speaker_ok:
        return SOUND
    return SPEAKER if name else SOUND


def line_role(line: str, conv: Conventions) -> str:
    """``speaker`` for a line that only names a speaker, ``sound`` for a line that only
    describes a sound or music, else ``dialogue`` (an inline ``(진아) 어디 가?`` is dialogue)."""
    text = _bare(line)
    if not text:
        return DIALOGUE
    first = text[:1]
    if first in _PAIRS:
        found = label_of(text)
        if found is not None and not found[2]:
            return _bracket_role(found[0], found[1], conv)
        return DIALOGUE
    if first in "\u266a\u266b" and _MUSIC.match(text):
        return SOUND
    if conv.speaker_colon and text.endswith(":") and _COLON_LABEL.match(text):
        return SPEAKER
    return DIALOGUE


def is_layout(line: str, conv: Conventions) -> bool:
    """A speaker or sound line: SDH layout, not dialogue."""
    if LAYOUT_MARK.search(line) is None:
        return False
    return line_role(line, conv) != DIALOGUE


def dialogue_lines(lines: list[str], conv: Conventions) -> list[str]:
    """The lines of a cue that are dialogue (speaker and sound lines left out)."""
    return [ln for ln in lines if not is_layout(ln, conv)]


def bracket_misused(line: str, conv: Conventions) -> str | None:
    """The role (``speaker``/``sound``) of a leading ``( )`` or ``{ }`` label that the
    language's SDH writes in other brackets, else None.

    Korean SDH writes speakers in ``( )``: ``(진아)`` is right, ``(문 닫히는 소리)`` is a
    sound that belongs in ``[ ]``. Square brackets are never flagged.
    """
    found = label_of(line) if ("(" in line or "{" in line) else None
    if found is None or found[0] not in "({":
        return None
    pair = found[0] + _PAIRS[found[0]]
    role = SPEAKER if looks_like_name(found[1], conv) else SOUND
    allowed = conv.speaker_brackets if role == SPEAKER else conv.sound_brackets
    return None if pair in allowed else role


def detect_sdh(subs: Subtitles, conv: Conventions) -> bool:
    """Whether ``subs`` is SDH / closed captions: the file says so (TTML ``textType="CC"``),
    or enough cues carry a speaker line, a sound line or a leading bracketed label."""
    if subs.text_type and subs.text_type.upper() in ("CC", "SDH"):
        return True
    if not subs.cues:
        return False
    marked = 0
    enough = max(3, conv.detect_share * len(subs.cues))
    for cue in subs.cues:
        if marked >= enough:
            return True
        for ln in cue.text.split("\n"):
            if is_layout(ln, conv):
                marked += 1
                break
            found = label_of(ln) if ln.lstrip()[:1] in "([-\u2013\u2014\uff08" else None
            if found is not None and found[1]:
                marked += 1
                break
    return marked >= 3 and marked / len(subs.cues) >= conv.detect_share
