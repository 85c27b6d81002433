"""Small stories built in code for the romance tests (cast, thresholds, moments)."""

from __future__ import annotations

from dramaturg.read.prose_speech import attribute
from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story


def prose(chapters: list[list[str]], file: str = "novel.txt") -> Story:
    """A novel: one part per chapter, one paragraph block per string, one line each; its
    speech and cast found by the prose reader's own pass, as for a manuscript file."""
    story = Story("test", form="prose", files=[file])
    line = 1
    for number, paras in enumerate(chapters, 1):
        blocks = []
        start = line
        for text in paras:
            blocks.append(Block(BlockKind.PARAGRAPH, text, Span(file, line, line)))
            line += 2
        span = Span(file, start, line)
        story.parts.append(
            Part("chapter", number, f"CHAPTER {number}", span, [Scene(None, span, blocks=blocks)])
        )
    attribute(story)
    return story.reindex()


def script(scenes: list[list[tuple[str | None, str]]], file: str = "ep1.fountain") -> Story:
    """A screenplay: (speaker, text) pairs; speaker None is an action line."""
    story = Story("test", form="screenplay", files=[file])
    line = 1
    out = []
    for items in scenes:
        start = line
        blocks = []
        for speaker, text in items:
            kind = BlockKind.DIALOGUE if speaker else BlockKind.ACTION
            blocks.append(Block(kind, text, Span(file, line, line), speaker=speaker, cue=speaker))
            line += 2
        out.append(Scene("INT. CAFE - DAY", Span(file, start, line), blocks=blocks))
    story.parts.append(Part("episode", 1, "Episode 1", Span(file, 1, line), out))
    return story.reindex()
