"""Korean subtitles of a finished show, speaker labels as in Netflix Korean captions
(``(서윤) 대사``), analysed as a series: the couple and thresholds come out in Korean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dramaturg.cli import main
from dramaturg.read import read
from dramaturg.story import Block, BlockKind
from srt_helpers import story_to_srt

KO = Path(__file__).parent / "data" / "korean"


@pytest.fixture(scope="module")
def episodes(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("ko_show")

    def cue(b: Block) -> str | None:
        if b.kind is BlockKind.DIALOGUE:
            return f"({b.speaker}) " + " ".join(b.text.split())
        if b.kind is BlockKind.ACTION:
            return "[" + " ".join(b.text.split()) + "]"
        return None

    return [
        story_to_srt(read(KO / name), out / f"{n}화.srt", cue, scene_gap_ms=10_000)
        for n, name in enumerate(["drama_ep1.txt", "drama_ep2.txt"], 1)
    ]


def test_korean_captions_give_the_couple_and_thresholds(
    episodes: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", *map(str, episodes), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["language"] == "ko"
    assert sorted(d["couple"]) == sorted(["서윤", "도현"])
    kinds = {t["kind"] for t in d["thresholds"]}
    assert {"confession", "kiss"} <= kinds


def test_korean_captions_summary_is_in_korean(
    episodes: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", *map(str, episodes)]) == 0
    out = capsys.readouterr().out
    assert "커플" in out and "로맨스의 문턱" in out
