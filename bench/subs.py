"""Speed of ``subs check`` and ``subs fix`` on a 50,000-cue SRT, against pysubs2.

Targets, each a ratio measured side by side in the same run (best of ``--repeat``):

* in-process (issue 6): our load + check / ``pysubs2.load`` <= 1.5;
* whole processes (issue 13), as a user runs them, output to a file (not a terminal):
  ``dramaturg subs check`` and ``dramaturg subs check --json`` each <= 1.5 x a
  ``python -c "import pysubs2; pysubs2.load(...)"`` process; ``dramaturg subs fix -o`` <= 1.5 x
  a pysubs2 load + save process.

    PYTHONPATH=src python bench/subs.py [--cues 50000] [--repeat 3] [--profile netflix-ko]
        [--distinct]

The default file draws its lines from a few stock ones, so its texts repeat (1,218 distinct in
50,000 cues) and work done once per text pays off; ``--distinct`` gives every cue a text of
its own, as a real episode has, and is the harder case for ``subs fix``.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import subprocess
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


def _word(i: int) -> str:
    """A made-up word of its own for cue ``i`` (letters, so no number rule fires on it)."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out += "bcdfghjklmnpqrstvwxyzaeiou"[r]
        if not i:
            return out


def make_srt(path: str, cues: int, seed: int = 6, distinct: bool = False) -> None:
    """``distinct``: every cue's text differs (a word of its own in its first line), as in
    a real episode, where the stock lines of the default file repeat (1,218 texts in 50,000)."""
    rnd = random.Random(seed)
    t = 1000
    out = []
    for i in range(1, cues + 1):
        dur = rnd.choice([600, 1200, 1800, 2500, 3200, 4000, 7500])
        gap = rnd.choice([0, 40, 84, 200, 400, 1000, 2500])
        pool = LINES_KO if i % 3 else LINES_EN
        text = "\n".join(rnd.choice(pool) for _ in range(rnd.choice([1, 1, 2, 2, 3])))
        if distinct:
            first, _, rest = text.partition("\n")
            text = f"{first[:20]} {_word(i)}" + (f"\n{rest}" if rest else "")
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


def run_process(argv: list[str], out_path: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process, its stdout going to a file."""
    with open(out_path, "wb") as out:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
        return wall, cpu


def best_process(repeat: int, argv: list[str], out_path: str) -> tuple[float, float]:
    """Best wall time and best CPU time of ``repeat`` runs (CPU time is the steadier one on
    a shared machine)."""
    runs = [run_process(argv, out_path) for _ in range(repeat)]
    return min(w for w, _ in runs), min(c for _, c in runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cues", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", default="netflix-ko")
    ap.add_argument("--no-process", action="store_true", help="in-process ratio only")
    ap.add_argument(
        "--distinct", action="store_true", help="every cue's text its own (no repeated lines)"
    )
    args = ap.parse_args()
    profile = load_profile(args.profile)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.srt")
        make_srt(path, args.cues, distinct=args.distinct)
        size = os.path.getsize(path)
        check(load(path), profile)  # warm caches (glyph list, regexes) outside the timing
        t_pysubs2, ssa = best_of(args.repeat, lambda: pysubs2.load(path, encoding="utf-8"))
        t_ours, findings = best_of(args.repeat, lambda: check(load(path), profile))
        ratio = t_ours / t_pysubs2
        ok = ratio <= 1.5
        print(f"file: {args.cues} cues, {size / 1e6:.1f} MB, profile {args.profile}")
        print(f"pysubs2.load:        {t_pysubs2:.3f} s ({len(ssa.events)} events)")  # type: ignore[attr-defined]
        print(f"dramaturg load+check: {t_ours:.3f} s ({len(findings)} findings)")  # type: ignore[arg-type]
        print(f"in-process ratio: {ratio:.2f} (target <= 1.5) -> {'OK' if ok else 'TOO SLOW'}")
        if args.no_process:
            return 0 if ok else 1
        py = sys.executable
        env_src = os.path.join(os.path.dirname(__file__), "..", "src")
        os.environ["PYTHONPATH"] = os.path.abspath(env_src)
        sink = os.path.join(tmp, "stdout.txt")
        saved = os.path.join(tmp, "out.srt")
        # the console script's own code, without depending on where it is installed
        cli = [py, "-c", "import sys; from dramaturg.cli import main; sys.exit(main(sys.argv[1:]))"]
        load_cmd = [py, "-c", f"import pysubs2; pysubs2.load({path!r}, encoding='utf-8')"]
        save_cmd = [
            py, "-c",
            f"import pysubs2; s = pysubs2.load({path!r}, encoding='utf-8'); s.save({saved!r})",
        ]  # fmt: skip
        runs = [
            ("subs check", cli + ["subs", "check", path, "--profile", args.profile], load_cmd),
            ("subs check --json",
             cli + ["subs", "check", path, "--profile", args.profile, "--json"], load_cmd),
            ("subs fix -o", cli + ["subs", "fix", path, "--profile", args.profile, "-o", saved],
             save_cmd),
        ]  # fmt: skip
        print(f"whole processes (best of {args.repeat}), stdout to a file:")
        for name, ours, peer in runs:
            t_peer, c_peer = best_process(args.repeat, peer, sink)
            t_cmd, c_cmd = best_process(args.repeat, ours, sink)
            r = t_cmd / t_peer
            ok = ok and r <= 1.5
            what = "pysubs2 load" if peer is load_cmd else "pysubs2 load+save"
            print(
                f"  {name:<18} {t_cmd:6.2f} s vs {what} {t_peer:5.2f} s: ratio {r:.2f} "
                f"(target <= 1.5) -> {'OK' if r <= 1.5 else 'TOO SLOW'}; "
                f"CPU {c_cmd:.2f} s vs {c_peer:.2f} s: ratio {c_cmd / c_peer:.2f}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
