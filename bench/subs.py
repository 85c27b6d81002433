"""Speed of ``subs check`` on a 50,000-cue SRT, against pysubs2 loading the same file.

Target (issue 6): our load + check time / pysubs2.load time <= 1.5, measured in the same run.

    PYTHONPATH=src python bench/subs.py [--cues 50000] [--repeat 5] [--profile netflix-ko]

Prints both times (best of ``--repeat``), the ratio, and the number of findings.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time

import pysubs2

from dramaturg.subtitles.io import load
from dramaturg.subtitles.profiles import load_profile
from dramaturg.subtitles.qc import check

LINES_KO = [
    "안녕하세요, 여러분",
    "오늘 날씨는 아주…",
    "- 하지만 왜",
    "- 나도 몰라",
    "우리 이제 어디로 가야 하는지",
    "<i>속마음이야</i>",
    "NETFLIX 드라마 K-DRAMA 최고야",
    "밥 먹었어.",
    "정말 보고 싶었어...",
]
LINES_EN = [
    "I waited for you all night long.",
    "-Are you coming?",
    "-In a minute.",
    "<i>I never told her.</i>",
    "This line is definitely far too long to be shown",
    "I have three cats and 2 dogs.",
    "(door slams)",
]


def make_srt(path: str, cues: int, seed: int = 6) -> None:
    rnd = random.Random(seed)
    t = 1000
    out = []
    for i in range(1, cues + 1):
        dur = rnd.choice([600, 1200, 1800, 2500, 3200, 4000, 7500])
        gap = rnd.choice([0, 40, 84, 200, 400, 1000, 2500])
        pool = LINES_KO if i % 3 else LINES_EN
        text = "\n".join(rnd.choice(pool) for _ in range(rnd.choice([1, 1, 2, 2, 3])))
        out.append(f"{i}\n{_tc(t)} --> {_tc(t + dur)}\n{text}\n")
        t += dur + gap
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(out))


def _tc(ms: int) -> str:
    h, r = divmod(ms, 3_600_000)
    m, r = divmod(r, 60_000)
    s, ms = divmod(r, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def best_of(repeat: int, fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cues", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", default="netflix-ko")
    args = ap.parse_args()
    profile = load_profile(args.profile)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.srt")
        make_srt(path, args.cues)
        size = os.path.getsize(path)
        check(load(path), profile)  # warm caches (glyph list, regexes) outside the timing
        t_pysubs2, ssa = best_of(args.repeat, lambda: pysubs2.load(path, encoding="utf-8"))
        t_ours, findings = best_of(args.repeat, lambda: check(load(path), profile))
    ratio = t_ours / t_pysubs2
    print(f"file: {args.cues} cues, {size / 1e6:.1f} MB, profile {args.profile}")
    print(f"pysubs2.load:        {t_pysubs2:.3f} s ({len(ssa.events)} events)")  # type: ignore[attr-defined]
    print(f"dramaturg load+check: {t_ours:.3f} s ({len(findings)} findings)")  # type: ignore[arg-type]
    print(f"ratio: {ratio:.2f} (target <= 1.5) -> {'OK' if ratio <= 1.5 else 'TOO SLOW'}")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
