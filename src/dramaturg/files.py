"""Atomic writes: a reader of the output never sees half a file, and a failure leaves none."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dramaturg.errors import DramaturgError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DramaturgError(f"cannot write: {exc.strerror or exc}", file=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode(encoding) if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the user's usual mode
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DramaturgError(f"cannot write: {exc.strerror or exc}", file=str(target)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
