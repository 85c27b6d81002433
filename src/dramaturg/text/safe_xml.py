"""XML from untrusted files (TTML, EPUB packages, HWPX sections) as ElementTree elements.

The standard library's parser (expat) builds the tree here, with limits a hostile file
cannot get past:

- no entity declarations (``<!ENTITY``): no "billion laughs", no external entities, no
  network or file access (what ``defusedxml`` forbids by default);
- at most :data:`MAX_DEPTH` nested elements, so that no later walk of the tree can run out of
  stack, and at most :data:`MAX_ELEMENTS` elements in all;
- an encoding named in the XML declaration that Python does not know, or bytes that are not
  in it, are a plain "not well-formed" error.

Every failure is a :class:`~dramaturg.errors.DramaturgError` with the file and the line.

>>> root = parse_xml(b'<tt xmlns="http://www.w3.org/ns/ttml"><body/></tt>', "a.ttml")
>>> root.tag, [child.tag for child in root]
('{http://www.w3.org/ns/ttml}tt', ['{http://www.w3.org/ns/ttml}body'])
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from dramaturg.errors import DramaturgError

__all__ = ["MAX_DEPTH", "MAX_ELEMENTS", "parse_xml"]

#: Deepest nesting accepted (real TTML, OPF and HWPX stay under 30).
MAX_DEPTH = 256
#: Most elements accepted in one document.
MAX_ELEMENTS = 5_000_000


class _Refused(Exception):
    """Raised inside an expat handler to stop the parse."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _name(raw: str) -> str:
    """expat's ``uri}local`` as ElementTree's ``{uri}local``."""
    return "{" + raw if "}" in raw else raw


def parse_xml(data: bytes | str, path: str, *, what: str = "XML") -> ET.Element:
    """The root element of the XML document ``data`` (bytes, or text already decoded).

    ``what`` names the document in errors (``"TTML"``, ``"EPUB package file"``).
    """
    # text already decoded is fed as UTF-8, whatever its declaration says
    parser = expat.ParserCreate("utf-8" if isinstance(data, str) else None, "}")
    builder = ET.TreeBuilder()
    depth = 0
    count = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal depth, count
        depth += 1
        count += 1
        if depth > MAX_DEPTH:
            raise _Refused(
                f"{what} nests elements more than {MAX_DEPTH} deep", parser.CurrentLineNumber
            )
        if count > MAX_ELEMENTS:
            raise _Refused(
                f"{what} has more than {MAX_ELEMENTS:,} elements", parser.CurrentLineNumber
            )
        if attrs and any("}" in k for k in attrs):
            attrs = {_name(k): v for k, v in attrs.items()}
        builder.start(_name(tag), attrs)

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(_name(tag))

    def entity_declared(*_args: object) -> None:
        raise _Refused(
            f"{what} declares entities (<!ENTITY>), which are not read", parser.CurrentLineNumber
        )

    def external_entity(*_args: object) -> int:
        raise _Refused(f"{what} refers to an external entity", parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = entity_declared
    parser.UnparsedEntityDeclHandler = entity_declared
    parser.ExternalEntityRefHandler = external_entity
    parser.buffer_text = True
    parser.ordered_attributes = False
    try:
        parser.Parse(data.encode("utf-8", "replace") if isinstance(data, str) else data, True)
    except _Refused as exc:
        raise DramaturgError(exc.message, file=path, line=exc.line) from None
    except expat.ExpatError as exc:
        raise DramaturgError(
            f"{what} is not well-formed XML ({expat.ErrorString(exc.code)})",
            file=path,
            line=exc.lineno or None,
        ) from None
    except (LookupError, UnicodeError, ValueError) as exc:
        # an encoding Python does not know ("x-unknown"), or one whose codec fails
        raise DramaturgError(
            f"{what} cannot be decoded: {exc}", file=path, line=parser.CurrentLineNumber or None
        ) from None
    try:
        root: ET.Element = builder.close()
    except AssertionError:  # pragma: no cover - expat reports unclosed tags first
        raise DramaturgError(f"{what} is not well-formed XML", file=path) from None
    return root
