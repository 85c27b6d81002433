"""Evaluate romance thresholds against the dev gold (Persuasion, Sense and Sensibility, Emma).

A gold event counts as found when a predicted threshold of the same group lies within one
chapter of it (``chapter_seq`` = Part.index + 1). Precision: the share of predicted thresholds
that match some gold event of the same group within one chapter. Groups: meeting /
touch-hand-embrace-kiss / confession-proposal / rejection-breakup / reconciliation-acceptance.

The couple is detected automatically (no override); the table scores the gold events of the
gold main couple ("main") and, for reference, all gold events including secondary couples
("all", recall only, since secondary couples are not what the analysis reports).

    PYTHONPATH=src python bench/eval_thresholds.py [../shared/data]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from dramaturg.analyze.romance import analyze_romance
from dramaturg.read import read

# The shared test material beside the checkout (../shared/data).
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

GROUP = {
    "first_meeting": "meeting",
    "first_touch": "touch",
    "hand_hold": "touch",
    "embrace": "touch",
    "kiss": "touch",
    "confession": "declare",
    "proposal": "declare",
    "rejection": "rupture",
    "breakup": "rupture",
    "reconciliation": "union",
    "acceptance": "union",
}


def _match(pred: dict, gold: dict) -> bool:
    return (
        GROUP[pred["kind"]] == GROUP[gold["kind"]]
        and abs(pred["part_index"] + 1 - gold["chapter_seq"]) <= 1
    )


def evaluate(data: Path) -> list[dict]:
    rows = []
    for gold_file in sorted((data / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        story = read(data / gold["text_file"])
        romance = analyze_romance(story).to_dict()
        secs = time.perf_counter() - t0
        preds = romance["thresholds"]
        main = set(gold["main_couple"])
        events = gold["events"]
        main_events = [e for e in events if set(e["characters"]) == main]
        found = [e for e in main_events if any(_match(p, e) for p in preds)]
        found_all = [e for e in events if any(_match(p, e) for p in preds)]
        correct = [p for p in preds if any(_match(p, e) for e in main_events)]
        couple = romance["couple"] or []
        couple_ok = all(
            any(set(g.split()) & set(c.replace(".", "").split()) for c in couple)
            for g in gold["main_couple"]
        )
        rows.append(
            {
                "novel": gold["novel"],
                "couple": " + ".join(couple),
                "couple_ok": couple_ok,
                "gold_main": len(main_events),
                "recall_main": len(found) / max(1, len(main_events)),
                "precision": len(correct) / max(1, len(preds)),
                "predicted": len(preds),
                "recall_all": len(found_all) / max(1, len(events)),
                "missed": [
                    f"{e['kind']}@{e['chapter_seq']}" for e in main_events if e not in found
                ],
                "seconds": secs,
            }
        )
    return rows


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED
    rows = evaluate(data)
    print(
        f"{'novel':24} {'couple':40} {'ok':3} {'recall':>6} {'prec':>6} {'pred':>4} "
        f"{'rec(all)':>8} {'secs':>5}  missed"
    )
    for r in rows:
        print(
            f"{r['novel']:24} {r['couple'][:40]:40} {'y' if r['couple_ok'] else 'n':3} "
            f"{r['recall_main']:6.2f} {r['precision']:6.2f} {r['predicted']:4d} "
            f"{r['recall_all']:8.2f} {r['seconds']:5.2f}  {', '.join(r['missed'])}"
        )


if __name__ == "__main__":
    main()
