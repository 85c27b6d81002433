"""Terminal summaries with Rich: tables that degrade to plain text in a pipe."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from rich.console import Console
from rich.padding import Padding
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from dramaturg.render.i18n import strings
from dramaturg.render.messages import localize

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _console() -> Console:
    return Console(highlight=False)


@contextmanager
def progress(quiet: bool, total: int = 3) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr for work that takes over a second; silent in a pipe.

    The caller calls ``step(label)`` as each stage starts; the bar appears only once a stage
    starts after the first second, so quick runs print nothing.
    """
    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield lambda _label: None
        return
    started = time.monotonic()
    bar = Progress(
        TextColumn("[dim]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=console,
        transient=True,
    )
    task = bar.add_task("", total=total)
    done = -1

    def step(label: str) -> None:
        nonlocal done
        done += 1
        bar.update(task, description=label, completed=max(done, 0))
        if not bar.live.is_started and time.monotonic() - started > 1.0:
            bar.start()

    try:
        yield step
    finally:
        if bar.live.is_started:
            bar.update(task, completed=total)
            bar.stop()


def print_stats(d: dict[str, Any], lang: str | None = None) -> None:
    t = strings(lang or d.get("language"))
    c = _console()
    c.print(f"[bold]{d['title']}[/]  [dim]({d['form']}, {d['language']})[/]")
    summary = f"{t['parts']}: {d['part_count']}   {t['scenes']}: {d['scene_count']}   {t['words']}: {d['word_count']:,}"
    if "page_count" in d:
        summary += f"   {t['pages']}: {d['page_count']}"
    c.print(summary)
    if "int_ext" in d:
        splits = ", ".join(f"{k} {v}" for k, v in sorted(d["int_ext"].items()))
        dn = ", ".join(f"{k} {v}" for k, v in sorted(d["day_night"].items()))
        c.print(f"INT/EXT: {splits}   {t['day_night']}: {dn}")
    parts = Table(title=t["parts"], show_lines=False)
    for col in ("#", t["title"], t["scenes"], t["words"]):
        parts.add_column(col, justify="right" if col != t["title"] else "left")
    for p in d["parts"]:
        parts.add_row(
            str(p["number"] if p["number"] is not None else "-"),
            p["label"] or p["title"],
            str(p["scene_count"]),
            f"{p['words']:,}",
        )
    c.print(parts)
    chars = Table(title=t["characters"])
    for col in (t["name"], t["dialogue_words"], t["dialogue_lines"], t["scenes"]):
        chars.add_column(col, justify="left" if col == t["name"] else "right")
    for ch in d["characters"][:20]:
        chars.add_row(
            ch["name"],
            f"{ch['dialogue_words']:,}",
            str(ch["dialogue_lines"]),
            str(ch["scene_count"]),
        )
    c.print(chars)
    if "locations" in d:
        locs = Table(title=t["locations"])
        for col in (t["location"], t["scenes"], t["pages"]):
            locs.add_column(col, justify="left" if col == t["location"] else "right")
        for loc in d["locations"][:15]:
            locs.add_row(loc["name"], str(loc["scenes"]), f"{loc['eighths'] / 8:.1f}")
        c.print(locs)


def print_analysis(
    d: dict[str, Any],
    lang: str | None = None,
    *,
    plain: bool | None = None,
    width: int | None = None,
    file: TextIO | None = None,
) -> None:
    """The analysis summary: couple, thresholds, moments, hooks, lens and the findings.

    Every location is printed whole, ``path:line`` with the path as the reader was given it,
    and is never wrapped or cut: only quotes and messages wrap. ``plain`` (the default when
    stdout is not a terminal) writes one record a line, no colour and no wrapping at any
    width, so a pipe, ``grep`` or an editor's error list reads it.
    """
    out = _Writer(plain, width, file)
    lang = lang or d.get("language")
    t = dict(strings(lang))
    if d.get("form") == "prose":  # a novel is read in chapters, not episodes
        for key in ("hooks", "part", "parts"):
            t[key] = t.get(f"{key}_prose", t[key])
    s = d["stats"]
    labels = t.get("labels", {})
    parts = t["part"] if s["part_count"] == 1 else t["parts"]
    scenes = t["scene_word"] if s["scene_count"] == 1 else t["scenes"]
    out.line(
        f"{d['title']}  ({s['part_count']} {parts.lower()}, "
        f"{s['scene_count']} {scenes.lower()}, {s['word_count']:,} {t['words'].lower()})",
        style="bold",
    )
    if d.get("couple"):
        out.line(f"{t['couple']}: {' + '.join(d['couple'])}", style="bold magenta")
    if d.get("thresholds"):
        out.heading(t["thresholds"])
        for th in d["thresholds"]:
            size = t["size_format"].format(**th)
            out.located(
                _where(th),
                _joined(labels.get(th["kind"], th["kind"]), _in_part(t, th.get("part")), size),
            )
            out.quote(th["quote"])
    moments = d.get("moments") or []
    if moments:
        kinds: dict[str, int] = {}
        for m in moments:
            for k in m["kinds"]:
                kinds[k] = kinds.get(k, 0) + 1
        out.line(
            f"{t['moments']}: {len(moments)}  "
            + ", ".join(f"{labels.get(k, k)} {v}" for k, v in sorted(kinds.items())),
            gap=True,
        )
    hooks = d.get("hooks") or []
    if isinstance(hooks, dict):
        hooks = hooks.get("parts", [])
    if hooks:
        out.heading(t["hooks"])
        for h in hooks[:MAX_HOOKS]:
            kind = h.get("kind", "?")
            out.located(
                _where(h),
                _joined(
                    _in_part(t, h.get("part")),
                    f"{labels.get(kind, kind)} ({h.get('score', 0):.2f})",
                ),
            )
        if len(hooks) > MAX_HOOKS:
            out.line(t["and_more"].format(n=len(hooks) - MAX_HOOKS), style="dim")
    lens = d.get("lens") or {}
    if "score" in lens:
        out.line(f"{t['lens']}: {lens['score']:.2f}", gap=True)
    findings = [localize(f, lang, d.get("couple")) for f in d.get("findings") or []]
    out.heading(f"{t['findings']} ({len(findings)})")
    for f in findings:
        severity = labels.get(f["severity"], f["severity"])
        out.located(
            _where(f),
            f"{severity} {f['code']}",
            style=_SEVERITY_STYLE.get(f["severity"], ""),
            message=f["message"],
        )
        if f.get("quote"):
            out.quote(f["quote"])
    suppressed = d.get("suppressed") or []
    if suppressed:
        out.line(t["suppressed"].format(n=len(suppressed)), style="dim", gap=True)


MAX_HOOKS = 40  # a long novel's chapters; beyond this the count is said, the rest is in --json


def _where(record: dict[str, Any]) -> str:
    """``path:line`` as the reader gave the path; ``-`` when the record has no place."""
    if not record.get("file"):
        return "-"
    return f"{record['file']}:{record['line']}" if record.get("line") else str(record["file"])


class _Writer:
    """Lines for a terminal (colour, quotes wrapped and indented) or a pipe (plain)."""

    def __init__(self, plain: bool | None, width: int | None, file: TextIO | None) -> None:
        self.file = file or sys.stdout
        self.plain = (not _isatty(self.file)) if plain is None else plain
        self.console = Console(file=self.file, highlight=False, width=width, soft_wrap=False)

    def _write(self, text: str) -> None:
        self.file.write(text + "\n")

    def line(self, text: str, *, style: str = "", gap: bool = False) -> None:
        if gap:
            self._write("")
        if self.plain:
            self._write(text)
        else:
            self.console.print(Text(text, style=style))

    def heading(self, text: str) -> None:
        self.line(text, style="bold", gap=True)

    def located(self, where: str, text: str, *, style: str = "", message: str = "") -> None:
        """A record that starts with its location: the location is never wrapped or cut."""
        if self.plain:
            self._write(f"{where}: {text}" + (f" {message}" if message else ""))
            return
        head = Text()
        head.append(where, style="underline" if where != "-" else "")
        head.append("  ")
        head.append(text, style=style)
        # soft_wrap: printed as one line, the terminal folds it if it must; nothing is cropped
        self.console.print(head, soft_wrap=True)
        if message:
            self.console.print(Padding(Text(message), (0, 0, 0, 4), expand=False))

    def quote(self, quote: str) -> None:
        if not quote:
            return
        if self.plain:
            self._write(f"    “{quote}”")
        else:
            self.console.print(Padding(Text(f"“{quote}”", style="dim"), (0, 0, 0, 4), expand=False))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _in_part(t: dict[str, Any], number: object) -> str:
    """'part 3', or nothing for a text of one unnumbered part (not 'part None')."""
    return f"{t['part'].lower()} {number}" if number is not None else ""


def _joined(*fields: str) -> str:
    """The fields of a record line, two spaces apart, the empty ones left out."""
    return "  ".join(f for f in fields if f)


def err(message: str) -> None:
    print(message, file=sys.stderr)
