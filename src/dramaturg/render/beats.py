"""The romance read against the plan romance writers use: four phases and their beats, and
where a slow burn usually crosses each threshold. Reading aids for the report, placed only
from what the analysis found (thresholds, moments, wins and losses); nothing is guessed.

The four phases (setup, falling in love, retreat, fighting for love) are the beat-sheet
convention of romance craft books: each is about a quarter of the story. A beat is placed at
the first detected event that plays it, or marked missing.

>>> d = {"thresholds": [{"kind": "first_meeting", "position": 0.05, "scene": 1,
...       "file": "a.fountain", "line": 9, "quote": "Hi."}], "moments": []}
>>> [(b.key, b.percent) for b in romance_beats(d)][:2]
[('meet', 5.0), ('spark', None)]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PHASES: list[tuple[str, float, float]] = [
    ("setup", 0.0, 25.0),
    ("falling_in_love", 25.0, 50.0),
    ("retreat", 50.0, 75.0),
    ("fighting_for_love", 75.0, 100.0),
]

# Where a slow burn usually crosses each first threshold, in % of the story's words: the
# meeting early, touch in the first third, the kiss and the confession held past the middle
# (``ROM-EARLY`` flags a kiss in the first fifth), the yes at the end.
SLOW_BURN_RANGES: dict[str, tuple[float, float]] = {
    "first_meeting": (0.0, 10.0),
    "first_touch": (10.0, 35.0),
    "hand_hold": (25.0, 60.0),
    "embrace": (30.0, 70.0),
    "kiss": (50.0, 85.0),
    "confession": (50.0, 85.0),
    "rejection": (50.0, 80.0),
    "breakup": (50.0, 85.0),
    "reconciliation": (75.0, 95.0),
    "proposal": (85.0, 100.0),
    "acceptance": (85.0, 100.0),
}
# the thresholds a slow burn is expected to reach: shown as missing when the draft has none
EXPECTED = ("first_meeting", "first_touch", "kiss", "confession", "acceptance")


@dataclass(frozen=True, slots=True)
class Beat:
    """One beat of the romance: its phase, and where the draft plays it (None: missing)."""

    key: str
    phase: int  # index into PHASES
    percent: float | None = None
    scene: int | None = None
    file: str | None = None
    line: int | None = None
    quote: str = ""
    source: str = ""  # what was found: a threshold kind, a moment kind, "loss"

    @property
    def found(self) -> bool:
        return self.percent is not None


Record = dict[str, Any]


def _thresholds(d: Record, *kinds: str, after: float = -1.0) -> list[Record]:
    return [
        t
        for t in d.get("thresholds") or []
        if t.get("kind") in kinds and float(t.get("position") or 0) > after
    ]


def _moments(d: Record, *kinds: str, after: float = -1.0) -> list[Record]:
    return [
        m
        for m in d.get("moments") or []
        if set(m.get("kinds") or []) & set(kinds) and float(m.get("position") or 0) > after
    ]


def _losses(d: Record, after: float) -> list[Record]:
    momentum = d.get("momentum") or {}
    events = [*momentum.get("turning_points", []), *momentum.get("arrivals", [])]
    return sorted(
        (e for e in events if e.get("kind") == "loss" and float(e.get("position") or 0) > after),
        key=lambda e: float(e.get("position") or 0),
    )


def _first(records: list[Record]) -> Record | None:
    return min(records, key=lambda r: float(r.get("position") or 0), default=None)


def _last(records: list[Record]) -> Record | None:
    return max(records, key=lambda r: float(r.get("position") or 0), default=None)


def _beat(key: str, phase: int, record: Record | None, source: str = "") -> Beat:
    if record is None:
        return Beat(key, phase)
    evidence = record.get("evidence") or [{}]
    return Beat(
        key,
        phase,
        percent=round(100 * float(record.get("position") or 0), 1),
        scene=record.get("scene"),
        file=record.get("file") or evidence[0].get("file"),
        line=record.get("line"),
        quote=str(record.get("quote") or ""),
        source=source or str(record.get("kind") or ",".join(record.get("kinds") or [])),
    )


def romance_beats(d: Record) -> list[Beat]:
    """The beats of the romance in the analysis ``d`` (its JSON form), in phase order. A line
    of the draft plays one beat at most (the earliest beat that claims it)."""
    found: dict[str, Beat] = {}
    used: set[tuple[Any, Any]] = set()

    def fresh(records: list[Record]) -> list[Record]:
        return [r for r in records if (r.get("scene"), r.get("line")) not in used]

    def place(key: str, phase: int, *tries: Callable[[], Record | None]) -> None:
        for attempt in tries:
            record = attempt()
            if record is not None:
                used.add((record.get("scene"), record.get("line")))
                found[key] = _beat(key, phase, record)
                return
        found[key] = Beat(key, phase)

    love = _first(_thresholds(d, "kiss", "confession"))
    before_love = float(love["position"]) if love else 2.0

    place("meet", 0, lambda: _first(fresh(_thresholds(d, "first_meeting"))))
    place(
        "spark",
        0,
        lambda: _first(
            [
                m
                for m in fresh(_moments(d, "attraction") + _tagged(d, *SPARK_TAGS))
                if float(m.get("position") or 0) < before_love
            ]
        ),
    )
    place(
        "first_touch",
        1,
        lambda: _first(fresh(_thresholds(d, "first_touch", "hand_hold", "embrace"))),
    )
    place(
        "deepening", 1, lambda: _first(fresh(_moments(d, "vulnerability", "quiet_understanding")))
    )
    place("midpoint_of_love", 1, lambda: _first(fresh(_thresholds(d, "kiss", "confession"))))
    place(
        "retreat",
        2,
        lambda: _first(fresh(_thresholds(d, "rejection", "breakup", after=0.4))),
        lambda: _first([e for e in fresh(_losses(d, after=0.45)) if e["position"] < 0.9]),
    )
    place(
        "grand_gesture",
        3,
        lambda: _first(fresh(_thresholds(d, "reconciliation", "proposal", after=0.6))),
        lambda: _first(fresh(_moments(d, "choice", after=0.7))),
    )
    place(
        "together",
        3,
        lambda: _first(fresh(_thresholds(d, "acceptance"))),
        lambda: _last(fresh(_thresholds(d, "kiss", "embrace", after=0.75))),
    )
    return [found[k] for k in BEAT_ORDER]


BEAT_ORDER = (
    "meet",
    "spark",
    "first_touch",
    "deepening",
    "midpoint_of_love",
    "retreat",
    "grand_gesture",
    "together",
)
SPARK_TAGS = ("lingering_gaze", "brush_of_hands")


def _tagged(d: Record, *tags: str) -> list[Record]:
    return [m for m in d.get("moments") or [] if set(m.get("tags") or []) & set(tags)]


def slow_burn_rows(d: Record) -> list[tuple[str, Record | None, tuple[float, float] | None]]:
    """(threshold kind, where it first falls or None, usual range in %) for the slow-burn
    timeline: every first threshold found, and the expected ones that are missing."""
    profile = d.get("slow_burn") or {}
    kinds = list(profile) + [k for k in EXPECTED if k not in profile]
    kinds.sort(key=lambda k: profile[k]["percent"] if k in profile else 101.0)
    return [(k, profile.get(k), SLOW_BURN_RANGES.get(k)) for k in kinds]
