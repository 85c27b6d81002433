"""Korean prose cast: a narrator in short paragraphs, places that are not people, callings
after a name (``analyze/cast_ko.py``, ``text/ko/cast.toml``). Texts written for the tests."""

from __future__ import annotations

from pathlib import Path

from dramaturg.analyze.cast import build_cast
from dramaturg.read import read


def _cast(tmp_path: Path, lines: list[str], blank: bool = False):  # type: ignore[no-untyped-def]
    p = tmp_path / "story.txt"
    p.write_text(("\n\n" if blank else "\n").join(lines) + "\n", encoding="utf-8")
    return build_cast(read(p))


def test_first_person_told_in_one_sentence_paragraphs_has_a_narrator(tmp_path: Path) -> None:
    # two of fourteen paragraphs say 나 / 내가: too few paragraphs for the share rule, but the
    # first-person words are dense in the narration
    lines = ["봄밭", "나는 아침마다 밭에 나갔다.", "해가 높았다.", "바람이 불었다.",
             "내가 밭을 갈 때 순이가 왔다.", "순이는 바구니를 들고 있었다.", "바구니에는 감자가 있었다.",
             "순이가 감자를 내밀었다.", "소가 고개를 돌렸다.", "순이는 얼굴이 빨개졌다.",
             "그날 저녁 비가 왔다.", "마당이 젖었다.", "소가 울었다.", "순이의 바구니가 생각났다."]  # fmt: skip
    cast = _cast(tmp_path, lines, blank=True)
    assert cast.narrator is not None and cast.narrator in cast.members
    assert "순이" in cast.members


def test_frame_narrator_in_a_third_person_story_is_not_a_character(tmp_path: Path) -> None:
    lines = ["옛일", "내가 어릴 때 들은 이야기다."] + [
        f"순이가 {w} 보았다. 수남이는 {w} 들었다. 순이의 {w} 밝았다. 수남이가 웃었다."
        for w in ("하늘을", "강을", "산을", "들을", "꽃을", "새를", "길을", "달을") * 3
    ]
    cast = _cast(tmp_path, lines, blank=True)
    assert cast.narrator is None


def test_a_country_standing_before_nouns_is_not_a_character(tmp_path: Path) -> None:
    lines = ["작은 이야기", "신라 장수들이 성문을 지켰다.", "수남이가 신라 대궐 앞에 섰다.",
             "신라 군사가 북을 쳤다.", "옥분이는 신라 궁중에서 자랐다.", "수남이는 옥분이를 처음 보았다.",
             "신라 백성은 모두 잠들었다.", "옥분이가 수남이에게 웃었다.", "수남이의 얼굴이 빨개졌다.",
             "옥분이의 손이 떨렸다."]  # fmt: skip
    cast = _cast(tmp_path, lines)
    assert "신라" not in cast.members
    assert {"수남", "옥분"} <= set(cast.members)


def test_a_calling_after_a_name_is_that_character(tmp_path: Path) -> None:
    lines = ["도령 이야기", "민호도령은 봄마다 강가에 나갔다.", "민호는 말을 타고 달렸다.",
             "그날 도령은 버드나무 밑에서 쉬었다.", "순이가 물동이를 이고 지나갔다.",
             "민호는 순이를 오래 바라보았다.", "도령은 순이에게 꽃을 주었다.", "순이는 얼굴을 붉혔다.",
             "민호도령의 마음이 설레었다.", "민호도령이 순이의 손을 잡았다.", "민호는 순이에게 말을 걸었다."]  # fmt: skip
    cast = _cast(tmp_path, lines)
    assert "민호도령" not in cast.members
    assert {"민호도령", "도령"} <= cast.members["민호"].aliases
    assert "순이" in cast.members


def test_arranged_match_wording_is_proposal_and_acceptance_not_each_other() -> None:
    from dramaturg.text.lexicon import compile_terms, fold, load_lexicon

    lex = load_lexicon("thresholds", "ko")

    def says(kind: str, text: str) -> bool:
        return compile_terms(lex[kind]["strong"]).search(fold(text)) is not None

    # asking for the wedding, taking as son-in-law: a proposal, not yet an acceptance
    for text in ("어서 성례를 시켜 달라고 졸랐다.", "그 집에서 그를 사위로 맞기를 바랐다."):
        assert says("proposal", text)
    assert not says("acceptance", "어서 성례를 시켜 달라고 졸랐다.")
    # the wedding granted, the match made
    for text in ("가을에는 꼭 혼인을 시켜 주마.", "마침내 그는 그 집 사위가 되었다."):
        assert says("acceptance", text)
    assert not says("proposal", "가을에는 꼭 혼인을 시켜 주마.")
    assert says("embrace", "그는 쓰러진 그녀를 부둥켜안았다.")


def test_a_name_bare_before_a_verb_stays_a_character(tmp_path: Path) -> None:
    # directions write a name without its particle before the verb (수남 들어온다): that is a
    # person, not a place; only a noun after the bare name (신라 군사) makes it one
    lines = ["지문", "수남 들어온다.", "수남 웃는다.", "수남 앉는다.", "수남 일어선다.", "수남 나간다.",
             "옥분이가 수남이를 본다.", "옥분이는 웃는다.", "수남이가 옥분이에게 간다."]  # fmt: skip
    cast = _cast(tmp_path, lines)
    assert {"수남", "옥분"} <= set(cast.members)
