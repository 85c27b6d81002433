"""Fingerprints of what ``subs fix`` makes of every subtitle fixture, to show that a speed-up
changed no output: the fixed file's text and its list of changes, hashed per run.

Runs every subtitle file under ``tests/data`` and the shared data's ``subtitles/`` with each
built-in profile (with and without SDH, without and with a shot-change list), and random
files like the property tests make. Write the fingerprints of the code before and after a
change, then compare:

    git stash; PYTHONPATH=src python bench/subs_fix_outputs.py /tmp/before.json; git stash pop
    PYTHONPATH=src python bench/subs_fix_outputs.py /tmp/after.json --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from pathlib import Path

from dramaturg.subtitles.fix import fix
from dramaturg.subtitles.io import dumps, load
from dramaturg.subtitles.model import Cue, Subtitles
from dramaturg.subtitles.profiles import load_profile

ROOT = Path(__file__).resolve().parent.parent
_EXTENSIONS = (".srt", ".vtt", ".ass", ".ssa", ".ttml", ".xml", ".dfxp", ".smi", ".sami", ".sbv")
_PROFILES = [
    ("netflix-ko", False), ("netflix-ko", True), ("netflix-en", False), ("netflix-en", True),
    ("generic", False),
]  # fmt: skip
_KO = "가나다라마바사아자차카타파하더의지못"
_EN = "abcdefghijklmnopqrstuvwxyzAB"


def _shared() -> Path:
    env = os.environ.get("DRAMATURG_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def fixtures() -> list[tuple[str, Path]]:
    """(name relative to its folder, path) of every subtitle fixture."""
    roots = {"tests/data": ROOT / "tests" / "data", "shared/subtitles": _shared() / "subtitles"}
    return sorted(
        (f"{label}/{p.relative_to(root)}", p) for label, root in roots.items() if root.is_dir()
        for p in root.rglob("*") if p.suffix.lower() in _EXTENSIONS
    )  # fmt: skip


def fingerprint(subs: Subtitles, profile: str, sdh: bool, cuts: list[int] | None) -> str:
    try:
        fixed, changes = fix(subs, load_profile(profile, sdh=sdh), shot_changes=cuts)
        body = dumps(fixed) + "\n#\n" + "\n".join(f"{c.index}|{c.what}|{c.detail}" for c in changes)
    except Exception as exc:  # noqa: BLE001 - an error is an output too
        body = f"error {type(exc).__name__}: {exc}"
    return hashlib.sha256(body.encode()).hexdigest()


def _random_file(rnd: random.Random, alphabet: str) -> Subtitles:
    def word() -> str:
        return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 6)))

    def line() -> str:
        if rnd.random() < 0.2:
            return rnd.choice(["(진아)", "[문 닫히는 소리]", "[door slams]", "MAN:", "♪"])
        words = " ".join(word() + rnd.choice(["", "", ".", ",", "?", "...", "!"]) for _ in range(9))
        return rnd.choice(["", "", "- ", "-", "(진아) ", "[JIN] "]) + words[: rnd.randint(1, 60)]

    cues, t = [], 1000
    for _ in range(rnd.randint(1, 8)):
        t = max(0, t + rnd.randint(-300, 3000))
        duration = rnd.randint(100, 9000)
        text = "\n".join(line() for _ in range(rnd.randint(1, 3)))
        cues.append(Cue(t, t + duration, text, line=1))
        t += duration
    return Subtitles(path="p.srt", format="srt", encoding="utf-8", cues=cues)


def fingerprints(randoms: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for label, path in fixtures():
        try:
            subs = load(path)
        except Exception as exc:  # noqa: BLE001 - fixtures include files meant to be refused
            out[label] = f"load error {type(exc).__name__}"
            continue
        rnd = random.Random(label)
        cuts = sorted({c.start + rnd.choice([-40, 0, 20, 60]) for c in subs.cues[::3]})
        for profile, sdh in _PROFILES:
            for name, shots in (("none", None), ("cuts", cuts)):
                out[f"{label}|{profile}|{sdh}|{name}"] = fingerprint(subs, profile, sdh, shots)
    rnd = random.Random(13)
    for n in range(randoms):
        subs = _random_file(rnd, _KO if n % 2 else _EN)
        profile, sdh = _PROFILES[n % 4]
        cuts = None if n % 3 == 0 else sorted(rnd.randint(0, 40_000) for _ in range(4))
        out[f"random {n}|{profile}|{sdh}"] = fingerprint(subs, profile, sdh, cuts)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="where to write the fingerprints (JSON)")
    ap.add_argument("--compare", metavar="EARLIER", help="fingerprints to compare with")
    ap.add_argument("--random", type=int, default=1500, help="random files (default 1500)")
    args = ap.parse_args()
    found = fingerprints(args.random)
    Path(args.out).write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(found)} runs written to {args.out}")
    if not args.compare:
        return 0
    earlier = json.loads(Path(args.compare).read_text(encoding="utf-8"))
    differ = sorted(k for k in earlier.keys() | found.keys() if earlier.get(k) != found.get(k))
    for key in differ[:20]:
        print(f"  differs: {key}")
    print(f"{len(differ)} of {len(found)} runs differ from {args.compare}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
