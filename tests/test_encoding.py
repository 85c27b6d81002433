"""Encoding sniffing: BOMs, UTF-16 without BOM, the Korean legacy encodings, Windows-1252."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramaturg.errors import DramaturgError
from dramaturg.text.encoding import decode_bytes, read_text
from shared_data import SHARED_DATA

SHARED = SHARED_DATA
DERIVED = SHARED / "subtitles/files/derived"
NOVEL = SHARED / "korean/dongbaekkkot_kim_yujeong_1936.txt"
needs_shared = pytest.mark.skipif(not DERIVED.is_dir(), reason="shared fixtures not mounted")

SRT_KO = "1\n00:00:01,000 --> 00:00:02,500\n안녕하세요, 여러분… 똠방각하\n\n2\n00:00:03,000 --> 00:00:04,000\n- 하지만 왜?\n"
SRT_KS = SRT_KO.replace(" 똠방각하", "")  # only KS X 1001 syllables, so EUC-KR can encode it


def test_utf8_without_bom() -> None:
    assert decode_bytes(SRT_KO.encode("utf-8"), "a.srt") == (SRT_KO, "utf-8")


def test_utf8_bom_is_stripped_and_named() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + SRT_KO.encode("utf-8"), "a.srt") == (SRT_KO, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    data = "\ufeff".encode(codec) + SRT_KO.encode(codec)
    assert decode_bytes(data, "a.srt") == (SRT_KO, "utf-16")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_sniffed_from_nul_columns(codec: str) -> None:
    assert decode_bytes(SRT_KO.encode(codec), "a.srt") == (SRT_KO, codec)


def test_utf32_le_bom_is_not_mistaken_for_utf16() -> None:
    data = "\ufeff".encode("utf-32-le") + SRT_KO.encode("utf-32-le")
    assert decode_bytes(data, "a.srt") == (SRT_KO, "utf-32")


def test_euc_kr() -> None:
    assert decode_bytes(SRT_KS.encode("euc_kr"), "a.srt") == (SRT_KS, "euc-kr")


def test_cp949_with_syllables_outside_euc_kr() -> None:
    assert decode_bytes(SRT_KO.encode("cp949"), "a.srt") == (SRT_KO, "cp949")


def test_johab() -> None:
    assert decode_bytes(SRT_KO.encode("johab"), "a.srt") == (SRT_KO, "johab")


def test_iso2022_kr_is_not_taken_for_ascii() -> None:
    data = SRT_KS.encode("iso2022_kr")
    assert max(data) < 0x80
    assert decode_bytes(data, "a.srt") == (SRT_KS, "iso2022-kr")


def test_cp1252_curly_quotes_and_accents() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n\u201cCaf\u00e9?\u201d she said. \u201cNo.\u201d\n"
    assert decode_bytes(text.encode("cp1252"), "a.srt") == (text, "cp1252")


@needs_shared
def test_cp949_copy_of_a_korean_novel(tmp_path: Path) -> None:
    novel, _ = read_text(NOVEL)
    legacy = tmp_path / "novel_cp949.txt"
    legacy.write_bytes(novel.encode("cp949"))
    text, encoding = read_text(legacy)
    assert text == novel
    assert encoding in {"euc-kr", "cp949"}


@needs_shared
@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("ko_cp949_uhc.srt", "cp949"),
        ("ko_en_bilingual_cp949.smi", "cp949"),
        ("ko_euckr.srt", "euc-kr"),
        ("ko_euckr_prose.srt", "euc-kr"),
        ("ko_iso2022kr.srt", "iso2022-kr"),
        ("ko_johab.srt", "johab"),
        ("ko_utf16be_nobom.srt", "utf-16-be"),
        ("ko_utf16le_bom.srt", "utf-16"),
        ("ko_utf8.srt", "utf-8"),
        ("ko_utf8_bom_crlf.srt", "utf-8-sig"),
    ],
)
def test_derived_korean_fixtures(name: str, encoding: str) -> None:
    text, found = read_text(DERIVED / name)
    assert found == encoding
    assert "안녕하세요" in text or "파이썬" in text


@needs_shared
def test_euc_kr_make_up_sequences_decode_to_syllables() -> None:
    text, _ = read_text(DERIVED / "ko_euckr_prose.srt")
    assert "\u3164" not in text  # Hangul filler: what CP949 makes of the 8-byte sequences


def test_other_legacy_cjk_encoding_falls_back_to_the_detector() -> None:
    text = "1\n00:00:27,000 --> 00:00:30,730\n宇宙守护神  保护我们远离邪恶\n\n2\n00:00:31,500 --> 00:00:34,100\n他能徒手抓住子弹  拦住疾速的火车\n"
    decoded, encoding = decode_bytes(text.encode("gb2312"), "zh.srt")
    assert decoded == text
    assert encoding in {"gb2312", "gb18030", "gbk"}


def test_empty_file_is_refused() -> None:
    with pytest.raises(DramaturgError, match="empty"):
        decode_bytes(b"", "a.srt")


def test_binary_file_is_refused() -> None:
    with pytest.raises(DramaturgError, match="binary") as info:
        decode_bytes(bytes(range(256)) * 4, "pic.png")
    assert info.value.file == "pic.png"


def test_mixed_encodings_are_refused_with_the_file_name() -> None:
    data = "Ünïcödé\n".encode() + "똠방각하 안녕\n".encode("cp949") + b"\x81\x8d\x9d\n"
    with pytest.raises(DramaturgError, match="encoding") as info:
        decode_bytes(data, "mixed.srt")
    assert str(info.value).startswith("mixed.srt: ")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DramaturgError, match="no such file"):
        read_text(tmp_path / "nope.srt")
