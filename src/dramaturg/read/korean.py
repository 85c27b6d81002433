"""Korean drama scripts (드라마 대본): plain text, Word (.docx) and Hangul (.hwpx).

A Korean script is written line by line, not in Fountain's blank-line paragraphs:

- episodes: ``제1화``, ``1회``, ``1화`` (optionally with a title: ``제1화 첫눈``) start a Part;
- scene headings: ``S#12. 카페 (낮)``, ``S#12. 카페 / 밤``, ``#12 카페 - 낮``,
  ``S#3 실내. 카페 - 밤``; the number is kept as ``Scene.number`` (``"12"``), ``실내``/``실외``
  become ``INT``/``EXT`` where written, and the time of day stays as written (``밤``);
- dialogue: ``이름 : 대사`` or ``이름<tab>대사`` (two or more spaces also, for a name the
  script uses as a cue more than once); a voice marker after the name or before the line
  (``서윤(E)``, ``E)``, ``F)``, ``Na)``, ``N)``, ``(V.O)``) is the block's ``extension``, and
  parenthesised directions inside the line (``(웃으며)``) its ``parenthetical``;
- stage directions (지문), indented or not, and lines in parentheses are ACTION;
- ``Insert``, ``Flash back``/``플래시백``, ``Cut to``, ``회상 끝`` ... are TRANSITION blocks (text
  after the marker on the same line is an ACTION block on that line);
- a character introduced with an age, ``서윤(29)``, is a character named ``서윤``; the age is
  read back by :func:`ages` (the first introduction wins);
- before the first scene, title-page keys (``제목 : 우산``, ``극본 : 한지수``) fill
  ``Story.title_page`` and a character list under ``등장인물`` becomes NOTE blocks, which the
  analyses skip.

Every line is its own block with its exact source line: in a .docx or .hwpx file the "line"
is the paragraph's position, 1-based (empty paragraphs count). The conventions' words live
in ``text/ko/script.toml``.

>>> story = parse("제1화 첫눈\\nS#1. 카페 (밤)\\n서윤(29), 창가에 앉아 있다.\\n도현 : 서윤 씨?\\n", "ep1.txt")
>>> sc = story.scenes[0]
>>> sc.number, sc.location, sc.time_of_day, sc.blocks[1].speaker, sc.blocks[1].text
('1', '카페', '밤', '도현', '서윤 씨?')
>>> ages(story)
{'서윤': 29}
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from xml.etree import ElementTree

from dramaturg.errors import DramaturgError
from dramaturg.read.container import open_zip, read_member
from dramaturg.read.docx import docx_content
from dramaturg.story import Block, BlockKind, Character, Part, Scene, Span, Story
from dramaturg.text.lexicon import load_lexicon
from dramaturg.text.safe_xml import parse_xml

__all__ = [
    "EXTENSIONS",
    "FORMAT",
    "ages",
    "docx_paragraphs",
    "hwpx_paragraphs",
    "parse",
    "parse_bytes",
    "parse_lines",
    "score",
    "sniff",
]

FORMAT = "korean"
EXTENSIONS = (".txt", ".docx", ".hwpx")

Line = tuple[int, str]  # (1-based line or paragraph number, its text)

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SPACES = re.compile(r"\s+")
_EPISODE = re.compile(
    r"^[ \t]*+(?:(?P<open>[\[<《〈(])[ \t]*+)?(?:#[ \t]*+)?"
    r"(?:제[ \t]*(?P<a>\d{1,3})[ \t]*[화회부]|(?P<b>\d{1,3})[ \t]*[화회]|(?i:ep(?:isode)?)\.?[ \t]*(?P<c>\d{1,3}))"
    r"(?![\w])[ \t]*+(?P<close>[\]>》〉)])?[ \t]*+[.:\-–—]?[ \t]*+(?P<title>.*)$"
)
_HEADING = re.compile(
    r"^[ \t]*(?:(?P<s>[Ss][ \t]*#|씬[ \t]*#?)[ \t]*|#)"
    r"(?P<num>\d{1,4}(?:-\d{1,3})?[A-Za-z]?)(?![\d])(?![ \t]*[화회부](?![가-힣]))"
    r"(?:[ \t]*[.):][ \t]*|[ \t]+|$)(?P<rest>.*)$"
)
_HEADING_PAREN = re.compile(r"[(\[]([^()\[\]]*)[)\]]\s*$")
# A separator's spaces are taken from where their run starts, and a dash run from where it
# starts (a mark itself may follow anything): finditer never re-reads a long run of spaces
# or dashes from each of its positions. The same matches as \s*(?:/|,|·|\.(?!\d)|
# \s[-–—]+\s*|[-–—]+\s|[–—])\s* (checked on random headings).
_HEADING_SEP = re.compile(
    r"(?:(?<!\s)\s++)?(?:/|,|·|\.(?!\d)|(?<![-–—])[-–—]++\s|[–—])\s*+"
    r"|(?<!\s)\s++[-–—]++\s*+"
)
# the pieces of "(늦은 밤, 비)": \s*[,/·]\s*, its spaces taken only from a run's start
_PAREN_SPLIT = re.compile(r"(?:(?<!\s)\s++)?[,/·]\s*+")
_AGE = re.compile(r"^(?P<age>\d{1,3})[ \t]*+(?:(?:세|살)[ \t]*+)?(?:[,/·][^)]*)?$")
_INTRO = re.compile(
    r"(?<![\w])(?P<name>[가-힣A-Za-z]{1,10})[ \t]?[(（][ \t]*+(?P<age>\d{1,3})[ \t]*+"
    r"(?:(?:세|살)[ \t]*+)?(?:[,/·][^)）\n]{0,30})?[)）]"
)
_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
_CUE_BAD = re.compile(r"[.,!?…~\"“”'‘’<>《》「」\[\]=*]")
_BRACKET_TITLE = re.compile(
    r"^[ \t]*+[<《〈「『\[][ \t]*+(?P<t>[^<>《》〈〉「」『』\[\]]+)[>》〉」』\]][ \t]*$"
)


@dataclass(frozen=True, slots=True)
class _Conventions:
    int_words: frozenset[str]
    ext_words: frozenset[str]
    int_ext_prefix: re.Pattern[str]
    times: tuple[str, ...]
    time_words: int
    marker: re.Pattern[str]
    latin_markers: frozenset[str]
    extensions: dict[str, str]
    ext_at_start: re.Pattern[str]
    cue_words: int
    cue_chars: int
    front_key: re.Pattern[str]
    front_kind: dict[str, str]
    section: re.Pattern[str]


def _flex(word: str) -> str:
    """A marker word as a regex: spaces optional, dots optional."""
    out = []
    for ch in word:
        if ch == " ":
            out.append(r"[ \t]*")
        elif ch == ".":
            out.append(r"\.?[ \t]*")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _ext_key(marker: str) -> str:
    return re.sub(r"[.\s]", "", marker).upper()


@lru_cache(maxsize=1)
def _conventions() -> _Conventions:
    lex = load_lexicon("script", "ko")
    head, marks, dia, front = lex["heading"], lex["markers"], lex["dialogue"], lex["front_matter"]
    ints = frozenset(w.upper() for w in head["int"])
    exts = frozenset(w.upper() for w in head["ext"])
    words = sorted(ints | exts, key=len, reverse=True)
    prefix = re.compile(
        r"^[(\[]?[ \t]*(?P<ie>(?i:"
        + "|".join(map(re.escape, words))
        + r"))(?:[ \t]*/[ \t]*(?P<ie2>(?i:"
        + "|".join(map(re.escape, words))
        + r")))?[ \t]*[)\]]?(?:[ \t]*[.,:\-–—][ \t]*|[ \t]+)"
    )
    latin = sorted(marks["latin"], key=len, reverse=True)
    korean = sorted(marks["korean"], key=len, reverse=True)
    closers = "|".join(map(re.escape, marks["closers"]))
    marker = re.compile(
        r"^[ \t]*+(?:[(\[<＜][ \t]*+)?(?:(?P<latin>(?i:"
        + "|".join(_flex(w) for w in latin)
        + r"))(?![A-Za-z])|(?P<ko>"
        + "|".join(_flex(w) for w in korean)
        + r")(?=$|[\s)\]>＞:.\-–—]))"
        + r"(?:[ \t]*+(?P<close>(?i:"
        + closers
        + r"))(?![가-힣A-Za-z]))?[ \t]*+(?P<delim>[)\]>＞:.\-–—]*+)[ \t]*+(?P<rest>.*)$"
    )
    extensions = {_ext_key(k): v for k, v in dia["extensions"].items()}
    ext_words = sorted(dia["extensions"], key=len, reverse=True)
    ext_at_start = re.compile(
        r"^[ \t]*+(?:[(（][ \t]*+)?(?P<ext>(?i:"
        + "|".join(_flex(w) for w in ext_words)
        + r"))\.?[ \t]*+[)）][ \t]*+"
    )
    kind = {}
    for k in ("title", "author", "other"):
        for w in front[k]:
            kind[w.casefold()] = k
    front_key = re.compile(
        r"^[ \t]*(?P<key>"
        + "|".join(re.escape(w) for w in sorted(kind, key=len, reverse=True))
        + r")[ \t]*+[:：][ \t]*+(?P<value>.+)$",
        re.IGNORECASE,
    )
    section = re.compile(
        r"^[ \t]*+(?:[\[<《〈■●◆□○\-][ \t]*+)?(?:"
        + "|".join(_flex(w) for w in sorted(front["sections"], key=len, reverse=True))
        + r")[ \t]*+(?:[\]>》〉][ \t]*+)?(?::[ \t]*+)?$"
    )
    return _Conventions(
        int_words=ints,
        ext_words=exts,
        int_ext_prefix=prefix,
        times=tuple(sorted((t.upper() for t in head["times"]), key=len, reverse=True)),
        time_words=int(head.get("time_words", 4)),
        marker=marker,
        latin_markers=frozenset(w.casefold() for w in latin),
        extensions=extensions,
        ext_at_start=ext_at_start,
        cue_words=int(dia.get("cue_words", 3)),
        cue_chars=int(dia.get("cue_chars", 12)),
        front_key=front_key,
        front_kind=kind,
        section=section,
    )


# ---------------------------------------------------------------------------- headings


def _is_time(piece: str, conv: _Conventions) -> bool:
    p = _SPACES.sub(" ", piece).strip().upper()
    if not p or len(p.split()) > conv.time_words:
        return False
    return any(p == t or p.endswith(" " + t) for t in conv.times)


def _int_ext_of(word: str | None, conv: _Conventions) -> str | None:
    if not word:
        return None
    w = word.upper()
    return "INT" if w in conv.int_words else "EXT" if w in conv.ext_words else None


def heading_parts(rest: str) -> tuple[str | None, str | None, str | None]:
    """(int_ext, location, time_of_day) of what follows ``S#12.`` in a heading.

    >>> heading_parts("실내. 카페 - 밤")
    ('INT', '카페', '밤')
    >>> heading_parts("서윤의 집 앞 골목 (늦은 밤, 비)")
    (None, '서윤의 집 앞 골목', '늦은 밤')
    """
    conv = _conventions()
    s = rest.strip()
    int_ext = None
    m = conv.int_ext_prefix.match(s + " ")
    if m:
        a, b = _int_ext_of(m.group("ie"), conv), _int_ext_of(m.group("ie2"), conv)
        int_ext = "INT/EXT" if a and b and a != b else a
        s = (s + " ")[m.end() :].strip()
    # the time sits in a closing parenthesis or after the last separator, possibly both
    # ("버스 정류장 - 밤 (연속)"): the leftmost time found is the time of day
    time = None
    for _ in range(3):
        pm = _HEADING_PAREN.search(s)
        if pm:
            pieces = [p for p in _PAREN_SPLIT.split(pm.group(1).strip()) if p]
            for p in pieces:
                ie = _int_ext_of(p, conv)
                if ie and int_ext is None:
                    int_ext = ie
                elif _is_time(p, conv):
                    time = _SPACES.sub(" ", p).strip().upper()
                    break
            s = s[: pm.start()].rstrip()
            continue
        seps = list(_HEADING_SEP.finditer(s))
        if seps and _is_time(s[seps[-1].end() :], conv):
            time = _SPACES.sub(" ", s[seps[-1].end() :]).strip().upper()
            s = s[: seps[-1].start()]
            continue
        break
    location = s.strip(" \t.-–—/,·") or None
    return int_ext, location, time


# ---------------------------------------------------------------------------- lines


@dataclass(slots=True)
class _Cue:
    name: str  # canonical speaker
    written: str  # the cue as written (without extension or age)
    extension: str | None
    parenthetical: list[str]
    age: int | None


def _canonical(name: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()


def _parse_cue(cue: str, conv: _Conventions) -> _Cue | None:
    """The speaker of a cue (``서윤``, ``서윤(E)``, ``서윤 (29)``), or None if it is no name."""
    s = cue.strip()
    if len(s) > 4 * (conv.cue_chars + 16):
        # far too long for a name with its age and voice marks; the loop below would take
        # off one "( )" at a time, quadratic on a line of brackets
        return None
    extension = None
    paren: list[str] = []
    age = None
    while True:
        m = re.search(r"[ \t]*[(（]([^()（）]*)[)）][ \t]*$", s)
        if m is None:
            break
        inner = m.group(1).strip()
        s = s[: m.start()]
        am = _AGE.match(inner)
        key = _ext_key(inner)
        if am:
            age = int(am.group("age"))
        elif key in conv.extensions:
            extension = conv.extensions[key]
        elif inner:
            paren.insert(0, inner)
    name = _canonical(s)
    if not name or len(name) > conv.cue_chars or len(name.split()) > conv.cue_words:
        return None
    if _CUE_BAD.search(name) or not re.search(r"[^\W\d_]", name) or "(" in name or ")" in name:
        return None
    if name[0].isdigit():
        return None
    return _Cue(name, name, extension, paren, age)


_COLON = re.compile(
    r"^(?P<cue>[^\s:：(（][^:：\t]{0,40}?)[ \t]*(?<!\d)[:：](?!\d|//)[ \t]*(?P<speech>.*)$"
)
_TAB = re.compile(r"^(?P<cue>[^\s(（][^\t]{0,40}?)(?=[ \t]*\t)[ \t]++(?P<speech>\S.*)$")
_WIDE = re.compile(r"^(?P<cue>[^\s(（](?:[^ \t]| (?! ))*?) {2,}(?P<speech>\S.*)$")


def _speech(text: str, cue: _Cue, conv: _Conventions) -> tuple[str, str | None, str | None]:
    """(clean text, extension, parenthetical) of a line of dialogue."""
    extension = cue.extension
    m = conv.ext_at_start.match(text)
    if m:
        extension = conv.extensions.get(_ext_key(m.group("ext")), extension)
        text = text[m.end() :]
    parens = list(cue.parenthetical)
    if "(" in text or "（" in text:
        parens.extend(p.group(1).strip() for p in _PAREN.finditer(text) if p.group(1).strip())
        text = _PAREN.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return text, extension, "; ".join(parens) or None


class _Builder:
    """Parts and scenes, filled while the lines are read in order."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.parts: list[Part] = []
        self.part: tuple[int, str, str, int] | None = None  # number, label, title, line
        self.scenes: list[Scene] = []
        self.scene: Scene | None = None
        self.pending: list[Block] = []

    def add(self, block: Block) -> None:
        (self.scene.blocks if self.scene is not None else self.pending).append(block)

    def open_scene(self, heading: str, line: int, number: str, rest: str) -> None:
        self.close_scene()
        int_ext, location, time = heading_parts(rest)
        first = min([b.span.line for b in self.pending] + [line])
        self.scene = Scene(
            heading,
            Span(self.path, first, line),
            blocks=self.pending,
            number=number,
            int_ext=int_ext,
            location=location,
            time_of_day=time,
            heading_line=line,
        )
        self.pending = []

    def close_scene(self) -> None:
        sc = self.scene
        if sc is None:
            return
        end = max([b.span.end_line for b in sc.blocks] + [sc.span.end_line])
        sc.span = Span(self.path, sc.span.line, end)
        self.scenes.append(sc)
        self.scene = None

    def open_part(self, number: int, label: str, title: str, line: int) -> None:
        pending = self.pending
        self.pending = []
        if self.scenes or self.scene is not None or self.part is not None:
            self.close_part()
        self.part = (number, label, title, line)
        self.pending = pending

    def close_part(self) -> None:
        self.close_scene()
        if self.pending:
            blocks = self.pending
            self.pending = []
            self.scenes.append(
                Scene(None, Span(self.path, blocks[0].span.line, blocks[-1].span.end_line), blocks)
            )
        if not self.scenes and self.part is None:
            return
        number, label, title, line = self.part if self.part else (None, "", "", None)
        first = min([s.span.line for s in self.scenes[:1]] + ([line] if line is not None else []))
        end = max([s.span.end_line for s in self.scenes] + [first])
        self.parts.append(
            Part("episode", number, title, Span(self.path, first, end), self.scenes, label)
        )
        self.scenes = []
        self.part = None


def _wide_cues(lines: list[Line], conv: _Conventions) -> set[str]:
    """Names that open two or more lines as ``이름  대사`` (two or more spaces)."""
    seen: Counter[str] = Counter()
    for _n, text in lines:
        if text[:1].isspace() or "\t" in text:
            continue
        m = _WIDE.match(text)
        if m:
            cue = _parse_cue(m.group("cue"), conv)
            if cue is not None:
                seen[cue.name] += 1
    return {n for n, k in seen.items() if k >= 2}


def parse_lines(lines: list[Line], path: str) -> Story:
    """Build the Story from numbered lines (text lines, or .docx/.hwpx paragraphs)."""
    conv = _conventions()
    b = _Builder(path)
    title_page: dict[str, str] = {}
    speakers: dict[str, set[str]] = {}
    intro: dict[str, int] = {}
    wide = _wide_cues(lines, conv)
    known: set[str] = set(wide)
    in_front = True  # before the first scene heading: title page, character list
    in_section = False
    first_text = True

    def block(kind: BlockKind, text: str, n: int, raw: str, **kw: object) -> None:
        b.add(Block(kind, text, Span(path, n, n), raw=raw, **kw))  # type: ignore[arg-type]

    for n, raw in lines:
        if not raw.strip():
            continue
        text = raw.rstrip()
        is_first, first_text = first_text, False
        m = _EPISODE.match(text)
        if m and _is_episode(m):
            number = int(m.group("a") or m.group("b") or m.group("c"))
            title = m.group("title").strip(" \t\"'“”「」『』<>《》")
            label = text[: m.start("title")] if title else text
            label = label.strip(" \t.:-–—#[]<>《》〈〉()")
            b.open_part(number, label, title or label, n)
            in_section = False
            continue
        m = _HEADING.match(text)
        if m and (m.group("s") or re.match(r"[^\W\d_]", m.group("rest") or "")):
            b.open_scene(text.strip(), n, m.group("num"), m.group("rest"))
            in_front = in_section = False
            continue
        if in_front:
            fm = conv.front_key.match(text)
            if fm and not in_section:
                key = conv.front_kind[fm.group("key").casefold()]
                value = fm.group("value").rstrip(" \t")
                title_page.setdefault(key if key != "other" else fm.group("key"), value)
                block(BlockKind.NOTE, text.strip(), n, raw)
                continue
            if is_first:
                bm = _BRACKET_TITLE.match(text)
                if bm:
                    title_page.setdefault("title", bm.group("t").rstrip())
                    block(BlockKind.NOTE, text.strip(), n, raw)
                    continue
            if conv.section.match(text):
                in_section = True
                block(BlockKind.SECTION, text.strip(" \t[]<>《》〈〉■●◆□○-:"), n, raw)
                continue
            if in_section:
                for im in _INTRO.finditer(text):
                    intro.setdefault(im.group("name"), int(im.group("age")))
                block(BlockKind.NOTE, text.strip(), n, raw)
                continue
        mk = conv.marker.match(text)
        if mk and _is_marker(mk, conv):
            word = mk.group("latin") or mk.group("ko")
            label = _SPACES.sub(" ", word + (" " + mk.group("close") if mk.group("close") else ""))
            block(BlockKind.TRANSITION, label.strip(), n, raw)
            rest = mk.group("rest").strip()
            if rest:
                block(BlockKind.ACTION, rest, n, raw)
            continue
        stripped = text.strip()
        if stripped[:1] in "(（" and stripped[-1:] in ")）" and _PAREN.fullmatch(stripped):
            block(BlockKind.ACTION, stripped[1:-1].strip(), n, raw)
            continue
        line = _dialogue(text, conv, known)
        if line is not None:
            cue, speech = line
            clean, extension, parenthetical = _speech(speech, cue, conv)
            speakers.setdefault(cue.name, set()).add(cue.written)
            known.add(cue.name)
            if cue.age is not None:
                intro.setdefault(cue.name, cue.age)
            block(
                BlockKind.DIALOGUE,
                clean,
                n,
                raw,
                speaker=cue.name,
                cue=cue.written,
                extension=extension,
                parenthetical=parenthetical,
            )
            continue
        nm = conv.ext_at_start.match(text)
        if nm and not text[:1].isspace():
            # a voice with no name before it: narration (Na) or an unseen voice
            ext = conv.extensions.get(_ext_key(nm.group("ext")))
            block(
                BlockKind.DIALOGUE,
                _SPACES.sub(" ", text[nm.end() :]).strip(),
                n,
                raw,
                extension=ext,
            )
            continue
        for im in _INTRO.finditer(text):
            intro.setdefault(im.group("name"), int(im.group("age")))
        block(BlockKind.ACTION, stripped, n, raw)
    b.close_part()
    last = lines[-1][0] if lines else 1
    title = title_page.get("title") or PurePath(path).stem
    if not b.parts:
        b.parts.append(Part("episode", None, title, Span(path, 1, last), [], ""))
    characters: dict[str, Character] = {}
    for name, written in speakers.items():
        characters[name] = Character(name, {w for w in written if w != name})
    for name in intro:
        characters.setdefault(name, Character(name))
    return Story(
        title=title,
        parts=b.parts,
        form="screenplay",
        language="ko",
        files=[path],
        title_page=title_page,
        characters=characters,
    ).reindex()


def _is_episode(m: re.Match[str]) -> bool:
    """An episode line, not a sentence or a note that starts with one ("(1화에서 이어서)")."""
    if bool(m.group("open")) != bool(m.group("close")):
        return False
    title = m.group("title").rstrip(" \t")
    return "#" not in title and not re.search(r"[.!?…。)\]]$", title) and ":" not in title


def _is_marker(m: re.Match[str], conv: _Conventions) -> bool:
    if m.group("latin"):
        return True
    # a Korean marker word with running text after it and no delimiter is a sentence
    return not m.group("rest") or bool(m.group("delim")) or bool(m.group("close"))


def _dialogue(text: str, conv: _Conventions, known: set[str]) -> tuple[_Cue, str] | None:
    if text[:1].isspace():
        return None
    for pattern in (_COLON, _TAB, _WIDE):
        m = pattern.match(text)
        if m is None:
            continue
        cue = _parse_cue(m.group("cue"), conv)
        if cue is None:
            continue
        if pattern is _WIDE and cue.name not in known:
            continue
        return cue, m.group("speech")
    return None


# ---------------------------------------------------------------------------- entry points


def parse(text: str, path: str) -> Story:
    """Parse a Korean script in plain text into a Story (``language="ko"``).

    Never raises on odd input: a line that is nothing else is action.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [(i, line) for i, line in enumerate(text.split("\n"), 1)]
    return parse_lines(lines, path)


def parse_bytes(data: bytes, path: str) -> Story:
    """A Korean script in a .docx or .hwpx file (line = paragraph index + 1)."""
    suffix = path.rpartition(".")[2].lower()
    kind = f".{suffix}" if suffix in ("docx", "hwpx") else ".docx or .hwpx"
    with open_zip(data, path, kind) as zf:
        names = set(zf.namelist())
    if "word/document.xml" in names:
        paragraphs = docx_paragraphs(data, path)
    elif any(_SECTION_NAME.fullmatch(n) for n in names):
        paragraphs = hwpx_paragraphs(data, path)
    else:
        raise DramaturgError("not a .docx or .hwpx document (no body text found)", file=path)
    lines: list[Line] = []
    for index, para in enumerate(paragraphs, 1):
        for piece in para.split("\n"):
            lines.append((index, piece))
    if not any(t.strip() for _, t in lines):
        raise DramaturgError("the document has no text", file=path)
    return parse_lines(lines, path)


def docx_paragraphs(data: bytes, path: str) -> list[str]:
    """The text of every body paragraph of a .docx, in order (tabs kept)."""
    return [p.text for p in docx_content(data, path)[0]]


_SECTION_NAME = re.compile(r"Contents/section(\d{1,6})\.xml")
_HWPX_CHARS = {"tab": "\t", "lineBreak": "\n", "nbSpace": " ", "fwSpace": " ", "hyphen": "-"}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def hwpx_paragraphs(data: bytes, path: str) -> list[str]:
    """The text of every ``hp:p`` paragraph of a .hwpx file, sections in reading order.

    A paragraph's text is its ``hp:t`` runs joined (``hp:tab`` a tab, ``hp:lineBreak`` a line
    break); a paragraph nested in a table cell follows the paragraph that holds the table.
    """
    out: list[str] = []
    with open_zip(data, path, ".hwpx") as zf:
        for name in _hwpx_sections(zf, path):
            xml = read_member(zf, name, path, ".hwpx")
            if xml is None:  # pragma: no cover - names come from the archive's own list
                continue
            _paragraph_texts(parse_xml(xml, path, what=f".hwpx {name}"), out)
    return out


def _hwpx_sections(zf: zipfile.ZipFile, path: str) -> list[str]:
    names = zf.namelist()
    sections = sorted(
        (n for n in names if _SECTION_NAME.fullmatch(n)),
        key=lambda n: int(_SECTION_NAME.fullmatch(n).group(1)),  # type: ignore[union-attr]
    )
    manifest = read_member(zf, "Contents/content.hpf", path, ".hwpx")
    if manifest is not None:
        # the package manifest's spine gives the reading order where it lists the sections
        try:
            root = parse_xml(manifest, path, what=".hwpx Contents/content.hpf")
        except DramaturgError:
            return sections
        hrefs = {
            el.get("id"): el.get("href", "")
            for el in root.iter()
            if _local(el.tag) == "item" and el.get("id")
        }
        spine = []
        for el in root.iter():
            if _local(el.tag) == "itemref":
                href = hrefs.get(el.get("idref"), "")
                full = href if href.startswith("Contents/") else f"Contents/{href}"
                if full in sections and full not in spine:
                    spine.append(full)
        if spine:
            return spine + [s for s in sections if s not in spine]
    return sections


def _paragraph_texts(root: ElementTree.Element, out: list[str]) -> None:
    """Append the text of every ``p`` under ``root``: each paragraph's own runs first, then
    the paragraphs nested in it (table cells), in document order. Iterative, so that no
    nesting depth can exhaust the stack."""
    todo: list[ElementTree.Element] = [root]  # elements still to visit, last first
    while todo:
        el = todo.pop()
        if _local(el.tag) != "p":
            todo.extend(reversed(list(el)))
            continue
        texts: list[str] = []
        nested: list[ElementTree.Element] = []
        inner: list[ElementTree.Element] = list(reversed(list(el)))
        while inner:
            child = inner.pop()
            name = _local(child.tag)
            if name == "p":
                nested.append(child)
            elif name == "t":
                texts.append(child.text or "")
                for part in child:
                    texts.append(_HWPX_CHARS.get(_local(part.tag), ""))
                    texts.append(part.tail or "")
            else:
                inner.extend(reversed(list(child)))
        out.append("".join(texts))
        todo.extend(reversed(nested))


# ---------------------------------------------------------------------------- detection


_SNIFF_HEADING = re.compile(
    r"(?m)^[ \t]*(?:[Ss][ \t]*#[ \t]*\d{1,4}|씬[ \t]*#?[ \t]*\d{1,4}|#\d{1,4}(?:[ \t]*[.)]?[ \t]+)[가-힣])"
)
_SNIFF_EPISODE = re.compile(
    r"(?m)^[ \t]*+(?:[#\[<《〈(][ \t]*+)?(?:제[ \t]*+\d{1,3}[ \t]*+[화회]|\d{1,3}[ \t]*+[화회])(?![\w])"
)
_SNIFF_COLON = re.compile(
    r"(?m)^[가-힣A-Za-z][가-힣A-Za-z0-9 ]{0,11}(?:[ \t]*+[(（][^)）\n]{0,8}[)）])?"
    r"(?:[ \t]*+[:：]|(?=[ \t]*\t))[ \t]*+\S"
)


#: How much of a text the detection reads.
SCORE_SAMPLE = 100_000


def score(text: str) -> float:
    """How well ``text`` fits a Korean script, 0..1 (0 for text with hardly any Hangul).

    Its share of lines (in the first :data:`SCORE_SAMPLE`) that are a script's: ``이름 : 대사``
    or ``이름<tab>대사`` lines, ``S#`` headings (counted three times, there are few of them)
    and episode lines (twice); 0.4 and more scores 1.0. Two headings, or one with an episode
    line or two dialogue lines, score at least 0.9. Korean prose, which quotes its speech,
    scores near 0.
    """
    sample = text[:SCORE_SAMPLE]
    if len(_HANGUL.findall(sample)) < 20:
        return 0.0
    headings = len(_SNIFF_HEADING.findall(sample))
    cues = len(_SNIFF_COLON.findall(sample))
    episodes = len(_SNIFF_EPISODE.findall(sample))
    lines = sum(1 for ln in sample.splitlines() if ln.strip())
    share = min(1.0, (cues + 3 * headings + 2 * episodes) / max(1.0, 0.4 * lines))
    if headings >= 2 or (headings >= 1 and (cues >= 2 or episodes >= 1)):
        return max(share, 0.9)
    return share


def sniff(text: str) -> bool:
    """True when ``text`` looks like a Korean script (:func:`score` at least 0.5)."""
    return score(text) >= 0.5


# ---------------------------------------------------------------------------- characters


def ages(story: Story) -> dict[str, int]:
    """Each character's age as the script first gives it (``서윤(29)``), in story order.

    The name is read without the age, so ``서윤(29)`` is the character ``서윤``; a later
    ``서윤(30)`` (a time jump) does not replace the first introduction.
    """
    out: dict[str, int] = {}
    for block in story.blocks():
        raw = block.raw
        if "(" not in raw and "（" not in raw:
            continue
        if block.kind is BlockKind.DIALOGUE and block.cue:
            head = raw.split(":", 1)[0] if ":" in raw else raw.split("\t", 1)[0]
            for m in _INTRO.finditer(head):
                out.setdefault(m.group("name"), int(m.group("age")))
            continue
        for m in _INTRO.finditer(raw):
            out.setdefault(m.group("name"), int(m.group("age")))
    return out
