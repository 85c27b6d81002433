"""One registry of finding codes: the analyses emit only registered codes, and docs/findings.md,
the Korean templates and the report's charts all agree with it."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from dramaturg.analyze import analyze, codes
from dramaturg.analyze.findings import Severity
from dramaturg.read import read
from dramaturg.render.findings_doc import markdown

SRC = Path(str(resources.files("dramaturg")))
DOCS = Path(__file__).parent.parent / "docs" / "findings.md"
CODE = re.compile(r'"([A-Z]{3}-[A-Z0-9]+(?:-[A-Z0-9]+)*)"')


def _emitted() -> set[str]:
    return {
        m
        for f in (SRC / "analyze").glob("*.py")
        for m in re.findall(r'code="([A-Z]+-[A-Z0-9-]+)"', f.read_text(encoding="utf-8"))
    }


def test_every_code_the_analyses_emit_is_registered_and_every_registered_code_is_emitted() -> None:
    assert _emitted() == set(codes.registry())


def test_no_surface_names_a_code_the_registry_does_not_know() -> None:
    for f in (SRC / "render").glob("*.py"):
        for code in CODE.findall(f.read_text(encoding="utf-8")):
            codes.get(code)  # raises for an unregistered code such as "ENGINE"


def test_docs_findings_md_is_generated_from_the_registry() -> None:
    assert DOCS.read_text(encoding="utf-8") == markdown(), (
        "run: python -m dramaturg.render.findings_doc > docs/findings.md"
    )


def test_every_code_has_korean_templates_and_no_template_is_orphaned() -> None:
    text = (SRC / "render" / "strings" / "findings.ko.toml").read_text(encoding="utf-8")
    keys = {k.split(".")[0] for k in tomllib.loads(text)}
    assert keys == set(codes.registry())


def test_every_code_has_a_title_in_each_language_and_a_level() -> None:
    for c in codes.registry().values():
        assert c.title and c.title_ko and c.when and c.evidence, c.code
        assert c.level in Severity
        assert c.area in ("romance", "engine")


def test_the_demo_findings_are_registered_and_at_most_their_level() -> None:
    demo = Path(str(resources.files("dramaturg") / "data" / "demo.fountain"))
    order = ["info", "warning", "error"]
    for f in analyze(read(demo)).findings:
        entry = codes.get(f.code)
        assert order.index(str(f.severity)) <= order.index(str(entry.level)), f.code


def test_an_unknown_code_is_an_error() -> None:
    with pytest.raises(KeyError, match="ENGINE"):
        codes.get("ENGINE")
