"""What a finished show's subtitle file carries besides the show itself.

A subtitler's credit line (``번역: 정다은``, ``Subtitles by ...``), a translator's note
(``※ 썸: ...``, ``T/N: ...``) and the next episode's preview (everything from a ``다음 이야기``
/ ``Next episode`` card to the end of the file) are not the episode's story: the reader keeps
them as :attr:`~dramaturg.story.BlockKind.NOTE` blocks, which no analysis reads, so no hook
quote, threshold or speaker comes from them. A sung line (``♪ ... ♪``, or a cue in an ASS
style for songs) is a :attr:`~dramaturg.story.BlockKind.LYRIC`: a song over a montage is
not the couple's first kiss. The words are data (``text/<lang>/captions.toml``).

>>> c = captions("ko")
>>> c.is_credit("번역: 정다은"), c.is_credit("번역이 틀렸어"), c.is_note("※ 썸: 사귀기 전")
(True, False, True)
>>> c.is_preview_heading("<다음 이야기>"), c.is_preview_heading("다음 이야기 해 줘")
(True, False)
>>> c.lyric_text("♪ 너와 입을 맞추는 꿈을 꿔 ♪"), c.lyric_text("어디 가?")
('너와 입을 맞추는 꿈을 꿔', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dramaturg.text.languages import find_language, get_language

__all__ = ["Captions", "captions"]

_EDGES = " \t\"'“”‘’<>《》〈〉「」『』[]()（）【】-–—:：.…·*~!?"
_SPACES = re.compile(r"\s+")
_STYLE_WORDS = re.compile(r"[^\W_]+")
_VTT_CLASS = re.compile(r"<c((?:\.[\w-]+)+)>")


def _norm(line: str) -> str:
    return _SPACES.sub(" ", line.strip(_EDGES)).casefold()


@dataclass(frozen=True, slots=True)
class Captions:
    """The captioning words of one language (with English's): credits, previews, notes, lyrics."""

    credit: re.Pattern[str]
    headings: frozenset[str]
    notes: tuple[str, ...]
    marks: re.Pattern[str]
    styles: frozenset[str]

    def is_credit(self, line: str) -> bool:
        """A credit line of the subtitler: a label, then a colon (or ``by``) and names."""
        return bool(self.credit.match(line.strip(" \t[](){}<>【】").casefold()))

    def is_note(self, line: str) -> bool:
        """A translator's or captioner's note."""
        return line.lstrip(" \t[(（【").casefold().startswith(self.notes)

    def is_preview_heading(self, line: str) -> bool:
        """A line that is nothing but a next-episode card (``다음 이야기``, ``[Next episode]``)."""
        return _norm(line) in self.headings

    def lyric_text(self, line: str) -> str | None:
        """The sung words of a line marked as a lyric (``♪ ... ♪``), None when it is not one."""
        if self.marks.search(line) is None:
            return None
        return _SPACES.sub(" ", self.marks.sub("", line)).strip()

    def is_lyric_style(self, event: Any, text: str = "") -> bool:
        """A cue styled for songs: an ASS/SSA event in a style such as ``Song``, ``OP`` or
        ``가사``, or a WebVTT cue whose text is in a class such as ``<c.lyrics>``."""
        style = str(getattr(event, "style", "") or "")
        names = [style, *_VTT_CLASS.findall(text)] if "<c." in text else [style]
        return any(w in self.styles for n in names for w in _STYLE_WORDS.findall(n.casefold()))


@lru_cache(maxsize=8)
def captions(language: str) -> Captions:
    """The captioning words for ``language``, English's included (credits in English are
    common in any language's subtitle files)."""
    # a subtitle file is read before its language is refused: English's words for any other
    langs = dict.fromkeys([find_language(language) or get_language("en"), get_language("en")])
    tables = [lang.lexicon("captions") for lang in langs]
    labels = sorted(
        {_SPACES.sub(" ", w.strip()).casefold() for t in tables for w in t["credits"]["labels"]},
        key=len,
        reverse=True,
    )
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in labels)
    # "번역: 정다은", "자막 제작 - 정다은", "Subtitles by J. Kim"
    credit = re.compile(rf"(?:{alts})\s*(?:[:：|]|-(?=\s)|(?<=by)\s)\s*\S")
    return Captions(
        credit=credit,
        headings=frozenset(_norm(w) for t in tables for w in t["preview"]["headings"]),
        notes=tuple(w.casefold() for t in tables for w in t["notes"]["prefixes"]),
        marks=re.compile(
            "|".join(re.escape(m) for t in tables for m in dict.fromkeys(t["lyrics"]["marks"]))
        ),
        styles=frozenset(w.casefold() for t in tables for w in t["lyrics"]["styles"]),
    )
