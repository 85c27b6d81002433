"""VADER's compound valence, computed the same way, several times faster.

``vaderSentiment`` (MIT; Hutto & Gilbert 2014) is the valence model. Its
``polarity_scores`` spends most of its time lower-casing and re-joining every word of a
sentence several times over, although only the few words in its lexicon matter. This port
keeps VADER's lexicon, booster and negation lists, and rules (boosters with distance decay,
ALL-CAPS emphasis, ``no``/``never``/``without doubt``/``least`` handling, the special
bigram and trigram cases, the ``but`` shift and punctuation emphasis) and only does work at
lexicon words. It returns exactly VADER's ``compound`` (checked against the original on the
sentences of a whole novel in ``tests/test_arc.py``).

>>> round(compound("VADER is smart, handsome, and funny!"), 4)
0.8439
>>> compound("The food was not good.") < 0
True
"""

from __future__ import annotations

import math
import string
from functools import lru_cache
from typing import Any

from vaderSentiment import vaderSentiment as _vs

_PUNCT = string.punctuation
_NEGATE = frozenset(_vs.NEGATE)
_BOOSTERS: dict[str, float] = _vs.BOOSTER_DICT
_SPECIAL: dict[str, float] = _vs.SPECIAL_CASES
_N_SCALAR = _vs.N_SCALAR
_C_INCR = _vs.C_INCR


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], dict[str, str], frozenset[str]]:
    analyzer: Any = _vs.SentimentIntensityAnalyzer()
    singles = frozenset(e for e in analyzer.emojis if len(e) == 1)
    return analyzer.lexicon, analyzer.emojis, singles


def _negated(word: str) -> bool:
    return word in _NEGATE or "n't" in word


def _scalar(word: str, lower: str, valence: float, cap_diff: bool) -> float:
    s = _BOOSTERS.get(lower)
    if s is None:
        return 0.0
    if valence < 0:
        s *= -1
    if word.isupper() and cap_diff:
        s += _vs.C_INCR if valence > 0 else -_vs.C_INCR
    return s


def compound(text: str) -> float:
    """VADER's compound score of ``text`` (-1..1), as ``polarity_scores(text)["compound"]``."""
    lexicon, emojis, emoji_chars = _model()
    if not text.isascii() and not emoji_chars.isdisjoint(text):
        text = _replace_emojis(text, emojis)
    text = text.strip()
    words = [t if len(st := t.strip(_PUNCT)) <= 2 else st for t in text.split()]
    if not words:
        return 0.0
    lows = [w.lower() for w in words]
    n = len(words)
    sentiments = [0.0] * n
    hits = [i for i, low in enumerate(lows) if low in lexicon]
    if not hits:
        return 0.0
    cap_diff = _cap_differential(words)
    for i in hits:
        low = lows[i]
        if low in _BOOSTERS or (low == "kind" and i < n - 1 and lows[i + 1] == "of"):
            continue
        base = lexicon[low]
        valence = base
        if low == "no" and i != n - 1 and lows[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lows[i - 1] == "no")
            or (i > 1 and lows[i - 2] == "no")
            or (i > 2 and lows[i - 3] == "no" and lows[i - 1] in ("or", "nor"))
        ):
            valence = base * _N_SCALAR
        if cap_diff and words[i].isupper():
            valence = valence + _C_INCR if valence > 0 else valence - _C_INCR
        for start_i in range(3):
            j = i - (start_i + 1)
            if i > start_i and lows[j] not in lexicon:
                s = _scalar(words[j], lows[j], valence, cap_diff)
                if start_i == 1 and s != 0:
                    s *= 0.95
                if start_i == 2 and s != 0:
                    s *= 0.9
                valence += s
                valence = _negation_check(valence, lows, start_i, i)
                if start_i == 2:
                    valence = _special_idioms(valence, lows, i)
        valence = _least_check(valence, lows, i, lexicon)
        sentiments[i] = valence
    if "but" in lows:
        sentiments = _but_check(lows, sentiments)
    return _score(sentiments, text)


def _replace_emojis(text: str, emojis: dict[str, str]) -> str:
    out = []
    prev_space = True
    for ch in text:
        if ch in emojis:
            if not prev_space:
                out.append(" ")
            out.append(emojis[ch])
            prev_space = False
        else:
            out.append(ch)
            prev_space = ch == " "
    return "".join(out)


def _cap_differential(words: list[str]) -> bool:
    caps = sum(1 for w in words if w.isupper())
    return 0 < caps < len(words)


def _negation_check(valence: float, lows: list[str], start_i: int, i: int) -> float:
    if start_i == 0:
        if _negated(lows[i - 1]):
            valence *= _N_SCALAR
    elif start_i == 1:
        if lows[i - 2] == "never" and lows[i - 1] in ("so", "this"):
            valence *= 1.25
        elif lows[i - 2] == "without" and lows[i - 1] == "doubt":
            pass
        elif _negated(lows[i - 2]):
            valence *= _N_SCALAR
    else:
        if (lows[i - 3] == "never" and lows[i - 2] in ("so", "this")) or lows[i - 1] in (
            "so",
            "this",
        ):
            valence *= 1.25
        elif lows[i - 3] == "without" and (lows[i - 2] == "doubt" or lows[i - 1] == "doubt"):
            pass
        elif _negated(lows[i - 3]):
            valence *= _N_SCALAR
    return valence


def _special_idioms(valence: float, lows: list[str], i: int) -> float:
    # VADER indexes lows[i - 3] here even when i == 2 (wrapping to the end); kept as is
    onezero = f"{lows[i - 1]} {lows[i]}"
    twoonezero = f"{lows[i - 2]} {lows[i - 1]} {lows[i]}"
    twoone = f"{lows[i - 2]} {lows[i - 1]}"
    threetwoone = f"{lows[i - 3]} {lows[i - 2]} {lows[i - 1]}"
    threetwo = f"{lows[i - 3]} {lows[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL:
            valence = _SPECIAL[seq]
            break
    if len(lows) - 1 > i:
        zeroone = f"{lows[i]} {lows[i + 1]}"
        if zeroone in _SPECIAL:
            valence = _SPECIAL[zeroone]
    if len(lows) - 1 > i + 1:
        zeroonetwo = f"{lows[i]} {lows[i + 1]} {lows[i + 2]}"
        if zeroonetwo in _SPECIAL:
            valence = _SPECIAL[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTERS:
            valence += _BOOSTERS[n_gram]
    return valence


def _least_check(valence: float, lows: list[str], i: int, lexicon: dict[str, float]) -> float:
    if i > 1 and lows[i - 1] not in lexicon and lows[i - 1] == "least":
        if lows[i - 2] != "at" and lows[i - 2] != "very":
            valence *= _N_SCALAR
    elif i > 0 and lows[i - 1] not in lexicon and lows[i - 1] == "least":
        valence *= _N_SCALAR
    return valence


def _but_check(lows: list[str], sentiments: list[float]) -> list[float]:
    # VADER's own loop (list.index finds the first equal value), kept for identical results
    bi = lows.index("but")
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)
    return sentiments


def _score(sentiments: list[float], text: str) -> float:
    if not sentiments:
        return 0.0
    sum_s = float(sum(sentiments))
    ep = min(4, text.count("!")) * 0.292
    qm_count = text.count("?")
    qm = 0.0
    if qm_count > 1:
        qm = qm_count * 0.18 if qm_count <= 3 else 0.96
    amp = ep + qm
    if sum_s > 0:
        sum_s += amp
    elif sum_s < 0:
        sum_s -= amp
    norm = sum_s / math.sqrt(sum_s * sum_s + 15)
    return round(max(-1.0, min(1.0, norm)), 4)
