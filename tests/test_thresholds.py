"""Thresholds of the couple: located, sized, judged against the draft's own pace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dramaturg.analyze.romance import analyze_romance
from romance_helpers import prose, script
from shared_data import SHARED_DATA

NOVELS = SHARED_DATA / "novels"
# the couple meets, and he is a man on the page: the opening of most stories below
_MEETING = "Mina met Joon at the bus stop; they were introduced by her aunt, and Mina smiled."
_LOOK = "Joon looked at Mina for a long moment, and he smiled. She blushed and looked away."


def _story():
    return prose(
        [
            [
                _MEETING,
                "Joon looked at Mina for a long moment. She blushed and looked away.",
            ],
            [
                "It rained. Joon held the umbrella over Mina, and she walked close to him.",
                "Joon took her hand. Mina kissed him.",
            ],
            [
                'Mina said, "I love you," and Joon wept. Her heart was his, tender and afraid, '
                "and the silence after the words held them both. Joon could not speak. Mina "
                "waited, trembling, her eyes on his face, her breath caught in her throat.",
                "Joon held her close, his arms around her. Mina laughed through her tears.",
            ],
        ]
    )


def test_thresholds_found_in_story_order_with_location():
    r = analyze_romance(_story(), couple=("Mina", "Joon"))
    kinds = [t.kind for t in r.thresholds]
    for k in ("first_meeting", "first_touch", "hand_hold", "kiss", "confession", "embrace"):
        assert k in kinds
    kiss = r.first("kiss")
    assert kiss is not None and kiss.evidence.line == 7 and kiss.evidence.part == 2
    assert "Mina kissed him." in kiss.evidence.quote


def test_moment_size_counts_words_sentences_paragraphs():
    r = analyze_romance(_story(), couple=("Mina", "Joon"))
    confession = r.first("confession")
    assert confession is not None
    assert confession.paragraphs >= 1 and confession.sentences >= 3 and confession.words > 20


def test_rushed_kiss_is_a_finding_with_suggestion():
    r = analyze_romance(_story(), couple=("Mina", "Joon"))
    rushed = [f for f in r.findings if f.code == "ROM-RUSHED"]
    assert any(f.data["kind"] in ("kiss", "hand_hold", "first_touch") for f in rushed)
    assert all(f.suggestion and f.where and f.where.quote for f in rushed)


def test_threshold_never_reached_is_a_finding():
    story = prose([["Mina met Joon at the bus stop. Mina smiled at Joon, and he nodded."]] * 3)
    r = analyze_romance(story, couple=("Mina", "Joon"))
    missing = {f.data["kind"] for f in r.findings if f.code == "ROM-UNREACHED"}
    # no proposal on the page: nothing waits for an acceptance
    assert "confession" in missing and "acceptance" not in missing


def test_an_unanswered_proposal_wants_an_acceptance_and_a_married_couple_none():
    from dramaturg.analyze.thresholds import unreached_findings

    r = analyze_romance(_story(), couple=("Mina", "Joon"))
    proposal = r.thresholds[0].__class__(**{**_fields(r.thresholds[0]), "kind": "proposal"})
    kinds = {f.data["kind"] for f in unreached_findings([proposal], ("Mina", "Joon"), None)}
    assert "acceptance" in kinds
    # the cited moment is the last threshold they reach
    found = unreached_findings([proposal], ("Mina", "Joon"), None)
    assert all(f.evidence == [proposal.evidence] for f in found)
    married = unreached_findings([proposal], ("Mina", "Joon"), None, married=True)
    assert not {"confession", "acceptance"} & {f.data["kind"] for f in married}


def _fields(obj):
    return {f: getattr(obj, f) for f in obj.__dataclass_fields__}


def test_script_kiss_in_action_line():
    story = script(
        [
            [
                (None, "MINA waits at the bus stop. JOON runs in, soaked."),
                ("JOON", "Sorry. I'm late."),
                ("MINA", "You're always late, Joon."),
                (None, "He leans in and kisses her."),
            ]
        ]
    )
    r = analyze_romance(story, couple=("MINA", "JOON"))
    assert "kiss" in [t.kind for t in r.thresholds]


def test_threshold_records_for_other_analyses():
    r = analyze_romance(_story(), couple=("Mina", "Joon"))
    recs = r.threshold_records()
    assert recs and all(rec.scene_index >= 0 and rec.part_index >= 0 for rec in recs)


def test_slow_burn_profile_gives_percent_and_part():
    d = analyze_romance(_story(), couple=("Mina", "Joon")).to_dict()
    assert 0 <= d["slow_burn"]["kiss"]["percent"] <= 100
    assert d["slow_burn"]["kiss"]["part"] == 2


def _collapsed_from(path: Path, line: int) -> str:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return re.sub(r"\s+", " ", " ".join(lines[line - 1 : line + 40]))


@pytest.mark.skipif(not NOVELS.exists(), reason="shared novels not available")
def test_every_quote_stands_at_its_line_in_a_real_novel():
    from dramaturg.read import read

    path = NOVELS / "persuasion.txt"
    d = analyze_romance(read(path)).to_dict()
    assert d["thresholds"] and d["moments"]
    items = d["thresholds"] + d["moments"] + [f for f in d["findings"] if f["line"]]
    for item in items:
        region = _collapsed_from(path, item["line"])
        assert item["quote"] in region[: len(item["quote"]) + 400], (item["line"], item["quote"])


def _kinds(story, couple=("Mina", "Joon")):
    return [t.kind for t in analyze_romance(story, couple=couple).thresholds]


def test_a_creature_in_his_arms_is_no_embrace():
    story = prose(
        [
            [
                _MEETING,
                "Joon came in with the little cat in his arms, and Mina laughed at it.",
            ]
        ]
    )
    assert "embrace" not in _kinds(story)


def test_words_of_someone_the_tag_only_describes_are_not_the_couples():
    # "said the stranger": whoever she is, the text does not make her Mina
    story = prose(
        [
            [
                _MEETING,
                '"Will you take this coin?" Joon asked.',
                '"Yes, I will take it," said the stranger gratefully.',
            ]
        ]
    )
    assert "acceptance" not in _kinds(story)


def test_words_that_do_what_they_want_to_are_said():
    # "I want to bid you good-bye", said to her face, bids it: no wish, a parting
    story = prose(
        [
            [
                _MEETING,
                "Joon took her hand at the gate.",
            ],
            [
                '"Mina," said Joon, "I want to bid you good-bye."',
                "Mina said nothing, and Joon walked away down the hill.",
            ],
        ]
    )
    assert "breakup" in _kinds(story)


def test_a_hand_offered_to_help_her_in_is_a_touch_not_a_proposal():
    story = prose(
        [
            [
                _MEETING,
                "At the carriage Joon offered her his hand on getting in, and Mina took it.",
            ]
        ]
    )
    kinds = _kinds(story)
    assert "first_touch" in kinds and "proposal" not in kinds


def test_a_wish_about_him_and_an_act_done_to_others_are_no_refusal():
    story = prose(
        [
            [
                _MEETING,
                '"For his own sake, I would not have Joon do so mad a thing," said Mina.',
                "Joon said that he could not marry them, the two old friends of his father.",
            ]
        ]
    )
    assert "rejection" not in _kinds(story)


def test_an_engagement_that_ended_is_no_acceptance():
    story = prose(
        [
            [
                _MEETING,
                "Joon had, very soon after their engagement ceased, gone to sea with Mina's cousin.",
            ]
        ]
    )
    assert "acceptance" not in _kinds(story)


def test_i_cant_have_you_so_is_no_refusal():
    story = prose(
        [
            [
                _MEETING,
                '"Now, Joon, I can\'t have you democratic," said Mina.',
            ]
        ]
    )
    assert "rejection" not in _kinds(story)


def test_a_letters_own_words_are_its_writer_to_the_one_it_is_written_to():
    from dramaturg.read.prose import parse

    filler = " ".join(["I studied all week and walked by the river with Sallie after supper."] * 8)
    letters = [
        f"                              {n} May\n\nDear Daddy-Long-Legs,\n\n{filler}\n\n"
        "      Yours ever,\n            Judy\n\n\n"
        for n in range(1, 7)
    ]
    last = (
        "                              7 May\n\nMy Very Dearest Master-Daddy-Long-Legs Smith,\n\n"
        f"{filler}\n\nWe belong to each other now, really and truly.\n\n"
        "      Yours ever,\n            Judy\n"
    )
    story = parse("".join(letters) + last, "letters.txt")
    r = analyze_romance(story, couple=("Judy", "Daddy-Long-Legs"))
    assert "acceptance" in [t.kind for t in r.thresholds]


def test_yes_i_will_tell_you_is_no_acceptance_and_a_described_doer_is_nobody_of_the_couple():
    story = prose(
        [
            [
                _MEETING,
                '"Yes, I will tell you the trouble," said Mina to Joon.',
                "Mina sat with Joon until your doctor came and sent me away.",
            ]
        ]
    )
    kinds = _kinds(story)
    assert "acceptance" not in kinds and "rejection" not in kinds


def test_i_love_you_for_sending_me_thanks_and_does_not_declare():
    story = prose(
        [
            [
                _MEETING,
                '"I love you for sending me the books," Mina said to Joon.',
            ]
        ]
    )
    assert "confession" not in _kinds(story)


def test_a_gesture_after_a_rupture_mends_it():
    story = prose(
        [
            [
                _MEETING,
                "Mina refused Joon. Joon went away angry, and Mina wept alone.",
            ],
            [
                "A week later Joon came back to the shop, and Mina looked up at him.",
                "Joon took Mina's hand without a word, and Mina let it stay there.",
            ],
        ]
    )
    kinds = _kinds(story)
    assert kinds.index("rejection") < kinds.index("reconciliation")


def test_a_meeting_is_with_whoever_is_there_and_talk_of_him_is_no_meeting():
    story = prose(
        [
            [
                '"Roger is coming home, Molly," said Mr. Gibson. "Molly, you will like Roger."',
                '"I hope Roger will like me," said Molly to Mr. Gibson. "Is Roger kind?"',
                '"Roger is the kindest of sons, Molly," said Mr. Gibson.',
            ],
            [
                "Molly thought of Roger Hamley as she dressed for dinner.",
                "She went down to the hall, and half put out her hand to shake hands with "
                "one of whom she had heard so much; the young man only bowed.",
                "Roger spoke of the weather, and Molly answered him shortly.",
            ],
            [
                "Roger gave Molly a book of flowers, and Molly kissed Roger at the gate.",
            ],
        ]
    )
    romance = analyze_romance(story, ("Molly", "Roger"))
    meeting = next(t for t in romance.thresholds if t.kind == "first_meeting")
    assert "shake hands" in meeting.evidence.quote


def test_a_third_persons_talk_of_their_love_is_no_confession():
    story = prose(
        [
            [
                "Elinor was introduced to Edward Ferrars at Norland by Fanny.",
                "Edward walked with Elinor in the garden, and Elinor smiled at him.",
            ],
            [
                "Marianne sat with Elinor by the fire, and Marianne looked at her sister.",
                '"Four months!--and yet you loved Edward!" said Marianne. Elinor said nothing.',
            ],
            [
                '"Will you marry me, Elinor?" said Edward at last. Elinor took his hand.',
            ],
        ]
    )
    kinds = _kinds(story, ("Elinor", "Edward"))
    assert "proposal" in kinds and "confession" not in kinds


def test_a_feeling_the_narrator_tells_is_no_declaration():
    story = prose(
        [
            [
                "Valancy was introduced to Barney Snaith at the store by her cousin.",
                "Barney drove Valancy home, and Valancy laughed at his jokes.",
            ],
            [
                "Valancy sat alone in her room. She knew quite well now that she loved Barney.",
            ],
            [
                '"Will you marry me, Valancy?" said Barney at last. Valancy took his hand.',
            ],
        ]
    )
    kinds = _kinds(story, ("Valancy", "Barney"))
    assert "proposal" in kinds and "confession" not in kinds


def test_his_hand_on_mine_is_the_two_of_them():
    from dramaturg.analyze.events import find_events

    story = prose(
        [
            [
                "I was introduced to Mr. Weston at the church door by the rector.",
                "Mr. Weston walked beside me to the gate, and I said little.",
            ],
            [
                "Mr. Weston and I walked along the sands in the morning sun. He laid his hand "
                "on mine, that rested on his arm, and I did not draw it away.",
            ],
        ]
    )
    romance = analyze_romance(story, ("Narrator", "Weston"))
    holds = [e for e in find_events(romance.cast) if e.kind == "hand_hold"]
    # the hand's owner lays it on the one "mine" stands for: both of them, not him alone
    assert holds and holds[0].parties() == frozenset(romance.couple)


def test_if_i_only_knew_whether_you_would_marry_me_asks_her():
    story = prose(
        [
            [
                "Bathsheba was introduced to Gabriel Oak at the farm by her aunt.",
                "Gabriel worked for Bathsheba all that year, and Bathsheba trusted him.",
            ],
            [
                'Gabriel looked at Bathsheba. "Bathsheba," he said, "if I only knew one '
                "thing--whether you would\nallow me to marry you after all--if I only knew "
                'that!"',
            ],
        ]
    )
    kinds = _kinds(story, ("Bathsheba", "Gabriel"))
    assert "proposal" in kinds
    # a supposition stays one
    story2 = prose(
        [
            [
                "Bathsheba was introduced to Gabriel Oak at the farm by her aunt.",
                "Gabriel worked for Bathsheba all that year, and Bathsheba trusted him.",
            ],
            [
                'Gabriel looked at Bathsheba. "If you would marry me, Bathsheba, I should be '
                'glad," he said, "but you would not."',
            ],
        ]
    )
    kinds2 = _kinds(story2, ("Bathsheba", "Gabriel"))
    assert "proposal" not in kinds2


def test_words_remembered_in_the_past_perfect_are_no_new_declaration():
    filler = ["Valancy worked in the garden, and Barney mended the boat all day."] * 6
    story = prose(
        [
            [
                "Valancy was introduced to Barney Snaith at the store by her cousin.",
                '"I love you, Valancy," said Barney at the gate.',
            ],
            filler,
            filler,
            [
                'Valancy sat alone and thought of the night before. Barney had said, "I love '
                'you, Valancy," and then nothing more.',
            ],
        ]
    )
    found = analyze_romance(story, ("Valancy", "Barney")).thresholds
    confessions = [t for t in found if t.kind == "confession"]
    assert len(confessions) == 1 and "gate" in confessions[0].evidence.quote


def test_yes_i_love_you_but_i_will_never_marry_you_refuses():
    story = prose(
        [
            [
                "Mara was introduced to Eric Marsh at the orchard gate by her uncle.",
                "Eric walked with Mara in the orchard, and Mara smiled at him.",
            ],
            [
                '"Mara, will you marry me?" said Eric.',
                '"Yes, I do love you, but I will never marry you," said Mara.',
            ],
        ]
    )
    kinds = _kinds(story, ("Mara", "Eric"))
    assert "proposal" in kinds and "rejection" in kinds and "acceptance" not in kinds


def test_a_kiss_after_a_creature_in_her_arms_is_the_creatures_and_the_hand_i_offered_is_ours():
    from dramaturg.analyze.events import find_events

    story = prose(
        [
            [
                "I was introduced to Mr. Weston at the church door by the rector.",
                "Mr. Weston walked beside me to the gate, and I said little.",
            ],
            [
                "A dog came frisking to my feet. I caught the little creature in my arms, and "
                "kissed him repeatedly. Mr. Weston came up the sands behind him.",
                '"Your dog remembers you well," said he, warmly grasping the hand I offered him.',
            ],
        ]
    )
    romance = analyze_romance(story, ("Narrator", "Weston"))
    events = find_events(romance.cast)
    kiss = [e for e in events if e.kind == "kiss"]
    assert kiss and all(romance.couple[1] not in e.parties() for e in kiss)
    hands = [e for e in events if e.kind == "hand_hold"]
    assert hands and hands[0].parties() == frozenset(romance.couple)


def test_perhaps_supposes_but_a_perhaps_set_off_by_commas_only_hedges():
    from dramaturg.analyze.events import find_events

    story = prose(
        [
            [
                "Catherine was introduced to Henry Tilney at the rooms by the master of ceremonies.",
                '"You should not think so much of Henry Tilney," said Catherine, "for perhaps I '
                'may never see him again."',
                "Catherine and Henry were, perhaps, more happy in their re-union than before.",
            ],
        ]
    )
    romance = analyze_romance(story, ("Catherine", "Henry"))
    events = {e.kind: e for e in find_events(romance.cast)}
    assert events["breakup"].hypothetical
    assert not events["reconciliation"].hypothetical


def _filler(n: int, who: str = "Mina") -> str:
    """About ``n`` words of quiet narration about ``who`` (ten words a sentence)."""
    return " ".join(f"{who} walked along the grey wall of the old garden." for _ in range(n // 10))


def test_a_moment_is_about_a_page_and_does_not_run_past_it():
    # build-up of 200 words, the confession, 250 words after: a page is the build-up and the
    # confession; taking the aftermath too would make it more than a page and a half
    story = prose(
        [
            [
                "Mina met Joon at the bus stop; they were introduced by her aunt.",
                "Joon looked at Mina. " + _filler(200),
                'Mina said to Joon, "I love you." Joon wept, and she held his hand.',
                _filler(250, "Joon"),
            ]
        ]
    )
    confession = analyze_romance(story, couple=("Mina", "Joon")).first("confession")
    assert confession is not None
    assert 150 <= confession.words <= 400


def test_inside_a_paragraph_of_pages_the_moment_is_the_sentences_around_it():
    long = _filler(600) + ' Mina said to Joon, "I love you." ' + _filler(600, "Joon")
    story = prose([["Mina met Joon at the bus stop; they were introduced by her aunt.", long]])
    confession = analyze_romance(story, couple=("Mina", "Joon")).first("confession")
    assert confession is not None
    assert 150 <= confession.words <= 450 < len(long.split())


def test_led_him_to_pursue_is_no_touch_but_led_her_to_the_door_is():
    made = prose(
        [[_MEETING, "Mina walked with Joon, as the business of the farm led him to take her road."]]
    )
    assert "first_touch" not in _kinds(made)
    moved = prose([[_MEETING, "Mina walked with Joon, and Joon led her to the door."]])
    assert "first_touch" in _kinds(moved)


def test_i_did_not_know_how_much_i_cared_for_you_declares():
    said = '"I didn\'t suspect how much I cared for you till today," Mina said to Joon.'
    assert "confession" in _kinds(prose([[_MEETING, said]]))
    denied = '"I don\'t care for you," Mina said to Joon.'
    assert "confession" not in _kinds(prose([[_MEETING, denied]]))


def test_i_took_a_first_kiss_from_her_lips_is_his_kiss_to_her():
    kiss = "Joon drew Mina nearer; he took a first kiss from her lips, and they were silent."
    assert "kiss" in _kinds(prose([[_MEETING, _LOOK, kiss]]))


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Joon took both her hands, and Mina let him.", "hand_hold"),
        ("Mina threw herself into his arms, and Joon held her.", "embrace"),
        ("Mina gave Joon the birthday kiss, and he laughed.", "kiss"),
        ('"I cannot give you the love you want," Mina said to Joon.', "rejection"),
        ('"You\'ve made me love you," Mina said to Joon.', "confession"),
        ("Joon caught both hands, and Mina let him.", "hand_hold"),
        ('"Say you will be mine!" Joon said to Mina.', "proposal"),
        ('"I am going away, and you must not follow me," Mina said to Joon.', "breakup"),
        ("Joon put his arm impulsively about Mina and drew her close.", "embrace"),
        ("Joon took her slender hands in his, and Mina smiled.", "hand_hold"),
        # a part of her after "her" is her, kissed on the mouth
        ("Joon bent to Mina and kissed her red, trembling mouth.", "kiss"),
        ("Mina put a small hand on his arm, and Joon stood still.", "first_touch"),
        ("Joon bent and kissed each palm, and Mina let him.", "kiss"),
        ('"I had loved you ever since you got into my cab," Joon said to Mina.', "confession"),
        # a relative clause closed by its comma supposes and denies only itself
        (
            "With an impulse of tenderness which he could not control, Joon kissed Mina.",
            "kiss",
        ),
        ("Joon drew Mina to him, and their mouths met for the first time.", "kiss"),
        ("Joon stooped and kissed poor Mina, and she wept.", "kiss"),
        ('"I can never marry a poor clerk," Mina said to Joon.', "rejection"),
        ("Mina rushed into his arms, and Joon laughed.", "embrace"),
        ("Mina lost her temper with Joon and slapped his face.", "first_touch"),
        (
            "Joon sought her hand beneath the fur, pressing it in his, and Mina let him.",
            "hand_hold",
        ),
        # none of the embrace's older cue words ("arm", "embrace") is in it
        ("Mina flung herself on Joon's breast and wept.", "embrace"),
        ("Mina laid her head on Joon's shoulder and cried.", "embrace"),
        ("Joon walked on with his arm round her waist, and Mina let him.", "embrace"),
        ("Joon pressed warm kisses on her eyes, and Mina let him.", "kiss"),
        ("Joon bowed low to Mina and kissed her hand.", "kiss"),
        ('"I worship you," Joon said to Mina.', "confession"),
        # a declaration made by saying one's feelings have not changed; an offer made again
        ('"My affections and wishes are unchanged," Joon said to Mina.', "confession"),
        ("Joon told Mina that his feelings had not changed, and she wept.", "confession"),
        ("In the spring Joon renewed his offer to Mina.", "proposal"),
        ('"Please don’t come again," Mina said to Joon.', "breakup"),
        ('"We shall never see one another again," Mina said to Joon.', "breakup"),
        ("Joon bent, and he had found her lips at last; Mina did not pull away.", "kiss"),
    ],
)
def test_plain_wording_of_thresholds(line, kind):
    assert kind in _kinds(prose([[_MEETING, _LOOK, line]]))


def test_a_kiss_of_his_own_hand_to_her_is_no_kiss_between_them():
    wave = "From the road Joon kissed his hand to Mina, and he was gone."
    assert "kiss" not in _kinds(prose([[_MEETING, _LOOK, wave]]))


def test_a_ring_slipped_on_her_finger_is_an_acceptance_between_them():
    from dramaturg.analyze.cast import build_cast
    from dramaturg.analyze.events import between, find_events

    ring = "Joon slipped the ring on Mina's finger, and Mina laughed."
    cast = build_cast(prose([[_MEETING, _LOOK, ring]]))
    events = between(find_events(cast), cast, ("Mina", "Joon"))
    assert any(e.kind == "acceptance" and e.g == 2 for e in events)


def test_how_to_ask_her_to_marry_him_is_deliberation_not_a_proposal():
    plan = "Joon and Mina talked of how to ask her to marry him without grieving her father."
    assert "proposal" not in _kinds(prose([[_MEETING, _LOOK, plan]]))
    asked = "Joon walked with Mina, and then he asked her to marry him."
    assert "proposal" in _kinds(prose([[_MEETING, _LOOK, asked]]))


def test_will_you_take_me_to_see_it_asks_for_a_walk_not_a_hand():
    walk = '"Will you take me to see the live-stock?" Mina said to Joon.'
    assert "proposal" not in _kinds(prose([[_MEETING, _LOOK, walk]]))
    asked = '"Will you take me, Joon?" Mina said to him, "as your wife?"'
    assert "proposal" in _kinds(prose([[_MEETING, _LOOK, asked]]))


def test_a_hand_held_out_of_his_grasp_is_kept_from_him():
    away = "Mina was too quick for Joon; she held her hand out of his grasp, and ran."
    assert "hand_hold" not in _kinds(prose([[_MEETING, _LOOK, away]]))
    held = "Joon walked with Mina, and he held her hand all the way home."
    assert "hand_hold" in _kinds(prose([[_MEETING, _LOOK, held]]))


def test_her_sisters_hand_kissed_is_not_hers():
    other = "Joon bent and kissed her sister's hand, and Mina watched."
    assert "kiss" not in _kinds(prose([[_MEETING, _LOOK, other]]))


def test_she_told_him_she_loved_another_man_is_no_confession_to_him():
    other = "Mina had told Joon she loved another man, and he went away."
    assert "confession" not in _kinds(prose([[_MEETING, _LOOK, other]]))
    his = "Mina had told Joon she loved him, and he stayed."
    assert "confession" in _kinds(prose([[_MEETING, _LOOK, his]]))


def test_a_narrators_probably_is_a_guess_not_a_touch():
    guess = "Probably Joon had danced Mina on his knee in her infancy, when he was young."
    assert "first_touch" not in _kinds(prose([[_MEETING, _LOOK, guess]]))


def test_a_sentence_that_opens_by_denying_denies_its_proposal():
    from dramaturg.analyze.cast import build_cast
    from dramaturg.analyze.events import find_events

    told = [
        "I met Mina at the farm; I was introduced to her by her aunt, and I smiled at her.",
        "I looked at Mina for a long moment, and I smiled. She blushed and looked away.",
    ]
    denied = (
        "Still less could I think of her ever--yes, condescending, that is the "
        "word--condescending to marry me."
    )
    said = "And I said to her that day, marry me."
    for line, expected in ((denied, False), (said, True)):
        cast = build_cast(prose([[*told, line]]))
        proposals = [e for e in find_events(cast) if e.kind == "proposal" and e.g == 2]
        assert bool(proposals) and all(e.factual for e in proposals) is expected, line


def test_god_forgive_me_is_an_oath_not_a_plea_to_her():
    quarrel = '"I hate you," Mina said to Joon, and they quarrelled bitterly.'
    oath = '"God forgive me!" Joon said to Mina, and turned away.'
    plea = '"Forgive me!" Joon said to Mina, and took her hand.'
    assert "reconciliation" not in _kinds(prose([[_MEETING, _LOOK, quarrel, oath]]))
    assert "reconciliation" in _kinds(prose([[_MEETING, _LOOK, quarrel, plea]]))


def test_a_confession_is_a_declaration_only_when_it_is_of_love():
    story_told = "Joon ceased speaking; after Joon's confession, Mina was silent a long while."
    assert "confession" not in _kinds(prose([[_MEETING, _LOOK, story_told]]))
    of_love = "After Joon's confession of his love, Mina was silent a long while."
    assert "confession" in _kinds(prose([[_MEETING, _LOOK, of_love]]))


def test_plighted_troth_crushed_to_him_and_may_never():
    # "we plighted our troth": the two of them, an acceptance
    troth = prose(
        [[_MEETING, _LOOK, "That night Mina and Joon plighted their troth under the stars."]]
    )
    assert "acceptance" in _kinds(troth)
    # "he crushed her to him": an embrace
    crushed = prose(
        [[_MEETING, _LOOK, "Joon stepped forward, and as Mina turned he crushed her to him."]]
    )
    assert "embrace" in _kinds(crushed)
    # "he may never see her again" supposes a parting; "May I love you?" still asks
    may = prose(
        [[_MEETING, _LOOK, "Joon thought of Mina. He may never see her again, he thought."]]
    )
    assert "breakup" not in _kinds(may)


def test_stole_his_arm_about_her_an_arm_through_hers_and_her_mouth_to_his():
    stole = prose(
        [[_MEETING, _LOOK, "On the road Joon stole his arm about Mina, and she let it stay."]]
    )
    assert "embrace" in _kinds(stole)
    through = prose([[_MEETING, _LOOK, "He slipped an arm through hers, and she walked on."]])
    assert "first_touch" in _kinds(through)
    mouth = prose(
        [[_MEETING, _LOOK, "Mina turned, and Joon leaned down and drew her mouth to his."]]
    )
    assert "kiss" in _kinds(mouth)


def test_an_embrace_told_again_in_the_past_perfect_is_the_same_one():
    filler = [
        f"The rain fell on the town all day, and the shops shut early ({i})." for i in range(30)
    ]
    first = "That night Joon put his arm about Mina, and she did not pull away."

    def embraces(later: str) -> int:
        story = prose([[_MEETING, _LOOK, first, *filler[:15]], [*filler[15:], later]])
        return _kinds(story).count("embrace")

    assert embraces("Joon put his arm about Mina again, and she leaned on him.") == 2
    assert embraces("He remembered that when he had put his arm about Mina, she had smiled.") == 1


def test_taking_his_arm_after_a_speech_and_arms_that_close_round_her():
    # a word of the speech before the tag ("ready to") supposes nothing of the act after it
    arm = prose([[_MEETING, _LOOK, "“I am ready to go,” Mina said, taking his arm."]])
    assert "first_touch" in _kinds(arm)
    arms = prose(
        [
            [
                _MEETING,
                _LOOK,
                "And his arms, still strong in spite of the long night, closed round Mina.",
            ]
        ]
    )
    assert "embrace" in _kinds(arms)


def test_never_ceased_to_think_of_you_going_to_leave_me_and_leave_me_now():
    ceased = prose([[_MEETING, _LOOK, "“I have never ceased to think of you,” Joon said to Mina."]])
    assert "confession" in _kinds(ceased)
    leave = prose([[_MEETING, _LOOK, "“Joon, you are going to leave me,” Mina said to him."]])
    assert "breakup" in _kinds(leave)
    # "leave me now" sends him off for the evening, not for good
    now = prose([[_MEETING, _LOOK, "“I don’t care who sees us! But leave me now,” Mina said."]])
    assert "breakup" not in _kinds(now)
    ended = prose([[_MEETING, _LOOK, "Mina told Joon that she had broken off her engagement."]])
    assert "breakup" in _kinds(ended)


def test_words_quoted_inside_a_speech_are_told_not_said_now():
    # "It was this: 'I cannot marry a mere boy.'": he tells her what she answered once
    told = (
        "\"I asked for her answer. It was this: 'I cannot marry a mere boy.'\" Joon said to Mina."
    )
    assert "rejection" not in _kinds(prose([[_MEETING, _LOOK, told]]))
    said = '"I asked for your answer. I cannot marry you," Mina said to Joon.'
    assert "rejection" in _kinds(prose([[_MEETING, _LOOK, said]]))


def test_two_others_named_as_the_pair_do_not_kiss_for_the_couple():
    others = "“Is this where Ned and Ruth kissed each other?” Mina whispered to Joon."
    assert "kiss" not in _kinds(prose([[_MEETING, _LOOK, others]]))
    theirs = "Mina and Joon kissed each other."
    assert "kiss" in _kinds(prose([[_MEETING, _LOOK, theirs]]))


def test_a_hand_laid_on_her_arm_is_a_touch_not_a_hand_held():
    arm = "Joon laid his hand on her arm, and Mina smiled."
    kinds = _kinds(prose([[_MEETING, _LOOK, arm]]))
    assert "first_touch" in kinds and "hand_hold" not in kinds
    hers = "Joon laid his hand on hers, and Mina smiled."
    assert "hand_hold" in _kinds(prose([[_MEETING, _LOOK, hers]]))


def test_a_love_word_of_a_third_does_not_count_for_the_one_in_the_room():
    # Marian sits by while Laura and Glyde court: those words are theirs, not Marian's with
    # Glyde; a love word of nobody in particular still counts for whoever shares the block
    from dramaturg.analyze.cast import build_cast, couple_scores
    from dramaturg.analyze.thresholds import love_touch, scan

    court = (
        "Marian Halcombe sat by the window; she sewed. Laura Fairlie loved Percival Glyde. "
        "He bowed to Laura, and she smiled. Marian said nothing."
    )
    general = "Love is a strange thing, thought Marian Halcombe, watching Percival Glyde."
    greet = [
        f"“Good day,” said {n}." for n in ("Marian Halcombe", "Percival Glyde", "Laura Fairlie")
    ]
    story = prose([[*greet, court, court, general]])
    cast = build_cast(story)
    hits = scan(cast.refs)
    rows = couple_scores(cast, [h.romantic for h in hits], touched=love_touch(cast, hits))
    love = {frozenset(r.pair): r.romantic for r in rows}
    assert love[frozenset(("Laura Fairlie", "Percival Glyde"))] == 2
    assert love[frozenset(("Marian Halcombe", "Percival Glyde"))] == 1
    assert love[frozenset(("Marian Halcombe", "Laura Fairlie"))] == 0


def test_the_two_meet_before_he_is_named():
    # "a young man" stops beside her; the chapter names him a few paragraphs on: the meeting
    # is on the bridge, not where his name is first written
    from dramaturg.analyze.cast import build_cast
    from dramaturg.analyze.crossings import choose

    paragraphs = [
        "Mina walked home by the river; she was tired.",
        "On the bridge a young man stopped beside Mina and lifted his hat.",
        "The river ran on under the bridge, brown and quick.",
        "“I am Joon,” he said. Joon smiled at Mina, and she smiled back at Joon.",
        "“Good night, Joon,” said Mina, and Joon laughed. He walked with Mina to her gate.",
        "Joon took her hand at the gate, and Mina let him.",
        "Mr. Joon was a clerk in the town; he worked hard, and he was kind to his mother.",
    ]
    cast = build_cast(prose([paragraphs]))
    assert cast.members["Joon"].gender == "m"
    meeting = [c for c in choose(cast, ("Mina", "Joon")) if c.kind == "first_meeting"]
    assert meeting and meeting[0].event.g == 1


def test_i_will_marry_you_accepts_and_does_not_ask():
    kinds = _kinds(prose([[_MEETING, _LOOK, "Mina said to Joon, “I will marry you.”"]]))
    assert "acceptance" in kinds and "proposal" not in kinds


def _ages_script():
    # one couple at two ages, as a feature script writes them: YOUNG X, then X, other actors
    return script(
        [
            [
                (None, "YOUNG WILLIAM, 20, fishes. YOUNG ROSE, 19, walks past with a basket."),
                ("YOUNG WILLIAM", "Good morning."),
                ("YOUNG ROSE", "Is it?"),
                (None, "He takes her hand. She smiles."),
                ("YOUNG WILLIAM", "I love you. Marry me."),
                (None, "She looks at the river."),
                ("YOUNG ROSE", "Yes."),
                (None, "They kiss."),
            ],
            [
                (None, "WILLIAM, 80, lies in bed. ROSE, 79, holds his hand."),
                ("ROSE", "You always told that story wrong."),
                ("WILLIAM", "I told it right."),
            ],
        ]
    )


def test_a_character_at_two_ages_is_one_person_of_the_couple():
    r = analyze_romance(_ages_script())
    assert r.couple is not None and set(r.couple) == {"WILLIAM", "ROSE"}


def test_a_script_proposal_answered_yes_and_they_kiss():
    r = analyze_romance(_ages_script())
    first = {k: r.first(k) for k in ("proposal", "acceptance", "kiss", "first_touch")}
    assert all(first.values()), first
    assert first["proposal"].evidence.quote.endswith("Marry me.")
    assert first["acceptance"].evidence.quote == "Yes."  # her next cue, past an action line
    assert first["kiss"].evidence.quote == "They kiss."
    assert first["first_touch"].evidence.quote == "He takes her hand."


def test_an_introduction_by_a_third_one_is_the_meeting_and_talk_one_way_is_not():
    # Joon exclaims her name to Paul and goes on about her ("Is she ..."): he talks of her,
    # not to her, and she is not there; a chapter on, Paul introduces them
    from dramaturg.analyze.cast import build_cast
    from dramaturg.analyze.crossings import choose

    chapters = [
        [
            "Mina Seo lived on the farm with her mother. Mina was tall, and Mina read Latin.",
            "Paul Kim sat with Mr. Joon in the office, and Paul told him of his cousin.",
            "“Mina Seo!” said Mr. Joon. “Is she the teacher at the school? I knew nothing "
            "of it.” He laughed, and Paul did not.",
            "They worked on until the evening, and Paul went home alone.",
        ],
        [
            "On Sunday Paul took Mr. Joon to the farm. Mina came out to the gate.",
            "“This is Mr. Joon, Mina,” said Paul. Mina looked at Mr. Joon and blushed.",
            "“How do you do,” said Mr. Joon to Mina, and she smiled at him.",
        ],
    ]
    cast = build_cast(prose(chapters))
    couple = (cast.resolve("Mina"), cast.resolve("Mr. Joon"))
    meeting = [c for c in choose(cast, couple) if c.kind == "first_meeting"]  # type: ignore[arg-type]
    assert meeting and cast.refs[meeting[0].event.g].part.number == 2
    # the introduction itself is a meeting of the two, though Paul says it
    from dramaturg.analyze.events import between, find_events

    said = [e for e in between(find_events(cast), cast, couple) if e.kind == "first_meeting"]  # type: ignore[arg-type]
    assert any(cast.refs[e.g].block.text.startswith("“This is") for e in said)
