"""Building and changing reports in code (issue 9): blank tables, cells by name, derived totals."""

from __future__ import annotations

import inspect
import typing
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_model as dm
from disclosure_model import (
    TOTAL,
    AnnualReport,
    ApplicantRow,
    ApplicantType,
    Disposition,
    Edition,
    Organ,
    Proceeding,
    Requests,
    RequestsRow,
    ReviewGroup,
    ReviewOutcome,
    ReviewsAndLitigation,
    building,
    sums,
)
from disclosure_model.meta import METADATA_KEY, ValueKind
from disclosure_model.rules import engine
from disclosure_model.testing import consistent_reports

TOTAL_RULES = ("T3-2", "T3-3", "T4-1")  # the rules whose targets are totals


def _scalars(node: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Every count and amount cell under an attrs object, by key path."""
    out: dict[tuple[str, ...], Any] = {}
    for a in attrs.fields(type(node)):
        kind = a.metadata[METADATA_KEY].kind
        value = getattr(node, a.name)
        if kind is ValueKind.OBJECT:
            if value is not None:
                out.update(_scalars(value, (*path, a.name)))
        elif kind in (ValueKind.COUNT, ValueKind.SIGNED_COUNT, ValueKind.AMOUNT):
            out[(*path, a.name)] = value
    return out


# --- whole things ------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", list(Edition))
def test_blank_report_has_every_table_and_zeros_everywhere(edition: Edition) -> None:
    report = AnnualReport.blank(edition, edition.first_year, Organ(name="某局", kind="department"))
    assert report.edition is edition and report.year == edition.first_year
    assert isinstance(report.proactive_disclosure, dm.proactive.TABLE_2_CLASSES[edition])
    assert report.requests.edition is edition
    cells = _scalars(report)
    tables = {path[0] for path in cells}
    assert tables == {"proactive_disclosure", "requests", "reviews_and_litigation"}
    # Table 二 (22 or 10 cells), 23 or 25 rows of 7 in Table 三, 15 in Table 四
    assert len(cells) == {Edition.E2019: 22 + 23 * 7 + 15, Edition.E2021: 10 + 25 * 7 + 15}[edition]
    assert set(cells.values()) == {0}
    assert dm.check(report).findings == ()
    assert dm.from_json(dm.to_json(report)) == report  # a document the codec reads back
    assert dm.validate_json(dm.to_json(report)) == []


def test_blank_takes_codes_and_an_organ_name() -> None:
    report = AnnualReport.blank("2019", 2020, "某县应急管理局")
    assert report.edition is Edition.E2019 and report.organ == Organ(name="某县应急管理局")
    with pytest.raises(ValueError):
        AnnualReport.blank("2022", 2023, "x")


def test_table_zeros_are_the_blank_report_tables() -> None:
    for edition in Edition:
        blank = AnnualReport.blank(edition, 2023, "x")
        assert Requests.zero(edition) == blank.requests
        assert Requests.zero(edition.value) == blank.requests
        assert dm.proactive.TABLE_2_CLASSES[edition].zero() == blank.proactive_disclosure
        assert ReviewsAndLitigation.zero() == blank.reviews_and_litigation
    assert dm.ProactiveDisclosure2021.zero().administrative_fees.amount == Decimal(0)


def test_requests_from_rows() -> None:
    three = ApplicantRow.from_counts({ApplicantType.NATURAL_PERSON: 3})
    two = ApplicantRow.from_counts(commercial_enterprise=2)
    rows: dict[Disposition, ApplicantRow] = {Disposition.NOT_HELD: three}
    table = Requests.from_rows(rows, edition="2021")
    assert table.row(Disposition.NOT_HELD) == three
    assert table.outcomes.total == three  # R3.7 from the outcome rows
    assert table.new_received == ApplicantRow.zero()
    mixed = Requests.from_rows(
        {"R3.1": two, "not_held": three, RequestsRow.NEW_RECEIVED: two}, edition=Edition.E2019
    )
    assert mixed.edition is Edition.E2019
    assert mixed.outcomes.total == ApplicantRow.from_counts(
        natural_person=3, commercial_enterprise=2
    )
    assert mixed.new_received == two
    given_total = Requests.from_rows(
        {"R3.1": two, RequestsRow.OUTCOMES_TOTAL: three}, edition="2021"
    )
    assert given_total.outcomes.total == three  # as given, even when it does not add up
    with pytest.raises(KeyError, match=r"R3\.6 is not in the 2021"):
        Requests.from_rows({Disposition.OTHER: two}, edition="2021")
    with pytest.raises(KeyError, match="not a row of Table 三"):
        Requests.from_rows({"R9": two}, edition="2021")


def test_reviews_from_counts() -> None:
    table = ReviewsAndLitigation.from_counts(
        {
            Proceeding.ADMINISTRATIVE_REVIEW: {ReviewOutcome.UPHELD: 2, "pending": 1},
            "G3": ReviewGroup.from_counts(corrected=4),
        }
    )
    assert table.administrative_review == ReviewGroup.from_counts(upheld=2, pending=1)
    assert table.administrative_review.total == 3
    assert table.litigation_without_review == ReviewGroup.zero()
    assert table.litigation_after_review.total == 4
    with pytest.raises(KeyError, match="not a result of Table 四"):
        ReviewsAndLitigation.from_counts({"G1": {"total": 3}})
    with pytest.raises(KeyError, match="not a group of Table 四"):
        ReviewsAndLitigation.from_counts({"G4": {}})


# --- one cell ----------------------------------------------------------------------------------


def test_with_cell_by_name_by_code_and_by_pointer_agree() -> None:
    report = AnnualReport.blank("2021", 2023, "x")
    pointer = "/requests/outcomes/unavailable/not_held/natural_person"
    by_member = report.with_cell(Disposition.NOT_HELD, ApplicantType.NATURAL_PERSON, 3)
    assert by_member.requests.cell(Disposition.NOT_HELD, ApplicantType.NATURAL_PERSON) == 3
    assert by_member == report.with_cell("not_held", "natural_person", 3)
    assert by_member == report.with_cell("R3.4.1", ApplicantType.NATURAL_PERSON, 3)
    assert by_member == report.with_cell(pointer, 3)
    assert report.requests.cell(Disposition.NOT_HELD, ApplicantType.NATURAL_PERSON) == 0  # frozen
    assert by_member.reviews_and_litigation is report.reviews_and_litigation  # shared, not copied
    assert by_member.requests.new_received is report.requests.new_received
    # without update_totals, the row's 总计 is left as it was
    assert by_member.requests.row(Disposition.NOT_HELD).total == 0


def test_with_cell_reaches_every_table() -> None:
    report = AnnualReport.blank("2021", 2023, "x")
    changed = (
        report.with_cell(Proceeding.LITIGATION_AFTER_REVIEW, ReviewOutcome.CORRECTED, 2)
        .with_cell("G1", TOTAL, 5)
        .with_cell("administrative_licensing", "decisions", 7)
        .with_cell("B8.1", "amount", Decimal("1.25"))
        .with_cell(RequestsRow.CARRIED_FORWARD, TOTAL, 1)
        .with_cell("/organ/name", "某局")  # type: ignore[arg-type]
    )
    assert changed.reviews_and_litigation.litigation_after_review.corrected == 2
    assert changed.reviews_and_litigation.administrative_review.total == 5
    assert changed.proactive_disclosure.administrative_licensing.decisions == 7  # type: ignore[union-attr]
    assert changed.proactive_disclosure.administrative_fees.amount == Decimal("1.25")  # type: ignore[union-attr]
    assert changed.requests.carried_forward.total == 1
    assert changed.organ.name == "某局"


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((Disposition.OTHER, TOTAL, 1), KeyError, r"R3\.6 is not in the 2021"),
        (("R3.6", TOTAL, 1), KeyError, r"R3\.6 is not in the 2021"),
        (("nope", TOTAL, 1), KeyError, "not a row of the 2021 edition"),
        ((RequestsRow.NEW_RECEIVED, "nope", 1), KeyError, "not a column"),
        ((Proceeding.ADMINISTRATIVE_REVIEW, ApplicantType.NATURAL_PERSON, 1), KeyError, "column"),
        (("centralized_procurement", "projects", 1), KeyError, "not a row"),  # 2019 only
        (("/requests/nope", 1), KeyError, "no key 'nope'"),
        (("/requests/new_received", 1), KeyError, "not a cell"),
        (("requests/new_received/total", 1), TypeError, "with_cell takes"),
        ((RequestsRow.NEW_RECEIVED, TOTAL, -1), ValueError, "总计"),
        ((RequestsRow.NEW_RECEIVED, TOTAL, "1"), TypeError, "总计"),
    ],
)
def test_with_cell_refuses_clearly(args: tuple[Any, ...], error: type, match: str) -> None:
    report = AnnualReport.blank("2021", 2023, "x")
    with pytest.raises(error, match=match):
        report.with_cell(*args)


def test_update_totals_recomputes_what_depends_on_the_cell() -> None:
    report = AnnualReport.blank("2021", 2023, "x")
    changed = report.with_cell(
        Disposition.NOT_HELD, ApplicantType.NATURAL_PERSON, 3, update_totals=True
    )
    requests = changed.requests
    assert requests.row(Disposition.NOT_HELD).total == 3  # the row's 总计 (T3-2)
    assert requests.cell(RequestsRow.OUTCOMES_TOTAL, ApplicantType.NATURAL_PERSON) == 3  # T3-3
    assert requests.cell(RequestsRow.OUTCOMES_TOTAL, TOTAL) == 3
    assert requests.carried_forward == ApplicantRow.zero()  # a balance is not a total
    unbalanced = {
        (f.code, f.pointer) for f in dm.check(changed).findings
    }  # R4 is the author's call
    assert unbalanced == {
        ("T3-1", "/requests/carried_forward/natural_person"),
        ("T3-1", "/requests/carried_forward/total"),
    }
    balanced = changed.with_cell(
        RequestsRow.NEW_RECEIVED, ApplicantType.NATURAL_PERSON, 3, update_totals=True
    )
    assert dm.check(balanced).findings == ()
    reviews = report.with_cell("G2", "pending", 4, update_totals=True)
    assert reviews.reviews_and_litigation.litigation_without_review.total == 4  # T4-1


def test_update_totals_keeps_the_cell_it_sets() -> None:
    report = AnnualReport.blank("2021", 2023, "x").with_cell(
        Disposition.DISCLOSED, ApplicantType.NATURAL_PERSON, 5, update_totals=True
    )
    # Setting a total itself: it stays as given; what is made of it follows.
    changed = report.with_cell(
        RequestsRow.OUTCOMES_TOTAL, ApplicantType.NATURAL_PERSON, 9, update_totals=True
    )
    assert changed.requests.outcomes.total.natural_person == 9
    assert changed.requests.outcomes.total.total == 9
    assert changed.requests.outcomes.disclosed.natural_person == 5


def _count_paths(report: AnnualReport) -> list[tuple[str, ...]]:
    return [
        p for p, v in _scalars(report).items() if type(v) is int and p[0] != "proactive_disclosure"
    ]


@given(consistent_reports(), st.data())
def test_update_totals_keeps_every_total_rule(report: AnnualReport, data: st.DataObject) -> None:
    totals = {t for t, _ in building.total_rules(report.edition)}
    path = data.draw(st.sampled_from([p for p in _count_paths(report) if p not in totals]))
    old = _scalars(report)[path]
    value = data.draw(st.integers(0, 10_000).filter(lambda v: v != old))
    pointer = "/" + "/".join(path)
    updated = report.with_cell(pointer, value, update_totals=True)
    assert _scalars(updated)[path] == value
    failed = {f.code for f in dm.check(updated).findings}
    assert not failed & set(TOTAL_RULES), failed
    # and the plain change does break a total whenever the cell is part of one
    plain = report.with_cell(pointer, value)
    if building.dependent_totals(report.edition, path):
        assert {f.code for f in dm.check(plain).findings} & set(TOTAL_RULES)


@given(consistent_reports(), st.data())
def test_with_totals_repairs_every_total(report: AnnualReport, data: st.DataObject) -> None:
    scrambled = report
    for path in data.draw(st.lists(st.sampled_from(_count_paths(report)), max_size=5)):
        scrambled = scrambled.with_cell("/" + "/".join(path), data.draw(st.integers(0, 99)))
    repaired = scrambled.with_totals()
    assert not {f.code for f in dm.check(repaired).findings} & set(TOTAL_RULES)
    assert report.with_totals() == report  # a consistent report is its own fixed point


def test_totals_are_derived_from_the_declared_sum_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sum rule added to the declarations is followed, with no code written for it."""
    extra = sums.SumRule(
        code="T4-1",  # a code of the catalogue, which says the editions a rule applies to
        target="reviews_and_litigation/litigation_after_review/pending",
        terms=sums.terms("reviews_and_litigation/administrative_review/pending"),
    )
    report = AnnualReport.blank("2021", 2023, "x")
    before = report.with_cell("G1", "pending", 2, update_totals=True)
    assert before.reviews_and_litigation.litigation_after_review.pending == 0
    monkeypatch.setattr(engine, "SUM_RULES", (*engine.SUM_RULES, extra))
    building.total_rules.cache_clear()
    try:
        after = report.with_cell("G1", "pending", 2, update_totals=True)
        group = after.reviews_and_litigation.litigation_after_review
        assert (group.pending, group.total) == (2, 2)  # the new total, and T4-1 made of it
    finally:
        monkeypatch.undo()
        building.total_rules.cache_clear()
    targets = {"/".join(t) for t, _ in building.total_rules(Edition.E2021)}
    assert "requests/carried_forward/natural_person" not in targets  # T3-1 is a balance
    assert "requests/outcomes/total/natural_person" in targets
    assert "reviews_and_litigation/administrative_review/total" in targets


# --- navigation --------------------------------------------------------------------------------


def test_navigation_takes_members_codes_and_row_ids() -> None:
    report = dm.load("examples/example-city-2023.json")
    requests = report.requests
    assert requests.row("not_held") is requests.row(Disposition.NOT_HELD)
    assert requests.row("R3.4.1") is requests.row(Disposition.NOT_HELD)
    assert requests.row("R4") is requests.carried_forward
    assert requests.row("total") is requests.outcomes.total  # RequestsRow.OUTCOMES_TOTAL's code
    assert requests.cell("not_held", "natural_person") == 21
    assert requests.cell(RequestsRow.NEW_RECEIVED, "total") == 187
    reviews = report.reviews_and_litigation
    assert reviews.group("administrative_review") is reviews.administrative_review
    assert reviews.group("G3") is reviews.litigation_after_review
    assert reviews.cell("administrative_review", "upheld") == 9
    with pytest.raises(KeyError, match="not a row of Table 三"):
        requests.row("R9")
    with pytest.raises(KeyError, match="not a group of Table 四"):
        reviews.group("review")


def test_unknown_column_is_a_key_error() -> None:
    report = dm.load("examples/example-city-2023.json")
    with pytest.raises(KeyError, match="'nope' is not a column of Table 三"):
        report.requests.cell(Disposition.NOT_HELD, "nope")
    with pytest.raises(KeyError, match="not a column"):
        report.requests.new_received[ReviewOutcome.UPHELD]
    with pytest.raises(KeyError, match="not a column of a Table 四 group"):
        report.reviews_and_litigation.cell(Proceeding.ADMINISTRATIVE_REVIEW, "natural_person")
    with pytest.raises(KeyError):
        report.requests.new_received[0]  # type: ignore[index]


def test_rows_iterate_over_their_columns() -> None:
    row = ApplicantRow.from_counts({ApplicantType.NATURAL_PERSON: 3}, other_organization=2)
    assert list(row) == [*ApplicantType, TOTAL]
    assert len(row) == 7 and "natural_person" in row and "nope" not in row
    assert dict(row) == {**{a: row[a] for a in ApplicantType}, TOTAL: 5}
    assert row.values() == (3, 0, 0, 0, 0, 2, 5)
    assert dict(row.items())[ApplicantType.OTHER_ORGANIZATION] == 2
    group = ReviewGroup.from_counts(upheld=1, pending=2)
    assert list(group) == [*ReviewOutcome, TOTAL]
    assert dict(group) == {
        ReviewOutcome.UPHELD: 1,
        ReviewOutcome.CORRECTED: 0,
        ReviewOutcome.OTHER: 0,
        ReviewOutcome.PENDING: 2,
        TOTAL: 3,
    }
    # the codec is unaffected: rows are still attrs objects, not mappings, to it
    report = dm.load("examples/example-city-2023.json")
    assert dm.from_json(dm.to_json(report)) == report


# --- types -------------------------------------------------------------------------------------


def _model_classes() -> list[type]:
    tables = ("report", "proactive", "requests", "reviews")
    return [
        c
        for c in vars(dm).values()
        if isinstance(c, type) and attrs.has(c) and c.__module__.rsplit(".", 1)[-1] in tables
    ]


def test_signatures_show_real_types() -> None:
    for cls in _model_classes():
        for name, parameter in inspect.signature(cls).parameters.items():
            shown = str(parameter.annotation)
            assert parameter.annotation is not inspect.Parameter.empty, (cls, name)
            assert "Any" not in shown, (cls.__name__, name, shown)
    organ = inspect.signature(Organ).parameters
    assert organ["kind"].annotation == "OrganKind | str | None"
    assert (
        inspect.signature(dm.FeeAmount).parameters["amount"].annotation == "Decimal | int | float"
    )


def test_finding_and_operand_values_are_typed() -> None:
    hints = typing.get_type_hints(dm.Finding)
    for name in ("expected", "actual", "difference"):
        assert hints[name] is not Any and Any not in typing.get_args(hints[name]), name
    assert Any not in typing.get_args(typing.get_type_hints(dm.Operand)["value"])
    rows_2021 = typing.get_type_hints(dm.ProactiveDisclosure2021.rows)["return"]
    assert Any not in typing.get_args(typing.get_args(rows_2021)[0])


def test_the_documented_building_examples_run() -> None:
    """The code of docs/model.md's "Building a report in code" runs and says what it claims."""
    import re

    from .conftest import ROOT

    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    section = text.split("## Building a report in code", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2
    namespace: dict[str, Any] = {}
    exec(blocks[0], namespace)
    report = namespace["report"]
    assert dm.check(report).findings == ()
    assert report.requests.cell("R3.4.1", "natural_person") == 3
    exec(blocks[1], namespace)
