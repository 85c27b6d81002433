"""How long the whole analysis of a 16-episode Korean series takes.

The two sample episodes (tests/data/korean/drama_ep1.txt, drama_ep2.txt) are written out 8
times each, renumbered 제1화 .. 제16화, into a temporary folder; the series is read, merged and
analysed (couple, thresholds, moments, arc, engine, hooks, lens) in a fresh process. The Kiwi
model load is reported apart and counted in the total. Target: <= 10 s.

    PYTHONPATH=src python bench/korean_speed.py
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dramaturg.analyze import analyze  # noqa: E402
from dramaturg.read import read  # noqa: E402
from dramaturg.story import merge  # noqa: E402
from dramaturg.text.korean import model_load_seconds  # noqa: E402

SAMPLES = [ROOT / "tests/data/korean/drama_ep1.txt", ROOT / "tests/data/korean/drama_ep2.txt"]
EPISODE = re.compile(r"^제\d+화", re.MULTILINE)
LIMIT_S = 10.0


def main() -> int:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n in range(16):
            text = EPISODE.sub(f"제{n + 1}화", texts[n % 2], count=1)
            path = Path(tmp) / f"ep{n + 1:02d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        start = time.perf_counter()
        story = merge([read(p) for p in paths])
        read_s = time.perf_counter() - start
        result = analyze(story)
        total = time.perf_counter() - start
    chars = sum(len(b.text) for b in story.blocks())
    r = result.romance
    print(f"episodes            {len(story.parts)}")
    print(f"scenes              {len(story.scenes)}")
    print(f"characters of text  {chars}")
    print(f"couple              {' + '.join(r.couple or ())}")
    print(f"thresholds          {len(r.thresholds)}  moments {len(r.moments)}")
    print(f"read                {read_s:.2f} s")
    print(f"kiwi model load     {model_load_seconds() or 0.0:.2f} s")
    print(f"total               {total:.2f} s  (limit {LIMIT_S:.0f} s)")
    return 0 if total <= LIMIT_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
