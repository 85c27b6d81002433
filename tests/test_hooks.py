"""Episode hooks: how each part ends, and flat endings."""

from __future__ import annotations

from dramaturg.analyze.hooks import analyze_hooks, ending_sentences
from dramaturg.analyze.scored import score_story
from engine_fixtures import make_story

CALM = "They spoke about the garden walls and the price of the new lamps for the hall."
FLAT = "Then they went home and had a quiet supper together before bed."


def _episodes(*endings: str) -> list[list[list[str]]]:
    return [[[CALM, CALM], [CALM, end]] for end in endings]


def test_question_at_the_cut_is_an_open_question_hook() -> None:
    story = make_story(_episodes("Who had sent the letter, and why now?", FLAT))
    hook = analyze_hooks(story).parts[0]
    assert hook.kind == "open_question"
    assert hook.evidence is not None
    assert hook.evidence.quote == "Who had sent the letter, and why now?"


def test_danger_at_the_cut_is_a_cliffhanger() -> None:
    ending = "Suddenly the door bursts open. A gun. She screams!"
    story = make_story(_episodes(ending, FLAT), form="screenplay", kind="episode")
    hook = analyze_hooks(story).parts[0]
    assert hook.kind == "cliffhanger"
    assert hook.score >= 0.6


def test_reversal_at_the_cut_is_a_reversal_hook() -> None:
    ending = "It turned out the man she had trusted had lied to her all along."
    hook = analyze_hooks(make_story(_episodes(ending, FLAT))).parts[0]
    assert hook.kind == "reversal"


def test_confession_at_the_cut_is_a_breakthrough() -> None:
    ending = "“I love you,” he said at last, and she wept with joy."
    hook = analyze_hooks(make_story(_episodes(ending, FLAT))).parts[0]
    assert hook.kind == "breakthrough"


def test_threshold_in_the_last_scene_counts_as_breakthrough() -> None:
    story = make_story(_episodes(FLAT, FLAT))
    hooks = analyze_hooks(story, thresholds=[("kiss", 1)])
    assert hooks.parts[0].kind == "breakthrough"


def test_flat_ending_is_a_finding_but_not_for_the_last_part() -> None:
    story = make_story(_episodes(FLAT, FLAT, FLAT), form="screenplay", kind="episode")
    hooks = analyze_hooks(story)
    assert [h.kind for h in hooks.parts] == ["flat", "flat", "flat"]
    assert [f.code for f in hooks.findings] == ["ENG-FLAT-ENDING"] * 2
    f = hooks.findings[0]
    assert str(f.severity) == "warning"
    assert f.evidence[0].quote == FLAT and f.evidence[0].line == 7


QUESTION = "Who had sent the letter, and why now?"


def test_chapter_flat_endings_are_judged_against_the_books_own_chapters() -> None:
    # a novel whose chapters end on questions: one quiet ending is its rhythm, no finding
    story = make_story(_episodes(QUESTION, QUESTION, FLAT, QUESTION, QUESTION, QUESTION))
    assert analyze_hooks(story).findings == []
    # three quiet endings in a row, where the book's one in four would rarely string three:
    # the pull to read on sags there, one finding naming the three chapters
    endings = [QUESTION, QUESTION, FLAT, FLAT, FLAT] + [QUESTION] * 7
    findings = analyze_hooks(make_story(_episodes(*endings))).findings
    assert [str(f.severity) for f in findings] == ["info"]
    assert [ev.quote for ev in findings[0].evidence] == [FLAT] * 3
    assert findings[0].data["median_score"] >= 0.35
    assert "3 chapters in a row" in findings[0].message


def test_a_novel_that_ends_its_chapters_quietly_gets_no_flat_ending_findings() -> None:
    story = make_story(_episodes(FLAT, FLAT, FLAT, FLAT))
    assert analyze_hooks(story).findings == []


def test_ending_is_the_last_three_sentences_at_most() -> None:
    story = make_story([[["One two three. Four five six. Seven eight. Nine ten. End here."]]])
    table = score_story(story)
    assert [s.text for s in ending_sentences(table, 0)] == [
        "Seven eight.",
        "Nine ten.",
        "End here.",
    ]


def test_a_novels_chapter_ending_is_read_on_a_longer_breath() -> None:
    # the hook four sentences before the end of a chapter still counts in a novel; an
    # episode's cut is its last three sentences
    tail = " ".join(["They walked on slowly past the mill in the evening light."] * 3)
    ending = f"Remember, he said, twelve o'clock tomorrow. She nodded. {tail}"
    story = make_story(_episodes(ending, FLAT))
    table = score_story(story)
    last = story.parts[0].scenes[-1].index
    novel = " ".join(s.text for s in ending_sentences(table, last, prose=True))
    episode = " ".join(s.text for s in ending_sentences(table, last))
    assert "twelve o'clock" in novel and "twelve o'clock" not in episode
    assert analyze_hooks(story).parts[0].kind == "open_question"


def test_someone_at_the_door_is_a_hook() -> None:
    ending = "Footsteps sounded in the yard, and three men stood at the back door."
    hook = analyze_hooks(make_story(_episodes(ending, FLAT))).parts[0]
    assert hook.kind == "open_question"


def _chapters_with_a_quiet_run(middle: list[list[str]]) -> list[list[list[str]]]:
    chapters = _episodes(QUESTION, QUESTION, FLAT, FLAT, FLAT, *[QUESTION] * 7)
    chapters[3] = middle
    return chapters


def test_a_meeting_set_a_page_before_the_end_breaks_a_flat_run() -> None:
    # the middle chapter's last lines are quiet, but a page before them a meeting is set
    # for tomorrow: the chapter is not flat with a margin, so three in a row are not flat
    quiet = [[CALM, CALM], [CALM, *[CALM] * 5, FLAT]]
    assert len(analyze_hooks(make_story(_chapters_with_a_quiet_run(quiet))).findings) == 1
    tryst = [
        [CALM, CALM],
        [CALM, "Meet me by the mill to-morrow, she whispered.", *[CALM] * 4, FLAT],
    ]
    hooks = analyze_hooks(make_story(_chapters_with_a_quiet_run(tryst)))
    assert hooks.parts[3].kind == "flat"  # the last lines alone read flat
    assert hooks.parts[3].close_score is not None and hooks.parts[3].close_score >= 0.25
    assert hooks.findings == []
