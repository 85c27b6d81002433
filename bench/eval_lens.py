"""Score the lens on its labelled set (bench/lens_set.toml): does it separate the poles?

Every fantastical book should score >= 0.6 and every grounded one <= 0.25. One row per book:
half, label, score, pass, F (fantastical events per 10k words), G (everyday terms per 10k),
spread (share of stretches with fantastical events), then the top evidence terms with
file:line. The tuning half (the one the lexicon was written on) and the held-out half are
summed up separately (and held_out_2, a third group added after a second round of fixes;
held_out_3, chosen before the third round and scored once after it).

Texts are read from $DRAMATURG_CORPUS (default ../corpus beside the checkout) and from the
shared dev novels ($DRAMATURG_SHARED_DATA, default ../shared/data); books that are missing
are listed as such. Each text goes through ``dramaturg.read.read`` exactly as
``dramaturg analyze`` reads it (Gutenberg header and footer stripped by the prose reader).

    python bench/eval_lens.py [--half tuning|held_out] [--terms 4] [--quotes] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

from dramaturg.analyze.lens import analyze_lens
from dramaturg.analyze.scored import score_story
from dramaturg.read import read

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FANTASTICAL_MIN = 0.6
GROUNDED_MAX = 0.25
HALVES = ("tuning", "held_out", "held_out_2", "held_out_3")


def corpus_dir() -> Path:
    env = os.environ.get("DRAMATURG_CORPUS")
    return Path(env) if env else ROOT.parent / "corpus"


def shared_dir() -> Path:
    env = os.environ.get("DRAMATURG_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def book_path(book: dict[str, Any]) -> Path:
    if book["source"] == "shared":
        return shared_dir() / "novels" / book["file"]
    return corpus_dir() / "lens" / book["file"]


def evaluate(book: dict[str, Any]) -> dict[str, Any]:
    path = book_path(book)
    row: dict[str, Any] = {k: book[k] for k in ("title", "label", "half", "file")}
    if not path.exists():
        row["error"] = f"missing: {path}"
        return row
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    row["sha256_ok"] = digest == book["sha256"]
    try:
        story = read(path)
    except Exception as exc:  # a reader failure is a row of the table, not the end of it
        row["error"] = f"read() failed: {type(exc).__name__}: {exc}"
        return row
    t0 = time.perf_counter()
    table = score_story(story)
    t1 = time.perf_counter()
    lens = analyze_lens(story, scored=table)
    t2 = time.perf_counter()
    ok = (
        lens.score >= FANTASTICAL_MIN
        if book["label"] == "fantastical"
        else (lens.score <= GROUNDED_MAX)
    )
    row.update(
        words=table.total_words,
        score=round(lens.score, 3),
        passed=ok,
        F=round(lens.fantastical_per_10k, 2),
        G=round(lens.grounded_per_10k, 1),
        spread=round(lens.spread, 2),
        reason=lens.reason,
        score_story_s=round(t1 - t0, 3),
        lens_s=round(t2 - t1, 3),
        fantastical_terms=[t.to_dict() for t in lens.fantastical_terms],
        grounded_terms=[t.to_dict() for t in lens.grounded_terms],
    )
    return row


def _terms(terms: list[dict[str, Any]], n: int, quotes: bool) -> str:
    out = []
    for t in terms[:n]:
        where = f"{Path(t['file']).name}:{t['line']}"
        item = f"{t['term']} x{t['count']} ({where})"
        if quotes:
            item += f' "{t["quote"][:90]}"'
        out.append(item)
    return "; ".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default=str(HERE / "lens_set.toml"))
    ap.add_argument("--half", choices=HALVES)
    ap.add_argument("--terms", type=int, default=4, help="evidence terms shown per pole")
    ap.add_argument("--quotes", action="store_true", help="print the quote of each term")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    books = tomllib.loads(Path(args.set).read_text(encoding="utf-8"))["book"]
    if args.half:
        books = [b for b in books if b["half"] == args.half]
    rows = [evaluate(b) for b in books]
    if args.json:
        json.dump(rows, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    for half in HALVES:
        part = [r for r in rows if r["half"] == half]
        if not part:
            continue
        print(f"\n== {half} half ==")
        print(f"{'book':34s} {'label':11s} {'score':>5s} pass {'F':>6s} {'G':>5s} spread  evidence")
        for r in part:
            name = r["title"][:34]
            if "error" in r:
                print(f"{name:34s} {r['label']:11s}   --- ERROR {r['error']}")
                continue
            pole = r["fantastical_terms"] if r["label"] == "fantastical" else r["grounded_terms"]
            other = r["grounded_terms"] if r["label"] == "fantastical" else r["fantastical_terms"]
            sha = "" if r["sha256_ok"] else " [sha256 differs]"
            print(
                f"{name:34s} {r['label']:11s} {r['score']:5.2f} {'yes ' if r['passed'] else 'NO  '}"
                f"{r['F']:6.1f} {r['G']:5.0f} {r['spread']:5.2f}   "
                f"{_terms(pole, args.terms, args.quotes)}{sha}"
            )
            if other and args.terms:
                print(
                    f"{'':34s} {'':11s} {'':22s} {'':6s} other pole: "
                    f"{_terms(other, max(1, args.terms // 2), args.quotes)}"
                )
        scored = [r for r in part if "error" not in r]
        for label in ("fantastical", "grounded"):
            lab = [r for r in scored if r["label"] == label]
            if not lab:
                continue
            passed = sum(r["passed"] for r in lab)
            lo, hi = min(r["score"] for r in lab), max(r["score"] for r in lab)
            errors = sum(1 for r in part if r["label"] == label and "error" in r)
            print(
                f"  {label}: {passed}/{len(lab)} pass, scores {lo:.2f}..{hi:.2f}"
                + (f", {errors} not scored (error)" if errors else "")
            )
    slowest = max((r for r in rows if "lens_s" in r), key=lambda r: r["words"], default=None)
    if slowest:
        print(
            f"\nlongest book: {slowest['title']} ({slowest['words']} words): "
            f"score_story {slowest['score_story_s']:.2f} s, lens {slowest['lens_s']:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
