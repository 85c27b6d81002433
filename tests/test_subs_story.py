"""Subtitle files read as a story: speakers, sound cues, scenes at silences, source lines."""

from __future__ import annotations

from pathlib import Path

from dramaturg.read.subtitles import parse, sniff
from dramaturg.story import BlockKind

SRT = """1
00:00:01,000 --> 00:00:03,000
(진아) 어디 가?

2
00:00:03,500 --> 00:00:05,000
- 집에.
- 같이 가.

3
00:00:06,000 --> 00:00:08,000
[문 닫히는 소리]

4
00:00:20,000 --> 00:00:22,000
JIN-A: Wait for me!

5
00:00:22,500 --> 00:00:24,000
MAN:
Who are you?
"""


def _blocks(text: str = SRT) -> list:
    return list(parse(text, "ep3.srt").blocks())


def test_parenthesised_korean_name_is_the_speaker() -> None:
    b = _blocks()[0]
    assert (b.kind, b.speaker, b.text, b.span.line) == (BlockKind.DIALOGUE, "진아", "어디 가?", 3)


def test_dual_speaker_dashes_make_one_dialogue_per_line() -> None:
    two = _blocks()[1:3]
    assert [b.text for b in two] == ["집에.", "같이 가."]
    assert [b.span.line for b in two] == [7, 8]
    assert all(b.dual for b in two)


def test_sound_cue_is_action() -> None:
    b = _blocks()[3]
    assert (b.kind, b.text, b.span.line) == (BlockKind.ACTION, "[문 닫히는 소리]", 12)


def test_colon_label_is_the_speaker() -> None:
    b = _blocks()[4]
    assert (b.speaker, b.text) == ("JIN-A", "Wait for me!")


def test_label_alone_on_a_line_names_the_next_line() -> None:
    b = _blocks()[5]
    assert (b.speaker, b.text, b.span.line) == ("MAN", "Who are you?", 21)


def test_long_silence_starts_a_new_scene() -> None:
    story = parse(SRT, "ep3.srt")
    assert [len(s.blocks) for s in story.scenes] == [4, 2]
    assert story.parts[0].number == 3
    assert story.form == "subtitles"


def test_characters_are_recorded() -> None:
    assert set(parse(SRT, "ep3.srt").characters) == {"진아", "JIN-A", "MAN"}


def test_sniff_knows_subtitles_and_not_prose() -> None:
    assert sniff(SRT)
    assert sniff("\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\nhi\n")
    assert not sniff("INT. BUS STOP - NIGHT\n\nRain.\n")


def test_read_registry_reads_a_subtitle_file(tmp_path: Path) -> None:
    from dramaturg.read import read

    path = tmp_path / "show_e02.srt"
    path.write_bytes(SRT.encode("cp949"))
    story = read(path)
    assert story.language == "ko" and story.parts[0].number == 2
