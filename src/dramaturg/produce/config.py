"""The production config: calendar, working-time rules, weights, cast and locations (TOML).

A production office keeps these facts outside the script: when the shoot starts, which days
are off, how long a day may run, what each actor costs per day and when they cannot work,
where each location is and when it can be used. See ``data/demo-production.toml``::

    [production]
    title = "First Snow on Sanmaru Hill"
    start_date = 2027-03-01
    shooting_days_per_week = 5
    profile = "korea-52"          # weekly hours cap, turnaround, day length

    [weights]
    holding = 1                   # per unit of actor day cost
    company_move = 400
    shooting_day = 1500

    [[cast]]
    name = "DA-EUN"
    cost_per_day = 900
    unavailable = ["2027-03-10", "2027-03-15..2027-03-17"]

    [[location]]
    name = "DAL BAKERY"
    address = "12 Sanmaru-gil"
    unavailable = ["2027-03-08"]

:func:`load_config` reads and checks it; :func:`check_against` names cast and locations that
the script does not have. Every problem is a :class:`~dramaturg.errors.DramaturgError` that
points at the config file and, where it can, the line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dramaturg.errors import DramaturgError
from dramaturg.files import read_input

__all__ = [
    "CastConfig",
    "PinConfig",
    "LocationConfig",
    "ProductionConfig",
    "PROFILES",
    "load_config",
    "parse_config",
    "check_against",
]

#: working-time rules by name. ``korea-52``: the Labor Standards Act's 52-hour week
#: (40 + 12 overtime, applied to broadcast production since 2018/2019) with an 11-hour rest
#: between working days; ``eu-48``: the Working Time Directive; ``none``: no weekly cap.
PROFILES: dict[str, dict[str, float | None]] = {
    "korea-52": {"weekly_hours_cap": 52.0, "turnaround_hours": 11.0, "max_day_hours": 12.0},
    "eu-48": {"weekly_hours_cap": 48.0, "turnaround_hours": 11.0, "max_day_hours": 12.0},
    "none": {"weekly_hours_cap": None, "turnaround_hours": 10.0, "max_day_hours": 14.0},
}

_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}


@dataclass
class CastConfig:
    """One ``[[cast]]`` table: a character's actor, daily cost and availability."""

    name: str
    actor: str = ""
    cost_per_day: float = 1.0
    unavailable: set[dt.date] = field(default_factory=set)
    available: set[dt.date] | None = None  # when given, the only days they can work
    travel: bool = False  # needs a travel day before the first and after the last work day
    makeup_minutes: int | None = None  # hair and make-up lead time (production default if None)
    notes: str = ""
    cost_given: bool = False  # False: the schedule prices them at the default rate, and says so
    # one character played by several actors (a child and an adult): this table's ``name`` is
    # the actor's part, ``plays`` the script's character, in ``scenes`` or ``when`` a scene is
    # a "flashback" or in the "present"
    plays: str = ""
    scenes: set[str] = field(default_factory=set)
    when: str = ""

    def can_work(self, day: dt.date) -> bool:
        if day in self.unavailable:
            return False
        return self.available is None or day in self.available


@dataclass
class PinConfig:
    """One ``[[pin]]`` table: scenes the AD has fixed to a date. With ``lock``, that date
    holds these scenes and nothing else (a locked day)."""

    scenes: list[str]
    date: dt.date
    lock: bool = False
    line: int | None = None


@dataclass
class LocationConfig:
    """One ``[[location]]`` table: address, contact and when it can be used."""

    name: str
    address: str = ""
    contact: str = ""
    parking: str = ""
    notes: str = ""
    aliases: list[str] = field(default_factory=list)
    unavailable: set[dt.date] = field(default_factory=set)
    available: set[dt.date] | None = None
    night_ok: bool = True
    latitude: float | None = None  # for sunrise and sunset on the call sheet
    longitude: float | None = None
    hospital: str = ""  # nearest hospital (else the production's)

    def can_shoot(self, day: dt.date, night: bool = False) -> bool:
        if night and not self.night_ok:
            return False
        if day in self.unavailable:
            return False
        return self.available is None or day in self.available


@dataclass
class ProductionConfig:
    """Everything the scheduler needs besides the script. Times are hours unless named."""

    title: str = ""
    start_date: dt.date = field(default_factory=lambda: _next_monday(dt.date.today()))
    shooting_days_per_week: int = 6
    days_off: set[int] = field(default_factory=set)  # weekdays (0 = Monday)
    holidays: set[dt.date] = field(default_factory=set)
    profile: str = "korea-52"
    weekly_hours_cap: float | None = 52.0
    turnaround_hours: float = 11.0
    max_day_hours: float = 12.0
    max_eighths_per_day: int | None = None
    page_hours: float = 1.5  # shooting time per page of script
    setup_hours: float = 0.5  # per scene: lighting and camera set-up
    move_hours: float = 1.0  # per company move (a second, third... location in one day)
    crew_call: dt.time = dt.time(7, 0)
    night_call: dt.time = dt.time(17, 0)
    makeup_minutes: int = 90
    time_limit: float = 20.0
    workers: int = 0  # CP-SAT search workers (0 = one per core)
    seed: int = 7  # the same script, config and seed give the same board
    timezone: str = ""  # IANA name ("Asia/Seoul") for sunrise/sunset; empty: UTC
    hospital: str = ""  # nearest hospital, for every call sheet
    contacts: list[str] = field(default_factory=list)  # "Producer: Kim 010-1234-5678"
    meal_after_hours: float = 6.0  # a meal is called at most this long after call
    meal_minutes: int = 60
    department_calls: dict[str, int] = field(default_factory=dict)  # minutes from crew call
    deterministic: bool = True  # False: all cores race on the wall clock (faster, may vary)
    continuity_split_days: int = 3
    drop_after_days: int = 0  # DOOD drop/pick-up when an actor idles this long (0 = never)
    weights: dict[str, float] = field(
        default_factory=lambda: {"holding": 1.0, "company_move": 300.0, "shooting_day": 1000.0}
    )
    cast: dict[str, CastConfig] = field(default_factory=dict)
    locations: dict[str, LocationConfig] = field(default_factory=dict)
    story_days: dict[str, int] = field(default_factory=dict)
    pins: list[PinConfig] = field(default_factory=list)
    location_aliases: dict[str, str] = field(default_factory=dict)
    path: str | None = None
    text: str = ""

    @property
    def cast_splits(self) -> list[CastConfig]:
        """The ``[[cast]]`` tables that take part of a character (``plays``), in file order."""
        return [c for c in self.cast.values() if c.plays]

    @property
    def weekly_off(self) -> set[int]:
        """Weekdays off: ``days_off`` if given, else the days after ``shooting_days_per_week``."""
        if self.days_off:
            return self.days_off
        return set(range(self.shooting_days_per_week, 7))

    def is_shooting_day(self, day: dt.date) -> bool:
        return day.weekday() not in self.weekly_off and day not in self.holidays

    def calendar(self, count: int) -> list[dt.date]:
        """The first ``count`` shooting dates from ``start_date`` (days off skipped)."""
        days: list[dt.date] = []
        day = self.start_date
        while len(days) < count:
            if self.is_shooting_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def line_of(self, needle: str) -> int | None:
        """The config line where ``needle`` (a name, a key) is first written, for errors."""
        for i, line in enumerate(self.text.splitlines(), 1):
            if needle in line:
                return i
        return None

    def error(self, message: str, needle: str | None = None) -> DramaturgError:
        line = self.line_of(needle) if needle else None
        return DramaturgError(message, file=self.path, line=line)

    def get(self, name: str, default: Any = None) -> Any:
        """Mapping-style access (the breakdown reads ``story_days`` and ``location_aliases``)."""
        return getattr(self, name, default)

    def location(self, name: str) -> LocationConfig | None:
        return self.locations.get(_key(name))


def _next_monday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 or 7)


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).upper()


def load_config(path: str | Path) -> ProductionConfig:
    """Read a production TOML file; errors name the file and line."""
    p = Path(path)
    # a regular file under the size limit (a FIFO or /dev/zero gets an error, not a hang)
    data = read_input(p, what="config file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DramaturgError("the config is not UTF-8 text", file=str(p), line=line) from None
    return parse_config(text, str(p))


def parse_config(text: str, path: str = "production.toml") -> ProductionConfig:
    """Parse the TOML text of a production config."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise DramaturgError(
            f"not valid TOML: {exc}", file=path, line=int(m.group(1)) if m else None
        ) from None
    cfg = ProductionConfig(path=path, text=text)
    _known_keys(data, _TABLES, "the config", cfg, tables=True)
    prod = _table(data, "production", cfg)
    schedule = _table(data, "schedule", cfg)  # optional: solver and working-time knobs
    _known_keys(prod, _PRODUCTION_KEYS, "[production]", cfg)
    _known_keys(schedule, _PRODUCTION_KEYS, "[schedule]", cfg)
    merged = {**prod, **schedule}
    for alias, key in _ALIASES.items():
        if alias in merged and key not in merged:
            merged[key] = merged[alias]
    cfg.title = str(merged.get("title", ""))
    profile = str(merged.get("profile", "korea-52"))
    if profile not in PROFILES:
        raise cfg.error(
            f"unknown working-time profile {profile!r} (known: {', '.join(PROFILES)})", "profile"
        )
    cfg.profile = profile
    for key, value in PROFILES[profile].items():
        setattr(cfg, key, value)
    if "start_date" in merged:
        cfg.start_date = _date(merged["start_date"], cfg, "start_date")
    for key in ("weekly_hours_cap", "turnaround_hours", "max_day_hours", "page_hours",
                "setup_hours", "move_hours", "time_limit"):  # fmt: skip
        if key in merged:
            value = merged[key]
            if key == "weekly_hours_cap" and value in (0, False):
                cfg.weekly_hours_cap = None
                continue
            setattr(cfg, key, _number(value, cfg, key, minimum=0))
    for key in ("shooting_days_per_week", "makeup_minutes", "continuity_split_days",
                "drop_after_days", "max_eighths_per_day", "workers", "seed"):  # fmt: skip
        if key in merged:
            setattr(cfg, key, int(_number(merged[key], cfg, key, minimum=0)))
    if "pages_per_day" in merged:
        cfg.max_eighths_per_day = round(_number(merged["pages_per_day"], cfg, "pages_per_day") * 8)
    if not 1 <= cfg.shooting_days_per_week <= 7:
        raise cfg.error("shooting_days_per_week must be 1 to 7", "shooting_days_per_week")
    if "days_off" in merged:
        cfg.days_off = {_weekday(d, cfg) for d in _list(merged["days_off"], cfg, "days_off")}
        if len(cfg.days_off) >= 7:
            raise cfg.error("days_off leaves no shooting day in the week", "days_off")
    if "holidays" in merged:
        cfg.holidays = _dates(merged["holidays"], cfg, "holidays")
    cfg.timezone = str(merged.get("timezone", "")).strip()
    if cfg.timezone:
        try:
            import zoneinfo

            zoneinfo.ZoneInfo(cfg.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise cfg.error(
                f"timezone {cfg.timezone!r} is not an IANA name (Asia/Seoul)", "timezone"
            ) from None
    cfg.hospital = str(merged.get("hospital", ""))
    cfg.contacts = [str(c) for c in _list(merged.get("contacts", []), cfg, "contacts")]
    if "meal_after_hours" in merged:
        cfg.meal_after_hours = _number(
            merged["meal_after_hours"], cfg, "meal_after_hours", minimum=1
        )
    if "meal_minutes" in merged:
        cfg.meal_minutes = int(_number(merged["meal_minutes"], cfg, "meal_minutes", minimum=0))
    calls = merged.get("department_calls", {})
    if not isinstance(calls, dict):
        raise cfg.error(
            'department_calls must be a table: { camera = 0, "hair & make-up" = -90 }',
            "department_calls",
        )
    cfg.department_calls = {str(k): int(_number(v, cfg, str(k))) for k, v in calls.items()}
    if "deterministic" in merged:
        if not isinstance(merged["deterministic"], bool):
            raise cfg.error("deterministic must be true or false", "deterministic")
        cfg.deterministic = merged["deterministic"]
    for key in ("crew_call", "night_call"):
        if key in merged:
            setattr(cfg, key, _time(merged[key], cfg, key))
    weights = _table(data, "weights", cfg)
    _known_keys(weights, _WEIGHT_KEYS, "[weights]", cfg)
    for key, value in weights.items():
        cfg.weights[_WEIGHT_NAMES.get(key, key)] = _number(value, cfg, key, minimum=0)
    for entry in _array(data, "cast", cfg):
        c = _cast(entry, cfg)
        if _key(c.name) in cfg.cast:
            raise cfg.error(f"cast {c.name!r} is listed twice", f'"{c.name}"')
        cfg.cast[_key(c.name)] = c
    for entry in [*_array(data, "location", cfg), *_array(data, "locations", cfg)]:
        loc = _location(entry, cfg)
        if _key(loc.name) in cfg.locations:
            raise cfg.error(f"location {loc.name!r} is listed twice", f'"{loc.name}"')
        cfg.locations[_key(loc.name)] = loc
        for alias in loc.aliases:
            cfg.location_aliases[_key(alias)] = _key(loc.name)
    for ref, day in _table(data, "story_days", cfg).items():
        cfg.story_days[str(ref)] = int(_number(day, cfg, str(ref), minimum=1))
    pin_lines = iter(_table_lines(text, ("pin", "pins")))
    for entry in [*_array(data, "pin", cfg), *_array(data, "pins", cfg)]:
        cfg.pins.append(_pin(entry, cfg, next(pin_lines, None)))
    return cfg


_TABLES = {"production", "schedule", "weights", "cast", "location", "locations", "story_days",
           "pin", "pins"}  # fmt: skip
_PRODUCTION_KEYS = {
    "title", "start_date", "shooting_days_per_week", "days_off", "holidays", "profile",
    "max_day_hours", "max_hours_per_day", "weekly_hours_cap", "turnaround_hours", "page_hours",
    "hours_per_page", "setup_hours", "setup_hours_per_scene", "move_hours", "company_move_hours",
    "pages_per_day", "max_eighths_per_day", "crew_call", "night_call", "makeup_minutes",
    "hair_makeup_minutes", "time_limit", "time_limit_seconds", "continuity_split_days",
    "drop_after_days", "workers", "seed", "deterministic", "timezone", "hospital", "contacts",
    "meal_after_hours", "meal_minutes", "department_calls",
}  # fmt: skip
_WEIGHT_KEYS = {"holding", "company_move", "shooting_day", "holding_unit", "holding_cost", "hold",
                "moved_scene",
                "company_moves", "moves", "move", "days", "total_days", "day", "shooting_days"}  # fmt: skip
_CAST_KEYS = {"name", "character", "role", "actor", "cost_per_day", "day_rate", "cost",
              "unavailable", "available", "travel", "makeup_minutes", "notes", "plays",
              "scenes", "when"}  # fmt: skip
_LOCATION_KEYS = {"name", "character", "role", "address", "contact", "parking", "notes", "aliases",
                  "unavailable", "available", "night_ok", "latitude", "longitude",
                  "hospital"}  # fmt: skip
_PIN_KEYS = {"scene", "scenes", "date", "lock", "locked", "notes"}


def _known_keys(
    table: dict[str, Any], known: set[str], where: str, cfg: ProductionConfig, tables: bool = False
) -> None:
    """A key the config does not know is a typo until shown otherwise: name it and its line."""
    for key in table:
        if key in known:
            continue
        near = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else f" (known: {', '.join(sorted(known))})"
        kind = "table" if tables else "key"
        line = _key_line(cfg.text, key, tables)
        raise DramaturgError(f"unknown {kind} {key!r} in {where}{hint}", file=cfg.path, line=line)


def _key_line(text: str, key: str, table: bool = False) -> int | None:
    pattern = (
        rf"^\s*\[\[?\s*{re.escape(key)}\s*\]" if table else rf"^\s*[\"']?{re.escape(key)}[\"']?\s*="
    )
    for i, line in enumerate(text.splitlines(), 1):
        if re.match(pattern, line):
            return i
    return None


def _table_lines(text: str, names: tuple[str, ...]) -> list[int]:
    """The lines that open each ``[[name]]`` table, in order (for errors about one of them)."""
    alt = "|".join(re.escape(n) for n in names)
    return [
        i
        for i, line in enumerate(text.splitlines(), 1)
        if re.match(rf"^\s*\[\[\s*(?:{alt})\s*\]\]", line)
    ]


def _pin(entry: dict[str, Any], cfg: ProductionConfig, line: int | None) -> PinConfig:
    _known_keys(entry, _PIN_KEYS, "[[pin]]", cfg)
    raw = entry.get("scenes", entry.get("scene"))
    scenes = [str(s).strip() for s in _list(raw, cfg, "scenes")] if raw is not None else []
    if "date" not in entry:
        raise DramaturgError("a [[pin]] table has no date", file=cfg.path, line=line)
    if not scenes and not entry.get("lock", entry.get("locked", False)):
        raise DramaturgError(
            'a [[pin]] table names no scene (scene = "12")', file=cfg.path, line=line
        )
    date = _date(entry["date"], cfg, "date")
    if not cfg.is_shooting_day(date):
        raise DramaturgError(
            f"[[pin]] date {date.isoformat()} is not a shooting day (a day off or a holiday)",
            file=cfg.path,
            line=line,
        )
    return PinConfig(scenes, date, bool(entry.get("lock", entry.get("locked", False))), line)


_ALIASES = {
    "max_hours_per_day": "max_day_hours",
    "hours_per_page": "page_hours",
    "setup_hours_per_scene": "setup_hours",
    "company_move_hours": "move_hours",
    "hair_makeup_minutes": "makeup_minutes",
    "time_limit_seconds": "time_limit",
}

_WEIGHT_NAMES = {
    "holding_cost": "holding",
    "hold": "holding",
    "company_moves": "company_move",
    "moves": "company_move",
    "move": "company_move",
    "days": "shooting_day",
    "total_days": "shooting_day",
    "day": "shooting_day",
    "shooting_days": "shooting_day",
}


def _table(data: dict[str, Any], name: str, cfg: ProductionConfig) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise cfg.error(f"[{name}] must be a table", name)
    return value


def _array(data: dict[str, Any], name: str, cfg: ProductionConfig) -> list[dict[str, Any]]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise cfg.error(f"[[{name}]] must be an array of tables", name)
    return value


def _list(value: Any, cfg: ProductionConfig, key: str) -> list[Any]:
    if isinstance(value, (str, dt.date)):
        return [value]
    if not isinstance(value, list):
        raise cfg.error(f"{key} must be a list", key)
    return value


def _number(value: Any, cfg: ProductionConfig, key: str, minimum: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise cfg.error(f"{key} must be a number, not {value!r}", key)
    if minimum is not None and value < minimum:
        raise cfg.error(f"{key} must be at least {minimum}, not {value}", key)
    return float(value)


def _date(value: Any, cfg: ProductionConfig, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise cfg.error(f"{key}: {value!r} is not a date (YYYY-MM-DD)", str(value)) from None


def _dates(value: Any, cfg: ProductionConfig, key: str) -> set[dt.date]:
    """Dates and inclusive ranges: ``["2027-03-10", "2027-03-15..2027-03-17"]``."""
    out: set[dt.date] = set()
    for item in _list(value, cfg, key):
        if isinstance(item, str) and ".." in item:
            a, b = (_date(x, cfg, key) for x in item.split("..", 1))
            if b < a:
                raise cfg.error(f"{key}: range {item!r} ends before it starts", item)
            out.update(a + dt.timedelta(days=i) for i in range((b - a).days + 1))
        else:
            out.add(_date(item, cfg, key))
    return out


def _time(value: Any, cfg: ProductionConfig, key: str) -> dt.time:
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value).strip().zfill(5))
    except ValueError:
        raise cfg.error(f"{key}: {value!r} is not a time (HH:MM)", key) from None


def _weekday(value: Any, cfg: ProductionConfig) -> int:
    if isinstance(value, int) and 0 <= value <= 6:
        return value
    day = _WEEKDAYS.get(str(value).strip().lower())
    if day is None:
        raise cfg.error(f"days_off: {value!r} is not a weekday", str(value))
    return day


def _name(entry: dict[str, Any], cfg: ProductionConfig, kind: str) -> str:
    name = entry.get("name") or entry.get("character") or entry.get("role")
    if not isinstance(name, str) or not name.strip():
        raise cfg.error(f"a [[{kind}]] table has no name", f"[[{kind}]]")
    return name.strip()


def _cast(entry: dict[str, Any], cfg: ProductionConfig) -> CastConfig:
    _known_keys(entry, _CAST_KEYS, "[[cast]]", cfg)
    name = _name(entry, cfg, "cast")
    c = CastConfig(name=name, actor=str(entry.get("actor", "")), notes=str(entry.get("notes", "")))
    cost = entry.get("cost_per_day", entry.get("day_rate", entry.get("cost", 1)))
    c.cost_per_day = _number(cost, cfg, f"cost_per_day of {name}", minimum=0)
    c.cost_given = any(k in entry for k in ("cost_per_day", "day_rate", "cost"))
    c.unavailable = _dates(entry.get("unavailable", []), cfg, f"unavailable of {name}")
    if "available" in entry:
        c.available = _dates(entry["available"], cfg, f"available of {name}")
    c.travel = bool(entry.get("travel", False))
    if "plays" in entry:
        c.plays = _key(str(entry["plays"]))
        c.scenes = {str(x).strip().upper() for x in _list(entry.get("scenes", []), cfg, "scenes")}
        c.when = str(entry.get("when", "")).strip().lower()
        if c.when not in ("", "flashback", "present"):
            raise cfg.error(
                f'when of {name} must be "flashback" or "present", not {c.when!r}', "when"
            )
        if not c.scenes and not c.when:
            raise cfg.error(
                f"[[cast]] {name!r} plays {c.plays} but says in which scenes (scenes = [...] "
                'or when = "flashback")',
                f'"{name}"',
            )
    elif "scenes" in entry or "when" in entry:
        raise cfg.error(f"[[cast]] {name!r}: scenes / when need plays = CHARACTER", f'"{name}"')
    if "makeup_minutes" in entry:
        c.makeup_minutes = int(_number(entry["makeup_minutes"], cfg, "makeup_minutes", minimum=0))
    return c


def _location(entry: dict[str, Any], cfg: ProductionConfig) -> LocationConfig:
    _known_keys(entry, _LOCATION_KEYS, "[[location]]", cfg)
    name = _name(entry, cfg, "location")
    loc = LocationConfig(
        name=name,
        address=str(entry.get("address", "")),
        contact=str(entry.get("contact", "")),
        parking=str(entry.get("parking", "")),
        notes=str(entry.get("notes", "")),
        aliases=[str(a) for a in _list(entry.get("aliases", []), cfg, "aliases")],
        night_ok=bool(entry.get("night_ok", True)),
    )
    loc.unavailable = _dates(entry.get("unavailable", []), cfg, f"unavailable of {name}")
    if "available" in entry:
        loc.available = _dates(entry["available"], cfg, f"available of {name}")
    loc.hospital = str(entry.get("hospital", ""))
    for key, limit in (("latitude", 90), ("longitude", 180)):
        if key in entry:
            value = _number(entry[key], cfg, f"{key} of {name}", minimum=-limit)
            if value > limit:
                raise cfg.error(f"{key} of {name} must be at most {limit}, not {value:g}", key)
            setattr(loc, key, value)
    if (loc.latitude is None) != (loc.longitude is None):
        raise cfg.error(f"location {name} needs both latitude and longitude", f'"{name}"')
    return loc


def check_against(cfg: ProductionConfig, cast: Iterable[str], locations: Iterable[str]) -> None:
    """Raise a DramaturgError naming any config cast or location the script does not have."""
    known_cast = {_key(c) for c in cast}
    for key, c in cfg.cast.items():
        if key not in known_cast:
            raise cfg.error(
                f"[[cast]] {c.name!r} is not a character in the script "
                f"(known: {', '.join(sorted(known_cast)) or 'none'})",
                f'"{c.name}"',
            )
    known_locations = {_key(loc) for loc in locations}
    for key, loc in cfg.locations.items():
        if key not in known_locations:
            raise cfg.error(
                f"[[location]] {loc.name!r} is not a location in the script "
                f"(known: {', '.join(sorted(known_locations)) or 'none'})",
                f'"{loc.name}"',
            )
