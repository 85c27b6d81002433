"""QC profiles: which rules apply, with which numbers. Profiles are TOML data files.

Built-in profiles live in ``subtitles/profiles/*.toml`` (``netflix-en``, ``netflix-ko``,
``generic``). A user profile is any TOML file with the same layout; it may start from a
built-in one with ``extends = "netflix-ko"``, override parameters (``[rules.KO-CPL] max = 18``),
add rules, and switch rules off with ``disable = ["KO-END-PUNCT"]``.

>>> p = load_profile("netflix-ko", children=True)
>>> p.rule("KO-CPS").params["max"], p.variant
(9, 'children')
"""

from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from dramaturg.errors import DramaturgError

__all__ = ["Rule", "Profile", "load_profile", "builtin_profiles", "read_data_file", "CHECK_NAMES"]

#: the checks a profile rule may name (``check = "..."``); ``subtitles/qc.py`` implements
#: exactly these (tests/test_subs_golden.py checks it)
CHECK_NAMES = frozenset(
    {
        "min_duration",
        "max_duration",
        "negative_duration",
        "empty",
        "min_gap",
        "overlap",
        "chain_gap",
        "max_lines",
        "one_line",
        "ellipsis",
        "whitespace",
        "glyphs",
        "frame_rate",
        "line_length",
        "reading_speed",
        "dual_speaker",
        "italics",
        "end_punctuation",
        "acronym_periods",
        "numbers_one_to_ten",
        "number_at_sentence_start",
        "sdh_brackets",
        "shot_change_in",
        "shot_change_out",
    }
)

SEVERITIES = ("error", "warning")
_NO_RULES: list[Any] = []


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a profile: its id (as in RULES.md), the check that implements it, params."""

    id: str
    check: str
    severity: str = "error"
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Profile:
    """A named set of rules plus how to count characters and the default frame rate."""

    name: str
    description: str
    language: str
    length: str
    fps: float
    rules: tuple[Rule, ...]
    variant: str | None = None
    version: str = ""
    #: how this language writes SDH speaker and sound lines (``[sdh]``; see ``subtitles/sdh.py``)
    sdh: dict[str, Any] = field(default_factory=dict)
    #: the profile has an SDH variant to switch to when a file turns out to be SDH
    has_sdh_variant: bool = False
    _by_check: dict[str, list[Rule]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    #: values derived from the rules once per profile by their users (the fixer's settings)
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # checks and the fixer ask "which rules does this check serve?" once per cue
        for r in self.rules:
            self._by_check.setdefault(r.check, []).append(r)

    def rule(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    def rules_for(self, check: str) -> list[Rule]:
        """The rules ``check`` implements, in profile order (do not modify the list)."""
        return self._by_check.get(check, _NO_RULES)

    def param(self, check: str, key: str, default: Any = None) -> Any:
        """A parameter of the first rule implemented by ``check`` (``default`` if none)."""
        for r in self._by_check.get(check, _NO_RULES):
            if key in r.params:
                return r.params[key]
        return default


def _profiles_dir() -> Traversable:
    return resources.files("dramaturg.subtitles") / "profiles"


def builtin_profiles() -> list[str]:
    return sorted(
        p.name.removesuffix(".toml") for p in _profiles_dir().iterdir() if p.name.endswith(".toml")
    )


def read_data_file(name: str) -> str:
    """Text of a data file shipped next to the profiles (e.g. the glyph list)."""
    text: str = (_profiles_dir() / name).read_text(encoding="utf-8")
    return text


def _load_toml(name_or_path: str) -> tuple[dict[str, Any], str]:
    if os.sep in name_or_path or name_or_path.endswith(".toml") or os.path.exists(name_or_path):
        where = name_or_path
        try:
            with open(name_or_path, "rb") as handle:
                return tomllib.load(handle), where
        except FileNotFoundError:
            raise DramaturgError("no such profile file", file=where) from None
        except tomllib.TOMLDecodeError as exc:
            raise DramaturgError(f"bad TOML: {exc}", file=where) from None
        except OSError as exc:
            raise DramaturgError(f"cannot read: {exc.strerror or exc}", file=where) from None
    resource = _profiles_dir() / f"{name_or_path}.toml"
    if not resource.is_file():
        known = ", ".join(builtin_profiles())
        raise DramaturgError(
            f"unknown profile {name_or_path!r} (built in: {known}, or a .toml file)"
        )
    return tomllib.loads(resource.read_text(encoding="utf-8")), str(resource)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _resolve(name_or_path: str, seen: tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    if name_or_path in seen:
        raise DramaturgError(f"profile {name_or_path!r} extends itself")
    data, where = _load_toml(name_or_path)
    parent = data.pop("extends", None)
    if parent:
        base, _ = _resolve(str(parent), (*seen, name_or_path))
        disabled = set(data.pop("disable", []))
        data = _merge(base, data)
        for rule_id in disabled:
            data.get("rules", {}).pop(rule_id, None)
    else:
        for rule_id in data.pop("disable", []):
            data.get("rules", {}).pop(rule_id, None)
    return data, where


def load_profile(name_or_path: str, *, children: bool = False, sdh: bool = False) -> Profile:
    """Load a built-in profile by name or a user profile from a TOML file, with its variant."""
    data, where = _resolve(name_or_path)
    variant = (
        "children-sdh" if children and sdh else "children" if children else "sdh" if sdh else None
    )
    has_sdh_variant = "sdh" in data.get("variants", {})
    if variant:
        variants = data.get("variants", {})
        if variant not in variants:
            raise DramaturgError(f"profile has no {variant!r} variant", file=where)
        data = _merge(data, {k: v for k, v in variants[variant].items() if k != "description"})
    rules = []
    for rule_id, spec in data.get("rules", {}).items():
        if not isinstance(spec, dict) or "check" not in spec:
            raise DramaturgError(f"rule {rule_id} needs a 'check' name", file=where)
        params = {k: v for k, v in spec.items() if k not in ("check", "severity")}
        check = str(spec["check"])
        if check not in CHECK_NAMES:
            raise DramaturgError(
                f"rule {rule_id}: unknown check {check!r} (known: {', '.join(sorted(CHECK_NAMES))})",
                file=where,
            )
        severity = str(spec.get("severity", "error"))
        if severity not in SEVERITIES:
            raise DramaturgError(f"rule {rule_id}: severity must be error or warning", file=where)
        rules.append(Rule(rule_id, check, severity, params))
    length = str(data.get("length", "plain"))
    if length not in ("plain", "cjk"):
        raise DramaturgError("length must be 'plain' or 'cjk'", file=where)
    return Profile(
        name=str(data.get("name", os.path.basename(name_or_path))),
        description=str(data.get("description", "")),
        language=str(data.get("language", "")),
        length=length,
        fps=float(data.get("fps", 23.976)),
        rules=tuple(rules),
        variant=variant,
        version=str(data.get("version", "")),
        sdh=dict(data.get("sdh", {})),
        has_sdh_variant=has_sdh_variant,
    )
