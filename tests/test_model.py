"""The attrs model: immutability, construction-time type/range checks, navigation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

import disclosure_model as dm
from disclosure_model import (
    TOTAL,
    ApplicantRow,
    ApplicantType,
    Disposition,
    Edition,
    Proceeding,
    RequestsRow,
    ReviewGroup,
    ReviewOutcome,
)


@pytest.fixture
def report_2021(example_2021: dict[str, Any]) -> dm.AnnualReport:
    return dm.from_dict(example_2021)


def test_frozen_and_slotted(report_2021: dm.AnnualReport) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report_2021.year = 2024  # type: ignore[misc]
    assert not hasattr(report_2021.requests.new_received, "__dict__")


def test_keyword_only() -> None:
    with pytest.raises(TypeError):
        ReviewGroup(1, 2, 3, 4, 10)  # type: ignore[misc]


@pytest.mark.parametrize("value", [True, -1, 1.0, "1", None, Decimal(1)])
def test_count_validators(value: Any) -> None:
    with pytest.raises((TypeError, ValueError), match="upheld"):
        ReviewGroup(upheld=value, corrected=0, other=0, pending=0, total=0)


def test_inconsistent_sums_load() -> None:
    group = ReviewGroup(upheld=10, corrected=1, other=0, pending=0, total=0)
    assert group.total == 0


def test_amount_converts_ints_and_rejects_negatives() -> None:
    assert dm.FeeAmount(amount=5).amount == Decimal(5)
    with pytest.raises(ValueError, match="本年收费金额"):
        dm.FeeAmount(amount=Decimal("-0.1"))
    # A float is read by its shortest repr, as from_dict reads one (issue 9, edge 8).
    assert dm.FeeAmount(amount=1.5).amount == Decimal("1.5")
    assert dm.Procurement(projects=1, amount=0.1).amount == Decimal("0.1")
    with pytest.raises(TypeError, match="本年收费金额"):
        dm.FeeAmount(amount=float("nan"))
    with pytest.raises(TypeError):
        dm.FeeAmount(amount="1.5")  # type: ignore[arg-type]


def test_enum_fields_accept_codes() -> None:
    organ = dm.Organ(name="某局", kind="department", level="county")
    assert organ.kind is dm.OrganKind.DEPARTMENT and organ.level is dm.OrganLevel.COUNTY
    with pytest.raises(TypeError, match="机关类型"):
        dm.Organ(name="某局", kind="dept")


def test_edition_must_match_table_shapes(report_2021: dm.AnnualReport) -> None:
    with pytest.raises(ValueError, match="another edition"):
        attrs.evolve(report_2021, edition=Edition.E2019)
    assert attrs.evolve(report_2021, year=2024).year == 2024
    assert report_2021.published_on == dt.date(2024, 3, 28)


def test_navigation(report_2021: dm.AnnualReport) -> None:
    requests = report_2021.requests
    assert requests.edition is Edition.E2021
    assert requests.row(Disposition.NOT_HELD) is requests.outcomes.unavailable.not_held
    assert requests.row(Disposition.OTHER_OTHER) is requests.outcomes.other.other  # type: ignore[union-attr]
    assert requests.row(RequestsRow.OUTCOMES_TOTAL) is requests.outcomes.total
    assert requests.cell(Disposition.NOT_HELD, ApplicantType.NATURAL_PERSON) == 21
    assert requests.cell(RequestsRow.NEW_RECEIVED, TOTAL) == 187
    with pytest.raises(KeyError, match=r"R3\.6"):
        requests.row(Disposition.OTHER)
    rows = list(requests.rows())
    assert [r.row_id for r in rows][:3] == ["R1", "R2", "R3.1"]
    assert [r.row_id for r in rows][-2:] == ["R3.7", "R4"]
    assert len(rows) == 25
    assert rows[4].pointer == "/requests/outcomes/withheld/state_secret"
    reviews = report_2021.reviews_and_litigation
    assert reviews.cell(Proceeding.ADMINISTRATIVE_REVIEW, ReviewOutcome.UPHELD) == 9
    assert reviews.cell(Proceeding.LITIGATION_AFTER_REVIEW, TOTAL) == 4
    assert [p for p, _ in reviews.groups()] == list(Proceeding)


def test_navigation_2019(seed: dict[str, Any]) -> None:
    requests = dm.from_dict(seed).requests
    assert requests.edition is Edition.E2019
    assert requests.row(Disposition.OTHER) is requests.outcomes.other
    assert len(list(requests.rows())) == 23
    with pytest.raises(KeyError):
        requests.row(Disposition.FEE_UNPAID)


def test_row_helpers() -> None:
    row = ApplicantRow.from_counts({ApplicantType.NATURAL_PERSON: 3}, other_organization=2)
    assert row.total == 5 and row[ApplicantType.OTHER_ORGANIZATION] == 2
    assert ApplicantRow.zero().total == 0
    with pytest.raises(TypeError):
        ApplicantRow.from_counts(nobody=1)
    assert ReviewGroup.from_counts(upheld=1, pending=2).total == 3


def test_table_2_rows_in_form_order(seed: dict[str, Any]) -> None:
    table = dm.from_dict(seed).proactive_disclosure
    ids = [info.id for _, info, _ in table.rows()]
    assert ids == ["B1.1", "B1.2", "B5.1", "B5.2", "B6.1", "B6.2", "B8.1", "B9.1"]
