"""How long ``dramaturg analyze`` takes as a user runs it: a fresh process, timed from outside.

Each run is ``dramaturg analyze FILE... --json`` in a new process (Python start, imports, model
loads, reading, the whole analysis and the JSON): wall time, CPU time (user + system: what the
wall time would be on an idle machine; the dev machine's two cores are shared) and peak
resident memory. Default input: the longest dev novel, Wives and Daughters (270k words);
targets (issue 11): wall <= 10 s, peak < 1.5 GB.

    python bench/analyze_process.py [FILE ...] [--runs 3] [--limit-s 10] [--limit-mb 1536]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
_CLI = "import sys; from dramaturg.cli import main; sys.exit(main())"  # the `dramaturg` script


def run_analyze(paths: list[Path]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak MB) of one ``dramaturg analyze`` process over ``paths``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", _CLI, "analyze", *map(str, paths), "--json"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024  # the largest child so far


def report(paths: list[Path], runs: int, limit_s: float, limit_mb: float) -> int:
    """Run ``runs`` times, print wall / CPU / peak; 0 when the median wall and the peak are
    within the limits."""
    results = [run_analyze(paths) for _ in range(runs)]
    walls, cpus, peaks = zip(*results, strict=True)
    print(f"wall        best {min(walls):.2f} s  median {statistics.median(walls):.2f} s")
    print(f"cpu         best {min(cpus):.2f} s  median {statistics.median(cpus):.2f} s")
    print(f"peak RSS    {max(peaks):.0f} MB")
    print(f"limits      {limit_s:g} s, {limit_mb:g} MB; load average {os.getloadavg()[0]:.1f}")
    return 0 if statistics.median(walls) <= limit_s and max(peaks) < limit_mb else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit-s", type=float, default=10.0)
    ap.add_argument("--limit-mb", type=float, default=1536.0)
    args = ap.parse_args()
    paths = args.files or [SHARED / "novels" / "wives_and_daughters.txt"]
    print(" ".join(p.name for p in paths))
    return report(paths, args.runs, args.limit_s, args.limit_mb)


if __name__ == "__main__":
    raise SystemExit(main())
