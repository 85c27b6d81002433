"""One language detector for every reader, and a clear error for a language without data.

The Japanese and Chinese lines are written for this test (a short original scene: rain at a
bus stop), not taken from any work.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dramaturg.cli import main
from dramaturg.read import read
from dramaturg.text.language import detect_language, supported_languages

JAPANESE_PROSE = (
    "第一章\n\n"
    "雨が降っていた。バス停の屋根の下で、ユキは傘を忘れたことに気づいた。\n\n"
    "「傘、ないんですか？」と隣の男が言った。\n\n"
    "「朝は晴れていたので」とユキは答えた。男は黙って傘を少し傾けた。\n"
)
JAPANESE_SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\n傘、ないんですか？\n\n"
    "2\n00:00:04,000 --> 00:00:06,000\n朝は晴れていたので\n"
)
JAPANESE_FOUNTAIN = (
    "EXT. バス停 - 夜\n\n雨が降っている。ユキは傘を探している。\n\n"
    "ハル\n傘、ないんですか？\n\nユキ\n朝は晴れていたので。\n"
)


def test_supported_languages_are_those_with_data() -> None:
    assert supported_languages() == {"en", "ko"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("서윤 : 우산 있어요?\nINT. 버스 정류장 - 밤", "ko"),
        ("昨日、學校에서 서윤을 만났다.", "ko"),  # hanja in Korean text
        (JAPANESE_PROSE, "ja"),
        ("下雨了。你有伞吗？早上还是晴天。", "zh"),
        ("Идёт дождь. У тебя есть зонт?", "ru"),
        ("INT. BUS STOP - NIGHT\n\nRain.", "en"),
        ("12:30 -- 00:01", "en"),
    ],
)
def test_the_letters_say_the_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("chapter1.txt", JAPANESE_PROSE),
        ("ep01.srt", JAPANESE_SRT),
        ("ep01.fountain", JAPANESE_FOUNTAIN),
    ],
)
def test_a_japanese_draft_is_not_read_as_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    assert main(["analyze", str(f)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"dramaturg: error: {f}: language not supported yet (ja)\n"


def test_korean_captions_are_still_korean() -> None:
    path = Path(__file__).parent / "data" / "korean" / "captions" / "night_store_e01.srt"
    assert read(path).language == "ko"


def test_latin_letters_are_counted_as_the_letter_class_has_them() -> None:
    """The English score counts the letters [A-Za-z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f]
    (through the Latin-1 bytes and a run pattern for Latin Extended), over any characters."""
    import random
    import re

    from dramaturg.text import language as lang
    from dramaturg.text.language import script_scores

    letters = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(
            chr(rng.choice((rng.randrange(0x300), rng.randrange(0x110000), rng.randrange(65, 123))))
            for _ in range(rng.randrange(60))
        )
        assert script_scores(text)["en"] == len(letters.findall(text)), ascii(text)
        # the other scripts' letters are all past U+00FF: a text without such characters
        # skips their search, and scores them 0 as the search would
        for language, alphabet in lang._ALPHABETS:
            assert script_scores(text)[language] == len(alphabet.findall(text))
        assert script_scores(text)["ko"] >= 2 * len(lang._HANGUL.findall(text))
