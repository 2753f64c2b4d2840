"""Import time of a PDF report: the PDF front-end against reading the same file's text.

    python benchmarks/import_pdf.py            # the official huaian PDF of the test fixtures
    python benchmarks/import_pdf.py --rounds 9 some-report.pdf

Needs the ``pdf`` extra. Candidates take turns, one call each per round; the table shows the
median seconds per call and, for each, the median of its per-round ratios to pdfplumber's own
``extract_text`` of every page (the floor: the same library parsing the same file, with no
tables rebuilt), so a slow spell of the shared machine hits both sides of a ratio alike.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "fixtures" / "huaian-2024.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    import pdfplumber
    import pypdfium2

    from disclosure_model.importers.pdf import layout_from_pdf

    data = args.pdf.read_bytes()
    name = args.pdf.name

    def plumber_text() -> object:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [page.extract_text() for page in pdf.pages]

    def pdfium_text() -> object:
        doc = pypdfium2.PdfDocument(data)
        try:
            return [page.get_textpage().get_text_range() for page in doc]
        finally:
            doc.close()

    def bomb_guard() -> object:
        """The decompression-bomb measure alone: object streams, then every page's streams."""
        from disclosure_model.importers import pdf as front

        _, inflated = front._object_streams_inflate(data, front.MAX_INFLATED_BYTES)
        budget, measured = [front.MAX_INFLATED_BYTES - inflated], set[int]()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                front._check_inflation(page, budget, measured)
        return budget

    candidates: dict[str, Callable[[], object]] = {
        "pdfplumber extract_text, every page (baseline)": plumber_text,
        "pypdfium2 text of every page (C, for scale)": pdfium_text,
        "layout_from_pdf (grid, text lines, spans)": lambda: layout_from_pdf(data, name=name),
        "decompression-bomb guard alone (in layout_from_pdf)": bomb_guard,
    }
    try:
        from disclosure_model.importers import import_report

        import_report(data, kind="pdf", name=name)
    except Exception as exc:  # the import core not there yet: measure the front-end only
        print(f"(import_report(kind='pdf') not measured: {type(exc).__name__}: {exc})")
    else:
        candidates["import_report(kind='pdf'): the whole import"] = lambda: import_report(
            data, kind="pdf", name=name
        )
        text = args.pdf.with_name(args.pdf.name + ".txt")
        if text.exists():
            layer = text.read_bytes()
            candidates["import_report(kind='text') of its text layer"] = lambda: import_report(
                layer, kind="text", name=text.name
            )

    times: dict[str, list[float]] = {label: [] for label in candidates}
    for fn in candidates.values():  # warm up: imports, font caches
        fn()
    for _ in range(args.rounds):
        for label, fn in candidates.items():
            started = time.perf_counter()
            fn()
            times[label].append(time.perf_counter() - started)
    base = next(iter(times.values()))
    print(f"{name}: {len(data):,} bytes; {args.rounds} rounds; Python {sys.version.split()[0]}")
    print(f"{'candidate':<52} {'median s':>9} {'× baseline':>11}")
    for label, values in times.items():
        ratio = statistics.median(v / b for v, b in zip(values, base, strict=True))
        print(f"{label:<52} {statistics.median(values):>9.3f} {ratio:>11.2f}")


if __name__ == "__main__":
    main()
