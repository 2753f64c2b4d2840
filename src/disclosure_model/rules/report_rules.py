"""The single-report rules that are not sums: dates, edition, organ powers and the narrative.

Each says when it does not apply (a skip with its reason) rather than passing silently.
"""

from __future__ import annotations

import datetime as _dt
import re

from .._numbers import int_from_digits
from ..enums import Edition, OrganKind, OrganLevel
from ..findings import Operand
from ..proactive import DocumentCounts2019, DocumentCounts2021
from ..report import AnnualReport
from ..requests import ApplicantRow
from .engine import Tally, describe_cell, predicate, row_fields, rule_finding

__all__ = ["REQUESTS_STATED", "STATED_DIGITS", "statutory_deadline"]


@predicate("G-1")
def _edition_year(report: AnnualReport, tally: Tally) -> None:
    expected = Edition.for_year(report.year)
    if report.edition is expected:
        tally.passed_once("G-1")
        return
    tally.failed(
        rule_finding(
            "G-1",
            "/edition",
            expected=expected.value,
            actual=report.edition.value,
            operands=(Operand(pointer="/year", value=report.year),),
            year=report.year,
        )
    )


def statutory_deadline(report: AnnualReport) -> tuple[_dt.date | None, str]:
    """The 条例 第四十九条 deadline of a report, or ``None`` and why none applies."""
    organ = report.organ
    if organ.kind is None:
        return None, "organ.kind is missing"
    if organ.level is None:
        return None, "organ.level is missing"
    if organ.kind is OrganKind.OTHER:
        return None, "第四十九条 sets dates for government departments and governments only"
    if organ.level is OrganLevel.TOWNSHIP:
        return None, "第四十九条 sets no date for township organs (乡镇/街道)"
    if report.year >= _dt.MAXYEAR:  # the deadline falls in a year no date can hold
        return None, f"no date in {report.year + 1} can be represented"
    if organ.kind is OrganKind.DEPARTMENT:
        return _dt.date(report.year + 1, 1, 31), ""
    if organ.level is OrganLevel.NATIONAL:
        return None, "第四十九条 sets the 31 March date for local governments only"
    return _dt.date(report.year + 1, 3, 31), ""


@predicate("G-2")
def _deadline(report: AnnualReport, tally: Tally) -> None:
    deadline, reason = statutory_deadline(report)
    if deadline is None:
        tally.skipped("G-2", reason)
        return
    if report.published_on is None:
        tally.skipped("G-2", "published_on is missing")
        return
    if report.published_on <= deadline:
        tally.passed_once("G-2")
        return
    tally.failed(
        rule_finding(
            "G-2",
            "/published_on",
            expected=deadline.isoformat(),
            actual=report.published_on.isoformat(),
            difference=(report.published_on - deadline).days,
            operands=(
                Operand(pointer="/year", value=report.year),
                Operand(pointer="/organ/kind", value=report.organ.kind and report.organ.kind.value),
            ),
            kind=report.organ.kind.value if report.organ.kind else "",
        )
    )


@predicate("G-3")
def _after_period(report: AnnualReport, tally: Tally) -> None:
    if report.published_on is None:
        tally.skipped("G-3", "published_on is missing")
        return
    period_end = _dt.date(report.year, 12, 31)
    if report.published_on > period_end:
        tally.passed_once("G-3")
        return
    tally.failed(
        rule_finding(
            "G-3",
            "/published_on",
            expected=f"> {period_end.isoformat()}",
            actual=report.published_on.isoformat(),
            operands=(Operand(pointer="/year", value=report.year),),
            period_end=period_end.isoformat(),
        )
    )


@predicate("T2-3")
def _rules_power(report: AnnualReport, tally: Tally) -> None:
    level = report.organ.level
    if level is None:
        tally.skipped("T2-3", "organ.level is missing")
        return
    if level not in (OrganLevel.COUNTY, OrganLevel.TOWNSHIP):
        tally.passed_once("T2-3")
        return
    rules_row: DocumentCounts2019 | DocumentCounts2021 = report.proactive_disclosure.rules
    found = False
    for name in row_fields("proactive_disclosure/rules", report.edition):
        value = getattr(rules_row, name)
        if value > 0:
            found = True
            path = f"proactive_disclosure/rules/{name}"
            cell, _, _ = describe_cell(path, report.edition)
            tally.failed(
                rule_finding(
                    "T2-3",
                    "/" + path,
                    expected=0,
                    actual=value,
                    difference=value,
                    cell=cell,
                    operands=(Operand(pointer="/organ/level", value=level.value),),
                    level=level.value,
                    level_zh=level.label_zh,
                )
            )
    if not found:
        tally.passed_once("T2-3")


REQUESTS_STATED = re.compile(
    r"(?:收到|受理|新收|接收)[^。；;，,\d]{0,20}?(?:公开)?申请[^。；;\d]{0,8}?(\d+)\s*(?:件|个|份|宗)"
)
"""How an overview states the number of requests received (``收到政府信息公开申请0件``)."""

_REQUESTS_WORD = "申请"  # a literal REQUESTS_STATED requires (its N-1 prefilter)
_REQUESTS_REACH = 24  # the most characters before it in a match: 收到 (2) + 20 + 公开 (2)

STATED_DIGITS = 100
"""N-1 reads a stated number of up to this many digits (leading zeros aside). A longer one
cannot be a count of the model (at most 2^53 − 1): the rule fails with ``actual`` ``None`` and
the number of digits in ``stated_digits``, without reading the number."""


@predicate("N-1")
def _requests_stated(report: AnnualReport, tally: Tally) -> None:
    overview = report.narrative.overview if report.narrative else None
    if not overview:
        tally.skipped("N-1", "the document has no overview (一、总体情况)")
        return
    # Every statement the pattern reads names 申请, at most _REQUESTS_REACH characters after its
    # start: the search starts that far before the first 申请, and not at all without one.
    first = overview.find(_REQUESTS_WORD)
    match = (
        REQUESTS_STATED.search(overview, max(0, first - _REQUESTS_REACH)) if first >= 0 else None
    )
    if match is None:
        tally.skipped("N-1", "the overview does not state a number of requests received")
        return
    digits = match.group(1).lstrip("0") or "0"
    stated: int | None = (
        int_from_digits(digits) if len(digits) <= STATED_DIGITS and digits.isdigit() else None
    )
    new = report.requests.new_received.total
    with_carried = new + report.requests.carried_over.total
    if stated in (new, with_carried):
        tally.passed_once("N-1")
        return
    quote = match.group(0)
    tally.failed(
        rule_finding(
            "N-1",
            "/narrative/overview",
            expected=new,
            actual=stated,
            difference=stated - new if stated is not None else None,
            operands=(
                Operand(pointer="/requests/new_received/total", value=new),
                Operand(pointer="/requests/carried_over/total", value=with_carried - new),
            ),
            quote=quote if len(quote) <= 80 else f"{quote[:40]}…{quote[-20:]}",
            with_carried=with_carried,
            stated_digits=len(digits),
        )
    )


@predicate("N-2")
def _problems_present(report: AnnualReport, tally: Tally) -> None:
    if report.narrative is None:
        tally.skipped("N-2", "the document has no narrative")
        return
    text = report.narrative.problems_and_improvements
    if text is not None and text.strip():
        tally.passed_once("N-2")
        return
    tally.failed(
        rule_finding(
            "N-2",
            "/narrative/problems_and_improvements" if text is not None else "/narrative",
            missing=text is None,
        )
    )


@predicate("N-3")
def _fees_reported(report: AnnualReport, tally: Tally) -> None:
    # Not isinstance: the document may be a decoded one (the catalogue declares N-3 from 2021).
    fee_unpaid: ApplicantRow | None = getattr(report.requests.outcomes.other, "fee_unpaid", None)
    if fee_unpaid is None:
        tally.skipped("N-3", "the edition has no fee-unpaid row (R3.6.2)")
        return
    unpaid = fee_unpaid.total
    if unpaid == 0:
        tally.skipped("N-3", "no request lapsed for an unpaid fee (R3.6.2 总计 is 0)")
        return
    if report.narrative is None:
        tally.skipped("N-3", "the document has no narrative")
        return
    text = report.narrative.other_matters or ""
    if "信息处理费" in text:
        tally.passed_once("N-3")
        return
    tally.failed(
        rule_finding(
            "N-3",
            "/narrative/other_matters"
            if report.narrative.other_matters is not None
            else "/narrative",
            operands=(Operand(pointer="/requests/outcomes/other/fee_unpaid/total", value=unpaid),),
            unpaid=unpaid,
        )
    )
