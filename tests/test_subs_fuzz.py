"""Property tests: readers either parse or raise DramaturgError, and SRT round-trips."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dramaturg.errors import DramaturgError
from dramaturg.subtitles.io import dumps, loads
from dramaturg.subtitles.model import Cue, Subtitles
from dramaturg.subtitles.qc import check
from dramaturg.text.encoding import decode_bytes

_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("가나다 -.…<>"),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() and "-->" not in s and not s.strip().isdigit())


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10**7), st.integers(1, 10**5), st.lists(_line, min_size=1, max_size=3)
        ),
        min_size=1,
        max_size=8,
    )
)
def test_srt_compose_then_parse_round_trips(items: list[tuple[int, int, list[str]]]) -> None:
    cues = [Cue(s, s + d, "\n".join(ln.strip() for ln in lines)) for s, d, lines in items]
    subs = Subtitles(path="a.srt", format="srt", encoding="utf-8", cues=cues)
    back = loads(dumps(subs), "a.srt")
    assert [(c.start, c.end, c.text) for c in back.cues] == [(c.start, c.end, c.text) for c in cues]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["a.srt", "a.vtt", "a.smi", "a.ttml", "a.ass"]))
def test_any_text_parses_or_raises_a_dramaturg_error(text: str, name: str) -> None:
    try:
        subs = loads(text, name)
    except DramaturgError:
        return
    check(subs, "netflix-ko")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_a_dramaturg_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "x.srt")
    except DramaturgError:
        return
    assert isinstance(text, str) and encoding
