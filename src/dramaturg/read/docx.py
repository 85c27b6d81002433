"""Word (.docx) manuscripts, read with python-docx into the prose structure.

A .docx has paragraphs, not lines, so a block's ``Span.line`` is its paragraph's position in
the document body, 1-based (empty paragraphs count, tables do not): ``line 12`` is the 12th
paragraph, which is what Word's own navigation shows closest to. Chapters come from the
``Heading 1``/``Heading 2``/``Title`` styles or, in manuscripts typed without styles, from
chapter headings as printed (``Chapter 3``). Italic and bold runs become ``emphasis``.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from dramaturg.errors import DramaturgError
from dramaturg.read.prose import Unit, build_story
from dramaturg.story import Story

__all__ = ["parse_docx", "parse_bytes"]

FORMAT = "prose"
EXTENSIONS = (".docx",)

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)


def _level(style_name: str) -> int | None:
    if style_name.casefold() == "title":
        return 0
    m = _HEADING_STYLE.match(style_name.strip())
    return int(m.group(1)) if m else None


def open_document(data: bytes, path: str) -> Any:
    """The python-docx Document of ``data``, or a clear error for a file Word can't have made."""
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - a declared dependency
        raise DramaturgError("reading .docx needs python-docx", file=path) from None
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DramaturgError(f"not a readable .docx file ({exc})", file=path) from None


def parse_docx(data: bytes, path: str) -> Story:
    """A .docx manuscript as a Story (line = paragraph index + 1)."""
    document = open_document(data, path)
    units: list[Unit] = []
    meta: dict[str, str] = {}
    props = document.core_properties
    if props.title:
        meta["title"] = props.title
    if props.author:
        meta["author"] = props.author
    for index, para in enumerate(document.paragraphs):
        text = para.text
        if not text.strip():
            continue
        style = para.style.name if para.style is not None and para.style.name else ""
        emphasis: list[tuple[int, int, str]] = []
        pos = 0
        for run in para.runs:
            n = len(run.text)
            if n and run.italic:
                emphasis.append((pos, pos + n, "italic"))
            if n and run.bold:
                emphasis.append((pos, pos + n, "bold"))
            pos += n
        if pos != len(text):  # hyperlinks and fields hold text outside the runs
            emphasis = []
        units.append(
            Unit([text], index + 1, index + 1, level=_level(style), text=text, emphasis=emphasis)
        )
    if not units:
        raise DramaturgError("the document has no text", file=path)
    return build_story(units, path, meta=meta)


def parse_bytes(data: bytes, path: str) -> Story:
    """The reader interface of ``read/``: a .docx manuscript as a Story."""
    return parse_docx(data, path)
