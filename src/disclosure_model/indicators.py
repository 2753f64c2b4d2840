"""Indicators: the derived figures researchers compute from a report, each declared once.

An :class:`Indicator` is a name, a Chinese name, a unit and its terms: a ratio is the sum of its
numerator terms over the sum of its denominator terms (a term may be subtracted), a count is a
sum of terms. The formula shown in the docs (``docs/indicators.md``, generated from
:data:`INDICATORS`) and the value computed are read from the same terms, and the terms read the
model's own labels. Values are computed on the numbers as published (an unbalanced table is not
corrected first); a ratio whose denominator is 0 is ``None``.

Over a corpus, :class:`Totals` adds numerators and denominators separately, so a group's ratio
is the sum of numerators over the sum of denominators, never an average of ratios.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from fractions import Fraction
from typing import Any

import attrs

from .enums import ApplicantType, Disposition, DispositionGroup, Proceeding, RequestsRow
from .findings import Finding, Severity
from .report import AnnualReport
from .requests import TOTAL
from .rules import CATALOGUE
from .rules.catalogue import Scope

__all__ = [
    "INDICATORS",
    "Indicator",
    "Term",
    "Totals",
    "compute",
    "indicators_reference",
    "rule_group",
]


@attrs.frozen(kw_only=True)
class Term:
    """One number an indicator reads: its label (from the model) and how to get it.

    ``get`` takes the report and its findings (only the finding counts use them); ``sign`` is
    ``-1`` for a subtracted term.
    """

    label: str
    get: Callable[[AnnualReport, Sequence[Finding]], int]
    sign: int = 1


@attrs.frozen(kw_only=True)
class Indicator:
    """A derived figure: ``numerator`` over ``denominator`` (a ratio), or ``numerator`` alone.

    ``unit`` is ``"ratio"`` (a share between 0 and 1 on consistent numbers) or ``"count"``.
    """

    name: str
    name_zh: str
    unit: str
    description: str
    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...] = ()

    @property
    def formula(self) -> str:
        """The formula in the form's labels, e.g. ``(（一）予以公开 + …) / （七）总计``."""
        top = _sum_text(self.numerator)
        if not self.denominator:
            return top
        bottom = _group(_sum_text(self.denominator), self.denominator)
        return f"{_group(top, self.numerator)} / {bottom}"

    def parts(self, report: AnnualReport, findings: Sequence[Finding] = ()) -> tuple[int, int]:
        """The numerator and the denominator (1 for a count) of ``report``."""
        top = sum(t.sign * t.get(report, findings) for t in self.numerator)
        if not self.denominator:
            return top, 1
        return top, sum(t.sign * t.get(report, findings) for t in self.denominator)

    def value(self, report: AnnualReport, findings: Sequence[Finding] = ()) -> float | int | None:
        """The indicator of ``report``: a ratio (``None`` when the denominator is 0) or a count."""
        top, bottom = self.parts(report, findings)
        return ratio(top, bottom) if self.denominator else top


def ratio(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator`` correctly rounded to a float; ``None`` for a 0 denominator."""
    if denominator == 0:
        return None
    return float(Fraction(numerator, denominator))


def _sum_text(terms: Sequence[Term]) -> str:
    text = ""
    for i, t in enumerate(terms):
        if i == 0:
            text = t.label if t.sign > 0 else f"− {t.label}"
        else:
            text += (" + " if t.sign > 0 else " − ") + t.label
    return text


def _group(text: str, terms: Sequence[Term]) -> str:
    return f"({text})" if len(terms) > 1 else text


# --- the terms, read from the model's labels ----------------------------------------------


def _row_total(which: RequestsRow) -> Term:
    path = which.path

    def get(report: AnnualReport, _: Sequence[Finding]) -> int:
        node: Any = report.requests
        for key in path:
            node = getattr(node, key)
        value: int = node.total
        return value

    return Term(label=f"{which.ordinal}{which.label_zh.split('（')[0]}·总计", get=get)


def _group_total(group: DispositionGroup) -> Term:
    def get(report: AnnualReport, _: Sequence[Finding]) -> int:
        rows = [d for d in Disposition.for_edition(report.edition) if d.group is group]
        return sum(report.requests.cell(d, TOTAL) for d in rows)

    return Term(label=f"{group.ordinal}{group.label_zh.split('（')[0]}·总计", get=get)


def _applicant(which: RequestsRow, applicant: ApplicantType | str) -> Term:
    column = applicant.code if isinstance(applicant, ApplicantType) else applicant
    label = applicant.label_zh if isinstance(applicant, ApplicantType) else "总计"

    def get(report: AnnualReport, _: Sequence[Finding]) -> int:
        value: int = getattr(report.requests.row(which), column)
        return value

    return Term(label=f"{which.ordinal}{which.label_zh}·{label}", get=get)


def _review(proceeding: Proceeding, column: str, label: str, sign: int = 1) -> Term:
    def get(report: AnnualReport, _: Sequence[Finding]) -> int:
        value: int = getattr(report.reviews_and_litigation.group(proceeding), column)
        return value

    name = (
        proceeding.label_zh
        if proceeding.label_group_zh == proceeding.label_zh
        else f"{proceeding.label_group_zh}（{proceeding.label_zh}）"
    )
    return Term(label=f"{name}·{label}", get=get, sign=sign)


def rule_group(code: str) -> str:
    """The group of a rule code: ``T3`` for ``T3-1``, ``G`` for ``G-2``, ``model`` for
    ``model.type``."""
    return code.split("-", 1)[0] if "-" in code else code.split(".", 1)[0]


def _findings(group: str, severity: Severity) -> Term:
    def get(_: AnnualReport, findings: Sequence[Finding]) -> int:
        return sum(1 for f in findings if f.severity is severity and rule_group(f.code) == group)

    label = "错误" if severity is Severity.ERROR else "警告"
    return Term(label=f"{group} 组规则的{label}数", get=get)


def _outcome_share(group: DispositionGroup) -> Indicator:
    label = group.label_zh.split("（")[0]
    return Indicator(
        name=f"share_{group.code}",
        name_zh=f"{label}占比",
        unit="ratio",
        description=f"Share of {group.title_en.lower()} in this year's outcomes",
        numerator=(_group_total(group),),
        denominator=(_row_total(RequestsRow.OUTCOMES_TOTAL),),
    )


def _correction(
    name: str, name_zh: str, title: str, proceedings: Sequence[Proceeding]
) -> Indicator:
    return Indicator(
        name=name,
        name_zh=name_zh,
        unit="ratio",
        description=f"{title}: decisions corrected among those concluded (total − pending)",
        numerator=tuple(_review(p, "corrected", "结果纠正") for p in proceedings),
        denominator=(
            *(_review(p, TOTAL, "总计") for p in proceedings),
            *(_review(p, "pending", "尚未审结", -1) for p in proceedings),
        ),
    )


def _report_groups() -> list[str]:
    groups: list[str] = []
    for r in CATALOGUE:
        group = rule_group(r.code)
        if r.scope is Scope.REPORT and group not in groups:
            groups.append(group)
    return groups


_LITIGATION = (Proceeding.LITIGATION_WITHOUT_REVIEW, Proceeding.LITIGATION_AFTER_REVIEW)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        name="disclosure_rate",
        name_zh="公开率",
        unit="ratio",
        description="Requests disclosed in full or in part among this year's outcomes",
        numerator=(
            _group_total(DispositionGroup.DISCLOSED),
            _group_total(DispositionGroup.PARTIALLY_DISCLOSED),
        ),
        denominator=(_row_total(RequestsRow.OUTCOMES_TOTAL),),
    ),
    *(
        _outcome_share(g)
        for g in (
            DispositionGroup.WITHHELD,
            DispositionGroup.UNAVAILABLE,
            DispositionGroup.NOT_PROCESSED,
            DispositionGroup.OTHER,
        )
    ),
    Indicator(
        name="carried_forward_share",
        name_zh="结转下年度占比",
        unit="ratio",
        description="Requests carried forward to next year among those to handle this year",
        numerator=(_row_total(RequestsRow.CARRIED_FORWARD),),
        denominator=(
            _row_total(RequestsRow.NEW_RECEIVED),
            _row_total(RequestsRow.CARRIED_OVER),
        ),
    ),
    _correction(
        "review_correction_rate",
        "复议纠错率",
        "Administrative review",
        (Proceeding.ADMINISTRATIVE_REVIEW,),
    ),
    _correction(
        "litigation_without_review_correction_rate",
        "未经复议直接起诉纠错率",
        "Litigation without prior review",
        (Proceeding.LITIGATION_WITHOUT_REVIEW,),
    ),
    _correction(
        "litigation_after_review_correction_rate",
        "复议后起诉纠错率",
        "Litigation after review",
        (Proceeding.LITIGATION_AFTER_REVIEW,),
    ),
    _correction("litigation_correction_rate", "诉讼纠错率", "Litigation as a whole", _LITIGATION),
    *(
        Indicator(
            name=f"applicant_share_{a.code}",
            name_zh=f"{a.label_zh}申请占比",
            unit="ratio",
            description=f"Share of new requests from applicants of type {a.title_en.lower()}",
            numerator=(_applicant(RequestsRow.NEW_RECEIVED, a),),
            denominator=(_applicant(RequestsRow.NEW_RECEIVED, TOTAL),),
        )
        for a in ApplicantType
    ),
    *(
        Indicator(
            name=f"{severity.value}s_{group}",
            name_zh=f"{group} 组{'错误' if severity is Severity.ERROR else '警告'}数",
            unit="count",
            description=f"Number of {severity.value} findings of the {group} rules",
            numerator=(_findings(group, severity),),
        )
        for group in _report_groups()
        for severity in (Severity.ERROR, Severity.WARNING)
    ),
)
"""Every indicator, in the order of the export's columns."""


def compute(
    report: AnnualReport, findings: Sequence[Finding] = ()
) -> dict[str, float | int | None]:
    """Every indicator of ``report`` by name (``findings``: its findings, for the counts)."""
    return {i.name: i.value(report, findings) for i in INDICATORS}


class Totals:
    """Indicators over many reports: numerators and denominators summed separately."""

    def __init__(self) -> None:
        self.reports = 0
        self.sums: dict[str, list[int]] = {i.name: [0, 0] for i in INDICATORS}

    def add(self, report: AnnualReport, findings: Sequence[Finding] = ()) -> None:
        """Add one report."""
        self.reports += 1
        for i in INDICATORS:
            top, bottom = i.parts(report, findings)
            pair = self.sums[i.name]
            pair[0] += top
            pair[1] += bottom

    def merge(self, other: Totals) -> None:
        """Add the reports counted in ``other`` (totals made elsewhere: a worker process)."""
        self.reports += other.reports
        for name, (top, bottom) in other.sums.items():
            pair = self.sums[name]
            pair[0] += top
            pair[1] += bottom

    def values(self) -> dict[str, float | int | None]:
        """Each indicator: sum of numerators over sum of denominators, or the summed count."""
        out: dict[str, float | int | None] = {}
        for i in INDICATORS:
            top, bottom = self.sums[i.name]
            out[i.name] = ratio(top, bottom) if i.denominator else top
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the number of reports, and per indicator value, numerator and
        denominator (no denominator for a count)."""
        values = self.values()
        indicators: dict[str, Any] = {}
        for i in INDICATORS:
            top, bottom = self.sums[i.name]
            entry: dict[str, Any] = {"value": values[i.name], "numerator": top}
            if i.denominator:
                entry["denominator"] = bottom
            indicators[i.name] = entry
        return {"reports": self.reports, "indicators": indicators}


def _rows(items: Iterable[Indicator]) -> Iterator[str]:
    for i in items:
        yield f"| `{i.name}` | {i.name_zh} | {i.unit} | {i.formula} | {i.description} |"


def indicators_reference() -> str:
    """The Markdown page ``docs/indicators.md``, generated from :data:`INDICATORS`."""
    lines = [
        "# Indicators",
        "",
        "<!-- Generated from disclosure_model.indicators.INDICATORS by "
        "`python -m disclosure_model.docgen docs`; do not edit. -->",
        "",
        "The derived figures of `disclosure-model export --indicators` (one row per report) and",
        "`disclosure-model stats` (per group of reports), each declared once in",
        "{data}`disclosure_model.indicators.INDICATORS`. They are computed on the numbers as",
        "published; a ratio",
        "whose denominator is 0 is empty (`null`). Over a group of reports, a ratio is the sum",
        "of the numerators over the sum of the denominators, never an average of ratios.",
        "Labels are the form's: an outcome group's total is the sum of the 总计 column over the",
        "rows of that group in the report's edition.",
        "",
        "| name | 名称 | unit | formula | meaning |",
        "|---|---|---|---|---|",
        *_rows(INDICATORS),
        "",
    ]
    return "\n".join(lines)
