"""Sunrise and sunset, computed offline from a place's coordinates (for the call sheet).

The NOAA solar calculator's equations (Meeus, *Astronomical Algorithms*): the sun's
declination and the equation of time for the day, the hour angle at which its centre is
0.833 degrees below the horizon (refraction and the sun's radius). Good to a minute or two
between the polar circles; None when the sun does not rise or does not set that day.

>>> import datetime as dt
>>> rise, set_ = sun_times(dt.date(2027, 3, 1), 37.5665, 126.9780, "Asia/Seoul")
>>> (rise.strftime("%H:%M"), set_.strftime("%H:%M"))
('07:04', '18:25')
"""

from __future__ import annotations

import datetime as dt
import math

__all__ = ["sun_times"]


def sun_times(
    day: dt.date, latitude: float, longitude: float, timezone: str = ""
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(sunrise, sunset) on ``day`` at the place, in ``timezone`` (IANA; UTC when empty)."""
    import zoneinfo

    tz = zoneinfo.ZoneInfo(timezone) if timezone else dt.UTC
    out: list[dt.datetime | None] = []
    for rising in (True, False):
        minutes = _utc_minutes(day, latitude, longitude, rising)
        if minutes is None:
            out.append(None)
            continue
        utc = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) + dt.timedelta(
            minutes=minutes
        )
        out.append(utc.astimezone(tz))
    return out[0], out[1]


def _utc_minutes(day: dt.date, lat: float, lon: float, rising: bool) -> float | None:
    """Minutes after 00:00 UTC of ``day`` (iterated once at the event's own time)."""
    guess = 720.0 - 4 * lon
    for _ in range(2):
        t = _century(day, guess)
        decl, eqtime = _declination_and_equation(t)
        cos_h = (math.cos(math.radians(90.833)) / (math.cos(math.radians(lat)) * math.cos(decl))
                 - math.tan(math.radians(lat)) * math.tan(decl))  # fmt: skip
        if not -1 <= cos_h <= 1:
            return None
        hour_angle = math.degrees(math.acos(cos_h)) * (1 if rising else -1)
        guess = 720 - 4 * (lon + hour_angle) - eqtime
    return guess


def _century(day: dt.date, minutes: float) -> float:
    """Julian centuries since J2000.0 at ``minutes`` after midnight UTC."""
    jd = day.toordinal() + 1721424.5 + minutes / 1440
    return (jd - 2451545.0) / 36525


def _declination_and_equation(t: float) -> tuple[float, float]:
    """The sun's declination (radians) and the equation of time (minutes)."""
    l0 = math.radians((280.46646 + t * (36000.76983 + 0.0003032 * t)) % 360)
    m = math.radians(357.52911 + t * (35999.05029 - 0.0001537 * t))
    e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t)
    c = math.radians(
        math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t))
        + math.sin(2 * m) * (0.019993 - 0.000101 * t)
        + math.sin(3 * m) * 0.000289
    )
    true_long = l0 + c
    omega = math.radians(125.04 - 1934.136 * t)
    apparent = true_long - math.radians(0.00569 + 0.00478 * math.sin(omega))
    eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60
    eps = math.radians(eps0 + 0.00256 * math.cos(omega))
    decl = math.asin(math.sin(eps) * math.sin(apparent))
    y = math.tan(eps / 2) ** 2
    eqtime = 4 * math.degrees(
        y * math.sin(2 * l0)
        - 2 * e * math.sin(m)
        + 4 * e * y * math.sin(m) * math.cos(2 * l0)
        - 0.5 * y * y * math.sin(4 * l0)
        - 1.25 * e * e * math.sin(2 * m)
    )
    return decl, eqtime
