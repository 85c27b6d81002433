"""Korean valence for the emotional arc: a small stem list in place of VADER (English only).

The stems and their values (VADER's -4..4 scale) are ``text/ko/valence.toml``; each stem
matches at the start of an eojeol. A word after a negation (``안``, ``못``) or followed by
``지 않``/``지 못`` is flipped and halved. The sum is normalised as VADER's compound is,
``x / sqrt(x² + 15)``, so Korean and English arcs share a scale.

>>> korean_valence("정말 행복했다.") > 0 > korean_valence("혼자 울었다.")
True
>>> korean_valence("행복하지 않았다.") < 0
True
>>> korean_valence("버스가 들어온다.")
0.0
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from dramaturg.text.lexicon import load_lexicon

_EOJEOL = re.compile(r"[\uac00-\ud7a3]+")
_NEGATED_AFTER = re.compile(r"지\s*(?:않|못|마)")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, float], tuple[int, ...], frozenset[str]]:
    lex = load_lexicon("valence", "ko")
    stems = {str(k): float(v) for k, v in {**lex["positive"], **lex["negative"]}.items()}
    lengths = tuple(sorted({len(k) for k in stems}, reverse=True))
    negations = frozenset(lex.get("settings", {}).get("negations", []))
    return stems, lengths, negations


def korean_valence(text: str) -> float:
    """The valence of a Korean sentence, -1..1 (0 when it holds no valence word)."""
    stems, lengths, negations = _lexicon()
    total = 0.0
    prev = ""
    for m in _EOJEOL.finditer(text):
        tok = m.group()
        value = 0.0
        for n in lengths:
            v = stems.get(tok[:n]) if len(tok) >= n else None
            if v is not None:
                value = v
                break
        if value:
            if prev in negations or _NEGATED_AFTER.search(text, m.end() - 2, m.end() + 4):
                value = -0.5 * value
            total += value
        prev = tok
    if not total:
        return 0.0
    return total / math.sqrt(total * total + 15)
