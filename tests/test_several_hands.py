"""A book told in several hands (narratives, journals, letters by different writers): each
section's "I" is the writer its heading names ("THE STORY CONTINUED BY ...")."""

from __future__ import annotations

from dramaturg.analyze.cast import build_cast
from dramaturg.read.prose import parse

_FILLER = (
    "The rain came on at evening, and the lamps were lit early in the long room. "
    "Nobody spoke of the letter again that day, though everybody thought of it. "
) * 12


def _book() -> str:
    return "\n\n".join(
        [
            "The Two Pens",
            "THE STORY BEGUN BY WALTER HARE",
            "CHAPTER I",
            "I first saw Laura Vane in the garden at Ashby, and I loved her from that hour. "
            "Laura Vane looked up at me and smiled. Mr. Hare, she said, you are late.",
            '"You are late, Mr. Hare," said Laura Vane.',
            '"I know it," said I. "Forgive me, Miss Vane."',
            _FILLER,
            "THE STORY CONTINUED BY MARIAN COLE",
            "CHAPTER II",
            "I have known Laura Vane all her life, and I watched Walter Hare with her. "
            "I told Walter Hare that he must go. I was sorry for him.",
            '"You must go, Mr. Hare," said I.',
            _FILLER,
            "THE NARRATIVE OF THE DOCTOR",
            "CHAPTER III",
            "I was called to the house at nine, and I found the lady asleep.",
            _FILLER,
        ]
    )


def test_each_section_is_told_by_the_writer_its_heading_names() -> None:
    story = parse(_book(), "pens.txt")
    by_part = [(p.number, {s.narrator for s in p.scenes}) for p in story.parts]
    assert by_part == [(1, {"Walter Hare"}), (2, {"Marian Cole"}), (3, {None})]
    # the document headings are no narration of their own
    assert not any("STORY CONTINUED" in b.text for b in story.blocks())


def test_said_i_is_the_writer_of_the_section() -> None:
    story = parse(_book(), "pens.txt")
    said = {u.text: u.speaker for b in story.blocks() for u in b.utterances}
    assert said["I know it,"] == "Walter Hare"
    assert said["You must go, Mr. Hare,"] == "Marian Cole"


def test_the_first_person_of_each_section_is_on_the_page_as_its_writer() -> None:
    story = parse(_book(), "pens.txt")
    cast = build_cast(story)
    first = {r.part.number: r.g for r in reversed(cast.refs)}  # first block of each part
    assert cast.narrator_at(first[1]) == "Walter Hare"
    assert cast.narrator_at(first[2]) == "Marian Cole"
    assert "Marian Cole" in cast.present[first[2]]
    # an unnamed writer ("the doctor") is nobody of the cast
    assert cast.narrator_at(first[3]) in (None, cast.narrator)
    # nobody is the whole book's "I"
    assert cast.narrator is None


def test_one_document_heading_changes_nothing() -> None:
    text = _book().replace("THE STORY CONTINUED BY MARIAN COLE", "A change of weather")
    story = parse(text.replace("THE NARRATIVE OF THE DOCTOR", "Later"), "one.txt")
    assert {s.narrator for s in story.scenes} == {None}


def test_numbered_chapters_restart_with_each_writer() -> None:
    # bare numerals count again from I (or from II when the first has no heading) under
    # each writer's heading
    text = "\n\n".join(
        [
            "A Tale in Two Hands",
            "THE STORY BEGUN BY JOHN MARSH",
            "I walked down to the river. " + _FILLER,
            "II",
            "I came back by the mill. " + _FILLER,
            "III",
            "I slept. " + _FILLER,
            "THE STORY CONTINUED BY ELLEN MARSH",
            "I",
            "I waited for him. " + _FILLER,
            "II",
            "I wrote to him. " + _FILLER,
        ]
    )
    story = parse(text, "tale.txt")
    assert [p.number for p in story.parts if p.number] == [2, 3, 1, 2]
    assert [next(iter({s.narrator for s in p.scenes})) for p in story.parts][-2:] == [
        "Ellen Marsh",
        "Ellen Marsh",
    ]


def test_headings_of_journals_letters_and_contributions() -> None:
    from dramaturg.read.prose import _writer_name

    assert _writer_name("_Contributed by Franklin Blake._") == "Franklin Blake"
    assert _writer_name("JONATHAN HARE'S JOURNAL—continued.") == "Jonathan Hare"
    assert _writer_name("DR. SEWELL'S DIARY.") == "Dr. Sewell"
    assert _writer_name("LETTER FROM MISS ANNE GRAY TO MISS ROSE LEE.") == "Miss Anne Gray"
    assert _writer_name("Letter, Rose Lee to Anne Gray.") == "Rose Lee"
    assert _writer_name("1.  THE NARRATIVE OF HESTER PINE, COOK TO THE COUNT") == "Hester Pine"
    assert _writer_name("THE NARRATIVE OF THE DOCTOR") == ""
    # sentences and chapter titles that only look alike
    assert _writer_name("Written by a poor weak woman.") is None
    assert _writer_name("She wrote a letter to her mother.") is None
    assert _writer_name("The Story of the Door") is None


def test_a_chapter_titled_like_a_document_in_a_book_told_from_outside() -> None:
    # "CYNTHIA'S CONFESSION" over a chapter in the third person names no narrator
    third = "She walked to the gate and he followed her, and they said nothing. " * 10
    text = "\n\n".join(
        [
            "A Quiet Novel",
            "CHAPTER I",
            "CYNTHIA'S CONFESSION.",
            third,
            third,
            "CHAPTER II",
            "ROGER HAMLEY'S CONFESSION.",
            third,
            third,
        ]
    )
    story = parse(text, "quiet.txt")
    assert {s.narrator for s in story.scenes} == {None}
    assert [p.title.rstrip(".") for p in story.parts] == [
        "CYNTHIA'S CONFESSION",
        "ROGER HAMLEY'S CONFESSION",
    ]


def test_headings_of_cables_and_letters_with_places() -> None:
    from dramaturg.read.prose import _writer_name

    assert _writer_name("Cable: _Rob Hale to Edward Trent_.") == "Rob Hale"
    assert _writer_name("_Letter from Roger Hale_, _of Openshaw_, _to Rob Hale_.") == "Roger Hale"
    assert _writer_name("_From Rob Hale_, _Vissa_, _to Janet Kay_, _Croom_.") == "Rob Hale"
    assert _writer_name("_From E. B. Trent's Memoranda_.") == "E. B. Trent"
    assert _writer_name("ERNEST HALE'S RECORD--_Continued_.") == "Ernest Hale"
    assert _writer_name("From Paris he went on to London.") is None
