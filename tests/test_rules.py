"""Hand-written examples for every rule of the catalogue, on the seed report and copies of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import disclosure_model as dm
from disclosure_model import (
    AnnualReport,
    ApplicantRow,
    CheckResult,
    Organ,
    OrganKind,
    OrganLevel,
    ReviewGroup,
    Severity,
)
from disclosure_model.rules import CATALOGUE, AggregationError, rule, rules_for_table

from .conftest import EXAMPLE_FILES, REAL_FILES


@pytest.fixture
def zhuji(seed: dict[str, Any]) -> AnnualReport:
    return dm.from_dict(seed)


@pytest.fixture
def city(example_2021: dict[str, Any]) -> AnnualReport:
    return dm.from_dict(example_2021)


def only(result: CheckResult, code: str) -> dm.Finding:
    found = result.failed(code)
    assert len(found) == 1, [f.located() for f in result.findings]
    return found[0]


def evolve_path(report: Any, path: str, value: Any) -> Any:
    """A copy of ``report`` with the attribute at ``a/b/c`` replaced."""
    head, _, rest = path.partition("/")
    if not rest:
        return attrs.evolve(report, **{head: value})
    return attrs.evolve(report, **{head: evolve_path(getattr(report, head), rest, value)})


@pytest.mark.parametrize("path", EXAMPLE_FILES + REAL_FILES, ids=lambda p: p.name)
def test_real_and_example_reports_are_clean(path: Any) -> None:
    result = dm.check(dm.load(path))
    assert result.findings == ()
    assert result.valid


def test_seed_report_statistics(zhuji: AnnualReport) -> None:
    rules = dm.check(zhuji).rules
    assert rules["T3-1"].to_dict() == {"applied": 7, "passed": 7, "failed": 0, "skipped": 0}
    assert rules["T3-2"].applied == 23 and rules["T3-3"].applied == 7
    assert rules["T4-1"].applied == 3 and rules["T2-1"].applied == 5
    assert rules["N-1"].passed == 1  # 收到政府信息公开申请0件 matches R1 总计 0
    assert rules["N-3"].skipped == 1 and rules["N-3"].reason == "applies to the 2021 edition only"
    assert {r.code for r in CATALOGUE if r.scope.value == "report"} == set(rules)


def test_t3_1_balance_named_in_both_languages(zhuji: AnnualReport) -> None:
    req = zhuji.requests
    broken = attrs.evolve(
        zhuji,
        requests=attrs.evolve(
            req,
            new_received=ApplicantRow.from_counts(natural_person=20),
            outcomes=attrs.evolve(
                req.outcomes,
                disclosed=ApplicantRow.from_counts(natural_person=15),
                total=ApplicantRow.from_counts(natural_person=15),
            ),
            carried_forward=ApplicantRow.from_counts(natural_person=3),
        ),
    )
    result = dm.check(broken)
    findings = result.failed("T3-1")
    assert [f.pointer for f in findings] == [
        "/requests/carried_forward/natural_person",
        "/requests/carried_forward/total",
    ]
    f = findings[0]
    assert (f.expected, f.actual, f.difference) == (5, 3, -2)
    assert f.severity is Severity.ERROR and f.name == "requests.balance"
    assert [(o.pointer, o.value) for o in f.operands] == [
        ("/requests/new_received/natural_person", 20),
        ("/requests/carried_over/natural_person", 0),
        ("/requests/outcomes/total/natural_person", 15),
    ]
    assert f.cell is not None and f.cell.to_dict() == {
        "table": "三",
        "row": "R4",
        "column": "natural_person",
        "row_label_zh": "结转下年度继续办理",
        "column_label_zh": "自然人",
    }
    assert f.citation == (
        "国办公开办函〔2019〕60号 表三：本列数据的勾稽关系为："
        "第一项加第二项之和，等于第三项加第四项之和"
    )
    zh = f.message("zh")
    assert "表三“自然人”列" in zh and "第一项加第二项之和（本年新收 20 + 上年结转 0 = 20）" in zh
    assert "第三项加第四项之和（办理结果总计 15 + 结转下年度 3 = 18）" in zh
    assert "R1 + R2 = 20 + 0 = 20, but R3.7 + R4 = 15 + 3 = 18" in f.message("en")
    assert result.rules["T3-1"].failed == 2 and result.rules["T3-1"].passed == 5
    assert not result.valid


def test_t3_2_row_total(city: AnnualReport) -> None:
    broken = evolve_path(city, "requests/outcomes/withheld/state_secret/total", 5)
    f = only(dm.check(broken), "T3-2")
    assert f.pointer == "/requests/outcomes/withheld/state_secret/total"
    assert (f.expected, f.actual, f.difference) == (1, 5, 4)
    assert f.cell is not None and (f.cell.row, f.cell.row_label_zh) == ("R3.3.1", "属于国家秘密")
    assert len(f.operands) == 6
    assert "表三“属于国家秘密”行（R3.3.1）“总计”列应为 1" in f.message("zh")


def test_t3_3_outcome_total_like_a_real_report(zhuji: AnnualReport) -> None:
    # Seen in the wild: outcome rows summing to 27 under a printed 总计 of 21.
    broken = evolve_path(
        zhuji, "requests/outcomes/disclosed", ApplicantRow.from_counts(natural_person=27)
    )
    broken = evolve_path(
        broken, "requests/outcomes/total", ApplicantRow.from_counts(natural_person=21)
    )
    result = dm.check(broken)
    f = result.failed("T3-3")[0]
    assert f.pointer == "/requests/outcomes/total/natural_person"
    assert (f.expected, f.actual, f.difference) == (27, 21, -6)
    assert "R3.1 27" in f.message("en")


def test_t4_1_total_like_a_real_report(zhuji: AnnualReport) -> None:
    # Seen in the wild: 总计 0 beside 10 upheld and 1 corrected.
    broken = evolve_path(
        zhuji,
        "reviews_and_litigation/administrative_review",
        ReviewGroup(upheld=10, corrected=1, other=0, pending=0, total=0),
    )
    f = only(dm.check(broken), "T4-1")
    assert f.pointer == "/reviews_and_litigation/administrative_review/total"
    assert (f.expected, f.actual, f.difference) == (11, 0, -11)
    assert f.cell is not None and f.cell.row == "G1"


def test_t2_1_change_floor(zhuji: AnnualReport) -> None:
    broken = evolve_path(zhuji, "proactive_disclosure/administrative_licensing/change", -9)
    f = only(dm.check(broken), "T2-1")
    assert f.pointer == "/proactive_disclosure/administrative_licensing/change"
    assert (f.expected, f.actual, f.difference) == (-8, -9, -1)
    assert "expected at least -8" in f.message("en")


def test_t2_2_published_within_total(zhuji: AnnualReport) -> None:
    broken = evolve_path(zhuji, "proactive_disclosure/normative_documents/published", 2)
    f = only(dm.check(broken), "T2-2")
    assert f.severity is Severity.WARNING
    assert (f.pointer, f.expected, f.actual) == (
        "/proactive_disclosure/normative_documents/published",
        0,
        2,
    )


def test_t2_3_rules_power(zhuji: AnnualReport, city: AnnualReport) -> None:
    broken = evolve_path(zhuji, "proactive_disclosure/rules/produced", 2)
    f = only(dm.check(broken), "T2-3")
    assert (f.pointer, f.actual, f.severity) == (
        "/proactive_disclosure/rules/produced",
        2,
        Severity.WARNING,
    )
    assert "县级机关无规章制定权" in f.message("zh")
    assert dm.check(city).rules["T2-3"].passed == 1  # a prefectural government may make 规章
    unknown = evolve_path(broken, "organ", Organ(name="某局"))
    assert dm.check(unknown).rules["T2-3"].reason == "organ.level is missing"


def test_g_1_edition_year(zhuji: AnnualReport) -> None:
    f = only(dm.check(attrs.evolve(zhuji, year=2022)), "G-1")
    assert (f.pointer, f.expected, f.actual) == ("/edition", "2021", "2019")
    assert "报告年度 2022 应使用 2021 版格式" in f.message("zh")


def test_g_2_deadline(zhuji: AnnualReport, city: AnnualReport) -> None:
    late = attrs.evolve(zhuji, published_on=dt.date(2021, 2, 3))
    f = only(dm.check(late), "G-2")
    assert (f.pointer, f.expected, f.actual, f.difference) == (
        "/published_on",
        "2021-01-31",
        "2021-02-03",
        3,
    )
    assert "逾期 3 天" in f.message("zh")
    # A government has until 31 March; the city example published on 28 March passes.
    assert dm.check(city).rules["G-2"].passed == 1
    late_city = attrs.evolve(city, published_on=dt.date(2024, 4, 1))
    assert only(dm.check(late_city), "G-2").expected == "2024-03-31"


@pytest.mark.parametrize(
    ("organ", "reason"),
    [
        (Organ(name="某局", level=OrganLevel.COUNTY), "organ.kind is missing"),
        (Organ(name="某局", kind=OrganKind.DEPARTMENT), "organ.level is missing"),
        (Organ(name="某镇", kind=OrganKind.GOVERNMENT, level=OrganLevel.TOWNSHIP), "township"),
        (
            Organ(name="某会", kind=OrganKind.OTHER, level=OrganLevel.COUNTY),
            "departments and governments",
        ),
    ],
)
def test_g_2_says_why_it_does_not_apply(zhuji: AnnualReport, organ: Organ, reason: str) -> None:
    late = attrs.evolve(zhuji, organ=organ, published_on=dt.date(2021, 6, 1))
    stats = dm.check(late).rules["G-2"]
    assert (stats.applied, stats.skipped) == (0, 1)
    assert stats.reason is not None and reason in stats.reason
    no_date = dm.check(attrs.evolve(zhuji, published_on=None)).rules["G-2"]
    assert no_date.reason == "published_on is missing"


def test_g_3_after_period(zhuji: AnnualReport) -> None:
    early = attrs.evolve(zhuji, published_on=dt.date(2020, 12, 31))
    f = only(dm.check(early), "G-3")
    assert (f.pointer, f.actual) == ("/published_on", "2020-12-31")


def test_n_1_requests_stated(zhuji: AnnualReport) -> None:
    assert zhuji.narrative is not None and zhuji.narrative.overview is not None
    text = zhuji.narrative.overview.replace("收到政府信息公开申请0件", "收到政府信息公开申请3件")
    broken = evolve_path(zhuji, "narrative/overview", text)
    f = only(dm.check(broken), "N-1")
    assert (f.pointer, f.expected, f.actual) == ("/narrative/overview", 0, 3)
    assert "收到政府信息公开申请3件" in f.message("zh")
    silent = evolve_path(zhuji, "narrative/overview", "本局认真做好公开工作。")
    assert (
        dm.check(silent).rules["N-1"].reason
        == "the overview does not state a number of requests received"
    )


def test_n_2_problems_present(zhuji: AnnualReport) -> None:
    f = only(dm.check(evolve_path(zhuji, "narrative/problems_and_improvements", "  ")), "N-2")
    assert f.pointer == "/narrative/problems_and_improvements"
    f = only(dm.check(evolve_path(zhuji, "narrative/problems_and_improvements", None)), "N-2")
    assert f.pointer == "/narrative"
    assert dm.check(attrs.evolve(zhuji, narrative=None)).rules["N-2"].skipped == 1


def test_n_3_fees_reported(city: AnnualReport) -> None:
    assert dm.check(city).rules["N-3"].passed == 1
    f = only(dm.check(evolve_path(city, "narrative/other_matters", "无。")), "N-3")
    assert f.pointer == "/narrative/other_matters"
    assert "信息处理费" in f.message("zh") and "2 request(s)" in f.message("en")


def _year(report: AnnualReport, year: int) -> AnnualReport:
    published = report.published_on.replace(year=year + 1) if report.published_on else None
    return attrs.evolve(report, year=year, published_on=published)


def test_series_rules(city: AnnualReport) -> None:
    last = _year(city, 2022)
    this = evolve_path(city, "requests/carried_over", attrs.evolve(city.requests.carried_over))
    result = dm.check_series([this, last], ["2023.json", "2022.json"])
    # city's R2 (4 natural persons …) differs from its own R4 (6 …): X-1 fires per column.
    x1 = result.failed("X-1")
    assert x1 and x1[0].pointer == "/requests/carried_over/natural_person"
    assert (x1[0].expected, x1[0].actual, x1[0].difference) == (6, 4, -2)
    assert x1[0].document == "2023.json"
    assert x1[0].operands[0].document == "2022.json"
    assert "（上年结转下年度继续办理 6）" in x1[0].message("zh")  # the row in the form's terms
    assert "(last year's R4 6)" in x1[0].message("en")
    # Documents in force: 35 last year + 2 issued − 1 repealed = 36, reported 35.
    x2 = result.failed("X-2")
    assert (x2[0].pointer, x2[0].expected, x2[0].actual) == (
        "/proactive_disclosure/rules/in_force",
        36,
        35,
    )
    assert result.rules["X-4"].reason is not None and "2019" in result.rules["X-4"].reason


def test_series_x3_and_x4(zhuji: AnnualReport, city: AnnualReport) -> None:
    last = _year(city, 2022)
    this = evolve_path(city, "proactive_disclosure/rules/repealed", 40)
    assert only(dm.check_series([last, this]), "X-3").expected == 35
    first = _year(zhuji, 2019)
    table = first.proactive_disclosure
    rows = {
        key: attrs.evolve(row, previous_year_items=row.previous_year_items + row.change)
        for key, _, row in table.rows()
        if hasattr(row, "change")
    }
    carried = attrs.evolve(_year(zhuji, 2020), proactive_disclosure=attrs.evolve(table, **rows))
    assert dm.check_series([first, carried]).failed("X-4") == ()
    off = evolve_path(
        carried, "proactive_disclosure/administrative_licensing/previous_year_items", 6
    )
    f = only(dm.check_series([first, off]), "X-4")
    pointer = "/proactive_disclosure/administrative_licensing/previous_year_items"
    assert (f.pointer, f.expected, f.actual, f.difference) == (pointer, 8 - 3, 6, 1)


def test_series_gaps_duplicates_and_mixed_editions(zhuji: AnnualReport, city: AnnualReport) -> None:
    gap = dm.check_series([_year(city, 2021), _year(city, 2023)])
    assert gap.findings == () and gap.rules["X-1"].reason == "no report for 2022 before 2023"
    mixed = dm.check_series([zhuji, _year(city, 2021)])  # 2020 (2019 edition) → 2021 (2021 edition)
    assert mixed.rules["X-1"].applied == 7  # Table 三 carries over across editions
    assert mixed.rules["X-2"].applied == 0 and mixed.rules["X-2"].skipped == 1
    with pytest.raises(ValueError, match="two reports for 2020"):
        dm.check_series([zhuji, zhuji])


def test_aggregate_and_a_1(city: AnnualReport) -> None:
    total = dm.aggregate([city, city, city], organ=Organ(name="合计"))
    assert total.requests.new_received.total == 3 * city.requests.new_received.total
    assert (
        total.proactive_disclosure.administrative_fees.amount
        == 3 * city.proactive_disclosure.administrative_fees.amount
    )  # type: ignore[union-attr]
    assert dm.check(total).valid
    assert dm.check_aggregate(total, [city, city, city]).findings == ()
    off = evolve_path(total, "reviews_and_litigation/litigation_after_review/upheld", 7)
    result = dm.check_aggregate(
        off, [city, city, city], parent_source="parent.json", child_sources=["a", "b", "c"]
    )
    f = only(result, "A-1")
    assert (f.pointer, f.expected, f.actual, f.difference) == (
        "/reviews_and_litigation/litigation_after_review/upheld",
        6,
        7,
        1,
    )
    assert [o.document for o in f.operands] == ["a", "b", "c"] and f.document == "parent.json"
    assert dm.check_aggregate(total, []).rules["A-1"].reason == "no child reports given"


def test_aggregate_refuses_mixed_reports(zhuji: AnnualReport, city: AnnualReport) -> None:
    with pytest.raises(AggregationError, match="different years"):
        dm.aggregate([city, _year(city, 2022)])
    with pytest.raises(AggregationError, match="different editions"):
        dm.aggregate([_year(zhuji, 2023), city])
    with pytest.raises(AggregationError, match="no reports"):
        dm.aggregate([])


def test_catalogue() -> None:
    codes = [r.code for r in CATALOGUE]
    assert codes == [
        "T3-1",
        "T3-2",
        "T3-3",
        "T4-1",
        "T2-1",
        "T2-2",
        "T2-3",
        "G-1",
        "G-2",
        "G-3",
        "N-1",
        "N-2",
        "N-3",
        "X-1",
        "X-2",
        "X-3",
        "X-4",
        "A-1",
    ]
    assert {r.code for r in CATALOGUE if r.severity is Severity.WARNING} == {
        "T2-2",
        "T2-3",
        "N-1",
        "N-2",
        "N-3",
        "X-1",
        "X-2",
        "X-3",
        "X-4",
        "A-1",
    }
    assert rule("G-2").citation == "《中华人民共和国政府信息公开条例》第四十九条"
    assert [r.code for r in rules_for_table("reviews_and_litigation")] == ["T4-1", "A-1"]


def test_findings_serialise(zhuji: AnnualReport) -> None:
    broken = evolve_path(zhuji, "reviews_and_litigation/administrative_review/total", 1)
    data = dm.check(broken).to_dict()
    assert data["valid"] is False
    assert data["findings"][0]["code"] == "T4-1"
    assert data["rules"]["G-2"] == {"applied": 1, "passed": 1, "failed": 0, "skipped": 0}


def test_the_last_representable_year_is_checked_without_a_crash(zhuji: AnnualReport) -> None:
    last = attrs.evolve(zhuji, year=dt.MAXYEAR, published_on=dt.date(dt.MAXYEAR, 12, 31))
    result = dm.check(last)  # G-2's deadline would be in 10000, a year no date holds
    assert result.rules["G-2"].skipped == 1 and "10000" in (result.rules["G-2"].reason or "")
    with pytest.raises(ValueError, match="9999"):
        attrs.evolve(zhuji, year=dt.MAXYEAR + 1)
