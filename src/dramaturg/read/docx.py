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
from dataclasses import dataclass

from dramaturg.errors import DramaturgError
from dramaturg.read.container import open_zip
from dramaturg.read.prose import Unit, build_story
from dramaturg.story import Story

__all__ = ["Paragraph", "docx_content", "parse_docx", "parse_bytes"]

FORMAT = "prose"
EXTENSIONS = (".docx",)

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)


def _level(style_name: str) -> int | None:
    if style_name.casefold() == "title":
        return 0
    m = _HEADING_STYLE.match(style_name.strip())
    return int(m.group(1)) if m else None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph of a .docx: its text, style name and italic/bold runs."""

    text: str
    style: str
    emphasis: list[tuple[int, int, str]]


def docx_content(data: bytes, path: str) -> tuple[list[Paragraph], dict[str, str]]:
    """Every body paragraph of a .docx in order (empty ones too) and its title/author.

    The archive's limits are checked first (:func:`dramaturg.read.container.open_zip`);
    python-docx then reads it. python-docx raises many kinds of error on a damaged package
    (lxml's ``XMLSyntaxError``, ``KeyError`` for a missing part, ``AttributeError`` deep in
    its object model, ...); all of them mean the same to the user, so every python-docx call
    stands inside the one ``try`` below and comes out as a :class:`DramaturgError`.
    """
    open_zip(data, path, ".docx").close()
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - a declared dependency
        raise DramaturgError("reading .docx needs python-docx", file=path) from None
    try:
        document = docx.Document(io.BytesIO(data))
        meta: dict[str, str] = {}
        props = document.core_properties
        if props.title:
            meta["title"] = str(props.title)
        if props.author:
            meta["author"] = str(props.author)
        out: list[Paragraph] = []
        style_names: dict[str | None, str] = {}
        for para in document.paragraphs:
            text = para.text
            if not text.strip():
                out.append(Paragraph(text, "", []))
                continue
            # python-docx looks a paragraph's style up by scanning every style of the
            # document (the default one for a paragraph without one): once per style id
            # here, not per paragraph (that scan was 85% of reading a long manuscript)
            sid = para._p.style
            style = style_names.get(sid)
            if style is None:
                found = para.style
                style = style_names[sid] = found.name if found is not None and found.name else ""
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
            out.append(Paragraph(text, str(style), emphasis))
    except DramaturgError:  # pragma: no cover - nothing above raises it
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx's errors on a damaged package
        raise DramaturgError(
            f"not a readable .docx file ({type(exc).__name__}: {exc})", file=path
        ) from None
    return out, meta


def parse_docx(data: bytes, path: str) -> Story:
    """A .docx manuscript as a Story (line = paragraph index + 1)."""
    paragraphs, meta = docx_content(data, path)
    units: list[Unit] = []
    for index, para in enumerate(paragraphs):
        if not para.text.strip():
            continue
        units.append(
            Unit(
                [para.text],
                index + 1,
                index + 1,
                level=_level(para.style),
                text=para.text,
                emphasis=para.emphasis,
            )
        )
    if not units:
        raise DramaturgError("the document has no text", file=path)
    return build_story(units, path, meta=meta)


def parse_bytes(data: bytes, path: str) -> Story:
    """The reader interface of ``read/``: a .docx manuscript as a Story."""
    return parse_docx(data, path)
