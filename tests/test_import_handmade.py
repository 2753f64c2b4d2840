"""Hand-made reports in the shapes real sites publish, each imported cell for cell.

Each fixture in ``tests/fixtures/handmade/`` is a report typed by hand the way one kind of
publisher prints it (see ``tests/fixtures/SOURCES.md``); its ``.expected.json`` beside it says,
by hand, what it holds: the edition, year, organ and date, and every non-zero cell by JSON
Pointer (every other cell of the form is 0). The import must give exactly that report and
exactly the findings listed here.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from disclosure_model import AnnualReport, check, to_dict
from disclosure_model.importers import ImportResult, import_report

from .conftest import FIXTURES

HANDMADE = FIXTURES / "handmade"


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out.update(_leaves(inner, f"{path}/{key}"))
        return out
    return {path: value}


def _expected(name: str, report: AnnualReport) -> dict[str, Any]:
    """The full set of table cells the fixture holds: its listed cells, 0 everywhere else."""
    data = json.loads((HANDMADE / name).read_text(encoding="utf-8"), parse_float=Decimal)
    tables = {k: to_dict(report)[k] for k in TABLES}
    cells = {pointer: 0 for pointer in _leaves(tables)}
    for pointer, value in data["cells"].items():
        assert pointer in cells, f"{name}: {pointer} is not a cell of the form"
        cells[pointer] = Decimal(value) if isinstance(value, str) else value
    data["cells"] = cells
    return data


TABLES = ("proactive_disclosure", "requests", "reviews_and_litigation")


def _import(source: str) -> ImportResult:
    return import_report(HANDMADE / source)


def _assert_cell_for_cell(result: ImportResult, expected: str) -> None:
    assert result.report is not None, [f.message("en") for f in result.findings]
    want = _expected(expected, result.report)
    got = to_dict(result.report)
    assert got["edition"] == want["edition"]
    assert got["year"] == want["year"]
    assert got["organ"] == want["organ"]
    assert got.get("published_on") == want.get("published_on")
    cells = _leaves({k: got[k] for k in TABLES})
    assert {p: v for p, v in cells.items() if v != want["cells"][p]} == {}
    assert cells == want["cells"]


def _codes(result: ImportResult) -> Counter[str]:
    return Counter(f.code.removeprefix("import.") for f in result.findings)


def test_word_exported_county_department_2019() -> None:
    """Word's HTML (mso- styles, <o:p>, MsoNormal, WordSection1), GB2312 declared, blank 0s."""
    result = _import("county-dept-2019.word.html")
    _assert_cell_for_cell(result, "county-dept-2019.expected.json")
    assert _codes(result) == Counter(
        {
            "placeholder": 3 + 7,  # 规章's three blank cells, （六）其他处理's seven
            "signed_change": 3,
            "unit_converted": 1,
            "organ_kind_inferred": 1,
            "organ_level_inferred": 1,  # 某某县自然资源局: a county department
            "edition_detected": 1,
        }
    )


def test_township_2021_gbk_page_without_a_charset() -> None:
    """A CMS page in GBK with no charset declared; 0 printed as /, — and blank; Table 四 all 0
    under two header rows (行政复议 · 行政诉讼, then fifteen column labels)."""
    result = _import("township-2021.gbk.html")
    _assert_cell_for_cell(result, "township-2021.expected.json")
    assert _codes(result) == Counter(
        {
            "encoding": 1,
            "placeholder": 6,
            "organ_kind_inferred": 1,
            "organ_level_inferred": 1,
            "edition_detected": 1,
        }
    )
    placeholders = {f.pointer: f.actual for f in result.findings if f.code == "import.placeholder"}
    assert placeholders["/proactive_disclosure/administrative_licensing/decisions"] == "—"
    assert placeholders["/proactive_disclosure/rules/issued"] == "/"


def test_text_copied_from_a_page_one_cell_a_line_with_blank_lines() -> None:
    """Each cell on its own line, a blank line between cells; 商业/企业 broken in the header."""
    result = _import("city-dept-2022.cells.txt")
    assert result.kind == "text"
    _assert_cell_for_cell(result, "city-dept-2022.expected.json")
    # 某某市市场监督管理局: a 市 may be prefectural or county-level, so no level is guessed
    assert _codes(result) == Counter(
        {"organ_kind_inferred": 1, "organ_level_unknown": 1, "edition_detected": 1}
    )


def test_markdown_in_traditional_characters_with_padding_cells() -> None:
    """A converter's Markdown of a traditional-character page: merged cells printed as empty
    cells after them, Table 三's header as one row of applicant columns (法人或其他組織 fused
    into the first), group and row labels in one column, Table 四's header rows of empty cells
    above its values, a provincial extra row in Table 二 (行政檢查)."""
    result = _import("province-dept-2023.trad.md")
    assert result.kind == "markdown"
    _assert_cell_for_cell(result, "province-dept-2023.expected.json")
    codes = _codes(result)
    assert codes["unrecognised_row"] == 1
    extra = next(f for f in result.findings if f.code == "import.unrecognised_row")
    assert "行政檢查" in str(extra.actual) and "35" in str(extra.actual)
    assert codes["label_lenient"] == 6 + 24  # every row printed with a traditional character
    # the blank cells of header and group rows (三、本年度辦理結果, 信息內容 …, 行政復議 …) are the
    # form's shape, not artefacts (before: 13 findings for them); padding beside a value stays
    assert codes["ignored_cells"] == 4
    padding = [f for f in result.findings if f.code == "import.ignored_cells"]
    assert all("merged-cell padding" in f.message("en") for f in padding)
    assert not [f for f in result.findings if f.is_error]
    assert set(codes) == {
        "unrecognised_row",
        "label_lenient",
        "ignored_cells",
        "organ_kind_inferred",
        "organ_level_inferred",
        "edition_detected",
    }


def test_variant_characters_cover_every_character_the_labels_use() -> None:
    """Every traditional form (OpenCC's table) of a character in the library's labels and the
    importer's words is read as that character: a report in traditional characters matches."""
    opencc = pytest.importorskip("opencc")
    import re

    from disclosure_model.importers._aliases import VARIANT_CHARACTERS

    src = Path(__file__).parents[1] / "src" / "disclosure_model"
    # The texts the importer matches a source against: the model's labels, the form's own texts
    # and the importer's words (not the messages of the rules, the codec or the command line).
    matched = ["enums.py", "form.py", "meta.py", "proactive.py", "report.py", "requests.py"]
    matched += ["reviews.py"]
    used: set[str] = set()
    for path in [*(src / name for name in matched), *(src / "importers").rglob("*.py")]:
        used |= set(re.findall(r"[\u4e00-\u9fff]", path.read_text(encoding="utf-8")))
    t2s = opencc.OpenCC("t2s")
    missing = {}
    for code in range(0x4E00, 0xA000):
        form = chr(code)
        simple = t2s.convert(form)
        known = VARIANT_CHARACTERS.get(form) == simple
        if len(simple) == 1 and simple != form and simple in used and not known:
            missing[form] = simple
    pairs = " ".join(f"{t}{s}" for t, s in missing.items())
    assert missing == {}, f"add to _VARIANT_PAIRS in importers/_aliases.py: {pairs}"


def test_2022_township_report_on_the_2019_tables_that_does_not_add_up() -> None:
    """Tab-separated text of a 2022 report printed on the 2019 form, 0 as —, spaces inside
    labels, 38000元 in the procurement cell; its outcome rows add up to 5, its （七）总计 says 6.
    Imported as printed (edition 2019, the total as printed), then flagged by ``check``."""
    result = _import("township-2022-2019-tables.txt")
    _assert_cell_for_cell(result, "township-2022-2019-tables.expected.json")
    assert _codes(result) == Counter(
        {
            "placeholder": 14,
            "signed_change": 1,
            "unit_converted": 1,
            "organ_kind_inferred": 1,
            "organ_level_inferred": 1,
            "edition_detected": 1,
            "edition_year_mismatch": 1,
        }
    )
    assert result.report is not None
    flagged = {(f.code, f.pointer) for f in check(result.report).findings}
    assert ("T3-3", "/requests/outcomes/total/natural_person") in flagged
    assert ("T3-3", "/requests/outcomes/total/total") in flagged
    assert ("G-1", "/edition") in flagged


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("county-gov-2022.turned.txt", "county-gov-2022.turned.expected.json"),
        ("province-dept-2023.turned.md", "province-dept-2023.expected.json"),
    ],
)
def test_table_4_printed_turned_is_read_by_its_labels(source: str, expected: str) -> None:
    """Table 四 with a line per result and a column per proceeding (tab-separated text, a
    Markdown grid): read by its row labels, never in the form's order (which gave wrong cells
    with no finding before)."""
    result = _import(source)
    _assert_cell_for_cell(result, expected)
    turned = [f for f in result.findings if f.code == "import.table_transposed"]
    assert len(turned) == 1 and turned[0].location is not None
    assert not [f for f in result.findings if f.is_error]


def test_table_4_turned_needs_every_result_label() -> None:
    """Five lines of three values without the result labels stay in the form's order."""
    text = (HANDMADE / "county-gov-2022.turned.txt").read_text(encoding="utf-8")
    result = import_report(text.replace("其他结果\t", "\t"), kind="text")
    assert "import.table_transposed" not in {f.code for f in result.findings}


def test_full_width_digits_in_ordinals_and_values_are_the_official_labels() -> None:
    """Table 三 typed with full-width digits (３.其他, （二）部分公开（…）, values １２): the same
    report, with no lenient-label finding (before: ３.其他 was read leniently)."""
    text = (HANDMADE / "city-dept-2022.cells.txt").read_text(encoding="utf-8")
    start, end = text.index("三、收到"), text.index("四、政府信息公开行政复议")
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    result = import_report(text[:start] + text[start:end].translate(wide) + text[end:])
    _assert_cell_for_cell(result, "city-dept-2022.expected.json")
    # 某某市市场监督管理局: a 市 may be prefectural or county-level, so no level is guessed
    assert _codes(result) == Counter(
        {"organ_kind_inferred": 1, "organ_level_unknown": 1, "edition_detected": 1}
    )


@pytest.mark.parametrize("printed", ["−1", "－1", "-1", "减少1", "减1"])
def test_a_decrease_printed_with_any_minus_sign(printed: str) -> None:
    """本年增/减 as Word and PDFs print it: U+2212 MINUS SIGN (before: no report), full-width."""
    text = (HANDMADE / "township-2022-2019-tables.txt").read_text(encoding="utf-8")
    result = import_report(text.replace("\t+1\t", f"\t{printed}\t"), kind="text")
    assert result.report is not None, [f.message("en") for f in result.findings if f.is_error]
    assert result.report.proactive_disclosure.administrative_penalty.change == -1  # type: ignore[union-attr]
    change = next(f for f in result.findings if f.code == "import.signed_change")
    assert change.actual == printed and change.expected == -1


@pytest.mark.parametrize(
    "title",
    [
        "某某乡人民政府2022年政府信息公开工作年度报告",
        "2022年某某乡人民政府政府信息公开工作年度报告",
        "某某乡人民政府关于2022年度政府信息公开工作的年度报告",
        "某某乡人民政府政府信息公开工作年度报告（2022年）",  # before: year_missing
        "某某乡人民政府政府信息公开工作年度报告(2022年度)",
        "某某乡人民政府2022年政务公开工作年度报告",  # before: the body's first sentence
    ],
)
def test_title_wordings_give_the_organ_and_year(title: str) -> None:
    """The title's organ and year however the title is worded; never a sentence of the body
    (根据《条例》，现将我乡2022年政府信息公开… was read as the organ's name before)."""
    text = (HANDMADE / "township-2022-2019-tables.txt").read_text(encoding="utf-8")
    result = import_report(text.replace("某某乡人民政府2022年政府信息公开工作年度报告", title, 1))
    assert result.report is not None, [f.message("en") for f in result.findings if f.is_error]
    assert (result.report.organ.name, result.report.year) == ("某某乡人民政府", 2022)
    assert "import.organ_differs" not in {f.code for f in result.findings}


@pytest.mark.parametrize(
    "note",
    [
        "注：本表中申请数量包括通过网络、信函等方式提交的申请，2022年共收到申请5件。",
        "注：1.本表数据统计时间为2022年1月1日至12月31日。2.表中“—”表示0。",
        "注1：表中数据截至2022年12月31日",
        "说明：本年度共办理申请 5 件，其中 4 件予以公开。",
        "以上数据均来源于本机关2022年1月至12月的登记台账。",
    ],
)
def test_a_note_under_table_3_is_prose_not_rows(note: str) -> None:
    """A note or a sentence after Table 三's last row (before: its numbers became spurious
    ``import.unrecognised_row`` warnings, one per number run)."""
    text = (HANDMADE / "township-2022-2019-tables.txt").read_text(encoding="utf-8")
    last = "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n"
    assert last in text
    result = import_report(text.replace(last, last + note + "\n"), kind="text")
    _assert_cell_for_cell(result, "township-2022-2019-tables.expected.json")
    assert "unrecognised_row" not in _codes(result)
    assert _codes(result) == _codes(_import("township-2022-2019-tables.txt"))


def test_a_row_whose_label_prints_a_comma_is_still_a_row() -> None:
    """``…逾期不补正，行政机关不再处理…申请 1 0 …``: a sentence's comma in a label (for 、), but
    the line ends in values set apart, so it is a row, not a note."""
    row = "（一） 予以公开\t3\t1\t0\t0\t0\t0\t4"
    result = _township((row, "（一）予以，公开 3 1 0 0 0 0 4"))
    _assert_cell_for_cell(result, "township-2022-2019-tables.expected.json")
    assert "unrecognised_row" not in _codes(result)


def test_a_wrapped_label_with_a_comma_is_still_a_row() -> None:
    """A label wrapped inside its bracketed note (``…只计这一`` / ``情形，不计其他情形） 1 …``)
    keeps its numbers: only text outside brackets makes a line a sentence."""
    text = (HANDMADE / "township-2022-2019-tables.txt").read_text(encoding="utf-8")
    label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t"
    assert label in text
    wrapped = text.replace(label, "（二）部分公开（区分处理的，只计这一\n情形，不计其他情形）\t")
    result = import_report(wrapped, kind="text")
    _assert_cell_for_cell(result, "township-2022-2019-tables.expected.json")


TOWNSHIP = "township-2022-2019-tables.txt"


def _township(*swaps: tuple[str, str]) -> ImportResult:
    text = (HANDMADE / TOWNSHIP).read_text(encoding="utf-8")
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new, 1)
    return import_report(text, kind="text")


@pytest.mark.parametrize("mark", ["↑", "*", "※", "①", "¹", "▲", "（注1）", "[1]"])
def test_a_mark_beside_a_count_is_dropped_with_a_warning(mark: str) -> None:
    """``6↑``, ``6*``, ``6①``, ``6¹`` in a count cell: read as 6, and a warning says what was
    dropped (before: no report — or, for ¹ and ①, NFKC made them digits: 61, silently)."""
    row = "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6\n"
    result = _township((row, row.replace("\t6\n", f"\t6{mark}\n")))
    _assert_cell_for_cell(result, "township-2022-2019-tables.expected.json")
    dropped = [f for f in result.findings if f.code == "import.marker_dropped"]
    assert [(f.pointer, f.actual, f.expected) for f in dropped] == [
        ("/requests/new_received/total", f"6{mark}", "6")
    ]
    assert dropped[0].severity.value == "warning" and dropped[0].location is not None
    assert mark in dropped[0].message("en")


@pytest.mark.parametrize(("printed", "value"), [("1↓", -1), ("1↑", 1), ("1▼", -1)])
def test_an_arrow_in_a_signed_change_cell_is_its_sign(printed: str, value: int) -> None:
    """In 本年增/减, ``1↓`` says a decrease of 1: read as -1, with a warning naming the arrow
    (dropping it would turn a decrease into an increase)."""
    result = _township(("行政处罚\t3\t+1\t7", f"行政处罚\t3\t{printed}\t7"))
    assert result.report is not None, [f.message("en") for f in result.findings if f.is_error]
    penalty = result.report.proactive_disclosure.administrative_penalty
    assert penalty.change == value  # type: ignore[union-attr]
    sign = [f for f in result.findings if f.code == "import.marker_sign"]
    assert [(f.actual, f.expected, f.severity.value) for f in sign] == [(printed, value, "warning")]


def test_an_arrow_beside_a_decimal_count_is_still_not_a_count() -> None:
    result = _township(("政府集中采购\t2\t38000元", "政府集中采购\t2.5↓\t38000元"))
    assert result.report is None
    assert "bad_value" in _codes(result)


def test_a_mark_set_apart_from_its_number_in_text_is_still_its_mark() -> None:
    row = "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6\n"
    spaced = "一、本年新收政府信息公开申请数量 5 1 0 0 0 0 6 ↑\n"
    result = _township((row, spaced))
    _assert_cell_for_cell(result, "township-2022-2019-tables.expected.json")
    dropped = [f for f in result.findings if f.code == "import.marker_dropped"]
    assert [(f.actual, f.expected) for f in dropped] == [("6 ↑", "6")]
    noted = _township((row, spaced.replace("6 ↑", "6 （注）")))
    _assert_cell_for_cell(noted, "township-2022-2019-tables.expected.json")
    assert [f.actual for f in noted.findings if f.code == "import.marker_dropped"] == ["6 （注）"]


def test_blank_cells_beside_a_text_that_is_no_header_are_still_reported() -> None:
    """Only the form's own header texts quiet their blank cells: an extra row printed with
    blank cells (行政檢查 | | |) and printed placeholders under a header still give a finding."""
    text = (HANDMADE / "province-dept-2023.trad.md").read_text(encoding="utf-8")
    extra = text.replace("| 行政檢查 | 35 | | |", "| 行政檢查 | | | |")
    result = import_report(extra, kind="markdown")
    ignored = [f for f in result.findings if f.code == "import.ignored_cells"]
    assert any(f.location is not None and f.location.line == 25 for f in ignored)
    dashed = text.replace(
        "| 三、本年度辦理結果 | | | | | | | |", "| 三、本年度辦理結果 | - | - | - | - | - | - | - |"
    )
    result = import_report(dashed, kind="markdown")
    assert any(
        f.code == "import.ignored_cells" and "- - -" in f.message("en") for f in result.findings
    )


def test_2019_page_with_th_headers_and_table_3_split_over_two_tables() -> None:
    """A district department's 2020 page: every header a ``<th>`` with rowspan and colspan,
    Table 三 continued in a second ``<table>`` after a （续表） caption (三、本年度办理结果
    printed again down its first column), Table 四 under a two-row head, 286.5万元."""
    result = _import("district-dept-2020.split.html")
    _assert_cell_for_cell(result, "district-dept-2020.split.expected.json")
    assert _codes(result) == Counter(
        {
            "signed_change": 2,
            "unit_converted": 1,
            "organ_kind_inferred": 1,
            "organ_level_inferred": 1,
            "edition_detected": 1,
        }
    )
    assert result.report is not None
    assert str(result.report.source_url).endswith("/12345.html")


def test_column_aligned_text_with_full_width_digits_and_short_2019_headers() -> None:
    """A county government's 2020 report as a PDF's column-aligned text layer: values set apart
    by runs of spaces, every number in full-width digits (１２３４．５６万元, 增１８, -２), row
    labels wrapped over two or three lines beside the group labels printed down their column
    (（三）不予 / 公开), Table 二's 2019 columns printed short (本年新制作, 本年新公开,
    对外公开总数), Table 四's header broken into two-character lines; signed by the 办公室."""
    result = _import("county-gov-2020.spaced.txt")
    _assert_cell_for_cell(result, "county-gov-2020.spaced.expected.json")
    assert _codes(result) == Counter(
        {
            "signed_change": 4,
            "unit_converted": 1,
            "label_lenient": 2,  # 1.本机关不掌握相 / 关政府信息 around 无法 / 提供
            "organ_differs": 1,  # the title's 人民政府, the signature's 办公室
            "organ_kind_inferred": 1,
            "organ_level_inferred": 1,
            "edition_detected": 1,
        }
    )


def test_markdown_with_escaped_pipes_labels_merged_over_columns_and_a_fee_in_yuan() -> None:
    """A converter's Markdown of a city department's 2024 report: ``\\|`` where the source
    printed 、 (read leniently, with a finding), row labels merged over three columns printed
    as the label and empty cells before the values (before: wrong_cell_count, no report),
    Table 二's fee column headed 单位：元 (converted, with a warning), a note under Table 三,
    ``||||`` empty cells after a caption."""
    result = _import("city-dept-2024.pipes.md")
    _assert_cell_for_cell(result, "city-dept-2024.pipes.expected.json")
    codes = _codes(result)
    assert codes == Counter(
        {
            "ignored_cells": 4 + 6,  # padding beside Table 二's one-value rows; merged labels
            "label_lenient": 2,  # 逾期不补正|行政机关…, 缴纳费用|行政机关…
            "unit_converted": 1,
            "organ_kind_inferred": 1,
            "organ_level_unknown": 1,  # a 市: prefectural or county-level?
            "edition_detected": 1,
        }
    )
    fee = next(f for f in result.findings if f.code == "import.unit_converted")
    assert (fee.severity.value, fee.actual, str(fee.expected)) == ("warning", "12500", "1.25")


def test_page_with_a_table_per_block_and_table_4_in_three_tables() -> None:
    """A subdistrict's 2022 page: each Table 二 block a table of its own under a caption
    paragraph, Table 三 with its applicant header in one row, Table 四 as three small tables
    (行政复议, 行政诉讼（未经复议直接起诉）, 行政诉讼（复议后起诉）). A 街道办事处 is
    township-level; its kind (government or department?) is not guessed."""
    result = _import("subdistrict-2022.blocks.html")
    _assert_cell_for_cell(result, "subdistrict-2022.blocks.expected.json")
    assert _codes(result) == Counter(
        {"organ_kind_unknown": 1, "organ_level_inferred": 1, "edition_detected": 1}
    )
    level = next(f for f in result.findings if f.code == "import.organ_level_inferred")
    assert level.location is not None and level.location.line is not None  # the printed title
