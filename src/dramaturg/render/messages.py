"""Findings in the reader's language: message templates per code, kept as data files
(``render/strings/findings.<lang>.toml``), filled from each finding's ``data``.

The analyses write English; a template that cannot be filled (a value it needs is missing)
leaves the English text as it is, so a report never shows a broken sentence. A code may have
several templates (``[CODE]``, ``[CODE.2]``, ...) for the several shapes of its data: the
first one that fills wins.

The templates are filled by the language's own formatter
(:meth:`dramaturg.text.languages.Language.formatter`): in Korean a particle after a value is
written as its format spec (``{b:은}``, ``{label:으로}``) and chosen by the value's last
syllable (``text/ko/particles.py``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from dramaturg.render.i18n import strings
from dramaturg.text.languages import find_language


@cache
def _templates(lang: str) -> dict[str, dict[str, str]]:
    language = find_language(lang)
    return language.finding_strings() if language is not None else {}


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
    if finding.get("scene_label"):  # the scene as the writer names it, as the English says
        v["scene1"] = finding["scene_label"]
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
    if isinstance(data.get("chapters"), list) and data["chapters"]:
        chapters = data["chapters"]
        v["first_chapter"], v["last_chapter"], v["run"] = chapters[0], chapters[-1], len(chapters)
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
    language = find_language(lang) if lang else None
    if language is None:  # the analyses write English; no templates for any other
        return finding
    code = finding.get("code", "")
    templates = _templates(language.code)
    variants = [templates[k] for k in _variant_keys(code, templates)]
    if not variants:
        return finding
    values = _values(finding, couple, language.code)
    out = dict(finding)
    formatter = language.formatter()
    for tpl in variants:
        try:
            filled = {
                key: formatter.format(text, **values)
                for key, text in tpl.items()
                if isinstance(text, str)
            }
        except (KeyError, ValueError, TypeError, IndexError, AttributeError):
            continue  # keep the English text rather than show a half-filled sentence
        out.update(filled)
        return out
    return out


def _variant_keys(code: str, templates: dict[str, Any]) -> list[str]:
    """``CODE``, then ``CODE.2``, ``CODE.3`` ... as the templates file has them."""
    keys = [code] if code in templates else []
    n = 2
    while f"{code}.{n}" in templates:
        keys.append(f"{code}.{n}")
        n += 1
    return keys
