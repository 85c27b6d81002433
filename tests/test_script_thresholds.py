"""Screenplay thresholds and endings: present-tense action lines, one-line moments, cuts."""

from __future__ import annotations

from pathlib import Path

from dramaturg.analyze.hooks import analyze_hooks
from dramaturg.analyze.romance import analyze_romance
from dramaturg.analyze.thresholds import unreached_findings
from dramaturg.read import read

COUPLE = ("MINA", "JOON")

# the couple talks, then a run of bare action lines that name nobody: the names lie further
# off than the threshold window, the pronouns (he / her, their) point at the two of them
OPENING = """\
INT. BAKERY - NIGHT

Mina kneads dough at the steel table. Joon watches from the door.

MINA
You're late.

JOON
I brought the flour.

MINA
Put it down there.
"""


def _script(tmp_path: Path, body: str, name: str = "ep1.fountain"):
    path = tmp_path / name
    path.write_text("Title: Test\n\n" + body, encoding="utf-8")
    return read(path)


def _line(story_text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(story_text.splitlines(), 1) if needle in ln)


def _beats(*lines: str) -> str:
    return "\n".join(f"{ln}\n" for ln in lines)


def test_present_tense_kiss_in_a_bare_action_line_is_found(tmp_path: Path) -> None:
    body = (
        OPENING
        + "\n"
        + _beats(
            "The oven ticks.",
            "Flour drifts in the light of the single bulb.",
            "The radio plays something old.",
            "He leans down. Slowly.",
            "And then he kisses her.",
        )
    )
    r = analyze_romance(_script(tmp_path, body), couple=COUPLE)
    kiss = r.first("kiss")
    assert kiss is not None
    assert kiss.evidence.quote == "And then he kisses her."
    assert kiss.evidence.line == _line("Title: Test\n\n" + body, "he kisses her")


def test_present_tense_embrace_from_behind_is_found(tmp_path: Path) -> None:
    body = (
        OPENING
        + "\n"
        + _beats(
            "The oven ticks.",
            "Flour drifts in the light of the single bulb.",
            "The radio plays something old.",
            "He stops behind her.",
            "Then he hugs her from behind. Carefully.",
        )
    )
    r = analyze_romance(_script(tmp_path, body), couple=COUPLE)
    embrace = r.first("embrace")
    assert embrace is not None and "hugs her from behind" in embrace.evidence.quote


def test_fingers_brushing_is_the_first_touch(tmp_path: Path) -> None:
    body = (
        OPENING
        + "\n"
        + _beats(
            "The oven ticks.",
            "Flour drifts in the light of the single bulb.",
            "One cup of coffee left on the counter. Both reach for it.",
            "Their fingers brush on the lid.",
            "Neither of them moves.",
        )
    )
    r = analyze_romance(_script(tmp_path, body), couple=COUPLE)
    touch = r.first("first_touch")
    assert touch is not None and touch.evidence.quote == "Their fingers brush on the lid."


def test_one_line_hand_hold_after_a_confession_is_rushed(tmp_path: Path) -> None:
    # the confession just before it is the confession's room, not the hand hold's
    body = (
        OPENING
        + "\n"
        + _beats(
            "Mina wipes her hands. She turns to face him and takes a long breath.",
            "MINA\nI like you. Sober. At four in the morning. I like you, Joon.",
            "JOON\nI like you too. I have liked you since the first night, Mina.",
            "She takes his hand and holds it.",
            "The bus comes. They get on.",
            "EXT. STREET - NIGHT",
            "Snow falls on the empty street. A dog barks twice and a car drives past slowly.",
        )
    )
    r = analyze_romance(_script(tmp_path, body), couple=COUPLE)
    hold = r.first("hand_hold")
    assert hold is not None and hold.paragraphs == 1
    rushed = [f for f in r.findings if f.code == "ROM-RUSHED" and f.data["kind"] == "hand_hold"]
    assert rushed and rushed[0].where is not None
    assert rushed[0].where.quote == "She takes his hand and holds it."


def test_short_last_scene_after_an_emergency_call_is_a_cliffhanger(tmp_path: Path) -> None:
    body = (
        "# Episode 1\n\n"
        + OPENING
        + "\n"
        + _beats(
            "EXT. ALLEY - NIGHT",
            "Her phone rings. She answers.",
            "JOON (V.O.)\nIt's your grandmother. She collapsed. Come now.",
            "She's already running.",
            "CUT TO:",
            "INT. HOSPITAL - NIGHT",
            "A corridor. Blue plastic chairs. Mina stops.",
            "The double doors open.",
            "Mina turns toward them.",
            "> TO BE CONTINUED <",
        )
    )
    hook = analyze_hooks(_script(tmp_path, body)).parts[0]
    assert hook.kind == "cliffhanger"
    assert hook.score >= 0.6


def test_unreached_threshold_takes_its_article() -> None:
    found = unreached_findings([], COUPLE, None)
    messages = {f.data["kind"]: f.message for f in found}
    assert "acceptance" not in messages  # nobody proposed
    messages["acceptance"] = next(
        f.message
        for f in unreached_findings([_proposal()], COUPLE, None)
        if f.data["kind"] == "acceptance"
    )
    assert "never reach an acceptance" in messages["acceptance"]
    assert "never reach a confession" in messages["confession"]


def _proposal():
    from dramaturg.analyze.findings import Evidence
    from dramaturg.analyze.thresholds import Threshold

    ev = Evidence("ep1.fountain", 3, "Marry me.")
    fields = Threshold.__dataclass_fields__
    values = {"kind": "proposal", "evidence": ev, "g": 0, "position": 0.5}
    return Threshold(**{k: values.get(k, _default(f)) for k, f in fields.items()})


def _default(f):
    import dataclasses

    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return 0
