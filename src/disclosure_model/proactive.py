"""Table 二 — 主动公开政府信息情况 (proactive disclosure), one shape per edition.

The table is a stack of blocks, each named after an item of 条例 第二十条. The two editions differ
in rows, columns and meaning: in 2019 the （八） block counts fee *items*, in 2021 it is the fee
*amount* collected, so the editions get separate classes and no field is shared between them.

Row ids are ``B<item>.<row>``: ``B1.2`` is the second row of the 第二十条第（一）项 block.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from .enums import Availability, ByEdition, Edition
from .meta import FieldInfo, ValueKind, cell, cell_options, fields_info, part, to_amount
from .sums import Relation, SumRule, Term, minus, previous

__all__ = [
    "SUM_RULES",
    "TABLE_2_CLASSES",
    "DecisionCount",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "FeeAmount",
    "FeeItems",
    "ItemCounts",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "ProactiveDisclosure2021",
    "Procurement",
    "Table2Row2019",
    "Table2Row2021",
]

_ART20 = "条例 第二十条第（{}）项"
_T = TypeVar("_T", "ProactiveDisclosure2019", "ProactiveDisclosure2021")


def _count(label_zh: str, title: str, *, signed: bool = False, unit: str = "") -> Any:
    kind = ValueKind.SIGNED_COUNT if signed else ValueKind.COUNT
    return cell(kind, label_zh=label_zh, title=title, unit=unit)


# --- 2021 edition ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DocumentCounts2021:
    """2021 （一） block row: documents issued, repealed and in force."""

    issued: int = _count("本年制发件数", "Issued this year")
    repealed: int = _count("本年废止件数", "Repealed this year")
    in_force: int = _count("现行有效件数", "In force")


@attrs.frozen(kw_only=True)
class DecisionCount:
    """2021 （五）/（六） block row: decisions made this year."""

    decisions: int = _count("本年处理决定数量", "Decisions this year")


@attrs.frozen(kw_only=True)
class FeeAmount:
    """2021 （八） block row: fees collected this year, in 万元."""

    amount: Decimal = attrs.field(
        converter=to_amount,
        **cell_options(
            ValueKind.AMOUNT, label_zh="本年收费金额", title="Fees collected this year", unit="万元"
        ),
    )


def _row(cls: type, label_zh: str, title: str, row_id: str, item: str) -> Any:
    return part(cls, label_zh=label_zh, title=title, id=row_id, citation=_ART20.format(item))


@attrs.frozen(kw_only=True)
class ProactiveDisclosure2021:
    """Table 二 of the 2021 edition (10 cells)."""

    rules: DocumentCounts2021 = _row(DocumentCounts2021, "规章", "Rules", "B1.1", "一")
    normative_documents: DocumentCounts2021 = _row(
        DocumentCounts2021, "行政规范性文件", "Administrative normative documents", "B1.2", "一"
    )
    administrative_licensing: DecisionCount = _row(
        DecisionCount, "行政许可", "Administrative licensing", "B5.1", "五"
    )
    administrative_penalty: DecisionCount = _row(
        DecisionCount, "行政处罚", "Administrative penalty", "B6.1", "六"
    )
    administrative_coercion: DecisionCount = _row(
        DecisionCount, "行政强制", "Administrative coercion", "B6.2", "六"
    )
    administrative_fees: FeeAmount = _row(
        FeeAmount, "行政事业性收费", "Administrative fees", "B8.1", "八"
    )

    edition = Edition.E2021

    def rows(self) -> Iterator[tuple[str, FieldInfo, Table2Row2021]]:
        """``(key, info, row)`` for each row in the form's order."""
        return _rows(self)

    @classmethod
    def zero(cls) -> ProactiveDisclosure2021:
        """Table 二 of the 2021 edition with every cell 0."""
        return _zero(cls)


# --- 2019 edition ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DocumentCounts2019:
    """2019 （一） block row: documents produced, newly published, and published in total."""

    produced: int = _count("本年新制作数量", "Produced this year")
    published: int = _count("本年新公开数量", "Newly published this year")
    total_published: int = _count("对外公开总数量", "Published in total")


@attrs.frozen(kw_only=True)
class ItemCounts:
    """2019 （五）/（六） block row: items last year, this year's change, decisions."""

    previous_year_items: int = _count("上一年项目数量", "Items in the previous year")
    change: int = _count("本年增/减", "Change this year", signed=True)
    decisions: int = _count("处理决定数量", "Decisions")


@attrs.frozen(kw_only=True)
class FeeItems:
    """2019 （八） block row: fee *items* (not amounts) last year and this year's change."""

    previous_year_items: int = _count("上一年项目数量", "Items in the previous year")
    change: int = _count("本年增/减", "Change this year", signed=True)


@attrs.frozen(kw_only=True)
class Procurement:
    """2019 （九） block row: centralized procurement projects and their total amount in 万元."""

    projects: int = _count("采购项目数量", "Procurement projects")
    amount: Decimal = attrs.field(
        converter=to_amount,
        **cell_options(
            ValueKind.AMOUNT, label_zh="采购总金额", title="Total procurement amount", unit="万元"
        ),
    )


@attrs.frozen(kw_only=True)
class ProactiveDisclosure2019:
    """Table 二 of the 2019 edition (22 cells)."""

    rules: DocumentCounts2019 = _row(DocumentCounts2019, "规章", "Rules", "B1.1", "一")
    normative_documents: DocumentCounts2019 = _row(
        DocumentCounts2019, "规范性文件", "Normative documents", "B1.2", "一"
    )
    administrative_licensing: ItemCounts = _row(
        ItemCounts, "行政许可", "Administrative licensing", "B5.1", "五"
    )
    other_management_services: ItemCounts = _row(
        ItemCounts, "其他对外管理服务事项", "Other external management services", "B5.2", "五"
    )
    administrative_penalty: ItemCounts = _row(
        ItemCounts, "行政处罚", "Administrative penalty", "B6.1", "六"
    )
    administrative_coercion: ItemCounts = _row(
        ItemCounts, "行政强制", "Administrative coercion", "B6.2", "六"
    )
    administrative_fees: FeeItems = _row(
        FeeItems, "行政事业性收费", "Administrative fees (items)", "B8.1", "八"
    )
    centralized_procurement: Procurement = _row(
        Procurement, "政府集中采购", "Centralized government procurement", "B9.1", "九"
    )

    edition = Edition.E2019

    def rows(self) -> Iterator[tuple[str, FieldInfo, Table2Row2019]]:
        """``(key, info, row)`` for each row in the form's order."""
        return _rows(self)

    @classmethod
    def zero(cls) -> ProactiveDisclosure2019:
        """Table 二 of the 2019 edition with every cell 0."""
        return _zero(cls)


ProactiveDisclosure = ProactiveDisclosure2019 | ProactiveDisclosure2021
"""Table 二 of either edition."""

Table2Row2021 = DocumentCounts2021 | DecisionCount | FeeAmount
"""A row of the 2021 Table 二 (what :meth:`ProactiveDisclosure2021.rows` yields)."""

Table2Row2019 = DocumentCounts2019 | ItemCounts | FeeItems | Procurement
"""A row of the 2019 Table 二 (what :meth:`ProactiveDisclosure2019.rows` yields)."""


def _rows(table: ProactiveDisclosure) -> Iterator[tuple[str, FieldInfo, Any]]:
    for key, info in fields_info(type(table)).items():
        yield key, info, getattr(table, key)


def _zero(cls: type[_T]) -> _T:
    from .building import zero_table

    table: _T = zero_table(cls, cls.edition)
    return table


TABLE_2_CLASSES: ByEdition[type[ProactiveDisclosure2019] | type[ProactiveDisclosure2021]] = (
    ByEdition(
        (ProactiveDisclosure2019, Availability(until=Edition.E2019)),
        (ProactiveDisclosure2021, Availability(since=Edition.E2021)),
    )
)
"""The Table 二 class of each edition (a mapping computed from each class's availability)."""


# --- the rules of Table 二 -------------------------------------------------------------------

_DOCUMENT_ROWS = ("rules", "normative_documents")
_ITEM_ROWS_2019 = (
    "administrative_licensing",
    "other_management_services",
    "administrative_penalty",
    "administrative_coercion",
    "administrative_fees",
)
_T2 = "proactive_disclosure/{row}/"

SUM_RULES: tuple[SumRule, ...] = (
    # previous_year_items + change ≥ 0, read as change ≥ −previous_year_items.
    SumRule(
        code="T2-1",
        target=_T2 + "change",
        terms=(minus(_T2 + "previous_year_items"),),
        relation=Relation.GE,
        over=(("row", _ITEM_ROWS_2019),),
    ),
    SumRule(
        code="T2-2",
        target=_T2 + "published",
        terms=(Term(_T2 + "total_published"),),
        relation=Relation.LE,
        over=(("row", _DOCUMENT_ROWS),),
    ),
    SumRule(
        code="X-2",
        target=_T2 + "in_force",
        terms=(previous(_T2 + "in_force"), Term(_T2 + "issued"), minus(_T2 + "repealed")),
        over=(("row", _DOCUMENT_ROWS),),
    ),
    SumRule(
        code="X-3",
        target=_T2 + "repealed",
        terms=(previous(_T2 + "in_force"),),
        relation=Relation.LE,
        over=(("row", _DOCUMENT_ROWS),),
    ),
    # previous_year_items(N+1) = previous_year_items(N) + change(N), read from year N+1.
    SumRule(
        code="X-4",
        target=_T2 + "previous_year_items",
        terms=(previous(_T2 + "previous_year_items"), previous(_T2 + "change")),
        over=(("row", _ITEM_ROWS_2019),),
    ),
)
"""The sum rules of Table 二 (T2-1, T2-2) and its series rules (X-2, X-3, X-4)."""
