"""Sync and frame-rate changes: move every cue, or rescale every time.

>>> from dramaturg.subtitles.io import loads
>>> subs = loads("1\\n00:00:01,000 --> 00:00:02,000\\nHi\\n", "a.srt")
>>> [(c.start, c.end) for c in shift(subs, parse_offset("+1.250s")).cues]
[(2250, 3250)]
>>> [(c.start, c.end) for c in retime(subs, 23.976, 25).cues]
[(959, 1918)]
"""

from __future__ import annotations

import copy
import re

from dramaturg.errors import DramaturgError
from dramaturg.subtitles.model import Subtitles

__all__ = ["parse_offset", "parse_fps_pair", "shift", "retime"]

_UNIT = re.compile(r"^(\d{1,9}(?:\.\d{1,9})?)(ms|s|m|h)?$")
_CLOCK = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")
_SCALE = {"ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0, None: 1000.0}


def parse_offset(text: str) -> int:
    """Milliseconds from ``+1.250s``, ``-00:00:02,000``, ``1250ms``, ``-2`` (seconds).

    >>> parse_offset("-00:00:02,000"), parse_offset("+1.250s"), parse_offset("750ms")
    (-2000, 1250, 750)
    """
    raw = text.strip()
    sign = -1 if raw.startswith("-") else 1
    body = raw[1:] if raw[:1] in "+-" else raw
    m = _UNIT.match(body)
    if m:
        return sign * round(float(m.group(1)) * _SCALE[m.group(2)])
    c = _CLOCK.match(body)
    if c:
        h, mi, s, ms = c.groups()
        total = ((int(h or 0) * 60 + int(mi)) * 60 + int(s)) * 1000
        return sign * (total + (int(ms.ljust(3, "0")) if ms else 0))
    raise DramaturgError(f"not a time offset: {text!r} (use +1.250s, -00:00:02,000 or 750ms)")


def parse_fps_pair(text: str) -> tuple[float, float]:
    """``23.976:25`` -> (23.976, 25.0): the rate the file is timed for, and the new one."""
    parts = text.split(":")
    try:
        src, dst = (float(p) for p in parts)
    except ValueError:
        raise DramaturgError(f"frame rates are FROM:TO, e.g. 23.976:25, not {text!r}") from None
    if not (0 < src <= 1000 and 0 < dst <= 1000):
        raise DramaturgError(f"frame rates must be above 0: {text!r}")
    return src, dst


def shift(subs: Subtitles, by_ms: int, *, from_ms: int | None = None) -> Subtitles:
    """A copy of ``subs`` with every cue starting at or after ``from_ms`` (all cues by
    default) moved by ``by_ms``; a cue moved before 00:00:00 is an error."""
    out = copy.copy(subs)
    out.cues = []
    for k, cue in enumerate(subs.cues, 1):
        new = copy.copy(cue)
        if from_ms is None or cue.start >= from_ms:
            new.start, new.end = cue.start + by_ms, cue.end + by_ms
            if new.start < 0:
                raise DramaturgError(
                    f"cue {k} would start before 00:00:00 ({by_ms:+d} ms)",
                    file=subs.path,
                    line=cue.line,
                )
        out.cues.append(new)
    return out


def retime(subs: Subtitles, from_fps: float, to_fps: float) -> Subtitles:
    """A copy of ``subs`` for video played at ``to_fps`` instead of ``from_fps`` (PAL speed-up
    23.976 -> 25 makes every time 23.976/25 as long), as pysubs2's ``transform_framerate``."""
    ratio = from_fps / to_fps
    out = copy.copy(subs)
    out.cues = []
    for cue in subs.cues:
        new = copy.copy(cue)
        new.start, new.end = round(cue.start * ratio), round(cue.end * ratio)
        out.cues.append(new)
    if subs.fps is not None:
        out.fps = to_fps
    return out
