"""Emotional arc: valence (VADER) and tension per scene and part, smoothing, peaks, valleys."""

from __future__ import annotations

import pytest

from dramaturg.analyze.arc import analyze_arc, prominent_extremes, smooth, smoothing_window
from dramaturg.text.sentences import sentences
from dramaturg.text.valence import compound
from engine_fixtures import make_story
from shared_data import SHARED_DATA

NOVELS = SHARED_DATA / "novels"
CALM = "They spoke about the garden walls and the price of the new lamps for the hall."
JOY = "She was overjoyed and delighted; he loved her, and they laughed with joy and hope."
GRIEF = "She wept in despair and misery; the loss was terrible, cruel and hopeless."
DANGER = "Run! He has a gun! The fire is spreading. Blood on the floor. Hurry!"


def test_valence_port_matches_vader_on_a_real_novel() -> None:
    path = NOVELS / "persuasion.txt"
    if not path.exists():
        pytest.skip("dev novels not present")
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    text = path.read_text(encoding="utf-8-sig")
    sample = [s for para in text.split("\n\n")[:1500] for s in sentences(para)]
    sample += ["NOT bad at all!!", "It was kind of good but the ending sucked.", "💘 yes"]
    assert len(sample) > 2000
    for s in sample:
        assert compound(s) == vader.polarity_scores(s)["compound"], s


def test_joyful_scene_has_higher_valence_than_grieving_scene() -> None:
    story = make_story([[[JOY] * 3, [GRIEF] * 3]])
    arc = analyze_arc(story)
    assert arc.scenes[0].valence > 0.3
    assert arc.scenes[1].valence < -0.3


def test_a_one_line_scene_is_pulled_toward_the_story_mood() -> None:
    story = make_story([[[JOY] * 6, [GRIEF]]])
    arc = analyze_arc(story)
    assert abs(arc.scenes[1].valence) < 0.5 * abs(arc.scenes[0].valence)


def test_danger_scene_has_the_most_tension() -> None:
    story = make_story([[[CALM] * 3, [DANGER] * 3, [CALM] * 3]])
    arc = analyze_arc(story)
    tensions = [s.tension for s in arc.scenes]
    assert tensions[1] == 1.0
    assert tensions[0] == tensions[2] < 0.4


def test_part_arc_is_word_weighted_over_its_scenes() -> None:
    story = make_story([[[JOY] * 3], [[GRIEF] * 3, [GRIEF] * 3]])
    arc = analyze_arc(story)
    assert [p.part for p in arc.parts] == [1, 2]
    assert arc.parts[0].valence > 0 > arc.parts[1].valence


def test_win_and_loss_are_found_as_peak_and_valley_with_quotes() -> None:
    scenes = [[CALM] * 3] * 3 + [[JOY] * 3] + [[CALM] * 3] * 4 + [[GRIEF] * 3] + [[CALM] * 3] * 3
    story = make_story([scenes])
    arc = analyze_arc(story)
    assert [p.scene for p in arc.peaks] == [3]
    assert [v.scene for v in arc.valleys] == [8]
    assert arc.peaks[0].evidence is not None and arc.peaks[0].evidence.quote == JOY
    assert arc.peaks[0].evidence.line == 19
    assert arc.scenes[3].extreme == "peak"


def test_smoothing_keeps_length_and_flattens_a_spike() -> None:
    values = [0.0, 0.0, 3.0, 0.0, 0.0]
    out = smooth(values, 3)
    assert len(out) == 5
    assert out[2] == pytest.approx(1.0)
    assert out[0] == 0.0


def test_smoothing_window_is_odd_and_grows_with_the_story() -> None:
    assert smoothing_window(3) == 1
    assert all(smoothing_window(n) % 2 == 1 for n in range(5, 400))
    assert smoothing_window(55) < smoothing_window(300)


def test_flat_series_has_no_extremes() -> None:
    assert prominent_extremes([0.2] * 8, 0.01) == []


def test_arc_dict_has_the_documented_fields() -> None:
    story = make_story([[[JOY], [CALM], [GRIEF], [CALM], [JOY]]])
    d = analyze_arc(story).to_dict()
    row = d["scenes"][0]
    for key in ("part", "scene", "valence", "tension", "valence_smooth", "tension_smooth"):
        assert key in row
    assert {"peaks", "valleys", "parts"} <= set(d)
