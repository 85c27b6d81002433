"""Breakdown: locations, story days, page eighths, cast and elements, note tags."""

from __future__ import annotations

from dramaturg.produce.breakdown import (
    SceneBreakdown,
    breakdown,
    format_eighths,
    page_eighths,
    parse_heading,
)
from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story


def _scene(heading: str, *blocks: Block, number: str | None = None) -> Scene:
    return Scene(heading, Span("ep1.fountain", 1, 1), list(blocks), number=number)


def _action(text: str) -> Block:
    return Block(BlockKind.ACTION, text, Span("ep1.fountain", 2, 2))


def _line(speaker: str, text: str, paren: str | None = None, ext: str | None = None) -> Block:
    return Block(
        BlockKind.DIALOGUE,
        text,
        Span("ep1.fountain", 3, 3),
        speaker=speaker,
        cue=speaker,
        parenthetical=paren,
        extension=ext,
    )


def _note(text: str) -> Block:
    return Block(BlockKind.NOTE, text, Span("ep1.fountain", 4, 4), raw=f"[[{text}]]")


def _story(*scenes: Scene, characters: tuple[str, ...] = ("SEO-YUN", "JI-HO", "HALMEONI")) -> Story:
    story = Story("Test", [Part("episode", 1, "Pilot", Span("ep1.fountain", 1, 1), list(scenes))])
    for name in characters:
        story.character(name)
    return story.reindex()


def test_heading_splits_location_and_set() -> None:
    h = parse_heading("INT. SEO-YUN'S APARTMENT - KITCHEN - NIGHT")
    assert (h.int_ext, h.location, h.set, h.time_of_day) == (
        "INT",
        "SEO-YUN'S APARTMENT",
        "KITCHEN",
        "NIGHT",
    )


def test_location_normalises_case_whitespace_and_continuous() -> None:
    st = _story(
        _scene("INT. Seo-yun's   Apartment - NIGHT", _action("Quiet.")),
        _scene("int. SEO-YUN'S APARTMENT - CONTINUOUS", _action("Still quiet.")),
    )
    a, b = breakdown(st).scenes
    assert a.location == b.location == "SEO-YUN'S APARTMENT"
    assert b.time_of_day == "NIGHT"  # CONTINUOUS keeps the time of the scene before
    assert a.story_day == b.story_day


def test_night_to_morning_starts_a_new_story_day() -> None:
    st = _story(
        _scene("EXT. BUS STOP - DAY", _action("Ji-ho waits.")),
        _scene("INT. CAFE - NIGHT", _action("Ji-ho sits.")),
        _scene("INT. CAFE - MORNING", _action("Ji-ho wakes.")),
        _scene("INT. OFFICE - LATER", _action("Ji-ho works.")),
        _scene("EXT. PARK - THE NEXT DAY", _action("Ji-ho runs.")),
    )
    assert [s.story_day for s in breakdown(st).scenes] == [1, 1, 2, 2, 3]


def test_next_morning_in_first_action_line_starts_a_new_day() -> None:
    st = _story(
        _scene("INT. CAFE - DAY", _action("Ji-ho sits.")),
        _scene("INT. CAFE - DAY", _action("The next morning. Ji-ho is back.")),
    )
    assert [s.story_day for s in breakdown(st).scenes] == [1, 2]


def test_flashback_does_not_move_the_story_day() -> None:
    st = _story(
        _scene("INT. CAFE - NIGHT", _action("Ji-ho sits.")),
        _scene("EXT. SCHOOL - DAY (FLASHBACK)", _action("Young Ji-ho runs.")),
        _scene("INT. CAFE - NIGHT", _action("Ji-ho smiles.")),
    )
    days = breakdown(st).scenes
    assert [s.story_day for s in days] == [1, 1, 1]
    assert days[1].flashback


def test_story_day_override_from_config() -> None:
    st = _story(
        _scene("INT. CAFE - DAY", _action("A."), number="1"),
        _scene("INT. CAFE - DAY", _action("B."), number="2"),
        _scene("INT. CAFE - NIGHT", _action("C."), number="3"),
    )
    days = [s.story_day for s in breakdown(st, {"story_days": {"2": 5}}).scenes]
    assert days == [1, 5, 5]


def test_short_scene_is_one_eighth() -> None:
    assert page_eighths(_scene("INT. CAFE - DAY", _action("Rain."))) == 1


def test_full_page_of_action_is_eight_eighths() -> None:
    # 2 heading lines + 53 lines of 60-char action (one block, no blank) = 55 lines
    text = "\n".join(["x" * 59] * 52)
    assert page_eighths(_scene("INT. CAFE - DAY", _action(text))) == 8


def test_dialogue_wraps_narrower_than_action() -> None:
    long = "word " * 40  # 200 characters
    as_action = page_eighths(_scene("INT. A - DAY", *[_action(long)] * 6))
    as_dialogue = page_eighths(_scene("INT. A - DAY", *[_line("JI-HO", long)] * 6))
    assert as_dialogue > as_action


def test_format_eighths() -> None:
    assert [format_eighths(n) for n in (1, 8, 13)] == ["1/8", "1", "1 5/8"]


def test_cast_has_speaking_and_mentioned_characters() -> None:
    st = _story(
        _scene(
            "INT. CAFE - DAY",
            _action("SEO-YUN wipes the counter. Halmeoni naps in the corner."),
            _line("JI-HO", "One iced americano."),
        )
    )
    s = breakdown(st).scenes[0]
    assert s.speaking == ["JI-HO"]
    assert set(s.non_speaking) == {"SEO-YUN", "HALMEONI"}
    assert set(s.cast) == {"JI-HO", "SEO-YUN", "HALMEONI"}


def test_voice_over_only_speaker_is_not_on_set() -> None:
    st = _story(_scene("INT. CAFE - DAY", _line("JI-HO", "I remember.", ext="V.O.")))
    s = breakdown(st).scenes[0]
    assert s.cast == [] and s.voice_only == ["JI-HO"]


def test_elements_found_in_action_lines() -> None:
    st = _story(
        _scene(
            "EXT. HAN RIVER - NIGHT",
            _action(
                "Rain pours. Seo-yun, in a red scarf, opens an umbrella. Passersby hurry past. "
                "A taxi splashes a puddle. A dog barks. Ji-ho punches the thug."
            ),
        )
    )
    s = breakdown(st).scenes[0]
    assert "umbrella" in s.props
    assert "red scarf" in s.wardrobe
    assert "passersby" in s.extras
    assert "taxi" in s.vehicles
    assert "dog" in s.animals
    assert "rain" in s.sfx
    assert "punch" in s.stunts
    assert s.continuity["SEO-YUN"]["wardrobe"] == ["red scarf"]


def test_dialogue_mentions_are_not_elements() -> None:
    st = _story(_scene("INT. CAFE - DAY", _line("JI-HO", "Bring an umbrella, it will rain.")))
    s = breakdown(st).scenes[0]
    assert s.props == [] and s.sfx == []


def test_ice_cream_is_not_an_ice_effect_and_glasses_are_wardrobe() -> None:
    st = _story(_scene("INT. CAFE - DAY", _action("Ji-ho eats ice cream in his glasses.")))
    s = breakdown(st).scenes[0]
    assert "ice cream" in s.props and "glass" not in s.props
    assert "glasses" in s.wardrobe


def test_injuries_found_for_continuity() -> None:
    st = _story(
        _scene(
            "INT. HOSPITAL - DAY",
            _action("Ji-ho limps in, a bandage on his arm and a cut on his lip."),
        )
    )
    s = breakdown(st).scenes[0]
    assert {"limp", "bandage", "cut"} <= set(s.injuries)
    assert "limp" in s.continuity["JI-HO"]["injuries"]


def test_cut_as_a_verb_is_not_an_injury() -> None:
    st = _story(_scene("INT. KITCHEN - DAY", _action("Seo-yun cuts the cake.")))
    assert breakdown(st).scenes[0].injuries == []


def test_note_tags_add_elements() -> None:
    st = _story(
        _scene(
            "INT. CAFE - DAY",
            _action("Seo-yun waits."),
            _note("prop: umbrella; birthday cake, three candles"),
            _note("wardrobe: Seo-yun: yellow raincoat"),
            _note("sfx: rain"),
            _note("cast: HALMEONI"),
            _note("Check the neon sign works"),
        )
    )
    s = breakdown(st).scenes[0]
    assert s.props == ["umbrella", "birthday cake (three candles)"]
    assert s.continuity["SEO-YUN"]["wardrobe"] == ["yellow raincoat"]
    assert s.sfx == ["rain"]
    assert "HALMEONI" in s.cast
    assert s.notes == ["Check the neon sign works"]


def test_unclosed_note_brackets_are_text_and_a_closed_note_after_them_is_read() -> None:
    # 16,000 unclosed "[[" in one action line took 22 s through the old lazy note pattern
    run = "[[a " * 16_000
    st = _story(
        _scene(
            "INT. CAFE - DAY",
            Block(BlockKind.ACTION, run, Span("ep1.fountain", 2, 2), raw=run),
            Block(
                BlockKind.ACTION,
                "Seo-yun waits. [[prop: umbrella]] [[a [[b]] c]]",
                Span("ep1.fountain", 3, 3),
                raw="Seo-yun waits. [[prop: umbrella]] [[a [[b]] c]]",
            ),
        )
    )
    s = breakdown(st).scenes[0]
    assert s.props == ["umbrella"]
    assert s.notes == ["a [[b"]


def test_to_dict_always_has_cast_and_eighths() -> None:
    st = _story(_scene("INT. EMPTY ROOM - DAY", _action("Silence.")))
    d = breakdown(st).to_dict()
    assert d["scenes"][0]["cast"] == [] and d["scenes"][0]["eighths"] == 1


def test_cast_numbers_lead_first() -> None:
    st = _story(
        _scene("INT. A - DAY", _line("JI-HO", "Hi.")),
        _scene("INT. B - DAY", _line("JI-HO", "Hi."), _line("SEO-YUN", "Hello.")),
    )
    cast = breakdown(st).cast
    assert [(c.id, c.name, c.scenes) for c in cast] == [(1, "JI-HO", 2), (2, "SEO-YUN", 1)]


def test_korean_script_uses_reader_heading_and_particles() -> None:
    scene = Scene(
        "S#2. 버스 정류장 (밤, 비)",
        Span("ep1.txt", 1, 1),
        [
            _action("빗줄기가 거세다. 서윤은 우산을 펼친다. 비밀은 없다."),
            _line("도현", "같이 써요."),
        ],
        location="버스 정류장",
        time_of_day="밤",
    )
    story = Story("우산", [Part("episode", 1, "", Span("ep1.txt", 1, 1), [scene])], language="ko")
    for name in ("서윤", "도현"):
        story.character(name)
    s = breakdown(story.reindex()).scenes[0]
    assert (s.location, s.time_of_day, s.day_night) == ("버스 정류장", "밤", "NIGHT")
    assert s.props == ["우산"] and s.sfx == ["빗줄기"]  # 비밀 (secret) is not rain
    assert set(s.cast) == {"서윤", "도현"}


def test_forced_heading_keeps_its_own_split() -> None:
    scene = _scene(".SUNNY MART - MIDNIGHT - MONTAGE", _action("Cup noodles."))
    scene.location = "SUNNY MART - MIDNIGHT"  # what a reader may leave for a forced heading
    s = breakdown(_story(scene)).scenes[0]
    assert (s.location, s.time_of_day, s.day_night) == ("SUNNY MART", "MIDNIGHT", "NIGHT")


def test_korean_s_sharp_heading_gives_the_readers_location_and_no_front_matter_notes() -> None:
    from pathlib import Path

    from dramaturg.read import read

    sample = Path(__file__).parent / "data" / "korean" / "drama_ep1.txt"
    sheets = breakdown(read(sample)).to_dict()["scenes"]
    assert sheets[0]["location"] == "출판사 편집부"
    assert sheets[1]["time_of_day"] == "밤"
    assert not any("등장인물" in n or "극본" in n for n in sheets[0]["notes"])


# -- what a first AD reads in a real script (issue 10, point 2) ---------------------------


def test_voice_over_with_contd_is_not_on_set() -> None:
    st = _story(_scene("INT. CAFE - DAY", _line("JI-HO", "And then...", ext="V.O., CONT'D")))
    s = breakdown(st).scenes[0]
    assert s.cast == [] and s.voice_only == ["JI-HO"]


def test_a_voice_is_not_new_cast() -> None:
    st = _story(
        _scene(
            "INT. CAFE - DAY",
            _action("Ji-ho answers the phone."),
            _line("A VOICE", "Do you remember me?"),
            _line("MAN'S VOICE", "Hello?"),
            _line("JI-HO", "Who is this?"),
        ),
        characters=("JI-HO", "A VOICE", "MAN'S VOICE"),
    )
    s = breakdown(st).scenes[0]
    assert s.cast == ["JI-HO"] and set(s.voice_only) == {"A VOICE", "MAN'S VOICE"}


def test_the_other_end_of_a_call_is_heard_not_on_set() -> None:
    st = _story(
        _scene(
            "INT. CAFE - DAY",
            _action("Seo-yun dials."),
            _line("DETECTIVE", "Hello?"),
            _line("SEO-YUN", "It's me."),
        ),
        characters=("SEO-YUN", "DETECTIVE"),
    )
    s = breakdown(st).scenes[0]
    assert s.cast == ["SEO-YUN"] and s.voice_only == ["DETECTIVE"]


def test_a_title_does_not_end_the_sentence() -> None:
    st = _story(
        _scene("INT. CLINIC - DAY", _action("Ji-ho greets Dr. Kim and takes off his red scarf."))
    )
    s = breakdown(st).scenes[0]
    assert s.continuity["JI-HO"]["wardrobe"] == ["red scarf"]


def test_square_bracket_heading_parts_are_cues() -> None:
    st = _story(
        _scene("INT. CAFE - NIGHT", _action("Quiet.")),
        _scene("INT. CAFE - KITCHEN [CONTINUOUS]", _action("Still quiet.")),
    )
    a, b = breakdown(st).scenes
    assert (b.location, b.set, b.time_of_day, b.story_day) == ("CAFE", "KITCHEN", "NIGHT", 1)


def test_comma_separates_heading_parts() -> None:
    h = parse_heading("INT. SAUSALITO HOME, THE NEXT MORNING")
    assert (h.location, h.time_of_day, h.cues) == (
        "SAUSALITO HOME",
        "MORNING",
        ["THE NEXT MORNING"],
    )


def test_fade_in_is_not_a_scene() -> None:
    fade = Scene(None, Span("ep1.fountain", 1, 1), [_action("FADE IN:")])
    st = _story(fade, _scene("INT. CAFE - DAY", _action("Ji-ho sits.")))
    sheets = breakdown(st).scenes
    assert [s.location for s in sheets] == ["CAFE"]


def test_capitalised_first_appearance_is_cast_everywhere_after() -> None:
    st = _story(
        _scene("INT. HALL - DAY", _action("The MAILMAN drops a letter. Ji-ho watches.")),
        _scene("EXT. STREET - DAY", _action("The mailman waves at Ji-ho.")),
    )
    a, b = breakdown(st).scenes
    assert "MAILMAN" in a.cast and "MAILMAN" in b.cast
    assert "MAILMAN" in a.non_speaking


def test_a_crowd_is_extras_not_cast() -> None:
    st = _story(
        _scene(
            "EXT. STADIUM - NIGHT",
            _action("THE CROWD roars as Ji-ho runs out."),
            _line("CROWD", "Ji-ho! Ji-ho!"),
        ),
        characters=("JI-HO", "CROWD"),
    )
    s = breakdown(st).scenes[0]
    assert s.cast == ["JI-HO"] and "crowd" in s.extras


def test_capitalised_sounds_and_props_are_not_cast() -> None:
    st = _story(
        _scene("INT. FLAT - DAY", _action("A SOUND in the hall. Ji-ho grabs the BIRTHDAY CARD.")),
    )
    s = breakdown(st).scenes[0]
    assert s.cast == ["JI-HO"] and "birthday card" in s.props or "card" in s.props


def test_figurative_words_are_not_elements() -> None:
    st = _story(
        _scene(
            "EXT. MARKET - DAY",
            _action(
                "The line snakes around the block. Ji-ho moves like a train. "
                "Like magic, the stall opens. Seo-yun looks ready for a fight. "
                "The alarm kicks in. The guard is right on his heels."
            ),
        )
    )
    s = breakdown(st).scenes[0]
    assert (s.animals, s.vehicles, s.vfx, s.stunts, s.wardrobe) == ([], [], [], [], [])


def test_fish_cakes_are_food_not_an_animal() -> None:
    st = _story(_scene("EXT. MARKET - DAY", _action("Seo-yun buys fish cakes.")))
    s = breakdown(st).scenes[0]
    assert s.animals == [] and s.props == ["fish cake"]


def test_a_make_and_its_model_are_one_vehicle() -> None:
    st = _story(_scene("EXT. STREET - DAY", _action("Ji-ho starts his Toyota Landcruiser.")))
    assert breakdown(st).scenes[0].vehicles == ["toyota landcruiser"]


def test_a_vehicle_set_is_a_vehicle() -> None:
    st = _story(_scene("INT. TAXI - MOVING - NIGHT", _action("Ji-ho stares out.")))
    assert breakdown(st).scenes[0].vehicles == ["taxi"]


def test_era_tags_mark_flashbacks_with_their_own_days() -> None:
    st = _story(
        _scene("INT. CAFE - DAY", _action("Ji-ho sits.")),
        _scene("EXT. SCHOOL - DAY (1973)", _action("A boy runs.")),
        _scene("EXT. SCHOOL - NIGHT (1973)", _action("A boy sleeps.")),
        _scene("INT. CAFE - NIGHT [PRESENT]", _action("Ji-ho smiles.")),
        _scene("INT. CAFE - NIGHT", _action("Ji-ho leaves.")),
    )
    sheets = breakdown(st).scenes
    assert [s.flashback for s in sheets] == [False, True, True, False, False]
    assert [s.story_day for s in sheets] == [1, 1, 1, 1, 1]


def test_another_day_and_two_days_later_start_story_days() -> None:
    st = _story(
        _scene("INT. CAFE - DAY", _action("A.")),
        _scene("INT. CAFE - ANOTHER DAY", _action("B.")),
        _scene("INT. CAFE, TWO DAYS LATER", _action("C.")),
        _scene("INT. CAFE - LATER THAT EVENING", _action("D.")),
    )
    sheets = breakdown(st).scenes
    assert [s.story_day for s in sheets] == [1, 2, 3, 3]
    assert sheets[3].time_of_day == "EVENING"


def test_a_shot_heading_stays_on_the_set_before() -> None:
    st = _story(
        _scene("EXT. JI-HO'S HOUSE - NIGHT", _action("Ji-ho locks the door.")),
        _scene(".JI-HO", _action("grins.")),
        _scene(".ON THE TV", _action("The news.")),
        _scene(".BACK IN THE HOUSE", _action("Quiet.")),
    )
    sheets = breakdown(st).scenes
    assert [s.location for s in sheets] == ["JI-HO'S HOUSE"] * 4
    assert sheets[1].time_of_day == "NIGHT" and sheets[1].cast == ["JI-HO"]
    assert sheets[2].vfx == ["screen insert"]


def test_a_forced_heading_with_a_time_is_a_set() -> None:
    st = _story(
        _scene("EXT. BUS STOP - NIGHT", _action("Ji-ho waits.")),
        _scene(".THE NIGHT BUS - MOVING", _action("Ji-ho sits.")),
    )
    assert breakdown(st).scenes[1].location == "THE NIGHT BUS"


def test_a_face_in_a_photo_is_not_on_set() -> None:
    st = _story(
        _scene(
            "INT. FLAT - DAY",
            _action("Seo-yun picks up a photo of Ji-ho and Halmeoni. It shows Ji-ho laughing."),
        )
    )
    assert breakdown(st).scenes[0].cast == ["SEO-YUN"]


def test_a_place_owned_is_not_its_owner_on_set() -> None:
    st = _story(_scene("INT. FLAT - DAY", _action("Seo-yun waits in Ji-ho's kitchen.")))
    assert breakdown(st).scenes[0].cast == ["SEO-YUN"]


def test_nowhere_to_be_seen_is_not_on_set() -> None:
    st = _story(
        _scene("EXT. STREET - DAY", _action("Seo-yun runs out. But Ji-ho is nowhere to be seen."))
    )
    assert breakdown(st).scenes[0].cast == ["SEO-YUN"]


def test_a_character_played_at_two_ages_is_split_by_the_config() -> None:
    from dramaturg.produce.config import parse_config

    st = _story(
        _scene("INT. CAFE - DAY", _line("JI-HO", "Now."), number="1"),
        _scene("EXT. SCHOOL - DAY (FLASHBACK)", _line("JI-HO", "Then."), number="2"),
        _scene("INT. CAFE - DAY", _line("JI-HO", "Later."), number="3"),
    )
    cfg = parse_config(
        '[[cast]]\nname = "YOUNG JI-HO"\nplays = "JI-HO"\nwhen = "flashback"\n'
        '[[cast]]\nname = "OLD JI-HO"\nplays = "JI-HO"\nscenes = ["3"]\n',
        "production.toml",
    )
    assert [s.cast for s in breakdown(st, cfg).scenes] == [
        ["JI-HO"],
        ["YOUNG JI-HO"],
        ["OLD JI-HO"],
    ]


def _sheet(*texts: str) -> SceneBreakdown:
    return breakdown(_story(_scene("EXT. PARK - DAY", *map(_action, texts)))).scenes[0]


def test_an_animal_word_before_a_noun_or_as_food_is_no_animal() -> None:
    s = _sheet(
        "A pizza delivery rider waits. Ji-ho carries a dog leash. "
        "Seo-yun eats fried chicken. A horse trailer stands empty."
    )
    assert s.animals == []
    assert "delivery rider" in s.extras
    assert _sheet("A chicken pecks at the gravel.").animals == ["chicken"]


def test_hyperbole_puts_nothing_on_set() -> None:
    s = _sheet("The coat is huge. It could wrap a small horse. That would feed an army.")
    assert s.animals == [] and s.extras == []
    assert "coat" in s.wardrobe


def test_knitting_stitches_and_a_wound_clock_are_not_injuries() -> None:
    s = _sheet(
        "Halmeoni casts off the last stitches of the sweater. "
        "The old clock is being wound. The path wound up the hill."
    )
    assert s.injuries == []
    assert _sheet("Ji-ho has stitches over one eye.").injuries == ["stitches"]


def test_a_flushed_face_is_a_makeup_note_but_not_a_flushed_toilet() -> None:
    assert _sheet("Seo-yun's face is flushed.").injuries == ["flushed"]
    assert _sheet("Ji-ho flushed the toilet.").injuries == []


def test_es_makes_a_plural_only_after_a_hiss() -> None:
    s = _sheet("Seo-yun hates the rain. Ji-ho stacks the boxes.")
    assert s.wardrobe == [] and "box" in s.props


def test_a_container_and_its_contents_are_one_prop() -> None:
    s = _sheet(
        "Ji-ho sets down two cans of beer and a bag of warm bread. "
        "Seo-yun opens the beer can. The cans sweat. She tears the bread."
    )
    assert s.props == ["beer can", "bread bag"]
    # a compound is not a container: "the printer tray" is not the printer
    s = _sheet("The printer hums. Photos slide into the printer tray.")
    assert "printer" in s.props


def test_what_a_photo_shows_is_not_on_set() -> None:
    s = _sheet("Ji-ho finds a photo of a girl on a bicycle carrying a tray.")
    assert s.props == ["photo"] and s.vehicles == []
    s = _sheet("Seo-yun takes pictures of the lake with the camera.")
    assert "camera" in s.props


def test_a_quoted_paragraph_is_words_not_things() -> None:
    s = _sheet("Seo-yun reads the card.", '"Meet me by the car, bring the umbrella."')
    assert s.vehicles == [] and s.props == ["card"]


def test_nouns_that_are_also_verbs_count_with_an_article() -> None:
    s = _sheet(
        "Ji-ho tucks a note under the door. Nobody seems to notice. "
        "Seo-yun folds the notice. Halmeoni picks up her knitting. He is drawing fast."
    )
    assert sorted(s.props) == ["knitting", "note", "notice"]


def test_crowd_words_and_parts_of_a_crowd() -> None:
    s = _sheet(
        "Fifty residents in folding chairs. Some of the old ladies nod. "
        "Ji-ho turns to the audience."
    )
    assert s.extras == ["residents"]
    s = _sheet("Couples on blankets. A boat goes by with a party on it.")
    assert s.extras == ["couples", "party"]
    assert _sheet("The audience laughs.").extras == ["audience"]
    assert _sheet("Ji-ho calls a search party.").extras == []


def test_what_a_hand_takes_is_a_prop_even_unlisted() -> None:
    s = _sheet(
        "Ji-ho picks up a smooth stone. Seo-yun hands him a brass compass and opens the door. "
        "He takes a deep breath and holds her hand. She grabs one pair of pliers."
    )
    assert s.props == ["smooth stone", "brass compass", "pliers"]


def test_a_thing_the_hand_finds_again_is_the_same_prop() -> None:
    s = _sheet("A sniper scope on the roof.", "Ji-ho's eye fills the Zeiss scope.")
    assert s.props == ["sniper scope"]


def test_a_dressing_over_the_one_wound_is_one_note() -> None:
    s = _sheet("Ji-ho's palm is burned.", "The bandage on it is fresh.")
    assert s.injuries == ["burn under bandage"]
    s = _sheet("A scratch on his cheek.", "A bandage on his arm.")
    assert sorted(s.injuries) == ["bandage", "scratch"]


def test_a_make_and_the_car_are_the_named_vehicle() -> None:
    st = _story(
        _scene(
            "INT. LEXUS - MOVING - DAY",
            _action("A truck honks behind the car. Ahead, a Toyota. The Toyota Landcruiser stops."),
        )
    )
    assert sorted(breakdown(st).scenes[0].vehicles) == ["lexus", "toyota landcruiser", "truck"]


def test_a_heading_with_an_unspaced_double_dash_has_its_place_and_time():
    from dramaturg.produce.breakdown import parse_heading

    h = parse_heading("EXT. PARK--DAY")
    assert (h.location, h.set, h.time_of_day) == ("PARK", None, "DAY")
    h = parse_heading("EXT. WELL-LIT ROAD--NIGHT #12#")
    assert (h.location, h.time_of_day) == ("WELL-LIT ROAD", "NIGHT")


def test_a_heading_with_a_long_run_of_spaces_is_read_in_linear_time():
    # the separators once tried every space of a run as a start (quadratic: 3.6 s at 20,000)
    from dramaturg.produce.breakdown import parse_heading

    h = parse_heading("INT. KITCHEN" + " " * 200_000 + "- NIGHT")
    assert h.location == "KITCHEN" and h.time_of_day == "NIGHT"


# -- rules from the once-held public-domain scripts (seen-pd-*), issue 10 point 2 -----------


def _fountain(text: str) -> list[SceneBreakdown]:
    from dramaturg.read.fountain import parse

    return breakdown(parse(text, "x.fountain")).scenes


def test_a_characters_introduction_with_an_age_is_action_not_a_cue() -> None:
    sheets = _fountain(
        "EXT. PARK - DAY\n\nBOB waves.\n\nCYBER BOSS, 40 (or any age), an ageless,\n"
        "faceless cloud, descends over the park.\n\nBOB\nHi.\n"
    )
    assert "CYBER BOSS, 40" not in sheets[0].cast
    assert "CYBER BOSS, 40" not in sheets[0].speaking


def test_a_note_to_the_reader_is_no_scene_and_puts_nothing_on_set() -> None:
    sheets = _fountain(
        "Title: X\n\n**Note: dress the characters any way you wish, a red dress will do.**\n\n"
        "EXT. LIBRARY - DAY\n\nNAR reads.\n"
    )
    assert [s.location for s in sheets] == ["LIBRARY"]
    assert sheets[0].wardrobe == []


def test_a_speaker_read_out_by_a_phone_is_a_voice_not_cast() -> None:
    st = _story(
        _scene(
            "EXT. FOOTHILLS - DAY",
            _action("Ji-ho picks up his phone, which displays and reads aloud a message:"),
            _line("BOSS", "Proceed three miles."),
            _line("JI-HO", "Okay!"),
            _action("He drives."),
            _line("BOSS", "Turn left."),
        ),
        characters=("JI-HO", "BOSS"),
    )
    s = breakdown(st).scenes[0]
    assert s.cast == ["JI-HO"] and s.voice_only == ["BOSS"]


def test_a_phone_that_displays_a_message_is_a_screen_insert() -> None:
    st = _story(_scene("INT. CAFE - DAY", _action("Her phone displays a message from the bank.")))
    assert "screen insert" in breakdown(st).scenes[0].vfx


def test_an_s_apostrophe_possessive_does_not_put_the_owner_on_set() -> None:
    st = _story(
        _scene("INT. CAFE - DAY", _action("Seo-yun opens the app. Boss' instructions display.")),
        characters=("SEO-YUN", "BOSS"),
    )
    assert breakdown(st).scenes[0].cast == ["SEO-YUN"]


def test_a_name_in_quotation_marks_is_written_text_not_the_person() -> None:
    st = _story(
        _scene("EXT. TRAIL - DAY", _action('Seo-yun takes the "HALMEONI 12 MI." trail.')),
    )
    assert breakdown(st).scenes[0].cast == ["SEO-YUN"]


def test_two_cues_one_the_other_with_words_in_front_are_one_character() -> None:
    st = _story(
        _scene(
            "EXT. PARK - DAY",
            _line("BOB", "Hi hello."),
            _line("CYBER BOB", "New instructions!"),
            _line("YOUNG JI-HO", "Me too."),
            _line("JI-HO", "And me."),
        ),
        characters=("BOB", "CYBER BOB", "JI-HO", "YOUNG JI-HO"),
    )
    s = breakdown(st).scenes[0]
    assert "CYBER BOB" not in s.cast and "BOB" in s.cast
    assert {"JI-HO", "YOUNG JI-HO"} <= set(s.cast)


def test_many_other_patrons_are_extras_even_when_patrons_are_cast() -> None:
    st = _story(
        _scene(
            "INT. LIBRARY - DAY",
            _action("Also in the area are MANY OTHER PATRONS, dressed in robes."),
            _line("PATRONS THREE AND FOUR", "Shh."),
        ),
        characters=("PATRONS THREE AND FOUR",),
    )
    assert breakdown(st).scenes[0].extras == ["patrons"]


def test_like_before_a_list_gives_examples_not_a_simile() -> None:
    st = _story(
        _scene("INT. LIBRARY - DAY", _action("Study supplies like backpacks, books, and pencils.")),
    )
    props = breakdown(st).scenes[0].props
    assert "backpack" in props and "pencil" in props


def test_figures_of_speech_and_sounds_put_nothing_on_set() -> None:
    st = _story(
        _scene(
            "INT. LIBRARY - DAY",
            _action(
                "The sort of people who shout. A robe with embroidered gold fire. "
                "Flames of out-of-control rage. Radio sounds emit from the cloud, "
                "with thunder bolt symbols. She looks at the camera. It lands with a crash."
            ),
        ),
    )
    s = breakdown(st).scenes[0]
    assert (s.extras, s.sfx, s.props, s.stunts) == ([], [], [], [])


def test_software_is_no_prop_and_a_sign_needs_a_determiner() -> None:
    st = _story(
        _scene(
            "EXT. TRAIL - DAY",
            _action("Seo-yun opens the app. She signs, then nods. He looks at a wooden sign."),
        ),
    )
    assert breakdown(st).scenes[0].props == ["wooden sign"]


def test_a_gust_of_wind_is_one_effect_and_the_earth_trembles() -> None:
    st = _story(
        _scene(
            "EXT. PEAK - NIGHT", _action("A gust of wind. A great THUD and the earth trembles.")
        ),
    )
    assert breakdown(st).scenes[0].sfx == ["wind", "earth trembles"]


def test_creatures_and_magic_are_vfx() -> None:
    st = _story(
        _scene(
            "INT. LIBRARY - DAY",
            _action("A dragon bursts in. Her eyes glow. He materializes beside the dog."),
        ),
    )
    assert breakdown(st).scenes[0].vfx == ["dragon", "eyes glow", "materializes"]


def test_one_who_spoke_on_set_before_the_phone_read_aloud_stays_cast() -> None:
    st = _story(
        _scene(
            "INT. BEAM - NIGHT",
            _action("The dog speaks."),
            _line("DOG", "Yip!"),
            _action("The app displays his words and also reads aloud."),
            _line("DOG", "Why are you here?"),
        ),
        characters=("DOG",),
    )
    assert breakdown(st).scenes[0].cast == ["DOG"]


def test_common_handheld_things_are_props_but_a_fork_in_the_trail_is_not() -> None:
    st = _story(
        _scene(
            "EXT. TRAIL - DAY",
            _action("Seo-yun comes to a fork in the trail. She unfolds a napkin and a brochure."),
        ),
    )
    assert breakdown(st).scenes[0].props == ["napkin", "brochure"]


def test_what_a_character_wears_is_wardrobe_even_unlisted() -> None:
    st = _story(
        _scene(
            "INT. HALL - DAY",
            _action(
                "Ji-ho, wearing a tattered kilt, wears a smile. Seo-yun dons a chainmail hood."
            ),
        ),
    )
    assert breakdown(st).scenes[0].wardrobe == ["tattered kilt", "chainmail hood"]


def test_a_look_named_in_quotes_and_a_ball_of_cloud_are_no_props() -> None:
    st = _story(
        _scene(
            "INT. LIBRARY - DAY",
            _action('She gives him a furtive "I know a secret" look. A white ball of a cloud.'),
        ),
    )
    assert breakdown(st).scenes[0].props == []


def test_a_title_page_with_a_note_under_its_keys_is_no_scene() -> None:
    sheets = _fountain(
        "Title:\n\tTHE LIBRARY\nAuthor: A. Writer\n[[archival URL: http://x.example]]\n\n"
        "EXT. LIBRARY - DAY\n\nNAR reads.\n"
    )
    assert [s.location for s in sheets] == ["LIBRARY"]


def test_a_name_inside_a_longer_name_and_a_name_that_is_a_word_put_nothing_on_set() -> None:
    st = _story(
        _scene(
            "EXT. RIVER - DAY",
            _action("YOUNG WILLIAM, 20, fishes. YOUNG ROSE walks past with a basket."),
            _line("YOUNG WILLIAM", "Morning."),
        ),
        _scene(
            "INT. HOSPITAL - NIGHT",
            _action("WILLIAM lies in bed. ROSE holds a rose. A fish swims in a tank. She ducks."),
            _line("ROSE", "Hello."),
        ),
        characters=("YOUNG WILLIAM", "YOUNG ROSE", "WILLIAM", "ROSE"),
    )
    first, second = breakdown(st).scenes
    assert sorted(first.cast) == ["YOUNG ROSE", "YOUNG WILLIAM"]  # not WILLIAM nor ROSE too
    assert "rose" not in first.props and first.animals == []  # he fishes: no fish on set
    assert sorted(second.cast) == ["ROSE", "WILLIAM"]
    assert "rose" in second.props and second.animals == ["fish"]  # "a fish" is one
    assert "duck" not in second.animals  # she ducks
