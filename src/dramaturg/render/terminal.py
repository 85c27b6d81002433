"""Terminal summaries with Rich: tables that degrade to plain text in a pipe."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

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


def print_analysis(d: dict[str, Any], lang: str | None = None) -> None:
    """The analysis summary: couple, thresholds, moments, hooks, lens and the findings."""
    t = strings(lang or d.get("language"))
    c = _console()
    s = d["stats"]
    labels = t.get("labels", {})
    c.print(
        f"[bold]{d['title']}[/]  [dim]{s['part_count']} {t['parts'].lower()}, "
        f"{s['scene_count']} {t['scenes'].lower()}, {s['word_count']:,} {t['words'].lower()}[/]"
    )
    if d.get("couple"):
        c.print(f"{t['couple']}: [bold magenta]{' + '.join(d['couple'])}[/]")
    if d.get("thresholds"):
        tab = Table(title=t["thresholds"])
        for col in (t["kind"], t["part"], t["where"], t["size"], t["quote"]):
            tab.add_column(col)
        for th in d["thresholds"]:
            size = t["size_format"].format(**th)
            tab.add_row(
                labels.get(th["kind"], th["kind"]),
                str(th["part"]),
                f"{_short(th['file'])}:{th['line']}",
                size,
                _clip(th["quote"], 60),
            )
        c.print(tab)
    moments = d.get("moments") or []
    if moments:
        kinds: dict[str, int] = {}
        for m in moments:
            for k in m["kinds"]:
                kinds[k] = kinds.get(k, 0) + 1
        c.print(
            f"{t['moments']}: {len(moments)}  "
            + ", ".join(f"{labels.get(k, k)} {v}" for k, v in sorted(kinds.items()))
        )
    hooks = d.get("hooks") or []
    if isinstance(hooks, dict):
        hooks = hooks.get("parts", [])
    if hooks:
        c.print(
            f"{t['hooks']}: "
            + ", ".join(
                f"{h.get('part')}: {labels.get(h.get('kind', '?'), h.get('kind', '?'))} ({h.get('score', 0):.2f})"
                for h in hooks[:12]
            )
        )
    lens = d.get("lens") or {}
    if "score" in lens:
        c.print(f"{t['lens']}: {lens['score']:.2f}  [dim]({t['lens_scale']})[/]")
    findings = [
        localize(f, lang or d.get("language"), d.get("couple")) for f in d.get("findings") or []
    ]
    c.print(f"\n[bold]{t['findings']}[/] ({len(findings)})")
    for f in findings:
        style = _SEVERITY_STYLE.get(f["severity"], "")
        where = f"{_short(f['file'])}:{f['line']}" if f.get("file") else "-"
        c.print(f"[{style}]{f['severity']:7}[/] {where} [bold]{f['code']}[/] {f['message']}")
        if f.get("quote"):
            c.print(f"        [dim]“{_clip(f['quote'], 100)}”[/]")


def _short(path: str | None) -> str:
    if not path:
        return "-"
    return path.rsplit("/", 1)[-1]


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def err(message: str) -> None:
    print(message, file=sys.stderr)
