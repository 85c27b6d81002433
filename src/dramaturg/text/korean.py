"""Korean text: sentences and morphemes with Kiwi, eojeol counts, and names without honorifics.

Kiwi (kiwipiepy, Apache-2.0; its model installs from PyPI as ``kiwipiepy_model``) splits
sentences and tags morphemes well on dialogue-heavy Korean. Building the analyser and its
first analysis (when the model finishes loading) takes 1.5-2 s on the 2-core dev machine
(without the multi-eojeol dictionary, see :func:`kiwi`), so it is loaded once, on first use, and the load time is kept for the benches
(:func:`model_load_seconds`); after that a 7,000-character story splits in about 0.2 s. Counting eojeol (the space-separated units Korean writers count
as words) and stripping honorifics need no model.

How names are dressed in running text (titles ``씨``/``선배``/``오빠``, the vocative
``아``/``야``, the familiar ``이``, case particles) is data: ``text/ko/honorifics.toml``.

>>> base_name("서윤 씨"), base_name("도현아"), base_name("지수야"), base_name("도현이가")
('서윤', '도현', '지수', '도현')
>>> eojeol_count("그래요. 정말 괜찮아요?")
3
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dramaturg.text.lexicon import load_lexicon

__all__ = [
    "Morpheme",
    "addressed_gender",
    "base_name",
    "eojeol_count",
    "has_final_consonant",
    "kiwi",
    "model_load_seconds",
    "morphemes",
    "sentence_spans",
    "sentences",
    "speaker_gender",
]

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_EOJEOL = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W_]")
_EDGE_PUNCT = " \t\n\"'“”‘’«»「」『』<>《》〈〉()[]{}.,!?…~:;·-—–"

_lock = threading.Lock()
_kiwi: Any = None
_load_seconds: float | None = None


def kiwi() -> Any:
    """The shared Kiwi analyser, loaded on first use (thread-safe)."""
    global _kiwi, _load_seconds
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                start = time.perf_counter()
                # Without the multi-eojeol dictionary (WikiData proper nouns of several words:
                # titles of works, institutions) the model loads in about half the time and
                # 190 MB less; on the Korean test material (scripts, captions, a 1936 story)
                # every line tokenizes the same with or without it.
                k = Kiwi(load_multi_dict=False)
                k.tokenize("가")  # the model finishes loading on the first analysis: count it
                _load_seconds = time.perf_counter() - start
                _kiwi = k
    return _kiwi


def model_load_seconds() -> float | None:
    """How long loading the Kiwi model took in this process (None until it is loaded)."""
    return _load_seconds


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of Korean ``text``, by Kiwi.

    >>> t = "비가 오네요 우산 있어요? 없어요."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['비가 오네요', '우산 있어요?', '없어요.']
    """
    if not text.strip():
        return []
    return [(s.start, s.end) for s in kiwi().split_into_sents(text) if s.text.strip()]


def sentences(text: str) -> list[str]:
    """The sentences of Korean ``text``."""
    return [text[a:b] for a, b in sentence_spans(text)]


@dataclass(frozen=True, slots=True)
class Morpheme:
    """One morpheme: its form, Sejong-style tag (``NNP`` proper noun, ``VV`` verb ...) and span."""

    form: str
    tag: str
    start: int
    end: int


def morphemes(text: str) -> list[Morpheme]:
    """The morphemes of ``text`` with offsets into it.

    >>> [(m.form, m.tag[:2], m.start, m.end) for m in morphemes("손을 잡았다")]
    [('손', 'NN', 0, 1), ('을', 'JK', 1, 2), ('잡', 'VV', 3, 4), ('었', 'EP', 4, 5), ('다', 'EF', 5, 6)]
    """
    if not text.strip():
        return []
    return [Morpheme(t.form, t.tag, t.start, t.start + t.len) for t in kiwi().tokenize(text)]


def eojeol_count(text: str) -> int:
    """Eojeol in ``text``: space-separated units holding a letter or digit (``...`` is none).

    >>> eojeol_count("서윤 : 도현 씨... 나 안 취했어요!")
    6
    """
    return sum(1 for m in _EOJEOL.finditer(text) if _LETTER.search(m.group()))


def has_final_consonant(syllable: str) -> bool:
    """Does a Hangul syllable end in a consonant (받침)? ``현`` yes, ``수`` no."""
    code = ord(syllable[-1]) if syllable else 0
    return _HANGUL_FIRST <= code <= _HANGUL_LAST and (code - _HANGUL_FIRST) % 28 != 0


@dataclass(frozen=True, slots=True)
class _Honorifics:
    titles: dict[str, str]
    speaker_gender: dict[str, str]
    after_consonant: tuple[str, ...]  # endings after a final consonant, longest first
    after_vowel: tuple[str, ...]
    any: tuple[str, ...]
    min_syllables: int


@lru_cache(maxsize=1)
def _honorifics() -> _Honorifics:
    lex = load_lexicon("honorifics", "ko")
    parts = lex["particles"]

    def longest(words: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(words), key=len, reverse=True))

    return _Honorifics(
        titles=dict(lex["titles"]),
        speaker_gender=dict(lex.get("speaker_gender", {})),
        after_consonant=longest(
            [
                *parts["after_consonant"],
                *lex["vocative"]["after_consonant"],
                *lex["name_suffix"]["after_consonant"],
            ]
        ),
        after_vowel=longest([*parts["after_vowel"], *lex["vocative"]["after_vowel"]]),
        any=longest(parts["any"]),
        min_syllables=int(lex.get("settings", {}).get("min_syllables", 2)),
    )


def _strip_ending(word: str, h: _Honorifics, keep: int) -> str | None:
    """``word`` without one particle, vocative or suffix, or None when none can go."""
    for ending in h.any:
        if word.endswith(ending) and len(word) - len(ending) >= keep:
            return word[: -len(ending)]
    for ending in h.after_consonant:
        if word.endswith(ending) and len(word) - len(ending) >= keep:
            stem = word[: -len(ending)]
            if has_final_consonant(stem):
                return stem
    for ending in h.after_vowel:
        if word.endswith(ending) and len(word) - len(ending) >= keep:
            stem = word[: -len(ending)]
            if stem and not has_final_consonant(stem) and _is_hangul(stem[-1]):
                return stem
    return None


def _strip_title(word: str, h: _Honorifics, keep: int) -> tuple[str, str] | None:
    """(name, title) when ``word`` is a name with a title attached (``서윤씨``)."""
    for title in sorted(h.titles, key=len, reverse=True):
        if word.endswith(title) and len(word) - len(title) >= keep:
            return word[: -len(title)], title
    return None


def _is_hangul(ch: str) -> bool:
    return _HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST


def _is_title_word(word: str, h: _Honorifics) -> bool:
    """A title, maybe with its particle (``씨``, ``씨가``, ``선배한테``)."""
    w = word
    for _ in range(2):
        if w in h.titles:
            return True
        stripped = _strip_ending(w, h, 1)
        if stripped is None:
            return False
        w = stripped
    return w in h.titles


def base_name(token: str, known: Iterable[str] | None = None) -> str:
    """The bare name in a name as it is written in running text or speech.

    Strips a title or kin term (``서윤 씨``, ``서윤씨``, ``도현 선배``), the vocative
    (``도현아``, ``지수야``), the familiar ``이`` (``도현이``) and case particles
    (``서윤은``, ``도현이가``, ``지수한테``). With ``known`` names, a known name that the token
    starts with wins (``하야`` stays ``하야`` when it is a character's name). A token that is
    only a title (``선배``) comes back as it is.

    >>> base_name("서윤 씨가"), base_name("서윤씨"), base_name("지수한테"), base_name("선배")
    ('서윤', '서윤', '지수', '선배')
    >>> base_name("지아"), base_name("하야", known=["하야"])
    ('지아', '하야')
    """
    h = _honorifics()
    text = unicodedata.normalize("NFC", token).strip(_EDGE_PUNCT)
    words = text.split()
    # a separate title word at the end: 서윤 씨, 도현 선배한테
    while len(words) > 1 and _is_title_word(words[-1], h):
        words.pop()
    if not words:
        return text
    word = words[-1]
    prefix = " ".join(words[:-1])
    if known is not None:
        names = sorted({unicodedata.normalize("NFC", n) for n in known}, key=len, reverse=True)
        joined = " ".join(words)
        for name in names:
            if joined == name:
                return name
            if joined.startswith(name) and _only_endings(joined[len(name) :], h):
                return name
    if word in h.titles and not prefix:
        return word
    keep = h.min_syllables
    for _ in range(4):
        titled = _strip_title(word, h, keep)
        if titled is not None:
            word = titled[0]
            continue
        stripped = _strip_ending(word, h, keep)
        if stripped is None:
            break
        word = stripped
    return f"{prefix} {word}".strip() if prefix else word


def _only_endings(rest: str, h: _Honorifics) -> bool:
    """Is ``rest`` nothing but titles, vocatives, suffixes and particles?"""
    rest = rest.strip()
    for _ in range(5):
        if not rest:
            return True
        for title in sorted(h.titles, key=len, reverse=True):
            if rest.startswith(title):
                rest = rest[len(title) :].strip()
                break
        else:
            endings = sorted({*h.any, *h.after_consonant, *h.after_vowel}, key=len, reverse=True)
            if rest in endings:
                return True
            for e in endings:
                if rest.startswith(e) and _only_endings(rest[len(e) :], h):
                    return True
            return False
    return not rest


def addressed_gender(term: str) -> str | None:
    """The gender of someone called by a title or kin term: ``오빠`` m, ``언니`` f, ``씨`` None."""
    g = _honorifics().titles.get(term.strip())
    return g or None


def speaker_gender(term: str) -> str | None:
    """The gender of whoever uses a kin term of address: ``오빠``/``언니`` f, ``형``/``누나`` m."""
    return _honorifics().speaker_gender.get(term.strip()) or None
