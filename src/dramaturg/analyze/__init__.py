"""Story -> findings: each concern in its own module, run in order like pipeline components.

>>> # analyze(read("draft.fountain")).to_dict()["thresholds"]   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dramaturg.analyze.findings import Finding
from dramaturg.analyze.stats import Stats, stats
from dramaturg.story import Story

Progress = Callable[[str], None]


@dataclass
class Analysis:
    """Everything dramaturg says about one story."""

    story: Story
    stats: Stats
    romance: Any  # analyze.thresholds.Romance
    engine: Any  # analyze.engine.StoryEngineReport

    @property
    def findings(self) -> list[Finding]:
        found: list[Finding] = [*self.romance.findings, *self.engine.findings]
        order = {f: i for i, f in enumerate(self.story.files)}

        def key(f: Finding) -> tuple[int, int, str]:
            w = f.where
            return (order.get(w.file, 0), w.line, f.code) if w else (1 << 30, 0, f.code)

        return sorted(found, key=key)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form documented in docs/json.md."""
        romance = self.romance.to_dict()
        engine = self.engine.to_dict()
        romance.pop("findings", None)
        engine.pop("findings", None)
        return {
            "title": self.story.title,
            "language": self.story.language,
            "form": self.story.form,
            "stats": self.stats.to_dict(),
            **romance,
            **engine,
            "findings": [f.to_dict() for f in self.findings],
        }


def analyze(
    story: Story,
    couple: tuple[str, str] | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """Run every analysis on ``story``; ``couple`` overrides the detected main couple."""
    from dramaturg.analyze.detour import detour_findings
    from dramaturg.analyze.engine import analyze_story_engine
    from dramaturg.analyze.romance import analyze_romance

    step = progress or (lambda _label: None)
    step("counting")
    counted = stats(story)
    step("finding the couple, their moments and thresholds")
    romance = analyze_romance(story, couple=couple)
    step("tracing the story engine, arc and hooks")
    records = [
        {"kind": r.kind, "scene": r.scene_index, "line": r.line}
        for r in romance.threshold_records()
    ]
    engine = analyze_story_engine(
        story,
        thresholds=records,
        on_page=romance.cast.on_page(),
        couple=romance.couple,
        rivals=romance.rival_scenes(),
    )
    # scenes that leave the couple for side characters and lead nowhere (needs both analyses)
    engine.findings.extend(detour_findings(story, engine.engine, romance.cast, romance.couple))
    return Analysis(story, counted, romance, engine)
