"""Findings in the reader's language: message templates per code, kept as data files
(``render/strings/findings.<lang>.toml``), filled from each finding's ``data``.

The analyses write English; a template that cannot be filled (a value it needs is missing)
leaves the English text as it is, so a report never shows a broken sentence. A code may have
several templates (``[CODE]``, ``[CODE.2]``, ...) for the several shapes of its data: the
first one that fills wins.

A Korean particle after a value is written as its format spec (``{b:은}``, ``{label:으로}``)
and is chosen by the value's last syllable, as Korean grammar asks:

>>> KOREAN.format("{a:와} {b:은}", a="서윤", b="도현")
'서윤과 도현은'
>>> KOREAN.format("{k:이} {k:으로}", k="키스")
'키스가 키스로'
"""

from __future__ import annotations

import string
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from dramaturg.render.i18n import strings

# particle -> (after a final consonant, after a vowel); 으로 takes 로 after ㄹ as well
_PARTICLES = {
    "이": ("이", "가"),
    "가": ("이", "가"),
    "은": ("은", "는"),
    "는": ("은", "는"),
    "을": ("을", "를"),
    "를": ("을", "를"),
    "과": ("과", "와"),
    "와": ("과", "와"),
    "으로": ("으로", "로"),
    "로": ("으로", "로"),
    "이라": ("이라", "라"),
}
_DIGIT_FINAL = {
    "0": True,
    "1": True,
    "2": False,
    "3": True,
    "4": False,
    "5": False,
    "6": True,
    "7": True,
    "8": True,
    "9": False,
}  # 영 일 이 삼 사 오 육 칠 팔 구


def _final(word: str) -> int | None:
    """The final consonant of ``word``'s last syllable: 0 none, 8 for ㄹ, other > 0; None
    when it cannot be told (a Latin name)."""
    for ch in reversed(word.strip()):
        if "가" <= ch <= "힣":
            return (ord(ch) - 0xAC00) % 28
        if ch in _DIGIT_FINAL:
            return 8 if ch in "178" else (1 if _DIGIT_FINAL[ch] else 0)
        if ch.isalpha():
            return None
    return None


class _KoreanFormatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        pair = _PARTICLES.get(format_spec)
        if pair is None:
            return str(super().format_field(value, format_spec))
        text = str(value)
        final = _final(text)
        if final is None:
            return f"{text}{pair[0]}({pair[1]})"
        if format_spec in ("으로", "로"):
            return text + (pair[1] if final in (0, 8) else pair[0])
        return text + (pair[0] if final else pair[1])


KOREAN = _KoreanFormatter()


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
    if not lang or lang == "en":
        return finding
    code = finding.get("code", "")
    templates = _templates(lang)
    variants = [templates[k] for k in _variant_keys(code, templates)]
    if not variants:
        return finding
    values = _values(finding, couple, lang)
    out = dict(finding)
    formatter = KOREAN if lang == "ko" else string.Formatter()
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
