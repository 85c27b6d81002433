"""Damaged and hostile .docx, .epub and .hwpx files: one clear error, never a traceback, and
no zip bomb inflated."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from containers import EPUB_CONTAINER, docx_bytes, epub_bytes, hwpx_bytes
from dramaturg.errors import DramaturgError
from dramaturg.read import container, read
from dramaturg.read.docx import parse_bytes as parse_docx
from dramaturg.read.epub import parse_bytes as parse_epub
from dramaturg.read.korean import parse_bytes as parse_korean


def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """``data`` with some members replaced (None: removed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in change:
                new = change[info.filename]
                if new is not None:
                    dst.writestr(info.filename, new, zipfile.ZIP_DEFLATED)
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


def _flip_crc(data: bytes, member: str) -> bytes:
    """``data`` with the CRC of ``member`` wrong in both headers (a damaged download)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(member)
    buf = bytearray(data)
    crc = info.CRC.to_bytes(4, "little")
    bad = ((info.CRC ^ 0xFFFFFFFF) & 0xFFFFFFFF).to_bytes(4, "little")
    at = buf.find(crc)
    while at >= 0:
        buf[at : at + 4] = bad
        at = buf.find(crc, at + 4)
    return bytes(buf)


def test_a_zip_bomb_is_refused_before_it_inflates() -> None:
    bomb = hwpx_bytes(["x"], section="<a>" + " " * (3 * 1024 * 1024) + "</a>")
    with pytest.raises(DramaturgError, match="zip bomb"):
        parse_korean(bomb, "bomb.hwpx")


def test_a_member_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "MAX_MEMBER_BYTES", 1000)
    data = epub_bytes(["<p>" + "It rained. " * 200 + "</p>"])
    with pytest.raises(DramaturgError, match="inflate to"):
        parse_epub(data, "big.epub")


def test_too_many_members_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "MAX_MEMBERS", 3)
    with pytest.raises(DramaturgError, match="members"):
        parse_epub(epub_bytes(["<p>a</p>", "<p>b</p>"]), "many.epub")


@pytest.mark.parametrize(
    ("build", "member", "parse"),
    [
        (lambda: epub_bytes(["<p>It rained.</p>"]), "OEBPS/text/ch0.xhtml", parse_epub),
        (lambda: epub_bytes(["<p>It rained.</p>"]), "META-INF/container.xml", parse_epub),
        (lambda: hwpx_bytes(["S#1. 카페 (낮)"]), "Contents/section0.xml", parse_korean),
        (lambda: docx_bytes(["It rained."]), "word/document.xml", parse_docx),
    ],
)
def test_a_member_with_a_bad_crc_is_a_clear_error(build, member, parse) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DramaturgError):
        parse(_flip_crc(build(), member), "damaged")


def test_an_encrypted_member_is_a_clear_error() -> None:
    data = bytearray(epub_bytes(["<p>It rained.</p>"]))
    # set the "encrypted" flag of every entry in the central directory
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 8] |= 0x01
        at = data.find(b"PK\x01\x02", at + 4)
    with pytest.raises(DramaturgError, match="encrypted"):
        parse_epub(bytes(data), "locked.epub")


def test_not_a_zip_at_all_is_a_clear_error() -> None:
    for parse in (parse_docx, parse_epub, parse_korean):
        with pytest.raises(DramaturgError, match="zip"):
            parse(b"PK\x03\x04 not really", "x")


def test_a_nul_character_reference_in_a_docx_is_a_clear_error() -> None:
    data = docx_bytes(["It rained."])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml")
    data = _rezip(data, {"word/document.xml": xml.replace(b"It rained.", b"It &#0; rained.")})
    with pytest.raises(DramaturgError, match="not a readable .docx"):
        parse_docx(data, "nul.docx")


def test_a_docx_whose_package_names_a_missing_part_is_a_clear_error() -> None:
    data = _rezip(docx_bytes(["It rained all night."]), {"docProps/core.xml": None})
    with pytest.raises(DramaturgError, match="bare.docx: not a readable .docx"):
        parse_docx(data, "bare.docx")


def test_a_docx_with_broken_core_properties_is_a_clear_error_or_reads() -> None:
    data = _rezip(docx_bytes(["It rained."]), {"docProps/core.xml": b"<cp:coreProperties"})
    try:
        story = parse_docx(data, "odd.docx")
    except DramaturgError as exc:
        assert "odd.docx" in str(exc)
    else:
        assert story.form == "prose"


def test_an_unknown_encoding_in_an_xml_declaration_is_a_clear_error() -> None:
    container_xml = EPUB_CONTAINER.replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="x-nope"?>'
    )
    with pytest.raises(DramaturgError, match="x-nope"):
        parse_epub(epub_bytes(["<p>a</p>"], container=container_xml), "enc.epub")


def test_an_entity_declaration_is_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container">&b;</container>'
    )
    with pytest.raises(DramaturgError, match="entities"):
        parse_epub(epub_bytes(["<p>a</p>"], container=laughs), "laughs.epub")


def test_deep_nesting_in_a_hwpx_section_is_refused_not_a_recursion_error() -> None:
    section = (
        '<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section">'
        + "<hs:x>" * 1000
        + "</hs:x>" * 1000
        + "</hs:sec>"
    )
    with pytest.raises(DramaturgError, match="deep"):
        parse_korean(hwpx_bytes([], section=section), "deep.hwpx")


def test_nesting_within_the_limit_reads_every_paragraph_in_order() -> None:
    ns = 'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"'
    cell = "<hp:p><hp:run><hp:t>서윤 : 안에서요.</hp:t></hp:run></hp:p>"
    nested = "<hp:tbl>" * 200 + cell + "</hp:tbl>" * 200
    section = (
        f'<hs:sec {ns} xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section">'
        "<hp:p><hp:run><hp:t>S#1. 카페 (낮)</hp:t></hp:run></hp:p>"
        f"<hp:p><hp:run><hp:t>도현 : 밖에서요.</hp:t>{nested}</hp:run></hp:p></hs:sec>"
    )
    story = parse_korean(hwpx_bytes([], section=section), "tables.hwpx")
    assert [(b.speaker, b.text) for b in story.blocks()] == [
        ("도현", "밖에서요."),
        ("서윤", "안에서요."),
    ]


def test_read_names_the_file_for_a_damaged_container(tmp_path: Path) -> None:
    f = tmp_path / "novel.epub"
    f.write_bytes(_flip_crc(epub_bytes(["<p>It rained.</p>"]), "OEBPS/text/ch0.xhtml"))
    with pytest.raises(DramaturgError) as exc:
        read(f)
    assert str(exc.value).startswith(str(f))
