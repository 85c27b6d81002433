"""Convert a subtitle file to another format, chosen by the output file's extension.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> src = os.path.join(d, "a.srt")
>>> _ = open(src, "w", encoding="utf-8").write("1\\n00:00:01,000 --> 00:00:02,000\\n<i>안녕</i>\\n")
>>> convert(src, os.path.join(d, "a.vtt"))
1
>>> open(os.path.join(d, "a.vtt"), encoding="utf-8").read()
'WEBVTT\\n\\n00:00:01.000 --> 00:00:02.000\\n<i>안녕</i>\\n'
"""

from __future__ import annotations

import os

from dramaturg.errors import DramaturgError
from dramaturg.subtitles.io import FORMATS, format_for_path, load, save

__all__ = ["convert"]


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    fps: float | None = None,
    input_encoding: str | None = None,
    language: str | None = None,
) -> int:
    """Read ``source`` and write ``target`` atomically; return the number of cues written.

    The output encoding defaults to the input's (a CP949 SRT stays CP949) except for TTML
    and WebVTT, which are always UTF-8 unless ``encoding`` says otherwise.
    """
    src, dst = os.fspath(source), os.fspath(target)
    fmt = format_for_path(dst)
    if fmt is None or fmt == "tmp":
        known = " ".join(sorted(ext for ext, f in FORMATS.items() if f != "tmp"))
        raise DramaturgError(
            f"cannot tell the output format from the extension (use {known})", file=dst
        )
    if os.path.abspath(src) == os.path.abspath(dst):
        raise DramaturgError("output would overwrite the input", file=dst)
    subs = load(src, fps=fps, language=language, encoding=input_encoding)
    save(subs, dst, fmt=fmt, encoding=encoding, fps=fps)
    return len(subs.cues)
