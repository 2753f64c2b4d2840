"""Tidy export: one row per cell of every report, or one row of indicators per report.

Researchers load the tables straight into pandas, R or DuckDB. A cell row names where it comes
from (``source``, ``line`` in a JSON Lines file), whose report it is (``organ``,
``division_code``, ``year``, ``edition``), which cell (``table`` 二/三/四, ``row`` and ``column``
ids, their Chinese labels and ``unit`` — all read from the model's metadata — and the cell's JSON
``pointer``) and its value: counts in ``value`` (an integer), amounts in ``amount`` (exact
decimal digits, never through binary float); ``kind`` says which. The columns are declared once,
in :data:`CELL_COLUMNS`, and every format writes them:

``csv``
    UTF-8, a header line, empty fields for missing values.
``jsonl``
    One JSON object a line; amounts as JSON numbers with their exact digits.
``parquet``
    Typed columns (``int64``, ``decimal128(38, 10)``, strings) through pyarrow, the optional
    ``parquet`` extra; an amount that would not fit exactly is an :class:`ExportError`.

:func:`report_from_rows` turns the cell rows of one report back into that report's tables.
"""

from __future__ import annotations

import csv
import functools
import io
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import IO, Any, Protocol

import attrs

from .codec import from_dict
from .enums import Edition
from .findings import Finding
from .indicators import INDICATORS, compute
from .meta import METADATA_KEY, FieldInfo, ValueKind
from .output import to_json_text
from .report import AnnualReport, part_class
from .rules.engine import TABLE_NAMES

__all__ = [
    "CELL_COLUMNS",
    "EXPORT_FORMATS",
    "INDICATOR_COLUMNS",
    "CellRow",
    "Column",
    "ExportError",
    "TableWriter",
    "TextSink",
    "cell_rows",
    "cell_values",
    "indicator_row",
    "report_from_rows",
]

EXPORT_FORMATS = ("csv", "jsonl", "parquet")
"""The formats :class:`TableWriter` writes."""

_TABLES = ("proactive_disclosure", "requests", "reviews_and_litigation")
_PARQUET_SCALE = 10


class TextSink(Protocol):
    """Anything text can be written to (a text file, :class:`io.StringIO`, standard output)."""

    def write(self, text: str, /) -> Any:
        """Write ``text``."""


class ExportError(ValueError):
    """A value that a format cannot hold exactly, or a format that needs a missing extra."""


@attrs.frozen(kw_only=True)
class Column:
    """One column of an export: its name and type (``string``, ``int64``, ``float64``,
    ``decimal``)."""

    name: str
    type: str
    description: str = ""


_SOURCE_COLUMNS = (
    Column(name="source", type="string", description="the file the report was read from"),
    Column(name="line", type="int64", description="the line in a JSON Lines file, else empty"),
    Column(name="organ", type="string", description="机关名称"),
    Column(name="division_code", type="string", description="行政区划代码, if given"),
    Column(name="year", type="int64", description="统计年度"),
    Column(name="edition", type="string", description="the format edition (2019, 2021)"),
)

CELL_COLUMNS: tuple[Column, ...] = (
    *_SOURCE_COLUMNS,
    Column(name="table", type="string", description="二, 三 or 四"),
    Column(name="row", type="string", description="the row id (B1.1, R3.3.1, G1)"),
    Column(name="column", type="string", description="the column id (the JSON key)"),
    Column(name="row_label_zh", type="string", description="the row's label on the form"),
    Column(name="column_label_zh", type="string", description="the column's label on the form"),
    Column(name="unit", type="string", description="a printed unit (万元), else empty"),
    Column(name="pointer", type="string", description="the cell's JSON Pointer"),
    Column(name="kind", type="string", description="count, signed_count or amount"),
    Column(name="value", type="int64", description="the count (empty for an amount)"),
    Column(name="amount", type="decimal", description="the amount, exact (empty for a count)"),
)
"""The columns of a cell export, in order."""

INDICATOR_COLUMNS: tuple[Column, ...] = (
    *_SOURCE_COLUMNS,
    *(
        Column(
            name=i.name,
            type="float64" if i.unit == "ratio" else "int64",
            description=f"{i.name_zh}: {i.formula}",
        )
        for i in INDICATORS
    ),
)
"""The columns of an indicator export (one row per report), in order."""


@attrs.frozen
class CellRow:
    """One cell of one report (the fields of :data:`CELL_COLUMNS`)."""

    source: str | None
    line: int | None
    organ: str
    division_code: str | None
    year: int
    edition: str
    table: str
    row: str
    column: str
    row_label_zh: str
    column_label_zh: str
    unit: str
    pointer: str
    kind: str
    value: int | None
    amount: Decimal | None

    def to_dict(self) -> dict[str, Any]:
        """The row as a mapping of column name to value."""
        return {c.name: getattr(self, c.name) for c in CELL_COLUMNS}


def _walk(
    cls: type, edition: Edition, path: list[str], row: FieldInfo | None
) -> Iterator[tuple[list[str], FieldInfo, FieldInfo]]:
    for a in attrs.fields(cls):
        info: FieldInfo = a.metadata[METADATA_KEY]
        if info.kind is ValueKind.OBJECT:
            yield from _walk(part_class(a, edition), edition, [*path, a.name], info)
        else:
            assert row is not None
            yield [*path, a.name], row, info


@attrs.frozen
class _Cell:
    """What is the same for a cell in every report of one edition: read from the metadata once."""

    get: Callable[[Any], Any]
    table: str
    row: str
    column: str
    row_label_zh: str
    column_label_zh: str
    unit: str
    pointer: str
    kind: str
    amount: bool


@functools.cache
def _cells(edition: Edition) -> tuple[_Cell, ...]:
    fields = attrs.fields_dict(AnnualReport)
    out: list[_Cell] = []
    for table in _TABLES:
        cls = part_class(fields[table], edition)
        for path, row, column in _walk(cls, edition, [table], None):
            out.append(
                _Cell(
                    get=operator.attrgetter(".".join(path)),
                    table=TABLE_NAMES[table],
                    row=row.id or path[-2],
                    column=path[-1],
                    row_label_zh=row.label_zh,
                    column_label_zh=column.label_zh,
                    unit=column.unit,
                    pointer="/" + "/".join(path),
                    kind=column.kind.value,
                    amount=column.kind is ValueKind.AMOUNT,
                )
            )
    return tuple(out)


def cell_values(
    report: AnnualReport, *, source: str | None = None, line: int | None = None
) -> Iterator[tuple[Any, ...]]:
    """The cell rows of ``report`` as tuples in the order of :data:`CELL_COLUMNS` (the fast
    form of :func:`cell_rows`, for writing many)."""
    organ = report.organ
    head = (source, line, organ.name, organ.division_code, report.year, report.edition.value)
    for c in _cells(report.edition):
        value = c.get(report)
        yield (
            *head,
            c.table,
            c.row,
            c.column,
            c.row_label_zh,
            c.column_label_zh,
            c.unit,
            c.pointer,
            c.kind,
            None if c.amount else value,
            value if c.amount else None,
        )


def cell_rows(
    report: AnnualReport, *, source: str | None = None, line: int | None = None
) -> Iterator[CellRow]:
    """Every cell of Tables 二, 三 and 四 of ``report``, in the form's order."""
    for values in cell_values(report, source=source, line=line):
        yield CellRow(*values)


def indicator_row(
    report: AnnualReport,
    findings: Sequence[Finding] = (),
    *,
    source: str | None = None,
    line: int | None = None,
) -> dict[str, Any]:
    """One row of :data:`INDICATOR_COLUMNS` for ``report`` (``findings``: its findings)."""
    return {
        "source": source,
        "line": line,
        "organ": report.organ.name,
        "division_code": report.organ.division_code,
        "year": report.year,
        "edition": report.edition.value,
        **compute(report, findings),
    }


def report_from_rows(rows: Iterable[CellRow | Mapping[str, Any]]) -> AnnualReport:
    """The report whose cells ``rows`` are (the rows of one report, as exported).

    Organ name and division code, year, edition and every table cell come back; what the
    export does not carry (narrative, dates, organ kind and level) is left out. Raises
    :class:`~disclosure_model.DocumentError` when the rows do not make a whole report.
    """
    document: dict[str, Any] = {}
    for given in rows:
        row = given.to_dict() if isinstance(given, CellRow) else dict(given)
        if not document:
            organ: dict[str, Any] = {"name": row["organ"]}
            if row.get("division_code"):
                organ["division_code"] = row["division_code"]
            document = {"edition": row["edition"], "year": int(row["year"]), "organ": organ}
        keys = str(row["pointer"]).strip("/").split("/")
        node = document
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        if row["kind"] == ValueKind.AMOUNT.value:
            node[keys[-1]] = Decimal(str(row["amount"]))
        else:
            node[keys[-1]] = int(row["value"])
    return from_dict(document)


# --- writers -------------------------------------------------------------------------------


class TableWriter:
    """Writes rows of ``columns`` in ``format`` to ``out``, streaming.

    ``out`` is a text stream for ``csv`` and ``jsonl``, a binary stream or a path for
    ``parquet``. Use as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        out: TextSink | IO[bytes] | str,
        *,
        format: str,
        columns: Sequence[Column] = CELL_COLUMNS,
    ) -> None:
        if format not in EXPORT_FORMATS:
            raise ExportError(f"no export format {format!r} (known: {', '.join(EXPORT_FORMATS)})")
        self.format = format
        self.columns = tuple(columns)
        self.rows = 0
        target: Any = out  # a text sink, or for Parquet a path or a binary stream
        self._out = target
        self._names = tuple(c.name for c in self.columns)
        self._buffer = io.StringIO()  # text formats: written out in pieces of about 64 KiB
        self._pending: list[Sequence[Any]] = []
        self._parquet: Any = None
        if format == "csv":
            # RFC 4180 line ends: the writer then quotes a field holding a lone \r too
            self._csv = csv.writer(self._buffer, lineterminator="\r\n")
            self._csv.writerow([c.name for c in self.columns])
        elif format == "parquet":
            self._start_parquet()

    def _start_parquet(self) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ExportError(
                "Parquet export needs the 'parquet' extra: pip install 'disclosure-model[parquet]'"
            ) from None
        types = {
            "string": pa.string(),
            "int64": pa.int64(),
            "float64": pa.float64(),
            "decimal": pa.decimal128(38, _PARQUET_SCALE),
        }
        self._schema = pa.schema([pa.field(c.name, types[c.type]) for c in self.columns])
        self._pa = pa
        self._parquet = pq.ParquetWriter(self._out, self._schema)

    def write(self, row: Mapping[str, Any]) -> None:
        """Write one row (a mapping of column name to value; a missing column is empty)."""
        self.write_values(tuple(row.get(c.name) for c in self.columns))

    def write_values(self, values: Sequence[Any]) -> None:
        """Write one row given as its values in the order of the columns."""
        self.write_many((values,))

    def write_many(self, rows: Iterable[Sequence[Any]]) -> None:
        """Write rows given as their values in the order of the columns (``None``: empty)."""
        if self.format == "parquet":
            for values in rows:
                self.rows += 1
                self._pending.append(values)
                if len(self._pending) >= 8192:
                    self._flush_parquet()
            return
        if self.format == "csv":
            chunk = list(rows)
            self._csv.writerows(chunk)
            self.rows += len(chunk)
        else:
            for values in rows:
                self.rows += 1
                line = dict(zip(self._names, values, strict=True))
                self._buffer.write(to_json_text(line) + "\n")
        if self._buffer.tell() >= 1 << 16:
            self._flush_text()

    def _flush_text(self) -> None:
        text = self._buffer.getvalue()
        if text:
            self._out.write(text)
            self._buffer.seek(0)
            self._buffer.truncate()

    def _flush_parquet(self) -> None:
        if not self._pending:
            return
        data = {name: [r[i] for r in self._pending] for i, name in enumerate(self._names)}
        try:
            table = self._pa.Table.from_pydict(data, schema=self._schema)
        except (self._pa.ArrowInvalid, self._pa.ArrowTypeError) as exc:
            raise ExportError(f"a value does not fit its Parquet column exactly: {exc}") from exc
        self._parquet.write_table(table)
        self._pending = []

    def close(self) -> None:
        """Finish the output (writes the last Parquet row group and the file's footer)."""
        if self.format != "parquet":
            self._flush_text()
        if self._parquet is not None:
            try:
                self._flush_parquet()
            finally:
                self._parquet.close()
                self._parquet = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def to_csv(rows: Iterable[CellRow]) -> str:
    """The cell rows as CSV text (a small convenience; use :class:`TableWriter` to stream)."""
    buffer = io.StringIO()
    with TableWriter(buffer, format="csv") as writer:
        for row in rows:
            writer.write(row.to_dict())
    return buffer.getvalue()
