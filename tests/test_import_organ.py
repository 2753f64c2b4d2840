"""The organ's kind and level as its name says them, and never where it does not."""

from __future__ import annotations

import pytest

from disclosure_model.enums import OrganKind, OrganLevel
from disclosure_model.importers import import_report
from disclosure_model.importers._aliases import DIVISION_LEVELS
from disclosure_model.importers._interpret import organ_kind, organ_level

from .conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "kind", "level"),
    [
        # departments take the level of the government they belong to (before: always None)
        ("某某县人民政府办公室", "department", "county"),
        ("某某区发展和改革委员会", "department", "county"),
        ("某某县住房和城乡建设局", "department", "county"),  # 城乡 names no 乡
        ("某某市某某区市场监督管理局", "department", "county"),  # 市场 names no 市
        ("某某县乡村振兴局", "department", "county"),
        ("某某县城市管理局", "department", "county"),
        ("某某省生态环境厅", "department", "provincial"),
        ("某某省乡村振兴局", "department", "provincial"),
        ("某某自治州民族宗教事务委员会", "department", "prefectural"),
        ("某某盟行政公署办公室", "department", "prefectural"),
        ("北京市生态环境局", "department", "provincial"),  # a municipality
        ("国家统计局", "department", "national"),
        ("某某省生態環境廳", "department", "provincial"),  # traditional characters
        # governments
        ("某某自治区人民政府", "government", "provincial"),
        ("某某县人民政府", "government", "county"),
        ("某某旗人民政府", "government", "county"),
        ("某某乡人民政府", "government", "township"),
        ("某某镇人民政府", "government", "township"),
        ("镇江市某某县人民政府", "government", "county"),  # 镇 in a place name is no 镇
        ("某某市某某区某某街道办事处", None, "township"),
        # the name does not say: never guessed
        ("某某市应急管理局", "department", None),  # prefectural or county-level city?
        ("某某市住房和城乡建设局", "department", None),
        ("某某市人民政府", "government", None),
        ("国家税务总局某某市税务局", "department", None),
        ("某某经济技术开发区管理委员会", "department", None),
        ("某某综合实验区", None, None),
    ],
)
def test_kind_and_level_from_the_name(name: str, kind: str | None, level: str | None) -> None:
    assert organ_kind(name) == kind
    assert organ_level(name)[0] == level


def test_division_levels_are_the_models_levels() -> None:
    """Every level the importer infers is an ``OrganLevel``; the stems of the enum's labels
    (省级 → 省, 县级 → 县, 乡镇级 → 乡, 镇) name divisions of that level."""
    values = {level.value for level in OrganLevel}
    assert {v for v in DIVISION_LEVELS.values() if v is not None} <= values
    for level in OrganLevel:
        for word in level.label_zh.removesuffix("级"):
            if DIVISION_LEVELS.get(word) is not None:
                assert DIVISION_LEVELS[word] == level.value, word
    assert DIVISION_LEVELS["省"] == OrganLevel.PROVINCIAL.value
    assert DIVISION_LEVELS["县"] == OrganLevel.COUNTY.value
    assert {OrganKind(k) for k in ("government", "department")} <= set(OrganKind)


def _imported(organ: str) -> list[tuple[str, str | None, object]]:
    text = (FIXTURES / "handmade" / "township-2022-2019-tables.txt").read_text(encoding="utf-8")
    result = import_report(text.replace("某某乡人民政府", organ), kind="text")
    assert result.report is not None
    return [
        (f.code, f.pointer, f.expected)
        for f in result.findings
        if f.code.startswith("import.organ_")
    ]


def test_a_department_of_a_county_gets_the_county_level_with_a_finding() -> None:
    assert _imported("某某县住房和城乡建设局") == [
        ("import.organ_kind_inferred", "/organ/kind", "department"),
        ("import.organ_level_inferred", "/organ/level", "county"),
    ]


def test_a_level_the_name_does_not_say_is_left_out_with_an_info_finding() -> None:
    text = (FIXTURES / "handmade" / "township-2022-2019-tables.txt").read_text(encoding="utf-8")
    result = import_report(text.replace("某某乡人民政府", "某某市应急管理局"), kind="text")
    assert result.report is not None and result.report.organ.level is None
    unknown = [f for f in result.findings if f.code == "import.organ_level_unknown"]
    assert len(unknown) == 1 and unknown[0].severity.value == "info"
    assert unknown[0].location is not None and "某某市" in unknown[0].message("en")
    assert result.report.organ.kind is OrganKind.DEPARTMENT


def test_printed_level_and_kind_are_never_overridden() -> None:
    text = (FIXTURES / "handmade" / "township-2022-2019-tables.txt").read_text(encoding="utf-8")
    head = "某某乡人民政府2022年政府信息公开工作年度报告"
    printed = f"{head}\n行政层级：县级\n机关类型：政府部门或机构\n"
    result = import_report(text.replace(head + "\n", printed, 1), kind="text")
    assert result.report is not None
    assert result.report.organ.level is OrganLevel.COUNTY
    assert result.report.organ.kind is OrganKind.DEPARTMENT
    assert not [f for f in result.findings if f.code.startswith("import.organ_level")]
    assert not [f for f in result.findings if f.code.startswith("import.organ_kind")]
