"""Reports: stripboard colours and day breaks, DOOD codes, call times, continuity, files."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from dramaturg.produce.breakdown import Breakdown, CastMember, SceneBreakdown
from dramaturg.produce.config import parse_config
from dramaturg.produce.reports import (
    call_sheets,
    continuity,
    day_out_of_days,
    stripboard,
    write_reports,
)
from dramaturg.produce.schedule import Schedule, ShootingDay, scene_minutes

CONFIG = """
[production]
start_date = "2027-03-01"
crew_call = "07:00"
night_call = "17:00"
makeup_minutes = 90
page_hours = 1.0
setup_hours = 0.5
move_hours = 1.0
continuity_split_days = 1

[[cast]]
name = "ANA"
actor = "Kim Ana"
makeup_minutes = 120

[[cast]]
name = "DEV"
travel = true

[[location]]
name = "CAFE"
address = "1 Cafe-ro"
"""


def _scene(
    i: int, heading: tuple[str, str, str], cast: list[str], story_day: int, **kw: object
) -> SceneBreakdown:
    ie, loc, dn = heading
    return SceneBreakdown(
        index=i,
        ref=str(i + 1),
        number=str(i + 1),
        part=1,
        part_title="",
        heading=f"{ie}. {loc} - {dn}",
        int_ext=ie,
        location=loc,
        set=None,
        time_of_day=dn,
        day_night=dn,
        story_day=story_day,
        flashback=False,
        eighths=8,
        cast=cast,
        **kw,  # type: ignore[arg-type]
    )


def _schedule() -> Schedule:
    """A hand-made 3-day shoot.

    Day 1 (Mon): sc 1 INT CAFE DAY (ANA, BEN, DEV) and sc 2 EXT PARK DAY (ANA)
    Day 2 (Tue): sc 3 INT CAFE NIGHT (BEN)
    Day 3 (Thu): sc 4 EXT PARK NIGHT (ANA, BEN) -- story day 1 again, shot two days later
    """
    cfg = parse_config(CONFIG, "p.toml")
    scenes = [
        _scene(0, ("INT", "CAFE", "DAY"), ["ANA", "BEN", "DEV"], 1, sfx=[]),
        _scene(
            1,
            ("EXT", "PARK", "DAY"),
            ["ANA"],
            1,
            sfx=["rain"],
            continuity={"ANA": {"wardrobe": ["red scarf"]}},
        ),
        _scene(2, ("INT", "CAFE", "NIGHT"), ["BEN"], 2),
        _scene(
            3,
            ("EXT", "PARK", "NIGHT"),
            ["ANA", "BEN"],
            1,
            continuity={"ANA": {"injuries": ["bruise"]}},
        ),
    ]
    cast = [CastMember(1, "ANA", 3, 24), CastMember(2, "BEN", 3, 24), CastMember(3, "DEV", 1, 8)]
    bd = Breakdown("Test", scenes, cast)

    def day(n: int, date: dt.date, night: bool, members: list[SceneBreakdown]) -> ShootingDay:
        locs = list(dict.fromkeys(s.location for s in members))
        minutes = sum(scene_minutes(s, cfg) for s in members) + 60 * (len(locs) - 1)
        return ShootingDay(n, date, night, members, minutes, locs)

    days = [
        day(1, dt.date(2027, 3, 1), False, scenes[0:2]),
        day(2, dt.date(2027, 3, 2), True, scenes[2:3]),
        day(3, dt.date(2027, 3, 4), True, scenes[3:4]),
    ]
    return Schedule(bd, cfg, days, 0.0, 0.0, 0.0, "TEST", 0.0, 0.0, 1, {})


def test_stripboard_colours_and_day_breaks() -> None:
    rows = [r for r in stripboard(_schedule()) if r.kind in ("scene", "day")]
    assert [r.colour for r in rows] == [
        "white",
        "yellow",
        "black",
        "blue",
        "black",
        "green",
        "black",
    ]
    breaks = [r for r in rows if r.kind == "day"]
    assert [(r.day, r.date) for r in breaks] == [
        (1, dt.date(2027, 3, 1)),
        (2, dt.date(2027, 3, 2)),
        (3, dt.date(2027, 3, 4)),
    ]
    assert rows[0].cast_ids == "1, 2, 3"


def test_dood_codes_on_three_days() -> None:
    dood = day_out_of_days(_schedule())
    by_name = {r.name: r for r in dood.rows}
    # DEV travels: a travel column before day 1 is added; Wednesday is an idle shooting date
    assert [label for label, _ in dood.columns] == ["travel", "1", "2", "idle", "3"]
    assert by_name["ANA"].codes == ["", "SW", "H", "H", "WF"]
    assert by_name["BEN"].codes == ["", "SW", "W", "H", "WF"]
    assert by_name["DEV"].codes == ["T", "SWF", "T", "", ""]


def test_dood_totals() -> None:
    by_name = {r.name: r for r in day_out_of_days(_schedule()).rows}
    ana, dev = by_name["ANA"], by_name["DEV"]
    assert (ana.work, ana.hold, ana.travel, ana.total) == (2, 2, 0, 4)  # the idle Wednesday too
    assert (dev.work, dev.hold, dev.travel, dev.total) == (1, 0, 2, 3)
    assert (ana.start, ana.finish) == (dt.date(2027, 3, 1), dt.date(2027, 3, 4))


def test_dood_drop_and_pickup() -> None:
    s = _schedule()
    s.config.drop_after_days = 0
    assert "D" not in day_out_of_days(s).rows[0].codes
    # with a 4th day, ANA's gap (days 2-3 idle, then day 4) may drop her when allowed
    extra = ShootingDay(4, dt.date(2027, 3, 5), True, [s.days[2].scenes[0]], 90, ["PARK"])
    s.days[2] = ShootingDay(3, dt.date(2027, 3, 4), True, [], 0, [])
    s.days.append(extra)
    s.config.drop_after_days = 1
    ana = next(r for r in day_out_of_days(s).rows if r.name == "ANA")
    assert ana.codes[1:] == ["SW", "D", "D", "D", "PW"]  # days 2, the idle Wednesday, 3
    assert (ana.work, ana.drop, ana.hold, ana.total) == (2, 3, 0, 2)


def test_call_times_come_from_first_scene_and_makeup_lead() -> None:
    sheets = call_sheets(_schedule())
    day1 = sheets[0]
    assert day1.crew_call == "07:00" and day1.shooting_call == "07:30"
    cast = {c.name: c for c in day1.cast}
    # ANA is in the first scene (first shot 07:30, after its set-up) with a 120-minute lead
    assert (cast["ANA"].on_set, cast["ANA"].makeup) == ("07:30", "05:30")
    assert (cast["BEN"].on_set, cast["BEN"].makeup) == ("07:30", "06:00")
    # scene 2: scene 1 (1.5 h), a company move (1 h), its own set-up (0.5 h)
    assert [sc.start for sc in day1.scenes] == ["07:30", "10:00"]
    # call to wrap is the day's length
    assert day1.wrap == "11:00"
    assert day1.locations[0].address == "1 Cafe-ro"
    assert any("rain" in w and "forecast" in w for w in day1.weather)
    assert sheets[1].crew_call == "17:00"


def test_continuity_flags_split_story_day() -> None:
    rows = continuity(_schedule())
    ana_day1 = next(r for r in rows if r.character == "ANA" and r.story_day == "1")
    assert ana_day1.scenes == ["1", "2", "4"]
    assert ana_day1.shooting_days == [1, 3]
    assert ana_day1.split  # two shooting days apart, limit 1
    assert ana_day1.wardrobe == ["red scarf"] and ana_day1.injuries == ["bruise"]
    ben_day2 = next(r for r in rows if r.character == "BEN" and r.story_day == "2")
    assert not ben_day2.split


def test_reports_written_as_self_contained_html_and_csv(tmp_path: Path) -> None:
    written = write_reports(_schedule(), tmp_path / "out")
    names = sorted(p.name for p in written)
    assert names == sorted(
        f"{r}.{ext}"
        for r in ("stripboard", "dood", "callsheet", "continuity")
        for ext in ("html", "csv")
    )
    for p in written:
        if p.suffix == ".html":
            text = p.read_text(encoding="utf-8")
            assert "@media print" in text
            assert "http://" not in text and "https://" not in text and "<script" not in text
    with open(tmp_path / "out" / "dood.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["id", "character", "actor"]
    assert rows[1][1] == "ANA" and "SW" in rows[1]
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_csv_opens_right_in_excel(tmp_path: Path) -> None:
    write_reports(_schedule(), tmp_path / "out")
    raw = (tmp_path / "out" / "stripboard.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with open(tmp_path / "out" / "stripboard.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    pages = [r["pages"] for r in rows if r["kind"] == "scene"]
    assert pages and all(p.startswith('="') and p.endswith('"') for p in pages)


def test_stripboard_has_move_and_off_day_banners() -> None:
    rows = stripboard(_schedule())
    kinds = [(r.kind, r.location or r.synopsis) for r in rows if r.kind in ("move", "off")]
    assert ("move", "PARK") in kinds  # day 1: CAFE, then PARK
    assert ("off", "IDLE") in kinds  # Wednesday between day 2 and day 3


def test_call_sheet_has_sun_times_hospital_meals_calls_and_the_next_day() -> None:
    s = _schedule()
    s.config = parse_config(
        CONFIG
        + '\n[[location]]\nname = "PARK"\nlatitude = 37.5665\nlongitude = 126.978\n'
        + 'hospital = "Sanmaru Hospital, 02-123-4567"\n',
        "p.toml",
    )
    s.config.timezone = "Asia/Seoul"
    s.config.contacts = ["Producer: Kim 010-1234-5678"]
    s.config.department_calls = {"camera": 0, "hair & make-up": -90}
    first = call_sheets(s)[0]
    assert (
        first.sun and first.sun[0].startswith("PARK: sunrise ") and "(Asia/Seoul)" in first.sun[0]
    )
    assert first.hospital == ["PARK: Sanmaru Hospital, 02-123-4567"]
    assert first.contacts == ["Producer: Kim 010-1234-5678"]
    assert [d for d, _ in first.department_calls] == ["hair & make-up", "camera"]
    assert [sc.ref for sc in first.advance] == [sc.ref for sc in s.days[1].scenes]
    assert call_sheets(s)[-1].advance == []


def test_meals_come_at_most_six_hours_after_call() -> None:
    from dramaturg.produce.reports import _meals

    cfg = parse_config(CONFIG, "p.toml")
    assert _meals(7 * 60, 12 * 60, cfg) == ["13:00-14:00"]
    assert _meals(7 * 60, 5 * 60, cfg) == []


def test_sunrise_and_sunset_match_published_times() -> None:
    from dramaturg.produce.sun import sun_times

    rise, set_ = sun_times(dt.date(2024, 6, 21), 51.5074, -0.1278, "Europe/London")
    assert rise is not None and set_ is not None
    assert (rise.strftime("%H:%M"), set_.strftime("%H:%M")) == ("04:43", "21:21")
    assert sun_times(dt.date(2024, 6, 21), 78.2, 15.6) == (None, None)  # midnight sun


def test_dood_pages_repeat_names_and_totals() -> None:
    from dramaturg.produce.reports import render_html

    s = _schedule()
    dood = day_out_of_days(s)
    assert [list(r) for r in dood.pages(2)] == [[0, 1], [2, 3], [4]]
    html = render_html(s, "dood")
    assert html.count("dood-page") >= 1 and html.count(">Total<") == len(dood.pages())


def test_pdf_export_without_a_browser_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dramaturg.errors import DramaturgError
    from dramaturg.produce import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(DramaturgError, match="apt-get install chromium fonts-nanum"):
        pdf.write_pdfs([tmp_path / "x.html"])


@pytest.mark.skipif(
    shutil.which("chromium") is None or shutil.which("pdftoppm") is None,
    reason="Debian chromium and poppler-utils are not installed (.ci/run installs them)",
)
def test_reports_print_to_pdf_pages_that_render(tmp_path: Path) -> None:
    import subprocess

    from dramaturg.produce.pdf import write_pdfs

    written = write_reports(_schedule(), tmp_path / "out", formats=("html",))
    pdfs = write_pdfs(p for p in written if p.name in ("dood.html", "callsheet.html"))
    assert [p.name for p in pdfs] == ["dood.pdf", "callsheet.pdf"]
    for p in pdfs:
        assert p.read_bytes().startswith(b"%PDF")
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(p), str(p.with_suffix(""))], check=True, timeout=120)  # fmt: skip
    assert len(list((tmp_path / "out").glob("*.png"))) == 2
