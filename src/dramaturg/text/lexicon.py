"""Lexicon helpers: the data of ``text/<lang>/`` by name, and term lists compiled to regexes.

The data is loaded by the language's object (:meth:`dramaturg.text.languages.Language.lexicon`,
once per process); :func:`load_lexicon` and :func:`word_list` are that loader by code. A
language whose directory lacks a file reads its fallback's (Korean's is English), so
``text/ko/`` can grow file by file; a code without a language package is refused
("language not supported yet").

>>> lex = load_lexicon("thresholds", "en")
>>> "kiss" in lex
True
>>> pattern = compile_terms(["kiss(?:ed)? her", "embrace"])
>>> bool(pattern.search(fold("He KISSED her.")))
True
"""

from __future__ import annotations

import re
from typing import Any

from dramaturg.text.languages import get_language


def load_lexicon(name: str, language: str = "en") -> dict[str, Any]:
    """The parsed ``text/<language>/<name>.toml`` (or its fallback's), loaded once."""
    return get_language(language).lexicon(name)


def word_list(name: str, lang: str = "en") -> list[list[str]]:
    """Rows of a plain data file in ``text/<lang>/``, comments and blank lines dropped."""
    return get_language(lang).word_list(name)


def compile_terms(terms: list[str], language: str = "en") -> re.Pattern[str]:
    """One alternation of the given regex terms, each bounded by word edges, for folded text.

    Terms are regular expressions written in the data files. They are lower-cased and the
    pattern is case-sensitive, so match it against :func:`fold` of the text (much faster
    than ``re.IGNORECASE`` on long alternations). A term that begins or ends with a non-word
    character (``…`` or a quote) gets no word edge on that side.

    Korean (``language="ko"``, whose :attr:`~dramaturg.text.languages.Language.eojeol_terms`
    is set) writes a word's endings onto it (손을 잡았다, 좋아한다고요), so
    there a term that ends in a syllable or a group (``손을\\s*잡``, ``안(았|아|겨)``) is an
    eojeol prefix: it must start an eojeol and any ending may follow. A term that ends in an
    optional part or a quantifier (``좋아해(?:요)?``, ``비(?:가|는)?``, ``키스\\w*``) keeps the
    word edge, so it still matches a whole eojeol only.

    >>> bool(compile_terms(["손을\\\\s*잡"], "ko").search("서윤 손을 잡았다"))
    True
    >>> bool(compile_terms(["좋아해(?:요)?"], "ko").search("좋아해서 그래"))
    False
    """
    if not terms:
        return re.compile(r"(?!x)x")
    parts = []
    eojeol = get_language(language).eojeol_terms
    for t in sorted(terms, key=len, reverse=True):
        t = _lower_term(t)
        left = r"\b" if re.match(r"[\w(\[]", t) else ""
        right = r"\b" if re.search(r"[\w)?*+]$", t) else ""
        if eojeol and _EOJEOL_PREFIX.search(t):
            right = ""
        parts.append(f"{left}(?:{t}){right}")
    return re.compile("|".join(parts))


# a Korean term ending in a Hangul syllable or a closing group matches an eojeol's start
_EOJEOL_PREFIX = re.compile(r"(?:[\uac00-\ud7a3]|(?<!\\)\))$")


def _lower_term(term: str) -> str:
    """Lower-case a regex term, keeping upper-case escapes (``\\W``, ``\\S``) as they are."""
    return re.sub(r"(\\[A-Z])|([^\\]+)", lambda m: m.group(1) or m.group(2).lower(), term)


def fold(text: str) -> str:
    """``text`` in lower case with the same length (so match offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
