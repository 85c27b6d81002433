"""Interface strings per language, kept as data files (``render/strings/<lang>.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def strings(lang: str | None) -> dict[str, str]:
    """The strings for ``lang``; English fills any gap, and unknown languages get English."""
    base = _load("en")
    if lang and lang != "en":
        try:
            return {**base, **_load(lang)}
        except FileNotFoundError:
            return base
    return base


def _load(lang: str) -> dict[str, str]:
    data = (resources.files("dramaturg") / "render" / "strings" / f"{lang}.toml").read_text("utf-8")
    return tomllib.loads(data)
