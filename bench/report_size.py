"""The HTML report's size and time for a 16-episode show (the issue's bound: < 8 MB).

    python bench/report_size.py

The show is built from the demo's two episodes (English) and from the two Korean sample
episodes (tests/data/korean), each repeated to 16 files, so the Korean report also carries
its embedded font.
"""

from __future__ import annotations

import re
import tempfile
import time
from importlib import resources
from pathlib import Path

from dramaturg.analyze import analyze
from dramaturg.read import read_series
from dramaturg.render.html import render_report

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 8 * 1024 * 1024


def english_show(folder: Path, episodes: int = 16) -> list[Path]:
    demo = (resources.files("dramaturg") / "data" / "demo.fountain").read_text("utf-8")
    head, rest = demo.split("# Episode 1", 1)
    one, two = rest.split("# Episode 2", 1)
    out = []
    for i in range(episodes):
        body = re.sub(r"EPISODE [12]\b", f"EPISODE {i + 1}", (one, two)[i % 2])
        path = folder / f"ep{i + 1:02d}.fountain"
        path.write_text(f"{head}# Episode {i + 1}{body}", encoding="utf-8")
        out.append(path)
    return out


def korean_show(folder: Path, episodes: int = 16) -> list[Path]:
    out = []
    for i in range(episodes):
        src = ROOT / "tests" / "data" / "korean" / f"drama_ep{i % 2 + 1}.txt"
        path = folder / f"ep{i + 1:02d}.txt"
        path.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
        out.append(path)
    return out


def measure(name: str, files: list[Path], lang: str | None = None) -> None:
    started = time.perf_counter()
    result = analyze(read_series(files))
    analysed = time.perf_counter()
    page = render_report(result, lang=lang)
    done = time.perf_counter()
    size = len(page.encode("utf-8"))
    print(
        f"{name}: {len(result.story.parts)} parts, {len(result.story.scenes)} scenes, "
        f"report {size / 1024 / 1024:.2f} MB ({'<' if size < LIMIT else '>='} 8 MB), "
        f"analysis {analysed - started:.1f} s, report {done - analysed:.1f} s"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        en, ko = Path(tmp, "en"), Path(tmp, "ko")
        en.mkdir()
        ko.mkdir()
        measure("16 episodes, English", english_show(en))
        measure("16 episodes, Korean", korean_show(ko), lang="ko")


if __name__ == "__main__":
    main()
