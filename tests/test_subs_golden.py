"""Golden QC tests: every cue of the fixture breaks known rules; the exact ids are expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramaturg.subtitles.io import load, loads
from dramaturg.subtitles.profiles import load_profile
from dramaturg.subtitles.qc import check

DATA = Path(__file__).parent / "data" / "subs"

GOLDEN_KO = {
    1: {"GEN-MIN-DUR"},
    2: {"GEN-MAX-DUR"},
    3: {"GEN-ELLIPSIS"},
    4: {"KO-CPL"},
    5: {"KO-CPS"},
    6: {"KO-DUAL-SPEAKER"},
    7: {"KO-NO-ITALICS"},
    8: {"KO-END-PUNCT"},
    9: {"GEN-MAX-LINES"},
    10: {"GEN-WHITESPACE"},
    11: {"GEN-GLYPH"},
    12: {"GEN-MIN-GAP"},
    13: {"GEN-CHAIN-GAP"},
    15: {"GEN-OVERLAP"},
    17: {"GEN-NEG-DUR"},
    18: {"GEN-EMPTY"},
    20: {"KO-ACRONYM"},
}

GOLDEN_EN = {
    1: {"GEN-MIN-DUR"},
    2: {"GEN-MAX-DUR"},
    3: {"GEN-ELLIPSIS"},
    4: {"EN-CPL"},
    5: {"EN-CPS"},
    6: {"EN-DUAL-SPEAKER"},
    7: {"EN-ITALICS-TAGS"},
    8: {"EN-NUM-1-10"},
    9: {"EN-NUM-START"},
    10: {"EN-SDH-BRACKETS"},
    11: {"GEN-ONE-LINE"},
    12: {"GEN-MAX-LINES"},
    13: {"GEN-WHITESPACE"},
    14: {"GEN-GLYPH"},
    15: {"GEN-MIN-GAP"},
    16: {"GEN-CHAIN-GAP"},
    18: {"GEN-OVERLAP"},
    20: {"GEN-NEG-DUR"},
    21: {"GEN-EMPTY"},
}


def _by_cue(path: Path, profile: str) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    # an empty shot-change list: the picture has no cuts, so every small gap should be chained
    for f in check(load(path), load_profile(profile), shot_changes=[]):
        found.setdefault(f.index, set()).add(f.rule)
    return found


def test_korean_golden_file_breaks_exactly_the_expected_rules() -> None:
    assert _by_cue(DATA / "golden_ko.srt", "netflix-ko") == GOLDEN_KO


def test_korean_sdh_variant_adds_the_bracket_rule() -> None:
    found = check(load(DATA / "golden_ko.srt"), load_profile("netflix-ko", sdh=True))
    assert {f.index for f in found if f.rule == "KO-SDH-BRACKETS"} == {19}


def test_english_golden_file_breaks_exactly_the_expected_rules() -> None:
    assert _by_cue(DATA / "golden_en.srt", "netflix-en") == GOLDEN_EN


def _one(text: str, start: str = "00:00:01,000", end: str = "00:00:04,000") -> str:
    return f"1\n{start} --> {end}\n{text}\n"


def _rules(srt: str, profile: str, **kw: bool) -> set[str]:
    return {f.rule for f in check(loads(srt, "t.srt"), load_profile(profile, **kw))}


def test_korean_weighting_keeps_mixed_latin_line_under_16() -> None:
    assert _rules(_one("NETFLIX 드라마 K-DRAMA 최고야"), "netflix-ko") == set()


def test_korean_line_of_17_hangul_breaks_cpl() -> None:
    assert "KO-CPL" in _rules(_one("가" * 17), "netflix-ko")


def test_korean_tags_are_not_counted() -> None:
    assert "KO-CPL" not in _rules(_one("<font color=red>" + "가" * 16 + "</font>"), "netflix-ko")


@pytest.mark.parametrize(
    ("kw", "flagged"),
    [({}, False), ({"children": True}, True), ({"sdh": True}, False)],
)
def test_korean_reading_speed_limit_depends_on_variant(kw: dict[str, bool], flagged: bool) -> None:
    # 10 Hangul in 1 s = 10 cps: fine for adults (12), too fast for children (9).
    srt = _one("가나다라마 바사아자차", "00:00:01,000", "00:00:02,000")
    assert ("KO-CPS" in _rules(srt, "netflix-ko", **kw)) is flagged


def test_english_children_reading_speed_is_17() -> None:
    srt = _one("Eighteen characters", "00:00:01,000", "00:00:02,000")
    assert "EN-CPS" not in _rules(srt, "netflix-en")
    assert "EN-CPS" in _rules(srt, "netflix-en", children=True)


def test_gap_of_exactly_two_frames_is_clean() -> None:
    srt = "1\n00:00:01,000 --> 00:00:03,000\nOne.\n\n2\n00:00:03,083 --> 00:00:05,000\nTwo.\n"
    assert _rules(srt, "netflix-en") == set()


def test_fps_option_changes_the_two_frame_gap() -> None:
    srt = "1\n00:00:01,000 --> 00:00:03,000\nOne.\n\n2\n00:00:03,070 --> 00:00:05,000\nTwo.\n"
    subs = loads(srt, "t.srt")
    assert "GEN-MIN-GAP" in {f.rule for f in check(subs, "netflix-en", fps=23.976)}
    assert "GEN-MIN-GAP" not in {f.rule for f in check(subs, "netflix-en", fps=30)}


def test_findings_carry_file_line_and_times() -> None:
    f = check(loads(_one("Hi...", "00:00:01,000", "00:00:02,000"), "t.srt"), "netflix-en")[0]
    assert (f.rule, f.index, f.line, f.start, f.end, f.fixable) == (
        "GEN-ELLIPSIS", 1, 3, 1000, 2000, True,
    )  # fmt: skip


def test_user_profile_extends_a_builtin_one(tmp_path: Path) -> None:
    user = tmp_path / "studio.toml"
    user.write_text(
        'extends = "netflix-ko"\nname = "studio"\ndisable = ["KO-END-PUNCT"]\n'
        "[rules.KO-CPL]\nmax = 18\n",
        encoding="utf-8",
    )
    profile = load_profile(str(user))
    assert profile.rule("KO-CPL").params["max"] == 18
    assert profile.rule("KO-END-PUNCT") is None
    assert _rules(_one("가" * 17 + "."), str(user)) == set()


def test_profile_schema_names_exactly_the_checks_qc_implements():
    from dramaturg.subtitles.profiles import CHECK_NAMES
    from dramaturg.subtitles.qc import CHECKS

    assert set(CHECKS) == CHECK_NAMES
