"""The romance, arc and engine analyses on Korean drafts: the sample script series and a short
story in prose (김유정, 「동백꽃」, 1936, public domain)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from dramaturg.analyze import Analysis, analyze
from dramaturg.analyze.moments import signature_tags
from dramaturg.read import read
from dramaturg.story import merge
from dramaturg.text.lexicon import compile_terms
from shared_data import SHARED_DATA

DATA = Path(__file__).parent / "data" / "korean"
EPISODES = [DATA / "drama_ep1.txt", DATA / "drama_ep2.txt"]
PROSE = SHARED_DATA / "korean/dongbaekkkot_kim_yujeong_1936.txt"
EXPECTED = tomllib.loads((DATA / "expected_thresholds.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def series() -> Analysis:
    return analyze(merge([read(p) for p in EPISODES]))


@pytest.fixture(scope="module")
def prose() -> Analysis:
    if not PROSE.exists():
        pytest.skip("the shared Korean prose sample is not on this machine")
    return analyze(read(PROSE))


def _quotes(a: Analysis) -> list[tuple[str, int, str]]:
    """(file, line, quote) of every threshold, moment, finding, hook and engine cue or link
    (file "" where the JSON leaves it to the scene)."""
    out = [(t.evidence.file, t.evidence.line, t.evidence.quote) for t in a.romance.thresholds]
    out += [(m.evidence.file, m.evidence.line, m.evidence.quote) for m in a.romance.moments]
    out += [(e.file, e.line, e.quote) for f in a.findings for e in f.evidence]
    data: dict[str, Any] = a.engine.to_dict()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("line"), int) and node.get("quote"):
                out.append((node.get("file") or "", node["line"], node["quote"]))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    return out


def _assert_at_lines(a: Analysis) -> None:
    lines = {f: Path(f).read_text(encoding="utf-8").splitlines() for f in a.story.files}
    checked = 0
    for file, line, quote in _quotes(a):
        # a quote without its file stands at that line of one of the story's files
        texts = [
            " ".join(src[line - 1].split())
            for f, src in lines.items()
            if (f == file or not file) and line <= len(src)
        ]
        assert any(quote in t for t in texts), f"{file}:{line}: {quote!r} not in {texts!r}"
        checked += 1
    assert checked


def test_series_couple_is_the_two_leads(series: Analysis) -> None:
    assert set(series.romance.couple or ()) == set(EXPECTED["couple"])
    assert series.romance.couple_source == "detected"


def test_series_thresholds_at_their_episode_and_line(series: Analysis) -> None:
    firsts: dict[str, Any] = {}
    for t in series.romance.thresholds:
        firsts.setdefault(t.kind, t)
    for kind, exp in EXPECTED["thresholds"].items():
        assert kind in firsts, f"{kind} not found"
        t = firsts[kind]
        assert t.evidence.part == exp["episode"], (kind, t.evidence.part)
        assert Path(t.evidence.file).name == exp["file"], kind
        assert t.evidence.line == exp["line"], (kind, t.evidence.line, t.evidence.quote)
        assert re.sub(r"\s+", "", exp["cue"])[:4] in re.sub(r"\s+", "", t.evidence.quote), kind


def test_series_signature_moments(series: Analysis) -> None:
    for tag, exp in EXPECTED["signatures"].items():
        episodes = {m.evidence.part for m in series.romance.moments if tag in m.tags}
        assert exp["episode"] in episodes, (tag, episodes)
        # the tag's own cue line reads as that tag
        src = (DATA / exp["file"]).read_text(encoding="utf-8").splitlines()[exp["line"] - 1]
        assert tag in signature_tags(src, "ko"), (tag, src)


def test_series_moments_of_every_kind(series: Analysis) -> None:
    kinds = {k for m in series.romance.moments for k in m.kinds}
    assert kinds == {
        "caretaking",
        "shared_routine",
        "quiet_understanding",
        "vulnerability",
        "attraction",
        "choice",
    }
    assert 8 <= len(series.romance.montage) <= 12


def test_series_cast_names_endings_titles_and_gender(series: Analysis) -> None:
    cast = series.romance.cast
    # 서윤을, 도현의, 서윤이 in action lines put them on the page
    line = next(g for g, r in enumerate(cast.refs) if "술에 취한 서윤을" in r.block.text)
    assert {"서윤", "도현"} <= cast.present[line]
    # 지수 calls 서윤 "선배": the only other speaker of the scene
    assert cast.addressed[("지수", "서윤")] >= 1
    # 서윤 calls 도현 "오빠": she is a woman, he a man; nobody else's gender is shown
    assert cast.members["서윤"].gender == "f"
    assert cast.members["도현"].gender == "m"
    assert cast.members["민호"].gender is None
    assert cast.resolve("서윤 씨") == "서윤"


def test_series_arc_engine_hooks_lens_run(series: Analysis) -> None:
    data = series.to_dict()
    engine = series.engine.to_dict()
    assert data["language"] == "ko"
    scenes = engine["engine"]["scenes"] if "engine" in engine else None
    assert scenes is None or len(scenes) == 16
    text = repr(engine)
    # wants, choices and causal cues are found in Korean
    assert "싶" in text or "해야" in text
    assert "때문" in text or "그래서" in text or "덕분" in text


def test_series_arc_valence_and_engine_nouns(series: Analysis) -> None:
    arc = series.engine.to_dict()["arc"]
    valences = [s["valence"] for s in arc["scenes"]]
    assert any(v > 0 for v in valences) and any(v < 0 for v in valences)
    salient = {t for s in series.engine.to_dict()["engine"]["scenes"] for t in s["salient_terms"]}
    assert {"우산", "첫눈", "원고"} <= salient  # nouns, not eojeol with their particles
    assert not salient & {"우산을", "원고에", "도"}


def test_series_quotes_stand_at_their_lines(series: Analysis) -> None:
    _assert_at_lines(series)


def test_prose_couple_is_narrator_and_jeomsun(prose: Analysis) -> None:
    cast = prose.romance.cast
    assert cast.narrator is not None
    assert set(prose.romance.couple or ()) == {cast.narrator, "점순"}
    assert prose.romance.thresholds or prose.romance.moments


def test_prose_quotes_stand_at_their_lines(prose: Analysis) -> None:
    _assert_at_lines(prose)


def test_korean_terms_are_eojeol_prefixes_english_unchanged() -> None:
    ko = compile_terms(["손을\\s*잡", "안(았|아|겨|기)", "좋아해(?:요)?"], "ko")
    assert ko.search("도현, 서윤 손을 잡았다")
    assert ko.search("꼭 안았다")
    assert ko.search("좋아해요")
    assert not ko.search("좋아해서 그래")
    assert not ko.search("편안았다")  # a term starts an eojeol
    en = compile_terms(["kiss"], "en")
    assert en.search("a kiss") and not en.search("kissed")
    assert compile_terms(["kiss"]).pattern == en.pattern


def test_a_fuzzed_script_whose_narrator_has_no_mentions_is_analyzed():
    # bench/fuzz.py (analyze-korean, seed 8, input 246): an EUC-KR script with CR line ends;
    # the cast had a narrator but no per-block mentions, and involved_love indexed past them
    path = Path(__file__).parent / "data" / "crashers" / "c8-korean-narrator-no-mentions.txt"
    analyze(read(path)).to_dict()


def test_a_long_run_of_hangul_is_scanned_in_linear_time():
    # "\w+기로" was tried at every syllable of a run, backtracking to its end each time
    # (quadratic: 38 s on a 94,000-syllable line found by bench/fuzz.py)
    from dramaturg.text.lexicon import load_lexicon
    from dramaturg.text.terms import Scanner

    engine = load_lexicon("engine", "ko")
    groups = {k: v for k, v in engine.items() if isinstance(v, list)}
    for section in engine.values():
        if isinstance(section, dict):
            groups.update({k: v for k, v in section.items() if isinstance(v, list)})
    scanner = Scanner({"engine": groups})
    text = "그는 " + "가" * 200_000 + " 떠나기로 했다."
    assert any(a > 200_000 for _f, _c, a, _b in scanner.scan(text))


def test_a_korean_cue_with_an_age_word_is_the_same_person(tmp_path: Path) -> None:
    # "어린 서윤" in the first scene, "서윤" grown up in the next: one character (cast.toml [ages])
    path = tmp_path / "ep1.txt"
    path.write_text(
        "S#1. 강가 (낮)\n\n어린 서윤, 강가에 앉아 있다. 어린 도현이 다가온다.\n\n"
        "어린 도현\t안녕.\n어린 서윤\t누구야?\n\n어린 도현, 서윤의 손을 잡는다.\n\n"
        "S#2. 병원 (밤)\n\n서윤, 도현의 손을 잡고 있다.\n\n서윤\t사랑해.\n도현\t나도 사랑해.\n\n"
        "서윤, 도현을 안는다.\n",
        encoding="utf-8",
    )
    a = analyze(read(path)).to_dict()
    assert sorted(a["couple"]) == ["도현", "서윤"]
    names = {c["name"]: c["aliases"] for c in a["cast"]["characters"]}
    assert "어린 서윤" in names["서윤"] and "어린 도현" in names["도현"]
