"""Line breaking for subtitles: balanced lines, broken at punctuation and phrase boundaries.

Breaks only at spaces (for Korean, between 어절), never inside a word. Break points are scored
with language data (``profiles/linebreak-<lang>.toml``): punctuation and connectives attract a
break, articles, adnominals and auxiliary verbs repel it, and the two lines should be balanced.

>>> best_lines("I never thought I would see you here, not after all these years", 42, "plain", "en")
['I never thought I would see you here,', 'not after all these years']
>>> best_lines("우리 이제 어디로 가야 하는지 아무도 모르잖아", 16, "cjk", "ko")
['우리 이제 어디로 가야 하는지', '아무도 모르잖아']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from dramaturg.subtitles.length import strip_markup, text_length
from dramaturg.text.languages import Language, find_language, get_language

__all__ = ["best_lines", "split_text", "words_of"]

# A word with any markup glued to it; spaces inside a tag (<font color="x">) do not split it.
_WORD = re.compile(r"(?:<[^<>\n]*>|\{[^{}\n]*\}|\S)+")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def _language(language: str) -> Language:
    """The language whose line-break rules apply: English's for one dramaturg has none for."""
    return find_language(language) or get_language("en")


@lru_cache(maxsize=4)
def _rules(language: str) -> dict[str, Any]:
    return _language(language).linebreak_rules()


@lru_cache(maxsize=1)
def _bound_pairs() -> dict[str, tuple[str, ...]]:
    """Korean bound constructions by the last syllable of the first word: "지" -> ("못", …)."""
    out: dict[str, list[str]] = {}
    for end, start in _rules("ko")["bound_pairs"]:
        out.setdefault(end[-1], []).append(start)
    return {k: tuple(v) for k, v in out.items()}


def _bound(last: str, first: str) -> bool:
    """``last`` and ``first`` (Korean eojeol either side of a break) make one construction."""
    starts = _bound_pairs().get(last[-1:]) if last else None
    return bool(starts) and first.startswith(starts)  # type: ignore[arg-type]


def _bare_word(bare: str) -> str:
    return bare.strip("\"'“”‘’()[]").lower()


@lru_cache(maxsize=4)
def _scoring(language: str) -> dict[str, Any]:
    """The language's rules as :func:`_score` reads them: tuples for ``endswith``, weights as
    floats, looked up once (``_score`` runs once per possible break of every long cue)."""
    data = _rules(language)
    out: dict[str, Any] = {
        "w": {k: float(v) for k, v in data["weights"].items()},
        "eojeol": _language(language).linebreak_style == "eojeol",
    }
    out["give_up"] = out["w"]["give_up"]
    for key, value in data.items():
        if key == "weights" or key == "bound_pairs":
            continue
        # suffixes and prefixes (endswith/startswith) as tuples, word lists as sets
        prefixes = out["eojeol"] and key == "auxiliaries"
        affix = key.endswith("_endings") or key == "punctuation" or prefixes
        out[key] = tuple(value) if affix else frozenset(value)
    return out


def _score(
    bare: list[str],
    lower: list[str],
    i: int,
    l1: float,
    l2: float,
    max_len: float,
    data: dict[str, Any],
    inside: bool,
) -> float:
    """The cost of a break before word ``i``: ``bare`` are the words without markup,
    ``lower`` the same as :func:`_word` gives them, ``inside``: the break falls inside
    brackets opened on the first line."""
    w: dict[str, float] = data["w"]
    punctuation = data["punctuation"]
    # Imbalance in tenths of the line limit, so weights mean the same at 16 and at 42.
    score = abs(l1 - l2) / max_len * 10 * w["imbalance"]
    last = bare[i - 1]
    first = bare[i]
    if inside:
        score += w["bound"]
    punctuated = last.endswith(punctuation)
    if punctuated:
        score += w["punctuation"]
    if data["eojeol"]:
        bare_last = last.rstrip(",.!?…~")
        if bare_last == last and _bound(bare_last, first):
            score += w["bound"]
        if bare_last == last and bare_last in data["no_break_after"]:
            score += w["no_break_after"]
        if bare_last.endswith(data["clause_endings"]):
            score += w["clause_ending"]
        elif not punctuated and bare_last in data["determiners"]:
            score += w["determiner"]
        elif not punctuated and bare_last.endswith(data["adnominal_endings"]):
            score += w["adnominal"]
        elif not punctuated and bare_last.endswith(data["weak_adnominal_endings"]):
            score += w["weak_adnominal"]
        if first.startswith(data["auxiliaries"]) and len(first) <= 3:
            score += w["auxiliary"]
    else:
        first_word = lower[i]
        last_word = lower[i - 1]
        if first_word in data["break_before"]:
            score += w["break_before"]
        if last_word in data["no_break_after"] and not punctuated:
            score += w["no_break_after"]
        if last[:1].isupper() and first[:1].isupper() and i > 1 and last.isalpha():
            score += w["name_pair"]
        if (
            not punctuated
            and last_word in data["subject_pronouns"]
            and first_word in data["auxiliaries"]
        ):
            score += w["subject_verb"]
        if not punctuated and first_word in data["no_break_before"]:
            score += w["no_break_before"]
        if not punctuated and first_word not in data["break_before"]:
            # determiner ... | noun: the break splits a noun phrase ("my great / ambition")
            for back in range(max(0, i - 3), i - 1):
                if lower[back] in data["determiners"]:
                    score += w["noun_phrase"]
                    break
                if bare[back].endswith(punctuation):
                    break
    return score


def _space(method: str) -> float:
    """What a space counts under ``method`` (``text_length(" ", method)``), looked up once."""
    n = _SPACES.get(method)
    if n is None:
        n = _SPACES[method] = text_length(" ", method)
    return n


_SPACES: dict[str, float] = {}


def _prefix_lengths(words: list[str], method: str) -> list[float]:
    """``out[i]`` = the length of ``" ".join(words[:i])``, for every i, in one pass.

    Length adds up over words and the spaces between them (markup travels inside its word,
    see :data:`_WORD`), so the prefixes are sums rather than a join and a count per split,
    which made a long cue quadratic.
    """
    space = _space(method)
    out = [0.0]
    total = 0.0
    for i, w in enumerate(words):
        if w.isascii() and "<" not in w and "{" not in w and "\\h" not in w:
            # what text_length gives a word of printable ASCII: each character counts as
            # a space does (1, or 0.5 for cjk); a word holds no line break
            n = len(w) * space
        else:
            n = text_length(w, method)
        total += n + (space if i else 0.0)
        out.append(total)
    return out


def best_lines(text: str, max_len: float, method: str, language: str) -> list[str] | None:
    """``text`` as one line if it fits, else the best two lines that each fit; None if the
    words cannot fit in two lines (the cue must be split)."""
    words = words_of(text)
    if not words:
        return [""]
    one = " ".join(words)
    total = text_length(one, method)
    if total <= max_len:
        return [one]
    space = _space(method)
    if total > 2 * max_len + space:
        return None  # two lines of at most max_len hold no more than this
    prefix = _prefix_lengths(words, method)
    n = len(words)
    brackets = "(" in one or "[" in one
    data = _scoring(language)
    if "<" in one or "{" in one or "\\h" in one:
        bare = [strip_markup(t) for t in words]
    else:
        bare = words
    lower = bare if data["eojeol"] else [_bare_word(b) for b in bare]
    # brackets opened and not closed on the first line, by where it ends
    parens = squares = 0
    best: tuple[float, int] | None = None
    for i in range(1, n):
        if brackets:
            b = bare[i - 1]
            parens += b.count("(") - b.count(")")
            squares += b.count("[") - b.count("]")
        l1 = prefix[i]
        l2 = prefix[n] - prefix[i] - space
        if l1 > max_len or l2 > max_len:
            continue
        inside = brackets and (parens > 0 or squares > 0)
        s = _score(bare, lower, i, l1, l2, max_len, data, inside)
        if best is None or s < best[0]:
            best = (s, i)
    if best is None or best[0] >= data["give_up"]:
        return None  # no break a subtitler would keep: the cue is better split in two
    i = best[1]
    return [" ".join(words[:i]), " ".join(words[i:])]


_SENTENCE_END = re.compile(r"[.!?…]$|[.!?…][\"'”’)\]]$")


def split_text(text: str, method: str, language: str = "") -> tuple[str, str] | None:
    """Split a too-long text in two at the sentence (or comma) boundary nearest the middle;
    for Korean, a connective ending (-고, -는데 …) is next best and a bound construction
    (``하러 / 갈``) is never split."""
    words = words_of(text)
    if len(words) < 2:
        return None
    prefix = _prefix_lengths(words, method)
    total = prefix[-1]
    best: tuple[float, int] | None = None
    scoring = _scoring(language)
    eojeol = scoring["eojeol"]
    clause_endings = scoring["clause_endings"] if eojeol else ()
    if any("<" in w or "{" in w or "\\h" in w for w in words):
        bare = [strip_markup(w) for w in words]
    else:
        bare = words
    for i in range(1, len(words)):
        token = bare[i - 1]
        strength = 0.0 if _SENTENCE_END.search(token) else 0.35 if token.endswith(",") else 0.7
        if eojeol and strength > 0.35:
            if _bound(token, bare[i]):
                strength = 5.0
            elif token.endswith(clause_endings):
                strength = 0.45
        left = prefix[i]
        s = strength + abs(left / total - 0.5) if total else strength
        if best is None or s < best[0]:
            best = (s, i)
    assert best is not None
    i = best[1]
    return " ".join(words[:i]), " ".join(words[i:])
