"""Shooting schedule: every rule of the model checked on the result, and clear errors."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from ortools.sat.python import cp_model

from dramaturg.errors import DramaturgError
from dramaturg.produce.breakdown import Breakdown, breakdown
from dramaturg.produce.config import ProductionConfig, parse_config
from dramaturg.produce.schedule import Schedule, make_strips, scene_minutes, schedule
from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story

SPAN = Span("ep1.fountain", 1, 1)

# (heading, speakers): two leads, a friend, a boss; day and night scenes in four places
SCENES = [
    ("INT. BAKERY - DAY", ["DA-EUN", "BORA"]),
    ("EXT. ALLEY - NIGHT", ["DA-EUN", "JI-HWAN"]),
    ("INT. OFFICE - DAY", ["JI-HWAN", "PARK"]),
    ("INT. BAKERY - NIGHT", ["DA-EUN", "JI-HWAN"]),
    ("EXT. ALLEY - DAY", ["JI-HWAN"]),
    ("INT. OFFICE - DAY", ["PARK", "JI-HWAN"]),
    ("INT. BAKERY - DAY", ["DA-EUN"]),
    ("EXT. RIVER - NIGHT", ["DA-EUN", "JI-HWAN", "BORA"]),
    ("INT. BAKERY - DAY", ["BORA", "DA-EUN"]),
    ("EXT. ALLEY - NIGHT", ["JI-HWAN"]),
]

CONFIG = """
[production]
start_date = "2027-03-01"
shooting_days_per_week = 5
max_hours_per_day = 12
weekly_hours_cap = 30
turnaround_hours = 10
page_hours = 1.5
setup_hours = 3.5
move_hours = 1.0

[weights]
holding = 1.0
company_move = 5
days = 10

[[cast]]
name = "DA-EUN"
cost_per_day = 100
unavailable = ["2027-03-02"]

[[cast]]
name = "JI-HWAN"
cost_per_day = 120

[[cast]]
name = "BORA"
cost_per_day = 30

[[cast]]
name = "PARK"
cost_per_day = 40
unavailable = ["2027-03-01..2027-03-03"]

[[location]]
name = "RIVER"
address = "Yeouido Hangang Park"
unavailable = ["2027-03-04"]
"""


def _story(scenes: list[tuple[str, list[str]]] = SCENES) -> Story:
    part = Part("episode", 1, "", SPAN)
    story = Story("Test", [part])
    for i, (heading, speakers) in enumerate(scenes, 1):
        blocks = [Block(BlockKind.ACTION, "They talk.", SPAN)]
        blocks += [
            Block(BlockKind.DIALOGUE, "Line.", SPAN, speaker=who, cue=who) for who in speakers
        ]
        part.scenes.append(Scene(heading, SPAN, blocks, number=str(i)))
        for who in speakers:
            story.character(who)
    return story.reindex()


def _solve(config: str = CONFIG, scenes: list[tuple[str, list[str]]] = SCENES) -> Schedule:
    cfg = parse_config(config, "production.toml")
    return schedule(breakdown(_story(scenes), cfg), cfg, time_limit=10)


@pytest.fixture(scope="module")
def solved() -> Schedule:
    return _solve()


def test_every_scene_is_scheduled_exactly_once(solved: Schedule) -> None:
    refs = [s.ref for d in solved.days for s in d.scenes]
    assert sorted(refs, key=int) == [str(i) for i in range(1, len(SCENES) + 1)]


def test_actor_availability_is_respected(solved: Schedule) -> None:
    for day in solved.days:
        if day.date == dt.date(2027, 3, 2):
            assert "DA-EUN" not in day.cast
        if day.date <= dt.date(2027, 3, 3):
            assert "PARK" not in day.cast


def test_location_availability_is_respected(solved: Schedule) -> None:
    for day in solved.days:
        if day.date == dt.date(2027, 3, 4):
            assert "RIVER" not in day.locations


def test_days_off_are_not_shooting_days(solved: Schedule) -> None:
    assert all(day.date.weekday() < 5 for day in solved.days)


def test_night_scenes_are_grouped_on_night_days(solved: Schedule) -> None:
    for day in solved.days:
        kinds = {s.day_night for s in day.scenes}
        assert kinds == {"NIGHT" if day.night else "DAY"}


def test_day_length_and_weekly_cap_are_respected(solved: Schedule) -> None:
    cfg = solved.config
    weeks: dict[tuple[int, int], int] = defaultdict(int)
    for day in solved.days:
        minutes = sum(scene_minutes(s, cfg) for s in day.scenes) + 60 * day.moves
        assert minutes == day.minutes
        assert minutes <= cfg.max_day_hours * 60
        weeks[day.date.isocalendar()[:2]] += minutes
    assert max(weeks.values()) <= 30 * 60


def test_turnaround_after_a_night_shoot(solved: Schedule) -> None:
    cfg = solved.config
    for a, b in zip(solved.days, solved.days[1:], strict=False):
        if (b.date - a.date).days == 1:
            call_a = 17 * 60 if a.night else 7 * 60
            call_b = 17 * 60 if b.night else 7 * 60
            rest = 24 * 60 + call_b - (call_a + a.minutes)
            assert rest >= cfg.turnaround_hours * 60


def test_holding_and_objective_recomputed_independently(solved: Schedule) -> None:
    costs = {"DA-EUN": 100, "JI-HWAN": 120, "BORA": 30, "PARK": 40}
    calendar = solved.config.calendar(60)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for day in solved.days:
        number = calendar.index(day.date)  # idle weekdays inside a span are paid too
        for s in day.scenes:
            for a in s.cast:
                first.setdefault(a, number)
                last[a] = number
    expected = sum(costs[a] * (last[a] - first[a] + 1) for a in first)
    assert solved.holding_cost == expected
    moves = sum(len({s.location for s in d.scenes}) - 1 for d in solved.days)
    length = calendar.index(solved.days[-1].date) + 1  # idle weekdays inside count too
    switches = sum(
        1
        for a, b in zip(solved.days, solved.days[1:], strict=False)
        if (b.date - a.date).days == 1 and a.night != b.night
    )
    assert solved.objective == pytest.approx(expected + 5 * moves + 10 * length + 5 * switches)


def test_bound_and_gap_are_reported(solved: Schedule) -> None:
    assert solved.bound <= solved.objective + 1e-6
    assert 0 <= solved.gap <= 1
    d = solved.to_dict()
    assert {"objective", "bound", "gap", "seconds", "shooting_days", "days"} <= set(d)


def test_default_profile_is_korea_52() -> None:
    cfg = ProductionConfig()
    assert cfg.weekly_hours_cap == 52 and cfg.profile == "korea-52"


def test_actor_available_on_no_day_is_named() -> None:
    bad = CONFIG.replace(
        'name = "BORA"\ncost_per_day = 30', 'name = "BORA"\ncost_per_day = 30\navailable = []'
    )
    with pytest.raises(DramaturgError, match="BORA is available on no shooting day") as err:
        _solve(bad)
    assert err.value.file == "production.toml" and err.value.line is not None


def test_scene_longer_than_a_day_is_named() -> None:
    bad = CONFIG.replace("max_hours_per_day = 12", "max_hours_per_day = 3")
    with pytest.raises(DramaturgError, match=r"scene 1 .*longer than a day"):
        _solve(bad)


def test_unknown_actor_in_config_is_named() -> None:
    bad = CONFIG + '\n[[cast]]\nname = "GHOST"\ncost_per_day = 5\n'
    with pytest.raises(DramaturgError, match="'GHOST' is not a character") as err:
        _solve(bad)
    assert err.value.line == bad.splitlines().index('name = "GHOST"') + 1


def test_unknown_location_in_config_is_named() -> None:
    bad = CONFIG + '\n[[location]]\nname = "MOON BASE"\n'
    with pytest.raises(DramaturgError, match="'MOON BASE' is not a location"):
        _solve(bad)


def test_impossible_availability_names_the_actor_and_the_dates() -> None:
    # BORA can work one day only, but she has day scenes and a night scene
    bad = CONFIG.replace(
        'name = "BORA"\ncost_per_day = 30',
        'name = "BORA"\ncost_per_day = 30\navailable = ["2027-03-05"]',
    )
    with pytest.raises(
        DramaturgError, match=r"BORA is available on 1 shooting day \(2027-03-05\).*at least 2"
    ):
        _solve(bad)


def test_bad_toml_points_at_the_line() -> None:
    with pytest.raises(DramaturgError) as err:
        parse_config("[production]\nstart_date = \n", "p.toml")
    assert err.value.file == "p.toml" and err.value.line == 2


def test_breakdown_of_empty_story_cannot_be_scheduled() -> None:
    with pytest.raises(DramaturgError, match="no scenes"):
        schedule(Breakdown("Empty", [], []), ProductionConfig())


DEMO = Path(__file__).resolve().parents[1] / "src" / "dramaturg" / "data"


def test_scenes_of_one_location_time_and_cast_aggregate_into_strips() -> None:
    scenes = [("INT. BAKERY - DAY", ["DA-EUN"])] * 4 + [("INT. BAKERY - NIGHT", ["DA-EUN"])]
    cfg = parse_config(CONFIG.replace("setup_hours = 3.5", "setup_hours = 0.5"), "p.toml")
    strips = make_strips(breakdown(_story(scenes), cfg), cfg, aggregate=True)
    assert sorted(len(s.scenes) for s in strips) == [1, 4]


def test_cli_schedule_writes_reports_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dramaturg.cli import main

    out = tmp_path / "reports"
    argv = ["schedule", str(DEMO / "demo.fountain"), "--config", str(DEMO / "demo-production.toml")]
    rc = main([*argv, "--time-limit", "2", "--out", str(out), "--json"])
    assert rc == 0
    d = json.loads(capsys.readouterr().out)
    assert {"objective", "bound", "gap", "shooting_days", "days"} <= set(d)
    assert sum(len(day["scenes"]) for day in d["days"]) == 47
    assert (out / "stripboard.html").is_file() and (out / "dood.csv").is_file()


def test_cli_breakdown_csv_has_a_row_per_scene(capsys: pytest.CaptureFixture[str]) -> None:
    from dramaturg.cli import main

    assert main(["breakdown", str(DEMO / "demo.fountain"), "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ref,part,number,int_ext,location") and len(lines) == 48


def test_cli_unknown_cast_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dramaturg.cli import main

    bad = tmp_path / "bad.toml"
    bad.write_text('[[cast]]\nname = "NOBODY"\n', encoding="utf-8")
    rc = main(["schedule", str(DEMO / "demo.fountain"), "--config", str(bad), "--no-reports"])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and err == [
        f"dramaturg: error: {bad}:2: [[cast]] 'NOBODY' is not a character in the script (known: BORA, DA-EUN, DIRECTOR PARK, JI-HWAN, LANDLORD GU, MAL-SOOK, MIN-JUN, NURSE, PYO, SE-RA, SOON-JA)"
    ]


def test_big_input_window_search_keeps_every_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    import dramaturg.produce.schedule as schedule_module

    monkeypatch.setattr(schedule_module, "FULL_MODEL_VARIABLES", 0)  # as if 600 scenes
    cfg = parse_config(CONFIG, "production.toml")
    result = schedule(breakdown(_story(), cfg), cfg, time_limit=3)
    assert any("windows" in note for note in result.notes)
    assert sorted(s.ref for d in result.days for s in d.scenes) == sorted(
        str(i) for i in range(1, len(SCENES) + 1)
    )
    assert result.bound <= result.objective
    assert result.greedy_objective is not None and result.objective <= result.greedy_objective


# -- the board obeys the AD (issue 10, point 3) ------------------------------------------------


def _day_of(result: Schedule, ref: str) -> dt.date:
    return next(d.date for d in result.days for s in d.scenes if s.ref == ref)


def test_a_pinned_scene_is_shot_on_its_date() -> None:
    result = _solve(CONFIG + '\n[[pin]]\nscene = "5"\ndate = "2027-03-12"\n')
    assert _day_of(result, "5") == dt.date(2027, 3, 12)


def test_a_locked_day_holds_its_scenes_and_nothing_else() -> None:
    pin = '\n[[pin]]\nscenes = ["1", "9"]\ndate = "2027-03-03"\nlock = true\n'
    result = _solve(CONFIG + pin)
    day = next(d for d in result.days if d.date == dt.date(2027, 3, 3))
    assert sorted(s.ref for s in day.scenes) == ["1", "9"]


def test_a_pin_on_a_day_the_actor_cannot_work_names_them() -> None:
    pin = '\n[[pin]]\nscene = "7"\ndate = "2027-03-02"\n'
    with pytest.raises(
        DramaturgError,
        match=r"production\.toml:\d+: \[\[pin\]\] scene 7 on 2027-03-02: DA-EUN cannot work",
    ):
        _solve(CONFIG + pin)


def test_a_pin_of_an_unknown_scene_is_an_error_at_its_line() -> None:
    config = CONFIG + '\n[[pin]]\nscene = "99"\ndate = "2027-03-03"\n'
    line = config.splitlines().index("[[pin]]") + 1
    with pytest.raises(DramaturgError, match=rf"production\.toml:{line}: \[\[pin\]\] scene '99'"):
        _solve(config)


def test_a_pinned_day_fuller_than_a_day_is_named() -> None:
    pin = '\n[[pin]]\nscenes = ["1", "7", "9", "3"]\ndate = "2027-03-05"\n'
    with pytest.raises(DramaturgError, match=r"\[\[pin\]\] 2027-03-05 holds .* h of scenes"):
        _solve(CONFIG + pin)


def test_the_same_input_and_seed_give_the_same_board() -> None:
    boards = [
        [(d.date, [s.ref for s in d.scenes]) for d in _solve(CONFIG + "").days] for _ in range(2)
    ]
    assert boards[0] == boards[1]


def test_unknown_config_key_is_an_error_at_its_line() -> None:
    text = CONFIG.replace("turnaround_hours = 10", "turnaround_hour = 10")
    line = text.splitlines().index("turnaround_hour = 10") + 1
    with pytest.raises(
        DramaturgError,
        match=rf"production\.toml:{line}: unknown key 'turnaround_hour'.*'turnaround_hours'",
    ):
        parse_config(text, "production.toml")


def test_unknown_config_table_is_an_error() -> None:
    with pytest.raises(DramaturgError, match=r"unknown table 'wieghts'.*'weights'"):
        parse_config("[wieghts]\nholding = 1\n", "production.toml")


def test_an_actor_whose_dates_cannot_hold_their_scenes_is_named() -> None:
    tight = CONFIG.replace(
        'name = "JI-HWAN"\ncost_per_day = 120',
        'name = "JI-HWAN"\ncost_per_day = 120\navailable = ["2027-03-08", "2027-03-09"]',
    )
    with pytest.raises(
        DramaturgError,
        match=r"JI-HWAN is available on 2 shooting days \(2027-03-08\.\.2027-03-09\)",
    ):
        _solve(tight)


def test_cast_without_a_cost_is_held_at_the_default_rate_with_a_warning() -> None:
    free = CONFIG.replace('name = "BORA"\ncost_per_day = 30', 'name = "BORA"')
    result = _solve(free)
    assert any("no cost_per_day for BORA" in n and "default rate 100" in n for n in result.notes)


def _board(result: Schedule) -> dict[str, dt.date]:
    return {s.ref: d.date for d in result.days for s in d.scenes}


def test_replanning_moves_only_what_an_actors_new_dates_force(solved: Schedule) -> None:
    before = _board(solved)
    away = before["3"]  # PARK's day for scene 3 becomes one he cannot work
    moved = CONFIG.replace(
        'unavailable = ["2027-03-01..2027-03-03"]',
        f'unavailable = ["2027-03-01..2027-03-03", "{away.isoformat()}"]',
    ).replace("days = 10", "days = 10\nmoved_scene = 1000")
    cfg = parse_config(moved, "production.toml")
    again = schedule(breakdown(_story(), cfg), cfg, time_limit=10, previous=before)
    after = _board(again)
    changed = {ref for ref in before if after[ref] != before[ref]}
    assert after["3"] != away
    park = {str(i) for i, (_, who) in enumerate(SCENES, 1) if "PARK" in who}
    assert changed <= park | {ref for ref in before if before[ref] == away}
    assert any("re-planned from the previous schedule" in n for n in again.notes)


def test_replanning_keeps_the_board_when_a_scene_is_added(solved: Schedule) -> None:
    before = _board(solved)
    scenes = [*SCENES, ("INT. OFFICE - DAY", ["PARK"])]
    cfg = parse_config(CONFIG, "production.toml")
    again = schedule(breakdown(_story(scenes), cfg), cfg, time_limit=10, previous=before)
    after = _board(again)
    assert "11" in after
    assert sum(after[ref] != before[ref] for ref in before) <= 2


def test_previous_schedule_json_is_read(tmp_path: Path, solved: Schedule) -> None:
    from dramaturg.produce.schedule import previous_dates

    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(solved.to_dict()), encoding="utf-8")
    assert previous_dates(str(path)) == _board(solved)
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(DramaturgError, match="not a schedule.json"):
        previous_dates(str(bad))


def test_sets_of_one_location_are_no_company_move() -> None:
    scenes = [("INT. HOUSE - KITCHEN - DAY", ["BORA"]), ("INT. HOUSE - BEDROOM - DAY", ["BORA"])]
    result = _solve('[production]\nstart_date = "2027-03-01"\n', scenes)
    assert result.company_moves == 0 and len(result.days) == 1


# -- the bound and the use of time (issue 10, point 6) -----------------------------------------


def _problem(config: str = CONFIG, scenes: list[tuple[str, list[str]]] = SCENES) -> Any:
    from dramaturg.produce.schedule import _prepare

    cfg = parse_config(config, "production.toml")
    return _prepare(breakdown(_story(scenes), cfg), cfg, None)


def _held_dates(result: Schedule, config: str = CONFIG) -> dict[str, int]:
    """Calendar shooting dates from each actor's first day to their last, idle ones too."""
    cfg = parse_config(config, "production.toml")
    dates = cfg.calendar(400)
    index = {d: i for i, d in enumerate(dates)}
    seen: dict[str, list[int]] = defaultdict(list)
    for day in result.days:
        for who in day.cast:
            seen[who].append(index[day.date])
    return {who: max(ds) - min(ds) + 1 for who, ds in seen.items()}


def test_every_actor_is_held_at_least_their_span_floor(solved: Schedule) -> None:
    floors = _problem().span_floors()
    held = _held_dates(solved)
    assert set(floors) == set(held)
    assert all(held[a] >= floors[a] for a in floors), (held, floors)


def test_a_weekly_cap_stretches_a_long_part_over_more_dates() -> None:
    # JI-HWAN alone in 16 scenes of 5 h: 80 h, 7 days of 12 h, but a 30 h week holds at
    # most 30 of them, so the run of dates that can hold them is longer
    scenes = [(f"INT. OFFICE {i % 3} - DAY", ["JI-HWAN"]) for i in range(16)]
    config = CONFIG[: CONFIG.index("[[cast]]")] + '[[cast]]\nname = "JI-HWAN"\ncost_per_day = 120\n'
    p = _problem(config, scenes)
    hours = sum(s.minutes for s in p.strips) / 60
    floor = p.span_floors()["JI-HWAN"]
    assert floor > math.ceil(hours / 12)
    result = _solve(config, scenes)
    assert _held_dates(result, config)["JI-HWAN"] >= floor
    assert result.bound <= result.objective + 1e-6


def test_the_relaxation_bound_is_below_the_best_schedule(solved: Schedule) -> None:
    from dramaturg.produce.schedule import _lower_bound, _relaxed_bound

    p = _problem()
    horizon = solved.calendar_days + 3
    bound, followed, _, covered = _relaxed_bound(p, horizon, 3.0, 1)
    assert followed >= 2 and covered >= horizon
    assert _lower_bound(p) <= solved.objective + 1e-6
    assert bound <= solved.objective + 1e-6


def test_every_bound_is_below_the_proven_optimum() -> None:
    from dramaturg.produce.schedule import (
        _beyond,
        _build,
        _lower_bound,
        _relaxed_bound,
        _solver,
    )

    p = _problem()
    # the optimum over 12 dates is the optimum of all schedules when a longer one cannot
    # cost less (_beyond); CP-SAT proves it on this small case
    horizon = 12
    built = _build(p, horizon)
    solver = _solver(30.0, 2)
    assert solver.solve(built.model) == cp_model.OPTIMAL
    optimum = solver.objective_value / built.scale
    assert _beyond(p, horizon) >= optimum
    assert _lower_bound(p) <= optimum + 1e-6
    for h in (6, 8, horizon):  # a relaxation over too few dates must not claim more
        assert _relaxed_bound(p, h, 3.0, 1)[0] <= optimum + 1e-6
    result = _solve()
    assert result.bound <= optimum + 1e-6 <= result.objective + 2e-6
    # OPTIMAL is claimed of all schedules, not of those within the search's horizon
    assert result.status != "OPTIMAL" or result.objective <= optimum + 1e-6


def test_company_moves_make_a_part_at_many_places_need_more_days() -> None:
    from dramaturg.produce.schedule import _days_needed

    # six scenes of about 3.7 h in six places: 22 h fit two 12 h days, but not with the four
    # company moves two days would need (an hour each), so the floor is three dates
    scenes = [(f"INT. PLACE {i} - DAY", ["JI-HWAN"]) for i in range(6)]
    config = CONFIG[: CONFIG.index("[[cast]]")] + '[[cast]]\nname = "JI-HWAN"\ncost_per_day = 120\n'
    config = config.replace("weekly_hours_cap = 30", "weekly_hours_cap = 60")
    p = _problem(config, scenes)
    assert _days_needed(p.strips, p.day_cap) == 2
    assert _days_needed(p.strips, p.day_cap, p.move_minutes) == 3
    assert p.span_floors()["JI-HWAN"] == 3
    result = _solve(config, scenes)
    assert _held_dates(result, config)["JI-HWAN"] >= 3
    assert result.bound <= result.objective + 1e-6


def test_the_schedule_says_how_many_workers_searched() -> None:
    cfg = parse_config(CONFIG.replace("[weights]", "workers = 1\n\n[weights]"), "p.toml")
    result = schedule(breakdown(_story(), cfg), cfg, time_limit=2)
    assert result.workers == 1 and result.to_dict()["workers"] == 1
    cfg = parse_config(CONFIG, "p.toml")
    result = schedule(breakdown(_story(), cfg), cfg, time_limit=2)
    assert result.workers == (os.cpu_count() or 1)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_config_that_is_a_fifo_or_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    from dramaturg.produce.config import load_config

    fifo = tmp_path / "production.toml"
    os.mkfifo(fifo)
    with pytest.raises(DramaturgError, match="FIFO"):
        load_config(fifo)  # returns at once: a FIFO with no writer is not waited on
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'title = "ok"\nname = "\xff"\n')
    with pytest.raises(DramaturgError, match="not UTF-8") as err:
        load_config(bad)
    assert err.value.line == 2
