"""Korean captions of a finished show carry more than the show: the subtitler's credit line,
a translator's note, songs over the montage and the next episode's preview. None of them is
a hook, a threshold or a speaker.

The series (tests/data/korean/captions/night_store_e01.srt, e02.srt) was written for this
project: a night-shift clerk (하나) and a customer (준호). Episode 1 has an OST whose lyric sings
of a kiss while the two are on screen, a preview whose lines are a confession and a kiss, and
a credit line at the very end; episode 2 opens with a credit line, explains a word in a
translator's note ("사귀는" in it), and puts its credit line before a preview that breaks
the couple up. The couple's own kiss, confession and acceptance are all in episode 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dramaturg.analyze import Analysis, analyze
from dramaturg.read import read, read_series
from dramaturg.story import BlockKind, Story

SHOW = Path(__file__).parent / "data" / "korean" / "captions"
EP1, EP2 = SHOW / "night_store_e01.srt", SHOW / "night_store_e02.srt"


def _line(path: Path, text: str) -> int:
    """The 1-based line of ``text`` in a caption file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if text in ln)


def _blocks_with(story: Story, text: str) -> list[BlockKind]:
    return [b.kind for b in story.blocks() if text in b.text]


@pytest.fixture(scope="module")
def result() -> Analysis:
    return analyze(read_series([EP1, EP2]))


def test_credit_line_is_a_note_not_a_speaker() -> None:
    story = read(EP1)
    assert _blocks_with(story, "정다은") == [BlockKind.NOTE]
    assert "번역" not in story.characters


def test_credit_line_with_a_spaced_label_is_a_note() -> None:
    assert _blocks_with(read(EP2), "자막 제작") == [BlockKind.NOTE]


def test_preview_cues_are_notes() -> None:
    story = read(EP1)
    blocks = list(story.blocks())
    at = next(i for i, b in enumerate(blocks) if b.text == "다음 이야기")
    assert {b.kind for b in blocks[at:]} == {BlockKind.NOTE}
    assert blocks[at - 1].kind is BlockKind.LYRIC  # the ending song before the card


def test_sung_lines_are_lyrics_without_their_marks() -> None:
    story = read(EP1)
    lyric = next(b for b in story.blocks() if "입을 맞추는" in b.text)
    assert lyric.kind is BlockKind.LYRIC
    assert lyric.text == "너와 입을 맞추는 꿈을 꿔"
    assert lyric.raw.startswith("♪")


def test_translator_note_is_a_note() -> None:
    assert _blocks_with(read(EP2), "사귀는 사이") == [BlockKind.NOTE]


def test_a_cue_in_a_song_style_is_a_lyric(tmp_path: Path) -> None:
    ass = tmp_path / "ep01.ass"
    ass.write_text(
        "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\n"
        "Format: Name, Fontname, Fontsize\nStyle: Default,Arial,20\nStyle: Song,Arial,20\n\n"
        "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, "
        "Text\n"
        "Dialogue: 0,0:00:01.00,0:00:03.00,Song,,0,0,0,,너와 입을 맞추는 꿈을 꿔\n"
        "Dialogue: 0,0:00:04.00,0:00:06.00,Default,,0,0,0,,어디 가?\n",
        encoding="utf-8",
    )
    kinds = [b.kind for b in read(ass).blocks()]
    assert kinds == [BlockKind.LYRIC, BlockKind.DIALOGUE]


def test_english_credit_and_preview_are_notes(tmp_path: Path) -> None:
    srt = tmp_path / "ep01.srt"
    srt.write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nWhere are you going?\n\n"
        "2\n00:01:01,000 --> 00:01:03,000\nI'm leaving town.\n\n"
        "3\n00:01:05,000 --> 00:01:07,000\n[Next episode]\n\n"
        "4\n00:01:08,000 --> 00:01:10,000\nWill you marry me?\n\n"
        "5\n00:01:11,000 --> 00:01:13,000\nSubtitles by J. Kim\n",
        encoding="utf-8",
    )
    kinds = [b.kind for b in read(srt).blocks()]
    assert kinds == [BlockKind.DIALOGUE, BlockKind.DIALOGUE] + [BlockKind.NOTE] * 3


def test_a_lyric_is_never_the_first_kiss(result: Analysis) -> None:
    kiss = next(t for t in result.romance.thresholds if t.kind == "kiss")
    assert (kiss.evidence.file, kiss.evidence.line) == (str(EP2), _line(EP2, "키스해도 돼요?"))


def test_no_threshold_comes_from_a_song_a_note_or_a_preview(result: Analysis) -> None:
    story = result.story
    outside = {
        (b.span.file, n)
        for b in story.blocks()
        if b.kind in (BlockKind.LYRIC, BlockKind.NOTE)
        for n in range(b.span.line, b.span.end_line + 1)
    }
    found = {(t.evidence.file, t.evidence.line) for t in result.romance.thresholds}
    assert found and not found & outside
    assert "breakup" not in {t.kind for t in result.romance.thresholds}  # only the preview's


def test_the_first_meeting_is_a_line_not_a_sound_cue(result: Analysis) -> None:
    meeting = next(t for t in result.romance.thresholds if t.kind == "first_meeting")
    assert (meeting.evidence.file, meeting.evidence.line) == (str(EP1), _line(EP1, "어서 오세요"))


def test_confession_is_the_couples_own(result: Analysis) -> None:
    confession = next(t for t in result.romance.thresholds if t.kind == "confession")
    assert confession.evidence.file == str(EP2)


def test_hook_quotes_are_the_episodes_own_last_lines(result: Analysis) -> None:
    ep1, ep2 = result.engine.hooks.parts
    # episode 1 ends on its question; the song, preview and credit after it are not the cut
    assert (ep1.evidence.file, ep1.evidence.line) == (str(EP1), _line(EP1, "...뭐라고요?"))
    # episode 2's last scene (the call from the hospital), before its credit and preview
    assert ep2.evidence.file == str(EP2)
    assert _line(EP2, "[휴대폰 진동]") < ep2.evidence.line < _line(EP2, "번역: 정다은")


def _srt(cues: list[tuple[int, str]]) -> str:
    """An SRT of (start second, text) cues, two seconds each."""

    def ts(s: int) -> str:
        return f"{s // 3600:02}:{s // 60 % 60:02}:{s % 60:02},000"

    return "\n".join(
        f"{n}\n{ts(s)} --> {ts(s + 2)}\n{text}\n" for n, (s, text) in enumerate(cues, 1)
    )


def test_what_follows_the_ending_song_is_the_preview(tmp_path: Path) -> None:
    story_cues = [(60 * m, f"(하나) {m}분째 이야기예요") for m in range(1, 50)]
    song = [(3000 + 3 * i, f"♪ 불 꺼진 거리 끝에 {i} ♪") for i in range(4)]
    preview = [(3100, "(준호) 헤어져요, 우리"), (3104, "(하나) 뭐라고요?")]
    srt = tmp_path / "ep03.srt"
    srt.write_text(_srt(story_cues + song + preview), encoding="utf-8")
    kinds = [b.kind for b in read(srt).blocks()]
    assert kinds == [BlockKind.DIALOGUE] * 49 + [BlockKind.LYRIC] * 4 + [BlockKind.NOTE] * 2


def test_a_song_mid_episode_is_no_preview(tmp_path: Path) -> None:
    song = [(600 + 3 * i, f"♪ 불 꺼진 거리 끝에 {i} ♪") for i in range(4)]
    after = [(60 * m, f"(하나) {m}분째 이야기예요") for m in range(11, 50)]
    srt = tmp_path / "ep03.srt"
    srt.write_text(_srt(song + after), encoding="utf-8")
    assert BlockKind.NOTE not in {b.kind for b in read(srt).blocks()}


def test_a_webvtt_cue_in_a_lyrics_class_is_a_lyric(tmp_path: Path) -> None:
    vtt = tmp_path / "ep01.vtt"
    vtt.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<c.lyrics>너와 입을 맞추는 꿈을 꿔</c>\n\n"
        "00:00:04.000 --> 00:00:06.000\n<c.yellow>어디 가?</c>\n",
        encoding="utf-8",
    )
    assert [b.kind for b in read(vtt).blocks()] == [BlockKind.LYRIC, BlockKind.DIALOGUE]
