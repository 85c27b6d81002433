"""How long a subtitle line is, the way Netflix counts it.

One function for line length, reading speed and line breaking (what users asked for most).
``plain``: every character counts 1 (English guide: spaces and punctuation count, tags and line
breaks don't). ``cjk``: Hangul, Hanja, kana, CJK symbols and full-width forms count 1; Latin
letters, digits, spaces and half-width punctuation 0.5; zero-width and bidi controls 0.

>>> text_length("NETFLIX 드라마 K-DRAMA 최고야", "cjk")
14.5
>>> text_length("<i>Hello</i>, you", "plain")
10.0
"""

from __future__ import annotations

import re

__all__ = ["strip_markup", "text_length", "PLAIN", "CJK"]

PLAIN = "plain"
CJK = "cjk"

# HTML-like tags (SRT/WebVTT/SAMI) and ASS override blocks; \h is an ASS hard space.
_MARKUP = re.compile(r"<[^<>\n]*>|\{\\[^{}]*\}")
_WIDE = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3130-\u318f"
    "\u3190-\u31ff\u3200-\u32ff\u3300-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
_NARROW_NON_ASCII = re.compile(
    "[^\x00-\x7f\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f"
    "\u3130-\u318f\u3190-\u31ff\u3200-\u32ff\u3300-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


_DRAWING = re.compile(r"\{[^{}]*\\p[1-9][^{}]*\}.*?(?:\{[^{}]*\\p0[^{}]*\}|$)", re.S)


def strip_markup(text: str) -> str:
    """Text as shown on screen: tags and ASS drawings removed, ``\\h`` as a space, entities
    left alone."""
    if "<" in text or "{" in text:
        if "\\p" in text:
            text = _DRAWING.sub("", text)
        text = _MARKUP.sub("", text)
    if "\\h" in text:
        text = text.replace("\\h", " ")
    return text


def text_length(text: str, method: str = PLAIN, *, markup: bool = True) -> float:
    """Length of ``text`` (one line, or several joined; ``\\n`` is not counted)."""
    if markup and ("<" in text or "{" in text or "\\h" in text):
        text = strip_markup(text)
    n = len(text) - text.count("\n")
    if n and not text.isascii():
        if _NARROW_NON_ASCII.search(text) is None:
            # every character outside ASCII is wide (and none invisible: those are narrow)
            if method == CJK:
                wide = len(text) - len(text.encode("ascii", "ignore"))
                return wide + (n - wide) * 0.5
            return float(n)
        if _INVISIBLE.search(text):
            n -= len(_INVISIBLE.findall(text))
        if method == CJK:  # e.g. "…", curly quotes: not every non-ASCII character is wide
            wide = len(_WIDE.findall(text))
            return wide + (n - wide) * 0.5
    return float(n) if method != CJK else n * 0.5
