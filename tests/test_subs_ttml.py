"""Conversion that keeps the document: TTML written from TTML keeps its head and regions,
SRT/WebVTT placement becomes IMSC regions, escaping is right in every direction. Read back
with ttconv (the W3C/SMPTE reference implementation's Python port) and compared cue by cue."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dramaturg.subtitles.convert import convert
from dramaturg.subtitles.io import dumps, load, loads
from shared_data import SHARED_DATA

ttconv_reader = pytest.importorskip("ttconv.imsc.reader")
from ttconv import model  # noqa: E402
from ttconv.isd import ISD  # noqa: E402
from ttconv.style_properties import StyleProperties  # noqa: E402

DATA = Path(__file__).parent / "data" / "subs"
IMSC = SHARED_DATA / "subtitles" / "files" / "imsc-tests"


def _text(elem: model.ContentElement) -> str:
    out = []
    for child in elem:
        if isinstance(child, model.Text):
            out.append(child.get_text())
        elif isinstance(child, model.Br):
            out.append("\n")
        else:
            out.append(_text(child))
    return "".join(out)


def ttconv_cues(path: Path) -> list[tuple[int, int, str, str]]:
    """(start ms, end ms, text, displayAlign) of what ttconv shows, region by region."""
    doc = ttconv_reader.to_model(ET.parse(path))
    shown: dict[tuple[str, str], int] = {}
    cues: list[tuple[int, int, str, str]] = []
    for t, isd in ISD.generate_isd_sequence(doc):
        ms = round(float(t) * 1000)
        now = set()
        for region in isd:
            text = " ".join(_text(region).split(" ")).strip()
            if text:
                align = region.get_style(StyleProperties.DisplayAlign)
                now.add((text, str(align.value if align else "before")))
        for key in list(shown):
            if key not in now:
                cues.append((shown.pop(key), ms, *key))
        for key in now:
            shown.setdefault(key, ms)
    return sorted(cues)


def test_ttml_to_ttml_keeps_head_ticks_metadata_and_regions(tmp_path: Path) -> None:
    src = DATA / "ko_sdh_cc.ttml"
    out = tmp_path / "out.ttml"
    convert(src, out)
    written = out.read_text(encoding="utf-8")
    for kept in ('ttp:tickRate="10000000"', 'nttm:textType="CC"', "<ttm:title>",
                 'xml:id="top"', 'xml:id="s1"', '<body style="s1">', 'begin="10000000t"'):  # fmt: skip
        assert kept in written, kept
    assert ttconv_cues(out) == ttconv_cues(src)
    assert sum(1 for c in ttconv_cues(out) if c[3] == "before") == 2


def test_ttml_round_trip_equals_our_own_reading(tmp_path: Path) -> None:
    src = DATA / "ko_sdh_cc.ttml"
    out = tmp_path / "out.ttml"
    convert(src, out)
    a, b = load(src), load(out)
    assert [(c.start, c.end, c.text, c.ttml) for c in a.cues] == [
        (c.start, c.end, c.text, c.ttml) for c in b.cues
    ]
    assert b.text_type == "CC" and b.fps == a.fps


@pytest.mark.skipif(not IMSC.is_dir(), reason="shared fixtures absent")
@pytest.mark.parametrize(
    "name",
    ["four-active-regions-001.ttml", "displayalign-before-001.ttml", "BasicTiming001.ttml"],
)
def test_imsc_test_files_survive_conversion(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out.ttml"
    convert(IMSC / name, out)
    assert [c[:3] for c in ttconv_cues(out)] == [c[:3] for c in ttconv_cues(IMSC / name)]
    assert ttconv_cues(out) == ttconv_cues(IMSC / name)


SRT = (
    "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}[문 닫히는 소리]\n\n"
    "2\n00:00:03,000 --> 00:00:04,500\n<i>그러게요</i>\n묻는 말에\n\n"
    "3\n00:00:05,000 --> 00:00:06,000\nI <3 Tom & Jerry\n"
)


def test_srt_to_ttml_puts_top_cues_in_the_top_region(tmp_path: Path) -> None:
    src = tmp_path / "a.srt"
    src.write_text(SRT, encoding="utf-8")
    out = tmp_path / "a.ttml"
    convert(src, out)
    assert ttconv_cues(out) == [
        (1000, 2000, "[문 닫히는 소리]", "before"),
        (3000, 4500, "그러게요\n묻는 말에", "after"),
        (5000, 6000, "I <3 Tom & Jerry", "after"),
    ]


def test_vtt_cue_settings_map_to_regions_and_alignment(tmp_path: Path) -> None:
    src = tmp_path / "a.vtt"
    src.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000 line:0 align:start\nTom &amp; Jerry\n\n"
        "00:00:03.000 --> 00:00:04.000 line:-1\n&lt;3\n",
        encoding="utf-8",
    )
    out = tmp_path / "a.ttml"
    convert(src, out)
    written = out.read_text(encoding="utf-8")
    assert 'region="top" tts:textAlign="start">Tom &amp; Jerry<' in written  # escaped once
    assert ttconv_cues(out) == [
        (1000, 2000, "Tom & Jerry", "before"),
        (3000, 4000, "<3", "after"),
    ]


def test_srt_to_vtt_escapes_what_webvtt_forbids() -> None:
    vtt = dumps(loads(SRT, "a.srt"), "vtt")
    assert "I &lt;3 Tom &amp; Jerry" in vtt
    assert "<i>그러게요</i>" in vtt  # markup stays markup
    assert "00:00:01.000 --> 00:00:02.000 line:0\n[문 닫히는 소리]" in vtt


def test_ttml_to_vtt_and_srt_escape_once_and_keep_the_top() -> None:
    subs = load(DATA / "ko_sdh_cc.ttml")
    subs.cues[0].text = "Tom & Jerry <3"
    vtt = dumps(subs, "vtt")
    assert "Tom &amp; Jerry &lt;3" in vtt
    assert "00:00:05.000 --> 00:00:07.500 line:0" in vtt
    srt = dumps(subs, "srt")
    assert "Tom & Jerry <3" in srt and "{\\an8}[문 닫히는 소리]" in srt


def test_vtt_to_srt_decodes_entities() -> None:
    subs = loads("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nTom &amp; Jerry &lt;3\n", "a.vtt")
    assert "Tom & Jerry <3" in dumps(subs, "srt")


@pytest.mark.parametrize("ext", ["srt", "vtt", "ttml"])
def test_round_trips_are_equal_cue_by_cue(ext: str, tmp_path: Path) -> None:
    src = tmp_path / "a.srt"
    src.write_text(SRT, encoding="utf-8")
    mid = tmp_path / f"b.{ext}"
    convert(src, mid)
    back = tmp_path / "c.srt"
    convert(mid, back)
    assert [(c.start, c.end, c.text) for c in load(back).cues] == [
        (c.start, c.end, c.text) for c in load(src).cues
    ]
