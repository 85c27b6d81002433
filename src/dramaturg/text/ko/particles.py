"""Korean particles after a value in a message template, chosen by its last syllable.

A template writes the particle as the value's format spec (``{b:은}``, ``{label:으로}``); the
formatter picks the form Korean grammar asks for after a final consonant or a vowel (and
``로`` after ㄹ); after a value it cannot read (a Latin name) it writes both, ``은(는)``.

>>> KOREAN.format("{a:와} {b:은}", a="서윤", b="도현")
'서윤과 도현은'
>>> KOREAN.format("{k:이} {k:으로}", k="키스")
'키스가 키스로'
>>> KOREAN.format("{n:은}", n="Jane")
'Jane은(는)'
"""

from __future__ import annotations

import string

__all__ = ["KOREAN", "KoreanFormatter"]

# particle -> (after a final consonant, after a vowel); 으로 takes 로 after ㄹ as well
_PARTICLES = {
    "이": ("이", "가"),
    "가": ("이", "가"),
    "은": ("은", "는"),
    "는": ("은", "는"),
    "을": ("을", "를"),
    "를": ("을", "를"),
    "과": ("과", "와"),
    "와": ("과", "와"),
    "으로": ("으로", "로"),
    "로": ("으로", "로"),
    "이라": ("이라", "라"),
}
_DIGIT_FINAL = {
    "0": True,
    "1": True,
    "2": False,
    "3": True,
    "4": False,
    "5": False,
    "6": True,
    "7": True,
    "8": True,
    "9": False,
}  # 영 일 이 삼 사 오 육 칠 팔 구


def _final(word: str) -> int | None:
    """The final consonant of ``word``'s last syllable: 0 none, 8 for ㄹ, other > 0; None
    when it cannot be told (a Latin name)."""
    for ch in reversed(word.strip()):
        if "가" <= ch <= "힣":
            return (ord(ch) - 0xAC00) % 28
        if ch in _DIGIT_FINAL:
            return 8 if ch in "178" else (1 if _DIGIT_FINAL[ch] else 0)
        if ch.isalpha():
            return None
    return None


class KoreanFormatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        pair = _PARTICLES.get(format_spec)
        if pair is None:
            return str(super().format_field(value, format_spec))
        text = str(value)
        final = _final(text)
        if final is None:
            return f"{text}{pair[0]}({pair[1]})"
        if format_spec in ("으로", "로"):
            return text + (pair[1] if final in (0, 8) else pair[0])
        return text + (pair[0] if final else pair[1])


KOREAN = KoreanFormatter()
