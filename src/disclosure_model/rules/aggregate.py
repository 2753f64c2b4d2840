"""Sums of reports, and rule A-1: a parent report against the children it covers.

A government's report often summarises its departments. Every P/D rule of the form is linear, so
the sum of consistent reports is consistent; :func:`aggregate` builds that sum cell by cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    Context,
    Decimal,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Underflow,
)
from typing import Any

import attrs

from .._args import items, require
from .._numbers import number_text
from ..findings import Operand
from ..meta import METADATA_KEY, ValueKind
from ..report import AnnualReport, Organ
from .catalogue import rule
from .engine import CheckResult, Tally, describe_cell, rule_finding

__all__ = [
    "EXACT_DIGITS",
    "AggregationError",
    "aggregate",
    "check_aggregate",
    "exact_sum",
    "sum_tables",
]


class AggregationError(ValueError):
    """Reports that cannot be summed (none given, or of different years or editions)."""


EXACT_DIGITS = 10_000
"""The most digits an exact sum of amounts may need (from its largest to its smallest digit).

Amounts are summed exactly, never rounded: amounts so far apart (``1e9999`` and ``1e-9999``)
that their exact sum needs more digits raise :class:`AggregationError`.
"""


def exact_sum(amounts: Sequence[Decimal]) -> Decimal:
    """The exact sum of amounts, however many digits it takes, or :class:`AggregationError`.

    Python's default decimal context keeps 28 significant digits and overflows beyond an
    exponent of 999999; this sum uses a context as wide as its inputs need, and any rounding
    is an error. The sum has the decimal places of its most precise term (``1.5 + 0.25`` is
    ``1.75``, ``0.00 + 1`` is ``1.00``), as ``Decimal`` addition gives; a zero's places are
    dropped only where keeping them would pass :data:`EXACT_DIGITS`.
    """
    nonzero = [a for a in amounts if a]
    zeros = [a for a in amounts if not a]
    if not nonzero:
        return min(zeros, key=_exponent) if zeros else Decimal(0)
    top = max(a.adjusted() for a in nonzero)
    bottom = min(_exponent(a) for a in nonzero)
    zero_bottom = min((_exponent(z) for z in zeros), default=bottom)
    if top - zero_bottom < EXACT_DIGITS:
        bottom = min(bottom, zero_bottom)
    digits = top - bottom + 1 + len(str(len(amounts)))  # the places, and room for carries
    if digits > EXACT_DIGITS:
        raise AggregationError(
            f"cannot sum amounts exactly: their digits span {digits} places "
            f"(more than {EXACT_DIGITS})"
        )
    context = Context(
        prec=digits,
        Emax=MAX_EMAX,
        Emin=MIN_EMIN,
        traps=[Inexact, Rounded, Overflow, Underflow, InvalidOperation],
    )
    terms = nonzero + [z for z in zeros if _exponent(z) >= bottom]
    try:
        total = terms[0]
        for a in terms[1:]:
            total = context.add(total, a)
    except ArithmeticError as exc:  # beyond the largest exponent Decimal holds
        raise AggregationError(f"cannot sum amounts exactly: {type(exc).__name__}") from None
    return total


def _exponent(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def sum_tables(parts: Sequence[Any]) -> Any:
    """Sum attrs tables cell by cell (every count and amount; nested tables recursively)."""
    first = parts[0]
    values: dict[str, Any] = {}
    for a in attrs.fields(type(first)):
        kind = a.metadata[METADATA_KEY].kind
        if kind is ValueKind.OBJECT:
            values[a.name] = sum_tables([getattr(p, a.name) for p in parts])
        elif kind is ValueKind.AMOUNT:
            values[a.name] = exact_sum([getattr(p, a.name) for p in parts])
        elif kind.spec.summed:
            total = sum(getattr(p, a.name) for p in parts)
            bound = kind.spec.maximum
            if bound is not None and abs(total) > bound:
                raise AggregationError(
                    f"cannot aggregate: {type(first).__name__}.{a.name} sums to "
                    f"{number_text(total)}, beyond the largest count {bound}"
                )
            values[a.name] = total
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
    parts = items(reports, AnnualReport, "aggregate", "reports")
    if organ is not None:
        require(organ, Organ, "aggregate", "organ")
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
    require(parent, AnnualReport, "check_aggregate", "parent")
    children = items(children, AnnualReport, "check_aggregate", "children")
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
