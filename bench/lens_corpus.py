"""Extract the lens set's texts (bench/lens_set.toml) from Project Gutenberg git snapshots.

Each "corpus" book names its ebook number; its text is ``<ebook>-0.txt`` in the repository
gutenbergbooks/<ebook> (or, for a book stored only as HTML, the paragraphs and headings of
``<ebook>-h/<ebook>-h.htm`` with the tags stripped). Snapshots are git directories, one per
book, under MIRRORS (default /work/.mirror, as ``gutenbergbooks+<ebook>/repo``); the texts go
to $DRAMATURG_CORPUS/lens (default ../corpus/lens beside the checkout), never into the
repository. Each text's sha256 is checked against the set.

    python bench/lens_corpus.py [MIRRORS]
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path

from eval_lens import HERE, corpus_dir

BLOCKS = {"p", "h1", "h2", "h3", "h4", "pre"}
SKIP = {"style", "script", "head"}


class _Paragraphs(HTMLParser):
    """The text of the block elements of an HTML book, one paragraph a line (page numbers,
    styles and the head left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._buf: list[str] | None = None
        self._skip = 0
        self._spans: list[bool] = []  # open <span>s: True for a page number

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self._skip += 1
        elif tag == "span":
            pagenum = "pagenum" in (dict(attrs).get("class") or "")
            self._spans.append(pagenum)
            self._skip += pagenum
        elif tag in BLOCKS:
            self._buf = []
        elif tag == "br" and self._buf is not None:
            self._buf.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self._skip -= 1
        elif tag == "span" and self._spans:
            self._skip -= self._spans.pop()
        elif tag in BLOCKS and self._buf is not None:
            text = re.sub(r"[ \t\r\n]+", " ", "".join(self._buf)).strip()
            if text:
                self.out.append(text)
            self._buf = None

    def handle_data(self, data: str) -> None:
        if self._buf is not None and not self._skip:
            self._buf.append(data)


def html_to_text(page: str) -> str:
    parser = _Paragraphs()
    parser.feed(page)
    return "\n\n".join(parser.out) + "\n"


def extract(book: dict[str, object], mirrors: Path) -> bytes:
    n = book["ebook"]
    git_dir = mirrors / f"gutenbergbooks+{n}" / "repo"
    name = f"{n}-h/{n}-h.htm" if book.get("html") else f"{n}-0.txt"
    raw = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"HEAD:{name}"], check=True, capture_output=True
    ).stdout
    if book.get("html"):
        return html_to_text(raw.decode("utf-8")).encode("utf-8")
    return raw


def main(argv: list[str]) -> int:
    mirrors = Path(argv[0]) if argv else Path("/work/.mirror")
    books = tomllib.loads((HERE / "lens_set.toml").read_text(encoding="utf-8"))["book"]
    out_dir = corpus_dir() / "lens"
    out_dir.mkdir(parents=True, exist_ok=True)
    bad = 0
    for book in books:
        if book["source"] != "corpus":
            continue
        try:
            data = extract(book, mirrors)
        except (subprocess.CalledProcessError, FileNotFoundError) as exc:
            print(f"{book['file']}: not extracted ({exc})")
            bad += 1
            continue
        (out_dir / str(book["file"])).write_bytes(data)
        ok = hashlib.sha256(data).hexdigest() == book["sha256"]
        bad += not ok
        print(f"{book['file']}: {'ok' if ok else 'sha256 differs'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
