"""Score the breakdown against hand-labelled scenes: recall and precision per category.

The gold files (``bench/gold/breakdown/*.toml``) break down the dev screenplays in
``../shared/data/screenplays/`` scene by scene, as a first AD reads them: who is on set, the
elements each department brings, the place, the time of day and the story day. A scene is
matched to the breakdown's sheet by the line of its heading.

An element counts as found when the tool's item names it: the same words, one of the labelled
alternatives (``"gti|vw"``), or the same head noun with words in front ("red lipstick" for
"lipstick", "old photo" for "photo"); plurals are folded. Each labelled item matches at most
one found item, so a second name for the same thing ("camera" and "digital camera") is a false
element. Story days are scored as the scenes where a new day starts (recall / precision of
those boundaries) and as the share of scenes whose day number is right.

    PYTHONPATH=src python bench/eval_breakdown.py [--held | --seen | --script NAME] [-v] [--json]

``--held`` scores ``held-*.toml``: scenes labelled before the tool's output on them was seen
and not looked at while the rules were changed (the dev files were). ``--seen`` scores
``seen-*.toml``: a held set whose misses were then read and fixed by general rules, so no
longer a check on unseen text (kept apart from dev so that dev figures stay comparable).

``-v`` lists every miss (``-``) and false element (``+``) per scene.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from dramaturg.produce.breakdown import breakdown  # noqa: E402
from dramaturg.read import read_series  # noqa: E402

ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "data"
GOLD = HERE / "gold" / "breakdown"
ELEMENTS = (
    "extras",
    "props",
    "wardrobe",
    "vehicles",
    "animals",
    "sfx",
    "vfx",
    "stunts",
    "injuries",
)


@dataclass
class Tally:
    found: int = 0  # labelled items the tool found
    labelled: int = 0
    reported: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.reported if self.reported else 1.0


def _fold(word: str) -> str:
    word = " ".join(word.lower().replace("’", "'").split())
    for end in ("ies", "es", "s"):
        if word.endswith(end) and len(word) > len(end) + 2:
            return word[: -len(end)] + ("y" if end == "ies" else "")
    return word


def _names(item: str, alternatives: list[str]) -> bool:
    got = _fold(item)
    for alt in alternatives:
        want = _fold(alt)
        if got == want or got.endswith(" " + want) or want.endswith(" " + got):
            return True
    return False


def _score(tally: Tally, where: str, gold: list[str], found: list[str]) -> None:
    left = list(found)
    tally.labelled += len(gold)
    tally.reported += len(found)
    for item in gold:
        alternatives = item.split("|")
        hit = next((f for f in left if _names(f, alternatives)), None)
        if hit is None:
            tally.misses.append(f"{where}: - {alternatives[0]}")
        else:
            left.remove(hit)
            tally.found += 1
    tally.false.extend(f"{where}: + {f}" for f in left)


def script_path(gold_path: Path, script: str) -> Path:
    """The script a gold file labels: its ``script`` is a path from the repository root
    (``src/dramaturg/data/demo.fountain``) or from the shared data folder
    (``screenplays/x.fountain``). A script in neither place stops the run with the gold
    file's name, not a traceback from the reader."""
    for base in (ROOT, SHARED):
        path = (base / script).resolve()
        if path.is_file():
            return path
    raise SystemExit(
        f"{gold_path.name}: script {script!r} not found (looked under {ROOT} and {SHARED})"
    )


def evaluate(paths: list[Path]) -> dict[str, Tally]:
    tallies = {k: Tally() for k in ("scenes", "cast", *ELEMENTS, "place", "time", "new day")}
    right_days = scenes = 0
    for gold_path in paths:
        gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
        script = script_path(gold_path, gold["script"])
        sheets = {s.line: s for s in breakdown(read_series([str(script)])).scenes}
        labelled = {g["line"]: g for g in gold["scene"]}
        name = gold_path.stem
        partial = gold.get("partial", False)  # only the labelled scenes are scored
        found_lines = [n for n in sheets if not partial or n in labelled]
        _score(tallies["scenes"], name, [str(n) for n in labelled], [str(n) for n in found_lines])
        shift = 0
        if gold.get("relative_days") and labelled:
            first = min(labelled)
            shift = (sheets[first].story_day - 1) if first in sheets else 0
        prev_gold = prev_found = None
        for line, sheet in sheets.items():
            if line not in labelled and not partial:  # a scene the script lacks: all false
                for cat in ("cast", *ELEMENTS):
                    _score(tallies[cat], f"{name}:{line}", [], list(getattr(sheet, cat)))
        for line, g in labelled.items():
            where = f"{name}:{line}"
            sheet = sheets.get(line)
            for cat in ("cast", *ELEMENTS):
                _score(
                    tallies[cat], where, g.get(cat, []), list(getattr(sheet, cat)) if sheet else []
                )
            place = [sheet.location + (f" - {sheet.set}" if sheet.set else "")] if sheet else []
            # the place is right when the location (or location - set) is one of those labelled
            alts = [a for p in g["place"].split("|") for a in (p, p.replace(", ", " - "))]
            ok = bool(sheet) and (sheet.location in alts or place[0] in alts)
            _score(tallies["place"], where, [g["place"]], [alts[0]] if ok else place)
            _score(tallies["time"], where, [g["time"]], [sheet.time_of_day] if sheet else [])
            found_day = sheet.story_day - shift if sheet else None
            starts = prev_gold is not None and g["story_day"] != prev_gold
            began = prev_found is not None and found_day != prev_found
            _score(
                tallies["new day"],
                where,
                ["new day"] if starts else [],
                ["new day"] if began else [],
            )
            prev_gold, prev_found = g["story_day"], found_day
            scenes += 1
            right_days += found_day == g["story_day"]
    tallies["story day right"] = Tally(right_days, scenes, scenes)
    return tallies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--script", help="only this gold file (its stem), or those whose stem starts with NAME-"
    )
    ap.add_argument(
        "--held", action="store_true", help="the held-back check (held-*.toml) instead of dev"
    )
    ap.add_argument(
        "--seen",
        action="store_true",
        help="once-held sets the rules were since fixed on (seen-*.toml)",
    )
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    paths = sorted(GOLD.glob("*.toml"))
    if args.script:
        # a stem, or the start of several ("held-pd" for held-pd-*)
        paths = [p for p in paths if p.stem == args.script or p.stem.startswith(args.script + "-")]
    elif args.held:
        paths = [p for p in paths if p.stem.startswith("held-")]
    elif args.seen:
        paths = [p for p in paths if p.stem.startswith("seen-")]
    else:
        paths = [p for p in paths if not p.stem.startswith(("held-", "seen-"))]
    tallies = evaluate(paths)
    elements = Tally()
    for cat in ELEMENTS:
        t = tallies[cat]
        elements.found += t.found
        elements.labelled += t.labelled
        elements.reported += t.reported
    rows = {**tallies, "elements (non-cast)": elements}
    if args.json:
        print(
            json.dumps(
                {
                    k: {
                        "recall": round(t.recall, 3),
                        "precision": round(t.precision, 3),
                        "labelled": t.labelled,
                        "reported": t.reported,
                    }
                    for k, t in rows.items()
                },
                indent=1,
            )
        )
        return 0
    print(
        f"{'category':<20} {'labelled':>8} {'reported':>8} {'found':>6} {'recall':>7} {'precision':>9}"
    )
    for cat, t in rows.items():
        print(
            f"{cat:<20} {t.labelled:>8} {t.reported:>8} {t.found:>6} {t.recall:>7.2f} {t.precision:>9.2f}"
        )
    print("targets: non-cast elements recall >= 0.80 at precision >= 0.85; cast precision >= 0.95")
    if args.verbose:
        for cat, t in tallies.items():
            for line in (*t.misses, *t.false):
                print(f"{cat:<10} {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
