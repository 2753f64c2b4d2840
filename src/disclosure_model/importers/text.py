"""The text and Markdown front-ends: copied or converted text into a :class:`~._layout.Layout`.

Text as people copy it out of a page, a Word file or a PDF: one cell per line, rows whose cells
are separated by tabs or ``|``, labels wrapped over lines, page footers (``- 1 -``). Each line
becomes a :class:`~._layout.Line`; a line with tabs or ``|`` becomes one cell per field, any
other line one cell (the interpreter splits it further at spaces). Page footers are dropped.

Markdown as converters produce it: pipe tables (``| a | b |``, separator rows dropped, each
table numbered in ``SourceSpan.table``), headings (``#`` marks dropped), emphasis marks and
backslash escapes removed, HTML line breaks (``<br>``) inside cells read as spaces.
"""

from __future__ import annotations

import re

import attrs

from ._layout import Cell, Layout, Line, SourceSpan

__all__ = ["layout_from_markdown", "layout_from_text", "looks_like_markdown"]

_FOOTER = re.compile(
    r"\s*(?:[-—–－]\s*[0-9]{1,4}\s*[-—–－]|第\s*[0-9]{1,4}\s*页(?:\s*[,，/]?\s*共\s*[0-9]{1,4}\s*页)?"
    r"|[0-9]{1,4}\s*/\s*[0-9]{1,4})\s*\Z"
)
_SEPARATOR = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*\Z")
_EMPHASIS = re.compile(r"(\*\*|__|\*(?=\S)|(?<=\S)\*)")
_BR = re.compile(r"<br\s*/?>", re.I)


def is_footer(text: str) -> bool:
    """Whether a line is a page footer or page number (``- 1 -``, ``第 1 页 共 6 页``)."""
    return bool(_FOOTER.match(text))


def _fields(text: str, sep: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = 0
    for part in text.split(sep):
        out.append((part, pos))
        pos += len(part) + len(sep)
    return out


def layout_from_text(text: str, *, name: str | None = None) -> Layout:
    """The layout of plain text: one line per text line, cells at tabs or ``|``."""
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or is_footer(raw):
            continue
        if "\t" in raw:
            fields = _fields(raw, "\t")
        elif raw.count("|") >= 2:
            fields = _fields(raw.strip().strip("|"), "|")
            shift = raw.index(raw.strip().strip("|")[:1] or "|")
            fields = [(f, p + shift) for f, p in fields]
        else:
            fields = [(raw, 0)]
        cells = tuple(
            Cell(
                text=f.strip(),
                span=SourceSpan(
                    source=name, line=number, column=pos + 1 + len(f) - len(f.lstrip())
                ),
            )
            for f, pos in fields
            if f.strip()
        )
        if cells:
            lines.append(Line(cells=cells))
    return Layout(kind="text", lines=tuple(lines), source=name)


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` reads as Markdown: pipe tables with separator rows, or ``#`` headings."""
    head = text[:20000]
    return bool(
        re.search(r"^\s*\|?\s*:?-{3,}:?\s*\|", head, re.M) or re.search(r"^#{1,6} \S", head, re.M)
    )


def _unmark(text: str) -> str:
    text = _BR.sub(" ", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)
    return _EMPHASIS.sub("", text).strip()


def layout_from_markdown(text: str, *, name: str | None = None) -> Layout:
    """The layout of Markdown: pipe-table rows as grid lines, other lines as text lines."""
    lines: list[Line] = []
    table = -1
    in_table = False
    row = 0
    html_block: list[str] = []
    html_start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if html_block or stripped.lower().startswith("<table"):
            # converters write tables with merged cells as HTML: read them as HTML
            if not html_block:
                html_start = number
            html_block.append(raw)
            if "</table>" in stripped.lower():
                table = _html_table(lines, "\n".join(html_block), html_start, table, name)
                html_block = []
            in_table = False
            continue
        if stripped.startswith("|") or (in_table and stripped.count("|") >= 1 and stripped):
            if _SEPARATOR.match(stripped):
                continue
            if not in_table:
                table, row, in_table = table + 1, 0, True
            body = stripped[1:] if stripped.startswith("|") else stripped
            body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
            offset = raw.index(stripped) + (1 if stripped.startswith("|") else 0)
            cells: list[Cell] = []
            pos = 0
            for col, part in enumerate(re.split(r"(?<!\\)\|", body)):
                cells.append(
                    Cell(
                        text=_unmark(part),
                        span=SourceSpan(
                            source=name,
                            line=number,
                            column=offset + pos + 1,
                            table=table,
                            row=row,
                            col=col,
                        ),
                    )
                )
                pos += len(part) + 1
            lines.append(Line(cells=tuple(cells), table=table))
            row += 1
            continue
        in_table = False
        if not stripped or is_footer(stripped):
            continue
        level = len(stripped) - len(stripped.lstrip("#")) if stripped.startswith("#") else 0
        content = _unmark(stripped.lstrip("#").strip() if level else stripped)
        if content:
            column = raw.index(stripped) + 1
            cell = Cell(text=content, span=SourceSpan(source=name, line=number, column=column))
            lines.append(Line(cells=(cell,), heading=level if 0 < level <= 6 else None))
    if html_block:
        table = _html_table(lines, "\n".join(html_block), html_start, table, name)
    return Layout(kind="markdown", lines=tuple(lines), source=name)


def _html_table(lines: list[Line], block: str, first: int, table: int, name: str | None) -> int:
    """Read an HTML table inside Markdown into ``lines``; returns the last table index used.

    Needs lxml (the ``import`` extra); without it the block is kept as text lines, so its
    numbers still reach the interpreter (and its findings) instead of being dropped.
    """
    try:
        from .html import layout_from_html

        fragment = layout_from_html(f"<html><body>{block}</body></html>", name=name)
    except ImportError:
        for offset, raw in enumerate(block.splitlines()):
            text = re.sub(r"<[^>]+>", " ", raw).strip()
            if text:
                span = SourceSpan(source=name, line=first + offset, column=1)
                lines.append(Line(cells=(Cell(text=text, span=span),)))
        return table
    tables: dict[int, int] = {}
    for line in fragment.lines:
        if line.table is None:
            continue
        index = tables.setdefault(line.table, table + 1 + len(tables))
        cells = tuple(
            Cell(
                text=c.text,
                span=attrs.evolve(
                    c.span,
                    table=index,
                    line=first + (c.span.line or 1) - 1,
                ),
            )
            for c in line.cells
        )
        lines.append(Line(cells=cells, table=index))
    return table + len(tables)
