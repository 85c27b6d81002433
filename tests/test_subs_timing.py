"""Shot changes, sync shift and frame-rate change: the tools a QC desk uses daily."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramaturg.cli.subtitles import main
from dramaturg.errors import DramaturgError
from dramaturg.subtitles.fix import fix
from dramaturg.subtitles.io import load, loads
from dramaturg.subtitles.qc import check
from dramaturg.subtitles.shots import load_shot_changes, parse_shot_changes
from dramaturg.subtitles.timing import parse_offset, retime, shift
from shared_data import SHARED_DATA

AEGISUB = SHARED_DATA / "subtitles" / "files" / "aegisub"
needs_aegisub = pytest.mark.skipif(not AEGISUB.is_dir(), reason="shared fixtures absent")

TWO = (
    "1\n00:00:01,000 --> 00:00:03,000\nOne line here.\n\n"
    "2\n00:00:06,000 --> 00:00:08,000\nAnother line.\n"
)


@needs_aegisub
def test_aegisub_keyframes_use_the_declared_frame_rate() -> None:
    cuts = load_shot_changes(AEGISUB / "aegi.txt")
    assert cuts[:3] == [0, 10_000, 20_000]  # frames 0, 250, 500 at 25 fps


@needs_aegisub
def test_xvid_stats_give_the_i_frames() -> None:
    cuts = load_shot_changes(AEGISUB / "xvid.txt", fps=25)
    assert len(cuts) == 681 and cuts[0] == 0


@needs_aegisub
def test_xvid_stats_without_a_frame_rate_are_refused() -> None:
    with pytest.raises(DramaturgError, match="--fps"):
        load_shot_changes(AEGISUB / "xvid.txt")


@needs_aegisub
@pytest.mark.parametrize("name", ["garbage.txt", "v1_assume_30.txt", "empty.txt"])
def test_files_that_are_not_shot_change_lists_are_refused(name: str) -> None:
    with pytest.raises(DramaturgError):
        load_shot_changes(AEGISUB / name)


def test_plain_seconds_and_timecodes_are_read() -> None:
    assert parse_shot_changes("2.5\n00:00:04,250\n00:00:05:12\n", fps=24) == [2500, 4250, 5500]


def test_a_bad_line_is_named() -> None:
    with pytest.raises(DramaturgError) as err:
        parse_shot_changes("1.0\nfoo\n", "cuts.txt")
    assert str(err.value).startswith("cuts.txt:2: ")


def test_in_time_just_after_a_shot_change_is_reported() -> None:
    found = check(loads(TWO, "t.srt"), "netflix-en", shot_changes=[5_900])
    assert [(f.rule, f.index) for f in found] == [("SHOT-IN", 2)]


def test_out_time_on_a_shot_change_is_reported() -> None:
    found = check(loads(TWO, "t.srt"), "netflix-en", shot_changes=[3_000])
    assert [(f.rule, f.index) for f in found] == [("SHOT-OUT", 1)]


def test_times_two_frames_before_and_on_the_cut_are_right() -> None:
    found = check(loads(TWO, "t.srt"), "netflix-en", shot_changes=[3_084, 6_000])
    assert found == []


def test_shot_rules_are_silent_without_a_list() -> None:
    assert check(loads(TWO, "t.srt"), "netflix-en") == []


def test_fixer_snaps_to_shot_changes() -> None:
    fixed, changes = fix(loads(TWO, "t.srt"), "netflix-en", shot_changes=[3_000, 5_900])
    assert [(c.start, c.end) for c in fixed.cues] == [(1000, 3000 - 84), (5900, 8000)]
    assert {c.what for c in changes} == {"SHOT-IN", "SHOT-OUT"}
    assert check(fixed, "netflix-en", shot_changes=[3_000, 5_900]) == []


@pytest.mark.parametrize(
    ("text", "ms"),
    [("+1.250s", 1250), ("-00:00:02,000", -2000), ("750ms", 750), ("-2", -2000)],
)
def test_offsets_are_parsed(text: str, ms: int) -> None:
    assert parse_offset(text) == ms


def test_shift_from_a_time_moves_only_the_later_cues() -> None:
    moved = shift(loads(TWO, "t.srt"), 1500, from_ms=5000)
    assert [(c.start, c.end) for c in moved.cues] == [(1000, 3000), (7500, 9500)]


def test_shift_before_zero_is_an_error() -> None:
    with pytest.raises(DramaturgError, match="before 00:00:00"):
        shift(loads(TWO, "t.srt"), -2000)


def test_retime_scales_every_time_as_pysubs2_does() -> None:
    import pysubs2

    peer = pysubs2.SSAFile.from_string(TWO, format_="srt")
    peer.transform_framerate(25, 23.976)
    out = retime(loads(TWO, "t.srt"), 25, 23.976)
    assert [(c.start, c.end) for c in out.cues] == [(e.start, e.end) for e in peer.events]


def test_cli_shift_writes_the_output(tmp_path: Path) -> None:
    src = tmp_path / "a.srt"
    src.write_text(TWO, encoding="utf-8")
    out = tmp_path / "b.srt"
    assert main(["subs", "shift", str(src), "--by", "+1.250s", "-o", str(out)]) == 0
    assert [c.start for c in load(out).cues] == [2250, 7250]


def test_cli_retime_in_place_keeps_the_first_backup(tmp_path: Path) -> None:
    src = tmp_path / "a.srt"
    src.write_text(TWO, encoding="utf-8")
    assert main(["subs", "retime", str(src), "--fps", "23.976:25", "--in-place"]) == 0
    assert main(["subs", "retime", str(src), "--fps", "23.976:25", "--in-place"]) == 0
    assert (tmp_path / "a.srt.bak").read_text(encoding="utf-8") == TWO
    assert (tmp_path / "a.srt.bak.1").exists()


def test_cli_bad_offset_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "a.srt"
    src.write_text(TWO, encoding="utf-8")
    out = tmp_path / "b.srt"
    assert main(["subs", "shift", str(src), "--by", "soon", "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith("dramaturg: error: not a time offset")
    assert not out.exists()


def test_cli_check_with_shot_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.srt"
    src.write_text(TWO, encoding="utf-8")
    cuts = tmp_path / "cuts.txt"
    cuts.write_text("3.0\n", encoding="utf-8")
    args = ["subs", "check", str(src), "--profile", "netflix-en", "--shot-changes", str(cuts)]
    assert main(args) == 1
    assert "SHOT-OUT" in capsys.readouterr().out
