"""Fountain 1.1 reader: a single-pass, paragraph-based parser into the story model.

Fountain (https://fountain.io/syntax) is plain text where blank lines separate elements and
the shape of a paragraph says what it is: ``INT. CAFE - NIGHT`` is a scene heading, an
upper-case line followed by text is a character cue with dialogue, and so on.

The parser makes a few passes over the text, each a C-speed string or regex operation, and
one Python loop over *paragraphs* (never over characters or, mostly, lines):

1. line endings normalised; boneyard ``/* */`` removed, the source lines it swallowed
   remembered so that every block keeps its true line numbers;
2. the text split at blank lines (a line of two or more spaces is Fountain's "blank line
   inside an element" and does not split), and the line where each paragraph starts summed;
3. each paragraph classified by its first character, its shape and a few precompiled
   regexes; one-line action and plain dialogue, most of any script, are built inline; notes
   ``[[ ]]`` are lifted out of the paragraphs that hold them.

A block's ``raw`` is its paragraph's source lines (line endings as ``\n``), so most blocks
share the paragraph string instead of re-joining split lines. ``bench/parse.py`` times the
whole :func:`dramaturg.read.read` path (decoding and its checks included) with a full
``gc.collect()`` charged: about 0.09 s of CPU for its 2 MB script, 1.4 to 1.5 times faster
than fountain-parser (the fastest peer) and about six times faster than screenplain, jouvence
or screenplay-tools (December 2026, a shared 2-core machine; run it for today's figures).

Where the spec is silent or real drafts disagree with it, the choice made is written next to
the code (``# spec:`` comments).

>>> story = parse("INT. CAFE - NIGHT\\n\\nSEO-YUN\\n(quietly)\\nYou came.\\n", "ep1.fountain")
>>> scene = story.scenes[0]
>>> scene.location, scene.time_of_day, scene.blocks[0].speaker, scene.blocks[0].text
('CAFE', 'NIGHT', 'SEO-YUN', 'You came.')
"""

from __future__ import annotations

import gc
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cache
from itertools import accumulate
from pathlib import PurePath

from dramaturg.story import Block, BlockKind, Character, Part, Scene, Span, Story
from dramaturg.text.language import detect_language
from dramaturg.text.lexicon import word_list

__all__ = [
    "EXTENSIONS",
    "FORMAT",
    "episode_of",
    "heading_parts",
    "parse",
    "parse_cue",
    "score",
    "sniff",
    "strip_emphasis",
]

FORMAT = "fountain"
EXTENSIONS = (".fountain", ".spmd", ".txt")

_ACTION = BlockKind.ACTION
_DIALOGUE = BlockKind.DIALOGUE
_TRANSITION = BlockKind.TRANSITION
_LYRIC = BlockKind.LYRIC
_CENTERED = BlockKind.CENTERED
_SECTION = BlockKind.SECTION
_SYNOPSIS = BlockKind.SYNOPSIS
_NOTE = BlockKind.NOTE
_PAGE_BREAK = BlockKind.PAGE_BREAK

# Whitespace-only lines that separate paragraphs: empty, one space, or any whitespace with a
# tab / other blank in it. spec: exactly two (or more) plain spaces is a blank line *inside* an
# element, so those lines are kept.
# (Possessive runs and one way to match each line keep the split linear on long runs of
# tabs, NBSP or U+3000.)
_BLANK = r"(?:[ ]?|[ ]*+[^\S \n][^\S\n]*+)"
_BLANK_LINE_ONLY = re.compile(_BLANK)
_LEADING_BLANKS = re.compile(rf"(?:{_BLANK}\n)+")
_PARA_SPLIT = re.compile(rf"(\n(?:{_BLANK}\n)+)")
# Every whitespace-only line taken as blank: a newline, whitespace, the last newline of that
# whitespace (the same matches as "\n(?:[^\S\n]*+\n)+", without the engine's repeat of a group
# at every line break: twice as fast). Only a line of two or more spaces is read otherwise, and
# such a line can only stand inside one of these separators (see _split_paragraphs).
_PARA_SPLIT_PLAIN = re.compile(r"(\n\s*\n)")
# a line of two or more spaces only, between two line breaks
_SPACES_LINE = re.compile(r"\n {2,}\n")
# a run of blanks before a line end; starting only where a run starts keeps it linear
_TRAILING_WS = re.compile(r"(?<![^\S\n])[^\S\n]++(?=\n|$)")

# spec: INT/EXT/EST/INT./EXT/I/E then a dot or a space, any case; also EXT/INT and the
# full-width stop "INT。" of Japanese drafts (afterwriting's sample)
_HEADING = re.compile(r"(?i)(INT\.?/EXT|EXT\.?/INT|I\.?/E|INT|EXT|EST)(?:[.。]|\s|$)")
_TIME_WORDS = frozenset(
    "DAY NIGHT MORNING AFTERNOON EVENING DAWN DUSK SUNRISE SUNSET NOON MIDNIGHT LATER "
    "CONTINUOUS CONTINUED SAME TIME MOMENT MOMENTS MINUTE MINUTES SECOND SECONDS HOUR HOURS "
    "DAYS WEEK WEEKS NEXT THAT A THE FEW BIT TWO THREE EARLY LATE ONE".split()
)
_INT_EXT = {"INT": "INT", "EXT": "EXT", "EST": "EXT"}
_TIME_SPLIT = re.compile(r"(.*)\s[-–—]+\s(.*)", re.S)
_DASH_RUN = re.compile(r"--+|[–—]+|(?<=\s)-(?=\s)")
_SCENE_NUMBER = re.compile(r"(?<!\s)\s*+#([\w.\-]+)#\s*$")
_PAGE_BREAK_RE = re.compile(r"={3,}\s*$")
_TITLE_KEY = re.compile(r"([^\s:：][^:：\n]{0,48}?)[ \t]*[:：][ \t]*(.*)$")
_TITLE_KEYS = frozenset(
    "title credit author authors source draft date date contact copyright notes revision "
    "episode format tl tc tr bl br".split()
    + ["draft date", "written by", "based on"]
)
_SPACES = re.compile(r"\s+")

_EPISODE = re.compile(
    r"(?ix)^(?:(?:episode|ep\.?)\s*\#?\s*(?P<n>\d+|[a-z]+)"
    r"|제?\s*(?P<k>\d+)\s*[화회](?![가-힣]))"
)
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}

# an escaped marker, a run of one to three "*", or "_", kept by the split (a group).
# Every branch opens with a literal, so the engine skips to the next marker character instead
# of trying each branch at every position (2.5x faster than "\*{1,3}" as the second branch).
_EMPHASIS_SPLIT = re.compile(r"(\\[*_]|\*\*?\*?|_)")
_EMPHASIS_STYLES = {
    "*": ("italic",),
    "**": ("bold",),
    "***": ("bold", "italic"),
    "_": ("underline",),
}

# the slot descriptors of the frozen Span, for building spans in the hot loop (see there)
_SPAN_FILE: Callable[[Span, str], None] = Span.__dict__["file"].__set__
_SPAN_LINE: Callable[[Span, int], None] = Span.__dict__["line"].__set__
_SPAN_END: Callable[[Span, int], None] = Span.__dict__["end_line"].__set__
_SPECIAL_START = frozenset(".!>=#~ \t")
_new_span = Span.__new__
_new_block = Block.__new__
# Block's slots, in the order _paragraphs fills them (a test holds them to Block.__slots__)
_BLOCK_SLOTS = (
    "kind",
    "text",
    "span",
    "raw",
    "speaker",
    "cue",
    "extension",
    "parenthetical",
    "dual",
    "emphasis",
    "utterances",
    "line_marks",
    "_counts",
)


def _span(file: str, line: int, end_line: int) -> Span:
    """``Span(file, line, end_line)``, its slots filled directly (see :func:`_paragraphs`)."""
    span = _new_span(Span)
    _SPAN_FILE(span, file)
    _SPAN_LINE(span, line)
    _SPAN_END(span, end_line)
    return span


def _notes(text: str) -> list[tuple[int, int]]:
    """Where the notes ``[[ ... ]]`` of ``text`` stand, as ``(start, end)``.

    Each ``[[`` closes at the first ``]]`` after it (notes do not nest), as the regex
    ``\\[\\[(.*?)\\]\\]`` would match them, but in one pass: once no ``]]`` follows, no later
    ``[[`` can close either, so the scan stops instead of searching to the end again.
    """
    out: list[tuple[int, int]] = []
    i = text.find("[[")
    while i >= 0:
        j = text.find("]]", i + 2)
        if j < 0:
            break
        out.append((i, j + 2))
        i = text.find("[[", j + 2)
    return out


def _without_notes(text: str) -> str:
    spans = _notes(text)
    if not spans:
        return text
    pieces = []
    pos = 0
    for a, b in spans:
        pieces.append(text[pos:a])
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def _centered(line: str) -> str | None:
    """The text of a centered line ``> THE END <`` (stripped), or None.

    The same as matching ``^\\s*>\\s*(.*?)\\s*<\\s*$``, without that regex's cubic backtracking
    on a line of ``>`` and spaces.
    """
    s = line.strip()
    if len(s) < 2 or s[0] != ">" or s[-1] != "<":
        return None
    return s[1:-1].strip()


def _parenthesized(s: str) -> list[str]:
    """What stands inside each ``( )`` of ``s``: an opening bracket closes at the first ``)``
    after it; the scan stops once no ``)`` is left (linear on a line of ``(``)."""
    out: list[str] = []
    i = s.find("(")
    while i >= 0:
        j = s.find(")", i + 1)
        if j < 0:
            break
        out.append(s[i + 1 : j])
        i = s.find("(", j + 1)
    return out


def strip_emphasis(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Remove Fountain emphasis markers; return the clean text and ``(start, end, style)``.

    Styles are ``italic``, ``bold`` and ``underline`` (``***x***`` gives bold and italic).
    An escaped marker (``\\*``) stays as a literal character; emphasis never spans lines;
    an unmatched marker stays as written.

    >>> strip_emphasis("a *big* \\\\*deal\\\\*")
    ('a big *deal*', [(2, 5, 'italic')])
    """
    if "*" not in text and "_" not in text:
        return text, []
    # the text split at its markers, in C: text, marker, text, ..., text; the characters
    # around a marker are the ends of its neighbours (an empty neighbour: another marker,
    # never a space, or the end of the text), and a line break between two markers is one
    # in the text between them
    parts = _EMPHASIS_SPLIT.split(text)
    last = len(parts) - 1
    escaped = False
    pairs: list[tuple[int, int, str]] = []  # (opener's part, closer's part, marker)
    stack: list[tuple[str, int]] = []
    # openers of each marker on the stack: a closer looks down the stack only when its
    # opener is there (then the search pops what it passes), so the scan stays linear
    open_count = {"*": 0, "**": 0, "***": 0, "_": 0}
    for i in range(1, last, 2):
        before = parts[i - 1]
        if stack and "\n" in before:  # emphasis never spans lines
            stack.clear()
            open_count = {"*": 0, "**": 0, "***": 0, "_": 0}
        tok = parts[i]
        if tok[0] == "\\":
            parts[i] = tok[1]
            escaped = True
            continue
        if open_count[tok] and (not before[-1].isspace() if before else i > 1):
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == tok:
                    opener = stack[k][1]
                    for dropped in stack[k:]:
                        open_count[dropped[0]] -= 1
                    del stack[k:]
                    pairs.append((opener, i, tok))
                    break
        else:
            after = parts[i + 1]
            if not after[0].isspace() if after else i + 1 < last:
                stack.append((tok, i))
                open_count[tok] += 1
    if not pairs:
        return ("".join(parts), []) if escaped else (text, [])
    for opener, closer, _tok in pairs:
        parts[opener] = parts[closer] = ""
    # where each part starts in the clean text; a removed marker starts where it falls
    at = list(accumulate(map(len, parts), initial=0))
    emphasis = [
        (at[opener], at[closer], style)
        for opener, closer, tok in pairs
        for style in _EMPHASIS_STYLES[tok]
    ]
    emphasis.sort()
    return "".join(parts), emphasis


#: How much of a text the detection reads.
SCORE_SAMPLE = 100_000


def score(text: str) -> float:
    """How well ``text`` fits a Fountain screenplay, 0..1.

    The share of its paragraphs (in the first :data:`SCORE_SAMPLE`) that only a screenplay
    has: scene headings, a character cue over speech, transitions; a quarter or more scores
    1.0 (real scripts have half and more). A title page adds 0.1. A novel's all-caps title
    page, ``BY`` and its author's name, or ``CHAPTER I`` over a title, are a few paragraphs
    in thousands: a novel scores under 0.1.
    """
    sample = text[:SCORE_SAMPLE].lstrip("\ufeff")
    if "\r" in sample:
        sample = sample.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p for p in _PARA_SPLIT.split(sample)[0::2] if p.strip()]
    if not paragraphs:
        return 0.0
    bonus = 0.0
    first = paragraphs[0].split("\n")
    if not _HEADING.match(first[0]) and _title_page(first) is not None:
        paragraphs = paragraphs[1:]
        bonus = 0.1
    evidence = sum(1 for p in paragraphs if _screenplay_paragraph(p))
    if not evidence:
        return 0.0  # a title page alone is no script
    return min(1.0, evidence / (0.25 * len(paragraphs)) + bonus)


def _screenplay_paragraph(para: str) -> bool:
    """A scene heading, a cue over speech, or a transition."""
    lines = para.strip("\n").split("\n")
    first = lines[0].strip()
    if not first or len(first) > 120:
        return False
    if _HEADING.match(first):
        # "INT. CAFE - NIGHT" (any case in Fountain, but prose "Int." is rare and lower case)
        return first.isupper() or " - " in first or "。" in first or len(lines) == 1
    if first[0] == "." and first[1:2].isalpha() and len(lines) == 1 and len(first) <= 80:
        return True  # a forced heading
    if first[0] == ">" and first[-1:] != "<":
        return True  # a forced transition
    if first.endswith("TO:") and first.isupper():
        return True
    if len(lines) < 2 or len(first) > 40 or len(first.split()) > 6:
        return False
    cue = parse_cue(first)
    if cue is None or first[:1] in "!.~>=#[":
        return False
    if cue[0].split()[0].strip(".:").casefold() in _manuscript_heading_words():
        return False  # "CHAPTER I." over its title is a novel's, not a cue
    forced = first.lstrip().startswith("@")
    for line in lines[1:]:
        said = line.strip()
        if said[:1] in "(（" or (forced and any(ch.isalpha() for ch in said)):
            return True
        if any(ch.islower() for ch in said):
            return True
    return False


@cache
def _manuscript_heading_words() -> frozenset[str]:
    """The words that open a manuscript's chapter headings (``CHAPTER``, ``BOOK``, ...)."""
    return frozenset(row[1].casefold() for row in word_list("headings.txt") if len(row) > 1)


def sniff(text: str) -> bool:
    """True when ``text`` looks like a Fountain script (:func:`score` at least 0.5)."""
    return score(text) >= 0.5


def _canonical(name: str) -> str:
    """A cue's name as the canonical character name: NFC, upper case, single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip().upper()


def parse_cue(line: str) -> tuple[str, str, str | None, bool] | None:
    """(speaker, cue as written, extension, dual) for a character cue line, else None."""
    s = line.strip()
    dual = s.endswith("^")
    if dual:
        s = s[:-1].rstrip()
    forced = s.startswith("@")
    if forced:
        s = s[1:].lstrip()
    head, paren, rest = s.partition("(")
    name = head.strip()
    if not name:
        return None
    # spec: a cue is upper case or forced with "@"; scripts without letter case (kana,
    # Hangul) therefore need "@" (afterwriting's Japanese sample reads as action, as in
    # screenplain)
    if not forced and not name.isupper():
        return None
    # only extensions may follow the name: "CYBER BOSS, 40 (or any age), an ageless," is a
    # character's introduction in action, not a cue
    if not forced and paren and re.sub(r"\([^)]*\)", "", paren + rest).strip():
        return None
    extension = None
    if paren:
        exts = [e.strip() for e in _parenthesized(paren + rest) if e.strip()]
        extension = ", ".join(exts) or None
    return _canonical(name), name, extension, dual


def episode_of(section: str) -> tuple[int, str, str] | None:
    """(number, label, title) when a section heading starts an episode (``# Episode 3``)."""
    m = _EPISODE.match(section)
    if m is None:
        return None
    raw_n = m.group("n") or m.group("k")
    if raw_n.isdigit():
        number = int(raw_n)
    elif raw_n.lower() in _NUMBER_WORDS:
        number = _NUMBER_WORDS[raw_n.lower()]
    else:
        return None
    label = section[: m.end()].strip()
    title = section[m.end() :].strip(" \t:.-–—")
    return number, label, title or label


def heading_parts(heading: str) -> tuple[str | None, str | None, str | None]:
    """(int_ext, location, time_of_day) of a scene heading.

    The time is what follows the last " - " (or an en/em dash, or "--"); failing that, a last
    comma-separated part made only of time words (``, DAY``, ``, A BIT LATER``).

    >>> heading_parts("INT./EXT. CAR - MOVING - NIGHT")
    ('INT/EXT', 'CAR - MOVING', 'NIGHT')
    >>> heading_parts("INT. PALACE HOTEL LOBBY, A BIT LATER")
    ('INT', 'PALACE HOTEL LOBBY', 'A BIT LATER')
    """
    m = _HEADING.match(heading)
    if m is None:
        int_ext = None
        rest = heading
    else:
        written = m.group(1)
        int_ext = _INT_EXT.get(written) or _INT_EXT.get(written.upper(), "INT/EXT")
        rest = heading[m.end() :]
    rest = rest.strip(" \t.-–—")
    time = None
    if "--" in rest or "–" in rest or "—" in rest:
        # the last run of dashes, spaced or not ("PARK--DAY", "PARK — DAY")
        last = None
        for dash in _DASH_RUN.finditer(rest):
            last = dash
        if last is not None and rest[: last.start()].strip() and rest[last.end() :].strip():
            time = rest[last.end() :].strip().upper() or None
            rest = rest[: last.start()].strip()
    elif "\t" in rest:
        t = _TIME_SPLIT.match(rest)
        if t is not None:
            time = t.group(2).strip().upper() or None
            rest = t.group(1).strip()
    else:  # the common case, without the regex's backtracking
        head, spaced_dash, tail = rest.rpartition(" - ")
        if spaced_dash:
            time = tail.strip().upper() or None
            rest = head.strip()
    if time is None and "," in rest:
        # "INT. PALACE HOTEL LOBBY, A BIT LATER": a last comma part made only of time words
        head, _, tail = rest.rpartition(",")
        words = tail.upper().split()
        if words and all(w in _TIME_WORDS for w in words) and head.strip():
            time = " ".join(words)
            rest = head.strip()
    return int_ext, rest or None, time


def _remove_boneyard(
    text: str, gaps: list[int], touched: list[int], anchors: list[tuple[int, int]] | None = None
) -> str:
    """``text`` without its boneyard; fills ``gaps`` and ``touched`` (see :func:`parse`), and
    ``anchors`` with the source line of each boneyard's start and where that line starts.

    A scan with ``str.find``, not the regex ``/\\*.*?\\*/`` (DOTALL): the lazy group tried
    from every "/*" runs to the end of the text when no "*/" follows, so thousands of
    unclosed "/*" lines took quadratic time (90 KB: 13 s). Once no "*/" follows a "/*", no
    later "/*" can close either, and the scan stops.
    """
    # spec: boneyards do not nest; "/* a /* b */ c */" ends at the first "*/", as in
    # screenplain, leaving " c */" in the text
    out: list[str] = []
    pos = 0  # text copied up to here
    line = 1  # the source line of pos
    vanished = 0  # lines vanished so far
    while True:
        start = text.find("/*", pos)
        if start < 0:
            break
        end = text.find("*/", start + 2)
        if end < 0:
            break
        end += 2
        line += text.count("\n", pos, start)
        inside = text.count("\n", start, end)
        touched.append(line - vanished)
        if anchors is not None:
            anchors.append((line, text.rfind("\n", 0, start) + 1))
        if inside:
            # the lines line+1 .. line+inside vanish; each sits just before clean line
            # line + 1 - (lines vanished before it)
            gaps.extend([line + 1 - vanished] * inside)
            vanished += inside
        out.append(text[pos:start])
        pos = end
        line += inside
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _split_paragraphs(body: str) -> list[str]:
    """``_PARA_SPLIT.split(body)``: paragraphs and the separators between them, alternating.

    The split that takes every whitespace-only line as blank finds the same separators except
    where one holds a line of two or more spaces only (spec: a blank line inside an element).
    Such a line has a line break on each side, so it stands inside one of those separators (a
    run of whitespace from one line break to another); only those separators are split again
    with the full rule. What comes before their first blank line joins the paragraph above,
    what comes after their last the paragraph below, as in the full split of the whole text.
    """
    chunks = _PARA_SPLIT_PLAIN.split(body)
    if _SPACES_LINE.search(body) is None:
        return chunks
    # the separators holding two spaces, found in one string of them all ("\x00" cannot stand
    # in the text: the parser removed it); counted from one to the next, so the scan is linear
    joined = "\x00".join(chunks[1::2])
    fix: list[int] = []
    sep = 0  # the separator that ``pos`` is in
    pos = 0
    k = joined.find("  ")
    while k >= 0:
        sep += joined.count("\x00", pos, k)
        fix.append(2 * sep + 1)
        pos = joined.find("\x00", k)
        if pos < 0:
            break
        pos += 1
        sep += 1
        k = joined.find("  ", pos)
    if not fix:
        return chunks
    out: list[str] = []
    done = 0  # chunks[:done] are in out
    for i in fix:
        out.extend(chunks[done:i])
        pieces = _PARA_SPLIT.split(chunks[i])
        if len(pieces) == 1:  # no blank line in it: the paragraphs on each side are one
            out[-1] += pieces[0] + chunks[i + 1]
        else:
            out[-1] += pieces[0]
            out.extend(pieces[1:-1])
            out.append(pieces[-1] + chunks[i + 1])
        done = i + 2
    out.extend(chunks[done:])
    return out


_WHOLE_NOTE = re.compile(r"\s*\[\[[^\]]*\]\]\s*$")


def _title_page(lines: list[str]) -> dict[str, str] | None:
    """The title page of a first paragraph, or None when it is not one."""
    page: dict[str, list[str]] = {}
    key = None
    for line in lines:
        if line[:1].isspace() and key is not None:
            value = line.strip()
            if value:
                page[key].append(value)
            continue
        m = _TITLE_KEY.match(line)
        if m is None:
            return None
        key = m.group(1).strip().lower()
        page.setdefault(key, [])
        value = m.group(2).strip()
        if value:
            page[key].append(value)
    # "Morning: the sun rises." opening a script is action, not a title page: at least one
    # key must be one the spec (or a common app) names, and something must have a value
    if not any(page.values()) or not _TITLE_KEYS.intersection(page):
        return None
    return {k: strip_emphasis("\n".join(v))[0] for k, v in page.items()}


class _Book:
    """Accumulates parts and scenes while the paragraph loop emits blocks."""

    __slots__ = (
        "path",
        "parts",
        "part",
        "scenes",
        "blocks",
        "heading",
        "heading_line",
        "number",
        "pending",
        "title",
        "part_line",
    )

    def __init__(self, path: str, title: str) -> None:
        self.path = path
        self.title = title
        self.parts: list[Part] = []
        self.part: tuple[int | None, str, str] = (None, title, "")
        self.part_line: int | None = None
        self.scenes: list[Scene] = []
        self.blocks: list[Block] = []
        self.heading: str | None = None
        self.heading_line: int | None = None
        self.number: str | None = None
        self.pending: list[Block] = []

    def close_scene(self) -> None:
        blocks = self.blocks
        heading = self.heading
        hl = self.heading_line
        if blocks:
            first = blocks[0].span.line
            last = blocks[-1]
            end = last.span.end_line
            if last.kind is _NOTE:  # notes follow the paragraph they sit in
                end = max(b.span.end_line for b in blocks[-8:])
            if hl is not None:
                if hl < first:
                    first = hl
                if hl > end:
                    end = hl
        elif hl is not None:
            first = end = hl
        else:
            return
        span = _span(self.path, first, end)
        if heading is not None:
            int_ext, location, time_of_day = heading_parts(heading)
            scene = Scene(heading, span, blocks, self.number, int_ext, location, time_of_day, hl)
        else:
            scene = Scene(heading, span, blocks, self.number)
        self.scenes.append(scene)

    def open_scene(self, heading: str, line: int, number: str | None) -> list[Block]:
        self.close_scene()
        self.heading = heading
        self.heading_line = line
        self.number = number
        self.blocks = self.pending
        self.pending = []
        return self.blocks

    def close_part(self) -> None:
        if self.pending:
            self.blocks.extend(self.pending)
            self.pending = []
        self.close_scene()
        self.blocks = []
        self.heading = self.heading_line = self.number = None
        number, title, label = self.part
        if not self.scenes and number is None:
            return
        scenes = self.scenes
        first = self.part_line if self.part_line is not None else scenes[0].span.line
        end = max((s.span.end_line for s in scenes), default=first)
        self.parts.append(
            Part("episode", number, title, Span(self.path, first, end), scenes, label)
        )
        self.scenes = []

    def open_part(self, number: int, label: str, title: str, line: int) -> None:
        pending = self.pending
        self.pending = []
        if self.scenes or self.blocks or self.heading is not None or self.part[0] is not None:
            self.close_part()
        self.part = (number, title, label)
        self.part_line = line
        self.pending = pending


def parse(text: str, path: str) -> Story:
    """Parse Fountain ``text`` (read from ``path``) into a Story.

    Never raises on odd input: anything that is not another element is action. Line endings
    may be LF, CRLF or CR (mixed); a leading byte-order mark is ignored.

    The cyclic garbage collector is paused while the story is built: a long script is tens of
    thousands of small objects, none of them garbage, and the collector would walk them again
    and again as they are made. It runs as usual once the story is returned.
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path)
    finally:
        if gc_was_enabled:
            gc.enable()


def _parse(text: str, path: str) -> Story:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    clean = text
    all_dirty = False  # True when the clean text differs from the source outside boneyards
    if "\x00" in clean or "\ufeff" in clean:
        clean = clean.replace("\x00", "").replace("\ufeff", "")
        all_dirty = True

    # Boneyard: removed with the line breaks inside it, so the text before "/*" and after
    # "*/" join on one line (as every Fountain tool does). `gaps` remembers the source lines
    # that vanished (clean line c is source line c + bisect_right(gaps, c)); `touched` the
    # clean lines that lost text, whose source must be looked up rather than copied.
    gaps: list[int] = []
    touched: list[int] = []
    anchors: list[tuple[int, int]] = []  # only where clean is text up to here (not all_dirty)
    if "/*" in clean and "*/" in clean:
        clean = _remove_boneyard(clean, gaps, touched, None if all_dirty else anchors)

    lead = _LEADING_BLANKS.match(clean)
    first_line = 1
    if lead is not None and lead.end():
        first_line += lead.group().count("\n")
        clean = clean[lead.end() :]
    body = _strip_trailing_blank_lines(clean)
    chunks = _split_paragraphs(body) if body else []

    title_page: dict[str, str] = {}
    title_index = -1
    j = 0
    # spec: the title page comes first; a note before it (afterwriting's sample) is allowed
    while j < len(chunks) and not _without_notes(chunks[j]).strip():
        j += 2
    if j < len(chunks):
        first_lines = chunks[j].split("\n")
        # a note on its own line under the keys ("[[archival URL: ...]]") leaves a title page
        keys = [ln for ln in first_lines if not _WHOLE_NOTE.match(ln)]
        if keys and not _HEADING.match(first_lines[0]) and "[[" not in "\n".join(keys):
            tp = _title_page(keys)
            if tp is not None:
                title_page = tp
                title_index = j
    title = title_page.get("title", "").replace("\n", " ").strip() or PurePath(path).stem
    book = _Book(path, title)
    speakers: dict[str, set[str]] = {}
    source = _Source(text, all_dirty, gaps, touched, anchors)
    _paragraphs(chunks, title_index, first_line, source, book, speakers)
    book.close_part()
    if not book.parts:
        book.parts.append(Part("episode", None, title, Span(path, 1, text.count("\n") + 1), [], ""))
    characters: dict[str, Character] = {}
    for name, written in speakers.items():
        aliases = {w for w in written if w != name}
        characters[name] = Character(name, aliases)
    return Story(
        title=title,
        parts=book.parts,
        form="screenplay",
        language=detect_language(text),
        files=[path],
        title_page=title_page,
        characters=characters,
    ).reindex()


class _Source:
    """The source text, split into lines only where some paragraph's text was changed.

    A boneyard or a stray NUL changes a few paragraphs; their source lines are looked up
    here. The text is cut at line breaks into stretches of about :data:`_STRETCH` characters
    and only the stretches asked for are split, so a 4 MB script with one boneyard splits
    one stretch of a hundred lines, not its 150,000 lines.

    A paragraph that only a boneyard changed holds the line where that boneyard starts, whose
    offset :func:`_remove_boneyard` noted (``anchors``, by line): its lines are found from
    there with a few ``find`` calls, and the text is neither counted nor cut again (the bench
    script, a boneyard every 50 KB, cut and split nearly whole: 2% of its parse).
    """

    __slots__ = (
        "text",
        "all_dirty",
        "gaps",
        "touched",
        "_anchor_lines",
        "_anchor_offsets",
        "_starts",
        "_first",
        "_split",
    )

    def __init__(
        self,
        text: str,
        all_dirty: bool,
        gaps: list[int],
        touched: list[int],
        anchors: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.all_dirty = all_dirty
        self.gaps = gaps
        self.touched = touched
        self._anchor_lines = [a[0] for a in anchors or ()]  # ascending: found in text order
        self._anchor_offsets = [a[1] for a in anchors or ()]
        self._starts: list[int] = []  # where each stretch starts in the text
        self._first: list[int] = []  # the 1-based line each stretch starts with
        self._split: dict[int, list[str]] = {}

    def lines(self, L: int, E: int) -> str:
        """Source lines L..E (1-based, inclusive) joined with newlines."""
        i = bisect_right(self._anchor_lines, E) - 1
        if i >= 0 and self._anchor_lines[i] >= L:  # a boneyard starts on one of these lines
            text = self.text
            a = self._anchor_lines[i]
            start = self._anchor_offsets[i]
            for _ in range(a - L):  # back to the start of line L
                start = text.rfind("\n", 0, start - 1) + 1
            end = start
            for _ in range(E - L + 1):  # on past the end of line E
                end = text.find("\n", end) + 1
                if not end:
                    return text[start:]
            return text[start : end - 1]
        return self._stretches(L, E)

    def _stretches(self, L: int, E: int) -> str:
        """Lines L..E out of the stretches that hold them (split on first use)."""
        first = self._first
        if not first:
            self._cut()
        i = max(bisect_right(first, L) - 1, 0)
        out: list[str] = []
        while i < len(first) and first[i] <= E:
            lines = self._split.get(i)
            if lines is None:
                lines = self._split[i] = self._stretch(i)
            out.extend(lines[max(L - first[i], 0) : E - first[i] + 1])
            i += 1
        return "\n".join(out)

    def _cut(self, size: int | None = None) -> None:
        text = self.text
        size = size or _STRETCH
        n = len(text)
        start, line = 0, 1
        while True:
            self._starts.append(start)
            self._first.append(line)
            k = text.find("\n", start + size)
            if k < 0 or k + 1 >= n:  # the last stretch keeps a final line break
                return
            line += text.count("\n", start, k + 1)
            start = k + 1

    def _stretch(self, i: int) -> list[str]:
        """The lines of stretch i, as ``text.split("\n")`` has them."""
        a = self._starts[i]
        if i + 1 == len(self._starts):
            return self.text[a:].split("\n")
        return self.text[a : self._starts[i + 1] - 1].split("\n")


#: The characters of the source text a stretch of :class:`_Source` holds, at least.
_STRETCH = 1 << 12


def _strip_trailing_blank_lines(body: str) -> str:
    end = len(body)  # cut once at the end: slicing at every blank line would be quadratic
    while end > 0:
        k = body.rfind("\n", 0, end)
        if not _BLANK_LINE_ONLY.fullmatch(body, k + 1, end):
            break
        end = max(k, 0)
    return body[:end] if end < len(body) else body


def _paragraphs(
    chunks: list[str],
    title_index: int,
    lc: int,
    source: _Source,
    book: _Book,
    speakers: dict[str, set[str]],
) -> None:
    """The paragraph loop. The two commonest shapes (one-line action, plain dialogue) are
    handled inline here; everything else goes through :func:`_single` / :func:`_multi`.

    ``chunks`` alternates paragraph and separator (newlines and blank lines); ``lc`` is the
    clean line number of the first paragraph.
    """
    path = book.path
    cue_cache: dict[str, tuple[str, str, str | None, bool] | None] = {}
    gaps = source.gaps
    touched = source.touched
    all_dirty = source.all_dirty
    n_gaps = len(gaps)
    n_touched = len(touched)
    gi = ti = 0
    # Between boneyards every paragraph sits `shift` lines lower in the source than in the
    # clean text; only a paragraph reaching the next touched line needs the careful path.
    shift = 0
    no_event = 1 << 62
    next_event = touched[0] if touched else no_event
    chunks.append("")  # every paragraph now has a separator after it
    # The line breaks of each separator: a separator of line breaks only (nearly all) has as
    # many as its length, found without str.count's argument parsing. A paragraph's own are
    # counted in the loop, only when it has one (most are one line).
    seps = chunks[1::2]
    sep_lines = list(map(len, seps))
    # the others (holding spaces or tabs, a few in a script) found in one string of all the
    # separators ("\x00" cannot stand in the text: the parser removed it) and counted again
    joined = "\x00".join(seps)
    if joined.count("\n") + len(seps) - 1 != len(joined):
        # each other character there (a space, a tab, ...) looked for with str.find, from one
        # separator to the next, so the scan is linear
        for c in set(joined.replace("\n", "").replace("\x00", "")):
            i = pos = 0  # the separator that ``pos`` is in
            k = joined.find(c)
            while k >= 0:
                i += joined.count("\x00", pos, k)
                sep_lines[i] = seps[i].count("\n")
                pos = joined.find("\x00", k)
                if pos < 0:
                    break
                pos += 1
                i += 1
                k = joined.find(c, pos)
    if title_index >= 0:
        # the title page: skipped below, its lines counted with the separator after it
        sep_lines[title_index // 2] += chunks[title_index].count("\n")
        chunks[title_index] = ""
    blocks = book.blocks
    pending = book.pending
    action = _ACTION
    dialogue = _DIALOGUE
    transition = _TRANSITION
    special = _SPECIAL_START
    heading_re = _HEADING.match
    # Span is a frozen dataclass whose __init__ pays for object.__setattr__ three times;
    # filling its slots directly makes the same immutable value at two thirds of the cost.
    new_span = Span.__new__
    set_file = _SPAN_FILE
    set_line = _SPAN_LINE
    set_end = _SPAN_END
    new_block = Block.__new__
    nos: list[int] | None
    kind: BlockKind | None
    text: str
    speaker: str | None
    written: str | None
    extension: str | None
    parenthetical: str | None
    nxt = lc  # the clean line where the next paragraph starts
    for para, sep in zip(chunks[0::2], sep_lines, strict=False):  # (no separators: no text)
        lc = nxt  # this paragraph's clean lines are lc..ec
        if "\n" in para:  # its lines, split once: counted here, read by the fast paths
            lines = para.split("\n")
            ec = lc + len(lines) - 1
        else:
            ec = lc
        nxt = ec + sep
        if not para:
            continue
        if ec < next_event:
            L = lc + shift
            E = ec + shift
            nos = None
            raw = source.lines(L, E) if all_dirty else para
        else:
            while gi < n_gaps and gaps[gi] <= lc:
                gi += 1
            L = lc + gi
            nos = None
            if gi < n_gaps and gaps[gi] <= ec:  # a boneyard swallowed lines inside
                nos = [c + bisect_right(gaps, c) for c in range(lc, ec + 1)]
            # lines swallowed by a boneyard that starts on the last line belong to it
            gi = bisect_right(gaps, ec + 1, gi)
            E = ec + gi
            shift = gi
            while ti < n_touched and touched[ti] < lc:
                ti += 1
            dirty = all_dirty or (ti < n_touched and touched[ti] <= ec)
            while ti < n_touched and touched[ti] <= ec:
                ti += 1
            next_event = touched[ti] if ti < n_touched else no_event
            raw = source.lines(L, E) if dirty else para

        # (a one-character search first: memchr, where "[[" is a slower two-character scan)
        if "[" in para and "[[" in para and "]]" in para:
            para, nos, notes = _lift_notes(para, nos, L, raw, book)
            if para.strip():
                if nos is not None and nos[0] != L:
                    raw = _sub(raw, L, nos[0], E)
                    L = nos[0]
                # notes on lines before the text go first, the others after it
                _add_notes([n for n in notes if n.span.line < L], book)
                notes = [n for n in notes if n.span.line >= L]
                if "\n" not in para:
                    _single(para, L, E, raw, book)
                else:
                    _multi_or_dialogue(para, nos, L, E, raw, book, speakers, cue_cache)
            _add_notes(notes, book)
            blocks = book.blocks
            pending = book.pending
            continue

        if ec == lc:
            c0 = para[:1]
            if c0 in "IiEe" and heading_re(para):
                blocks = _heading(para.strip(), L, book)
                pending = book.pending
                continue
            # after a section or synopsis (pending) the fast path reads what _single would,
            # as long as no whitespace but spaces and tabs stands at either end
            if c0 in special or (pending and (c0.isspace() or para[-1].isspace())):
                _single(para, L, E, raw, book)
                blocks = book.blocks
                pending = book.pending
                continue
            if para[-1] in " \t":
                para = para.rstrip()
            if "*" in para or "_" in para:
                _single(para, L, E, raw, book)
                blocks = book.blocks
                pending = book.pending
                continue
            if para[-1] == ":" and para.endswith("TO:") and para.isupper():
                kind = transition
            else:
                kind = action
            text = para
            speaker = written = extension = parenthetical = None
        else:
            nl = ec - lc
            first = lines[0]
            cue = cue_cache.get(first)
            if cue is None:
                if first in cue_cache or first.lstrip()[:1] in "!.~>=#":
                    cue = None
                else:
                    cue = cue_cache[first] = (
                        None if heading_re(first.lstrip()) else parse_cue(first)
                    )
                    if cue is not None:
                        speakers.setdefault(cue[0], set()).add(cue[1])
            kind = None
            if cue is None and nos is None and "*" not in para and "_" not in para:
                # action of several lines, as _multi reads a paragraph whose first line opens
                # no other element
                s = first.strip()
                c0 = s[:1]
                if c0 not in "!.~>=#" and not (c0 in "IiEe" and heading_re(s)):
                    if " \n" in para or ("\t" in para and "\t\n" in para) or para[-1] in " \t":
                        para = _TRAILING_WS.sub("", para)
                    kind = action
                    text = para
                    speaker = written = extension = parenthetical = None
            if kind is None:
                if cue is None or cue[3] or "*" in para or "_" in para:
                    _multi_or_dialogue(para, nos, L, E, raw, book, speakers, cue_cache)
                    blocks = book.blocks
                    pending = book.pending
                    continue
                # plain dialogue: cue, then speech with or without wrylies
                kind = dialogue
                speaker, written, extension = cue[0], cue[1], cue[2]
                parenthetical = None
                if nl == 1:
                    text = lines[1].strip()
                    if text[:1] == "(":
                        parenthetical = text
                        text = ""
                    elif text[:1] == "~":  # a sung line
                        text = text[1:].lstrip()
                else:
                    text, wrylies = _speech_and_wrylies(lines[1:])
                    if wrylies:
                        parenthetical = " ".join(wrylies)
        # the block of the fast paths: what ``Block(kind, text, span, raw, speaker, written,
        # extension, parenthetical)`` makes, its slots filled here (_BLOCK_SLOTS, in a test)
        # without a call of Block.__init__ per block
        span = new_span(Span)
        set_file(span, path)
        set_line(span, L)
        set_end(span, E)
        if pending:  # what _emit does: the pending sections go before the content
            blocks.extend(pending)
            pending.clear()
        b = new_block(Block)
        b.kind = kind
        b.text = text
        b.span = span
        b.raw = raw or text
        b.speaker = speaker
        b.cue = written
        b.extension = extension
        b.parenthetical = parenthetical
        b.dual = False
        b.emphasis = ()
        b.utterances = ()
        b.line_marks = None
        b._counts = None
        blocks.append(b)


def _add_notes(notes: list[Block], book: _Book) -> None:
    """Put notes among the current scene's blocks in source order (by first line)."""
    target = book.pending if book.pending else book.blocks
    for note in notes:
        i = len(target)
        while i > 0 and target[i - 1].span.line > note.span.line:
            i -= 1
        target.insert(i, note)


def _sub(raw: str, L: int, a: int, b: int) -> str:
    """Source lines a..b out of ``raw``, the source lines of a paragraph starting at L."""
    if a == L and b - a == raw.count("\n"):
        return raw
    return "\n".join(raw.split("\n")[a - L : b - L + 1])


def _emit(book: _Book, block: Block) -> None:
    """Add a content block to the current scene, after any pending section blocks."""
    if book.pending:
        book.blocks.extend(book.pending)
        book.pending.clear()
    book.blocks.append(block)


def _emit_structural(book: _Book, block: Block) -> None:
    """Sections (and what follows them up to content) belong to the next scene."""
    if book.pending or block.kind is _SECTION:
        book.pending.append(block)
    else:
        book.blocks.append(block)


def _speech_and_wrylies(lines: list[str]) -> tuple[str, list[str]]:
    """The lines under a cue split into speech (joined, ``~`` sung lines unmarked) and the
    parentheticals (a wryly may run over several lines)."""
    said: list[str] = []
    wrylies: list[str] = []
    in_paren = False
    for line in lines:
        st = line.strip()
        if in_paren or st[:1] == "(":
            wrylies.append(st)
            in_paren = not st.endswith(")")
        else:
            said.append(st[1:].lstrip() if st[:1] == "~" else st)  # "~": a sung line
    return "\n".join(said), wrylies


def _block(kind: BlockKind, text: str, L: int, E: int, raw: str, book: _Book) -> Block:
    """A block of lines L..E whose source is ``raw``; emphasis markers come out of ``text``.

    ``Block(kind, text, Span(book.path, L, E), raw)`` with the emphasis found, its slots
    filled directly as in :func:`_paragraphs`.
    """
    emphasis: Sequence[tuple[int, int, str]] = ()
    if "*" in text or "_" in text:
        text, emphasis = strip_emphasis(text)
    span = _new_span(Span)
    _SPAN_FILE(span, book.path)
    _SPAN_LINE(span, L)
    _SPAN_END(span, E)
    b = _new_block(Block)
    b.kind = kind
    b.text = text
    b.span = span
    b.raw = raw or text
    b.speaker = None
    b.cue = None
    b.extension = None
    b.parenthetical = None
    b.dual = False
    b.emphasis = emphasis
    b.utterances = ()
    b.line_marks = None
    b._counts = None
    return b


def _heading(s: str, L: int, book: _Book) -> list[Block]:
    """Start the scene a heading line opens; return its block list."""
    number = None
    if s[-1:] == "#":
        m = _SCENE_NUMBER.search(s)
        if m is not None:
            number = m.group(1)
            s = s[: m.start()]
    if "*" in s or "_" in s:
        s = strip_emphasis(s)[0]
    return book.open_scene(s.strip(), L, number)


def _section(s: str, L: int, raw: str, book: _Book) -> None:
    level = len(s) - len(s.lstrip("#"))
    text = s[level:].strip()
    block = _block(_SECTION, text, L, L, raw, book)
    ep = episode_of(block.text)
    if ep is not None:
        book.open_part(ep[0], ep[1], ep[2], L)
    _emit_structural(book, block)


def _single(para: str, L: int, E: int, raw: str, book: _Book) -> None:
    """Classify and emit a one-line paragraph."""
    s = para.strip()
    if not s:
        return
    c0 = s[:1]
    if c0 in "IiEe" and _HEADING.match(s):
        _heading(s, L, book)
    elif c0 == "." and s[1:2] != "." and len(s) > 1:
        _heading(s[1:].lstrip(), L, book)
    elif c0 == "!":
        _emit(book, _block(_ACTION, para.rstrip()[para.index("!") + 1 :], L, E, raw, book))
    elif c0 == ">":
        inner = _centered(s)
        if inner is not None:
            _emit(book, _block(_CENTERED, inner, L, E, raw, book))
        else:
            _emit(book, _block(_TRANSITION, s[1:].strip(), L, E, raw, book))
    elif c0 == "=":
        if _PAGE_BREAK_RE.match(s):
            _emit_structural(book, Block(_PAGE_BREAK, "", Span(book.path, L, E), raw))
        else:
            _emit_structural(book, _block(_SYNOPSIS, s[1:].strip(), L, E, raw, book))
    elif c0 == "#":
        _section(s, L, raw, book)
    elif c0 == "~":
        _emit(book, _block(_LYRIC, s[1:].lstrip(), L, E, raw, book))
    elif s.endswith("TO:") and s.isupper():
        _emit(book, _block(_TRANSITION, s, L, E, raw, book))
    else:
        text = para.rstrip()
        _emit(book, _block(_ACTION, text, L, E, raw, book))


def _dialogue(
    lines: list[str],
    cue: tuple[str, str, str | None, bool],
    L: int,
    E: int,
    raw: str,
    book: _Book,
    speakers: dict[str, set[str]],
) -> None:
    speaker, written, extension, dual = cue
    text, wrylies = _speech_and_wrylies(lines[1:])
    block = _block(_DIALOGUE, text, L, E, raw, book)
    block.speaker = speaker
    block.cue = written
    block.extension = extension
    if wrylies:
        block.parenthetical = strip_emphasis(" ".join(wrylies))[0]
    if dual:
        blocks = book.blocks
        j = len(blocks) - 1
        while j >= 0 and blocks[j].kind is _NOTE:
            j -= 1
        if j >= 0 and blocks[j].kind is _DIALOGUE and not book.pending:
            blocks[j].dual = True
            block.dual = True
    _emit(book, block)
    speakers.setdefault(speaker, set()).add(written)


def _multi_or_dialogue(
    para: str,
    nos: list[int] | None,
    L: int,
    E: int,
    raw: str,
    book: _Book,
    speakers: dict[str, set[str]],
    cue_cache: dict[str, tuple[str, str, str | None, bool] | None],
) -> None:
    """Classify and emit a paragraph of several lines; dialogue is the common case."""
    lines = para.split("\n")
    first = lines[0]
    c0 = first.lstrip()[:1]
    if c0 not in "!.~>=#" or c0 == "":
        cue = cue_cache.get(first)
        if cue is None and first not in cue_cache:
            cue = cue_cache[first] = None if _HEADING.match(first.lstrip()) else parse_cue(first)
        if cue is not None:
            _dialogue(lines, cue, L, E, raw, book, speakers)
            return
    _multi(lines, nos, L, E, raw, book, speakers, cue_cache)


def _multi(
    lines: list[str],
    nos: list[int] | None,
    L: int,
    E: int,
    raw: str,
    book: _Book,
    speakers: dict[str, set[str]],
    cue_cache: dict[str, tuple[str, str, str | None, bool] | None],
) -> None:
    """Classify and emit a paragraph of several lines that is not plain dialogue.

    After a heading or a transition the rest of the paragraph is a paragraph of its own. A
    step outline pasted without blank lines is a chain of hundreds of such lines; the loop
    walks it by offset (``lines[a:]`` is the paragraph still to read), with no recursion and
    no copy of the rest at each step.
    """
    L0 = L
    n_all = len(lines)
    raw_lines: list[str] = []

    def src(a: int, b: int) -> str:
        """Source lines a..b (1-based) of this paragraph."""
        if a == L0 and b == E:
            return raw
        if not raw_lines:
            raw_lines.extend(raw.split("\n"))
        return "\n".join(raw_lines[a - L0 : b - L0 + 1])

    def line_no(i: int) -> int:
        return nos[i] if nos is not None else L0 + i

    a = 0
    while True:
        La = line_no(a)
        first = lines[a]
        s = first.strip()
        c0 = s[:1] or " "  # a first line of spaces: the paragraph is action
        nxt = -1  # where the rest of the paragraph starts, when it is read on its own
        if c0 == "!":
            text = "\n".join(ln.rstrip() for ln in lines[a:])
            text = text[text.index("!") + 1 :]
            _emit(book, _block(_ACTION, text, La, E, src(La, E), book))
        elif (c0 in "IiEe" and _HEADING.match(s)) or (c0 == "." and s[1:2] != "." and len(s) > 1):
            # spec: a heading needs a blank line after it; real drafts often skip it, and
            # reading "INT. CAFE - DAY" as a character cue would be worse, so the rest is its
            # own paragraph.
            _heading(s if c0 != "." else s[1:].lstrip(), La, book)
            nxt = a + 1
        elif c0 == ">" and all(_centered(ln) is not None for ln in lines[a:]):
            text = "\n".join(_centered(ln) or "" for ln in lines[a:])
            _emit(book, _block(_CENTERED, text, La, E, src(La, E), book))
        elif c0 == ">" and _centered(first) is None:
            L1 = line_no(a + 1) - 1
            _emit(book, _block(_TRANSITION, s[1:].strip(), La, L1, src(La, L1), book))
            nxt = a + 1
        elif c0 == "~":
            text = "\n".join(
                ln.strip()[1:].lstrip() if ln.lstrip()[:1] == "~" else ln.strip()
                for ln in lines[a:]
            )
            _emit(book, _block(_LYRIC, text, La, E, src(La, E), book))
        elif c0 in "#=" or c0 == ">":  # ">" here: a centered first line
            # Sections and synopses, one block per line; anything else starts a new paragraph.
            k = a
            while k < n_all:
                sk = lines[k].strip()
                lk = line_no(k)
                ek = (line_no(k + 1) - 1) if k + 1 < n_all else E
                centered = _centered(sk) if sk[:1] == ">" else None
                if sk[:1] == "#":
                    _section(sk, lk, src(lk, lk), book)
                elif sk[:1] == "=" and _PAGE_BREAK_RE.match(sk):
                    _emit_structural(
                        book, Block(_PAGE_BREAK, "", Span(book.path, lk, ek), src(lk, ek))
                    )
                elif sk[:1] == "=":
                    _emit_structural(
                        book, _block(_SYNOPSIS, sk[1:].strip(), lk, ek, src(lk, ek), book)
                    )
                elif centered is not None:
                    _emit(book, _block(_CENTERED, centered, lk, ek, src(lk, ek), book))
                elif k == a:
                    _emit(book, _block(_ACTION, "\n".join(lines[a:]), La, E, src(La, E), book))
                    break
                else:
                    nxt = k
                    break
                k += 1
        else:
            text = "\n".join(lines[a:])
            if " \n" in text or ("\t" in text and "\t\n" in text) or text[-1:] in " \t":
                text = _TRAILING_WS.sub("", text)
            _emit(book, _block(_ACTION, text, La, E, src(La, E), book))
        if nxt < 0 or nxt >= n_all:
            return
        # the rest, lines[nxt:], as a paragraph of its own
        a = nxt
        La = line_no(a)
        if a == n_all - 1:
            _single(lines[a], La, E, src(La, E), book)
            return
        first = lines[a]
        cue = parse_cue(first) if not _HEADING.match(first.lstrip()) else None
        if cue is not None and first.lstrip()[:1] not in "!.~>=#":
            _dialogue(lines[a:], cue, La, E, src(La, E), book, speakers)
            return


def _lift_notes(
    para: str, nos: list[int] | None, L: int, raw: str, book: _Book
) -> tuple[str, list[int] | None, list[Block]]:
    """The paragraph without its notes, its line numbers, and the notes as NOTE blocks.

    A line that held only a note disappears (it does not become a blank line); a note that
    spans lines joins the text before and after it, as if it had never been there.
    """
    phys = para.split("\n")
    numbers = nos if nos is not None else list(range(L, L + len(phys)))
    raw_lines = raw.split("\n")
    notes: list[Block] = []
    note_newlines: list[int] = []
    pieces: list[str] = []
    pos = 0
    before = 0  # line breaks before ``pos``, counted as the scan goes (one pass)
    for a, b in _notes(para):
        pieces.append(para[pos:a])
        before += para.count("\n", pos, a)
        inside = para.count("\n", a, b)
        nl, ne = numbers[before], numbers[before + inside]
        notes.append(
            Block(
                _NOTE,
                para[a + 2 : b - 2].strip(),
                _span(book.path, nl, ne),
                "\n".join(raw_lines[nl - L : ne - L + 1]),
            )
        )
        note_newlines.append(inside)
        pieces.append("\x00")
        before += inside
        pos = b
    pieces.append(para[pos:])
    marked = "".join(pieces)
    out_lines: list[str] = []
    out_nos: list[int] = []
    j = 0  # index into physical lines
    k = 0  # index into notes
    for ml in marked.split("\n"):
        count = ml.count("\x00")
        span = 1 + sum(note_newlines[k : k + count])
        k += count
        if count and not ml.replace("\x00", "").strip():
            j += span
            continue
        out_lines.append(ml.replace("\x00", "") if count else ml)
        out_nos.append(numbers[j])
        j += span
    return "\n".join(out_lines), (out_nos or None), notes
