"""Kiwi morphemes of Korean blocks, tokenized once per text and shared by every analysis.

The cast (proper nouns in action and narration) and the story engine (nouns as link terms)
both need the morphemes of the same blocks; Kiwi runs about 50-80k characters a second, so
each distinct text is tokenized once, in one batch (Kiwi spreads a batch over its worker
threads), and kept for the rest of the process.

>>> [(f, t) for f, t, _a, _b in morphemes_of(["서윤이 웃는다."])[0] if t.startswith("NN")]
[('서윤', 'NNP')]
"""

from __future__ import annotations

from collections.abc import Sequence

from dramaturg.text.korean import kiwi

Token = tuple[str, str, int, int]  # (form, Sejong tag, start, end) with offsets into the text

_CACHE: dict[str, tuple[Token, ...]] = {}
_MAX_CACHED = 200_000  # distinct texts kept before the cache starts over


def morphemes_of(texts: Sequence[str]) -> list[tuple[Token, ...]]:
    """The morphemes of each text (cached; the uncached ones tokenized in one batch)."""
    missing = [t for t in dict.fromkeys(texts) if t not in _CACHE and t.strip()]
    if missing:
        if len(_CACHE) + len(missing) > _MAX_CACHED:
            _CACHE.clear()
        for text, toks in zip(missing, kiwi().tokenize(missing), strict=True):
            _CACHE[text] = tuple((tk.form, tk.tag, tk.start, tk.start + tk.len) for tk in toks)
    return [_CACHE.get(t, ()) for t in texts]


def nouns(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The nouns (``NNG`` common, ``NNP`` proper) of ``text[start:end]``, from the cache."""
    stop = len(text) if end is None else end
    return [
        t
        for t in morphemes_of([text])[0]
        if t[1] in ("NNG", "NNP") and start <= t[2] and t[3] <= stop
    ]
