"""Readers: one module per input format, each a pure function ``text -> Story``.

A reader module exposes ``FORMAT`` (a name), ``EXTENSIONS`` (lower-case, with dot),
``score(text) -> float`` (how well the text fits it, 0..1), ``sniff(text) -> bool`` (its
score is at least 0.5) and ``parse(text, path) -> Story``; binary formats (.docx, .epub,
.hwpx) expose ``parse_bytes(data, path) -> Story`` instead.

:func:`read` picks the reader by comparison, not by the first that says yes: an extension
that only one reader claims (``.fountain``, ``.fdx``, ``.srt``, ...) decides; for ``.txt``,
``.md`` and files without an extension every text reader scores the text and the highest
score wins, the readers that claim the extension getting :data:`EXTENSION_PRIOR` on top and
prose winning ties (a novel with an all-caps title page is prose; a screenplay, a Korean
``S#`` script or an SRT file saved as ``.txt`` is what it is). ``format=`` overrides all of
it. :func:`read_series` reads several files or a folder as one series, parts in natural
order (ep2 before ep10).

Every input is read through :func:`dramaturg.files.read_input`: regular files only, up to
the size limit there.
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path
from types import ModuleType

from dramaturg.errors import DramaturgError
from dramaturg.files import read_input
from dramaturg.story import Story, merge
from dramaturg.text.encoding import decode_bytes
from dramaturg.text.language import require_supported

# Order matters for content sniffing: the most specific formats first.
_READERS = ["fdx", "subtitles", "korean", "fountain", "prose", "docx", "epub"]
_BINARY_EXT = {".docx": "docx", ".epub": "epub", ".hwpx": "korean"}  # extension -> module
# Extensions whose content decides the reader (several readers, or none, claim them).
_CONTENT_EXT = frozenset({".txt", ".md", ".markdown", ""})
# Extensions that one text reader alone claims (each module's EXTENSIONS; a test keeps the
# two in step): a file with one of them imports that reader only, not all seven (the others
# and their libraries were a third of a `dramaturg stats` process on a 4 MB script).
_DECIDING_EXT = {
    ".fountain": "fountain",
    ".spmd": "fountain",
    ".fdx": "fdx",
    **dict.fromkeys(
        (".srt", ".vtt", ".ass", ".ssa", ".smi", ".sami", ".ttml", ".dfxp", ".xml", ".sub"),
        "subtitles",
    ),
}
#: What claiming a file's extension adds to a reader's score.
EXTENSION_PRIOR = 0.1
#: The least score that reads a file whose extension no reader claims.
UNKNOWN_EXTENSION_SCORE = 0.5


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"dramaturg.read.{name}")
    except ModuleNotFoundError as exc:  # a reader not built yet in this checkout
        if exc.name == f"dramaturg.read.{name}":
            return None
        raise


def readers() -> list[ModuleType]:
    return [m for m in (_module(n) for n in _READERS) if m is not None]


def _natural_key(path: str) -> list[object]:
    return [int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", path)]


def read(path: str | os.PathLike[str], *, format: str | None = None) -> Story:
    """Read one file into a Story; raises DramaturgError with file[:line] on bad input."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise DramaturgError("no such file", file=name)
    if p.is_dir():
        return read_series([p])
    ext = p.suffix.lower()
    data = read_input(name)
    if not data:
        raise DramaturgError("file is empty", file=name)
    if ext in _BINARY_EXT:
        mod = _binary_reader(data, ext, format, name)
        story: Story = mod.parse_bytes(data, name)  # every reader returns it reindexed
        require_supported(story.language, name)
        return story
    text, _encoding = decode_bytes(data, name)
    if not text or text.isspace():  # not text.strip(), which copies a whole script to test it
        raise DramaturgError("file is empty", file=name)
    mod = _pick(text, ext, format, name)
    parsed: Story = mod.parse(text, name)
    require_supported(parsed.language, name)  # not an English reading of a Japanese draft
    return parsed


def _binary_reader(data: bytes, ext: str, format: str | None, name: str) -> ModuleType:
    """The reader for a .docx/.epub/.hwpx: forced, or a Korean script by its paragraphs."""
    mods = [m for m in readers() if hasattr(m, "parse_bytes") and ext in m.EXTENSIONS]
    if format:
        for m in mods:
            if m.FORMAT == format:
                return m
        raise DramaturgError(f"format {format!r} cannot read {ext} files", file=name)
    by_name = {m.__name__.rsplit(".", 1)[-1]: m for m in mods}
    korean = by_name.get("korean")
    prose = _module("prose")
    if ext == ".docx" and korean is not None and prose is not None:
        # A Word file may hold a Korean S# script as well as a manuscript.
        body = "\n".join(korean.docx_paragraphs(data, name))
        if korean.score(body) > prose.score(body):
            return korean
    mod = by_name.get(_BINARY_EXT[ext])
    if mod is None:
        raise DramaturgError(f"unsupported file type {ext}", file=name)
    return mod


def _pick(text: str, ext: str, format: str | None, name: str) -> ModuleType:
    if not format and ext in _DECIDING_EXT:
        decided = _module(_DECIDING_EXT[ext])
        if decided is not None:
            return decided
    mods = [m for m in readers() if hasattr(m, "parse")]
    if format:
        for m in mods:
            if m.FORMAT == format:
                return m
        raise DramaturgError(f"unknown format {format!r}", file=name)
    by_ext = [m for m in mods if ext in m.EXTENSIONS]
    if len(by_ext) == 1 and ext not in _CONTENT_EXT:
        return by_ext[0]
    # Unknown extensions are read only when a structured format recognises the content:
    # guessing "prose" for any file would hide a wrong argument.
    known = bool(by_ext)
    candidates = mods if known else [m for m in mods if m.FORMAT != "prose"]
    best, top = _best(text, ext, candidates)
    if best is not None and (known or top >= UNKNOWN_EXTENSION_SCORE):
        return best
    raise DramaturgError(
        f"unsupported file type {ext or '(no extension)'}: expected a script, "
        "manuscript or subtitle file",
        file=name,
    )


def scores(text: str, ext: str = ".txt") -> dict[str, float]:
    """Each text reader's score for ``text``, extension prior included (for ``--format``
    help and tests): ``{"fountain": 0.1, "prose": 1.05, ...}``."""
    mods = [m for m in readers() if hasattr(m, "score") and hasattr(m, "parse")]
    return {m.FORMAT: _scored(m, text, ext) for m in mods}


def _scored(mod: ModuleType, text: str, ext: str) -> float:
    value: float = mod.score(text)
    return value + (EXTENSION_PRIOR if ext in mod.EXTENSIONS else 0.0)


def _best(text: str, ext: str, mods: list[ModuleType]) -> tuple[ModuleType | None, float]:
    """The reader with the highest score (prior included); prose wins ties."""
    best: ModuleType | None = None
    top = -1.0
    for m in mods:
        value = _scored(m, text, ext)
        if value > top or (value == top and m.FORMAT == "prose"):
            best, top = m, value
    return best, top


_SERIES_EXT = {
    ".fountain",
    ".spmd",
    ".fdx",
    ".txt",
    ".md",
    ".markdown",
    ".docx",
    ".epub",
    ".hwpx",
    ".srt",
    ".vtt",
    ".ass",
    ".ssa",
    ".smi",
    ".sami",
    ".ttml",
    ".dfxp",
    ".xml",
    ".sub",
}


def read_series(paths: list[str | os.PathLike[str]], *, format: str | None = None) -> Story:
    """Several files, or a folder of episodes, as one series in natural order."""
    files: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = [
                str(f)
                for f in p.iterdir()
                if f.is_file() and f.suffix.lower() in _SERIES_EXT and not f.name.startswith(".")
            ]
            if not found:
                raise DramaturgError(
                    "folder holds no script, manuscript or subtitle file", file=str(p)
                )
            files.extend(sorted(found, key=_natural_key))
        else:
            files.append(str(p))
    if not files:
        raise DramaturgError("no input files")
    stories = [read(f, format=format) for f in files]
    if len(stories) > 1:
        for i, st in enumerate(stories, 1):
            # a file with a single un-numbered part is one episode of the series
            if len(st.parts) == 1 and st.parts[0].number is None:
                st.parts[0].number = i
        title = Path(files[0]).parent.name if len(paths) == 1 and Path(paths[0]).is_dir() else None
        return merge(stories, title=title or stories[0].title)
    return stories[0]
