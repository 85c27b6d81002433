"""Lens: grounded K-drama pole vs fantastical anime pole, its evidence, and the slow-burn index.

Every passage here was written for these tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dramaturg.analyze.findings import collapse
from dramaturg.analyze.lens import Lens, analyze_lens
from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story
from engine_fixtures import file_lines, make_story
from shared_data import SHARED_DATA

GROUNDED = [
    "She took the bus to the office and bought coffee at the convenience store.",
    "Her mother called about the rent; her boss wanted the report by lunch.",
    "After work they shared ramen at a small restaurant near the subway.",
]
# an everyday day, long enough to read like a chapter of a grounded novel
EVERYDAY = [
    "Mina missed the first train and walked to the station in the rain.",
    "At the office her colleague had left a note about the meeting and the report.",
    "She ate lunch at her desk, rice and kimchi from the kitchen at home.",
    "Her brother sent a text message: the rent was due on Friday and he was short of money.",
    "After work she stood in the queue at the bank, then bought bread and milk at the shop.",
    "Her mother rang while the kettle boiled and asked about the wedding in May.",
    "The bus home was late, and the weather turned cold before she reached her street.",
    "She paid the bills, hung the washing in the kitchen, and fell asleep over a letter.",
]
# narration that names nothing of either pole, to thin a draft to a novel's densities
NEUTRAL = [
    "She thought about what he had said and did not answer him for a long while.",
    "He looked at her, then away, as if he were deciding something he had put off for years.",
    "Neither of them spoke again until the light outside had changed.",
    "It was not the first time she had wondered whether he meant any of it.",
    "They had known each other long enough to leave most things unsaid.",
]
FANTASY = [
    "The wizard raised his wand and a portal opened above the Kingdom of Eldoria.",
    "Demons poured through; the chosen one drew her sword against the dragon.",
    "In the realm of the elves the witches cast a spell on the sleeping city.",
]
TALKING_ANIMALS = [
    "The rabbit sat up in the grass and took a watch out of its pocket.",
    '"We are late for the council," said the Rabbit, and hurried off.',
    '"Late for what?" asked the old Badger, who had been dozing under the hedge.',
    "The Rabbit replied that the Queen would not wait for anyone.",
]
ANIMALS_THAT_DO_NOT_TALK = [
    "The rabbit sat up in the grass and ran into the hedge when the dog barked.",
    "An old badger lived under the garden wall; the children left it bread.",
    "Her father said the rabbit had eaten the lettuces again.",
    "The cat slept by the stove while her mother cooked dinner.",
]
SHRINKING = [
    "She drank from the little bottle and at once began to grow smaller.",
    "She grew smaller and smaller, and shrank to the size of a thimble.",
    "Then she ate the cake, grew larger and larger, and her head struck the roof.",
]
TIME_MACHINE = [
    "He set the dials of the time machine to the year three thousand.",
    "The laboratory faded, and he travelled through time until the sun stood still.",
    "When the machine stopped he was in the future, among ruins older than any he knew.",
]
GHOST_STORY_TOLD = (
    "At supper her grandmother told the old story of the mill: they say a ghost walks there "
    "on winter nights, but nobody in the village believes in ghosts any more."
)
FIGURATIVE = [
    "She flew down the stairs to open the door for the postman.",
    "It was a magic evening, and the bus came as if by magic.",
    '"You little witch," her father said, laughing at the cake she had burned.',
    "The ghost of a smile crossed her mother's face at dinner.",
    "He was haunted by the memory of the rent he still owed.",
    "The bus grew smaller and smaller in the distance.",
    "Her whole world shrank to the size of the hospital kitchen.",
]


def korean_story(paragraphs: list[str], file: str = "draft.txt") -> Story:
    """A Korean prose story, one paragraph a line with a blank line between."""
    story = Story("테스트", form="prose", language="ko", files=[file])
    part = Part("chapter", 1, "1", Span(file, 1, 1))
    blocks = [
        Block(BlockKind.PARAGRAPH, p, Span(file, 2 * i + 1, 2 * i + 1))
        for i, p in enumerate(paragraphs)
    ]
    part.scenes.append(Scene(None, Span(file, 1, 2 * len(paragraphs) - 1), blocks))
    part.span = Span(file, 1, 2 * len(paragraphs) - 1)
    story.parts.append(part)
    return story.reindex()


def fantastical_terms(lens: Lens) -> dict[str, str]:
    return {t.term: t.category for t in lens.fantastical_terms}


def assert_quotes_stand_at_their_lines(lens: Lens, story: Story) -> None:
    lines = file_lines(story)
    for t in lens.fantastical_terms + lens.grounded_terms:
        for ev in (t.evidence, *t.more):
            assert ev.quote in collapse(lines[ev.line - 1]), (t.term, ev.line, ev.quote)


def test_everyday_draft_sits_at_the_kdrama_pole() -> None:
    lens = analyze_lens(make_story([[GROUNDED] * 4]))
    assert lens.pole == "k-drama"
    assert lens.score <= 0.25
    assert lens.fantastical_terms == []
    assert {"rent", "bus", "office", "mother"} <= {t.term for t in lens.grounded_terms}
    assert {t.category for t in lens.grounded_terms} >= {"work", "family", "transit", "money"}


def test_modern_fantasy_sits_at_the_anime_pole_with_evidence() -> None:
    story = make_story([[FANTASY] * 4])
    lens = analyze_lens(story)
    assert lens.pole == "anime" and lens.score >= 0.6
    terms = fantastical_terms(lens)
    assert {"wizard", "portal", "dragon", "chosen one"} <= set(terms)
    assert terms["Eldoria"] == "invented_world"  # a name on no map of ours
    assert lens.exposition_density > 0.5
    assert_quotes_stand_at_their_lines(lens, story)


def test_animals_that_speak_are_fantastical() -> None:
    story = make_story([[TALKING_ANIMALS + EVERYDAY[:2]] * 3])
    lens = analyze_lens(story)
    assert lens.score >= 0.6
    terms = fantastical_terms(lens)
    assert terms["rabbit speaks"] == "talking_animal"
    assert terms["badger speaks"] == "talking_animal"
    assert_quotes_stand_at_their_lines(lens, story)


def test_animals_that_do_not_speak_stay_grounded() -> None:
    lens = analyze_lens(make_story([[ANIMALS_THAT_DO_NOT_TALK + EVERYDAY[:2]] * 3]))
    assert lens.score <= 0.25
    assert lens.fantastical_terms == []


def test_a_body_that_shrinks_and_grows_is_fantastical() -> None:
    story = make_story([[SHRINKING + EVERYDAY[:2]] * 3])
    lens = analyze_lens(story)
    assert lens.score >= 0.6
    assert {t.category for t in lens.fantastical_terms} == {"transformation"}
    assert "grew smaller and smaller" in fantastical_terms(lens)
    assert_quotes_stand_at_their_lines(lens, story)


def test_a_time_machine_is_fantastical() -> None:
    story = make_story([[TIME_MACHINE + EVERYDAY[:2]] * 3])
    lens = analyze_lens(story)
    assert lens.score >= 0.6
    terms = fantastical_terms(lens)
    assert terms["time machine"] == "travel"
    assert terms["travelled through time"] == "travel"


def test_a_ghost_story_told_inside_a_grounded_tale_stays_grounded() -> None:
    chapters = [[EVERYDAY] * 3 for _ in range(8)]
    chapters[4][1] = EVERYDAY[:4] + [GHOST_STORY_TOLD] + EVERYDAY[4:]
    story = make_story(chapters)
    lens = analyze_lens(story)
    assert lens.score <= 0.25 and lens.pole == "k-drama"
    ghost = next(t for t in lens.fantastical_terms if t.term == "ghost")
    assert ghost.weight < ghost.count  # told, and disbelieved: it counts less than a ghost
    assert "ghost walks there" in ghost.evidence.quote
    assert_quotes_stand_at_their_lines(lens, story)


def test_a_ghost_that_walks_counts_more_than_one_told_of() -> None:
    walks = "That night a ghost walked through the kitchen wall and sat by the stove."
    seen = analyze_lens(make_story([[EVERYDAY + [walks]]]))
    told = analyze_lens(make_story([[EVERYDAY + [GHOST_STORY_TOLD]]]))
    assert seen.fantastical_per_10k > told.fantastical_per_10k > 0


def test_figurative_flight_magic_witch_and_ghost_count_nothing() -> None:
    lens = analyze_lens(make_story([[FIGURATIVE + EVERYDAY] * 3]))
    assert lens.fantastical_terms == []
    assert lens.score == 0.0


def test_a_simile_or_a_negation_is_no_event() -> None:
    plain = analyze_lens(make_story([[EVERYDAY + ["A ghost stood at the end of the bed."]]]))
    simile = analyze_lens(make_story([[EVERYDAY + ["She stood at the door like a ghost."]]]))
    negated = analyze_lens(make_story([[EVERYDAY + ["There was no ghost at the end of the bed."]]]))
    assert simile.fantastical_terms == []
    assert plain.fantastical_per_10k > negated.fantastical_per_10k > 0


def test_a_place_named_for_a_ghost_is_one_fact_however_often_named() -> None:
    wood = "The girls ran home through the Haunted Wood before the lamps were lit."
    lens = analyze_lens(make_story([[EVERYDAY + [wood]] * 6]))
    haunted = next(t for t in lens.fantastical_terms if t.term == "haunted")
    assert haunted.count == 1
    assert "Haunted Wood" in haunted.evidence.quote


def test_the_ruler_of_a_land_on_no_map_is_world_building_a_real_one_is_not() -> None:
    invented = "The Emperor of Quelmora sent his fleet against the island of Varn."
    real = "The Prince of Wales dined with the King of Prussia and the Queen of Sheba."
    lens = analyze_lens(make_story([[EVERYDAY + [invented, real]] * 3]))
    names = {t.term for t in lens.fantastical_terms if t.category == "invented_world"}
    assert names == {"Quelmora", "Varn"}


def test_one_fantastical_episode_does_not_carry_a_long_book() -> None:
    # about 35,000 words at a novel's everyday density; the same 48 time-travel sentences
    # either packed into one chapter or spread two per chapter
    chapter = [NEUTRAL * 2 + EVERYDAY[:1], NEUTRAL * 2 + EVERYDAY[1:2]] * 5
    packed = [list(chapter) for _ in range(24)]
    packed[10][0] = TIME_MACHINE[:2] * 24 + NEUTRAL
    spread = [list(chapter) for _ in range(24)]
    for ch in spread:
        ch[0] = TIME_MACHINE[:2] + NEUTRAL * 2
    one = analyze_lens(make_story(packed))
    many = analyze_lens(make_story(spread))
    assert one.stretches == many.stretches > 10
    assert one.fantastical_per_10k == pytest.approx(many.fantastical_per_10k, rel=0.05)
    assert one.spread < 0.2 and many.spread > 0.8
    assert one.score <= 0.25 and many.score >= 0.6


def test_the_reason_names_the_densities_and_the_spread() -> None:
    lens = analyze_lens(make_story([[TALKING_ANIMALS + EVERYDAY] * 2]))
    assert "fantastical events per 10k words" in lens.reason
    assert "talking animal" in lens.reason and "everyday terms" in lens.reason
    d = lens.to_dict()
    assert {"score", "pole", "fantastical", "slow_burn", "fantastical_terms"} <= set(d)
    first = d["fantastical_terms"][0]
    assert {"term", "category", "count", "line", "quote", "file", "lines"} <= set(first)
    assert first["lines"][0] == {
        "file": first["file"],
        "line": first["line"],
        "quote": first["quote"],
    }


def test_slow_burn_comes_from_first_touch_and_declaration() -> None:
    story = make_story([[GROUNDED] * 10])
    lens = analyze_lens(story, thresholds=[("first_touch", 5), ("confession", 8)])
    assert lens.first_touch == pytest.approx(0.5)
    assert lens.first_declaration == pytest.approx(0.8)
    assert lens.slow_burn == pytest.approx(0.65)


def test_a_fast_burn_is_reported_but_is_no_fantastical_world() -> None:
    story = make_story([[GROUNDED] * 10])
    slow = analyze_lens(story, thresholds=[("first_touch", 8), ("confession", 9)])
    fast = analyze_lens(story, thresholds=[("first_touch", 0), ("kiss", 1)])
    assert fast.slow_burn is not None and slow.slow_burn is not None
    assert fast.slow_burn < slow.slow_burn
    assert fast.score == slow.score


def test_without_thresholds_there_is_no_slow_burn_index() -> None:
    assert analyze_lens(make_story([[GROUNDED]])).slow_burn is None


KO_FANTASY = [
    "퇴근길 정류장에서 검은 고양이가 나를 올려다보았다.",
    "“오늘도 야근이야?” 고양이가 또박또박 말했다.",
    "고양이는 꼬리를 한 번 흔들더니 사람의 모습으로 둔갑했다.",
    "그는 자신이 구미호의 마지막 후손이라고 했다.",
    "그날 밤 나는 타임슬립을 해서 십 년 전의 골목으로 돌아갔다.",
    "저승사자가 찻집 문을 열고 들어와 내 이름을 불렀다.",
]
KO_EVERYDAY = [
    "월세가 또 올랐다.",
    "지윤은 편의점 알바를 마치고 마지막 버스를 탔다.",
    "집에 와서 김치찌개를 데우고 엄마에게 문자를 보냈다.",
    "내일은 출근이 이르고 오후에는 회의가 있다.",
    "비가 와서 현관에 우산을 세워 두었다.",
]
KO_FIGURATIVE = [
    "팀장은 귀신같이 내 실수를 알아챘다.",
    "마법 같은 저녁이었다.",
    "그녀는 천사 같은 얼굴로 웃었다.",
]


def test_korean_fantasy_sits_at_the_anime_pole_with_evidence() -> None:
    story = korean_story(KO_FANTASY * 3)
    lens = analyze_lens(story)
    assert lens.score >= 0.6
    terms = fantastical_terms(lens)
    assert terms["고양이 말하다"] == "talking_animal"
    assert terms["둔갑"] == "transformation"
    assert terms["타임슬립"] == "travel"  # named by its stem, not 타임슬립을
    assert terms["저승사자"] == "undead"
    assert_quotes_stand_at_their_lines(lens, story)


def test_korean_everyday_sits_at_the_kdrama_pole() -> None:
    story = korean_story(KO_EVERYDAY * 4)
    lens = analyze_lens(story)
    assert lens.score <= 0.25 and lens.pole == "k-drama"
    assert lens.fantastical_terms == []
    assert {"월세", "편의점", "버스", "김치찌개", "출근"} <= {t.term for t in lens.grounded_terms}
    assert_quotes_stand_at_their_lines(lens, story)


def test_korean_similes_count_nothing_and_a_tale_told_counts_less() -> None:
    figurative = analyze_lens(korean_story((KO_FIGURATIVE + KO_EVERYDAY) * 3))
    assert figurative.fantastical_terms == []
    seen = analyze_lens(korean_story(KO_EVERYDAY + ["밤이 되자 마당에 도깨비가 나타났다."]))
    told = analyze_lens(
        korean_story(KO_EVERYDAY + ["할머니는 마당에 도깨비가 나타났다는 옛날이야기를 해 주셨다."])
    )
    negated = analyze_lens(korean_story(KO_EVERYDAY + ["나는 귀신 따위는 믿지 않는다."]))
    assert seen.fantastical_per_10k > told.fantastical_per_10k > 0
    assert 0 < negated.fantastical_per_10k < seen.fantastical_per_10k


def test_a_korean_animal_that_is_spoken_to_does_not_speak() -> None:
    lens = analyze_lens(korean_story(["나는 고양이를 보고 말했다. “배고프니?”"] + KO_EVERYDAY))
    assert "고양이 말하다" not in fantastical_terms(lens)


def test_austen_reads_as_grounded() -> None:
    path = SHARED_DATA / "novels/persuasion.txt"
    if not path.exists():
        pytest.skip("dev novels not present")
    from dramaturg.read import read

    lens = analyze_lens(read(path))
    assert lens.pole == "k-drama"
    assert lens.score <= 0.25


def _corpus_book(name: str) -> Path:
    env = os.environ.get("DRAMATURG_CORPUS")
    root = Path(env) if env else Path(__file__).resolve().parents[2] / "corpus"
    path = root / "lens" / name
    if not path.exists():
        pytest.skip(f"lens corpus not present ({path}); see bench/lens_set.toml")
    return path


def test_alice_reads_as_fantastical_with_talking_animals() -> None:
    from dramaturg.read import read

    path = _corpus_book("alice_in_wonderland.txt")
    story = read(path)
    lens = analyze_lens(story)
    assert lens.score >= 0.6 and lens.pole == "anime"
    assert any(t.category == "talking_animal" for t in lens.fantastical_terms)
    lines = path.read_text(encoding="utf-8").splitlines()
    for t in lens.fantastical_terms:
        assert t.evidence.quote.split()[0] in lines[t.evidence.line - 1]


# an invented people, told of the way a traveller tells of a country (written for these tests)
QUORLITES = [
    "The Quorlites keep no clocks, and among them it is a crime to be early.",
    "A Quorlite who is ill is pitied; one who is punctual is brought before the magistrates.",
    "I lodged with a family of Quorlites near the harbour of Quorl.",
    "In Quorl the market opens when the oldest woman wakes, and not before.",
    "My host, like every Quorlite, would not name the day of the week aloud.",
    "The Quorlites asked me many questions about the country I had come from.",
]


def invented_people_story(people: list[str]) -> Story:
    chapter = [EVERYDAY + NEUTRAL + people[:3], EVERYDAY + NEUTRAL + people[3:]]
    return make_story([chapter] * 6)


def test_an_invented_people_recurs_wherever_the_story_names_them() -> None:
    lens = analyze_lens(invented_people_story(QUORLITES))
    quorlite = next(t for t in lens.fantastical_terms if t.term == "Quorlite")
    assert quorlite.category == "invented_world"
    # each sentence that names them counts once: the people and their land "Quorl"
    assert quorlite.count == 6 * 6
    # the villagers of our world, told of in the same words, are no invented world
    ours = [s.replace("Quorlites", "villagers").replace("Quorlite", "villager") for s in QUORLITES]
    ours = [s.replace("Quorl", "Dover") for s in ours]
    plain = analyze_lens(invented_people_story(ours))
    assert lens.score >= 0.6 > plain.score + 0.3
    assert not any(t.category == "invented_world" for t in plain.fantastical_terms)


def test_a_family_or_a_people_of_our_world_is_no_invented_people() -> None:
    family = [
        "The Westons dined with us on Friday, and Mr. Weston carved the mutton.",
        "A Weston never forgets a kindness, her mother said at breakfast.",
        "The Westons walked home through the rain after the dinner.",
    ]
    ours = [
        "The Italians at the next table ordered more wine and bread.",
        "An Italian waiter brought the bill; the Italians paid it in cash.",
        "The Belgians on the train talked of the weather and the price of coffee.",
    ]
    lens = analyze_lens(make_story([[EVERYDAY + family + ours] * 4]))
    assert lens.fantastical_terms == []


def test_a_portrait_that_ages_in_place_of_its_sitter_is_fantastical() -> None:
    changes = [
        "When he came home he saw that the portrait had changed: there was cruelty in the mouth.",
        "Each year the face on the canvas grew older, while his own face stayed young.",
        "He locked the door of the old schoolroom, where the picture hung, and kept the key.",
        "The picture had altered again after the night at the theatre.",
    ]
    mentions = [
        "He went up to look at the portrait before he dined.",
        "No one but he had seen the portrait for years.",
    ]
    lens = analyze_lens(make_story([[EVERYDAY + NEUTRAL + changes + mentions] * 6]))
    terms = fantastical_terms(lens)
    assert terms["the portrait changes"] == "transformation"
    assert terms["portrait"] == "transformation"  # the portrait, present wherever it is named
    assert lens.score >= 0.6
    # a picture of the world that changes is a figure of speech
    figure = ["The whole picture of her life had changed since the wedding."] * 4
    plain = analyze_lens(make_story([[EVERYDAY + NEUTRAL + figure + mentions] * 6]))
    assert plain.fantastical_terms == []


def test_a_man_who_wakes_in_the_body_of_another_is_fantastical() -> None:
    body = [
        "I woke that morning in the body of Walter Crane, and his hands lay on my quilt.",
        "Crane walked out into the town while the doctor slept.",
        "The neighbours had seen Crane at the bank and at the church door.",
    ]
    lens = analyze_lens(make_story([[EVERYDAY + NEUTRAL + body] * 6]))
    terms = fantastical_terms(lens)
    assert terms["the body of Walter Crane"] == "transformation"
    assert terms["Walter Crane"] == "transformation"
    # a body found is a death of our world; a form a letter takes is no body at all
    ours = [
        "The body of Walter Crane was found in the mill-race on Monday.",
        "Help came in the shape of Mr. Crane and his brother with the cart.",
        "The neighbours had seen Crane at the bank and at the church door.",
    ]
    plain = analyze_lens(make_story([[EVERYDAY + NEUTRAL + ours] * 6]))
    assert plain.fantastical_terms == []


def test_a_body_a_few_inches_high_is_fantastical() -> None:
    small = [
        "Before me stood a human creature not six inches high, with a bow in his hands.",
        "The king of that country was taller than his court by almost the breadth of a nail.",
    ]
    tall = ["The farmer's wife was as tall as an ordinary steeple and her voice like thunder."]
    lens = analyze_lens(make_story([[EVERYDAY + small + tall] * 3]))
    assert {"inches", "as tall as an ordinary steeple"} <= set(fantastical_terms(lens))
    wall = ["The garden wall was six feet high, and the boy was five feet tall."]
    plain = analyze_lens(make_story([[EVERYDAY + wall] * 3]))
    assert plain.fantastical_terms == []


def test_a_land_known_by_its_ruler_recurs_only_where_its_ways_are_told() -> None:
    ruler = [
        "The King of Brastovar sent word that the harbour would be closed.",
        "The Queen of Brastovar rode out to meet the fleet.",
        "The Emperor of Brastovar was said to be ill.",
    ]
    passing = ["The ship left Brastovar at dawn with a cargo of wool."]
    framed = ["In Brastovar it is a crime to whistle, and their judges punish it with a fine."]
    told = analyze_lens(make_story([[EVERYDAY + NEUTRAL + ruler + passing + framed] * 4]))
    brastovar = next(t for t in told.fantastical_terms if t.term == "Brastovar")
    # three rulers a chapter, and the sentence that tells how its people live; not the ship
    assert brastovar.count == 4 * 4


def test_a_monster_beside_an_animal_of_ours_is_that_animal() -> None:
    whale = ["The whale turned on the boat, and the furious monster stove in her planks."]
    lens = analyze_lens(make_story([[EVERYDAY + whale] * 3]))
    monster = next(t for t in lens.fantastical_terms if t.term == "monster")
    assert monster.weight == pytest.approx(3 * 0.8 * 0.8 * 0.3)  # creature, "monster", doubted
    alone = ["In the cellar the monster turned on the boy and stove in the door."]
    lens = analyze_lens(make_story([[EVERYDAY + alone] * 3]))
    monster = next(t for t in lens.fantastical_terms if t.term == "monster")
    assert monster.weight == pytest.approx(3 * 0.8 * 0.8)


def test_a_korean_invented_people_recurs_and_our_peoples_do_not() -> None:
    people = [
        "코르벤족은 시계를 두지 않는다.",
        "코르벤족의 법으로는 일찍 오는 것이 죄였다.",
        "나는 항구 근처에서 코르벤족 가족과 함께 지냈다.",
        "그들은 코르벤의 말로 아침 인사를 했다.",
    ]
    lens = analyze_lens(korean_story((KO_EVERYDAY + people) * 3))
    korven = next(t for t in lens.fantastical_terms if t.term == "코르벤족")
    assert korven.category == "invented_world"
    assert korven.count == 4 * 3  # its people and its land, wherever they are named
    ours = [s.replace("코르벤족", "외국인").replace("코르벤", "영국") for s in people]
    plain = analyze_lens(korean_story((KO_EVERYDAY + ours) * 3))
    assert plain.fantastical_terms == []


def test_a_korean_body_that_shrinks_or_wakes_in_another_is_fantastical() -> None:
    lines = [
        "약을 마시자 몸이 점점 작아졌다.",
        "손가락만 한 사람들이 식탁 위를 걸어 다녔다.",
        "다음 날 아침 나는 민준의 몸에서 눈을 떴다.",
    ]
    terms = fantastical_terms(analyze_lens(korean_story(KO_EVERYDAY + lines)))
    assert terms["작아졌다"] == "transformation"
    assert terms["사람들"] == "transformation"
    assert terms["민준의 몸"] == "transformation"
    grows = ["아이는 여름 방학 동안 키가 많이 컸다.", "엄마의 몸에서 열이 났다."]
    assert analyze_lens(korean_story(KO_EVERYDAY + grows)).fantastical_terms == []
