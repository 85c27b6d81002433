"""Korean reports: interface strings, labels and finding messages in Korean, from data files."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from dramaturg.analyze import analyze
from dramaturg.read import read_series
from dramaturg.render.html import render_report
from dramaturg.render.i18n import strings
from dramaturg.render.messages import localize

KO = Path(__file__).parent / "data" / "korean"
ANALYZE = Path(resources.files("dramaturg")) / "analyze"  # type: ignore[arg-type]


def _codes_in_code() -> set[str]:
    return {
        m
        for f in ANALYZE.glob("*.py")
        for m in re.findall(r'code="([A-Z]+-[A-Z0-9-]+)"', f.read_text())
    }


def _templates() -> dict[str, dict[str, str]]:
    res = resources.files("dramaturg") / "render" / "strings" / "findings.ko.toml"
    return tomllib.loads(res.read_text("utf-8"))


def test_korean_strings_cover_every_english_key() -> None:
    en, ko = strings("en"), strings("ko")
    assert set(en) <= set(ko)
    assert set(en["labels"]) <= set(ko["labels"])
    assert ko["findings"] != en["findings"]


def test_every_finding_code_has_a_korean_template() -> None:
    assert _codes_in_code() <= set(_templates())


def test_a_finding_is_localized_from_its_data() -> None:
    finding = {
        "code": "ROM-UNREACHED",
        "message": "English.",
        "suggestion": "English too.",
        "part": 2,
        "scene": 4,
        "data": {"kind": "kiss"},
    }
    out = localize(finding, "ko", ["서윤", "도현"])
    assert "서윤" in out["message"] and "키스" in out["message"]
    assert finding["message"] == "English."  # the input is not changed


def test_a_template_missing_a_value_keeps_the_english_text() -> None:
    finding = {"code": "ROM-RUSHED", "message": "English.", "suggestion": "Keep.", "data": {}}
    assert localize(finding, "ko")["message"] == "English."


def test_english_is_left_alone() -> None:
    finding = {"code": "ROM-UNREACHED", "message": "English.", "data": {"kind": "kiss"}}
    assert localize(finding, "en") is finding


@pytest.mark.skipif(not (KO / "drama_ep1.txt").exists(), reason="Korean samples missing")
def test_korean_script_report_is_in_korean() -> None:
    result = analyze(read_series([KO / "drama_ep1.txt", KO / "drama_ep2.txt"]))
    html = render_report(result)
    assert 'lang="ko"' in html
    for word in ("개요", "지적 사항", "로맨스의 문턱", "감정 곡선", "첫 만남"):
        assert word in html, word


@pytest.mark.skipif(not (KO / "drama_ep1.txt").exists(), reason="Korean samples missing")
def test_english_report_can_be_asked_for_a_korean_draft() -> None:
    result = analyze(read_series([KO / "drama_ep1.txt", KO / "drama_ep2.txt"]))
    html = render_report(result, lang="en")
    assert "Overview" in html and "개요" not in html


@pytest.mark.parametrize(
    ("couple", "expected"),
    [(["서윤", "도현"], "서윤과 도현은"), (["지수", "민호"], "지수와 민호는")],
)
def test_korean_particles_follow_the_names(couple: list[str], expected: str) -> None:
    finding = {"code": "ROM-UNREACHED", "message": "English.", "data": {"kind": "kiss"}}
    out = localize(finding, "ko", couple)["message"]
    assert out.startswith(expected), out
    assert "키스로 읽히는" in out


def test_a_latin_name_gets_both_particles() -> None:
    finding = {"code": "ROM-UNREACHED", "message": "English.", "data": {"kind": "kiss"}}
    out = localize(finding, "ko", ["DA-EUN", "JI-HWAN"])["message"]
    assert out.startswith("DA-EUN과(와) JI-HWAN은(는)"), out


def test_a_code_with_several_shapes_is_localized_from_the_one_that_fits() -> None:
    act = {
        "code": "ENG-STRUCTURE",
        "message": "Act Two starts at 40% of the script.",
        "data": {"act": 2, "position": 0.4, "usual_range": [0.2, 0.3]},
    }
    share = {
        "code": "ENG-STRUCTURE",
        "message": "Act Three takes 40% of the script.",
        "data": {"act": 3, "share": 0.4, "median_share": 0.2},
    }
    assert localize(act, "ko")["message"].startswith("2막이 대본의 40% 지점에서")
    assert localize(share, "ko")["message"].startswith("3막이 대본의 40%를")


def test_a_run_of_flat_chapters_and_a_single_flat_ending_read_differently() -> None:
    run = {
        "code": "ENG-FLAT-ENDING",
        "message": "3 chapters in a row end flat.",
        "part": 4,
        "data": {"chapters": ["4장", "5장", "6장"], "scores": [0.1, 0.2, 0.1], "median_score": 0.5},
    }
    single = {
        "code": "ENG-FLAT-ENDING",
        "message": "Episode 4 ends flat.",
        "part": 4,
        "data": {"scores": {"cliffhanger": 0.1}},
    }
    assert localize(run, "ko")["message"].startswith("4장부터 6장까지 3개 장이")
    assert localize(single, "ko")["message"].startswith("4회차가 밋밋하게")
