"""TTML / IMSC / DFXP: read the cues, and write a document that keeps what it was given.

Reading: clock, frame (``hh:mm:ss:ff``, ``ttp:frameRate`` x ``ttp:frameRateMultiplier``),
tick (``ttp:tickRate``) and offset times; ``par`` and ``seq`` containers; ``<p>`` without an
end lasts until its parent ends; timed ``<span>`` elements. Each cue keeps its ``<p>``'s attributes
(its region and style, inherited from its ``<div>`` made explicit) and the file keeps its
``<head>`` (metadata, styling, layout), the root's parameters and namespaces.

Writing TTML from TTML keeps the head, the regions, styles, tick rate and metadata and each
cue's region, with times in the file's own time base (ticks stay ticks). From SRT, WebVTT and
the rest it writes an IMSC document with a bottom and a top region: ``{\\an8}`` (and 7, 9) or
a WebVTT ``line:`` near the top puts a cue in the top region; ``align:start|end`` becomes
``tts:textAlign``.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

from dramaturg.errors import DramaturgError
from dramaturg.subtitles.model import HTML, Cue, Subtitles
from dramaturg.text.safe_xml import parse_xml

__all__ = ["read_ttml", "dump_ttml", "TTMLDocument", "TOP", "placement"]

#: ``Cue.settings`` of a TTML cue shown at the top of the screen (its region's
#: ``tts:displayAlign`` is ``before``); other formats read it like a WebVTT ``line:0``.
TOP = "line:0"


@dataclass(slots=True)
class TTMLDocument:
    """What a TTML file carries besides its cues, to write it back."""

    root: dict[str, str] = field(default_factory=dict)  # <tt> attributes (Clark names)
    head: ET.Element | None = None
    body: dict[str, str] = field(default_factory=dict)  # <body> attributes
    namespaces: dict[str, str] = field(default_factory=dict)  # uri -> prefix, as written
    tick_rate: float | None = None  # write ticks at this rate (the file used ticks)


_TT_NS = "http://www.w3.org/ns/ttml"
_TTP_NS = "http://www.w3.org/ns/ttml#parameter"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_CLOCK = re.compile(r"^(\d{1,7}):(\d\d):(\d\d)(?:(\.\d{1,12})|:(\d{1,9})(?:\.(\d{1,9}))?)?$")
_OFFSET = re.compile(r"^(\d{1,15}(?:\.\d{1,15})?)(h|ms|m|s|f|t)$")
#: Latest time accepted in a TTML file, in seconds (a thousand hours).
_MAX_SECONDS = 3_600_000.0


def _rate(root: ET.Element, name: str, default: float, path: str) -> float:
    """A positive, finite ``ttp:`` rate attribute (frameRate, subFrameRate, tickRate)."""
    value = root.get(f"{{{_TTP_NS}}}{name}")
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and 0 < number <= 1e9):
        raise DramaturgError(f"bad ttp:{name} value {value[:40]!r} (a positive number)", file=path)
    return number


class _TTMLTimes:
    def __init__(self, root: ET.Element, path: str) -> None:
        declared = root.get(f"{{{_TTP_NS}}}frameRate") is not None
        frame_rate = _rate(root, "frameRate", 30.0, path)
        multiplier = root.get(f"{{{_TTP_NS}}}frameRateMultiplier", "1 1")
        num, _, den = multiplier.strip().partition(" ")
        try:
            n, d = float(num), float(den or 1)
        except ValueError:
            n = d = math.nan
        if not (math.isfinite(n) and math.isfinite(d) and n > 0 and d > 0):
            raise DramaturgError(
                f"bad ttp:frameRateMultiplier {multiplier[:40]!r} (two positive numbers)", file=path
            )
        self.fps = frame_rate * n / d
        if not (math.isfinite(self.fps) and self.fps > 0):
            raise DramaturgError("bad ttp:frameRate and ttp:frameRateMultiplier", file=path)
        sub = _rate(root, "subFrameRate", 1.0, path)
        self.tick_rate = _rate(root, "tickRate", frame_rate * sub if declared else 1.0, path)
        self.declared_fps = self.fps if declared else None
        self.path = path

    def seconds(self, expr: str) -> float:
        value = self._seconds(expr.strip())
        if not (math.isfinite(value) and value <= _MAX_SECONDS):
            raise DramaturgError(f"TTML time {expr[:40]!r} is out of range", file=self.path)
        return value

    def _seconds(self, expr: str) -> float:
        m = _CLOCK.match(expr)
        if m:
            h, mi, s, frac, frames, sub = m.groups()
            value = int(h) * 3600 + int(mi) * 60 + int(s) + float(frac or 0)
            if frames is not None:
                value += (int(frames) + float(f"0.{sub}" if sub else 0)) / self.fps
            return value
        m = _OFFSET.match(expr)
        if m:
            count, unit = float(m.group(1)), m.group(2)
            scale = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
            if unit in scale:
                return count * scale[unit]
            return count / (self.fps if unit == "f" else self.tick_rate)
        raise DramaturgError(f"unsupported TTML time expression {expr[:40]!r}", file=self.path)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


_ITALIC_STYLE = "{http://www.w3.org/ns/ttml#styling}fontStyle"


def _ttml_text(elem: ET.Element) -> str:
    """The text of a ``<p>`` or ``<span>``: ``<br/>`` as NUL, italic spans as ``<i>``;
    iterative, so that nested spans cannot exhaust the stack."""
    parts: list[str] = [elem.text or ""]
    stack: list[tuple[ET.Element, Iterator[ET.Element], bool]] = [(elem, iter(elem), False)]
    while stack:
        node, children, italic = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if italic:
                parts.append("</i>")
            if stack:  # the element's tail follows it inside its parent
                parts.append(node.tail or "")
            continue
        name = _local(child.tag)
        if name == "span":
            is_italic = child.get(_ITALIC_STYLE) == "italic"
            if is_italic:
                parts.append("<i>")
            parts.append(child.text or "")
            stack.append((child, iter(child), is_italic))
            continue
        if name == "br":
            parts.append("\x00")  # a real line break; XML whitespace collapses around it
        parts.append(child.tail or "")
    return "".join(parts)


_TIMED = ("body", "div", "p", "span")


_Raw = tuple[float, float | None, str, dict[str, str]]
_TIMING_ATTRS = frozenset({"begin", "end", "dur", "timeContainer"})
_REGION, _STYLE = "region", "style"


def _own_attrs(elem: ET.Element, region: str, style: str) -> dict[str, str]:
    """A ``<p>``'s attributes to write back (not its timing), with the region and style it
    inherits from its ``<div>`` made explicit."""
    attrs = {k: v for k, v in elem.attrib.items() if k not in _TIMING_ATTRS}
    if region and _REGION not in attrs:
        attrs[_REGION] = region
    if style:
        attrs[_STYLE] = f"{style} {attrs[_STYLE]}" if _STYLE in attrs else style
    return attrs


def _ttml_cues(root: ET.Element, times: _TTMLTimes) -> list[_Raw]:
    """(begin, end or None, text) of every timed ``<p>`` / ``<span>``, in document order.

    Each element is active from its ``begin`` (relative to its parent's, or to the end of
    the previous sibling in a ``seq`` container) to its ``end`` or ``begin + dur``, clipped
    to its parent; a container without an end lasts until its last child ends. The tree is
    walked with an explicit stack (no recursion, whatever the nesting).
    """
    raw: list[_Raw] = []

    class Frame:
        __slots__ = (
            "children", "begin", "end", "seq", "cursor", "latest", "child_end", "inner",
            "region", "style",
        )  # fmt: skip

        def __init__(
            self,
            elem: ET.Element,
            begin: float,
            end: float | None,
            seq: bool,
            region: str = "",
            style: str = "",
        ) -> None:
            self.children = iter(elem)
            self.begin, self.end, self.seq = begin, end, seq
            self.region, self.style = region, style
            self.cursor = begin
            self.latest: float | None = None
            self.child_end: float | None = None  # the end of the child being walked
            self.inner = False  # whether that child's end is its last child's end

        def done(self, e: float | None) -> None:
            if e is not None:
                self.latest = e if self.latest is None else max(self.latest, e)
                self.cursor = e

    stack = [Frame(root, 0.0, None, False)]
    while stack:
        frame = stack[-1]
        child = next(frame.children, None)
        if child is None:
            stack.pop()
            if stack:
                parent = stack[-1]
                child_end = parent.child_end
                if parent.inner and child_end is None:
                    child_end = frame.latest
                parent.done(child_end)
            continue
        name = _local(child.tag)
        if name not in _TIMED:
            continue
        base = frame.cursor if frame.seq else frame.begin
        b = base + times.seconds(child.get("begin", "0s"))
        e: float | None = None
        if child.get("end") is not None:
            e = base + times.seconds(child.get("end", "0s"))
        if child.get("dur") is not None:
            d = b + times.seconds(child.get("dur", "0s"))
            e = d if e is None else min(e, d)
        if e is None:
            e = frame.end
        if frame.end is not None and e is not None:
            e = min(e, frame.end)
        child_seq = child.get("timeContainer") == "seq"
        region = child.get(_REGION) or frame.region
        # a <div>'s style passes to its paragraphs; <body>'s is written on <body> itself
        style = frame.style
        if name == "div" and child.get(_STYLE):
            style = f"{style} {child.get(_STYLE)}".strip()
        if name == "p":
            timed_spans = any(_local(x.tag) == "span" and x.get("begin") for x in child.iter())
            if timed_spans and child.get("begin") is None and child.get("end") is None:
                frame.child_end, frame.inner = e, False
                p_style = f"{style} {child.get(_STYLE, '')}".strip()
                stack.append(Frame(child, b, e, child_seq, region, p_style))
                continue
            raw.append((b, e, _ttml_text(child), _own_attrs(child, region, style)))
        elif name == "span":
            attrs = {_REGION: region} if region else {}
            if style:
                attrs[_STYLE] = style
            raw.append((b, e, _ttml_text(child), attrs))
        else:
            frame.child_end, frame.inner = e, True
            stack.append(Frame(child, b, e, child_seq, region, style))
            continue
        frame.done(e)
    return raw


def read_ttml(text: str, path: str, fmt: str, fps: float | None, language: str | None) -> Subtitles:
    """TTML1/IMSC/DFXP: clock, frame (``hh:mm:ss:ff``, frameRate x multiplier) and tick times;
    ``par`` and ``seq`` time containers; <p> without end lasts until its parent ends."""
    root = parse_xml(text, path, what="TTML")
    if _local(root.tag) != "tt":
        raise DramaturgError("XML file is not TTML (root element is not <tt>)", file=path)
    times = _TTMLTimes(root, path)
    raw = _ttml_cues(root, times)
    known_ends = [e for _, e, _, _ in raw if e is not None]
    doc_end = max(known_ends) if known_ends else None
    cues: list[Cue] = []
    tops = _top_regions(root)
    for b, e, body, attrs in raw:
        body = "\n".join(" ".join(part.split()) for part in body.split("\x00")).strip()
        if e is None:
            e = doc_end if doc_end is not None and doc_end > b else b
        if not (math.isfinite(b) and math.isfinite(e) and b <= _MAX_SECONDS and e <= _MAX_SECONDS):
            raise DramaturgError("TTML times add up beyond a thousand hours", file=path)
        top = attrs.get(_REGION, "") in tops
        cues.append(
            Cue(
                start=round(b * 1000), end=round(e * 1000), text=body,
                settings=TOP if top else "", ttml=attrs or None,
            )
        )  # fmt: skip
    lang = root.get(f"{{{_XML_NS}}}lang")
    return Subtitles(
        path=path, format="ttml", encoding="utf-8", cues=cues, markup=HTML,
        language=lang.split("-")[0] if lang else None, fps=times.declared_fps,
        text_type=_ttml_text_type(root),
        document=_document(root, text, times),
    )  # fmt: skip


def _ttml_text_type(root: ET.Element) -> str | None:
    """Netflix's ``nttm:textType`` ("CC" for closed captions, "SUBTITLE"), as an attribute
    of ``<tt>`` or an element in ``<head>``'s metadata."""
    for key, value in root.attrib.items():
        if _local(key) == "textType":
            return value.strip() or None
    for child in root:
        if _local(child.tag) != "head":
            continue
        for elem in child.iter():
            if _local(elem.tag) == "textType" and (elem.text or "").strip():
                return (elem.text or "").strip()
            for key, value in elem.attrib.items():
                if _local(key) == "textType":
                    return value.strip() or None
    return None


_TTS_NS = "http://www.w3.org/ns/ttml#styling"
_TTM_NS = "http://www.w3.org/ns/ttml#metadata"
_DISPLAY_ALIGN = f"{{{_TTS_NS}}}displayAlign"
_XMLNS = re.compile(r"""\bxmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']""")
_KNOWN_PREFIXES = {
    _TT_NS: "",
    _TTP_NS: "ttp",
    _TTS_NS: "tts",
    _TTM_NS: "ttm",
    _XML_NS: "xml",
    "http://www.netflix.com/ns/ttml#metadata": "nttm",
}


def _top_regions(root: ET.Element) -> set[str]:
    """Ids of the regions whose text sits at the top (``tts:displayAlign="before"``)."""
    out = set()
    for elem in root.iter():
        if _local(elem.tag) == "region" and elem.get(_DISPLAY_ALIGN) == "before":
            rid = elem.get(f"{{{_XML_NS}}}id")
            if rid:
                out.add(rid)
    return out


def _document(root: ET.Element, text: str, times: _TTMLTimes) -> TTMLDocument:
    namespaces = dict(_KNOWN_PREFIXES)
    for prefix, uri in _XMLNS.findall(text[: text.find(">", text.find("<tt")) + 1 or None]):
        namespaces[uri] = prefix
    head = next((c for c in root if _local(c.tag) == "head"), None)
    body = next((c for c in root if _local(c.tag) == "body"), None)
    uses_ticks = re.search(r"""\b(?:begin|end|dur)\s*=\s*["']\s*[\d.]+t\s*["']""", text)
    tick_rate = times.tick_rate if uses_ticks and root.get(f"{{{_TTP_NS}}}tickRate") else None
    return TTMLDocument(
        root=dict(root.attrib),
        head=head,
        body=dict(body.attrib) if body is not None else {},
        namespaces=namespaces,
        tick_rate=tick_rate,
    )


# --- writing ---------------------------------------------------------------------------------


def _name(clark: str, namespaces: dict[str, str], default: str = "") -> str:
    """``{uri}local`` as ``prefix:local`` (``local`` in the default namespace)."""
    if not clark.startswith("{"):
        return clark
    uri, _, local = clark[1:].partition("}")
    prefix = namespaces.get(uri)
    if prefix is None:  # a namespace the root did not declare: keep it, with a made-up prefix
        prefix = f"ns{len(namespaces)}"
        namespaces[uri] = prefix
    if uri == default or prefix == "":
        return local
    return f"{prefix}:{local}"


def _attrs(attrs: dict[str, str], namespaces: dict[str, str]) -> str:
    return "".join(
        f' {_name(k, namespaces, "~")}="{html.escape(v, quote=True)}"' for k, v in attrs.items()
    )


def _serialize(elem: ET.Element, namespaces: dict[str, str], indent: str, out: list[str]) -> None:
    """Write ``elem`` (a ``<head>``) back as XML; iterative, any depth."""
    stack: list[tuple[ET.Element, int, bool]] = [(elem, 0, False)]
    while stack:
        node, depth, closing = stack.pop()
        pad = indent + "  " * depth
        tag = _name(node.tag, namespaces, _TT_NS) if isinstance(node.tag, str) else ""
        if not tag:
            continue
        if closing:
            out.append(f"{pad}</{tag}>")
            continue
        text = (node.text or "").strip()
        children = list(node)
        opening = f"{pad}<{tag}{_attrs(dict(node.attrib), namespaces)}"
        if not children and not text:
            out.append(opening + "/>")
            continue
        if not children:
            out.append(f"{opening}>{html.escape(text, quote=False)}</{tag}>")
            continue
        out.append(opening + ">" + (html.escape(text, quote=False) if text else ""))
        stack.append((node, depth, True))
        for child in reversed(children):
            stack.append((child, depth + 1, False))


def _clock(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{rest:03d}"


_TOP_TAG = re.compile(r"\{\\an[789]\}")
_OVERRIDE = re.compile(r"\{\\[^{}]*\}")
_ANY_TAG = re.compile(r"<[^<>\n]*>")
_ITALIC = re.compile(r"<i>(.*?)</i>", re.S)
# a WebVTT number ("1..5" or "1.2.3" is no number: the setting is ignored, as players do)
_LINE = re.compile(r"(?:^|\s)line:(-?(?:\d+(?:\.\d*)?|\.\d+))(%?)(?=[\s,]|$)")
_ALIGN = re.compile(r"(?:^|\s)align:(start|left|end|right|center|middle)")


def placement(cue: Cue) -> tuple[bool, str | None]:
    """(at the top, text alignment) from ``{\\an8}``, or WebVTT ``line:`` / ``align:``.

    >>> placement(Cue(0, 1, "{\\\\an8}위")), placement(Cue(0, 1, "x", settings="line:10% align:start"))
    ((True, None), (True, 'start'))
    """
    top = bool(_TOP_TAG.search(cue.text))
    align = None
    if cue.settings:
        m = _LINE.search(cue.settings)
        if m:
            value = float(m.group(1))
            top = value < 50 if m.group(2) else value >= 0
        a = _ALIGN.search(cue.settings)
        if a:
            align = {"left": "start", "right": "end", "middle": "center"}.get(
                a.group(1), a.group(1)
            )
    return top, align


def _body_text(text: str, unescape: bool) -> str:
    """A cue's HTML-markup text as TTML content: ``<i>`` as italic spans, lines as ``<br/>``,
    every other tag and ASS override dropped, escaped once (WebVTT entities decoded first)."""
    pieces = []
    for line in _OVERRIDE.sub("", text).split("\n"):
        last = line.rfind("</i>") + 4  # an <i> closes no later than the last </i>
        if last >= 4:
            line = _ITALIC.sub("\x01\\1\x02", line[:last]) + line[last:]
        plain = _ANY_TAG.sub("", line)
        if unescape and "&" in plain:
            plain = html.unescape(plain)
        marked = html.escape(plain, quote=False)
        pieces.append(
            marked.replace("\x01", '<span tts:fontStyle="italic">').replace("\x02", "</span>")
        )
    return "<br/>".join(pieces)


_IMSC_HEAD = [
    "  <head>",
    "    <styling>",
    '      <style xml:id="default" tts:textAlign="center" tts:fontSize="100%"/>',
    "    </styling>",
    "    <layout>",
    '      <region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" '
    'tts:displayAlign="after" tts:textAlign="center"/>',
    '      <region xml:id="top" tts:origin="10% 10%" tts:extent="80% 80%" '
    'tts:displayAlign="before" tts:textAlign="center"/>',
    "    </layout>",
    "  </head>",
]


def dump_ttml(subs: Subtitles, texts: list[str]) -> str:
    """The TTML text of ``subs``; ``texts`` are the cues' texts in HTML markup."""
    doc = subs.document if isinstance(subs.document, TTMLDocument) else None
    unescape = subs.format == "vtt"
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    if doc is not None:
        namespaces = dict(doc.namespaces)
        head: list[str] = []
        if doc.head is not None:
            _serialize(doc.head, namespaces, "  ", head)
        body_attrs = _attrs(doc.body, namespaces)
        p_lines = []
        for cue, text in zip(subs.cues, texts, strict=True):
            attrs = _attrs(cue.ttml or {}, namespaces)
            begin, end = _time(cue.start, doc), _time(cue.end, doc)
            p_lines.append(
                f'      <p begin="{begin}" end="{end}"{attrs}>{_body_text(text, unescape)}</p>'
            )
        root_attrs = _attrs(doc.root, namespaces)
        declared = "".join(
            f' xmlns="{html.escape(uri)}"'
            if prefix == ""
            else f' xmlns:{prefix}="{html.escape(uri)}"'
            for uri, prefix in namespaces.items()
            if uri != _XML_NS
            and (prefix == "" or _uses(prefix, root_attrs, head, body_attrs, p_lines))
        )
        out.append(f"<tt{declared}{root_attrs}>")
        out.extend(head)
        out.append(f"  <body{body_attrs}>")
        out.append("    <div>")
        out.extend(p_lines)
    else:
        lang = subs.language or "und"
        out.append(
            f'<tt xmlns="{_TT_NS}" xmlns:tts="{_TTS_NS}" xmlns:ttp="{_TTP_NS}" '
            f'ttp:timeBase="media" xml:lang="{html.escape(lang)}">'
        )
        out.extend(_IMSC_HEAD)
        out.append('  <body style="default">')
        out.append("    <div>")
        for cue, text in zip(subs.cues, texts, strict=True):
            top, align = placement(cue)
            extra = f' tts:textAlign="{align}"' if align else ""
            out.append(
                f'      <p begin="{_clock(cue.start)}" end="{_clock(cue.end)}" '
                f'region="{"top" if top else "bottom"}"{extra}>{_body_text(text, unescape)}</p>'
            )
    out += ["    </div>", "  </body>", "</tt>", ""]
    return "\n".join(out)


def _uses(prefix: str, *parts: object) -> bool:
    needle = f"{prefix}:"
    for part in parts:
        if isinstance(part, list):
            if any(needle in x for x in part):
                return True
        elif needle in str(part):
            return True
    return False


def _time(ms: int, doc: TTMLDocument) -> str:
    if doc.tick_rate:
        return f"{round(ms * doc.tick_rate / 1000)}t"
    return _clock(ms)
