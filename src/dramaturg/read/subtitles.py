"""Subtitle files as a story: a finished show read back for analysis.

One :class:`~dramaturg.story.Part` per file (an episode); scenes split at long silences
(:data:`SCENE_GAP_MS`); each cue becomes blocks: speaker labels such as ``(진아)``, ``JIN-A:``
or ``[JIN-A]`` make Dialogue with that speaker, ``- `` dual-speaker dashes make one Dialogue
per line, sound cues ``[door slams]`` / ``(문 닫히는 소리)`` make Action, sung lines
(``♪ ... ♪``, a song style) make Lyric, and what is not the show (the subtitler's credit line,
a translator's note, the next episode's preview: :mod:`dramaturg.read.captions`) makes Note,
which no analysis reads. Every block carries the file and the 1-based line of its text in the
subtitle file.

>>> st = parse("1\\n00:00:01,000 --> 00:00:03,000\\n(진아) 어디 가?\\n", "ep1.srt")
>>> b = st.parts[0].scenes[0].blocks[0]
>>> b.kind.value, b.speaker, b.text, b.span.line
('dialogue', '진아', '어디 가?', 3)
"""

from __future__ import annotations

import os
import re

from dramaturg.read.captions import Captions, captions
from dramaturg.story import Block, BlockKind, Part, Scene, Span, Story
from dramaturg.subtitles.io import loads
from dramaturg.subtitles.length import strip_markup
from dramaturg.subtitles.model import Cue, Subtitles
from dramaturg.text.language import detect_language

FORMAT = "subtitles"
EXTENSIONS = {".srt", ".vtt", ".ass", ".ssa", ".smi", ".sami", ".ttml", ".dfxp", ".xml", ".sub"}

#: A silence at least this long (ms) between cues starts a new scene.
SCENE_GAP_MS = 8000

_SRT_TIMING = re.compile(r"^[^\S\n]*+\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}\s*-->", re.M)
_DASH = re.compile(r"^\s*[-\u2013\u2014]\s*")
_SOUND = re.compile(r"^\s*(?:\[[^\[\]]+\]|\([^()]+\))\s*$")
# (진아) 어디 가?  /  [JIN-A] Where?  /  JIN-A: Where?  /  진아: 어디 가?
_PAREN_LABEL = re.compile(r"^\s*[(\[]([^()\[\]]{1,20})[)\]]\s*(\S.*)$")
_COLON_LABEL = re.compile(
    r"^\s*((?:[A-Z][A-Z0-9.'\-]*(?: [A-Z0-9][A-Z0-9.'\-]*){0,3})|[\uac00-\ud7a3]{1,6}"
    r"(?: [\uac00-\ud7a3]{1,6})?)\s*:\s*(\S.*)$"
)
_LABEL_ONLY = re.compile(
    r"^\s*((?:[A-Z][A-Z0-9.'\-]*(?: [A-Z0-9][A-Z0-9.'\-]*){0,3})|[\uac00-\ud7a3]{1,6})\s*:\s*$"
)
_EPISODE = re.compile(r"(?:s\d+)?(?:e|ep|episode|회|화)[ ._-]?0*(\d+)|0*(\d+)\s*(?:회|화)", re.I)


_MICRODVD = re.compile(r"^\{\d{1,9}\}\{\d{0,9}\}", re.M)
#: How much of a text the detection reads.
SCORE_SAMPLE = 100_000


def score(text: str) -> float:
    """How well ``text`` fits a subtitle file, 0..1.

    1.0 for a WebVTT, SAMI, ASS/SSA or TTML header; for SRT and MicroDVD the share of lines
    (in the first :data:`SCORE_SAMPLE`) that are timing lines, where an SRT file has one in
    three or four (index, timing, text, blank), so a story that quotes one timing line
    scores near 0.
    """
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if (
        head.startswith("WEBVTT")
        or head[:6].upper() == "<SAMI>"
        or head.startswith("[Script Info]")
        or re.match(r"(?:<\?xml[^<>]*>\s*)?<(?:\w+:)?tt[\s>]", head)
    ):
        return 1.0
    sample = text[:SCORE_SAMPLE]
    timings = len(_SRT_TIMING.findall(sample)) + len(_MICRODVD.findall(sample))
    if not timings:
        return 0.0
    lines = sum(1 for ln in sample.splitlines() if ln.strip())
    return min(1.0, 4 * timings / max(lines, 1))


def sniff(text: str) -> bool:
    """True when ``text`` looks like a subtitle file (:func:`score` at least 0.5)."""
    return score(text) >= 0.5


def _is_name(label: str) -> bool:
    """A speaker label, not a sound cue: short, a name rather than a description."""
    words = label.split()
    if not words or len(words) > 3:
        return False
    if re.fullmatch(r"[\uac00-\ud7a3 ]{1,12}", label):
        # Korean: a name is short and does not end like a description (…소리, …음)
        return len(label.replace(" ", "")) <= 4 and not label.endswith(("소리", "음", "함", "림"))
    return label.upper() == label and any(ch.isalpha() for ch in label)


def _split_label(line: str) -> tuple[str | None, str]:
    m = _PAREN_LABEL.match(line)
    if m and _is_name(m.group(1).strip()):
        return m.group(1).strip(), m.group(2).strip()
    m = _COLON_LABEL.match(line)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return None, line.strip()


def _cue_blocks(
    cue: Cue,
    path: str,
    first_line: int,
    story: Story,
    line_step: int = 1,
    words: Captions | None = None,
    preview: bool = False,
) -> list[Block]:
    raw_lines = cue.text.split("\n")
    lines = [strip_markup(ln) for ln in raw_lines]
    dashed = [bool(_DASH.match(ln)) for ln in lines if ln.strip()]
    dual = len(dashed) >= 2 and all(dashed)
    sung = words is not None and words.is_lyric_style(cue.event, cue.text)
    blocks: list[Block] = []
    current: Block | None = None
    pending: str | None = None  # a label alone on its line ("MAN:") names the next lines
    note: Block | None = None  # a note runs on over the cue's next lines
    for offset, (raw, line) in enumerate(zip(raw_lines, lines, strict=True)):
        if not line.strip():
            continue
        no = first_line + offset * line_step
        span = Span(path, no, no)
        body = _DASH.sub("", line) if _DASH.match(line) else line
        if words is not None:
            if note is None and (preview or words.is_credit(body) or words.is_note(body)):
                note = Block(BlockKind.NOTE, body.strip(), span, raw=raw)
                blocks.append(note)
                current = None
                continue
            if note is not None:
                note.text += "\n" + body.strip()
                note.raw += "\n" + raw
                note.span = Span(path, note.span.line, no)
                continue
            if sung or words.lyric_text(body) is not None:
                speaker, said = _split_label(body)
                lyric = words.lyric_text(said)
                name = (story.canonical(speaker) or speaker) if speaker else None
                text = said.strip() if lyric is None else lyric
                blocks.append(Block(BlockKind.LYRIC, text, span, raw=raw, speaker=name))
                current = None
                continue
        if _SOUND.match(body):
            blocks.append(Block(BlockKind.ACTION, body.strip(), span, raw=raw))
            current = None
            continue
        only = _LABEL_ONLY.match(body)
        if only:
            pending = only.group(1).strip()
            current = None
            continue
        speaker, said = _split_label(body)
        if speaker is None and pending is not None:
            speaker, pending = pending, None
        starts_new = dual or speaker is not None or current is None
        if starts_new:
            name = None
            if speaker:
                name = story.canonical(speaker) or speaker
                story.character(name)
            current = Block(
                BlockKind.DIALOGUE, said, span, raw=raw, speaker=name, cue=speaker, dual=dual
            )
            blocks.append(current)
        else:
            assert current is not None
            current.text += "\n" + said
            current.raw += "\n" + raw
            current.span = Span(path, current.span.line, no)
    return blocks


_SEARCH_WINDOW = 8192  # how far past the last cue found the next one is looked for


def _line_numbers(subs: Subtitles, text: str) -> list[int]:
    """1-based line of each cue's text; formats without lines (TTML) are located by search.

    One pass: the search goes forward from the last cue found, within a window (a cue
    whose text is not in the file as written, say with an entity, costs no scan to the
    end), and the line count goes forward with it.
    """
    out: list[int] = []
    pos = 0
    last = 1
    counted, counted_line = 0, 1  # text[:counted] ends on line counted_line
    for cue in subs.cues:
        if cue.line is not None:
            last = cue.line
        else:
            needle = strip_markup(cue.text).split("\n")[0].strip()[:24]
            found = text.find(needle, pos, pos + _SEARCH_WINDOW + len(needle)) if needle else -1
            if found >= 0:
                pos = found + len(needle)
                counted_line += text.count("\n", counted, found)
                counted = found
                last = counted_line
        out.append(last)
    return out


def _language(subs: Subtitles) -> str:
    """The language of the cues' text; the one the file declares when the text has no letters."""
    text = "\n".join(strip_markup(c.text) for c in subs.cues[:2000])
    if subs.language and not any(ch.isalpha() for ch in text):
        return subs.language.split("-")[0].lower()
    return detect_language(text)


#: The ending song: at least this many sung cues in a row, starting in the file's last part
#: (:data:`ENDING_SHARE` of its running time), over the end credits; what follows it is the
#: next episode's preview.
ENDING_SONG_CUES = 3
ENDING_SHARE = 0.15


def _preview_start(subs: Subtitles, order: list[int], words: Captions) -> int:
    """Where (in time order) the next episode's preview begins, ``len(order)`` when there is
    none: a cue in the file's last half that is only a preview card (``다음 이야기``), or else
    the first spoken cue after the ending song (:data:`ENDING_SONG_CUES` sung cues in a row in
    the last :data:`ENDING_SHARE` of the file)."""
    if not order:
        return 0
    first = subs.cues[order[0]].start
    span = max(c.end for c in subs.cues) - first
    for at, k in enumerate(order):
        cue = subs.cues[k]
        if cue.start >= first + span / 2 and any(
            words.is_preview_heading(strip_markup(ln)) for ln in cue.text.split("\n")[:1]
        ):
            return at
    run = 0
    for at, k in enumerate(order):
        cue = subs.cues[k]
        sung = words.is_lyric_style(cue.event, cue.text) or all(
            words.lyric_text(ln) is not None
            for ln in strip_markup(cue.text).split("\n")
            if ln.strip()
        )
        if sung and strip_markup(cue.text).strip():
            run += 1
            continue
        if run >= ENDING_SONG_CUES and subs.cues[order[at - run]].start >= first + span * (
            1 - ENDING_SHARE
        ):
            return at
        run = 0
    return len(order)


def parse(text: str, path: str) -> Story:
    """One subtitle file (already decoded) as a Story with one Part."""
    subs = loads(text, path)
    return from_subtitles(subs, text)


def from_subtitles(subs: Subtitles, text: str = "") -> Story:
    """Build the Story from already loaded subtitles (``text`` locates TTML cues)."""
    path = subs.path
    stem = os.path.splitext(os.path.basename(path))[0]
    story = Story(title=stem, form="subtitles", language=_language(subs), files=[path])
    m = _EPISODE.search(stem)
    number = int(m.group(1) or m.group(2)) if m else None
    last_line = (
        text.count("\n") + 1 if text else max((c.line or 1) for c in subs.cues or [Cue(0, 0, "")])
    )
    part = Part(
        kind="episode", number=number, title=stem, span=Span(path, 1, last_line), label=stem
    )
    story.parts.append(part)
    lines = _line_numbers(subs, text)
    order = sorted(range(len(subs.cues)), key=lambda k: (subs.cues[k].start, k))
    words = captions(story.language)
    preview_from = _preview_start(subs, order, words)
    step = 1 if subs.format in ("srt", "vtt") else 0  # other formats: a cue is on one line
    scene: Scene | None = None
    previous_end: int | None = None
    for at, k in enumerate(order):
        cue = subs.cues[k]
        if not strip_markup(cue.text).strip():
            continue
        line = lines[k]
        if scene is None or (previous_end is not None and cue.start - previous_end >= SCENE_GAP_MS):
            scene = Scene(
                heading=None, span=Span(path, line, line), number=str(len(part.scenes) + 1)
            )
            part.scenes.append(scene)
        blocks = _cue_blocks(cue, path, line, story, step, words, at >= preview_from)
        scene.blocks.extend(blocks)
        end_line = max([b.span.end_line for b in blocks] + [line])
        scene.span = Span(path, min(scene.span.line, line), max(scene.span.end_line, end_line))
        previous_end = cue.end if previous_end is None else max(previous_end, cue.end)
    return story.reindex()
