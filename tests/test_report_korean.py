"""The Korean report renders anywhere: its own font (cut to the page), Korean line breaking,
every interface string in Korean; Chromium with no system font at all misses no glyph."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dramaturg.analyze import analyze
from dramaturg.read import read_series
from dramaturg.render.fonts import (
    FAMILY,
    embedded_characters,
    latin_only_fontconfig,
    needs_korean_font,
)
from dramaturg.render.html import render_report

KO = Path(__file__).parent / "data" / "korean"
pytestmark = pytest.mark.skipif(
    not (KO / "drama_ep1.txt").exists(), reason="Korean samples missing"
)

PROBE = """<script>
window.addEventListener("load", async function(){
  var fam = '32px "FAMILY"';
  await document.fonts.ready;
  await document.fonts.load(fam, "한");
  var chars = Array.from(new Set(Array.from(document.body.innerText)))
    .filter(function(c){ return /[\\uac00-\\ud7a3\\u3130-\\u318f]/.test(c); });
  var canvas = document.createElement("canvas"); canvas.width = canvas.height = 48;
  var ctx = canvas.getContext("2d");
  function draw(ch){ ctx.clearRect(0, 0, 48, 48); ctx.font = fam; ctx.fillText(ch, 4, 36);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(","); }
  var tofu = draw("\\ue000");  // a private-use character: no font here draws it
  var missing = chars.filter(function(ch){ return draw(ch) === tofu; });
  var faces = Array.from(document.fonts).map(function(f){ return f.family + " " + f.status; });
  var pre = document.createElement("pre"); pre.id = "probe";
  pre.textContent = JSON.stringify({chars: chars.length, missing: missing, faces: faces});
  document.body.appendChild(pre);
});
</script>""".replace("FAMILY", FAMILY)


@pytest.fixture(scope="module")
def korean_report() -> str:
    result = analyze(read_series([KO / "drama_ep1.txt", KO / "drama_ep2.txt"]))
    return render_report(result, lang="ko")


def _visible_text(page: str) -> str:
    page = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "\n", page))


def test_the_korean_report_embeds_a_font_cut_to_its_characters(korean_report: str) -> None:
    assert f'font-family: "{FAMILY}"' in korean_report
    assert "data:font/woff2;base64," in korean_report
    drawn = embedded_characters(korean_report)
    page = {c for c in _visible_text(korean_report) if needs_korean_font(c)}
    assert page and page <= drawn
    assert len(drawn) < 3000  # a subset, not the whole font (about 17,000 glyphs)
    assert len(korean_report.encode()) < 2 * 1024 * 1024


def test_an_english_report_carries_no_font() -> None:
    from importlib import resources

    from dramaturg.read import read

    demo = Path(str(resources.files("dramaturg") / "data" / "demo.fountain"))
    page = render_report(analyze(read(demo)))
    assert "@font-face" not in page


def test_korean_words_do_not_break_mid_word(korean_report: str) -> None:
    assert 'lang="ko"' in korean_report
    assert re.search(r'html\[lang="ko"\] body \{[^}]*word-break: keep-all', korean_report)


# Latin text a Korean report may show: the tool's name, codes, file names, script headings
_ALLOWED = re.compile(
    r"dramaturg|[A-Z]{2,4}-[A-Z-]+|\S+\.(txt|fountain|md)\b|K-드라마|\d+w\b|--\w+|A\+B"
)


def test_every_interface_string_is_korean(korean_report: str) -> None:
    page = korean_report[: korean_report.index('<section id="scenes">')]
    # quotes and names come from the draft; everything else is the report's own
    page = re.sub(r'<(td|div) class="quote">.*?</\1>', "", page, flags=re.S)
    page = re.sub(r"<title>.*?</title>", "", page, flags=re.S)
    english = []
    for line in _visible_text(page).splitlines():
        rest = _ALLOWED.sub("", line)
        if re.search(r"[A-Za-z]{3,}", rest):
            english.append(line.strip())
    labels = re.findall(r'aria-label="([^"]*)"', page)
    english += [a for a in labels if re.search(r"[A-Za-z]{3,}", _ALLOWED.sub("", a))]
    assert not english, english


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _probe(page_html: str, folder: Path, conf: Path) -> dict[str, Any]:
    page = folder / "report.html"
    page.write_text(page_html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    browser = _chromium()
    assert browser
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={folder / 'profile'}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
    ).stdout
    m = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert m, dom[-2000:]
    return dict(json.loads(html_lib.unescape(m.group(1))))


@pytest.mark.skipif(_chromium() is None, reason="Debian chromium is not installed")
def test_chromium_with_no_korean_system_font_draws_every_korean_glyph(
    korean_report: str, tmp_path: Path
) -> None:
    conf = latin_only_fontconfig(tmp_path)
    probe = _probe(korean_report, tmp_path, conf)
    assert probe["chars"] > 100
    assert f"{FAMILY} loaded" in probe["faces"]
    assert probe["missing"] == []
    # the control: the same page without its font draws every Hangul syllable as a box
    bare = re.sub(r"@font-face \{[^}]*\}", "", korean_report)
    (tmp_path / "bare").mkdir()
    control = _probe(bare, tmp_path / "bare", conf)
    assert len(control["missing"]) == control["chars"] > 100
