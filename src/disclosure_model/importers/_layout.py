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

from ..sources import SourceSpan

__all__ = ["Cell", "Layout", "Line", "SourceKind", "SourceSpan"]

SourceKind = Literal["text", "markdown", "html", "pdf"]
"""The kinds of source an importer reads."""


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
