"""Side-character detours: a scene the couple is not in, whose matter goes nowhere.

A romance's scenes without the couple usually carry the main line somewhere: a rival's plan,
a parent's secret, an object that turns up later. A detour carries nothing: a scene of
``MIN_WORDS`` or more, neither of the couple on the page, some link to the story (so it is
not ``ENG-DISCONNECTED``), and every link forward from it made only by the names of minor
characters (in fewer than half as many scenes as the less present of the couple). Nothing it
introduces (a thing, a place, a want, a choice, a cause) is picked up by a later scene; only
the side characters walk on. ``ENG-DETOUR`` is an info finding: comic relief with the side
characters is a genre habit, so the draft's own choice, but worth a look.

>>> # detour_findings(story, engine_report.engine, romance.cast, romance.couple)  # doctest: +SKIP
"""

from __future__ import annotations

import re

from dramaturg.analyze.cast import Cast
from dramaturg.analyze.engine import Engine
from dramaturg.analyze.findings import Finding, Severity, evidence_for, scene_label
from dramaturg.story import BlockKind, Scene, Story

MIN_WORDS = 100
_TOLD = (BlockKind.ACTION, BlockKind.PARAGRAPH, BlockKind.DIALOGUE)


def _words(name: str) -> set[str]:
    return {w for w in re.split(r"[^\w'’-]+", name.lower()) if w}


def detour_findings(
    story: Story, engine: Engine, cast: Cast, couple: tuple[str, str] | None
) -> list[Finding]:
    """An ``ENG-DETOUR`` finding for each side-character scene whose matter goes nowhere."""
    if couple is None or not engine.scenes:
        return []
    a, b = couple
    if a not in cast.members or b not in cast.members:
        return []
    # on the page: named, speaking, met as a pronoun or as "I" / "you" (analyze/coref.py)
    on_page = cast.on_page()
    least = min(len(cast.members[a].scenes), len(cast.members[b].scenes))
    # name words of each minor character; a name word shared with the couple is theirs
    couple_words = _words(a) | _words(b)
    for n in (a, b):
        for alias in cast.members[n].aliases:
            couple_words |= _words(alias)
    minor: dict[str, str] = {}
    for n, m in cast.members.items():
        if n in couple or 2 * len(m.scenes) >= least:
            continue
        for form in {n, *m.aliases}:
            for w in _words(form) - couple_words:
                minor.setdefault(w, n)
    scenes: list[Scene] = story.scenes
    last = len(engine.scenes) - 1
    out: list[Finding] = []
    for s in engine.scenes:
        if s.words < MIN_WORDS or s.scene == last or on_page.get(s.scene, set()) & {a, b}:
            continue
        if not s.carried_from and not s.consequences:
            continue  # tied to nothing: ENG-DISCONNECTED says so
        if not all(
            set(ln.reasons) <= {"name", "callback"} and all(t in minor for t in ln.terms)
            for ln in s.consequences
        ):
            continue
        named = {minor[t] for ln in s.consequences for t in ln.terms}
        # one character mined twice ("Gu", "LANDLORD GU") is named once, by the fuller form
        who = sorted(n for n in named if not any(o != n and _words(n) < _words(o) for o in named))
        scene = scenes[s.scene]
        part = next((p for p in story.parts if scene in p.scenes), None)
        block = next((bl for bl in scene.blocks if bl.kind in _TOLD and bl.text.strip()), None)
        evidence = (
            [
                evidence_for(
                    block,
                    scene=scene,
                    part_number=part.number if part else None,
                    part_index=part.index if part else None,
                )
            ]
            if block is not None
            else []
        )
        label = scene_label(scene, part)
        carried = (
            f"only {', '.join(who)} walk{'s' if len(who) == 1 else ''} on into later scenes"
            if who
            else "no later scene picks anything of it up"
        )
        out.append(
            Finding(
                code="ENG-DETOUR",
                severity=Severity.INFO,
                message=(
                    f"Scene {label} is a side-character detour: neither {a} nor {b} is in it, "
                    f"and {carried}; nothing it introduces (a thing, a place, a want, a choice) "
                    "matters to a later scene."
                ),
                evidence=evidence,
                suggestion=(
                    "If it is comic relief, keep it short and let it touch the main line: a "
                    "thing found here that the couple later needs, news that reaches them, a "
                    "choice that changes their situation; otherwise cut it or merge it."
                ),
                data={"scene": s.scene, "words": s.words, "characters": who},
            )
        )
    return out
