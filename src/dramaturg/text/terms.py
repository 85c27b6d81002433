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
>>> idx = TermIndex({"plan": ["invit(?:ed|ation)", "promised?"]})
>>> [cat for cat, _a, _b in idx.finditer("She invited him and promised; an invitation.")]
['plan', 'plan', 'plan']
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


def _lead_key(alt: str) -> str | None:
    """The letters every match of ``alt`` starts with: its literal lead, less a last letter
    that a quantifier makes optional (``promised?`` -> ``promise``)."""
    m = _LEAD.match(alt)
    if m is None:
        return None
    key = m.group()
    if alt[m.end() : m.end() + 1] in ("?", "*", "{"):
        key = key[:-1]
    return key or None


def _first_keys(term: str) -> set[str] | None:
    """The letters a term's first word starts with (one per alternative), or None if unknown.

    A key is a prefix of the first word, not always the whole word: ``invit(?:ed|ation)``
    starts "invited" and "invitation" with "invit"."""
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
            key = _lead_key(alt)
            if key is None or "(" in alt:
                return None
            keys.add(key)
        return keys
    key = _lead_key(t)
    return {key} if key else None


class Scanner:
    """Several lexicons (families of categories of terms), matched in one scan of the tokens.

    >>> sc = Scanner({"tension": {"danger": ["gun*"]}, "lens": {"grounded": ["gun", "bus"]}})
    >>> sc.scan("A gun on the bus.")
    [('lens', 'grounded', 2, 5), ('tension', 'danger', 2, 5), ('lens', 'grounded', 13, 16)]
    """

    def __init__(self, lexicons: dict[str, dict[str, list[str]]]) -> None:
        self.exact: dict[str, list[tuple[str, str]]] = {}
        self.stems: dict[str, list[tuple[str, str]]] = {}
        phrases: dict[tuple[str, str], dict[str, list[str]]] = {}
        loose: dict[str, dict[str, list[str]]] = {}
        for family, groups in lexicons.items():
            for cat, terms in groups.items():
                for term in terms:
                    low = term.lower().replace("’", "'")
                    if _LITERAL.fullmatch(low):
                        _add_once(self.exact, low, (family, cat))
                    elif low.endswith("*") and _LITERAL.fullmatch(low[:-1]):
                        _add_once(self.stems, low[:-1], (family, cat))
                    else:
                        keys = _first_keys(low)
                        if keys is None:
                            loose.setdefault(family, {}).setdefault(cat, []).append(
                                _regex_term(low)
                            )
                            continue
                        for key in keys:
                            phrases.setdefault((key, family), {}).setdefault(cat, []).append(
                                _regex_term(low)
                            )
        self.stem_lengths = sorted({len(s) for s in self.stems})
        # phrase keys are prefixes of a token: try every length some key has
        self.phrase_lengths = sorted({len(k) for k, _f in phrases})
        self.phrases: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for (key, family), cats in phrases.items():
            self.phrases.setdefault(key, []).append((family, _grouped(cats)))
        self.loose = [(family, _grouped(cats)) for family, cats in loose.items()]
        self._memo: dict[str, tuple[tuple[str, str], ...]] = {}

    def word_categories(self, tok: str) -> tuple[tuple[str, str], ...]:
        """(family, category) of a lower-case token as a word or stem, one per family."""
        found = self._memo.get(tok)
        if found is not None:
            return found
        hits: dict[str, str] = {}
        for family, cat in self.exact.get(tok, ()):
            hits.setdefault(family, cat)
        for n in self.stem_lengths:
            if n > len(tok):
                break
            for family, cat in self.stems.get(tok[:n], ()):
                hits.setdefault(family, cat)
        found = tuple(hits.items())
        self._memo[tok] = found
        return found

    def scan(self, text: str) -> list[tuple[str, str, int, int]]:
        """(family, category, start, end) of every match in ``text``, in order of start."""
        phrases, word_categories = self.phrases, self.word_categories
        out: list[tuple[str, str, int, int]] = []
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
            matched: tuple[str, ...] = ()
            for n in self.phrase_lengths:
                if n > len(key):
                    break
                pats = phrases.get(key if n == len(key) else key[:n])
                if pats is None:
                    continue
                for family, pat in pats:
                    if family in matched:
                        continue
                    pm = pat.match(text, start)
                    if pm is not None:
                        out.append((family, pm.lastgroup or "", start, pm.end()))
                        matched += (family,)
            for family, cat in word_categories(tok):
                if family not in matched:
                    out.append((family, cat, start, m.end()))
        if self.loose:
            for family, pat in self.loose:
                out.extend(
                    (family, lm.lastgroup or "", lm.start(), lm.end()) for lm in pat.finditer(text)
                )
            out.sort(key=lambda t: t[2])
        return out


class TermIndex:
    """One lexicon's categories of terms, matched in one scan of a text's tokens."""

    def __init__(self, groups: dict[str, list[str]]) -> None:
        self.scanner = Scanner({"": groups})

    def finditer(self, text: str) -> Iterator[tuple[str, int, int]]:
        """(category, start, end) of every match in ``text``, in order of start."""
        return iter([(cat, a, b) for _f, cat, a, b in self.scanner.scan(text)])


def _add_once(table: dict[str, list[tuple[str, str]]], key: str, value: tuple[str, str]) -> None:
    values = table.setdefault(key, [])
    if all(f != value[0] for f, _ in values):
        values.append(value)


def _grouped(cats: dict[str, list[str]]) -> re.Pattern[str]:
    parts = [f"(?P<{cat}>{compile_terms(terms).pattern})" for cat, terms in cats.items()]
    return re.compile("|".join(parts), re.IGNORECASE)
