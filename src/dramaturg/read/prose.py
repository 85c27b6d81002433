"""Prose manuscripts (.txt, .md, .docx, .epub) as chapters, scenes and paragraphs.

A novel becomes ``Story(form="prose")`` with one :class:`~dramaturg.story.Part` per chapter
(``kind="chapter"``, ``number`` as printed, roman numerals converted, restarting per volume
where the book restarts them; ``volume`` from the last ``VOLUME``/``BOOK``/``PART`` heading),
scenes split at scene breaks (``***``, ``* * *``, ``#``, ``~``) and one ``PARAGRAPH`` block per
paragraph. Not story, and so left out: the Project Gutenberg header and footer, front matter
before the first chapter (title page, credits, table of contents), ``[Illustration]`` markers
(kept as uncounted ``NOTE`` blocks, like editorial notes in brackets).

Each block keeps its exact source: ``raw`` is the source lines joined with ``\\n`` and
``span`` their first and last line; ``text`` has each line trimmed and ``_emphasis_`` markers
removed (their places recorded in ``emphasis``). Quoted speech and who speaks it is found by
:mod:`dramaturg.read.prose_speech`.

.docx and .epub have no lines: there a block's line is its paragraph's position in the
document (1-based), counted over the whole book; see :mod:`dramaturg.read.docx` and
:mod:`dramaturg.read.epub`.

>>> story = parse("CHAPTER I\\n\\nIt was _very_ late.\\n\\n* * *\\n\\nMorning came.\\n", "n.txt")
>>> part = story.parts[0]
>>> (part.label, part.number, len(part.scenes), part.scenes[0].blocks[0].text)
('CHAPTER I', 1, 2, 'It was very late.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath

from dramaturg.read.prose_cast import salutation
from dramaturg.read.prose_speech import attribute
from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story
from dramaturg.text.language import SAMPLE, detect_language
from dramaturg.text.lexicon import load_lexicon, word_list

FORMAT = "prose"
EXTENSIONS = (".txt", ".md", ".markdown")

__all__ = ["EXTENSIONS", "FORMAT", "Unit", "build_story", "parse", "sniff"]


# ---------------------------------------------------------------------------- language data


@cache
def _number_words() -> dict[str, int]:
    return {w.casefold(): int(v) for w, v in word_list("number_words.txt")}


@cache
def _heading_words() -> dict[str, str]:
    """Heading word (case-folded) -> ``chapter`` / ``volume`` / ``single``."""
    return {w.casefold(): kind for kind, w in word_list("headings.txt")}


# ---------------------------------------------------------------------------- units


@dataclass(slots=True)
class Unit:
    """One paragraph-sized piece of the source, before the structure is known.

    Plain text fills ``lines`` (raw source lines); .docx/.epub give ``text`` and ``emphasis``
    directly and put the paragraph text in ``lines`` as its one "line". ``level`` is a heading
    level given by markup (markdown ``#``, a docx Heading style, an XHTML ``<h2>``).
    """

    lines: list[str]
    line: int
    end_line: int
    level: int | None = None
    text: str | None = None
    emphasis: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)

    @property
    def first(self) -> str:
        return self.lines[0].strip() if self.lines else ""


def _split_lines(text: str) -> list[str]:
    # Only CR/LF count as line ends: str.splitlines() also splits at form feeds and U+2028,
    # which would put our line numbers out of step with every editor.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


_GUTENBERG_START = re.compile(
    r"^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG|^\s*\*END\*THE SMALL PRINT", re.I
)
_GUTENBERG_END = re.compile(
    r"^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG|^\s*End of (?:the )?Project Gutenberg"
    r"|^\s*End of Project Gutenberg's",
    re.I,
)
_META = re.compile(r"^\s*(Title|Author)\s*:\s*(\S.*?)\s*$")


def _gutenberg_bounds(lines: list[str]) -> tuple[int, int, dict[str, str], bool]:
    """Body line range ``[start, end)`` without the Gutenberg header/footer, and its metadata."""
    meta: dict[str, str] = {}
    start, end, found = 0, len(lines), False
    # The header is short; the footer's license runs to ~350 lines, so search from the end.
    for i, line in enumerate(lines[:1000]):
        if _GUTENBERG_START.match(line):
            start, found = i + 1, True
            break
        m = _META.match(line)
        if m and m.group(1).casefold() not in meta:
            meta[m.group(1).casefold()] = m.group(2)
    if not found:
        meta = {}
    for i in range(len(lines) - 1, max(start, len(lines) - 3000) - 1, -1):
        if _GUTENBERG_END.match(lines[i]):
            end, found = i, True
    return start, end, meta, found


# linear: the closing #s are taken off in Python (a lazy group before "\s*#*\s*$" backtracks
# over a long run of spaces in cubic time)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(\S.*)$")


def _md_heading_text(line: str) -> str:
    """A markdown heading's text, its closing #s and spaces taken off; other lines as they are."""
    m = _MD_HEADING.match(line)
    if m is None:
        return line
    text = m.group(2).rstrip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1].isspace()):
        text = bare.rstrip()
    return text or m.group(2)


_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")


def text_units(lines: list[str], start: int, end: int, *, markdown: bool) -> list[Unit]:
    """Group source lines into paragraph units (blank-line separated).

    A group holding a line over 100 characters is soft-wrapped (one paragraph a line, as in
    most Korean files and word-processor exports); a document with almost no blank lines
    starts a paragraph at every indented line. A ``[`` group runs to its closing ``]`` even
    across blank lines, so a multi-paragraph ``[Illustration: ...]`` stays one unit.
    """
    nonblank = sum(1 for i in range(start, end) if lines[i].strip())
    blank = (end - start) - nonblank
    sparse_blanks = nonblank > 20 and blank * 10 < nonblank
    groups: list[tuple[int, int]] = []  # [first, last] 0-based, inclusive
    i = start
    while i < end:
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j + 1 < end and lines[j + 1].strip():
            if markdown and _MD_HEADING.match(lines[j + 1]):
                break
            if markdown and _MD_HEADING.match(lines[j]):
                break
            j += 1
        if lines[i].lstrip().startswith("[") and "]" not in "".join(lines[i : j + 1]):
            k = j + 1
            while k < end and k - j < 60:
                if "]" in lines[k]:
                    j = k
                    while j + 1 < end and lines[j + 1].strip():
                        j += 1
                    break
                k += 1
        groups.append((i, j))
        i = j + 1
    units: list[Unit] = []
    for a, b in groups:
        for x, y in _split_group(lines, a, b, sparse_blanks):
            units.append(_make_unit(lines, x, y, markdown))
    return units


def _split_group(lines: list[str], a: int, b: int, sparse_blanks: bool) -> list[tuple[int, int]]:
    if a == b:
        return [(a, b)]
    if lines[a].lstrip().startswith("["):
        return [(a, b)]
    if any(len(lines[k]) > 100 for k in range(a, b + 1)):
        return [(k, k) for k in range(a, b + 1)]
    if sparse_blanks:
        out: list[tuple[int, int]] = []
        s = a
        for k in range(a + 1, b + 1):
            if lines[k][:1] in (" ", "\t", "\u3000") and lines[k - 1][:1] not in (" ", "\t"):
                out.append((s, k - 1))
                s = k
        out.append((s, b))
        return out
    return [(a, b)]


def _make_unit(lines: list[str], a: int, b: int, markdown: bool) -> Unit:
    unit = Unit(lines[a : b + 1], a + 1, b + 1)
    if markdown:
        m = _MD_HEADING.match(lines[a])
        if m and a == b:
            unit.level = len(m.group(1))
        elif b == a + 1 and _SETEXT.match(lines[b]) and lines[a].strip():
            unit.level = 1 if lines[b].strip()[0] == "=" else 2
    return unit


# ---------------------------------------------------------------------------- headings


@dataclass(slots=True)
class Heading:
    """A structural heading: ``kind`` is ``chapter``, ``volume`` or ``single``."""

    kind: str
    number: int | None
    label: str
    title: str = ""


_ROMAN = re.compile(r"^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(s: str) -> int | None:
    """``"XLIV"`` -> 44; None if ``s`` is not a well-formed roman numeral."""
    s = s.upper()
    if not s or not _ROMAN.match(s):
        return None
    total = 0
    for ch, nxt in zip(s, s[1:] + " ", strict=True):
        v = _ROMAN_VALUES[ch]
        total += -v if nxt != " " and _ROMAN_VALUES[nxt] > v else v
    return total


def _number(token: str) -> int | None:
    t = token.strip().casefold()
    if t.startswith("the "):
        t = t[4:].strip()
    if t.isdigit():
        return int(t)
    r = roman_to_int(t)
    if r is not None:
        return r
    words = _number_words()
    parts = re.split(r"[\s-]+", t)
    if parts and all(p in words for p in parts):
        return sum(words[p] for p in parts)
    return None


_HEADING = re.compile(
    r"^(?P<kw>[A-Za-z]+)\.?\s+(?P<num>(?:the\s+)?[A-Za-z]+(?:-[A-Za-z]+)?|\d{1,4})"
    r"(?P<rest>.*)$",
    re.I,
)
_SINGLE = re.compile(r"^(?P<kw>[A-Za-z]+)(?P<rest>.*)$")
_SEPARATOR = re.compile(r"^\s*[.:\-\u2013\u2014,]+\s*")
_DECORATION = " \t_*\u00b7[]"
_ILLUSTRATION = re.compile(r"^\[?\s*Illustration\s*:?", re.I)


def _strip_decoration(s: str) -> str:
    s = s.strip().strip(_DECORATION).strip()
    return _ILLUSTRATION.sub("", s).strip().strip(_DECORATION).strip()


def match_heading(line: str) -> Heading | None:
    """A chapter/volume heading on one line, as printed; None for anything else.

    >>> match_heading("CHAPTER XLIV.")
    Heading(kind='chapter', number=44, label='CHAPTER XLIV.', title='')
    >>> match_heading("Chapter 3: The Letter").title
    'The Letter'
    >>> match_heading("Chapter I had read before.") is None
    True
    """
    s = _strip_decoration(line)
    if not s or len(s) > 80:
        return None
    words = _heading_words()
    m = _HEADING.match(s)
    if m and words.get(m.group("kw").casefold()) in ("chapter", "volume"):
        num = _number(m.group("num"))
        rest = m.group("rest")
        if num is not None:
            title = _heading_title(rest, allow_bare=True)
            if title is not None:
                return Heading(words[m.group("kw").casefold()], num, s.rstrip("]").strip(), title)
    m = _SINGLE.match(s)
    if m and words.get(m.group("kw").casefold()) == "single":
        title = _heading_title(m.group("rest"), allow_bare=False)
        if title is not None:
            return Heading("single", None, s, title)
    return None


def _heading_title(rest: str, *, allow_bare: bool) -> str | None:
    """The title after a heading's number, "" if none, None if ``rest`` reads as a sentence."""
    if not rest.strip(" .:]_*"):
        return ""
    sep = _SEPARATOR.match(rest)
    if sep:
        title = rest[sep.end() :].strip(_DECORATION + ".")
        return title if title and not title[0].islower() else None
    if allow_bare and rest[:1].isspace():
        title = rest.strip(_DECORATION + ".")
        if title and title[0].isupper() and len(title.split()) <= 8:
            return title
    return None


_BREAK = re.compile(r"^\s*+(?:(?:[*~#\u2042\u2022\u00b7]\s*+)++|-{3,}+|_{3,}+|(?:-\s++){2,}+-)\s*$")
_END_MARK = re.compile(r"^\s*(?:THE END|FINIS|The End|Finis)\.?\s*$")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s*$")
_TOC = re.compile(r"^\s*(?:table of )?contents\.?\s*$", re.I)
_CREDITS = re.compile(
    r"^(?:produced by|special thanks|transcribed|e-?text|this e-?book|updated|release date|"
    r"prepared by|scanned|proofread|contents|copyright|all rights reserved|_?first published|\[|by\s)",
    re.I,
)


# ---------------------------------------------------------------------------- emphasis


# Emphasis is what these patterns (DOTALL) match, leftmost first:
#   text:     (?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])
#   markdown: (\*\*|__)(?=\S)(.+?)(?<=\S)\1  |  the same with one *  |  the text one
# but run as patterns they are quadratic: from every opener with no closer after it the lazy
# group runs to the end of the text (a paragraph of 16,000 " _a": 11 s). A closer does not
# depend on its opener, so each kind is found in one pass: its next opener, then its first
# closer far enough after it; once an opener has none, no later opener of that kind can.
# (kind, opener, closer, delimiter length, bold)
_EMPH_KINDS_TEXT = (
    (re.compile(r"(?<![\w_])_(?=[^\s_])"), re.compile(r"(?<=[^\s_])_(?![\w_])"), 1, False),
)
_EMPH_KINDS_MD = (
    (re.compile(r"\*\*(?=\S)"), re.compile(r"(?<=\S)(?=\*\*)"), 2, True),
    (re.compile(r"__(?=\S)"), re.compile(r"(?<=\S)(?=__)"), 2, True),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])"), re.compile(r"(?<=[^\s*])\*(?![\w*])"), 1, False),
    _EMPH_KINDS_TEXT[0],
)


def _emphasis(text: str, markdown: bool) -> list[tuple[int, int, int, int, bool]]:
    """(start, end, inner start, inner end, bold) of each emphasis in ``text``, as the
    patterns above find them with ``finditer``, in linear time."""
    kinds = _EMPH_KINDS_MD if markdown else _EMPH_KINDS_TEXT
    closers = [[m.start() for m in close.finditer(text)] for _, close, _, _ in kinds]
    cursor = [0] * len(kinds)  # index of the first closer not yet behind us
    opener = [-1] * len(kinds)  # the next opener of each kind (-1: not searched yet)
    alive = list(range(len(kinds)))
    out: list[tuple[int, int, int, int, bool]] = []
    pos = 0
    while alive:
        best: tuple[int, int, int] | None = None
        for k in list(alive):
            at = opener[k]
            if at < pos:
                m = kinds[k][0].search(text, pos)
                if m is None:  # no opener of this kind left
                    alive.remove(k)
                    continue
                at = opener[k] = m.start()
            width = kinds[k][2]
            found = closers[k]
            c = cursor[k]
            while c < len(found) and found[c] < at + width + 1:
                c += 1
            cursor[k] = c
            if c == len(found):  # no closer after this opener, nor after any later one
                alive.remove(k)
                continue
            if best is None or at < best[0]:  # ties: the earlier kind, as in the alternation
                best = (at, k, found[c])
        if best is None:
            break
        at, k, close = best
        width, bold = kinds[k][2], kinds[k][3]
        out.append((at, close + width, at + width, close, bold))
        pos = close + width
    return out


def clean_text(raw: str, *, markdown: bool = False) -> tuple[str, list[tuple[int, int, str]]]:
    """Trim each line and remove emphasis markers; return the text and its emphasis spans.

    >>> clean_text("  It was _very_ late.\\n  _Was_ it?")
    ('It was very late.\\nWas it?', [(7, 11, 'italic'), (18, 21, 'italic')])
    """
    text = "\n".join(line.strip() for line in raw.split("\n"))
    if "_" not in text and (not markdown or "*" not in text):
        return text, []
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for start, end, a, b, bold in _emphasis(text, markdown):
        out.append(text[pos:start])
        length += start - pos
        spans.append((length, length + b - a, "bold" if bold else "italic"))
        out.append(text[a:b])
        length += b - a
        pos = end
    out.append(text[pos:])
    return "".join(out), spans


# ---------------------------------------------------------------------------- structure


@dataclass(slots=True)
class _Item:
    kind: str  # chapter, volume, single, break, note, toc, para, title, subheading
    unit: Unit
    heading: Heading | None = None
    # a heading that names who writes what follows ("THE STORY CONTINUED BY MARIAN
    # HALCOMBE"): the writer's name, "" when the heading names no one ("THE NARRATIVE OF
    # THE DOCTOR"), None for every other item
    writer: str | None = None


def _classify(unit: Unit, markdown_levels: dict[int, str] | None) -> _Item:
    first = unit.first
    if unit.level is not None and markdown_levels is not None:
        role = markdown_levels.get(unit.level, "subheading")
        label_text = unit.text if unit.text is not None else first
        bare = _md_heading_text(label_text) if unit.text is None else label_text
        if unit.text is None and len(unit.lines) == 2:  # setext
            bare = unit.lines[0].strip()
        h = match_heading(bare)
        if role == "title":
            return _Item("title", unit, Heading("title", None, label_text.strip(), bare))
        if role == "volume":
            return _Item(
                "volume", unit, Heading("volume", h.number if h else None, label_text.strip(), bare)
            )
        if role == "part":
            if h is None:
                h = Heading("chapter", None, label_text.strip(), bare)
            else:
                h = Heading(
                    "chapter" if h.kind != "volume" else "chapter",
                    h.number,
                    label_text.strip(),
                    h.title,
                )
            return _Item("chapter", unit, h)
        return _Item("subheading", unit, Heading("subheading", None, bare, bare))
    if first.startswith("[") or unit.raw.lstrip().startswith("["):
        if _ILLUSTRATION.match(first):
            for line in unit.lines:
                h = match_heading(line)
                if h is not None:
                    return _Item(h.kind, unit, h)
        if unit.raw.rstrip().endswith("]"):
            return _Item("note", unit)
    if len(unit.lines) == 1 or unit.text is not None:
        if _BREAK.match(first):
            return _Item("break", unit)
        if _END_MARK.match(first):
            return _Item("note", unit)
    h = match_heading(first)
    if h is not None:
        if len(unit.lines) > 1 and sum(1 for ln in unit.lines if match_heading(ln)) >= 2:
            return _Item("toc", unit)
        return _Item(h.kind, unit, h)
    if _TOC.match(first):
        return _Item("toc", unit)
    return _Item("para", unit)


def _markdown_roles(units: list[Unit]) -> dict[int, str]:
    """Which markdown heading level holds the title, volumes and parts (chapters)."""
    levels = [u.level for u in units if u.level is not None]
    if not levels:
        return {}
    roles: dict[int, str] = {}
    only = units[0]
    only_text = _md_heading_text(only.first) if only.text is None else only.first
    if len(levels) == 1 and only.level is not None and match_heading(only_text) is None:
        # one heading, at the top: the manuscript's title, not a chapter
        return {levels[0]: "title"}
    chapter_levels = sorted(
        {
            u.level
            for u in units
            if u.level is not None
            and (h := match_heading(_md_heading_text(u.first) if u.text is None else u.first))
            and h.kind in ("chapter", "single")
        }
    )
    distinct = sorted(set(levels))
    if chapter_levels:
        part_level = chapter_levels[0]
    else:
        part_level = distinct[0]
        if levels.count(part_level) == 1 and levels[0] == part_level and len(distinct) > 1:
            roles[part_level] = "title"
            part_level = distinct[1]
    for lv in distinct:
        if lv < part_level and lv not in roles:
            roles[lv] = "title" if levels.count(lv) == 1 and levels[0] == lv else "volume"
    roles[part_level] = "part"
    return roles


def _split_title_lines(item: _Item) -> tuple[_Item, Unit | None]:
    """A heading unit with more lines: short lines are its title, longer ones a paragraph."""
    unit = item.unit
    if len(unit.lines) == 1 or unit.text is not None or item.heading is None:
        return item, None
    if _ILLUSTRATION.match(unit.first):
        return item, None
    rest = unit.lines[1:]
    if len(rest) <= 2 and all(len(ln.strip()) <= 60 for ln in rest):
        if not item.heading.title:
            item.heading.title = " ".join(_strip_decoration(ln) for ln in rest).strip()
        return item, None
    head = Unit(unit.lines[:1], unit.line, unit.line)
    body = Unit(unit.lines[1:], unit.line + 1, unit.end_line)
    return _Item(item.kind, head, item.heading), body


def _looks_like_title(unit: Unit) -> bool:
    if len(unit.lines) != 1:
        return False
    s = _strip_decoration(unit.first)
    # Hangul has no case: only a lower-case start rules a line out
    if not s or len(s) > 60 or s[0].islower() or not s[0].isalpha() or any(q in s for q in '"“”'):
        return False
    if s.isupper():
        return True
    return s[-1] not in ".,;:!?’'"


def _smart_title(s: str) -> str:
    """``SENSE AND SENSIBILITY`` -> ``Sense and Sensibility``; mixed case is left alone."""
    s = _strip_decoration(s)
    if not s.isupper():
        return s
    small = {"a", "an", "and", "the", "of", "or", "in", "on", "to", "for", "at", "by", "with"}
    words = s.casefold().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


# a subtitle that names only the book's genre ("A NOVEL,", "A Romance")
_GENRE = re.compile(
    r"(?:an?\s+)?(?:novel|romance|tale|story|comedy|tragedy|drama|play|sketch|poem|memoir)"
    r"[.,;:]?\s*$",
    re.IGNORECASE,
)


def _front_matter(items: list[_Item], meta: dict[str, str]) -> dict[str, str]:
    """Title and author from the units before the first chapter."""
    out: dict[str, str] = {}
    if "title" in meta:
        out["title"] = meta["title"]
    if "author" in meta:
        out["author"] = meta["author"]
    for k, it in enumerate(items):
        if it.kind == "title" and it.heading:
            out.setdefault("title", _smart_title(it.heading.title))
            continue
        if it.kind != "para" or len(it.unit.lines) > 2:
            continue
        first = it.unit.first.strip()
        low = first.casefold()
        if len(it.unit.lines) == 2 and low != "by":
            continue
        alone = low == "by" and (
            len(it.unit.lines) == 2 or (k + 1 < len(items) and items[k + 1].kind == "para")
        )
        if (low.startswith("by ") or alone) and k > 0 and "author" not in out:
            # "by Jane Doe", or "By" on its own line above the name
            if alone:
                name = it.unit.lines[1] if len(it.unit.lines) == 2 else items[k + 1].unit.first
                out["author"] = name.strip()
            else:
                out["author"] = first[3:].strip()
            # the title above it, set on up to three lines ("Molly" / "Make-Believe")
            lines: list[str] = []
            j = k - 1
            while j >= 0 and len(lines) < 3:
                prev = items[j]
                if prev.kind == "break":
                    j -= 1  # a rule of stars ("* * * * *") between the title and "BY"
                    continue
                if prev.kind != "para" or not 1 <= len(prev.unit.lines) <= 3:
                    break
                rows = [Unit([ln], prev.unit.line, prev.unit.line) for ln in prev.unit.lines]
                if not all(_looks_like_title(r) for r in rows) or _CREDITS.match(prev.unit.first):
                    break
                if len(rows) == 1 and _GENRE.match(_strip_decoration(prev.unit.first)):
                    j -= 1  # "A NOVEL," under the title is its genre, not its name
                    continue
                lines[:0] = [_smart_title(r.first) for r in rows]
                j -= 1
            if lines:
                out.setdefault("title", " ".join(lines).rstrip(".,;: "))
    for it in items:
        if "title" in out:
            break
        if (
            it.kind == "para"
            and _looks_like_title(it.unit)
            and not _CREDITS.match(it.unit.first)
            and not _GENRE.match(_strip_decoration(it.unit.first))
        ):
            out["title"] = _smart_title(it.unit.first)
    return out


def _block(unit: Unit, path: str, markdown: bool, kind: BlockKind) -> Block:
    raw = unit.raw
    if unit.text is not None:
        text, emphasis = unit.text, list(unit.emphasis)
    else:
        text, emphasis = clean_text(raw, markdown=markdown)
    return Block(kind, text, Span(path, unit.line, unit.end_line), raw=raw, emphasis=emphasis)


def _words(unit: Unit) -> int:
    return len((unit.text if unit.text is not None else unit.raw).split())


def build_story(
    units: list[Unit],
    path: str,
    *,
    meta: dict[str, str] | None = None,
    markdown: bool = False,
    gutenberg: bool = False,
) -> Story:
    """Chapters, scenes and paragraph blocks from paragraph units (any source format)."""
    meta = meta or {}
    roles = _markdown_roles(units) if any(u.level is not None for u in units) else None
    items: list[_Item] = []
    for u in units:
        it = _classify(u, roles)
        if it.kind in ("chapter", "volume", "single") and it.unit.level is None:
            it, body = _split_title_lines(it)
            items.append(it)
            if body is not None:
                items.append(_Item("para", body))
        else:
            items.append(it)
    writers = _writer_headings(items)
    if not any(it.kind in ("chapter", "single") for it in items):
        _numeral_headings(items)
    if not any(it.kind in ("chapter", "single") for it in items):
        _letter_headings(items)
    if not any(it.kind in ("chapter", "single") for it in items):
        _volumes_as_parts(items)
    _drop_contents(items)
    _back_matter(items)
    heads = [i for i, it in enumerate(items) if it.kind in ("chapter", "single")]
    first_struct = next(
        (i for i, it in enumerate(items) if it.kind in ("chapter", "single", "volume")), None
    )
    front = items[: first_struct if first_struct is not None else 0]
    info = _front_matter(front if heads else items[:4], meta)
    title = info.get("title") or PurePath(path).stem
    story = Story(title=title, form="prose", files=[path])
    if not heads:
        story_items = _drop_title_page(items, info)
        part = _part(Heading("chapter", None, "", ""), None, story_items, path, markdown, None)
        part.title = title
        story.parts.append(part)
    else:
        assert first_struct is not None
        # Before the first chapter is front matter (title page, preface, contents), unless
        # the first heading is "Chapter 2" or later: then the opening is an unheaded chapter.
        first_head = items[heads[0]].heading
        if not gutenberg and first_head is not None and (first_head.number or 1) > 1:
            lead = [it for it in front if it.kind == "para"]
            if sum(_words(it.unit) for it in lead) >= 50:
                part = _part(Heading("chapter", None, "", ""), None, front, path, markdown, None)
                story.parts.append(part)
        volume: int | None = None
        current: _Item | None = None
        body_items: list[_Item] = []

        def flush() -> None:
            if current is None:
                return
            if current.kind == "volume" and (
                sum(_words(x.unit) for x in body_items if x.kind == "para") < _VOLUME_OPENING
            ):
                # a book's heading with its chapters straight after it, or only an imprint
                # ("LONDON: THOMAS CAUTLEY NEWBY, PUBLISHER") or a motto before them
                return
            story.parts.append(_part(current.heading, current, body_items, path, markdown, volume))

        for it in items[first_struct:]:
            if it.kind in ("volume", "chapter", "single"):
                flush()
                # the text between a book's heading and its first chapter (a journal that
                # runs on with no chapter headings) is a part of its own, never dropped
                current, body_items = it, []
                if it.kind == "volume":
                    volume = it.heading.number if it.heading and it.heading.number else volume
                continue
            if current is not None:
                body_items.append(it)
        flush()
    story.title_page["title"] = title
    if "author" in info:
        story.title_page["author"] = info["author"]
    if writers:
        _set_narrators(story, writers)
    story.language = _language(story)
    attribute(story)
    return story.reindex()


@cache
def _writer_patterns() -> tuple[re.Pattern[str], ...]:
    """The heading shapes of :file:`text/en/documents.toml`, each with a ``name`` group."""
    lex = load_lexicon("documents", "en")

    def alt(words: list[str]) -> str:
        return "|".join(
            r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
        )

    # a name: capitalised words (titles with their stop: "Dr.", "Mrs."), then a qualifier
    # after a comma, semicolon, bracket or dash ("HESTER PINHORN, COOK IN THE SERVICE OF ...")
    name = r"(?P<name>[A-Z][\w\u2019'-]*\.?(?:[ \t]+[A-Z][\w\u2019'-]*\.?){0,4})"
    rest = r"(?:\s*(?:[,;(\[\u2014\u2013:-].*)?)?[.\s]*$"
    by, of, pos, let = lex["by"], lex["of"], lex["possessive"], lex["letter"]
    return (
        re.compile(
            rf"^(?i:(?:the|this)\s+(?:{alt(by['openers'])})\s+)?(?i:{alt(by['verbs'])})"
            rf"\s+(?i:by)\s+{name}{rest}"
        ),
        re.compile(rf"^(?i:the\s+)?(?i:{alt(of['nouns'])})\s+(?i:of)\s+{name}{rest}"),
        re.compile(
            rf"^(?i:(?:from|extracts?\s+from)\s+)?{name}[\u2019'][sS]\s+(?:[A-Za-z-]+\s+)?"
            rf"(?i:{alt(pos['nouns'])})(?:\s*[\u2014\u2013,:(-]*\s*(?i:{alt(pos['continued'])})"
            r"\)?)?[.\s]*$"
        ),
        re.compile(rf"^(?i:{alt(let['nouns'])})\s*[,:]?\s+(?i:from)\s+{name}{rest}"),
        re.compile(
            rf"^(?i:{alt(let['nouns'])})\s*[,:]?\s+(?i:from\s+)?{name},?\s+(?i:to)\s+[A-Z].*$"
        ),
        # (the writer and the addressee of a letter, each with a place: "to" ends it)
        re.compile(rf"^(?i:from)\s+{name}\s*,[^,]{{0,60}},\s*(?i:to)\s+[A-Z][^,]{{0,60}}(?:,.*)?$"),
    )


def _writer_name(text: str) -> str | None:
    """The writer a document heading names, title-cased ("Marian Halcombe"); "" when it names
    no one by name; None when ``text`` is no such heading."""
    s = _strip_decoration(text.replace("_", " ")).strip()
    s = _ENUMERATED.sub("", s)  # "1.  THE NARRATIVE OF HESTER PINHORN"
    if not s or len(s) > 240 or len(s.split()) > 16:
        return None
    lowered = {w.casefold() for w in load_lexicon("documents", "en")["not_names"]["words"]}
    for pattern in _writer_patterns():
        m = pattern.match(s)
        if m is None:
            continue
        words = m.group("name").split()
        if words[0].casefold() in lowered:
            return ""
        if all(w.upper() == w for w in words):
            words = [w[:1] + w[1:].lower() for w in words]
        if re.match(r"(?i)(?:mrs?|dr|st)\.$", words[-1]):
            return ""  # a title with no name after it
        return " ".join(words).rstrip(".")
    return None


_ENUMERATED = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6})\.\s+")


def _writer_headings(items: list[_Item]) -> list[tuple[int, str]]:
    """Mark the headings that say who writes each section (a book in several hands) and
    return them as (line, writer). Taken only when at least two writers are named, so a
    chapter titled like a document in a one-narrator book changes nothing."""
    found: list[tuple[int, str]] = []
    for i, it in enumerate(items):
        if it.kind != "para" or len(it.unit.lines) > 3 or _words(it.unit) > 30:
            continue
        who = _writer_name(" ".join(ln.strip() for ln in it.unit.lines))
        if who is not None:
            found.append((i, who))
    # a writer's section speaks as "I" (else its writer is not its narrator); in a novel
    # told from outside, "CYNTHIA'S CONFESSION" is a chapter's title
    ends = [j for j, _ in found[1:]] + [len(items)] * bool(found)
    found = [
        (i, w if _told_as_i(items[i + 1 : j]) else "")
        for (i, w), j in zip(found, ends, strict=True)
    ]
    if len({w for _, w in found if w}) < 2:
        return []
    out = []
    for i, who in found:
        it = items[i]
        it.kind, it.writer = "subheading", who
        label = " ".join(ln.strip() for ln in it.unit.lines)
        it.heading = Heading("subheading", None, label, _strip_decoration(label))
        out.append((it.unit.line, who))
    return out


_QUOTED_SPEECH = re.compile(r"\u201c[^\u201d]*\u201d?|\"[^\"]*\"?")
_FIRST_PERSON_WORD = re.compile(r"\b(?:I|me|my|myself)\b")


def _told_as_i(items: list[_Item]) -> bool:
    """Does this stretch speak as "I" outside its quotes, in at least 30% of its first
    forty paragraphs?"""
    paras = [it for it in items if it.kind == "para"][:40]
    if not paras:
        return False
    own = sum(1 for it in paras if _FIRST_PERSON_WORD.search(_QUOTED_SPEECH.sub(" ", it.unit.raw)))
    return own >= 0.3 * len(paras)


def _set_narrators(story: Story, writers: list[tuple[int, str]]) -> None:
    """Each scene's narrator: the writer of the last document heading above it."""
    k = -1
    for scene in story.scenes:
        while k + 1 < len(writers) and writers[k + 1][0] <= scene.span.line:
            k += 1
        scene.narrator = writers[k][1] or None if k >= 0 else None


def _volumes_as_parts(items: list[_Item]) -> None:
    """A book divided only into parts or books ("PART I" .. "PART IV", no chapters inside):
    each of them is a part of the story, as a chapter would be."""
    volumes = [it for it in items if it.kind == "volume" and it.heading is not None]
    if len(volumes) < 2:
        return
    for it in volumes:
        it.kind = "chapter"


def _drop_title_page(items: list[_Item], info: dict[str, str]) -> list[_Item]:
    """A manuscript without chapters: its leading credits, title and author are not story."""
    lead = 0
    # "Produced by ..." / "Transcribed by ..." lines of an e-text, before its title
    while lead < len(items) - 1 and items[lead].kind == "para" and len(items[lead].unit.lines) <= 3:
        if not re.match(
            r"(?:produced|transcribed|prepared|scanned|proofread)\b", items[lead].unit.first, re.I
        ):
            break
        lead += 1
    items = items[lead:]
    k = 0
    if items and items[0].kind == "title":
        k = 1
    elif (
        len(items) > 2
        and items[0].kind == "para"
        and _looks_like_title(items[0].unit)
        and _smart_title(items[0].unit.first) == info.get("title")
    ):
        k = 1
        nxt = items[1].unit
        if len(nxt.lines) == 1 and (
            nxt.first.casefold().startswith("by ")
            or len(nxt.lines[0]) - len(nxt.lines[0].lstrip()) >= 10
        ):
            if "author" not in info:
                info["author"] = (
                    nxt.first[3:] if nxt.first.casefold().startswith("by ") else nxt.first
                )
            k = 2
    return items[k:]


_NUMERAL_HEADING = re.compile(
    r"^\s*(?P<num>[IVXLC]+|\d{1,3})\.?(?:\s+(?P<title>[A-Z][^a-z]{0,60}))?\s*$"
)


def _numeral_headings(items: list[_Item]) -> None:
    """Chapters headed by a bare numeral ("I.", "II." or "1", "2"), when nothing else heads them.

    Taken only as a run counting up from one (restarting after a volume heading) with a few
    hundred words under each, so a numbered list is never mistaken for chapters.
    """
    found: list[tuple[int, int, str]] = []
    for i, it in enumerate(items):
        if it.kind == "para" and len(it.unit.lines) == 1:
            m = _NUMERAL_HEADING.match(it.unit.first)
            if m:
                n = _number(m.group("num"))
                if n is not None:
                    found.append((i, n, (m.group("title") or "").strip(" .")))
    if len(found) < 3:
        return
    expected = 1
    prev = 0
    for i, n, _ in found:
        # a volume, or a new writer's section ("THE STORY CONTINUED BY ..."), starts the
        # count again; a run may open at II when its first chapter has no heading
        if n in (1, 2) and any(
            it.kind == "volume" or it.writer is not None for it in items[prev:i]
        ):
            expected = 1
        if n != expected and not (expected == 1 and n == 2):
            return
        expected = n + 1
        prev = i
    spans = [found[k + 1][0] if k + 1 < len(found) else len(items) for k in range(len(found))]
    words = sum(
        _words(it.unit)
        for (i, _, _), j in zip(found, spans, strict=True)
        for it in items[i + 1 : j]
        if it.kind == "para"
    )
    if words < 200 * len(found):
        return
    for i, n, title in found:
        items[i].kind = "chapter"
        items[i].heading = Heading("chapter", n, _strip_decoration(items[i].unit.first), title)


_CLOSING_LINE = re.compile(
    r"^\s*(?:yours|your|ever|sincerely|affectionately|faithfully|lovingly|with love)\b", re.I
)


def _letter_head(unit: Unit) -> bool:
    """A line or two above a salutation that belong to the letter: the place, the date, or
    "To Mr. Smith" (short, and a number, capitals or "To" in it), never a signature."""
    if len(unit.lines) > 3 or any(len(ln.strip()) > 60 for ln in unit.lines):
        return False
    text = " ".join(ln.strip() for ln in unit.lines)
    if _CLOSING_LINE.match(text) or len(text.split()) > 12:
        return False
    letters = [c for c in text if c.isalpha()]
    return (
        any(c.isdigit() for c in text)
        or bool(letters)
        and all(c.isupper() for c in letters)
        or text.startswith("To ")
    )


def _letter_headings(items: list[_Item]) -> None:
    """An epistolary book with no chapter headings: every letter is a chapter.

    A letter opens on a paragraph whose first line is a salutation ("Dear Daddy-Long-Legs,",
    "Dear Judy:") with the place and date lines above it. Taken only when there are at least
    five such letters of some length (a hundred words on average), so a novel quoting a letter
    or two keeps its one part. Story before the first letter (a prologue) stays a part.
    """
    starts: list[int] = []
    for i, it in enumerate(items):
        if it.kind != "para":
            continue
        first = it.unit.first.strip()
        if len(first) <= 60 and salutation(first) is not None:
            starts.append(i)
    if len(starts) < 5:
        return
    words = sum(_words(it.unit) for it in items[starts[0] :] if it.kind == "para")
    if words < 100 * len(starts):
        return
    heads: list[int] = []
    for i in starts:
        j = i
        while j - 1 >= 0 and items[j - 1].kind == "para" and _letter_head(items[j - 1].unit):
            if heads and j - 1 <= heads[-1]:
                break
            j -= 1
        heads.append(j)
    lead = [it for it in items[: heads[0]] if it.kind == "para"]
    if sum(_words(it.unit) for it in lead) >= 50:
        # the prologue starts at its first real paragraph, under the title-like line above it
        # (what comes before is the title page)
        k = next(k for k, it in enumerate(items) if it.kind == "para" and _words(it.unit) >= 20)
        above = items[k - 1] if k else None
        if above is not None and above.kind == "para" and _looks_like_title(above.unit):
            name = above.unit.first.strip()
            above.kind = "chapter"
            above.heading = Heading("chapter", None, name, name)
        else:
            bare = _Item("chapter", Unit([], items[k].unit.line, items[k].unit.line))
            bare.heading = Heading("chapter", None, "", "")
            items.insert(k, bare)
            heads = [h + 1 for h in heads]
    for n, j in enumerate(heads, 1):
        unit = items[j].unit
        label = f"Letter {n}"
        head = _Item("chapter", Unit([], unit.line, unit.line), Heading("chapter", n, label, ""))
        items.insert(j + n - 1, head)


@cache
def _back_matter_words() -> frozenset[str]:
    return frozenset(" ".join(w).casefold() for w in word_list("back_matter.txt"))


def _back_matter(items: list[_Item]) -> None:
    """The back matter of a book ("CONCLUDING REMARKS", "AFTERWORD", "APPENDIX", in its last
    fifth) is not story: from its heading on, every paragraph becomes a note."""
    total = sum(_words(it.unit) for it in items if it.kind == "para")
    seen = 0
    for i, it in enumerate(items):
        if it.kind == "para":
            seen += _words(it.unit)
        if seen < 0.8 * total or len(it.unit.lines) != 1:
            continue
        head = _strip_decoration(it.unit.first).rstrip(" .:").casefold()
        if head not in _back_matter_words():
            continue
        for later in items[i:]:
            if later.kind in ("para", "chapter", "single", "subheading"):
                later.kind = "note"
        return


def _drop_contents(items: list[_Item]) -> None:
    """Headings with no story after them (a table of contents) are not chapters."""
    heads = [i for i, it in enumerate(items) if it.kind in ("chapter", "single")]
    for n, i in enumerate(heads[:-1]):
        j = heads[n + 1]
        body = [it.unit for it in items[i + 1 : j] if it.kind == "para"]
        words = sum(_words(u) for u in body)
        # contents entries are short titles; a real chapter has at least one sentence
        if words < 20 and not any(_words(u) >= 3 and _SENTENCE_END.search(u.raw) for u in body):
            items[i].kind = "toc"
            for it in items[i + 1 : j]:
                if it.kind == "para":
                    it.kind = "toc"


# the words of text a book's heading must open before its first chapter to be a part of its own
_VOLUME_OPENING = 100


def _part(
    heading: Heading | None,
    item: _Item | None,
    body: list[_Item],
    path: str,
    markdown: bool,
    volume: int | None,
) -> Part:
    heading = heading or Heading("chapter", None, "", "")
    # a short title-like line right after a bare heading is the chapter's title
    if item is not None and not heading.title and len(body) > 1 and body[0].kind == "para":
        if _looks_like_title(body[0].unit) and item.unit.level is None and _words(body[1].unit) > 0:
            heading.title = _strip_decoration(body[0].unit.first)
            body = body[1:]
    scenes: list[Scene] = []
    blocks: list[Block] = []
    scene_heading: str | None = None
    heading_line: int | None = None

    def close() -> None:
        if blocks:
            span = Span(path, blocks[0].span.line, blocks[-1].span.end_line)
            scenes.append(
                Scene(
                    heading=scene_heading, span=span, blocks=list(blocks), heading_line=heading_line
                )
            )
            blocks.clear()

    for it in body:
        if it.kind == "break":
            close()
            scene_heading, heading_line = None, None
        elif it.kind == "subheading":
            close()
            scene_heading = it.heading.title if it.heading else it.unit.first
            heading_line = it.unit.line
        elif it.kind == "para":
            blocks.append(_block(it.unit, path, markdown, BlockKind.PARAGRAPH))
        elif it.kind == "note":
            blocks.append(_block(it.unit, path, markdown, BlockKind.NOTE))
        elif it.kind == "title":
            continue
    close()
    start = item.unit.line if item is not None else (scenes[0].span.line if scenes else 1)
    end = scenes[-1].span.end_line if scenes else (item.unit.end_line if item else start)
    return Part(
        kind="chapter",
        number=heading.number,
        title=heading.title,
        span=Span(path, start, end),
        scenes=scenes,
        label=heading.label,
        volume=volume,
    )


def _language(story: Story) -> str:
    """The language of the story's first paragraphs (about :data:`SAMPLE` characters)."""
    sample: list[str] = []
    size = 0
    for b in story.blocks():
        sample.append(b.text)
        size += len(b.text)
        if size > SAMPLE:
            break
    return detect_language("\n".join(sample))


# ---------------------------------------------------------------------------- reader API


def parse(text: str, path: str) -> Story:
    """A plain-text or markdown manuscript as a Story (pure: no file access)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = _split_lines(text)
    markdown = path.lower().endswith((".md", ".markdown"))
    start, end, meta, gutenberg = _gutenberg_bounds(lines)
    if markdown:
        start = _yaml_front_matter(lines, start, meta)
    units = text_units(lines, start, end, markdown=markdown)
    return build_story(units, path, meta=meta, markdown=markdown, gutenberg=gutenberg)


_YAML_FIELD = re.compile(r"^(title|author)\s*:\s*(.+?)\s*$", re.I)


def _yaml_front_matter(lines: list[str], start: int, meta: dict[str, str]) -> int:
    """Skip a markdown file's ``---`` front matter block, keeping its title and author."""
    if start >= len(lines) or lines[start].strip() != "---":
        return start
    for i in range(start + 1, min(len(lines), start + 60)):
        if lines[i].strip() in ("---", "..."):
            for line in lines[start + 1 : i]:
                m = _YAML_FIELD.match(line.strip())
                if m:
                    meta.setdefault(m.group(1).casefold(), m.group(2).strip("\"'"))
            return i + 1
    return start


# ---------------------------------------------------------------------------- detection

#: How much of a text the detection reads (the front matter and the first chapters).
SCORE_SAMPLE = 100_000

_SCRIPT_HEADING = re.compile(
    r"(?:(?:INT|EXT|EST|I/E|INT\./EXT)[./ 。]|S[ \t]*#[ \t]*\d|씬[ \t]*#?[ \t]*\d|#\d{1,4}[ .)])"
)
# a short name, then a colon or a tab, then speech: "서윤 : 비가 와요." / "JOHN: Hi."
_NAME_COLON = re.compile(r"[^\s:：]{1,12}(?: [^\s:：]{1,12})?(?:[ \t]*+[:：]|[ ]*+\t)[ \t]*+\S")


def _script_line(line: str) -> bool:
    """A line that belongs to a script, subtitle or XML file rather than to running text: a
    timing line or cue number, a scene heading, an all-caps cue, a ``NAME: speech`` line, a
    line of markup."""
    s = line.strip()
    if "-->" in s or s.isdigit() or (s[:1] == "<" and s[-1:] == ">"):
        return True
    if _SCRIPT_HEADING.match(s):
        return True
    if len(s) <= 40 and s.isupper() and len(s.split()) <= 5:
        return True
    return _NAME_COLON.match(s) is not None


def score(text: str) -> float:
    """How well ``text`` fits a prose manuscript, 0..1.

    The share of its characters (in the first :data:`SCORE_SAMPLE`) that stand in running
    text: paragraphs with letters in them, fewer than a fifth of whose lines are a script's
    or a subtitle file's (cues, headings, ``NAME: speech``, timings). A novel scores about
    0.95 whatever its title page; a screenplay only its action, a Korean script or an SRT
    file next to nothing. Chapter headings add 0.1; a Project Gutenberg book is 1.0.
    """
    sample = text[:SCORE_SAMPLE]
    if "PROJECT GUTENBERG" in sample[:20000].upper():
        return 1.0
    total = running = 0
    headings = False
    group: list[str] = []
    for line in [*_split_lines(sample), ""]:
        if line.strip():
            group.append(line)
            continue
        if not group:
            continue
        chars = sum(len(ln.strip()) for ln in group)
        total += chars
        script = sum(1 for ln in group if _script_line(ln))
        if script * 5 >= len(group):
            if len(group) <= 3 and len(group[0]) < 80 and match_heading(group[0]):
                headings = True
        elif any(ch.isalpha() for ln in group for ch in ln):
            running += chars
        group = []
    if not total:
        return 0.0
    return min(1.0, running / total + (0.1 if headings else 0.0))


def sniff(text: str) -> bool:
    """Prose: a Gutenberg book, chapter headings, or mostly running text (:func:`score`)."""
    return score(text) >= 0.5
