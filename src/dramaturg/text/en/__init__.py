"""English: the rule-based sentence splitter, capitalised names, VADER's valence.

The data files beside this module are English's lexicons (``thresholds.toml``,
``cast.toml`` ...) and word lists (``titles.txt``, ``speech_verbs.txt`` ...).

>>> from dramaturg.text.languages import get_language
>>> en = get_language("en")
>>> en.count_words("Don't go, Mr. Knightley."), en.titles()["Miss"]
(4, 'f')
>>> en.valence("What a happy day!") > 0
True
"""

from __future__ import annotations

from collections.abc import Callable

from dramaturg.text.languages import Language, register

__all__ = ["English"]


@register
class English(Language):
    code = "en"
    name = "English"
    cast_strategy = "capitals"
    capitalised_names = True
    prose_mentions = True
    linebreak_style = "words"

    def valence(self, text: str) -> float:
        return self.valence_function()(text)

    def valence_function(self) -> Callable[[str], float]:
        from dramaturg.text.valence import compound  # VADER, loaded when an arc needs it

        return compound
