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
  move, from the paper); do not shoot ``i`` next while a remaining ``j`` with
  ``a(i) < a(j) <= a(P) | a(i)`` exists (``j`` first is never worse; the subsumption rule of
  the public DIDP/dypdl talent-scheduling model). Both are checked against brute force in
  the tests.
* Lower bound on what is left: every remaining scene costs at least its own cast
  (``durations[s] * cost(a(s))``), plus the paper's bound on the idle days of the standby
  actors (a weighted-completion-time relaxation solved by Smith's ratio rule).
* An initial order from a greedy construction improved by local search gives the upper bound;
  states whose bound reaches it are never stored, so the search also proves its optimality.

All sets are Python ints used as bitmasks. When at most ``DP_MAX_SCENES`` distinct scenes are
left after preprocessing and numpy is importable, ``solve`` runs the A* search for about as
long as the plain DP over all 2^n subsets would take (vectorised with numpy, layer by layer)
and then, if the search has not finished, that DP; both are exact.

>>> p = TalentProblem.from_lists([1, 1, 1], [1, 5], [[0], [0, 1], [1]])
>>> s = solve(p, time_limit=5)
>>> s.cost, s.optimal, s.order in ([0, 1, 2], [2, 1, 0])
(12, True, True)
"""

from __future__ import annotations

import heapq
import importlib.util
import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dramaturg.errors import DramaturgError

__all__ = [
    "TalentProblem",
    "TalentSolution",
    "load_instance",
    "quick_order",
    "solve",
    "schedule_cost",
]


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
    method: str = ""


def load_instance(path: str | Path) -> TalentProblem:
    """Read an instance in the benchmark JSON form (``name``, ``actors``, ``scenes``)."""
    path = Path(path)
    try:
        from dramaturg.files import read_input

        data = json.loads(read_input(path, what="instance file").decode("utf-8-sig"))
        actors = data["actors"]
        scenes = data["scenes"]
        return TalentProblem(
            durations=tuple(_whole(s["duration"], "duration") for s in scenes),
            costs=tuple(_whole(a["cost_per_day"], "cost_per_day") for a in actors),
            scene_actors=tuple(
                frozenset(_whole(a, "actor index") for a in s["actors"]) for s in scenes
            ),
            name=str(data.get("name", path.stem)),
            scene_names=tuple(str(s.get("name", i)) for i, s in enumerate(scenes)),
            actor_names=tuple(str(a.get("name", i)) for i, a in enumerate(actors)),
        )
    except DramaturgError as exc:
        raise DramaturgError(exc.message, file=str(path)) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DramaturgError(f"cannot read talent instance: {exc}", file=str(path)) from exc


def _whole(value: object, what: str) -> int:
    """An integer from JSON (2 or 2.0), refusing fractions, booleans and strings."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} {value!r} is not a number")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{what} {value!r} is not a whole number")
    return int(value)


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
    """Search over a reduced problem: scenes ``0..n-1`` with durations ``d``, cast bitmasks
    ``am`` over actors ``0..m-1`` with daily ``costs``. A state is the bitmask of the scenes
    already shot (``done``) with the union of their casts (``a_done``)."""

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
        self.m = len(red.costs)
        self.split: dict[int, tuple[float, float, tuple[int, ...]]] = {}
        self.bits_cache: dict[int, tuple[int, ...]] = {}
        self.h_cache: dict[int, int] = {}
        self.max_states = MAX_SEARCH_STATES  # the search stops here, as at its deadline

    # -- evaluation of an order of reduced scenes
    def order_cost(self, order: Sequence[int]) -> int:
        """Cost of shooting the (reduced) scenes in ``order``: each scene costs its days
        times the pay of everyone on location (its cast, plus the actors who started earlier
        and have scenes later)."""
        am = self.am
        later = [0] * (len(order) + 1)
        for k in range(len(order) - 1, -1, -1):
            later[k] = later[k + 1] | am[order[k]]
        total = 0
        a_done = 0
        for k, s in enumerate(order):
            total += self.d[s] * self.cost(am[s] | (a_done & later[k + 1]))
            a_done |= am[s]
        return total

    # -- lower bound on the cost of shooting the scenes not in `done`
    def lower_bound(self, done: int, a_done: int) -> int:
        """Every remaining scene's own cast, plus a bound on the standby actors' idle days.

        Standby actors (on location, with scenes left) stay until their last remaining
        scene. Split each remaining scene among its standby actors in proportion to their
        daily cost, order the actors by Smith's ratio rule (which minimises the weighted
        completion time of the relaxation) and subtract what the split over-counts; this is
        the bound of Garcia de la Banda, Stuckey & Chu (2011).
        """
        am = self.am
        base = self.base
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
            raw += base[s]
            scenes.append(s)
        standby = a_done & a_rest
        if not standby:
            return raw
        ratio = [0.0] * self.m
        correction = 0.0
        split = self.split
        n = self.n
        for s in scenes:
            b = am[s] & standby
            if b:
                key = b * n + s
                entry = split.get(key)
                if entry is None:
                    entry = split[key] = self.split_entry(s, b)
                r, c, actors = entry
                correction += c
                for a in actors:
                    ratio[a] += r
        costs = self.costs
        hold = -correction
        elapsed = 0.0
        for r, a in sorted([(ratio[a], a) for a in self.actors_of(standby)]):
            c = costs[a]
            elapsed += r * c
            hold += c * elapsed
        if hold <= 0:
            return raw
        # (the tolerance keeps float rounding from lifting the bound past an integer)
        return raw + math.ceil(hold - 1e-6 - 1e-9 * hold)

    def split_entry(self, s: int, b: int) -> tuple[float, float, tuple[int, ...]]:
        """For scene ``s`` and its standby actors ``b``: (days per unit of cost, the
        over-count of splitting the scene among them, the actors)."""
        actors = self.actors_of(b)
        tot = sum(self.costs[a] for a in actors)
        sq = sum(self.costs[a] ** 2 for a in actors)
        return self.d[s] / tot, self.d[s] * (tot + sq / tot) / 2.0, actors

    def actors_of(self, mask: int) -> tuple[int, ...]:
        found = self.bits_cache.get(mask)
        if found is None:
            out = []
            m = mask
            while m:
                low = m & -m
                out.append(low.bit_length() - 1)
                m ^= low
            found = self.bits_cache[mask] = tuple(out)
        return found

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
    def heuristic_order(
        self, deadline: float = math.inf, starts: int | None = None, passes: int | None = None
    ) -> list[int]:
        """Greedy from every first scene (shoot next the scene that idles the fewest
        standby actors and brings the fewest new ones), then move single scenes while that
        helps. Stops early at ``deadline`` with the best order so far; ``starts`` (first
        scenes spread evenly over the scenes) and ``passes`` (of the local search) cap the
        work instead, so that the order does not depend on the machine's speed."""
        n = self.n
        if n == 0:
            return []
        am, d, cost = self.am, self.d, self.cost
        best_order: list[int] = list(range(n))
        best = self.order_cost(best_order)
        firsts = (
            range(n) if starts is None else sorted({i * n // starts for i in range(min(n, starts))})
        )
        for first in firsts:
            if first and time.perf_counter() > deadline:
                break
            done = 1 << first
            a_done = am[first]
            order = [first]
            while len(order) < n:
                standby, allowed = self.moves(done, a_done)
                s = min(
                    allowed,
                    key=lambda s: (
                        d[s] * cost(standby & ~am[s]) + cost(am[s] & ~a_done),
                        s,
                    ),
                )
                order.append(s)
                done |= 1 << s
                a_done |= am[s]
            c = self.order_cost(order)
            if c < best:
                best, best_order = c, order
        return self.local_search(best_order, deadline, passes)

    def local_search(
        self, order: list[int], deadline: float = math.inf, passes: int | None = None
    ) -> list[int]:
        best = self.order_cost(order)
        improved = True
        done = 0
        while improved and time.perf_counter() <= deadline and (passes is None or done < passes):
            done += 1
            improved = False
            n = len(order)
            for i in range(n):
                if time.perf_counter() > deadline:
                    break
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
    def search(self, incumbent: list[int], ub: int, deadline: float) -> tuple[list[int], int, int]:
        """A* from the empty set, pruned by ``ub`` (the cost of ``incumbent``, or more).

        Returns (order, cost, lower bound); the order is optimal when the lower bound equals
        its cost, which happens unless ``deadline`` (a ``time.perf_counter()`` value) passes.
        """
        am = self.am
        d = self.d
        cost = self.cost
        full = self.full
        lower_bound = self.lower_bound
        moves = self.moves
        h_cache = self.h_cache

        h0 = lower_bound(0, 0)
        if h0 >= ub:
            return incumbent, ub, ub
        best_g: dict[int, int] = {0: 0}
        parent: dict[int, int] = {}
        a_of: dict[int, int] = {0: 0}
        heap: list[tuple[int, int, int]] = [(h0, 0, 0)]
        while heap:
            f, neg_g, done = heapq.heappop(heap)
            g = -neg_g
            if g != best_g.get(done) or f >= ub:
                continue  # stale entry, or cannot beat the incumbent
            if done == full:
                order = []
                while done:
                    s = parent[done]
                    order.append(s)
                    done ^= 1 << s
                return order[::-1], g, g
            self.expanded += 1
            if time.perf_counter() > deadline or len(best_g) > self.max_states:
                # Every order passes through a queued state, so the smallest f in the queue
                # bounds the optimum (as does the root's bound). Anytime: the most promising
                # queued states, completed greedily, may beat the incumbent.
                bound = max(f, h0)
                heapq.heappush(heap, (f, neg_g, done))
                order, c = self._complete_frontier(heap, parent, incumbent, ub)
                self.h_cache.clear()  # the memory goes back before the caller goes on
                return order, c, min(c, bound)
            a_done = a_of[done]
            standby, allowed = moves(done, a_done)
            for s in allowed:
                nxt = done | 1 << s
                ng = g + d[s] * cost(am[s] | standby)
                old = best_g.get(nxt)
                if old is not None and old <= ng:
                    continue
                best_g[nxt] = ng
                h = h_cache.get(nxt)
                if h is None:
                    na = a_done | am[s]
                    a_of[nxt] = na
                    h = h_cache[nxt] = lower_bound(nxt, na)
                if ng + h < ub:
                    parent[nxt] = s
                    heapq.heappush(heap, (ng + h, -ng, nxt))
        return incumbent, ub, ub

    def _complete_frontier(
        self,
        heap: list[tuple[int, int, int]],
        parent: dict[int, int],
        incumbent: list[int],
        ub: int,
    ) -> tuple[list[int], int]:
        """The best of the incumbent and the ``FRONTIER_COMPLETIONS`` lowest-f queued states,
        each completed by the greedy rule of :meth:`heuristic_order` and then improved by a
        short local search."""
        best, best_cost = incumbent, ub
        for f, _neg_g, done in heapq.nsmallest(FRONTIER_COMPLETIONS, heap):
            if f >= best_cost:
                break
            prefix: list[int] = []
            state = done
            while state:
                s = parent[state]
                prefix.append(s)
                state ^= 1 << s
            a_done = 0
            for s in prefix:
                a_done |= self.am[s]
            order = self._greedy_from(prefix[::-1], done, a_done)
            c = self.order_cost(order)
            if c < best_cost:
                best, best_cost = order, c
        if best is not incumbent:
            best = self.local_search(best, time.perf_counter() + FRONTIER_POLISH_SECONDS)
            best_cost = self.order_cost(best)
        return best, best_cost

    def _greedy_from(self, order: list[int], done: int, a_done: int) -> list[int]:
        am, d, cost = self.am, self.d, self.cost
        order = list(order)
        while len(order) < self.n:
            standby, allowed = self.moves(done, a_done)
            s = min(
                allowed,
                key=lambda s: (d[s] * cost(standby & ~am[s]) + cost(am[s] & ~a_done), s),
            )
            order.append(s)
            done |= 1 << s
            a_done |= am[s]
        return order

    # -- exhaustive dynamic programme over all subsets, vectorised with numpy
    def subset_dp(self, deadline: float) -> tuple[list[int], int] | None:
        """The plain DP ``f[P | s] = min f[P] + d[s] * cost(a(s) | L(P))`` over all 2^n
        sets, layer by layer; returns (optimal order, cost), or None past ``deadline``."""
        import numpy as np

        n = self.n
        size = 1 << n
        a_done = np.zeros(size, dtype=np.int64)
        for i in range(n):
            a_done[1 << i : 2 << i] = a_done[: 1 << i] | self.am[i]
        standby = a_done & a_done[::-1]  # a(P) & a(complement of P)
        del a_done
        tables = [np.array(t, dtype=np.int64) for t in self.cost.chunks]

        def mask_cost(mask: np.ndarray) -> np.ndarray:
            total: np.ndarray = tables[0][mask & 255]
            for k, table in enumerate(tables[1:], 1):
                total = total + table[(mask >> (8 * k)) & 255]
            return total

        big = np.iinfo(np.int64).max // 4
        f = np.full(size, big, dtype=np.int64)
        f[0] = 0
        popcount = np.zeros(size, dtype=np.int8)
        for i in range(n):
            popcount[1 << i : 2 << i] = popcount[: 1 << i] + 1
        by_size = np.argsort(popcount, kind="stable")
        edges = np.searchsorted(popcount[by_size], np.arange(n + 2))
        del popcount
        for k in range(n):
            if time.perf_counter() > deadline:
                return None
            layer = by_size[edges[k] : edges[k + 1]]
            f_layer = f[layer]
            standby_layer = standby[layer]
            for s in range(n):
                bit = 1 << s
                free = (layer & bit) == 0
                val = f_layer[free] + self.d[s] * mask_cost(standby_layer[free] | self.am[s])
                dst = layer[free] | bit
                f[dst] = np.minimum(f[dst], val)
        # Walk back from the full set.
        order: list[int] = []
        done = size - 1
        while done:
            for s in range(n):
                bit = 1 << s
                if done & bit:
                    prev = done ^ bit
                    step = self.d[s] * self.cost(int(standby[prev]) | self.am[s])
                    if f[prev] + step == f[done]:
                        order.append(s)
                        done = prev
                        break
            else:  # pragma: no cover - cannot happen
                raise AssertionError("subset DP walk-back failed")
        return order[::-1], int(f[size - 1])

    expanded: int = 0


# Largest reduced problem handed to the exhaustive numpy DP (2^n states, ~30 bytes each).
DP_MAX_SCENES = 23
HYBRID_ASTAR_SHARE = 0.2  # past DP_MAX_SCENES: A*'s share of the time, CP-SAT's the rest
# The A* tables cost about 500 bytes a state: stop (as at the deadline) before 2 GB.
MAX_SEARCH_STATES = 3_000_000
FRONTIER_COMPLETIONS = 64  # queued states completed greedily when the search stops early
FRONTIER_POLISH_SECONDS = 0.5


def _numpy_available() -> bool:
    # Look numpy up without importing it (the import costs a tenth of a second).
    return importlib.util.find_spec("numpy") is not None


def _cpsat_order(
    problem: TalentProblem, hint: list[int], seconds: float
) -> tuple[list[int] | None, int]:
    """The plain CP-SAT model (each scene an interval on one machine, each actor paid from
    their first scene's start to their last scene's end), warm-started from ``hint``:
    (its best order or None, its proven bound)."""
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    d = problem.durations
    total = sum(d)
    starts = [m.new_int_var(0, total - d[s], f"start{s}") for s in range(len(d))]
    m.add_no_overlap(
        [m.new_fixed_size_interval_var(starts[s], d[s], f"s{s}") for s in range(len(d))]
    )
    cost = []
    for a, c in enumerate(problem.costs):
        mine = [s for s, cast in enumerate(problem.scene_actors) if a in cast]
        if mine:
            first = m.new_int_var(0, total, f"first{a}")
            last = m.new_int_var(0, total, f"last{a}")
            m.add_min_equality(first, [starts[s] for s in mine])
            m.add_max_equality(last, [starts[s] + d[s] for s in mine])
            cost.append(c * (last - first))
    m.minimize(sum(cost))
    at = 0
    for s in hint:
        m.add_hint(starts[s], at)
        at += d[s]
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.random_seed = 7
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, 0
    order = sorted(range(len(d)), key=lambda s: (solver.value(starts[s]), s))
    return order, int(math.ceil(solver.best_objective_bound - 1e-6))


def quick_order(problem: TalentProblem, starts: int = 8, passes: int = 2) -> list[int]:
    """A good order without a search, in a fixed amount of work (the same order on every
    machine): the greedy rule from ``starts`` first scenes, then ``passes`` of the
    insertion local search."""
    red = _reduce(problem)
    engine = _Engine(red)
    order = list(red.prefix)
    for s in engine.heuristic_order(starts=starts, passes=passes):
        order.extend(red.groups[s])
    return order


def solve(
    problem: TalentProblem,
    time_limit: float = 60.0,
    *,
    warm_start: bool = True,
    method: str = "auto",
) -> TalentSolution:
    """Find the cheapest shooting order of ``problem`` within ``time_limit`` seconds.

    Returns the best order found; ``optimal`` tells whether it was proven optimal in time,
    ``lower_bound`` is a proven bound on the optimum either way.

    ``method``: ``"astar"`` (best-first search with bounds and dominance), ``"dp"`` (the
    plain DP over all subsets, vectorised with numpy; only for at most ``DP_MAX_SCENES``
    distinct scenes) or ``"auto"``: A* first, and if it has not finished within about the
    time the plain DP would take, the plain DP. ``warm_start=False`` skips the heuristic
    first order (for testing the exact search on its own).
    """
    if method not in ("auto", "astar", "dp"):
        raise ValueError(f"unknown method {method!r}")
    start = time.perf_counter()
    deadline = start + max(time_limit, 0.0)
    red = _reduce(problem)
    engine = _Engine(red)
    n = engine.n
    if warm_start and n:
        # At most a quarter of the time for the first order.
        incumbent = engine.heuristic_order(start + 0.25 * max(time_limit, 0.0))
        ub = engine.order_cost(incumbent)
    else:
        incumbent = list(range(n))
        ub = engine.order_cost(incumbent) + 1  # so the search itself must find an order
    dp_ok = 0 < n <= DP_MAX_SCENES and _numpy_available()
    if method == "dp" and n and not dp_ok:
        raise ValueError(f"method 'dp' needs numpy and at most {DP_MAX_SCENES} distinct scenes")

    order, lb = incumbent, engine.lower_bound(0, 0)
    used = "none"
    if n == 0:
        order, lb = [], 0
    elif method == "dp":
        used = "dp"
        found = engine.subset_dp(deadline)
        if found is not None:
            order, lb = found
    else:
        used = "astar"
        astar_deadline = deadline
        if method == "auto" and dp_ok:
            # Give A* about as long as the plain DP would need, then switch.
            estimate = 1e-8 * n * (1 << n)
            astar_deadline = min(deadline, time.perf_counter() + max(0.05, estimate))
        elif method == "auto" and n > DP_MAX_SCENES:
            # Past the DP's reach A* may not finish: it gets half the time, and CP-SAT,
            # warm-started from its best order, the other half.
            astar_deadline = time.perf_counter() + HYBRID_ASTAR_SHARE * (
                deadline - time.perf_counter()
            )
        order, found_cost, lb = engine.search(incumbent, ub, astar_deadline)
        if lb < found_cost and method == "auto" and dp_ok and time.perf_counter() < deadline:
            used = "astar+dp"
            found = engine.subset_dp(deadline)
            if found is not None:
                order, lb = found
    reduced_cost = engine.order_cost(order)
    lb = min(lb, reduced_cost)
    full_order = list(red.prefix)
    for s in order:
        full_order.extend(red.groups[s])
    total = schedule_cost(problem, full_order)
    if total != reduced_cost + red.constant:  # pragma: no cover - internal consistency
        raise AssertionError(f"cost mismatch: {total} != {reduced_cost} + {red.constant}")
    full_lb = lb + red.constant
    if (
        method == "auto"
        and n > DP_MAX_SCENES
        and full_lb < total
        and time.perf_counter() < deadline
    ):
        used = "astar+cp-sat"
        cp_order, cp_bound = _cpsat_order(problem, full_order, deadline - time.perf_counter())
        full_lb = max(full_lb, min(cp_bound, total))
        if cp_order is not None and schedule_cost(problem, cp_order) < total:
            full_order, total = cp_order, schedule_cost(problem, cp_order)
        full_lb = min(full_lb, total)
    return TalentSolution(
        order=full_order,
        cost=total,
        optimal=full_lb == total,
        lower_bound=full_lb,
        seconds=time.perf_counter() - start,
        expanded=engine.expanded,
        stats={"scenes": problem.n_scenes, "reduced_scenes": n, "actors": len(red.costs)},
        method=used,
    )
