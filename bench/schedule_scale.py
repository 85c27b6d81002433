"""Scheduling at series scale: a 16-episode drama of ~600 scenes, 40 locations, 30 cast.

Built programmatically from the demo (``data/demo.fountain`` + ``data/demo-production.toml``):
the demo's breakdown is replicated ``--copies`` times (13 copies of 47 scenes = 611 scenes),
spread over 16 episodes. The two leads stay in every copy; each copy's supporting cast is
renamed into a pool of 28 (so 30 cast in all) and its locations into a pool of 40, so copies
share people and places the way a real series does. Some actors and locations get blocked
dates. Then the scheduler runs with its default model (scenes of one location, time and cast
aggregated into strips) and the figures are printed::

    PYTHONPATH=src python bench/schedule_scale.py --time-limit 50
    PYTHONPATH=src python bench/schedule_scale.py --json --out /tmp/scale-reports
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import time
from importlib import resources
from pathlib import Path

from dramaturg.produce.breakdown import Breakdown, SceneBreakdown, _cast_list, breakdown
from dramaturg.produce.config import CastConfig, LocationConfig, ProductionConfig, load_config
from dramaturg.produce.reports import write_reports
from dramaturg.produce.schedule import schedule
from dramaturg.read import read

EPISODES = 16
LOCATIONS = 40
SUPPORTING = 28
LEADS = ("DA-EUN", "JI-HWAN")


def demo() -> tuple[Breakdown, ProductionConfig]:
    data = resources.files("dramaturg") / "data"
    with resources.as_file(data / "demo-production.toml") as toml:
        cfg = load_config(toml)
    with resources.as_file(data / "demo.fountain") as script:
        return breakdown(read(script), cfg), cfg


def build_series(copies: int = 13) -> tuple[Breakdown, ProductionConfig]:
    """The demo replicated into a 16-episode series with 40 locations and 30 cast."""
    bd, base = demo()
    base_locations = bd.locations
    supporting = [c.name for c in bd.cast if c.name not in LEADS]
    n_total = copies * len(bd.scenes)
    scenes: list[SceneBreakdown] = []
    story_days = max(s.story_day for s in bd.scenes)
    for k in range(copies):
        loc_map = {
            loc: f"LOCATION {(i * 3 + k * 7) % LOCATIONS + 1:02d}"
            for i, loc in enumerate(base_locations)
        }
        cast_map = {
            name: f"SUPPORT {(i + k * 5) % SUPPORTING + 1:02d}" for i, name in enumerate(supporting)
        }
        for s in bd.scenes:
            c = copy.deepcopy(s)
            c.index = len(scenes)
            c.part = 1 + c.index * EPISODES // n_total
            c.number = str(c.index + 1)
            c.ref = f"{c.part}-{c.number}"
            c.location = loc_map[s.location]
            c.cast = [cast_map.get(a, a) for a in s.cast]
            c.continuity = {cast_map.get(a, a): v for a, v in s.continuity.items()}
            c.story_day = s.story_day + k * story_days
            scenes.append(c)
    series = Breakdown(f"{bd.title} (x{copies}, {EPISODES} episodes)", scenes, _cast_list(scenes))

    cfg = copy.deepcopy(base)
    cfg.cast = {}
    start = cfg.start_date
    for i, member in enumerate(series.cast):
        name = member.name
        demo_cost = base.cast.get(name)
        cost = demo_cost.cost_per_day if demo_cost else 1_500_000 + 250_000 * (i % 8)
        unavailable = set()
        if i % 4 == 1:  # a quarter of the cast has another engagement: a week, somewhere
            week = start + dt.timedelta(days=7 * (3 + i % 17))
            unavailable = {week + dt.timedelta(days=d) for d in range(5)}
        if name == "JI-HWAN":
            unavailable = {start + dt.timedelta(days=30 * m + 3) for m in range(6)}
        cfg.cast[name] = CastConfig(
            name=name, cost_per_day=cost, unavailable=unavailable, cost_given=True
        )
    cfg.locations = {}
    for j in range(LOCATIONS):
        name = f"LOCATION {j + 1:02d}"
        blocked = (
            {start + dt.timedelta(days=11 * j % 150 + d) for d in range(2)} if j % 3 == 0 else set()
        )
        cfg.locations[name] = LocationConfig(
            name=name, address=f"Set {j + 1}, Goyang", unavailable=blocked
        )
    return series, cfg


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=13)
    ap.add_argument("--time-limit", type=float, default=50.0, help="CP-SAT time limit (s)")
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", help="also write the reports here")
    args = ap.parse_args()
    t0 = time.perf_counter()
    series, cfg = build_series(args.copies)
    built = time.perf_counter() - t0
    result = schedule(series, cfg, time_limit=args.time_limit, workers=args.workers)
    figures = {
        "scenes": len(series.scenes),
        "episodes": len({s.part for s in series.scenes}),
        "locations": len(series.locations),
        "cast": len(series.cast),
        "pages": round(series.total_eighths / 8, 1),
        "strips": result.strips,
        "assignment_variables": result.variables,
        "status": result.status,
        "greedy_objective": round(result.greedy_objective or 0, 1),
        "objective": round(result.objective, 1),
        "bound": round(result.bound, 1),
        "gap": round(result.gap, 4),
        "shooting_days": result.shooting_days,
        "calendar_days": result.calendar_days,
        "first_day": result.days[0].date.isoformat(),
        "last_day": result.days[-1].date.isoformat(),
        "company_moves": result.company_moves,
        "solve_seconds": round(result.seconds, 1),
        "build_seconds": round(built, 1),
    }
    if args.out:
        figures["reports"] = [str(p) for p in write_reports(result, Path(args.out))]
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for k, v in figures.items():
            print(f"{k:>22}: {v}")


if __name__ == "__main__":
    main()
