"""A corpus as a static site: one page per report and an index sorted worst first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..findings import Language, Severity
from ..form import report_title

if TYPE_CHECKING:
    from ..validation import ValidationResult

__all__ = ["IndexRow", "write_site"]

_UNSAFE = re.compile(r"[^\w.-]+")


@attrs.frozen(kw_only=True)
class IndexRow:
    """One report in the index."""

    page: str
    source: str
    title: str
    year: str
    edition: str
    errors: int
    warnings: int
    infos: int
    readable: bool


def _page_name(source: str | None, number: int, taken: set[str]) -> str:
    stem = Path(source).stem if source else f"report-{number}"
    stem = _UNSAFE.sub("_", stem).strip("._") or f"report-{number}"
    name, suffix = stem, 2
    while name.lower() in taken or name.lower() == "index":
        name = f"{stem}-{suffix}"
        suffix += 1
    taken.add(name.lower())
    return name + ".html"


def write_site(results: Iterable[ValidationResult], out_dir: Path, *, lang: Language) -> list[Path]:
    """Write the pages and the index (see :func:`disclosure_model.render.render_site`)."""
    from . import _environment, render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    rows: list[IndexRow] = []
    written: list[Path] = []
    for number, result in enumerate(results, 1):
        page = _page_name(result.source, number, taken)
        html = render_html(result.report, result.findings, lang=lang, source=result.source)
        path = out_dir / page
        path.write_text(html, encoding="utf-8")
        written.append(path)
        counts = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
        report = result.report
        rows.append(
            IndexRow(
                page=page,
                source=result.source or page,
                title=report_title(report.organ.name, report.year) if report else "",
                year=str(report.year) if report else "",
                edition=report.edition.value if report else (result.edition or ""),
                errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING],
                infos=counts[Severity.INFO],
                readable=report is not None,
            )
        )
    rows.sort(key=lambda r: (-r.errors, -r.warnings, -r.infos, r.source))
    from . import _css

    index = (
        _environment("html")
        .get_template("index.html.j2")
        .render(
            rows=rows,
            lang=lang,
            css=_css(),
            total_errors=sum(r.errors for r in rows),
            total_warnings=sum(r.warnings for r in rows),
            count=len(rows),
            invalid=sum(1 for r in rows if r.errors),
        )
    )
    index_path = out_dir / "index.html"
    index_path.write_text(index, encoding="utf-8")
    return [index_path, *written]
