"""The Korean script reader: headings, episodes, dialogue forms, voices, markers, files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from containers import docx_bytes, hwpx_bytes
from dramaturg.errors import DramaturgError
from dramaturg.read import korean, read
from dramaturg.story import BlockKind
from shared_data import SHARED_DATA

DATA = Path(__file__).parent / "data" / "korean"
PROSE = SHARED_DATA / "korean/dongbaekkkot_kim_yujeong_1936.txt"


def scene_of(text: str):
    story = korean.parse(text, "ep.txt")
    return story.scenes[0]


@pytest.mark.parametrize(
    ("line", "number", "int_ext", "location", "time"),
    [
        ("S#12. 카페 (낮)", "12", None, "카페", "낮"),
        ("S#12. 카페 / 밤", "12", None, "카페", "밤"),
        ("#12 카페 - 낮", "12", None, "카페", "낮"),
        ("S#3 실내. 카페 - 밤", "3", "INT", "카페", "밤"),
        ("S#7 실외. 버스 정류장 (늦은 밤, 비)", "7", "EXT", "버스 정류장", "늦은 밤"),
        ("S#8. 서윤의 집 - 거실", "8", None, "서윤의 집 - 거실", None),
        ("S#9. 한강 공원 (새벽)", "9", None, "한강 공원", "새벽"),
    ],
)
def test_scene_heading_variants_give_number_location_and_time(
    line, number, int_ext, location, time
):
    sc = scene_of(f"{line}\n서윤 : 안녕하세요.\n")
    assert (sc.number, sc.int_ext, sc.location, sc.time_of_day) == (number, int_ext, location, time)
    assert sc.heading == line and sc.heading_line == 1


@pytest.mark.parametrize("marker", ["제1화", "1회", "1화", "제 1 화. 첫눈"])
def test_episode_lines_start_episode_parts(marker):
    story = korean.parse(
        f"{marker}\nS#1. 카페 (낮)\n서윤 : 네.\n2화\nS#2. 거리 (밤)\n도현 : 응.\n", "s.txt"
    )
    assert [(p.kind, p.number) for p in story.parts] == [("episode", 1), ("episode", 2)]
    assert story.parts[1].span.line == 4
    assert [s.number for s in story.parts[1].scenes] == ["2"]


def test_episode_title_follows_the_number():
    story = korean.parse("제3화 첫눈 오는 날\nS#1. 카페 (낮)\n서윤 : 네.\n", "s.txt")
    assert (story.parts[0].number, story.parts[0].title, story.parts[0].label) == (
        3,
        "첫눈 오는 날",
        "제3화",
    )


def test_colon_dialogue_gives_speaker_and_text():
    b = scene_of("S#1. 카페 (낮)\n서윤 : 비가 오네요.\n").blocks[0]
    assert (b.kind, b.speaker, b.cue, b.text) == (
        BlockKind.DIALOGUE,
        "서윤",
        "서윤",
        "비가 오네요.",
    )


def test_tab_dialogue_gives_speaker_and_text():
    b = scene_of("S#1. 카페 (낮)\n도현\t우산 같이 써요.\n").blocks[0]
    assert (b.kind, b.speaker, b.text) == (BlockKind.DIALOGUE, "도현", "우산 같이 써요.")


def test_two_space_dialogue_needs_a_name_used_as_a_cue_twice():
    sc = scene_of("S#1. 카페 (낮)\n도현  우산 같이 써요.\n도현  서윤 씨.\n서윤이  웃는다.\n")
    assert [(b.kind, b.speaker) for b in sc.blocks] == [
        (BlockKind.DIALOGUE, "도현"),
        (BlockKind.DIALOGUE, "도현"),
        (BlockKind.ACTION, None),
    ]


@pytest.mark.parametrize(
    ("line", "extension", "text"),
    [
        ("서윤(E) : 도현 씨?", "E", "도현 씨?"),
        ("서윤 : E) 도현 씨?", "E", "도현 씨?"),
        ("도현\tF) 여보세요.", "F", "여보세요."),
        ("서윤\tNa) 그날, 비가 왔다.", "NA", "그날, 비가 왔다."),
        ("서윤 : N) 그날, 비가 왔다.", "NA", "그날, 비가 왔다."),
        ("도현 (V.O)\t보고 싶었어.", "V.O.", "보고 싶었어."),
        ("도현\t(V.O) 보고 싶었어.", "V.O.", "보고 싶었어."),
        ("도현(V.O) : 보고 싶었어.", "V.O.", "보고 싶었어."),
    ],
)
def test_voice_markers_become_the_extension(line, extension, text):
    b = scene_of(f"S#1. 카페 (낮)\n{line}\n").blocks[0]
    assert (b.kind, b.extension, b.text) == (BlockKind.DIALOGUE, extension, text)
    assert b.speaker in {"서윤", "도현"}


def test_narration_without_a_name_is_unattributed_dialogue():
    b = scene_of("S#1. 카페 (낮)\nNa) 그날, 비가 왔다.\n").blocks[0]
    assert (b.kind, b.speaker, b.extension, b.text) == (
        BlockKind.DIALOGUE,
        None,
        "NA",
        "그날, 비가 왔다.",
    )


def test_parenthesised_direction_inside_a_line_is_the_parenthetical():
    b = scene_of("S#1. 카페 (낮)\n서윤 : (웃으며) 괜찮아요. (사이) 정말로.\n").blocks[0]
    assert (b.text, b.parenthetical) == ("괜찮아요. 정말로.", "웃으며; 사이")
    assert b.raw == "서윤 : (웃으며) 괜찮아요. (사이) 정말로."


def test_indented_and_parenthesised_lines_are_action():
    sc = scene_of("S#1. 카페 (낮)\n\t서윤, 창밖을 본다.\n(도현, 우산을 접는다)\n서윤, 일어선다.\n")
    assert [(b.kind, b.text) for b in sc.blocks] == [
        (BlockKind.ACTION, "서윤, 창밖을 본다."),
        (BlockKind.ACTION, "도현, 우산을 접는다"),
        (BlockKind.ACTION, "서윤, 일어선다."),
    ]


@pytest.mark.parametrize(
    ("line", "marker", "rest"),
    [
        ("Insert) 서윤의 휴대폰 화면.", "Insert", "서윤의 휴대폰 화면."),
        ("INSERT : 문자 메시지", "INSERT", "문자 메시지"),
        ("Flash back", "Flash back", ""),
        ("플래시백 - 3년 전", "플래시백", "3년 전"),
        ("Cut to", "Cut to", ""),
        ("(회상 끝)", "회상 끝", ""),
        ("F.B 끝", "F.B 끝", ""),
    ],
)
def test_insert_flash_back_and_cut_to_are_transitions(line, marker, rest):
    blocks = scene_of(f"S#1. 카페 (낮)\n{line}\n").blocks
    assert (blocks[0].kind, blocks[0].text) == (BlockKind.TRANSITION, marker)
    if rest:
        assert (blocks[1].kind, blocks[1].text, blocks[1].span.line) == (BlockKind.ACTION, rest, 2)
    else:
        assert len(blocks) == 1


def test_a_sentence_that_starts_with_a_marker_word_stays_action():
    b = scene_of("S#1. 카페 (낮)\n회상에 잠긴 서윤.\n").blocks[0]
    assert (b.kind, b.text) == (BlockKind.ACTION, "회상에 잠긴 서윤.")


def test_ages_are_recorded_once_and_stripped_from_names():
    story = korean.parse(
        "S#1. 카페 (낮)\n서윤(29), 창가에 앉아 있다.\n도현(31) : 여기 앉아도 돼요?\n"
        "S#2. 거리 (밤)\n서윤(30), 1년 뒤.\n서윤 : 네.\n",
        "s.txt",
    )
    assert korean.ages(story) == {"서윤": 29, "도현": 31}
    assert set(story.characters) == {"서윤", "도현"}
    assert story.scenes[0].blocks[1].speaker == "도현"


def test_character_list_before_the_first_scene_is_notes():
    story = korean.parse(
        "제목 : 우산\n극본 : 한지수\n등장인물\n서윤(29) : 출판사 편집자\n도현(31) : 건축가\n"
        "S#1. 카페 (낮)\n서윤 : 네.\n",
        "s.txt",
    )
    assert story.title == "우산" and story.title_page["author"] == "한지수"
    kinds = [b.kind for b in story.scenes[0].blocks]
    assert kinds == [
        BlockKind.NOTE,
        BlockKind.NOTE,
        BlockKind.SECTION,
        BlockKind.NOTE,
        BlockKind.NOTE,
        BlockKind.DIALOGUE,
    ]
    assert korean.ages(story) == {"서윤": 29, "도현": 31}
    assert story.scenes[0].speakers == ["서윤"]


def test_every_block_has_its_exact_source_line():
    text = "제1화\n\nS#1. 카페 (낮)\n\n서윤 : 네.\n\t서윤, 웃는다.\nInsert) 휴대폰.\n"
    story = korean.parse(text, "ep1.txt")
    lines = text.split("\n")
    for b in story.blocks():
        assert b.span.file == "ep1.txt"
        assert lines[b.span.line - 1] == b.raw


def test_story_is_korean_screenplay():
    story = korean.parse("S#1. 카페 (낮)\n서윤 : 네.\n", "ep1.txt")
    assert (story.language, story.form, story.files) == ("ko", "screenplay", ["ep1.txt"])


def test_the_korean_prose_story_is_not_sniffed_as_a_script():
    text = PROSE.read_text(encoding="utf-8")
    assert not korean.sniff(text)


def test_a_script_is_sniffed_by_content():
    assert korean.sniff(
        "제1화\nS#1. 카페 (낮)\n서윤 : 비가 오네요. 우산 있어요?\n도현 : 아니요, 없어요.\n"
    )


def test_a_txt_korean_script_is_read_by_this_reader(tmp_path):
    p = tmp_path / "ep1.txt"
    p.write_text(
        "S#1. 카페 (낮)\n서윤 : 비가 오네요. 우산 있어요?\nS#2. 거리 (밤)\n도현 : 아니요.\n",
        "utf-8",
    )
    story = read(p)
    assert story.language == "ko" and [s.number for s in story.scenes] == ["1", "2"]


def test_docx_script_gives_paragraph_numbers_as_lines():
    data = docx_bytes(
        ["제1화", "", "S#1. 카페 (낮)", "서윤\t비가 오네요.", "도현 : E) 우산 있어요?"]
    )
    story = korean.parse_bytes(data, "ep1.docx")
    blocks = list(story.blocks())
    assert [(b.span.line, b.speaker, b.extension) for b in blocks] == [
        (4, "서윤", None),
        (5, "도현", "E"),
    ]
    assert story.scenes[0].heading_line == 3 and story.parts[0].number == 1


def test_hwpx_script_reads_hp_t_text_per_paragraph():
    data = hwpx_bytes(["제1화", "S#1. 카페 (낮)", "서윤\t비가 오네요.", "", "도현 : 우산 있어요?"])
    story = korean.parse_bytes(data, "ep1.hwpx")
    blocks = list(story.blocks())
    assert [(b.span.line, b.speaker, b.text) for b in blocks] == [
        (3, "서윤", "비가 오네요."),
        (5, "도현", "우산 있어요?"),
    ]


def test_hwpx_file_goes_to_the_korean_reader(tmp_path):
    p = tmp_path / "ep1.hwpx"
    p.write_bytes(hwpx_bytes(["S#1. 카페 (낮)", "서윤 : 네."]))
    story = read(p)
    assert story.language == "ko" and story.scenes[0].blocks[0].speaker == "서윤"


def test_a_broken_hwpx_is_a_clear_error():
    with pytest.raises(DramaturgError, match="not a readable"):
        korean.parse_bytes(b"not a zip", "ep1.hwpx")


# ---------------------------------------------------------------------------- the sample series


def sample_series():
    from dramaturg.read import read_series

    return read_series([DATA / "drama_ep1.txt", DATA / "drama_ep2.txt"])


def test_sample_series_has_two_episodes_of_eight_numbered_scenes():
    story = sample_series()
    assert [(p.number, p.title) for p in story.parts] == [(1, "우산"), (2, "첫눈")]
    for part in story.parts:
        assert [s.number for s in part.scenes] == [str(i) for i in range(1, 9)]
    assert story.title == "우산을 같이 쓰는 법" and story.language == "ko"


def test_sample_ages_come_from_the_first_introduction():
    # ep1 S#6 brings in "어린 도현(11)" in a flash back: the first introduction (31) stands
    assert korean.ages(sample_series()) == {"서윤": 29, "도현": 31, "지수": 27, "민호": 31}


def test_sample_speakers_and_voices():
    story = sample_series()
    assert {"서윤", "도현", "지수", "민호", "도현 모", "팀장"} <= set(story.characters)
    exts = {(b.speaker, b.extension) for b in story.blocks() if b.extension}
    assert {("서윤", "NA"), ("도현", "NA"), ("지수", "F"), ("도현 모", "E"), ("서윤", "E")} <= exts


def test_sample_markers_are_transitions():
    marks = [b.text for b in sample_series().blocks() if b.kind is BlockKind.TRANSITION]
    assert marks == [
        "Insert",
        "Flash back",
        "회상 끝",
        "Cut to",
        "Insert",
        "플래시백",
        "플래시백 끝",
        "끝",
    ]


def _shape(story):
    return [
        (b.span.line, b.kind, b.text, b.speaker, b.extension, b.parenthetical)
        for b in story.blocks()
    ]


def test_hwpx_episode_reads_like_its_text():
    text = (DATA / "drama_ep1.txt").read_text("utf-8")
    from_text = korean.parse(text, "drama_ep1.txt")
    from_hwpx = korean.parse_bytes(hwpx_bytes(text.split("\n")), "drama_ep1.hwpx")
    assert _shape(from_hwpx) == _shape(from_text)
    assert [(s.number, s.location, s.time_of_day) for s in from_hwpx.scenes] == [
        (s.number, s.location, s.time_of_day) for s in from_text.scenes
    ]


def test_docx_episode_reads_like_its_text():
    text = (DATA / "drama_ep2.txt").read_text("utf-8")
    from_docx = korean.parse_bytes(docx_bytes(text.split("\n")), "drama_ep2.docx")
    assert _shape(from_docx) == _shape(korean.parse(text, "drama_ep2.txt"))


# ---------------------------------------------------------------------------- robustness

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    [
        "S#1. 카페 (낮)",
        "#2 거리 - 밤",
        "제1화",
        "2회",
        "서윤 : ",
        "도현\t",
        "E) ",
        "(웃으며) ",
        "Insert) ",
        "Flash back",
        "회상 끝",
        "서윤(29), ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        ":",
        "(",
        ")",
        "비가 온다.",
        "좋아해요",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=30).map("".join))
def test_any_text_parses_and_every_block_quotes_its_source_line(text):
    story = korean.parse(text, "fuzz.txt")
    body = text[1:] if text.startswith("\ufeff") else text
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for b in story.blocks():
        assert 1 <= b.span.line <= len(lines)
        assert b.raw == lines[b.span.line - 1]
    for s in story.scenes:
        assert s.span.line <= s.span.end_line


def test_a_zip_that_is_neither_docx_nor_hwpx_is_a_clear_error():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(DramaturgError, match="not a .docx or .hwpx"):
        korean.parse_bytes(buf.getvalue(), "x.hwpx")


def test_an_empty_hwpx_is_a_clear_error():
    with pytest.raises(DramaturgError, match="no text"):
        korean.parse_bytes(hwpx_bytes(["", "  "]), "x.hwpx")


def test_sample_headings_mix_the_conventions():
    scenes = {(p.number, s.number): s for p in sample_series().parts for s in p.scenes}
    assert (scenes[1, "4"].int_ext, scenes[1, "4"].location, scenes[1, "4"].time_of_day) == (
        "INT",
        "출판사 회의실",
        "낮",
    )
    assert (scenes[1, "7"].int_ext, scenes[1, "7"].time_of_day) == ("EXT", "밤")
    assert (scenes[2, "3"].heading, scenes[2, "3"].location) == ("#3 포장마차 - 밤", "포장마차")
    assert scenes[1, "2"].time_of_day == "밤" and scenes[1, "1"].int_ext is None


def test_docx_holding_a_korean_script_is_read_as_a_script(tmp_path: Path) -> None:
    import docx as python_docx

    from dramaturg.read import read

    doc = python_docx.Document()
    for line in [
        "제1화",
        "S#1. 카페 (낮)",
        "서윤 : 안녕하세요.",
        "도현 : 처음 뵙겠습니다.",
        "S#2. 거리 / 밤",
        "서윤 : 잘 가요.",
    ]:
        doc.add_paragraph(line)
    path = tmp_path / "ep1.docx"
    doc.save(str(path))
    story = read(path)
    assert story.form == "screenplay"
    assert [s.number for s in story.scenes if s.heading] == ["1", "2"]
