"""The demo report: self-contained, every section there, and it renders in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dramaturg.cli import main

SECTIONS = [
    "overview",
    "findings",
    "arc",
    "thresholds",
    "beats",
    "moments",
    "engine",
    "hooks",
    "structure",
    "lens",
    "scenes",
]


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out)]) == 0
    return out / "report.html"


def test_demo_writes_report_and_script_copy(demo_report: Path) -> None:
    assert demo_report.exists()
    assert (demo_report.parent / "demo.fountain").exists()


def test_report_has_every_section_and_charts(demo_report: Path) -> None:
    html = demo_report.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'id="{section}"' in html, section
    assert html.count('<svg class="chart ') >= 6


def test_report_fetches_nothing_from_the_network(demo_report: Path) -> None:
    html = demo_report.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', html)
    assert "@import" not in html


def test_report_is_small(demo_report: Path) -> None:
    assert demo_report.stat().st_size < 8 * 1024 * 1024


def test_every_finding_links_to_a_scene_panel_in_the_report(demo_report: Path) -> None:
    html = demo_report.read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#(scene-\d+)"', html))
    assert targets
    for t in targets:
        assert f'id="{t}"' in html


def _chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


@pytest.mark.skipif(
    _chromium() is None, reason="Debian chromium is not installed (.ci/run installs it)"
)
def test_report_renders_in_headless_chromium(demo_report: Path, tmp_path: Path) -> None:
    browser = _chromium()
    assert browser
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", demo_report.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    for section in SECTIONS:
        assert f'id="{section}"' in dom, section
    assert dom.count("<svg") >= 4
    assert "<polyline" in dom  # the arc chart drew its lines
    shot = tmp_path / "shot.png"
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", "--window-size=1280,2000", demo_report.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 10_000
