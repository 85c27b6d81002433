"""The terminal summary never hides a location: ``path:line`` whole at any width, in a pipe too."""

from __future__ import annotations

import io
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from dramaturg.analyze import analyze
from dramaturg.cli import main
from dramaturg.read import read
from dramaturg.render.terminal import MAX_HOOKS, print_analysis

DEMO = Path(str(resources.files("dramaturg") / "data" / "demo.fountain"))


@pytest.fixture(scope="module")
def deep_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo script in a folder whose path is longer than a narrow terminal."""
    folder = tmp_path_factory.mktemp("drafts") / "season-one" / "a-rather-long-folder-name"
    folder.mkdir(parents=True)
    return Path(shutil.copy(DEMO, folder / "demo.fountain"))


@pytest.fixture(scope="module")
def analysis(deep_demo: Path) -> dict[str, Any]:
    return analyze(read(deep_demo)).to_dict()


def _locations(d: dict[str, Any]) -> list[str]:
    records = [*d["thresholds"], *d["findings"], *d["hooks"]["parts"]]
    return [f"{r['file']}:{r['line']}" for r in records if r.get("file")]


def _render(d: dict[str, Any], **kw: Any) -> str:
    buf = io.StringIO()
    print_analysis(d, file=buf, **kw)
    return buf.getvalue()


@pytest.mark.parametrize("width", [40, 80, 200])
def test_every_location_is_printed_whole_at_any_terminal_width(
    analysis: dict[str, Any], width: int
) -> None:
    text = _render(analysis, plain=False, width=width)
    locations = _locations(analysis)
    assert locations
    for where in locations:
        assert where in text, (width, where)


def test_a_pipe_gets_one_record_a_line_that_starts_with_its_location(
    analysis: dict[str, Any],
) -> None:
    text = _render(analysis)  # a StringIO is not a terminal
    lines = text.splitlines()
    for f in analysis["findings"]:
        head = f"{f['file']}:{f['line']}: {f['severity']} {f['code']} "
        assert any(line.startswith(head) for line in lines), head
    for th in analysis["thresholds"]:
        assert any(line.startswith(f"{th['file']}:{th['line']}: ") for line in lines)


def test_the_plain_layout_does_not_depend_on_the_width(analysis: dict[str, Any]) -> None:
    assert _render(analysis, plain=True, width=40) == _render(analysis, plain=True, width=200)


def test_paths_are_those_given_on_the_command_line(
    deep_demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(deep_demo.parent.parent)
    assert main(["analyze", "a-rather-long-folder-name/demo.fountain"]) in (0, 1)
    out = capsys.readouterr().out
    assert "a-rather-long-folder-name/demo.fountain:" in out


def test_every_episode_ending_is_shown_or_counted(analysis: dict[str, Any]) -> None:
    hook = analysis["hooks"]["parts"][0]
    many = {**analysis, "hooks": {"parts": [{**hook, "part": i + 1} for i in range(MAX_HOOKS + 5)]}}
    text = _render(many)
    assert f"part {MAX_HOOKS}  " in text
    assert "and 5 more" in text
    few = {**analysis, "hooks": {"parts": [{**hook, "part": i + 1} for i in range(16)]}}
    text = _render(few)
    assert all(f"part {i}  " in text for i in range(1, 17))
    assert "… and" not in text


def test_a_text_of_one_unnumbered_part_prints_no_part_number(tmp_path: Path) -> None:
    draft = tmp_path / "one.txt"
    draft.write_text("She walked to the shop.\n\nHe kissed her at the door.\n", encoding="utf-8")
    text = _render(analyze(read(draft)).to_dict())
    assert "None" not in text
    # a novel is read in chapters, a script in episodes (parts)
    assert text.splitlines()[0].endswith("(1 chapter, 1 scene, 11 words)")
    assert "Episode endings" not in text
