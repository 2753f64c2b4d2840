"""What every importer front-end produces: the printed page as lines of cells, each located.

The HTML, PDF and text front-ends differ in how they find rows and cells; what they hand on is the
same: a :class:`Layout`, an ordered sequence of :class:`Line` objects (a table row, a line of text,
a paragraph), each a tuple of :class:`Cell` objects holding the printed text and a
:class:`SourceSpan` saying where it was printed. One interpreter reads the form out of a layout,
whatever it came from, so the form's labels and arithmetic are applied in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

__all__ = ["Cell", "Layout", "Line", "SourceKind", "SourceSpan"]

SourceKind = Literal["text", "markdown", "html", "pdf"]
"""The kinds of source an importer reads."""


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


@attrs.frozen(kw_only=True)
class Cell:
    """One printed cell (or, in running text, one field): its text as printed, and where."""

    text: str
    span: SourceSpan


@attrs.frozen(kw_only=True)
class Line:
    """One row of a table, or one line or paragraph of text, in reading order.

    ``table`` is the index of the table the row belongs to (as in :class:`SourceSpan`), or
    ``None`` for text outside any table. ``heading`` is the level (1–6) of a line the source
    marks as a heading (HTML ``<h1>``–``<h6>``, Markdown ``#`` … ``######``), else ``None``.
    """

    cells: tuple[Cell, ...]
    table: int | None = None
    heading: int | None = None

    @property
    def text(self) -> str:
        """The cells' texts joined by a tab."""
        return "\t".join(c.text for c in self.cells)


@attrs.frozen(kw_only=True)
class Layout:
    """A source document as lines of located cells, in reading order.

    ``meta`` holds what the source states about itself outside its text, when a front-end can
    read it: ``"title"`` (an HTML page's ``<title>``), ``"published"`` (a page's publication
    date or time as the page states it), ``"url"`` (the page's own address).
    """

    kind: SourceKind
    lines: tuple[Line, ...]
    source: str | None = None
    meta: Mapping[str, str] = attrs.field(factory=dict, hash=False)
