"""Small .docx, .epub and .hwpx files built in memory for the reader tests and the fuzz suite."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A .docx written by python-docx, one paragraph per item."""
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


_HWPX_NS = (
    'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
    'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"'
)


def hwpx_section(paragraphs: list[str]) -> str:
    """The XML of one .hwpx section: one ``hp:p`` per paragraph, tabs as ``hp:tab``."""
    ps = []
    for i, text in enumerate(paragraphs):
        runs = "<hp:tab/>".join(escape(piece) for piece in text.split("\t"))
        ps.append(f'<hp:p id="{i}"><hp:run charPrIDRef="0"><hp:t>{runs}</hp:t></hp:run></hp:p>')
    return f'<?xml version="1.0" encoding="UTF-8"?><hs:sec {_HWPX_NS}>{"".join(ps)}</hs:sec>'


def hwpx_bytes(paragraphs: list[str], *, section: str | None = None) -> bytes:
    """A minimal .hwpx: one section (``section`` as given, or built from ``paragraphs``)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/hwp+zip")
        zf.writestr("Contents/section0.xml", section or hwpx_section(paragraphs))
    return buf.getvalue()


EPUB_CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" '
    'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
    '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
    "</rootfiles></container>"
)


def epub_bytes(chapters: list[str], *, container: str = EPUB_CONTAINER) -> bytes:
    """An EPUB 3 with one XHTML file per chapter body; the spine lists them in reverse file
    order (reading order is the spine's)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr("META-INF/container.xml", container)
        items = "".join(
            f'<item id="c{i}" href="text/ch{i}.xhtml" media-type="application/xhtml+xml"/>'
            for i in range(len(chapters))
        )
        spine = "".join(f'<itemref idref="c{i}"/>' for i in reversed(range(len(chapters))))
        zf.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Rain Letters'
            "</dc:title><dc:creator>A. Writer</dc:creator></metadata>"
            f"<manifest>{items}</manifest><spine>{spine}</spine></package>",
        )
        for i, body in enumerate(chapters):
            zf.writestr(
                f"OEBPS/text/ch{i}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                f"<head><title>x</title></head><body>{body}</body></html>",
            )
    return buf.getvalue()
