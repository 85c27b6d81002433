"""``--json``: one JSON object on stdout, UTF-8, keys stable (see docs/json.md)."""

from __future__ import annotations

import json
import sys
from typing import Any


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
