"""Turning points vs arrivals after wins, losses and romantic thresholds."""

from __future__ import annotations

from dramaturg.analyze.findings import collapse
from dramaturg.analyze.momentum import analyze_momentum
from engine_fixtures import file_lines, make_story

CALM = "They spoke about the garden walls and the price of the new lamps for the hall."
JOY = "She was overjoyed and delighted; he loved her, and they laughed with joy and hope."
TROUBLE = (
    "Suddenly a letter came with the truth: her father had a gun, and he threatened to "
    "ruin them! I have to stop him, she said. Run! Danger everywhere, blood and screams."
)


def _story(after: str):
    scenes = [[CALM] * 3] * 3 + [[JOY] * 3] + [[after] * 3] * 3 + [[CALM] * 3] * 9
    return make_story([scenes])


def test_win_followed_by_calm_scenes_is_an_arrival_but_no_finding() -> None:
    # a mood swing read from word lists is shown, but no event a writer can be held to
    result = analyze_momentum(_story(CALM))
    win = next(m for m in result.moments if m.kind == "win")
    assert win.scene == 3 and win.verdict == "arrival"
    assert result.findings == []


def test_a_threshold_followed_by_calm_scenes_is_an_arrival_with_quotes() -> None:
    story = _story(CALM)
    result = analyze_momentum(story, thresholds=[{"kind": "kiss", "scene": 3, "line": 19}])
    (finding,) = [f for f in result.findings if f.code == "ENG-ARRIVAL"]
    lines = file_lines(story)
    for ev in finding.evidence:
        assert ev.quote in collapse(lines[ev.line - 1])
    assert finding.evidence[0].quote == JOY
    assert finding.evidence[0].line == 19  # scene 4, first paragraph
    assert len(finding.evidence) >= 3  # the moment and the scenes after it


def test_a_newcomer_or_a_parting_after_a_threshold_makes_it_a_turning_point() -> None:
    story = _story(CALM)
    kiss = [{"kind": "kiss", "scene": 3, "line": 19}]
    couple = ("Ann", "Ben")
    ever = {i: {"Ann", "Ben"} for i in range(16)}
    assert analyze_momentum(story, kiss, on_page=ever, couple=couple).findings
    rival = {i: ({"Ann", "Ben", "Cora"} if i >= 5 else {"Ann", "Ben"}) for i in range(16)}
    result = analyze_momentum(story, kiss, on_page=rival, couple=couple)
    moment = next(m for m in result.moments if m.kind == "threshold:kiss")
    assert moment.verdict == "turning point" and moment.changes == ["Cora comes on the page"]
    assert result.findings == []
    apart = {i: ({"Ann"} if i in (4, 5, 6) else {"Ann", "Ben"}) for i in range(16)}
    moment = next(
        m
        for m in analyze_momentum(story, kiss, on_page=apart, couple=couple).moments
        if m.kind == "threshold:kiss"
    )
    assert moment.changes == ["Ben leaves the page"]


def test_a_rivals_proposal_after_a_threshold_makes_it_a_turning_point() -> None:
    story = _story(CALM)
    kiss = [{"kind": "kiss", "scene": 3, "line": 19}]
    couple = ("Ann", "Ben")
    ever = {i: {"Ann", "Ben", "Cora"} for i in range(16)}
    rivals = {5: "a proposal between Ann and Cora"}
    result = analyze_momentum(story, kiss, on_page=ever, couple=couple, rivals=rivals)
    moment = next(m for m in result.moments if m.kind == "threshold:kiss")
    assert moment.verdict == "turning point"
    assert moment.changes == ["a proposal between Ann and Cora"]
    assert result.findings == []
    far = {15: "a proposal between Ann and Cora"}  # long after: the kiss still lands flat
    assert analyze_momentum(story, kiss, on_page=ever, couple=couple, rivals=far).findings


def test_the_rival_scenes_are_where_one_of_the_couple_crosses_a_threshold_with_another() -> None:
    from dramaturg.analyze.romance import analyze_romance
    from romance_helpers import prose

    story = prose(
        [
            ["Mina met Joon at the bus stop; they were introduced by her aunt, and Mina smiled."],
            ["Tae came to the house. Tae kissed Mina, and she let him."],
            ["Mina walked with Joon by the river, and Joon took her hand."],
        ]
    )
    romance = analyze_romance(story, couple=("Mina", "Joon"))
    rivals = romance.rival_scenes()
    scene = romance.cast.refs[1].scene.index
    assert list(rivals) == [scene] and rivals[scene] == "a kiss between Mina and Tae"


def test_a_threshold_told_in_the_past_perfect_is_backstory() -> None:
    told = "Eight years before, she had accepted him, and then she had given him up."
    scenes = [[CALM] * 3] * 3 + [[told] * 3] + [[CALM] * 3] * 12
    story = make_story([scenes])
    result = analyze_momentum(story, [{"kind": "acceptance", "scene": 3, "line": 19}])
    moment = next(m for m in result.moments if m.kind == "threshold:acceptance")
    assert moment.verdict == "backstory" and result.findings == []


def test_win_followed_by_new_trouble_is_a_turning_point() -> None:
    result = analyze_momentum(_story(TROUBLE))
    win = next(m for m in result.moments if m.kind == "win")
    assert win.verdict == "turning point"
    assert not [f for f in result.findings if f.data.get("scene") == 3]


def test_thresholds_are_taken_as_kind_and_scene_index() -> None:
    story = _story(CALM)
    result = analyze_momentum(story, thresholds=[("first_touch", 1), ("kiss", 99)])
    kinds = {m.kind for m in result.moments}
    assert "threshold:first_touch" in kinds
    assert not any(m.kind == "threshold:kiss" for m in result.moments)  # outside the story


def test_arrival_in_the_final_quarter_is_not_a_finding() -> None:
    scenes = [[CALM] * 3] * 13 + [[JOY] * 3] + [[CALM] * 3] * 3
    result = analyze_momentum(make_story([scenes]), thresholds=[{"kind": "kiss", "scene": 14}])
    assert all(m.position >= 0.75 for m in result.moments if m.verdict == "arrival")
    assert result.findings == []


def test_moment_at_the_very_end_is_not_judged() -> None:
    scenes = [[CALM] * 3] * 8 + [[JOY] * 3]
    result = analyze_momentum(make_story([scenes]), thresholds=[("confession", 8)])
    assert {m.verdict for m in result.moments if m.scene == 8} == {"ending"}


def test_threshold_on_a_peak_gives_one_finding_naming_both() -> None:
    result = analyze_momentum(_story(CALM), thresholds=[("kiss", 3)])
    (finding,) = result.findings
    assert finding.data["kinds"] == ["threshold:kiss", "win"]
    assert "kiss and emotional win" in finding.message


def test_romance_records_with_scene_index_and_line_are_accepted() -> None:
    from dataclasses import dataclass

    @dataclass
    class Record:
        kind: str
        scene_index: int
        part_index: int
        line: int

    story = _story(CALM)
    result = analyze_momentum(story, thresholds=[Record("confession", 5, 0, 33)])
    moment = next(m for m in result.moments if m.kind == "threshold:confession")
    assert moment.scene == 5
    assert moment.evidence[0].line == 33  # the line given, not the scene start
