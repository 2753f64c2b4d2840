"""Words the printed form shows that belong to no single cell.

Every cell's label, ordinal, id and English title is declared on its field (see
:mod:`disclosure_model.meta`) or on its enum member. A few texts of the form head a whole table or
block instead: the report's title, the 信息内容 header of each Table 二 block, the 申请人情况 header
and the balance note in the corner of Table 三, and the printed unit of the 2021 fee column. They
are declared here, once, for every consumer that draws or reads the form (the renderer, the
importers).

    >>> from disclosure_model.form import APPLICANT_HEADER, column_label
    >>> APPLICANT_HEADER.zh
    '申请人情况'
    >>> from disclosure_model.proactive import FeeAmount, Procurement
    >>> column_label(FeeAmount, "amount"), column_label(Procurement, "amount")
    ('本年收费金额（单位：万元）', '采购总金额')
"""

from __future__ import annotations

import attrs

from .meta import FieldInfo, field_info
from .proactive import FeeAmount

__all__ = [
    "APPLICANT_HEADER",
    "BALANCE_NOTE",
    "CONTENT_HEADER",
    "GROUP_TITLES_EN",
    "REPORT_TITLE",
    "FormText",
    "block_caption",
    "column_label",
    "report_title",
]


@attrs.frozen
class FormText:
    """A text printed on the form (``zh``) and its English title (``en``)."""

    zh: str
    en: str


REPORT_TITLE = FormText(
    "政府信息公开工作年度报告", "Government Information Disclosure Annual Report"
)
"""The document's title, printed after the organ's name and the year."""

CONTENT_HEADER = FormText("信息内容", "Item")
"""The first header cell of every Table 二 block."""

APPLICANT_HEADER = FormText("申请人情况", "Applicants")
"""The header over the seven value columns of Table 三."""

BALANCE_NOTE = FormText(
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "(In each column: row 一 plus row 二 equals row 三 plus row 四)",
)
"""The corner cell of Table 三, which states the table's balance (rule T3-1)."""

GROUP_TITLES_EN: dict[str, str] = {
    "法人或其他组织": "Legal persons or other organizations",
    "行政诉讼": "Administrative litigation",
}
"""English titles of the column groups printed over several columns (the Chinese group label
is declared on the enum members: ``ApplicantType.group_zh``, ``Proceeding.label_group_zh``)."""

_CITED_LAW = "条例 "
_UNIT = "（单位：{}）"

# The amount columns whose unit the form prints in the header. The 2019 采购总金额 column holds
# 万元 in the model too, but its printed header names no unit.
_PRINTED_UNITS: frozenset[tuple[type, str]] = frozenset({(FeeAmount, "amount")})


def block_caption(row: FieldInfo) -> str:
    """The caption of the Table 二 block a row belongs to: ``第二十条第（一）项``.

    Read from the row's citation (``条例 第二十条第（一）项``), which names the block.
    """
    return row.citation.removeprefix(_CITED_LAW)


def column_label(cls: type, name: str) -> str:
    """The header of a value column as printed: its label, with the unit where the form shows it."""
    info = field_info(cls, name)
    if (cls, name) in _PRINTED_UNITS and info.unit:
        return info.label_zh + _UNIT.format(info.unit)
    return info.label_zh


def report_title(organ_name: str, year: int) -> str:
    """The report's title as published: ``示例市人民政府2023年政府信息公开工作年度报告``."""
    return f"{organ_name}{year}年{REPORT_TITLE.zh}"
