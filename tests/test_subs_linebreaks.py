"""Line breaks a subtitler would keep: 40 real English and 40 real Korean lines from the dev
fixtures, each break judged by reading (``tests/data/subs/linebreaks_judged.tsv``)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dramaturg.subtitles.reflow import best_lines, split_text

JUDGED = Path(__file__).parent / "data" / "subs" / "linebreaks_judged.tsv"
LIMITS = {"en": (42, "plain"), "ko": (16, "cjk")}


def _rows() -> list[dict[str, str]]:
    with JUDGED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def layout(text: str, lang: str) -> str:
    """What ``subs fix`` makes of a too-long line: two lines (`` / ``), or, when no break
    is good enough, two cues (`` | ``) each laid out on its own."""
    max_len, method = LIMITS[lang]
    lines = best_lines(text, max_len, method, lang)
    if lines is not None:
        return " / ".join(lines)
    halves = split_text(text, method, lang)
    assert halves is not None
    return " | ".join(" / ".join(best_lines(h, max_len, method, lang) or [h]) for h in halves)


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['lang']}{r['n']}")
def test_judged_line_still_breaks_as_judged(row: dict[str, str]) -> None:
    assert layout(row["text"], row["lang"]) == row["layout"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_at_least_36_of_40_breaks_are_good(lang: str) -> None:
    rows = [r for r in _rows() if r["lang"] == lang]
    assert len(rows) == 40
    assert sum(r["verdict"] == "good" for r in rows) >= 36
