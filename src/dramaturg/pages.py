"""Page length the way a script is measured on set: 55 formatted lines a page, in eighths.

The formatted length is estimated from the standard screenplay layout (Courier 12 pt):
action and other full-width text wraps at 61 characters, dialogue at 35, parentheticals at
25 (plus their brackets), character cues and headings take one line, and one blank line
separates elements. A scene takes at least 1/8 of a page, as on every stripboard.

>>> from dramaturg.story import Block, BlockKind, Scene, Span
>>> s = Scene("INT. CAFE - DAY", Span("x", 1, 3), [Block(BlockKind.ACTION, "She waits.", Span("x", 3, 3))])
>>> scene_lines(s), eighths(s)
(4, 1)
"""

from __future__ import annotations

import math

from dramaturg.story import Block, BlockKind, Scene, Story

LINES_PER_PAGE = 55
_WIDTH = {
    BlockKind.ACTION: 61,
    BlockKind.PARAGRAPH: 61,
    BlockKind.DIALOGUE: 35,
    BlockKind.LYRIC: 35,
    BlockKind.CENTERED: 61,
    BlockKind.TRANSITION: 61,
}
_UNPRINTED = {BlockKind.NOTE, BlockKind.SECTION, BlockKind.SYNOPSIS, BlockKind.PAGE_BREAK}


def _wrapped(text: str, width: int) -> int:
    """Lines ``text`` takes when word-wrapped at ``width`` characters."""
    if "\n" not in text:
        n = len(text.strip())
        return max(1, math.ceil(n / width)) if n else 1
    total = 0
    for para in text.split("\n"):
        n = len(para.strip())
        total += max(1, math.ceil(n / width)) if n else 1
    return total


def block_lines(block: Block) -> int:
    """Formatted lines of one element, its preceding blank line included."""
    if block.kind in _UNPRINTED:
        return 0
    lines = _wrapped(block.text, _WIDTH.get(block.kind, 61))
    if block.kind is BlockKind.DIALOGUE:
        lines += 1  # the character cue
        if block.parenthetical:
            lines += _wrapped(block.parenthetical, 25)
    return lines + 1


def scene_lines(scene: Scene) -> int:
    """Formatted lines of a scene: heading (with its blank line) and every element."""
    heading = 2 if scene.heading else 0
    return heading + sum(block_lines(b) for b in scene.blocks)


def eighths(scene: Scene) -> int:
    """Page length in eighths (at least 1), rounded to the nearest eighth."""
    return lines_to_eighths(scene_lines(scene))


def lines_to_eighths(lines: int) -> int:
    """Eighths of a page (at least 1) that ``lines`` formatted lines take."""
    return max(1, round(lines * 8 / LINES_PER_PAGE))


def format_eighths(n: int) -> str:
    """``11`` -> ``1 3/8``, the way stripboards print page counts."""
    pages, rest = divmod(n, 8)
    if not rest:
        return str(pages)
    return f"{pages} {rest}/8" if pages else f"{rest}/8"


def page_count(story: Story) -> float:
    """Pages of the whole script at 55 lines a page, to one decimal."""
    return round(sum(scene_lines(s) for s in story.scenes) / LINES_PER_PAGE, 1)
