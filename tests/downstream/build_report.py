"""Code as a project depending on disclosure_model writes it: type-checked with ``mypy --strict``.

Builds a complete, consistent 2021 report in a few lines, changes cells by their names in the
form, and navigates the tables with enum members and with codes.
"""

from __future__ import annotations

from decimal import Decimal

import disclosure_model as dm
from disclosure_model import (
    TOTAL,
    AnnualReport,
    ApplicantRow,
    ApplicantType,
    Disposition,
    Organ,
    Proceeding,
    Requests,
    RequestsRow,
    ReviewOutcome,
    ReviewsAndLitigation,
)


def build() -> AnnualReport:
    """A complete report: 5 requests from natural persons, 2 disclosed, 3 not held; 1 review."""
    organ = Organ(name="示例县某局", kind="department", level="county")
    report = AnnualReport.blank("2021", 2023, organ)
    report = report.with_cell(
        RequestsRow.NEW_RECEIVED, ApplicantType.NATURAL_PERSON, 5, update_totals=True
    )
    report = report.with_cell(
        Disposition.DISCLOSED, ApplicantType.NATURAL_PERSON, 2, update_totals=True
    )
    report = report.with_cell("not_held", "natural_person", 3, update_totals=True)
    report = report.with_cell(
        Proceeding.ADMINISTRATIVE_REVIEW, ReviewOutcome.UPHELD, 1, update_totals=True
    )
    return report.with_cell("/proactive_disclosure/administrative_fees/amount", Decimal("0.5"))


def build_from_tables() -> AnnualReport:
    """The same tables built whole, from mappings."""
    five = ApplicantRow.from_counts({ApplicantType.NATURAL_PERSON: 5})
    rows: dict[Disposition | RequestsRow, ApplicantRow] = {
        RequestsRow.NEW_RECEIVED: five,
        Disposition.DISCLOSED: ApplicantRow.from_counts(natural_person=2),
        Disposition.NOT_HELD: ApplicantRow.from_counts({"natural_person": 3}),
    }
    outcome_rows: dict[Disposition, ApplicantRow] = {Disposition.DISCLOSED: five}
    assert Requests.from_rows(outcome_rows, edition="2021").outcomes.total == five
    blank = AnnualReport.blank(dm.Edition.E2021, 2023, "示例县某局")
    review: dict[ReviewOutcome, int] = {ReviewOutcome.UPHELD: 1}
    return AnnualReport(
        edition="2021",
        year=2023,
        organ=Organ(name="示例县某局", kind=dm.OrganKind.DEPARTMENT, level="county"),
        proactive_disclosure=dm.ProactiveDisclosure2021.zero(),
        requests=Requests.from_rows(rows, edition=blank.edition),
        reviews_and_litigation=ReviewsAndLitigation.from_counts(
            {Proceeding.ADMINISTRATIVE_REVIEW: review}
        ),
    )


def navigate(report: AnnualReport) -> dict[str, int]:
    """Read cells with members and with codes; iterate a row over its columns."""
    requests = report.requests
    by_member = requests.cell(Disposition.NOT_HELD, ApplicantType.NATURAL_PERSON)
    by_code = requests.cell("not_held", "natural_person")
    by_row_id = requests.row("R3.4.1")[TOTAL]
    group = report.reviews_and_litigation.group("administrative_review")
    columns: dict[str, int] = {
        str(column): count for column, count in requests.new_received.items()
    }
    fees = Decimal(0)
    for _key, _info, row in report.proactive_disclosure.rows():
        if isinstance(row, dm.FeeAmount):
            fees += row.amount
    return {
        "not_held": by_member + by_code - by_row_id,
        "reviews": group["total"] + report.reviews_and_litigation.cell("G1", ReviewOutcome.UPHELD),
        "received": columns["total"],
        "fees_x10": int(fees * 10),
    }


def problems(report: AnnualReport) -> list[tuple[str, int | Decimal | str | None]]:
    """The findings of the checker, with their typed values."""
    return [(f.pointer, f.difference) for f in dm.check(report).findings]
