"""Fuzzing every reader: any input reads, or fails with one DramaturgError, never anything else.

Three layers, seconds in all: hypothesis texts built from each format's syntax with long
lines (32k-40k characters of one character after a syntax-bearing prefix), separators in
every line-end convention and deep nesting; seeded mutations of the shared fixtures for
every target of ``tests/mutate.py`` (containers included); and every minimized crasher kept
under ``tests/data/crashers/``. Long runs: ``bench/fuzz.py --n 20000``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mutate
from dramaturg.errors import DramaturgError
from dramaturg.read import fdx, fountain, korean, prose, read
from dramaturg.read import subtitles as subtitle_reader
from dramaturg.subtitles.io import loads

CRASHERS = Path(__file__).parent / "data" / "crashers"

_SYNTAX = [
    "INT. CAFE - NIGHT", "EXT. PARK - DAY #12#", ".FORCED", "JOHN", "JOHN (V.O.)", "@ジョン",
    "BRICK ^", "(quietly)", "Hello there.", "~Sung line", "> CUT TO:", "> THE END <",
    "CUT TO:", "# Act One", "## Episode 2", "= A synopsis", "===", "[[a note]]", "[[open",
    "/* bone", "yard */", "*bold* _under_ **b**", "Title: X", "Author: Y", "  ", "\t",
    "S#1. 카페 (낮)", "#12 포장마차 - 밤", "제1화 첫눈", "서윤 : 비가 오네요.", "도현\t우산?",
    "서윤(29), 창가에 앉아 있다.", "Insert) 휴대폰 화면.", "(웃으며) 네.", "등장인물", "극본 : 한지수",
    "CHAPTER I.", "Chapter 3: The Letter", "VOLUME II", "* * *", "[Illustration: x]",
    '"Go," said Mr. Darcy, "now."', "\u201cYes,\u201d she cried.", "\u2018Oh,\u2019 he said",
    "Mr. John", "Dashwood came in.", "PROJECT GUTENBERG", "---", "title: Draft",
    "1", "00:00:01,000 --> 00:00:02,000", "00:01.000 --> 00:02.000 align:start", "WEBVTT",
    "<i>italic</i>", "{\\an8}top", "<SYNC Start=100><P Class=KRCC>", "{1}{25}line", "-->",
]  # fmt: skip
_fragment = st.one_of(st.sampled_from(_SYNTAX), st.text(max_size=30))
_long_run = st.builds(
    lambda pre, ch, n, suf: pre + ch * n + suf,
    st.sampled_from(mutate.RUN_PREFIXES),
    st.sampled_from(mutate.RUN_CHARS),
    st.integers(32_000, 40_000),
    st.sampled_from(mutate.RUN_SUFFIXES),
)
_deep = st.builds(
    lambda tag, n: f"<{tag}>" * n + "x" + f"</{tag}>" * n,
    st.sampled_from(["div", "span", "p", "Paragraph", "b"]),
    st.integers(300, 2000),
)
_repeated = st.builds(
    lambda line, n: "\n".join([line] * n), st.sampled_from(_SYNTAX), st.integers(300, 1500)
)
_piece = st.one_of(_fragment, _fragment, _fragment, _fragment, _long_run, _deep, _repeated)
_sep = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n  \n", "\n\t\n", "\u2028", ""])
TEXTS = st.lists(st.tuples(_piece, _sep), min_size=1, max_size=10).map(
    lambda parts: "".join(p + s for p, s in parts)
)
FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _reads_or_refuses(fn, *args) -> None:  # type: ignore[no-untyped-def]
    try:
        fn(*args)
    except DramaturgError:
        pass


@FUZZ
@given(TEXTS)
def test_fountain_parses_any_text(text: str) -> None:
    fountain.parse(text, "x.fountain")
    fountain.score(text)


@FUZZ
@given(TEXTS)
def test_korean_parses_any_text(text: str) -> None:
    korean.parse(text, "x.txt")
    korean.score(text)


@FUZZ
@given(TEXTS, st.sampled_from(["x.txt", "x.md"]))
def test_prose_parses_any_text(text: str, name: str) -> None:
    prose.parse(text, name)
    prose.score(text)


@FUZZ
@given(TEXTS)
def test_fdx_parses_or_refuses_any_text(text: str) -> None:
    doc = '<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Action"><Text>'
    _reads_or_refuses(fdx.parse, text, "x.fdx")
    _reads_or_refuses(fdx.parse, doc + text + "</Text></Paragraph></Content></FinalDraft>", "x.fdx")


@FUZZ
@given(TEXTS, st.sampled_from(["a.srt", "a.vtt", "a.ass", "a.ssa", "a.smi", "a.ttml", "a.sub"]))
def test_the_subtitle_loader_loads_or_refuses_any_text(text: str, name: str) -> None:
    _reads_or_refuses(loads, text, name)
    _reads_or_refuses(subtitle_reader.parse, text, name)
    subtitle_reader.score(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([".txt", ".md", "", ".fountain", ".srt"]))
def test_read_reads_or_refuses_any_file(
    tmp_path_factory: pytest.TempPathFactory, text: str, ext: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{ext}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _reads_or_refuses(read, path)


# ---------------------------------------------------------------- seeded mutation


_TARGETS = mutate.reader_targets()
# mutated inputs per target in the normal run: with the hypothesis texts above, a few hundred
# for each text reader; fewer where one input costs more (python-docx, SAMI written back)
_PER_TARGET = {
    "fountain": 200, "fdx": 200, "korean": 200, "hwpx": 200, "epub": 100, "docx": 12,
    "txt-any": 100, "subs-ass": 100, "subs-ssa": 150, "subs-sub": 200, "subs-vtt": 100,
    "subs-xml": 200, "subs-smi": 40, "subs-sami": 25,
}  # fmt: skip
_SMALL_SEED = 64 * 1024  # the normal run mutates the smaller fixtures


@pytest.mark.parametrize("name", sorted(_TARGETS))
def test_seeded_mutations_read_or_refuse(name: str, tmp_path: Path) -> None:
    target = _TARGETS[name]
    seeds = [s for s in target.seeds() if len(s) <= _SMALL_SEED]
    if not seeds and target.seeds() and not target.container:
        seeds = [min(target.seeds(), key=len)[:_SMALL_SEED]]  # the start of the smallest
    if not seeds:
        pytest.skip("no seed files (shared data not mounted)")
    crashes = []
    for i in range(_PER_TARGET.get(name, 50)):
        rng = random.Random(f"test:{name}:{i}")
        data = mutate.mutate(target, rng.choice(seeds), rng)
        out = mutate.run_one(target, data, tmp_path, quick=True)
        if out.kind == "crash" or out.warnings:
            crashes.append((i, out.signature or out.warnings, out.detail[-800:]))
    assert crashes == []


# ---------------------------------------------------------------- kept crashers


def _crashers() -> list[Path]:
    return sorted(p for p in CRASHERS.glob("*") if p.is_file() and p.name != "README.md")


def _target_for(path: Path) -> mutate.Target:
    # a crasher named for a command ("c11-analyze-prose-...") goes through that command
    commands = mutate.targets()
    for name, target in commands.items():
        if target.command and f"-{name}-" in path.name:
            return target
    by_ext = {t.ext: t for t in _TARGETS.values() if not t.name.startswith("txt")}
    return by_ext.get(path.suffix.lower(), _TARGETS["txt-any"])


@pytest.mark.parametrize("path", _crashers(), ids=lambda p: p.name)
def test_a_kept_crasher_reads_or_gives_one_clear_error(path: Path, tmp_path: Path) -> None:
    out = mutate.run_one(_target_for(path), path.read_bytes(), tmp_path)
    assert out.kind in ("ok", "error"), out.detail
    assert out.warnings == []
    if out.kind == "error":
        assert out.detail.startswith(str(tmp_path)) and "\n" not in out.detail
