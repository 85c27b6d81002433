"""Quality checks for delivery: every rule of a profile, run over a subtitle file.

Each check is a small generator named in :data:`CHECKS`; a profile (TOML) maps rule ids from
RULES.md to checks and parameters, so the same ``line_length`` check serves EN-CPL (42, plain
count) and KO-CPL (16, Netflix Korean weighting).

>>> from dramaturg.subtitles.io import loads
>>> subs = loads("1\\n00:00:01,000 --> 00:00:01,700\\n안녕하세요...\\n", "a.srt")
>>> [f.rule for f in check(subs, load_profile("netflix-ko"))]
['GEN-MIN-DUR', 'GEN-ELLIPSIS']
"""

from __future__ import annotations

import bisect
import html
import math
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dramaturg.subtitles.length import strip_markup, text_length
from dramaturg.subtitles.model import Cue, Subtitles
from dramaturg.subtitles.profiles import (
    Profile,
    Rule,
    load_profile,
    read_data_file,
)
from dramaturg.subtitles.sdh import (
    LAYOUT_MARK,
    bracket_misused,
    conventions_of,
    is_layout,
    label_of,
)

__all__ = [
    "Finding",
    "check",
    "summarize",
    "CHECKS",
    "timecode",
    "shot_in_target",
    "shot_out_target",
]


@dataclass(slots=True)
class Finding:
    """One rule broken by one cue. ``index`` is the 1-based cue number in file order (0 for a
    finding about the whole file); ``start``/``end`` are the cue's times in milliseconds."""

    rule: str
    index: int
    start: int
    end: int
    message: str
    severity: str
    fixable: bool
    file: str = ""
    line: int | None = None

    def start_tc(self) -> str:
        return timecode(self.start)

    def to_dict(self) -> dict[str, Any]:
        # built by hand: dataclasses.asdict deep-copies field by field (1.5 s for 100k findings)
        return {
            "rule": self.rule,
            "index": self.index,
            "start": timecode(self.start),
            "end": timecode(self.end),
            "message": self.message,
            "severity": self.severity,
            "fixable": self.fixable,
            "file": self.file,
            "line": self.line,
            "start_ms": self.start,
            "end_ms": self.end,
        }


@lru_cache(maxsize=1 << 16)
def timecode(ms: int) -> str:
    """``HH:MM:SS.mmm`` (cached: a report names the same cue times many times)."""
    return _timecode(ms)


def _timecode(ms: int) -> str:
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{sign}{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _screen_text(subs: Subtitles) -> list[str]:
    """Each cue's text as shown: markup removed (WebVTT's entities read)."""
    plain = [strip_markup(c.text) for c in subs.cues]
    if subs.format == "vtt":  # WebVTT escapes &, < and > as entities
        plain = [html.unescape(p) if "&" in p else p for p in plain]
    return plain


class _Context:
    """What every check needs, computed once: screen text per cue, time order, frame rate."""

    def __init__(
        self,
        subs: Subtitles,
        profile: Profile,
        fps: float,
        shot_changes: Sequence[int] | None = None,
        plain: list[str] | None = None,
    ) -> None:
        self.subs = subs
        self.conventions = conventions_of(profile.sdh)
        #: shot changes in ms, sorted; None when no list was given (those rules stay silent)
        self.shot_changes = sorted(shot_changes) if shot_changes is not None else None
        self.cues = subs.cues
        self.profile = profile
        self.fps = fps
        self.method = profile.length
        # ASS/SSA keep centiseconds, so a gap can only land on a multiple of 10 ms
        self.tolerance = 10 if subs.format in ("ass", "ssa") else 1
        self.plain = _screen_text(subs) if plain is None else plain
        self._lines: list[list[str]] | None = None
        self._dialogue: list[list[str]] | None = None
        self._order: list[int] | None = None
        self._pairs: list[tuple[int, int, int]] | None = None

    @property
    def lines(self) -> list[list[str]]:
        """Screen lines per cue, outer blank lines dropped."""
        if self._lines is None:
            out: list[list[str]] = []
            append = out.append
            for p in self.plain:
                if "\n" not in p:
                    append([p] if p.strip() else [])
                    continue
                ls = p.split("\n")
                while ls and not ls[-1].strip():
                    ls.pop()
                while ls and not ls[0].strip():
                    ls.pop(0)
                append(ls)
            self._lines = out
        return self._lines

    @property
    def dialogue(self) -> list[list[str]]:
        """Screen lines per cue that are dialogue: SDH speaker and sound lines are layout
        (only a cue of several lines can hold both)."""
        if self._dialogue is None:
            conv = self.conventions
            mark = LAYOUT_MARK.search
            self._dialogue = [
                [ln for ln in ls if not (mark(ln) and is_layout(ln, conv))]
                if len(ls) > 1 and mark("\n".join(ls))
                else ls
                for ls in self.lines
            ]
        return self._dialogue

    @property
    def order(self) -> list[int]:
        """Cue positions in time order (files are not always sorted)."""
        if self._order is None:
            cues = self.cues
            if all(cues[k].start <= cues[k + 1].start for k in range(len(cues) - 1)):
                self._order = list(range(len(cues)))
            else:
                self._order = sorted(range(len(cues)), key=lambda k: (cues[k].start, cues[k].end))
        return self._order

    def frames_ms(self, frames: float) -> float:
        return frames * 1000.0 / self.fps

    def finding(self, rule: Rule, k: int, message: str, fixable: bool | None = None) -> Finding:
        cue = self.cues[k]
        # positional: a report can hold 100k findings, and keywords cost a third of the time
        return Finding(
            rule.id, k + 1, cue.start, cue.end, message, rule.severity,
            CHECKS[rule.check][1] if fixable is None else fixable, self.subs.path, cue.line,
        )  # fmt: skip


Check = Callable[[_Context, Rule], Iterator[Finding]]
_DASHES = ("-", "\u2013", "\u2014")


def _min_duration(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    limit = float(rule.params.get("min_ms", 833))
    for k, c in enumerate(ctx.cues):
        d = c.end - c.start
        if 0 < d < limit:
            yield ctx.finding(rule, k, f"shown for {d} ms, under the minimum {limit:g} ms")


def _max_duration(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    limit = float(rule.params.get("max_ms", 7000))
    for k, c in enumerate(ctx.cues):
        d = c.end - c.start
        if d > limit:
            yield ctx.finding(rule, k, f"shown for {d} ms, over the maximum {limit:g} ms")


def _negative_duration(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for k, c in enumerate(ctx.cues):
        if c.end <= c.start:
            what = "ends before it starts" if c.end < c.start else "has zero duration"
            yield ctx.finding(rule, k, f"cue {what} ({timecode(c.start)} --> {timecode(c.end)})")


def _empty(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for k, p in enumerate(ctx.plain):
        if not p.strip() and "\\p" not in ctx.cues[k].text:  # an ASS drawing is not empty
            yield ctx.finding(rule, k, "cue has no text")


def _pairs(ctx: _Context) -> list[tuple[int, int, int]]:
    """(earlier, later, gap in ms) for neighbours in time order, skipping broken cues."""
    if ctx._pairs is None:
        cues = ctx.cues
        plain = ctx.plain
        # cues with nothing to read (ASS drawings, tag-only events) take no part in gap rules
        order = [
            k for k in ctx.order
            if cues[k].end > cues[k].start and (plain[k].strip() or not cues[k].text.strip())
        ]  # fmt: skip
        ctx._pairs = [
            (a, b, cues[b].start - cues[a].end) for a, b in zip(order, order[1:], strict=False)
        ]
    return ctx._pairs


def _min_gap(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    frames = float(rule.params.get("frames", 2))
    need = ctx.frames_ms(frames)
    for a, b, gap in _pairs(ctx):
        if 0 <= gap < need - ctx.tolerance:  # times are rounded to ms (ASS: to 10 ms)
            yield ctx.finding(
                rule, a,
                f"gap of {gap} ms to cue {b + 1}, under {frames:g} frames "
                f"({need:.1f} ms at {ctx.fps:g} fps)",
            )  # fmt: skip


def _overlap(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for a, b, gap in _pairs(ctx):
        if gap < 0:
            yield ctx.finding(rule, a, f"overlaps cue {b + 1} by {-gap} ms")


def _chain_gap(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    # Whether a small gap should be closed depends on the picture: a gap that holds a shot
    # change is right where it is. Without a shot-change list there is nothing to judge by.
    if ctx.shot_changes is None:
        return
    low = ctx.frames_ms(float(rule.params.get("min_frames", 2)))
    max_frames = float(rule.params.get("max_frames", 12))
    high = ctx.frames_ms(max_frames)
    cuts = ctx.shot_changes
    for a, b, gap in _pairs(ctx):
        if low + ctx.tolerance < gap <= high + 1:
            if _cut_between(cuts, ctx.cues[a].end, ctx.cues[b].start + 1):
                continue
            yield ctx.finding(
                rule, a,
                f"gap of {gap} ms ({gap * ctx.fps / 1000:.1f} frames) to cue {b + 1}: gaps up to "
                f"{max_frames:g} frames should be closed to {rule.params.get('min_frames', 2)}",
            )  # fmt: skip


def _cut_between(cuts: list[int], start: int, end: int) -> bool:
    """A shot change at or after ``start`` and before ``end`` (ms)."""
    at = bisect.bisect_left(cuts, start)
    return at < len(cuts) and cuts[at] < end


def _max_lines(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    limit = int(rule.params.get("max", 2))
    for k, ls in enumerate(ctx.dialogue):
        if len(ls) > limit:
            yield ctx.finding(rule, k, f"{len(ls)} lines of dialogue, more than {limit}")


def _is_dialogue_pair(lines: list[str]) -> bool:
    return len(lines) >= 2 and all(ln.lstrip().startswith(_DASHES) for ln in lines)


def _speaker_per_line(lines: list[str]) -> bool:
    """Each line starts with its speaker's label (``(진아) 응`` / ``(민준) 왜``): two voices."""
    return sum(1 for ln in lines if ln.lstrip()[:1] in "([" and label_of(ln)) >= 2


def _one_line(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    limit = float(rule.params.get("max", 42))
    max_lines = int(ctx.profile.param("max_lines", "max", 2))
    for k, ls in enumerate(ctx.dialogue):
        # more lines than allowed is GEN-MAX-LINES's finding, not this one's
        if len(ls) < 2 or len(ls) > max_lines or _is_dialogue_pair(ls):
            continue
        if _speaker_per_line(ls):
            continue
        joined = " ".join(ln.strip() for ln in ls)
        n = text_length(joined, ctx.method, markup=False)
        if n <= limit:
            yield ctx.finding(rule, k, f"fits on one line ({n:g} of {limit:g} characters)")


_THREE_DOTS = re.compile(r"\.\.\.+")


def _ellipsis(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for k, p in enumerate(ctx.plain):
        if "..." in p:
            yield ctx.finding(rule, k, "three dots '...' instead of the ellipsis character '…'")


# a space before an ellipsis that opens the next words ("(하나) …뭐라고요?", "I... ...know") is
# the space between two words, not a stray one
_SPACE_BEFORE_PUNCT = re.compile(
    r"(?<![-\u2013\u2014\s]) +(?=[!?).,\u2026\]])(?!(?:\u2026|\.{3,})\w)"
)
# "( clock ticking )": a space just inside an opening bracket (the closing one's is above)
SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[]) +")


# a cheap test that a cue may have a whitespace problem: every problem below needs one of
# these in the cue's screen text (a line's edge is a ``^``/``$`` of a line of it)
_MAYBE_WHITESPACE = re.compile("  |\t|^[ \t\u3000]|[ \t\u3000]$| [!?).,\u2026\\]]|[(\\[] ", re.M)


def _whitespace(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    plain = ctx.plain
    maybe = _MAYBE_WHITESPACE.search
    if maybe("\n".join(plain)) is None:
        return  # no cue has one (a match never spans two cues: none holds a line break)
    for k, ls in enumerate(ctx.lines):
        if maybe(plain[k]) is None:
            continue
        problems = []
        for ln in ls:
            if ln != ln.strip(" \t\u3000"):
                problems.append("space at the start or end of a line")
            if "  " in ln:
                problems.append("two or more spaces in a row")
            if "\t" in ln.strip():
                problems.append("tab inside a line")
            if _SPACE_BEFORE_PUNCT.search(ln):
                problems.append("space before punctuation")
            if SPACE_AFTER_OPEN.search(ln):
                problems.append("space inside brackets")
        if problems:
            yield ctx.finding(rule, k, "; ".join(dict.fromkeys(problems)))


def _glyph_spans(name: str) -> list[tuple[int, int]]:
    """The glyph list ``name`` as sorted, merged code point spans (with "\\n")."""
    spans: list[tuple[int, int]] = [(10, 10)]
    for raw in read_data_file(name).splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        lo, _, hi = raw.partition("-")
        spans.append((int(lo, 16), int(hi or lo, 16)))
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if a > b:
            continue  # an empty range holds nothing
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


@lru_cache(maxsize=4)
def _glyph_set(name: str) -> frozenset[str]:
    allowed: set[str] = set()
    for a, b in _glyph_spans(name):
        allowed.update(chr(c) for c in range(a, b + 1))
    return frozenset(allowed)


_ASCII_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


@lru_cache(maxsize=4)
def _outside_glyphs(name: str) -> re.Pattern[str]:
    """A character not on the glyph list ``name`` (one search per cue instead of a set),
    built from the list's ranges (the set of its 38k characters is only made when a cue
    holds one that is not on it)."""
    ranges = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in _glyph_spans(name)
    )
    return re.compile(f"[^{ranges}]")


def _glyphs(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    name = str(rule.params.get("list", "netflix_glyphs.txt"))
    outside = _outside_glyphs(name).search
    if outside("\n".join(ctx.plain)) is None:
        return  # every character of every cue is on the list ("\n" is)
    allowed = _glyph_set(name)
    for k, p in enumerate(ctx.plain):
        if p.isascii() and not _ASCII_CONTROL.search(p):
            continue  # printable ASCII is all on the list
        if outside(p) is None:
            continue
        bad = sorted(set(p) - allowed)
        if bad:
            shown = ", ".join(f"U+{ord(ch):04X}" for ch in bad[:5])
            yield ctx.finding(rule, k, f"characters outside the glyph list: {shown}")


def _frame_rate(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    fps = ctx.subs.fps
    if ctx.subs.format != "ttml" or fps is None:
        return
    allowed = [float(x) for x in rule.params.get("allowed", [])]
    if not any(abs(fps - a) <= 0.01 for a in allowed):
        yield Finding(
            rule.id, 0, 0, 0, f"TTML frame rate {fps:g} is not a delivery frame rate",
            rule.severity, False, ctx.subs.path, None,
        )  # fmt: skip


def _line_length(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    limit = float(rule.params.get("max", 42))
    method = ctx.method
    for k, ls in enumerate(ctx.lines):
        for no, ln in enumerate(ls, 1):
            if len(ln) <= limit:  # no line counts more than its characters
                continue
            n = text_length(ln, method, markup=False)
            if n > limit:
                yield ctx.finding(rule, k, f"line {no} is {n:g} characters, over {limit:g}")


def _reading_speed(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    limit = float(rule.params.get("max", 20))
    method = ctx.method
    for k, c in enumerate(ctx.cues):
        d = c.end - c.start
        if d <= 0:
            continue
        p = ctx.plain[k]
        if len(p) <= limit * d / 1000:  # cheap bound: weighted length <= character count
            continue
        n = text_length(p, method, markup=False)
        cps = n * 1000 / d
        if round(cps, 2) > limit:
            yield ctx.finding(rule, k, f"reading speed {cps:.1f} characters/s, over {limit:g}")


_TWO_SPEAKERS_ONE_LINE = re.compile(r"\S\s+[-\u2013\u2014]\s?\S")


def _dual_speaker(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    with_space = rule.params.get("style", "dash-nospace") == "dash-space"
    good = re.compile(r"- \S" if with_space else r"-[^\s-]")
    example = "'- text'" if with_space else "'-text'"
    plain = ctx.plain
    for k, ls in enumerate(ctx.lines):
        p = plain[k]
        if not ls or ("-" not in p and "\u2013" not in p and "\u2014" not in p):
            continue
        starts = [ln.lstrip() for ln in ls]
        dashed = [st.startswith(_DASHES) and not st.startswith("--") for st in starts]
        if not any(dashed):
            continue
        problems = []
        if len(ls) >= 2 and not all(dashed):
            problems.append("each speaker's line must start with a dash")
        if len(ls) == 1 and _TWO_SPEAKERS_ONE_LINE.search(starts[0][1:]):
            problems.append("two speakers on one line")
        for st, d in zip(starts, dashed, strict=True):
            if d and not good.match(st):
                problems.append(f"dialogue dash must be written {example}")
                break
        if problems:
            yield ctx.finding(rule, k, "; ".join(problems))


_ITALIC_OPEN = re.compile(r"<i>|\{\\i1\}", re.I)
_ITALIC_CLOSE = re.compile(r"</i>|\{\\i0?\}", re.I)


def _italics(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    allowed = bool(rule.params.get("allowed", True))
    for k, c in enumerate(ctx.cues):
        t = c.text
        if "<" not in t and "{" not in t:
            continue
        opens = len(_ITALIC_OPEN.findall(t))
        if not allowed:
            if opens:
                yield ctx.finding(rule, k, "italics are not used in this language")
            continue
        if "<" in t:
            depth, broken = 0, False
            for m in re.finditer(r"</?i>", t, re.I):
                depth += -1 if m.group().startswith("</") else 1
                broken = broken or depth < 0 or depth > 1
            if broken or depth != 0:
                yield ctx.finding(rule, k, "unbalanced <i> tags")


def _end_punctuation(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    forbidden = tuple(rule.params.get("forbidden", [".", ","]))
    plain = ctx.plain
    for k, ls in enumerate(ctx.lines):
        p = plain[k]
        for mark in forbidden:
            if mark in p:
                break
        else:
            continue  # no forbidden mark anywhere in the cue
        for no, ln in enumerate(ls, 1):
            s = ln.rstrip()
            if s.endswith(forbidden) and not s.endswith(".."):
                yield ctx.finding(rule, k, f"line {no} ends with {s[-1]!r}")
                break


ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}")


def _acronym_periods(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for k, p in enumerate(ctx.plain):
        m = ACRONYM.search(p) if "." in p else None
        if m:
            yield ctx.finding(rule, k, f"acronym {m.group()!r} is written without periods")


_WORD = re.compile(r"\S+")
_ONE_TO_TEN = re.compile(r"(?<![\w.,:/$£€#-])(10|[1-9])(?![\w%°]|[.,:/]\d|-\d)")


@lru_cache(maxsize=4)
def number_words(name: str = "numbers-en.toml") -> dict[str, Any]:
    """A language's numbers in words and the words around a digit that keep its figure
    (``profiles/numbers-en.toml``)."""
    data: dict[str, Any] = tomllib.loads(read_data_file(name))
    data["keep_after"] = frozenset(data.get("keep_after", ()))
    data["keep_before"] = frozenset(data.get("keep_before", ()))
    return data


def one_to_ten(text: str, words: dict[str, Any]) -> list[re.Match[str]]:
    """The digits 1 to 10 in ``text`` that count something: not part of a time, a decimal,
    a score (``3-2``), an amount (``$5``), and not naming (``Room 2``, ``2 p.m.``)."""
    out = []
    # the words around each digit are looked up among the text's words, found once (cutting
    # the text before and after every digit was quadratic in a long line of numbers)
    spans = [(w.start(), w.end()) for w in _WORD.finditer(text)]
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    for m in _ONE_TO_TEN.finditer(text):
        i = bisect.bisect_left(starts, m.start()) - 1  # the last word begun before the digit
        if i >= 0:
            a, b = spans[i]
            if text[a : min(b, m.start())].lower() in words["keep_after"]:
                continue
        j = bisect.bisect_right(ends, m.end())  # the first word going on after it
        if j < len(spans):
            a, b = spans[j]
            nxt = text[max(a, m.end()) : b].lower()
            if nxt in words["keep_before"] or nxt.rstrip(".,!?;:") in words["keep_before"]:
                continue
        out.append(m)
    return out


def _numbers_one_to_ten(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    words = number_words(str(rule.params.get("words", "numbers-en.toml")))
    for k, p in enumerate(ctx.plain):
        if not any(ch.isdigit() for ch in p):
            continue
        found = one_to_ten(p, words)
        if found:
            yield ctx.finding(rule, k, f"spell out numbers one to ten: {found[0].group()!r}")


START_NUMBER = re.compile(r"(?:^|[.!?,]\s+)(\d+) [A-Za-z]")
LINE_START_NUMBER = re.compile(r"^\s*(?:[-\u2013\u2014]\s?|\u2026\s?)?(\d+) [A-Za-z]")


def _number_at_sentence_start(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for k, ls in enumerate(ctx.lines):
        if not any(ch.isdigit() for ch in ctx.plain[k]):
            continue
        hit = None
        for no, ln in enumerate(ls):
            starts_sentence = no == 0 or ln.lstrip().startswith(_DASHES)
            m = LINE_START_NUMBER.match(ln) if starts_sentence else None
            # from the second character on (a line's first is LINE_START_NUMBER's): ``^``
            # does not match there, so the '5' of '05 dogs' is no sentence's number
            m = m or START_NUMBER.search(ln, 1) if m is None else m
            if m:
                hit = m.group(1)
                break
        if hit:
            yield ctx.finding(rule, k, f"spell out the number that starts a sentence: {hit!r}")


def _sdh_brackets(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    conv = ctx.conventions
    for k, ls in enumerate(ctx.lines):
        for ln in ls:
            role = bracket_misused(ln, conv)
            if role:
                where = "speaker IDs" if role == "speaker" else "sound cues"
                want = (conv.speaker_brackets if role == "speaker" else conv.sound_brackets)[0]
                yield ctx.finding(rule, k, f"{where} go in {want[0]} {want[1]}")
                break


def _near_cuts(cuts: list[int], t: int, reach: float) -> list[int]:
    lo = bisect.bisect_left(cuts, t - reach)
    hi = bisect.bisect_right(cuts, t + reach)
    return cuts[lo:hi]


def shot_in_target(
    start: int, end: int, cuts: list[int], fps: float, params: dict[str, Any]
) -> int | None:
    """Where an in-time near a shot change belongs (ms), or None when it is right.

    Netflix (at 24 fps): an in-time within 7 frames of a shot change moves onto it; one 8 to
    11 frames before it is pulled to 12 frames before; one after it, within the zone, snaps
    back onto it (Subtitle Edit's reading of the zone rule)."""
    frame = 1000.0 / fps
    zone = float(params.get("zone_frames", 12))
    snap = float(params.get("snap_frames", 7))
    near = sorted((abs(start - c), c) for c in _near_cuts(cuts, start, zone * frame) if c < end)
    if near and near[0][0] < frame / 2:
        return None  # on a shot change
    for _, c in near:
        d = (start - c) / frame
        if 0 < d < zone - 0.5 or -snap - 0.5 < d < 0:
            return c
        if -zone + 0.5 < d <= -snap - 0.5:
            return round(c - zone * frame)
    return None


def shot_out_target(
    start: int, end: int, cuts: list[int], fps: float, params: dict[str, Any]
) -> int | None:
    """Where an out-time near a shot change belongs (ms), or None when it is right: two
    frames before the shot change when it ends within the zone before it, on it or up to 7
    frames after it; 12 frames after it when it ends 8 to 11 frames after it."""
    frame = 1000.0 / fps
    zone = float(params.get("zone_frames", 12))
    snap = float(params.get("snap_frames", 7))
    gap = float(params.get("gap_frames", 2))
    near = sorted((abs(end - c), c) for c in _near_cuts(cuts, end, zone * frame) if c > start)
    if any(abs((end - c) / frame + gap) < 0.5 for _, c in near):
        return None  # two frames before a shot change
    for _, c in near:
        d = (end - c) / frame
        if -zone + 0.5 < d < snap + 0.5:
            return int(c - math.ceil(gap * frame))
        if snap + 0.5 <= d < zone - 0.5:
            return round(c + zone * frame)
    return None


def _shot_in(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    cuts = ctx.shot_changes
    if not cuts:
        return
    for k, c in enumerate(ctx.cues):
        target = shot_in_target(c.start, c.end, cuts, ctx.fps, rule.params)
        if target is not None:
            frames = (c.start - target) * ctx.fps / 1000
            yield ctx.finding(
                rule, k,
                f"in-time {frames:+.0f} frames from where the shot change puts it "
                f"({timecode(target)})",
            )  # fmt: skip


def _shot_out(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    cuts = ctx.shot_changes
    if not cuts:
        return
    for k, c in enumerate(ctx.cues):
        target = shot_out_target(c.start, c.end, cuts, ctx.fps, rule.params)
        if target is not None:
            frames = (c.end - target) * ctx.fps / 1000
            yield ctx.finding(
                rule, k,
                f"out-time {frames:+.0f} frames from where the shot change puts it "
                f"({timecode(target)})",
            )  # fmt: skip


#: check name -> (function, whether ``subs fix`` repairs it)
CHECKS: dict[str, tuple[Check, bool]] = {
    "min_duration": (_min_duration, True),
    "max_duration": (_max_duration, True),
    "negative_duration": (_negative_duration, True),
    "empty": (_empty, True),
    "min_gap": (_min_gap, True),
    "overlap": (_overlap, True),
    "chain_gap": (_chain_gap, True),
    "max_lines": (_max_lines, True),
    "one_line": (_one_line, True),
    "ellipsis": (_ellipsis, True),
    "whitespace": (_whitespace, True),
    "glyphs": (_glyphs, False),
    "frame_rate": (_frame_rate, False),
    "line_length": (_line_length, True),
    "reading_speed": (_reading_speed, True),
    "dual_speaker": (_dual_speaker, True),
    "italics": (_italics, True),
    "end_punctuation": (_end_punctuation, True),
    "acronym_periods": (_acronym_periods, True),
    "numbers_one_to_ten": (_numbers_one_to_ten, True),
    "number_at_sentence_start": (_number_at_sentence_start, True),
    "sdh_brackets": (_sdh_brackets, True),
    "shot_change_in": (_shot_in, True),
    "shot_change_out": (_shot_out, True),
}

#: checks that read nothing of a cue but its text (not its times, nor another cue): a cue
#: whose text is the same as an earlier check's has the same findings of these
TEXT_ONLY_CHECKS = frozenset(
    {
        "empty", "max_lines", "one_line", "ellipsis", "whitespace", "glyphs", "line_length",
        "dual_speaker", "italics", "end_punctuation", "acronym_periods", "numbers_one_to_ten",
        "number_at_sentence_start", "sdh_brackets",
    }
)  # fmt: skip


def resolve_fps(subs: Subtitles, profile: Profile, fps: float | None) -> float:
    """Frame rate for frame-based rules: --fps, else the file's, else the profile's."""
    return float(fps or subs.fps or profile.fps or 23.976)


def check(
    subs: Subtitles,
    profile: Profile | str,
    *,
    fps: float | None = None,
    shot_changes: Sequence[int] | None = None,
) -> list[Finding]:
    """All findings for ``subs`` under ``profile``, ordered by cue then by rule order.

    ``shot_changes`` (ms) switches on the rules that judge timing against the picture
    (GEN-CHAIN-GAP, SHOT-IN, SHOT-OUT); without a list they report nothing.
    """
    if isinstance(profile, str):
        profile = load_profile(profile)
    findings = _run(subs, profile, fps, shot_changes)
    rank = {r.id: n for n, r in enumerate(profile.rules)}
    findings.sort(key=lambda f: (f.file, f.index, rank.get(f.rule, 0)))
    return findings


#: (rules a cue breaks, start of the cue after it for the gap rules or None): what
#: :func:`rules_by_cue` knows of a cue from an earlier check of the same cue
Known = tuple[frozenset[str] | set[str], int | None]


def rules_by_cue(
    subs: Subtitles,
    profile: Profile,
    *,
    fps: float | None = None,
    shot_changes: Sequence[int] | None = None,
    known: dict[int, Known] | None = None,
    known_text: dict[int, frozenset[str] | set[str]] | None = None,
) -> tuple[dict[int, set[str]], list[int | None]]:
    """The rule ids each cue breaks (1-based index; file-level findings left out), and for
    each cue (0-based) the start of the cue after it in the gap rules' sense (None when none).

    ``known`` maps cue positions (0-based) to what an earlier check found for a cue with the
    same start, end and text, and the start of the cue that followed it then. Every rule but
    the gap rules reads only the cue itself, and those read only its end and the next cue's
    start: a known cue whose next cue starts where it did keeps its findings, and only the
    others are checked again (with the cues that follow them), as :func:`check` would.

    ``known_text`` maps cue positions to what an earlier check found for a cue with the same
    text (its times may differ): the rules of :data:`TEXT_ONLY_CHECKS` are then not run on
    it again, their findings are taken from there (the others are run as above).
    """
    cues = subs.cues
    n = len(cues)
    plain = _screen_text(subs)
    if all(cues[k].start <= cues[k + 1].start for k in range(n - 1)):
        order: list[int] = list(range(n))
    else:
        order = sorted(range(n), key=lambda k: (cues[k].start, cues[k].end))
    # the same cues as _pairs: nothing to read (drawings, tag-only events) and broken ones out
    paired = [
        k for k in order
        if cues[k].end > cues[k].start and (plain[k].strip() or not cues[k].text.strip())
    ]  # fmt: skip
    nexts: list[int | None] = [None] * n
    follower: dict[int, int] = {}
    for a, b in zip(paired, paired[1:], strict=False):
        nexts[a] = cues[b].start
        follower[a] = b
    found: dict[int, set[str]] = {}
    dirty = list(range(n))
    text_rules = [r for r in profile.rules if r.check in TEXT_ONLY_CHECKS]
    other_rules = [r for r in profile.rules if r.check not in TEXT_ONLY_CHECKS]
    if known is None and not known_text:
        # nothing known yet (a first check, whose entries fix reads by cue, not in order):
        # the rules that read only the text run once per text
        _check_part(
            subs, profile, fps, shot_changes, dirty, order, follower, found, other_rules, plain
        )
        _check_texts(subs, profile, fps, shot_changes, dirty, order, found, text_rules, plain)
        return found, nexts
    if known:
        dirty = []
        for k in range(n):
            had = known.get(k)
            if had is None or had[1] != nexts[k]:
                dirty.append(k)
            elif had[0]:
                found[k + 1] = set(had[0])
    if not known_text:
        _check_part(subs, profile, fps, shot_changes, dirty, order, follower, found, None, plain)
        return found, nexts
    # a dirty cue whose text is known: only the rules that read its times run on it
    text_ids = frozenset(r.id for r in text_rules)
    text_dirty = []
    for k in dirty:
        same = known_text.get(k)
        if same is None:
            text_dirty.append(k)
            continue
        for rid in text_ids.intersection(same):
            found.setdefault(k + 1, set()).add(rid)
    _check_part(subs, profile, fps, shot_changes, dirty, order, follower, found, other_rules, plain)
    _check_texts(subs, profile, fps, shot_changes, text_dirty, order, found, text_rules, plain)
    return found, nexts


def _check_texts(
    subs: Subtitles,
    profile: Profile,
    fps: float | None,
    shot_changes: Sequence[int] | None,
    dirty: list[int],
    order: list[int],
    found: dict[int, set[str]],
    rules: list[Rule],
    plain: list[str],
) -> None:
    """:func:`_check_part` for ``rules`` that read nothing but a cue's text (and no other
    cue): they are run on one cue per text, and what they find is added to ``found`` for
    every cue with that text, in the order :func:`_check_part` would add it (rule by rule,
    the cues of the part in time order, or all cues in file order; a profile's rule ids are
    the keys of its TOML table, one rule each)."""
    cues = subs.cues
    if not dirty or not rules:
        return
    if len(dirty) >= len(cues):
        seq = list(range(len(cues)))  # the whole file at once, as _check_part checks it
    else:
        want = set(dirty)
        seq = [k for k in order if k in want]
    first: dict[str, int] = {}  # each text -> the first cue with it
    for k in seq:
        first.setdefault(cues[k].text, k)
    if len(first) == len(seq):
        positions = seq
    else:
        positions = list(first.values())
    part = Subtitles(
        subs.path, subs.format, subs.encoding, [cues[k] for k in positions], subs.markup,
        subs.header, subs.language, subs.fps, subs.ssa, subs.text_type, subs.document,
    )  # fmt: skip
    texts_with: dict[str, set[str]] = {}  # rule id -> the texts it finds something in
    for f in _run(part, profile, fps, shot_changes, rules, [plain[k] for k in positions]):
        if f.index > 0:
            texts_with.setdefault(f.rule, set()).add(cues[positions[f.index - 1]].text)
    for rule in rules:
        hit = texts_with.get(rule.id)
        if not hit:
            continue
        rid = rule.id
        for k in seq:
            if cues[k].text in hit:
                found.setdefault(k + 1, set()).add(rid)


def _check_part(
    subs: Subtitles,
    profile: Profile,
    fps: float | None,
    shot_changes: Sequence[int] | None,
    dirty: list[int],
    order: list[int],
    follower: dict[int, int],
    found: dict[int, set[str]],
    rules: list[Rule] | None,
    plain: list[str],
    whole: float = 0.5,
) -> None:
    """Add to ``found`` what ``rules`` (all when None) find on the cues at ``dirty``, checked
    with the cues that follow them (``follower``) in time order, as in the whole file (which
    is checked at once when more than ``whole`` of its cues are to be checked)."""
    cues = subs.cues
    if not dirty:
        return
    if len(dirty) >= len(cues) or len(dirty) > whole * len(cues):
        # most cues to check: the whole file at once
        want = set(dirty)
        for f in _run(subs, profile, fps, shot_changes, rules, plain):
            if f.index > 0 and f.index - 1 in want:
                found.setdefault(f.index, set()).add(f.rule)
        return
    want = set(dirty)
    take = want | {follower[k] for k in dirty if k in follower}
    # in time order, so the part sees the same neighbours as the whole file
    positions = [k for k in order if k in take]
    part = Subtitles(
        subs.path, subs.format, subs.encoding, [cues[k] for k in positions], subs.markup,
        subs.header, subs.language, subs.fps, subs.ssa, subs.text_type, subs.document,
    )  # fmt: skip
    for f in _run(part, profile, fps, shot_changes, rules, [plain[k] for k in positions]):
        if f.index > 0:
            k = positions[f.index - 1]
            if k in want:
                found.setdefault(k + 1, set()).add(f.rule)


def _run(
    subs: Subtitles,
    profile: Profile,
    fps: float | None,
    shot_changes: Sequence[int] | None,
    rules: list[Rule] | None = None,
    plain: list[str] | None = None,
) -> list[Finding]:
    """Every rule's findings (of ``rules`` when given), rule by rule (not sorted); ``plain``:
    the cues' screen text, when the caller has it."""
    ctx = _Context(subs, profile, resolve_fps(subs, profile, fps), shot_changes, plain)
    findings: list[Finding] = []
    for rule in profile.rules if rules is None else rules:
        findings.extend(CHECKS[rule.check][0](ctx, rule))
    return findings


def summarize(findings: list[Finding], cues: int, files: int = 1) -> dict[str, Any]:
    by_rule = Counter(f.rule for f in findings)
    by_severity = Counter(f.severity for f in findings)
    return {
        "files": files,
        "cues": cues,
        "findings": len(findings),
        "errors": by_severity.get("error", 0),
        "warnings": by_severity.get("warning", 0),
        "fixable": sum(1 for f in findings if f.fixable),
        "cues_with_findings": len({(f.file, f.index) for f in findings}),
        "by_rule": dict(sorted(by_rule.items())),
    }


def cue_of(subs: Subtitles, finding: Finding) -> Cue | None:
    return subs.cues[finding.index - 1] if 0 < finding.index <= len(subs.cues) else None
