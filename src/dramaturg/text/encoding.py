"""Decode text files whose encoding nobody wrote down.

Subtitle and script files arrive as UTF-8 (with or without BOM), UTF-16 without a BOM, and the
Korean legacy encodings (EUC-KR, CP949/UHC, JOHAB, ISO-2022-KR). charset-normalizer returns
nothing for some CP949 files and mistakes others, so the order here is explicit:

1. empty file -> error
2. BOM (UTF-32 before UTF-16, since ``FF FE 00 00`` starts with the UTF-16 LE BOM)
3. NUL bytes: UTF-16/UTF-32 without BOM if the NULs fall in a column pattern, otherwise binary
4. ISO-2022-KR (7-bit, with its ``ESC $ ) C`` designator; it is also valid ASCII)
5. strict UTF-8
6. Korean double-byte: EUC-KR, CP949, JOHAB, each strict, best Korean plausibility wins
7. Windows-1252, unless the result looks like mojibake of some other double-byte encoding
8. charset-normalizer, only when it finds no mess (GB2312, Big5, Shift-JIS ...)

>>> decode_bytes("안녕".encode("cp949"), "x.srt")
('안녕', 'euc-kr')
"""

from __future__ import annotations

import os
import re
from collections import Counter

from dramaturg.errors import DramaturgError
from dramaturg.files import read_input

__all__ = ["decode_bytes", "read_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
)

# C0 controls that never occur in text files (tab, LF, FF, CR and ESC are allowed).
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_OR_KOREAN_TEXT = re.compile(
    r"[\uac00-\ud7a3\u3131-\u318e\u4e00-\u9fff\u3000-\u303f\u00b7\u2026\u2018\u2019\u201c\u201d"
    r"\u25a0-\u25ff\u2460-\u24ff\uff01-\uff5e]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _bom_decode(data: bytes, path: str) -> tuple[str, str] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise DramaturgError(
                    f"starts with a {name.upper()} byte-order mark but is not valid {name.upper()} "
                    f"(byte {exc.start})",
                    file=path,
                ) from None
            if text.startswith("\ufeff"):  # utf-8-sig strips it; utf-16/32 do too, but be sure
                text = text[1:]
            return text, name
    return None


def _wide_unicode_guess(data: bytes) -> str | None:
    """Guess UTF-16/32 without a BOM from where the NUL bytes fall (ASCII digits, spaces)."""
    sample = data[:8192]
    n = len(sample)
    if n < 4:
        return None
    nuls = sample.count(0)
    if nuls < n // 8:
        return None
    by_mod4 = [sample[i::4].count(0) for i in range(4)]
    quarter = n / 4
    # UTF-32: three of four columns almost all NUL.
    if by_mod4[1] > 0.9 * quarter and by_mod4[2] > 0.9 * quarter and by_mod4[3] > 0.9 * quarter:
        return "utf-32-le"
    if by_mod4[0] > 0.9 * quarter and by_mod4[1] > 0.9 * quarter and by_mod4[2] > 0.9 * quarter:
        return "utf-32-be"
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > 3 * max(even, 1) and odd > n / 8:
        return "utf-16-le"
    if even > 3 * max(odd, 1) and even > n / 8:
        return "utf-16-be"
    return None


def _korean_plausibility(text: str) -> float:
    """Share of non-ASCII characters that real Korean text is made of.

    Hangul syllables in KS X 1001 (the 2,350 that EUC-KR can encode) count fully; the other
    8,822 syllables, which a wrong guess produces at random, count a quarter. Each distinct
    character is judged once (a Korean text has a few thousand), in quarters, so the sum is
    exact and a long file costs one pass.
    """
    non_ascii = _NON_ASCII.findall(text)
    if not non_ascii:
        return 0.0
    quarters = 0
    for ch, n in Counter(non_ascii).items():
        if _HANGUL.match(ch):
            try:
                ch.encode("euc_kr")
                quarters += 4 * n
            except UnicodeEncodeError:
                quarters += n
        elif _HANGUL_OR_KOREAN_TEXT.match(ch):
            quarters += 2 * n
    return quarters / 4 / len(non_ascii)


def _korean_decode(data: bytes) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    for codec, name in (("euc_kr", "euc-kr"), ("cp949", "cp949"), ("johab", "johab")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _korean_plausibility(text)
        # Earlier codecs win ties: EUC-KR decodes KS X 1001 make-up sequences that CP949
        # turns into filler jamo, and CP949 is far more common than JOHAB.
        if best is None or score > best[0] + 1e-9:
            best = (score, text, name)
    if best is None or best[0] < 0.5:
        return None
    return best[1], best[2]


_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _looks_like_mojibake(text: str) -> bool:
    # letters as str.isalpha counts them, ASCII ones found in C, the others tested one by one
    non_ascii = sum(map(str.isalpha, _NON_ASCII.findall(text)))
    letters = len(_ASCII_LETTER.findall(text)) + non_ascii
    if not letters:
        return False
    return non_ascii > 0.4 * letters


def _detector_guess(data: bytes) -> tuple[str, str] | None:
    """Last resort for other legacy encodings (GB2312, Big5, Shift-JIS...): charset-normalizer,
    trusted only when it finds no mess at all (a file mixing encodings has some)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.05:
        return None
    return str(best), str(best.encoding).replace("_", "-")


def _check_not_binary(text: str, path: str, encoding: str) -> None:
    controls = len(_BINARY_CONTROLS.findall(text[:65536]))
    if controls > max(2, len(text[:65536]) // 20):
        raise DramaturgError(f"looks like a binary file, not text (read as {encoding})", file=path)


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode ``data`` (the contents of ``path``) and name the encoding used.

    Returns ``(text, encoding)`` where ``encoding`` is a Python codec name that reproduces the
    file when used to encode (``utf-8-sig`` and ``utf-16``/``utf-32`` mean the file had a BOM).
    The BOM is not part of the text; line endings are left as they are.
    Raises :class:`DramaturgError` for empty, binary or undecodable data.
    """
    if not data:
        raise DramaturgError("file is empty", file=path)

    found = _bom_decode(data, path)
    if found is not None:
        _check_not_binary(found[0], path, found[1])
        return found

    if b"\x00" in data:
        wide = _wide_unicode_guess(data)
        if wide is None and data.count(0) * 100 <= len(data):
            # A stray NUL in a text file (the WebVTT spec reads it as U+FFFD): fall through.
            pass
        elif wide is None:
            raise DramaturgError(
                "looks like a binary file, not text (contains NUL bytes)", file=path
            )
        else:
            try:
                text = data.decode(wide)
            except UnicodeDecodeError:
                raise DramaturgError(
                    f"looks like {wide.upper()} without a byte-order mark but does not decode as it",
                    file=path,
                ) from None
            _check_not_binary(text, path, wide)
            return text, wide

    # ISO-2022-KR is 7-bit: the cheap tests first (a byte search for ESC, isascii), the
    # designator's search over the whole text (a millisecond on 2 MB) only when both pass
    if b"\x1b" in data and data.isascii() and b"\x1b$)C" in data:
        try:
            text = data.decode("iso2022_kr")
            return text, "iso2022-kr"
        except UnicodeDecodeError:
            pass

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(text, path, "utf-8")
        return text, "utf-8"

    korean = _korean_decode(data)
    if korean is not None:
        _check_not_binary(korean[0], path, korean[1])
        return korean

    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and not _looks_like_mojibake(text):
        _check_not_binary(text, path, "cp1252")
        return text, "cp1252"

    guessed = _detector_guess(data)
    if guessed is not None:
        _check_not_binary(guessed[0], path, guessed[1])
        return guessed

    _check_not_binary(data.decode("latin-1"), path, "bytes")
    raise DramaturgError(
        "cannot tell the text encoding: not UTF-8/16/32, EUC-KR, CP949, JOHAB, ISO-2022-KR, "
        "Windows-1252 or another clean legacy encoding (mixed encodings?); convert it to UTF-8",
        file=path,
    )


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Read and decode a text file; see :func:`decode_bytes`.

    Raises :class:`DramaturgError` when the file cannot be read (missing, a directory, no
    permission, not a regular file, over the size limit of :func:`dramaturg.files.read_input`)
    as well as for undecodable contents.
    """
    name = os.fspath(path)
    return decode_bytes(read_input(name), name)
