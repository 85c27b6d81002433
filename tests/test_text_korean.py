"""Korean text helpers: honorific stripping, sentence split, eojeol counts, Kiwi loaded once."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dramaturg.text import korean
from dramaturg.text.lexicon import load_lexicon
from shared_data import SHARED_DATA

PROSE = SHARED_DATA / "korean/dongbaekkkot_kim_yujeong_1936.txt"


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


# ---------------------------------------------------------------------------- language layer

DATA = Path(__file__).parent / "data" / "korean"
EXPECTED = tomllib.loads((DATA / "expected_thresholds.toml").read_text("utf-8"))
SECTION = {"first_touch": "touch"}  # the lexicon section that names each threshold


def _line(file: str, line: int) -> str:
    return (DATA / file).read_text("utf-8").split("\n")[line - 1]


@pytest.mark.parametrize("kind", sorted(EXPECTED["thresholds"]))
def test_korean_threshold_terms_name_each_sample_threshold_at_its_line(kind):
    from dramaturg.text.lexicon import compile_terms, fold

    where = EXPECTED["thresholds"][kind]
    lex = load_lexicon("thresholds", "ko")[SECTION.get(kind, kind)]
    m = compile_terms(lex["strong"]).search(fold(_line(where["file"], where["line"])))
    assert m is not None
    assert where["cue"] in m.group() or m.group() in where["cue"]


@pytest.mark.parametrize("tag", sorted(EXPECTED["signatures"]))
def test_korean_signature_tags_match_each_sample_moment(tag):
    from dramaturg.text.lexicon import compile_terms, fold

    where = EXPECTED["signatures"][tag]
    groups = load_lexicon("signatures", "ko")[tag]["all"]
    line = fold(_line(where["file"], where["line"]))
    assert all(compile_terms(g).search(line) for g in groups)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("hand_hold", "서윤, 도현 손을 잡지 않는다."),
        ("kiss", "두 사람, 키스는 안 한다."),
        ("kiss", "입을 맞추지 못한다."),
        ("confession", "누군가의 이야기가 읽히는 게 좋아서요."),
        ("confession", "어머니가 이 책방을 좋아하셨어요."),
        ("embrace", "서윤, 서류 봉투를 안고 서 있다."),
        ("touch", "업무가 밀려 있다."),
        ("touch", "오토바이가 스쳐 지나간다."),
    ],
)
def test_korean_threshold_terms_leave_negated_and_lookalike_phrases_alone(kind, text):
    from dramaturg.text.lexicon import compile_terms, fold

    assert (
        compile_terms(load_lexicon("thresholds", "ko")[kind]["strong"]).search(fold(text)) is None
    )


@pytest.mark.parametrize(
    "name",
    ["thresholds", "romance", "moments", "signatures", "cast", "arc", "engine", "hooks", "lens"],
)
def test_korean_lexicons_have_the_english_keys(name):
    def keys(d, top=True):
        # the titles table of cast.toml is keyed by the titles themselves
        return (
            {k: keys(v, False) for k, v in d.items() if not (top and k == "honorifics")}
            if isinstance(d, dict)
            else type(d).__name__
        )

    en, ko = load_lexicon(name, "en"), load_lexicon(name, "ko")
    assert ko is not en and keys(ko) == keys(en)


def test_korean_scanner_lexicons_compile_and_match_eojeol():
    from dramaturg.text.terms import Scanner

    arc, engine, lens = (load_lexicon(n, "ko") for n in ("arc", "engine", "lens"))
    scanner = Scanner(
        {
            "tension": {k: list(v) for k, v in arc["terms"].items()},
            "cue": {
                k: list(engine[k]["cues"]) for k in ("wants", "choices", "causal", "complications")
            },
            "lens": {k: list(v) for k, v in lens["terms"].items()},
        }
    )
    text = "오토바이가 튀어나온다. 이번엔 지키고 싶어서. 나는 떠나기로 했다."
    found = {(family, kind, text[a:b]) for family, kind, a, b in scanner.scan(text)}
    assert ("tension", "danger", "튀어나온다") in found
    assert ("cue", "wants", "싶어서") in found
    assert ("cue", "choices", "떠나기로 했다") in found
    assert ("lens", "grounded", "오토바이가") in found


def test_romance_analysis_finds_the_sample_thresholds_where_expected():
    from dramaturg.analyze.romance import analyze_romance
    from dramaturg.read import read_series

    story = read_series([DATA / "drama_ep1.txt", DATA / "drama_ep2.txt"])
    result = analyze_romance(story)
    assert set(result.couple) == set(EXPECTED["couple"])
    found = {t.kind: (t.evidence.part, t.evidence.scene_number) for t in result.thresholds}
    for kind, where in EXPECTED["thresholds"].items():
        assert found.get(kind) == (where["episode"], where["scene"]), kind
    numbers = {s.index: s.number for s in story.scenes}
    first_tag: dict[str, tuple[int | None, str | None, int]] = {}
    for m in result.moments:
        for tag in m.to_dict()["tags"]:
            d = m.to_dict()
            first_tag.setdefault(tag, (d["part"], numbers[d["scene"]], d["line"]))
    for tag, where in EXPECTED["signatures"].items():
        assert first_tag.get(tag) == (where["episode"], where["scene"], where["line"]), tag


def test_korean_interface_strings_cover_english_keys_and_template_defaults():
    import re
    from importlib import resources

    render = resources.files("dramaturg") / "render"
    en = tomllib.loads((render / "strings" / "en.toml").read_text("utf-8"))
    ko = tomllib.loads((render / "strings" / "ko.toml").read_text("utf-8"))
    template = (render / "templates" / "report.html.j2").read_text("utf-8")
    defaults = set(re.findall(r"t\.(\w+)\s*\|\s*default\(", template))
    wanted = set(en) | defaults | {"valence", "tension", "grounded", "fantastical"}
    assert wanted <= set(ko)
    texts = [ko[k] for k in wanted if isinstance(ko[k], str)]
    texts += list(ko["labels"].values())  # kinds, tags and verdicts as the report shows them
    assert all(re.search("[가-힣]", text) for text in texts)
