"""Evidence quotes copied from a block's raw text (emphasis marks and all)."""

from __future__ import annotations

from dramaturg.analyze.findings import evidence_for
from dramaturg.story import Block, BlockKind, Span


def test_quote_across_a_run_of_spaces_in_emphasised_text_is_found() -> None:
    # an illustration caption as Gutenberg prints it: emphasis marks and a long run of spaces;
    # one \s+ per space used to backtrack exponentially here
    raw = "[Illustration: _Page 328_" + " " * 40 + "_Frontispiece_ and more"
    text = raw.replace("_", "")
    block = Block(BlockKind.ACTION, text, Span("n.txt", 18, 18), raw=raw)
    ev = evidence_for(block, 0, text.index(" and"))
    assert ev.quote == "[Illustration: _Page 328_ _Frontispiece"
    assert ev.line == 18
