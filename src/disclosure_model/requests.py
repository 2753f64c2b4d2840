"""Table 三 — 收到和处理政府信息公开申请情况 (requests received and handled).

Both editions share the table except one row group: （六）其他处理 is a single row (R3.6) in the
2019 edition and a group of three rows (R3.6.1–R3.6.3) in the 2021 edition. ``Outcomes.other``
holds an :class:`ApplicantRow` or an :class:`OtherOutcomes` accordingly.

Sums and balances are not checked here; an inconsistent table loads and the rules report it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

import attrs

from ._columns import Columns, SupportsItems
from .enums import ApplicantType, Disposition, DispositionGroup, Edition, RequestsRow
from .meta import ValueKind, cell, part
from .sums import SumRule, Term, minus, previous, terms

__all__ = [
    "SUM_RULES",
    "TOTAL",
    "ApplicantRow",
    "Column",
    "NotProcessed",
    "OtherOutcomes",
    "Outcomes",
    "Requests",
    "RequestsRowEntry",
    "RowName",
    "Unavailable",
    "Withheld",
    "requests_row",
]

TOTAL: Literal["total"] = "total"
"""The 总计 column of Table 三 (and of each Table 四 group)."""

Column = ApplicantType | Literal["total"]
"""A column of Table 三: an applicant type, or ``"total"`` (the methods take their codes too)."""

RowName = Disposition | RequestsRow | str
"""A row of Table 三: a :class:`Disposition` or :class:`RequestsRow` member, its code
(``"not_held"``) or its row id (``"R3.4.1"``)."""

_ROWS_BY_NAME: dict[str, Disposition | RequestsRow] = {
    name: member for member in (*Disposition, *RequestsRow) for name in (member.code, member.row_id)
}


def requests_row(which: RowName) -> Disposition | RequestsRow:
    """The :class:`Disposition` or :class:`RequestsRow` named by a member, code or row id.

    Raises :class:`KeyError` for a name that is no row of Table 三.
    """
    if isinstance(which, (Disposition, RequestsRow)):
        return which
    if isinstance(which, str) and which in _ROWS_BY_NAME:
        return _ROWS_BY_NAME[which]
    raise KeyError(
        f"{which!r} is not a row of Table 三: give a Disposition or RequestsRow, "
        'its code ("not_held") or its row id ("R3.4.1")'
    )


def _applicant(a: ApplicantType) -> Any:
    return cell(ValueKind.COUNT, label_zh=a.label_zh, title=a.title_en, id=a.code)


@attrs.frozen(kw_only=True)
class ApplicantRow(Columns[Column]):
    """One row of Table 三: a count per applicant type, and the row's 总计."""

    _enum: ClassVar[type[ApplicantType]] = ApplicantType
    _table: ClassVar[str] = "Table 三"

    natural_person: int = _applicant(ApplicantType.NATURAL_PERSON)
    commercial_enterprise: int = _applicant(ApplicantType.COMMERCIAL_ENTERPRISE)
    research_institution: int = _applicant(ApplicantType.RESEARCH_INSTITUTION)
    social_welfare_organization: int = _applicant(ApplicantType.SOCIAL_WELFARE_ORGANIZATION)
    legal_service_organization: int = _applicant(ApplicantType.LEGAL_SERVICE_ORGANIZATION)
    other_organization: int = _applicant(ApplicantType.OTHER_ORGANIZATION)
    total: int = cell(ValueKind.COUNT, label_zh="总计", title="Total", id="total")

    @classmethod
    def zero(cls) -> ApplicantRow:
        """A row of zeros."""
        return cls(
            natural_person=0,
            commercial_enterprise=0,
            research_institution=0,
            social_welfare_organization=0,
            legal_service_organization=0,
            other_organization=0,
            total=0,
        )

    @classmethod
    def from_counts(
        cls, counts: SupportsItems[ApplicantType | str, int] | None = None, **by_code: int
    ) -> ApplicantRow:
        """A row from per-applicant counts (missing ones are 0), with ``total`` as their sum.

        ``counts`` is keyed by :class:`ApplicantType` or its code; keywords take codes.

        :param counts: counts by applicant type (a member or its code); a missing type is 0
        :param by_code: counts by column key (``natural_person=3``)
        """
        values: dict[str, int] = {a.code: 0 for a in ApplicantType}
        for applicant, value in (counts or {}).items():
            if str(applicant) not in values:
                raise TypeError(f"unknown applicant type {applicant!r}")
            values[str(applicant)] = value
        for code, value in by_code.items():
            if code not in values:
                raise TypeError(f"unknown applicant type {code!r}")
            values[code] = value
        return cls(**values, total=sum(values.values()))


def _row(d: Disposition) -> Any:
    return part(ApplicantRow, label_zh=d.label_zh, ordinal=d.ordinal, title=d.title_en, id=d.row_id)


def _group(g: DispositionGroup, cls: type | tuple[type, ...]) -> Any:
    return part(cls, label_zh=g.label_zh, ordinal=g.ordinal, title=g.title_en)


@attrs.frozen(kw_only=True)
class Withheld:
    """（三）不予公开: the eight reasons for withholding (R3.3.1–R3.3.8)."""

    state_secret: ApplicantRow = _row(Disposition.STATE_SECRET)
    prohibited_by_law: ApplicantRow = _row(Disposition.PROHIBITED_BY_LAW)
    security_and_stability: ApplicantRow = _row(Disposition.SECURITY_AND_STABILITY)
    third_party_rights: ApplicantRow = _row(Disposition.THIRD_PARTY_RIGHTS)
    internal_affairs: ApplicantRow = _row(Disposition.INTERNAL_AFFAIRS)
    process_information: ApplicantRow = _row(Disposition.PROCESS_INFORMATION)
    enforcement_case_files: ApplicantRow = _row(Disposition.ENFORCEMENT_CASE_FILES)
    administrative_inquiry: ApplicantRow = _row(Disposition.ADMINISTRATIVE_INQUIRY)


@attrs.frozen(kw_only=True)
class Unavailable:
    """（四）无法提供: the three reasons the information cannot be provided (R3.4.1–R3.4.3)."""

    not_held: ApplicantRow = _row(Disposition.NOT_HELD)
    requires_compilation: ApplicantRow = _row(Disposition.REQUIRES_COMPILATION)
    unclear_after_correction: ApplicantRow = _row(Disposition.UNCLEAR_AFTER_CORRECTION)


@attrs.frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理: the five reasons a request is not processed (R3.5.1–R3.5.5)."""

    petition_or_complaint: ApplicantRow = _row(Disposition.PETITION_OR_COMPLAINT)
    duplicate: ApplicantRow = _row(Disposition.DUPLICATE)
    publication_requested: ApplicantRow = _row(Disposition.PUBLICATION_REQUESTED)
    excessive: ApplicantRow = _row(Disposition.EXCESSIVE)
    confirmation_requested: ApplicantRow = _row(Disposition.CONFIRMATION_REQUESTED)


@attrs.frozen(kw_only=True)
class OtherOutcomes:
    """（六）其他处理 in the 2021 edition: three rows (R3.6.1–R3.6.3)."""

    no_correction: ApplicantRow = _row(Disposition.NO_CORRECTION)
    fee_unpaid: ApplicantRow = _row(Disposition.FEE_UNPAID)
    other: ApplicantRow = _row(Disposition.OTHER_OTHER)


@attrs.frozen(kw_only=True)
class Outcomes:
    """三、本年度办理结果: every outcome row, and （七）总计 (R3.7)."""

    disclosed: ApplicantRow = _row(Disposition.DISCLOSED)
    partially_disclosed: ApplicantRow = _row(Disposition.PARTIALLY_DISCLOSED)
    withheld: Withheld = _group(DispositionGroup.WITHHELD, Withheld)
    unavailable: Unavailable = _group(DispositionGroup.UNAVAILABLE, Unavailable)
    not_processed: NotProcessed = _group(DispositionGroup.NOT_PROCESSED, NotProcessed)
    other: ApplicantRow | OtherOutcomes = part(
        (ApplicantRow, OtherOutcomes),
        label_zh=DispositionGroup.OTHER.label_zh,
        ordinal=DispositionGroup.OTHER.ordinal,
        title=DispositionGroup.OTHER.title_en,
        id=Disposition.OTHER.row_id,
    )
    total: ApplicantRow = part(
        ApplicantRow,
        label_zh=RequestsRow.OUTCOMES_TOTAL.label_zh,
        ordinal=RequestsRow.OUTCOMES_TOTAL.ordinal,
        title=RequestsRow.OUTCOMES_TOTAL.title_en,
        id=RequestsRow.OUTCOMES_TOTAL.row_id,
    )


@attrs.frozen(kw_only=True)
class RequestsRowEntry:
    """One data row of Table 三 as met in the form's order (see :meth:`Requests.rows`)."""

    which: Disposition | RequestsRow
    row: ApplicantRow

    @property
    def row_id(self) -> str:
        """The row id (``R1`` … ``R4``)."""
        return self.which.row_id

    @property
    def pointer(self) -> str:
        """The JSON Pointer of the row in a report document."""
        return "/requests/" + "/".join(self.which.path)


_ROW = {
    RequestsRow.NEW_RECEIVED: lambda r: r.new_received,
    RequestsRow.CARRIED_OVER: lambda r: r.carried_over,
    RequestsRow.OUTCOMES_TOTAL: lambda r: r.outcomes.total,
    RequestsRow.CARRIED_FORWARD: lambda r: r.carried_forward,
}


@attrs.frozen(kw_only=True)
class Requests:
    """Table 三 — requests received and handled, by applicant type.

    The corner note of the form states its balance: R1 + R2 = R3.7 + R4 in each column.
    """

    new_received: ApplicantRow = part(
        ApplicantRow,
        label_zh=RequestsRow.NEW_RECEIVED.label_zh,
        ordinal=RequestsRow.NEW_RECEIVED.ordinal,
        title=RequestsRow.NEW_RECEIVED.title_en,
        id=RequestsRow.NEW_RECEIVED.row_id,
    )
    carried_over: ApplicantRow = part(
        ApplicantRow,
        label_zh=RequestsRow.CARRIED_OVER.label_zh,
        ordinal=RequestsRow.CARRIED_OVER.ordinal,
        title=RequestsRow.CARRIED_OVER.title_en,
        id=RequestsRow.CARRIED_OVER.row_id,
    )
    outcomes: Outcomes = part(
        Outcomes, label_zh="本年度办理结果", ordinal="三、", title="Outcomes this year"
    )
    carried_forward: ApplicantRow = part(
        ApplicantRow,
        label_zh=RequestsRow.CARRIED_FORWARD.label_zh,
        ordinal=RequestsRow.CARRIED_FORWARD.ordinal,
        title=RequestsRow.CARRIED_FORWARD.title_en,
        id=RequestsRow.CARRIED_FORWARD.row_id,
    )

    @property
    def edition(self) -> Edition:
        """The earliest edition whose shape this table has (decided by （六）其他处理)."""
        if isinstance(self.outcomes.other, OtherOutcomes):
            return Disposition.NO_CORRECTION.editions[0]
        return Disposition.OTHER.editions[0]

    @classmethod
    def zero(cls, edition: Edition | str) -> Requests:
        """Table 三 of ``edition`` with every count 0.

        :param edition: an :class:`~disclosure_model.Edition` or its code
        """
        from .building import zero_table

        table: Requests = zero_table(cls, Edition(edition))
        return table

    @classmethod
    def from_rows(
        cls, rows: SupportsItems[RowName, ApplicantRow], *, edition: Edition | str
    ) -> Requests:
        """Table 三 of ``edition`` from its rows, keyed by Disposition or RequestsRow.

        Keys may also be codes or row ids (``"not_held"``, ``"R3.4.1"``). Rows not given are all
        0; when R3.7 (（七）总计) is not given it is computed from the outcome rows by the sum
        rules of the table. Raises :class:`KeyError` for a row the edition does not print.

        :param rows: rows keyed by :class:`~disclosure_model.Disposition`,
            :class:`~disclosure_model.RequestsRow`, a code or a row id
        :param edition: an :class:`~disclosure_model.Edition` or its code
        """
        from .building import recompute_totals, set_cells

        chosen = Edition(edition)
        table = cls.zero(chosen)
        cells: dict[tuple[str, ...], Any] = {}
        given: set[Disposition | RequestsRow] = set()
        for name, row in rows.items():
            which = requests_row(name)
            table.row(which)  # KeyError for a row of the other edition
            cells[which.path] = row
            given.add(which)
        table = set_cells(table, cells)
        if RequestsRow.OUTCOMES_TOTAL not in given:
            table = recompute_totals(
                table, chosen, at=("requests",), within=RequestsRow.OUTCOMES_TOTAL.path
            )
        return table

    def row(self, which: RowName) -> ApplicantRow:
        """The row for an outcome (:class:`Disposition`) or for R1, R2, R3.7, R4.

        ``which`` is the member, its code (``"not_held"``) or its row id (``"R3.4.1"``).
        Raises :class:`KeyError` for a name that is no row, and for an outcome row that this
        table's edition does not print (R3.6 in a 2021 table, R3.6.1–R3.6.3 in a 2019 table).

        :param which: the row: a member, its code or its row id
        """
        which = requests_row(which)
        if isinstance(which, RequestsRow):
            row: ApplicantRow = _ROW[which](self)
            return row
        if not which.in_edition(self.edition):
            raise KeyError(f"row {which.row_id} is not in the {self.edition} edition of Table 三")
        node: Any = self
        for key in which.path:
            node = getattr(node, key)
        assert isinstance(node, ApplicantRow)
        return node

    def cell(self, which: RowName, column: Column | str) -> int:
        """The count at ``(row, column)``; rows and columns by member, code or row id.

        Example: ``cell(Disposition.NOT_HELD, ApplicantType.NATURAL_PERSON)`` or
        ``cell("R3.4.1", "natural_person")``. Raises :class:`KeyError` for an unknown row or column.

        :param which: the row: a member, its code or its row id
        :param column: an :class:`~disclosure_model.ApplicantType`,
            :data:`~disclosure_model.TOTAL` or a column key
        """
        return self.row(which)[column]

    def outcome_rows(self) -> Iterator[RequestsRowEntry]:
        """The outcome rows (R3.1 … R3.6.x) of this table's edition, in the form's order."""
        for d in Disposition.for_edition(self.edition):
            yield RequestsRowEntry(which=d, row=self.row(d))

    def rows(self) -> Iterator[RequestsRowEntry]:
        """Every data row in the form's order: R1, R2, the outcome rows, R3.7, R4."""
        yield RequestsRowEntry(which=RequestsRow.NEW_RECEIVED, row=self.new_received)
        yield RequestsRowEntry(which=RequestsRow.CARRIED_OVER, row=self.carried_over)
        yield from self.outcome_rows()
        yield RequestsRowEntry(which=RequestsRow.OUTCOMES_TOTAL, row=self.outcomes.total)
        yield RequestsRowEntry(which=RequestsRow.CARRIED_FORWARD, row=self.carried_forward)


# --- the rules of Table 三 -------------------------------------------------------------------

_COLUMNS = (*(a.code for a in ApplicantType), TOTAL)


def _row_path(which: Disposition | RequestsRow) -> str:
    return "requests/" + "/".join(which.path)


def _rows_of(edition: Edition) -> tuple[str, ...]:
    """The paths of every data row of Table 三 in ``edition``, in the form's order."""
    rows: list[Disposition | RequestsRow] = [RequestsRow.NEW_RECEIVED, RequestsRow.CARRIED_OVER]
    rows += Disposition.for_edition(edition)
    rows += [RequestsRow.OUTCOMES_TOTAL, RequestsRow.CARRIED_FORWARD]
    return tuple(_row_path(w) for w in rows)


def _outcome_rows_of(edition: Edition) -> tuple[str, ...]:
    """The paths of the outcome rows of Table 三 in ``edition``."""
    return tuple(_row_path(d) for d in Disposition.for_edition(edition))


SUM_RULES: tuple[SumRule, ...] = (
    # The corner note of the form: 第一项加第二项之和，等于第三项加第四项之和, read as
    # R4 = R1 + R2 − R3.7 so that a finding points at one cell and gives its expected value.
    SumRule(
        code="T3-1",
        target="requests/carried_forward/{column}",
        terms=(
            Term("requests/new_received/{column}"),
            Term("requests/carried_over/{column}"),
            minus("requests/outcomes/total/{column}"),
        ),
        over=(("column", _COLUMNS),),
    ),
    SumRule(
        code="T3-2",
        target="{row}/total",
        terms=terms(*("{row}/" + a.code for a in ApplicantType)),
        over=(("row", _rows_of),),
    ),
    SumRule(
        code="T3-3",
        target=_row_path(RequestsRow.OUTCOMES_TOTAL) + "/{column}",
        terms=terms("{outcome}/{column}"),
        over=(("column", _COLUMNS),),
        summed_over=(("outcome", _outcome_rows_of),),
    ),
    SumRule(
        code="X-1",
        target="requests/carried_over/{column}",
        terms=(previous("requests/carried_forward/{column}"),),
        over=(("column", _COLUMNS),),
    ),
)
"""The sum rules of Table 三 (T3-1, T3-2, T3-3) and its series rule X-1."""
