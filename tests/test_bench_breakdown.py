"""The breakdown bench's gold files name scripts that exist; a gold file whose script is
gone stops the bench with that file's name instead of a reader traceback."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from shared_data import SHARED_DATA

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "breakdown"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_breakdown", ROOT / "bench" / "eval_breakdown.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_breakdown", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("gold", sorted(GOLD.glob("*.toml")), ids=lambda p: p.stem)
def test_every_gold_script_is_found(gold: Path) -> None:
    script = tomllib.loads(gold.read_text(encoding="utf-8"))["script"]
    if not (ROOT / script).is_file() and not SHARED_DATA.is_dir():
        pytest.skip("shared benchmark data not available")
    assert _bench().script_path(gold, script).is_file()


def test_repo_scripts_resolve_from_the_repo_root() -> None:
    path = _bench().script_path(GOLD / "x.toml", "src/dramaturg/data/demo.fountain")
    assert path == (ROOT / "src/dramaturg/data/demo.fountain").resolve()


def test_a_missing_script_names_the_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "held-gone.toml"
    gold.write_text('script = "../../wt-gone/demo.fountain"\n[[scene]]\nline = 1\n')
    with pytest.raises(SystemExit) as stop:
        _bench().evaluate([gold])
    assert "held-gone.toml" in str(stop.value)
    assert "not found" in str(stop.value)
