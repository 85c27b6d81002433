"""Interface strings per language, kept as data files (``render/strings/<lang>.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def strings(lang: str | None) -> dict[str, Any]:
    """The strings for ``lang``; English fills any gap, and unknown languages get English."""
    base = _load("en")
    if lang and lang != "en":
        try:
            other = _load(lang)
        except FileNotFoundError:
            return base
        merged = {**base, **other}
        merged["labels"] = {**base.get("labels", {}), **other.get("labels", {})}
        return merged
    return base


def _load(lang: str) -> dict[str, Any]:
    data = (resources.files("dramaturg") / "render" / "strings" / f"{lang}.toml").read_text("utf-8")
    return tomllib.loads(data)
