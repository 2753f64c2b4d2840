"""Table 四 — 政府信息公开行政复议、行政诉讼情况 (administrative review and litigation).

The same in both editions: one printed row of 15 counts, in three groups of five columns
(结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

import attrs

from ._columns import Columns, SupportsItems
from .enums import Proceeding, ReviewOutcome
from .meta import ValueKind, cell, part
from .sums import SumRule, terms

__all__ = [
    "SUM_RULES",
    "ProceedingName",
    "ReviewColumn",
    "ReviewGroup",
    "ReviewsAndLitigation",
    "proceeding",
]

ReviewColumn = ReviewOutcome | Literal["total"]
"""A column of a Table 四 group: a :class:`ReviewOutcome`, or ``"total"`` (or their codes)."""

ProceedingName = Proceeding | str
"""A group of Table 四: a :class:`Proceeding`, its code or its group id (``"G1"``)."""

_BY_NAME = {name: p for p in Proceeding for name in (p.code, p.group_id)}


def proceeding(which: ProceedingName) -> Proceeding:
    """The :class:`Proceeding` named by a member, its code or its group id; else KeyError."""
    if isinstance(which, Proceeding):
        return which
    if isinstance(which, str) and which in _BY_NAME:
        return _BY_NAME[which]
    codes = ", ".join(f"{p.code} ({p.group_id})" for p in Proceeding)
    raise KeyError(f"{which!r} is not a group of Table 四 (the groups: {codes})")


def _outcome(o: ReviewOutcome) -> Any:
    return cell(ValueKind.COUNT, label_zh=o.label_zh, title=o.title_en, id=o.code)


@attrs.frozen(kw_only=True)
class ReviewGroup(Columns[ReviewColumn]):
    """One group of Table 四: results of one kind of proceeding, and their 总计."""

    _enum: ClassVar[type[ReviewOutcome]] = ReviewOutcome
    _table: ClassVar[str] = "a Table 四 group"

    upheld: int = _outcome(ReviewOutcome.UPHELD)
    corrected: int = _outcome(ReviewOutcome.CORRECTED)
    other: int = _outcome(ReviewOutcome.OTHER)
    pending: int = _outcome(ReviewOutcome.PENDING)
    total: int = cell(ValueKind.COUNT, label_zh="总计", title="Total", id="total")

    @classmethod
    def zero(cls) -> ReviewGroup:
        """A group of zeros."""
        return cls(upheld=0, corrected=0, other=0, pending=0, total=0)

    @classmethod
    def from_counts(
        cls, *, upheld: int = 0, corrected: int = 0, other: int = 0, pending: int = 0
    ) -> ReviewGroup:
        """A group with ``total`` as the sum of the four results.

        :param upheld: 结果维持
        :param corrected: 结果纠正
        :param other: 其他结果
        :param pending: 尚未审结
        """
        return cls(
            upheld=upheld,
            corrected=corrected,
            other=other,
            pending=pending,
            total=upheld + corrected + other + pending,
        )


_proceeding = proceeding  # the methods' parameter is named ``proceeding`` too


def _proceeding_part(p: Proceeding) -> Any:
    label = p.label_zh if p.label_group_zh == p.label_zh else f"{p.label_group_zh}·{p.label_zh}"
    return part(ReviewGroup, label_zh=label, title=p.title_en, id=p.group_id)


@attrs.frozen(kw_only=True)
class ReviewsAndLitigation:
    """Table 四: administrative review, and litigation without and after review."""

    administrative_review: ReviewGroup = _proceeding_part(Proceeding.ADMINISTRATIVE_REVIEW)
    litigation_without_review: ReviewGroup = _proceeding_part(Proceeding.LITIGATION_WITHOUT_REVIEW)
    litigation_after_review: ReviewGroup = _proceeding_part(Proceeding.LITIGATION_AFTER_REVIEW)

    @classmethod
    def zero(cls) -> ReviewsAndLitigation:
        """Table 四 with every count 0."""
        group = ReviewGroup.zero()
        return cls(**{p.code: group for p in Proceeding})

    @classmethod
    def from_counts(
        cls,
        counts: SupportsItems[ProceedingName, ReviewGroup | SupportsItems[ReviewColumn | str, int]],
    ) -> ReviewsAndLitigation:
        """Table 四 from the counts of each proceeding; proceedings not given are all 0.

        Each value is a :class:`ReviewGroup`, or a mapping of :class:`ReviewOutcome` (or its
        code) to a count, whose 总计 is then their sum: ``{Proceeding.ADMINISTRATIVE_REVIEW:
        {ReviewOutcome.UPHELD: 2, "pending": 1}}``. Keys may be codes or group ids (``"G1"``).

        :param counts: each proceeding's group, or its counts by outcome
        """
        groups = {p.code: ReviewGroup.zero() for p in Proceeding}
        for name, value in counts.items():
            which = proceeding(name)
            if isinstance(value, ReviewGroup):
                groups[which.code] = value
                continue
            by_code: dict[str, int] = {}
            for column, count in value.items():
                if str(column) not in attrs.fields_dict(ReviewGroup) or column == "total":
                    outcomes = ", ".join(o.code for o in ReviewOutcome)
                    raise KeyError(
                        f"{column!r} is not a result of Table 四 (the results: {outcomes}; "
                        "总计 is their sum)"
                    )
                by_code[str(column)] = count
            groups[which.code] = ReviewGroup.from_counts(**by_code)
        return cls(**groups)

    def group(self, proceeding: ProceedingName) -> ReviewGroup:
        """The group of one proceeding (member, code or group id ``"G1"``); else KeyError.

        :param proceeding: the proceeding: a member, its code or its group id
        """
        group: ReviewGroup = getattr(self, _proceeding(proceeding).code)
        return group

    def cell(self, proceeding: ProceedingName, column: ReviewColumn | str) -> int:
        """The count at ``(proceeding, column)``; names by member or code. Else KeyError.

        :param proceeding: the proceeding: a member, its code or its group id
        :param column: a :class:`~disclosure_model.ReviewOutcome`,
            :data:`~disclosure_model.TOTAL` or a column key
        """
        return self.group(proceeding)[column]

    def groups(self) -> Iterator[tuple[Proceeding, ReviewGroup]]:
        """The three groups in the form's order."""
        for p in Proceeding:
            yield p, self.group(p)


SUM_RULES: tuple[SumRule, ...] = (
    SumRule(
        code="T4-1",
        target="reviews_and_litigation/{group}/total",
        terms=terms(*("reviews_and_litigation/{group}/" + o.code for o in ReviewOutcome)),
        over=(("group", tuple(p.code for p in Proceeding)),),
    ),
)
"""The sum rule of Table 四 (T4-1)."""
