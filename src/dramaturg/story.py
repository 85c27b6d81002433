"""The one story model every reader produces and every analysis reads.

A :class:`Story` is a series: ``Story > Part (episode / chapter) > Scene > Block``.
Every block remembers the file and the 1-based lines it came from, so any finding
can point the writer back at the draft, like a linter.

>>> b = Block(BlockKind.ACTION, "Rain.", Span("ep1.fountain", 3, 3))
>>> scene = Scene(heading="EXT. BUS STOP - NIGHT", int_ext="EXT", location="BUS STOP",
...               time_of_day="NIGHT", span=Span("ep1.fountain", 1, 3), blocks=[b])
>>> scene.words
1
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from dramaturg.text.count import count_sentences, count_words


@dataclass(frozen=True, slots=True)
class Span:
    """Where something stands in the draft: file and 1-based first/last line."""

    file: str
    line: int
    end_line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class BlockKind(StrEnum):
    """What a block of the draft is, in screenwriting and manuscript terms."""

    ACTION = "action"  # screenplay action / stage direction
    PARAGRAPH = "paragraph"  # prose paragraph (narration, may hold quoted dialogue)
    DIALOGUE = "dialogue"
    TRANSITION = "transition"
    LYRIC = "lyric"
    CENTERED = "centered"
    SECTION = "section"
    SYNOPSIS = "synopsis"
    NOTE = "note"
    PAGE_BREAK = "page_break"


@dataclass(slots=True)
class Utterance:
    """A piece of speech inside a block: who says what, and where it starts in ``text``."""

    text: str
    speaker: str | None
    offset: int = 0


@dataclass(slots=True)
class Block:
    """One block of the draft.

    ``text`` is the clean text (emphasis markers removed, source line breaks kept as
    ``\\n``); ``raw`` is the source text exactly as written (for quotes that must match the
    draft). For dialogue, ``speaker`` is the canonical character name, ``cue`` the name as
    written, ``extension`` e.g. ``V.O.`` / ``O.S.`` / ``CONT'D``, and ``parenthetical`` the
    wrylies joined. Prose paragraphs list their quoted speech in ``utterances``.
    """

    kind: BlockKind
    text: str
    span: Span
    raw: str = ""
    speaker: str | None = None
    cue: str | None = None
    extension: str | None = None
    parenthetical: str | None = None
    dual: bool = False
    # Most blocks have neither emphasis nor quoted speech: they share the empty tuple, and a
    # reader that finds some assigns a list of its own (none appends to the shared default).
    # A long script is tens of thousands of blocks; two empty lists each were half the
    # objects the garbage collector walked after a parse.
    emphasis: Sequence[tuple[int, int, str]] = ()
    utterances: Sequence[Utterance] = ()
    # Where ``raw`` is not the source lines one to one (Final Draft XML, whose words stand on
    # their <Text> lines): sorted (offset into raw, source line from that offset on).
    line_marks: list[tuple[int, int]] | None = None
    # (text counted, words, sentences or -1): counted once per text, whoever asks; a reader
    # that changes ``text`` makes a new string, and the next count starts again
    _counts: tuple[str, int, int] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __init__(
        self,
        kind: BlockKind,
        text: str,
        span: Span,
        raw: str = "",
        speaker: str | None = None,
        cue: str | None = None,
        extension: str | None = None,
        parenthetical: str | None = None,
        dual: bool = False,
        emphasis: Sequence[tuple[int, int, str]] = (),
        utterances: Sequence[Utterance] = (),
        line_marks: list[tuple[int, int]] | None = None,
    ) -> None:
        # written out rather than generated: the generated __init__ calls __post_init__ for
        # the one default that depends on another field (raw), a call per block of a long
        # script; a test keeps these parameters the fields' names, order and defaults
        self.kind = kind
        self.text = text
        self.span = span
        self.raw = raw or text
        self.speaker = speaker
        self.cue = cue
        self.extension = extension
        self.parenthetical = parenthetical
        self.dual = dual
        self.emphasis = emphasis
        self.utterances = utterances
        self.line_marks = line_marks
        self._counts = None

    @property
    def words(self) -> int:
        counts = self._counts
        if counts is None or counts[0] is not self.text:
            counts = self._counts = (self.text, count_words(self.text), -1)
        return counts[1]

    @property
    def sentences(self) -> int:
        counts = self._counts
        if counts is None or counts[0] is not self.text:
            counts = (self.text, count_words(self.text), -1)
        if counts[2] < 0:
            counts = (counts[0], counts[1], count_sentences(counts[0]))
        self._counts = counts
        return counts[2]

    def speech(self) -> Iterator[Utterance]:
        """Everything spoken in this block, with its speaker (None when unattributed)."""
        if self.kind is BlockKind.DIALOGUE:
            yield Utterance(self.text, self.speaker, 0)
        else:
            yield from self.utterances

    def line_of(self, offset: int) -> int:
        """The source line of a character offset into ``raw``."""
        if self.line_marks:
            i = bisect_right(self.line_marks, (max(0, offset), 1 << 62)) - 1
            return self.line_marks[max(i, 0)][1]
        return self.span.line + self.raw.count("\n", 0, max(0, offset))


@dataclass(slots=True)
class Scene:
    """A scene: for scripts, from one heading to the next; for prose, between scene breaks.

    ``number`` is the scene number as printed (``12``, ``12A``, ``S#3``) or None.
    """

    heading: str | None
    span: Span
    blocks: list[Block] = field(default_factory=list)
    number: str | None = None
    int_ext: str | None = None  # INT, EXT, INT/EXT
    location: str | None = None
    time_of_day: str | None = None  # DAY, NIGHT, MORNING, ... as written (upper-cased)
    heading_line: int | None = None
    index: int = 0  # 0-based position in the whole story (set by Story.reindex)
    # The scene's number as the writer counts: 1-based over the story's scenes; in a script,
    # text before an episode's first heading (a title card) is no scene and has None.
    ordinal: int | None = None
    # who tells this scene, when the book says so for each of its sections ("THE STORY
    # CONTINUED BY MARIAN HALCOMBE", "MINA MURRAY'S JOURNAL"): the first person here is them
    narrator: str | None = None

    @property
    def words(self) -> int:
        total = 0
        for b in self.blocks:
            if b.kind not in _UNCOUNTED:
                total += b.words
        return total

    @property
    def sentences(self) -> int:
        total = 0
        for b in self.blocks:
            if b.kind not in _UNCOUNTED:
                total += b.sentences
        return total

    @property
    def paragraphs(self) -> int:
        return sum(1 for b in self.blocks if b.kind in _PARAGRAPHS)

    @property
    def speakers(self) -> list[str]:
        """Speaking characters in order of first line."""
        seen: dict[str, None] = {}
        for b in self.blocks:
            # what b.speech() yields, without an Utterance made for each dialogue block
            if b.kind is _DIALOGUE:
                if b.speaker:
                    seen.setdefault(b.speaker, None)
                continue
            for u in b.utterances:
                if u.speaker:
                    seen.setdefault(u.speaker, None)
        return list(seen)

    @property
    def file(self) -> str:
        return self.span.file


@dataclass(slots=True)
class Part:
    """An episode, chapter or act as printed: ``kind`` is ``episode`` or ``chapter``.

    ``label`` is the heading as printed (``CHAPTER IV``, ``# Episode 3``), ``number`` its
    number (restarting per volume where the book does so), ``volume`` the volume number if any.
    """

    kind: str
    number: int | None
    title: str
    span: Span
    scenes: list[Scene] = field(default_factory=list)
    label: str = ""
    volume: int | None = None
    index: int = 0  # 0-based position in the story (set by Story.reindex)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.scenes)

    @property
    def sentences(self) -> int:
        return sum(s.sentences for s in self.scenes)

    @property
    def paragraphs(self) -> int:
        return sum(s.paragraphs for s in self.scenes)

    def blocks(self) -> Iterator[Block]:
        for s in self.scenes:
            yield from s.blocks


@dataclass(slots=True)
class Character:
    """A character and the other names the draft uses for them."""

    name: str
    aliases: set[str] = field(default_factory=set)
    gender: str | None = None  # "f", "m", or None when the draft does not say
    role: str | None = None  # "narrator" (the first person), "addressee" (of letters), or None

    def names(self) -> set[str]:
        return {self.name, *self.aliases}


@dataclass(slots=True)
class Story:
    """A whole work, possibly a series of several files (one or more parts each).

    ``form`` is ``screenplay``, ``prose`` or ``subtitles``; ``language`` an ISO code
    (``en``, ``ko``) detected by the reader.
    """

    title: str
    parts: list[Part] = field(default_factory=list)
    form: str = "screenplay"
    language: str = "en"
    files: list[str] = field(default_factory=list)
    title_page: dict[str, str] = field(default_factory=dict)
    characters: dict[str, Character] = field(default_factory=dict)

    def reindex(self) -> Story:
        """Number parts and scenes by position; call after building or merging."""
        i = counted = 0
        for p_index, part in enumerate(self.parts):
            part.index = p_index
            for scene in part.scenes:
                scene.index = i
                i += 1
                if scene.heading is not None or self.form != "screenplay":
                    counted += 1
                    scene.ordinal = counted
                else:
                    scene.ordinal = None
        return self

    @property
    def scenes(self) -> list[Scene]:
        return [s for p in self.parts for s in p.scenes]

    def blocks(self) -> Iterator[Block]:
        for p in self.parts:
            yield from p.blocks()

    def scene_part(self) -> dict[int, Part]:
        """Map scene index -> its part."""
        return {s.index: p for p in self.parts for s in p.scenes}

    @property
    def words(self) -> int:
        return sum(p.words for p in self.parts)

    @property
    def sentences(self) -> int:
        return sum(p.sentences for p in self.parts)

    @property
    def paragraphs(self) -> int:
        return sum(p.paragraphs for p in self.parts)

    def character(self, name: str) -> Character:
        """The character record for a name, created on first use."""
        ch = self.characters.get(name)
        if ch is None:
            ch = self.characters[name] = Character(name)
        return ch

    def canonical(self, name: str) -> str | None:
        """The canonical character name for any of their names (case-insensitive)."""
        key = _norm_name(name)
        for ch in self.characters.values():
            if any(_norm_name(n) == key for n in ch.names()):
                return ch.name
        return None


_DIALOGUE = BlockKind.DIALOGUE  # a module global: found faster than the enum's attribute
_UNCOUNTED = frozenset(
    {BlockKind.NOTE, BlockKind.SECTION, BlockKind.SYNOPSIS, BlockKind.PAGE_BREAK}
)
_PARAGRAPHS = frozenset(
    {
        BlockKind.ACTION,
        BlockKind.PARAGRAPH,
        BlockKind.DIALOGUE,
        BlockKind.LYRIC,
        BlockKind.CENTERED,
        BlockKind.TRANSITION,
    }
)
_SPACES = re.compile(r"\s+")


def _norm_name(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()


def merge(stories: list[Story], title: str | None = None) -> Story:
    """Several files (episodes) as one series, parts in the given order."""
    if len(stories) == 1:
        return stories[0]
    first = stories[0]
    out = Story(
        title=title or first.title,
        form=first.form,
        language=first.language,
        title_page=dict(first.title_page),
    )
    for st in stories:
        out.parts.extend(st.parts)
        out.files.extend(st.files)
        for ch in st.characters.values():
            rec = out.character(ch.name)
            rec.aliases |= ch.aliases
            rec.gender = rec.gender or ch.gender
            rec.role = rec.role or ch.role
    return out.reindex()
