"""The ``subs`` command line: exit codes, JSON shape, errors as one line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from dramaturg.cli.subtitles import add_subs_parser, main

DATA = Path(__file__).parent / "data" / "subs"
CLEAN = "1\n00:00:01,000 --> 00:00:03,000\n안녕하세요\n"


def test_add_subs_parser_registers_the_three_commands() -> None:
    parser = argparse.ArgumentParser(prog="dramaturg")
    add_subs_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["subs", "check", "a.srt", "--profile", "netflix-ko", "--json"])
    assert args.func.__name__ == "run_check" and args.json and args.files == ["a.srt"]
    assert (
        parser.parse_args(["subs", "convert", "a.srt", "-o", "b.vtt"]).func.__name__
        == "run_convert"
    )


def test_check_exit_0_when_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "clean.srt"
    path.write_text(CLEAN, encoding="utf-8")
    assert main(["subs", "check", str(path), "--profile", "netflix-ko"]) == 0


def test_check_json_lists_findings_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["subs", "check", str(DATA / "golden_ko.srt"), "--profile", "netflix-ko", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    first = out["findings"][0]
    assert {"rule", "index", "start", "end", "message", "severity", "fixable"} <= set(first)
    assert (first["rule"], first["index"], first["start"]) == ("GEN-MIN-DUR", 1, "00:00:01.000")
    assert out["summary"]["findings"] == len(out["findings"])


def test_check_error_is_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.srt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["subs", "check", str(bad), "--profile", "netflix-ko"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"dramaturg: error: {bad}: ") and err.count("\n") == 1


def test_unknown_profile_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["subs", "check", str(DATA / "golden_ko.srt"), "--profile", "nope"]) == 2
    assert "unknown profile" in capsys.readouterr().err


def test_convert_srt_to_vtt_and_ttml(tmp_path: Path) -> None:
    src = DATA / "ko_utf8.srt"
    assert main(["subs", "convert", str(src), "-o", str(tmp_path / "a.vtt")]) == 0
    assert (tmp_path / "a.vtt").read_text("utf-8").startswith("WEBVTT")
    assert main(["subs", "convert", str(src), "-o", str(tmp_path / "a.ttml")]) == 0
    from dramaturg.subtitles.io import load

    back = load(tmp_path / "a.ttml")
    assert [c.start for c in back.cues] == [c.start for c in load(src).cues]


def test_convert_with_encoding(tmp_path: Path) -> None:
    out = tmp_path / "a.srt"
    src = DATA / "ko_utf8.srt"
    assert main(["subs", "convert", str(src), "-o", str(out), "--encoding", "cp949"]) == 0
    assert "안녕하세요" in out.read_bytes().decode("cp949")


def test_convert_to_unknown_extension_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["subs", "convert", str(DATA / "ko_utf8.srt"), "-o", str(tmp_path / "a.doc")]) == 2
    assert not (tmp_path / "a.doc").exists()


def test_json_findings_are_exactly_finding_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    from dramaturg.subtitles.io import load
    from dramaturg.subtitles.qc import check

    main(["subs", "check", str(DATA / "golden_en.srt"), "--profile", "netflix-en", "--json"])
    out = json.loads(capsys.readouterr().out)
    expected = [f.to_dict() for f in check(load(DATA / "golden_en.srt"), "netflix-en")]
    assert out["findings"] == expected


def test_terminal_report_puts_the_summary_first(capsys: pytest.CaptureFixture[str]) -> None:
    main(["subs", "check", str(DATA / "golden_ko.srt"), "--profile", "netflix-ko"])
    lines = capsys.readouterr().out.splitlines()
    assert "finding(s) (" in lines[1] and "cue 1 [" in lines[2]
    assert "\033[" not in "".join(lines)  # no colour codes when not a terminal
