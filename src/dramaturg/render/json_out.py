"""``--json``: one JSON object on stdout, UTF-8, keys stable (see docs/json.md)."""

from __future__ import annotations

import json
import sys
from typing import Any

# The version of the --json shapes (docs/json.md, docs/analysis.schema.json): the major part
# changes when a key is removed or changes meaning, the minor part when keys are added.
SCHEMA_VERSION = "1.1"

_INDENT = "  "
_string: Any = json.encoder.encode_basestring  # the C one where the interpreter has it


def versioned(d: dict[str, Any]) -> dict[str, Any]:
    """``d`` with ``schema_version`` as its first key."""
    return {"schema_version": SCHEMA_VERSION, **d}


def dumps(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2, default=_default)``, the same text.

    The standard library's C encoder takes no indent, and its Python one hands every piece
    up through a generator per level; this one function appends the pieces to one list (a
    3 MB ``stats --json`` in half the time).
    """
    out: list[str] = []
    _encode(obj, "\n", out)
    return "".join(out)


def dump(obj: Any) -> None:
    sys.stdout.write(dumps(obj) + "\n")


def _encode(value: Any, newline: str, out: list[str]) -> None:
    """Append the JSON of ``value``; ``newline`` is a line break and the current indent."""
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))  # an IntEnum as its number, as json does
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + _INDENT
        between = "," + inner
        out.append("[" + inner)
        first = True
        for item in value:
            if first:
                first = False
            else:
                out.append(between)
            _encode(item, inner, out)
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + _INDENT
        between = "," + inner
        out.append("{" + inner)
        first = True
        for key, item in value.items():
            if first:
                first = False
            else:
                out.append(between)
            out.append(_string(_key(key)))
            out.append(": ")
            _encode(item, inner, out)
        out.append(newline + "}")
    else:
        _encode(_default(value), newline, out)


def _key(key: Any) -> str:
    """A dict key as json writes it: strings as they are, numbers, booleans and None spelled."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def _default(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")
