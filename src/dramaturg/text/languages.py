"""The languages dramaturg reads: one registered object per language, its data beside it.

In the shape of spaCy's ``Language`` and ``lang/xx/``: each language is a package
``dramaturg/text/<code>/`` whose ``__init__.py`` defines one :class:`Language` subclass,
registered with :func:`register`, and whose data files (lexicons ``*.toml``, word lists
``*.txt``) lie beside it. Everything that differs between languages is asked of that object
(by :func:`get_language` on ``story.language``), never branched on a language code in an
analysis:

- **detection**: :meth:`Language.detection_score` (the share of the text in its letters);
  :func:`dramaturg.text.language.detect_language`, the one detector, names the language
  with the highest; a language is supported when its package is registered here;
- **counting and tokens**: :meth:`Language.count_words`, :meth:`Language.count_sentences`,
  :meth:`Language.sentence_spans` (cached per text: each text is split once per process),
  :meth:`Language.tokens` (the morphemes, for a language that has a tagger);
- **names and honorifics**: :meth:`Language.base_name`, :meth:`Language.titles`;
- **cast strategy**: :attr:`Language.cast_strategy` names the builder ``analyze/cast.py``
  runs (``"capitals"``: names mined from capitalised words; ``"morphemes"``: proper nouns
  from a tagger and the script's cues); :attr:`Language.prose_mentions` says whether the
  prose reader builds the cast from speech tags and mentions (``read/prose_cast.py``);
- **valence**: :meth:`Language.valence`, -1..1 on VADER's compound scale;
- **lexicons**: :meth:`Language.lexicon` (``<name>.toml``) and :meth:`Language.word_list`
  (``<name>.txt``), loaded once from the language's own directory; a language may name a
  :attr:`Language.fallback` whose files fill its gaps (Korean's is English);
- **line breaks**: :meth:`Language.linebreak_rules` and :attr:`Language.linebreak_style`
  for subtitles;
- **strings**: :meth:`Language.strings`, :meth:`Language.finding_strings` and
  :meth:`Language.formatter` (Korean chooses a particle by the last syllable) for reports.

A code with no package (a Japanese draft) is refused with "language not supported yet".

>>> get_language("ko").cast_strategy, get_language("en").cast_strategy
('morphemes', 'capitals')
>>> "kiss" in get_language("en").lexicon("thresholds")
True
>>> get_language("ja")
Traceback (most recent call last):
...
dramaturg.errors.DramaturgError: language not supported yet (ja)
"""

from __future__ import annotations

import importlib
import re
import string
import tomllib
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, ClassVar

from dramaturg.errors import DramaturgError
from dramaturg.text.count import count_sentences as _count_sentences
from dramaturg.text.count import count_words as _count_words
from dramaturg.text.sentences import sentence_spans as _rule_sentence_spans

__all__ = [
    "Language",
    "find_language",
    "get_language",
    "register",
    "registered_languages",
]

Token = tuple[str, str, int, int]  # (form, tag, start, end), offsets into the text

_REGISTRY: dict[str, type[Language]] = {}
_PLAIN = string.Formatter()
_CODE = re.compile(r"[a-z]{2,3}")

# Data that other layers ship for a language (kept where those layers read it today): the
# file of each kind, by code. One loader (:meth:`Language.data_file`) reads them all.
_OTHER_DATA = {
    "linebreak": ("subtitles", "profiles", "linebreak-{code}.toml"),
    "breakdown": ("data", "breakdown_{code}.toml"),
    "strings": ("render", "strings", "{code}.toml"),
    "findings": ("render", "strings", "findings.{code}.toml"),
}


def register(cls: type[Language]) -> type[Language]:
    """Class decorator: make ``cls`` the language of its :attr:`Language.code`."""
    _REGISTRY[cls.code] = cls
    return cls


class Language:
    """One language: its data, its rules, and the strategies the analyses ask it for.

    Subclasses set the class attributes and override the methods whose rules differ; the
    defaults are the rule-based ones every alphabetic language can start from.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    #: the language whose data files fill the gaps in this one's (None: no gaps allowed)
    fallback: ClassVar[str | None] = None
    #: which cast builder ``analyze/cast.py`` runs: "capitals" or "morphemes"
    cast_strategy: ClassVar[str] = "capitals"
    #: lexicon terms match the start of a word, any ending may follow (Korean eojeol)
    eojeol_terms: ClassVar[bool] = False
    #: names are written with capitals (a name is found by its capital, not by its endings)
    capitalised_names: ClassVar[bool] = True
    #: the prose reader attributes quoted speech and resolves name and pronoun mentions
    #: (``read/prose_speech.py``, ``read/prose_cast.py``); prose thresholds and their pace
    #: are then read from those mentions
    prose_mentions: ClassVar[bool] = True
    #: :meth:`tokens` tags morphemes: the engine's terms are its nouns, and the thresholds
    #: read who does what to whom from its case particles
    tagged: ClassVar[bool] = False
    #: "words" (break between words, articles and auxiliaries repel a break) or "eojeol"
    linebreak_style: ClassVar[str] = "words"

    def __repr__(self) -> str:
        return f"<Language {self.code}>"

    # -- data ----------------------------------------------------------------------------

    @property
    def directory(self) -> Traversable:
        """``dramaturg/text/<code>/``: the package and its data files."""
        return resources.files("dramaturg.text").joinpath(self.code)

    def _chain(self) -> list[Language]:
        out: list[Language] = [self]
        if self.fallback and self.fallback != self.code:
            out.append(get_language(self.fallback))
        return out

    def has_lexicon(self, name: str) -> bool:
        """Does this language's own directory hold ``<name>.toml``?"""
        return self.directory.joinpath(f"{name}.toml").is_file()

    def lexicon(self, name: str) -> dict[str, Any]:
        """The parsed ``<name>.toml`` of this language (or of its fallback), loaded once."""
        return _lexicon(self.code, name)

    def word_list(self, filename: str) -> list[list[str]]:
        """Rows of a plain data file (``titles.txt``), comments and blank lines dropped."""
        return [list(row) for row in _word_list(self.code, filename)]

    def data_file(self, kind: str) -> dict[str, Any] | None:
        """The language's data of ``kind`` kept by another layer (``linebreak``,
        ``breakdown``, ``strings``, ``findings``), parsed once; None when it has none."""
        return _other_data(self.code, kind)

    def linebreak_rules(self) -> dict[str, Any]:
        """Subtitle line-break rules (``subtitles/profiles/linebreak-<code>.toml``)."""
        for lang in self._chain():
            data = lang.data_file("linebreak")
            if data is not None:
                return data
        raise FileNotFoundError(f"no line-break rules for language {self.code!r}")

    def strings(self) -> dict[str, Any] | None:
        """Report strings (``render/strings/<code>.toml``), None when there are none."""
        return self.data_file("strings")

    def formatter(self) -> string.Formatter:
        """Fills message templates (Korean's picks particles by the value's last syllable)."""
        return _PLAIN

    def finding_strings(self) -> dict[str, Any]:
        """Finding messages (``render/strings/findings.<code>.toml``); {} when the codes'
        own English texts are this language's."""
        return self.data_file("findings") or {}

    # -- detection ------------------------------------------------------------------------

    def detection_score(self, text: str) -> float:
        """How much of ``text`` is written in this language's letters, 0..1 (the share of
        the detector's weighted letter counts; :func:`~dramaturg.text.language.detect_language`
        names the language with the highest)."""
        from dramaturg.text.language import script_scores

        scores = script_scores(text)
        total = sum(scores.values())
        return scores.get(self.code, 0) / total if total else 0.0

    # -- counting, sentences, tokens ------------------------------------------------------

    def count_words(self, text: str) -> int:
        """Words in ``text`` (runs of letters and digits; ``don't`` is one)."""
        return _count_words(text)

    def count_sentences(self, text: str) -> int:
        """Sentences in ``text`` (the rules of :meth:`sentence_spans`)."""
        return _count_sentences(text)

    def sentence_spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each sentence of ``text``; each text is split once per process."""
        return _rule_sentence_spans(text)

    def tokens(self, texts: Sequence[str]) -> list[tuple[Token, ...]]:
        """The morphemes of each text, for a language with a tagger (none by default)."""
        return [() for _ in texts]

    def nouns(self, text: str, start: int = 0, end: int | None = None) -> list[Token]:
        """The nouns a tagger finds in ``text[start:end]`` (none without a tagger)."""
        return []

    # -- names ----------------------------------------------------------------------------

    def base_name(self, token: str, known: Sequence[str] | None = None) -> str:
        """The bare name in a name as running text writes it (titles, particles off)."""
        return token.strip()

    def titles(self) -> dict[str, str]:
        """Titles and kin terms of address, with the gender each implies ("" for none)."""
        return {row[0]: row[1] for row in self.word_list("titles.txt") if len(row) > 1}

    # -- valence --------------------------------------------------------------------------

    def valence(self, text: str) -> float:
        """The valence of one sentence, -1..1 (VADER's compound scale)."""
        raise NotImplementedError(f"no valence model for language {self.code!r}")

    def valence_function(self) -> Callable[[str], float]:
        """:meth:`valence` as a plain function (for loops over a novel's sentences)."""
        return self.valence


@cache
def _lexicon(code: str, name: str) -> dict[str, Any]:
    for lang in get_language(code)._chain():
        res = lang.directory.joinpath(f"{name}.toml")
        if res.is_file():
            with res.open("rb") as fh:
                return tomllib.load(fh)
    raise FileNotFoundError(f"no lexicon {name!r} for language {code!r}")


@cache
def _word_list(code: str, filename: str) -> tuple[tuple[str, ...], ...]:
    for lang in get_language(code)._chain():
        res = lang.directory.joinpath(filename)
        if res.is_file():
            rows = []
            for line in res.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    rows.append(tuple(line.split()))
            return tuple(rows)
    raise FileNotFoundError(f"no word list {filename!r} for language {code!r}")


@cache
def _other_data(code: str, kind: str) -> dict[str, Any] | None:
    where = _OTHER_DATA[kind]
    res = resources.files("dramaturg").joinpath(*where[:-1], where[-1].format(code=code))
    if not res.is_file():
        return None
    return tomllib.loads(res.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def registered_languages() -> frozenset[str]:
    """The codes with a language package: every ``text/<code>/`` with an ``__init__.py``."""
    root = resources.files("dramaturg.text")
    return frozenset(
        d.name
        for d in root.iterdir()
        if d.is_dir() and _CODE.fullmatch(d.name) and d.joinpath("__init__.py").is_file()
    )


@cache
def _instance(code: str) -> Language:
    importlib.import_module(f"dramaturg.text.{code}")
    return _REGISTRY[code]()


def find_language(code: str | None) -> Language | None:
    """The language of ``code`` (``"ko"``, ``"ko-KR"``), or None when it is not supported."""
    base = (code or "").split("-")[0].split("_")[0].lower()
    if base not in registered_languages():
        return None
    return _instance(base)


def get_language(code: str | None, file: str | None = None) -> Language:
    """The language of ``code`` (English for an empty code); "language not supported yet"
    (exit 2) for a code without a package."""
    lang = find_language(code or "en")
    if lang is None:
        raise DramaturgError(f"language not supported yet ({code})", file=file)
    return lang
