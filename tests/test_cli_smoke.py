"""Every command as a user runs it: the installed console script, each in a fresh process.

A test that calls ``main()`` in-process shares the interpreter's imports with every other
test, which once hid an import cycle that broke ``breakdown`` and ``schedule`` for every
user. These run ``dramaturg`` the way a shell does, on the demo script shipped in the package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

DEMO = Path(str(resources.files("dramaturg") / "data" / "demo.fountain"))
SUBTITLE = """1
00:00:01,000 --> 00:00:03,000
The first snow fell on the hill.

2
00:00:04,000 --> 00:00:06,500
She held out her umbrella.
"""


def _console_script() -> str:
    """The ``dramaturg`` script installed beside this interpreter (a venv's bin/), else PATH."""
    here = Path(sys.executable).parent / ("dramaturg.exe" if os.name == "nt" else "dramaturg")
    found = str(here) if here.exists() else shutil.which("dramaturg")
    if not found:
        pytest.fail("the dramaturg console script is not installed: run `pip install .` first")
    return found


def run(
    *args: str, cwd: Path | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [_console_script(), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )


def _ok(proc: subprocess.CompletedProcess[str], codes: tuple[int, ...] = (0,)) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in codes, (proc.returncode, proc.stderr[-2000:])


COMMANDS = [
    [],
    ["stats"],
    ["analyze"],
    ["report"],
    ["demo"],
    ["breakdown"],
    ["schedule"],
    ["subs"],
    ["subs", "check"],
    ["subs", "fix"],
    ["subs", "convert"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "dramaturg")
def test_help_of_every_command(command: list[str]) -> None:
    proc = run(*command, "--help")
    _ok(proc)
    assert proc.stdout.startswith("usage: dramaturg"), proc.stdout[:200]


def test_version() -> None:
    proc = run("--version")
    _ok(proc)
    assert proc.stdout.startswith("dramaturg ")


def test_stats_json_counts_the_demo() -> None:
    proc = run("stats", str(DEMO), "--json")
    _ok(proc)
    assert len(json.loads(proc.stdout)["scenes"]) > 10


def test_analyze_json_finds_the_demo_couple() -> None:
    proc = run("analyze", str(DEMO), "--json")
    _ok(proc)
    data = json.loads(proc.stdout)
    assert len(data["couple"]) == 2 and data["thresholds"]


def test_analyze_terminal_summary() -> None:
    proc = run("analyze", str(DEMO))
    _ok(proc)
    assert "demo.fountain:" in proc.stdout


def test_report_writes_one_html_file(tmp_path: Path) -> None:
    proc = run("report", str(DEMO), "--out", str(tmp_path / "r"))
    _ok(proc)
    assert (tmp_path / "r" / "report.html").stat().st_size > 10_000


def test_demo_writes_report_and_script(tmp_path: Path) -> None:
    proc = run("demo", "--out", "out", cwd=tmp_path)
    _ok(proc)
    assert (tmp_path / "out" / "report.html").is_file()
    assert (tmp_path / "out" / "demo.fountain").read_bytes() == DEMO.read_bytes()


def test_breakdown_json_and_csv() -> None:
    proc = run("breakdown", str(DEMO), "--json")
    _ok(proc)
    assert len(json.loads(proc.stdout)["scenes"]) > 10
    proc = run("breakdown", str(DEMO), "--csv")
    _ok(proc)
    assert proc.stdout.count("\n") > 10


def test_schedule_json_without_reports(tmp_path: Path) -> None:
    proc = run("schedule", str(DEMO), "--time-limit", "2", "--no-reports", "--json", cwd=tmp_path)
    _ok(proc)
    assert json.loads(proc.stdout)["days"]
    assert not any(tmp_path.iterdir())  # --no-reports writes nothing


def test_schedule_writes_its_reports(tmp_path: Path) -> None:
    proc = run("schedule", str(DEMO), "--time-limit", "2", "--out", str(tmp_path / "s"))
    _ok(proc)
    assert (tmp_path / "s" / "stripboard.html").is_file()


def test_subs_check_fix_convert(tmp_path: Path) -> None:
    srt = tmp_path / "ep1.srt"
    srt.write_text(SUBTITLE, encoding="utf-8")
    _ok(run("subs", "check", str(srt), "--profile", "netflix-en"), codes=(0, 1))
    proc = run("subs", "check", str(srt), "--profile", "netflix-en", "--json")
    _ok(proc, codes=(0, 1))
    json.loads(proc.stdout)
    _ok(run("subs", "fix", str(srt), "--profile", "netflix-en", "-o", str(tmp_path / "f.srt")))
    assert (tmp_path / "f.srt").is_file()
    _ok(run("subs", "convert", str(srt), "-o", str(tmp_path / "ep1.vtt")))
    assert (tmp_path / "ep1.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    assert srt.read_text(encoding="utf-8") == SUBTITLE  # the input is never modified


@pytest.mark.parametrize(
    "command",
    [["stats"], ["analyze"], ["breakdown"], ["subs", "check"]],
    ids=lambda c: " ".join(c),
)
def test_bad_input_is_one_line_and_exit_2(command: list[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.fountain"
    bad.write_bytes(b"x\x00\x01\x02")
    proc = run(*command, str(bad))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("dramaturg: error: "), proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    proc = run("stats", str(tmp_path / "nope.fountain"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("dramaturg: error: ")


def test_subs_shift_takes_a_negative_offset_as_the_issue_writes_it(tmp_path: Path) -> None:
    src = tmp_path / "a.srt"
    src.write_text("1\n00:00:05,000 --> 00:00:07,000\nHello.\n", encoding="utf-8")
    out = tmp_path / "b.srt"
    proc = run("subs", "shift", str(src), "--by", "-00:00:02,000", "-o", str(out))
    _ok(proc)
    assert "00:00:03,000 --> 00:00:05,000" in out.read_text(encoding="utf-8")
    # moving a cue before 00:00:00 is refused with FILE:LINE, not an argparse error
    proc = run("subs", "shift", str(src), "--by", "-6s", "-o", str(tmp_path / "c.srt"))
    _ok(proc, (2,))
    assert "would start before 00:00:00" in proc.stderr
