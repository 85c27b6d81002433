"""The subtitle document: cues with times in milliseconds, independent of any file format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Markup dialects a cue's text can carry.
HTML = "html"  # SRT, WebVTT, SAMI, TTML: <i>, <b>, <font ...>, <c.x>, <v name>
ASS = "ass"  # ASS/SSA/MicroDVD via pysubs2: {\i1}, {\an8}, \N, \h


@dataclass(slots=True)
class Cue:
    """One subtitle event.

    ``text`` keeps the markup as written in the file; lines are separated by ``"\\n"``.
    ``line`` is the 1-based line of the cue's first text line in the file (None when the
    format has no meaningful lines, e.g. ASS comments were skipped or XML). ``identifier``
    is the SRT index or WebVTT cue id as written; ``settings`` the WebVTT cue settings or
    SRT coordinates after the timing (for TTML, ``line:0`` when its region is at the top).
    ``event`` is the pysubs2 event the cue came from (ASS/SSA), so styles survive a round
    trip; ``ttml`` the attributes of the TTML ``<p>`` (region, style), likewise.
    """

    start: int
    end: int
    text: str
    line: int | None = None
    identifier: str = ""
    settings: str = ""
    event: Any = None
    ttml: dict[str, str] | None = None

    @property
    def duration(self) -> int:
        return self.end - self.start

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(slots=True)
class Subtitles:
    """A subtitle file: its cues in file order, and what is needed to write it back.

    ``format`` is one of ``srt``, ``vtt``, ``ass``, ``ssa``, ``sami``, ``microdvd``, ``ttml``
    (or another pysubs2 format id); ``markup`` is :data:`HTML` or :data:`ASS`; ``header`` is
    the WebVTT header block(s) verbatim; ``ssa`` the pysubs2 document for ASS/SSA styles.
    ``document`` the TTML head, root and namespaces (:class:`subtitles.ttml.TTMLDocument`).
    ``fps`` is the frame rate the file declares (TTML, MicroDVD), if any; ``text_type`` what
    the file says it is (TTML ``textType``: ``CC`` for closed captions / SDH), if it says.
    """

    path: str
    format: str
    encoding: str
    cues: list[Cue] = field(default_factory=list)
    markup: str = HTML
    header: str = ""
    language: str | None = None
    fps: float | None = None
    ssa: Any = None
    text_type: str | None = None
    document: Any = None
