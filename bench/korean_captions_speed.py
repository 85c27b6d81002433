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

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from korean_show import write_series  # noqa: E402

LIMIT_S = 10.0
LIMIT_MB = 800
_CLI = "import sys; from dramaturg.cli import main; sys.exit(main())"  # the `dramaturg` script


def _caption_chars(path: Path) -> int:
    """Characters of caption text in an SRT file (no indexes, timings or line breaks)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(len(ln) for ln in lines if ln.strip() and not ln.isdigit() and "-->" not in ln)


def _run(folder: Path) -> tuple[float, float, float]:
    """(wall s, cpu s, peak MB) of one ``dramaturg analyze`` process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", _CLI, "analyze", str(folder), "--json"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024  # the largest child so far


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_series(Path(tmp))
        chars = sum(_caption_chars(p) for p in paths)
        results = [_run(Path(tmp)) for _ in range(runs)]
    walls, cpus, peaks = zip(*results, strict=True)
    print(f"episodes    {len(paths)}  ({chars} characters of captions)")
    print(f"wall        best {min(walls):.2f} s  median {statistics.median(walls):.2f} s")
    print(f"cpu         best {min(cpus):.2f} s  median {statistics.median(cpus):.2f} s")
    print(f"peak RSS    {max(peaks):.0f} MB")
    print(f"limits      {LIMIT_S:.0f} s, {LIMIT_MB} MB")
    ok = statistics.median(walls) <= LIMIT_S and max(peaks) < LIMIT_MB
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
