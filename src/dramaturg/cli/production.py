"""``dramaturg breakdown`` and ``dramaturg schedule``: arguments and rendering only.

The work is done by :func:`dramaturg.produce.breakdown.breakdown`,
:func:`dramaturg.produce.schedule.schedule` and :func:`dramaturg.produce.reports.write_reports`;
``dramaturg.cli`` registers these commands through :func:`add_produce_parsers`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from dramaturg.errors import DramaturgError

DEFAULT_OUT = "dramaturg-schedule"

_CSV_FIELDS = [
    "ref", "part", "number", "int_ext", "location", "set", "time_of_day", "day_night",
    "story_day", "flashback", "eighths", "pages", "cast", "extras", "props", "wardrobe",
    "vehicles", "animals", "sfx", "vfx", "stunts", "injuries", "notes", "file", "line",
]  # fmt: skip


def add_produce_parsers(subparsers: Any) -> None:
    """Register ``breakdown`` and ``schedule`` on the main parser's subparsers."""
    p = subparsers.add_parser(
        "breakdown",
        help="break the script down: cast, locations, pages and elements per scene",
        description="Per scene: number, INT/EXT, location and set, time of day, story day, "
        "length in eighths, cast, extras, props, wardrobe, vehicles, animals, SFX/VFX, stunts. "
        "Elements tagged in Fountain notes ([[prop: umbrella]]) are added.",
    )
    _inputs(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object")
    out.add_argument("--csv", action="store_true", help="print one CSV row per scene")
    p.set_defaults(func=cmd_breakdown)

    p = subparsers.add_parser(
        "schedule",
        help="schedule the shoot (CP-SAT) and write stripboard, DOOD, call sheets, continuity",
        description="Assign scenes to shooting days with a constraint solver: hours per day, "
        "weekly cap (Korea's 52-hour week by default), turnaround, actor and location "
        "availability, night shoots grouped; minimise actor holding cost, company moves and "
        "days. Writes HTML and CSV reports to --out.",
    )
    _inputs(p)
    p.add_argument("--json", action="store_true", help="print the schedule as one JSON object")
    p.add_argument(
        "--out",
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"report folder (default ./{DEFAULT_OUT}/)",
    )
    p.add_argument("--time-limit", type=float, metavar="S", help="solver time limit in seconds")
    p.add_argument(
        "--pdf",
        action="store_true",
        help="also print each report to PDF (needs Chromium: apt-get install chromium fonts-nanum)",
    )
    p.add_argument(
        "--previous",
        metavar="JSON",
        help="the last schedule.json: re-plan only what changed (scenes added, dates moved)",
    )
    p.add_argument(
        "--no-reports", action="store_true", help="print the schedule only, write no files"
    )
    p.set_defaults(func=cmd_schedule)


def _inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="script file(s) or a folder of episodes"
    )
    p.add_argument("--format", help="force the input format (fountain, fdx, korean, ...)")
    p.add_argument(
        "--config",
        metavar="TOML",
        help="production config (default: NAME-production.toml or production.toml beside the "
        "first file, if there is one)",
    )


def _config(args: argparse.Namespace) -> Any:
    from dramaturg.produce.config import ProductionConfig, load_config

    if args.config:
        return load_config(args.config)
    first = Path(args.files[0])
    folder = first if first.is_dir() else first.parent
    for candidate in (folder / f"{first.stem}-production.toml", folder / "production.toml"):
        if candidate.is_file():
            print(f"dramaturg: using config {candidate}", file=sys.stderr)
            return load_config(candidate)
    return ProductionConfig()


def _breakdown(args: argparse.Namespace) -> tuple[Any, Any]:
    from dramaturg.produce.breakdown import breakdown
    from dramaturg.read import read_series

    cfg = _config(args)  # a bad config fails before the script is read
    story = read_series(args.files, format=args.format)
    if story.form != "screenplay":
        raise DramaturgError(
            f"a breakdown needs a script with scene headings, not {story.form}",
            file=args.files[0],
        )
    return breakdown(story, cfg), cfg


def breakdown_csv(d: dict[str, Any], excel: bool = False) -> str:
    """One CSV row per scene of ``Breakdown.to_dict()``; lists joined with ``; ``. With
    ``excel`` (the file beside the reports): a byte order mark, CRLF, and pages as text."""
    from dramaturg.produce.reports import EXCEL_BOM, excel_text

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if excel else "\n")
    w.writerow(_CSV_FIELDS)
    for s in d["scenes"]:
        row = ["; ".join(v) if isinstance(v := s.get(k), list) else v for k in _CSV_FIELDS]
        if excel:
            row[_CSV_FIELDS.index("pages")] = excel_text(str(s["pages"]))
        w.writerow(row)
    return (EXCEL_BOM if excel else "") + buf.getvalue()


def cmd_breakdown(args: argparse.Namespace) -> int:
    """Print the breakdown as a table, JSON or CSV."""
    bd, _ = _breakdown(args)
    d = bd.to_dict()
    if args.json:
        sys.stdout.write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
    elif args.csv:
        sys.stdout.write(breakdown_csv(d))
    else:
        _print_breakdown(d)
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    """Schedule, print the days, and write the reports."""
    from dramaturg.files import write_atomic
    from dramaturg.produce.reports import write_reports
    from dramaturg.produce.schedule import previous_dates, schedule

    if args.time_limit is not None and args.time_limit <= 0:
        raise DramaturgError("--time-limit must be a positive number of seconds")
    bd, cfg = _breakdown(args)
    previous = previous_dates(args.previous) if args.previous else None
    result = schedule(bd, cfg, time_limit=args.time_limit, previous=previous)
    d = result.to_dict()
    written: list[Path] = []
    if not args.no_reports:
        out = Path(args.out)
        written = write_reports(result, out)
        written.append(
            write_atomic(out / "schedule.json", json.dumps(d, ensure_ascii=False, indent=2) + "\n")
        )
        written.append(write_atomic(out / "breakdown.csv", breakdown_csv(bd.to_dict(), excel=True)))
        if args.pdf:
            from dramaturg.produce.pdf import write_pdfs

            written.extend(write_pdfs([p for p in written if p.suffix == ".html"]))
        d["reports"] = [str(p) for p in written]
    if args.json:
        sys.stdout.write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_schedule(d)
        if written:
            print(f"Wrote {len(written)} files to {args.out}/")
    return 0


def _print_breakdown(d: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{d['title']}: breakdown, {d['total_pages']} pages", show_lines=False)
    for col in ("Sc", "I/E", "Location", "Set", "D/N", "Day", "Pages", "Cast", "Elements"):
        t.add_column(col, justify="right" if col in ("Pages", "Day") else "left")
    for s in d["scenes"]:
        elements = []
        for key in ("extras", "props", "wardrobe", "vehicles", "animals", "sfx", "vfx", "stunts"):
            if s[key]:
                elements.append(f"{key}: {', '.join(s[key][:4])}{'…' if len(s[key]) > 4 else ''}")
        day = f"FB{s['story_day']}" if s["flashback"] else str(s["story_day"])
        t.add_row(
            s["ref"], s["int_ext"], s["location"], s["set"] or "", s["time_of_day"], day,
            s["pages"], ", ".join(s["cast"]), "\n".join(elements),
        )  # fmt: skip
    console = Console(highlight=False)
    console.print(t)
    cast = ", ".join(f"{c['id']}. {c['name']} ({c['scenes']})" for c in d["cast"])
    console.print(f"Cast: {cast}")


def _print_schedule(d: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    t = Table(
        title=f"{d['title']}: {d['shooting_days']} shooting days, {d['start_date']} to {d['end_date']}"
    )
    for col in ("Day", "Date", "D/N", "Hours", "Pages", "Locations", "Scenes"):
        t.add_column(col, justify="right" if col in ("Day", "Hours", "Pages") else "left")
    for day in d["days"]:
        t.add_row(
            str(day["day"]), day["date"], "N" if day["night"] else "D", f"{day['hours']:.1f}",
            day["pages"], " / ".join(day["locations"]), ", ".join(day["scenes"]),
        )  # fmt: skip
    console.print(t)
    console.print(
        f"objective {d['objective']:.1f}  bound {d['bound']:.1f}  gap {100 * d['gap']:.1f}%  "
        f"({d['status']}, {d['seconds']:.1f} s)  holding {d['holding_cost']:,.0f}  "
        f"company moves {d['company_moves']}  workers {d.get('workers', 1)}"
    )
    for note in d["notes"]:
        console.print(f"note: {note}")
