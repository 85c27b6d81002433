"""Benchmark the talent-scheduling engine on instance files.

    python bench/talent.py [--time-limit S] [--json] [--method auto|astar|dp] [INSTANCE.json ...]
    python bench/talent.py --generate 26 13 1 --generate 30 15 2 [--time-limit S]

With no instance given, runs every ``*.json`` in ../shared/data/talent/instances. Prints a
table (name, cost, known optimum, proven optimal, seconds, the process's peak memory), or
with ``--json`` a list of ``{"name", "order", "cost", "optimal", "seconds"}`` (orders are
0-based scene indices). ``--generate N M SEED`` (repeatable) builds an instance of N scenes
and M actors reproducibly, in the shape of a feature's talent problem: two leads in most
scenes, one to three supporting actors in each, durations of one to four days.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
from pathlib import Path

# The shared test material beside the checkout (../shared/data).
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

try:
    from dramaturg.produce.talent import TalentProblem, load_instance, solve
except ImportError:  # not installed: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from dramaturg.produce.talent import TalentProblem, load_instance, solve

DEFAULT_DIR = SHARED / "talent" / "instances"


def make(scenes: int, actors: int, seed: int) -> TalentProblem:
    """A reproducible instance: two leads (dearer) in most scenes, one to three of the other
    actors in each, every actor in at least one scene."""
    rng = random.Random(seed)
    costs = [rng.randint(15, 30), rng.randint(12, 25)] + [
        rng.randint(2, 12) for _ in range(actors - 2)
    ]
    cast: list[set[int]] = []
    for _ in range(scenes):
        who = {a for a in (0, 1) if rng.random() < 0.8}
        who |= set(rng.sample(range(2, actors), rng.randint(1, 3)))
        cast.append(who)
    for a in range(actors):
        if not any(a in c for c in cast):
            cast[rng.randrange(scenes)].add(a)
    return TalentProblem(
        durations=tuple(rng.randint(1, 4) for _ in range(scenes)),
        costs=tuple(costs),
        scene_actors=tuple(frozenset(c) for c in cast),
        name=f"gen-{scenes}x{actors}-{seed}",
    )


def plain_cpsat(problem: TalentProblem, time_limit: float) -> tuple[int, bool, float]:
    """The plain CP-SAT model the engine is compared with: each scene an interval on one
    machine (no overlap), each actor paid from their first scene's start to their last
    scene's end. Returns (cost, proven optimal, seconds)."""
    import time

    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    total = sum(problem.durations)
    starts, ends, intervals = [], [], []
    for s, d in enumerate(problem.durations):
        st = m.new_int_var(0, total - d, f"start{s}")
        starts.append(st)
        ends.append(st + d)
        intervals.append(m.new_fixed_size_interval_var(st, d, f"scene{s}"))
    m.add_no_overlap(intervals)
    cost = []
    for a, c in enumerate(problem.costs):
        mine = [s for s, cast in enumerate(problem.scene_actors) if a in cast]
        if not mine:
            continue
        first = m.new_int_var(0, total, f"first{a}")
        last = m.new_int_var(0, total, f"last{a}")
        m.add_min_equality(first, [starts[s] for s in mine])
        m.add_max_equality(last, [ends[s] for s in mine])
        cost.append(c * (last - first))
    m.minimize(sum(cost))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    t = time.perf_counter()
    status = solver.solve(m)
    return int(solver.objective_value), status == cp_model.OPTIMAL, time.perf_counter() - t


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    parser.add_argument(
        "--generate",
        nargs=3,
        type=int,
        action="append",
        metavar=("N", "M", "SEED"),
        help="an instance of N scenes and M actors built from SEED (repeatable)",
    )
    parser.add_argument(
        "--cpsat",
        action="store_true",
        help="also solve each instance with the plain CP-SAT model, for comparison",
    )
    args = parser.parse_args(argv)

    jobs: list[tuple[TalentProblem, object]] = []
    for n, m, seed in args.generate or []:
        jobs.append((make(n, m, seed), None))
    paths = args.instances or ([] if jobs else sorted(DEFAULT_DIR.glob("*.json")))
    if not paths and not jobs:
        parser.error(f"no instances given and none found in {DEFAULT_DIR}")
    for path in paths:
        known = json.loads(path.read_text(encoding="utf-8")).get("known_optimum")
        jobs.append((load_instance(path), known))

    rows = []
    if not args.json:
        extra = f" {'cp-sat':>7} {'proven':>7} {'seconds':>8}" if args.cpsat else ""
        print(
            f"{'name':<28} {'cost':>7} {'known':>7} {'optimal':>8} {'seconds':>8} "
            f"{'peak MB':>8}{extra}"
        )
    for problem, known in jobs:
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
            line = (
                f"{problem.name:<28} {sol.cost:>7} {known_s:>7} "
                f"{'yes' if sol.optimal else 'no':>8} {sol.seconds:>8.3f} {_peak_mb():>8.0f}"
            )
            if args.cpsat:
                cost, proven, seconds = plain_cpsat(problem, args.time_limit)
                line += f" {cost:>7} {'yes' if proven else 'no':>7} {seconds:>8.3f}"
            print(line, flush=True)
    if args.json:
        print("[\n" + ",\n".join(" " + json.dumps(row) for row in rows) + "\n]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
