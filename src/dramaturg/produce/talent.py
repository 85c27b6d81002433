"""Talent scheduling: the order to shoot scenes in so the cast is paid for the fewest days.

The problem (Cheng, Diamond & Lin 1993; CSPLib 039): scenes are shot back to back, one after
the other. Scene ``s`` takes ``durations[s]`` days and needs the actors ``scene_actors[s]``.
An actor is on location (and paid ``costs[a]`` per day) from the first day of their first
scene to the last day of their last scene, idle days in between included. Find the order of
the scenes that minimises the total pay.

The engine is the exact dynamic programme of Garcia de la Banda, Stuckey & Chu, "Solving
Talent Scheduling with Dynamic Programming" (INFORMS J. Computing 23(1), 2011), run as a
best-first (A*) search over the set of scenes already shot:

* The cost of shooting scene ``s`` next depends only on the set ``P`` of scenes already shot:
  the actors on location during ``s`` are ``a(s)`` plus the *standby* actors
  ``L(P) = a(P) & a(rest)`` (started and not finished), so the cost is
  ``durations[s] * cost(a(s) | L(P))``.
* Preprocessing: actors in a single scene are always paid exactly that scene's days (a
  constant) and are dropped; scenes with the same cast are merged into one (they can be shot
  consecutively in some optimal order); scenes left with no cast are shot first, for free.
* Dominance: if a remaining scene's cast is exactly the standby set, shoot it now (a forced
  move); do not shoot ``i`` next while a remaining ``j`` with ``a(i) < a(j) <= a(P) | a(i)``
  exists (``j`` first is never worse).
* Lower bound on what is left: every remaining scene costs at least its own cast
  (``durations[s] * cost(a(s))``), plus the paper's bound on the idle days of the standby
  actors (a weighted-completion-time relaxation solved by Smith's ratio rule).
* An initial order from a greedy construction improved by local search gives the upper bound;
  states whose bound reaches it are never stored, so the search also proves its optimality.

All sets are Python ints used as bitmasks.
"""

from __future__ import annotations

import heapq
import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dramaturg.errors import DramaturgError

__all__ = ["TalentProblem", "TalentSolution", "load_instance", "solve", "schedule_cost"]


@dataclass(frozen=True)
class TalentProblem:
    """A talent-scheduling instance.

    ``durations[s]`` is the length of scene ``s`` in days, ``costs[a]`` the daily pay of actor
    ``a``, ``scene_actors[s]`` the (0-based) actors needed in scene ``s``.
    """

    durations: tuple[int, ...]
    costs: tuple[int, ...]
    scene_actors: tuple[frozenset[int], ...]
    name: str = ""
    scene_names: tuple[str, ...] = ()
    actor_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.durations) != len(self.scene_actors):
            raise DramaturgError(
                f"talent problem {self.name!r}: {len(self.durations)} durations "
                f"for {len(self.scene_actors)} scenes"
            )
        for s, d in enumerate(self.durations):
            if d < 0:
                raise DramaturgError(f"talent problem {self.name!r}: scene {s} has duration {d}")
        for a, c in enumerate(self.costs):
            if c < 0:
                raise DramaturgError(f"talent problem {self.name!r}: actor {a} has cost {c}")
        for s, actors in enumerate(self.scene_actors):
            for a in actors:
                if not 0 <= a < len(self.costs):
                    raise DramaturgError(
                        f"talent problem {self.name!r}: scene {s} names unknown actor {a}"
                    )

    @property
    def n_scenes(self) -> int:
        return len(self.durations)

    @property
    def n_actors(self) -> int:
        return len(self.costs)

    @classmethod
    def from_lists(
        cls,
        durations: Sequence[int],
        costs: Sequence[int],
        scene_actors: Sequence[Sequence[int]],
        name: str = "",
    ) -> TalentProblem:
        return cls(
            durations=tuple(int(d) for d in durations),
            costs=tuple(int(c) for c in costs),
            scene_actors=tuple(frozenset(int(a) for a in s) for s in scene_actors),
            name=name,
        )

    def cost(self, order: Sequence[int]) -> int:
        """Total pay when the scenes are shot in ``order`` (0-based scene indices)."""
        return schedule_cost(self, order)


@dataclass
class TalentSolution:
    """The result of :func:`solve`.

    ``order`` lists 0-based scene indices in shooting order; ``cost`` is its total pay;
    ``optimal`` is True when the search proved no order is cheaper; ``lower_bound`` is a
    proven lower bound on the optimum (equal to ``cost`` when optimal); ``seconds`` is the
    wall-clock time spent; ``expanded`` counts search states expanded.
    """

    order: list[int]
    cost: int
    optimal: bool
    lower_bound: int
    seconds: float
    expanded: int = 0
    stats: dict[str, int] = field(default_factory=dict)


def load_instance(path: str | Path) -> TalentProblem:
    """Read an instance in the benchmark JSON form (``name``, ``actors``, ``scenes``)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        actors = data["actors"]
        scenes = data["scenes"]
        return TalentProblem(
            durations=tuple(int(s["duration"]) for s in scenes),
            costs=tuple(int(a["cost_per_day"]) for a in actors),
            scene_actors=tuple(frozenset(int(a) for a in s["actors"]) for s in scenes),
            name=str(data.get("name", path.stem)),
            scene_names=tuple(str(s.get("name", i)) for i, s in enumerate(scenes)),
            actor_names=tuple(str(a.get("name", i)) for i, a in enumerate(actors)),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DramaturgError(f"cannot read talent instance: {exc}", file=str(path)) from exc


def schedule_cost(problem: TalentProblem, order: Sequence[int]) -> int:
    """Sum over actors of ``cost * (end of last scene - start of first scene)``."""
    if sorted(order) != list(range(problem.n_scenes)):
        raise DramaturgError("order is not a permutation of the scenes")
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    t = 0
    for s in order:
        d = problem.durations[s]
        for a in problem.scene_actors[s]:
            first.setdefault(a, t)
            last[a] = t + d
        t += d
    return sum(problem.costs[a] * (last[a] - first[a]) for a in first)


# --------------------------------------------------------------------------- preprocessing


class _MaskCost:
    """Sum of per-actor weights over a bitmask, by 8-bit table lookups."""

    def __init__(self, weights: Sequence[int]) -> None:
        self.chunks: list[list[int]] = []
        for base in range(0, max(len(weights), 1), 8):
            w = list(weights[base : base + 8]) + [0] * 8
            table = [0] * 256
            for m in range(1, 256):
                low = m & -m
                table[m] = table[m ^ low] + w[low.bit_length() - 1]
            self.chunks.append(table)

    def __call__(self, mask: int) -> int:
        total = 0
        for table in self.chunks:
            total += table[mask & 255]
            mask >>= 8
            if not mask:
                break
        return total


@dataclass
class _Reduced:
    """The problem after preprocessing: merged scenes over the multi-scene actors."""

    groups: list[list[int]]  # reduced scene -> original scenes (shot consecutively)
    durations: list[int]
    masks: list[int]  # reduced scene -> bitmask of (reduced) actors
    costs: list[int]  # reduced actor -> daily cost
    prefix: list[int]  # original scenes with no multi-scene actor: shot first, free
    constant: int  # pay of single-scene actors (the same in every order)


def _reduce(problem: TalentProblem) -> _Reduced:
    scenes_of: dict[int, list[int]] = {}
    for s, actors in enumerate(problem.scene_actors):
        for a in actors:
            scenes_of.setdefault(a, []).append(s)
    constant = 0
    kept: list[int] = []
    for a in sorted(scenes_of):
        ss = scenes_of[a]
        if len(ss) == 1:
            constant += problem.costs[a] * problem.durations[ss[0]]
        else:
            kept.append(a)
    # Costless actors never change the objective: drop them too.
    kept = [a for a in kept if problem.costs[a] > 0]
    index = {a: i for i, a in enumerate(kept)}
    by_cast: dict[int, list[int]] = {}
    prefix: list[int] = []
    for s, actors in enumerate(problem.scene_actors):
        mask = 0
        for a in actors:
            if a in index:
                mask |= 1 << index[a]
        if mask == 0:
            prefix.append(s)
        else:
            by_cast.setdefault(mask, []).append(s)
    groups = list(by_cast.values())
    return _Reduced(
        groups=groups,
        durations=[sum(problem.durations[s] for s in g) for g in groups],
        masks=list(by_cast.keys()),
        costs=[problem.costs[a] for a in kept],
        prefix=prefix,
        constant=constant,
    )


# --------------------------------------------------------------------------- the engine


class _Engine:
    def __init__(self, red: _Reduced) -> None:
        self.n = n = len(red.masks)
        self.full = (1 << n) - 1
        self.d = red.durations
        self.am = red.masks
        self.costs = red.costs
        self.cost = _MaskCost(red.costs)
        self.base = [self.d[s] * self.cost(self.am[s]) for s in range(n)]
        # supersets[i]: scenes j whose cast strictly contains the cast of i
        self.supersets = [
            [j for j in range(n) if j != i and self.am[i] & ~self.am[j] == 0] for i in range(n)
        ]
        self.actor_bits = [(a, 1 << a) for a in range(len(red.costs))]

    # -- evaluation of an order of reduced scenes
    def order_cost(self, order: Sequence[int]) -> int:
        done = 0
        a_done = 0
        a_left = 0
        for s in order:
            a_left |= self.am[s]
        total = 0
        remaining = list(order)
        for k, s in enumerate(order):
            rest_actors = 0
            for t in remaining[k + 1 :]:
                rest_actors |= self.am[t]
            standby = a_done & (rest_actors | self.am[s])
            total += self.d[s] * self.cost(self.am[s] | standby)
            done |= 1 << s
            a_done |= self.am[s]
        return total

    # -- lower bound on the cost of shooting the scenes not in `done`
    def lower_bound(self, done: int, a_done: int) -> int:
        am = self.am
        d = self.d
        rest = self.full & ~done
        a_rest = 0
        raw = 0
        scenes = []
        m = rest
        while m:
            low = m & -m
            s = low.bit_length() - 1
            m ^= low
            a_rest |= am[s]
            raw += self.base[s]
            scenes.append(s)
        standby = a_done & a_rest
        if not standby:
            return raw
        # Idle days of standby actors (they stay until their last remaining scene): split each
        # scene among its standby actors in proportion to their cost, order actors by Smith's
        # rule, and correct for the split (Garcia de la Banda, Stuckey & Chu 2011).
        costs = self.costs
        ratio: dict[int, float] = {}
        correction = 0.0
        for s in scenes:
            b = am[s] & standby
            if not b:
                continue
            tot = 0
            sq = 0
            actors = []
            while b:
                low = b & -b
                a = low.bit_length() - 1
                b ^= low
                c = costs[a]
                tot += c
                sq += c * c
                actors.append(a)
            r = d[s] / tot
            for a in actors:
                ratio[a] = ratio.get(a, 0.0) + r
            correction += d[s] * (tot + sq / tot) / 2.0
        hold = -correction
        elapsed = 0.0
        for r, a in sorted((r, a) for a, r in ratio.items()):
            c = costs[a]
            elapsed += r * c
            hold += c * elapsed
        if hold <= 0:
            return raw
        return raw + math.ceil(hold - 1e-6)

    # -- moves allowed from a state
    def moves(self, done: int, a_done: int) -> tuple[int, list[int]]:
        """(standby mask, scenes worth shooting next)."""
        am = self.am
        rest = self.full & ~done
        scenes = []
        a_rest = 0
        m = rest
        while m:
            low = m & -m
            s = low.bit_length() - 1
            m ^= low
            a_rest |= am[s]
            scenes.append(s)
        standby = a_done & a_rest
        for s in scenes:
            if am[s] == standby:
                return standby, [s]
        allowed = []
        for i in scenes:
            ai = am[i]
            reach = a_done | ai
            for j in self.supersets[i]:
                if rest >> j & 1 and am[j] & ~reach == 0:
                    break
            else:
                allowed.append(i)
        return standby, allowed

    # -- a good first order: greedy construction, then insertion local search
    def heuristic_order(self) -> list[int]:
        n = self.n
        if n == 0:
            return []
        best_order: list[int] | None = None
        best = math.inf
        starts = range(n) if n <= 40 else range(1)
        for first in starts:
            done = 1 << first
            a_done = self.am[first]
            order = [first]
            while len(order) < n:
                standby, allowed = self.moves(done, a_done)
                s = min(
                    allowed,
                    key=lambda s: (
                        self.d[s] * self.cost(standby & ~self.am[s])
                        - self.cost(self.am[s] & ~a_done),
                        s,
                    ),
                )
                order.append(s)
                done |= 1 << s
                a_done |= self.am[s]
            c = self.order_cost(order)
            if c < best:
                best, best_order = c, order
        assert best_order is not None
        return self.local_search(best_order)

    def local_search(self, order: list[int]) -> list[int]:
        best = self.order_cost(order)
        improved = True
        while improved:
            improved = False
            n = len(order)
            for i in range(n):
                for j in range(n):
                    if i == j:
                        continue
                    cand = order[:i] + order[i + 1 :]
                    cand.insert(j, order[i])
                    c = self.order_cost(cand)
                    if c < best:
                        best, order, improved = c, cand, True
        return order

    # -- exact best-first search
    def search(
        self, time_limit: float, start: float, warm_start: bool = True
    ) -> tuple[list[int], int, bool, int, int]:
        """Returns (order, cost, optimal, lower bound, states expanded)."""
        n = self.n
        if n == 0:
            return [], 0, True, 0, 0
        incumbent = self.heuristic_order() if warm_start else list(range(n))
        ub = self.order_cost(incumbent) + (0 if warm_start else 1)
        am = self.am
        d = self.d
        cost = self.cost
        full = self.full
        lower_bound = self.lower_bound
        moves = self.moves

        h0 = lower_bound(0, 0)
        if h0 >= ub:
            return incumbent, ub, True, ub, 0
        best_g: dict[int, int] = {0: 0}
        parent: dict[int, int] = {}
        a_of: dict[int, int] = {0: 0}
        heap: list[tuple[int, int, int]] = [(h0, 0, 0)]
        expanded = 0
        deadline = start + time_limit
        while heap:
            f, neg_g, done = heapq.heappop(heap)
            g = -neg_g
            if g != best_g.get(done) or f >= ub:
                continue
            if done == full:
                ub = g
                order = []
                s_done = done
                while s_done:
                    s = parent[s_done]
                    order.append(s)
                    s_done ^= 1 << s
                incumbent = order[::-1]
                break
            expanded += 1
            if expanded & 1023 == 0 and time.perf_counter() > deadline:
                lb = min(f, ub)
                return incumbent, ub, False, lb, expanded
            a_done = a_of[done]
            standby, allowed = moves(done, a_done)
            for s in allowed:
                nxt = done | 1 << s
                ng = g + d[s] * cost(am[s] | standby)
                old = best_g.get(nxt)
                if old is not None and old <= ng:
                    continue
                if old is None:
                    na = a_done | am[s]
                    a_of[nxt] = na
                    h = lower_bound(nxt, na)
                    self_h = h
                    self._h[nxt] = self_h
                else:
                    h = self._h[nxt]
                nf = ng + h
                if nf >= ub:
                    # Remember g so a worse path is not re-evaluated.
                    best_g[nxt] = ng
                    continue
                best_g[nxt] = ng
                parent[nxt] = s
                heapq.heappush(heap, (nf, -ng, nxt))
        return incumbent, ub, True, ub, expanded

    _h: dict[int, int]


def solve(
    problem: TalentProblem, time_limit: float = 60.0, *, warm_start: bool = True
) -> TalentSolution:
    """Find the cheapest shooting order of ``problem`` within ``time_limit`` seconds.

    Returns the best order found; ``optimal`` tells whether it was proven optimal in time,
    ``lower_bound`` is a proven bound on the optimum either way.
    """
    start = time.perf_counter()
    red = _reduce(problem)
    engine = _Engine(red)
    engine._h = {}
    order, reduced_cost, optimal, lb, expanded = engine.search(time_limit, start, warm_start)
    full_order = list(red.prefix)
    for s in order:
        full_order.extend(red.groups[s])
    total = schedule_cost(problem, full_order)
    if total != reduced_cost + red.constant:  # pragma: no cover - internal consistency
        raise AssertionError(f"cost mismatch: {total} != {reduced_cost} + {red.constant}")
    return TalentSolution(
        order=full_order,
        cost=total,
        optimal=optimal,
        lower_bound=lb + red.constant,
        seconds=time.perf_counter() - start,
        expanded=expanded,
        stats={"scenes": problem.n_scenes, "reduced_scenes": engine.n, "actors": len(red.costs)},
    )
