"""Read and write subtitle files.

pysubs2 does the general work (ASS/SSA, MicroDVD, MPL2, TMP); this module adds what it lacks:
our own encoding sniffing (CP949, EUC-KR, JOHAB, UTF-16 without BOM, ...), a fast SRT reader
that keeps line numbers, a WebVTT reader that keeps cue settings (and reads files with a BOM as
WebVTT), a SAMI reader that understands bilingual KRCC/ENCC files, and a TTML/IMSC reader with
frame- and tick-based times. Format is chosen by extension, then by content.

>>> subs = loads("1\\n00:00:01,000 --> 00:00:02,500\\n안녕\\n", "a.srt")
>>> subs.format, subs.cues[0].start, subs.cues[0].end, subs.cues[0].text, subs.cues[0].line
('srt', 1000, 2500, '안녕', 3)
"""

from __future__ import annotations

import copy
import html
import io
import os
import re
import warnings

import pysubs2

from dramaturg.errors import DramaturgError
from dramaturg.files import read_input, write_atomic
from dramaturg.subtitles.model import ASS, HTML, Cue, Subtitles
from dramaturg.subtitles.ttml import dump_ttml, placement, read_ttml
from dramaturg.text.encoding import decode_bytes

__all__ = ["load", "loads", "save", "dumps", "format_for_path", "FORMATS"]

#: Formats by file extension (what ``convert`` can write).
FORMATS: dict[str, str] = {
    ".srt": "srt",
    ".vtt": "vtt",
    ".ass": "ass",
    ".ssa": "ssa",
    ".smi": "sami",
    ".sami": "sami",
    ".sub": "microdvd",
    ".ttml": "ttml",
    ".dfxp": "ttml",
    ".xml": "ttml",
    ".txt": "tmp",
}


def format_for_path(path: str) -> str | None:
    return FORMATS.get(os.path.splitext(path)[1].lower())


# ---------------------------------------------------------------------------------------------
# loading


def load(
    path: str | os.PathLike[str],
    *,
    fps: float | None = None,
    language: str | None = None,
    encoding: str | None = None,
) -> Subtitles:
    """Read a subtitle file; raise :class:`DramaturgError` naming the file and the reason.

    ``fps`` is needed for MicroDVD files that do not declare it; ``language`` (``ko``, ``en``)
    picks the class of a multi-language SAMI file; ``encoding`` overrides the sniffing.
    """
    name = os.fspath(path)
    data = read_input(name, what="subtitle file")
    if encoding:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise DramaturgError(f"cannot decode as {encoding}: {exc}", file=name) from None
        text = text.removeprefix("\ufeff")
    else:
        text, encoding = decode_bytes(data, name)
    return loads(text, name, fps=fps, language=language, encoding=encoding)


def loads(
    text: str,
    path: str = "<string>",
    *,
    fps: float | None = None,
    language: str | None = None,
    encoding: str = "utf-8",
    format: str | None = None,
) -> Subtitles:
    """Parse subtitle text already decoded; ``path`` names it in errors and picks the format."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = format or _sniff(text, path)
    if fmt is None:
        raise DramaturgError(
            "not a subtitle file this tool reads (SRT, WebVTT, ASS/SSA, SAMI, MicroDVD, TTML)",
            file=path,
        )
    reader = _READERS.get(fmt, _read_with_pysubs2)
    subs = reader(text, path, fmt, fps, language)
    subs.encoding = encoding
    return subs


# Hours have at most 7 digits here (no show runs 10^7 hours; int() refuses 4,300 digits).
_SRT_TIMING_LINE = re.compile(
    r"^[ \t]*+(\d{1,7}):(\d{1,2}):(\d{1,2})(?:[,.:](\d{1,3}))?[ \t]*+-{1,2}>[ \t]*+"
    r"(\d{1,7}):(\d{1,2}):(\d{1,2})(?:[,.:](\d{1,3}))?([^\n]*)$",
    re.M,
)


def _sniff(text: str, path: str) -> str | None:
    head = text.lstrip()[:4096]
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("<?xml") or head.startswith("<tt") or re.match(r"<(\w+:)?tt[\s>]", head):
        return "ttml"
    if head[:6].upper() == "<SAMI>":
        return "sami"
    if path.lower().endswith(".sbv"):
        raise DramaturgError("YouTube SubViewer (.sbv) files are not supported", file=path)
    if head.startswith("Scenarist_SCC"):
        raise DramaturgError("Scenarist SCC (CEA-608 caption codes) is not supported", file=path)
    info = re.search(r"^\[Script Info\]", head, re.M | re.I)
    # a cue of an SRT may read "[Script Info]"; an ASS file has no SRT timing before it
    if info and not _SRT_TIMING_LINE.search(head, 0, info.start()):
        return "ass" if re.search(r"^ScriptType:\s*v4\.00\+", head, re.M | re.I) else "ssa"
    by_ext = format_for_path(path)
    if by_ext in ("srt", "ass", "ssa", "sami", "microdvd", "ttml") and by_ext != "vtt":
        if by_ext == "srt" and not _SRT_TIMING_LINE.search(text):
            return None
        return by_ext
    if by_ext == "vtt":
        return "vtt"
    if _SRT_TIMING_LINE.search(head):
        return "srt"
    if re.match(r"\{\d+\}\{\d*\}", head):
        return "microdvd"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pysubs2.formats.autodetect_format(text)
    except Exception:  # noqa: BLE001 - pysubs2 raises several types for "not a subtitle"
        return None


def _ms(h: str, m: str, s: str, frac: str | None) -> int:
    ms = int((frac or "0").ljust(3, "0")[:3])
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + ms


# One cue, matched where the last one ended (never searched for): index, timing, text lines
# (each with a non-blank character, found without backtracking), blank lines.
_SRT_WELL_FORMED = re.compile(
    r"(\d+)[ \t]*\n[ \t]*(\d{1,7}):(\d\d):(\d\d)[,.](\d\d\d)[ \t]*-->[ \t]*"
    r"(\d{1,7}):(\d\d):(\d\d)[,.](\d\d\d)([^\n]*)\n((?:[^\S\n]*+\S[^\n]*+(?:\n|\Z))*+)\n*+"
)


def _read_srt_well_formed(text: str) -> list[Cue] | None:
    """The common case in one regex pass: index, timing, text, blank line. None if the file
    strays from it anywhere (then the lenient reader takes over)."""
    body_start = len(text) - len(text.lstrip("\n"))
    pos = body_start
    line = 1 + body_start
    cues: list[Cue] = []
    append = cues.append
    count = text.count
    match = _SRT_WELL_FORMED.match
    while pos < len(text):
        m = match(text, pos)
        if m is None:
            return None
        g = m.groups()
        body = g[10]
        if "-->" in body:
            return None
        append(
            Cue(
                ((int(g[1]) * 60 + int(g[2])) * 60 + int(g[3])) * 1000 + int(g[4]),
                ((int(g[5]) * 60 + int(g[6])) * 60 + int(g[7])) * 1000 + int(g[8]),
                body.rstrip("\n"),
                line + 2,
                g[0],
                g[9].strip(),
            )
        )
        end = m.end()
        line += count("\n", pos, end)
        pos = end
    if pos != len(text) or not cues:
        return None
    return cues


def _read_srt(text: str, path: str, fmt: str, fps: float | None, language: str | None) -> Subtitles:
    """A lenient SubRip reader: missing indices or blank lines, dot or comma, 1-digit hours."""
    fast = _read_srt_well_formed(text)
    if fast is not None:
        return Subtitles(path=path, format="srt", encoding="utf-8", cues=fast, markup=HTML)
    cues: list[Cue] = []
    matches = list(_SRT_TIMING_LINE.finditer(text))
    if not matches:
        raise DramaturgError(
            "no SubRip timing line (00:00:01,000 --> 00:00:02,000) found", file=path
        )
    line_no = 1 + text.count("\n", 0, matches[0].start())
    n = len(matches)
    for i, m in enumerate(matches):
        body_start = m.end() + 1
        body_end = matches[i + 1].start() if i + 1 < n else len(text)
        body = text[body_start:body_end] if body_start <= body_end else ""
        text_line = line_no + 1
        lines = body.split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if i + 1 < n and lines and lines[-1].strip().isdigit():
            lines.pop()  # the next cue's index
            while lines and not lines[-1].strip():
                lines.pop()
        identifier = ""
        prev_end = matches[i - 1].end() if i else 0
        idx_line = text[text.rfind("\n", prev_end, max(m.start() - 1, 0)) + 1 : m.start()].strip()
        if idx_line.isdigit():
            identifier = idx_line
        g = m.groups()
        cues.append(
            Cue(
                start=_ms(g[0], g[1], g[2], g[3]),
                end=_ms(g[4], g[5], g[6], g[7]),
                text="\n".join(lines),
                line=text_line,
                identifier=identifier,
                settings=g[8].strip(),
            )
        )
        if i + 1 < n:
            line_no += text.count("\n", m.start(), matches[i + 1].start())
    return Subtitles(path=path, format="srt", encoding="utf-8", cues=cues, markup=HTML)


_VTT_TIME = r"(?:(\d{1,7}):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})"
_VTT_TIMING = re.compile(rf"^[ \t]*{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(.*)$")


def _read_vtt(text: str, path: str, fmt: str, fps: float | None, language: str | None) -> Subtitles:
    """WebVTT, keeping the header blocks, cue ids and cue settings verbatim."""
    lines = text.split("\n")
    if not lines[0].lstrip().startswith("WEBVTT"):
        raise DramaturgError("not a WebVTT file: the first line is not 'WEBVTT'", file=path, line=1)
    cues: list[Cue] = []
    header_end: int | None = None
    i, n = 0, len(lines)
    lang = None
    for hl in lines[1:20]:
        if hl.lower().startswith("language:"):
            lang = hl.split(":", 1)[1].strip() or None
        if not hl.strip():
            break
    while i < n:
        while i < n and not lines[i].strip():
            i += 1
        start = i
        while i < n and lines[i].strip():
            i += 1
        block = lines[start:i]
        if not block:
            break
        t_idx = 0 if "-->" in block[0] else (1 if len(block) > 1 and "-->" in block[1] else -1)
        if t_idx < 0 or block[0].startswith("NOTE"):
            continue
        m = _VTT_TIMING.match(block[t_idx])
        if not m or max(int(m.group(k)) for k in (2, 3, 6, 7)) > 59:
            continue  # the WebVTT parser skips cues with bad timings
        if header_end is None:
            header_end = start
        g = m.groups()
        cues.append(
            Cue(
                start=_ms(g[0] or "0", g[1], g[2], g[3]),
                end=_ms(g[4] or "0", g[5], g[6], g[7]),
                text="\n".join(block[t_idx + 1 :]),
                line=start + t_idx + 2,
                identifier=block[0].strip() if t_idx == 1 else "",
                settings=g[8].strip(),
            )
        )
    header = "\n".join(lines[: header_end if header_end is not None else n]).rstrip()
    return Subtitles(
        path=path, format="vtt", encoding="utf-8", cues=cues, markup=HTML, header=header,
        language=lang,
    )  # fmt: skip


# A tag holds no "<" and a style rule no "{": each search stops at the next one instead of
# running to the end of the file from every "<SYNC" or "{" that never closes.
# A tag is matched whole first (possessive: one scan to its ">"), then its attribute is looked
# for inside it. One pattern for both backtracked: "Class=" and 33,000 letters with no ">"
# after them retried every shorter class name against the rest of the line (quadratic: 1.6 s
# at 16,000 letters, a hang at 33,000; bench/fuzz.py subs-smi seed 1 input 594).
_SYNC_TAG = re.compile(r"<sync\b([^<>]*+)>", re.I)
_SYNC_START = re.compile(r"\bstart\s*+=\s*+[\"']?(-?\d{1,12})", re.I)
_P_TAG = re.compile(r"<p\b([^<>]*+)>", re.I)
_P_CLASS = re.compile(r"\bclass\s*+=\s*+[\"']?([\w-]++)", re.I)
_SAMI_LANG = re.compile(r"\.([\w-]++)\s*+\{[^{}]*?\blang\s*+:\s*+([\w-]+)", re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_SAMI_DROP = re.compile(r"</?(?:p|sync|body|sami)\b[^<>]*>", re.I)


def _read_sami(
    text: str, path: str, fmt: str, fps: float | None, language: str | None
) -> Subtitles:
    """SAMI: one cue per SYNC of the chosen class, ending at that class's next SYNC."""
    class_lang = {cls.upper(): lang.lower() for cls, lang in _SAMI_LANG.findall(text)}
    syncs = [  # (tag start, tag end, ms) of each <SYNC> with a Start
        (m.start(), m.end(), int(start.group(1)))
        for m in _SYNC_TAG.finditer(text)
        if (start := _SYNC_START.search(m.group(1)))
    ]
    if not syncs:
        raise DramaturgError("SAMI file without any <SYNC Start=...> element", file=path)
    events: list[tuple[int, str, str, int]] = []  # (ms, class, text, line)
    line, counted = 1, 0  # the line of position `counted`, summed as the syncs go
    for i, (tag_start, tag_end, ms) in enumerate(syncs):
        chunk_end = syncs[i + 1][0] if i + 1 < len(syncs) else len(text)
        chunk = text[tag_end:chunk_end]
        chunk = re.split(r"</body>", chunk, flags=re.I)[0]
        cls, body = "", chunk
        for pm in _P_TAG.finditer(chunk):  # the first <P> with a Class
            if found := _P_CLASS.search(pm.group(1)):
                cls, body = found.group(1).upper(), chunk[pm.end() :]
                break
        body = _SAMI_DROP.sub("", body)
        body = _BR.sub("\n", body.replace("\n", " "))
        body = "\n".join(part.strip() for part in body.split("\n"))
        body = html.unescape(body).replace("\u00a0", " ").strip()
        line += text.count("\n", counted, tag_start)
        counted = tag_start
        events.append((ms, cls, body, line))
    classes = list(dict.fromkeys(cls for _, cls, _, _ in events))
    chosen = classes[0]
    if language and len(classes) > 1:
        for cls in classes:
            lang = class_lang.get(cls, cls[:2].lower())
            if lang.startswith(language.lower()):
                chosen = cls
                break
    mine = [e for e in events if e[1] == chosen]
    cues: list[Cue] = []
    for k, (ms, _, body, line) in enumerate(mine):
        if not body:
            continue
        end = mine[k + 1][0] if k + 1 < len(mine) else ms + 2000
        cues.append(Cue(start=ms, end=end, text=body, line=line))
    lang = class_lang.get(chosen)
    return Subtitles(
        path=path, format="sami", encoding="utf-8", cues=cues, markup=HTML,
        language=lang.split("-")[0] if lang else None,
    )  # fmt: skip


# --- TTML / IMSC --------------------------------------------------------------------------------

# --- everything else: pysubs2 -----------------------------------------------------------------


# pysubs2 finds an ASS/SSA section heading with ``^.{,3}\[[^]]*[a-z][^]]*]``: the two
# ``[^]]*`` around one letter split a line that opens "[" and never closes it every way,
# quadratic in the line (one line of "[" and 38,000 letters: 1.3 s a read, 100,000: 9 s).
# The same headings, found in linear time: the first letter after "[" taken at once, then
# the rest up to the first "]", which must follow. Set on pysubs2's module (1.8.x), whose
# reader looks the pattern up there on every line.
_SECTION_HEADING = re.compile(r"^.{,3}\[[^]a-z]*+[a-z][^]]*+\]")
pysubs2.formats.substation.SECTION_HEADING = _SECTION_HEADING


def _read_with_pysubs2(
    text: str, path: str, fmt: str, fps: float | None, language: str | None
) -> Subtitles:
    try:
        # pysubs2 warns (with its source path) on bad style fields and then uses the
        # defaults; the user sees the file's subtitles, not a Python warning
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ssa = pysubs2.SSAFile.from_string(text, format_=fmt, fps=fps)
    except pysubs2.exceptions.UnknownFPSError:
        raise DramaturgError(
            "MicroDVD times are in frames and the file does not say its frame rate: pass --fps",
            file=path,
        ) from None
    except Exception as exc:  # noqa: BLE001 - pysubs2 raises many types on bad input
        raise DramaturgError(f"cannot parse as {fmt}: {exc}", file=path) from None
    event_lines: list[int] = []
    if fmt in ("ass", "ssa"):
        event_lines = [
            k + 1
            for k, ln in enumerate(text.split("\n"))
            if ln.startswith(("Dialogue:", "Comment:"))
        ]
    cues: list[Cue] = []
    for k, ev in enumerate(ssa.events):
        if ev.is_comment:
            continue
        body = ev.text.replace("\\N", "\n").replace("\\n", "\n")
        line = event_lines[k] if k < len(event_lines) else (k + 1 if fmt == "microdvd" else None)
        cues.append(Cue(start=ev.start, end=ev.end, text=body, line=line, event=ev))
    return Subtitles(
        path=path, format=fmt, encoding="utf-8", cues=cues, markup=ASS, ssa=ssa,
        fps=getattr(ssa, "fps", None),
    )  # fmt: skip


_READERS = {"srt": _read_srt, "vtt": _read_vtt, "sami": _read_sami, "ttml": read_ttml}


# ---------------------------------------------------------------------------------------------
# markup conversion

_ASS_TO_HTML = [
    (re.compile(r"\{\\i1\}"), "<i>"),
    (re.compile(r"\{\\i0?\}"), "</i>"),
    (re.compile(r"\{\\b1\}"), "<b>"),
    (re.compile(r"\{\\b0?\}"), "</b>"),
    (re.compile(r"\{\\u1\}"), "<u>"),
    (re.compile(r"\{\\u0?\}"), "</u>"),
]
_HTML_TO_ASS = [
    (re.compile(r"<i>", re.I), r"{\\i1}"),
    (re.compile(r"</i>", re.I), r"{\\i0}"),
    (re.compile(r"<b>", re.I), r"{\\b1}"),
    (re.compile(r"</b>", re.I), r"{\\b0}"),
    (re.compile(r"<u>", re.I), r"{\\u1}"),
    (re.compile(r"</u>", re.I), r"{\\u0}"),
]
# A tag holds no "<" and an override no "{": a line of unclosed ones is read once.
_ANY_TAG = re.compile(r"<[^<>\n]*>")
_ANY_OVERRIDE = re.compile(r"\{\\[^{}]*\}")


def convert_markup(text: str, source: str, target: str) -> str:
    """Carry italics, bold and underline across markup dialects; drop what has no equivalent."""
    if source == target:
        return text
    if source == ASS:
        for pattern, repl in _ASS_TO_HTML:
            text = pattern.sub(repl, text)
        return _ANY_OVERRIDE.sub("", text).replace("\\h", "\u00a0")
    for pattern, repl in _HTML_TO_ASS:
        text = pattern.sub(repl, text)
    return html.unescape(_ANY_TAG.sub("", text))


# ---------------------------------------------------------------------------------------------
# writing


def _srt_time(ms: int) -> str:
    ms = max(0, ms)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def _vtt_time(ms: int) -> str:
    return _srt_time(ms).replace(",", ".")


_VTT_ONLY_TAGS = re.compile(r"</?(?:c|v|lang|ruby|rt)\b[^<>]*>|<\d+:\d\d[:.][\d.]*+>")


def _dump_srt(subs: Subtitles) -> str:
    out: list[str] = []
    append = out.append
    vtt = subs.format == "vtt"
    placed = subs.format in ("vtt", "ttml")
    same_markup = subs.markup == HTML
    for k, cue in enumerate(subs.cues, 1):
        text = cue.text if same_markup else convert_markup(cue.text, subs.markup, HTML)
        if vtt:  # WebVTT classes, voices, ruby and entities mean nothing in SRT
            text = _VTT_ONLY_TAGS.sub("", text)
            if "&" in text:  # SRT has no escapes: &amp; &lt; &nbsp; &lrm; ... as characters
                text = html.unescape(text)
        if placed and "{\\an" not in text and placement(cue)[0]:
            text = "{\\an8}" + text  # a cue at the top stays at the top
        # _srt_time, inline (two per cue on files of 50k cues)
        h, rest = divmod(cue.start if cue.start > 0 else 0, 3_600_000)
        m, rest = divmod(rest, 60_000)
        sec, ms = divmod(rest, 1000)
        h2, rest = divmod(cue.end if cue.end > 0 else 0, 3_600_000)
        m2, rest = divmod(rest, 60_000)
        sec2, ms2 = divmod(rest, 1000)
        append(
            f"{k}\n{h:02d}:{m:02d}:{sec:02d},{ms:03d} --> "
            f"{h2:02d}:{m2:02d}:{sec2:02d},{ms2:03d}\n{text}\n"
        )
    return "\n".join(out)


#: formats whose reader decodes entities: a bare "&" in their text is an ampersand
_DECODED_TEXT = frozenset({"ttml", "sami", "ass", "ssa", "microdvd"})
_VTT_TAG = re.compile(r"</?(?:i|b|u|c|v|lang|ruby|rt)(?:[.\s][^<>]*)?>|<\d+:\d\d[:.][\d.]*>")
_BARE_AMPERSAND = re.compile(r"&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)")
_OVERRIDES = re.compile(r"\{\\[^{}]*\}")


def _vtt_escape(text: str, *, everything: bool) -> str:
    """Escape ``&``, ``<`` and ``>`` that are not WebVTT markup (WebVTT forbids them raw);
    SRT text may already hold entities (``&amp;``), which are kept."""
    out = []
    pos = 0
    for m in _VTT_TAG.finditer(text):
        out.append(_escape_plain(text[pos : m.start()], everything))
        out.append(m.group())
        pos = m.end()
    out.append(_escape_plain(text[pos:], everything))
    return "".join(out)


def _escape_plain(text: str, everything: bool) -> str:
    if "&" in text:
        if everything:
            text = text.replace("&", "&amp;")
        else:
            text = re.sub(
                r"&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)", "&amp;", text
            )
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _dump_vtt(subs: Subtitles) -> str:
    header = subs.header if subs.format == "vtt" and subs.header else "WEBVTT"
    out = [header + "\n"]
    escape = None if subs.format == "vtt" else subs.format in _DECODED_TEXT
    for cue in subs.cues:
        text = convert_markup(cue.text, subs.markup, HTML)
        if escape is not None and ("&" in text or "<" in text or ">" in text):
            text = _vtt_escape(text, everything=escape)
        settings = ""
        if cue.settings and subs.format in ("vtt", "ttml"):
            settings = f" {cue.settings}"
        elif subs.format != "vtt" and "{\\an" in text:
            top, _ = placement(cue)
            settings = " line:0" if top else ""
        text = _OVERRIDES.sub("", text) if "{\\" in text else text
        ident = f"{cue.identifier}\n" if cue.identifier and subs.format == "vtt" else ""
        out.append(f"{ident}{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}{settings}\n{text}\n")
    return "\n".join(out)


_MAX_TAGS = 64  # override blocks in one cue before the MicroDVD writer drops them
_BRACED = re.compile(r"\{[^{}]*\}")  # what pysubs2 takes for an override block, "{}" too


def _dump_with_pysubs2(subs: Subtitles, fmt: str, fps: float | None) -> str:
    if subs.ssa is not None and subs.markup == ASS:
        ssa = copy.copy(subs.ssa)  # keeps styles, info and fonts; events are rebuilt below
    else:
        ssa = pysubs2.SSAFile()
    ssa.events = []
    for cue in subs.cues:
        text = convert_markup(cue.text, subs.markup, ASS).replace("\n", "\\N")
        if fmt == "microdvd" and text.count("{") > _MAX_TAGS:
            # pysubs2's MicroDVD writer reads every override block of a cue against all the
            # others, and every unclosed "{" to the end of the cue (8-11 s for 45 cues of
            # thousands): a cue with that many is no real one, and MicroDVD keeps only
            # whole-line italics anyway, so its blocks and stray braces are dropped
            text = _BRACED.sub("", text).replace("{", "").replace("}", "")
        ev = cue.event.copy() if cue.event is not None else pysubs2.SSAEvent()
        ev.start, ev.end, ev.text = cue.start, cue.end, text
        ssa.events.append(ev)
    if fmt == "microdvd" and not (fps or subs.fps):
        raise DramaturgError("writing MicroDVD needs a frame rate: pass --fps", file=subs.path)
    buf = io.StringIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ssa.to_file(buf, fmt, fps=fps or subs.fps)
    except Exception as exc:  # noqa: BLE001
        raise DramaturgError(f"cannot write {fmt}: {exc}", file=subs.path) from None
    return buf.getvalue()


def _dump_sami(subs: Subtitles) -> str:
    """SAMI with one class for the file's language (KRCC for Korean, ENCC otherwise)."""
    lang = subs.language or "en"
    cls = {"ko": "KRCC", "en": "ENCC"}.get(lang, lang.upper()[:2] + "CC")
    name = {"ko": "Korean", "en": "English"}.get(lang, lang)
    out = [
        "<SAMI>",
        "<HEAD>",
        '<STYLE TYPE="text/css">',
        "<!--",
        "P { margin-left:8pt; margin-right:8pt; text-align:center; }",
        f".{cls} {{ Name:{name}; lang:{lang}; SAMIType:CC; }}",
        "-->",
        "</STYLE>",
        "</HEAD>",
        "<BODY>",
    ]
    cues = sorted(subs.cues, key=lambda c: c.start)
    for k, cue in enumerate(cues):
        text = convert_markup(cue.text, subs.markup, HTML)
        body = "<br>".join(
            html.escape(_ANY_TAG.sub("", ln), quote=False) for ln in text.split("\n")
        )
        out.append(f"<SYNC Start={cue.start}><P Class={cls}>{body}")
        nxt = cues[k + 1].start if k + 1 < len(cues) else None
        if nxt is None or nxt > cue.end:
            out.append(f"<SYNC Start={cue.end}><P Class={cls}>&nbsp;")
    out += ["</BODY>", "</SAMI>", ""]
    return "\n".join(out)


def dumps(subs: Subtitles, fmt: str | None = None, *, fps: float | None = None) -> str:
    """The text of ``subs`` in format ``fmt`` (default: its own format)."""
    fmt = fmt or subs.format
    if fmt == "srt":
        return _dump_srt(subs)
    if fmt == "vtt":
        return _dump_vtt(subs)
    if fmt == "ttml":
        return dump_ttml(subs, [convert_markup(c.text, subs.markup, HTML) for c in subs.cues])
    if fmt == "sami":
        return _dump_sami(subs)
    return _dump_with_pysubs2(subs, fmt, fps)


_UTF8_ONLY = frozenset({"ttml", "vtt"})


def save(
    subs: Subtitles,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    fps: float | None = None,
) -> None:
    """Write atomically (:func:`dramaturg.files.write_atomic`: a temporary file in the same
    folder, then ``os.replace``; the target keeps its permissions).

    The format defaults to the one the extension names, else the source format; the encoding
    to the source's own (so a CP949 file stays CP949) unless given.
    """
    target = os.fspath(path)
    fmt = fmt or format_for_path(target) or subs.format
    text = dumps(subs, fmt, fps=fps)
    enc = encoding or subs.encoding or "utf-8"
    if fmt in _UTF8_ONLY and encoding is None:
        enc = "utf-8"  # WebVTT is UTF-8 by specification; our TTML declares UTF-8
    try:
        data = text.encode(enc)
    except LookupError:
        raise DramaturgError(f"unknown encoding {enc!r}", file=target) from None
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise DramaturgError(
            f"{bad!r} cannot be written in {enc}; choose another --encoding", file=target
        ) from None
    write_atomic(target, data)
