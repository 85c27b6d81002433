"""Korean text helpers: honorific stripping, sentence split, eojeol counts, Kiwi loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramaturg.text import korean
from dramaturg.text.lexicon import load_lexicon

PROSE = Path("/work/shared/data/korean/dongbaekkkot_kim_yujeong_1936.txt")


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("서윤 씨", "서윤"),
        ("서윤씨", "서윤"),
        ("서윤 씨가", "서윤"),
        ("도현아", "도현"),
        ("도현아,", "도현"),
        ("지수야", "지수"),
        ("민호야!", "민호"),
        ("도현이", "도현"),
        ("도현이가", "도현"),
        ("서윤은", "서윤"),
        ("지수한테", "지수"),
        ("도현 선배", "도현"),
        ("도현 오빠가", "도현"),
        ("지수 언니", "지수"),
        ("강도현 작가님", "강도현"),
    ],
)
def test_base_name_strips_titles_vocatives_and_particles(written, name):
    assert korean.base_name(written) == name


@pytest.mark.parametrize("name", ["지아", "하은", "민호", "수이"])
def test_base_name_keeps_a_name_whose_ending_only_looks_like_a_particle(name):
    assert korean.base_name(name) == name


def test_base_name_prefers_a_known_name():
    assert korean.base_name("하야", known=["하야"]) == "하야"
    assert korean.base_name("하야야", known=["하야"]) == "하야"


def test_a_title_alone_is_not_stripped_to_nothing():
    assert korean.base_name("선배") == "선배"


def test_kin_terms_say_who_is_addressed_and_who_speaks():
    assert (korean.addressed_gender("오빠"), korean.speaker_gender("오빠")) == ("m", "f")
    assert (korean.addressed_gender("누나"), korean.speaker_gender("누나")) == ("f", "m")
    assert (korean.addressed_gender("씨"), korean.speaker_gender("씨")) == (None, None)


def test_final_consonant_decides_which_vocative_fits():
    assert korean.has_final_consonant("도현") and not korean.has_final_consonant("지수")


def test_sentence_split_handles_unpunctuated_korean_endings():
    text = "비가 오네요 우산 있어요? 없어요."
    assert korean.sentences(text) == ["비가 오네요", "우산 있어요?", "없어요."]


def test_sentence_spans_point_into_the_text():
    text = "나 안 취했어요! 근데요, 작가님은 왜 자꾸 내 마음을 흔들어요?"
    spans = korean.sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "나 안 취했어요!",
        "근데요, 작가님은 왜 자꾸 내 마음을 흔들어요?",
    ]


def test_sentence_split_of_real_prose_keeps_every_character():
    text = PROSE.read_text(encoding="utf-8").split("\n")[4]
    spans = korean.sentence_spans(text)
    assert len(spans) >= 4
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")


def test_empty_text_has_no_sentences_and_no_eojeol():
    assert korean.sentences("  ") == [] and korean.eojeol_count(" ... ") == 0


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("그래요. 정말 괜찮아요?", 3),
        ("서윤 : 도현 씨... 나 안 취했어요!", 6),
        ("도현, 서윤 손을 잡는다.", 4),
        ("…  —  !!", 0),
    ],
)
def test_eojeol_count_counts_space_separated_units_with_letters(text, count):
    assert korean.eojeol_count(text) == count


def test_morphemes_carry_offsets_into_the_text():
    text = "도현, 서윤 손을 잡는다."
    ms = korean.morphemes(text)
    assert all(text[m.start : m.end] == m.form for m in ms if m.form in text)
    assert ("잡", "VV") in {(m.form, m.tag[:2]) for m in ms}


def test_kiwi_is_loaded_once_and_its_load_time_kept():
    first = korean.kiwi()
    assert korean.kiwi() is first
    assert korean.model_load_seconds() is not None


def test_honorific_data_lists_the_suffixes_of_the_brief():
    lex = load_lexicon("honorifics", "ko")
    assert {"씨", "님", "선배", "오빠", "언니", "누나", "형"} <= set(lex["titles"])
    assert lex["vocative"] == {"after_consonant": ["아"], "after_vowel": ["야"]}
    assert lex["name_suffix"]["after_consonant"] == ["이"]
