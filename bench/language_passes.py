"""How often one ``analyze(story)`` splits sentences, parses lexicons, tags and builds the cast.

    PYTHONPATH=src python bench/language_passes.py [FILE] [runs]

First a counted run from cold caches, then ``runs`` plain runs (default 3), each from cold
caches: the best and median wall and CPU time of ``analyze`` (the read is not timed). The
default file is the longest dev novel, Wives and Daughters (270k words).

"Sentence requests" are every request for a text's sentences; "texts split" the requests
that split a text (the others are answered from the per-text cache). "Lexicon parses" are
the data files parsed by the language objects' one loader.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import dramaturg.analyze.romance as romance_mod
from dramaturg.analyze import analyze
from dramaturg.read import read
from dramaturg.text import korean_tokens, languages, sentences

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def _cold() -> None:
    sentences._spans.cache_clear()
    for cached in (languages._lexicon, languages._word_list, languages._other_data):
        cached.cache_clear()
    korean_tokens._CACHE.clear()


def count_passes(path: str) -> Counter[str]:
    """The counts of one analyze() of ``path`` (the read happens before the count)."""
    story = read(path)
    _cold()
    counts: Counter[str] = Counter()
    build = romance_mod.build_cast

    def counted_build(*args: Any, **kwargs: Any) -> Any:
        counts["cast builds"] += 1
        return build(*args, **kwargs)

    romance_mod.build_cast = counted_build
    tagger = None
    if languages.get_language(story.language).tagged:
        from dramaturg.text.korean import kiwi

        tagger = kiwi()
        tokenize = tagger.tokenize

        def counted_tokenize(*args: Any, **kwargs: Any) -> Any:
            counts["tagger batches"] += 1
            return tokenize(*args, **kwargs)

        tagger.tokenize = counted_tokenize
    try:
        analyze(story)
    finally:
        romance_mod.build_cast = build
        if tagger is not None:
            del tagger.tokenize
    info = sentences._spans.cache_info()
    counts["sentence requests"] = info.hits + info.misses
    counts["texts split"] = info.misses
    counts["lexicon parses"] = sum(
        c.cache_info().misses
        for c in (languages._lexicon, languages._word_list, languages._other_data)
    )
    counts["texts tagged"] = len(korean_tokens._CACHE)
    return counts


def main() -> None:
    default = SHARED / "novels" / "wives_and_daughters.txt"
    path = sys.argv[1] if len(sys.argv) > 1 else str(default)
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for key, n in sorted(count_passes(path).items()):
        print(f"{key:20s} {n:8d}")
    walls, cpus = [], []
    for _ in range(runs):
        story = read(path)
        _cold()
        t0, c0 = time.perf_counter(), time.process_time()
        analyze(story)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    print(
        f"analyze wall best {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
        f"cpu best {min(cpus):.2f} s, median {statistics.median(cpus):.2f} s ({runs} runs)"
    )


if __name__ == "__main__":
    main()
