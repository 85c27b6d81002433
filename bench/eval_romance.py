"""Score the romance analysis on every labelled novel, strictly, by lines.

For each gold file it runs the analysis as ``dramaturg analyze --json`` prints it (the couple
detected automatically, no override), then the project's scorer
(``../shared/tools/score_romance.py GOLD TEXT PRED``: a prediction counts only when it starts
inside the labelled passage +-40 lines). One row per book: couple right, recall, precision,
distractor hits, the share of found events whose size is within 0.5x-2x of the labelled passage.

Two sets are scored and shown apart:
- ``dev``: the gold in ``../shared/data/gold/`` (the texts in ``../shared/data/novels/``);
- ``own``: novels labelled for this project before the tool was run on them
  (``bench/gold/*.json``), so their scores say how the rules do on books they were not
  written while looking at. Their texts are public-domain Project Gutenberg books that are
  not kept in the repository: put them in ``$DRAMATURG_CORPUS/novels/`` (default
  ``../corpus`` beside the checkout); each gold file names its source and the text's sha256.

    PYTHONPATH=src python bench/eval_romance.py [--set dev|own|all] [--book NAME] [-v]

The couple column is the scorer's verdict made stricter (``strict_couple_ok``): ``LOOSE`` is
a couple the scorer accepts only through a loose word match (a name that is one word of a
descriptive alias); it counts as wrong.

``-v`` prints the scorer's line per event (HIT / MISS / FALSE / DISTRACTOR).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
CORPUS = Path(os.environ.get("DRAMATURG_CORPUS", HERE.parents[1] / "corpus"))
SCORER = SHARED / "tools" / "score_romance.py"
TARGETS = {"recall": 0.8, "precision": 0.7, "distractors": 1, "size": 0.7}


def _books(which: str) -> list[tuple[str, Path, Path]]:
    """(set, gold file, text file) for every labelled book of the chosen set."""
    out = []
    if which in ("dev", "all"):
        for g in sorted((SHARED / "data" / "gold").glob("*.json")):
            gold = json.loads(g.read_text(encoding="utf-8"))
            out.append(("dev", g, SHARED / "data" / gold["text_file"]))
    if which in ("own", "all"):
        for g in sorted((HERE / "gold").glob("*.json")):
            gold = json.loads(g.read_text(encoding="utf-8"))
            text = CORPUS / "novels" / gold["text_file"]
            if not text.is_file():
                print(f"skipped {g.name}: {text} is absent ({gold['source']})", file=sys.stderr)
                continue
            if "sha256" in gold and hashlib.sha256(text.read_bytes()).hexdigest() != gold["sha256"]:
                print(f"skipped {g.name}: {text} is not the labelled text", file=sys.stderr)
                continue
            out.append(("own", g, text))
    return out


_TITLES = {"mr", "mrs", "miss", "ms", "dr", "sir", "lady", "lord", "captain", "master"}


def _words(s: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", s).lower().split()


def strict_couple_ok(gold: dict, predicted: list | None) -> bool:
    """The couple, judged more strictly than the shared scorer.

    The scorer accepts a name that is any word of any alias, so "Julia" matches the hero
    through the alias "Julia's desirable uncle". Here a predicted name stands for a lover only
    when it is one of the lover's aliases exactly, or its words are all words of the lover's
    name, or it and an alias written as a proper name (every word capitalised, like "Dr.
    MacRae") contain one another word for word.
    """
    if not predicted or len(predicted) < 2:
        return False
    names = [
        p if isinstance(p, str) else (p.get("name") or p.get("canonical") or "") for p in predicted
    ]
    aliases = gold.get("aliases") or {}

    def matches(name: str, lover: str) -> bool:
        n = _words(name)
        if not n:
            return False
        al = [lover, *aliases.get(lover, [])]
        bare = [w for w in n if w not in _TITLES] or n
        if any(n == _words(a) for a in al) or set(bare) <= set(_words(lover)):
            return True
        for a in al:
            if a.split() and all(w[:1].isupper() for w in a.split()):
                aw = _words(a)
                if set(aw) <= set(n) or set(n) <= set(aw):
                    return True
        return False

    a, b = names[0], names[1]
    x, y = gold["main_couple"][:2]
    return (matches(a, x) and matches(b, y)) or (matches(a, y) and matches(b, x))


def score_one(args: tuple[str, str, str, str | None]) -> dict:
    which, gold_file, text_file, fmt = args
    from dramaturg.analyze import analyze
    from dramaturg.read import read

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        text = Path(text_file)
        t0 = time.perf_counter()
        result = analyze(read(text, format=fmt)).to_dict()
        secs = time.perf_counter() - t0
        pred = tmp / "pred.json"
        pred.write_text(json.dumps(result), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, str(SCORER), gold_file, str(text), str(pred)],
            capture_output=True,
            text=True,
            check=True,
        )
    lines = proc.stdout.strip().splitlines()
    summary = dict(kv.split("=", 1) for kv in lines[-1].split())
    dis_hit, n_pred = summary["distractor_hits"].split("/")
    size_ok, size_n = summary["size_ok"].split("/")
    return {
        "set": which,
        "book": Path(gold_file).stem,
        "couple": summary["couple"]
        if summary["couple"] != "OK"
        or strict_couple_ok(
            json.loads(Path(gold_file).read_text(encoding="utf-8")), result.get("couple")
        )
        else "LOOSE",
        "predicted_couple": result.get("couple"),
        "recall": float(summary["recall"]),
        "precision": float(summary["precision"]),
        "distractor_hits": int(dis_hit),
        "predictions": int(n_pred),
        "size_ok": int(size_ok),
        "size_n": int(size_n),
        "seconds": round(secs, 1),
        "detail": lines[:-1],
    }


def _passes(r: dict) -> bool:
    size = r["size_ok"] / r["size_n"] if r["size_n"] else 1.0
    return (
        r["couple"] == "OK"
        and r["recall"] >= TARGETS["recall"]
        and r["precision"] >= TARGETS["precision"]
        and r["distractor_hits"] <= TARGETS["distractors"]
        and size >= TARGETS["size"]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="all", choices=["dev", "own", "all"])
    ap.add_argument("--book", help="only books whose gold file name contains this")
    ap.add_argument("-v", "--verbose", action="store_true", help="the scorer's line per event")
    ap.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--format", help="force the input format (default: detected, as a user gets)")
    args = ap.parse_args(argv)
    books = [b for b in _books(args.set) if not args.book or re.search(args.book, b[1].stem)]
    if not books:
        print("no labelled books found", file=sys.stderr)
        return 2
    jobs = [(w, str(g), str(t), args.format) for w, g, t in books]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        rows = list(pool.map(score_one, jobs))
    print(
        f"{'set':<4} {'book':<28} {'couple':<6} {'recall':>6} {'prec':>5} "
        f"{'distr':>5} {'size':>6} {'preds':>5} {'secs':>5}  pass"
    )
    for r in rows:
        size = f"{r['size_ok']}/{r['size_n']}"
        print(
            f"{r['set']:<4} {r['book']:<28} {r['couple']:<6} {r['recall']:>6.2f} "
            f"{r['precision']:>5.2f} {r['distractor_hits']:>5} {size:>6} {r['predictions']:>5} "
            f"{r['seconds']:>5}  {'yes' if _passes(r) else 'no'}"
        )
        if args.verbose:
            print(f"     couple predicted: {r['predicted_couple']}")
            for line in r["detail"]:
                print(f"     {line}")
    for which in ("dev", "own"):
        part = [r for r in rows if r["set"] == which]
        if part:
            n = len(part)
            print(
                f"{which}: couple {sum(r['couple'] == 'OK' for r in part)}/{n}, "
                f"mean recall {sum(r['recall'] for r in part) / n:.2f}, "
                f"mean precision {sum(r['precision'] for r in part) / n:.2f}, "
                f"distractor hits {sum(r['distractor_hits'] for r in part)}, "
                f"books passing every target {sum(_passes(r) for r in part)}/{n}"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
