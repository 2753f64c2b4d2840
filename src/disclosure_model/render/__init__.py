"""The report drawn as the official form of its edition: HTML, Markdown and plain text.

:func:`render_html` draws one self-contained page (inline CSS, no scripts, nothing loaded from
anywhere) with the title block, the prose sections and Tables 二, 三, 四 with the merged headers
of the printed form. Every value cell carries its JSON Pointer in ``data-pointer``; every cell a
finding points at is marked in the colour of its severity, carries the finding's code, message,
expected and actual value in ``title`` and ``data-`` attributes, and links to the finding's entry
in the list below the tables, which links back. :func:`render_markdown` gives GitHub-flavoured
tables, :func:`render_text` the page as a user copying it would get, and :func:`render_site` one
page per report plus an index for a corpus.

HTML and Markdown need the ``render`` extra (Jinja2)::

    pip install 'disclosure-model[render]'

Labels, ordinals and row ids are read from the model's metadata (:mod:`disclosure_model.meta`,
the enums and :mod:`disclosure_model.form`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..findings import Finding, Language, Severity
from ..form import REPORT_TITLE, report_title
from ..report import AnnualReport
from ._grid import Row, Table, printable, prose, report_fields, tables

if TYPE_CHECKING:
    import jinja2

    from ..validation import ValidationResult

__all__ = ["RenderError", "render_html", "render_markdown", "render_site", "render_text"]

_EXTRA_HINT = "rendering needs the 'render' extra: pip install 'disclosure-model[render]'"
_PROSE = ("overview", "problems_and_improvements", "other_matters")


class RenderError(ImportError):
    """Rendering HTML or Markdown was asked for but Jinja2 (the ``render`` extra) is missing."""


_ENVIRONMENTS: dict[str, Any] = {}


def _environment(kind: str) -> jinja2.Environment:
    """The Jinja2 environment for ``html`` (autoescaped) or ``markdown`` (Markdown-escaped)."""
    found = _ENVIRONMENTS.get(kind)
    if found is not None:
        env: jinja2.Environment = found
        return env
    try:
        import jinja2
    except ImportError as exc:
        raise RenderError(_EXTRA_HINT) from exc
    loader = jinja2.PackageLoader("disclosure_model.render", "templates")
    if kind == "html":
        env = jinja2.Environment(
            loader=loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            finalize=_printable,
        )
    else:
        from ._markdown import cell_text, finalize

        env = jinja2.Environment(
            loader=loader,
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            finalize=finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["cell"] = cell_text
    _ENVIRONMENTS[kind] = env
    return env


def _printable(value: Any) -> Any:
    """Every ``{{ … }}`` of the HTML templates: text made printable, then autoescaped."""
    return printable(value) if type(value) is str else value


def _check_lang(lang: str) -> Language:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    return "zh" if lang == "zh" else "en"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def _summary(findings: Sequence[Finding], lang: Language) -> str:
    from ._marks import TEXTS

    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    parts = []
    for severity, count in counts.items():
        label = TEXTS["zh"].severity[severity.value]
        if lang == "en":
            label += " " + TEXTS["en"].severity[severity.value].lower()
        parts.append(f"{label} {count}")
    return " · ".join(parts)


def _context(
    report: AnnualReport | None, findings: Sequence[Finding], lang: Language, source: str | None
) -> dict[str, Any]:
    from .. import __version__
    from ._marks import TEXTS, cell_id, place_findings

    drawn: tuple[Table, ...] = tables(report) if report is not None else ()
    flagged = {f.pointer for f in findings if f.document is None}
    fields = report_fields(report, flagged) if report is not None else []
    sections = [prose(report, name) for name in _PROSE] if report is not None else []
    entries, marks, table_marks, operands = place_findings(
        findings, drawn, [*fields, *sections], lang=lang
    )
    zh, en = TEXTS["zh"], TEXTS["en"]
    texts = {
        "findings": zh.findings,
        "findings_en": en.findings,
        "no_findings": zh.no_findings + (f" {en.no_findings}" if lang == "en" else ""),
        "expected": zh.expected + (f" {en.expected}" if lang == "en" else ""),
        "actual": zh.actual + (f" {en.actual}" if lang == "en" else ""),
        "expected_word": zh.expected,
        "empty": zh.empty,
        "blank": zh.blank,
        "unreadable": zh.unreadable,
        "unreadable_en": en.unreadable,
    }
    if report is not None:
        title = report_title(report.organ.name, report.year)
        title_en = f"{REPORT_TITLE.en} {report.year}: {report.organ.name}"
    else:
        title, title_en = zh.unreadable, en.unreadable
    return {
        "report": report,
        "source": source,
        "lang": lang,
        "title": title,
        "title_en": title_en,
        "fields": fields,
        "sections": sections,
        "tables": drawn,
        "entries": entries,
        "entry_by_id": {e.id: e for e in entries},
        "marks": marks,
        "table_marks": table_marks,
        "operands": operands,
        "summary": _summary(findings, lang),
        "texts": texts,
        "cell_id": cell_id,
        "paragraphs": _paragraphs,
        "version": __version__,
    }


def _css() -> Any:
    """The shipped stylesheet, marked safe: it is the renderer's own text, not the document's."""
    from importlib.resources import files

    import markupsafe  # comes with Jinja2

    css = (files("disclosure_model.render") / "templates" / "report.css").read_text("utf-8")
    assert "</" not in css
    return markupsafe.Markup(css)


def render_html(
    report: AnnualReport | None,
    findings: Iterable[Finding] = (),
    *,
    lang: str = "zh",
    source: str | None = None,
) -> str:
    """The report as one self-contained HTML page of its edition's official form.

    ``findings`` (from :func:`disclosure_model.validate_document` or
    :func:`disclosure_model.check`) are marked on their cells and listed below the tables.
    ``lang="en"`` adds the English titles beside the Chinese labels and English messages.
    ``report=None`` (a document that could not be read) gives a page listing the findings only;
    ``source`` names the file on that page.

    Raises :class:`RenderError` when Jinja2 is not installed.
    """
    language = _check_lang(lang)
    listed = tuple(findings)
    env = _environment("html")
    context = _context(report, listed, language, source)
    context["css"] = _css()
    page: str = env.get_template("report.html.j2").render(context)
    return page


def render_markdown(
    report: AnnualReport, findings: Iterable[Finding] = (), *, lang: str = "zh"
) -> str:
    """The report as GitHub-flavoured Markdown: merged headers flattened, row ids kept.

    Flagged values are bold with the severity's sign and the number of their entry in the list of
    findings that follows the tables. Raises :class:`RenderError` when Jinja2 is not installed.
    """
    from ._markdown import SIGNS, markdown_tables

    language = _check_lang(lang)
    listed = tuple(findings)
    env = _environment("markdown")
    context = _context(report, listed, language, None)
    context["md_tables"] = markdown_tables(context["tables"], context["marks"], language)
    context["signs"] = SIGNS
    context["texts"]["fact"] = "项目" + (" (item)" if language == "en" else "")
    context["texts"]["value"] = "内容" + (" (value)" if language == "en" else "")
    text: str = env.get_template("report.md.j2").render(context)
    return text


def _text_row(row: Row) -> str:
    return "\t".join(_clean(cell.text) for cell in row.cells)


def _clean(text: str) -> str:
    """A cell's text on one line: tabs and line breaks would start another cell or row."""
    return re.sub(r"[\t\r\n]+", " ", text)


def render_text(report: AnnualReport) -> str:
    """The form as plain text, as a user copying the rendered page would get it.

    One line per heading, fact, paragraph and table row; the cells of a table row are separated
    by tabs, and a merged cell is written once, in the first row it spans. Labels are the
    official ones with their ordinals. Needs no extra.
    """
    lines = [report_title(report.organ.name, report.year)]
    lines += [f"{f.label}\t{_clean(f.text)}" for f in report_fields(report) if f.text]
    sections = {name: prose(report, name) for name in _PROSE}
    drawn = tables(report)

    def section(name: str) -> None:
        field = sections[name]
        lines.append(field.label)
        lines.extend(_paragraphs(field.text))

    section("overview")
    for table in drawn:
        lines.append(table.heading)
        lines.extend(_text_row(row) for row in table.rows())
    section("problems_and_improvements")
    section("other_matters")
    return "\n".join(lines) + "\n"


def render_site(
    results: Iterable[ValidationResult],
    out_dir: str | os.PathLike[str],
    *,
    lang: str = "zh",
) -> list[Path]:
    """Write one page per validation result and an ``index.html`` listing them worst first.

    Each page is named after its source file (``city-2023.json`` → ``city-2023.html``; repeated
    names get ``-2``, ``-3``). The index lists every report with its organ, year, edition and
    counts of errors and warnings, sorted by errors, then warnings, then name, and links to each
    page. Returns the paths written, index first. Raises :class:`RenderError` without Jinja2.
    """
    from ._site import write_site

    return write_site(results, Path(out_dir), lang=_check_lang(lang))
