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
        # Kiwi's time grows faster than the text on one long string (1.5 s at 80k
        # characters, against 0.4 s line by line): a long text goes in pieces cut at line ends
        pieces: list[tuple[int, int, str]] = []  # (text's index, offset, piece)
        for i, text in enumerate(missing):
            pieces.extend((i, at, piece) for at, piece in _pieces(text))
        out: list[list[Token]] = [[] for _ in missing]
        for (i, at, _piece), toks in zip(
            pieces, kiwi().tokenize([p for _i, _a, p in pieces]), strict=True
        ):
            out[i].extend((tk.form, tk.tag, at + tk.start, at + tk.start + tk.len) for tk in toks)
        for text, toks_of in zip(missing, out, strict=True):
            _CACHE[text] = tuple(toks_of)
    return [_CACHE.get(t, ()) for t in texts]


_PIECE = 4000  # characters: a text longer than this is tokenized a few lines at a time


def _pieces(text: str) -> list[tuple[int, str]]:
    """``text`` as (offset, piece): whole when short, else runs of whole lines of about
    ``_PIECE`` characters (a line longer than that alone)."""
    if len(text) <= _PIECE:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + _PIECE)
        end = len(text) if end < 0 else end + 1
        out.append((start, text[start:end]))
        start = end
    return out


def nouns(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The nouns (``NNG`` common, ``NNP`` proper) of ``text[start:end]``, from the cache."""
    stop = len(text) if end is None else end
    return [
        t
        for t in morphemes_of([text])[0]
        if t[1] in ("NNG", "NNP") and start <= t[2] and t[3] <= stop
    ]
