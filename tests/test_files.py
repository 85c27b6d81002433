"""Inputs: regular files of a sane size only. Outputs: atomic, and a killed run's temporary
files are cleaned up by the next one. Backups: never through a symlink, never over another."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dramaturg.errors import DramaturgError
from dramaturg.files import read_input, remove_stale_temporaries, write_atomic, write_backup


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_regular_file_is_read() -> None:
    assert read_input(__file__).startswith(b'"""Inputs')


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "script.fountain"
    os.mkfifo(fifo)
    with pytest.raises(DramaturgError, match="FIFO"):
        read_input(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_rather_than_read_without_end() -> None:
    with pytest.raises(DramaturgError, match="device"):
        read_input("/dev/zero")


def test_a_directory_is_named_as_one(tmp_path: Path) -> None:
    with pytest.raises(DramaturgError, match="directory"):
        read_input(tmp_path)


def test_a_file_over_the_size_limit_is_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAMATURG_MAX_INPUT_MB", "0.001")  # 1 KiB
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(DramaturgError, match="too large"):
        read_input(big)
    (tmp_path / "small.txt").write_bytes(b"x" * 1000)
    assert len(read_input(tmp_path / "small.txt")) == 1000


def test_write_atomic_removes_the_temporary_file_a_killed_run_left(tmp_path: Path) -> None:
    target = tmp_path / "out.srt"
    stale = tmp_path / f".out.srt.dramaturg-{_dead_pid()}-abcd1234.tmp"
    stale.write_bytes(b"half a file")
    other = tmp_path / f".other.srt.dramaturg-{_dead_pid()}-abcd1234.tmp"
    other.write_bytes(b"someone else's")
    write_atomic(target, "done")
    assert target.read_text() == "done"
    assert not stale.exists()
    assert other.exists()  # only the target's own leftovers are touched
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == [other.name]


def test_a_live_run_keeps_its_temporary_file(tmp_path: Path) -> None:
    live = tmp_path / f".out.srt.dramaturg-{os.getppid()}-abcd1234.tmp"
    live.write_bytes(b"being written")
    assert remove_stale_temporaries(tmp_path / "out.srt") == []
    assert live.exists()


def test_an_old_release_s_temporary_file_goes_once_an_hour_old(tmp_path: Path) -> None:
    fresh = tmp_path / ".out.srt.k3j4h5g6.tmp"
    old = tmp_path / ".dramaturg-q1w2e3r4.tmp"
    for f in (fresh, old):
        f.write_bytes(b"x")
    hours_ago = time.time() - 7200
    os.utime(old, (hours_ago, hours_ago))
    assert remove_stale_temporaries(tmp_path / "out.srt") == [old]
    assert fresh.exists()


def test_write_atomic_keeps_the_target_s_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.srt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640


def test_backups_never_overwrite_an_earlier_backup(tmp_path: Path) -> None:
    f = tmp_path / "ep1.srt"
    f.write_text("first")
    assert write_backup(f).name == "ep1.srt.bak"
    f.write_text("second")
    assert write_backup(f).name == "ep1.srt.bak.1"
    assert (tmp_path / "ep1.srt.bak").read_text() == "first"
    assert (tmp_path / "ep1.srt.bak.1").read_text() == "second"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_planted_backup_symlink_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    f = tmp_path / "ep1.srt"
    f.write_text("subtitles")
    (tmp_path / "ep1.srt.bak").symlink_to(victim)
    backup = write_backup(f)
    assert backup.name == "ep1.srt.bak.1" and backup.read_text() == "subtitles"
    assert victim.read_text() == "precious"
