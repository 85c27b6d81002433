"""The report carries its own Korean font, so Hangul renders on a machine with none.

Noto Sans KR (SIL Open Font License 1.1, shipped by the ``pylopdf-fonts-ko`` package) is cut
down with fontTools to the characters the page uses and embedded as WOFF2 in a ``data:`` URL:
a two-episode script needs about 60 KB instead of the font's 4.6 MB, and the report still
loads nothing from anywhere.

>>> needs_korean_font("Closing time.")
False
>>> needs_korean_font("첫눈")
True
"""

from __future__ import annotations

import base64
import io
import re
from functools import lru_cache
from pathlib import Path

FAMILY = "Dramaturg Noto Sans KR"

# Hangul syllables and jamo, CJK ideographs (hanja), CJK punctuation and full-width forms
_KOREAN = re.compile(
    r"[\u1100-\u11ff\u3000-\u303f\u3130-\u318f\u4e00-\u9fff\uac00-\ud7a3\uff00-\uffef]"
)


def needs_korean_font(text: str) -> bool:
    """Whether ``text`` has characters a Latin-only machine would draw as boxes."""
    return _KOREAN.search(text) is not None


def font_face(text: str) -> str:
    """An ``@font-face`` rule embedding Noto Sans KR cut to the characters of ``text``;
    empty when ``text`` has no Korean (an English report stays small)."""
    if not needs_korean_font(text):
        return ""
    woff2 = _subset("".join(sorted(set(text))))
    data = base64.b64encode(woff2).decode("ascii")
    return (
        f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: 400; '
        f'font-display: block; src: url(data:font/woff2;base64,{data}) format("woff2"); }}'
    )


@lru_cache(maxsize=8)
def _subset(chars: str) -> bytes:
    """Noto Sans KR as WOFF2 with only ``chars`` (and the font's layout features for them)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from pylopdf_fonts_ko import sans_path

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the copyright and licence strings the OFL asks to keep
    options.name_languages = ["*"]
    font = TTFont(str(sans_path()), lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def embedded_characters(css: str) -> set[str]:
    """The characters the font in ``css`` (from :func:`font_face`) can draw: for tests."""
    from fontTools.ttLib import TTFont

    m = re.search(r"base64,([A-Za-z0-9+/=]+)", css)
    if not m:
        return set()
    font = TTFont(io.BytesIO(base64.b64decode(m.group(1))))
    return {chr(cp) for cp in font.getBestCmap()}


def latin_only_fontconfig(folder: Path) -> Path:
    """A fontconfig file (for ``FONTCONFIG_FILE``) that knows one font with no Hangul in it:
    the Latin of Noto Sans KR, renamed. A browser run with it has no Korean system font, so
    whatever Hangul it draws comes from the page. For tests and screenshots."""
    import string

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from pylopdf_fonts_ko import sans_path

    fonts = folder / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    font = TTFont(str(sans_path()))
    subsetter = subset.Subsetter(subset.Options())
    subsetter.populate(text=string.printable)
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 6, 16):
            record.string = "LatinOnly"
    font.save(str(fonts / "latin-only.otf"))
    conf = folder / "fonts.conf"
    conf.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{fonts}</dir>"
        f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return conf
