"""Korean: Kiwi's morphemes, names with honorifics and particles, eojeol terms, its valence.

The data files beside this module are Korean's lexicons (``honorifics.toml``,
``thresholds.toml``, ``valence.toml`` ...); a lexicon Korean does not have yet is
English's (:attr:`fallback`). The morphology lives in :mod:`dramaturg.text.korean` (Kiwi,
names without honorifics), :mod:`dramaturg.text.korean_tokens` (morphemes cached per text)
and :mod:`dramaturg.text.korean_valence`; this object is the one way in.

Sentences are split by the same punctuation rules as English (the analyses have always used
them for Korean, and Korean writes ``.``, ``?``, ``!`` and ``…``);
:meth:`Korean.kiwi_sentence_spans` is Kiwi's split, for text without end marks.

>>> from dramaturg.text.languages import get_language
>>> ko = get_language("ko")
>>> ko.base_name("서윤 씨가"), ko.count_words("그래요. 정말 괜찮아요?")
('서윤', 3)
>>> ko.titles()["오빠"]
'm'
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence

from dramaturg.text import korean
from dramaturg.text.ko.particles import KOREAN
from dramaturg.text.korean_tokens import morphemes_of, nouns
from dramaturg.text.korean_valence import korean_valence
from dramaturg.text.languages import Language, Token, register

__all__ = ["Korean"]


@register
class Korean(Language):
    code = "ko"
    name = "Korean"
    fallback = "en"
    cast_strategy = "morphemes"
    eojeol_terms = True
    capitalised_names = False
    prose_mentions = False
    tagged = True
    linebreak_style = "eojeol"

    def tokens(self, texts: Sequence[str]) -> list[tuple[Token, ...]]:
        return morphemes_of(texts)

    def nouns(self, text: str, start: int = 0, end: int | None = None) -> list[Token]:
        return nouns(text, start, end)

    def kiwi_sentence_spans(self, text: str) -> list[tuple[int, int]]:
        """Kiwi's sentence split (it needs no end marks: ``비가 오네요 우산 있어요?``)."""
        return korean.sentence_spans(text)

    def base_name(self, token: str, known: Sequence[str] | None = None) -> str:
        return korean.base_name(token, known)

    def titles(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self.lexicon("honorifics")["titles"].items()}

    def formatter(self) -> string.Formatter:
        return KOREAN

    def valence(self, text: str) -> float:
        return korean_valence(text)

    def valence_function(self) -> Callable[[str], float]:
        return korean_valence
