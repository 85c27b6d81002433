"""Final Draft reader: same story as the Fountain original, XML line spans, clear errors."""

from __future__ import annotations

import collections

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dramaturg.errors import DramaturgError
from dramaturg.read import fdx, fountain, read
from dramaturg.story import BlockKind, Story
from dramaturg.text.encoding import read_text
from shared_data import SHARED_DATA

SHARED = SHARED_DATA / "screenplays"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared screenplays not mounted")
PAIRS = ["brick-and-steel", "the-last-birthday-card"]


def load(name: str) -> tuple[Story, Story]:
    fountain_path, fdx_path = SHARED / f"{name}.fountain", SHARED / f"{name}.fdx"
    a = fountain.parse(read_text(str(fountain_path))[0], str(fountain_path))
    b = fdx.parse(read_text(str(fdx_path))[0], str(fdx_path))
    return a, b


def speakers(story: Story) -> collections.Counter[str | None]:
    return collections.Counter(b.speaker for b in story.blocks() if b.kind is BlockKind.DIALOGUE)


def doc(body: str, title_page: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="1">\n'
        f"<Content>\n{body}\n</Content>\n{title_page}</FinalDraft>\n"
    )


def para(kind: str, text: str, extra: str = "") -> str:
    return f'<Paragraph Type="{kind}"{extra}>\n  <Text>{text}</Text>\n</Paragraph>'


@needs_shared
@pytest.mark.parametrize("name", PAIRS)
def test_fdx_and_fountain_have_the_same_scenes(name: str) -> None:
    a, b = load(name)
    assert [s.heading for s in b.scenes] == [s.heading for s in a.scenes]
    assert [(s.int_ext, s.location, s.time_of_day) for s in b.scenes] == [
        (s.int_ext, s.location, s.time_of_day) for s in a.scenes
    ]


@needs_shared
@pytest.mark.parametrize("name", PAIRS)
def test_fdx_and_fountain_have_the_same_speakers_and_dialogue(name: str) -> None:
    a, b = load(name)
    assert speakers(b) == speakers(a)
    assert sum(x.dual for x in b.blocks()) == sum(x.dual for x in a.blocks())
    assert [x.text for x in b.blocks() if x.kind is BlockKind.DIALOGUE] == [
        x.text for x in a.blocks() if x.kind is BlockKind.DIALOGUE
    ]
    assert set(b.characters) == set(a.characters)


@needs_shared
def test_block_line_is_where_the_paragraph_element_starts() -> None:
    path = SHARED / "brick-and-steel.fdx"
    text = read_text(str(path))[0]
    lines = text.split("\n")
    story = fdx.parse(text, str(path))
    for block in story.blocks():
        assert lines[block.span.line - 1].lstrip().startswith("<Paragraph")
        assert lines[block.span.end_line - 1].strip() == "</Paragraph>"
    first = next(story.blocks())
    assert (first.span.line, first.span.end_line) == (8, 10)
    assert story.scenes[0].heading_line == 5


@needs_shared
def test_text_styles_become_emphasis() -> None:
    a, b = load("brick-and-steel")
    jack = next(x for x in b.blocks() if x.speaker == "JACK")
    assert jack.emphasis == [(0, 41, "italic")]
    assert jack.parenthetical == "(in Vietnamese, subtitled)"
    scope = next(x for x in b.blocks() if "Leupold" in x.text)
    same = next(x for x in a.blocks() if "Leupold" in x.text)
    assert scope.emphasis == same.emphasis == [(40, 83, "underline"), (63, 77, "italic")]


def test_dual_dialogue_group_marks_both_speakers() -> None:
    body = "\n".join(
        [
            "<Paragraph>\n<DualDialogue>",
            para("Character", "STEEL"),
            para("Dialogue", "Screw retirement."),
            para("Character", "BRICK"),
            para("Dialogue", "Screw retirement."),
            "</DualDialogue>\n</Paragraph>",
            para("Character", "STEEL"),
            para("Dialogue", "Alone."),
        ]
    )
    story = fdx.parse(doc(body), "dual.fdx")
    assert [(b.speaker, b.dual) for b in story.blocks()] == [
        ("STEEL", True),
        ("BRICK", True),
        ("STEEL", False),
    ]


def test_cue_extension_and_wrylies() -> None:
    body = "\n".join(
        [
            para("Scene Heading", "INT. CAFE - NIGHT", ' Number="12A"'),
            para("Character", "Seo-yun (V.O.)"),
            para("Parenthetical", "(quietly)"),
            para("Dialogue", "You came."),
            para("Transition", "CUT TO:"),
        ]
    )
    story = fdx.parse(doc(body), "x.fdx")
    (scene,) = story.scenes
    assert (scene.number, scene.location, scene.time_of_day) == ("12A", "CAFE", "NIGHT")
    said, cut = scene.blocks
    assert (said.speaker, said.cue, said.extension) == ("SEO-YUN", "Seo-yun", "V.O.")
    assert (said.text, said.parenthetical) == ("You came.", "(quietly)")
    assert said.raw == "Seo-yun (V.O.)\n(quietly)\nYou came."
    assert cut.kind is BlockKind.TRANSITION
    assert story.characters["SEO-YUN"].aliases == {"Seo-yun"}


def test_title_page_gives_title_and_author() -> None:
    title_page = (
        "<TitlePage><Content>\n"
        + para("General", "THE LAST BIRTHDAY CARD", ' Alignment="Center"')
        + para("General", "", ' Alignment="Center"')
        + para("General", "Written by", ' Alignment="Center"')
        + para("General", "Stu Maschwitz", ' Alignment="Center"')
        + "\n</Content></TitlePage>\n"
    )
    story = fdx.parse(doc(para("Action", "Rain."), title_page), "card.fdx")
    assert story.title == "THE LAST BIRTHDAY CARD"
    assert story.title_page == {
        "title": "THE LAST BIRTHDAY CARD",
        "credit": "Written by",
        "author": "Stu Maschwitz",
    }
    assert [b.text for b in story.blocks()] == ["Rain."]


def test_malformed_xml_names_file_and_line() -> None:
    broken = doc(para("Action", "Rain.") + "\n<Paragraph Type='Action'><Text>Oops</Paragraph>")
    with pytest.raises(DramaturgError) as err:
        fdx.parse(broken, "broken.fdx")
    assert err.value.file == "broken.fdx"
    assert err.value.line == 7  # the line of the mismatched </Paragraph>
    assert "malformed" in err.value.message
    assert str(err.value).startswith("broken.fdx:7: ")


def test_other_xml_is_refused() -> None:
    with pytest.raises(DramaturgError, match="not a Final Draft document"):
        fdx.parse('<?xml version="1.0"?>\n<tt xmlns="http://www.w3.org/ns/ttml"/>', "x.fdx")


def test_sniff_recognises_final_draft() -> None:
    assert fdx.sniff(doc(para("Action", "Rain.")))
    assert not fdx.sniff("INT. CAFE - NIGHT\n\nRain.\n")


@needs_shared
def test_registry_reads_fdx_files() -> None:
    story = read(SHARED / "brick-and-steel.fdx")
    assert len(story.scenes) == 8
    assert story.files == [str(SHARED / "brick-and-steel.fdx")]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_a_story_or_a_located_error(text: str) -> None:
    try:
        fdx.parse(text, "fuzz.fdx")
    except DramaturgError as err:
        assert err.file == "fuzz.fdx"


KINDS = ["Scene Heading", "Action", "Character", "Parenthetical", "Dialogue", "Transition"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(KINDS), st.text("abcXYZ ().-\n", min_size=1, max_size=20)),
        max_size=25,
    )
)
def test_generated_documents_keep_paragraph_lines(paras: list[tuple[str, str]]) -> None:
    from xml.sax.saxutils import escape

    text = doc("\n".join(para(kind, escape(words)) for kind, words in paras))
    lines = text.split("\n")
    story = fdx.parse(text, "gen.fdx")
    for block in story.blocks():
        assert lines[block.span.line - 1].startswith("<Paragraph")
        assert lines[block.span.end_line - 1].endswith("</Paragraph>")
    for scene in story.scenes:
        for block in scene.blocks:
            assert scene.span.line <= block.span.line <= block.span.end_line <= scene.span.end_line


def test_every_quote_of_the_analysis_stands_on_the_xml_line_it_names() -> None:
    import re

    from dramaturg.analyze import analyze

    path = SHARED_DATA / "screenplays" / "the-last-birthday-card.fdx"
    if not path.exists():
        pytest.skip("shared screenplay missing")
    lines = [re.sub(r"<[^>]+>", "", line) for line in path.read_text(encoding="utf-8").splitlines()]
    d = analyze(read(path)).to_dict()
    items = [*d["thresholds"], *d["moments"], *d["findings"], *d["hooks"]["parts"]]
    assert items
    for item in items:
        if not item.get("quote"):
            continue
        on_line = " ".join(lines[item["line"] - 1].split())
        following = " ".join(" ".join(lines[item["line"] - 1 : item["line"] + 30]).split())
        start = following.find(" ".join(item["quote"].split())[:40])
        assert 0 <= start <= len(on_line), (item["line"], item["quote"])
