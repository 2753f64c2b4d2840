"""GitHub-flavoured Markdown: the form's grids flattened to plain tables, text escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from ..findings import Language
from ._grid import Cell, Row, Table, printable
from ._marks import Mark

__all__ = [
    "SIGNS",
    "MarkdownTable",
    "Raw",
    "cell_text",
    "escape_markdown",
    "finalize",
    "markdown_tables",
]


class Raw(str):
    """Markdown the renderer built itself (already escaped): written as it is."""

    __slots__ = ()


_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\s*\d*)([#>+=.)-])", re.MULTILINE)


def _escape_inline(text: str) -> str:
    text = printable(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", text)


def escape_markdown(value: Any) -> str:
    """Text that renders as itself in GitHub Markdown: no markup, no HTML, no block syntax."""
    text = _escape_inline(str(value))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def finalize(value: Any) -> str:
    """Every ``{{ … }}`` of a Markdown template is escaped unless the renderer built it."""
    if value is None:
        return ""
    if isinstance(value, Raw):
        return str(value)
    return escape_markdown(value)


def _cell(text: str) -> str:
    return _escape_inline(text).replace("\n", "<br>")


def cell_text(value: Any) -> Raw:
    """Text for a table cell: escaped inline, line breaks as ``<br>`` (a filter of templates)."""
    return Raw(_cell(str(value)))


SIGNS = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


@attrs.frozen(kw_only=True)
class MarkdownTable:
    """One flattened table: an optional caption line above it and the table's Markdown."""

    caption: str
    text: Raw


def _resolve(rows: Sequence[Row]) -> list[list[Cell]]:
    """Place each cell in the grid of the printed table (rowspan and colspan resolved)."""
    grid: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[(r + dr, c + dc)] = cell
            c += cell.colspan
    width = max((c for _, c in grid), default=-1) + 1
    return [[grid[(r, c)] for c in range(width) if (r, c) in grid] for r in range(len(rows))]


def _distinct(cells: Sequence[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for cell in cells:
        if not any(cell is seen for seen in out):
            out.append(cell)
    return out


def _label(cells: Sequence[Cell], lang: Language) -> str:
    parts = []
    for cell in _distinct(cells):
        text = cell.text + (f" ({cell.en})" if lang == "en" and cell.en else "")
        parts.append(text)
    return " · ".join(parts)


def _value(cell: Cell, marks: dict[str, Mark], numbers: dict[str, int]) -> str:
    mark = marks.get(cell.pointer or "")
    text = _cell(cell.text)
    if mark is None:
        return text
    refs = ", ".join(str(numbers[i]) for i in mark.ids)
    return f"**{text or '∅'}** {SIGNS[mark.severity]}\\[{refs}\\]"


def _flatten(
    head: Sequence[Row], body: Sequence[Row], marks: dict[str, Mark], lang: Language, ids: bool
) -> Raw:
    grid = _resolve([*head, *body])
    width = len(grid[0]) if grid else 0
    top = len(head)
    keep = [
        j for j in range(width) if j == 0 or any(g[j] is not g[j - 1] for g in grid if len(g) > j)
    ]
    label_columns = [
        j for j in keep if body and all(grid[r][j].role != "value" for r in range(top, len(grid)))
    ]
    value_columns = [j for j in keep if j not in label_columns]
    numbers = {mark_id: int(mark_id.rsplit("-", 1)[1]) for m in marks.values() for mark_id in m.ids}
    header: list[str] = ["id"] if ids else []
    align: list[str] = ["---"] if ids else []
    if label_columns:
        header.append(_cell(_label([grid[r][j] for j in label_columns for r in range(top)], lang)))
        align.append("---")
    for j in value_columns:
        header.append(_cell(_label([grid[r][j] for r in range(top)], lang)))
        align.append("---:")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    for r, row in enumerate(body, top):
        cells: list[str] = [_cell(row.row_id)] if ids else []
        if label_columns:
            cells.append(_cell(_label([grid[r][j] for j in label_columns], lang)))
        cells += [_value(grid[r][j], marks, numbers) for j in value_columns]
        lines.append("| " + " | ".join(cells) + " |")
    return Raw("\n".join(lines))


def markdown_tables(
    tables: Sequence[Table], marks: dict[str, Mark], lang: Language
) -> dict[str, list[MarkdownTable]]:
    """Each table's flattened Markdown tables (one per Table 二 block), by table key."""
    out: dict[str, list[MarkdownTable]] = {}
    for table in tables:
        found: list[MarkdownTable] = []
        if table.head is None:  # Table 二: a caption row, a header row and data rows per block
            for body in table.bodies:
                caption, header, *rows = body.rows
                found.append(
                    MarkdownTable(
                        caption=caption.cells[0].text,
                        text=_flatten([header], rows, marks, lang, ids=True),
                    )
                )
        else:
            rows = [row for body in table.bodies for row in body.rows]
            ids = any(row.row_id for row in rows)
            found.append(
                MarkdownTable(
                    caption="", text=_flatten(table.head.rows, rows, marks, lang, ids=ids)
                )
            )
        out[table.key] = found
    return out
