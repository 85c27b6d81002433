"""Findings and the evidence behind them: plain typed records, like a linter's.

Every finding names a code (documented in ``docs/findings.md``), a severity, a message, a
suggestion, and evidence: the part, scene, file, 1-based line and a quote copied exactly from
the draft (runs of whitespace collapsed to one space, since a quote may cross a line break).

>>> from dramaturg.story import Block, BlockKind, Span
>>> b = Block(BlockKind.PARAGRAPH, "He took her hand.\\nShe smiled.", Span("n.txt", 10, 11))
>>> ev = evidence_for(b, b.text.index("She"), len(b.text))
>>> (ev.line, ev.quote)
(11, 'She smiled.')
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from dramaturg.story import Block, Part, Scene, Story


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(slots=True)
class Evidence:
    """A quote from the draft and exactly where it stands."""

    file: str
    line: int
    quote: str
    part: int | None = None  # part number as printed (chapter/episode), else None
    part_index: int | None = None  # 0-based position of the part in the story
    scene: int | None = None  # 0-based scene index in the whole story
    scene_number: str | None = None  # scene number as printed, if any
    scene_ordinal: int | None = None  # 1-based scene count as the writer numbers scenes

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def scene_name(self) -> str | None:
        """The scene as the writer names it (:func:`writer_scene`), if the quote is in one."""
        if self.scene is None:
            return None
        return writer_scene(self.scene_number, self.scene_ordinal, self.scene)


def writer_scene(number: str | None, ordinal: int | None, index: int) -> str:
    """A scene as a writer sees it: the number the script prints, else the 1-based count.

    Messages and the JSON ``scene_label`` both say this, so that they agree; the JSON
    ``scene`` stays the 0-based index.

    >>> writer_scene("12A", 40, 41), writer_scene(None, 36, 37), writer_scene(None, None, 0)
    ('12A', '36', '1')
    """
    return number or str(ordinal or index + 1)


@dataclass(slots=True)
class Finding:
    """One diagnosis with the lines that support it."""

    code: str
    severity: Severity
    message: str
    evidence: list[Evidence] = field(default_factory=list)
    suggestion: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def where(self) -> Evidence | None:
        return self.evidence[0] if self.evidence else None

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form: code, severity, part, scene, line, quote, message, ..."""
        w = self.where
        return {
            "code": self.code,
            "severity": str(self.severity),
            "file": w.file if w else None,
            "part": w.part if w else None,
            "scene": w.scene if w else None,
            "scene_label": w.scene_name if w else None,
            "line": w.line if w else None,
            "quote": w.quote if w else "",
            "message": self.message,
            "suggestion": self.suggestion,
            "evidence": [e.to_dict() for e in self.evidence],
            **({"data": self.data} if self.data else {}),
        }


_WS = re.compile(r"\s+")
_MARKUP = "_*"
_SNIPPET_UNIT = re.compile(r"\s+|\S")


def collapse(text: str) -> str:
    """Runs of whitespace to one space, trimmed."""
    return _WS.sub(" ", text).strip()


def _raw_span(block: Block, start: int, end: int) -> tuple[int, int]:
    """Map a ``text`` span of the block to its ``raw`` span (raw may hold emphasis marks)."""
    if block.raw == block.text:
        return start, end
    snippet = block.text[start:end]
    if not snippet:
        return 0, 0
    where = _alignment(block.raw, block.text)
    if where is not None:
        rs = where[start]
        re_ = where[end - 1] + 1 if end > start else rs
        return rs, re_
    # the two do not align char by char (a subtitle cue's speaker label, lines joined): find
    # the snippet, as written when it is there
    at = block.raw.find(snippet)
    if at >= 0:
        return at, at + len(snippet)
    # Look for the snippet's first 300 visible characters (more than a quote shows), markers
    # and runs of space as elastic gaps: no literal beside a quantifier that could also take
    # it, so the search stays linear (a line of "*" or of spaces backtracked without end).
    seen = 0
    tokens: list[str] = []
    for c in snippet:
        if c.isspace():
            if tokens and tokens[-1] != r"\s+":
                tokens.append(r"\s+")
        elif c not in _MARKUP:
            tokens.append(re.escape(c))
            seen += 1
            if seen >= 300:
                break
    if tokens and tokens[-1] == r"\s+":
        tokens.pop()
    pattern = "[_*]*".join(tokens)
    m = re.search(pattern, block.raw) if tokens else None
    if m is None:  # fall back to the first words of the snippet
        head = snippet.split()[0] if snippet.split() else snippet
        i = block.raw.find(head)
        return (i, i + len(head)) if i >= 0 else (0, min(len(block.raw), end - start))
    return m.start(), m.end()


@lru_cache(maxsize=4096)
def _alignment(raw: str, text: str) -> tuple[int, ...] | None:
    """For each character of ``text``, its offset in ``raw``, when ``text`` is ``raw`` less
    emphasis marks and with whitespace runs changed; None when they do not align so. One pass,
    computed once per block."""
    out: list[int] = []
    i = 0
    n = len(raw)
    for ch in text:
        if ch.isspace():
            while i < n and raw[i] in _MARKUP:
                i += 1
            if i < n and raw[i].isspace():
                out.append(i)
                while i < n and raw[i].isspace():
                    i += 1
            else:
                out.append(i)
            continue
        while i < n and raw[i] != ch and (raw[i] in _MARKUP or raw[i].isspace()):
            i += 1
        if i >= n or raw[i] != ch:
            return None
        out.append(i)
        i += 1
    return tuple(out)


def evidence_for(
    block: Block,
    start: int = 0,
    end: int | None = None,
    *,
    scene: Scene | None = None,
    part_number: int | None = None,
    part_index: int | None = None,
    max_chars: int = 240,
) -> Evidence:
    """Evidence for ``block.text[start:end]``: its line and the exact quote from ``raw``.

    Long spans are cut at a word boundary near ``max_chars``.
    """
    end = len(block.text) if end is None else end
    rs, re_ = _raw_span(block, start, end)
    quote_raw = block.raw[rs:re_]
    # the quote starts at the first non-space character
    lead = len(quote_raw) - len(quote_raw.lstrip())
    rs += lead
    quote = collapse(quote_raw)
    if len(quote) > max_chars:
        cut = quote.rfind(" ", 0, max_chars)
        quote = quote[: cut if cut > max_chars // 2 else max_chars]
    return Evidence(
        file=block.span.file,
        line=block.line_of(rs),
        quote=quote,
        part=part_number,
        part_index=part_index,
        scene=scene.index if scene else None,
        scene_number=scene.number if scene else None,
        scene_ordinal=scene.ordinal if scene else None,
    )


def scene_label(scene: Scene, part: Part | None) -> str:
    """A scene as a message names it: ``12 'EXT. PARK - DAY' in episode 2``, by the number
    the script prints, else as the writer counts scenes (:func:`writer_scene`): the same
    name as the finding's JSON ``scene_label``."""
    label = writer_scene(scene.number, scene.ordinal, scene.index)
    if scene.heading:
        label += f" '{scene.heading}'"
    if part is not None and part.number is not None:
        label += f" in {part.kind} {part.number}"
    return label


def locate(story: Story) -> dict[int, tuple[int | None, int]]:
    """Map ``id(block)`` -> (part number as printed, part index) for evidence building."""
    out: dict[int, tuple[int | None, int]] = {}
    for part in story.parts:
        for b in part.blocks():
            out[id(b)] = (part.number, part.index)
    return out
