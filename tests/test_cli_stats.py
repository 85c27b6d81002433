"""`dramaturg stats`: the JSON a producer's script reads, on real drafts, and series in order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dramaturg.cli import main
from shared_data import SHARED_DATA as DATA

SCRIPTS = DATA / "screenplays"
NOVELS = DATA / "novels"


def _stats(capsys: pytest.CaptureFixture[str], *files: str) -> dict:
    assert main(["stats", *files, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def test_script_stats_have_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    d = _stats(capsys, str(_need(SCRIPTS / "brick-and-steel.fountain")))
    for key in (
        "title",
        "parts",
        "scene_count",
        "word_count",
        "page_count",
        "characters",
        "int_ext",
        "day_night",
        "locations",
        "scenes",
    ):
        assert key in d, key
    assert d["scene_count"] == len(d["scenes"]) == sum(p["scene_count"] for p in d["parts"])
    assert all(s["eighths"] >= 1 for s in d["scenes"])
    assert sum(d["int_ext"].values()) == d["scene_count"]


def test_characters_are_sorted_by_dialogue_words(capsys: pytest.CaptureFixture[str]) -> None:
    d = _stats(capsys, str(_need(SCRIPTS / "the-last-birthday-card.fountain")))
    words = [c["dialogue_words"] for c in d["characters"]]
    assert words == sorted(words, reverse=True)
    assert {"name", "dialogue_words", "dialogue_lines", "scene_count"} <= set(d["characters"][0])


def test_fdx_and_fountain_of_one_script_agree(capsys: pytest.CaptureFixture[str]) -> None:
    a = _stats(capsys, str(_need(SCRIPTS / "brick-and-steel.fountain")))
    b = _stats(capsys, str(_need(SCRIPTS / "brick-and-steel.fdx")))
    assert a["scene_count"] == b["scene_count"]
    assert [c["name"] for c in a["characters"]] == [c["name"] for c in b["characters"]]


def test_novel_parts_are_its_chapters(capsys: pytest.CaptureFixture[str]) -> None:
    d = _stats(capsys, str(_need(NOVELS / "persuasion.txt")))
    assert len(d["parts"]) == 24
    assert d["parts"][0]["number"] == 1
    assert "page_count" not in d  # pages are a screenplay measure


def test_folder_reads_as_a_series_in_natural_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in (10, 2, 1):
        (tmp_path / f"ep{n}.fountain").write_text(
            f"INT. ROOM {n} - DAY\n\nSomething happens in episode {n}.\n", encoding="utf-8"
        )
    d = _stats(capsys, str(tmp_path))
    assert [Path(p["file"]).name for p in d["parts"]] == [
        "ep1.fountain",
        "ep2.fountain",
        "ep10.fountain",
    ]
    assert [p["number"] for p in d["parts"]] == [1, 2, 3]


def test_several_files_keep_the_given_files_in_natural_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _need(SCRIPTS / "brick-and-steel.fountain")
    shutil.copy(src, tmp_path / "ep2.fountain")
    shutil.copy(src, tmp_path / "ep10.fountain")
    d = _stats(capsys, str(tmp_path))
    assert [Path(f).name for f in d["files"]] == ["ep2.fountain", "ep10.fountain"]


def test_stats_terminal_table_names_the_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(_need(SCRIPTS / "brick-and-steel.fountain"))]) == 0
    out = capsys.readouterr().out
    assert "Scenes" in out and "Characters" in out
