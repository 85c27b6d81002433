"""The one error type users see: ``dramaturg: error: FILE[:LINE]: reason``."""

from __future__ import annotations


class DramaturgError(Exception):
    """A problem with the user's input, reported without a traceback.

    >>> str(DramaturgError("bad heading", file="ep1.fountain", line=12))
    'ep1.fountain:12: bad heading'
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        return where + self.message
