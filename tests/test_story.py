"""The story model: counts at every level, spans, series merging."""

from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story, Utterance, merge
from dramaturg.text.count import count_sentences, count_words


def _story(file: str, words: str) -> Story:
    b = Block(BlockKind.PARAGRAPH, words, Span(file, 3, 3))
    scene = Scene(None, Span(file, 1, 3), [b])
    return Story(
        file, [Part("chapter", None, "", Span(file, 1, 3), [scene])], files=[file]
    ).reindex()


def test_words_count_contractions_and_hyphens_once() -> None:
    assert count_words("Don't go, well-known friend.") == 4


def test_sentences_keep_quoted_exclamation_with_its_tag() -> None:
    assert count_sentences('"Stop!" he cried. She stopped.') == 2


def test_sentences_skip_titles() -> None:
    assert count_sentences("Mr. Knightley and Mrs. Weston came. They sat.") == 2


def test_korean_words_are_eojeol() -> None:
    assert count_words("나는 너를 좋아해.") == 3


def test_counts_roll_up_from_blocks_to_story() -> None:
    st = _story("a.txt", "One two three. Four five.")
    assert (st.words, st.sentences, st.paragraphs) == (5, 2, 1)
    assert st.parts[0].words == st.scenes[0].words == 5


def test_notes_are_not_counted_as_words() -> None:
    st = _story("a.txt", "One two.")
    st.scenes[0].blocks.append(Block(BlockKind.NOTE, "a long note here", Span("a.txt", 5, 5)))
    assert st.words == 2


def test_line_of_offset_follows_source_lines() -> None:
    b = Block(BlockKind.PARAGRAPH, "first line\nsecond line", Span("a.txt", 10, 11))
    assert b.line_of(0) == 10
    assert b.line_of(b.raw.index("second")) == 11


def test_dialogue_speech_has_its_speaker() -> None:
    b = Block(BlockKind.DIALOGUE, "Hello.", Span("a", 1, 1), speaker="MINA")
    assert [(u.speaker, u.text) for u in b.speech()] == [("MINA", "Hello.")]


def test_prose_utterances_are_the_speech() -> None:
    b = Block(
        BlockKind.PARAGRAPH,
        '"Hi," said Anne.',
        Span("a", 1, 1),
        utterances=[Utterance("Hi,", "Anne", 1)],
    )
    assert [u.speaker for u in b.speech()] == ["Anne"]


def test_merge_keeps_part_order_and_reindexes_scenes() -> None:
    st = merge([_story("ep1.txt", "a b"), _story("ep2.txt", "c d e")])
    assert [s.index for s in st.scenes] == [0, 1]
    assert [p.index for p in st.parts] == [0, 1]
    assert st.files == ["ep1.txt", "ep2.txt"]


def test_canonical_name_matches_aliases_case_insensitively() -> None:
    st = _story("a.txt", "x")
    st.character("Fitzwilliam Darcy").aliases |= {"Mr. Darcy", "Darcy"}
    assert st.canonical("mr. darcy") == "Fitzwilliam Darcy"
    assert st.canonical("Bingley") is None


def test_blocks_hand_written_init_takes_every_init_field_with_its_default() -> None:
    """Block's __init__ is written out (no __post_init__ call per block): its parameters are
    the dataclass's init fields, in order, with the same defaults; raw defaults to text."""
    import dataclasses
    import inspect

    from dramaturg.story import Block, BlockKind, Span

    params = list(inspect.signature(Block.__init__).parameters.values())[1:]
    fields = [f for f in dataclasses.fields(Block) if f.init]
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields, strict=True):
        expected = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
        assert p.default == expected, f.name
    block = Block(BlockKind.ACTION, "Rain.", Span("a.fountain", 1, 1))
    assert block.raw == "Rain." and block.words == 1
    assert [f.name for f in dataclasses.fields(Block) if not f.init] == ["_counts"]
