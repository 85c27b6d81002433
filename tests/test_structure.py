"""Structure: inciting incident, plot points, midpoint and climax located from the arc."""

from __future__ import annotations

from dramaturg.analyze.structure import analyze_structure
from engine_fixtures import make_story

CALM = "They spoke about the garden walls and the price of the new lamps for the hall."
JOY = "She was overjoyed and delighted; he loved her, and they laughed with joy and hope."
GRIEF = "She wept in despair and misery; the loss was terrible, cruel and hopeless."
FIGHT = "He screamed that he would kill them! The gun fired. Blood, fire, terror. Run!"


def _shaped() -> list[list[str]]:
    """Forty scenes: quiet, a blow at 10%, a win mid-way, grief at 75%, a fight at 90%."""
    scenes = [[CALM] * 3 for _ in range(40)]
    scenes[4] = [GRIEF] * 3
    scenes[10] = [JOY] * 3
    scenes[20] = [JOY, FIGHT, GRIEF]
    scenes[30] = [GRIEF] * 3
    scenes[36] = [FIGHT] * 3
    return scenes


def test_points_come_in_order_with_quotes() -> None:
    structure = analyze_structure(make_story([_shaped()]))
    assert structure.story is not None
    names = [p.name for p in structure.story.points]
    assert names == ["inciting_incident", "plot_point_1", "midpoint", "plot_point_2", "climax"]
    positions = [p.position for p in structure.story.points]
    assert positions == sorted(positions)
    assert all(p.evidence and p.evidence.quote for p in structure.story.points)


def test_climax_is_the_most_tense_late_beat() -> None:
    structure = analyze_structure(make_story([_shaped()]))
    climax = structure.story.points[-1] if structure.story else None
    assert climax is not None and climax.evidence is not None
    assert climax.evidence.scene == 36
    assert climax.in_range


def test_midpoint_finds_the_mid_story_turn() -> None:
    structure = analyze_structure(make_story([_shaped()]))
    assert structure.story is not None
    mid = next(p for p in structure.story.points if p.name == "midpoint")
    assert mid.evidence is not None and mid.evidence.scene == 20


def test_out_of_range_points_are_information_findings() -> None:
    structure = analyze_structure(make_story([_shaped()]))
    assert all(str(f.severity) == "info" for f in structure.findings)
    assert all(f.code == "ENG-STRUCTURE" for f in structure.findings)
    off = {f.data["point"] for f in structure.findings}
    assert structure.story is not None
    assert off == {p.name for p in structure.story.points if not p.in_range}


def test_each_long_enough_part_gets_its_own_shape() -> None:
    scenes = _shaped()
    story = make_story([scenes[:20], scenes[20:]], kind="episode")
    structure = analyze_structure(story)
    assert [s.part for s in structure.parts] == [1, 2]
    assert all(0 <= p.position <= 1 for s in structure.parts for p in s.points)


def test_too_short_a_story_has_no_shape() -> None:
    structure = analyze_structure(make_story([[[CALM]] * 3]))
    assert structure.story is None and structure.parts == []
