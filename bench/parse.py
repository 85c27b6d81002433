"""Benchmark: the whole path from a Fountain file to a parsed script, dramaturg against every
peer on PyPI, in one run.

Scripts of ~2 MB and ~4 MB are built by concatenating every ``.fountain`` file under
``../shared/data/screenplays/`` (samples and fixtures) and written to disk. Each parser is
timed on the user's path: the file read and decoded (dramaturg: ``dramaturg.read.read``, with
its encoding detection, format choice and reindexing; the peers: ``open(encoding="utf-8-sig")``
and their parse call), then a full ``gc.collect()``, charged to whoever made the objects.
Rounds are interleaved (each parser once per round) and the median of ``--repeat`` rounds
is reported, CPU and wall time.

Peers: fountain-parser, screenplay-tools, screenplain, jouvence (test extras).

Targets (issue "Readers that never crash..."): dramaturg >= 1.5x faster than the fastest peer
at 2 MB and at 4 MB (CPU medians); 4 MB / 2 MB <= 2.1x; the parse exact: scene count and
dialogue blocks per character on each dev screenplay equal screenplay-tools' (whose
"FADE IN:" scene headings are not counted: the spec has none); and
``dramaturg stats --json`` on the 4 MB script, as a whole process, within 2x a process that
parses it with fountain-parser. Exits 1 when a target is missed.

    python bench/parse.py [--repeat 7] [--data DIR] [--process-repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from dramaturg.read import read

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA = SHARED / "screenplays"
SPEEDUP_TARGET = 1.5
SCALING_TARGET = 2.1
PROCESS_TARGET = 2.0
Parser = Callable[[Path], object]


def build_script(data: Path, size: int) -> str:
    """Every .fountain sample, repeated until the text holds about ``size`` UTF-8 bytes."""
    files = sorted(data.rglob("*.fountain"))
    if not files:
        raise SystemExit(f"no .fountain files under {data}")
    parts = [f.read_text(encoding="utf-8-sig") for f in files]
    one = "\n\n".join(parts)
    unit = len(one.encode("utf-8")) + 2
    return "\n\n".join([one] * max(1, round(size / unit)))


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def parse_dramaturg(path: Path) -> object:
    return read(path)


def parse_fountain_parser(path: Path) -> object:
    import fountain_parser  # type: ignore[import-not-found]

    return fountain_parser.parse(_text(path))


def parse_screenplay_tools(path: Path) -> object:
    from screenplay_tools.fountain.parser import Parser  # type: ignore[import-not-found]

    parser = Parser()
    parser.add_text(_text(path))
    return parser.script


def parse_screenplain(path: Path) -> object:
    from screenplain.parsers import fountain as sp  # type: ignore[import-untyped]

    return sp.parse(io.StringIO(_text(path)))


def parse_jouvence(path: Path) -> object:
    from jouvence.parser import JouvenceParser  # type: ignore[import-untyped]

    return JouvenceParser().parseString(_text(path))


PARSERS: dict[str, Parser] = {
    "dramaturg": parse_dramaturg,
    "fountain-parser": parse_fountain_parser,
    "screenplay-tools": parse_screenplay_tools,
    "screenplain": parse_screenplain,
    "jouvence": parse_jouvence,
}


def timed(fn: Parser, path: Path) -> tuple[float, float]:
    """(CPU, wall) seconds of ``fn(path)`` and the full collection after it."""
    gc.collect()
    c0, w0 = time.process_time(), time.perf_counter()
    result = fn(path)
    gc.collect()
    c, w = time.process_time() - c0, time.perf_counter() - w0
    del result
    gc.collect()
    return c, w


def counts_dramaturg(path: Path) -> tuple[int, Counter[str]]:
    story = read(path)
    speakers = Counter(b.speaker for b in story.blocks() if b.speaker)
    return sum(1 for s in story.scenes if s.heading is not None), speakers


def counts_screenplay_tools(path: Path) -> tuple[int, Counter[str]]:
    from screenplay_tools.fountain.parser import Parser

    parser = Parser()
    parser.add_text(_text(path))
    elements = parser.script.elements
    # screenplay-tools alone reads "FADE IN:" as a scene heading (its heading regex has a
    # FADE IN: branch); the Fountain spec and screenplain do not, nor does dramaturg
    scenes = sum(
        1 for e in elements if e.type.name == "HEADING" and e.text.strip().upper() != "FADE IN:"
    )
    speakers = Counter(e.name.strip().upper() for e in elements if e.type.name == "CHARACTER")
    return scenes, speakers


def exactness(data: Path) -> bool:
    ok = True
    for path in sorted(data.glob("*.fountain")):
        ours, theirs = counts_dramaturg(path), counts_screenplay_tools(path)
        same = ours == theirs
        ok &= same
        print(
            f"  {path.name:34s} scenes {ours[0]:3d} / {theirs[0]:3d}   dialogue blocks "
            f"{sum(ours[1].values()):4d} / {sum(theirs[1].values()):4d}   "
            + (
                "equal"
                if same
                else f"DIFFERENT: {dict(ours[1] - theirs[1])} {dict(theirs[1] - ours[1])}"
            )
        )
    return ok


def process_times(path: Path, repeat: int) -> tuple[float, float]:
    """Median wall seconds of ``dramaturg stats --json`` and of a fountain-parser process."""
    script = Path(sys.executable).with_name("dramaturg")  # the installed command
    if script.exists():
        ours = [str(script), "stats", "--json", str(path)]
    else:
        run_cli = "import sys; from dramaturg.cli import main; sys.exit(main())"
        ours = [sys.executable, "-c", run_cli, "stats", "--json", str(path)]
    peer = [
        sys.executable,
        "-c",
        "import fountain_parser, sys; "
        "fountain_parser.parse(open(sys.argv[1], encoding='utf-8-sig').read())",
        str(path),
    ]
    a, b = [], []
    for _ in range(repeat):
        for cmd, out in ((ours, a), (peer, b)):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            out.append(time.perf_counter() - t0)
    return statistics.median(a), statistics.median(b)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7, help="rounds; medians are reported")
    ap.add_argument("--process-repeat", type=int, default=5)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="dramaturg-parse-"))
    paths = {}
    for label, size in (("2MB", 2_000_000), ("4MB", 4_000_000)):
        paths[label] = folder / f"bench-{label}.fountain"
        paths[label].write_text(build_script(args.data, size), encoding="utf-8")
    sizes = ", ".join(f"{k} = {p.stat().st_size:,} bytes" for k, p in paths.items())
    print(f"scripts: {sizes}; median of {args.repeat} interleaved rounds, gc.collect() charged")

    cpu: dict[tuple[str, str], list[float]] = {}
    wall: dict[tuple[str, str], list[float]] = {}
    for fn in PARSERS.values():  # warm imports outside the timing
        fn(args.data / "brick-and-steel.fountain")
    for _ in range(args.repeat):
        for label, path in paths.items():
            for name, fn in PARSERS.items():
                c, w = timed(fn, path)
                cpu.setdefault((name, label), []).append(c)
                wall.setdefault((name, label), []).append(w)
    med = {k: statistics.median(v) for k, v in cpu.items()}
    medw = {k: statistics.median(v) for k, v in wall.items()}

    print(
        f"\n  {'parser':18s} {'2MB cpu':>9s} {'2MB wall':>9s} {'4MB cpu':>9s} {'4MB wall':>9s}  4MB/2MB"
    )
    for name in PARSERS:
        c2, c4 = med[(name, "2MB")], med[(name, "4MB")]
        print(
            f"  {name:18s} {c2:9.3f} {medw[(name, '2MB')]:9.3f} {c4:9.3f} "
            f"{medw[(name, '4MB')]:9.3f}  {c4 / c2:6.2f}"
        )
    peers = [n for n in PARSERS if n != "dramaturg"]
    verdicts = []
    for label in ("2MB", "4MB"):
        fastest = min(peers, key=lambda n: med[(n, label)])
        speedup = med[(fastest, label)] / med[("dramaturg", label)]
        verdicts.append(speedup >= SPEEDUP_TARGET)
        print(
            f"speedup at {label}: {speedup:.2f}x the fastest peer ({fastest}); target >= {SPEEDUP_TARGET}x"
        )
    scaling = med[("dramaturg", "4MB")] / med[("dramaturg", "2MB")]
    verdicts.append(scaling <= SCALING_TARGET)
    print(f"growth 4MB / 2MB: {scaling:.2f}x; target <= {SCALING_TARGET}x")

    print("\nexact parse (dramaturg / screenplay-tools):")
    verdicts.append(exactness(args.data))

    ours, peer = process_times(paths["4MB"], args.process_repeat)
    verdicts.append(ours <= PROCESS_TARGET * peer)
    print(
        f"\nprocesses on 4MB (median of {args.process_repeat}): dramaturg stats --json {ours:.2f} s, "
        f"fountain-parser {peer:.2f} s: {ours / peer:.2f}x; target <= {PROCESS_TARGET}x"
    )
    ok = all(verdicts)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
