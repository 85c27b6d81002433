"""Cast: characters with aliases, presence, who talks to whom, the couple."""

from __future__ import annotations

from dramaturg.analyze.cast import build_cast, couple_scores
from dramaturg.analyze.romance import analyze_romance
from dramaturg.analyze.thresholds import scan
from romance_helpers import prose, script


def _darcy_story():
    return prose(
        [
            [
                "Mr. Darcy walked in, and Fitzwilliam Darcy was a tall man who said nothing.",
                "Then Elizabeth Bennet laughed with Darcy; she thought him proud.",
                "Mr. Darcy looked at her. Elizabeth turned away, and she smiled.",
            ],
            [
                "Darcy admired her eyes. Elizabeth blushed, and she spoke of love.",
                "Jane Bennet wrote to Elizabeth. Jane was kind, and she loved her sister.",
                "Mr. Darcy proposed. Elizabeth refused him; she was angry.",
            ],
        ]
    )


def test_titled_surname_and_full_name_are_one_character():
    cast = build_cast(_darcy_story())
    name = cast.resolve("Darcy")
    assert name is not None
    assert {"Mr. Darcy", "Darcy", "Fitzwilliam Darcy"} <= cast.members[name].aliases | {name}


def test_first_name_joins_full_name():
    cast = build_cast(_darcy_story())
    assert cast.resolve("Elizabeth") == cast.resolve("Elizabeth Bennet")


def test_gender_from_titles_and_pronouns():
    cast = build_cast(_darcy_story())
    assert cast.members[cast.resolve("Darcy")].gender == "m"
    assert cast.members[cast.resolve("Elizabeth")].gender == "f"


def test_presence_lists_characters_of_each_block():
    cast = build_cast(_darcy_story())
    darcy, liz = cast.resolve("Darcy"), cast.resolve("Elizabeth")
    assert {darcy, liz} <= cast.present[1]
    assert cast.members[darcy].scenes == {0, 1}


def test_script_cues_are_characters_and_adjacent_lines_are_talk():
    story = script(
        [
            [
                (None, "MINA waits at the bus stop. JOON runs in from the rain."),
                ("MINA", "You're late."),
                ("JOON", "I brought an umbrella."),
                ("MINA", "Joon, it stopped raining."),
            ]
        ]
    )
    cast = build_cast(story)
    assert {"MINA", "JOON"} <= set(cast.members)
    assert cast.interactions("MINA")["JOON"] >= 2
    assert "Mina" in cast.members["MINA"].aliases
    assert cast.addressed[("MINA", "JOON")] == 1


def test_couple_is_detected_without_name_lists():
    story = _darcy_story()
    cast = build_cast(story)
    hits = scan(cast.refs)
    best = couple_scores(cast, [h.romantic for h in hits])[0]
    assert set(best.pair) == {cast.resolve("Darcy"), cast.resolve("Elizabeth")}


def test_couple_override_resolves_names_not_written_in_full():
    romance = analyze_romance(_darcy_story(), couple=("Jane", "Fitzwilliam"))
    assert romance.couple_source == "given"
    assert set(romance.couple or ()) == {"Jane Bennet", "Fitzwilliam Darcy"} or set(
        romance.couple or ()
    ) == {romance.cast.resolve("Jane"), romance.cast.resolve("Darcy")}


def test_cast_to_dict_has_aliases_words_scenes_interactions():
    d = build_cast(_darcy_story()).to_dict()
    first = d["characters"][0]
    assert {"name", "aliases", "dialogue_words", "scenes", "interactions"} <= set(first)


def test_first_person_narrator_is_on_the_page_and_can_be_half_the_couple():
    story = prose(
        [
            [
                "I met Joon at the bus stop in the rain. He smiled at me, and I looked away.",
                "“Mina, you forgot your umbrella,” Joon said.",
            ],
            [
                "Joon walked me home again. I liked the way he laughed.",
                "“Mina, wait,” Joon said, and he took my hand.",
            ],
            ["I told Joon I loved him. He kissed me.", "“Mina, stay,” Joon said."],
        ]
    )
    romance = analyze_romance(story)
    assert set(romance.couple or ()) == {"Mina", "Joon"}
    kinds = {t.kind for t in romance.thresholds}
    assert {"hand_hold", "kiss"} <= kinds


def _julia(paras: list[str]) -> str | None:
    cast = build_cast(prose([[*paras, "Mr. Gray came in and bowed to Julia Pendleton."]]))
    julia = cast.resolve("Julia")
    assert julia is not None
    return cast.members[julia].gender


def test_a_pronoun_after_a_possessive_is_not_the_owners():
    # "Julia's uncle ... he" says nothing of Julia; "Julia ... her hat" does
    paras = ["Then Julia's uncle came to tea, and he stayed till dark."] * 8
    paras += ["At noon Julia put on her hat."] * 2
    assert _julia(paras) == "f"


def test_one_subject_pronoun_does_not_outvote_many_others():
    paras = ["Julia went out, and he followed."]
    paras += ["At noon Julia put on her hat."] * 8
    assert _julia(paras) != "m"


def test_a_child_is_no_lead_and_a_wife_is_half_a_couple_already():
    story = script(
        [
            [
                (None, "JOE sits on the floor with his 7 year-old son, MATTHEW."),
                (None, "Joe's wife, KATE, looks in on them."),
                ("MATTHEW", "Mom, look at my dinosaur!"),
                ("KATE", "It's beautiful, sweetheart."),
                ("JOE", "Kate, I'll be late tonight."),
            ],
            [
                (None, "Kate holds Matthew's hand at the park."),
                ("MATTHEW", "Can we stay, Mom?"),
                ("KATE", "Five more minutes, my love."),
                ("MATTHEW", "I love you, Mom."),
            ],
        ]
    )
    from dramaturg.analyze.cast_model import introductions

    cast = build_cast(story)
    intro = introductions(cast)
    assert intro.ages == {"MATTHEW": 7} and "MATTHEW" in intro.children
    assert frozenset(("JOE", "KATE")) in intro.spouses
    pairs = [set(c.pair) for c in couple_scores(cast, [h.romantic for h in scan(cast.refs)])]
    assert pairs and all("MATTHEW" not in p for p in pairs)
    assert pairs[0] == {"JOE", "KATE"}


def _one_person(paras: list[str], name: str, aliases: tuple[str, ...]):
    """The cast of a one-chapter novel, and the one character ``name`` and ``aliases`` are."""
    cast = build_cast(prose([paras]))
    who = cast.resolve(name)
    assert who is not None
    for alias in aliases:
        assert cast.resolve(alias) == who, alias
    return cast, who


def test_a_three_word_name_joins_its_parts_and_a_foreign_title_is_no_person():
    paras = [
        "Mdlle. Henri came in late; Mdlle. Henri sat by the window and she wrote.",
        "I read the name on her book: Frances Evans Henri. She was a Swiss girl, she said.",
        "Frances Evans wrote well. Frances Henri was her name at the school, and she smiled.",
        "Frances looked up, and she said nothing. Frances Evans Henri was all she signed.",
        "Mdlle. Henri went out. Frances came back the next day and she sat down again.",
        "Mdlle. Reuter watched her. Mdlle. Reuter said nothing and she went away.",
    ]
    cast, who = _one_person(paras, "Frances", ("Frances Evans", "Frances Henri", "Mdlle. Henri"))
    assert "Mdlle" not in cast.members
    assert cast.resolve("Mdlle. Reuter") not in (None, who)


def test_a_three_word_name_owns_its_first_name_titled_forms_and_surname():
    # "Rupert Sent Leger": the middle word is an everyday word ("sent"), the full name and
    # every shorter form of it are one man; a title may stand before all three words
    paras = [
        "Rupert Sent Leger came home. Rupert was tired, and he slept; the letter was sent.",
        "Mr. Rupert Sent Leger wrote to his aunt. He sent it at once and he waited.",
        "Rupert Sent Leger rode out. Mr. Sent Leger was a tall man, and he rode well.",
        "Rupert sat down, and he read. Then Leger laughed, and he went out again.",
        "They sent for the doctor. Rupert smiled and he said nothing. He was sent away.",
        "Janet Mackelpie watched him go. Janet said nothing, and she sighed.",
    ]
    aliases = ("Rupert Sent Leger", "Mr. Sent Leger", "Mr. Rupert Sent Leger", "Leger")
    cast, who = _one_person(paras, "Rupert", aliases)
    assert cast.resolve("Janet") not in (None, who)


def test_an_abbreviation_inside_a_name_is_no_name_of_its_own():
    # "St. Clair": "St" is written with its full stop every time; "Julian St" is no one
    paras = [
        "Julian St. Clair came in. Julian was tired, and he sat down by the fire.",
        "Mr. St. Clair read the paper. Julian St. Clair laughed, and he said so.",
        "Julian looked up, and he smiled. St. Clair was a kind man, and he stayed.",
        "Julian went out. Julian came back the next day and he sat down again.",
    ]
    cast = build_cast(prose([paras]))
    assert not any(m.startswith("Julian St") or m in ("St", "Mr. St") for m in cast.members)
    assert cast.resolve("Julian") is not None


def test_an_aunt_or_an_uncle_is_kin_not_a_lover():
    # the aunt holds and kisses him in more scenes than the girl he loves: still his aunt
    paras = []
    for _ in range(4):
        paras += [
            "Aunt Janet took Rupert's hand. She loved him, and he kissed her cheek.",
            "Rupert held Aunt Janet in his arms; she wept, and he comforted her.",
            "Aunt Janet kissed Rupert, and he held her hand; she loved him dearly.",
            "Then Teuta came. Rupert looked at Teuta, and she smiled at him.",
            "Rupert walked home alone, and he sang; Rupert was happy, and he slept.",
        ]
    paras += ["Rupert loved Teuta. He kissed Teuta, and she kissed him."]
    cast = build_cast(prose([paras[:10], paras[10:]]))
    scores = couple_scores(cast, [h.romantic for h in scan(cast.refs)])
    assert scores and set(scores[0].pair) == {"Rupert", "Teuta"}


def test_four_name_words_in_a_row_are_no_full_name():
    paras = [
        "Roger Hamley rode home. Roger was tired, and he slept.",
        "Osborne Hamley came in. Osborne laughed, and he sat down.",
        "The baby was christened Roger Stephen Osborne Hamley in the church.",
        "The little Roger Stephen Osborne Hamley cried. Roger Hamley held him.",
        "Osborne Hamley smiled; Osborne was glad, and he said so.",
    ]
    cast = build_cast(prose([paras]))
    assert cast.resolve("Roger") != cast.resolve("Osborne")


def test_the_girl_is_the_one_named_later_as_the_girl():
    story = prose(
        [
            [
                "Gabriel Oak walked up the lane. A waggon came by, and the girl on it laughed.",
                "Gabriel watched the girl as she looked in her mirror, and he smiled.",
            ],
            [
                "Gabriel fell asleep in the hut. The young girl found him there, and his head "
                "was upon her lap when he woke.",
                "By making inquiries he found that the girl's name was Bathsheba Everdene.",
            ],
            [
                "Bathsheba Everdene came to the farm. Bathsheba spoke to Gabriel, and she smiled.",
                "The girl in the lane was someone else; Gabriel did not look at her.",
            ],
        ]
    )
    cast = build_cast(story)
    who = cast.resolve("Bathsheba")
    assert who is not None
    text = cast.refs[0].block.text
    first = [m for m in cast.mentions[0] if text[m.start : m.end] == "the girl"]
    assert first and first[0].who == who
    # after the chapter of the naming, "the girl" is nobody in particular again
    last = cast.mentions[len(cast.refs) - 1]
    assert all(m.who != who for m in last if m.how == "name")


def test_two_people_who_meet_once_without_love_are_no_couple():
    # a short public-domain screenplay (bench/data/screenplays, CC BY 4.0, see THIRD_PARTY.md):
    # a climber and a guru, one scene together, no love on the page
    from pathlib import Path

    from dramaturg.read import read

    path = Path(__file__).parents[1] / "bench/data/screenplays/ASCENT_TO_GURU_PEAK.fountain"
    romance = analyze_romance(read(str(path)))
    assert romance.couple is None
    assert any(f.code == "ROM-NO-COUPLE" for f in romance.findings)


def _doctor_story(extra: str = ""):
    return prose(
        [
            [
                "Dr. Robin MacRae called this afternoon. Dr. MacRae is a tall Scot, and he "
                "frowned at the orphans.",
                "Sallie Brooke laughed at him. Sallie told Dr. MacRae that he was wrong.",
            ],
            [
                "Our doctor came again today, and the doctor and I argued about cod-liver oil. "
                "When our doctor is angry he drops into Scotch. My latest pet name for him "
                "(behind his back) is Sandy." + extra,
                "Sandy came to dinner. Sallie poured the tea for Sandy, and he was kind.",
            ],
            [
                "Sandy walked with Sallie. The doctor was quiet, and Sallie smiled at Sandy.",
                "Dr. MacRae and Sallie Brooke sat by the fire, and Sandy said nothing.",
            ],
        ]
    )


def test_the_doctor_is_the_one_doctor_and_a_pet_name_for_him_is_his():
    cast = build_cast(_doctor_story())
    who = cast.resolve("Dr. MacRae")
    assert who is not None
    assert cast.resolve("Sandy") == who
    text = cast.refs[2].block.text
    called = [m for m in cast.mentions[2] if text[m.start : m.end].lower() == "our doctor"]
    assert called and all(m.who == who for m in called)


def test_the_doctor_is_nobody_when_another_name_is_set_beside_the_noun():
    # "Mr. Hall the doctor": the calling is someone else's, not Dr. MacRae's
    cast = build_cast(_doctor_story(" Mr. Hall the doctor had been there before him."))
    who = cast.resolve("Dr. MacRae")
    text = cast.refs[2].block.text
    assert not [
        m
        for m in cast.mentions[2]
        if text[m.start : m.end].lower() == "the doctor" and m.who == who
    ]


def test_a_pet_name_shown_in_a_greeting_is_the_one_last_named():
    story = prose(
        [
            [
                "Dr. Robin MacRae called this afternoon. Dr. MacRae is a tall Scot, and he "
                "frowned at the orphans.",
                "Sallie Brooke laughed at him. Sallie told Dr. MacRae that he was wrong.",
            ],
            [
                "Dr. MacRae and I fought another battle, and since then I have adopted for our "
                'doctor a special pet name. "Good morning, Enemy!" was my greeting today.',
                "Enemy came to dinner, and Sallie poured the tea for Enemy. Enemy was kind.",
            ],
        ]
    )
    cast = build_cast(story)
    assert cast.resolve("Enemy") == cast.resolve("Dr. MacRae") is not None


def test_one_speech_broken_by_its_tag_has_one_listener():
    # '"Well, my pupil," said he, "I have found you again"': the second half is said to the
    # same person as the first, not to whoever spoke to him earlier in the scene
    story = prose(
        [
            [
                '"Good morning," said Zoraide Reuter to Hunsden. "You are early, Mr. Hunsden."',
                '"I am," said Hunsden. "I came for Zoraide Reuter."',
                "A week went by. Mina Evans sat by the window; Mina read, and Mina sang, and "
                "she laughed.",
                "The next day Mina Evans walked beside Hunsden in the garden; Mina was quiet, "
                "and Mina smiled at him, and she took his arm.",
                '"Well, my pupil," said Hunsden, "I have found you again."',
            ]
        ]
    )
    cast = build_cast(story)
    assert [q[3] for q in cast.quotes[4]] == ["Mina Evans", "Mina Evans"]


def test_a_pair_that_parts_while_one_goes_on_to_love_another_is_the_rivals():
    from types import SimpleNamespace as T

    from dramaturg.analyze.romance import _left_for_another

    fiancee = ("Carl", "Cornelia")
    heroine = ("Carl", "Molly")
    found = {
        fiancee: [T(kind="acceptance", g=10), T(kind="rejection", g=50)],
        heroine: [T(kind="first_meeting", g=20), T(kind="confession", g=60)],
    }
    assert _left_for_another(fiancee, found)  # type: ignore[arg-type]
    assert not _left_for_another(heroine, found)  # type: ignore[arg-type]
    # made up again after the parting: still theirs
    found[fiancee].append(T(kind="reconciliation", g=70))
    assert not _left_for_another(fiancee, found)  # type: ignore[arg-type]


def test_a_said_he_nobody_is_named_for_is_not_the_narrator():
    # "'Never.' ... 'I could not have believed it,' said he": her father has come in unnamed;
    # the turn after her line is not the "I" who tells the story (a "he" never is)
    story = prose(
        [
            [
                "I am Paul Manning. I walked to the farm, and I knocked, and I waited; I was "
                "tired, and I was cold.",
                "Phillis Holman opened the door. She smiled at me. She let me in, and she sat "
                "down by the fire.",
                "Phillis Holman was tall. She was quiet, and she read her book while I watched "
                "her.",
                '"Good day, Phillis," said I.',
                '"Never," said Phillis Holman.',
                '"I could not have believed it," said he, in a hard voice.',
            ]
        ]
    )
    cast = build_cast(story)
    assert cast.quotes[4][0][2] == "Phillis Holman"
    assert cast.quotes[5][0][2] not in ("Phillis Holman", cast.narrator)


def test_he_in_first_person_narration_is_never_the_narrator():
    # "he interrupted himself and stepped forwards, holding out his hand": in a book told
    # by Paul Manning, a "he" of the narration is someone else, however much Paul is in focus
    from dramaturg.analyze.coref import _pronoun, _words

    w = _words("en")
    focus = {"Paul Manning": 3.0, "Ebenezer Holman": 1.0}
    genders: dict[str, str | None] = {"Paul Manning": "m", "Ebenezer Holman": "m"}
    args = ("he", 0, 2, 0, None, [], [], [], focus, genders, w)
    assert _pronoun(*args).who == "Paul Manning"  # a third-person book: the one in focus
    told = _pronoun(*args, narrator="Paul Manning")
    assert told is not None and told.who == "Ebenezer Holman"


def test_he_in_another_speakers_speech_is_not_the_narrator_standing_by():
    # "'I loved him, father!' she said": Paul tells the book and is in the room, but the
    # speaker calls him "Paul"; her "him" is the man away, never the teller
    from dramaturg.analyze.coref import _pronoun, _words

    w = _words("en")
    focus = {"Paul Manning": 3.0, "Edward Holdsworth": 1.0}
    genders: dict[str, str | None] = {"Paul Manning": "m", "Edward Holdsworth": "m"}
    quotes = [(0, 20, "Phillis Holman")]
    args = ("him", 9, 12, 0, 0, quotes, ["Ebenezer Holman"], [], focus, genders, w)
    assert _pronoun(*args).who == "Paul Manning"  # no teller: the one in focus
    told = _pronoun(*args, narrator="Paul Manning")
    assert told is not None and told.who == "Edward Holdsworth"


def _unnamed_teller():
    # a first-person book that never names its "I"; the others call him "sire"
    return prose(
        [
            [
                "I rode into the town at dusk, and I was tired; I left my horse at the inn.",
                "Flavia Strel was at the window. She looked down at me, and she smiled.",
                '"Good evening," said I.',
                '"Good evening, sire," said Flavia Strel. "You are late, sire."',
                '"I am," said I.',
                '"Come in, sire," said Flavia Strel.',
                "I went in, and I sat with Flavia Strel by the fire, and I loved her.",
                '"I love you," said I to Flavia Strel, and I kissed her.',
            ]
        ]
    )


def test_an_unnamed_narrator_is_a_lead_and_his_sex_is_what_others_call_him():
    from dramaturg.analyze.romance import analyze_romance

    story = _unnamed_teller()
    cast = build_cast(story)
    assert cast.narrator is not None
    assert cast.members[cast.narrator].gender == "m"  # "sire", three times to his face
    assert analyze_romance(story).couple is not None
    assert set(analyze_romance(story).couple) == {cast.narrator, "Flavia Strel"}


def test_a_name_inside_a_longer_name_is_not_the_bare_name():
    from dramaturg.read.prose_cast import _bare_mentions

    text = "They saw King Rudolf drink. Rudolf laughed. Then Rudolf Rassendyll came."
    # "King Rudolf" and "Rudolf Rassendyll" are other names; sentence starts stay bare
    assert _bare_mentions("Rudolf", text) == 1


def test_a_friends_first_touch_weighs_less_than_a_declaration(monkeypatch):
    # "He took my arm affectionately": the friend on every page crosses a first touch, the
    # heroine a declaration; a first touch is half a sign (it is often a handshake)
    from types import SimpleNamespace as T

    import dramaturg.analyze.romance as romance
    from dramaturg.analyze.cast_model import CoupleScore

    friend = CoupleScore(("I", "Ukridge"), 100, 100, 20, 0.5, 5, 100.0)
    heroine = CoupleScore(("I", "Phyllis"), 40, 40, 9, 0.2, 2, 60.0)
    found = {
        friend.pair: [T(kind="first_touch", g=90, confidence=0.85)],
        heroine.pair: [T(kind="confession", g=60, confidence=0.7)],
    }
    monkeypatch.setattr(romance, "find_thresholds", lambda cast, hits, pair, lang: found[pair])
    members = {
        "I": T(gender="m", blocks=[1]),
        "Ukridge": T(gender="m", blocks=[1]),
        "Phyllis": T(gender="f", blocks=[1]),
    }
    cast = T(members=members, narrator=None)
    assert romance._choose(cast, [], [friend, heroine], "en") == ("I", "Phyllis")


def test_a_line_tagged_by_what_someone_is_is_not_the_next_turn():
    # "'I could not have believed it,' said her father": he has come in; the line is his,
    # not the reply of the one who spoke before
    story = prose(
        [
            [
                "Mina Evans sat by the window. Mina read, and Mina sang, and she laughed.",
                "Joon Park came in. Joon sat down, and Joon smiled, and he was quiet.",
                '"Good evening, Mina," said Joon.',
                '"Good evening, Joon," said Mina.',
                '"I could not have believed it," said her father, in a hard voice.',
            ]
        ]
    )
    cast = build_cast(story)
    assert cast.quotes[3][0][2] is not None  # the exchange before it is attributed
    assert cast.quotes[4][0][2] not in ("Joon", "Mina", "Joon Park", "Mina Evans")


def test_a_wife_shares_his_name_as_lady_or_mrs_a_daughter_as_miss():
    from types import SimpleNamespace as T

    from dramaturg.analyze.cast_model import _shared_name

    percy = T(name="Percy Blakeney", aliases={"Sir Percy", "Sir Percy Blakeney"}, gender="m")
    wife = T(name="Marguerite", aliases={"Lady Blakeney"}, gender="f")
    walter = T(name="Walter Elliot", aliases={"Sir Walter Elliot"}, gender="m")
    daughter = T(name="Anne Elliot", aliases={"Miss Anne Elliot", "Anne"}, gender="f")
    stranger = T(name="Mina Evans", aliases=set(), gender="f")
    assert _shared_name(percy, wife) == 0.5  # his wife, or his mother: the thresholds decide
    # a wife the text also names by her first name and his surname is still his wife
    wed = T(name="Marguerite Blakeney", aliases={"Lady Blakeney", "Marguerite"}, gender="f")
    assert _shared_name(percy, wed) == 0.5
    sister = T(name="Jane Blakeney", aliases={"Miss Blakeney", "Lady Blakeney"}, gender="f")
    assert _shared_name(percy, sister) == 0.15  # "Miss": a daughter or a sister
    assert _shared_name(walter, daughter) == 0.15  # kin
    assert _shared_name(percy, stranger) == 1.0


def test_a_people_is_no_character() -> None:
    # "the Germans", "an Englishman": a nationality, however often capitalised
    paras = [
        "The Germans came over the hill at dawn. Lys watched the Germans from the wall.",
        "The Germans fired twice, and the Englishman beside her fell. Germans were everywhere.",
        "She ran to Bowen, and Bowen took her hand. The Germans did not see them go.",
    ] * 3
    cast = build_cast(prose([paras]))
    assert "Germans" not in cast.members
    assert "Englishman" not in cast.members


def test_a_name_said_to_the_narrator_that_is_a_relatives_or_another_familys() -> None:
    from dramaturg.read.prose_cast import _Forms, _kin_of

    forms = _Forms()
    for name in ("Paul Manning", "Paul", "John Manning", "Phillis Holman", "Brother Holman"):
        forms.add(name)
    forms.union("Paul Manning", "Paul")
    # the narrator's father, by his first and family name
    assert _kin_of("John Manning", "Paul", forms)
    # the minister, by the family name the heroine bears in full
    assert _kin_of("Brother Holman", "Paul", forms)
    # the narrator's own names
    assert not _kin_of("Paul Manning", "Paul", forms)
    assert not _kin_of("Mr Manning", "Paul", forms)


def _housekeeper(extra: list[str] | None = None):
    # a first-person book whose "I" is a housekeeper telling of two others' love; the
    # master calls her "sir"-less names, the visitor "sir" is said to another "I"
    paras = [
        "I am Nelly Dean, and I kept the house. Catherine Earnshaw came in from the moor.",
        '"Nelly, where is Heathcliff?" said Catherine Earnshaw.',
        '"In the barn, miss," said I. "Go on, sir," I said to the doctor, "she is well."',
        '"Thank you, sir," said I to the doctor. "Good night, sir."',
    ]
    for _ in range(5):
        paras += [
            "Heathcliff came to the door, and Catherine ran to him. He took her hand in his, "
            "and she kissed him; she loved him, and he loved her.",
            '"I love you, Catherine," said Heathcliff. "My darling," said Catherine Earnshaw.',
            "I watched them from the kitchen, and I said nothing; I went on with my bread.",
            '"Nelly, bring the tea," said Heathcliff. "Yes," said I, and I brought it to him.',
        ]
    return prose([paras[:14], paras[14:]] + ([extra] if extra else []))


def test_a_named_i_takes_the_sex_of_her_first_name_and_an_observer_is_no_lover():
    from dramaturg.analyze.romance import analyze_romance

    story = _housekeeper()
    cast = build_cast(story)
    assert cast.narrator is not None and cast.narrator.startswith("Nelly")
    assert cast.members[cast.narrator].gender == "f"  # "sir" was said to the doctor
    couple = analyze_romance(story).couple
    assert couple is not None and set(couple) == {"Heathcliff", "Catherine Earnshaw"}


def test_she_kissed_me_is_no_kiss_of_the_man_named_after_it():
    from dramaturg.analyze.events import between, find_events

    story = prose(
        [
            [
                "I am Nelly Dean, and I kept the house. I was baking in the kitchen.",
                '"Nelly!" said Heathcliff. "Nelly, come here."',
                "Heathcliff was a tall man, and he was dark; he stood by the fire, and he waited.",
                "She kissed me gently, and then she looked round for Heathcliff.",
            ]
        ]
    )
    cast = build_cast(story)
    kisses = [e for e in find_events(cast) if e.kind == "kiss"]
    assert kisses  # "kissed me"
    assert cast.narrator is not None
    assert not between(kisses, cast, (cast.narrator, "Heathcliff"))


def test_a_diminutive_with_the_surname_is_the_full_name():
    # "Jem Wilson" is James Wilson (English diminutives, text/en/diminutives.toml); "Jack
    # Carson" is nobody's James
    paras = [
        "Jem Wilson came to the door. Jem Wilson was tall, and he smiled at her.",
        "At the trial they called James Wilson. James Wilson stood up, and he was pale.",
        "Jem Wilson went home. His father sat by the fire and he slept.",
        "Jack Carson laughed at him. Jack Carson was rich, and he rode away.",
        "Mary Barton wept. Mary Barton loved Jem Wilson, and she said so.",
    ]
    cast = build_cast(prose([paras]))
    jem = cast.resolve("Jem Wilson")
    assert jem is not None and cast.resolve("James Wilson") == jem
    assert cast.resolve("Jack Carson") not in (None, jem)


def test_the_pair_the_story_takes_somewhere_beats_an_observer_four_times_as_often_together(
    monkeypatch,
):
    # a narrator cousin on every page with the heroine (no touch, no confession between them)
    # and the man she loves, on a quarter of the pages, who takes her hand and says he loves
    # her: being together counts for little beside what the two go through
    from types import SimpleNamespace

    import dramaturg.analyze.romance as romance
    from dramaturg.analyze.cast_model import CoupleScore

    observer = CoupleScore(("Paul", "Phillis"), 40, 20, 30, 1.0, 5, 4.0)
    lover = CoupleScore(("Phillis", "Edward"), 10, 5, 8, 1.0, 2, 1.0)
    met = {("Paul", "Phillis"): [], ("Phillis", "Edward"): ["first_touch", "confession"]}
    monkeypatch.setattr(
        romance,
        "find_thresholds",
        lambda cast, hits, pair, lang: [
            SimpleNamespace(kind=k, confidence=0.85 if k == "first_touch" else 0.7, g=i)
            for i, k in enumerate(met[pair])
        ],
    )
    people = {
        n: SimpleNamespace(gender=g) for n, g in [("Paul", "m"), ("Phillis", "f"), ("Edward", "m")]
    }
    cast = SimpleNamespace(members=people)
    assert romance._choose(cast, [], [observer, lover], "en") == ("Phillis", "Edward")


def _paul_and_phillis(*lines: str, friend: bool = True):
    opening = [
        "I am Paul Manning. I walked to the farm, and I knocked, and I waited; I was "
        "tired, and I was cold.",
        "Phillis Holman opened the door. She smiled at me. She let me in, and she sat down.",
        "Phillis Holman was tall. She was quiet, and she read her book while I watched her.",
        "Edward Holdsworth came in. Edward Holdsworth was my friend; Edward Holdsworth bowed "
        "to Phillis Holman, and he sat down by the fire, and he looked at her.",
    ]
    return build_cast(prose([(opening if friend else opening[:3]) + list(lines)]))


def test_a_he_after_a_relative_named_by_kin_is_not_the_last_man_named():
    # "my father learned the points of a cow. He had his little book": the father, whom the
    # cast does not name, not Holdsworth, who was named before him
    cast = _paul_and_phillis(
        "My father looked at the cattle. He had his little book in his pocket, and he wrote.",
    )
    text = cast.refs[4].block.text
    he = [m for m in cast.mentions[4] if text[m.start : m.end].lower() in ("he", "his")]
    assert he and all(m.who is None for m in he)
    cast = _paul_and_phillis("The minister looked at the cattle. He had his little book.")
    text = cast.refs[4].block.text
    assert [m.who for m in cast.mentions[4] if text[m.start : m.end] == "He"] == [None]
    # without the relative, the "he" is the man in focus
    cast = _paul_and_phillis("He had his little book in his pocket, and he wrote.")
    text = cast.refs[4].block.text
    assert [m.who for m in cast.mentions[4] if text[m.start : m.end] == "He"] == [
        "Edward Holdsworth"
    ]


def test_speech_to_a_relative_not_named_has_no_listener():
    # "'I loved him, father!'": spoken to her father, whom the cast does not name, not to
    # Paul, who spoke to her last; the same speech runs on to the same listener
    cast = _paul_and_phillis(
        '"Good day, Phillis," said I.',
        '"I loved him, father!" said Phillis Holman. "Had he ever spoken of love to you?"',
        friend=False,
    )
    assert cast.quotes[3][0][2] == cast.narrator
    (_, _, sp, li), (_, _, sp2, li2) = cast.quotes[4]
    assert (sp, li, sp2, li2) == ("Phillis Holman", None, "Phillis Holman", None)


def test_the_unnamed_voice_of_a_quote_has_the_sex_of_its_tag():
    from dramaturg.analyze.coref import voice_gender

    text = '"I could not have believed it," said he. "Paul! I was unjust to you."'
    first = text.index('"I could') + 1
    second = text.index("Paul")
    quotes = [(first, text.index('," said'), None, None), (second, len(text) - 1, None, None)]
    assert voice_gender(text, quotes, second) == "m"
    assert voice_gender(text, [(first, quotes[0][1], "Paul", None), quotes[1]], second) is None


def test_an_act_on_a_third_person_is_not_the_narrators_in_his_own_book():
    # "Phillis ... with her hand on his shoulder": in Paul's book the "his" left unresolved
    # is another man's shoulder, though Paul is named in the sentence
    from dramaturg.analyze.events import between, find_events

    cast = _paul_and_phillis(
        "While I listened, Phillis Holman sat by the minister, with her hand on his shoulder.",
        friend=False,
    )
    touches = [e for e in find_events(cast, "en") if e.kind in ("touch", "hand_hold")]
    assert touches
    assert cast.narrator and not between(touches, cast, (cast.narrator, "Phillis Holman"))


def test_a_long_run_of_capitals_in_an_action_line_is_read_in_linear_time():
    # a name was tried at every capital of the run before "'s" ("AAAA...A's"): quadratic,
    # a minute at 35,000 capitals (found by bench/fuzz.py, analyze-fountain)
    from dramaturg.analyze.cast import build_cast
    from dramaturg.analyze.cast_model import introductions
    from dramaturg.read.fountain import parse

    text = (
        "INT. KITCHEN - DAY\n\nJOE sits. Joe's wife, KATE, comes in with his son "
        + "A" * 40_000
        + "\n\n"
        "JOE\nMorning.\n\nKATE\nMorning, Joe.\n"
    )
    found = introductions(build_cast(parse(text, "x.fountain")))
    assert frozenset(("JOE", "KATE")) in found.spouses


def test_two_given_names_with_the_comma_lost_are_no_full_name():
    # "a bow to Anna Paul left": Anna, then Paul, written once without the comma between;
    # "Paul" is Paul Lee ("Mr. Paul" to the maids), and Anna is not "Anna Paul"
    paras = [
        "Paul Lee rode to the farm. Paul Lee was young, and he was rich.",
        "Anna met him at the gate. Anna was shy, and she smiled at him.",
        "With a good-bye and a bow to Anna Paul left the farm.",
        "The maids liked Mr. Paul. Mr. Paul was kind to them, and Mr. Paul paid them well.",
        "Anna ran to the window. Anna saw Paul Lee ride by, and she blushed.",
    ]
    cast = build_cast(prose([paras]))
    anna, paul = cast.resolve("Anna"), cast.resolve("Paul Lee")
    assert anna is not None and paul is not None and anna != paul
    assert anna == "Anna" and cast.resolve("Paul") == paul
