"""Screenshots of the reports for docs/: the demo on a desktop (1400 px) and a phone (390 px),
and the Korean sample with no Korean system font (the report's own font only).

    python bench/screenshots.py [--out docs]

Needs Debian's chromium. Headless Chromium lays a window out at no less than 500 px, so the
phone shot is the report in a 390 px frame (whose media queries follow the frame), cut to
the frame by a 390 px window.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

from dramaturg.analyze import analyze
from dramaturg.read import read, read_series
from dramaturg.render.fonts import latin_only_fontconfig
from dramaturg.render.html import render_report

ROOT = Path(__file__).resolve().parent.parent
KOREAN = ROOT / "tests" / "data" / "korean"


def shoot(page: str, out: Path, width: int, height: int, env: dict[str, str] | None = None) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        frame = (
            f"<!doctype html><html><body style='margin:0'><iframe style='width:{width}px;"
            f'height:{height}px;border:0\' srcdoc="{html.escape(page, quote=True)}"></iframe>'
            "</body></html>"
        )
        path = Path(tmp) / "page.html"
        path.write_text(frame, encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                "--virtual-time-budget=5000",
                f"--window-size={width},{height}",
                f"--screenshot={out}",
                path.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            env={**os.environ, **(env or {})},
            check=True,
        )
    print(f"wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"))
    out = Path(parser.parse_args().out)
    demo = Path(str(resources.files("dramaturg") / "data" / "demo.fountain"))
    page = render_report(analyze(read(demo)))
    shoot(page, out / "demo-report.png", 1400, 2400)
    shoot(page, out / "demo-report-phone.png", 390, 2400)
    korean = render_report(
        analyze(read_series([KOREAN / "drama_ep1.txt", KOREAN / "drama_ep2.txt"])), lang="ko"
    )
    with tempfile.TemporaryDirectory() as tmp:
        conf = latin_only_fontconfig(Path(tmp))
        env = {"FONTCONFIG_FILE": str(conf)}
        shoot(korean, out / "korean-report-no-system-font.png", 1400, 2400, env)


if __name__ == "__main__":
    main()
