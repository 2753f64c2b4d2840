"""Importers: reports as published (web pages, PDF, text) into the model.

One entry point, :func:`import_report`, takes a path, ``bytes`` or ``str`` and a declared or
detected kind, and returns an :class:`ImportResult`: the :class:`~disclosure_model.AnnualReport`
(or ``None``, with findings saying why), an ``import.*`` finding for every judgement the importer
made, each with its :class:`SourceSpan`, and the source location of every value it read::

    from disclosure_model.importers import import_report

    result = import_report("reports/淮安市-2024.pdf.txt")
    for finding in result.findings:
        print(finding.code, finding.location, finding.message("en"))
    if result.report is not None:
        print(result.locations["/requests/new_received/total"])   # where 3119 was printed

Text and Markdown need nothing beyond the library; HTML needs the ``import`` extra (lxml,
charset-normalizer) and PDF the ``pdf`` extra. See ``docs/importing.md``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from typing import Any

import attrs

from ..findings import DocumentError, Finding, Severity
from ..report import AnnualReport
from ._layout import Cell, Layout, Line, SourceKind, SourceSpan

__all__ = [
    "Cell",
    "ImportResult",
    "Layout",
    "Line",
    "MissingExtraError",
    "SourceKind",
    "SourceSpan",
    "detect_kind",
    "import_layout",
    "import_report",
    "layout_of",
]

_KINDS: tuple[SourceKind, ...] = ("text", "markdown", "html", "pdf")
_SUFFIXES: dict[str, SourceKind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".pdf": "pdf",
}


class MissingExtraError(ImportError):
    """An importer needs an optional extra that is not installed; the message names it."""


@attrs.frozen(kw_only=True)
class ImportResult:
    """What importing one source gave.

    ``report`` is the report, or ``None`` when the source could not be read into one (the
    findings say why: no report tables, a row missing, a row that cannot be read without
    guessing). ``findings`` are the ``import.*`` findings, each with its ``location``;
    ``locations`` maps the JSON Pointer of every value read to where it was printed.
    """

    report: AnnualReport | None
    findings: tuple[Finding, ...]
    locations: Mapping[str, SourceSpan] = attrs.field(factory=dict, hash=False)
    source: str | None = None
    kind: SourceKind | None = None

    @property
    def ok(self) -> bool:
        """Whether a report was read and no finding is an error."""
        return self.report is not None and not any(f.is_error for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form: source, kind, whether a report was read, findings, locations."""
        return {
            "source": self.source,
            "kind": self.kind,
            "imported": self.report is not None,
            "findings": [f.to_dict() for f in self.findings],
            "locations": {p: s.to_dict() for p, s in self.locations.items()},
        }


def detect_kind(data: bytes | str, name: str | None = None) -> SourceKind:
    """The kind of a source: by its file name's suffix, else by its content."""
    if name:
        lower = name.lower()
        for suffix, kind in _SUFFIXES.items():
            if lower.endswith(suffix):
                return kind
    head = data[:4096]
    if isinstance(head, bytes):
        if head.lstrip().startswith(b"%PDF"):
            return "pdf"
        head_text = head.decode("latin-1").lower()
    else:
        head_text = head.lower()
    if any(tag in head_text for tag in ("<html", "<!doctype html", "<table", "<body", "<meta")):
        return "html"
    from .text import looks_like_markdown

    text = data if isinstance(data, str) else data[:20000].decode("utf-8", errors="ignore")
    return "markdown" if looks_like_markdown(text) else "text"


def _read(source: str | bytes | os.PathLike[str]) -> tuple[bytes | str, str | None]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), None
    if isinstance(source, str) and ("\n" in source or len(source) > 4096):
        return source, None
    path = os.fspath(source)
    with open(path, "rb") as file:
        return file.read(), path


def layout_of(
    data: bytes | str, kind: SourceKind, name: str | None = None
) -> tuple[Layout, list[Finding]]:
    """The layout of ``data`` read as ``kind``, and findings on its decoding."""
    findings: list[Finding] = []
    if kind == "pdf":
        return _pdf_layout(data, name)
    if isinstance(data, bytes):
        from ._decode import decode

        text, findings = decode(data, html=kind == "html", source=name)
    else:
        text = data
    if kind == "html":
        from .html import layout_from_html

        return layout_from_html(text, name=name), findings
    from .text import layout_from_markdown, layout_from_text

    if kind == "markdown":
        return layout_from_markdown(text, name=name), findings
    return layout_from_text(text, name=name), findings


def _pdf_layout(data: bytes | str, name: str | None) -> tuple[Layout, list[Finding]]:
    """The PDF front-end's layout and its problems as findings."""
    if isinstance(data, str):
        raise TypeError("a PDF source must be given as bytes or a path")
    hint = "importing PDF needs the 'pdf' extra: pip install 'disclosure-model[pdf]'"
    try:  # the PDF front-end (disclosure_model.importers.pdf) and its extra
        module = importlib.import_module(__name__ + ".pdf")
    except ImportError as exc:
        raise MissingExtraError(hint) from exc
    read_pdf = getattr(module, "read_pdf", None)
    if read_pdf is None:
        layout: Layout = module.layout_from_pdf(data, name=name)
        return layout, []
    reading = read_pdf(data, name=name)
    findings: list[Finding] = []
    for problem in reading.problems:
        if problem.code == "import.pdf_extra_missing":
            raise MissingExtraError(hint)
        findings.append(
            Finding(
                code=problem.code,
                name=problem.code,
                severity=problem.severity,
                pointer="",
                location=problem.span,
                params=problem.params,
            )
        )
    if reading.layout is None:
        return Layout(kind="pdf", lines=(), source=name), findings
    return reading.layout, findings


def import_layout(layout: Layout, *, name: str | None = None) -> ImportResult:
    """Read a report out of a :class:`Layout` from any front-end."""
    from ._interpret import interpret

    source = name or layout.source
    reading = interpret(layout, name=source)
    return _result(reading, source, layout.kind, [])


def _result(
    reading: Any, source: str | None, kind: SourceKind, extra: list[Finding]
) -> ImportResult:
    from ..codec import from_dict
    from ._interpret import ERROR, finding

    findings = [*extra, *reading.findings]
    report = None
    if reading.complete and not any(f.severity is Severity.ERROR for f in findings):
        try:
            report = from_dict(reading.data, source=source)
        except DocumentError as exc:  # a value the model rejects: say so, never a wrong report
            for problem in exc.findings:
                findings.append(
                    finding(
                        "model",
                        ERROR,
                        f"the value read for {problem.pointer} is not accepted by the model: "
                        f"{problem.message('en')}",
                        f"为 {problem.pointer} 读取的值不被模型接受：{problem.message('zh')}",
                        pointer=problem.pointer,
                        location=reading.locations.get(problem.pointer),
                    )
                )
    return ImportResult(
        report=report,
        findings=tuple(findings),
        locations=dict(reading.locations),
        source=source,
        kind=kind,
    )


def import_report(
    source: str | bytes | os.PathLike[str],
    *,
    kind: SourceKind | None = None,
    name: str | None = None,
) -> ImportResult:
    """Import one published report.

    ``source`` is a path, the source's ``bytes``, or its text as ``str`` (a ``str`` holding a
    line break, or longer than a path can be, is text; any other ``str`` is a path). ``kind`` is
    ``"text"``, ``"markdown"``, ``"html"`` or ``"pdf"``, or ``None`` to detect it from the file
    name (or ``name``) and the content. ``name`` names the source in locations and findings.

    Never raises for bad content: everything becomes a finding. Raises :class:`OSError` when a
    path cannot be read and :class:`MissingExtraError` when the kind needs an extra that is not
    installed.
    """
    if kind is not None and kind not in _KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(_KINDS)}")
    data, path = _read(source)
    label = name or path
    found = kind or detect_kind(data, label)
    layout, decoding = layout_of(data, found, label)
    from ._interpret import Interpretation, interpret

    if not layout.lines and any(f.is_error for f in decoding):  # nothing read: say only why
        return _result(Interpretation(complete=False), label, found, decoding)
    return _result(interpret(layout, name=label), label, found, decoding)
