"""Small Story builders for the story-engine tests (arc, momentum, engine, hooks, lens)."""

from __future__ import annotations

from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story


def make_story(
    parts: list[list[list[str]]],
    *,
    form: str = "prose",
    file: str = "draft.txt",
    kind: str = "chapter",
) -> Story:
    """A story from parts > scenes > paragraphs; each paragraph is one line, scenes apart.

    Line numbers are those of a file written as the paragraphs separated by blank lines.
    """
    story = Story("test", form=form, language="en", files=[file])
    line = 1
    for p_no, scenes in enumerate(parts, 1):
        part_start = line
        part = Part(kind, p_no, f"{kind.title()} {p_no}", Span(file, line, line))
        for paragraphs in scenes:
            scene_start = line
            blocks = []
            for para in paragraphs:
                n = para.count("\n")
                blocks.append(
                    Block(
                        BlockKind.DIALOGUE if form == "screenplay" else BlockKind.PARAGRAPH,
                        para,
                        Span(file, line, line + n),
                    )
                )
                line += n + 2
            part.scenes.append(Scene(None, Span(file, scene_start, line - 2), blocks))
        part.span = Span(file, part_start, line - 2)
        story.parts.append(part)
    return story.reindex()


def file_lines(story: Story) -> list[str]:
    """The file a :func:`make_story` story stands for, as lines (for quote checks)."""
    lines: list[str] = []
    for block in story.blocks():
        while len(lines) < block.span.line - 1:
            lines.append("")
        lines.extend(block.raw.split("\n"))
    return lines
