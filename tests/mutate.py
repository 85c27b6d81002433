"""Seeded mutation of reader inputs: the engine of the fuzz suite (tests/test_fuzz_readers.py)
and of the long runs (bench/fuzz.py).

A *target* is one reader as a user reaches it: a file extension, seed files from the shared
fixtures (or containers built from them), and :func:`run_one`, which writes an input to a
file and reads it through ``dramaturg.read.read``, counting its words and sentences (the
subtitle targets also through ``subs check`` and ``subs fix``). An input either reads, or fails with a ``DramaturgError``;
anything else is a crash, named by its exception type and the innermost dramaturg frame.

Mutations: byte flips, truncation, random insertions, NULs, huge lines (32k-64k characters
of one adversarial character, with a syntax-bearing prefix), CR-only line ends,
re-encodings, repeated lines (500 headings with no blank line), deep nesting, and for
.docx/.epub/.hwpx the same on one inner XML member (rezipped), entity declarations, raw
damage to the archive and high-ratio members.
"""

from __future__ import annotations

import io
import os
import random
import sys
import traceback
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from containers import docx_bytes, epub_bytes, hwpx_bytes  # noqa: E402
from shared_data import SHARED_DATA  # noqa: E402

# characters that real syntax is made of, for runs that stress the readers' patterns
RUN_CHARS = [
    " ", "\t", "\u00a0", "\u3000", ">", "<", "(", ")", "[", "]", "*", "_", "!", ".", "-", "#",
    "=", "~", ":", "{", "}", "\\", "a", "A", "가", "0", "\r", "\n", "'", '"', "\u201c", "\u2018",
    "/", "@", "^", "|", "&", ";", ",", "?",
]  # fmt: skip
RUN_PREFIXES = [
    "", "\n", "\n\n", ">", "INT. ", "S#1. ", "[[", "<sync start=1", "{", "JOHN\n", "1\n",
    "00:00:01,000 --> ", "제1화 ", "서윤 : ", "Title: ", "CHAPTER I\n\n", "<p>", "/*", "@",
]  # fmt: skip
RUN_SUFFIXES = ["", "x", "\n", "<", "]]", "\u0000", ":", ")", "\nx", "*/", " \n"]


@dataclass
class Target:
    """One reader as a user reaches it."""

    name: str
    ext: str
    seeds: Callable[[], list[bytes]]
    container: bool = False
    subs: bool = False  # also run subs check and subs fix
    command: str = ""  # also run "analyze" or "breakdown" on the story


@dataclass
class Outcome:
    kind: str  # "ok", "error" (a DramaturgError), "crash"
    signature: str = ""
    detail: str = ""
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- seeds


def _files(*patterns: str) -> list[Path]:
    out: list[Path] = []
    for pattern in patterns:
        root, _, glob = pattern.partition(":")
        base = SHARED_DATA / root if not root.startswith("tests/") else HERE.parent / root
        if base.is_dir():
            out.extend(sorted(p for p in base.glob(glob) if p.is_file()))
    return out


def _excerpts(paths: list[Path], size: int = 24_000) -> list[bytes]:
    """The start and a middle stretch of each (long) file."""
    out = []
    for p in paths:
        data = p.read_bytes()
        out.append(data[:size])
        if len(data) > 3 * size:
            mid = len(data) // 2
            out.append(data[mid : mid + size])
    return out


@cache
def _fountain() -> list[bytes]:
    return [
        p.read_bytes()
        for p in _files(
            "screenplays:*.fountain",
            "screenplays:fixtures/*.fountain",
            "tests/data/screenplays:*.fountain",
            "tests/data/detection:*.fountain",
        )  # fmt: skip
    ]


@cache
def _fdx() -> list[bytes]:
    return [p.read_bytes() for p in _files("screenplays:*.fdx")]


@cache
def _korean() -> list[bytes]:
    return [
        p.read_bytes() for p in _files("tests/data/korean:*.txt", "tests/data/detection:korean*")
    ]


@cache
def _prose() -> list[bytes]:
    return _excerpts(_files("novels:*.txt", "korean:*.txt", "tests/data/prose:*.txt")) + [
        p.read_bytes() for p in _files("tests/data/detection:*.md", "tests/data/detection:novel*")
    ]


@cache
def _text_any() -> list[bytes]:
    return (
        _fountain()[:6]
        + _korean()
        + _prose()[:8]
        + [p.read_bytes() for p in _files("tests/data/detection:subtitles*")]
    )


_SUB_EXT = (".srt", ".vtt", ".ass", ".ssa", ".smi", ".sami", ".ttml", ".dfxp", ".xml", ".sub")


@cache
def _subtitles(ext: str) -> list[bytes]:
    # .dfxp is TTML under another name: the fixtures hold none, so it is fed TTML's
    want = ".ttml" if ext == ".dfxp" else ext
    paths = [
        p
        for p in _files("subtitles:files/**/*", "tests/data/subs:*")
        if p.suffix.lower() == want and p.stat().st_size < 400_000
    ]
    out = [p.read_bytes() for p in paths]
    if ext == ".sub":
        # a MicroDVD file that does not declare its frame rate is refused before any cue is
        # read; the same files with a "{1}{1}FPS" first line reach the parser, check and fix
        out += [b"{1}{1}" + fps + b"\n" + d for d in out for fps in (b"23.976", b"25")]
    return out


def _paragraphs(data: bytes, n: int = 60) -> list[str]:
    text = data.decode("utf-8", "replace")
    paras = [p.strip() for p in text.replace("\r", "").split("\n\n") if p.strip()]
    return paras[:n] or ["It rained."]


@cache
def _docx() -> list[bytes]:
    return [docx_bytes(_paragraphs(d)) for d in _prose()[:3]] + [
        docx_bytes(d.decode("utf-8").splitlines()) for d in _korean()[:2]
    ]


@cache
def _epub() -> list[bytes]:
    out = []
    for d in _prose()[:4]:
        paras = _paragraphs(d)
        half = len(paras) // 2 or 1
        chapters = [
            "<h2>Chapter 1</h2>" + "".join(f"<p>{_esc(p)}</p>" for p in paras[:half]),
            "<h2>Chapter 2</h2><p><i>It</i> rained.</p><hr/>"
            + "".join(f"<p>{_esc(p)}</p>" for p in paras[half:]),
        ]
        out.append(epub_bytes(chapters))
    return out


@cache
def _hwpx() -> list[bytes]:
    return [hwpx_bytes(d.decode("utf-8").splitlines()) for d in _korean()]


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def targets() -> dict[str, Target]:
    """Every reader target, by name."""
    out = {
        "fountain": Target("fountain", ".fountain", _fountain),
        "fdx": Target("fdx", ".fdx", _fdx),
        "korean": Target("korean", ".txt", _korean),
        "prose": Target("prose", ".txt", _prose),
        "markdown": Target("markdown", ".md", _prose),
        "txt-any": Target("txt-any", ".txt", _text_any),
        "docx": Target("docx", ".docx", _docx, container=True),
        "epub": Target("epub", ".epub", _epub, container=True),
        "hwpx": Target("hwpx", ".hwpx", _hwpx, container=True),
    }
    for ext in _SUB_EXT:
        name = "subs-" + ext[1:]
        out[name] = Target(name, ext, lambda e=ext: _subtitles(e), subs=True)  # type: ignore[misc]
    # the commands over the readers (slower: seconds an input for analyze)
    out["analyze-fountain"] = Target("analyze-fountain", ".fountain", _fountain, command="analyze")
    out["analyze-korean"] = Target("analyze-korean", ".txt", _korean, command="analyze")
    out["analyze-prose"] = Target("analyze-prose", ".txt", lambda: _prose()[:6], command="analyze")
    out["breakdown-fountain"] = Target(
        "breakdown-fountain", ".fountain", _fountain, command="breakdown"
    )
    out["breakdown-korean"] = Target("breakdown-korean", ".txt", _korean, command="breakdown")
    return out


#: Targets of the readers alone (the default of bench/fuzz.py and the test suite).
def reader_targets() -> dict[str, Target]:
    return {k: t for k, t in targets().items() if not t.command}


# ---------------------------------------------------------------------------- mutations


def _huge_run(rng: random.Random) -> bytes:
    ch = rng.choice(RUN_CHARS)
    n = rng.randint(32_000, 64_000) // max(1, len(ch.encode()))
    piece = rng.choice(RUN_PREFIXES) + ch * n + rng.choice(RUN_SUFFIXES)
    if rng.random() < 0.3:  # a two-character period: "a " "- " "( "
        other = rng.choice(RUN_CHARS)
        piece = rng.choice(RUN_PREFIXES) + (ch + other) * (n // 2) + rng.choice(RUN_SUFFIXES)
    return piece.encode("utf-8")


def mutate_bytes(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """One to three random mutations of ``data``."""
    for _ in range(rng.choice((1, 1, 2, 3))):
        data = _mutate_once(data, rng, others)
    return data


def _mutate_once(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    n = len(data)
    pos = rng.randint(0, n)
    op = rng.randrange(13)
    if op == 0 and n:  # byte flips
        buf = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(n)
            buf[i] ^= 1 << rng.randrange(8)
        return bytes(buf)
    if op == 1:  # truncation
        return data[:pos]
    if op == 2:  # random bytes
        return (
            data[:pos] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + data[pos:]
        )
    if op == 3:  # NULs
        return data[:pos] + b"\x00" * rng.randint(1, 16) + data[pos:]
    if op in (4, 5):  # a huge line
        return data[:pos] + _huge_run(rng) + data[pos:]
    if op == 6:  # CR-only line ends
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    if op == 7:  # re-encoding
        text = data.decode("utf-8", "replace")
        codec = rng.choice(("utf-16", "utf-16-le", "utf-32", "cp949", "latin-1", "utf-8-sig"))
        return text.encode(codec, "replace")
    if op == 8 and n:  # duplicate a chunk
        a = rng.randrange(n)
        b = min(n, a + rng.randint(1, 4096))
        return data[:pos] + data[a:b] * rng.randint(1, 50) + data[pos:]
    if op == 9 and n:  # delete a chunk
        b = min(n, pos + rng.randint(1, 4096))
        return data[:pos] + data[b:]
    if op == 10:  # one line repeated with no blank line: a pasted step outline
        lines = data.split(b"\n")
        line = rng.choice(lines) if lines else b"INT. A - DAY"
        k = rng.randrange(len(lines) + 1)
        rep = [line] * rng.randint(300, 2000)
        return b"\n".join(lines[:k] + rep + lines[k:])
    if op == 11:  # deep nesting
        tag = rng.choice((b"div", b"span", b"p", b"hp:p", b"x", b"Paragraph", b"b"))
        k = rng.randint(300, 3000)
        opening, closing = b"<" + tag + b">", b"</" + tag + b">"
        return data[:pos] + opening * k + b"text" + closing * k + data[pos:]
    if op == 12 and others:  # splice in a piece of another seed
        other = rng.choice(others)
        a = rng.randrange(len(other) + 1)
        return data[:pos] + other[a : a + rng.randint(1, 8192)] + data[pos:]
    return data + b"\n"


_ENTITY_DTD = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b'<!ENTITY x SYSTEM "file:///etc/passwd">]>'
)


def mutate_container(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """A damaged .docx/.epub/.hwpx: an inner member mutated and rezipped, or the archive hurt."""
    op = rng.randrange(10)
    if op == 0:
        return mutate_bytes(data, rng, [])  # raw damage to the zip itself
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [(i, zf.read(i)) for i in zf.infolist()]
    except Exception:  # noqa: BLE001 - an earlier mutation broke it: damage the bytes instead
        return mutate_bytes(data, rng, [])
    out = io.BytesIO()
    xml_members = [
        k
        for k, (info, _) in enumerate(members)
        if info.filename.endswith((".xml", ".opf", ".xhtml", ".hpf", ".rels", ".html"))
    ]
    pick = rng.choice(xml_members) if xml_members else rng.randrange(len(members) or 1)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zw:
        for k, (info, body) in enumerate(members):
            name = info.filename
            if k == pick:
                if op in (5, 6) and b">" in body:
                    # well-formed damage: a huge run (escaped) in a text node of the member
                    at = body.find(b">", rng.randrange(len(body))) + 1 or body.find(b">") + 1
                    run = _huge_run(rng).decode("utf-8")
                    run = run.replace("&", "&amp;").replace("<", "&lt;").replace("\x00", "")
                    body = body[:at] + run.encode("utf-8") + body[at:]
                elif op == 1:
                    body = _ENTITY_DTD + body.split(b"?>", 1)[-1].replace(b">", b">&c;&x;", 1)
                elif op == 2 and len(members) > 1:
                    continue  # a member missing
                else:
                    body = mutate_bytes(body, rng, [m for _, m in members])
            zw.writestr(name, body)
        if op == 3:  # a member that inflates a thousandfold
            name = "Contents/section1.xml" if rng.random() < 0.5 else "word/media/big.bin"
            zw.writestr(name, b"\x00" * rng.randint(1, 3) * 1024 * 1024)
    result = out.getvalue()
    if op == 4 and len(result) > 100:  # a bad CRC: damage deflated bytes inside the archive
        buf = bytearray(result)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(40, len(buf) - 40)
            buf[i] ^= 0xFF
        result = bytes(buf)
    return result


#: The largest input a mutation makes: a hang is then work that grows faster than the input
#: (bench/linear.py measures growth on large inputs), not a big file read at the normal rate.
MAX_INPUT = 512 * 1024


def mutate(target: Target, data: bytes, rng: random.Random) -> bytes:
    others = target.seeds()
    if target.container:
        return mutate_container(data, rng, others)[: MAX_INPUT * 4]
    return mutate_bytes(data, rng, others)[:MAX_INPUT]


# ---------------------------------------------------------------------------- running


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "dramaturg" in f.filename and "/tests/" not in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    at = f"{Path(where.filename).name}:{where.lineno} {where.name}" if where else "?"
    return f"{type(exc).__name__} at {at}"


def run_one(target: Target, data: bytes, folder: Path, *, quick: bool = False) -> Outcome:
    """Read ``data`` as a file of ``target``; the outcome, never an exception. ``quick``:
    subtitles are checked and fixed against one profile, not two."""
    from dramaturg.errors import DramaturgError
    from dramaturg.read import read

    path = folder / f"input{target.ext}"
    path.write_bytes(data)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            story = read(path)
            story.words, story.sentences  # noqa: B018 - the counts stats and analyze ask for
            if target.subs:
                _subs_path(path, ("netflix-ko",) if quick else ("netflix-en", "netflix-ko"))
            if target.command == "analyze":
                from dramaturg.analyze import analyze

                analyze(story).to_dict()
            elif target.command == "breakdown" and story.form == "screenplay":
                from dramaturg.produce.breakdown import breakdown

                breakdown(story).to_dict()
        leaked = [f"{w.category.__name__}: {w.message}" for w in caught]
        return Outcome("ok", warnings=leaked)
    except DramaturgError as exc:
        return Outcome("error", detail=str(exc))
    except RecursionError as exc:
        return Outcome("crash", _signature(exc), "RecursionError")
    except Exception as exc:  # noqa: BLE001 - every other exception is what we are after
        return Outcome("crash", _signature(exc), "".join(traceback.format_exception(exc))[-3000:])
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass


def _subs_path(path: Path, profiles: tuple[str, ...]) -> None:
    """What ``subs check`` and ``subs fix`` do with a file."""
    from dramaturg.subtitles.fix import fix
    from dramaturg.subtitles.io import dumps, load
    from dramaturg.subtitles.profiles import load_profile
    from dramaturg.subtitles.qc import check

    subs = load(path)
    for name in profiles:
        profile = load_profile(name)
        check(subs, profile)
        fixed, _ = fix(subs, profile)
        dumps(fixed)
    for fmt in ("srt", "vtt", "ttml", "sami", "ass"):  # what subs convert writes
        dumps(subs, fmt)


def minimize(target: Target, data: bytes, signature: str, folder: Path, budget: int = 200) -> bytes:
    """A smaller input that still crashes with ``signature`` (chunk deletion, bounded)."""
    if target.container:
        return data
    best = data
    chunk = len(best) // 2
    tries = 0
    while chunk >= 1 and tries < budget:
        pos = 0
        shrunk = False
        while pos < len(best) and tries < budget:
            candidate = best[:pos] + best[pos + chunk :]
            tries += 1
            out = run_one(target, candidate, folder)
            if out.kind == "crash" and out.signature == signature:
                best = candidate
                shrunk = True
            else:
                pos += chunk
        if not shrunk:
            chunk //= 2
    return best
