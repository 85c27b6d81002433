"""EPUB manuscripts, read with zipfile and the standard library's parsers (no ebooklib).

``META-INF/container.xml`` names the package (OPF) file; its spine gives the reading order of
the XHTML documents; each document's block elements (``<p>``, ``<h1>``-``<h6>``, ``<li>``,
``<blockquote>``, ``<div>`` text) become paragraph units, ``<hr>`` a scene break, ``<i>``/
``<em>`` and ``<b>``/``<strong>`` emphasis. An EPUB has no lines either: a block's
``Span.line`` is its paragraph's position in the whole book, 1-based, in spine order, and
``raw`` is the paragraph's text as extracted.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from html.parser import HTMLParser
from urllib.parse import unquote

from dramaturg.errors import DramaturgError
from dramaturg.read.container import open_zip, read_member
from dramaturg.read.prose import Unit, build_story
from dramaturg.story import Story
from dramaturg.text.safe_xml import parse_xml

__all__ = ["parse_epub", "parse_bytes"]

FORMAT = "prose"
EXTENSIONS = (".epub",)

_BLOCK_TAGS = {"p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "td"}
_ITALIC = {"i", "em", "cite"}
_BOLD = {"b", "strong"}
_SKIP = {"script", "style", "head", "title", "nav"}
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


class _Blocks(HTMLParser):
    """Collect (text, heading level, emphasis) for each block element of one XHTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[tuple[str, int | None, list[tuple[int, int, str]]]] = []
        self.parts: list[str] = []
        self.length = 0
        self.level: int | None = None
        self.open: list[tuple[str, int]] = []  # emphasis tag, start offset
        self.emphasis: list[tuple[int, int, str]] = []
        self.skip = 0

    def flush(self) -> None:
        raw = "".join(self.parts)
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        if text:
            spans = [
                (max(0, a - lead), min(len(text), b - lead), k)
                for a, b, k in self.emphasis
                if b - lead > 0 and a - lead < len(text) and b > a
            ]
            self.out.append((text, self.level, spans))
        self.parts, self.length, self.level, self.emphasis = [], 0, None, []
        self.open = [(t, 0) for t, _ in self.open]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.level = int(tag[1:])
        elif tag == "hr":
            self.flush()
            self.out.append(("* * *", None, []))
        elif tag == "br":
            self.data("\n")
        elif tag in _ITALIC or tag in _BOLD:
            self.open.append((tag, self.length))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() in ("br", "hr"):
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.flush()
        elif tag in _ITALIC or tag in _BOLD:
            for i in range(len(self.open) - 1, -1, -1):
                if self.open[i][0] == tag:
                    start = self.open.pop(i)[1]
                    if self.length > start:
                        kind = "italic" if tag in _ITALIC else "bold"
                        self.emphasis.append((start, self.length, kind))
                    break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.data(_SPACE.sub(" ", data))

    def data(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)


_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _spine(zf: zipfile.ZipFile, path: str) -> tuple[list[str], dict[str, str]]:
    """Spine documents (zip names, in reading order) and the book's title/author."""
    raw = read_member(zf, "META-INF/container.xml", path, ".epub")
    if raw is None:
        raise DramaturgError("not an EPUB: META-INF/container.xml is missing", file=path)
    container = parse_xml(raw, path, what="EPUB container.xml")
    rootfile = container.find(".//c:rootfile", _NS)
    opf_path = rootfile.get("full-path") if rootfile is not None else None
    if not opf_path:
        raise DramaturgError("EPUB container.xml names no package file", file=path)
    raw = read_member(zf, opf_path, path, ".epub")
    if raw is None:
        raise DramaturgError(f"EPUB package file {opf_path} is missing", file=path)
    opf = parse_xml(raw, path, what="EPUB package file")
    base = posixpath.dirname(opf_path)
    manifest: dict[str, tuple[str, str, str]] = {}
    for item in opf.iterfind(".//opf:manifest/opf:item", _NS):
        href = unquote(item.get("href", ""))
        full = posixpath.normpath(posixpath.join(base, href)) if base else href
        manifest[item.get("id", "")] = (
            full,
            item.get("media-type", ""),
            item.get("properties", ""),
        )
    docs = []
    for ref in opf.iterfind(".//opf:spine/opf:itemref", _NS):
        entry = manifest.get(ref.get("idref", ""))
        if entry is None or "nav" in entry[2].split():
            continue
        if entry[1] not in ("application/xhtml+xml", "text/html", "application/x-dtbook+xml"):
            continue
        docs.append(entry[0])
    meta: dict[str, str] = {}
    title = opf.find(".//dc:title", _NS)
    if title is not None and title.text and title.text.strip():
        meta["title"] = title.text.strip()
    creator = opf.find(".//dc:creator", _NS)
    if creator is not None and creator.text and creator.text.strip():
        meta["author"] = creator.text.strip()
    return docs, meta


def parse_epub(data: bytes, path: str) -> Story:
    """An EPUB as a Story (line = paragraph position in the book, in spine order)."""
    with open_zip(data, path, ".epub") as zf:
        docs, meta = _spine(zf, path)
        units: list[Unit] = []
        n = 0
        for name in docs:
            raw = read_member(zf, name, path, ".epub")
            if raw is None:
                raise DramaturgError(f"EPUB spine names a missing file {name}", file=path)
            html = raw.decode("utf-8", errors="replace")
            parser = _Blocks()
            parser.feed(html)
            parser.close()
            parser.flush()
            for text, level, emphasis in parser.out:
                n += 1
                units.append(Unit([text], n, n, level=level, text=text, emphasis=emphasis))
    if not units:
        raise DramaturgError("the EPUB has no text", file=path)
    return build_story(units, path, meta=meta)


def parse_bytes(data: bytes, path: str) -> Story:
    """The reader interface of ``read/``: a .epub manuscript as a Story."""
    return parse_epub(data, path)
