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
from typing import TYPE_CHECKING

from dramaturg import __version__
from dramaturg.cli import production, subtitles
from dramaturg.errors import DramaturgError

if TYPE_CHECKING:
    from dramaturg.story import Story

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
    from dramaturg.render import json_out, terminal

    result = stats(_read(args))
    if args.json:
        json_out.dump(result.to_dict())
    else:
        terminal.print_stats(result.to_dict())
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from dramaturg.analyze import analyze
    from dramaturg.render import json_out, terminal

    couple = _couple(args.couple)  # arguments are checked before any file is read
    story = _read(args)
    with terminal.progress(args.json) as step:
        result = analyze(story, couple=couple, progress=step)
    if args.json:
        json_out.dump(result.to_dict())
    else:
        terminal.print_analysis(result.to_dict(), lang=args.lang)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from dramaturg.analyze import analyze
    from dramaturg.render import html, terminal

    couple = _couple(args.couple)
    story = _read(args)
    with terminal.progress(False) as step:
        result = analyze(story, couple=couple, progress=step)
    out = html.write_report(result, Path(args.out), lang=args.lang)
    print(f"Wrote {out}")
    return 0


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

    p = sub.add_parser("analyze", help="diagnose the story: couple, thresholds, moments, engine")
    _files(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--couple", metavar="A+B", help="the main couple, e.g. 'Anne+Wentworth'")
    p.add_argument(
        "--lang", choices=["en", "ko"], help="language of the summary (default: the draft's)"
    )
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("report", help="write a self-contained HTML report")
    _files(p)
    p.add_argument("--out", default="dramaturg-report", metavar="DIR", help="output folder")
    p.add_argument("--couple", metavar="A+B", help="the main couple")
    p.add_argument("--lang", choices=["en", "ko"], help="language of the report")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("demo", help="analyse the built-in demo script and write its report")
    p.add_argument("--out", default="dramaturg-demo", metavar="DIR", help="output folder")
    p.add_argument("--lang", choices=["en", "ko"], help="language of the report")
    p.set_defaults(func=cmd_demo)

    production.add_produce_parsers(sub)
    subtitles.add_subs_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
