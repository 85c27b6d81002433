"""How long ``dramaturg analyze`` takes on a 16-episode Korean caption series, as a user runs it.

The series is bench/korean_show.py's (16 SRT files, about 330k characters of captions, the size
of a real show's Korean closed captions). Each run is a fresh ``dramaturg analyze FOLDER
--json`` process (Python start, imports, the Kiwi model load, reading, the whole analysis and
the JSON), timed from outside: wall time, CPU time (user + system: what the wall time would be
on an idle machine, the dev machine's two cores being shared) and peak resident memory.
Targets (issue 11): wall <= 10 s, peak < 800 MB.

    python bench/korean_captions_speed.py [runs]      # default 3
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from analyze_process import report  # noqa: E402
from korean_show import write_series  # noqa: E402

LIMIT_S = 10.0
LIMIT_MB = 800


def _caption_chars(path: Path) -> int:
    """Characters of caption text in an SRT file (no indexes, timings or line breaks)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(len(ln) for ln in lines if ln.strip() and not ln.isdigit() and "-->" not in ln)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_series(Path(tmp))
        chars = sum(_caption_chars(p) for p in paths)
        print(f"episodes    {len(paths)}  ({chars} characters of captions)")
        return report([Path(tmp)], runs, LIMIT_S, LIMIT_MB)


if __name__ == "__main__":
    raise SystemExit(main())
