"""Format detection by comparison: every reader scores the text, the best fit reads it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dramaturg.read import fdx, fountain, korean, prose, read, scores, subtitles
from shared_data import SHARED_DATA

HERE = Path(__file__).parent / "data" / "detection"
NOVELS = sorted((SHARED_DATA / "novels").glob("*.txt"))
SCRIPTS = sorted(
    p for p in (SHARED_DATA / "screenplays").glob("*") if p.suffix in (".fountain", ".fdx")
)


def _best(text: str, ext: str = ".txt") -> str:
    got = scores(text, ext)
    return max(got, key=lambda k: (got[k], k == "prose"))


def test_a_novel_with_an_all_caps_title_page_is_prose(tmp_path: Path) -> None:
    story = read(HERE / "novel-all-caps-title-page.txt")
    assert story.form == "prose"
    assert [p.number for p in story.parts] == [1, 2, 3]
    assert fountain.score((HERE / "novel-all-caps-title-page.txt").read_text()) < 0.5


def test_a_fountain_script_without_a_title_page_is_a_screenplay() -> None:
    text = (HERE / "script-no-title-page.fountain").read_text()
    assert fountain.sniff(text) and _best(text) == "fountain"
    assert read(HERE / "script-no-title-page.fountain").form == "screenplay"


def test_a_screenplay_pasted_into_a_txt_file_is_a_screenplay(tmp_path: Path) -> None:
    pasted = tmp_path / "draft.txt"
    shutil.copy(HERE / "script-no-title-page.fountain", pasted)
    story = read(pasted)
    assert story.form == "screenplay" and len(story.scenes) == 2
    assert {b.speaker for b in story.blocks() if b.speaker} == {"MARGARET", "TOM"}


def test_a_korean_script_in_a_txt_file_is_a_korean_script() -> None:
    story = read(HERE / "korean-script.txt")
    assert (story.form, story.language) == ("screenplay", "ko")
    assert [s.number for s in story.scenes] == ["1", "2"]


def test_an_srt_saved_as_txt_is_read_as_subtitles() -> None:
    story = read(HERE / "subtitles-saved-as.txt")
    assert story.form == "subtitles"
    assert [b.text for b in story.blocks()][:2] == ["Throw me the rope!", "It's too far!"]


def test_a_markdown_manuscript_is_prose() -> None:
    story = read(HERE / "manuscript.md")
    assert story.form == "prose" and [p.number for p in story.parts] == [1, 2]
    assert story.title == "The Lantern Keeper"


def test_scores_stay_between_zero_and_one() -> None:
    for path in HERE.glob("*.*"):
        text = path.read_text(encoding="utf-8")
        for mod in (fdx, fountain, korean, prose, subtitles):
            assert 0.0 <= mod.score(text) <= 1.0


def test_format_still_overrides_the_comparison() -> None:
    story = read(HERE / "script-no-title-page.fountain", format="prose")
    assert story.form == "prose"


@pytest.mark.skipif(not NOVELS, reason="shared novels not mounted")
@pytest.mark.parametrize("path", NOVELS, ids=lambda p: p.name)
def test_every_shared_novel_is_read_as_prose(path: Path) -> None:
    assert _best(path.read_text(encoding="utf-8")) == "prose"
    assert read(path).form == "prose"


@pytest.mark.skipif(not SCRIPTS, reason="shared screenplays not mounted")
@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_every_shared_screenplay_is_a_screenplay_even_as_txt(path: Path, tmp_path: Path) -> None:
    assert read(path).form == "screenplay"
    pasted = tmp_path / (path.stem + ".txt")
    shutil.copy(path, pasted)
    expected = "fdx" if path.suffix == ".fdx" else "fountain"
    assert _best(pasted.read_text(encoding="utf-8-sig")) == expected
    assert read(pasted).form == "screenplay"


def test_the_extensions_that_decide_are_those_one_text_reader_alone_claims() -> None:
    from dramaturg import read as read_pkg

    text_readers = [m for m in read_pkg.readers() if hasattr(m, "parse")]
    claims: dict[str, list[str]] = {}
    for m in text_readers:
        for ext in m.EXTENSIONS:
            claims.setdefault(ext, []).append(m.__name__.rsplit(".", 1)[-1])
    alone = {
        ext: names[0]
        for ext, names in claims.items()
        if len(names) == 1 and ext not in read_pkg._CONTENT_EXT and ext not in read_pkg._BINARY_EXT
    }
    assert read_pkg._DECIDING_EXT == alone


def test_a_fountain_file_is_read_without_importing_the_other_readers() -> None:
    import json
    import subprocess
    import sys

    script = Path(__file__).parents[1] / "src" / "dramaturg" / "data" / "demo.fountain"
    code = (
        "import json, sys; from dramaturg.read import read; read(sys.argv[1]); "
        "print(json.dumps([m for m in sys.modules if m.startswith('dramaturg.read.')]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(script)], capture_output=True, text=True, check=True
    )
    loaded = {name.rsplit(".", 1)[-1] for name in json.loads(out.stdout)}
    assert "fountain" in loaded
    assert not loaded & {"fdx", "subtitles", "korean", "prose", "docx", "epub"}
