"""Lens: grounded K-drama pole vs fantastical anime pole, and the slow-burn index."""

from __future__ import annotations

import pytest

from dramaturg.analyze.findings import collapse
from dramaturg.analyze.lens import analyze_lens
from engine_fixtures import file_lines, make_story
from shared_data import SHARED_DATA

GROUNDED = [
    "She took the bus to the office and bought coffee at the convenience store.",
    "Her mother called about the rent; her boss wanted the report by lunch.",
    "After work they shared ramen at a small restaurant near the subway.",
]
FANTASY = [
    "The wizard raised his wand and a portal opened above the kingdom of Eldoria.",
    "Demons poured through; the chosen one drew her sword as the prophecy foretold.",
    "In the realm beyond, the dragon guarded the ancient runes of Xal'thar.",
]


def test_everyday_draft_sits_at_the_kdrama_pole() -> None:
    lens = analyze_lens(make_story([[GROUNDED] * 4]))
    assert lens.pole == "k-drama"
    assert lens.score < 0.35
    assert {t.term for t in lens.grounded_terms} >= {"bus", "office", "coffee"}


def test_fantastical_draft_sits_at_the_anime_pole_with_evidence() -> None:
    story = make_story([[FANTASY] * 4])
    lens = analyze_lens(story)
    assert lens.pole == "anime" and lens.score > 0.65
    terms = {t.term: t for t in lens.fantastical_terms}
    assert {"wizard", "portal", "dragon"} <= set(terms)
    assert any(t.category == "invented_name" for t in lens.fantastical_terms)
    lines = file_lines(story)
    for t in lens.fantastical_terms:
        assert t.evidence.quote in collapse(lines[t.evidence.line - 1])
    assert lens.exposition_density > 0.5


def test_slow_burn_comes_from_first_touch_and_declaration() -> None:
    story = make_story([[GROUNDED] * 10])
    lens = analyze_lens(story, thresholds=[("first_touch", 5), ("confession", 8)])
    assert lens.first_touch == pytest.approx(0.5)
    assert lens.first_declaration == pytest.approx(0.8)
    assert lens.slow_burn == pytest.approx(0.65)


def test_fast_burn_pulls_toward_the_anime_end() -> None:
    story = make_story([[GROUNDED] * 10])
    slow = analyze_lens(story, thresholds=[("first_touch", 8), ("confession", 9)])
    fast = analyze_lens(story, thresholds=[("first_touch", 0), ("kiss", 1)])
    assert fast.score > slow.score


def test_without_thresholds_there_is_no_slow_burn_index() -> None:
    assert analyze_lens(make_story([[GROUNDED]])).slow_burn is None


def test_austen_reads_as_grounded() -> None:
    path = SHARED_DATA / "novels/persuasion.txt"
    if not path.exists():
        pytest.skip("dev novels not present")
    from dramaturg.read import read

    lens = analyze_lens(read(path))
    assert lens.pole == "k-drama"
    assert lens.fantastical < 0.1
