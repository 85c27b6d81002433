"""Findings as a toolchain expects: SARIF 2.1.0, --fail-on exit status, a versioned JSON with
its schema, silencing like a linter (notes in the draft, dramaturg.toml), examples in --help."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from dramaturg.analyze import analyze, codes, ignore
from dramaturg.cli import EXAMPLES, main
from dramaturg.read import read

DEMO = Path(str(resources.files("dramaturg") / "data" / "demo.fountain"))
SCHEMA = Path(__file__).parent.parent / "docs" / "analysis.schema.json"


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("show")
    return Path(shutil.copy(DEMO, folder / "demo.fountain"))


@pytest.fixture(scope="module")
def demo_findings(demo_copy: Path) -> list[dict[str, Any]]:
    return [f.to_dict() for f in analyze(read(demo_copy)).findings]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_sarif_has_one_rule_per_code_and_one_result_per_finding(
    demo_copy: Path, demo_findings: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["analyze", str(demo_copy), "--output-format", "sarif"], capsys)
    assert code == 0
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(codes.registry())
    assert all(r["help"]["markdown"].startswith(f"### `{r['id']}`") for r in rules)
    results = run["results"]
    assert len(results) == len(demo_findings) > 0
    for result, finding in zip(results, demo_findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["code"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == finding["line"]
        assert region["snippet"]["text"] == finding["quote"]
        assert result["level"] == {"info": "note"}.get(finding["severity"], finding["severity"])


def test_a_sarif_reader_from_pypi_loads_it(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loader = pytest.importorskip("sarif.loader", reason="sarif-tools is not installed")
    _, out, _ = _run(["analyze", str(demo_copy), "--output-format", "sarif"], capsys)
    path = tmp_path / "findings.sarif"
    path.write_text(out, encoding="utf-8")
    assert loader.load_sarif_file(str(path)).get_result_count() > 0


@pytest.mark.parametrize(("level", "expected"), [("info", 1), ("warning", 1), ("error", 0)])
def test_fail_on_exits_1_at_or_above_the_level(
    demo_copy: Path, level: str, expected: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = _run(["analyze", str(demo_copy), "--json", "--fail-on", level], capsys)
    assert code == expected


def test_without_fail_on_findings_exit_0(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["analyze", str(demo_copy), "--json"], capsys)[0] == 0


def test_json_has_a_schema_version_and_matches_the_schema(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    _, out, _ = _run(["analyze", str(demo_copy), "--output-format", "json"], capsys)
    d = json.loads(out)
    assert next(iter(d)) == "schema_version"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(d, schema)


def _with_note(demo_copy: Path, tmp_path: Path, line: int, note: str) -> Path:
    """A copy of the demo with ``note`` on its own line after ``line``."""
    lines = demo_copy.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line, f"\n{note}\n\n")
    out = tmp_path / "noted.fountain"
    out.write_text("".join(lines), encoding="utf-8")
    return out


def _finding(findings: list[dict[str, Any]], code: str) -> dict[str, Any]:
    return next(f for f in findings if f["code"] == code)


def test_a_fountain_note_silences_its_code_in_its_scene(
    demo_copy: Path,
    demo_findings: list[dict[str, Any]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rushed = _finding(demo_findings, "ROM-RUSHED")
    noted = _with_note(demo_copy, tmp_path, rushed["line"], "[[dramaturg: ignore ROM-RUSHED]]")
    code, out, _ = _run(["analyze", str(noted), "--json", "--fail-on", "info"], capsys)
    d = json.loads(out)
    assert "ROM-RUSHED" not in {f["code"] for f in d["findings"]}
    assert [f["code"] for f in d["suppressed"]] == ["ROM-RUSHED"]
    assert d["suppressed"][0]["suppressed_by"] == f"{noted}:{rushed['line'] + 2}"
    assert code == 1  # the other findings still count
    _, out, _ = _run(["analyze", str(noted), "--json", "--no-ignore"], capsys)
    assert "ROM-RUSHED" in {f["code"] for f in json.loads(out)["findings"]}


def test_a_note_for_another_code_silences_nothing(
    demo_copy: Path,
    demo_findings: list[dict[str, Any]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rushed = _finding(demo_findings, "ROM-RUSHED")
    noted = _with_note(demo_copy, tmp_path, rushed["line"], "[[dramaturg: ignore ROM-GAP]]")
    _, out, _ = _run(["analyze", str(noted), "--json"], capsys)
    assert json.loads(out)["suppressed"] == []


def test_an_unknown_code_in_a_note_is_an_error_at_its_line(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    noted = _with_note(demo_copy, tmp_path, 10, "[[dramaturg: ignore ROM-RUSHD]]")
    code, _, err = _run(["analyze", str(noted)], capsys)
    assert code == 2
    assert err.startswith(f"dramaturg: error: {noted}:12: unknown finding code 'ROM-RUSHD'")
    assert "Traceback" not in err


def test_dramaturg_toml_silences_everywhere_per_file_and_per_scene(
    demo_copy: Path, demo_findings: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    detour = _finding(demo_findings, "ENG-DETOUR")
    ordinal = detour["evidence"][0]["scene_ordinal"]
    config = demo_copy.parent / "dramaturg.toml"
    config.write_text(
        "[ignore]\n"
        '"*" = ["ROM-UNREACHED"]\n'
        '"demo.fountain" = ["ROM-RUSHED"]\n'
        f'"demo.fountain#{ordinal}" = ["ENG-DETOUR"]\n'
        f'"#{ordinal + 1}" = ["ENG-DISCONNECTED"]\n',
        encoding="utf-8",
    )
    try:
        code, out, _ = _run(["analyze", str(demo_copy), "--json", "--fail-on", "info"], capsys)
    finally:
        config.unlink()
    d = json.loads(out)
    assert d["findings"] == [] and code == 0
    by = {f["code"]: f["suppressed_by"].rsplit(":", 1)[1] for f in d["suppressed"]}
    # the rule on line 2 ("*") silences ROM-UNREACHED wherever the demo raises it
    expected = {"ROM-RUSHED": "3", "ENG-DETOUR": "4"}
    if any(f["code"] == "ROM-UNREACHED" for f in demo_findings):
        expected["ROM-UNREACHED"] = "2"
    assert by == expected


def test_a_scene_rule_leaves_other_scenes_alone(
    demo_copy: Path, demo_findings: list[dict[str, Any]]
) -> None:
    detour = _finding(demo_findings, "ENG-DETOUR")
    config = demo_copy.parent / "elsewhere.toml"
    config.write_text(
        f'[ignore]\n"#{detour["evidence"][0]["scene_ordinal"] + 1}" = ["ENG-DETOUR"]\n'
    )
    rules = ignore.config_rules(config)
    kept, silenced = ignore.split(read(demo_copy), demo_findings, rules)
    assert silenced == [] and kept == demo_findings


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('[ignore]\n"*" = ["ROM-RUSHED"]\n"x" = ["NOPE-CODE"]\n', 3, "unknown finding code"),
        ("[ignore\n", 1, "Expected ']'"),
        ('[ignore]\n"*" = "ROM-RUSHED"\n', 2, "wants a list"),
    ],
)
def test_a_bad_dramaturg_toml_is_an_error_at_its_line(
    demo_copy: Path, text: str, line: int, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = demo_copy.parent / "dramaturg.toml"
    config.write_text(text, encoding="utf-8")
    try:
        code, _, err = _run(["analyze", str(demo_copy)], capsys)
    finally:
        config.unlink()
    assert code == 2
    assert err.startswith("dramaturg: error: ") and f"dramaturg.toml:{line}: " in err, err
    assert reason in err


def test_a_markdown_comment_silences_its_scene(tmp_path: Path) -> None:
    draft = tmp_path / "novel.md"
    draft.write_text(
        "# Chapter 1\n\nAnna waited by the door.\n\n* * *\n\n"
        "<!-- dramaturg: ignore ENG-DISCONNECTED -->\n\nBen came in from the rain.\n",
        encoding="utf-8",
    )
    story = read(draft)
    rules = ignore.note_rules(story)
    assert [(sorted(r.codes or []), r.source) for r in rules] == [
        (["ENG-DISCONNECTED"], f"{draft}:7")
    ]
    findings = [
        {"code": "ENG-DISCONNECTED", "file": str(draft), "scene": s.index} for s in story.scenes
    ]
    kept, silenced = ignore.split(story, findings, rules)
    assert [f["scene"] for f in silenced] == [rules[0].scene]
    assert len(kept) == len(story.scenes) - 1


def test_ignore_file_and_a_bare_ignore() -> None:
    assert ignore.directives("[[dramaturg: ignore-file ROM-GAP]]") == [
        ("ignore-file", ["ROM-GAP"], 2)
    ]
    assert ignore.directives("<!-- dramaturg: ignore -->") == [("ignore", [], 5)]


@pytest.mark.parametrize("command", sorted(EXAMPLES), ids=lambda c: c or "dramaturg")
def test_help_of_every_command_has_two_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([*command.split(), "--help"])
    out = capsys.readouterr().out
    examples = out[out.index("examples:") :].splitlines()[1:]
    assert len([e for e in examples if e.strip().startswith("dramaturg ")]) == 2, out


def test_report_fails_on_too_and_still_writes_the_report(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report"
    code, _, _ = _run(["report", str(demo_copy), "--out", str(out), "--fail-on", "warning"], capsys)
    assert code == 1
    assert (out / "report.html").exists()
