"""Zip containers (.docx, .epub, .hwpx) opened with limits checked before anything inflates.

A zip archive says in its central directory how many members it holds and how large each
one is uncompressed; :func:`open_zip` refuses an archive whose numbers are out of bounds
(a zip bomb: 1 MB that inflates to gigabytes) before a single member is read, and
:func:`read_member` reads one member with every error zipfile and zlib can raise on a
damaged or encrypted archive turned into a :class:`~dramaturg.errors.DramaturgError`.
zipfile stops inflating a member at the size its directory entry gives, so the checked
sizes bound the memory a read can take.

Only stored and deflated members are read (what every word processor writes), never
encrypted ones. Limits: :data:`MAX_MEMBERS` members, :data:`MAX_MEMBER_BYTES` per member and
:data:`MAX_TOTAL_BYTES` in all (uncompressed), and members over 1 MiB at most
:data:`MAX_RATIO` times their compressed size (text compresses about 10:1, a bomb 1000:1).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from dramaturg.errors import DramaturgError

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "check_limits",
    "open_zip",
    "read_member",
]

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # smaller members may compress as well as they like

# What zipfile, zlib, bz2 and lzma raise on damaged, truncated, encrypted or unsupported
# members: BadZipFile (bad CRC, bad header), zlib.error, NotImplementedError (compression
# method), RuntimeError (encrypted), ValueError / EOFError / OSError (truncated streams,
# lzma and bz2 errors are OSError and EOFError).
_ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    ValueError,
    EOFError,
    OSError,
    KeyError,
    OverflowError,
)


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def open_zip(data: bytes, path: str, kind: str) -> zipfile.ZipFile:
    """The archive in ``data`` after its directory passed the limits; ``kind`` names the file
    type in errors (``".epub"``)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except _ZIP_ERRORS as exc:
        raise DramaturgError(
            f"not a readable {kind} file (not a zip archive: {exc})", file=path
        ) from None
    try:
        check_limits(infos, path, kind)
    except DramaturgError:
        zf.close()
        raise
    return zf


def check_limits(infos: list[zipfile.ZipInfo], path: str, kind: str) -> None:
    """Refuse an archive whose directory promises more than the limits allow."""
    if len(infos) > MAX_MEMBERS:
        raise DramaturgError(
            f"{kind} file holds {len(infos):,} members, more than the {MAX_MEMBERS:,} "
            "a document has: refused as a possible zip bomb",
            file=path,
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise DramaturgError(
                f"{kind} member {info.filename} is encrypted: save the document without a password",
                file=path,
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # bzip2 and LZMA members inflate without an output bound in zipfile; no word
            # processor writes them
            raise DramaturgError(
                f"{kind} member {info.filename} uses an unsupported compression method "
                f"({info.compress_type})",
                file=path,
            )
        size = info.file_size
        if size > MAX_MEMBER_BYTES:
            raise DramaturgError(
                f"{kind} member {info.filename} would inflate to {_mib(size)}, over the "
                f"{_mib(MAX_MEMBER_BYTES)} limit: refused as a possible zip bomb",
                file=path,
            )
        if size > _RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise DramaturgError(
                f"{kind} member {info.filename} inflates {size // max(info.compress_size, 1):,} "
                f"times (limit {MAX_RATIO}): refused as a possible zip bomb",
                file=path,
            )
        total += size
    if total > MAX_TOTAL_BYTES:
        raise DramaturgError(
            f"{kind} file would inflate to {_mib(total)}, over the {_mib(MAX_TOTAL_BYTES)} "
            "limit: refused as a possible zip bomb",
            file=path,
        )


def read_member(zf: zipfile.ZipFile, name: str, path: str, kind: str) -> bytes | None:
    """The bytes of member ``name``, None when the archive has no such member."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_MEMBER_BYTES + 1)
    except _ZIP_ERRORS as exc:
        raise DramaturgError(f"{kind} member {name} cannot be read ({exc})", file=path) from None
    if len(data) > MAX_MEMBER_BYTES:  # pragma: no cover - zipfile stops at file_size
        raise DramaturgError(f"{kind} member {name} is too large", file=path)
    return data
