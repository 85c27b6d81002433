"""Benchmark the talent-scheduling engine on instance files.

    python bench/talent.py [--time-limit S] [--json] [--method auto|astar|dp] [INSTANCE.json ...]

With no instance given, runs every ``*.json`` in ../shared/data/talent/instances. Prints a
table (name, cost, known optimum, proven optimal, seconds), or with ``--json`` a list of
``{"name", "order", "cost", "optimal", "seconds"}`` (orders are 0-based scene indices).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# The shared test material beside the checkout (../shared/data).
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

try:
    from dramaturg.produce.talent import load_instance, solve
except ImportError:  # not installed: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from dramaturg.produce.talent import load_instance, solve

DEFAULT_DIR = SHARED / "talent" / "instances"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", nargs="*", type=Path, help="instance JSON files")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--method",
        choices=("auto", "astar", "dp"),
        default="auto",
        help="engine: A* then the numpy subset DP (auto), A* only, or the DP only",
    )
    args = parser.parse_args(argv)

    paths = args.instances or sorted(DEFAULT_DIR.glob("*.json"))
    if not paths:
        parser.error(f"no instances given and none found in {DEFAULT_DIR}")

    rows = []
    if not args.json:
        print(f"{'name':<28} {'cost':>7} {'known':>7} {'optimal':>8} {'seconds':>8}")
    for path in paths:
        problem = load_instance(path)
        known = json.loads(path.read_text(encoding="utf-8")).get("known_optimum")
        sol = solve(problem, time_limit=args.time_limit, method=args.method)
        rows.append(
            {
                "name": problem.name,
                "order": sol.order,
                "cost": sol.cost,
                "optimal": sol.optimal,
                "seconds": round(sol.seconds, 4),
            }
        )
        if not args.json:
            known_s = "-" if known is None else str(known)
            print(
                f"{problem.name:<28} {sol.cost:>7} {known_s:>7} "
                f"{'yes' if sol.optimal else 'no':>8} {sol.seconds:>8.3f}",
                flush=True,
            )
    if args.json:
        print("[\n" + ",\n".join(" " + json.dumps(row) for row in rows) + "\n]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
