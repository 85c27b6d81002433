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
from dramaturg.story import Block, BlockKind, Story
from srt_helpers import story_to_srt


@pytest.fixture(scope="module")
def episodes(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    with resources.as_file(resources.files("dramaturg") / "data" / "demo.fountain") as demo:
        story = read(demo)
    out = tmp_path_factory.mktemp("show")

    def cue(b: Block) -> str | None:
        if b.kind is BlockKind.DIALOGUE:
            return f"{b.speaker}: " + " ".join(b.text.split())
        if b.kind is BlockKind.ACTION and any(w in b.text.lower() for w in ("rain", "snow")):
            return "[" + " ".join(b.text.split())[:60] + "]"
        return None

    files = []
    for part in story.parts:
        episode = Story(story.title, [part]).reindex()
        files.append(story_to_srt(episode, out / f"ep{part.number:02}.srt", cue))
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
