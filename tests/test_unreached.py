"""ROM-UNREACHED cites a moment the couple share, where the missing threshold would go."""

from __future__ import annotations

import dataclasses

from dramaturg.analyze.findings import Evidence
from dramaturg.analyze.thresholds import Threshold, unreached_findings

COUPLE = ("Mina", "Joon")


def _threshold(kind: str, g: int, quote: str) -> Threshold:
    values = {"kind": kind, "g": g, "evidence": Evidence("n.txt", 10 * g + 1, quote)}
    values["extent"] = (g, g)
    out = {}
    for name, f in Threshold.__dataclass_fields__.items():
        if name in values:
            out[name] = values[name]
        elif f.default is not dataclasses.MISSING:
            out[name] = f.default
        else:
            out[name] = 0
    return Threshold(**out)


MEETING = _threshold("first_meeting", 1, "Mina met Joon at the gate.")
TOUCH = _threshold("first_touch", 3, "He took her hand.")
PROPOSAL = _threshold("proposal", 5, "Will you marry me?")
ACCEPTANCE = _threshold("acceptance", 6, "Yes, she said.")
EPILOGUE = _threshold("hand_hold", 9, "Years later her hand lay on his shoulder.")
LAST_PAGE = Evidence("n.txt", 95, "They walked home together.")


def test_a_missing_confession_cites_the_proposal_it_would_come_before_not_the_epilogue():
    found = unreached_findings([MEETING, TOUCH, PROPOSAL, ACCEPTANCE, EPILOGUE], COUPLE, None)
    (confession,) = [f for f in found if f.data["kind"] == "confession"]
    assert confession.evidence == [PROPOSAL.evidence]
    assert "their proposal, which the confession would come before, is cited" in (
        confession.suggestion
    )


def test_a_threshold_the_couple_do_not_share_is_not_cited():
    # the opening line read as their meeting, with one of them not on the page: the last
    # block they share is cited instead, and with none, the message says so
    alone = {MEETING.g}

    def shared(g: int) -> bool:
        return g not in alone

    found = unreached_findings([MEETING], COUPLE, LAST_PAGE, shared=shared)
    assert {f.data["kind"] for f in found} == {"first_touch", "confession"}
    assert all(f.evidence == [LAST_PAGE] for f in found)
    assert all("last block they share is cited" in f.suggestion for f in found)
    found = unreached_findings([MEETING], COUPLE, None, shared=shared)
    assert all(f.evidence == [] for f in found)
    assert all("They never share a page where it could go" in f.message for f in found)
    assert all("cited" not in f.suggestion for f in found)


def test_a_moment_is_shared_when_any_block_of_it_is():
    leaving = dataclasses.replace(EPILOGUE, kind="reconciliation", g=9, extent=(7, 9))
    found = unreached_findings([MEETING, leaving], COUPLE, LAST_PAGE, shared=lambda g: g in (1, 7))
    (confession,) = [f for f in found if f.data["kind"] == "confession"]
    assert confession.evidence == [leaving.evidence]


def test_the_missing_step_goes_before_the_next_step_they_reach():
    # an acceptance read early (another pair's wedding reported) does not draw the anchor
    # away from the proposal, the step that follows a confession
    early = dataclasses.replace(ACCEPTANCE, g=4)
    found = unreached_findings([MEETING, early, PROPOSAL], COUPLE, None)
    (confession,) = [f for f in found if f.data["kind"] == "confession"]
    assert confession.evidence == [PROPOSAL.evidence]
