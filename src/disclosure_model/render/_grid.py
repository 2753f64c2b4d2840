"""The form of a report as a grid of cells: what the HTML, Markdown and text renderers draw.

Built once from the model's metadata (field labels, ordinals and ids, the enums and
:mod:`disclosure_model.form`), so every output shows the same cells with the same labels and
merged headers. Value cells carry the JSON Pointer of their value.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Collection, Iterator
from decimal import Decimal
from typing import Any

import attrs

from ..enums import ApplicantType, Proceeding
from ..findings import pointer_from_path
from ..form import (
    APPLICANT_HEADER,
    BALANCE_NOTE,
    CONTENT_HEADER,
    GROUP_TITLES_EN,
    block_caption,
    column_label,
)
from ..meta import FieldInfo, ValueKind
from ..meta import fields_info as _fields_info
from ..report import AnnualReport, Narrative, Organ
from ..requests import ApplicantRow, Requests
from ..reviews import ReviewGroup, ReviewsAndLitigation

__all__ = [
    "Cell",
    "Field",
    "Row",
    "Section",
    "Table",
    "format_value",
    "printable",
    "report_fields",
    "tables",
]


@attrs.frozen(kw_only=True)
class Cell:
    """One printed cell. ``role`` is ``caption``, ``corner``, ``header``, ``label`` or ``value``."""

    role: str
    text: str
    en: str = ""
    colspan: int = 1
    rowspan: int = 1
    pointer: str | None = None
    kind: ValueKind | None = None
    label: str = ""  # a value cell: the labels of its row and column, for tooltips and lists

    @property
    def is_header(self) -> bool:
        """Whether the cell is drawn as a header (``<th>``)."""
        return self.role != "value"


@attrs.frozen(kw_only=True)
class Row:
    """One printed row; ``row_id`` is the model's row id (``R3.3.1``, ``B1.2``) where it has one."""

    cells: tuple[Cell, ...]
    row_id: str = ""
    pointer: str = ""


@attrs.frozen(kw_only=True)
class Section:
    """A group of rows printed together: the header of a table, or one block of Table 二."""

    rows: tuple[Row, ...]


@attrs.frozen(kw_only=True)
class Table:
    """One of Tables 二, 三, 四: its heading, header rows (``head``) and bodies."""

    key: str
    pointer: str
    heading: str
    heading_en: str
    width: int
    head: Section | None
    bodies: tuple[Section, ...]

    def rows(self) -> Iterator[Row]:
        """Every row, header rows first, in printed order."""
        if self.head is not None:
            yield from self.head.rows
        for body in self.bodies:
            yield from body.rows

    def value_cells(self) -> Iterator[Cell]:
        """Every value cell in printed order."""
        for row in self.rows():
            yield from (c for c in row.cells if c.role == "value")


@attrs.frozen(kw_only=True)
class Field:
    """A value of the title block or a prose section: label, text and pointer."""

    label: str
    en: str
    text: str
    pointer: str
    kind: ValueKind


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def printable(text: str) -> str:
    """Text as a page can hold it: control characters and lone surrogates, which JSON text may
    carry but no HTML page or UTF-8 file can, become U+FFFD. Only the drawing changes."""
    return _UNPRINTABLE.sub("\ufffd", text)


def format_value(value: Any) -> str:
    """A value as the form prints it (amounts in plain decimal notation, never ``1E+3``)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label_zh", value.value))
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


# The labels of a class never change: read them once per class, not once per drawn cell.
_FIELDS: dict[type, dict[str, FieldInfo]] = {}


def fields_info(cls: type) -> dict[str, FieldInfo]:
    """:func:`disclosure_model.meta.fields_info`, read once per class (do not change it)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = _fields_info(cls)
    return found


def field_info(cls: type, name: str) -> FieldInfo:
    """:func:`disclosure_model.meta.field_info`, from the per-class cache."""
    return fields_info(cls)[name]


_APPLICANTS = {a.code: a for a in ApplicantType}


def _pointer(*path: str) -> str:
    return pointer_from_path(path)


def _value(info: FieldInfo, value: Any, pointer: str, label: str, colspan: int = 1) -> Cell:
    return Cell(
        role="value",
        text=format_value(value),
        colspan=colspan,
        pointer=pointer,
        kind=info.kind,
        label=label,
    )


# --- the title block and the prose --------------------------------------------------------------


def report_fields(report: AnnualReport, flagged: Collection[str] = ()) -> list[Field]:
    """The title block's values: the organ's, then the report's own scalars, in form order.

    Absent optional values are left out unless their pointer is in ``flagged`` (a finding is
    about them), so that such a finding has its place on the page.
    """
    out: list[Field] = []
    parts = [(("organ",), Organ, report.organ), ((), AnnualReport, report)]
    for path, cls, node in parts:
        for name, info in fields_info(cls).items():
            if info.kind is ValueKind.OBJECT:
                continue
            value = getattr(node, name)
            pointer = _pointer(*path, name)
            if value is None and pointer not in flagged:
                continue
            text = format_value(value)
            if value is not None and name == "edition" and cls is AnnualReport:
                text = f"{report.edition.document}《{report.edition.label_zh}》"
            out.append(
                Field(
                    label=info.label_zh,
                    en=info.title_en,
                    text=text,
                    pointer=pointer,
                    kind=info.kind,
                )
            )
    return out


def prose(report: AnnualReport, name: str) -> Field:
    """A prose section (``overview``, ``problems_and_improvements``, ``other_matters``)."""
    info = field_info(Narrative, name)
    text = getattr(report.narrative, name, None) if report.narrative is not None else None
    return Field(
        label=info.printed_label,
        en=info.title_en,
        text=text or "",
        pointer=_pointer("narrative", name),
        kind=info.kind,
    )


# --- Table 二 ---------------------------------------------------------------------------------


def _table_2(report: AnnualReport) -> Table:
    table = report.proactive_disclosure
    info = field_info(AnnualReport, "proactive_disclosure")
    rows = list(table.rows())
    width = 1 + max(len(fields_info(type(row))) for _, _, row in rows)
    blocks: list[list[tuple[str, FieldInfo, Any]]] = []
    for entry in rows:
        if blocks and block_caption(blocks[-1][0][1]) == block_caption(entry[1]):
            blocks[-1].append(entry)
        else:
            blocks.append([entry])
    bodies: list[Section] = []
    for block in blocks:
        first_info = block[0][1]
        cls = type(block[0][2])
        columns = fields_info(cls)
        spans = [1] * len(columns)
        spans[-1] = width - len(columns)
        caption = Cell(role="caption", text=block_caption(first_info), colspan=width)
        header = [Cell(role="header", text=CONTENT_HEADER.zh, en=CONTENT_HEADER.en)]
        header += [
            Cell(role="header", text=column_label(cls, name), en=col.title_en, colspan=span)
            for (name, col), span in zip(columns.items(), spans, strict=True)
        ]
        out = [Row(cells=(caption,)), Row(cells=tuple(header))]
        for key, row_info, row in block:
            cells = [Cell(role="label", text=row_info.printed_label, en=row_info.title_en)]
            for (name, col), span in zip(columns.items(), spans, strict=True):
                label = f"{block_caption(row_info)} {row_info.label_zh} · {col.label_zh}"
                pointer = _pointer("proactive_disclosure", key, name)
                cells.append(_value(col, getattr(row, name), pointer, label, span))
            out.append(
                Row(
                    cells=tuple(cells),
                    row_id=row_info.id,
                    pointer=_pointer("proactive_disclosure", key),
                )
            )
        bodies.append(Section(rows=tuple(out)))
    return Table(
        key="proactive_disclosure",
        pointer="/proactive_disclosure",
        heading=info.printed_label,
        heading_en=info.title_en,
        width=width,
        head=None,
        bodies=tuple(bodies),
    )


# --- Table 三 ---------------------------------------------------------------------------------


def _applicant_values(row: ApplicantRow, path: tuple[str, ...], row_label: str) -> list[Cell]:
    cells = []
    for name, col in fields_info(ApplicantRow).items():
        label = f"{row_label} · {col.label_zh}"
        cells.append(_value(col, getattr(row, name), _pointer(*path, name), label))
    return cells


def _applicant_group(name: str) -> str:
    """The group label printed over a Table 三 column (``""`` for 自然人 and 总计)."""
    return _APPLICANTS[name].group_zh if name in _APPLICANTS else ""


def _table_3_head() -> Section:
    columns = fields_info(ApplicantRow)
    first = (
        Cell(role="corner", text=BALANCE_NOTE.zh, en=BALANCE_NOTE.en, colspan=3, rowspan=3),
        Cell(role="header", text=APPLICANT_HEADER.zh, en=APPLICANT_HEADER.en, colspan=len(columns)),
    )
    second: list[Cell] = []
    third: list[Cell] = []
    for name, col in columns.items():
        group = _applicant_group(name)
        if not group:
            second.append(Cell(role="header", text=col.label_zh, en=col.title_en, rowspan=2))
            continue
        if not third or _applicant_group(_previous(columns, name)) != group:
            members = sum(1 for n in columns if _applicant_group(n) == group)
            en = GROUP_TITLES_EN.get(group, "")
            second.append(Cell(role="header", text=group, en=en, colspan=members))
        third.append(Cell(role="header", text=col.label_zh, en=col.title_en))
    return Section(rows=(Row(cells=first), Row(cells=tuple(second)), Row(cells=tuple(third))))


def _previous(columns: dict[str, FieldInfo], name: str) -> str:
    names = list(columns)
    at = names.index(name)
    return names[at - 1] if at else ""


def _table_3(report: AnnualReport) -> Table:
    requests = report.requests
    info = field_info(AnnualReport, "requests")
    body: list[Row] = []

    def top(name: str) -> None:
        row_info = field_info(Requests, name)
        label = Cell(role="label", text=row_info.printed_label, en=row_info.title_en, colspan=3)
        path = ("requests", name)
        body.append(
            Row(
                cells=(
                    label,
                    *_applicant_values(getattr(requests, name), path, row_info.printed_label),
                ),
                row_id=row_info.id,
                pointer=_pointer(*path),
            )
        )

    top("new_received")
    top("carried_over")
    outcomes = requests.outcomes
    outcome_rows: list[Row] = []
    for name, group_info in fields_info(type(outcomes)).items():
        node = getattr(outcomes, name)
        if isinstance(node, ApplicantRow):
            path = ("requests", "outcomes", name)
            label = Cell(
                role="label", text=group_info.printed_label, en=group_info.title_en, colspan=2
            )
            outcome_rows.append(
                Row(
                    cells=(label, *_applicant_values(node, path, group_info.printed_label)),
                    row_id=group_info.id,
                    pointer=_pointer(*path),
                )
            )
            continue
        members = fields_info(type(node))
        for index, (key, row_info) in enumerate(members.items()):
            member_path = ("requests", "outcomes", name, key)
            cells: list[Cell] = []
            if index == 0:
                cells.append(
                    Cell(
                        role="label",
                        text=group_info.printed_label,
                        en=group_info.title_en,
                        rowspan=len(members),
                    )
                )
            cells.append(Cell(role="label", text=row_info.printed_label, en=row_info.title_en))
            row_label = f"{group_info.printed_label} {row_info.printed_label}"
            cells += _applicant_values(getattr(node, key), member_path, row_label)
            outcome_rows.append(
                Row(cells=tuple(cells), row_id=row_info.id, pointer=_pointer(*member_path))
            )
    outcomes_info = field_info(Requests, "outcomes")
    group_cell = Cell(
        role="label",
        text=outcomes_info.printed_label,
        en=outcomes_info.title_en,
        rowspan=len(outcome_rows),
    )
    if outcome_rows:
        first = outcome_rows[0]
        outcome_rows[0] = attrs.evolve(first, cells=(group_cell, *first.cells))
    body.extend(outcome_rows)
    top("carried_forward")
    return Table(
        key="requests",
        pointer="/requests",
        heading=info.printed_label,
        heading_en=info.title_en,
        width=3 + len(fields_info(ApplicantRow)),
        head=_table_3_head(),
        bodies=(Section(rows=tuple(body)),),
    )


# --- Table 四 ---------------------------------------------------------------------------------


def _table_4(report: AnnualReport) -> Table:
    table = report.reviews_and_litigation
    info = field_info(AnnualReport, "reviews_and_litigation")
    columns = fields_info(ReviewGroup)
    first: list[Cell] = []
    second: list[Cell] = []
    third: list[Cell] = []
    values: list[Cell] = []
    seen: dict[str, int] = {}
    for name in fields_info(ReviewsAndLitigation):
        proceeding = Proceeding(name)
        group = proceeding.label_group_zh
        alone = group == proceeding.label_zh
        if group in seen:
            at = seen[group]
            first[at] = attrs.evolve(first[at], colspan=first[at].colspan + len(columns))
        else:
            seen[group] = len(first)
            en = proceeding.title_en if alone else GROUP_TITLES_EN.get(group, "")
            first.append(Cell(role="header", text=group, en=en, colspan=len(columns)))
        column_cells = [
            Cell(role="header", text=c.label_zh, en=c.title_en) for c in columns.values()
        ]
        if alone:
            second += [attrs.evolve(c, rowspan=2) for c in column_cells]
        else:
            second.append(
                Cell(
                    role="header",
                    text=proceeding.label_zh,
                    en=proceeding.title_en,
                    colspan=len(columns),
                )
            )
            third += column_cells
        group_row = table.group(proceeding)
        for key, col in columns.items():
            where = group if alone else f"{group}·{proceeding.label_zh}"
            values.append(
                _value(
                    col,
                    getattr(group_row, key),
                    _pointer("reviews_and_litigation", name, key),
                    f"{where} · {col.label_zh}",
                )
            )
    head_rows = [Row(cells=tuple(first)), Row(cells=tuple(second))]
    if third:
        head_rows.append(Row(cells=tuple(third)))
    return Table(
        key="reviews_and_litigation",
        pointer="/reviews_and_litigation",
        heading=info.printed_label,
        heading_en=info.title_en,
        width=len(values),
        head=Section(rows=tuple(head_rows)),
        bodies=(Section(rows=(Row(cells=tuple(values), pointer="/reviews_and_litigation"),)),),
    )


def tables(report: AnnualReport) -> tuple[Table, Table, Table]:
    """Tables 二, 三 and 四 of ``report``, as its edition prints them."""
    return _table_2(report), _table_3(report), _table_4(report)
