"""Benchmark: every reader's time at N, 2N and 4N characters, on the inputs that were
super-linear before (long runs of one character after syntax, unclosed brackets, chains of
headings, one long cue) and on valid files of every reader built from the shared fixtures
(Fountain, Final Draft, Korean, prose, markdown, .docx, .epub, .hwpx, SRT, WebVTT, ASS, SAMI,
TTML).

Each case writes its text to a file and times the user path, ``dramaturg.read.read`` (the
subtitle cases also ``subs check`` and ``subs fix``, a few cases ``analyze`` or
``breakdown``), with a full ``gc.collect()`` charged;
median CPU time of ``--repeat`` runs. The growth exponent is ``log2(t(4N) / t(2N))``: 1 is linear,
2 quadratic. A case fails when the exponent is over ``--max-exponent`` (default 1.3) while
t(4N) is long enough to tell (over 20 ms). Exits 1 when a case fails.

    python bench/linear.py [--n 40000] [--repeat 3] [--only fountain]
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from dramaturg.errors import DramaturgError  # noqa: E402
from dramaturg.read import read  # noqa: E402
from shared_data import SHARED_DATA  # noqa: E402

# name, extension, text (or a container's bytes) of about n characters, what runs ("read",
# "subs": read, subs check and subs fix, "analyze": read and analyze, "breakdown": read and
# breakdown), a valid file (N is --valid-n)
Case = tuple[str, str, Callable[[int], str | bytes], str, bool]


def _fixture(pattern: str) -> str:
    files = sorted(SHARED_DATA.glob(pattern))
    return "\n\n".join(f.read_text(encoding="utf-8-sig") for f in files)


def _repeat_to(unit: str, n: int) -> str:
    return (unit * (n // max(1, len(unit)) + 1))[:n] if unit else ""


def _srt(
    n: int, text: str = "I never thought I would see you here, not after all these years"
) -> str:
    cues = []
    i = 0
    size = 0
    while size < n:
        i += 1
        s = i * 3
        cue = f"{i}\n{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d},000 --> {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d},900\n{text}\n"
        cues.append(cue)
        size += len(cue) + 1
    return "\n".join(cues)


def _subs_as(fmt: str, n: int) -> str:
    """The valid SRT of about n characters, written as ``fmt`` by dramaturg."""
    from dramaturg.subtitles.io import dumps, loads

    return dumps(loads(_srt(n), "srt"), fmt)


def _fdx(n: int) -> str:
    """A Final Draft file: the shared sample's paragraphs repeated to about n characters."""
    text = (SHARED_DATA / "screenplays" / "brick-and-steel.fdx").read_text(encoding="utf-8")
    head, _, rest = text.partition("<Content>")
    body, _, tail = rest.partition("</Content>")
    return (
        head
        + "<Content>"
        + _repeat_to(body, n).rpartition("</Paragraph>")[0]
        + "</Paragraph></Content>"
        + tail
    )


def _novel_paragraphs(n: int) -> list[str]:
    text = _repeat_to(_fixture("novels/emma.txt"), n)
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _docx(n: int) -> bytes:
    from containers import docx_bytes

    return docx_bytes(_novel_paragraphs(n))


def _epub(n: int) -> bytes:
    from containers import epub_bytes

    paras = _novel_paragraphs(n)
    size = max(1, len(paras) // 20)
    return epub_bytes(
        [
            f"<h2>Chapter {k + 1}</h2>" + "".join(f"<p>{_esc(p)}</p>" for p in paras[i : i + size])
            for k, i in enumerate(range(0, len(paras), size))
        ]
    )


def _hwpx(n: int) -> bytes:
    from containers import hwpx_bytes

    return hwpx_bytes(_repeat_to(_korean_script() + "\n", n).splitlines())


def _korean_script() -> str:
    return (Path(__file__).resolve().parents[1] / "tests/data/korean/drama_ep1.txt").read_text(
        encoding="utf-8"
    )


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


CASES: list[Case] = [
    # --- malformed input, the shapes of the hangs
    ("fountain centered '>' + spaces", ".fountain", lambda n: ">" + " " * n + "x\n", "read", False),
    ("fountain run of tabs", ".fountain", lambda n: "x\n" + "\t" * n + "x\n", "read", False),
    ("fountain run of NBSP", ".fountain", lambda n: "x\n" + "\u00a0" * n + "x\n", "read", False),
    ("fountain run of U+3000", ".fountain", lambda n: "x\n" + "\u3000" * n + "x\n", "read", False),
    ("fountain unclosed [[", ".fountain", lambda n: "x ]] " + "[[" * (n // 2) + "\n", "read", False),
    ("fountain trailing spaces", ".fountain", lambda n: "Then" + " " * n + "x \nmore\n", "read", False),
    ("fountain cue of '('", ".fountain", lambda n: "JOHN " + "(" * n + "\nHi.\n", "read", False),
    ("fountain headings, no blank line", ".fountain",
     lambda n: "\n".join(f"INT. ROOM {i} - DAY" for i in range(n // 20)), "read", False),
    ("fountain emphasis openers", ".fountain", lambda n: _repeat_to("_a ", n) + " x*" * 50, "read", False),
    ("txt whitespace run (detection)", ".txt", lambda n: "\n\nA" + " " * n + "x\n", "read", False),
    ("korean leading blanks", ".txt", lambda n: "S#1. 카페 (낮)\n서윤 : 네.\n" + " " * n + "x\n", "read", False),
    ("korean tab run in a cue line", ".txt",
     lambda n: "S#1. 카페 (낮)\nS#2. 길\n서윤" + "\t" * n + "\u00a0x\n", "read", False),
    ("korean heading with a space run", ".txt", lambda n: "S#1. 카페" + " " * n + "x\nS#2. 길\n", "read", False),
    ("prose line of '.'", ".txt", lambda n: "CHAPTER I\n\n" + "." * n + "x\n", "read", False),
    ("markdown line of '*'", ".md", lambda n: "# One\n\n" + "*" * n + " and\n", "read", False),
    ("prose unclosed single quotes", ".txt",
     lambda n: "\u2018Hi\u2019 " * 30 + "\n\n" + _repeat_to("\u2018a ", n) + "\n", "read", False),
    ("srt line of spaces", ".srt", lambda n: "1\n00:00:01,000 --> 00:00:02,000\nHi\n" + " " * n + "\n", "subs", False),
    ("srt one long cue", ".srt", lambda n: "1\n00:00:01,000 --> 00:00:09,000\n" + _repeat_to("word ", n) + "\n", "subs", False),
    ("ssa line of an unclosed '['", ".ssa",
     lambda n: "[Script Info]\nScriptType: v4.00\n\n[Events]\nFormat: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: Marked=0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi.\nS[[" + "a" * n + "\n", "subs", False),
    ("microdvd unclosed '{' in a cue", ".sub", lambda n: "{1}{1}25\n{10}{60}Title: " + "{" * n + "\n", "subs", False),
    ("sami unclosed '<'", ".smi", lambda n: "<SAMI><BODY><SYNC Start=1000><P Class=KRCC>" + "<" * n + "\n</BODY></SAMI>\n", "subs", False),
    ("sami unclosed <sync", ".smi", lambda n: "<SAMI><BODY><SYNC Start=1><P>a\n" + _repeat_to("<sync ", n) + "\n", "subs", False),
    ("sami unclosed Class= name", ".smi", lambda n: "<SAMI><BODY><SYNC Start=1><P Class=" + "a" * n + "\n", "subs", False),
    ("sami start= repeated in an open <sync", ".smi",
     lambda n: "<SAMI><BODY><SYNC Start=1><P>a\n<SYNC " + _repeat_to("start=1 ", n) + "\n", "subs", False),
    ("fountain unclosed /* boneyards", ".fountain",
     lambda n: "INT. A - DAY\n\nA /* b */ c.\n\n" + "/*\n" * (n // 3), "read", False),
    ("prose unclosed _emphasis", ".txt", lambda n: "CHAPTER I\n\nIt rained.\n\n" + _repeat_to(" _a", n) + "\n", "read", False),
    ("markdown unclosed emphasis", ".md", lambda n: "# One\n\nIt rained.\n\n" + _repeat_to(" *a **b __c _d", n) + "\n", "read", False),
    ("prose name before a space run", ".txt",
     lambda n: "CHAPTER I\n\nIt rained.\n\nThen Anne" + " " * n + "waited.\n", "read", False),
    ("breakdown: unclosed [[ in action", ".fountain",
     lambda n: "INT. A - DAY\n\n" + _repeat_to("[[a ", n) + "\n\nJOE\nHi.\n", "breakdown", False),
    ("breakdown: heading of unclosed '('", ".fountain",
     lambda n: "INT. A - DAY\n\nJoe sits.\n\nEXT. ROOF " + "(" * n + " - NIGHT\n\nJOE\nHi.\n", "breakdown", False),
    ("analyze: a run of 'A-' in prose", ".txt",
     lambda n: "CHAPTER I\n\nAnna met Paul. She was 19 and said " + _repeat_to("A-", n) + "A.\n", "analyze", False),
    ("analyze: a line of punctuation", ".fountain",
     lambda n: "INT. A - DAY\n\nJOE\n" + "!?" * (n // 2) + "\n\nANN\nOh.\n", "analyze", False),
    ("analyze: a line of '*' and spaces", ".fountain",
     lambda n: "INT. A - DAY\n\nJOE\n" + _repeat_to("* ", n) + "x\n\nANN\nOh.\n", "analyze", False),
    ("analyze: korean touch repeated in one block", ".txt",
     lambda n: _korean_script() + "\n\n" + _repeat_to("두 사람, 손을 잡은 채 마루로 오른다.\n", n), "analyze", False),
    # --- valid files built from the shared fixtures
    ("fountain script (fixtures)", ".fountain", lambda n: _repeat_to(_fixture("screenplays/**/*.fountain") + "\n\n", n), "read", True),
    ("novel (shared novels)", ".txt", lambda n: _repeat_to(_fixture("novels/emma.txt"), n), "read", True),
    ("fdx script (shared sample)", ".fdx", _fdx, "read", True),
    ("markdown novel (shared novels)", ".md", lambda n: _repeat_to(_fixture("novels/emma.txt"), n), "read", True),
    ("korean script (tests)", ".txt", lambda n: _repeat_to(_korean_script() + "\n", n), "read", True),
    (".docx novel", ".docx", _docx, "read", True),
    (".epub novel", ".epub", _epub, "read", True),
    (".hwpx korean script", ".hwpx", _hwpx, "read", True),
    ("fountain script: breakdown", ".fountain", lambda n: _repeat_to(_fixture("screenplays/**/*.fountain") + "\n\n", n), "breakdown", True),
    ("srt, many cues", ".srt", _srt, "subs", True),
    ("vtt, many cues", ".vtt", lambda n: _subs_as("vtt", n), "subs", True),
    ("ass, many cues", ".ass", lambda n: _subs_as("ass", n), "subs", True),
    ("sami, many cues", ".smi", lambda n: _subs_as("sami", n), "subs", True),
    ("ttml, many cues", ".ttml", lambda n: _subs_as("ttml", n), "subs", True),
]  # fmt: skip


def _subs(path: Path) -> None:
    from dramaturg.subtitles.fix import fix
    from dramaturg.subtitles.io import load
    from dramaturg.subtitles.profiles import load_profile
    from dramaturg.subtitles.qc import check

    subs = load(path)
    profile = load_profile("netflix-en")
    check(subs, profile)
    fix(subs, profile)


def timed(path: Path, mode: str) -> float:
    """CPU seconds (the machine is shared: wall time would measure the neighbours)."""
    gc.collect()
    t0 = time.process_time()
    try:
        story = read(path)
        if mode == "subs":
            _subs(path)
        elif mode == "analyze":
            from dramaturg.analyze import analyze

            analyze(story)
        elif mode == "breakdown":
            from dramaturg.produce.breakdown import breakdown

            breakdown(story)
    except DramaturgError:
        pass
    gc.collect()
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--n", type=int, default=40_000, help="N in characters (malformed cases)")
    ap.add_argument("--valid-n", type=int, default=1_000_000, help="N for the valid files")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-exponent", type=float, default=1.3)
    ap.add_argument("--only", default="", help="run the cases whose name contains this")
    args = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="dramaturg-linear-"))
    failed = 0
    print(f"{'case':36s} {'N':>9s} {'t(N)':>8s} {'t(2N)':>8s} {'t(4N)':>8s}  exponent")
    for name, ext, make, mode, valid in CASES:
        if args.only and args.only not in name:
            continue
        base = args.valid_n if valid else args.n
        times = []
        for k in (1, 2, 4):
            path = folder / f"case{ext}"
            data = make(base * k)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
            times.append(statistics.median(timed(path, mode) for _ in range(args.repeat)))
        exponent = math.log2(max(times[2], 1e-6) / max(times[1], 1e-6))
        bad = exponent > args.max_exponent and times[2] > 0.02
        failed += bad
        print(
            f"{name:36s} {base:9,d} {times[0]:8.3f} {times[1]:8.3f} {times[2]:8.3f}  "
            f"{exponent:5.2f}{'  FAIL' if bad else ''}",
            flush=True,
        )
    print("PASS" if not failed else f"FAIL ({failed} cases grow faster than linear)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
