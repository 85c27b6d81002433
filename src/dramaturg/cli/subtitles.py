"""``dramaturg subs check|fix|convert``: argparse wiring over the subtitles library.

``dramaturg.cli`` calls :func:`add_subs_parser`; handlers return the exit code
(0 clean, 1 findings, 2 error) and print plain text, or JSON with ``--json``.
Run standalone with ``python -m dramaturg.cli.subtitles subs check FILE ...``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from typing import Any

from dramaturg.errors import DramaturgError
from dramaturg.files import write_backup

__all__ = ["add_subs_parser", "main"]


def _profile_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--profile",
        default="generic",
        help="netflix-en, netflix-ko, generic, or a user profile .toml (default: generic)",
    )
    p.add_argument("--children", action="store_true", help="children's programme limits")
    p.add_argument(
        "--sdh",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="SDH (subtitles for the deaf) limits; default: detected from the file "
        "(TTML textType CC, speaker and sound lines)",
    )
    p.add_argument(
        "--fps", type=float, help="frame rate for frame-based rules (default: file, then profile)"
    )
    p.add_argument("--encoding", help="read the input in this encoding instead of sniffing it")
    p.add_argument(
        "--shot-changes",
        metavar="LIST",
        help="shot changes (seconds per line, Subtitle Edit's list, Aegisub keyframes, XviD "
        "stats): switches on the chaining and shot-change rules, and the fixer snaps to them",
    )


def _output_args(p: argparse.ArgumentParser) -> None:
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("-o", "--output", metavar="OUT", help="write the result here")
    out.add_argument(
        "--in-place",
        action="store_true",
        help="overwrite FILE (the file a symlink points to), keeping the original in a new "
        "FILE.bak (FILE.bak.1, ... beside earlier backups; one is never overwritten)",
    )


def add_subs_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``subs`` with ``check``, ``fix`` and ``convert`` on an argparse subparsers object."""
    subs: argparse.ArgumentParser = subparsers.add_parser(
        "subs",
        help="subtitle delivery QC: check, fix, convert",
        description="Check subtitle files against streaming style guides, fix what can be "
        "fixed without changing the words, and convert between formats.",
    )
    cmds = subs.add_subparsers(dest="subs_command", metavar="{check,fix,convert,shift,retime}")
    cmds.required = True

    chk = cmds.add_parser(
        "check",
        help="report rule breaks (exit 1 when there are findings)",
        description="Report every rule of the profile that a cue breaks. Exit status: 0 clean, "
        "1 findings, 2 error.",
    )
    chk.add_argument(
        "files", nargs="+", metavar="FILE", help="subtitle files, or folders to check every one in"
    )
    _profile_args(chk)
    chk.add_argument("--json", action="store_true", help="print findings and a summary as JSON")
    chk.add_argument("--warnings", action=argparse.BooleanOptionalAction, default=True,
                     help="count warnings as findings (default: yes)")  # fmt: skip
    chk.set_defaults(func=_without_gc(run_check))

    fx = cmds.add_parser(
        "fix",
        help="reflow lines, retime, normalize; never changes the words",
        description="Fix what the profile's rules allow without changing the words: reflow "
        "lines, extend short cues into free time, enforce the minimum gap, close small gaps, "
        "normalize ellipses, dashes and spaces. The input is never modified unless --in-place "
        "(which keeps FILE.bak).",
    )
    fx.add_argument("file", metavar="FILE")
    _output_args(fx)
    _profile_args(fx)
    fx.add_argument("--json", action="store_true", help="print the changes as JSON")
    fx.set_defaults(func=_without_gc(run_fix))

    cv = cmds.add_parser(
        "convert",
        help="convert between SRT, WebVTT, ASS/SSA, SAMI, MicroDVD, TTML",
        description="Convert a subtitle file; the output format follows OUT's extension "
        "(.srt .vtt .ass .ssa .smi .sub .ttml .xml).",
    )
    cv.add_argument("input", metavar="IN")
    cv.add_argument("-o", "--output", metavar="OUT", required=True)
    cv.add_argument("--encoding", help="output encoding (default: the input's, UTF-8 for TTML)")
    cv.add_argument("--input-encoding", help="read the input in this encoding")
    cv.add_argument("--fps", type=float, help="frame rate (needed for MicroDVD)")
    cv.add_argument("--language", help="language class to take from a bilingual SAMI file (ko, en)")
    cv.set_defaults(func=run_convert)

    sh = cmds.add_parser(
        "shift",
        help="move every cue (or those from a time on) earlier or later",
        description="Move cues by a time offset: --by +1.250s, --by -00:00:02,000, --by 750ms. "
        "With --from, only cues starting at or after that time move.",
    )
    sh.add_argument("file", metavar="FILE")
    sh.add_argument("--by", required=True, metavar="OFFSET", help="+1.250s, -00:00:02,000, 750ms")
    sh.add_argument("--from", dest="from_time", metavar="TIME", help="only cues from this time")
    _output_args(sh)
    sh.add_argument("--encoding", help="read the input in this encoding instead of sniffing it")
    sh.add_argument("--fps", type=float, help="frame rate (needed for MicroDVD)")
    sh.set_defaults(func=run_shift)

    rt = cmds.add_parser(
        "retime",
        help="change the frame rate the times are for (e.g. 23.976:25 for a PAL speed-up)",
        description="Rescale every time for video played at another frame rate: --fps "
        "23.976:25 makes each time 23.976/25 as long.",
    )
    rt.add_argument("file", metavar="FILE")
    rt.add_argument("--fps", required=True, metavar="FROM:TO", help="e.g. 23.976:25")
    _output_args(rt)
    rt.add_argument("--encoding", help="read the input in this encoding instead of sniffing it")
    rt.set_defaults(func=run_retime)
    return subs


def _write_json(findings: list[Any], summary: dict[str, Any], inputs: list[Any]) -> None:
    """The report as JSON, one finding a line, the same keys as ``Finding.to_dict``; each
    line formatted directly with the C string encoder (``json.dump(indent=2)`` runs the
    pure-Python encoder, seconds on 100k findings), written in large chunks."""
    from json.encoder import encode_basestring as q  # the C function, ensure_ascii=False

    from dramaturg.subtitles.qc import timecode

    write = sys.stdout.write
    write('{"findings": [\n')
    chunk: list[str] = []
    files: dict[str, str] = {}
    for n, f in enumerate(findings):
        name = files.get(f.file)
        if name is None:
            name = files[f.file] = q(f.file)
        line = "null" if f.line is None else str(f.line)
        sep = "  " if n == 0 else ",\n  "
        chunk.append(
            f'{sep}{{"rule": {q(f.rule)}, "index": {f.index}, '
            f'"start": "{timecode(f.start)}", "end": "{timecode(f.end)}", '
            f'"message": {q(f.message)}, "severity": {q(f.severity)}, '
            f'"fixable": {"true" if f.fixable else "false"}, "file": {name}, "line": {line}, '
            f'"start_ms": {f.start}, "end_ms": {f.end}}}'
        )
        if len(chunk) >= 4096:
            write("".join(chunk))
            chunk.clear()
    write("".join(chunk))
    write('\n],\n"summary": ' + json.dumps(summary, ensure_ascii=False, indent=2))
    write(',\n"inputs": ' + json.dumps(inputs, ensure_ascii=False, indent=2) + "}\n")


_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "bold": "\033[1m"}
_RESET = "\033[0m"


def _colour() -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    return (
        sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def _write_report(findings: list[Any], summary: dict[str, Any], inputs: list[Any]) -> None:
    """A summary first (one line a file, then the totals), then the findings; plain text
    written in large chunks (a print per finding cost seconds on 100k findings)."""
    from dramaturg.subtitles.qc import timecode

    paint = _colour()

    def painted(text: str, style: str) -> str:
        return f"{_COLOURS[style]}{text}{_RESET}" if paint else text

    head = []
    for i in inputs:
        sdh_note = " SDH (detected)" if i["sdh_detected"] else " SDH" if i["sdh"] else ""
        head.append(
            f"{i['file']}: {i['format']}, {i['encoding']}, {i['cues']} cues,{sdh_note} "
            f"profile {i['profile']}: {i['findings']} finding(s)"
        )
    head.append(
        painted(
            f"{summary['findings']} finding(s) ({summary['errors']} errors, "
            f"{summary['warnings']} warnings, {summary['fixable']} fixable) in "
            f"{summary['cues']} cues, profile {summary['profile']}",
            "bold",
        )
    )
    write = sys.stdout.write
    write("\n".join(head) + "\n")
    chunk: list[str] = []
    for f in findings:
        where = f"{f.file}:{f.line}" if f.line else f.file
        line = f"{where}: cue {f.index} [{timecode(f.start)}] {f.severity} {f.rule}: {f.message}"
        chunk.append(painted(line, f.severity) if paint else line)
        if len(chunk) >= 4096:
            write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        write("\n".join(chunk) + "\n")


def _error(exc: DramaturgError) -> int:
    print(f"dramaturg: error: {exc}", file=sys.stderr)
    return 2


def _language(profile: Any) -> str | None:
    return profile.language or None


def _subtitle_files(paths: list[str]) -> list[str]:
    """The files named, with each folder replaced by the subtitle files under it (sorted)."""
    from dramaturg.subtitles.io import FORMATS

    exts = {ext for ext, fmt in FORMATS.items() if fmt != "tmp"}
    out: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            out.append(path)
            continue
        found = sorted(
            os.path.join(root, name)
            for root, dirs, names in os.walk(path)
            for name in names
            if os.path.splitext(name)[1].lower() in exts
        )
        if not found:
            raise DramaturgError("no subtitle files in this folder", file=path)
        out.extend(found)
    return out


def _profile_for(args: argparse.Namespace, subs: Any, cache: dict[bool, Any]) -> tuple[Any, bool]:
    """The profile for one file and whether it is checked as SDH (``--sdh``, ``--no-sdh``, or
    detected from the file when neither is given)."""
    from dramaturg.subtitles.profiles import load_profile
    from dramaturg.subtitles.sdh import conventions_of, detect_sdh

    base = cache[False]
    sdh = args.sdh
    if sdh is None:
        sdh = base.has_sdh_variant and detect_sdh(subs, conventions_of(base.sdh))
    if sdh and True not in cache:
        cache[True] = load_profile(args.profile, children=args.children, sdh=True)
    return cache[bool(sdh)], bool(sdh)


def run_check(args: argparse.Namespace) -> int:
    from dramaturg.subtitles.io import load
    from dramaturg.subtitles.profiles import load_profile
    from dramaturg.subtitles.qc import check, summarize

    try:
        profiles = {False: load_profile(args.profile, children=args.children, sdh=False)}
        if args.sdh:
            profiles[True] = load_profile(args.profile, children=args.children, sdh=True)
        paths = _subtitle_files(args.files)
        cuts = _shot_changes(args, profiles[False])
        findings = []
        inputs: list[dict[str, Any]] = []
        cues = 0
        for path in paths:
            subs = load(
                path, fps=args.fps, language=_language(profiles[False]), encoding=args.encoding
            )
            profile, sdh = _profile_for(args, subs, profiles)
            cues += len(subs.cues)
            found = check(subs, profile, fps=args.fps, shot_changes=cuts)
            findings.extend(found)
            inputs.append({
                "file": path, "format": subs.format, "encoding": subs.encoding,
                "cues": len(subs.cues), "sdh": sdh,
                "sdh_detected": sdh and args.sdh is None,
                "profile": profile.name + (f" ({profile.variant})" if profile.variant else ""),
                "findings": len(found),
            })  # fmt: skip
    except DramaturgError as exc:
        return _error(exc)
    if not args.warnings:
        findings = [f for f in findings if f.severity != "warning"]
    summary = summarize(findings, cues, len(paths))
    names = dict.fromkeys(i["profile"] for i in inputs) or {profiles[False].name: None}
    summary["profile"] = ", ".join(names)
    if args.json:
        _write_json(findings, summary, inputs)
    else:
        _write_report(findings, summary, inputs)
    return 1 if findings else 0


def run_fix(args: argparse.Namespace) -> int:
    from dramaturg.subtitles.fix import fix
    from dramaturg.subtitles.io import load
    from dramaturg.subtitles.profiles import load_profile

    backup = ""
    try:
        profiles = {False: load_profile(args.profile, children=args.children, sdh=False)}
        subs = load(
            args.file, fps=args.fps, language=_language(profiles[False]), encoding=args.encoding
        )
        profile, _ = _profile_for(args, subs, profiles)
        cuts = _shot_changes(args, profile, subs)
        fixed, changes = fix(subs, profile, fps=args.fps, shot_changes=cuts)
        untouched = bool(args.in_place) and fixed.cues == subs.cues
        if untouched:
            # nothing to fix: the file stays as it is, and no backup is made of it
            target = os.path.realpath(args.file)
        else:
            target, backup = _write(args, subs, fixed)
    except DramaturgError as exc:
        return _error(exc)
    if untouched and not args.json:
        lines = [f"no change: {target} left as it was"]
        lines.extend(f"cue {c.index}: {c.what}: {c.detail}" for c in changes)
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    if args.json:
        encode = json.JSONEncoder(ensure_ascii=False).encode
        body = ",\n  ".join(encode({"index": c.index, "what": c.what, "detail": c.detail})
                             for c in changes)  # fmt: skip
        tail = {
            "output": target,
            **({"backup": backup} if backup else {}),
            **({"unchanged": True} if untouched else {}),
        }
        sys.stdout.write('{"changes": [\n  ' + body + "\n],\n" + json.dumps(tail)[1:] + "\n")
    else:
        lines = [f"{len(changes)} change(s) written to {target}"]
        if backup:
            lines.append(f"the original is kept in {backup}")
        lines.extend(f"cue {c.index}: {c.what}: {c.detail}" for c in changes)
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _shot_changes(args: argparse.Namespace, profile: Any, subs: Any = None) -> list[int] | None:
    from dramaturg.subtitles.shots import load_shot_changes

    if not getattr(args, "shot_changes", None):
        return None
    fps = args.fps or (subs.fps if subs is not None else None) or profile.fps
    return load_shot_changes(args.shot_changes, fps=fps)


def _write(args: argparse.Namespace, subs: Any, result: Any) -> tuple[str, str]:
    """Write ``result`` to -o OUT, or over FILE with --in-place; (where, backup or "")."""
    from dramaturg.subtitles.io import save

    if args.in_place:
        # A symlinked FILE: the file it points to is rewritten (and the link stays a link).
        # The backup is a new FILE.bak (FILE.bak.1, ... when there are earlier ones), created
        # without following any link that stands in its place: a second run keeps the first.
        real = os.path.realpath(args.file)
        backup = str(write_backup(real))
        save(result, real, fmt=subs.format)
        return real, backup
    if os.path.abspath(args.output) == os.path.abspath(args.file):
        raise DramaturgError("-o names the input file; use --in-place", file=args.output)
    save(result, args.output)
    return args.output, ""


def _report_written(n: int, target: str, backup: str) -> None:
    print(f"{n} cues written to {target}")
    if backup:
        print(f"the original is kept in {backup}")


def run_shift(args: argparse.Namespace) -> int:
    from dramaturg.subtitles.io import load
    from dramaturg.subtitles.timing import parse_offset, shift

    try:
        by = parse_offset(args.by)
        start = parse_offset(args.from_time) if args.from_time else None
        subs = load(args.file, fps=args.fps, encoding=args.encoding)
        moved = shift(subs, by, from_ms=start)
        target, backup = _write(args, subs, moved)
    except DramaturgError as exc:
        return _error(exc)
    _report_written(len(moved.cues), target, backup)
    return 0


def run_retime(args: argparse.Namespace) -> int:
    from dramaturg.subtitles.io import load
    from dramaturg.subtitles.timing import parse_fps_pair, retime

    try:
        src, dst = parse_fps_pair(args.fps)
        subs = load(args.file, fps=src, encoding=args.encoding)
        moved = retime(subs, src, dst)
        target, backup = _write(args, subs, moved)
    except DramaturgError as exc:
        return _error(exc)
    _report_written(len(moved.cues), target, backup)
    return 0


def run_convert(args: argparse.Namespace) -> int:
    from dramaturg.subtitles.convert import convert

    try:
        n = convert(
            args.input, args.output, encoding=args.encoding, fps=args.fps,
            input_encoding=args.input_encoding, language=args.language,
        )  # fmt: skip
    except DramaturgError as exc:
        return _error(exc)
    print(f"{n} cues written to {args.output}")
    return 0


def _without_gc(run: Any) -> Any:
    """Run a command with the cyclic garbage collector paused: a file's cues and findings
    are 100k small objects with no cycles, and the collector walking them again and again
    cost a quarter of ``subs check``. Reference counting still frees everything."""

    def wrapped(args: argparse.Namespace) -> int:
        was = gc.isenabled()
        gc.disable()
        try:
            return int(run(args))
        finally:
            if was:
                gc.enable()

    wrapped.__name__ = run.__name__
    wrapped.__doc__ = run.__doc__
    return wrapped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dramaturg")
    add_subs_parser(parser.add_subparsers(dest="command", required=True))
    from dramaturg.cli import signed_values

    args = parser.parse_args(signed_values(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.func(args))
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":
    sys.exit(main())
