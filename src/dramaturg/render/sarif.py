"""``--output-format sarif``: the findings as SARIF 2.1.0, for code-scanning tools and editors.

One rule per registered finding code (``analyze/codes.toml``), its help the code's section of
docs/findings.md; one result per finding, at the file and line of its first evidence with the
quote as the snippet, the other evidence as related locations. Silenced findings are listed
with a ``suppressions`` entry, as SARIF asks, so a viewer can show them greyed out.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from dramaturg import __version__
from dramaturg.analyze import codes
from dramaturg.render.findings_doc import section

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"info": "note", "warning": "warning", "error": "error"}


def _rule(code: codes.Code) -> dict[str, Any]:
    return {
        "id": code.code,
        "name": "".join(w.capitalize() for w in code.code.split("-")),
        "shortDescription": {"text": code.title},
        "fullDescription": {"text": f"{code.title}: {code.when}."},
        "help": {
            "text": f"{code.title}. When: {code.when}. Evidence: {code.evidence}. "
            f"See docs/findings.md#{code.anchor}.",
            "markdown": section(code),
        },
        "defaultConfiguration": {"level": _LEVEL[str(code.level)]},
        "properties": {"tags": [code.area], "docs": f"docs/findings.md#{code.anchor}"},
    }


def _location(file: str | None, line: int | None, quote: str = "") -> dict[str, Any]:
    artifact: dict[str, Any]
    if file and PurePath(file).is_absolute():
        artifact = {"uri": PurePath(file).as_uri()}
    else:
        artifact = {"uri": PurePath(file or "-").as_posix(), "uriBaseId": "%SRCROOT%"}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if line:
        region: dict[str, Any] = {"startLine": int(line)}
        if quote:
            region["snippet"] = {"text": quote}
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(f: dict[str, Any], index: dict[str, int], suppressed: bool) -> dict[str, Any]:
    code = f["code"]
    out: dict[str, Any] = {
        "ruleId": code,
        "ruleIndex": index[code],
        "level": _LEVEL.get(f.get("severity", "warning"), "warning"),
        "message": {"text": f["message"]},
    }
    if f.get("file"):
        out["locations"] = [_location(f["file"], f.get("line"), f.get("quote", ""))]
    related = [
        {**_location(e.get("file"), e.get("line"), e.get("quote", "")), "id": i}
        for i, e in enumerate((f.get("evidence") or [])[1:], 1)
    ]
    if related:
        out["relatedLocations"] = related
    props = {k: f[k] for k in ("suggestion", "part", "scene", "data") if f.get(k) not in (None, "")}
    if props:
        out["properties"] = props
    if suppressed:
        by = str(f.get("suppressed_by", ""))
        kind = "external" if by.split(":")[0].endswith("dramaturg.toml") else "inSource"
        out["suppressions"] = [{"kind": kind, "justification": f"silenced by {by}"}]
    return out


def sarif(d: dict[str, Any]) -> dict[str, Any]:
    """The SARIF log of the analysis JSON ``d`` (findings, and ``suppressed`` if any)."""
    registry = list(codes.registry().values())
    index = {c.code: i for i, c in enumerate(registry)}
    results = [_result(f, index, False) for f in d.get("findings") or []]
    results += [_result(f, index, True) for f in d.get("suppressed") or []]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dramaturg",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(c) for c in registry],
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {"description": {"text": "the working directory"}}
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
