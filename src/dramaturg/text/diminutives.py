"""English diminutives and the given names they shorten ("Jem" -> James, "Lizzy" -> Elizabeth).

From the `nicknames` package's names.csv (Apache-2.0, read where pip installed it): its
"has_nickname" rows inverted, kept where the diminutive has three letters or more and is no
longer than the full name (a pair listed both ways keeps the shorter as the diminutive).
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib.util import find_spec
from pathlib import Path


@cache
def diminutives(language: str = "en") -> dict[str, frozenset[str]]:
    """Diminutive -> the full given names it may shorten, capitalised (English only)."""
    if language != "en":
        return {}
    # (found, not imported: importing the package costs 60 ms)
    spec = find_spec("nicknames")
    if spec is None or not spec.submodule_search_locations:
        return {}
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / "names.csv").read_text(encoding="utf-8")
    pairs = {
        (row[0].strip().capitalize(), row[2].strip().capitalize())
        for row in csv.reader(io.StringIO(text))
        if len(row) == 3 and row[1].strip() == "has_nickname"
    }
    out: dict[str, set[str]] = {}
    for full, nick in pairs:
        if not (full.isalpha() and nick.isalpha()) or full == nick or len(nick) < 3:
            continue
        if len(nick) > len(full) or ((nick, full) in pairs and len(nick) == len(full)):
            continue
        out.setdefault(nick, set()).add(full)
    return {k: frozenset(v) for k, v in out.items()}
