"""When a scene happens, as its heading says: the time words of each language.

The words are data (``text/<lang>/time_of_day.toml``); stats, the breakdown and the schedule
all read them from here, so DAY and NIGHT mean the same thing everywhere.

>>> day_or_night("LATER THAT EVENING")
'NIGHT'
>>> day_or_night("밤", "ko")
'NIGHT'
>>> day_or_night("CONTINUOUS")
'OTHER'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dramaturg.text.lexicon import load_lexicon


@dataclass(frozen=True)
class TimeWords:
    """One language's heading times: which read as day, which as night, and their order."""

    day: frozenset[str]
    night: frozenset[str]
    rank: dict[str, int]  # order within one story day (DAWN 0 ... NIGHT 6)

    def is_time(self, text: str) -> bool:
        return text in self.day or text in self.night


@cache
def time_words(language: str = "en") -> TimeWords:
    """The time words of ``language`` (English when it has no data file), upper-cased."""
    data = load_lexicon("time_of_day", language or "en")
    return TimeWords(
        day=frozenset(t.upper() for t in data.get("day", ["DAY"])),
        night=frozenset(t.upper() for t in data.get("night", ["NIGHT"])),
        rank={k.upper(): int(v) for k, v in data.get("order", {}).items()},
    )


def day_or_night(time_of_day: str | None, language: str = "en") -> str:
    """``DAY``, ``NIGHT`` or ``OTHER`` (CONTINUOUS, LATER, none) for a heading's time slot;
    a phrase ("LATER THAT EVENING", "THE NEXT MORNING") goes by the time word in it."""
    if not time_of_day:
        return "OTHER"
    words = time_words(language)
    t = " ".join(time_of_day.upper().split())
    if t in words.night:
        return "NIGHT"
    if t in words.day:
        return "DAY"
    parts = set(t.split())
    if parts & words.night:
        return "NIGHT"
    if parts & words.day:
        return "DAY"
    return "OTHER"
