"""Final Draft (.fdx) reader: the XML script format into the same story model as Fountain.

A Final Draft document is ``<FinalDraft><Content>`` holding ``<Paragraph Type="...">``
elements (``Scene Heading``, ``Action``, ``Character``, ``Parenthetical``, ``Dialogue``,
``Transition``, ``Shot``, ``General``, ``Lyrics``, ...), each with ``<Text Style="...">``
runs; dual dialogue is a ``<DualDialogue>`` group inside a wrapper paragraph, and the title
page is a second ``<Content>`` under ``<TitlePage>``.

Every block's span is the XML lines of its paragraphs: ``line`` is where the (first)
``<Paragraph>`` element starts, ``end_line`` where the (last) one ends. ``raw`` is the
paragraph text as written in the draft (the XML markup is not the writer's text); a
dialogue block's raw is the cue, wrylies and speech, one paragraph a line, as in Fountain.

>>> xml = ('<?xml version="1.0"?><FinalDraft DocumentType="Script"><Content>'
...        '<Paragraph Type="Scene Heading"><Text>INT. CAFE - NIGHT</Text></Paragraph>'
...        '<Paragraph Type="Character"><Text>SEO-YUN</Text></Paragraph>'
...        '<Paragraph Type="Dialogue"><Text>You came.</Text></Paragraph>'
...        '</Content></FinalDraft>')
>>> story = parse(xml, "ep1.fdx")
>>> [(b.speaker, b.text) for b in story.blocks()]
[('SEO-YUN', 'You came.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from xml.parsers import expat

from dramaturg.errors import DramaturgError
from dramaturg.read.fountain import (
    episode_of,
    heading_parts,
    parse_cue,
)
from dramaturg.story import Block, BlockKind, Character, Part, Scene, Span, Story
from dramaturg.text.language import detect_language

__all__ = ["EXTENSIONS", "FORMAT", "parse", "score", "sniff"]

FORMAT = "fdx"
EXTENSIONS = (".fdx",)

_SNIFF = re.compile(r"<FinalDraft[\s>]")
_STYLES = {"italic": "italic", "bold": "bold", "underline": "underline"}
# Paragraph types that are plain description in the story model.
_ACTION_TYPES = {"Action", "General", "Shot", "Cast List", "Outline", "Outline Body"}
_SECTION_TYPES = {"New Act", "End of Act", "Act Break", "Teaser/Act One"}


@dataclass(slots=True)
class _Para:
    """One ``<Paragraph>`` as read: its type, text with style runs, and where it stands."""

    type: str
    line: int
    end_line: int = 0
    text_line: int = 0  # where the first <Text> run starts: the line the words stand on
    marks: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, XML line)
    number: str | None = None
    centered: bool = False
    dual_group: int = 0  # > 0 inside the n-th <DualDialogue>
    text: str = ""
    emphasis: list[tuple[int, int, str]] = field(default_factory=list)


def score(text: str) -> float:
    """1.0 for a Final Draft XML document (a ``<FinalDraft>`` root near the top), else 0."""
    return 1.0 if _SNIFF.search(text[:4096]) else 0.0


def sniff(text: str) -> bool:
    """True for a Final Draft XML document."""
    return score(text) > 0


def _read(text: str, path: str) -> tuple[list[_Para], list[_Para]]:
    """(script paragraphs, title page paragraphs), in document order."""
    parser = expat.ParserCreate(encoding="utf-8")
    script: list[_Para] = []
    title: list[_Para] = []
    stack: list[_Para | None] = []  # open <Paragraph> elements (None: a typeless wrapper)
    runs: list[tuple[str, str]] = []  # (text, style) of the innermost paragraph
    run_lines: list[int] = []  # the XML line where each run starts
    in_text: list[str] | None = None
    style = ""
    title_depth = 0
    dual_depth = 0
    dual_groups = 0
    root_seen: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal in_text, style, title_depth, dual_depth, dual_groups
        if not root_seen:
            root_seen.append(name)
            if name != "FinalDraft":
                raise DramaturgError(
                    f"not a Final Draft document (root element <{name}>)",
                    file=path,
                    line=parser.CurrentLineNumber,
                )
        if name == "Paragraph":
            kind = attrs.get("Type")
            if kind is None and not title_depth:
                stack.append(None)
                return
            para = _Para(
                kind or "General",
                parser.CurrentLineNumber,
                number=attrs.get("Number") or None,
                centered=attrs.get("Alignment") == "Center",
                dual_group=dual_groups if dual_depth else 0,
            )
            stack.append(para)
            runs.clear()
            run_lines.clear()
        elif name == "Text" and stack and stack[-1] is not None:
            if not stack[-1].text_line:
                stack[-1].text_line = parser.CurrentLineNumber
            run_lines.append(parser.CurrentLineNumber)
            in_text = []
            style = attrs.get("Style", "")
        elif name == "TitlePage":
            title_depth += 1
        elif name == "DualDialogue":
            dual_depth += 1
            dual_groups += 1
        elif name == "SceneProperties" and stack and stack[-1] is not None:
            number = attrs.get("Number")
            if number and stack[-1].number is None:
                stack[-1].number = number

    def end(name: str) -> None:
        nonlocal in_text, title_depth, dual_depth
        if name == "Text" and in_text is not None:
            runs.append(("".join(in_text), style))
            in_text = None
        elif name == "Paragraph" and stack:
            para = stack.pop()
            if para is None:
                return
            para.end_line = parser.CurrentLineNumber
            _finish(para, runs, run_lines)
            runs.clear()
            run_lines.clear()
            (title if title_depth else script).append(para)
        elif name == "TitlePage":
            title_depth -= 1
        elif name == "DualDialogue":
            dual_depth -= 1

    def data(chunk: str) -> None:
        if in_text is not None:
            in_text.append(chunk)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        # lone surrogates pass through to expat, which reports them as bad XML with a line
        parser.Parse(text.encode("utf-8", "surrogatepass"), True)
    except expat.ExpatError as exc:
        raise DramaturgError(
            f"malformed Final Draft XML: {expat.ErrorString(exc.code)}",
            file=path,
            line=exc.lineno,
        ) from None
    if not root_seen:
        raise DramaturgError("not a Final Draft document (no XML elements)", file=path)
    return script, title


def _line_marks(paras: list[_Para]) -> list[tuple[int, int]]:
    """Line marks for the paragraphs' texts joined with newlines (see Block.line_marks)."""
    out: list[tuple[int, int]] = []
    base = 0
    for p in paras:
        out.extend((base + off, line) for off, line in (p.marks or [(0, p.text_line or p.line)]))
        base += len(p.text) + 1
    return out


def _finish(para: _Para, runs: list[tuple[str, str]], run_lines: list[int]) -> None:
    """Join the style runs into the paragraph's text, emphasis ranges and line marks."""
    pieces: list[str] = []
    pos = 0
    starts: list[tuple[int, int]] = []
    for (chunk, style), line in zip(runs, run_lines, strict=False):
        starts.append((pos, line))
        # a mark after each line break in the run, counted as they come (counting the
        # breaks before each one again was quadratic: 50,000 breaks in one <Text>, 8 s)
        k = chunk.find("\n")
        breaks = 0
        while k >= 0:
            breaks += 1
            starts.append((pos + k + 1, line + breaks))
            k = chunk.find("\n", k + 1)
        if style:
            for part in style.split("+"):
                mark = _STYLES.get(part.strip().lower())
                if mark and chunk:
                    para.emphasis.append((pos, pos + len(chunk), mark))
        pieces.append(chunk)
        pos += len(chunk)
    text = "".join(pieces).replace("\r\n", "\n").replace("\r", "\n").rstrip()
    lead = 0
    if para.type not in _ACTION_TYPES:  # indentation is kept in action, as in Fountain
        lead = len(text) - len(text.lstrip())
        text = text[lead:]
    para.text = text
    para.marks = sorted(
        {(max(0, off - lead), line) for off, line in starts if off - lead < len(text)}
    )
    if para.emphasis:
        n = len(text)
        clipped = sorted(
            (max(a - lead, 0), min(b - lead, n), s)
            for a, b, s in para.emphasis
            if min(b - lead, n) > max(a - lead, 0)
        )
        # runs split only by another style ("Underline", "Italic+Underline", "Underline")
        # are one underlined stretch
        merged: list[tuple[int, int, str]] = []
        open_by_style: dict[str, int] = {}
        for a, b, s in clipped:
            i = open_by_style.get(s)
            if i is not None and merged[i][1] >= a:
                merged[i] = (merged[i][0], max(merged[i][1], b), s)
            else:
                open_by_style[s] = len(merged)
                merged.append((a, b, s))
        para.emphasis = sorted(merged)


class _Builder:
    """Turns the paragraph list into parts, scenes and blocks."""

    def __init__(self, path: str, title: str) -> None:
        self.path = path
        self.title = title
        self.parts: list[Part] = []
        self.part: tuple[int | None, str, str, int | None] = (None, title, "", None)
        self.scenes: list[Scene] = []
        self.blocks: list[Block] = []
        self.heading: _Para | None = None
        self.speakers: dict[str, set[str]] = {}
        # the dialogue being assembled: cue paragraph, then wrylies and speech
        self.cue: _Para | None = None
        self.wrylies: list[_Para] = []
        self.speech: list[_Para] = []

    def add(self, para: _Para) -> None:
        kind = para.type
        if kind == "Character":
            self.close_dialogue()
            self.cue = para
        elif kind == "Parenthetical" and self.cue is not None:
            self.wrylies.append(para)
        elif kind == "Dialogue" and self.cue is not None:
            self.speech.append(para)
        else:
            self.close_dialogue()
            if kind == "Scene Heading":
                self.close_scene()
                self.heading = para
            elif kind == "Transition":
                self.block(BlockKind.TRANSITION, para)
            elif kind == "Lyrics":
                self.block(BlockKind.LYRIC, para)
            elif kind in _SECTION_TYPES:
                ep = episode_of(para.text)
                if ep is not None:
                    self.close_part()
                    self.part = (ep[0], ep[2], ep[1], para.line)
                self.block(BlockKind.SECTION, para)
            elif para.text:
                self.block(BlockKind.CENTERED if para.centered else BlockKind.ACTION, para)

    def block(self, kind: BlockKind, para: _Para) -> None:
        b = Block(kind, para.text, Span(self.path, para.line, para.end_line), para.text)
        b.emphasis = list(para.emphasis)
        b.line_marks = _line_marks([para])
        self.blocks.append(b)

    def close_dialogue(self) -> None:
        cue = self.cue
        if cue is None:
            return
        parsed = parse_cue("@" + cue.text.replace("\n", " "))
        members = [cue, *self.wrylies, *self.speech]
        members.sort(key=lambda p: p.line)
        text_parts: list[str] = []
        emphasis: list[tuple[int, int, str]] = []
        pos = 0
        for p in self.speech:
            if text_parts:
                pos += 1
            emphasis.extend((a + pos, b + pos, s) for a, b, s in p.emphasis)
            text_parts.append(p.text)
            pos += len(p.text)
        raw = "\n".join(p.text for p in members)
        end = max(p.end_line for p in members)
        block = Block(
            BlockKind.DIALOGUE, "\n".join(text_parts), Span(self.path, cue.line, end), raw
        )
        block.emphasis = emphasis
        block.line_marks = _line_marks(members)
        if self.wrylies:
            block.parenthetical = " ".join(p.text for p in self.wrylies)
        if parsed is not None:
            speaker, written, extension, _ = parsed
            block.speaker, block.cue, block.extension = speaker, written, extension
            self.speakers.setdefault(speaker, set()).add(written)
        block.dual = cue.dual_group > 0
        self.blocks.append(block)
        self.cue = None
        self.wrylies = []
        self.speech = []

    def close_scene(self) -> None:
        self.close_dialogue()
        heading, blocks = self.heading, self.blocks
        if heading is None and not blocks:
            return
        lines = [b.span.line for b in blocks[:1]] + ([heading.line] if heading else [])
        ends = [b.span.end_line for b in blocks] + ([heading.end_line] if heading else [])
        scene = Scene(
            heading.text if heading else None,
            Span(self.path, min(lines), max(ends)),
            blocks,
            heading.number if heading else None,
        )
        if heading is not None:
            scene.int_ext, scene.location, scene.time_of_day = heading_parts(heading.text)
            scene.heading_line = heading.line
        self.scenes.append(scene)
        self.heading = None
        self.blocks = []

    def close_part(self) -> None:
        self.close_scene()
        number, title, label, line = self.part
        if not self.scenes and number is None:
            return
        first = line if line is not None else self.scenes[0].span.line
        end = max((s.span.end_line for s in self.scenes), default=first)
        self.parts.append(
            Part("episode", number, title, Span(self.path, first, end), self.scenes, label)
        )
        self.scenes = []


def _title_page(paras: list[_Para]) -> dict[str, str]:
    """Title, credit and author from a title page's centred lines (FDX has no keys)."""
    lines = [line.strip() for p in paras for line in p.text.split("\n") if line.strip()]
    page: dict[str, str] = {}
    if not lines:
        return page
    page["title"] = lines[0]
    for i, line in enumerate(lines[1:], 1):
        low = line.lower()
        if low in {"by", "written by", "screenplay by", "teleplay by", "story by"}:
            page["credit"] = line
            if i + 1 < len(lines):
                page["author"] = lines[i + 1]
            break
        if low.startswith(("by ", "written by ")):
            page["author"] = line.split("by", 1)[1].strip()
            break
    return page


def parse(text: str, path: str) -> Story:
    """Parse Final Draft XML ``text`` (read from ``path``) into a Story.

    Raises DramaturgError with the file and XML line when the document is malformed.
    """
    script, title_paras = _read(text, path)
    title_page = _title_page(title_paras)
    title = title_page.get("title") or PurePath(path).stem
    builder = _Builder(path, title)
    for para in script:
        builder.add(para)
    builder.close_part()
    parts = builder.parts or [
        Part("episode", None, title, Span(path, 1, text.count("\n") + 1), [], "")
    ]
    characters = {
        name: Character(name, {w for w in written if w != name})
        for name, written in builder.speakers.items()
    }
    body = "\n".join(p.text for p in script)
    return Story(
        title=title,
        parts=parts,
        form="screenplay",
        language=detect_language(body),
        files=[path],
        title_page=title_page,
        characters=characters,
    ).reindex()
