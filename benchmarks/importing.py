"""Import timings: a web page, a PDF's text layer, a copied text and a Markdown conversion.

Run from the repository root (the ``import`` extra installed; html5lib and beautifulsoup4 for the
parser comparison, skipped when missing)::

    python benchmarks/importing.py

Prints the median time of each import (source bytes → ``ImportResult``: decoding, front-end,
interpreter, findings, report), how much of a page's import is the front-end alone, and the
time to parse the same page with lxml, html5lib and BeautifulSoup's ``html.parser`` — the
candidates the HTML front-end could have been built on.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from disclosure_model.importers import import_report, layout_of
from disclosure_model.importers._match import cover, loose

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = [
    ("web page, pingtan-2024.html", "pingtan-2024.html"),
    ("PDF text layer, huaian-2024.pdf.txt", "huaian-2024.pdf.txt"),
    ("copied Word text, zhuji-emergency-2020.txt", "zhuji-emergency-2020.txt"),
    ("Markdown conversion, shuyang-2025.pdf.md", "shuyang-2025.pdf.md"),
]


def median_ms(fn: Callable[[], Any], rounds: int = 15) -> float:
    """Median wall time of ``fn`` in milliseconds (after one warm-up call).

    The label-matching caches are emptied before each call, so every import is timed as the
    import of a document not seen before.
    """
    fn()
    times = []
    for _ in range(rounds):
        cover.cache_clear()
        loose.cache_clear()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    print("| source | size | import (ms, median) |")
    print("|---|---:|---:|")
    for label, name in SOURCES:
        data = (FIXTURES / name).read_bytes()
        ms = median_ms(lambda d=data, n=name: import_report(d, name=n))
        print(f"| {label} | {len(data) / 1024:.0f} KB | {ms:.1f} |")
    pdf = FIXTURES / "huaian-2024.pdf"
    if pdf.exists():
        data = pdf.read_bytes()
        try:
            ms = median_ms(lambda: import_report(data, kind="pdf"), rounds=5)
            print(f"| PDF, huaian-2024.pdf | {len(data) / 1024:.0f} KB | {ms:.1f} |")
        except ImportError as exc:
            print(f"| PDF, huaian-2024.pdf | {len(data) / 1024:.0f} KB | skipped: {exc} |")

    page = (FIXTURES / "pingtan-2024.html").read_bytes()
    text = page.decode("utf-8")
    whole = median_ms(lambda: import_report(page, kind="html"))
    front = median_ms(lambda: layout_of(page, "html"))
    print()
    print("| the page (107 KB) | ms, median | share of the import |")
    print("|---|---:|---:|")
    print(f"| whole import | {whole:.1f} | 100 % |")
    print(
        f"| HTML front-end (decode, lxml parse, grid) | {front:.1f} | {100 * front / whole:.0f} % |"
    )
    print()
    print("| parsing the page with | ms, median | × lxml |")
    print("|---|---:|---:|")
    import lxml.html

    base = median_ms(lambda: lxml.html.document_fromstring(text))
    print(f"| lxml.html {lxml.html.etree.__version__} | {base:.2f} | 1.0 |")
    try:
        import html5lib

        ms = median_ms(lambda: html5lib.parse(text), rounds=5)
        print(f"| html5lib {html5lib.__version__} | {ms:.2f} | {ms / base:.0f} |")
    except ImportError:
        print("| html5lib | not installed | |")
    try:
        import bs4

        ms = median_ms(lambda: bs4.BeautifulSoup(text, "html.parser"), rounds=5)
        print(f"| BeautifulSoup {bs4.__version__} (html.parser) | {ms:.2f} | {ms / base:.0f} |")
    except ImportError:
        print("| BeautifulSoup | not installed | |")


if __name__ == "__main__":
    main()
