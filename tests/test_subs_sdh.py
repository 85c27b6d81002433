"""SDH / closed captions: speaker and sound lines are layout, not dialogue or errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dramaturg.cli.subtitles import main
from dramaturg.subtitles.io import load, loads
from dramaturg.subtitles.profiles import load_profile
from dramaturg.subtitles.qc import check
from dramaturg.subtitles.sdh import conventions_of, detect_sdh, line_role

DATA = Path(__file__).parent / "data" / "subs"
KO = conventions_of(load_profile("netflix-ko").sdh)
EN = conventions_of(load_profile("netflix-en").sdh)


def _rules(text: str, profile: str, **kw: object) -> set[str]:
    srt = f"1\n00:00:01,000 --> 00:00:04,000\n{text}\n"
    return {f.rule for f in check(loads(srt, "t.srt"), load_profile(profile, sdh=True), **kw)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("(진아)", "speaker"),
        ("- (진아)", "speaker"),
        ("[문 닫히는 소리]", "sound"),
        ("(문 닫히는 소리)", "sound"),
        ("(한숨)", "sound"),
        ("♪", "sound"),
        ("(진아) 어디 가?", "dialogue"),
        ("어디 가?", "dialogue"),
    ],
)
def test_korean_lines_have_their_sdh_role(line: str, role: str) -> None:
    assert line_role(line, KO) == role


@pytest.mark.parametrize(
    ("line", "role"),
    [("[JIN-A]", "speaker"), ("MAN:", "speaker"), ("[door slams]", "sound"), ("Hi.", "dialogue")],
)
def test_english_lines_have_their_sdh_role(line: str, role: str) -> None:
    assert line_role(line, EN) == role


def test_speaker_line_does_not_count_as_a_dialogue_line() -> None:
    assert _rules("(진아)\n회사 일이 너무 많아서\n계속 야근이었어", "netflix-ko") == set()


def test_speaker_line_above_one_short_line_is_not_one_line() -> None:
    assert "GEN-ONE-LINE" not in _rules("(진아)\n그러게요", "netflix-ko")


def test_sound_line_above_dialogue_is_not_one_line() -> None:
    assert "GEN-ONE-LINE" not in _rules("[door slams]\nWho is it?", "netflix-en")


def test_two_labelled_speakers_are_not_joined_into_one_line() -> None:
    assert "GEN-ONE-LINE" not in _rules("(진아) 응\n(민준) 왜?", "netflix-ko")


def test_three_dialogue_lines_are_one_finding_not_two() -> None:
    assert _rules("하나\n둘\n셋", "netflix-ko") == {"GEN-MAX-LINES"}


def test_korean_speaker_names_in_parentheses_are_right() -> None:
    assert "KO-SDH-BRACKETS" not in _rules("(진아) 어디 가?", "netflix-ko")
    assert "KO-SDH-BRACKETS" not in _rules("(진아)\n어디 가?", "netflix-ko")


def test_korean_sound_in_parentheses_belongs_in_square_brackets() -> None:
    assert "KO-SDH-BRACKETS" in _rules("(문 닫히는 소리)", "netflix-ko")


def test_english_speaker_id_in_parentheses_is_flagged() -> None:
    assert "EN-SDH-BRACKETS" in _rules("(JOHN) Hi.", "netflix-en")


GAP = "1\n00:00:01,000 --> 00:00:03,000\n가자\n\n2\n00:00:03,300 --> 00:00:05,000\n어디로?\n"


def test_chain_gap_is_silent_without_a_shot_change_list() -> None:
    assert "GEN-CHAIN-GAP" not in {f.rule for f in check(loads(GAP, "t.srt"), "netflix-ko")}


def test_chain_gap_is_reported_when_the_list_has_no_cut_in_the_gap() -> None:
    found = check(loads(GAP, "t.srt"), "netflix-ko", shot_changes=[10_000])
    assert "GEN-CHAIN-GAP" in {f.rule for f in found}


def test_chain_gap_that_holds_a_shot_change_is_right() -> None:
    found = check(loads(GAP, "t.srt"), "netflix-ko", shot_changes=[3_200])
    assert "GEN-CHAIN-GAP" not in {f.rule for f in found}


def test_sdh_is_detected_from_speaker_and_sound_lines() -> None:
    assert detect_sdh(load(DATA / "ko_sdh.srt"), KO)
    assert detect_sdh(load(DATA / "en_sdh.srt"), EN)
    assert not detect_sdh(load(DATA / "golden_ko.srt"), KO)


def test_sdh_is_detected_from_ttml_text_type() -> None:
    subs = load(DATA / "ko_sdh_cc.ttml")
    assert subs.text_type == "CC"
    subs.cues = [c for c in subs.cues if "(" not in c.text and "[" not in c.text]
    assert detect_sdh(subs, KO)


@pytest.mark.parametrize(
    ("name", "profile"),
    [("ko_sdh.srt", "netflix-ko"), ("ko_sdh_cc.ttml", "netflix-ko"), ("en_sdh.srt", "netflix-en")],
)
def test_clean_sdh_file_has_no_findings(name: str, profile: str) -> None:
    assert check(load(DATA / name), load_profile(profile, sdh=True)) == []


def test_cli_detects_sdh_and_names_the_encoding(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["subs", "check", str(DATA / "ko_sdh.srt"), "--profile", "netflix-ko", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    (info,) = out["inputs"]
    assert (info["sdh"], info["sdh_detected"], info["encoding"]) == (True, True, "utf-8")
    assert out["summary"]["profile"] == "netflix-ko (sdh)"


def test_cli_no_sdh_turns_detection_off(capsys: pytest.CaptureFixture[str]) -> None:
    main(
        ["subs", "check", str(DATA / "ko_sdh.srt"), "--profile", "netflix-ko", "--no-sdh", "--json"]
    )
    assert json.loads(capsys.readouterr().out)["inputs"][0]["sdh"] is False


def test_cli_checks_every_subtitle_file_in_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("ko_sdh.srt", "ko_sdh_cc.ttml"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    (tmp_path / "notes.md").write_text("not a subtitle", encoding="utf-8")
    assert main(["subs", "check", str(tmp_path), "--profile", "netflix-ko", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [Path(i["file"]).name for i in out["inputs"]] == ["ko_sdh.srt", "ko_sdh_cc.ttml"]


def test_cli_terminal_summary_names_the_encoding(capsys: pytest.CaptureFixture[str]) -> None:
    main(["subs", "check", str(DATA / "ko_sdh.srt"), "--profile", "netflix-ko"])
    assert "srt, utf-8, 12 cues, SDH (detected)" in capsys.readouterr().out
