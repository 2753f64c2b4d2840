"""Hypothesis strategies for reports, for this library's tests and for yours.

Requires ``hypothesis`` (install the ``test`` extra). Two families:

* :func:`reports` — any report the model accepts: every value in range, sums arbitrary.
* :func:`consistent_reports` — reports that satisfy every rule of the form by construction: the
  parts are drawn first and each total is their sum, dates and organ fields are coherent.

Example::

    from hypothesis import given
    from disclosure_model.testing import consistent_reports

    @given(consistent_reports())
    def test_my_pipeline(report):
        ...
"""

from __future__ import annotations

import datetime as _dt
import functools
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from .enums import (
    ApplicantType,
    Disposition,
    DispositionGroup,
    Edition,
    OrganKind,
    OrganLevel,
    Proceeding,
)
from .meta import METADATA_KEY, MIN_YEAR, ValueKind
from .proactive import (
    DecisionCount,
    DocumentCounts2019,
    DocumentCounts2021,
    FeeAmount,
    FeeItems,
    ItemCounts,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Procurement,
)
from .report import AnnualReport, Narrative, Organ, part_class
from .requests import (
    ApplicantRow,
    NotProcessed,
    OtherOutcomes,
    Outcomes,
    Requests,
    Unavailable,
    Withheld,
)
from .reviews import ReviewGroup, ReviewsAndLitigation
from .rules.aggregate import sum_tables

__all__ = [
    "amounts",
    "applicant_rows",
    "consistent_reports",
    "consistent_series",
    "counts",
    "editions",
    "organs",
    "reports",
    "review_groups",
]

MAX_COUNT = 10_000
"""Upper bound of generated counts (keeps sums readable in failure output)."""


# Strategies are built once and reused (functools.cache below): building and validating a new
# strategy object on every draw cost more than the draws themselves, which tripped Hypothesis's
# too_slow health check under its default settings in users' suites.


@functools.cache
def counts(max_value: int = MAX_COUNT) -> st.SearchStrategy[int]:
    """Counts: integers from 0 to ``max_value`` (hypothesis favours small and boundary values).

    :param max_value: the largest count drawn
    """
    return st.integers(0, max_value)


@functools.lru_cache(maxsize=4096)
def _between(low: int, high: int) -> st.SearchStrategy[int]:
    """``st.integers(low, high)``, built once per bounds."""
    return st.integers(low, high)


@functools.cache
def amounts() -> st.SearchStrategy[Decimal]:
    """Amounts in 万元: non-negative decimals with up to four decimal places."""
    strategy: st.SearchStrategy[Decimal] = _of_kind(ValueKind.AMOUNT)
    return strategy


@functools.cache
def _of_kind(kind: ValueKind) -> st.SearchStrategy[Any]:
    """The strategy a value kind declares, built once."""
    build = kind.spec.strategy
    assert build is not None, kind
    strategy: st.SearchStrategy[Any] = build()
    return strategy


def editions() -> st.SearchStrategy[Edition]:
    """Any edition of the registry (one registered at run time included)."""
    return _editions(tuple(Edition))


@functools.cache
def _editions(members: tuple[Edition, ...]) -> st.SearchStrategy[Edition]:
    return st.sampled_from(members)


@functools.cache
def applicant_rows(*, consistent: bool = True) -> st.SearchStrategy[ApplicantRow]:
    """Table 三 rows; with ``consistent`` the total is the sum of the six columns.

    Half of the rows are all zero, as most rows of real reports are.

    :param consistent: make each row's total the sum of its columns
    """
    filled = _sparse_rows() if consistent else _any_rows()
    return st.one_of(st.just(ApplicantRow.zero()), filled)


@st.composite
def _sparse_rows(draw: st.DrawFn) -> ApplicantRow:
    # Which columns are non-zero, then only their counts: fewer draws than six counts, and it
    # shrinks towards a row of natural persons only, the commonest row of real reports.
    mask = draw(_between(1, 2 ** len(ApplicantType) - 1))
    columns = [a for i, a in enumerate(ApplicantType) if mask >> i & 1]
    return ApplicantRow.from_counts({a: draw(counts()) for a in columns})


@functools.cache
def review_groups(*, consistent: bool = True) -> st.SearchStrategy[ReviewGroup]:
    """Table 四 groups; with ``consistent`` the total is the sum of the four results.

    :param consistent: make each group's total the sum of its outcomes
    """
    if consistent:
        return st.builds(
            ReviewGroup.from_counts,
            upheld=counts(),
            corrected=counts(),
            other=counts(),
            pending=counts(),
        )
    return st.builds(ReviewGroup, **{a.name: counts() for a in attrs.fields(ReviewGroup)})


@functools.cache
def _texts() -> st.SearchStrategy[str]:
    return st.text(st.characters(codec="utf-8"), max_size=40)


@functools.cache
def organs(*, level: OrganLevel | None = None) -> st.SearchStrategy[Organ]:
    """Organs with optional kind, level and division code.

    :param level: the administrative level of every organ drawn; by default any
    """
    return st.builds(
        Organ,
        name=_texts().filter(bool),
        kind=st.none() | st.sampled_from(list(OrganKind)),
        level=st.just(level)
        if level is not None
        else st.none() | st.sampled_from(list(OrganLevel)),
        division_code=st.none() | st.from_regex(r"\A[0-9]{6}\Z"),
    )


@functools.cache
def _cells(cls: type, *, signed: bool = False) -> st.SearchStrategy[Any]:
    """Any instance of a Table 二 row class, each cell drawn by its kind."""
    strategies: dict[str, st.SearchStrategy[Any]] = {}
    for a in attrs.fields(cls):
        strategies[a.name] = _of_kind(a.metadata[METADATA_KEY].kind)  # as its kind declares
    return st.builds(cls, **strategies)


@st.composite
def _documents_2021(
    draw: st.DrawFn, previous: DocumentCounts2021 | None, *, zero: bool = False
) -> DocumentCounts2021:
    if zero:
        return DocumentCounts2021(issued=0, repealed=0, in_force=0)
    if previous is None:
        result: DocumentCounts2021 = draw(_cells(DocumentCounts2021))
        return result
    # In a series: repealed within last year's stock, in force = last year's + issued − repealed.
    issued = draw(counts())
    repealed = draw(_between(0, previous.in_force))
    return DocumentCounts2021(
        issued=issued, repealed=repealed, in_force=previous.in_force + issued - repealed
    )


def _table2_2021(
    *, consistent: bool, rules_allowed: bool, previous: ProactiveDisclosure2021 | None = None
) -> st.SearchStrategy[ProactiveDisclosure2021]:
    del consistent  # drawn the same way for reports() and consistent_reports()
    return st.builds(
        ProactiveDisclosure2021,
        rules=_documents_2021(previous.rules if previous else None, zero=not rules_allowed),
        normative_documents=_documents_2021(previous.normative_documents if previous else None),
        administrative_licensing=_cells(DecisionCount),
        administrative_penalty=_cells(DecisionCount),
        administrative_coercion=_cells(DecisionCount),
        administrative_fees=_cells(FeeAmount),
    )


@st.composite
def _documents_2019(draw: st.DrawFn, *, consistent: bool, zero: bool = False) -> DocumentCounts2019:
    if zero:
        return DocumentCounts2019(produced=0, published=0, total_published=0)
    total = draw(counts())
    published = draw(_between(0, total)) if consistent else draw(counts())
    return DocumentCounts2019(produced=draw(counts()), published=published, total_published=total)


@st.composite
def _items(draw: st.DrawFn, cls: type, *, consistent: bool, last: Any = None) -> Any:
    # In a series, this year's previous_year_items is last year's items plus last year's change.
    previous = last.previous_year_items + last.change if last is not None else draw(counts())
    low = -previous if consistent else -MAX_COUNT
    values: dict[str, Any] = {
        "previous_year_items": previous,
        "change": draw(_between(low, MAX_COUNT)),
    }
    if cls is ItemCounts:
        values["decisions"] = draw(counts())
    return cls(**values)


def _table2_2019(
    *, consistent: bool, rules_allowed: bool, previous: ProactiveDisclosure2019 | None = None
) -> st.SearchStrategy[ProactiveDisclosure2019]:
    def items(key: str, cls: type) -> st.SearchStrategy[Any]:
        last = getattr(previous, key) if previous is not None else None
        return _items(cls, consistent=consistent, last=last)

    return st.builds(
        ProactiveDisclosure2019,
        rules=_documents_2019(consistent=consistent, zero=not rules_allowed),
        normative_documents=_documents_2019(consistent=consistent),
        administrative_licensing=items("administrative_licensing", ItemCounts),
        other_management_services=items("other_management_services", ItemCounts),
        administrative_penalty=items("administrative_penalty", ItemCounts),
        administrative_coercion=items("administrative_coercion", ItemCounts),
        administrative_fees=items("administrative_fees", FeeItems),
        centralized_procurement=_cells(Procurement),
    )


def _group(cls: type, rows: dict[Disposition, ApplicantRow], group: DispositionGroup) -> Any:
    return cls(**{d.key: row for d, row in rows.items() if d.group is group})


def _build_requests(
    edition: Edition,
    outcome_rows: dict[Disposition, ApplicantRow],
    *,
    new_received: ApplicantRow,
    carried_over: ApplicantRow,
    total: ApplicantRow,
    carried_forward: ApplicantRow,
) -> Requests:
    # （六）其他处理 is one row or a group of rows, as the edition's part class says.
    shape = part_class(_OTHER_FIELD, edition)
    if shape is ApplicantRow:
        (other,) = (row for d, row in outcome_rows.items() if d.group is DispositionGroup.OTHER)
    else:
        other = _group(shape, outcome_rows, DispositionGroup.OTHER)
    outcomes = Outcomes(
        disclosed=outcome_rows[Disposition.DISCLOSED],
        partially_disclosed=outcome_rows[Disposition.PARTIALLY_DISCLOSED],
        withheld=_group(Withheld, outcome_rows, DispositionGroup.WITHHELD),
        unavailable=_group(Unavailable, outcome_rows, DispositionGroup.UNAVAILABLE),
        not_processed=_group(NotProcessed, outcome_rows, DispositionGroup.NOT_PROCESSED),
        other=other,
        total=total,
    )
    return Requests(
        new_received=new_received,
        carried_over=carried_over,
        outcomes=outcomes,
        carried_forward=carried_forward,
    )


def _outcome_rows(
    draw: st.DrawFn, edition: Edition, *, consistent: bool
) -> dict[Disposition, ApplicantRow]:
    """The outcome rows: which are non-zero first (about a quarter), then only those rows.

    Two draws choose the non-zero rows, instead of one per row: most outcome rows of real
    reports are zero, and fewer draws keep the strategies within Hypothesis's time budget
    (its ``too_slow`` health check).
    """
    dispositions = Disposition.for_edition(edition)
    every = 2 ** len(dispositions) - 1
    nonzero = draw(_between(0, every)) & draw(_between(0, every))
    filled = _sparse_rows() if consistent else _any_rows()
    zero = ApplicantRow.zero()
    return {d: draw(filled) if nonzero >> i & 1 else zero for i, d in enumerate(dispositions)}


@functools.cache
def _any_rows() -> st.SearchStrategy[ApplicantRow]:
    return st.builds(ApplicantRow, **{a.name: counts() for a in attrs.fields(ApplicantRow)})


@st.composite
def _requests(
    draw: st.DrawFn,
    edition: Edition,
    *,
    consistent: bool,
    carried_over: ApplicantRow | None = None,
) -> Requests:
    rows = applicant_rows(consistent=consistent)
    outcome_rows = _outcome_rows(draw, edition, consistent=consistent)
    if not consistent:
        return _build_requests(
            edition,
            outcome_rows,
            new_received=draw(rows),
            carried_over=draw(rows),
            total=draw(rows),
            carried_forward=draw(rows),
        )
    total: ApplicantRow = sum_tables(list(outcome_rows.values()))
    carried_forward = draw(rows)
    # R1 + R2 = R3.7 + R4 in each column: draw R2 within R3.7 + R4, R1 is what remains.
    # In a series R2 is last year's R4; R4 grows where needed so that R1 stays >= 0.
    if carried_over is None:
        carried = {a: draw(_between(0, total[a] + carried_forward[a])) for a in ApplicantType}
        carried_over = ApplicantRow.from_counts(carried)
    else:
        carried_forward = ApplicantRow.from_counts(
            {a: max(carried_forward[a], carried_over[a] - total[a]) for a in ApplicantType}
        )
    new_received = ApplicantRow.from_counts(
        {a: total[a] + carried_forward[a] - carried_over[a] for a in ApplicantType}
    )
    return _build_requests(
        edition,
        outcome_rows,
        new_received=new_received,
        carried_over=carried_over,
        total=total,
        carried_forward=carried_forward,
    )


@functools.cache
def _reviews(*, consistent: bool) -> st.SearchStrategy[ReviewsAndLitigation]:
    # Most Table 四 groups of real reports are zero: one draw says which are not.
    groups = review_groups(consistent=consistent)
    zero = ReviewGroup.zero()

    @st.composite
    def tables(draw: st.DrawFn) -> ReviewsAndLitigation:
        nonzero = draw(_between(0, 2 ** len(Proceeding) - 1))
        return ReviewsAndLitigation(
            **{p.code: draw(groups) if nonzero >> i & 1 else zero for i, p in enumerate(Proceeding)}
        )

    return tables()


_TABLE_2: dict[type, Any] = {
    ProactiveDisclosure2019: _table2_2019,
    ProactiveDisclosure2021: _table2_2021,
}
"""The strategy of each Table 二 class (an edition's class is ``part_class``'s answer)."""

_TABLE_2_FIELD = attrs.fields(AnnualReport).proactive_disclosure
_OTHER_FIELD = attrs.fields(Outcomes).other


def _deadline(year: int, kind: OrganKind | None) -> _dt.date:
    return _dt.date(year + 1, 3, 31) if kind is OrganKind.GOVERNMENT else _dt.date(year + 1, 1, 31)


@functools.lru_cache(maxsize=256)
def _published(year: int, kind: OrganKind | None) -> st.SearchStrategy[_dt.date | None]:
    """A publication date within the statutory deadline, or none."""
    return st.none() | st.dates(_dt.date(year + 1, 1, 1), _deadline(year, kind))


_OVERVIEWS: st.SearchStrategy[str | None] = st.sampled_from(
    [None, "本机关依法做好政府信息公开工作。", "本年度共收到政府信息公开申请{received}件。"]
)


@st.composite
def _report(
    draw: st.DrawFn,
    edition: Edition | None,
    *,
    consistent: bool,
    previous: AnnualReport | None = None,
    year: int | None = None,
) -> AnnualReport:
    if previous is not None:  # the next report of a consistent series
        year = previous.year + 1
        chosen = Edition.for_year(year)
        organ = previous.organ
    elif year is not None:
        chosen = Edition.for_year(year) if consistent else edition or draw(editions())
        organ = draw(organs())
    elif consistent:
        chosen = edition or draw(editions())
        year = draw(_between(chosen.first_year, chosen.last_year or chosen.first_year + 14))
        organ = draw(organs())
    else:
        year = draw(_of_kind(ValueKind.YEAR))
        chosen = edition or draw(editions())
        organ = draw(organs())
    rules_allowed = not consistent or organ.level not in (OrganLevel.COUNTY, OrganLevel.TOWNSHIP)
    last_table2 = previous.proactive_disclosure if previous is not None else None
    narrative: Narrative | None
    # Table 二 of the edition's class; last year's carries over where it has the same class.
    shape = part_class(_TABLE_2_FIELD, chosen)
    last = last_table2 if type(last_table2) is shape else None
    strategy = _TABLE_2[shape]
    table2 = draw(strategy(consistent=consistent, rules_allowed=rules_allowed, previous=last))
    carried_over = previous.requests.carried_forward if previous is not None else None
    requests = draw(_requests(chosen, consistent=consistent, carried_over=carried_over))
    if consistent:
        published_on = draw(_published(year, organ.kind))
        received = requests.new_received.total
        overview = draw(_OVERVIEWS)
        if overview is not None:
            overview = overview.format(received=received)
        fee_note = "本年度未收取信息处理费。"
        other = requests.outcomes.other
        if isinstance(other, OtherOutcomes) and other.fee_unpaid.total > 0:
            fee_note = "本年度发出信息处理费收费通知，部分申请人逾期未缴纳。"
        narrative = Narrative(
            overview=overview,
            problems_and_improvements="公开内容的规范性有待提高，将加强培训。",
            other_matters=fee_note,
        )
    else:
        published_on = draw(st.none() | _of_kind(ValueKind.DATE))
        narrative = draw(
            st.none()
            | st.builds(
                Narrative,
                overview=st.none() | _texts(),
                problems_and_improvements=st.none() | _texts(),
                other_matters=st.none() | _texts(),
            )
        )
    return AnnualReport(
        edition=chosen,
        year=year,
        organ=organ,
        published_on=published_on,
        source_url=draw(st.none() | st.just("https://www.example.gov.cn/zfxxgk/nb.html")),
        narrative=narrative,
        proactive_disclosure=table2,
        requests=requests,
        reviews_and_litigation=draw(_reviews(consistent=consistent)),
    )


def reports(edition: Edition | None = None) -> st.SearchStrategy[AnnualReport]:
    """Any report the model accepts, of ``edition`` or any; sums and dates are arbitrary.

    :param edition: the edition of every report drawn; by default any of the registry
    """
    return _report(edition, consistent=False)


def consistent_reports(edition: Edition | None = None) -> st.SearchStrategy[AnnualReport]:
    """Reports that satisfy every rule of the form by construction (no error findings).

    :param edition: the edition of every report drawn; by default any of the registry
    """
    return _report(edition, consistent=True)


@st.composite
def consistent_series(
    draw: st.DrawFn, *, min_size: int = 2, max_size: int = 4, first_year: int | None = None
) -> list[AnnualReport]:
    """Consecutive yearly reports of one organ satisfying every rule, the cross-year ones too.

    Each year's R2 is last year's R4; documents in force and 2019 item counts carry over. The
    edition follows the year, so a series crossing 2020 → 2021 mixes editions.

    :param min_size: the fewest reports in a series
    :param max_size: the most reports in a series
    :param first_year: the year of the first report; by default drawn
    """
    size = draw(st.integers(min_size, max_size))
    start = first_year if first_year is not None else draw(st.integers(MIN_YEAR, MIN_YEAR + 11))
    series: list[AnnualReport] = [draw(_report(None, consistent=True, year=start))]
    while len(series) < size:
        series.append(draw(_report(None, consistent=True, previous=series[-1])))
    return series
