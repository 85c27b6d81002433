"""Tests for the talent-scheduling engine (dramaturg.produce.talent)."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dramaturg.errors import DramaturgError
from dramaturg.produce.talent import (
    TalentProblem,
    _Engine,
    _reduce,
    load_instance,
    schedule_cost,
    solve,
)
from shared_data import SHARED_DATA

DATA = Path(__file__).parent / "data" / "talent"
SHARED = SHARED_DATA / "talent/instances"
LOCAL_INSTANCES = sorted(DATA.glob("*.json"))


def reference_cost(inst: dict, order: list[int]) -> int:
    """Independent computation of the objective, straight from the instance JSON.

    For every actor: cost per day times (end of their last scene - start of their first).
    """
    start_of: list[int] = []
    t = 0
    for s in order:
        start_of.append(t)
        t += inst["scenes"][s]["duration"]
    total = 0
    for a, actor in enumerate(inst["actors"]):
        positions = [k for k, s in enumerate(order) if a in inst["scenes"][s]["actors"]]
        if not positions:
            continue
        begin = start_of[positions[0]]
        last = order[positions[-1]]
        end = start_of[positions[-1]] + inst["scenes"][last]["duration"]
        total += actor["cost_per_day"] * (end - begin)
    return total


def brute_force(problem: TalentProblem) -> int:
    return min(schedule_cost(problem, p) for p in itertools.permutations(range(problem.n_scenes)))


def as_json(problem: TalentProblem) -> dict:
    return {
        "actors": [{"cost_per_day": c} for c in problem.costs],
        "scenes": [
            {"duration": d, "actors": sorted(a)}
            for d, a in zip(problem.durations, problem.scene_actors, strict=True)
        ],
    }


# ------------------------------------------------------------------------ cost function


@pytest.mark.parametrize("path", LOCAL_INSTANCES, ids=lambda p: p.stem)
def test_cost_matches_reference_on_random_orders(path: Path) -> None:
    inst = json.loads(path.read_text())
    problem = load_instance(path)
    rng = random.Random(7)
    n = len(inst["scenes"])
    for _ in range(50):
        order = list(range(n))
        rng.shuffle(order)
        assert problem.cost(order) == reference_cost(inst, order)


def test_cost_of_hand_example() -> None:
    # Actor 0 (cost 2) in scenes 0 and 2, actor 1 (cost 1) in scene 1 only.
    problem = TalentProblem.from_lists([1, 3, 2], [2, 1], [[0], [1], [0]])
    assert problem.cost([0, 1, 2]) == 2 * 6 + 1 * 3
    assert problem.cost([0, 2, 1]) == 2 * 3 + 1 * 3
    with pytest.raises(DramaturgError):
        problem.cost([0, 1])


def test_actor_in_no_scene_costs_nothing() -> None:
    problem = TalentProblem.from_lists([2, 2], [5, 7], [[0], [0]])
    sol = solve(problem, 5)
    assert sol.cost == 5 * 4
    assert sol.optimal


def test_bad_input_is_reported() -> None:
    with pytest.raises(DramaturgError):
        TalentProblem.from_lists([1], [1], [[3]])
    with pytest.raises(DramaturgError):
        TalentProblem.from_lists([1, 2], [1], [[0]])


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        '{"actors": [{"cost_per_day": 1}]}',
        '{"actors": [{"cost_per_day": 1}], "scenes": [{"duration": 1.5, "actors": [0]}]}',
        '{"actors": [{"cost_per_day": "1"}], "scenes": [{"duration": 1, "actors": [0]}]}',
        '{"actors": [{"cost_per_day": 1}], "scenes": [{"duration": 1, "actors": [3]}]}',
    ],
)
def test_load_instance_errors(tmp_path: Path, text: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    with pytest.raises(DramaturgError):
        load_instance(bad)


def test_load_instance_accepts_whole_floats(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(
        '{"name": "x", "actors": [{"cost_per_day": 2.0}], '
        '"scenes": [{"duration": 3.0, "actors": [0]}, {"duration": 1, "actors": [0]}]}'
    )
    problem = load_instance(path)
    assert problem.durations == (3, 1)
    assert solve(problem, 5).cost == 8


# ------------------------------------------------------------------------ known optima


@pytest.mark.parametrize("path", LOCAL_INSTANCES, ids=lambda p: p.stem)
def test_local_instances_reach_known_optimum(path: Path) -> None:
    inst = json.loads(path.read_text())
    sol = solve(load_instance(path), time_limit=60)
    assert sol.optimal
    assert sol.cost == inst["known_optimum"]
    assert sol.lower_bound == sol.cost
    assert sorted(sol.order) == list(range(len(inst["scenes"])))
    assert reference_cost(inst, sol.order) == sol.cost


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared benchmark data not available")
@pytest.mark.parametrize(
    "name", ["film-12", "film105", "film118", "csplib039_film2", "delabanda2011_example"]
)
def test_shared_instances_reach_known_optimum(name: str) -> None:
    path = SHARED / f"{name}.json"
    if not path.exists():
        pytest.skip(f"{path} absent")
    inst = json.loads(path.read_text())
    sol = solve(load_instance(path), time_limit=120)
    assert sol.optimal
    assert sol.cost == inst["known_optimum"]
    assert reference_cost(inst, sol.order) == sol.cost


# ------------------------------------------------------------------------ against brute force


@st.composite
def small_problems(draw: st.DrawFn) -> TalentProblem:
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 5))
    durations = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    costs = draw(st.lists(st.integers(0, 9), min_size=m, max_size=m))
    casts = draw(st.lists(st.sets(st.integers(0, m - 1), max_size=m), min_size=n, max_size=n))
    return TalentProblem.from_lists(durations, costs, [sorted(c) for c in casts])


@settings(max_examples=300, deadline=None)
@given(small_problems())
def test_solver_matches_brute_force(problem: TalentProblem) -> None:
    sol = solve(problem, time_limit=30)
    best = brute_force(problem)
    assert sol.optimal
    assert sol.cost == best
    assert sol.lower_bound == best
    assert schedule_cost(problem, sol.order) == sol.cost
    assert reference_cost(as_json(problem), sol.order) == sol.cost


@settings(max_examples=300, deadline=None)
@given(small_problems())
def test_exact_search_without_warm_start_matches_brute_force(problem: TalentProblem) -> None:
    # Without the heuristic upper bound the search alone must find the optimum, so this
    # checks the dominance rules and the lower bound, not the local search.
    sol = solve(problem, time_limit=30, warm_start=False, method="astar")
    assert sol.optimal
    assert sol.cost == brute_force(problem)


@settings(max_examples=200, deadline=None)
@given(small_problems())
def test_subset_dp_matches_brute_force(problem: TalentProblem) -> None:
    pytest.importorskip("numpy")
    sol = solve(problem, time_limit=30, warm_start=False, method="dp")
    assert sol.optimal
    assert sol.cost == brute_force(problem)
    assert schedule_cost(problem, sol.order) == sol.cost


@settings(max_examples=200, deadline=None)
@given(small_problems(), st.randoms(use_true_random=False))
def test_lower_bound_never_exceeds_best_completion(problem: TalentProblem, rnd) -> None:
    engine = _Engine(_reduce(problem))
    if engine.n == 0:
        return
    done = rnd.randrange(0, 1 << engine.n)
    a_done = 0
    for s in range(engine.n):
        if done >> s & 1:
            a_done |= engine.am[s]
    rest = [s for s in range(engine.n) if not done >> s & 1]
    best = None
    for perm in itertools.permutations(rest):
        cost = 0
        on = a_done
        for k, s in enumerate(perm):
            later = 0
            for t in perm[k:]:
                later |= engine.am[t]
            cost += engine.d[s] * engine.cost(engine.am[s] | (on & later))
            on |= engine.am[s]
        best = cost if best is None else min(best, cost)
    assert engine.lower_bound(done, a_done) <= (best or 0)


@pytest.mark.parametrize("method", ["astar", "dp", "auto"])
@pytest.mark.parametrize("path", LOCAL_INSTANCES, ids=lambda p: p.stem)
def test_every_method_reaches_known_optimum(path: Path, method: str) -> None:
    if method == "dp":
        pytest.importorskip("numpy")
    inst = json.loads(path.read_text())
    sol = solve(load_instance(path), time_limit=60, method=method)
    assert sol.optimal
    assert sol.cost == inst["known_optimum"]


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError):
        solve(TalentProblem.from_lists([1], [1], [[0]]), method="magic")


@pytest.mark.parametrize("warm_start", [True, False])
@pytest.mark.parametrize("method", ["astar", "dp", "auto"])
def test_time_limit_zero_still_returns_a_valid_order(method: str, warm_start: bool) -> None:
    if method == "dp":
        pytest.importorskip("numpy")
    path = DATA / "concert.json"
    inst = json.loads(path.read_text())
    problem = load_instance(path)
    sol = solve(problem, time_limit=0.0, method=method, warm_start=warm_start)
    assert sorted(sol.order) == list(range(problem.n_scenes))
    assert sol.cost == problem.cost(sol.order)
    assert sol.lower_bound <= inst["known_optimum"] <= sol.cost
    assert sol.optimal == (sol.lower_bound == sol.cost)


def test_a_search_stopped_by_its_memory_cap_returns_its_best_order() -> None:
    from dramaturg.produce import talent

    problem = talent.TalentProblem(
        durations=(1, 2, 1, 3, 2, 1, 2, 1, 1, 2),
        costs=(5, 3, 4, 2, 6),
        scene_actors=tuple(
            frozenset(a for a in range(5) if (s * 7 + a * 3) % 5 < 3) for s in range(10)
        ),
        name="capped",
    )
    exact = talent.solve(problem, time_limit=30)
    old = talent.MAX_SEARCH_STATES
    talent.MAX_SEARCH_STATES = 5
    try:
        capped = talent.solve(problem, time_limit=30, method="astar")
    finally:
        talent.MAX_SEARCH_STATES = old
    assert sorted(capped.order) == list(range(10))
    assert capped.cost == talent.schedule_cost(problem, capped.order)
    assert capped.lower_bound <= exact.cost <= capped.cost
    assert not capped.optimal or capped.cost == exact.cost


def test_a_search_stopped_early_is_never_worse_than_its_heuristic_start() -> None:
    from dramaturg.produce import talent

    problem = talent.TalentProblem(
        durations=tuple(1 + (s % 3) for s in range(14)),
        costs=(9, 7, 5, 4, 3, 2),
        scene_actors=tuple(
            frozenset(a for a in range(6) if (s * 5 + a * 11) % 7 < 3) for s in range(14)
        ),
        name="early",
    )
    heuristic = talent.solve(problem, time_limit=0.0)
    old = talent.MAX_SEARCH_STATES
    talent.MAX_SEARCH_STATES = 50
    try:
        capped = talent.solve(problem, time_limit=30, method="astar")
    finally:
        talent.MAX_SEARCH_STATES = old
    assert capped.cost <= heuristic.cost


def test_quick_order_is_a_fixed_amount_of_work_and_no_worse_with_more_passes() -> None:
    from dramaturg.produce.talent import quick_order

    rnd = random.Random(5)
    problem = TalentProblem(
        durations=tuple(rnd.randint(1, 5) for _ in range(30)),
        costs=tuple(rnd.randint(1, 20) for _ in range(10)),
        scene_actors=tuple(frozenset(rnd.sample(range(10), rnd.randint(1, 4))) for _ in range(30)),
        name="quick",
    )
    first = quick_order(problem, starts=4, passes=1)
    assert sorted(first) == list(range(30))
    assert quick_order(problem, starts=4, passes=1) == first  # the same order every time
    more = quick_order(problem, starts=4, passes=5)
    assert schedule_cost(problem, more) <= schedule_cost(problem, first)
    assert schedule_cost(problem, first) >= solve(problem, time_limit=10).lower_bound
