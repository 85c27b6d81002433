"""Command line: arguments -> library API -> render. Nothing else lives here.

``cli/production.py`` holds the breakdown and schedule commands, ``cli/subtitles.py`` the
``subs`` commands.

Every command is also a Python call (``dramaturg.read.read_series``, ``dramaturg.analyze``,
``dramaturg.render``). Errors in the user's input print ``dramaturg: error: FILE[:LINE]:
reason`` on stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dramaturg import __version__
from dramaturg.cli import production, subtitles
from dramaturg.errors import DramaturgError

if TYPE_CHECKING:
    from dramaturg.story import Story

EXIT_FINDINGS = 1  # --fail-on: a finding at or above the level
EXIT_ERROR = 2


def _files(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="script, manuscript, subtitle file or folder"
    )
    p.add_argument(
        "--format", help="force the input format (fountain, fdx, prose, korean, subtitles)"
    )


def _read(args: argparse.Namespace) -> Story:
    from dramaturg.read import read_series

    return read_series(args.files, format=args.format)


def cmd_stats(args: argparse.Namespace) -> int:
    from dramaturg.analyze.stats import stats

    result = stats(_read(args))
    if args.json:  # without the terminal renderer and rich, a tenth of a small run
        from dramaturg.render import json_out

        json_out.dump(json_out.versioned(result.to_dict()))
    else:
        from dramaturg.render import terminal

        terminal.print_stats(result.to_dict())
    return 0


def _findings(story: Story, result: object, args: argparse.Namespace) -> dict[str, Any]:
    """The analysis JSON with the findings the writer silenced (notes in the draft, the
    nearest dramaturg.toml) moved to ``suppressed``, unless --no-ignore."""
    from dramaturg.analyze import ignore

    d: dict[str, Any] = result.to_dict()  # type: ignore[attr-defined]
    if getattr(args, "no_ignore", False):
        return {**d, "suppressed": []}
    return ignore.apply(story, d, args.files)


def _exit_status(d: dict[str, Any], fail_on: str | None) -> int:
    """1 when a finding left after silencing is at or above ``fail_on``, else 0."""
    if not fail_on:
        return 0
    order = ["info", "warning", "error"]
    bar = order.index(fail_on)
    hit = any(order.index(f.get("severity", "info")) >= bar for f in d.get("findings") or [])
    return EXIT_FINDINGS if hit else 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from dramaturg.analyze import analyze
    from dramaturg.render import json_out, sarif, terminal

    output = args.output_format or ("json" if args.json else "text")
    couple = _couple(args.couple)  # arguments are checked before any file is read
    story = _read(args)
    with terminal.progress(output != "text") as step:
        result = analyze(story, couple=couple, progress=step)
    d = _findings(story, result, args)
    if output == "json":
        json_out.dump(json_out.versioned(d))
    elif output == "sarif":
        json_out.dump(sarif.sarif(d))
    else:
        terminal.print_analysis(d, lang=args.lang)
    return _exit_status(d, args.fail_on)


def cmd_report(args: argparse.Namespace) -> int:
    from dramaturg.analyze import analyze
    from dramaturg.render import html, terminal

    couple = _couple(args.couple)
    story = _read(args)
    with terminal.progress(False) as step:
        result = analyze(story, couple=couple, progress=step)
    d = _findings(story, result, args)
    out = html.write_report(result, Path(args.out), lang=args.lang, d=d)
    print(f"Wrote {out}")
    return _exit_status(d, args.fail_on)


def cmd_demo(args: argparse.Namespace) -> int:
    from importlib import resources

    from dramaturg.analyze import analyze
    from dramaturg.files import write_atomic
    from dramaturg.read import read
    from dramaturg.render import html, terminal

    out_dir = Path(args.out)
    # The demo script is copied beside its report, so every file:line the report cites
    # can be opened and checked.
    script = (resources.files("dramaturg") / "data" / "demo.fountain").read_bytes()
    script_path = write_atomic(out_dir / "demo.fountain", script)
    story = read(script_path)
    with terminal.progress(False) as step:
        result = analyze(story, progress=step)
    terminal.print_analysis(result.to_dict(), lang=args.lang)
    out = html.write_report(result, out_dir, lang=args.lang)
    print(f"Wrote {out}")
    return 0


def _finding_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--fail-on",
        choices=["info", "warning", "error"],
        help="exit 1 when a finding at or above this level is left after silencing",
    )
    p.add_argument(
        "--no-ignore",
        action="store_true",
        help="report every finding: disregard ignore notes in the draft and dramaturg.toml",
    )


def _couple(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    names = [n.strip() for n in value.split("+")]
    if len(names) != 2 or not all(names):
        raise DramaturgError(f"--couple wants two names joined by '+', got {value!r}")
    return names[0], names[1]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dramaturg",
        description="A developmental editor, first AD and subtitle QC desk for romance drafts.",
    )
    parser.add_argument("--version", action="version", version=f"dramaturg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("stats", help="parts, scenes, words, pages and who talks")
    _files(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "analyze",
        help="diagnose the story: couple, thresholds, moments, engine",
        description="Diagnose the story: the couple, their thresholds and moments, the story "
        "engine, momentum, episode hooks, structure, the lens, and the findings (each at "
        "file:line with a quote; codes in docs/findings.md). Exit status: 0, or 1 with "
        "--fail-on and a finding at that level; 2 on an error in the input.",
    )
    _files(p)
    p.add_argument(
        "--output-format",
        choices=["text", "json", "sarif"],
        help="text (default; one record a line in a pipe), json (docs/json.md) or sarif "
        "(SARIF 2.1.0, one rule per finding code)",
    )
    p.add_argument("--json", action="store_true", help="same as --output-format json")
    p.add_argument("--couple", metavar="A+B", help="the main couple, e.g. 'Anne+Wentworth'")
    p.add_argument(
        "--lang", choices=["en", "ko"], help="language of the summary (default: the draft's)"
    )
    _finding_options(p)
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("report", help="write a self-contained HTML report")
    _files(p)
    p.add_argument("--out", default="dramaturg-report", metavar="DIR", help="output folder")
    p.add_argument("--couple", metavar="A+B", help="the main couple")
    p.add_argument("--lang", choices=["en", "ko"], help="language of the report")
    _finding_options(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("demo", help="analyse the built-in demo script and write its report")
    p.add_argument("--out", default="dramaturg-demo", metavar="DIR", help="output folder")
    p.add_argument("--lang", choices=["en", "ko"], help="language of the report")
    p.set_defaults(func=cmd_demo)

    production.add_produce_parsers(sub)
    subtitles.add_subs_parser(sub)
    _add_examples(parser)
    return parser


# Two examples for each command's --help, as a reader would type them.
EXAMPLES: dict[str, tuple[str, str]] = {
    "": ("dramaturg demo", "dramaturg analyze draft.fountain"),
    "stats": ("dramaturg stats pilot.fountain", "dramaturg stats episodes/ --json > stats.json"),
    "analyze": (
        "dramaturg analyze ep01.fountain ep02.fountain --couple 'Seo-yun+Do-hyun'",
        "dramaturg analyze manuscript.md --output-format sarif --fail-on warning > findings.sarif",
    ),
    "report": (
        "dramaturg report episodes/ --out report/",
        "dramaturg report drama_ep1.txt drama_ep2.txt --lang ko --out 보고서/",
    ),
    "demo": ("dramaturg demo", "dramaturg demo --out /tmp/demo --lang ko"),
    "breakdown": (
        "dramaturg breakdown pilot.fountain",
        "dramaturg breakdown episodes/ --csv > breakdown.csv",
    ),
    "schedule": (
        "dramaturg schedule pilot.fountain --out shoot/",
        "dramaturg schedule episodes/ --config production.toml --json",
    ),
    "subs": (
        "dramaturg subs check ep01.srt --profile netflix-en",
        "dramaturg subs convert ep01.srt -o ep01.vtt",
    ),
    "subs check": (
        "dramaturg subs check ep01.srt --profile netflix-ko",
        "dramaturg subs check subs/*.vtt --profile generic --json",
    ),
    "subs fix": (
        "dramaturg subs fix ep01.srt --profile netflix-en -o ep01.fixed.srt",
        "dramaturg subs fix ep01.srt --profile netflix-ko --in-place",
    ),
    "subs convert": (
        "dramaturg subs convert ep01.srt -o ep01.vtt",
        "dramaturg subs convert ep01.ass -o ep01.ttml",
    ),
}


class _ExamplesFormatter(argparse.HelpFormatter):
    """Wraps the description as usual and keeps the examples one to a line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line + "\n" for line in text.splitlines()).rstrip("\n")
        return super()._fill_text(text, width, indent)


def _add_examples(parser: argparse.ArgumentParser, name: str = "") -> None:
    """Put the command's two examples under its --help, then do the same for its commands."""
    examples = EXAMPLES.get(name)
    if examples:
        parser.epilog = "examples:\n" + "\n".join(f"  {e}" for e in examples)
        parser.formatter_class = _ExamplesFormatter
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command, child in action.choices.items():
                _add_examples(child, f"{name} {command}".strip())


#: options whose value may start with a dash (``subs shift --by -00:00:02,000``): argparse
#: would take the value for an option, so it is joined to its option first
_SIGNED_OPTIONS = ("--by",)


def signed_values(argv: Sequence[str]) -> list[str]:
    """``argv`` with ``--by -2s`` written ``--by=-2s``."""
    out: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        if args[i] in _SIGNED_OPTIONS and i + 1 < len(args) and args[i + 1][:1] == "-":
            out.append(f"{args[i]}={args[i + 1]}")
            i += 2
            continue
        out.append(args[i])
        i += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(signed_values(sys.argv[1:] if argv is None else argv))
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return func(args)
    except DramaturgError as exc:
        print(f"dramaturg: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("dramaturg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
