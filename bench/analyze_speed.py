"""Speed and memory of reading a novel and running the romance analysis on it.

    PYTHONPATH=src python bench/analyze_speed.py [../shared/data/novels/emma.txt] [runs]

Prints the best and median wall time of read, analysis and both over ``runs`` runs (default
3), the CPU time of both (what the wall time would be on an idle machine), and the peak resident
memory of the process (budget: whole read + all analyses <= 5 s,
this analysis <= 2 s, peak < 1 GB on the 2-core machine).
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

from dramaturg.analyze.romance import analyze_romance
from dramaturg.read import read

# The shared test material beside the checkout (../shared/data).
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else str(SHARED / "novels" / "emma.txt")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    reads, analyses, cpu = [], [], []
    words = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        c0 = time.process_time()
        story = read(path)
        t1 = time.perf_counter()
        romance = analyze_romance(story)
        t2 = time.perf_counter()
        cpu.append(time.process_time() - c0)
        reads.append(t1 - t0)
        analyses.append(t2 - t1)
        words = story.words
    totals = [a + b for a, b in zip(reads, analyses, strict=True)]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{path}: {words} words, couple {romance.couple}")
    for name, xs in (("read", reads), ("romance", analyses), ("total", totals), ("total cpu", cpu)):
        print(f"  {name:8} best {min(xs):.2f} s  median {statistics.median(xs):.2f} s")
    print(f"  peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
