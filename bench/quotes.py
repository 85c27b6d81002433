"""Every quote the analysis shows must stand in the draft at the line it names.

Runs ``analyze`` on the dev novels, the dev screenplays and the demo, walks the whole JSON
output for every object with ``file``, ``line`` and ``quote``, and checks that the quote
(whitespace collapsed) occurs in the file starting on that line. Prints one line per file
and every mismatch.

    PYTHONPATH=src python bench/quotes.py [FILE ...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from dramaturg.analyze import analyze
from dramaturg.read import read

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"
_WS = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")  # Final Draft: the words stand between XML tags


def _quotes(node: object, out: list[dict]) -> None:
    if isinstance(node, dict):
        if {"file", "line", "quote"} <= set(node) and node.get("quote") and node.get("line"):
            out.append(node)
        for v in node.values():
            _quotes(v, out)
    elif isinstance(node, list):
        for v in node:
            _quotes(v, out)


def check(path: Path) -> tuple[int, list[str]]:
    data = analyze(read(path)).to_dict()
    found: list[dict] = []
    _quotes(data, found)
    texts: dict[str, list[str]] = {}
    bad = []
    for q in found:
        lines = texts.get(q["file"])
        if lines is None:
            raw = Path(q["file"]).read_bytes().decode("utf-8-sig", errors="replace")
            lines = texts[q["file"]] = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        quote = _WS.sub(" ", q["quote"]).strip()
        line = int(q["line"])
        first = _WS.sub(" ", _TAGS.sub("", lines[line - 1])).strip()
        rest = _WS.sub(" ", _TAGS.sub("", " ".join(lines[line - 1 : line + 40]))).strip()
        head = quote[: max(8, min(40, len(quote)))]
        # the quote must begin on its line: found in the text from that line on, at a
        # column inside the line itself
        pos = rest.find(head[: len(first)] if len(first) < len(head) else head)
        if pos < 0 or pos > len(first):
            bad.append(f"{q['file']}:{line}: {quote[:70]!r}")
    return len(found), bad


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [
        *sorted((SHARED / "novels").glob("*.txt")),
        *sorted((SHARED / "screenplays").glob("*.fountain")),
        *sorted((SHARED / "screenplays").glob("*.fdx")),
        HERE.parent / "src" / "dramaturg" / "data" / "demo.fountain",
    ]
    total = wrong = 0
    for p in paths:
        n, bad = check(p)
        total += n
        wrong += len(bad)
        print(f"{p.name:<36} {n:>6} quotes  {len(bad):>4} not at their line")
        for b in bad[:10]:
            print(f"    {b}")
    print(f"all: {total} quotes, {wrong} not at their line")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
