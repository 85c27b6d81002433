"""Fast lexicon matching: words, stems and phrases found in one pass over the tokens.

A big alternation regex (hundreds of terms, case-insensitive) costs about half a second per
pass over a novel in Python's ``re``; looking tokens up in dicts and trying phrase patterns
only where their first word stands is about twenty times faster.

Terms are written as in the ``text/<lang>/*.toml`` data files: a plain word (``gun``), a
stem ending in ``*`` (``threat*``), a phrase (``at once``) or a small regular expression
whose first word is literal or a literal alternation (``(?:he|she) wants? to``). ``'`` in a
term matches a straight or curly apostrophe.

>>> idx = TermIndex({"danger": ["gun", "threat*"], "urgency": ["at once", "hurry"]})
>>> [(cat, "Come at once, the gun is a threat!"[a:b]) for cat, a, b in
...  idx.finditer("Come at once, the gun is a threat!")]
[('urgency', 'at once'), ('danger', 'gun'), ('danger', 'threat')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dramaturg.text.lexicon import compile_terms

TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_LEAD = re.compile(r"[^\W\d_]+")
_LITERAL = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")


def _regex_term(term: str) -> str:
    t = term.replace("'", "['’]")
    if t.endswith("*") and not t.endswith((")*", "]*")):
        t = t[:-1] + r"\w*"
    return t


def _first_keys(term: str) -> set[str] | None:
    """The possible first words (their leading letters) of a term, or None if unknown."""
    t = term.lower()
    if t.startswith("(?:"):
        depth = 0
        for i, ch in enumerate(t):
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    alts = t[3:i].split("|")
                    break
        else:
            return None
        keys = set()
        for alt in alts:
            m = _LEAD.match(alt)
            if m is None or "(" in alt:
                return None
            keys.add(m.group())
        return keys
    m = _LEAD.match(t)
    return {m.group()} if m else None


class TermIndex:
    """Categories of terms, matched in one scan of a text's tokens."""

    def __init__(self, groups: dict[str, list[str]]) -> None:
        self.exact: dict[str, str] = {}
        self.stems: dict[str, str] = {}
        phrases: dict[str, dict[str, list[str]]] = {}
        loose: dict[str, list[str]] = {}
        for cat, terms in groups.items():
            for term in terms:
                low = term.lower().replace("’", "'")
                if _LITERAL.fullmatch(low):
                    self.exact.setdefault(low, cat)
                elif low.endswith("*") and _LITERAL.fullmatch(low[:-1]):
                    self.stems.setdefault(low[:-1], cat)
                else:
                    keys = _first_keys(low)
                    if keys is None:
                        loose.setdefault(cat, []).append(_regex_term(low))
                        continue
                    for key in keys:
                        phrases.setdefault(key, {}).setdefault(cat, []).append(_regex_term(low))
        self.stem_lengths = sorted({len(s) for s in self.stems})
        self.phrases: dict[str, re.Pattern[str]] = {
            key: _grouped(cats) for key, cats in phrases.items()
        }
        self.loose = _grouped(loose) if loose else None
        self._memo: dict[str, str | None] = {}

    def word_category(self, tok: str) -> str | None:
        """The category of one lower-case token as a word or stem (memoised)."""
        cat = self._memo.get(tok, "")
        if cat != "":
            return cat
        cat = self.exact.get(tok)
        if cat is None:
            for n in self.stem_lengths:
                if n > len(tok):
                    break
                cat = self.stems.get(tok[:n])
                if cat is not None:
                    break
        self._memo[tok] = cat
        return cat

    def finditer(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(category, start, end) of every match in ``text``, in order of start."""
        phrases, word_category = self.phrases, self.word_category
        out: list[tuple[str, int, int]] = []
        for m in TOKEN.finditer(text):
            tok = m.group().lower()
            if "’" in tok:
                tok = tok.replace("’", "'")
            start = m.start()
            if "'" in tok or "-" in tok:
                lead = _LEAD.match(tok)
                key = lead.group() if lead else tok
            else:
                key = tok
            pat = phrases.get(key)
            if pat is not None:
                pm = pat.match(text, start)
                if pm is not None:
                    out.append((pm.lastgroup or "", start, pm.end()))
                    continue
            cat = word_category(tok)
            if cat is not None:
                out.append((cat, start, m.end()))
        if self.loose is not None:
            out.extend(
                (lm.lastgroup or "", lm.start(), lm.end()) for lm in self.loose.finditer(text)
            )
            out.sort(key=lambda t: t[1])
        return iter(out)


def _grouped(cats: dict[str, list[str]]) -> re.Pattern[str]:
    parts = [f"(?P<{cat}>{compile_terms(terms).pattern})" for cat, terms in cats.items()]
    return re.compile("|".join(parts), re.IGNORECASE)
