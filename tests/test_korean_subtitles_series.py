"""Korean subtitles of a finished show, speaker labels as in Netflix Korean captions
(``(서윤) 대사``), analysed as a series: the couple and thresholds come out in Korean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dramaturg.cli import main
from dramaturg.read import read
from dramaturg.story import BlockKind

KO = Path(__file__).parent / "data" / "korean"


def _ts(ms: int) -> str:
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02}:{m:02}:{s:02},{ms:03}"


@pytest.fixture(scope="module")
def episodes(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("ko_show")
    files = []
    for n, name in enumerate(["drama_ep1.txt", "drama_ep2.txt"], 1):
        story = read(KO / name)
        t, i, cues = 1000, 0, []
        for scene in story.scenes:
            t += 10_000
            for b in scene.blocks:
                if b.kind is BlockKind.DIALOGUE:
                    text = f"({b.speaker}) " + " ".join(b.text.split())
                elif b.kind is BlockKind.ACTION:
                    text = "[" + " ".join(b.text.split()) + "]"
                else:
                    continue
                i += 1
                cues.append(f"{i}\n{_ts(t)} --> {_ts(t + 2500)}\n{text}\n")
                t += 2900
        path = out / f"{n}화.srt"
        path.write_text("\n".join(cues), encoding="utf-8")
        files.append(path)
    return files


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
