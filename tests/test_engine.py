"""Story engine: wants, choices, consequences, the scene link graph and its findings."""

from __future__ import annotations

import pytest

from dramaturg.analyze.engine import analyze_engine, analyze_story_engine
from dramaturg.analyze.findings import collapse
from engine_fixtures import file_lines, make_story
from shared_data import SHARED_DATA

NOVELS = SHARED_DATA / "novels"


def _filler(topic: str, n: int = 1) -> list[str]:
    return [f"They talked for a while about the {topic} and the {topic} again."] * n


def test_wants_and_choices_are_listed_with_line_and_quote() -> None:
    story = make_story(
        [
            [
                [
                    "The rain had stopped.",
                    "“I want to open my own bakery,” Mina said.",
                    "In the end she decided to sign the lease.",
                ]
            ]
        ]
    )
    scene = analyze_engine(story).scenes[0]
    assert [c.evidence.line for c in scene.wants] == [3]
    assert scene.wants[0].evidence.quote == "“I want to open my own bakery,” Mina said."
    assert scene.choices[0].cue == "decided"
    assert scene.choices[0].evidence.line == 5


def test_later_scene_carrying_an_object_forward_is_linked() -> None:
    story = make_story(
        [
            [
                ["Mina hid the locket under the floorboard. The locket was her mother's."],
                _filler("weather", 2),
                ["Jun found the locket and turned the locket over in his hands."],
            ]
        ]
    )
    engine = analyze_engine(story)
    link = next(ln for ln in engine.links if (ln.source, ln.target) == (0, 2))
    assert "locket" in link.terms and "thing" in link.reasons
    assert link.evidence is not None and "locket" in link.evidence.quote
    assert 0 in engine.scenes[2].carried_from


def test_causal_language_marks_the_link_as_causal() -> None:
    story = make_story(
        [
            [
                ["Mina broke the vase at the gallery opening.", "The vase was priceless."],
                ["Because of the vase, the gallery fired her the next morning."],
                _filler("weather"),
            ]
        ]
    )
    link = next(ln for ln in analyze_engine(story).links if (ln.source, ln.target) == (0, 1))
    assert "causal" in link.reasons
    assert link.evidence is not None and link.evidence.quote.startswith("Because of the vase")


OBJECTS = [
    "locket",
    "umbrella",
    "contract",
    "bicycle",
    "scarf",
    "piano",
    "ledger",
    "kettle",
    "lantern",
    "camera",
    "ticket",
    "ribbon",
]
BODY = " They talked about it at length, over tea, until the light went down."


def _chain(objects: list[str]) -> list[list[str]]:
    """Scenes that each share an object with the next: a connected thread."""
    return [
        [f"Mina found the {a} beside the {b}. The {a} and the {b} were still there.{BODY}"]
        for a, b in zip(objects, objects[1:], strict=False)
    ]


def _island_story() -> list[list[str]]:
    side = ["goat", "orchard", "well", "harvest"]
    return _chain(OBJECTS[:7]) + _chain(side) + _chain(OBJECTS[6:])


def test_self_contained_run_of_scenes_is_an_episodic_stretch() -> None:
    story = make_story([_island_story()])
    engine = analyze_engine(story)
    stretches = [f for f in engine.findings if f.code == "ENG-EPISODIC"]
    assert [f.data["scenes"] for f in stretches] == [[6, 7, 8]]
    assert len(stretches[0].evidence) == 3
    assert not [f for f in engine.findings if f.code == "ENG-DISCONNECTED"]


def test_scene_sharing_nothing_is_disconnected() -> None:
    odd = "A heron stood in the shallows of the estuary while the fishermen mended the nets."
    scenes = _chain(OBJECTS[:7]) + [[odd + BODY]] + _chain(OBJECTS[6:])
    engine = analyze_engine(make_story([scenes]))
    (finding,) = [f for f in engine.findings if f.code == "ENG-DISCONNECTED"]
    assert finding.data["scene"] == 6
    assert finding.evidence[0].line == 13
    assert finding.evidence[0].quote.startswith("A heron stood")


def test_every_finding_quotes_the_draft_at_its_line() -> None:
    story = make_story([_island_story()])
    lines = file_lines(story)
    for f in analyze_story_engine(story).findings:
        for ev in f.evidence:
            assert ev.quote and ev.quote in collapse(" ".join(lines[ev.line - 1 : ev.line + 1]))


def test_report_dict_has_every_section() -> None:
    d = analyze_story_engine(
        make_story([_island_story()]), thresholds=[("first_touch", 2)]
    ).to_dict()
    assert set(d) == {"arc", "engine", "momentum", "hooks", "structure", "lens", "findings"}
    assert {"scenes", "links"} <= set(d["engine"])
    for f in d["findings"]:
        assert {
            "code",
            "severity",
            "part",
            "scene",
            "line",
            "quote",
            "message",
            "suggestion",
        } <= set(f)


@pytest.mark.parametrize("novel", ["emma", "persuasion", "sense_and_sensibility"])
def test_real_novel_findings_quote_the_file_at_their_line(novel: str) -> None:
    path = NOVELS / f"{novel}.txt"
    if not path.exists():
        pytest.skip("dev novels not present")
    from dramaturg.read import read

    story = read(path)
    report = analyze_story_engine(story, thresholds=[("first_touch", len(story.scenes) // 2)])
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    quoted = [ev for f in report.findings for ev in f.evidence]
    quoted += [h.evidence for h in report.hooks.parts if h.evidence]
    assert quoted
    for ev in quoted:
        window = collapse(" ".join(lines[ev.line - 1 : ev.line + 12]))
        assert window.startswith(ev.quote) or ev.quote in window, (ev.line, ev.quote)
        assert collapse(lines[ev.line - 1]) and ev.quote.split()[0] in lines[ev.line - 1]


def test_a_shot_heading_continues_the_scene_before_it() -> None:
    from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story

    def scene(heading: str, int_ext: str | None, text: str, line: int) -> Scene:
        block = Block(BlockKind.ACTION, text, Span("ep.fountain", line + 2, line + 2))
        return Scene(heading, Span("ep.fountain", line, line + 2), [block], int_ext=int_ext)

    texts = [
        f"Mina polishes the {a} and sets the {b} on the counter slowly."
        for a, b in zip(OBJECTS, OBJECTS[1:], strict=False)
    ]
    scenes = [scene(f"INT. SHOP - DAY {i}", "INT", t, 1 + 4 * i) for i, t in enumerate(texts)]
    scenes.insert(6, scene("AT THE DOOR", None, "A courier waits, rain dripping off a hood.", 99))
    story = Story(
        "t", [Part("episode", 1, "", Span("ep.fountain", 1, 120), scenes)], form="screenplay"
    ).reindex()
    engine = analyze_engine(story)
    link = next(ln for ln in engine.links if ln.target == 6)
    assert (link.source, link.reasons) == (5, ["continuous"])
    assert not [f for f in engine.findings if f.data.get("scene") == 6]


def test_chapters_spliced_in_from_another_novel_are_an_episodic_stretch() -> None:
    if not (NOVELS / "emma.txt").exists():
        pytest.skip("dev novels not present")
    from dramaturg.read import read

    host, guest = read(NOVELS / "persuasion.txt"), read(NOVELS / "emma.txt")
    for offset, chapter in enumerate([30, 31, 32]):  # Emma II.13-15, no one from Persuasion
        host.parts.insert(16 + offset, guest.parts[chapter])
    host.reindex()
    engine = analyze_engine(host)
    stretches = [f.data["scenes"] for f in engine.findings if f.code == "ENG-EPISODIC"]
    assert stretches == [[16, 17, 18]]
    assert not [f for f in analyze_engine(read(NOVELS / "persuasion.txt")).findings]


SCRIPTS = SHARED_DATA / "screenplays"


@pytest.mark.parametrize(
    "script", ["brick-and-steel", "my-living-memory", "the-last-birthday-card"]
)
def test_real_script_quotes_stand_at_their_line(script: str) -> None:
    path = SCRIPTS / f"{script}.fountain"
    if not path.exists():
        pytest.skip("dev screenplays not present")
    from dramaturg.read import read

    report = analyze_story_engine(read(path), thresholds=[("first_touch", 1)])
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    quoted = [ev for f in report.findings for ev in f.evidence]
    quoted += [h.evidence for h in report.hooks.parts if h.evidence]
    quoted += [ln.evidence for ln in report.engine.links if ln.evidence]
    assert quoted
    for ev in quoted:
        window = collapse(" ".join(lines[ev.line - 1 : ev.line + 8]))
        assert ev.quote in window, (ev.line, ev.quote)
        assert ev.quote.split()[0] in lines[ev.line - 1]


def test_a_cue_late_in_a_long_sentence_is_inside_its_quote() -> None:
    opening = "She walked along the shore, " + "past the boats and the nets and the gulls, " * 8
    sentence = opening + "and at the harbour wall she decided to stay."
    scene = analyze_engine(make_story([[[sentence]]])).scenes[0]
    (choice,) = scene.choices
    assert "decided to stay." in choice.evidence.quote
    assert sentence.endswith(choice.evidence.quote)


def test_lines_before_a_screenplays_first_heading_are_no_disconnected_scene():
    # a public-domain screenplay (bench/data/screenplays, see THIRD_PARTY.md) whose title page
    # and production note stand before FADE IN
    from pathlib import Path

    from dramaturg.analyze import analyze
    from dramaturg.read import read

    root = Path(__file__).parents[1] / "bench/data/screenplays"
    for name in ("THE_LIBRARY_FREAK-OUT.fountain", "Cyber_Bob_ep00001.fountain"):
        result = analyze(read(str(root / name)))
        codes = [(f.code, f.data.get("scene")) for f in result.findings]
        assert ("ENG-DISCONNECTED", 0) not in codes, name


def test_three_scenes_after_a_title_page_are_the_whole_script_not_an_episodic_stretch():
    # Cyber Bob (bench/data/screenplays, see THIRD_PARTY.md): a note before the first heading,
    # then three scenes that are one chain (the app planted in scene 1 is used in 2 and 3)
    from pathlib import Path

    from dramaturg.analyze import analyze
    from dramaturg.read import read

    path = Path(__file__).parents[1] / "bench/data/screenplays/Cyber_Bob_ep00001.fountain"
    assert "ENG-EPISODIC" not in [f.code for f in analyze(read(str(path))).findings]


def test_a_finding_names_its_scene_as_the_message_does() -> None:
    # the message and the JSON agree on the scene, named as the writer sees it: the count
    # from 1 (``scene`` stays the 0-based index), or the number the script prints
    odd = "A heron stood in the shallows of the estuary while the fishermen mended the nets."
    scenes = _chain(OBJECTS[:7]) + [[odd + BODY]] + _chain(OBJECTS[6:])
    for printed, name in ((None, "7"), ("12A", "12A")):
        story = make_story([scenes])
        story.scenes[6].number = printed
        (finding,) = [f for f in analyze_engine(story).findings if f.code == "ENG-DISCONNECTED"]
        d = finding.to_dict()
        assert (d["scene"], d["scene_label"]) == (6, name)
        assert finding.message.startswith(f"Scene {name} ")


@pytest.mark.parametrize("before", [[], [["Rain fell."]]])
def test_a_stretch_with_no_told_scene_outside_it_is_the_story_not_an_episode(before) -> None:
    # three linked scenes and a tag of a few words (and a title card): the tag carries too
    # few words to link, so the three are the whole told story, not a stretch apart from it
    side = ["goat", "orchard", "well", "harvest"]
    story = make_story([[*before, *_chain(side), ["Then it was over."]]])
    assert [f.code for f in analyze_engine(story).findings] == []


def test_an_episodic_stretch_shows_the_links_that_tie_it_only_to_itself() -> None:
    (stretch,) = [
        f
        for f in analyze_engine(make_story([_island_story()])).findings
        if f.code == "ENG-EPISODIC"
    ]
    assert stretch.data["links"] and all(6 <= a < b <= 8 for a, b, _score in stretch.data["links"])
    assert "only to each other" in stretch.message
