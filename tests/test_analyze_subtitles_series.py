"""A finished show as a story: episode subtitle files analysed as one series.

The subtitle files are made from the demo script's dialogue (speaker labels ``NAME:``,
rain/snow action as ``[sound cues]``, a long silence between scenes), as a subtitler's
speaker-labelled English track of the show would look.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from dramaturg.cli import main
from dramaturg.read import read
from dramaturg.story import BlockKind


def _ts(ms: int) -> str:
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02}:{m:02}:{s:02},{ms:03}"


@pytest.fixture(scope="module")
def episodes(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    with resources.as_file(resources.files("dramaturg") / "data" / "demo.fountain") as demo:
        story = read(demo)
    out = tmp_path_factory.mktemp("show")
    files = []
    for part in story.parts:
        t, n, cues = 1000, 0, []
        for scene in part.scenes:
            t += 12_000  # the silence between scenes
            for b in scene.blocks:
                if b.kind is BlockKind.DIALOGUE:
                    text = f"{b.speaker}: " + " ".join(b.text.split())
                elif b.kind is BlockKind.ACTION and any(
                    w in b.text.lower() for w in ("rain", "snow")
                ):
                    text = "[" + " ".join(b.text.split())[:60] + "]"
                else:
                    continue
                n += 1
                dur = min(6000, 1200 + 60 * len(text))
                cues.append(f"{n}\n{_ts(t)} --> {_ts(t + dur)}\n{text}\n")
                t += dur + 400
        path = out / f"ep{part.number:02}.srt"
        path.write_text("\n".join(cues), encoding="utf-8")
        files.append(path)
    return files


def test_each_subtitle_file_is_one_episode(
    episodes: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", *map(str, episodes), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert [p["number"] for p in d["parts"]] == [1, 2]
    assert d["form"] == "subtitles"
    assert d["scene_count"] >= 30  # scenes split at the long silences


def test_the_couple_and_thresholds_are_found_in_the_subtitles(
    episodes: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", *map(str, episodes), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert sorted(d["couple"]) == ["DA-EUN", "JI-HWAN"]
    kinds = {t["kind"] for t in d["thresholds"]}
    assert {"first_meeting", "confession"} <= kinds
    for item in [*d["thresholds"], *d["findings"]]:
        if item.get("line"):
            lines = Path(item["file"]).read_text(encoding="utf-8").splitlines()
            assert item["quote"][:20] in " ".join(lines[item["line"] - 1 : item["line"] + 3])
