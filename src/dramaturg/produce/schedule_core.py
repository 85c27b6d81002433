"""The production schedule: which scenes are shot on which day (a CP-SAT model).

Input, as plain dataclasses:

* :class:`Scene` — an id, its length in page eighths, its cast (actor ids), its location,
  whether it is a night shoot, and the estimated hours it takes to shoot;
* :class:`Actor` — an id, the daily cost of holding the actor, the dates they cannot work;
* :class:`Location` — a name and the dates it cannot be used (locations not listed are always
  available);
* :class:`ScheduleProblem` — the scenes, actors, locations, the candidate shooting days
  (calendar dates, in order), the limits (hours per day, hours per ISO week) and the
  :class:`Weights` of the objective.

The rules (hard constraints):

1. every scene is shot on exactly one of the candidate days;
2. a day holds at most ``max_hours_per_day`` hours of scenes;
3. an ISO calendar week holds at most ``weekly_hours_cap`` hours (52 by default);
4. a scene is never shot on a day one of its actors, or its location, is unavailable;
5. night shoots are grouped: a day is either a night day or a day day, never both, and with
   ``nights_in_one_block`` the night days form one run of consecutive shooting days.

The objective (minimised), all terms integers:

* holding cost: for every actor, ``cost_per_day`` times the shooting days from their first
  scene's day to their last scene's day, both included, times ``Weights.holding``;
* company moves: on every day, the number of distinct locations beyond the first, times
  ``Weights.company_move``;
* length of the shoot: the number of candidate days up to the last day with a scene, times
  ``Weights.shoot_day``.

:func:`solve_schedule` builds the model, runs CP-SAT and returns a :class:`ScheduleResult`
(assignment, objective, best bound, gap). Input that cannot be scheduled (an actor available
on no day, a scene longer than a day, a scene with no day where its cast and location are
all free, more hours than the days can hold) raises :class:`~dramaturg.errors.DramaturgError`
naming the conflict, before any search.

>>> from datetime import date
>>> days = shooting_days(date(2026, 3, 2), 3)
>>> scenes = [
...     Scene("1", 8, frozenset({"ana"}), "cafe", hours=5),
...     Scene("2", 4, frozenset({"ana", "ben"}), "cafe", hours=4),
...     Scene("3", 8, frozenset({"ben"}), "park", hours=6),
... ]
>>> actors = [Actor("ana", 100), Actor("ben", 80, unavailable=frozenset({date(2026, 3, 2)}))]
>>> result = solve_schedule(ScheduleProblem(scenes, actors, days), time_limit=10)
>>> result.optimal, result.shoot_days
(True, 2)
"""

from __future__ import annotations

import math
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ortools.sat.python import cp_model

from dramaturg.errors import DramaturgError

__all__ = [
    "Actor",
    "Location",
    "Scene",
    "ScheduleProblem",
    "ScheduleResult",
    "Weights",
    "shooting_days",
    "solve_schedule",
]

MINUTES_PER_HOUR = 60


@dataclass(frozen=True)
class Scene:
    """One scene to shoot. ``hours`` is the estimated shooting time (decimals allowed)."""

    id: str
    eighths: int
    cast: frozenset[str]
    location: str
    is_night: bool = False
    hours: float = 1.0


@dataclass(frozen=True)
class Actor:
    """An actor: holding them costs ``cost_per_day`` for each day from first to last scene."""

    id: str
    cost_per_day: int
    unavailable: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Location:
    """A location and the dates it cannot be used."""

    name: str
    unavailable: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Weights:
    """Integer weights of the objective's three terms."""

    holding: int = 1
    company_move: int = 500
    shoot_day: int = 1000


@dataclass
class ScheduleProblem:
    """Everything the schedule depends on. ``days`` are the candidate shooting dates in
    order (see :func:`shooting_days`); actors in a scene's cast but missing from ``actors``
    are an error, locations missing from ``locations`` are always available."""

    scenes: Sequence[Scene]
    actors: Sequence[Actor]
    days: Sequence[date]
    locations: Sequence[Location] = ()
    max_hours_per_day: float = 12.0
    weekly_hours_cap: float = 52.0
    nights_in_one_block: bool = True
    weights: Weights = field(default_factory=Weights)


@dataclass
class ScheduleResult:
    """A schedule and how good it is.

    ``assignment`` maps scene id to its date; ``by_day`` lists, for every candidate day, the
    scene ids shot that day (in input order). ``objective`` is the weighted cost, ``bound``
    CP-SAT's proven lower bound on it, ``gap`` = (objective - bound) / max(1, objective),
    ``optimal`` whether CP-SAT proved it. The objective's parts are given unweighted:
    ``holding_cost`` (sum of cost_per_day x held days), ``company_moves``, ``shoot_days``.
    """

    assignment: dict[str, date]
    by_day: list[tuple[date, list[str]]]
    objective: int
    bound: int
    gap: float
    optimal: bool
    status: str
    holding_cost: int
    company_moves: int
    shoot_days: int
    night_days: list[date]
    seconds: float


def shooting_days(start: date, count: int, days_off: Iterable[int] = (5, 6)) -> list[date]:
    """``count`` calendar dates from ``start`` on, skipping the weekdays in ``days_off``
    (Monday is 0; Saturday and Sunday by default)."""
    off = set(days_off)
    if len(off) >= 7:
        raise DramaturgError("every weekday is a day off")
    out: list[date] = []
    day = start
    while len(out) < count:
        if day.weekday() not in off:
            out.append(day)
        day += timedelta(days=1)
    return out


def _minutes(hours: float) -> int:
    return int(round(hours * MINUTES_PER_HOUR))


def _check(problem: ScheduleProblem) -> None:
    """Raise DramaturgError for input that cannot be scheduled, naming the conflict."""
    days = list(problem.days)
    if not days:
        raise DramaturgError("no shooting days given")
    if len(set(days)) != len(days) or days != sorted(days):
        raise DramaturgError("shooting days must be distinct dates in increasing order")
    if problem.max_hours_per_day <= 0 or problem.weekly_hours_cap <= 0:
        raise DramaturgError("hour limits must be positive")
    ids = [s.id for s in problem.scenes]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DramaturgError(f"scene ids used twice: {', '.join(dupes)}")
    actors = {a.id: a for a in problem.actors}
    locations = {loc.name: loc for loc in problem.locations}
    day_set = set(days)
    day_cap = _minutes(problem.max_hours_per_day)
    week_cap = _minutes(problem.weekly_hours_cap)
    for actor in problem.actors:
        if actor.cost_per_day < 0:
            raise DramaturgError(f"actor {actor.id}: negative cost per day")
    used_actors = {a for s in problem.scenes for a in s.cast}
    for a in sorted(used_actors):
        if a not in actors:
            raise DramaturgError(f"actor {a} appears in a scene but is not in the cast list")
        if day_set <= actors[a].unavailable:
            raise DramaturgError(f"actor {a} is unavailable on every shooting day")
    for loc in problem.locations:
        if day_set <= loc.unavailable and any(s.location == loc.name for s in problem.scenes):
            raise DramaturgError(f"location {loc.name} is unavailable on every shooting day")
    for s in problem.scenes:
        need = _minutes(s.hours)
        if s.hours < 0:
            raise DramaturgError(f"scene {s.id}: negative hours")
        if need > day_cap:
            raise DramaturgError(
                f"scene {s.id} needs {s.hours:g} h but a day holds at most "
                f"{problem.max_hours_per_day:g} h"
            )
        if need > week_cap:
            raise DramaturgError(
                f"scene {s.id} needs {s.hours:g} h, more than the weekly cap of "
                f"{problem.weekly_hours_cap:g} h"
            )
        if not _allowed_days(s, days, actors, locations):
            blockers = sorted(s.cast)
            loc = locations.get(s.location)
            where = f" and location {s.location}" if loc and loc.unavailable else ""
            raise DramaturgError(
                f"scene {s.id}: no shooting day on which all of its cast "
                f"({', '.join(blockers)}){where} are available"
            )
    total = sum(_minutes(s.hours) for s in problem.scenes)
    if total > day_cap * len(days):
        raise DramaturgError(
            f"the scenes need {total / MINUTES_PER_HOUR:g} h but {len(days)} days of "
            f"{problem.max_hours_per_day:g} h hold only {day_cap * len(days) / MINUTES_PER_HOUR:g} h"
        )


def _allowed_days(
    scene: Scene, days: Sequence[date], actors: dict[str, Actor], locations: dict[str, Location]
) -> list[int]:
    blocked: set[date] = set()
    for a in scene.cast:
        blocked |= actors[a].unavailable
    if scene.location in locations:
        blocked |= locations[scene.location].unavailable
    return [d for d, day in enumerate(days) if day not in blocked]


def solve_schedule(
    problem: ScheduleProblem,
    time_limit: float = 30.0,
    *,
    workers: int | None = None,
    hint: dict[str, int] | None = None,
) -> ScheduleResult:
    """Assign every scene of ``problem`` to a shooting day, minimising the weighted cost.

    Arguments:

    * ``time_limit``: seconds for the whole call (the greedy start included);
    * ``workers``: CP-SAT's parallel workers (default 4, or the machine's cores if more);
    * ``hint``: scene id -> day index (into ``problem.days``) to start the search from. By
      default the start is a greedy schedule: the scenes ordered by the talent-scheduling
      engine (:mod:`dramaturg.produce.talent`; locations count as extra "actors" so a
      location's scenes stay together; night scenes form one block after the day scenes),
      then packed into days first-fit. If CP-SAT finds nothing better in time, the legal
      start is returned (``status`` then says ``UNKNOWN``).

    Returns the best schedule found, with CP-SAT's bound and the gap. Raises
    DramaturgError when the input cannot be scheduled (see the module docstring); when the
    rules together admit no schedule, the message says which single rule, dropped, would
    allow one.
    """
    _check(problem)
    try:
        return _solve(problem, time_limit, workers, hint, frozenset())
    except _Infeasible:
        pass
    culprits = []
    for rule, label in _RULES.items():
        if rule == "night_block" and not problem.nights_in_one_block:
            continue
        try:
            _solve(
                problem, min(5.0, time_limit), workers, None, frozenset({rule}), feasibility=True
            )
        except (_Infeasible, DramaturgError):
            continue
        culprits.append(label.format(p=problem))
    because = (
        "; it would be possible without " + " or without ".join(culprits)
        if culprits
        else "; add days or relax several limits"
    )
    raise DramaturgError(
        f"no schedule meets all the rules on the {len(problem.days)} given days" + because
    )


# Rule families that the diagnosis of an infeasible problem tries dropping, one at a time.
_RULES = {
    "day_hours": "the {p.max_hours_per_day:g} h day limit",
    "week_hours": "the {p.weekly_hours_cap:g} h weekly cap",
    "night_days": "separate night days",
    "night_block": "night days in one block",
}


class _Infeasible(Exception):
    pass


def _greedy_hint(
    problem: ScheduleProblem,
    days_of: dict[int, list[int]],
    minutes: list[int],
    day_cap: int,
    week_cap: int,
    time_limit: float,
) -> dict[str, int] | None:
    """A legal schedule to start CP-SAT from, or None if the greedy packing gets stuck."""
    from dramaturg.produce import talent

    scenes = list(problem.scenes)
    days = list(problem.days)
    costs = {a.id: a.cost_per_day * problem.weights.holding for a in problem.actors}
    locs = sorted({sc.location for sc in scenes})
    members = sorted(costs)
    index = {name: i for i, name in enumerate(members)}
    loc_index = {loc: len(members) + i for i, loc in enumerate(locs)}
    pay = [costs[m] for m in members] + [problem.weights.company_move // 5] * len(locs)

    def ordered(subset: list[int]) -> list[int]:
        if len(subset) < 2:
            return subset
        tp = talent.TalentProblem.from_lists(
            [max(1, minutes[s]) for s in subset],
            pay,
            [[index[a] for a in scenes[s].cast] + [loc_index[scenes[s].location]] for s in subset],
        )
        sol = talent.solve(tp, time_limit=min(2.0, max(0.1, time_limit / 10)))
        return [subset[k] for k in sol.order]

    day_scenes = ordered([s for s, sc in enumerate(scenes) if not sc.is_night])
    night_scenes = ordered([s for s, sc in enumerate(scenes) if sc.is_night])
    week_used: dict[tuple[int, int], int] = defaultdict(int)
    out: dict[str, int] = {}
    d = 0
    for pending in (day_scenes, night_scenes):
        pending = list(pending)
        while pending:
            if d >= len(days):
                return None
            week = days[d].isocalendar()[:2]
            used = 0
            for s in list(pending):
                m = minutes[s]
                if d in days_of[s] and used + m <= day_cap and week_used[week] + m <= week_cap:
                    out[scenes[s].id] = d
                    used += m
                    week_used[week] += m
                    pending.remove(s)
            d += 1
    return out


def _solve(
    problem: ScheduleProblem,
    time_limit: float,
    workers: int | None,
    hint: dict[str, int] | None,
    relax: frozenset[str],
    feasibility: bool = False,
) -> ScheduleResult:
    t0 = time.perf_counter()
    days = list(problem.days)
    scenes = list(problem.scenes)
    actors = {a.id: a for a in problem.actors}
    locations = {loc.name: loc for loc in problem.locations}
    n_days = len(days)
    all_days = range(n_days)
    model = cp_model.CpModel()

    # x[s, d]: scene s is shot on day d (only for days its cast and location are free).
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for s, scene in enumerate(scenes):
        for d in _allowed_days(scene, days, actors, locations):
            x[s, d] = model.new_bool_var(f"shoot[{scene.id},{d}]")
    scenes_on: dict[int, list[int]] = defaultdict(list)
    days_of: dict[int, list[int]] = defaultdict(list)
    for s, d in x:
        scenes_on[d].append(s)
        days_of[s].append(d)

    # 1. Every scene is shot on exactly one day; day_of[s] is that day's index.
    day_of = []
    for s, scene in enumerate(scenes):
        model.add_exactly_one(x[s, d] for d in days_of[s])
        v = model.new_int_var(min(days_of[s]), max(days_of[s]), f"day_of[{scene.id}]")
        model.add(v == sum(d * x[s, d] for d in days_of[s]))
        day_of.append(v)

    # 2. Hours per day.
    minutes = [_minutes(sc.hours) for sc in scenes]
    day_cap = _minutes(problem.max_hours_per_day)
    for d in all_days:
        if scenes_on[d] and "day_hours" not in relax:
            model.add(sum(minutes[s] * x[s, d] for s in scenes_on[d]) <= day_cap)

    # 3. Hours per ISO week.
    week_cap = _minutes(problem.weekly_hours_cap)
    weeks: dict[tuple[int, int], list[int]] = defaultdict(list)
    for d, day in enumerate(days):
        weeks[day.isocalendar()[:2]].append(d)
    for week_days in weeks.values():
        terms = [minutes[s] * x[s, d] for d in week_days for s in scenes_on[d]]
        if terms and "week_hours" not in relax:
            model.add(sum(terms) <= week_cap)

    # (4. Unavailable days have no x variable at all.)

    # 5. Night shoots grouped: a day is a night day or a day day.
    night = [model.new_bool_var(f"night[{d}]") for d in all_days]
    for (s, d), var in x.items():
        if "night_days" in relax:
            break
        if scenes[s].is_night:
            model.add_implication(var, night[d])
        else:
            model.add_implication(var, ~night[d])
    block = problem.nights_in_one_block and not relax & {"night_days", "night_block"}
    if block and any(sc.is_night for sc in scenes):
        # At most one day starts a run of night days.
        starts = []
        for d in all_days:
            start = model.new_bool_var(f"night_starts[{d}]")
            if d == 0:
                model.add(start >= night[0])
            else:
                model.add(start >= night[d] - night[d - 1])
            starts.append(start)
        model.add(sum(starts) <= 1)
    else:
        starts = []
        for d in all_days:
            if not any(scenes[s].is_night for s in scenes_on[d]):
                model.add(night[d] == 0)

    # Objective part 1: holding cost, cost_per_day x days from first to last scene.
    holding_terms = []
    spans: dict[str, tuple[cp_model.IntVar, cp_model.IntVar, cp_model.IntVar, list[int]]] = {}
    for a in sorted({a for sc in scenes for a in sc.cast}):
        theirs = [s for s, sc in enumerate(scenes) if a in sc.cast]
        first = model.new_int_var(0, n_days - 1, f"first[{a}]")
        last = model.new_int_var(0, n_days - 1, f"last[{a}]")
        for s in theirs:
            model.add(first <= day_of[s])
            model.add(last >= day_of[s])
        # Redundant but it tightens the bound: an actor is held at least as many days as
        # their scenes' hours fill.
        fill = -(-sum(minutes[s] for s in theirs) // max(1, day_cap))
        if "day_hours" in relax:
            fill = 1
        held = model.new_int_var(max(1, min(fill, n_days)), n_days, f"held[{a}]")
        model.add(held == last - first + 1)
        spans[a] = (first, last, held, theirs)
        holding_terms.append(actors[a].cost_per_day * held)

    # Objective part 2: company moves, distinct locations per day beyond the first.
    at: dict[tuple[str, int], cp_model.IntVar] = {}
    for d in all_days:
        by_loc: dict[str, list[int]] = defaultdict(list)
        for s in scenes_on[d]:
            by_loc[scenes[s].location].append(s)
        for loc, ss in by_loc.items():
            used = model.new_bool_var(f"at[{loc},{d}]")
            model.add_max_equality(used, [x[s, d] for s in ss])
            at[loc, d] = used
    used_day = []
    for d in all_days:
        u = model.new_bool_var(f"used[{d}]")
        if scenes_on[d]:
            model.add_max_equality(u, [x[s, d] for s in scenes_on[d]])
        else:
            model.add(u == 0)
        used_day.append(u)
    moves = sum(at.values()) - sum(used_day)

    # Objective part 3: length of the shoot, up to the last day with a scene.
    fill = -(-sum(minutes) // max(1, day_cap))  # (redundant) days the hours fill
    if "day_hours" in relax:
        fill = 1
    length = model.new_int_var(max(1, min(fill, n_days)), n_days, "shoot_days")
    for v in day_of:
        model.add(length >= v + 1)

    w = problem.weights
    if not feasibility:
        model.minimize(
            w.holding * sum(holding_terms) + w.company_move * moves + w.shoot_day * length
        )

    # A starting schedule (the caller's, or a greedy one), hinted in full so CP-SAT can
    # take it as its first solution; it is also the answer if CP-SAT finds none in time.
    if hint is None and not feasibility:
        hint = _greedy_hint(problem, days_of, minutes, day_cap, week_cap, time_limit)
    hinted: dict[int, int] = {}
    if hint:
        index = {sc.id: s for s, sc in enumerate(scenes)}
        start_day = {index[k]: d for k, d in hint.items() if k in index}
        if len(start_day) == len(scenes) and all(d in days_of[s] for s, d in start_day.items()):
            hinted = _full_hint(
                start_day, scenes, x, day_of, night, starts, spans, at, used_day, length
            )
        else:  # partial or illegal: hint what there is
            for s, d in start_day.items():
                for dd in days_of[s]:
                    model.add_hint(x[s, dd], dd == d)
        for var_index, value in hinted.items():
            model.proto.solution_hint.vars.append(var_index)
            model.proto.solution_hint.values.append(value)

    solver = cp_model.CpSolver()
    # The greedy start took part of the time.
    solver.parameters.max_time_in_seconds = max(0.1, float(time_limit) - (time.perf_counter() - t0))
    # CP-SAT's portfolio needs a few workers (bound and solution finders), even on few cores.
    solver.parameters.num_workers = workers or max(4, os.cpu_count() or 1)
    solver.parameters.log_search_progress = bool(os.environ.get("DRAMATURG_CPSAT_LOG"))
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        raise _Infeasible()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        value = solver.value
    elif hinted and not feasibility:
        value = lambda var: hinted[var.index]  # noqa: E731 - CP-SAT found nothing better
    else:
        raise DramaturgError(
            f"no schedule found within {time_limit:g} s ({solver.status_name(status)}); "
            "allow more time or more days"
        )

    assignment: dict[str, date] = {}
    by_day: list[tuple[date, list[str]]] = [(day, []) for day in days]
    for s, sc in enumerate(scenes):
        d = value(day_of[s])
        assignment[sc.id] = days[d]
        by_day[d][1].append(sc.id)
    # The parts are recomputed from the assignment itself: in a solution that is not proven
    # optimal, CP-SAT's first/last/length variables may be looser than the schedule.
    holding, n_moves, n_days_used = _cost_parts(
        problem, {s: value(v) for s, v in enumerate(day_of)}
    )
    objective = w.holding * holding + w.company_move * n_moves + w.shoot_day * n_days_used
    bound = min(objective, int(math.ceil(solver.best_objective_bound - 1e-9)))
    return ScheduleResult(
        assignment=assignment,
        by_day=by_day,
        objective=objective,
        bound=bound,
        gap=(objective - bound) / max(1, abs(objective)),
        optimal=status == cp_model.OPTIMAL,
        status=solver.status_name(status),
        holding_cost=holding,
        company_moves=n_moves,
        shoot_days=n_days_used,
        night_days=[days[d] for d in all_days if value(night[d]) and by_day[d][1]],
        seconds=time.perf_counter() - t0,
    )


def _cost_parts(problem: ScheduleProblem, day_of: dict[int, int]) -> tuple[int, int, int]:
    """(holding cost, company moves, shoot days) of scene index -> day index."""
    cost = {a.id: a.cost_per_day for a in problem.actors}
    days_of_actor: dict[str, list[int]] = defaultdict(list)
    places: dict[int, set[str]] = defaultdict(set)
    for s, scene in enumerate(problem.scenes):
        for a in scene.cast:
            days_of_actor[a].append(day_of[s])
        places[day_of[s]].add(scene.location)
    holding = sum(cost[a] * (max(ds) - min(ds) + 1) for a, ds in days_of_actor.items())
    moves = sum(len(p) - 1 for p in places.values())
    return holding, moves, max(day_of.values(), default=-1) + 1


def _full_hint(
    start_day: dict[int, int],
    scenes: list[Scene],
    x: dict[tuple[int, int], cp_model.IntVar],
    day_of: list[cp_model.IntVar],
    night: list[cp_model.IntVar],
    starts: list[cp_model.IntVar],
    spans: dict[str, tuple[cp_model.IntVar, cp_model.IntVar, cp_model.IntVar, list[int]]],
    at: dict[tuple[str, int], cp_model.IntVar],
    used_day: list[cp_model.IntVar],
    length: cp_model.IntVar,
) -> dict[int, int]:
    """Values of every model variable for the schedule ``start_day`` (scene -> day index)."""
    out: dict[int, int] = {}
    for (s, d), var in x.items():
        out[var.index] = int(start_day[s] == d)
    for s, var in enumerate(day_of):
        out[var.index] = start_day[s]
    night_days = [d for s, d in start_day.items() if scenes[s].is_night]
    lo, hi = (min(night_days), max(night_days)) if night_days else (1, 0)
    for d, var in enumerate(night):
        out[var.index] = int(d in night_days or (bool(starts) and lo <= d <= hi))
    for d, var in enumerate(starts):
        out[var.index] = int(d == lo and bool(night_days))
    for first, last, held, theirs in spans.values():
        out[first.index] = min(start_day[s] for s in theirs)
        out[last.index] = max(start_day[s] for s in theirs)
        out[held.index] = out[last.index] - out[first.index] + 1
    for (loc, d), var in at.items():
        out[var.index] = int(
            any(start_day[s] == d and scenes[s].location == loc for s in start_day)
        )
    busy = set(start_day.values())
    for d, var in enumerate(used_day):
        out[var.index] = int(d in busy)
    out[length.index] = max(busy) + 1
    return out
