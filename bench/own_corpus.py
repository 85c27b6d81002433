"""Rebuild the own set's texts ($DRAMATURG_CORPUS/novels/) from Project Gutenberg git snapshots.

Each gold file in ``bench/gold/`` names its source (``owner/repo:path``), the recipe that cut
the text out of it, and the text's sha256. This script follows the recipe (decode, CRLF -> LF,
the kept line range, blank lines stripped or not) and writes the text only when its sha256 is
the gold's: a text that does not match is reported and not written, so a score is never taken
on a different text. Snapshots are git directories under MIRRORS (default /work/.mirror, as
``owner+repo/repo``), fetched beforehand.

    python bench/own_corpus.py [MIRRORS]
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

from eval_romance import CORPUS, HERE


def _git_dir(mirrors: Path, repo: str) -> Path | None:
    base = mirrors / repo.replace("/", "+") / "repo"
    for d in (base / ".git", base):
        if (d / "HEAD").is_file():
            return d
    return None


def _slices(recipe: str) -> list[tuple[int, int]]:
    """The candidate 0-based [start, end) line ranges a recipe names."""
    out = [(int(a), int(b)) for a, b in re.findall(r"\[(\d+):(\d+)\]", recipe)]
    for a, b in re.findall(r"lines (\d+)\s*\.\.\s*(\d+)", recipe):
        a_, b_ = int(a), int(b)
        out += [(a_, b_ + 1), (a_ - 1, b_), (a_ - 1, b_ + 1), (a_, b_)]
    return out


def _candidates(raw: bytes, recipe: str):
    yield raw
    for enc in ("utf-8-sig", "latin-1"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        lines = text.replace("\r\n", "\n").split("\n")
        for a, b in _slices(recipe) or [(0, len(lines))]:
            kept = lines[a:b]
            for strip in (True, False):
                k = list(kept)
                if strip:
                    while k and not k[0].strip():
                        k.pop(0)
                    while k and not k[-1].strip():
                        k.pop()
                yield ("\n".join(k) + "\n").encode("utf-8")
        break


def main(argv: list[str]) -> int:
    mirrors = Path(argv[0]) if argv else Path("/work/.mirror")
    out_dir = CORPUS / "novels"
    out_dir.mkdir(parents=True, exist_ok=True)
    bad = 0
    for g in sorted((HERE / "gold").glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        repo, _, rest = gold["source"].partition(":")
        path = rest.split()[0] if rest.split() else ""
        git = _git_dir(mirrors, repo)
        if git is None or ".." in path:
            print(f"{g.stem}: no snapshot of {repo} under {mirrors}", file=sys.stderr)
            bad += 1
            continue
        got = subprocess.run(
            ["git", "--git-dir", str(git), "show", f"HEAD:{path}"], capture_output=True
        )
        if got.returncode:
            print(f"{g.stem}: {path} is not in {repo}", file=sys.stderr)
            bad += 1
            continue
        recipe = f"{rest} {gold.get('source_recipe') or ''}"
        for cand in _candidates(got.stdout, recipe):
            if hashlib.sha256(cand).hexdigest() == gold["sha256"]:
                (out_dir / gold["text_file"]).write_bytes(cand)
                print(f"{g.stem}: ok")
                break
        else:
            print(f"{g.stem}: no cut of {path} has the gold's sha256", file=sys.stderr)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
