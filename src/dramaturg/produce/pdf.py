"""PDF of the paperwork: each HTML report printed by a headless Chromium.

The reports are print-ready HTML (``@media print``: A4 landscape, one call sheet a page,
DOOD pages that repeat names and totals, strips that never split), so the PDF is the
browser's own print of them: no second layout to keep in step. Chromium is Debian's
``chromium`` (``.ci/run`` installs it, with ``fonts-nanum`` so Hangul has glyphs); without it
:func:`write_pdfs` raises a :class:`~dramaturg.errors.DramaturgError` that says so.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from dramaturg.errors import DramaturgError

__all__ = ["browser", "write_pdfs"]

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
PRINT_SECONDS = 120


def browser() -> str | None:
    """The headless browser that prints the PDFs, if one is installed."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def write_pdfs(html_files: Iterable[str | Path]) -> list[Path]:
    """Print each HTML report to a PDF beside it (``stripboard.html`` -> ``stripboard.pdf``)."""
    exe = browser()
    if exe is None:
        raise DramaturgError(
            "PDF export needs Chromium (Debian: apt-get install chromium fonts-nanum)"
        )
    written = []
    with tempfile.TemporaryDirectory(prefix="dramaturg-pdf-") as profile:
        for html in html_files:
            src = Path(html).resolve()
            out = src.with_suffix(".pdf")
            tmp = out.with_name(f".{out.name}.tmp")
            cmd = [
                exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                f"--user-data-dir={profile}", "--no-pdf-header-footer",
                f"--print-to-pdf={tmp}", src.as_uri(),
            ]  # fmt: skip
            try:
                subprocess.run(cmd, capture_output=True, timeout=PRINT_SECONDS, check=False)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise DramaturgError(f"could not print to PDF: {exc}", file=str(src)) from None
            if not tmp.is_file() or tmp.stat().st_size == 0:
                tmp.unlink(missing_ok=True)
                raise DramaturgError("the browser printed no PDF", file=str(src))
            tmp.replace(out)
            written.append(out)
    return written
