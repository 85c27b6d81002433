"""The report's charts show the analysis: the marks Chromium draws are counted against the
analysis JSON, and no chart text is under 11 px on a 390 px phone."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape as markup_escape

from dramaturg.analyze import analyze
from dramaturg.read import read
from dramaturg.render import beats, charts
from dramaturg.render.html import engine_flags, render_report

DEMO = Path(str(resources.files("dramaturg") / "data" / "demo.fountain"))

# Counts the drawn marks and measures the rendered size of every chart label in the report,
# shown in a frame as wide as the screen tested (headless Chromium lays a window out at no
# less than 500 px; a frame has the width it is given, and its media queries follow it).
PROBE = """<script>
window.addEventListener("load", function(){
  var frame = document.getElementById("page"), doc = frame.contentDocument, win = frame.contentWindow;
  function count(sel){return doc.querySelectorAll(sel).length;}
  var minPx = 1e9, smallest = "";
  doc.querySelectorAll("svg.chart text").forEach(function(t){
    var ctm = t.getScreenCTM(); if(!ctm) return;
    var px = parseFloat(win.getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
    if(px < minPx){minPx = px; smallest = t.textContent;}
  });
  var series = Array.from(doc.querySelectorAll("svg.chart.line polyline.series"))
    .map(function(p){return p.points.numberOfItems;});
  var flagged = Array.from(doc.querySelectorAll("svg.chart.links circle.flagged"))
    .map(function(c){return +c.dataset.scene;});
  var out = {links: count("svg.chart.links path.link"), flagged: flagged,
    thresholds: count("svg.chart.line a.threshold"), zero: count("svg.chart.line line.zero"),
    series: series, firsts: count("svg.chart.timeline circle.first-threshold"),
    slow_missing: count("svg.chart.timeline text.missing"),
    beats: count("svg.chart.beats circle.beat"), beats_missing: count("svg.chart.beats circle.beat-missing"),
    min_px: minPx, smallest: smallest, width: doc.documentElement.clientWidth};
  var pre = document.createElement("pre"); pre.id = "probe";
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
});
</script>"""


@pytest.fixture(scope="module")
def demo() -> tuple[Any, dict[str, Any], str]:
    result = analyze(read(DEMO))
    return result, result.to_dict(), render_report(result)


def _chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def _probe(html: str, tmp_path: Path, width: int) -> dict[str, Any]:
    browser = _chromium()
    assert browser
    page = tmp_path / f"probe-{width}.html"
    frame = (
        f'<iframe id="page" style="width:{width}px;height:2000px;border:0" '
        f'srcdoc="{escape(html, quote=True)}"></iframe>'
    )
    page.write_text(
        f"<!doctype html><html><body style='margin:0'>{frame}{PROBE}</body></html>",
        encoding="utf-8",
    )
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={max(width, 500)},2000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    m = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert m, dom[-2000:]
    return dict(json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&")))


def _expected(d: dict[str, Any]) -> dict[str, Any]:
    found = [b for b in beats.romance_beats(d) if b.found]
    return {
        "links": len([lk for lk in d["engine"]["links"] if lk["from"] != lk["to"]]),
        "flagged": sorted(engine_flags(d["findings"])),
        "thresholds": len([t for t in d["thresholds"] if t.get("scene") is not None]),
        "series": [len(d["arc"]["scenes"])] * 2,
        "firsts": len(d["slow_burn"]),
        "slow_missing": len([k for k in beats.EXPECTED if k not in d["slow_burn"]]),
        "beats": len(found),
        "beats_missing": len(beats.BEAT_ORDER) - len(found),
    }


chromium_only = pytest.mark.skipif(
    _chromium() is None, reason="Debian chromium is not installed (.ci/run installs it)"
)


@chromium_only
def test_chromium_draws_every_mark_the_analysis_has(
    demo: tuple[Any, dict[str, Any], str], tmp_path: Path
) -> None:
    _, d, html = demo
    drawn = _probe(html, tmp_path, 1400)
    expected = _expected(d)
    assert expected["links"] > 0 and expected["flagged"] and expected["thresholds"] > 0
    for key, value in expected.items():
        assert drawn[key] == value, key
    assert drawn["zero"] == 1


@chromium_only
def test_chart_text_is_at_least_11_px_on_a_phone(
    demo: tuple[Any, dict[str, Any], str], tmp_path: Path
) -> None:
    drawn = _probe(demo[2], tmp_path, 390)
    assert drawn["width"] <= 400
    assert drawn["min_px"] >= 11, drawn["smallest"]


def test_the_engine_chart_flags_the_scenes_its_findings_name(
    demo: tuple[Any, dict[str, Any], str],
) -> None:
    _, d, html = demo
    flagged = {int(s) for s in re.findall(r'class="scene flagged" data-scene="(\d+)"', html)}
    named = {f["scene"] for f in d["findings"] if f["code"].startswith("ENG-D")}
    assert named and named <= flagged


def test_the_arc_axis_fits_the_data_with_a_zero_line() -> None:
    svg = charts.line_chart([[0.01, 0.05, 0.1]], ["valence"])
    ticks = [float(v) for v in re.findall(r'class="tick"[^>]*>([-\d.]+)<', svg)]
    assert min(ticks) == 0 and 0.1 <= max(ticks) < 0.2  # not -1..1: the line is not flat
    assert 'class="zero"' in svg


def test_the_axis_holds_negative_values_too() -> None:
    lo, hi = charts.fit_range([-0.3, 0.2])
    assert lo <= -0.3 and hi >= 0.2 and lo < 0 < hi


def test_the_slow_burn_profile_is_a_timeline_not_a_dump(
    demo: tuple[Any, dict[str, Any], str],
) -> None:
    _, d, html = demo
    assert "part_index: 0" not in html and "percent: " not in html
    table = html[html.index('<table class="slow-burn">') :]
    table = table[: table.index("</table>")]
    for kind, where in d["slow_burn"].items():
        rng = beats.SLOW_BURN_RANGES[kind]
        assert f"{rng[0]:.0f}–{rng[1]:.0f}%" in table
        assert f"line {where['line']}" in table


def test_every_beat_is_placed_from_a_detection_or_marked_missing(
    demo: tuple[Any, dict[str, Any], str],
) -> None:
    _, d, html = demo
    placed = beats.romance_beats(d)
    assert [b.key for b in placed] == list(beats.BEAT_ORDER)
    lines = {(t["scene"], t["line"]) for t in d["thresholds"]} | {
        (m["scene"], m["line"]) for m in d["moments"]
    }
    momentum = d["momentum"]
    lines |= {(e["scene"], e["line"]) for e in momentum["turning_points"] + momentum["arrivals"]}
    for b in placed:
        if b.found:
            assert (b.scene, b.line) in lines, b
            assert str(markup_escape(b.quote)) in html
    first_meeting = next(t for t in d["thresholds"] if t["kind"] == "first_meeting")
    assert placed[0].line == first_meeting["line"]


def test_a_story_without_a_romance_has_every_beat_missing() -> None:
    empty = beats.romance_beats({"thresholds": [], "moments": []})
    assert not any(b.found for b in empty)
    svg = charts.beat_map(beats.PHASES, [(b.key, b.phase, None, "") for b in empty])
    assert svg.count('class="beat-missing"') == len(beats.BEAT_ORDER)
