"""The shooting schedule: which scenes are shot on which day (OR-Tools CP-SAT).

The problem, as a first AD states it:

* **Data.** Strips (a scene, or scenes of one location, time and cast shot together), each
  with its length in eighths, its shooting time (``eighths / 8 * page_hours + setup_hours``
  per scene), its cast, its location and whether it is a night scene. A calendar of shooting
  dates from ``start_date`` (days off and holidays skipped). Who cannot work when; which
  location cannot be used when.
* **Variables.** ``shoot[b, d]``: strip ``b`` is shot on day ``d``. ``used[d]``: day ``d`` is a
  shooting day. ``night[d]``: day ``d`` is a night shoot. ``at[l, d]``: the unit is at
  location ``l`` on day ``d``. ``moves[d]``: company moves on day ``d``. ``first[a]``,
  ``last[a]``: the first and last shooting day of actor ``a``.
* **Constraints.**
  every strip is shot exactly once;
  a strip is shot only on a day its whole cast and its location are available;
  night scenes on night days, day scenes on day days (night shoots are grouped);
  a day's hours (scenes plus ``move_hours`` per company move) fit ``max_day_hours``, and its
  pages fit ``max_eighths_per_day``;
  a calendar week's hours fit ``weekly_hours_cap`` (Korea's 52-hour week by default);
  between consecutive calendar days, the rest from one day's wrap to the next call is at least
  ``turnaround_hours`` (a night shoot followed by a day call breaks it);
  a calendar date may stay idle (the weekly cap often leaves the last weekday of a week
  empty); an actor is paid for every calendar shooting date from their first to their last,
  idle ones included; a strip the AD pinned (``[[pin]]``) is shot on its date.
* **Objective.** ``holding * sum(cost_per_day[a] * held_days[a])
  + company_move * sum(moves) + shooting_day * length + night_switch * switches``, where
  ``held_days[a]`` counts the calendar's shooting dates from ``first[a]`` to ``last[a]``,
  ``length`` the calendar's shooting dates up to the last one used (an idle weekday inside
  the shoot still costs a day) and a switch is a day unit turning night unit (or back) with
  no rest day between; re-planning adds ``moved_scene`` per scene moved off its old date.
* **Symmetry breaking.** Identical strips are shot in a fixed order.

A greedy plan is the warm start (``add_hint``) and the fallback when CP-SAT finds nothing
better in the time limit: the cheapest of several day-by-day packings (by location, by cast,
and for big inputs in a talent-scheduling order from :mod:`dramaturg.produce.talent`), with
and without leaving idle the short days a weekly cap leaves over. On big inputs (above 150
scenes) scenes of the same location, time and cast are first aggregated into strips, and when
the model would exceed 30,000 assignment variables CP-SAT re-optimises the schedule in
windows of days around the best one so far (large neighbourhood search) until the time
limit; otherwise its first segment holds the dearest actors near their span floors. A segment of the search (or a run of rounds) that closes none of the gap between
the schedule and the lower bound ends it early (see :func:`_solve_in_segments`).

Input that cannot be scheduled (an actor available on no day, a scene longer than a day, an
unknown actor or location in the config) raises a :class:`~dramaturg.errors.DramaturgError`
that names the conflict; an infeasible model is re-solved with one family of constraints
relaxed at a time to name the likely cause.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from dramaturg.errors import DramaturgError
from dramaturg.produce.breakdown import Breakdown, SceneBreakdown, format_eighths
from dramaturg.produce.config import ProductionConfig, check_against

__all__ = ["Strip", "ShootingDay", "Schedule", "make_strips", "schedule", "evaluate", "violations"]

#: constraint families, named as a producer would (used to explain infeasibility)
FAMILIES = {
    "availability": "actor and location availability",
    "night": "night shoots grouped (no day scene on a night day)",
    "day_length": "hours per day (max_day_hours / max_eighths_per_day)",
    "weekly_cap": "weekly hours cap",
    "turnaround": "turnaround between days",
}
AGGREGATE_ABOVE = 150  # scenes; above this, scenes of one location/time/cast become strips
OBJECTIVE_SCALE = 1000
FULL_MODEL_VARIABLES = 30_000  # above this many shoot[b, d], search windows instead
# sequence greedy variants: a strip elsewhere must be this much earlier in the order to move
SEQUENCE_MOVE_RANKS = (6, 20, 40)
WARM_START_SECONDS = 5.0  # at most this long (and a quarter of the limit) for the order
ORDER_STARTS = 8  # deterministic runs: the order's greedy starts and local-search passes
ORDER_PASSES = 8  # (a pass costs about strips^3: fewer past ORDER_FULL_STRIPS strips)
ORDER_FULL_STRIPS = 180
SHORTEST_DAY_FRACTIONS = (0.0, 0.5, 0.75, 0.9)  # greedy variants: skip days shorter than this
URGENT_DAYS = 10  # a strip whose last possible day is this close opens the day
LNS_BLOCK_DAYS = 12  # big inputs: dates re-planned together in one search round
LNS_BLOCK_SECONDS = 3.0
LNS_WIDE_EVERY = 6  # every so many rounds, all strips may move WINDOW_DAYS either way
LNS_ACTOR_CHOICES = 6  # an actor round gathers one of the so many actors held longest
LNS_STALL_ROUNDS = 12  # the search stops when so many rounds in a row gain little
STALL_FRACTION = 0.001  # "little": a tenth of a percent of the cost
SEGMENTS = 3  # the full model is solved in so many segments, each warm-started from the best
SEGMENT_MIN_SECONDS = 15.0
FOCUS_ACTORS = 2  # the first segment holds so many of the dearest actors near their floors,
FOCUS_SLACK = 1 / 3  # at most this share of their floor (and 2 dates) past it,
FOCUS_SHARE = 0.5  # of the first two segments' time (CP-SAT finds such boards sooner)
RELAX_SHARE = 0.2  # of the time limit, for the relaxation that bounds the cost (at most:)
RELAX_SECONDS = 6.0
LNS_SEED = 7
WALL_CLOCK_FACTOR = 10  # a deterministic run stops by the wall clock only this far past its limit
WINDOW_DAYS = 8  # half-width of a strip's window in the big-input search
PAIR_ACTORS = 8  # the analytic bound pairs up actors among this many of the dearest
RELAX_LEVELS = (2, 4, 6)  # the bound's relaxations follow this many of the dearest actors
RELAX_PAST = 4  # the relaxation covers the horizon and a quarter more (at least 2 dates)
RELAX_CLASSES = 48  # above this many classes of strips, availability as each day's room


@dataclass
class Strip:
    """What the solver places: scenes of one location, day/night and cast shot together."""

    id: int
    scenes: list[SceneBreakdown]
    location: str
    night: bool
    cast: frozenset[str]
    minutes: int
    eighths: int

    @property
    def label(self) -> str:
        refs = ", ".join(s.ref for s in self.scenes)
        return f"scene {refs}" if len(self.scenes) == 1 else f"scenes {refs}"


@dataclass
class ShootingDay:
    """One day of the shoot as it lands on the call sheet."""

    number: int  # 1-based shooting day
    date: dt.date
    night: bool
    scenes: list[SceneBreakdown]
    minutes: int  # scenes plus company moves
    locations: list[str]

    @property
    def moves(self) -> int:
        return max(0, len(self.locations) - 1)

    @property
    def eighths(self) -> int:
        return sum(s.eighths for s in self.scenes)

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def cast(self) -> list[str]:
        return list(dict.fromkeys(c for s in self.scenes for c in s.cast))


@dataclass
class Schedule:
    """A shooting schedule and how good it is.

    ``objective`` is the weighted cost, ``bound`` a proven lower bound on every schedule:
    the highest of the actors' span floors (:func:`_span_bounds`, from the data alone), a
    day-by-day relaxation over the dearest actors (:func:`_relaxed_bound`) and CP-SAT's own
    bound (these two each capped by what a schedule longer than their dates must cost,
    :func:`_beyond`).
    ``gap = (objective - bound) / objective``; ``status`` is CP-SAT's status (or
    ``GREEDY`` when the warm start was not improved on in time). ``holding_cost`` is in the
    config's money (sum of cost_per_day x span), ``spans`` maps an actor to (first, last)
    shooting day numbers (1-based).
    """

    breakdown: Breakdown
    config: ProductionConfig
    days: list[ShootingDay]
    objective: float
    bound: float
    gap: float
    status: str
    seconds: float
    holding_cost: float
    company_moves: int
    spans: dict[str, tuple[int, int]]
    greedy_objective: float | None = None
    calendar_days: int = 0  # calendar shooting dates from the first to the last, idle ones too
    strips: int = 0
    variables: int = 0
    notes: list[str] = field(default_factory=list)
    workers: int = 1  # CP-SAT search workers used (the config's, or one per core)

    @property
    def shooting_days(self) -> int:
        return len(self.days)

    def day_of(self, scene: SceneBreakdown) -> ShootingDay:
        for day in self.days:
            if any(s.index == scene.index for s in day.scenes):
                return day
        raise KeyError(scene.ref)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: figures, then every day with its scenes."""
        return {
            "title": self.breakdown.title,
            "status": self.status,
            "objective": round(self.objective, 3),
            "bound": round(self.bound, 3),
            "gap": round(self.gap, 4),
            "seconds": round(self.seconds, 2),
            "shooting_days": self.shooting_days,
            "calendar_days": self.calendar_days,
            "holding_cost": self.holding_cost,
            "company_moves": self.company_moves,
            "greedy_objective": self.greedy_objective,
            "strips": self.strips,
            "workers": self.workers,
            "start_date": self.days[0].date.isoformat() if self.days else None,
            "end_date": self.days[-1].date.isoformat() if self.days else None,
            "spans": {a: {"first": f, "last": last} for a, (f, last) in self.spans.items()},
            "notes": self.notes,
            "days": [
                {
                    "day": d.number,
                    "date": d.date.isoformat(),
                    "night": d.night,
                    "hours": round(d.hours, 2),
                    "pages": format_eighths(d.eighths),
                    "eighths": d.eighths,
                    "locations": d.locations,
                    "moves": d.moves,
                    "scenes": [s.ref for s in d.scenes],
                    "cast": d.cast,
                }
                for d in self.days
            ],
        }


# -- data preparation -----------------------------------------------------------------------


def scene_minutes(scene: SceneBreakdown, cfg: ProductionConfig) -> int:
    """Shooting time of one scene: its pages times ``page_hours`` plus ``setup_hours``."""
    return round((scene.eighths / 8 * cfg.page_hours + cfg.setup_hours) * 60)


def make_strips(
    bd: Breakdown,
    cfg: ProductionConfig,
    aggregate: bool | None = None,
    alone: frozenset[str] = frozenset(),
) -> list[Strip]:
    """Scenes as strips; with ``aggregate`` (default: above 150 scenes) scenes sharing
    location, day/night and cast are stacked into strips of at most half a day. Scenes whose
    ref is in ``alone`` (pinned by the AD) stay strips of their own."""
    if aggregate is None:
        aggregate = len(bd.scenes) > AGGREGATE_ABOVE
    groups: dict[tuple[str, bool, frozenset[str]], list[SceneBreakdown]] = defaultdict(list)
    singles: list[list[SceneBreakdown]] = []
    for s in bd.scenes:
        if aggregate and s.ref not in alone:
            groups[(s.location, s.day_night == "NIGHT", frozenset(s.cast))].append(s)
        else:
            singles.append([s])
    chunks: list[list[SceneBreakdown]] = list(singles)
    half_day = cfg.max_day_hours * 60 / 2
    for members in groups.values():
        chunk: list[SceneBreakdown] = []
        total = 0
        for s in members:
            m = scene_minutes(s, cfg)
            if chunk and total + m > half_day:
                chunks.append(chunk)
                chunk, total = [], 0
            chunk.append(s)
            total += m
        if chunk:
            chunks.append(chunk)
    chunks.sort(key=lambda c: c[0].index)
    return [
        Strip(
            id=i,
            scenes=c,
            location=c[0].location,
            night=c[0].day_night == "NIGHT",
            cast=frozenset(x for s in c for x in s.cast),
            minutes=sum(scene_minutes(s, cfg) for s in c),
            eighths=sum(s.eighths for s in c),
        )
        for i, c in enumerate(chunks)
    ]


def _cost(cfg: ProductionConfig, actor: str) -> float:
    c = cfg.cast.get(" ".join(actor.split()).upper())
    if c is not None and c.cost_given:
        return c.cost_per_day
    return default_rate(cfg)


def default_rate(cfg: ProductionConfig) -> float:
    """The day rate of cast the config gives none: the median of the rates it gives (1 when
    it gives none, so holding still counts days)."""
    rates = sorted(c.cost_per_day for c in cfg.cast.values() if c.cost_given)
    if not rates:
        return 1.0
    mid = len(rates) // 2
    return rates[mid] if len(rates) % 2 else (rates[mid - 1] + rates[mid]) / 2


def _money_unit(cfg: ProductionConfig) -> float:
    return float(cfg.weights.get("holding_unit", 1.0)) or 1.0


def _weights(cfg: ProductionConfig) -> tuple[float, float, float]:
    w = cfg.weights
    return (
        float(w.get("holding", 1.0)) / _money_unit(cfg),
        float(w.get("company_move", 0.0)),
        float(w.get("shooting_day", 0.0)),
    )


@dataclass
class _Problem:
    """The solver's view: strips, candidate dates and which strip may go on which date."""

    strips: list[Strip]
    dates: list[dt.date]
    allowed: list[list[int]]  # strip -> allowed day indices
    actors: list[str]
    cost: dict[str, float]
    day_cap: int
    eighths_cap: int | None
    week_cap: int | None
    turnaround: int
    night_shift: int  # night call minus day call, minutes
    move_minutes: int
    weights: tuple[float, float, float]
    notes: list[str] = field(default_factory=list)
    pinned: dict[int, int] = field(default_factory=dict)  # strip -> the day the AD fixed
    previous: dict[int, int] = field(default_factory=dict)  # strip -> its day last time
    moved_weight: float = 0.0  # objective cost of a strip moved off its previous day
    switch_weight: float = 0.0  # objective cost of a day unit turning night unit (or back)
    _floors: dict[str, int] = field(default_factory=dict)

    def span_floors(self) -> dict[str, int]:
        """Each actor's fewest held dates in any schedule (:func:`_span_bounds`), cached."""
        if not self._floors:
            self._floors = _span_bounds(self)
        return self._floors

    def week(self, d: int) -> tuple[int, int]:
        return tuple(self.dates[d].isocalendar()[:2])  # type: ignore[return-value]

    def consecutive(self, d: int) -> bool:
        """Whether day ``d + 1`` is the calendar day after day ``d`` (no rest day between)."""
        return d + 1 < len(self.dates) and (self.dates[d + 1] - self.dates[d]).days == 1


def _prepare(bd: Breakdown, cfg: ProductionConfig, aggregate: bool | None) -> _Problem:
    if not bd.scenes:
        raise DramaturgError("the script has no scenes to schedule")
    # voice-over-only characters are in the script too (a config may list their fee)
    voices = {who for s in bd.scenes for who in s.voice_only}
    check_against(cfg, [c.name for c in bd.cast] + sorted(voices), bd.locations)
    pins = _pinned_scenes(bd, cfg)
    strips = make_strips(bd, cfg, aggregate, frozenset(pins))
    day_cap = round(cfg.max_day_hours * 60)
    week_cap = round(cfg.weekly_hours_cap * 60) if cfg.weekly_hours_cap else None
    for strip in strips:
        for s in strip.scenes:
            need = scene_minutes(s, cfg)
            if need > day_cap or (week_cap is not None and need > week_cap):
                cap = "day" if need > day_cap else "week"
                limit = cfg.max_day_hours if cap == "day" else cfg.weekly_hours_cap
                raise DramaturgError(
                    f"scene {s.ref} ({s.location}, {s.pages} pages) needs {need / 60:.1f} h "
                    f"to shoot, longer than a {cap} ({limit:g} h)",
                    file=s.file,
                    line=s.line,
                )
            if cfg.max_eighths_per_day and s.eighths > cfg.max_eighths_per_day:
                raise DramaturgError(
                    f"scene {s.ref} is {s.pages} pages, more than the "
                    f"{format_eighths(cfg.max_eighths_per_day)} pages a day may hold",
                    file=s.file,
                    line=s.line,
                )
    # a year of shooting dates is the widest the search ever looks
    year = cfg.calendar(
        max(1, sum(cfg.is_shooting_day(cfg.start_date + dt.timedelta(i)) for i in range(366)))
    )
    allowed_year = [_allowed(strip, year, cfg) for strip in strips]
    for strip, days in zip(strips, allowed_year, strict=True):
        if not days:
            raise _no_day_error(strip, year, cfg)
    pinned = _apply_pins(strips, allowed_year, year, pins, cfg)
    actors = sorted({a for strip in strips for a in strip.cast})
    notes = []
    unpriced = [a for a in actors if not (c := cfg.cast.get(a.upper())) or not c.cost_given]
    if unpriced and cfg.cast:
        notes.append(
            f"no cost_per_day for {', '.join(unpriced)}: held at the default rate "
            f"{default_rate(cfg):g} (the median of the rates given)"
        )
    problem = _Problem(
        strips=strips,
        dates=year,
        allowed=allowed_year,
        actors=actors,
        cost={a: _cost(cfg, a) for a in actors},
        day_cap=day_cap,
        eighths_cap=cfg.max_eighths_per_day or None,
        week_cap=week_cap,
        turnaround=round(cfg.turnaround_hours * 60),
        night_shift=_minutes_of(cfg.night_call) - _minutes_of(cfg.crew_call),
        move_minutes=round(cfg.move_hours * 60),
        weights=_weights(cfg),
        notes=notes,
        pinned=pinned,
        switch_weight=float(cfg.weights.get("night_switch", cfg.weights.get("company_move", 0.0))),
    )
    conflict = capacity_conflict(problem, cfg)
    if conflict:
        raise conflict
    return problem


def _pinned_scenes(bd: Breakdown, cfg: ProductionConfig) -> dict[str, tuple[dt.date, Any]]:
    """Scene ref -> (date, pin) for every ``[[pin]]``; an unknown scene is an error at its line."""
    refs = {s.ref.upper(): s.ref for s in bd.scenes}
    numbers = (
        {s.number.upper(): s.ref for s in bd.scenes}
        if len({s.part for s in bd.scenes}) == 1
        else {}
    )
    out: dict[str, tuple[dt.date, Any]] = {}
    for pin in cfg.pins:
        for name in pin.scenes:
            ref = refs.get(name.upper()) or numbers.get(name.upper())
            if ref is None:
                raise DramaturgError(
                    f"[[pin]] scene {name!r} is not in the script (scenes are numbered like "
                    f"{', '.join(s.ref for s in bd.scenes[:3])})",
                    file=cfg.path,
                    line=pin.line,
                )
            if ref in out and out[ref][0] != pin.date:
                raise DramaturgError(
                    f"[[pin]] scene {ref} is pinned to {out[ref][0].isoformat()} and to "
                    f"{pin.date.isoformat()}",
                    file=cfg.path,
                    line=pin.line,
                )
            out[ref] = (pin.date, pin)
    return out


def _apply_pins(
    strips: list[Strip],
    allowed: list[list[int]],
    dates: list[dt.date],
    pins: dict[str, tuple[dt.date, Any]],
    cfg: ProductionConfig,
) -> dict[int, int]:
    """Restrict pinned strips to their date and keep locked dates for their own scenes."""
    index = {d: i for i, d in enumerate(dates)}
    pinned: dict[int, int] = {}
    for b, strip in enumerate(strips):
        for s in strip.scenes:
            if s.ref not in pins:
                continue
            date, pin = pins[s.ref]
            if date not in index:
                raise DramaturgError(
                    f"[[pin]] date {date.isoformat()} is before the start date "
                    f"{cfg.start_date.isoformat()} or past a year of shooting",
                    file=cfg.path,
                    line=pin.line,
                )
            d = index[date]
            if d not in allowed[b]:
                raise DramaturgError(
                    f"[[pin]] scene {s.ref} on {date.isoformat()}: {_why_not(strip, date, cfg)}",
                    file=cfg.path,
                    line=pin.line,
                )
            allowed[b] = [d]
            pinned[b] = d
    locked = {index[p.date] for p in cfg.pins if p.lock and p.date in index}
    for b in range(len(strips)):
        if b not in pinned:
            allowed[b] = [d for d in allowed[b] if d not in locked]
            if not allowed[b]:
                raise _no_day_error(strips[b], dates, cfg)
    return pinned


def _why_not(strip: Strip, date: dt.date, cfg: ProductionConfig) -> str:
    for a in sorted(strip.cast):
        c = cfg.cast.get(a.upper())
        if c is not None and not c.can_work(date):
            return f"{a} cannot work that day"
    loc = cfg.location(strip.location)
    if loc is not None and not loc.can_shoot(date, strip.night):
        night = " at night" if strip.night and not loc.night_ok else ""
        return f"location {loc.name} cannot be used that day{night}"
    return "not a shooting day"


def _dates_text(dates: list[dt.date]) -> str:
    """``2027-03-01..2027-03-03, 2027-03-08``: runs of consecutive dates."""
    runs: list[list[dt.date]] = []
    for d in sorted(dates):
        if runs and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    text = [
        r[0].isoformat() if len(r) == 1 else f"{r[0].isoformat()}..{r[-1].isoformat()}"
        for r in runs
    ]
    return ", ".join(text[:6]) + (f" and {len(text) - 6} more" if len(text) > 6 else "")


def capacity_conflict(p: _Problem, cfg: ProductionConfig) -> DramaturgError | None:
    """A capacity that cannot hold its scenes, named: an actor or a location whose scenes need
    more days than the dates they are available on, or a pinned day fuller than a day."""
    by_day: dict[int, list[Strip]] = defaultdict(list)
    for b, d in p.pinned.items():
        by_day[d].append(p.strips[b])
    for d, strips in sorted(by_day.items()):
        date = p.dates[d].isoformat()
        if len({s.night for s in strips}) > 1:
            return DramaturgError(
                f"[[pin]] {date} holds day and night scenes "
                f"({', '.join(x.ref for s in strips for x in s.scenes)}); night shoots are grouped",
                file=cfg.path,
                line=cfg.line_of(date),
            )
        need = sum(s.minutes for s in strips) + p.move_minutes * (
            len({s.location for s in strips}) - 1
        )
        if need > p.day_cap:
            return DramaturgError(
                f"[[pin]] {date} holds {need / 60:.1f} h of scenes "
                f"({', '.join(x.ref for s in strips for x in s.scenes)}), more than a "
                f"{p.day_cap / 60:g} h day",
                file=cfg.path,
                line=cfg.line_of(date),
            )
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for b, s in enumerate(p.strips):
        for a in s.cast:
            groups[("actor", a)].append(b)
        groups[("location", s.location)].append(b)
    for (kind, name), members in sorted(groups.items()):
        days = sorted({d for b in members for d in p.allowed[b]})
        if len(days) > 60:
            continue  # only a short availability can be too short
        strips = [p.strips[b] for b in members]
        need_days = _days_needed(strips, p.day_cap)
        need = sum(s.minutes for s in strips)
        room = _room(p, days)
        if need_days <= len(days) and need <= room:
            continue
        dates = _dates_text([p.dates[d] for d in days])
        what = name if kind == "actor" else f"location {name}"
        entry = cfg.cast.get(name.upper()) if kind == "actor" else cfg.location(name)
        why = (
            f"need at least {need_days} shooting days (day and night scenes never share one)"
            if need_days > len(days)
            else f"need {need / 60:.1f} h, more than the {room / 60:.1f} h those days can hold"
        )
        return DramaturgError(
            f"{what} is available on {len(days)} shooting day{'s' * (len(days) != 1)} "
            f"({dates}), but their {len(strips)} scene{'s' * (len(strips) != 1)} {why}",
            file=cfg.path,
            line=cfg.line_of(f'"{entry.name}"') if entry is not None else None,
        )
    return None


def _room(p: _Problem, days: list[int]) -> int:
    """The most minutes these dates can hold under the day length and the weekly cap."""
    weeks: dict[tuple[int, int], int] = defaultdict(int)
    for d in days:
        weeks[p.week(d)] += p.day_cap
    if p.week_cap is None:
        return sum(weeks.values())
    return sum(min(m, p.week_cap) for m in weeks.values())


def _minutes_of(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _allowed(strip: Strip, dates: list[dt.date], cfg: ProductionConfig) -> list[int]:
    out = []
    cast = [cfg.cast.get(a.upper()) for a in strip.cast]
    loc = cfg.location(strip.location)
    for d, date in enumerate(dates):
        if any(c is not None and not c.can_work(date) for c in cast):
            continue
        if loc is not None and not loc.can_shoot(date, strip.night):
            continue
        out.append(d)
    return out


def _no_day_error(strip: Strip, dates: list[dt.date], cfg: ProductionConfig) -> DramaturgError:
    """Name who or what leaves a strip without a day."""
    first = strip.scenes[0]
    span = f"{dates[0].isoformat()} to {dates[-1].isoformat()}"
    for a in sorted(strip.cast):
        c = cfg.cast.get(a.upper())
        if c is not None and not any(c.can_work(d) for d in dates):
            return DramaturgError(
                f"{a} is available on no shooting day from {span}, but is in {strip.label}",
                file=cfg.path,
                line=cfg.line_of(f'"{c.name}"'),
            )
    loc = cfg.location(strip.location)
    if loc is not None and not any(loc.can_shoot(d, strip.night) for d in dates):
        why = " at night (night_ok = false)" if strip.night and not loc.night_ok else ""
        return DramaturgError(
            f"location {loc.name} can be used on no shooting day{why}, but {strip.label} "
            "is set there",
            file=cfg.path,
            line=cfg.line_of(f'"{loc.name}"'),
        )
    who = ", ".join(sorted(strip.cast))
    where = f" and location {strip.location}" if loc is not None else ""
    return DramaturgError(
        f"{strip.label}: no shooting day on which {who}{where} are all available",
        file=first.file,
        line=first.line,
    )


# -- greedy warm start ------------------------------------------------------------------------


def _warm_start(p: _Problem, seconds: float = 0.0, deterministic: bool = True) -> list[int | None]:
    """The best of the greedy plans (by location, by cast, and -- given ``seconds`` -- in a
    talent-scheduling order); a valid one if any is."""
    order = _talent_order(p, seconds, deterministic) if seconds > 0 and len(p.strips) > 1 else None
    styles = ["location", "cast"] + (["sequence"] if order else [])
    # a short day (what the weekly cap leaves) still pays everyone held: try skipping them
    plans = [
        _greedy(p, style, order, shortest, move_ranks)
        for style in styles
        for shortest in SHORTEST_DAY_FRACTIONS
        for move_ranks in (SEQUENCE_MOVE_RANKS if style == "sequence" else (0,))
    ]
    valid = [g for g in plans if None not in g and not violations(p, g)]
    if not valid:
        return plans[0]
    return min(valid, key=lambda g: evaluate(p, g)[0])  # type: ignore[arg-type]


def _talent_order(p: _Problem, seconds: float, deterministic: bool = True) -> list[int]:
    """The strips in the order that keeps actors' spans short, ignoring days, nights and
    places: the talent-scheduling problem (see :mod:`dramaturg.produce.talent`). With
    ``deterministic`` a fixed amount of work (``ORDER_STARTS`` greedy starts and
    ``ORDER_PASSES`` passes of local search), so the order does not depend on the machine's
    speed; else the anytime A* for ``seconds``."""
    from dramaturg.produce.talent import TalentProblem, quick_order
    from dramaturg.produce.talent import solve as solve_talent

    index = {a: i for i, a in enumerate(p.actors)}
    unit = max(1.0, min(p.cost.values(), default=1.0) / 100)
    problem = TalentProblem(
        durations=tuple(max(1, round(s.minutes / 10)) for s in p.strips),
        costs=tuple(max(1, round(p.cost[a] / unit)) for a in p.actors),
        scene_actors=tuple(frozenset(index[a] for a in s.cast) for s in p.strips),
        name="strips",
    )
    if deterministic:
        n = len({frozenset(s) for s in problem.scene_actors})
        passes = max(1, min(ORDER_PASSES, round(ORDER_PASSES * (ORDER_FULL_STRIPS / n) ** 3)))
        return quick_order(problem, ORDER_STARTS, passes)
    return solve_talent(problem, time_limit=seconds, method="astar").order


def _greedy(
    p: _Problem,
    style: str = "location",
    order: list[int] | None = None,
    shortest: float = 0.0,
    move_ranks: int = 6,
) -> list[int | None]:
    """A day for each strip, packed day by day. ``location``: the most urgent strip opens a
    day and strips sharing its location and cast fill it. ``cast``: strips that bring no new
    actor onto the payroll come first (finish who has started before starting anyone),
    company moves weighed against holding cost. ``sequence``: strips in ``order`` (a
    talent-scheduling order), a strip at another location only when ``move_ranks`` places
    earlier. Days whose weekly room is under ``shortest`` of a full day are left idle
    unless a strip must be shot by then. Respects every hard rule; a strip it cannot place
    stays None."""
    w_hold, w_move, _ = p.weights
    started: set[str] = set()

    def new_cost(strip: Strip, also: set[str] | frozenset[str] = frozenset()) -> float:
        return w_hold * sum(p.cost[a] for a in strip.cast if a not in started and a not in also)

    rank = {b: i for i, b in enumerate(order or range(len(p.strips)))}
    day_of: list[int | None] = [None] * len(p.strips)
    remaining = set(range(len(p.strips)))
    allowed = [set(a) for a in p.allowed]
    last_allowed = [max(a) if a else -1 for a in p.allowed]
    week_used: dict[tuple[int, int], int] = defaultdict(int)
    prev_night = False
    prev_minutes = 0
    prev_used = False
    night_left = sum(p.strips[b].minutes for b in remaining if p.strips[b].night)
    for d in range(len(p.dates)):
        if not remaining:
            break
        week = p.week(d)
        cap = p.day_cap if p.week_cap is None else min(p.day_cap, p.week_cap - week_used[week])
        candidates = [b for b in remaining if d in allowed[b] and p.strips[b].minutes <= cap]
        if cap < shortest * p.day_cap and all(
            last_allowed[b] - d > URGENT_DAYS for b in candidates
        ):
            prev_used, prev_night, prev_minutes = False, False, 0
            continue
        after_rest = d == 0 or not p.consecutive(d - 1) or not prev_used
        # a night call after a night wrap is fine; a day call after a night may be too early
        day_ok = (
            after_rest or not prev_night or (prev_minutes + p.night_shift <= 24 * 60 - p.turnaround)
        )
        run = 1
        while d + run < len(p.dates) and p.consecutive(d + run - 1):
            run += 1
        nights = [b for b in candidates if p.strips[b].night]
        days = [b for b in candidates if not p.strips[b].night] if day_ok else []
        # start a night run only when it can fill the days up to the next rest day
        enough_nights = night_left >= (run - 1) * p.day_cap * 0.5 and len(nights) >= run
        if style == "sequence" and days and nights:
            follow = min(nights + days, key=lambda b: rank[b])
            night_first = p.strips[follow].night or (prev_night and not after_rest)
        else:
            night_first = bool(nights) and (
                not day_ok or (prev_night and not after_rest) or enough_nights
            )
        if not days or night_first:
            pool, night = nights, True
        else:
            pool, night = days, False
        if not pool:
            prev_used, prev_night, prev_minutes = False, False, 0
            continue
        if style == "sequence":
            seed = min(pool, key=lambda b: (last_allowed[b] - d > URGENT_DAYS, rank[b]))
        elif style == "cast":
            seed = min(
                pool,
                key=lambda b: (
                    last_allowed[b] - d > URGENT_DAYS,
                    new_cost(p.strips[b]),
                    -p.strips[b].minutes,
                    b,
                ),
            )
        else:
            seed = min(pool, key=lambda b: (last_allowed[b], -p.strips[b].minutes, b))
        chosen = [seed]
        used = p.strips[seed].minutes
        eighths = p.strips[seed].eighths
        locations = {p.strips[seed].location}
        cast = set(p.strips[seed].cast)
        pool = [b for b in pool if b != seed]
        while pool:
            best = None
            if style == "sequence":
                ranked = sorted(
                    pool,
                    key=lambda b: (
                        rank[b] + (0 if p.strips[b].location in locations else move_ranks)
                    ),
                )
            elif style == "cast":
                ranked = sorted(
                    pool,
                    key=lambda b: (
                        new_cost(p.strips[b], cast)
                        + (0 if p.strips[b].location in locations else w_move),
                        _fit(p.strips[b], locations, cast, last_allowed[b]),
                    ),
                )
            else:
                ranked = sorted(
                    pool, key=lambda b: _fit(p.strips[b], locations, cast, last_allowed[b])
                )
            for b in ranked:
                s = p.strips[b]
                extra = s.minutes + (0 if s.location in locations else p.move_minutes)
                if used + extra > cap:
                    continue
                if p.eighths_cap and eighths + s.eighths > p.eighths_cap:
                    continue
                best = b
                break
            if best is None:
                break
            s = p.strips[best]
            used += s.minutes + (0 if s.location in locations else p.move_minutes)
            eighths += s.eighths
            locations.add(s.location)
            cast |= s.cast
            chosen.append(best)
            pool.remove(best)
        for b in chosen:
            day_of[b] = d
            remaining.discard(b)
            started.update(p.strips[b].cast)
            if p.strips[b].night:
                night_left -= p.strips[b].minutes
        week_used[week] += used
        prev_used, prev_night, prev_minutes = True, night, used
    return day_of


def _fit(s: Strip, locations: set[str], cast: set[str], deadline: int) -> tuple[Any, ...]:
    """How well a strip joins a day: same location first, then shared cast, then urgency."""
    shared = len(s.cast & cast) / max(1, len(s.cast | cast))
    return (0 if s.location in locations else 1, -shared, deadline, s.id)


# -- evaluation (independent of the solver) -----------------------------------------------------


def evaluate(p: _Problem, day_of: list[int]) -> tuple[float, float, int, int]:
    """(objective, holding cost in money, company moves, shooting days) of an assignment.

    The objective's day term counts calendar shooting dates up to the last one used."""
    w_hold, w_move, w_day = p.weights
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    locs: dict[int, set[str]] = defaultdict(set)
    kinds: dict[int, bool] = {}
    for b, d in enumerate(day_of):
        locs[d].add(p.strips[b].location)
        kinds[d] = p.strips[b].night
        for a in p.strips[b].cast:
            first[a] = min(first.get(a, d), d)
            last[a] = max(last.get(a, d), d)
    # held on every calendar shooting date from their first day to their last, idle or not
    holding = sum(p.cost[a] * (last[a] - first[a] + 1) for a in first)
    moves = sum(len(v) - 1 for v in locs.values())
    days = len(locs)
    length = max(day_of) + 1 if day_of else 0
    moved = sum(1 for b, d in p.previous.items() if day_of[b] != d)
    switches = _switches(p, kinds)
    objective = (
        w_hold * holding
        + w_move * moves
        + w_day * length
        + p.moved_weight * moved
        + p.switch_weight * switches
    )
    return objective, holding, moves, days


def _switches(p: _Problem, kinds: dict[int, bool]) -> int:
    """Days the unit turns from day to night work or back, with no rest day between."""
    return sum(
        1
        for d, night in kinds.items()
        if d + 1 in kinds and p.consecutive(d) and kinds[d + 1] != night
    )


def violations(p: _Problem, day_of: list[int | None]) -> list[str]:
    """Every hard rule an assignment breaks (empty when it is a valid schedule)."""
    out: list[str] = []
    minutes: dict[int, int] = defaultdict(int)
    eighths: dict[int, int] = defaultdict(int)
    locs: dict[int, set[str]] = defaultdict(set)
    kinds: dict[int, set[bool]] = defaultdict(set)
    for b, d in enumerate(day_of):
        if d is None:
            out.append(f"{p.strips[b].label} not scheduled")
            continue
        if d not in p.allowed[b]:
            out.append(f"{p.strips[b].label} on a day its cast or location is unavailable")
        minutes[d] += p.strips[b].minutes
        eighths[d] += p.strips[b].eighths
        locs[d].add(p.strips[b].location)
        kinds[d].add(p.strips[b].night)
    for d in minutes:
        minutes[d] += p.move_minutes * (len(locs[d]) - 1)
        if minutes[d] > p.day_cap:
            out.append(f"day {d + 1} runs {minutes[d]} min > {p.day_cap}")
        if p.eighths_cap and eighths[d] > p.eighths_cap:
            out.append(f"day {d + 1} holds {eighths[d]} eighths > {p.eighths_cap}")
        if len(kinds[d]) > 1:
            out.append(f"day {d + 1} mixes day and night scenes")
    if p.week_cap is not None:
        weeks: dict[tuple[int, int], int] = defaultdict(int)
        for d, m in minutes.items():
            weeks[p.week(d)] += m
        out.extend(
            f"week {w} runs {m} min > {p.week_cap}" for w, m in weeks.items() if m > p.week_cap
        )
    for d in minutes:
        if d + 1 in minutes and p.consecutive(d):
            shift = p.night_shift * (int(True in kinds[d]) - int(True in kinds[d + 1]))
            if minutes[d] + shift > 24 * 60 - p.turnaround:
                out.append(f"turnaround between day {d + 1} and day {d + 2} too short")
    return out


# -- the CP-SAT model --------------------------------------------------------------------------


@dataclass
class _Built:
    model: cp_model.CpModel
    shoot: dict[tuple[int, int], cp_model.IntVar]
    used: list[cp_model.IntVar]
    night: list[cp_model.IntVar]
    first: dict[str, cp_model.IntVar]
    last: dict[str, cp_model.IntVar]
    at: dict[tuple[str, int], cp_model.IntVar]
    moves: list[cp_model.IntVar]
    held: dict[tuple[str, int], cp_model.IntVar]
    scale: float


def _build(
    p: _Problem,
    horizon: int,
    relax: frozenset[str] = frozenset(),
    windows: list[list[int]] | None = None,
) -> _Built:
    """The model, written as the problem statement in the module docstring.

    ``relax`` drops constraint families (for diagnosis); ``windows`` restricts each strip to
    some of its allowed days (a neighbourhood of a known schedule, for big inputs).
    """
    m = cp_model.CpModel()
    days = range(horizon)
    strips = range(len(p.strips))
    allowed = [
        [d for d in (range(horizon) if "availability" in relax else p.allowed[b]) if d < horizon]
        for b in strips
    ]
    if windows is not None:
        allowed = windows

    # Variables
    shoot = {(b, d): m.new_bool_var(f"shoot[{b},{d}]") for b in strips for d in allowed[b]}
    used = [m.new_bool_var(f"used[{d}]") for d in days]
    night = [m.new_bool_var(f"night[{d}]") for d in days]
    on_day: dict[int, list[int]] = defaultdict(list)
    for b, d in shoot:
        on_day[d].append(b)
    locations = sorted({s.location for s in p.strips})
    at = {
        (loc, d): m.new_bool_var(f"at[{loc},{d}]")
        for d in days
        for loc in sorted({p.strips[b].location for b in on_day[d]})
    }
    moves = [m.new_int_var(0, max(0, len(locations) - 1), f"moves[{d}]") for d in days]
    first = {a: m.new_int_var(0, horizon - 1, f"first[{a}]") for a in p.actors}
    last = {a: m.new_int_var(0, horizon - 1, f"last[{a}]") for a in p.actors}

    # Every strip is shot exactly once (availability: no variable on an unavailable day).
    for b in strips:
        m.add_exactly_one(shoot[b, d] for d in allowed[b])
    day_of = [sum(d * shoot[b, d] for d in allowed[b]) for b in strips]

    # A day with a scene is a shooting day, and a shooting day shoots something.
    for d in days:
        for b in on_day[d]:
            m.add_implication(shoot[b, d], used[d])
        m.add_bool_or([shoot[b, d] for b in on_day[d]]).only_enforce_if(used[d])
    # (No symmetry rule on idle dates: an idle date inside an actor's span is paid, so which
    # of two dates stays idle matters.)

    # Night scenes on night days, day scenes on day days.
    if "night" not in relax:
        for (b, d), var in shoot.items():
            m.add_implication(var, night[d] if p.strips[b].night else night[d].negated())

    # The unit is at a location when it shoots a strip there; moves are locations beyond one.
    for (b, d), var in shoot.items():
        m.add_implication(var, at[p.strips[b].location, d])
    for d in days:
        here = [v for (loc, dd), v in at.items() if dd == d]
        if here:
            m.add(moves[d] >= sum(here) - 1)
        else:
            m.add(moves[d] == 0)

    # Hours per day: scenes plus the time lost to company moves; pages per day.
    minutes = []
    for d in days:
        work = sum(p.strips[b].minutes * shoot[b, d] for b in on_day[d]) + p.move_minutes * moves[d]
        minutes.append(work)
        if "day_length" not in relax:
            m.add(work <= p.day_cap)
            if p.eighths_cap:
                m.add(sum(p.strips[b].eighths * shoot[b, d] for b in on_day[d]) <= p.eighths_cap)

    # Weekly hours cap.
    if p.week_cap is not None and "weekly_cap" not in relax:
        weeks: dict[tuple[int, int], list[int]] = defaultdict(list)
        for d in days:
            weeks[p.week(d)].append(d)
        for week_days in weeks.values():
            m.add(sum(minutes[d] for d in week_days) <= p.week_cap)

    # Turnaround: wrap (call + hours) to the next day's call is at least turnaround_hours.
    if "turnaround" not in relax:
        for d in range(horizon - 1):
            if p.consecutive(d):
                m.add(
                    minutes[d] + p.night_shift * (night[d] - night[d + 1]) <= 24 * 60 - p.turnaround
                ).only_enforce_if(used[d + 1])

    # Each actor is on the payroll from their first to their last shooting day, idle
    # calendar dates between included: held[a, d] when first[a] <= d <= last[a].
    for b in strips:
        for a in sorted(p.strips[b].cast):
            m.add(first[a] <= day_of[b])
            m.add(last[a] >= day_of[b])
    floors = p.span_floors()
    held: dict[tuple[str, int], cp_model.IntVar] = {}
    started: dict[tuple[str, int], cp_model.IntVar] = {}
    going: dict[tuple[str, int], cp_model.IntVar] = {}
    for a in p.actors:
        mine = [b for b in strips if a in p.strips[b].cast]
        reach = sorted({d for b in mine for d in allowed[b]})
        lo, hi = reach[0], reach[-1]
        m.add(first[a] >= lo)
        m.add(last[a] <= hi)
        for d in range(lo, hi + 1):
            st = started[a, d] = m.new_bool_var(f"started[{a},{d}]")  # first[a] <= d
            m.add(first[a] >= d + 1).only_enforce_if(st.negated())
            go = going[a, d] = m.new_bool_var(f"going[{a},{d}]")  # last[a] >= d
            m.add(last[a] <= d - 1).only_enforce_if(go.negated())
            h = held[a, d] = m.new_bool_var(f"held[{a},{d}]")
            m.add_bool_or([st.negated(), go.negated(), h])
            m.add(h >= st + go - 1)  # the same, for the LP relaxation
            if d > lo:
                m.add_implication(started[a, d - 1], st)  # once started, started
                m.add_implication(go, going[a, d - 1])  # still going, was going
        # bound helper: held at least the shortest run of dates that can hold their scenes
        if not relax:  # (the floors assume every rule)
            m.add(sum(held[a, d] for d in range(lo, hi + 1)) >= min(hi - lo + 1, floors[a]))
    if sum(len(p.strips[b].cast) * len(allowed[b]) for b in strips) <= 60_000:
        for (b, d), var in shoot.items():
            for a in sorted(p.strips[b].cast):
                m.add_implication(var, held[a, d])

    # Identical strips (same location, time, cast, length and days) go in a fixed order.
    twins: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for b in strips:
        s = p.strips[b]
        twins[(s.location, s.night, s.cast, s.minutes, s.eighths, tuple(allowed[b]))].append(b)
    for group in twins.values():
        for b1, b2 in zip(group, group[1:], strict=False):
            m.add(day_of[b1] <= day_of[b2])

    # The shoot lasts up to its last shooting date.
    length = m.new_int_var(0, horizon, "length")
    for d in days:
        m.add(length >= d + 1).only_enforce_if(used[d])

    # One objective: holding cost + company moves + shooting days, weighted.
    w_hold, w_move, w_day = p.weights
    scale = OBJECTIVE_SCALE
    # A day unit turning night unit (or back) without a rest day between costs switch_weight.
    switch: list[cp_model.IntVar] = []
    if p.switch_weight > 0:
        for d in range(horizon - 1):
            if p.consecutive(d):
                sw = m.new_bool_var(f"switch[{d}]")
                for now, then in ((night[d], night[d + 1]), (night[d + 1], night[d])):
                    m.add(sw >= now - then + used[d] + used[d + 1] - 2)
                switch.append(sw)

    # Re-planning: a strip moved off its day in the previous schedule costs moved_weight.
    kept = [shoot[b, d] for b, d in sorted(p.previous.items()) if (b, d) in shoot]
    lost = len(p.previous) - len(kept)  # those whose old day is no longer allowed
    m.minimize(
        sum(round(w_hold * p.cost[a] * scale) * v for (a, _), v in held.items())
        + round(w_move * scale) * sum(moves)
        + round(w_day * scale) * length
        + round(p.moved_weight * scale) * (len(kept) + lost - sum(kept))
        + round(p.switch_weight * scale) * sum(switch)
    )
    return _Built(m, shoot, used, night, first, last, at, moves, held, scale)


def _hint(built: _Built, p: _Problem, day_of: list[int | None]) -> None:
    """Warm start: every variable of the model set to its value in the greedy plan."""
    for (b, d), var in built.shoot.items():
        built.model.add_hint(var, day_of[b] == d)
    busy = {d for d in day_of if d is not None}
    kinds = {d: p.strips[b].night for b, d in enumerate(day_of) if d is not None}
    for d, var in enumerate(built.used):
        built.model.add_hint(var, d in busy)
    for d, var in enumerate(built.night):
        built.model.add_hint(var, kinds.get(d, False))
    where = {(p.strips[b].location, d) for b, d in enumerate(day_of) if d is not None}
    for key, var in built.at.items():
        built.model.add_hint(var, key in where)
    for d, var in enumerate(built.moves):
        built.model.add_hint(var, max(0, sum(1 for _, dd in where if dd == d) - 1))
    for a in p.actors:
        mine = [d for b, d in enumerate(day_of) if d is not None and a in p.strips[b].cast]
        if mine:
            lo, hi = min(mine), max(mine)
            built.model.add_hint(built.first[a], lo)
            built.model.add_hint(built.last[a], hi)
            for (who, d), var in built.held.items():
                if who == a:
                    built.model.add_hint(var, lo <= d <= hi)


def _solver(
    time_limit: float, workers: int, seed: int = 7, deterministic: bool = True
) -> cp_model.CpSolver:
    """CP-SAT, by default the same board for the same input and seed: the workers take turns
    (``interleave_search``) and the limit is deterministic time (about seconds of work, not
    of the wall clock, which only stops a run that takes several times longer). Without
    ``deterministic`` all workers race for ``time_limit`` seconds of the wall clock."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers or os.cpu_count() or 1
    solver.parameters.random_seed = seed
    if deterministic:
        solver.parameters.interleave_search = True
        solver.parameters.max_deterministic_time = float(time_limit)
        solver.parameters.max_time_in_seconds = float(time_limit) * WALL_CLOCK_FACTOR + 5.0
    else:
        solver.parameters.max_time_in_seconds = float(time_limit)
    return solver


def _diagnose(p: _Problem, horizon: int, workers: int) -> DramaturgError:
    """Re-solve with one constraint family relaxed at a time; name those that matter."""
    culprits = []
    for family, words in FAMILIES.items():
        built = _build(p, horizon, frozenset({family}))
        status = _solver(5.0, workers).solve(built.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            culprits.append(words)
    if culprits:
        cause = "likely cause: " + "; or ".join(culprits)
    else:
        cause = "no single rule explains it; several of " + ", ".join(FAMILIES.values())
    return DramaturgError(
        f"no schedule fits in {horizon} shooting days from {p.dates[0].isoformat()} ({cause})"
    )


def schedule(
    bd: Breakdown,
    cfg: ProductionConfig | None = None,
    *,
    time_limit: float | None = None,
    aggregate: bool | None = None,
    workers: int | None = None,
    previous: dict[str, dt.date] | None = None,
) -> Schedule:
    """Schedule a breakdown with the production config; see the module docstring.

    ``time_limit`` (seconds, default the config's, 20) bounds the CP-SAT search.
    ``previous`` (scene ref -> date, from the last ``schedule.json``: see
    :func:`previous_dates`) re-plans only what changed: the last schedule is the warm start,
    and each scene moved off its date costs ``[weights] moved_scene`` (default: a company
    move).
    """
    started = time.perf_counter()
    cfg = cfg or ProductionConfig()
    limit = cfg.time_limit if time_limit is None else time_limit
    n_workers = (cfg.workers if workers is None else workers) or os.cpu_count() or 1
    p = _prepare(bd, cfg, aggregate)
    replan_note = _use_previous(p, cfg, previous) if previous else None
    # big inputs get a talent-scheduling order for the warm start; small ones need little
    order_seconds = WARM_START_SECONDS if len(p.strips) > AGGREGATE_ABOVE else 0.5
    greedy = _warm_start(p, min(order_seconds, limit / 4), cfg.deterministic)
    if p.previous:
        last_time = _extend(p, dict(p.previous))
        if last_time is not None and (
            None in greedy
            or violations(p, greedy)
            or evaluate(p, last_time)[0] <= evaluate(p, greedy)[0]  # type: ignore[arg-type]
        ):
            greedy = list(last_time)
    placed = [d for d in greedy if d is not None]
    greedy_ok = len(placed) == len(greedy) and not violations(p, greedy)
    if greedy_ok:
        horizon = max(placed) + 1
        # a little room past the greedy plan lets the solver trade a day for less holding
        horizon = min(len(p.dates), horizon + max(2, horizon // 10))
    else:
        need = sum(s.minutes for s in p.strips) / p.day_cap
        horizon = min(len(p.dates), max(max(placed, default=0) + 1, math.ceil(need * 2) + 5))
    horizon = max(horizon, max(p.pinned.values(), default=-1) + 1)
    lower = _lower_bound(p)
    greedy_obj = evaluate(p, greedy)[0] if greedy_ok else None  # type: ignore[arg-type]
    full_size = sum(sum(1 for d in allowed if d < horizon) for allowed in p.allowed)
    notes: list[str] = list(p.notes) + ([replan_note] if replan_note else [])
    # (big inputs: the relaxation adds little to the span floors and costs the search time)
    small = full_size <= FULL_MODEL_VARIABLES
    relax_seconds = min(RELAX_SECONDS, RELAX_SHARE * limit) if greedy_ok and small else 0.0
    relaxed, followed, relax_used, covered = (
        _relaxed_bound(p, horizon, relax_seconds, n_workers, cfg.seed)
        if relax_seconds >= 0.5
        else (0.0, 0, 0.0, 0)
    )
    if relaxed > lower:
        lower = relaxed
        notes.append(
            f"bound: a relaxation following the {followed} dearest actors day by day over "
            f"{covered} shooting dates (a longer schedule costs more than it proves)"
        )
    search = max(0.5, limit - relax_used)
    status = cp_model.FEASIBLE
    if greedy_ok and full_size > FULL_MODEL_VARIABLES:
        complete = [d for d in greedy if d is not None]  # every strip placed (greedy_ok)
        day_of, status_name, variables, stopped = _improve_in_windows(
            p, horizon, complete, search, n_workers, cfg.seed
        )
        bound = lower
        notes.append(
            f"{full_size} assignment variables: CP-SAT searched windows of the schedule "
            "around the current best"
        )
        if stopped:
            notes.append(stopped)
    elif greedy_ok:
        complete = [d for d in greedy if d is not None]
        day_of, status, status_name, bound, variables, stopped = _solve_in_segments(
            p, horizon, complete, search, n_workers, cfg, lower, started
        )
        if stopped:
            notes.append(stopped)
    else:
        built = _build(p, horizon)
        variables = len(built.shoot)
        if placed:
            _hint(built, p, greedy)
        if cfg.deterministic:
            solver = _solver(search, n_workers, cfg.seed)
        else:
            left = started + limit - time.perf_counter()
            solver = _solver(max(0.5, left), n_workers, cfg.seed, deterministic=False)
        status = solver.solve(built.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            day_of = _read_days(built, solver, len(p.strips))
            status_name = solver.status_name(status)
            # (CP-SAT's bound is on the schedules within the horizon; longer ones: _beyond)
            bound = max(lower, min(solver.best_objective_bound / built.scale, _beyond(p, horizon)))
        elif status == cp_model.INFEASIBLE:
            raise _diagnose(p, horizon, n_workers)
        else:
            raise DramaturgError(
                f"no schedule found in {limit:g} s and the greedy plan breaks "
                f"{violations(p, greedy)[0]}; allow more time (--time-limit) or relax the config"
            )
    problems = violations(p, day_of)  # type: ignore[arg-type]
    if problems:  # the model and the checker disagree: a bug, never the user's input
        raise AssertionError(f"schedule breaks its own rules: {problems[:3]}")
    objective, holding, moves, _ = evaluate(p, day_of)
    if greedy_obj is not None and greedy_obj < objective:  # never worse than the warm start
        day_of, objective, status_name = greedy, greedy_obj, "GREEDY"  # type: ignore[assignment]
        _, holding, moves, _ = evaluate(p, day_of)
    if status == cp_model.OPTIMAL and bound < objective - 1e-9:  # within the horizon only
        status_name = "FEASIBLE"
    bound = min(bound, objective)
    if p.previous:
        moved = sorted(
            {s.ref for b, d in p.previous.items() if day_of[b] != d for s in p.strips[b].scenes}
        )
        kept = sum(len(p.strips[b].scenes) for b, d in p.previous.items() if day_of[b] == d)
        notes.append(
            f"re-planned from the previous schedule: {kept} scenes kept their dates"
            + (f"; moved: {', '.join(moved)}" if moved else "")
        )
    return Schedule(
        breakdown=bd,
        config=cfg,
        days=_days(p, day_of),
        objective=objective,
        bound=bound,
        gap=(objective - bound) / objective if objective > 0 else 0.0,
        status=status_name,
        seconds=time.perf_counter() - started,
        holding_cost=holding,
        company_moves=moves,
        spans=_spans(p, day_of),
        greedy_objective=greedy_obj,
        calendar_days=max(day_of) + 1,
        strips=len(p.strips),
        variables=variables,
        notes=notes,
        workers=n_workers,
    )


def _solve_in_segments(
    p: _Problem,
    horizon: int,
    start: list[int],
    budget: float,
    workers: int,
    cfg: ProductionConfig,
    lower: float,
    started: float,
) -> tuple[list[int], Any, str, float, int, str | None]:
    """The full model, solved in ``SEGMENTS`` runs of CP-SAT, each warm-started from the
    best schedule so far; a run that improves neither the schedule nor the bound by
    ``STALL_FRACTION`` of the cost ends the search (the gap stopped closing), and so does a
    proof of optimality. Returns (days, CP-SAT status, status name, bound, variables, why
    it stopped early or None)."""
    best, best_obj = list(start), evaluate(p, start)[0]
    bound, status, status_name = lower, cp_model.FEASIBLE, "GREEDY"
    beyond = _beyond(p, horizon)  # CP-SAT bounds the schedules within the horizon only
    segment = max(SEGMENT_MIN_SECONDS, budget / SEGMENTS)
    spent, variables, stopped, k = 0.0, 0, None, 0
    focus = _focus(p)
    while budget - spent > 0.25:
        seconds = max(0.5, min(segment, budget - spent))
        if focus:
            seconds = max(0.5, FOCUS_SHARE * min(budget, 2 * segment))
        elif budget - spent - seconds < 0.5 * segment:  # no stub of a segment at the end
            seconds = budget - spent
        built = _build(p, horizon)
        variables = len(built.shoot)
        # (the focused search does better from scratch than from a board that breaks its caps)
        if not focus:
            _hint(built, p, best)  # type: ignore[arg-type]
        for a, cap in focus.items():  # (a restriction: its bound bounds nothing)
            built.model.add(built.last[a] - built.first[a] + 1 <= cap)
        seed = cfg.seed + k  # each segment searches with a seed of its own
        k += 1
        if cfg.deterministic:
            solver = _solver(seconds, workers, seed)
        else:
            left = started + budget - time.perf_counter()
            seconds = max(0.5, min(seconds, left))
            solver = _solver(seconds, workers, seed, deterministic=False)
        result = solver.solve(built.model)
        # (a run that proves its model, the focused one or the horizon's, ends early)
        used = solver.deterministic_time if cfg.deterministic else solver.wall_time
        spent += min(seconds, used) if used > 0 else seconds
        before = best_obj, bound
        if result in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = _read_days(built, solver, len(p.strips))
            obj = evaluate(p, found)[0]
            if obj < best_obj - 1e-9:
                best, best_obj = found, obj
                status_name = "FEASIBLE" if focus else solver.status_name(result)
            if not focus:
                bound = max(bound, min(solver.best_objective_bound / built.scale, beyond))
            if result == cp_model.OPTIMAL and not focus:
                if best_obj <= beyond + 1e-9:  # no longer schedule can cost less
                    status, status_name = cp_model.OPTIMAL, "OPTIMAL"
                    break
                wider = _dates_to_prove(p, best_obj)
                if wider is None or wider > 2 * horizon:
                    status_name = "FEASIBLE"
                    break
                # the best within the horizon: look as far as a cheaper one could end
                horizon, beyond = wider, _beyond(p, wider)
                continue
        elif result == cp_model.INFEASIBLE and not focus:  # not with a valid warm start
            break
        if not cfg.deterministic and time.perf_counter() - started > budget:
            break
        if focus:  # the focused segment is no measure of the gap closing
            focus = {}
            continue
        if (before[0] - best_obj) + (bound - before[1]) < STALL_FRACTION * best_obj:
            if budget - spent > 0.25:
                stopped = (
                    f"the search stopped after {spent:g} of {budget:g} s: the gap stopped "
                    f"closing (the last {seconds:g} s found no better schedule or bound)"
                )
            break
    return best, status, status_name, min(bound, best_obj), variables, stopped


def _focus(p: _Problem) -> dict[str, int]:
    """The ``FOCUS_ACTORS`` dearest actors (day rate x hours) and the most dates the
    focused segment lets each be held: their floor plus ``FOCUS_SLACK`` of it."""
    minutes: dict[str, int] = defaultdict(int)
    for s in p.strips:
        for a in s.cast:
            minutes[a] += s.minutes
    dear = sorted(minutes, key=lambda a: (-p.cost[a] * minutes[a], a))[:FOCUS_ACTORS]
    floors = p.span_floors()
    return {a: floors[a] + max(2, math.ceil(FOCUS_SLACK * floors[a])) for a in dear}


def previous_dates(path: str) -> dict[str, dt.date]:
    """Scene ref -> date from a ``schedule.json`` written by ``dramaturg schedule``."""
    import json

    from dramaturg.files import read_input

    raw = read_input(path, what="schedule file")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
        return {
            str(ref): dt.date.fromisoformat(day["date"])
            for day in data["days"]
            for ref in day["scenes"]
        }
    except OSError as exc:
        raise DramaturgError(
            f"cannot read the previous schedule: {exc.strerror}", file=path
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DramaturgError(
            f"not a schedule.json from dramaturg schedule ({exc.__class__.__name__}: {exc})",
            file=path,
        ) from None


def _use_previous(p: _Problem, cfg: ProductionConfig, previous: dict[str, dt.date]) -> str | None:
    """Each strip's day in the last schedule, where every scene of it kept one date that is
    still allowed; the others are new or must move."""
    index = {d: i for i, d in enumerate(p.dates)}
    p.moved_weight = float(cfg.weights.get("moved_scene", cfg.weights.get("company_move", 0.0)))
    new = 0
    for b, strip in enumerate(p.strips):
        dates = {previous.get(s.ref) for s in strip.scenes}
        if None in dates:
            new += 1
            continue
        if len(dates) == 1:
            d = index.get(dates.pop())  # type: ignore[arg-type]
            if d is not None:
                p.previous[b] = d
    if not p.previous:
        return "the previous schedule shares no scene with this script: planned afresh"
    return f"{new} new strip{'s' * (new != 1)} since the previous schedule" if new else None


def _extend(p: _Problem, placed: dict[int, int]) -> list[int] | None:
    """The previous schedule with every new or displaced strip put on the first day that
    keeps every rule (None when some strip finds none)."""
    day_of: list[int | None] = [None] * len(p.strips)
    for b, d in placed.items():
        if d in p.allowed[b]:
            day_of[b] = d
    if _broken(p, day_of):
        return None
    for b in range(len(p.strips)):
        if day_of[b] is not None:
            continue
        for d in p.allowed[b]:
            day_of[b] = d
            if not _broken(p, day_of):
                break
        else:
            return None
    return day_of  # type: ignore[return-value]


def _broken(p: _Problem, day_of: list[int | None]) -> bool:
    return any(not v.endswith("not scheduled") for v in violations(p, day_of))


def _read_days(built: _Built, solver: cp_model.CpSolver, n: int) -> list[int]:
    day_of = [0] * n
    for (b, d), var in built.shoot.items():
        if solver.boolean_value(var):
            day_of[b] = d
    return day_of


def _improve_in_windows(
    p: _Problem, horizon: int, start: list[int], budget: float, workers: int, seed: int = 7
) -> tuple[list[int], str, int, str | None]:
    """Large neighbourhood search for big inputs, warm-started from the best schedule so far.

    Rounds take turns: a block round frees the strips of ``LNS_BLOCK_DAYS`` consecutive
    dates (the rest stay where they are) and lets CP-SAT re-plan the block exactly; an
    actor round takes one of the actors held longest past their span floor and lets their
    strips gather into ``LNS_BLOCK_DAYS`` dates around their middle one, the strips there
    free to move within them or onto the dates the actor leaves (a swap that shortens one
    span at the cost of others, which CP-SAT weighs); every ``LNS_WIDE_EVERY``-th round
    lets every strip move ``WINDOW_DAYS`` days either way. The search stops early when
    ``LNS_STALL_ROUNDS`` rounds in a row gain less than ``STALL_FRACTION`` of the cost.
    Returns (days, status, variables, why it stopped early or None)."""
    rng = random.Random(LNS_SEED + seed)
    best, best_obj = list(start), evaluate(p, start)[0]
    status_name = "GREEDY"
    variables = 0
    rounds = 0
    spent = 0.0  # deterministic seconds: the same rounds on every run, whatever the machine
    wall_deadline = time.perf_counter() + budget * WALL_CLOCK_FACTOR + 5.0
    history: list[float] = [best_obj]
    stopped = None
    floors = p.span_floors()
    while budget - spent > 1.0 and time.perf_counter() < wall_deadline:
        end = max(best) + 1
        seconds = LNS_BLOCK_SECONDS
        if rounds % LNS_WIDE_EVERY == LNS_WIDE_EVERY - 1:
            windows = [
                [d for d in p.allowed[b] if d < horizon and abs(d - best[b]) <= WINDOW_DAYS]
                for b in range(len(p.strips))
            ]
            seconds = 8.0
        elif rounds % 2 == 1:
            windows = _actor_windows(p, horizon, best, _longest_held(p, best, floors, rng))
        else:
            lo = rng.randrange(0, max(1, end - LNS_BLOCK_DAYS + 1))
            hi = lo + LNS_BLOCK_DAYS
            if lo + LNS_BLOCK_DAYS >= end:  # the last block may also end the shoot earlier
                hi = horizon
            windows = [
                [d for d in p.allowed[b] if lo <= d < hi and d < horizon]
                if lo <= best[b] < hi
                else [best[b]]
                for b in range(len(p.strips))
            ]
        built = _build(p, horizon, windows=windows)
        variables = max(variables, len(built.shoot))
        _hint(built, p, best)  # type: ignore[arg-type]
        seconds = max(0.5, min(budget - spent, seconds))
        spent += seconds
        solver = _solver(seconds, workers, seed)
        status = solver.solve(built.model)
        rounds += 1
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = _read_days(built, solver, len(p.strips))
            obj = evaluate(p, found)[0]
            if obj < best_obj - 1e-9:
                best, best_obj, status_name = found, obj, "FEASIBLE"
        history.append(best_obj)
        if (
            len(history) > LNS_STALL_ROUNDS
            and history[-LNS_STALL_ROUNDS - 1] - best_obj < STALL_FRACTION * best_obj
        ):
            stopped = (
                f"the search stopped after {spent:g} of {budget:g} s: its last "
                f"{LNS_STALL_ROUNDS} rounds gained less than {100 * STALL_FRACTION:g}%"
            )
            break
    return best, status_name, variables, stopped


def _longest_held(
    p: _Problem, day_of: list[int], floors: dict[str, int], rng: random.Random
) -> str:
    """One of the ``LNS_ACTOR_CHOICES`` actors whose held days cost most past their floor."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for b, d in enumerate(day_of):
        for a in p.strips[b].cast:
            first[a] = min(first.get(a, d), d)
            last[a] = max(last.get(a, d), d)
    excess = sorted((-(p.cost[a] * (last[a] - first[a] + 1 - floors[a])), a) for a in sorted(first))
    return rng.choice(excess[:LNS_ACTOR_CHOICES])[1]


def _actor_windows(p: _Problem, horizon: int, day_of: list[int], actor: str) -> list[list[int]]:
    """An actor round's neighbourhood (see :func:`_improve_in_windows`)."""
    mine = {b for b, s in enumerate(p.strips) if actor in s.cast}
    days = sorted(day_of[b] for b in mine)
    middle = days[len(days) // 2]
    lo = max(0, min(middle - LNS_BLOCK_DAYS // 2, horizon - LNS_BLOCK_DAYS))
    hi = min(horizon, lo + LNS_BLOCK_DAYS)
    left = {day_of[b] for b in mine if not lo <= day_of[b] < hi}
    windows = []
    for b in range(len(p.strips)):
        if b in mine:
            w = [d for d in p.allowed[b] if (lo <= d < hi or d == day_of[b]) and d < horizon]
        elif lo <= day_of[b] < hi:
            w = [d for d in p.allowed[b] if (lo <= d < hi or d in left) and d < horizon]
        else:
            w = [day_of[b]]
        windows.append(w)
    return windows


def _lower_bound(p: _Problem) -> float:
    """A bound no schedule can beat, from the data alone: each actor held at least the
    shortest run of calendar dates that can hold their own scenes (:func:`_span_bounds`),
    pairs of actors who share scenes a little more (:func:`_pair_gain`), and the calendar
    at least as long as the hours need."""
    return _beyond(p, 0)


def _beyond(p: _Problem, horizon: int) -> float:
    """A bound on every schedule longer than ``horizon`` dates (0: on every schedule): the
    holding of :func:`_lower_bound` and at least ``horizon + 1`` dates of calendar. What a
    model of the first ``horizon`` dates proves holds for all schedules only up to this."""
    w_hold, _, w_day = p.weights
    floors = p.span_floors()
    holding = sum(p.cost[a] * n for a, n in floors.items()) + _pair_gain(p, floors)
    length = max(_length_bound(p), horizon + 1 if horizon else 0)
    return w_hold * holding + w_day * length


def _dates_to_prove(p: _Problem, value: float) -> int | None:
    """The fewest dates ``H`` past which every schedule costs at least ``value``
    (:func:`_beyond`), or None when none within the calendar does."""
    w_day = p.weights[2]
    if w_day <= 0:
        return None
    hold = _beyond(p, 0) - w_day * _length_bound(p)
    dates = max(1, math.ceil((value - hold) / w_day - 1 - 1e-9))
    while _beyond(p, dates) < value - 1e-9:
        dates += 1
    return dates if dates <= len(p.dates) else None


def _relaxed_bound(
    p: _Problem, horizon: int, seconds: float, workers: int, seed: int = 7
) -> tuple[float, int, float, int]:
    """The best of :func:`_relaxation` bounds following more and more of the dearest actors
    (``RELAX_LEVELS``), each given an even share of the ``seconds`` left (what a level does
    not use passes on); the first level CP-SAT does not close ends the climb (a wider one
    would not close either). A relaxation over some dates bounds only the schedules that
    fit in them; the rest cost at least :func:`_beyond` of them, so the bound is the
    smaller of the two. It covers the search's ``horizon`` and ``1 / RELAX_PAST`` more.
    Returns (bound, actors followed in the best, deterministic seconds used, dates the
    relaxation covered)."""
    best, followed, used = 0.0, 0, 0.0
    if p.weights[2] <= 0:  # a longer schedule costs no more: nothing past the floors holds
        return best, followed, used, 0
    # past the search's horizon: the relaxation proves up to _beyond of its dates
    dates = min(len(p.dates), horizon + max(2, horizon // RELAX_PAST))
    for i, level in enumerate(RELAX_LEVELS):
        share = (seconds - used) / (len(RELAX_LEVELS) - i)
        if share < 0.2:
            break
        # one worker: the small model closes about as fast alone, and the same way each run
        bound, closed, spent = _relaxation(p, dates, level, share, 1, seed)
        used += min(share, spent)
        bound = min(bound, _beyond(p, dates))
        if bound > best:
            best, followed = bound, level
        if not closed or level >= len(p.actors):
            break
    return best, followed, used, dates


def _relaxation(
    p: _Problem, horizon: int, actors: int, seconds: float, workers: int, seed: int = 7
) -> tuple[float, bool, float]:
    """A lower bound for schedules within ``horizon`` dates from a relaxation CP-SAT can
    close in seconds: the strips of the ``actors`` dearest actors (day rate x hours)
    become classes (the same paid cast, day/night and allowed dates) whose minutes may be
    split across days; the calendar keeps every rule (day length, weekly cap, turnaround,
    night days, available dates) and company moves keep a floor (each location needs its
    days' worth of visits, and a visit beyond the first of a day costs a move and its
    hours). Those actors are held from first to last day of their classes; everyone else at
    their span floor (:func:`_span_bounds`); night switches are left out. Returns (bound,
    whether CP-SAT closed the relaxation, deterministic seconds spent)."""
    w_hold, w_move, w_day = p.weights
    floors = p.span_floors()
    total = {a: 0 for a in p.actors}
    for s in p.strips:
        for a in s.cast:
            total[a] += s.minutes
    dear = sorted(p.actors, key=lambda a: (-p.cost[a] * total[a], a))[:actors]
    paid = frozenset(dear)
    rest = w_hold * sum(p.cost[a] * floors[a] for a in p.actors if a not in paid)
    dates = range(horizon)
    exact: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for b, s in enumerate(p.strips):
        key = (tuple(sorted(s.cast & paid)), s.night, tuple(d for d in p.allowed[b] if d < horizon))
        exact[key].append(b)
    if len(exact) <= RELAX_CLASSES:
        classes = exact
    else:  # too many: availability kept as each day's room for the class instead
        classes = defaultdict(list)
        for b, s in enumerate(p.strips):
            classes[(tuple(sorted(s.cast & paid)), s.night, ())].append(b)
    m = cp_model.CpModel()
    scale = OBJECTIVE_SCALE
    used = [m.new_bool_var(f"used[{d}]") for d in dates]
    night = [m.new_bool_var(f"night[{d}]") for d in dates]
    first = {a: m.new_int_var(0, horizon - 1, f"first[{a}]") for a in dear}
    last = {a: m.new_int_var(0, horizon - 1, f"last[{a}]") for a in dear}
    work: dict[int, list[Any]] = defaultdict(list)
    works: dict[tuple[str, int, bool], list[Any]] = defaultdict(list)  # a's classes on d
    for k, ((cast, is_night, _), members) in enumerate(sorted(classes.items())):
        room: dict[int, int] = defaultdict(int)
        for b in members:
            for d in p.allowed[b]:
                if d < horizon:
                    room[d] += p.strips[b].minutes
        need = sum(p.strips[b].minutes for b in members)
        parts = []
        for d in sorted(room):
            x = m.new_int_var(0, min(room[d], p.day_cap), f"x[{k},{d}]")
            y = m.new_bool_var(f"y[{k},{d}]")
            m.add(x <= min(room[d], p.day_cap) * y)
            m.add_implication(y, used[d])
            m.add_implication(y, night[d] if is_night else night[d].negated())
            for a in cast:
                m.add(first[a] <= d).only_enforce_if(y)
                m.add(last[a] >= d).only_enforce_if(y)
                works[a, d, is_night].append(y)
            work[d].append(x)
            parts.append(x)
        m.add(sum(parts) == need)
    visits = sum(
        _days_needed([s for s in p.strips if s.location == loc], p.day_cap)
        for loc in sorted({s.location for s in p.strips})
    )
    moves = [m.new_int_var(0, max(0, visits), f"moves[{d}]") for d in dates]
    m.add(sum(moves) + sum(used) >= visits)
    # each followed actor works at least the days their strips need (:func:`_days_needed`)
    for a in dear:
        for is_night in (False, True):
            kind = [s for s in p.strips if a in s.cast and s.night == is_night]
            if not kind:
                continue
            on = []
            for d in dates:
                if works[a, d, is_night]:
                    z = m.new_bool_var(f"z[{a},{d},{is_night}]")
                    m.add_max_equality(z, works[a, d, is_night])
                    on.append(z)
            m.add(sum(on) >= _days_needed(kind, p.day_cap, p.move_minutes))
    minutes = []
    for d in dates:
        m.add(moves[d] == 0).only_enforce_if(used[d].negated())
        total_d = sum(work[d]) + p.move_minutes * moves[d]
        minutes.append(total_d)
        m.add(total_d <= p.day_cap)
    if p.week_cap is not None:
        weeks: dict[tuple[int, int], list[int]] = defaultdict(list)
        for d in dates:
            weeks[p.week(d)].append(d)
        for week_days in weeks.values():
            m.add(sum(minutes[d] for d in week_days) <= p.week_cap)
    for d in range(horizon - 1):
        if p.consecutive(d):
            m.add(
                minutes[d] + p.night_shift * (night[d] - night[d + 1]) <= 24 * 60 - p.turnaround
            ).only_enforce_if(used[d + 1])
    spans = []
    for a in dear:
        span = m.new_int_var(min(floors[a], horizon), horizon, f"span[{a}]")
        m.add(span == last[a] - first[a] + 1)
        spans.append(math.floor(w_hold * p.cost[a] * scale) * span)
    length = m.new_int_var(min(_length_bound(p), horizon), horizon, "length")
    for d in dates:
        m.add(length >= d + 1).only_enforce_if(used[d])
    m.minimize(
        sum(spans) + math.floor(w_day * scale) * length + math.floor(w_move * scale) * sum(moves)
    )
    solver = _solver(seconds, workers, seed)
    status = solver.solve(m)
    spent = solver.deterministic_time if solver.deterministic_time > 0 else seconds
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0.0, False, spent  # (infeasible cannot be: the warm start fits the horizon)
    return solver.best_objective_bound / scale + rest, status == cp_model.OPTIMAL, spent


def _length_bound(p: _Problem) -> int:
    """The fewest calendar dates from the first that can hold every strip's hours."""
    total = sum(s.minutes for s in p.strips)
    week_used: dict[tuple[int, int], int] = defaultdict(int)
    covered, length = 0, len(p.dates)
    for d in range(len(p.dates)):
        week = p.week(d)
        room = (
            p.day_cap
            if p.week_cap is None
            else max(0, min(p.day_cap, p.week_cap - week_used[week]))
        )
        week_used[week] += room
        covered += room
        if covered >= total:
            length = d + 1
            break
    return max(length, _days_needed(p.strips, p.day_cap))


def _span_bounds(p: _Problem) -> dict[str, int]:
    """Each actor's fewest held dates: :func:`_run_floor` of their strips (an actor is paid
    for every date from their first to their last)."""
    theirs: dict[str, list[int]] = defaultdict(list)
    for b, strip in enumerate(p.strips):
        for a in strip.cast:
            theirs[a].append(b)
    return {a: _run_floor(p, mine) for a, mine in sorted(theirs.items())}


def _run_floor(p: _Problem, mine: list[int]) -> int:
    """The shortest run of consecutive calendar dates ``[s, e]`` in which every one of these
    strips has an allowed date, their allowed dates are as many as :func:`_days_needed`
    says, and those dates hold their hours under the day length and the weekly cap (a
    week's cap stretches a long part over more dates than its hours / a day). Two pointers
    over the calendar: O(dates) per group of strips with the same allowed dates."""
    n = len(p.dates)
    week_of = [p.week(d) for d in range(n)]
    strips = [p.strips[b] for b in mine]
    need_days = _days_needed(strips, p.day_cap, p.move_minutes)
    visits = _visits(strips, p.day_cap)
    minutes = sum(x.minutes for x in strips)
    ok = [False] * n
    for b in mine:
        for d in p.allowed[b]:
            ok[d] = True
    # nxt[s]: the least e such that every strip has an allowed date in [s, e]
    nxt = [-1] * n
    for dates in sorted({tuple(p.allowed[b]) for b in mine}):
        i = 0
        for s in range(n):
            while i < len(dates) and dates[i] < s:
                i += 1
            nxt[s] = max(nxt[s], dates[i] if i < len(dates) else n)
    best = n
    e = -1
    count: dict[tuple[int, int], int] = defaultdict(int)
    days_in = 0
    room = 0

    def cap(c: int) -> int:
        return c * p.day_cap if p.week_cap is None else min(p.week_cap, c * p.day_cap)

    def need(dates_in: int) -> int:  # their hours, and the moves that many dates leave
        return minutes + p.move_minutes * max(0, visits - dates_in)

    for s in range(n):
        if s > 0 and s - 1 <= e and ok[s - 1]:  # date s - 1 leaves the window
            w = week_of[s - 1]
            room -= cap(count[w]) - cap(count[w] - 1)
            count[w] -= 1
            days_in -= 1
        while e + 1 < n and (e < nxt[s] or days_in < need_days or room < need(days_in)):
            e += 1
            if ok[e]:
                w = week_of[e]
                room += cap(count[w] + 1) - cap(count[w])
                count[w] += 1
                days_in += 1
        if nxt[s] >= n or e < nxt[s] or days_in < need_days or room < need(days_in):
            break  # no run from s (nor from any later date) holds them
        best = min(best, e - s + 1)
    return max(1, min(best, n))


def _pair_gain(p: _Problem, floors: dict[str, int]) -> float:
    """What pairs of actors add to their span floors, in holding cost. Two actors who share
    a strip are held on overlapping runs, so ``span_a + span_b = |union| + |overlap|``: the
    union is a run holding every strip of either, the overlap one holding every strip of
    both (:func:`_run_floor` of each). With ``a`` the cheaper, the least cost is ``b`` at
    its floor and ``a`` at the rest. Pairs among the ``PAIR_ACTORS`` dearest actors, the
    best ones sharing no actor."""
    minutes: dict[str, int] = defaultdict(int)
    for s in p.strips:
        for a in s.cast:
            minutes[a] += s.minutes
    dear = sorted(minutes, key=lambda a: (-p.cost[a] * minutes[a], a))[:PAIR_ACTORS]
    gains = []
    for i, a in enumerate(dear):
        for b in dear[i + 1 :]:
            both = [k for k, s in enumerate(p.strips) if a in s.cast and b in s.cast]
            if not both:
                continue
            either = [k for k, s in enumerate(p.strips) if a in s.cast or b in s.cast]
            runs = _run_floor(p, either) + _run_floor(p, both)
            lo, hi = sorted((a, b), key=lambda x: (p.cost[x], x))
            gain = p.cost[lo] * max(0, runs - floors[hi] - floors[lo])
            if gain > 0:
                gains.append((-gain, a, b))
    total, taken = 0.0, set()
    for neg, a, b in sorted(gains):
        if a not in taken and b not in taken:
            total -= neg
            taken |= {a, b}
    return total


def _days_needed(strips: list[Strip], day_cap: int, move_minutes: int = 0) -> int:
    """Days that must hold these strips: night and day strips never share a day; each kind
    needs its hours' worth of days, and strips longer than half a day need one each. With
    ``move_minutes``, also the hours of the company moves those days cannot avoid: each
    location of a kind is visited at least its hours / a day times (:func:`_visits`), a day
    shoots at least one visit, and every visit past a day's first costs a move, so ``n``
    days hold ``minutes + move_minutes * (visits - n)`` at most ``n * day_cap``."""
    days = 0
    for night in (False, True):
        kind = [s for s in strips if s.night == night]
        if not kind:
            continue
        minutes = sum(s.minutes for s in kind)
        n = max(math.ceil(minutes / day_cap), sum(1 for s in kind if 2 * s.minutes > day_cap))
        if move_minutes:
            visits = _visits(kind, day_cap)
            while n < visits and minutes + move_minutes * (visits - n) > n * day_cap:
                n += 1
        days += n
    return days


def _visits(strips: list[Strip], day_cap: int) -> int:
    """The fewest (location, day) visits that can shoot these strips: a day holds at most
    ``day_cap`` minutes of a location, and a location's day and night strips never share a
    day."""
    minutes: dict[tuple[str, bool], int] = defaultdict(int)
    for s in strips:
        minutes[s.location, s.night] += s.minutes
    return sum(math.ceil(m / day_cap) for m in minutes.values())


def _days(p: _Problem, day_of: list[int]) -> list[ShootingDay]:
    by_day: dict[int, list[Strip]] = defaultdict(list)
    for b, d in enumerate(day_of):
        by_day[d].append(p.strips[b])
    out = []
    for number, d in enumerate(sorted(by_day), 1):
        strips = by_day[d]
        # shoot a location's scenes together, locations in story order of first scene
        order = {
            loc: min(s.scenes[0].index for s in strips if s.location == loc)
            for loc in {s.location for s in strips}
        }
        scenes = sorted(
            (sc for s in strips for sc in s.scenes), key=lambda sc: (order[sc.location], sc.index)
        )
        locations = sorted(order, key=order.__getitem__)
        minutes = sum(s.minutes for s in strips) + p.move_minutes * (len(locations) - 1)
        out.append(
            ShootingDay(
                number, p.dates[d], any(s.night for s in strips), scenes, minutes, locations
            )
        )
    return out


def _spans(p: _Problem, day_of: list[int]) -> dict[str, tuple[int, int]]:
    index = {d: i for i, d in enumerate(sorted(set(day_of)), 1)}
    spans: dict[str, tuple[int, int]] = {}
    for b, d in enumerate(day_of):
        for a in p.strips[b].cast:
            f, last = spans.get(a, (index[d], index[d]))
            spans[a] = (min(f, index[d]), max(last, index[d]))
    return dict(sorted(spans.items()))


def holding_cost(days: Iterable[ShootingDay], cost: dict[str, float]) -> float:
    """Sum over actors of cost per day x days from their first to their last shooting day."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for day in days:
        for a in day.cast:
            first.setdefault(a, day.number)
            last[a] = day.number
    return sum(cost.get(a, 1.0) * (last[a] - first[a] + 1) for a in first)
