"""The fast paths of the word and sentence counts give the counts of their regex definitions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dramaturg.text.count import count_sentences, count_words
from shared_data import SHARED_DATA

# the definitions, as the module documents them
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
END = re.compile(
    r"[.!?…。！？]"
    r"(?<![.!?…。！？][.!?…。！？].)(?<![A-Z].)(?<!\b(?:Mr|Dr|St|Jr|Sr|vs).)(?<!\bMrs.|\bMss.)"
    r"(?<!\bMs.)[.!?…。！？]*+[\"'”’)\]]*+(?=\s|$)"
)
TRAILING_END = re.compile(r"[.!?…。！？][\"'”’)\]]*$")
DIALOGUE_TAG = re.compile(r"[!?…](?<![!?…][!?…].)[!?…]*+[\"”’]\s++(?:[a-z]|he\b|she\b|I\b)")


def words_by_regex(text: str) -> int:
    return len(WORD.findall(text))


def sentences_by_regex(text: str) -> int:
    stripped = text.strip()
    if not stripped or not WORD.search(stripped):
        return 0
    n = len(END.findall(stripped))
    if "!" in stripped or "?" in stripped or "…" in stripped:
        n -= len(DIALOGUE_TAG.findall(stripped))
    if not TRAILING_END.search(stripped):
        n += 1
    return max(n, 1)


# the characters the fast paths tell apart, and a few the regexes treat alike with them
PUNCTUATED = st.text(alphabet="aZ09_'-’ .,!?…\"”)]\n\t。M", max_size=40)


@settings(max_examples=3000, deadline=None)
@given(PUNCTUATED)
def test_word_count_of_punctuated_text_is_the_regex_count(text: str) -> None:
    assert count_words(text) == words_by_regex(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_word_count_of_any_ascii_text_is_the_regex_count(text: str) -> None:
    assert count_words(text) == words_by_regex(text)


@settings(max_examples=3000, deadline=None)
@given(PUNCTUATED)
def test_sentence_count_of_punctuated_text_is_the_regex_count(text: str) -> None:
    assert count_sentences(text) == sentences_by_regex(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_counts_of_any_text_are_the_regex_counts(text: str) -> None:
    assert count_words(text) == words_by_regex(text)
    assert count_sentences(text) == sentences_by_regex(text)


DRAFTS = sorted(SHARED_DATA.glob("screenplays/*.fountain")) + sorted(
    SHARED_DATA.glob("novels/emma.txt")
)


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_counts_of_every_shared_draft_paragraph_are_the_regex_counts(path: Path) -> None:
    for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8-sig")):
        assert count_words(para) == words_by_regex(para), para
        assert count_sentences(para) == sentences_by_regex(para), para
