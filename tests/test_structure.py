"""Structure: inciting incident, plot points, midpoint and climax located from the arc."""

from __future__ import annotations

from dramaturg.analyze.structure import analyze_structure
from dramaturg.read.fountain import parse
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


def test_located_points_are_estimates_never_findings() -> None:
    # the word-list arc's "first plot point" is a guess; a finding must be a fact
    structure = analyze_structure(make_story([_shaped()]))
    assert structure.story is not None
    assert any(not p.in_range for p in structure.story.points)
    assert structure.findings == []


def _script(acts: list[tuple[str, int]]) -> str:
    """A Fountain script: each act heading followed by that many scenes of action."""
    out = ["Title: Acts", ""]
    n = 0
    for heading, scenes in acts:
        if heading:
            out += [heading, ""]
        for _ in range(scenes):
            n += 1
            out += [f"INT. ROOM {n} - DAY", "", f"{CALM} They count to {n}.", ""]
    return "\n".join(out) + "\n"


def _acts(text: str) -> tuple[list[int], list[str]]:
    structure = analyze_structure(parse(text, "acts.fountain"))
    return [a.number for a in structure.acts], [f.message for f in structure.findings]


def test_a_first_act_that_runs_long_is_found_at_the_writers_own_heading() -> None:
    numbers, messages = _acts(
        _script([("# ACT I", 10), ("# ACT II: A New Day", 6), ("# ACT III", 4)])
    )
    assert numbers == [1, 2, 3]
    assert len(messages) == 1 and "ACT II: A New Day starts at 50%" in messages[0]
    assert "first act runs long" in messages[0]


def test_acts_in_their_usual_places_raise_nothing() -> None:
    numbers, messages = _acts(_script([("# ACT ONE", 5), ("# ACT TWO", 10), ("# ACT THREE", 5)]))
    assert numbers == [1, 2, 3] and messages == []


def test_an_uneven_act_of_a_tv_hour_stands_out_and_end_of_act_lines_are_no_acts() -> None:
    text = _script(
        [("ACT ONE", 4), ("END OF ACT ONE", 0), ("ACT TWO", 4), ("ACT THREE", 12), ("ACT FOUR", 4)]
    )
    numbers, messages = _acts(text)
    assert numbers == [1, 2, 3, 4]
    assert len(messages) == 1 and messages[0].startswith("ACT THREE takes 4")


def test_an_act_named_in_action_is_no_act_heading() -> None:
    text = _script([("", 6)]).replace(
        "They count to 3.", "They count to 3. Act two of the play begins on the radio."
    )
    assert _acts(text) == ([], [])


def test_each_long_enough_part_gets_its_own_shape() -> None:
    scenes = _shaped()
    story = make_story([scenes[:20], scenes[20:]], kind="episode")
    structure = analyze_structure(story)
    assert [s.part for s in structure.parts] == [1, 2]
    assert all(0 <= p.position <= 1 for s in structure.parts for p in s.points)


def test_too_short_a_story_has_no_shape() -> None:
    structure = analyze_structure(make_story([[[CALM]] * 3]))
    assert structure.story is None and structure.parts == []
