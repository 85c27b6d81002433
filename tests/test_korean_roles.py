"""Korean thresholds belong to whoever the particles say: who kisses (이/가), whom (을/를, 에게),
with whom (와/과) and whose hand (의).

tests/data/korean/roles_ep1.txt was written for this project: 서윤 and 도현 are the couple; a
rival (민호) embraces 서윤, a colleague (지수) kisses 도현 and reports a confession made to her,
and a bride and groom who appear once (은비, 태식) kiss at their wedding with the couple among
the guests. The couple's own thresholds are a confession, a hand held and an answer, at the end.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dramaturg.analyze import Analysis, analyze
from dramaturg.analyze.roles_ko import Parties, parties
from dramaturg.read import read

ROLES = Path(__file__).parent / "data" / "korean" / "roles_ep1.txt"


def _line(text: str) -> int:
    lines = ROLES.read_text(encoding="utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if text in ln)


@pytest.fixture(scope="module")
def result() -> Analysis:
    return analyze(read(ROLES))


def test_another_couples_wedding_kiss_is_not_the_couples(result: Analysis) -> None:
    assert sorted(result.romance.couple) == ["도현", "서윤"]
    assert "kiss" not in {t.kind for t in result.romance.thresholds}


def test_the_first_touch_is_the_couples_own(result: Analysis) -> None:
    touch = next(t for t in result.romance.thresholds if t.kind == "first_touch")
    assert touch.evidence.line == _line("도현이 서윤의 손을 잡는다.")


def test_a_rivals_embrace_is_not_the_couples(result: Analysis) -> None:
    assert "embrace" not in {t.kind for t in result.romance.thresholds}


def test_the_confession_is_the_couples_not_the_one_reported(result: Analysis) -> None:
    confession = next(t for t in result.romance.thresholds if t.kind == "confession")
    assert confession.evidence.line == _line("서윤 씨 좋아해요.")


def _named(text: str) -> dict[str, list[tuple[int, int]]]:
    return {
        n: [(m.start(), m.end()) for m in re.finditer(n, text)]
        for n in ("서윤", "도현", "민호", "지수")
        if n in text
    }


@pytest.mark.parametrize(
    ("text", "trigger", "speaker", "expected"),
    [
        ("민호가 서윤을 끌어안는다.", "끌어안", None, Parties("민호", "서윤")),
        ("서윤의 손을 민호가 잡는다.", "잡는", None, Parties("민호", "서윤")),
        ("도현, 서윤을 안는다.", "안는", None, Parties("도현", "서윤")),
        ("서윤은 도현과 입을 맞춘다.", "입을", None, Parties("서윤", "도현")),
        ("도현이가 서윤이랑 손을 잡았다.", "손을", None, Parties("도현", "서윤")),
        ("민호 씨가 어제 나한테 고백했어요.", "고백", "지수", Parties("민호", "지수")),
        ("도현 씨, 나 도현 씨 좋아해요.", "좋아", "서윤", Parties(None, None)),
        ("나도 좋아한다고요.", "좋아", None, Parties(None, None)),
    ],
)
def test_particles_say_who_does_what_to_whom(
    text: str, trigger: str, speaker: str | None, expected: Parties
) -> None:
    spoken = speaker is not None
    found = parties(text, _named(text), 0, text.index(trigger), speaker, spoken)
    assert found == expected
