"""Which language a draft is written in, from its letters: the one detector every reader uses.

The script of the letters says it: Hangul is Korean; kana (with the kanji around them) is
Japanese; Han characters without kana are Chinese; Cyrillic, Greek, Hebrew, Arabic, Thai and
Devanagari are taken as their most used language. A Hangul syllable, a kana or a Han
character counts twice (each is a syllable or a word, where a Latin letter is a sound), so a
Korean script with English scene headings is still Korean. Latin letters are read as English,
the one Latin-script language dramaturg has data for; a text without letters is English too.

A language is supported when ``text/<lang>/`` is its package: a registered
:class:`~dramaturg.text.languages.Language` with its data beside it (today ``en`` and ``ko``);
a draft in any other gets :func:`require_supported`'s error rather than an English reading
that counts a Japanese chapter as twelve words.

>>> detect_language("서윤 : 어디 가? INT. 버스 정류장")
'ko'
>>> detect_language("雨が降っている。傘を持っていますか？"), detect_language("下雨了。你有伞吗？")
('ja', 'zh')
>>> detect_language("INT. BUS STOP - NIGHT"), detect_language("12:30 ...")
('en', 'en')
"""

from __future__ import annotations

import re

from dramaturg.text.languages import get_language, registered_languages

__all__ = [
    "SAMPLE",
    "detect_language",
    "require_supported",
    "script_scores",
    "supported_languages",
]

#: How much of a text the detection reads.
SAMPLE = 65536

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Latin letters ([A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]): those up to U+00FF counted in
# the text's Latin-1 bytes, by deleting every other byte (C speed, half the time of a regex);
# Latin Extended-A and -B (U+0100..U+024F) as runs, only in a text that has characters
# past U+00FF
_LATIN1_NON_LETTERS = bytes(
    b
    for b in range(256)
    if not (65 <= b <= 90 or 97 <= b <= 122 or 0xC0 <= b <= 0xD6 or 0xD8 <= b <= 0xF6 or b >= 0xF8)
)
_LATIN_EXTENDED_RUN = re.compile(r"[\u0100-\u024f]+")
# every letter of the other scripts below: those are counted among these letters only, which
# in a Latin draft are none or a few
_OTHER_LETTERS = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u05d0-\u05ea\u0620-\u064a\u0900-\u097f\u0e01-\u0e4e"
    r"\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7a3\uf900-\ufaff\uff66-\uff9d]+"
)
# the other alphabets, each with the language it is taken for
_ALPHABETS = (
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u05d0-\u05ea]")),
    ("ar", re.compile(r"[\u0620-\u064a]")),
    ("th", re.compile(r"[\u0e01-\u0e4e]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language of ``text`` (its first :data:`SAMPLE` characters)."""
    scores = script_scores(text)
    best = max(scores, key=lambda k: scores[k])  # ties go to the first: Korean over English
    return best if scores[best] else "en"


def script_scores(text: str) -> dict[str, int]:
    """Each language's weighted letter count in the first :data:`SAMPLE` characters of
    ``text`` (a Hangul syllable, kana or Han character counts twice), Korean first.

    >>> script_scores("서윤 : Hi")["ko"], script_scores("서윤 : Hi")["en"]
    (4, 2)
    """
    sample = text[:SAMPLE]
    latin1 = sample.encode("latin-1", "ignore")  # the characters past U+00FF dropped
    wide = len(latin1) < len(sample)  # every letter of the other scripts is one of those
    other = "".join(_OTHER_LETTERS.findall(sample)) if wide else ""
    hangul = len(_HANGUL.findall(other))
    kana = len(_KANA.findall(other))
    han = len(_HAN.findall(other))
    scores = {"ko": 2 * hangul, "ja": 2 * kana, "zh": 0}
    if han:
        # kanji go with the kana around them, hanja with the Hangul; Han alone is Chinese
        if kana and kana >= hangul:
            scores["ja"] += 2 * han
        elif hangul:
            scores["ko"] += 2 * han
        else:
            scores["zh"] = 2 * han
    latin = len(latin1.translate(None, _LATIN1_NON_LETTERS))
    if wide:
        latin += sum(map(len, _LATIN_EXTENDED_RUN.findall(sample)))
    scores["en"] = latin
    for language, letters in _ALPHABETS:
        scores[language] = len(letters.findall(other))
    return scores


def supported_languages() -> frozenset[str]:
    """The languages with data: every registered ``text/<lang>/`` package."""
    return registered_languages()


def require_supported(language: str, file: str | None = None) -> str:
    """``language`` when dramaturg has its data, else the error a user sees (exit 2).

    >>> require_supported("ko")
    'ko'
    >>> require_supported("ja", "ep1.txt")
    Traceback (most recent call last):
    ...
    dramaturg.errors.DramaturgError: ep1.txt: language not supported yet (ja)
    """
    return get_language(language, file).code
