"""The language registry: one object per language (``text/<code>/``), its data beside it.

Every language-dependent rule is asked of the language's object; no module outside
``text/`` compares a language code with a literal.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from dramaturg.errors import DramaturgError
from dramaturg.text.language import detect_language, supported_languages
from dramaturg.text.languages import (
    Language,
    find_language,
    get_language,
    registered_languages,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "dramaturg"
CODES = sorted(registered_languages())


def test_the_registered_languages_are_english_and_korean() -> None:
    assert registered_languages() == {"en", "ko"} == supported_languages()
    for code in CODES:
        lang = get_language(code)
        assert isinstance(lang, Language) and lang.code == code and lang.name
        assert get_language(code) is lang  # one object per language


@pytest.mark.parametrize("code", ["ja", "zh", "ru", "xx", "../en", "english"])
def test_a_language_without_a_package_is_not_supported_yet(code: str) -> None:
    with pytest.raises(DramaturgError, match=r"language not supported yet") as err:
        get_language(code, "draft.txt")
    assert err.value.file == "draft.txt"
    assert find_language(code) is None


def test_region_tags_and_the_empty_code() -> None:
    assert find_language("ko-KR") is get_language("ko") is find_language("KO")
    assert get_language("") is get_language("en")  # a story without a language is English


@pytest.mark.parametrize("code", CODES)
def test_every_lexicon_and_word_list_of_a_language_loads(code: str) -> None:
    lang = get_language(code)
    files = [f for f in lang.directory.iterdir() if f.is_file()]
    tomls = [f.name[:-5] for f in files if f.name.endswith(".toml")]
    lists = [f.name for f in files if f.name.endswith(".txt")]
    assert "thresholds" in tomls
    for name in tomls:
        data = lang.lexicon(name)
        assert isinstance(data, dict) and data, name
        assert lang.lexicon(name) is data  # loaded once
        assert lang.has_lexicon(name)
    for name in lists:
        rows = lang.word_list(name)
        assert rows and all(rows), name


def test_korean_reads_english_for_a_lexicon_it_lacks_and_english_has_no_fallback() -> None:
    ko, en = get_language("ko"), get_language("en")
    assert not ko.has_lexicon("coref") and en.has_lexicon("coref")
    assert ko.lexicon("coref") == en.lexicon("coref")
    assert ko.lexicon("thresholds") != en.lexicon("thresholds")  # its own when it has one
    assert not en.has_lexicon("valence")
    with pytest.raises(FileNotFoundError):
        en.lexicon("valence")


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_its_line_breaks_and_strings(code: str) -> None:
    lang = get_language(code)
    rules = lang.linebreak_rules()
    assert rules["weights"] and rules["punctuation"]
    assert lang.linebreak_style in ("words", "eojeol")
    strings = lang.strings()
    assert strings is not None and strings.get("labels")
    assert lang.cast_strategy in ("capitals", "morphemes")


def test_the_two_languages_differ_where_their_rules_do() -> None:
    en, ko = get_language("en"), get_language("ko")
    assert (en.cast_strategy, ko.cast_strategy) == ("capitals", "morphemes")
    assert (en.eojeol_terms, ko.eojeol_terms) == (False, True)
    assert (en.prose_mentions, ko.prose_mentions) == (True, False)
    assert (en.tagged, ko.tagged) == (False, True)
    assert ko.finding_strings() and not en.finding_strings()  # English is the codes' own
    assert en.formatter().format("{a} and {b}", a="Emma", b="George") == "Emma and George"
    assert ko.formatter().format("{a:와} {b:은}", a="서윤", b="도현") == "서윤과 도현은"


def test_counting_names_and_valence_per_language() -> None:
    en, ko = get_language("en"), get_language("ko")
    text = '"Stop!" he cried. Mr. Elton left.'
    assert [text[a:b] for a, b in en.sentence_spans(text)] == [
        '"Stop!" he cried.',
        "Mr. Elton left.",
    ]
    assert en.count_sentences(text) == 2 and en.count_words("Don't go, Mr. Knightley.") == 4
    assert en.titles()["Mrs"] == "f" and ko.titles()["언니"] == "f"
    assert en.base_name(" Emma ") == "Emma"
    assert ko.base_name("도현아") == "도현" and ko.base_name("서윤 씨가") == "서윤"
    assert en.valence("I love you, you make me happy.") > 0 > en.valence("I hate this awful day.")
    assert ko.valence("정말 행복했다.") > 0 > ko.valence("혼자 울었다.")
    assert en.tokens(["Emma smiled."]) == [()] and en.nouns("Emma smiled.") == []


def test_korean_tokens_are_kiwi_morphemes() -> None:
    ko = get_language("ko")
    (toks,) = ko.tokens(["서윤이 웃는다."])
    assert ("서윤", "NNP", 0, 2) in toks
    assert "우산" in [t[0] for t in ko.nouns("서윤이 우산을 샀다.")]


def test_the_detector_names_only_codes_the_registry_answers_for() -> None:
    for text, code in [("INT. BUS STOP - NIGHT", "en"), ("서윤 : 우산 있어요?", "ko")]:
        assert get_language(detect_language(text)).code == code
    with pytest.raises(DramaturgError):
        get_language(detect_language("雨が降っている。傘を持っていますか？"))


# a comparison of a language code with a registered code's literal: story.language == "ko"
_CODE_LITERAL = "|".join(map(re.escape, CODES))
_BRANCH = re.compile(
    rf"""(?:==|!=)\s*["'](?:{_CODE_LITERAL})["']|["'](?:{_CODE_LITERAL})["']\s*(?:==|!=)"""
    rf"""|\bin\s*[(\[{{]\s*["'](?:{_CODE_LITERAL})["']"""
)


def test_no_language_branch_outside_the_language_layer() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("text/"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if _BRANCH.search(code):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert not offenders, "ask the language object instead:\n" + "\n".join(offenders)


def test_the_branch_pattern_catches_the_shapes_it_must() -> None:
    for line in ['if story.language == "ko":', "x = 'en' != lang", 'if lang in ("ko", "ja"):']:
        assert _BRANCH.search(line), line
    assert not _BRANCH.search('get_language("ko").lexicon("honorifics")')


def test_language_data_is_packaged_beside_each_language() -> None:
    root = resources.files("dramaturg.text")
    for code in CODES:
        assert root.joinpath(code, "__init__.py").is_file()
        assert root.joinpath(code, "thresholds.toml").is_file()


def test_detection_scores_are_the_detectors() -> None:
    en, ko = get_language("en"), get_language("ko")
    script = "서윤 : 우산 있어요? 없어요. 같이 가요.\n\nINT. BUS STOP - NIGHT\n"
    assert ko.detection_score(script) > en.detection_score(script) > 0
    assert en.detection_score("Rain at the bus stop.") == 1.0
    assert ko.detection_score("雨が降っている。") == 0.0 == en.detection_score("12:30")
