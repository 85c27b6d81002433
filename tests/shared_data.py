"""Where the project's shared test material lives: ``../shared/data`` beside the checkout
(as in CI and on a developer's machine), or ``$DRAMATURG_SHARED_DATA``. Tests that need it
skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path


def _find() -> Path:
    env = os.environ.get("DRAMATURG_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates += [
        Path(__file__).resolve().parents[2] / "shared" / "data",
        Path("/work/shared/data"),
    ]
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


SHARED_DATA = _find()
