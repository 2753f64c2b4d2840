"""Table 四 — 政府信息公开行政复议、行政诉讼情况 (administrative review and litigation).

The same in both editions: one printed row of 15 counts, in three groups of five columns
(结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import attrs

from .enums import Proceeding, ReviewOutcome
from .meta import ValueKind, cell, part
from .sums import SumRule, terms

__all__ = ["SUM_RULES", "ReviewColumn", "ReviewGroup", "ReviewsAndLitigation"]

ReviewColumn = ReviewOutcome | Literal["total"]
"""A column of a Table 四 group: a :class:`ReviewOutcome`, or ``"total"``."""


def _outcome(o: ReviewOutcome) -> Any:
    return cell(ValueKind.COUNT, label_zh=o.label_zh, title=o.title_en, id=o.code)


@attrs.frozen(kw_only=True)
class ReviewGroup:
    """One group of Table 四: results of one kind of proceeding, and their 总计."""

    upheld: int = _outcome(ReviewOutcome.UPHELD)
    corrected: int = _outcome(ReviewOutcome.CORRECTED)
    other: int = _outcome(ReviewOutcome.OTHER)
    pending: int = _outcome(ReviewOutcome.PENDING)
    total: int = cell(ValueKind.COUNT, label_zh="总计", title="Total", id="total")

    def __getitem__(self, column: ReviewColumn) -> int:
        """The count in ``column`` (a :class:`ReviewOutcome` or ``"total"``)."""
        value: int = getattr(self, str(column))
        return value

    @classmethod
    def zero(cls) -> ReviewGroup:
        """A group of zeros."""
        return cls(upheld=0, corrected=0, other=0, pending=0, total=0)

    @classmethod
    def from_counts(
        cls, *, upheld: int = 0, corrected: int = 0, other: int = 0, pending: int = 0
    ) -> ReviewGroup:
        """A group with ``total`` as the sum of the four results."""
        return cls(
            upheld=upheld,
            corrected=corrected,
            other=other,
            pending=pending,
            total=upheld + corrected + other + pending,
        )


def _proceeding(p: Proceeding) -> Any:
    label = p.label_zh if p.label_group_zh == p.label_zh else f"{p.label_group_zh}·{p.label_zh}"
    return part(ReviewGroup, label_zh=label, title=p.title_en, id=p.group_id)


@attrs.frozen(kw_only=True)
class ReviewsAndLitigation:
    """Table 四: administrative review, and litigation without and after review."""

    administrative_review: ReviewGroup = _proceeding(Proceeding.ADMINISTRATIVE_REVIEW)
    litigation_without_review: ReviewGroup = _proceeding(Proceeding.LITIGATION_WITHOUT_REVIEW)
    litigation_after_review: ReviewGroup = _proceeding(Proceeding.LITIGATION_AFTER_REVIEW)

    def group(self, proceeding: Proceeding) -> ReviewGroup:
        """The group of one proceeding."""
        group: ReviewGroup = getattr(self, proceeding.code)
        return group

    def cell(self, proceeding: Proceeding, column: ReviewColumn) -> int:
        """The count at ``(proceeding, column)``."""
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
