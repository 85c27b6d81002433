"""Reading subtitle files: formats, encodings, refusals with the file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from dramaturg.errors import DramaturgError
from dramaturg.subtitles.io import dumps, load, loads, save
from shared_data import SHARED_DATA

FILES = SHARED_DATA / "subtitles/files"
needs_shared = pytest.mark.skipif(not FILES.is_dir(), reason="shared fixtures not mounted")
DATA = Path(__file__).parent / "data" / "subs"


def _all_files() -> list[Path]:
    if not FILES.is_dir():
        return []
    return sorted(
        p for p in FILES.rglob("*")
        if p.is_file() and p.name not in ("MANIFEST.json", "PROBE.json", "README.md")
    )  # fmt: skip


@needs_shared
@pytest.mark.parametrize("path", _all_files(), ids=lambda p: str(p.relative_to(FILES)))
def test_every_shared_file_is_read_or_refused_with_one_line_naming_it(path: Path) -> None:
    try:
        load(path)
    except DramaturgError as exc:
        message = f"dramaturg: error: {exc}"
        assert "\n" not in message
        assert str(path) in message


def test_srt_keeps_line_numbers_and_markup() -> None:
    subs = load(DATA / "ko_utf8.srt")
    assert subs.format == "srt"
    assert [c.line for c in subs.cues] == [3, 7, 12, 17]
    assert subs.cues[3].text.startswith("<i>")


def test_webvtt_with_bom_is_read_as_webvtt_and_keeps_cue_settings(tmp_path: Path) -> None:
    vtt = "WEBVTT\n\nintro\n00:00:01.000 --> 00:00:03.000 line:10% align:center\n화면 위쪽\n"
    path = tmp_path / "bom.vtt"
    path.write_bytes(b"\xef\xbb\xbf" + vtt.encode())
    subs = load(path)
    assert subs.format == "vtt"
    assert subs.cues[0].settings == "line:10% align:center"
    assert subs.cues[0].identifier == "intro"
    out = tmp_path / "out.vtt"
    save(subs, out)
    assert "00:00:01.000 --> 00:00:03.000 line:10% align:center" in out.read_text("utf-8-sig")


@needs_shared
def test_bilingual_sami_picks_the_class_of_the_language() -> None:
    path = FILES / "derived/ko_en_bilingual_cp949.smi"
    ko = load(path, language="ko")
    en = load(path, language="en")
    assert ko.encoding == "cp949"
    assert [(c.start, c.end) for c in ko.cues][:2] == [(1000, 3000), (3500, 6000)]
    assert ko.cues[0].text == "안녕하세요, 여러분"
    assert en.cues[1].text == "The weather today is…\nnice"


@needs_shared
def test_ttml_frame_and_tick_times() -> None:
    subs = load(FILES / "imsc-tests/TimeExpressions001.ttml")
    durations = [c.end - c.start for c in subs.cues]
    assert durations[3] == 1001  # 24f at 24 x 1000/1001
    assert durations[4] == 2000  # 120t at tickRate 60
    assert subs.fps == pytest.approx(23.976, abs=0.001)


@needs_shared
def test_ttml_smpte_frames() -> None:
    cue = load(FILES / "imsc-tests/BasicTiming001.ttml").cues[0]
    assert (cue.start, cue.end) == (10000, 20000)


def test_microdvd_without_fps_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.sub"
    path.write_text("{10}{50}Hello|world\n", encoding="utf-8")
    with pytest.raises(DramaturgError, match="--fps"):
        load(path)
    assert load(path, fps=25).cues[0].start == 400


def test_srt_round_trip_keeps_text_and_times() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,500\n<i>안녕</i>\n둘째 줄\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n"
    assert dumps(loads(srt, "a.srt")) == srt


def test_save_keeps_legacy_encoding(tmp_path: Path) -> None:
    src = tmp_path / "in.srt"
    src.write_bytes("1\n00:00:01,000 --> 00:00:02,000\n똠방각하\n".encode("cp949"))
    subs = load(src)
    save(subs, tmp_path / "out.srt")
    assert (tmp_path / "out.srt").read_bytes().decode("cp949").endswith("똠방각하\n")


def test_legacy_korean_sami_converts_to_utf8_webvtt(tmp_path) -> None:
    from pathlib import Path

    from dramaturg.subtitles.convert import convert

    src = (
        Path(__file__).resolve().parents[2]
        / "shared/data/subtitles/files/derived/ko_en_bilingual_cp949.smi"
    )
    if not src.exists():
        import pytest

        pytest.skip("shared fixture missing")
    out = tmp_path / "out.vtt"
    convert(src, out)
    text = out.read_bytes().decode("utf-8")  # WebVTT is UTF-8 whatever the source was
    assert text.startswith("WEBVTT")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in text)


# --- hostile TTML: one clear error naming the file, never a Python exception -----------------

_TT = '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"'


def _ttml(attrs: str = "", p: str = '<p begin="1s" end="2s">Hi</p>') -> str:
    return f"{_TT} {attrs}><body><div>{p}</div></body></tt>"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (_ttml('ttp:frameRate="x"'), "frameRate"),
        (_ttml('ttp:subFrameRate="x"'), "subFrameRate"),
        (_ttml('ttp:tickRate="x"'), "tickRate"),
        (_ttml('ttp:frameRate="nan"'), "frameRate"),
        (_ttml('ttp:frameRate="0"'), "frameRate"),
        (_ttml('ttp:tickRate="0"'), "tickRate"),
        (_ttml('ttp:frameRateMultiplier="1 0"'), "frameRateMultiplier"),
        (_ttml('ttp:frameRateMultiplier="0 1"'), "frameRateMultiplier"),
        (_ttml(p='<p begin="' + "9" * 400 + 's" end="2s">Hi</p>'), "TTML time"),
        (_ttml(p='<p begin="' + "9" * 400 + ':00:00.000" end="2s">Hi</p>'), "TTML time"),
        (_ttml(p='<p begin="99999999999999s" end="2s">Hi</p>'), "out of range"),
        (f"{_TT}><body>" + "<div>" * 1000 + "</div>" * 1000 + "</body></tt>", "deep"),
        ('<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY e "e">]><tt>&e;</tt>', "entities"),
    ],
)
def test_hostile_ttml_is_one_clear_error(text: str, reason: str) -> None:
    with pytest.raises(DramaturgError, match=reason) as exc:
        loads(text, "bad.ttml")
    assert str(exc.value).startswith("bad.ttml")


def test_an_unknown_declared_encoding_does_not_matter_once_the_file_is_decoded() -> None:
    text = '<?xml version="1.0" encoding="x-nope"?>' + _ttml()
    assert [c.text for c in loads(text, "enc.ttml").cues] == ["Hi"]


def test_nested_ttml_within_the_limit_reads_its_cues() -> None:
    deep = "<div>" * 200 + '<p begin="1s" end="2s">Deep <span>in <span>there</span></span></p>'
    subs = loads(f"{_TT}><body>{deep}{'</div>' * 200}</body></tt>", "deep.ttml")
    assert [(c.start, c.end, c.text) for c in subs.cues] == [(1000, 2000, "Deep in there")]


def test_pysubs2_warnings_stay_out_of_stderr(recwarn: pytest.WarningsRecorder) -> None:
    ass = (
        "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\n"
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
        "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, "
        "BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
        "Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,"
        "0,0,x,2,2,nine,10,10,10,y\n\n[Events]\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi\n"
    )
    assert [c.text for c in loads(ass, "styles.ass").cues] == ["Hi"]
    assert not [w for w in recwarn if "pysubs2" in str(w.filename)]


_SAMI_TAGS = """<SAMI><HEAD><STYLE>.ENCC { Name: English; lang: en-US; }
.KRCC { lang: ko-KR; }</STYLE></HEAD><BODY>
<SYNC Start=100 End=5><P id=x>no class<P ID=1 Class="KRCC">첫 줄
<SYNC End=9 start='2500'><p class=ENCC>First
<SYNC Start=3000><P Class=KRCC>둘<br>째
<SYNC Start=x><P Class=KRCC>no start
<SYNC Start=6000><P Class=KRCC>&nbsp;
</BODY></SAMI>"""


def test_sami_start_and_class_are_found_anywhere_in_their_tags() -> None:
    ko = loads(_SAMI_TAGS, "x.smi", language="ko")
    en = loads(_SAMI_TAGS, "x.smi", language="en")
    # the first <P> with a Class names the cue's class; a SYNC without a number is no cue
    assert [(c.start, c.end, c.text, c.line) for c in ko.cues] == [
        (100, 3000, "첫 줄", 3),
        (3000, 6000, "둘\n째 no start", 5),
    ]
    assert ko.language == "ko"
    assert [(c.start, c.end, c.text) for c in en.cues] == [(2500, 4500, "First")]


def test_sami_tags_left_open_over_a_long_line_are_read_in_one_pass() -> None:
    # "Class=" and 40,000 letters with no ">" (17.6 s before the tag was matched whole), and
    # 5,000 "start=1" in one unclosed <SYNC>: both read, nothing from the open tags
    subs = loads("<SAMI><BODY><SYNC Start=1><P Class=" + "a" * 40_000 + "\n", "x.smi")
    assert [c.start for c in subs.cues] == [1]
    with pytest.raises(DramaturgError, match="without any <SYNC"):
        loads("<SAMI><BODY><SYNC " + "start=1 " * 5_000 + "\n", "x.smi")


def test_numbers_rule_reads_a_long_line_of_digits_word_by_word() -> None:
    from dramaturg.subtitles.qc import number_words, one_to_ten

    words = number_words()
    # the word before a digit and the one after it, as the line's words (a part word too)
    assert [m.group() for m in one_to_ten("I saw 3 dogs in room 4 at 5 p.m.", words)] == ["3"]
    line = "start=1 " * 20_000
    assert len(one_to_ten(line, words)) == 20_000
