"""The registry of finding codes: one entry per code (``analyze/codes.toml``) with its level,
title in each language, when it fires, its evidence and its data. ``docs/findings.md`` and the
SARIF rules are generated from it; tests check it against the codes the analyses emit and the
Korean message templates, so a code is never a bare string that silently matches nothing.

>>> get("ROM-RUSHED").level
<Severity.WARNING: 'warning'>
>>> get("ENGINE")
Traceback (most recent call last):
...
KeyError: "unknown finding code 'ENGINE' (see docs/findings.md)"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from dramaturg.analyze.findings import Severity


@dataclass(frozen=True, slots=True)
class Code:
    """One finding code as the registry states it."""

    code: str
    area: str
    level: Severity  # the highest severity it is emitted at
    severity: str  # as docs/findings.md states it ("warning (info for first touch)")
    title: str
    title_ko: str
    when: str
    evidence: str
    data: str
    chart: str = ""  # the report chart that flags the scenes it names
    titles: dict[str, str] = field(default_factory=dict)  # by language: every title_<lang>

    @property
    def anchor(self) -> str:
        """The heading anchor of the code in docs/findings.md (``rom-rushed``)."""
        return self.code.lower()

    def title_in(self, lang: str | None) -> str:
        """The title in ``lang`` (a ``title_<lang>`` entry), else the English one."""
        return self.titles.get(lang or "", "") or self.title


@cache
def registry() -> dict[str, Code]:
    """Every code, in the order docs/findings.md lists them."""
    text = (resources.files("dramaturg") / "analyze" / "codes.toml").read_text("utf-8")
    out: dict[str, Code] = {}
    for code, entry in tomllib.loads(text).items():
        out[code] = Code(
            code=code,
            area=entry["area"],
            level=Severity(entry["level"]),
            severity=entry["severity"],
            title=entry["title"],
            title_ko=entry.get("title_ko", ""),
            when=entry["when"],
            evidence=entry["evidence"],
            data=entry.get("data", ""),
            chart=entry.get("chart", ""),
            titles={k[6:]: v for k, v in entry.items() if k.startswith("title_")},
        )
    return out


def get(code: str) -> Code:
    """The registry entry of ``code``; a code that is not registered is an error."""
    try:
        return registry()[code]
    except KeyError:
        raise KeyError(f"unknown finding code {code!r} (see docs/findings.md)") from None


def charted(chart: str) -> tuple[str, ...]:
    """The codes whose scenes the report's ``chart`` flags."""
    return tuple(c.code for c in registry().values() if c.chart == chart)
