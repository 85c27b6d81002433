"""Silencing findings the writer chose on purpose, as a linter's ``# noqa``: a note in the
draft (``[[dramaturg: ignore ROM-RUSHED]]`` in Fountain, ``<!-- dramaturg: ignore ... -->``
in Markdown or prose) or a project file, ``dramaturg.toml``::

    [ignore]
    "*" = ["ROM-NO-COUPLE"]               # everywhere
    "ep02.fountain" = ["ROM-RUSHED"]      # one file (path from the toml's folder, or a glob)
    "ep02.fountain#12" = ["ENG-DETOUR"]   # scene 12 of that file (as printed, or counted)
    "#36" = ["ENG-DISCONNECTED"]          # scene 36 of the story

A note silences its codes in its own scene (``ignore`` with no code: every code there);
``ignore-file`` silences them in its file. A finding is placed by its first evidence. Findings
are JSON dicts here (``Finding.to_dict()``), the form every surface renders.

>>> from dramaturg.story import Block, BlockKind, Scene, Span
>>> directives("[[dramaturg: ignore ROM-RUSHED, ENG-DETOUR]]")
[('ignore', ['ROM-RUSHED', 'ENG-DETOUR'], 0)]
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dramaturg.analyze import codes
from dramaturg.errors import DramaturgError
from dramaturg.story import Story

CONFIG_NAME = "dramaturg.toml"
_DIRECTIVE = re.compile(r"dramaturg:\s*(ignore-file|ignore)\b((?:[\s,]*[A-Za-z]+-[A-Za-z0-9-]+)*)")
_CODE = re.compile(r"[A-Za-z]+-[A-Za-z0-9-]+")


@dataclass(frozen=True, slots=True)
class Rule:
    """One silencing rule: which codes (None: all), where, and who said so."""

    codes: frozenset[str] | None
    source: str  # "ep1.fountain:40" (a note) or "dramaturg.toml:7"
    file: str | None = None  # a note's file, exactly as the story names it
    scene: int | None = None  # a note's scene index
    pattern: str | None = None  # a dramaturg.toml file pattern (None: any file)
    scene_label: str | None = None  # a dramaturg.toml scene (number as printed, or count)
    root: Path | None = None  # the folder of the dramaturg.toml

    def matches(self, finding: dict[str, Any], labels: dict[int, set[str]]) -> bool:
        if self.codes is not None and finding.get("code") not in self.codes:
            return False
        file, scene = finding.get("file"), finding.get("scene")
        if self.file is not None and file != self.file:
            return False
        if self.scene is not None and scene != self.scene:
            return False
        if self.pattern is not None and not (file and self._file_matches(file)):
            return False
        if self.scene_label is not None:
            return isinstance(scene, int) and self.scene_label in labels.get(scene, set())
        return True

    def _file_matches(self, file: str) -> bool:
        assert self.pattern is not None
        path = Path(file)
        candidates = {file, path.name}
        if self.root is not None:
            try:
                candidates.add(path.resolve().relative_to(self.root).as_posix())
            except ValueError:
                pass
        return any(fnmatch.fnmatchcase(c, self.pattern) for c in candidates)


def directives(text: str) -> list[tuple[str, list[str], int]]:
    """Every ``dramaturg: ignore[-file] CODES`` in ``text``: (kind, codes, offset)."""
    return [
        (m.group(1), [c.upper() for c in _CODE.findall(m.group(2))], m.start())
        for m in _DIRECTIVE.finditer(text)
    ]


def _known(found: Sequence[str], where: str) -> frozenset[str]:
    for code in found:
        try:
            codes.get(code)
        except KeyError as exc:
            raise DramaturgError(f"{where}: {exc.args[0]}") from None
    return frozenset(found)


def note_rules(story: Story) -> list[Rule]:
    """The rules written in the draft itself."""
    rules: list[Rule] = []
    for scene in story.scenes:
        for block in scene.blocks:
            if "dramaturg:" not in block.raw:
                continue
            for kind, found, offset in directives(block.raw):
                line = block.span.line + block.raw.count("\n", 0, offset)
                where = f"{block.span.file}:{line}"
                rules.append(
                    Rule(
                        codes=_known(found, where) if found else None,
                        source=where,
                        file=block.span.file,
                        scene=None if kind == "ignore-file" else scene.index,
                    )
                )
    return list(dict.fromkeys(rules))  # an inline note is in its action block and its own


def find_config(inputs: Sequence[str | Path]) -> Path | None:
    """The nearest ``dramaturg.toml`` in the first input's folder or a folder above it."""
    if not inputs:
        return None
    start = Path(inputs[0]).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def config_rules(path: Path, shown: str | None = None) -> list[Rule]:
    """The rules of a ``dramaturg.toml``; errors name the file and line."""
    name = shown or str(path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+)", str(exc))
        line = m.group(1) if m else "1"
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise DramaturgError(f"{name}:{line}: {reason}") from None
    table = data.get("ignore", {})
    if not isinstance(table, dict):
        raise DramaturgError(f"{name}:{_line_of(text, 'ignore')}: [ignore] must be a table")
    rules = []
    for key, value in table.items():
        where = f"{name}:{_line_of(text, key)}"
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DramaturgError(f"{where}: {key!r} wants a list of finding codes")
        found = _known([v.strip().upper() for v in value], where)
        file_part, _, scene_part = key.partition("#")
        rules.append(
            Rule(
                codes=found or None,
                source=where,
                pattern=None if file_part in ("", "*") else file_part,
                scene_label=scene_part.strip() or None,
                root=path.parent.resolve(),
            )
        )
    return rules


def _line_of(text: str, key: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if key in line:
            return n
    return 1


def _scene_labels(story: Story) -> dict[int, set[str]]:
    """Each scene's names in a dramaturg.toml: its number as printed and its count from 1."""
    out: dict[int, set[str]] = {}
    for s in story.scenes:
        names = {str(s.ordinal)} if s.ordinal else set()
        if s.number:
            names.add(str(s.number))
        out[s.index] = names
    return out


def split(
    story: Story, findings: list[dict[str, Any]], rules: Sequence[Rule]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(kept, silenced): each silenced finding gets ``suppressed_by``, the rule's source."""
    if not rules:
        return list(findings), []
    labels = _scene_labels(story)
    kept, silenced = [], []
    for f in findings:
        rule = next((r for r in rules if r.matches(f, labels)), None)
        if rule is None:
            kept.append(f)
        else:
            silenced.append({**f, "suppressed_by": rule.source})
    return kept, silenced


def apply(
    story: Story, d: dict[str, Any], inputs: Sequence[str | Path], *, use_config: bool = True
) -> dict[str, Any]:
    """The analysis JSON ``d`` with silenced findings moved from ``findings`` to
    ``suppressed``: the draft's own notes, and the nearest dramaturg.toml."""
    rules = note_rules(story)
    config = find_config(inputs) if use_config else None
    if config is not None:
        rules += config_rules(config, _display(config))
    kept, silenced = split(story, d.get("findings") or [], rules)
    return {**d, "findings": kept, "suppressed": silenced}


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
