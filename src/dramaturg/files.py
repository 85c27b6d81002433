"""Files in and out: inputs read only when they are regular files of a sane size; outputs
written atomically (a reader of the output never sees half a file, a failure leaves none);
backups that never follow a symlink and never replace an earlier backup.

Size limit: an input file may hold at most :data:`MAX_INPUT_BYTES` (32 MiB, ten times the
longest novels; the environment variable ``DRAMATURG_MAX_INPUT_MB`` changes it). A larger file,
a FIFO, a device such as ``/dev/zero`` or a socket is refused with a clear error before any of
it is read, so no input can make a run read without end or block forever.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from dramaturg.errors import DramaturgError

__all__ = ["MAX_INPUT_BYTES", "max_input_bytes", "read_input", "write_atomic", "write_backup"]

#: The default size limit of one input file, in bytes.
MAX_INPUT_BYTES = 32 * 1024 * 1024


def max_input_bytes() -> int:
    """The size limit in force: ``$DRAMATURG_MAX_INPUT_MB`` (MiB) or :data:`MAX_INPUT_BYTES`."""
    value = os.environ.get("DRAMATURG_MAX_INPUT_MB", "").strip()
    if value:
        try:
            mb = float(value)
        except ValueError:
            mb = 0.0
        if mb > 0 and mb < 1 << 20:
            return int(mb * 1024 * 1024)
    return MAX_INPUT_BYTES


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def read_input(path: str | os.PathLike[str], *, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, or a :class:`DramaturgError` saying why not.

    The file is opened without blocking (a FIFO with no writer cannot hang the open) and
    checked on the open descriptor, so a file swapped for a FIFO in between is caught too.
    """
    name = os.fspath(path)
    limit = max_input_bytes()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise DramaturgError("no such file", file=name) from None
    except IsADirectoryError:
        raise DramaturgError(f"is a directory, not a {what}", file=name) from None
    except OSError as exc:
        raise DramaturgError(f"cannot read: {exc.strerror or exc}", file=name) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DramaturgError(f"is a directory, not a {what}", file=name)
        if not stat.S_ISREG(info.st_mode):
            kind = (
                "a FIFO (named pipe)"
                if stat.S_ISFIFO(info.st_mode)
                else "a device"
                if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "a socket"
                if stat.S_ISSOCK(info.st_mode)
                else "not a regular file"
            )
            raise DramaturgError(
                f"is {kind}, not a regular file: only regular files are read", file=name
            )
        if info.st_size > limit:
            raise DramaturgError(_too_large(info.st_size, limit), file=name)
        chunks: list[bytes] = []
        size = 0
        # the whole file in one read where its size is known (one buffer, no copy to join
        # pieces); read at most limit + 1 bytes: a file that grows while read (or a /proc file
        # that reports size 0) cannot make the read endless
        step = max(info.st_size + 1, 1 << 16)
        while size <= limit:
            try:
                chunk = os.read(fd, min(step, limit + 1 - size))
            except BlockingIOError:  # pragma: no cover - regular files never block
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise DramaturgError(_too_large(size, limit), file=name)
        return b"".join(chunks)
    except OSError as exc:
        raise DramaturgError(f"cannot read: {exc.strerror or exc}", file=name) from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return (
        f"too large ({_mib(size)}; dramaturg reads files of up to {_mib(limit)}, "
        "set DRAMATURG_MAX_INPUT_MB to change the limit)"
    )


# ---------------------------------------------------------------------------- writing


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Temporary files are named after the target and the writing process: ".NAME.dramaturg-PID-
# XXXXXXXX.tmp". A run killed mid-write leaves one behind; the next write of the same target
# removes those whose process is gone. Older releases named them ".NAME.XXXXXXXX.tmp" and
# ".dramaturg-XXXXXXXX.tmp" with no process id; those are removed once an hour old.
_TMP_MARK = ".dramaturg-"
_STALE_AFTER_S = 3600.0
_LEGACY_TMP = re.compile(r"\.dramaturg-[a-z0-9_]{8}\.tmp")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    except OSError:
        return False
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete the temporary files that killed runs left beside ``target``; return them."""
    folder = target.parent
    prefix = f".{target.name}{_TMP_MARK}"
    legacy = re.compile(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}\.tmp")
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.endswith(".tmp") or not name.startswith("."):
            continue
        stale = False
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        old = now - info.st_mtime > _STALE_AFTER_S
        if name.startswith(prefix):
            pid_text = name[len(prefix) :].split("-", 1)[0]
            pid = int(pid_text) if pid_text.isdigit() else -1
            stale = pid != os.getpid() and (not _pid_alive(pid) or now - info.st_mtime > 86400)
        elif legacy.fullmatch(name) or _LEGACY_TMP.fullmatch(name):
            stale = old
        if stale:
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def write_atomic(path: str | os.PathLike[str], data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The target keeps its permissions (a new file gets the user's usual mode). Temporary
    files that an earlier, killed run left beside the target are removed first.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DramaturgError(f"cannot write: {exc.strerror or exc}", file=str(target)) from None
    remove_stale_temporaries(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}{_TMP_MARK}{os.getpid()}-", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise DramaturgError(f"cannot write: {exc.strerror or exc}", file=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode(encoding) if isinstance(data, str) else data)
        os.chmod(tmp, mode)  # mkstemp makes 0600
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DramaturgError(f"cannot write: {exc.strerror or exc}", file=str(target)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_backup(path: str | os.PathLike[str]) -> Path:
    """Copy the regular file ``path`` to a new backup beside it and return the backup's path.

    The backup is ``FILE.bak``, or ``FILE.bak.1``, ``FILE.bak.2`` ... when earlier backups
    exist: one is never overwritten. It is created exclusively (``O_CREAT | O_EXCL``), which
    never follows a symlink: a planted ``FILE.bak`` link is skipped like any existing name.
    """
    source = Path(path)
    data = read_input(source)
    try:
        mode = stat.S_IMODE(os.stat(source).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for n in range(10000):
        backup = source.with_name(source.name + (".bak" if n == 0 else f".bak.{n}"))
        try:
            fd = os.open(backup, flags, mode)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # pragma: no cover - O_EXCL already refuses links
                continue
            raise DramaturgError(
                f"cannot keep a backup: {exc.strerror or exc}", file=str(backup)
            ) from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            backup.unlink(missing_ok=True)
            raise DramaturgError(
                f"cannot keep a backup: {exc.strerror or exc}", file=str(backup)
            ) from None
        return backup
    raise DramaturgError("cannot keep a backup: too many backups already", file=str(source))
