"""Production paperwork from a schedule: stripboard, day-out-of-days, call sheets, continuity.

Each report is first built as plain records (``stripboard(s)``, ``day_out_of_days(s)``,
``call_sheets(s)``, ``continuity(s)``), then written as a self-contained, printable HTML page
(Jinja2 templates in ``render/templates``) and as one CSV. :func:`write_reports` writes all
of them, atomically, into a folder.

Conventions: stripboard colours are the industry's (INT/DAY white, EXT/DAY yellow,
INT/NIGHT blue, EXT/NIGHT green; INT/EXT counts as EXT), with a black strip closing each day.
Day-out-of-days codes: ``SW`` start work, ``W`` work, ``WF`` work finish, ``SWF`` start-work-
finish (one day only), ``H`` hold (paid, not working), ``T`` travel, ``D`` dropped (off the
payroll during a long gap, when ``drop_after_days`` is set) and ``PW`` pick-up work.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from dramaturg.files import write_atomic
from dramaturg.produce.breakdown import SceneBreakdown, format_eighths, lexicon
from dramaturg.produce.schedule import Schedule, ShootingDay, scene_minutes
from dramaturg.produce.sun import sun_times

__all__ = [
    "StripRow",
    "DoodRow",
    "CallSheet",
    "ContinuityRow",
    "stripboard",
    "day_out_of_days",
    "call_sheets",
    "continuity",
    "write_reports",
    "REPORTS",
]

REPORTS = ("stripboard", "dood", "callsheet", "continuity")
DOOD_COLUMNS_PER_PAGE = 21  # day columns on one landscape A4 page beside names and totals
STRIP_COLOURS = {
    ("INT", "DAY"): "white",
    ("EXT", "DAY"): "yellow",
    ("INT", "NIGHT"): "blue",
    ("EXT", "NIGHT"): "green",
}


# -- stripboard ----------------------------------------------------------------------------


@dataclass
class StripRow:
    """A strip on the board: a scene (``kind='scene'``), a day break (``kind='day'``), a
    company move within a day (``'move'``, to ``location``), or a date without shooting
    between two shooting days (``'off'``: ``synopsis`` says DAY OFF, HOLIDAY or IDLE)."""

    kind: str
    day: int
    date: dt.date
    colour: str = ""
    ref: str = ""
    int_ext: str = ""
    day_night: str = ""
    location: str = ""
    set: str = ""
    pages: str = ""
    eighths: int = 0
    cast_ids: str = ""
    story_day: str = ""
    synopsis: str = ""
    hours: float = 0.0


def strip_colour(scene: SceneBreakdown) -> str:
    """The industry colour of a scene's strip."""
    return STRIP_COLOURS[("EXT" if scene.is_exterior else "INT", scene.day_night)]


def _story_day(scene: SceneBreakdown) -> str:
    return f"FB {scene.story_day}" if scene.flashback else str(scene.story_day)


def stripboard(s: Schedule) -> list[StripRow]:
    """The board in shooting order, each day closed by a black day-break strip, a banner
    where the unit moves to another location, and one for each date off between days."""
    rows: list[StripRow] = []
    ids = {c.name: c.id for c in s.breakdown.cast}
    previous: dt.date | None = None
    for day in s.days:
        if previous is not None:
            rows.extend(_days_between(s, previous, day.date))
        previous = day.date
        here = None
        for sc in day.scenes:
            if here is not None and sc.location != here:
                rows.append(
                    StripRow(kind="move", day=day.number, date=day.date, location=sc.location)
                )
            here = sc.location
            rows.append(
                StripRow(
                    kind="scene",
                    day=day.number,
                    date=day.date,
                    colour=strip_colour(sc),
                    ref=sc.ref,
                    int_ext=sc.int_ext,
                    day_night=sc.day_night,
                    location=sc.location,
                    set=sc.set or "",
                    pages=sc.pages,
                    eighths=sc.eighths,
                    cast_ids=", ".join(str(ids[c]) for c in sorted(sc.cast, key=ids.__getitem__)),
                    story_day=_story_day(sc),
                    synopsis=sc.synopsis,
                    hours=round(scene_minutes(sc, s.config) / 60, 2),
                )
            )
        rows.append(
            StripRow(
                kind="day",
                day=day.number,
                date=day.date,
                colour="black",
                pages=format_eighths(day.eighths),
                eighths=day.eighths,
                day_night="NIGHT" if day.night else "DAY",
                hours=round(day.hours, 2),
                location=" / ".join(day.locations),
            )
        )
    return rows


def _days_between(s: Schedule, after: dt.date, before: dt.date) -> list[StripRow]:
    """A banner for each date between two shooting days: a weekly day off, a holiday, or a
    shooting date left idle (the weekly hours cap, a wait for an actor)."""
    out = []
    date = after + dt.timedelta(days=1)
    while date < before:
        if date in s.config.holidays:
            what = "HOLIDAY"
        elif date.weekday() in s.config.weekly_off:
            what = "DAY OFF"
        else:
            what = "IDLE"
        out.append(StripRow(kind="off", day=0, date=date, colour="grey", synopsis=what))
        date += dt.timedelta(days=1)
    return out


# -- day out of days -----------------------------------------------------------------------


@dataclass
class DoodRow:
    """One actor across the shoot: a code per column, and the totals."""

    id: int
    name: str
    actor: str
    codes: list[str]
    work: int = 0
    hold: int = 0
    travel: int = 0
    drop: int = 0
    start: dt.date | None = None
    finish: dt.date | None = None

    @property
    def total(self) -> int:
        """Days paid: work, hold and travel (dropped days are not paid)."""
        return self.work + self.hold + self.travel


@dataclass
class Dood:
    """The day-out-of-days grid: ``columns`` are (label, date or None) pairs."""

    columns: list[tuple[str, dt.date | None]]
    rows: list[DoodRow]

    def pages(self, per_page: int = DOOD_COLUMNS_PER_PAGE) -> list[range]:
        """The columns split into printed pages; each page repeats the names and totals."""
        n = len(self.columns)
        return [range(i, min(n, i + per_page)) for i in range(0, max(n, 1), per_page)]


def day_out_of_days(s: Schedule) -> Dood:
    """Per actor per shooting date: SW, W, WF, SWF, H, T, D (and PW after a drop).

    A shooting date left idle between two shooting days is a column too (``idle``): an actor
    on hold across it is paid for it (H), as the schedule's holding cost counts it."""
    cfg = s.config
    # the slots: each shooting day, and each idle shooting date between two of them
    slots: list[tuple[str, dt.date]] = []
    slot_of_day: list[int] = []
    for i, day in enumerate(s.days):
        if i:
            date = s.days[i - 1].date + dt.timedelta(days=1)
            while date < day.date:
                if cfg.is_shooting_day(date):
                    slots.append(("idle", date))
                date += dt.timedelta(days=1)
        slot_of_day.append(len(slots))
        slots.append((str(day.number), day.date))
    n = len(slots)
    works: dict[str, set[int]] = defaultdict(set)
    for i, day in enumerate(s.days):
        for a in day.cast:
            works[a].add(slot_of_day[i])
    travellers = {c.name.upper() for c in cfg.cast.values() if c.travel}
    need_pre = any(a.upper() in travellers and min(w) == 0 for a, w in works.items())
    need_post = any(a.upper() in travellers and max(w) == n - 1 for a, w in works.items())
    columns: list[tuple[str, dt.date | None]] = []
    if need_pre:
        columns.append(("travel", None))
    columns += [(label, date) for label, date in slots]
    if need_post:
        columns.append(("travel", None))
    offset = 1 if need_pre else 0
    rows = []
    for member in s.breakdown.cast:
        days = works.get(member.name)
        if not days:
            continue
        codes = [""] * len(columns)
        first, last = min(days), max(days)
        row = DoodRow(member.id, member.name, _actor(s, member.name), codes)
        dropped: set[int] = set()
        picked_up: set[int] = set()
        ordered = sorted(days)
        if cfg.drop_after_days > 0:
            for before, after in zip(ordered, ordered[1:], strict=False):
                if after - before - 1 > cfg.drop_after_days:
                    dropped.update(range(before + 1, after))
                    picked_up.add(after)
        for i in range(first, last + 1):
            if i in days:
                if first == last:
                    code = "SWF"
                elif i == first:
                    code = "SW"
                elif i in picked_up:
                    code = "PW"
                elif i == last:
                    code = "WF"
                else:
                    code = "W"
                row.work += 1
            elif i in dropped:
                code = "D"
                row.drop += 1
            else:
                code = "H"
                row.hold += 1
            codes[i + offset] = code
        if member.name.upper() in travellers:
            for i in (first - 1 + offset, last + 1 + offset):
                if 0 <= i < len(codes) and not codes[i]:
                    codes[i] = "T"
                    row.travel += 1
        row.start, row.finish = slots[first][1], slots[last][1]
        rows.append(row)
    return Dood(columns, rows)


def _actor(s: Schedule, name: str) -> str:
    c = s.config.cast.get(name.upper())
    return c.actor if c else ""


# -- call sheets -----------------------------------------------------------------------------


@dataclass
class CallScene:
    ref: str
    start: str
    heading: str
    set: str
    day_night: str
    pages: str
    cast_ids: str
    synopsis: str
    story_day: str
    departments: dict[str, list[str]]


@dataclass
class CallCast:
    id: int
    name: str
    actor: str
    makeup: str
    on_set: str
    scenes: str


@dataclass
class CallLocation:
    name: str
    address: str
    parking: str
    contact: str
    notes: str


@dataclass
class CallSheet:
    """One shooting day's call sheet."""

    day: int
    of: int
    date: dt.date
    night: bool
    crew_call: str
    shooting_call: str
    wrap: str
    pages: str
    scenes: list[CallScene]
    cast: list[CallCast]
    locations: list[CallLocation]
    notes: list[str] = field(default_factory=list)
    weather: list[str] = field(default_factory=list)
    sun: list[str] = field(default_factory=list)  # "SANMARU ALLEY: sunrise 06:58, sunset 18:31"
    hospital: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    meals: list[str] = field(default_factory=list)  # "12:30-13:30 meal"
    department_calls: list[tuple[str, str]] = field(default_factory=list)
    advance: list[CallScene] = field(default_factory=list)  # the next shooting day's scenes
    advance_date: dt.date | None = None


def _clock(minutes: int) -> str:
    """Minutes from midnight as a call time; past midnight reads ``01:30 (+1)``."""
    extra, minutes = divmod(minutes, 24 * 60)
    text = f"{minutes // 60:02d}:{minutes % 60:02d}"
    return text + (f" (+{extra})" if extra else "")


_DEPARTMENTS = ("props", "wardrobe", "extras", "vehicles", "animals", "sfx", "vfx", "stunts")


def call_sheets(s: Schedule) -> list[CallSheet]:
    """A call sheet per shooting day; cast calls come from the first scene's start time
    minus the hair and make-up lead time."""
    cfg = s.config
    weather = lexicon().weather
    ids = {c.name: c.id for c in s.breakdown.cast}
    sheets = []
    for n, day in enumerate(s.days):
        call = cfg.night_call if day.night else cfg.crew_call
        crew = call.hour * 60 + call.minute
        # call to wrap is the day's length: each scene's slot opens with its set-up, so the
        # first shot (shooting call) comes one set-up after crew call
        setup = round(cfg.setup_hours * 60)
        clock = crew
        starts: dict[int, int] = {}
        where = None
        for sc in day.scenes:
            if where is not None and sc.location != where:
                clock += round(cfg.move_hours * 60)
            where = sc.location
            starts[sc.index] = clock + setup
            clock += scene_minutes(sc, cfg)
        scenes = [_call_scene(sc, _clock(starts[sc.index]), ids) for sc in day.scenes]
        cast = []
        for name in sorted(day.cast, key=ids.__getitem__):
            mine = [sc for sc in day.scenes if name in sc.cast]
            first = starts[mine[0].index]
            c = cfg.cast.get(name.upper())
            lead = c.makeup_minutes if c and c.makeup_minutes is not None else cfg.makeup_minutes
            cast.append(
                CallCast(
                    id=ids[name],
                    name=name,
                    actor=c.actor if c else "",
                    makeup=_clock(max(0, first - lead)),
                    on_set=_clock(first),
                    scenes=", ".join(sc.ref for sc in mine),
                )
            )
        locations = []
        for name in day.locations:
            loc = cfg.location(name)
            locations.append(
                CallLocation(
                    name=name,
                    address=loc.address if loc else "",
                    parking=loc.parking if loc else "",
                    contact=loc.contact if loc else "",
                    notes=loc.notes if loc else "",
                )
            )
        notes = [f"Sc {sc.ref}: {n}" for sc in day.scenes for n in sc.notes]
        warn = []
        for sc in day.scenes:
            hits = [x for x in sc.sfx if x.split(" (")[0].lower() in weather]
            if hits:
                where = (
                    "exterior: check the forecast, cover set ready"
                    if sc.is_exterior
                    else "interior: effect rigged outside the windows"
                )
                warn.append(f"Sc {sc.ref} ({sc.location}): {', '.join(hits)} -- {where}")
        nxt = s.days[n + 1] if n + 1 < len(s.days) else None
        hospitals = [
            f"{name}: {loc.hospital}"
            for name in day.locations
            if (loc := cfg.location(name)) is not None and loc.hospital
        ]
        sheets.append(
            CallSheet(
                day=day.number,
                of=len(s.days),
                date=day.date,
                night=day.night,
                crew_call=_clock(crew),
                shooting_call=_clock(crew + setup),
                wrap=_clock(crew + day.minutes),
                pages=format_eighths(day.eighths),
                scenes=scenes,
                cast=cast,
                locations=locations,
                notes=notes,
                weather=warn,
                sun=_sun(day.locations, day.date, cfg),
                hospital=hospitals or ([cfg.hospital] if cfg.hospital else []),
                contacts=list(cfg.contacts),
                meals=_meals(crew, day.minutes, cfg),
                department_calls=[
                    (dept, _clock(max(0, crew + offset)))
                    for dept, offset in sorted(cfg.department_calls.items(), key=lambda kv: kv[1])
                ],
                advance=[_call_scene(sc, "", ids) for sc in nxt.scenes] if nxt else [],
                advance_date=nxt.date if nxt else None,
            )
        )
    return sheets


def _call_scene(sc: SceneBreakdown, start: str, ids: dict[str, int]) -> CallScene:
    return CallScene(
        ref=sc.ref,
        start=start,
        heading=f"{sc.int_ext}. {sc.location}",
        set=sc.set or "",
        day_night=sc.day_night,
        pages=sc.pages,
        cast_ids=", ".join(str(ids[c]) for c in sorted(sc.cast, key=ids.__getitem__)),
        synopsis=sc.synopsis,
        story_day=_story_day(sc),
        departments={k: v for k in _DEPARTMENTS if (v := getattr(sc, k))},
    )


def _sun(locations: list[str], date: dt.date, cfg: Any) -> list[str]:
    """Sunrise and sunset at each of the day's locations that has coordinates."""
    out = []
    zone = cfg.timezone or "UTC"
    for name in locations:
        loc = cfg.location(name)
        if loc is None or loc.latitude is None or loc.longitude is None:
            continue
        rise, set_ = sun_times(date, loc.latitude, loc.longitude, cfg.timezone)
        text = [
            f"sunrise {rise.strftime('%H:%M')}" if rise else "no sunrise",
            f"sunset {set_.strftime('%H:%M')}" if set_ else "no sunset",
        ]
        out.append(f"{name}: {', '.join(text)} ({zone})")
    return out


def _meals(crew: int, minutes: int, cfg: Any) -> list[str]:
    """Meal breaks: one at most ``meal_after_hours`` after call, and again after each as
    long a stretch, while the day runs."""
    out = []
    every = round(cfg.meal_after_hours * 60)
    at = crew + every
    while at < crew + minutes:
        out.append(f"{_clock(at)}-{_clock(at + cfg.meal_minutes)}")
        at += cfg.meal_minutes + every
    return out


# -- continuity ------------------------------------------------------------------------------


@dataclass
class ContinuityRow:
    """A character on one story day: what they wear, carry and carry on their skin, and on
    which shooting days those scenes fall."""

    character: str
    story_day: str
    scenes: list[str]
    shooting_days: list[int]
    dates: list[dt.date]
    wardrobe: list[str]
    props: list[str]
    injuries: list[str]
    split: bool
    spread: int  # shooting days between the first and last of these scenes


def continuity(s: Schedule) -> list[ContinuityRow]:
    """Per character per story day; ``split`` when the story day's scenes are shot more than
    ``continuity_split_days`` shooting days apart."""
    limit = s.config.continuity_split_days
    day_of: dict[int, ShootingDay] = {sc.index: d for d in s.days for sc in d.scenes}
    groups: dict[tuple[str, str], list[SceneBreakdown]] = defaultdict(list)
    for sc in s.breakdown.scenes:
        key = f"FB {sc.ref}" if sc.flashback else str(sc.story_day)
        for who in sc.cast:
            groups[(who, key)].append(sc)
    order = {c.name: c.id for c in s.breakdown.cast}
    rows = []
    for (who, key), scenes in sorted(
        groups.items(), key=lambda kv: (order.get(kv[0][0], 999), kv[1][0].index)
    ):
        days = sorted({day_of[sc.index].number for sc in scenes if sc.index in day_of})
        per = [sc.continuity.get(who, {}) for sc in scenes]
        spread = days[-1] - days[0] if days else 0
        rows.append(
            ContinuityRow(
                character=who,
                story_day=key,
                scenes=[sc.ref for sc in scenes],
                shooting_days=days,
                dates=[s.days[d - 1].date for d in days],
                wardrobe=_union(p.get("wardrobe", []) for p in per),
                props=_union(p.get("props", []) for p in per),
                injuries=_union(p.get("injuries", []) for p in per),
                split=spread > limit,
                spread=spread,
            )
        )
    return rows


def _union(lists: Any) -> list[str]:
    return list(dict.fromkeys(x for items in lists for x in items))


# -- writing ---------------------------------------------------------------------------------


def _env() -> Environment:
    return Environment(
        loader=PackageLoader("dramaturg", "render/templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


#: a UTF-8 byte order mark: without it Excel reads a CSV file as the local code page and
#: Hangul comes out garbled
EXCEL_BOM = "\ufeff"


def excel_text(value: str) -> str:
    """A cell Excel keeps as written: ``="2 5/8"`` (a bare 2 5/8 becomes 2.625, a bare 1/8
    the 8th of January)."""
    return f'="{value}"' if value else value


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    """CSV for a spreadsheet: UTF-8 with a byte order mark, CRLF line ends (RFC 4180)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return EXCEL_BOM + buf.getvalue()


def stripboard_csv(rows: list[StripRow]) -> str:
    header = ["kind", "day", "date", "colour", "scene", "int_ext", "day_night", "location",
              "set", "pages", "eighths", "cast_ids", "story_day", "hours", "synopsis"]  # fmt: skip
    return _csv(
        header,
        [
            [
                r.kind,
                r.day,
                r.date.isoformat(),
                r.colour,
                r.ref,
                r.int_ext,
                r.day_night,
                r.location,
                r.set,
                excel_text(r.pages),
                r.eighths,
                r.cast_ids,
                r.story_day,
                r.hours,
                r.synopsis,
            ]  # fmt: skip
            for r in rows
        ],
    )


def dood_csv(dood: Dood) -> str:
    header = ["id", "character", "actor"]
    header += [f"{label} {d.isoformat()}" if d else label for label, d in dood.columns]
    header += ["work", "hold", "travel", "drop", "total", "start", "finish"]
    rows = [
        [
            r.id,
            r.name,
            r.actor,
            *r.codes,
            r.work,
            r.hold,
            r.travel,
            r.drop,
            r.total,
            r.start.isoformat() if r.start else "",
            r.finish.isoformat() if r.finish else "",
        ]  # fmt: skip
        for r in dood.rows
    ]
    return _csv(header, rows)


def callsheet_csv(sheets: list[CallSheet]) -> str:
    header = ["day", "date", "crew_call", "kind", "ref_or_id", "time", "what", "detail"]
    rows: list[list[Any]] = []
    for sh in sheets:
        base = [sh.day, sh.date.isoformat(), sh.crew_call]
        for sc in sh.scenes:
            detail = "; ".join(f"{k}: {', '.join(v)}" for k, v in sc.departments.items())
            rows.append(
                [
                    *base,
                    "scene",
                    sc.ref,
                    sc.start,
                    " ".join(x for x in (sc.heading, sc.set, sc.day_night, sc.pages) if x),
                    detail,
                ]
            )
        for c in sh.cast:
            rows.append(
                [*base, "cast", c.id, c.makeup, c.name, f"on set {c.on_set}; scenes {c.scenes}"]
            )
        for loc in sh.locations:
            rows.append([*base, "location", "", "", loc.name, loc.address])
        for n in [*sh.weather, *sh.notes]:
            rows.append([*base, "note", "", "", n, ""])
        for meal in sh.meals:
            rows.append([*base, "meal", "", meal.split("-")[0], "meal", meal])
        for dept, at in sh.department_calls:
            rows.append([*base, "department", "", at, dept, ""])
        for line in sh.sun:
            rows.append([*base, "sun", "", "", line, ""])
        for line in sh.hospital:
            rows.append([*base, "hospital", "", "", line, ""])
        for line in sh.contacts:
            rows.append([*base, "contact", "", "", line, ""])
        for sc in sh.advance:
            what = " ".join(x for x in (sc.heading, sc.set, sc.day_night, sc.pages) if x)
            date = sh.advance_date.isoformat() if sh.advance_date else ""
            rows.append([*base, "advance", sc.ref, date, what, f"cast {sc.cast_ids}"])
    return _csv(header, rows)


def continuity_csv(rows: list[ContinuityRow]) -> str:
    header = ["character", "story_day", "scenes", "shooting_days", "dates", "wardrobe", "props",
              "injuries", "split", "spread"]  # fmt: skip
    return _csv(
        header,
        [
            [
                r.character,
                r.story_day,
                " ".join(r.scenes),
                " ".join(map(str, r.shooting_days)),
                " ".join(d.isoformat() for d in r.dates),
                "; ".join(r.wardrobe),
                "; ".join(r.props),
                "; ".join(r.injuries),
                "yes" if r.split else "",
                r.spread,
            ]  # fmt: skip
            for r in rows
        ],
    )


def render_html(s: Schedule, report: str) -> str:
    """One report as a self-contained HTML page (``report`` in :data:`REPORTS`)."""
    context: dict[str, Any] = {
        "title": s.breakdown.title or s.config.title,
        "s": s,
        "cast": s.breakdown.cast,
        "generated": dt.date.today().isoformat(),
    }
    if report == "stripboard":
        context["rows"] = stripboard(s)
    elif report == "dood":
        context["dood"] = day_out_of_days(s)
    elif report == "callsheet":
        context["sheets"] = call_sheets(s)
    elif report == "continuity":
        context["rows"] = continuity(s)
        context["limit"] = s.config.continuity_split_days
    else:
        raise ValueError(f"unknown report {report!r}")
    return _env().get_template(f"{report}.html.j2").render(**context)


def write_reports(
    s: Schedule, out_dir: str | Path, formats: tuple[str, ...] = ("html", "csv")
) -> list[Path]:
    """Write every report into ``out_dir`` (created if needed), each file atomically.

    Returns the paths written: ``stripboard.html``, ``stripboard.csv``, ``dood.*``,
    ``callsheet.*`` and ``continuity.*``.
    """
    out = Path(out_dir)
    written = []
    if "csv" in formats:
        texts = {
            "stripboard": stripboard_csv(stripboard(s)),
            "dood": dood_csv(day_out_of_days(s)),
            "callsheet": callsheet_csv(call_sheets(s)),
            "continuity": continuity_csv(continuity(s)),
        }
        for name, text in texts.items():
            written.append(write_atomic(out / f"{name}.csv", text))
    if "html" in formats:
        for name in REPORTS:
            written.append(write_atomic(out / f"{name}.html", render_html(s, name)))
    return written
