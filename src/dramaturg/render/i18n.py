"""Interface strings per language, kept as data files (``render/strings/<lang>.toml``),
loaded by the language's object (:meth:`dramaturg.text.languages.Language.strings`)."""

from __future__ import annotations

from functools import cache
from typing import Any

from dramaturg.text.languages import find_language, get_language


@cache
def strings(lang: str | None) -> dict[str, Any]:
    """The strings for ``lang``; English fills any gap, and unknown languages get English."""
    english = get_language("en")
    base = english.strings() or {}
    language = find_language(lang) if lang else None
    if language is not None and language is not english:
        other = language.strings()
        if other is None:
            return base
        merged = {**base, **other}
        merged["labels"] = {**base.get("labels", {}), **other.get("labels", {})}
        return merged
    return base
