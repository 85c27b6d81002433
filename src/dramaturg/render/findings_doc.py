"""``docs/findings.md``, generated from the codes registry (``analyze/codes.toml``).

    python -m dramaturg.render.findings_doc > docs/findings.md

A test checks that the file in docs/ is what this prints, so the documentation of a code and
the code's registry entry (and so its SARIF rule) never drift apart.
"""

from __future__ import annotations

import sys

from dramaturg.analyze.codes import Code, registry

AREAS = {
    "romance": (
        "Romance",
        "From `dramaturg.analyze.romance.analyze_romance` (method: `docs/analysis.md`).",
    ),
    "engine": (
        "Story engine and momentum",
        "From `dramaturg.analyze.engine.analyze_story_engine` (method: `docs/analysis.md`, "
        '"Story engine and momentum"). A message names a scene as the writer does (the number '
        "the script prints, else the 1-based count), as the finding's JSON `scene_label` does; "
        "`scene` in the JSON is the 0-based index.",
    ),
}

INTRO = """\
# Finding codes

<!-- Generated from src/dramaturg/analyze/codes.toml by
     `python -m dramaturg.render.findings_doc > docs/findings.md`: edit the registry, not this file. -->

Every finding carries a code, a severity, a message, a suggestion and evidence (part as printed,
scene index, file, 1-based line, quote copied exactly from the draft). `to_dict()` gives `code`,
`severity`, `file`, `part`, `scene`, `line`, `quote`, `message`, `suggestion`, `evidence`, and
`data` where the finding has figures. The level given with each code is the highest it is
reported at (SARIF's `defaultConfiguration.level`, with `info` as `note`).

| code | level | title |
|---|---|---|
"""

USING = """\
## Using findings in a toolchain

- `dramaturg analyze FILE... --output-format sarif` prints SARIF 2.1.0: one rule per code
  above (its help is the code's section of this file), one result per finding with its file,
  line and quote; findings silenced as below are listed with a `suppressions` entry.
- `--output-format json` (or `--json`) prints the analysis with a `schema_version`; its shape is
  `docs/analysis.schema.json` (JSON Schema 2020-12) and `docs/json.md`.
- `--fail-on info|warning|error`: exit status 1 when a finding at or above that level is left
  after silencing, 0 otherwise; 2 is an error in the input, as for every command.

## Silencing a finding the writer chose on purpose

Like a linter's `# noqa`, a finding can be silenced where it stands or for a whole project.

**In the draft.** A note in a Fountain script, or an HTML comment in Markdown or plain prose:

```
[[dramaturg: ignore ROM-RUSHED]]
<!-- dramaturg: ignore ENG-DETOUR, ENG-DISCONNECTED -->
```

silences those codes for findings in the scene that holds the note (the finding's first line
of evidence is in that scene). `ignore` with no code silences every code in the scene;
`ignore-file` silences the codes in the whole file.

**In `dramaturg.toml`.** The nearest `dramaturg.toml` in the folder of the first input or
any folder above it:

```toml
[ignore]
"*" = ["ROM-NO-COUPLE"]                   # everywhere
"ep02.fountain" = ["ROM-RUSHED"]          # a file (a path from this file's folder, or a glob)
"ep02.fountain#12" = ["ENG-DETOUR"]       # scene 12 of that file, as the writer numbers scenes
"#36" = ["ENG-DISCONNECTED"]              # scene 36 of the story
```

A scene is named by its number as printed (`12A`, `S#3`) or its count from 1. An unknown code
is an error (`dramaturg: error: dramaturg.toml:LINE: ...`, exit 2). Silenced findings leave the
summary, the report and `--fail-on`; `--json` lists them under `suppressed`, each with
`suppressed_by` (the note's `file:line` or `dramaturg.toml:line`).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def section(code: Code) -> str:
    """The code's section: its heading, title, level, when it fires, evidence and data."""
    lines = [
        f"### `{code.code}`",
        "",
        f"**{code.title}** ({code.title_ko}) · {code.severity}",
        "",
        f"- **When:** {code.when}",
        f"- **Evidence:** {code.evidence}",
    ]
    if code.data:
        lines.append(f"- **Data:** {code.data}")
    if code.chart:
        lines.append(f"- **Chart:** the report's {code.chart} chart flags the scenes it names")
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """The whole of docs/findings.md."""
    codes = list(registry().values())
    out = [INTRO]
    out += [f"| [`{c.code}`](#{c.anchor}) | {c.level} | {_cell(c.title)} |\n" for c in codes]
    for area, (heading, note) in AREAS.items():
        out.append(f"\n## {heading}\n\n{note}\n\n")
        out += [section(c) + "\n" for c in codes if c.area == area]
    out.append(USING)
    return "".join(out)


if __name__ == "__main__":
    sys.stdout.write(markdown())
