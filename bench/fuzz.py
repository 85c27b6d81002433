"""Long mutation-fuzzing runs of every reader: crashes and hangs, with the seed to replay them.

Each target (a reader as a user reaches it: ``fountain``, ``fdx``, ``korean``, ``prose``,
``markdown``, ``txt-any``, ``docx``, ``epub``, ``hwpx``, ``subs-srt`` ... ``subs-sub``; on
request also ``analyze-fountain``, ``analyze-korean``, ``analyze-prose``,
``breakdown-fountain``, ``breakdown-korean``: the commands over the same inputs) gets
``--n`` inputs, each a seed file from the shared fixtures mutated by ``tests/mutate.py``
(byte flips, truncation, insertions, NULs, 32k-64k character lines, CR-only, re-encodings,
repeated lines, deep nesting, damaged containers). Inputs run in worker processes, read
through ``dramaturg.read.read`` (subtitle targets also through ``subs check`` and ``subs fix``);
a worker that takes longer than ``--timeout`` seconds is killed and the input counted as a
hang. A crash is any exception that is not a DramaturgError; each new crash signature is
minimized and written under ``--out`` with its traceback, ready for ``tests/data/crashers/``.

    python bench/fuzz.py --n 20000 --seed 1 [--targets fountain,prose] [--workers 2]

Input i of a target is ``Random(f"{seed}:{target}:{i}")``: any one replays alone with
``--replay TARGET:I``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import mutate  # noqa: E402


def make_input(target: mutate.Target, seed: int, i: int) -> bytes:
    rng = random.Random(f"{seed}:{target.name}:{i}")
    seeds = target.seeds()
    return mutate.mutate(target, rng.choice(seeds), rng)


def _worker(conn) -> None:  # type: ignore[no-untyped-def]
    folder = Path(tempfile.mkdtemp(prefix="dramaturg-fuzz-"))
    table = mutate.targets()
    while True:
        job = conn.recv()
        if job is None:
            return
        name, data = job
        out = mutate.run_one(table[name], data, folder)
        conn.send((out.kind, out.signature, out.detail[-3000:], out.warnings[:3]))


class Runner:
    """One worker process, restarted after a hang."""

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        self.ctx = ctx
        self.start()

    def start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()

    def run(self, name: str, data: bytes, timeout: float) -> tuple[str, str, str, list[str]]:
        self.conn.send((name, data))
        if self.conn.poll(timeout):
            try:
                return self.conn.recv()  # type: ignore[no-any-return]
            except EOFError:
                pass
            self.proc.join(1)
            self.start()
            return ("crash", "worker died (memory?)", "", [])
        self.proc.kill()
        self.proc.join()
        self.start()
        return ("hang", f"over {timeout:.0f} s", "", [])

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()


def fuzz_target(target: mutate.Target, args: argparse.Namespace, out: Path) -> dict[str, object]:
    ctx = mp.get_context("fork")
    runners = [Runner(ctx) for _ in range(args.workers)]
    counts: Counter[str] = Counter()
    crashes: dict[str, tuple[int, str]] = {}
    hangs: list[int] = []
    leaks: Counter[str] = Counter()
    lock = threading.Lock()
    next_i = [0]
    t0 = time.perf_counter()

    def loop(runner: Runner) -> None:
        while True:
            with lock:
                i = next_i[0]
                if i >= args.n:
                    return
                next_i[0] += 1
            data = make_input(target, args.seed, i)
            kind, sig, detail, warned = runner.run(target.name, data, args.timeout)
            with lock:
                counts[kind] += 1
                for w in warned:
                    leaks[w[:80]] += 1
                if kind == "crash" and sig not in crashes:
                    crashes[sig] = (i, detail)
                    _save(out, target, i, data, sig, detail)
                if kind == "hang":
                    hangs.append(i)
                    _save(out, target, i, data, "hang", "")

    threads = [threading.Thread(target=loop, args=(r,)) for r in runners]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in runners:
        r.stop()
    return {
        "target": target.name,
        "inputs": sum(counts.values()),
        "read": counts["ok"],
        "refused": counts["error"],
        "crashes": counts["crash"],
        "signatures": sorted(crashes),
        "hangs": len(hangs),
        "hang_inputs": hangs[:10],
        "warnings": sum(leaks.values()),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _save(out: Path, target: mutate.Target, i: int, data: bytes, sig: str, detail: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{target.name}-{i}"
    (out / f"{stem}{target.ext}").write_bytes(data)
    (out / f"{stem}.trace").write_text(f"{sig}\n\n{detail}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="inputs per target")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--targets", default="", help="comma-separated (default: all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds before a hang")
    ap.add_argument("--out", type=Path, default=Path("fuzz-out"))
    ap.add_argument("--replay", help="TARGET:I: run one input in this process and show it")
    args = ap.parse_args(argv)
    table = mutate.targets()
    if args.replay:
        name, _, i = args.replay.partition(":")
        data = make_input(table[name], args.seed, int(i))
        folder = Path(tempfile.mkdtemp(prefix="dramaturg-replay-"))
        t0 = time.perf_counter()
        result = mutate.run_one(table[name], data, folder)
        print(
            f"{len(data):,} bytes, {time.perf_counter() - t0:.2f} s: {result.kind} {result.signature}"
        )
        print(result.detail)
        return 0
    names = [n for n in args.targets.split(",") if n] or list(mutate.reader_targets())
    rows = []
    for name in names:
        target = table[name]
        if not target.seeds():
            print(f"{name}: no seed files (shared data not mounted?)", flush=True)
            continue
        row = fuzz_target(target, args, args.out)
        rows.append(row)
        print(
            f"{row['target']:12s} inputs {row['inputs']:6d}  read {row['read']:6d}  refused "
            f"{row['refused']:6d}  crashes {row['crashes']:4d}  hangs {row['hangs']:3d}  "
            f"warnings {row['warnings']:3d}  {row['seconds']:7.1f} s  {row['signatures'] or ''}",
            flush=True,
        )
    total_crashes = sum(int(r["crashes"]) for r in rows)  # type: ignore[call-overload]
    total_hangs = sum(int(r["hangs"]) for r in rows)  # type: ignore[call-overload]
    print(
        f"seed {args.seed}, {args.n} inputs per target, timeout {args.timeout:.0f} s: "
        f"{total_crashes} crashes, {total_hangs} hangs"
    )
    return 1 if total_crashes or total_hangs else 0


if __name__ == "__main__":
    sys.exit(main())
