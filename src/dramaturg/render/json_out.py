"""``--json``: one JSON object on stdout, UTF-8, keys stable (see docs/json.md)."""

from __future__ import annotations

import json
import sys
from typing import Any

# The version of the --json shapes (docs/json.md, docs/analysis.schema.json): the major part
# changes when a key is removed or changes meaning, the minor part when keys are added.
SCHEMA_VERSION = "1.0"


def versioned(d: dict[str, Any]) -> dict[str, Any]:
    """``d`` with ``schema_version`` as its first key."""
    return {"schema_version": SCHEMA_VERSION, **d}


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=_default)


def dump(obj: Any) -> None:
    sys.stdout.write(dumps(obj) + "\n")


def _default(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")
