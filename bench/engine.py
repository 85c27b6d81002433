"""Time the story-engine analysis (issue 4) on a novel, reading excluded.

    PYTHONPATH=src python bench/engine.py [path]   # default: Emma from ../shared/data

Prints CPU and wall seconds for the first run in the process (language data loading included)
and two warm runs. The budget is 1.5 s for this part on Emma.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dramaturg.read import read

# The shared test material beside the checkout (../shared/data).
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else str(SHARED / "novels" / "emma.txt")
    story = read(path)
    from dramaturg.analyze.engine import analyze_story_engine

    print(f"{path}: {len(story.scenes)} scenes, {story.words} words")
    for label in ("first", "warm", "warm"):
        cpu, wall = time.process_time(), time.perf_counter()
        report = analyze_story_engine(story)
        print(
            f"{label}: cpu {time.process_time() - cpu:.3f} s, wall {time.perf_counter() - wall:.3f} s,"
            f" {len(report.findings)} findings"
        )


if __name__ == "__main__":
    main()
