"""Every enum label, ordinal and row id against the official form (transcribed from the format).

The expected values below are the form's own labels, typed in from the two official format
documents (国办公开办函〔2019〕60号 and 国办公开办函〔2021〕30号); the model must match them.
"""

from __future__ import annotations

import attrs
import pytest

from disclosure_model import (
    ApplicantRow,
    ApplicantType,
    Disposition,
    DispositionGroup,
    Edition,
    OrganKind,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Proceeding,
    RequestsRow,
    ReviewGroup,
    ReviewOutcome,
    field_info,
    fields_info,
)

# (row id, ordinal, label, JSON key path under "requests", editions)
TABLE_3_ROWS = [
    ("R1", "一、", "本年新收政府信息公开申请数量", "new_received", "2019 2021"),
    ("R2", "二、", "上年结转政府信息公开申请数量", "carried_over", "2019 2021"),
    ("R3.1", "（一）", "予以公开", "outcomes.disclosed", "2019 2021"),
    (
        "R3.2",
        "（二）",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        "outcomes.partially_disclosed",
        "2019 2021",
    ),
    ("R3.3.1", "1.", "属于国家秘密", "outcomes.withheld.state_secret", "2019 2021"),
    (
        "R3.3.2",
        "2.",
        "其他法律行政法规禁止公开",
        "outcomes.withheld.prohibited_by_law",
        "2019 2021",
    ),
    ("R3.3.3", "3.", "危及“三安全一稳定”", "outcomes.withheld.security_and_stability", "2019 2021"),
    ("R3.3.4", "4.", "保护第三方合法权益", "outcomes.withheld.third_party_rights", "2019 2021"),
    ("R3.3.5", "5.", "属于三类内部事务信息", "outcomes.withheld.internal_affairs", "2019 2021"),
    ("R3.3.6", "6.", "属于四类过程性信息", "outcomes.withheld.process_information", "2019 2021"),
    ("R3.3.7", "7.", "属于行政执法案卷", "outcomes.withheld.enforcement_case_files", "2019 2021"),
    ("R3.3.8", "8.", "属于行政查询事项", "outcomes.withheld.administrative_inquiry", "2019 2021"),
    ("R3.4.1", "1.", "本机关不掌握相关政府信息", "outcomes.unavailable.not_held", "2019 2021"),
    (
        "R3.4.2",
        "2.",
        "没有现成信息需要另行制作",
        "outcomes.unavailable.requires_compilation",
        "2019 2021",
    ),
    (
        "R3.4.3",
        "3.",
        "补正后申请内容仍不明确",
        "outcomes.unavailable.unclear_after_correction",
        "2019 2021",
    ),
    (
        "R3.5.1",
        "1.",
        "信访举报投诉类申请",
        "outcomes.not_processed.petition_or_complaint",
        "2019 2021",
    ),
    ("R3.5.2", "2.", "重复申请", "outcomes.not_processed.duplicate", "2019 2021"),
    (
        "R3.5.3",
        "3.",
        "要求提供公开出版物",
        "outcomes.not_processed.publication_requested",
        "2019 2021",
    ),
    ("R3.5.4", "4.", "无正当理由大量反复申请", "outcomes.not_processed.excessive", "2019 2021"),
    (
        "R3.5.5",
        "5.",
        "要求行政机关确认或重新出具已获取信息",
        "outcomes.not_processed.confirmation_requested",
        "2019 2021",
    ),
    ("R3.6", "（六）", "其他处理", "outcomes.other", "2019"),
    (
        "R3.6.1",
        "1.",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "outcomes.other.no_correction",
        "2021",
    ),
    (
        "R3.6.2",
        "2.",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "outcomes.other.fee_unpaid",
        "2021",
    ),
    ("R3.6.3", "3.", "其他", "outcomes.other.other", "2021"),
    ("R3.7", "（七）", "总计", "outcomes.total", "2019 2021"),
    ("R4", "四、", "结转下年度继续办理", "carried_forward", "2019 2021"),
]

GROUPS = [
    ("disclosed", "（一）", "予以公开"),
    ("partially_disclosed", "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld", "（三）", "不予公开"),
    ("unavailable", "（四）", "无法提供"),
    ("not_processed", "（五）", "不予处理"),
    ("other", "（六）", "其他处理"),
]

APPLICANT_COLUMNS = [
    ("natural_person", "自然人"),
    ("commercial_enterprise", "商业企业"),
    ("research_institution", "科研机构"),
    ("social_welfare_organization", "社会公益组织"),
    ("legal_service_organization", "法律服务机构"),
    ("other_organization", "其他"),
    ("total", "总计"),
]

TABLE_4_COLUMNS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]

TABLE_4_GROUPS = [
    ("administrative_review", "行政复议", "行政复议"),
    ("litigation_without_review", "行政诉讼", "未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼", "复议后起诉"),
]

# (key, row label, [(cell key, column label)], 第二十条 item)
TABLE_2_2021 = [
    (
        "rules",
        "规章",
        [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")],
        "一",
    ),
    (
        "normative_documents",
        "行政规范性文件",
        [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")],
        "一",
    ),
    ("administrative_licensing", "行政许可", [("decisions", "本年处理决定数量")], "五"),
    ("administrative_penalty", "行政处罚", [("decisions", "本年处理决定数量")], "六"),
    ("administrative_coercion", "行政强制", [("decisions", "本年处理决定数量")], "六"),
    ("administrative_fees", "行政事业性收费", [("amount", "本年收费金额")], "八"),
]
_ITEMS = [
    ("previous_year_items", "上一年项目数量"),
    ("change", "本年增/减"),
    ("decisions", "处理决定数量"),
]
TABLE_2_2019 = [
    (
        "rules",
        "规章",
        [
            ("produced", "本年新制作数量"),
            ("published", "本年新公开数量"),
            ("total_published", "对外公开总数量"),
        ],
        "一",
    ),
    (
        "normative_documents",
        "规范性文件",
        [
            ("produced", "本年新制作数量"),
            ("published", "本年新公开数量"),
            ("total_published", "对外公开总数量"),
        ],
        "一",
    ),
    ("administrative_licensing", "行政许可", _ITEMS, "五"),
    ("other_management_services", "其他对外管理服务事项", _ITEMS, "五"),
    ("administrative_penalty", "行政处罚", _ITEMS, "六"),
    ("administrative_coercion", "行政强制", _ITEMS, "六"),
    ("administrative_fees", "行政事业性收费", _ITEMS[:2], "八"),
    (
        "centralized_procurement",
        "政府集中采购",
        [("projects", "采购项目数量"), ("amount", "采购总金额")],
        "九",
    ),
]


def _which(row_id: str) -> Disposition | RequestsRow:
    for member in (*Disposition, *RequestsRow):
        if member.row_id == row_id:
            return member
    raise AssertionError(f"no row {row_id}")


@pytest.mark.parametrize(("row_id", "ordinal", "label", "path", "editions"), TABLE_3_ROWS)
def test_table_3_rows(row_id: str, ordinal: str, label: str, path: str, editions: str) -> None:
    which = _which(row_id)
    assert which.label_zh == label
    assert which.ordinal == ordinal
    assert ".".join(which.path) == path
    if isinstance(which, Disposition):
        assert which.editions == tuple(editions.split())


def test_every_table_3_row_is_listed() -> None:
    assert {m.row_id for m in (*Disposition, *RequestsRow)} == {r[0] for r in TABLE_3_ROWS}
    assert len(Disposition.for_edition(Edition.E2019)) + 4 == 23
    assert len(Disposition.for_edition(Edition.E2021)) + 4 == 25
    refusals = [
        d for d in Disposition if d.group.code in ("withheld", "unavailable", "not_processed")
    ]
    assert len(refusals) == 16


@pytest.mark.parametrize(("code", "ordinal", "label"), GROUPS)
def test_disposition_groups(code: str, ordinal: str, label: str) -> None:
    group = DispositionGroup(code)
    assert (group.ordinal, group.label_zh) == (ordinal, label)


def test_applicant_columns() -> None:
    assert [(a.code, a.label_zh) for a in ApplicantType] == APPLICANT_COLUMNS[:6]
    info = fields_info(ApplicantRow)
    assert [(k, i.label_zh) for k, i in info.items()] == APPLICANT_COLUMNS
    assert {a.group_zh for a in list(ApplicantType)[1:]} == {"法人或其他组织"}


def test_table_4_labels() -> None:
    assert [(o.code, o.label_zh) for o in ReviewOutcome] == TABLE_4_COLUMNS[:4]
    assert [(k, i.label_zh) for k, i in fields_info(ReviewGroup).items()] == TABLE_4_COLUMNS
    assert [(p.code, p.label_group_zh, p.label_zh) for p in Proceeding] == TABLE_4_GROUPS


@pytest.mark.parametrize(
    ("cls", "expected"),
    [(ProactiveDisclosure2021, TABLE_2_2021), (ProactiveDisclosure2019, TABLE_2_2019)],
)
def test_table_2_labels(
    cls: type, expected: list[tuple[str, str, list[tuple[str, str]], str]]
) -> None:
    rows = fields_info(cls)
    assert list(rows) == [e[0] for e in expected]
    for key, label, cells, item in expected:
        info = rows[key]
        assert info.label_zh == label
        assert info.citation == f"条例 第二十条第（{item}）项"
        row_cls = attrs.fields_dict(cls)[key].type
        assert [(k, i.label_zh) for k, i in fields_info(row_cls).items()] == cells


def test_amount_units_and_cell_counts() -> None:
    assert (
        field_info(
            attrs.fields_dict(ProactiveDisclosure2021)["administrative_fees"].type, "amount"
        ).unit
        == "万元"
    )

    def cells(cls: type) -> int:
        return sum(
            len(attrs.fields(attrs.fields_dict(cls)[k].type)) for k in attrs.fields_dict(cls)
        )

    assert cells(ProactiveDisclosure2021) == 10
    assert cells(ProactiveDisclosure2019) == 22


def test_editions() -> None:
    assert Edition.E2019.document == "国办公开办函〔2019〕60号"
    assert Edition.E2021.document == "国办公开办函〔2021〕30号"
    assert Edition.E2019.label_zh == "中华人民共和国政府信息公开工作年度报告格式（试行）"
    assert Edition.E2021.label_zh == "中华人民共和国政府信息公开工作年度报告格式"
    assert [Edition.for_year(y) for y in (2019, 2020, 2021, 2024)] == [
        Edition.E2019,
        Edition.E2019,
        Edition.E2021,
        Edition.E2021,
    ]
    with pytest.raises(ValueError, match="2018"):
        Edition.for_year(2018)
    assert Edition.E2019.covers(2020) and not Edition.E2019.covers(2021)
    assert Edition.E2021.covers(2040) and not Edition.E2021.covers(2020)


def test_enum_members_are_their_codes() -> None:
    assert Edition("2021") is Edition.E2021
    assert OrganKind("department") == "department"
    assert Disposition.STATE_SECRET.printed_label == "1.属于国家秘密"
    assert str(Disposition.NOT_HELD) == "not_held"
