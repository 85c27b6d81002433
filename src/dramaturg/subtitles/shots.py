"""Shot-change lists: where the picture cuts, in milliseconds.

Read from the lists subtitle tools write:

* plain times, one a line: seconds (``12.512``, Subtitle Edit's shot-change list),
  ``hh:mm:ss.mmm`` / ``hh:mm:ss,mmm``, or ``hh:mm:ss:ff`` frames (needs the frame rate);
* Aegisub keyframes (``# keyframe format v1``, ``fps 25.000000``, then frame numbers);
* XviD 2-pass statistics (``# XviD 2pass stat file``: each ``i`` frame is a keyframe), which
  Aegisub also reads; they carry no frame rate.

>>> parse_shot_changes("# keyframe format v1\\nfps 25\\n0\\n250\\n", "k.txt")
[0, 10000]
>>> parse_shot_changes("1.5\\n00:00:03,250\\n", "s.txt")
[1500, 3250]
"""

from __future__ import annotations

import os
import re

from dramaturg.errors import DramaturgError
from dramaturg.files import read_input

__all__ = ["load_shot_changes", "parse_shot_changes"]

_SECONDS = re.compile(r"^\d{1,9}(?:\.\d{1,9})?$")
_CLOCK = re.compile(r"^(\d{1,3}):(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3})|:(\d{1,3}))?$")


def load_shot_changes(path: str | os.PathLike[str], fps: float | None = None) -> list[int]:
    """Shot changes (ms, sorted, no repeats) from a list file; ``fps`` turns frame numbers
    into time when the file gives no frame rate."""
    name = os.fspath(path)
    data = read_input(name, what="shot-change list")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DramaturgError("a shot-change list is plain text (UTF-8)", file=name) from None
    return parse_shot_changes(text, name, fps=fps)


def parse_shot_changes(text: str, path: str = "<string>", *, fps: float | None = None) -> list[int]:
    """Shot changes (ms) from the text of a list; errors name the file and the line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    head = lines[0].strip().lower() if lines else ""
    if head.startswith("# keyframe format v1"):
        frames, fps = _aegisub(lines, path, fps)
    elif head.startswith("# xvid 2pass stat file"):
        frames = _xvid(lines)
    elif head.startswith("# timecode format"):
        raise DramaturgError(
            "this is a timecode (VFR) file, not a shot-change list", file=path, line=1
        )
    else:
        return _times(lines, path, fps)
    if not frames:
        raise DramaturgError("no shot changes in this list", file=path)
    if not fps or fps <= 0:
        raise DramaturgError("the list gives frame numbers but no frame rate: use --fps", file=path)
    return sorted({round(f * 1000.0 / fps) for f in frames})


def _aegisub(lines: list[str], path: str, fps: float | None) -> tuple[list[int], float | None]:
    frames: list[int] = []
    for no, raw in enumerate(lines[1:], 2):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("fps"):
            try:
                declared = float(line.split()[1])
            except (IndexError, ValueError):
                raise DramaturgError(f"bad fps line {line!r}", file=path, line=no) from None
            fps = declared if declared > 0 else fps
            continue
        if not line.isdigit():
            raise DramaturgError(f"not a frame number: {line[:40]!r}", file=path, line=no)
        frames.append(int(line))
    return frames, fps


def _xvid(lines: list[str]) -> list[int]:
    frames: list[int] = []
    count = 0
    for raw in lines:
        kind = raw[:1].lower()
        if kind == "i":
            frames.append(count)
        if kind in ("i", "p", "b"):
            count += 1
    return frames


def _times(lines: list[str], path: str, fps: float | None) -> list[int]:
    out: set[int] = set()
    for no, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if _SECONDS.match(line):
            out.add(round(float(line) * 1000))
            continue
        m = _CLOCK.match(line)
        if m is None:
            raise DramaturgError(
                f"not a time (seconds, hh:mm:ss.mmm or hh:mm:ss:ff): {line[:40]!r}",
                file=path,
                line=no,
            )
        h, mi, s, ms, ff = m.groups()
        t = (int(h) * 60 + int(mi)) * 60 + int(s)
        if ff is not None:
            if not fps:
                raise DramaturgError(
                    "hh:mm:ss:ff times need a frame rate: use --fps", file=path, line=no
                )
            out.add(round(t * 1000 + int(ff) * 1000.0 / fps))
        else:
            out.add(t * 1000 + (int(ms.ljust(3, "0")) if ms else 0))
    if not out:
        raise DramaturgError("no shot changes in this list", file=path)
    return sorted(out)
