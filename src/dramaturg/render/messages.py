"""Findings in the reader's language: message templates per code, kept as data files
(``render/strings/findings.<lang>.toml``), filled from each finding's ``data``.

The analyses write English; a template that cannot be filled (a value it needs is missing)
leaves the English text as it is, so a report never shows a broken sentence.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from dramaturg.render.i18n import strings


@cache
def _templates(lang: str) -> dict[str, dict[str, str]]:
    res = resources.files("dramaturg") / "render" / "strings" / f"findings.{lang}.toml"
    if not res.is_file():
        return {}
    return tomllib.loads(res.read_text("utf-8"))


def _values(finding: dict[str, Any], couple: list[str] | None, lang: str) -> dict[str, Any]:
    labels = strings(lang).get("labels", {})
    data = dict(finding.get("data") or {})
    v: dict[str, Any] = {**data}
    v["part"] = finding.get("part")
    if finding.get("scene") is not None:
        v["scene1"] = finding["scene"] + 1
    if isinstance(data.get("scene"), int):
        v["scene1"] = data["scene"] + 1
    evidence = finding.get("evidence") or []
    if evidence and evidence[0].get("scene_ordinal"):
        v["scene1"] = evidence[0]["scene_ordinal"]
    if couple and len(couple) == 2:
        v["a"], v["b"] = couple
    if "kind" in data:
        v["label"] = labels.get(data["kind"], data["kind"])
    if "kinds" in data:
        v["kinds_labels"] = ", ".join(labels.get(k, k) for k in data["kinds"])
    if "missing" in data:
        v["missing_labels"] = ", ".join(labels.get(k, k) for k in data["missing"]) or "-"
    if "point" in data:
        v["point_label"] = labels.get(data["point"], data["point"])
    if isinstance(data.get("position"), float):
        v["position_pct"] = 100 * data["position"]
    if "usual_range" in data:
        v["usual_lo"], v["usual_hi"] = (100 * x for x in data["usual_range"][:2])
    if isinstance(data.get("scenes"), list) and data["scenes"]:
        v["first"], v["last"], v["count"] = (
            data["scenes"][0] + 1,
            data["scenes"][-1] + 1,
            len(data["scenes"]),
        )
    return v


def localize(
    finding: dict[str, Any], lang: str | None, couple: list[str] | None = None
) -> dict[str, Any]:
    """A copy of ``finding`` (its JSON form) with message and suggestion in ``lang``."""
    if not lang or lang == "en":
        return finding
    tpl = _templates(lang).get(finding.get("code", ""))
    if not tpl:
        return finding
    values = _values(finding, couple, lang)
    out = dict(finding)
    for key in ("message", "suggestion"):
        if key in tpl:
            try:
                out[key] = tpl[key].format(**values)
            except (KeyError, ValueError, TypeError, IndexError):
                pass  # keep the English text rather than show a half-filled sentence
    return out
