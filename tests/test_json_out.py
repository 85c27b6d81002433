"""``--json`` text is what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import enum
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dramaturg.render import json_out


class Level(enum.IntEnum):
    LOW = 1


class Kind(enum.StrEnum):
    ACTION = "action"


class Record:
    def to_dict(self) -> dict[str, Any]:
        return {"a": [1, 2.5], "b": {"c": None}}


def reference(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=json_out._default)


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.just(Level.LOW)
    | st.just(Kind.ACTION)
    | st.just(Record())
    | st.frozensets(st.integers(), max_size=3)
)
KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(KEYS, inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=1500, deadline=None)
@given(VALUES)
def test_dumps_writes_what_json_dumps_writes(obj: Any) -> None:
    assert json_out.dumps(obj) == reference(obj)


def test_dumps_refuses_what_json_refuses() -> None:
    for bad in ({(1, 2): 3}, {"x": object()}):
        try:
            reference(bad)
        except TypeError:
            pass
        else:  # pragma: no cover - json accepts it: so must we
            raise AssertionError(bad)
        try:
            json_out.dumps(bad)
        except TypeError:
            continue
        raise AssertionError(f"accepted {bad!r}")
