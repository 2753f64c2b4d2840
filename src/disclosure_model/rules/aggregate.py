"""Sums of reports, and rule A-1: a parent report against the children it covers.

A government's report often summarises its departments. Every P/D rule of the form is linear, so
the sum of consistent reports is consistent; :func:`aggregate` builds that sum cell by cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..findings import Operand
from ..meta import METADATA_KEY, ValueKind
from ..report import AnnualReport, Organ
from .catalogue import rule
from .engine import CheckResult, Tally, describe_cell, rule_finding

__all__ = ["AggregationError", "aggregate", "check_aggregate", "sum_tables"]


class AggregationError(ValueError):
    """Reports that cannot be summed (none given, or of different years or editions)."""


def sum_tables(parts: Sequence[Any]) -> Any:
    """Sum attrs tables cell by cell (every count and amount; nested tables recursively)."""
    first = parts[0]
    values: dict[str, Any] = {}
    for a in attrs.fields(type(first)):
        kind = a.metadata[METADATA_KEY].kind
        if kind is ValueKind.OBJECT:
            values[a.name] = sum_tables([getattr(p, a.name) for p in parts])
        elif kind.spec.summed:
            values[a.name] = sum(getattr(p, a.name) for p in parts)
        else:  # pragma: no cover - tables hold numbers only
            raise AssertionError(f"cannot sum {type(first).__name__}.{a.name}")
    return type(first)(**values)


def aggregate(reports: Iterable[AnnualReport], *, organ: Organ | None = None) -> AnnualReport:
    """The sum of reports of one year and edition: every cell of Tables 二, 三 and 四 added.

    ``organ`` is the reporting organ of the sum (by default one named after the count of
    reports). Narrative, dates and source are left out. Raises :class:`AggregationError` for
    no reports or mixed years or editions.

    :param reports: reports of one year and one edition
    :param organ: the organ of the sum (by default a placeholder naming the sum)
    """
    parts = list(reports)
    if not parts:
        raise AggregationError("nothing to aggregate: no reports given")
    years = sorted({r.year for r in parts})
    editions = sorted({r.edition.value for r in parts})
    if len(years) > 1:
        raise AggregationError(
            f"cannot aggregate reports of different years ({', '.join(map(str, years))})"
        )
    if len(editions) > 1:
        raise AggregationError(
            f"cannot aggregate reports of different editions ({', '.join(editions)}): "
            "their Tables 二 and 三 have different rows"
        )
    return AnnualReport(
        edition=parts[0].edition,
        year=years[0],
        organ=organ or Organ(name=f"合计（{len(parts)} 份报告）"),
        proactive_disclosure=sum_tables([r.proactive_disclosure for r in parts]),
        requests=sum_tables([r.requests for r in parts]),
        reviews_and_litigation=sum_tables([r.reviews_and_litigation for r in parts]),
    )


def _cells(table: Any, path: str) -> list[str]:
    """The paths of every count under a table object, in declaration order."""
    out: list[str] = []
    for a in attrs.fields(type(table)):
        kind = a.metadata[METADATA_KEY].kind
        child = f"{path}/{a.name}"
        if kind is ValueKind.OBJECT:
            out += _cells(getattr(table, a.name), child)
        else:
            out.append(child)
    return out


def _get(report: AnnualReport, path: str) -> Any:
    node: Any = report
    for key in path.split("/"):
        node = getattr(node, key)
    return node


def check_aggregate(
    parent: AnnualReport,
    children: Sequence[AnnualReport],
    *,
    parent_source: str | None = None,
    child_sources: Sequence[str | None] | None = None,
) -> CheckResult:
    """Rule A-1: each Table 三 and Table 四 cell of ``parent`` equals the sum over ``children``.

    Findings point into the parent; each operand is a child's cell, named by its source (or organ
    and year). Skipped, with the reason, when no children are given or their year or edition
    differs from the parent's.

    :param parent: the summary report (a government's)
    :param children: the reports it sums (its departments')
    :param parent_source: the parent's name in findings (a file name)
    :param child_sources: the children's names, in their order
    """
    tally = Tally([rule("A-1")])
    given = list(child_sources) if child_sources is not None else [None] * len(children)
    names = [n or f"{c.organ.name} {c.year}" for n, c in zip(given, children, strict=True)]
    if not children:
        tally.skipped("A-1", "no child reports given")
        return tally.result()
    if any(c.year != parent.year for c in children):
        tally.skipped("A-1", "a child report is of another year than the parent")
        return tally.result()
    if any(c.edition is not parent.edition for c in children):
        tally.skipped("A-1", "a child report is of another edition than the parent")
        return tally.result()
    paths = _cells(parent.requests, "requests") + _cells(
        parent.reviews_and_litigation, "reviews_and_litigation"
    )
    for path in paths:
        values = [_get(c, path) for c in children]
        expected = sum(values)
        actual = _get(parent, path)
        if actual == expected:
            tally.passed("A-1")
            continue
        cell, _, _ = describe_cell(path, parent.edition)
        pointer = "/" + path
        tally.failed(
            attrs.evolve(
                rule_finding(
                    "A-1",
                    pointer,
                    expected=expected,
                    actual=actual,
                    difference=actual - expected,
                    cell=cell,
                    operands=tuple(
                        Operand(pointer=pointer, value=v, document=n)
                        for v, n in zip(values, names, strict=True)
                    ),
                    children=len(children),
                ),
                document=parent_source,
            )
        )
    return tally.result()
