"""Writing small SRT files for tests: a finished show's subtitle track made from a script."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dramaturg.story import Block, Story


def srt_timestamp(ms: int) -> str:
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02}:{m:02}:{s:02},{ms:03}"


def story_to_srt(
    story: Story, path: Path, cue_text: Callable[[Block], str | None], *, scene_gap_ms: int = 12_000
) -> Path:
    """One SRT of every block ``cue_text`` turns into a cue, a long silence between scenes
    (so the subtitle reader splits scenes there), cue length following its text."""
    t, n, cues = 1000, 0, []
    for scene in story.scenes:
        t += scene_gap_ms
        for block in scene.blocks:
            text = cue_text(block)
            if not text:
                continue
            n += 1
            dur = min(6000, 1200 + 60 * len(text))
            cues.append(f"{n}\n{srt_timestamp(t)} --> {srt_timestamp(t + dur)}\n{text}\n")
            t += dur + 400
    path.write_text("\n".join(cues), encoding="utf-8")
    return path
