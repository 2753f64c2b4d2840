"""Checking one report, and a series of one organ's reports across years."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from .._args import items, require
from .._fastpath import sum_function, sums_module
from ..enums import Edition
from ..report import AnnualReport
from . import report_rules as _report_rules  # noqa: F401  (registers the predicate rules)
from .catalogue import CATALOGUE, Scope
from .engine import (
    PREDICATES,
    CheckResult,
    Predicate,
    Tally,
    report_checks,
    report_rules,
    run_sum_checks,
    series_checks,
)

__all__ = ["check", "check_decoded", "check_series"]


def check(report: AnnualReport) -> CheckResult:
    """Run every single-report rule on ``report``; never raises for an inconsistent report.

    The result lists every finding and, per rule code, how many times it applied, passed,
    failed or was skipped (with the reason). Raises ``TypeError`` for anything but a report.

    :param report: the report to check
    """
    require(report, AnnualReport, "check", "report")
    return check_decoded(report, report.edition)


def check_decoded(document: Any, edition: Edition) -> CheckResult:
    """Run every single-report rule on a report or on a decoded document of ``edition``.

    A decoded document (the verified struct tree of :mod:`disclosure_model._typed`) has the
    report's attribute names and values, so every rule reads it as it reads a report: the sum
    rules through the one function generated from their declarations, the other rules through
    the same bodies. Gives the same result as :func:`check` on the report built from it.

    :param document: a report, or a decoded document of ``edition``
    :param edition: the document's edition
    """
    # Every sum check counts as passed in advance; the compiled happy path says which fail, and
    # only those are evaluated again to build their findings.
    rules, base, sums, evaluators = _plan(edition)
    tally = Tally(rules, base)
    failing = sums(document)
    if failing:
        checks = report_checks(edition)
        failed = [checks[i] for i in failing]
        for c in failed:
            tally.unpass(c.rule.code)
        run_sum_checks(failed, tally, document)
    for code, function, reason in evaluators:
        if function is None:
            tally.skipped(code, reason)
        else:
            function(document, tally)
    return tally.result()


@cache
def _plan(edition: Edition) -> tuple[Any, Any, Callable[[Any], list[int]], Any]:
    """What checking a document of ``edition`` reads, looked up once: the rules, the counts the
    sum checks start from, the generated sum function and the other rules' evaluators."""
    return report_rules(), _check_counts(edition), sum_function(edition), _evaluators(edition)


def _evaluators(edition: Edition) -> tuple[tuple[str, Predicate | None, str], ...]:
    """Per single-report rule that is not a sum: ``(code, predicate, "")``, or ``(code, None,
    reason)`` where it does not apply to ``edition`` (sums are counted from compiled checks)."""
    out: list[tuple[str, Predicate | None, str]] = []
    for r in report_rules():
        if not r.applies_to(edition):
            out.append((r.code, None, r.skip_reason()))
        elif r.code in PREDICATES:
            out.append((r.code, PREDICATES[r.code], ""))
    return tuple(out)


def _check_counts(edition: Edition) -> dict[str, tuple[int, int, int, int]]:
    """Per sum rule: its checks of ``edition``, all counted as applied and passed (counted from
    the declarations, by the generated sum module: the checks are compiled only once one fails)."""
    counted: dict[str, int] = sums_module(edition).COUNTS
    return {code: (n, n, 0, 0) for code, n in counted.items()}


def _name(report: AnnualReport, source: str | None) -> str:
    return source or f"{report.organ.name} {report.year}"


def check_series(
    reports: Iterable[AnnualReport], sources: Sequence[str | None] | None = None
) -> CheckResult:
    """Run the cross-year rules (X-1 … X-4) on the reports of one organ, in any order.

    Years may have gaps (rules apply between consecutive years only, and say so) and editions may
    be mixed (each rule applies where both years have the edition it reads). ``sources`` names
    the documents (e.g. file paths) in the order given; each finding's ``document`` is the
    report it points into, and its last-year operands carry that report's name. Raises
    :class:`ValueError` when two reports have the same year.

    :param reports: one organ's reports of different years, in any order
    :param sources: their names in findings (file names), in the same order
    """
    given = items(reports, AnnualReport, "check_series", "reports")
    if sources is not None and (isinstance(sources, str) or not hasattr(sources, "__iter__")):
        raise TypeError(
            "check_series() argument 'sources' must be a sequence of str or None, "
            f"not {type(sources).__name__}"
        )
    names = list(sources) if sources is not None else [None] * len(given)
    if len(names) != len(given):
        raise ValueError("sources must name every report")
    by_year: dict[int, tuple[AnnualReport, str]] = {}
    for report, source in zip(given, names, strict=True):
        if report.year in by_year:
            raise ValueError(
                f"two reports for {report.year}: {by_year[report.year][1]} and "
                f"{_name(report, source)}; a series has one report a year"
            )
        by_year[report.year] = (report, _name(report, source))
    rules = [r for r in CATALOGUE if r.scope is Scope.SERIES]
    tally = Tally(rules)
    years = sorted(by_year)
    for year in years[1:]:
        current, current_name = by_year[year]
        if year - 1 not in by_year:
            for r in rules:
                tally.skipped(r.code, f"no report for {year - 1} before {year}")
            continue
        previous, previous_name = by_year[year - 1]
        checks = series_checks(current.edition, previous.edition)
        run_sum_checks(
            checks,
            tally,
            current,
            previous,
            document=current_name,
            previous_document=previous_name,
        )
        ran = {c.rule.code for c in checks}
        for r in rules:
            if r.code not in ran:
                tally.skipped(r.code, f"applies where both years use {r.available.describe()}")
    return tally.result()
