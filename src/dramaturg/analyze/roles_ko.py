"""Who does what to whom in Korean, from the particles after the names (Kiwi morphemes).

Korean marks a noun's part in the sentence with the particle written after it: 이/가 the
subject, 은/는 the topic (most often who acts), 을/를 the object, 에게/한테 the one it is done
to, 와/과/(이)랑/하고 the one it is done with, 의 whose (``서윤의 손을 잡는다``: 서윤 is the one
held). The verb comes last, so the parties of a threshold word are the names before it in its
sentence: the agent is the nearest subject or topic, the patient the nearest object, recipient
or partner. ``나``/``내``/``저``/``제`` is whoever speaks the line (in narration, the narrator).
Which particle plays which part is data: ``text/ko/roles.toml``.

Names are where the cast found them (its spans), not Kiwi's proper-noun tags, which miss names
Kiwi does not know (``서윤`` is sometimes two common nouns); a proper noun the cast does not
know (a one-scene bride) is a party too, someone who is not the couple.

>>> text = "민호가 지켜보는 가운데 도현이 서윤의 손을 잡는다."
>>> named = {"민호": [(0, 2)], "도현": [(13, 15)], "서윤": [(17, 19)]}
>>> parties(text, named, 0, text.index("손을"))
Parties(agent='도현', patient='서윤')
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dramaturg.text.korean_tokens import Token, morphemes_of
from dramaturg.text.lexicon import load_lexicon

__all__ = ["Parties", "parties"]

_GAP = 6  # at most this many characters between a name and its particle (서윤 선배님이)


@dataclass(frozen=True, slots=True)
class Parties:
    """The agent and the patient of a trigger, as far as the particles say (None: unsaid)."""

    agent: str | None = None
    patient: str | None = None

    def outside(self, couple: tuple[str, str]) -> set[str]:
        """The parties who are not the couple: someone else's kiss, embrace or confession."""
        return {p for p in (self.agent, self.patient) if p is not None and p not in couple}


@dataclass(frozen=True, slots=True)
class _Grammar:
    roles: dict[str, str]  # "JKS" or "JKB:에게" -> agent / patient / partner / possessor
    between: frozenset[str]
    titles: frozenset[str]
    first: frozenset[str]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    lex = load_lexicon("roles", "ko")
    roles = {key: role for role, keys in lex["particles"].items() for key in keys}
    titles = frozenset(load_lexicon("honorifics", "ko").get("titles", {}))
    return _Grammar(
        roles, frozenset(lex["between"]["tags"]), titles, frozenset(lex["pronouns"]["first"])
    )


def _role(tok: Token, g: _Grammar) -> str | None:
    return g.roles.get(f"{tok[1]}:{tok[0]}") or g.roles.get(tok[1])


def _particle(
    toks: tuple[Token, ...], starts: list[int], end: int, g: _Grammar, spoken: bool
) -> str | None:
    """The role the particle after a name (ending at ``end``) gives it, if one follows."""
    i = bisect_left(starts, end)
    while i < len(toks) and toks[i][2] - end <= _GAP:
        form, tag, _a, _b = toks[i]
        role = _role(toks[i], g)
        if role == "possessor":
            # 서윤의 손을 잡는다: the possessor is held when what is theirs is the object
            for nxt in toks[i + 1 : i + 4]:
                if nxt[1].startswith("J"):
                    return "patient" if _role(nxt, g) == "patient" else None
            return None
        if role is not None:
            return role
        if tag in g.between or form in g.titles or tag == "SP" and form == ",":
            if tag == "SP":
                # 도현, 서윤을 안는다: an action line names who acts; in speech it is a call
                return None if spoken else "agent"
            i += 1
            continue
        return None
    return None


_INDEXED: list[tuple[str, object, tuple[Any, ...]]] = []  # the last block asked about


def _indexed(
    text: str, named: dict[str, list[tuple[int, int]]]
) -> tuple[Any, list[int], list[tuple[int, int, str]], list[int]]:
    """The block's morphemes and their starts, and its name spans sorted by start (kept for
    the block asked about last: its threshold words are asked about one after another)."""
    if _INDEXED and _INDEXED[0][0] is text and _INDEXED[0][1] is named:
        return _INDEXED[0][2]  # type: ignore[return-value]
    toks = morphemes_of([text])[0]
    spans = sorted((a, b, who) for who, ss in named.items() for a, b in ss)
    out = (toks, [t[2] for t in toks], spans, [s[0] for s in spans])
    _INDEXED[:] = [(text, named, out)]
    return out


def parties(
    text: str,
    named: dict[str, list[tuple[int, int]]],
    start: int,
    trigger: int,
    speaker: str | None = None,
    spoken: bool = False,
) -> Parties:
    """The agent and patient of the threshold word at ``trigger`` in ``text``, from the names
    (``named``: character -> spans in text) between ``start`` (its sentence) and the word.
    ``spoken``: the words are speech (a name before a comma is then the one addressed);
    ``speaker``: who says them (or the narrator), whom ``나`` and ``제`` name."""
    g = _grammar()
    toks, starts, spans_at, span_starts = _indexed(text, named)
    # only what lies between the sentence's start and the word: found by bisection, so that
    # a block of many sentences is not walked once for each of its threshold words
    window = toks[bisect_left(starts, start) : bisect_right(starts, trigger)]
    spans_in = spans_at[bisect_left(span_starts, start) : bisect_right(span_starts, trigger)]
    found: list[tuple[int, str, str]] = []  # (position, role, who)
    for a, b, who in spans_in:
        if b <= trigger:
            role = _particle(toks, starts, b, g, spoken)
            if role is not None:
                found.append((a, role, who))
    # a name the cast does not know (the bride at another couple's wedding) that Kiwi takes
    # for a proper noun is a party too: someone who is not the couple (two syllables at
    # least: a surname alone, 강 작가, may be one of the couple)
    for form, tag, a, b in window:
        if tag == "NNP" and len(form) >= 2 and start <= a and b <= trigger:
            # a span of a known name that overlaps it starts before its end, and (names
            # being short) not long before its start
            near = spans_at[bisect_left(span_starts, a - 64) : bisect_left(span_starts, b)]
            if not any(x < b and a < y for x, y, _w in near):
                role = _particle(toks, starts, b, g, spoken)
                if role is not None:
                    found.append((a, role, form))
    if speaker is not None:
        for form, tag, a, b in window:
            if start <= a and b <= trigger and tag == "NP" and form in g.first:
                role = _particle(toks, starts, b, g, spoken)
                if role is not None:
                    found.append((a, role, speaker))
    found.sort()
    agent = next((w for _a, r, w in reversed(found) if r == "agent"), None)
    patient = next(
        (w for _a, r, w in reversed(found) if r in ("patient", "partner") and w != agent), None
    )
    return Parties(agent, patient)
