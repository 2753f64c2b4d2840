"""Where a value was printed: the source position an importer records for every value it reads.

:class:`SourceSpan` is what :attr:`disclosure_model.Finding.location` holds for a finding about
a source document (a web page, a PDF, a text), and what
:attr:`disclosure_model.importers.ImportResult.locations` maps each JSON Pointer to.
"""

from __future__ import annotations

import attrs

__all__ = ["SourceSpan"]


@attrs.frozen(kw_only=True)
class SourceSpan:
    """Where a piece of text was printed in its source.

    Text and Markdown: ``line`` and ``column`` (1-based, in characters). HTML: ``table`` (0-based
    index of the ``<table>`` in the page, in document order), ``row`` and ``col`` (0-based, in the
    table's grid after ``rowspan``/``colspan`` are resolved), and ``line`` where the parser knows
    the source line. PDF: ``page`` (1-based) and the box ``x0, top, x1, bottom`` in PDF points from
    the page's top-left corner, and ``table``/``row``/``col`` when the text was inside a ruled
    table. Fields that do not apply are ``None``.
    """

    source: str | None = None
    line: int | None = None
    column: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None

    def to_dict(self) -> dict[str, str | int | float]:
        """The public JSON form: only the fields that apply."""
        return {
            f.name: getattr(self, f.name)
            for f in attrs.fields(SourceSpan)
            if getattr(self, f.name) is not None
        }

    def __str__(self) -> str:
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table + 1}")
        if self.row is not None:
            parts.append(f"row {self.row + 1}")
        if self.col is not None:
            parts.append(f"column {self.col + 1}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"col {self.column}")
        where = ", ".join(parts) or "(unknown position)"
        return f"{self.source}: {where}" if self.source else where
