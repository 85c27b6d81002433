"""Tests for the CP-SAT production schedule (dramaturg.produce.schedule_core)."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from datetime import date

import pytest

pytest.importorskip("ortools")

from dramaturg.errors import DramaturgError  # noqa: E402
from dramaturg.produce.schedule_core import (  # noqa: E402
    Actor,
    Location,
    Scene,
    ScheduleProblem,
    ScheduleResult,
    Weights,
    shooting_days,
    solve_schedule,
)

MONDAY = date(2026, 3, 2)


def scene(sid, cast, loc="studio", hours=2.0, night=False, eighths=8):
    return Scene(sid, eighths, frozenset(cast), loc, is_night=night, hours=hours)


def check_rules(problem: ScheduleProblem, result: ScheduleResult) -> None:
    """Every hard rule, checked independently of the model."""
    days = list(problem.days)
    actors = {a.id: a for a in problem.actors}
    locations = {loc.name: loc for loc in problem.locations}
    assert set(result.assignment) == {s.id for s in problem.scenes}
    per_day = defaultdict(float)
    per_week = defaultdict(float)
    kinds = defaultdict(set)
    for s in problem.scenes:
        day = result.assignment[s.id]
        assert day in days
        per_day[day] += s.hours
        per_week[day.isocalendar()[:2]] += s.hours
        kinds[day].add(s.is_night)
        for a in s.cast:
            assert day not in actors[a].unavailable, (s.id, a, day)
        if s.location in locations:
            assert day not in locations[s.location].unavailable
    assert all(h <= problem.max_hours_per_day + 1e-9 for h in per_day.values())
    assert all(h <= problem.weekly_hours_cap + 1e-9 for h in per_week.values())
    assert all(len(k) == 1 for k in kinds.values()), "day and night scenes mixed on a day"
    if problem.nights_in_one_block:
        night_idx = [days.index(d) for d, k in kinds.items() if True in k]
        if night_idx:
            lo, hi = min(night_idx), max(night_idx)
            for d in range(lo, hi + 1):
                assert kinds.get(days[d], {True}) == {True}, "night days not in one block"


def objective_of(problem: ScheduleProblem, assignment: dict[str, int]) -> tuple[int, int, int]:
    """(holding cost, company moves, shoot days) of an assignment of scene id -> day index."""
    actors = {a.id: a for a in problem.actors}
    held = 0
    for a in {a for s in problem.scenes for a in s.cast}:
        ds = [assignment[s.id] for s in problem.scenes if a in s.cast]
        held += actors[a].cost_per_day * (max(ds) - min(ds) + 1)
    locs = defaultdict(set)
    for s in problem.scenes:
        locs[assignment[s.id]].add(s.location)
    moves = sum(len(v) - 1 for v in locs.values())
    length = max(assignment.values()) + 1
    return held, moves, length


def weighted(problem: ScheduleProblem, parts: tuple[int, int, int]) -> int:
    w = problem.weights
    return w.holding * parts[0] + w.company_move * parts[1] + w.shoot_day * parts[2]


def test_shooting_days_skip_weekends() -> None:
    days = shooting_days(MONDAY, 7)
    assert [d.weekday() for d in days] == [0, 1, 2, 3, 4, 0, 1]
    with pytest.raises(DramaturgError):
        shooting_days(MONDAY, 3, days_off=range(7))


def test_small_schedule_is_optimal_and_legal() -> None:
    problem = ScheduleProblem(
        scenes=[
            scene("1", {"ana"}, "cafe", 5),
            scene("2", {"ana", "ben"}, "cafe", 4),
            scene("3", {"ben"}, "park", 6),
            scene("4", {"cho"}, "park", 3, night=True),
            scene("5", {"ana", "cho"}, "park", 3, night=True),
        ],
        actors=[
            Actor("ana", 100),
            Actor("ben", 80, unavailable=frozenset({MONDAY})),
            Actor("cho", 50),
        ],
        days=shooting_days(MONDAY, 5),
        locations=[Location("park", unavailable=frozenset({date(2026, 3, 3)}))],
    )
    result = solve_schedule(problem, time_limit=20)
    assert result.optimal
    assert result.bound == result.objective
    assert result.gap == 0
    check_rules(problem, result)
    index = {d: i for i, d in enumerate(problem.days)}
    parts = objective_of(problem, {k: index[v] for k, v in result.assignment.items()})
    assert parts == (result.holding_cost, result.company_moves, result.shoot_days)
    assert weighted(problem, parts) == result.objective


@pytest.mark.parametrize("seed", range(6))
def test_matches_brute_force_on_tiny_problems(seed: int) -> None:
    rng = random.Random(seed)
    cast = ["a", "b", "c"]
    n_days = 3
    days = shooting_days(MONDAY, n_days)
    scenes = []
    for i in range(5):
        members = {a for a in cast if rng.random() < 0.5} or {rng.choice(cast)}
        scenes.append(
            scene(
                str(i),
                members,
                rng.choice(["x", "y"]),
                hours=rng.choice([2, 3, 4, 5]),
                night=rng.random() < 0.25,
            )
        )
    actors = [
        Actor(a, rng.randint(1, 30), frozenset({days[rng.randrange(n_days)]}))
        if rng.random() < 0.3
        else Actor(a, rng.randint(1, 30))
        for a in cast
    ]
    problem = ScheduleProblem(
        scenes,
        actors,
        days,
        max_hours_per_day=10,
        weekly_hours_cap=52,
        weights=Weights(holding=1, company_move=7, shoot_day=5),
    )
    by_id = {a.id: a for a in actors}
    best = None
    for combo in itertools.product(range(n_days), repeat=len(scenes)):
        assignment = {s.id: d for s, d in zip(scenes, combo, strict=True)}
        hours = defaultdict(float)
        kinds = defaultdict(set)
        legal = True
        for s, d in zip(scenes, combo, strict=True):
            hours[d] += s.hours
            kinds[d].add(s.is_night)
            if any(days[d] in by_id[a].unavailable for a in s.cast):
                legal = False
        if not legal or any(h > 10 for h in hours.values()):
            continue
        if any(len(k) > 1 for k in kinds.values()):
            continue
        nights = sorted(d for d, k in kinds.items() if True in k)
        if nights and any(d not in nights and d in kinds for d in range(nights[0], nights[-1])):
            continue
        value = weighted(problem, objective_of(problem, assignment))
        best = value if best is None else min(best, value)
    if best is None:
        with pytest.raises(DramaturgError):
            solve_schedule(problem, time_limit=10)
        return
    result = solve_schedule(problem, time_limit=10)
    assert result.optimal
    assert result.objective == best
    check_rules(problem, result)


def test_weekly_cap_spreads_the_work() -> None:
    # 6 scenes of 10 h, 12 h days: one week (5 days) could hold them by the day cap,
    # but a 52 h week cannot, so the shoot spills into the next week.
    problem = ScheduleProblem(
        scenes=[scene(str(i), {"ana"}, hours=10) for i in range(6)],
        actors=[Actor("ana", 1)],
        days=shooting_days(MONDAY, 10),
        weights=Weights(holding=1, company_move=0, shoot_day=10),
    )
    result = solve_schedule(problem, time_limit=20)
    check_rules(problem, result)
    weeks = {d.isocalendar()[1] for d in result.assignment.values()}
    assert len(weeks) == 2
    assert result.shoot_days == 6


def test_company_moves_are_counted_and_avoided() -> None:
    problem = ScheduleProblem(
        scenes=[
            scene("1", {"ana"}, "a", 4),
            scene("2", {"ana"}, "b", 4),
            scene("3", {"ana"}, "a", 4),
            scene("4", {"ana"}, "b", 4),
        ],
        actors=[Actor("ana", 1)],
        days=shooting_days(MONDAY, 4),
        weights=Weights(holding=1, company_move=100, shoot_day=10),
    )
    result = solve_schedule(problem, time_limit=20)
    assert result.company_moves == 0
    assert result.shoot_days == 2
    assert result.assignment["1"] == result.assignment["3"]
    assert result.assignment["2"] == result.assignment["4"]


def test_nights_in_one_block() -> None:
    problem = ScheduleProblem(
        scenes=[scene(str(i), {"ana"}, hours=8, night=i % 2 == 0) for i in range(6)],
        actors=[Actor("ana", 1)],
        days=shooting_days(MONDAY, 6),
    )
    result = solve_schedule(problem, time_limit=20)
    check_rules(problem, result)
    assert len(result.night_days) == 3


@pytest.mark.parametrize(
    ("problem", "words"),
    [
        (
            ScheduleProblem(
                [scene("1", {"ana"})],
                [Actor("ana", 1, frozenset(shooting_days(MONDAY, 3)))],
                shooting_days(MONDAY, 3),
            ),
            ["ana", "every shooting day"],
        ),
        (
            ScheduleProblem([scene("7", {"ana"}, hours=13)], [Actor("ana", 1)], [MONDAY]),
            ["scene 7", "13", "12"],
        ),
        (
            ScheduleProblem(
                [scene("9", {"ana", "ben"})],
                [
                    Actor("ana", 1, frozenset({MONDAY})),
                    Actor("ben", 1, frozenset({date(2026, 3, 3)})),
                ],
                shooting_days(MONDAY, 2),
            ),
            ["scene 9", "ana", "ben"],
        ),
        (
            ScheduleProblem(
                [scene("1", {"ana"}, "roof")],
                [Actor("ana", 1)],
                shooting_days(MONDAY, 2),
                locations=[Location("roof", frozenset(shooting_days(MONDAY, 2)))],
            ),
            ["roof"],
        ),
        (
            ScheduleProblem([scene("1", {"zed"})], [Actor("ana", 1)], [MONDAY]),
            ["zed"],
        ),
        (
            ScheduleProblem(
                [scene(str(i), {"ana"}, hours=7) for i in range(4)],
                [Actor("ana", 1)],
                shooting_days(MONDAY, 2),
            ),
            ["28", "2 days"],
        ),
        (
            ScheduleProblem(
                [scene("1", {"ana"}), scene("1", {"ana"})], [Actor("ana", 1)], [MONDAY]
            ),
            ["twice"],
        ),
    ],
)
def test_impossible_input_names_the_conflict(problem: ScheduleProblem, words: list[str]) -> None:
    with pytest.raises(DramaturgError) as err:
        solve_schedule(problem, time_limit=5)
    for word in words:
        assert word in str(err.value)


def test_infeasible_combination_is_reported() -> None:
    # Each scene fits a day, but day and night scenes cannot share the only day.
    problem = ScheduleProblem(
        [scene("1", {"ana"}, hours=2), scene("2", {"ana"}, hours=2, night=True)],
        [Actor("ana", 1)],
        [MONDAY],
    )
    with pytest.raises(DramaturgError, match="no schedule") as err:
        solve_schedule(problem, time_limit=5)
    assert "without separate night days" in str(err.value)


def test_infeasible_packing_names_the_day_limit() -> None:
    # 24 h of scenes in two 12 h days, but three 8 h scenes cannot be packed.
    problem = ScheduleProblem(
        [scene(str(i), {"ana"}, hours=8) for i in range(3)],
        [Actor("ana", 1)],
        shooting_days(MONDAY, 2),
    )
    with pytest.raises(DramaturgError) as err:
        solve_schedule(problem, time_limit=5)
    assert "12 h day limit" in str(err.value)
    assert "weekly" not in str(err.value)


def test_hint_is_accepted() -> None:
    problem = ScheduleProblem(
        [scene("1", {"ana"}), scene("2", {"ana"})],
        [Actor("ana", 3)],
        shooting_days(MONDAY, 3),
    )
    result = solve_schedule(problem, time_limit=5, hint={"1": 0, "2": 0, "nope": 1})
    assert result.optimal
    assert result.shoot_days == 1
    assert result.holding_cost == 3


def test_short_time_limit_still_gives_a_legal_schedule() -> None:
    rng = random.Random(3)
    cast = [f"actor{i}" for i in range(10)]
    days = shooting_days(MONDAY, 30)
    problem = ScheduleProblem(
        scenes=[
            scene(
                str(i),
                set(rng.sample(cast, rng.randint(1, 3))),
                rng.choice("abcde"),
                hours=rng.choice([1, 2, 3, 4]),
                night=rng.random() < 0.2,
            )
            for i in range(40)
        ],
        actors=[
            Actor(a, rng.choice([100, 500, 2000]), frozenset(rng.sample(days, 2))) for a in cast
        ],
        days=days,
    )
    result = solve_schedule(problem, time_limit=0.5)
    check_rules(problem, result)
    assert result.bound <= result.objective
    index = {d: i for i, d in enumerate(problem.days)}
    parts = objective_of(problem, {k: index[v] for k, v in result.assignment.items()})
    assert weighted(problem, parts) == result.objective
