"""Benchmark: parse ~2 MB and ~4 MB Fountain scripts with dramaturg, screenplain and jouvence.

The scripts are built by concatenating every ``.fountain`` file under
``/work/shared/data/screenplays/`` (samples and fixtures), repeated until the size is reached.
Each parser gets the same in-memory text and is timed best-of-N in the same run.

Targets (issue 2, point 8): dramaturg at least 5x faster than the fastest peer on 2 MB, and
the 4 MB script in at most 2.2x the 2 MB time. Exits 1 when a target is missed.

    PYTHONPATH=src python bench/parse.py [--repeat 5] [--data DIR]
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dramaturg.read import fountain

DATA = Path("/work/shared/data/screenplays")
SPEEDUP_TARGET = 5.0
SCALING_TARGET = 2.2


def build_script(data: Path, size: int) -> str:
    """Every .fountain sample, repeated until the text holds ``size`` UTF-8 bytes."""
    files = sorted(data.rglob("*.fountain"))
    if not files:
        raise SystemExit(f"no .fountain files under {data}")
    parts = [f.read_text(encoding="utf-8-sig") for f in files]
    one = "\n\n".join(parts)
    unit = len(one.encode("utf-8")) + 2
    return "\n\n".join([one] * max(1, round(size / unit)))


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one call, the cyclic garbage collector as in normal use."""
    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def _screenplain(text: str) -> object:
    from screenplain.parsers import fountain as sp

    return sp.parse(io.StringIO(text))


def _jouvence(text: str) -> object:
    from jouvence.parser import JouvenceParser

    return JouvenceParser().parseString(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="rounds; best of these is kept")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)

    small = build_script(args.data, 2_000_000)
    large = build_script(args.data, 4_000_000)
    sizes = {"2MB": small, "4MB": large}
    print(f"scripts: 2MB = {len(small.encode()):,} bytes, 4MB = {len(large.encode()):,} bytes")

    parsers: dict[str, Callable[[str], object]] = {
        "dramaturg": lambda t: fountain.parse(t, "bench.fountain"),
        "screenplain": _screenplain,
        "jouvence": _jouvence,
    }
    # Repetitions are interleaved (each parser once per round) so that load from other
    # processes on this shared machine hits every parser alike; best of N is kept.
    wall: dict[tuple[str, str], float] = {}
    cpu: dict[tuple[str, str], float] = {}
    for _ in range(args.repeat):
        for label, text in sizes.items():
            for name, fn in parsers.items():
                w, c = timed(lambda fn=fn, text=text: fn(text))
                key = (name, label)
                wall[key] = min(wall.get(key, w), w)
                cpu[key] = min(cpu.get(key, c), c)
    for label in sizes:
        for name in parsers:
            key = (name, label)
            print(f"{name:12s} {label}: wall {wall[key]:.4f} s   cpu {cpu[key]:.4f} s")

    ok = True
    for clock, results in (("wall", wall), ("cpu", cpu)):
        peer_2 = min(results[("screenplain", "2MB")], results[("jouvence", "2MB")])
        ours_2 = results[("dramaturg", "2MB")]
        ours_4 = results[("dramaturg", "4MB")]
        speedup = peer_2 / ours_2
        scaling = ours_4 / ours_2
        print(
            f"[{clock}] speedup (fastest peer / dramaturg, 2MB): {speedup:.2f}x "
            f"(target >= {SPEEDUP_TARGET}x); scaling (dramaturg 4MB / 2MB): {scaling:.2f}x "
            f"(target <= {SCALING_TARGET}x)"
        )
        if clock == "cpu":
            # CPU time is the verdict: on a shared 2-core machine wall time also counts
            # the time other processes hold the cores.
            ok = speedup >= SPEEDUP_TARGET and scaling <= SCALING_TARGET
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
