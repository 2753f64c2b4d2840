"""Property tests of the checker: consistent reports are clean, and every rule bites exactly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

import disclosure_model as dm
from disclosure_model import AnnualReport, Edition, Organ, OrganLevel, Severity
from disclosure_model.rules.engine import report_checks, series_checks
from disclosure_model.rules.report_rules import statutory_deadline
from disclosure_model.testing import consistent_reports, consistent_series

from .test_rules import evolve_path

ORGAN = Organ(name="合计")


def _path(pointer: str) -> str:
    return pointer.lstrip("/")


def _get(report: Any, pointer: str) -> Any:
    for key in _path(pointer).split("/"):
        report = getattr(report, key)
    return report


def _broken_value(relation: str, expected: int, k: int) -> int:
    return expected - k if relation == "≥" else expected + k


def _assert_found(
    result: dm.CheckResult, code: str, pointer: str, expected: Any, actual: Any
) -> None:
    matching = [f for f in result.failed(code) if f.pointer == pointer]
    assert matching, (code, pointer, [f.located() for f in result.findings])
    f = matching[0]
    assert (f.expected, f.actual, f.difference) == (expected, actual, actual - expected)
    assert f.severity is dm.rules.rule(code).severity
    for lang in ("zh", "en"):  # a template of the rule's own, not the fallback text
        assert f.message(lang) != f"{f.code} at {f.pointer or '/'}", (code, lang)
        assert str(f.actual) in f.message(lang)


@given(consistent_reports())
def test_consistent_reports_have_no_findings(report: AnnualReport) -> None:
    result = dm.check(report)
    assert result.findings == (), [f.located() for f in result.findings]
    assert all(s.failed == 0 for s in result.rules.values())


@given(consistent_series())
def test_consistent_series_have_no_findings(series: list[AnnualReport]) -> None:
    result = dm.check_series(list(reversed(series)))
    assert result.findings == (), [f.located() for f in result.findings]
    assert result.rules["X-1"].applied == 7 * (len(series) - 1)


@given(consistent_reports(), st.data(), st.integers(1, 50))
def test_every_sum_rule_bites_at_the_changed_cell(
    report: AnnualReport, data: st.DataObject, k: int
) -> None:
    check = data.draw(st.sampled_from(report_checks(report.edition)))
    expected = sum(t.sign * t.get(report) for t in check.terms)
    broken_value = _broken_value(check.relation.value, expected, k)
    assume(broken_value >= 0 or _path(check.pointer).endswith("change"))
    broken = evolve_path(report, _path(check.pointer), broken_value)
    _assert_found(dm.check(broken), check.rule.code, check.pointer, expected, broken_value)


@given(consistent_series(), st.data(), st.integers(1, 50))
def test_every_series_rule_bites_at_the_changed_cell(
    series: list[AnnualReport], data: st.DataObject, k: int
) -> None:
    index = data.draw(st.integers(1, len(series) - 1))
    previous, current = series[index - 1], series[index]
    check = data.draw(st.sampled_from(series_checks(current.edition, previous.edition)))
    expected = sum(t.sign * t.get(previous if t.from_previous else current) for t in check.terms)
    broken_value = _broken_value(check.relation.value, expected, k)
    assume(broken_value >= 0 or _path(check.pointer).endswith("change"))
    changed = list(series)
    changed[index] = evolve_path(current, _path(check.pointer), broken_value)
    result = dm.check_series(changed)
    _assert_found(result, check.rule.code, check.pointer, expected, broken_value)
    assert result.failed(check.rule.code)[0].document == f"{current.organ.name} {current.year}"


@given(consistent_reports(), st.data())
def test_moving_a_count_between_outcome_rows_is_not_flagged(
    report: AnnualReport, data: st.DataObject
) -> None:
    outcome_rows = list(report.requests.outcome_rows())
    column = data.draw(st.sampled_from([a.code for a in dm.ApplicantType]))
    sources = [e for e in outcome_rows if e.row[column] > 0]  # most rows are zero
    assume(sources)
    source = data.draw(st.sampled_from(sources))
    target = data.draw(st.sampled_from([e for e in outcome_rows if e.row_id != source.row_id]))
    k = data.draw(st.integers(1, source.row[column]))
    moved_from = attrs.evolve(
        source.row, **{column: source.row[column] - k, "total": source.row.total - k}
    )
    moved_to = attrs.evolve(
        target.row, **{column: target.row[column] + k, "total": target.row.total + k}
    )
    changed = evolve_path(report, "requests/" + "/".join(source.which.path), moved_from)
    changed = evolve_path(changed, "requests/" + "/".join(target.which.path), moved_to)
    assert changed != report
    assert dm.check(changed).findings == ()


@given(
    consistent_reports(), st.sampled_from(["issued", "repealed", "in_force"]), st.integers(1, 99)
)
def test_t2_3_bites(report: AnnualReport, column: str, k: int) -> None:
    report = attrs.evolve(report, organ=attrs.evolve(report.organ, level=OrganLevel.TOWNSHIP))
    if report.edition is Edition.E2019:
        column = {"issued": "produced", "repealed": "published", "in_force": "total_published"}[
            column
        ]
        # T2-2 wants published ≤ total_published; raise both so only T2-3 is at stake there.
        report = evolve_path(report, "proactive_disclosure/rules/total_published", 100)
    pointer = f"/proactive_disclosure/rules/{column}"
    result = dm.check(evolve_path(report, _path(pointer), k))
    _assert_found(result, "T2-3", pointer, 0, k)


@given(consistent_reports(), st.integers(1, 400))
def test_g_2_and_g_3_bite(report: AnnualReport, days: int) -> None:
    deadline, _ = statutory_deadline(report)
    if deadline is not None:
        late = deadline + dt.timedelta(days=days)
        f = dm.check(attrs.evolve(report, published_on=late)).failed("G-2")[0]
        assert (f.pointer, f.expected, f.actual, f.difference) == (
            "/published_on",
            deadline.isoformat(),
            late.isoformat(),
            days,
        )
    early = dt.date(report.year, 12, 31) - dt.timedelta(days=days)
    f = dm.check(attrs.evolve(report, published_on=early)).failed("G-3")[0]
    assert (f.pointer, f.actual, f.severity) == ("/published_on", early.isoformat(), Severity.ERROR)


@given(consistent_reports(), st.integers(2019, 2040))
def test_g_1_bites_exactly_when_the_year_is_of_another_edition(
    report: AnnualReport, year: int
) -> None:
    moved = attrs.evolve(report, year=year, published_on=None)
    found = dm.check(moved).failed("G-1")
    assert bool(found) == (Edition.for_year(year) is not report.edition)
    if found:
        assert (found[0].pointer, found[0].actual) == ("/edition", report.edition.value)


@given(consistent_reports(), st.integers(1, 99))
def test_narrative_rules_bite(report: AnnualReport, k: int) -> None:
    assume(report.narrative is not None)
    stated = report.requests.new_received.total + report.requests.carried_over.total + k
    wrong = evolve_path(report, "narrative/overview", f"全年共收到政府信息公开申请{stated}件。")
    _assert_found(
        dm.check(wrong), "N-1", "/narrative/overview", report.requests.new_received.total, stated
    )
    empty = evolve_path(report, "narrative/problems_and_improvements", "")
    assert [f.pointer for f in dm.check(empty).failed("N-2")] == [
        "/narrative/problems_and_improvements"
    ]
    other = report.requests.outcomes.other
    if isinstance(other, dm.OtherOutcomes) and other.fee_unpaid.total > 0:
        silent = evolve_path(report, "narrative/other_matters", "无")
        assert [f.pointer for f in dm.check(silent).failed("N-3")] == ["/narrative/other_matters"]


def _same_year(reports: list[AnnualReport]) -> list[AnnualReport]:
    return [attrs.evolve(r, year=reports[0].year, published_on=None) for r in reports]


def _tables(report: AnnualReport) -> dict[str, Any]:
    data = dm.to_dict(report)
    return {k: data[k] for k in ("proactive_disclosure", "requests", "reviews_and_litigation")}


@given(
    st.sampled_from(list(Edition)).flatmap(
        lambda e: st.lists(consistent_reports(e), min_size=1, max_size=4)
    )
)
def test_aggregate_of_consistent_reports_is_consistent(reports: list[AnnualReport]) -> None:
    parts = _same_year(reports)
    total = dm.aggregate(parts, organ=ORGAN)
    assert dm.check(total).valid
    assert dm.check_aggregate(total, parts).findings == ()


@given(
    st.sampled_from(list(Edition)).flatmap(
        lambda e: st.lists(consistent_reports(e), min_size=3, max_size=3)
    ),
    st.randoms(),
)
def test_aggregation_is_associative_and_commutative(
    reports: list[AnnualReport], random: Any
) -> None:
    a, b, c = _same_year(reports)
    flat = dm.aggregate([a, b, c], organ=ORGAN)
    left = dm.aggregate([dm.aggregate([a, b], organ=ORGAN), c], organ=ORGAN)
    right = dm.aggregate([a, dm.aggregate([b, c], organ=ORGAN)], organ=ORGAN)
    shuffled = [a, b, c]
    random.shuffle(shuffled)
    assert (
        _tables(flat)
        == _tables(left)
        == _tables(right)
        == _tables(dm.aggregate(shuffled, organ=ORGAN))
    )


@given(
    st.lists(consistent_reports(Edition.E2021), min_size=2, max_size=3),
    st.data(),
    st.integers(1, 20),
)
def test_a_1_bites_at_the_changed_parent_cell(
    reports: list[AnnualReport], data: st.DataObject, k: int
) -> None:
    parts = _same_year(reports)
    parent = dm.aggregate(parts, organ=ORGAN)
    pointer = data.draw(
        st.sampled_from(
            [
                "/requests/new_received/natural_person",
                "/requests/outcomes/other/fee_unpaid/total",
                "/reviews_and_litigation/administrative_review/pending",
                "/requests/carried_forward/total",
            ]
        )
    )
    original = _get(parent, pointer)
    changed = evolve_path(parent, _path(pointer), original + k)
    _assert_found(dm.check_aggregate(changed, parts), "A-1", pointer, original, original + k)
