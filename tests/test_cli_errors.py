"""Bad input: one clear line on stderr, exit code 2, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramaturg.cli import main
from dramaturg.files import write_atomic


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("dramaturg ")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.fountain", b"", "file is empty"),
        ("blank.txt", b"  \n\n", "file is empty"),
        ("binary.fountain", bytes(range(256)) * 4, "binary"),
        ("notes.xyz", b"hello there\n", "unsupported file type .xyz"),
    ],
)
def test_bad_file_gives_one_line_error_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, reason: str
) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    code, out, err = _run(capsys, "stats", str(f))
    assert code == 2
    assert err.startswith(f"dramaturg: error: {f}")
    assert reason in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert out == ""


def test_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "stats", str(tmp_path / "nope.fountain"))
    assert code == 2
    assert "nope.fountain: no such file" in err


def test_bad_couple_argument_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "a.fountain"
    f.write_text("INT. CAFE - DAY\n\nShe waits.\n", encoding="utf-8")
    code, _, err = _run(capsys, "analyze", str(f), "--couple", "OnlyOne")
    assert code == 2
    assert "--couple" in err


def test_atomic_write_leaves_no_temp_file(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "out" / "r.html", "<p>hi</p>")
    assert target.read_text() == "<p>hi</p>"
    assert [p.name for p in target.parent.iterdir()] == ["r.html"]
