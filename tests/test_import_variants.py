"""The importer on every layout variant of real reports, built from reports of known values.

Each source is printed by a writer of ``import_writers`` (text, one cell per line, Markdown, a
web page, a Word-exported page) from the seed report (2019 edition) or the made-up example
report (2021 edition, every table populated), then changed the way real reports differ: misprints,
placeholders, traditional characters, other encodings, merged cells, numbers run together, extra
rows, missing rows, the wrong edition for the year.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs
import pytest

from disclosure_model import AnnualReport, Edition, load
from disclosure_model.findings import Severity
from disclosure_model.importers import ImportResult, import_report
from disclosure_model.importers._aliases import VARIANT_CHARACTERS
from disclosure_model.requests import ApplicantRow

from . import import_writers as w
from .conftest import EXAMPLES, FIXTURES

SEED = load(EXAMPLES / "zhuji-emergency-2020.json")
CITY = load(EXAMPLES / "example-city-2023.json")
BASES = {"2019": SEED, "2021": CITY}


def same_tables(got: AnnualReport | None, want: AnnualReport) -> None:
    """The imported report has the tables and printed metadata of ``want``."""
    assert got is not None
    assert got.edition is want.edition
    assert got.year == want.year
    assert got.organ.name == want.organ.name
    assert got.published_on == want.published_on
    assert got.proactive_disclosure == want.proactive_disclosure
    assert got.requests == want.requests
    assert got.reviews_and_litigation == want.reviews_and_litigation


def codes(result: ImportResult) -> list[str]:
    return [f.code for f in result.findings]


def errors(result: ImportResult) -> list[str]:
    return [f.code for f in result.findings if f.severity is Severity.ERROR]


WRITERS: dict[str, Callable[[AnnualReport], str]] = {
    "text rows": w.to_text,
    "one cell per line": lambda r: w.to_text(r, one_cell_per_line=True),
    "markdown": w.to_markdown,
    "html": w.to_html,
    "word html": lambda r: w.to_html(r, word=True),
}
KINDS = {"markdown": "markdown", "html": "html", "word html": "html"}


@pytest.mark.parametrize("edition", ["2019", "2021"])
@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_layout_of_both_editions(edition: str, writer: str) -> None:
    report = BASES[edition]
    source = WRITERS[writer](report)
    result = import_report(source, kind=KINDS.get(writer, "text"))  # type: ignore[arg-type]
    assert not errors(result), [f.message("en") for f in result.findings if f.is_error]
    same_tables(result.report, report)
    if writer in ("html", "word html", "markdown"):
        assert result.report is not None and result.report.narrative == report.narrative


def test_merged_cells_are_located_by_grid_position() -> None:
    result = import_report(w.to_html(CITY), kind="html", name="city.html")
    span = result.locations["/requests/outcomes/withheld/state_secret/natural_person"]
    assert span.source == "city.html" and span.col == 3  # after the three merged label columns
    # the page's calendar table and footer table are not read as the report
    assert not [f for f in result.findings if f.code == "import.unrecognised_row"]


def _replace(text: str, pairs: dict[str, str]) -> str:
    for old, new in pairs.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_known_misprints_are_read_with_a_finding() -> None:
    source = _replace(
        w.to_text(CITY),
        {
            "只计这一情形": "只计这一情况",
            "5.属于三类内部事务信息": "5.属于三类内容事务信息",
            "2.其他法律行政法规禁止公开": "2.其他法律行政止公开",
        },
    )
    result = import_report(source, kind="text")
    same_tables(result.report, CITY)
    misprints = [f for f in result.findings if f.code == "import.label_misprint"]
    assert {f.actual for f in misprints} == {"只计这一情况", "内容事务信息", "其他法律行政止公开"}
    assert all(f.location is not None and f.location.line for f in misprints)


def test_unknown_misprints_are_read_leniently_with_a_finding() -> None:
    source = _replace(w.to_text(CITY), {"4.保护第三方合法权益": "4.保护第三人合法权益"})
    result = import_report(source, kind="text")
    same_tables(result.report, CITY)
    lenient = [f for f in result.findings if f.code == "import.label_lenient"]
    assert [f.pointer for f in lenient] == ["/requests/outcomes/withheld/third_party_rights"]


def test_ascii_brackets_and_spaces_in_labels() -> None:
    text = w.to_text(CITY)
    text = re.sub(r"（([一二三四五六七])）", r"(\1)", text)
    text = text.replace("本机关不掌握相关政府信息", "本机关 不掌握 相关政府信息")
    text = text.replace(
        "（区分处理的，只计这一情形，不计其他情形）", "(区分处理的, 只计这一情形, 不计其他情形)"
    )
    result = import_report(text, kind="text")
    same_tables(result.report, CITY)
    lenient = {f.pointer for f in result.findings if f.code == "import.label_lenient"}
    # spaces are layout (cells wrap at them), not a judgement; the note's brackets are
    assert lenient == {"/requests/outcomes/partially_disclosed"}


def test_traditional_characters() -> None:
    to_traditional = {s: t for t, s in VARIANT_CHARACTERS.items() if t not in "覆"}
    text = w.to_text(CITY)
    head, body = text.split("二、", 1)
    body = "".join(to_traditional.get(ch, ch) for ch in body)
    result = import_report(head + "二、" + body, kind="text")
    same_tables(result.report, CITY)
    assert "import.label_lenient" in codes(result)


@pytest.mark.parametrize("placeholder", ["/", "-", "—", "无", "－"])
def test_placeholders_read_as_zero(placeholder: str) -> None:
    text = w.to_text(SEED)
    line = next(x for x in text.splitlines() if "1.属于国家秘密" in x)
    changed = line.replace("\t0", "\t" + placeholder)
    result = import_report(text.replace(line, changed), kind="text")
    same_tables(result.report, SEED)
    found = [f for f in result.findings if f.code == "import.placeholder"]
    assert len(found) == 7 and {f.actual for f in found} == {placeholder}
    assert all(f.pointer.startswith("/requests/outcomes/withheld/state_secret/") for f in found)


def test_blank_html_cells_read_as_zero() -> None:
    page = w.to_html(SEED)
    row = re.search(r"<td>1\.属于国家秘密</td>(<td>0</td>){7}</tr>", page)
    assert row is not None
    page = page.replace(row.group(0), "<td>1.属于国家秘密</td>" + "<td></td>" * 7 + "</tr>")
    result = import_report(page, kind="html")
    same_tables(result.report, SEED)
    assert codes(result).count("import.placeholder") == 7


def test_full_width_digits() -> None:
    text = w.to_text(CITY).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    same_tables(import_report(text, kind="text").report, CITY)


@pytest.mark.parametrize("declared", [True, False])
def test_gb18030_pages(declared: bool) -> None:
    page = w.to_html(CITY, word=True, charset="gb2312" if declared else "utf-8")
    if not declared:
        page = page.replace('<meta charset="utf-8">', "")
    result = import_report(page.encode("gb18030"), kind="html")
    same_tables(result.report, CITY)
    assert ("import.encoding" in codes(result)) is not declared


def test_gb18030_text_and_utf8_bom() -> None:
    text = w.to_text(SEED, one_cell_per_line=True)
    same_tables(import_report(text.encode("gb18030"), kind="text").report, SEED)
    same_tables(import_report(b"\xef\xbb\xbf" + text.encode("utf-8"), kind="text").report, SEED)


def test_page_footers_and_wrapped_labels() -> None:
    text = w.to_text(CITY)
    text = text.replace(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t",
        "（二）部分公开（区分处理的，只计这一情\n- 3 -\n形，不计其他情形）\t",
    )
    same_tables(import_report(text, kind="text").report, CITY)


def test_numbers_printed_before_their_label() -> None:
    text = w.to_text(CITY)
    line = next(x for x in text.splitlines() if "要求行政机关确认或重新出具已获取信息" in x)
    label, _, values = line.partition("\t5.要求行政机关确认或重新出具已获取信息\t")
    moved = "\t".join([label, values]) + "\n5.要求行政机关确认或重新出具已获取信息"
    result = import_report(text.replace(line, moved), kind="text")
    same_tables(result.report, CITY)


def _with_rows(report: AnnualReport, **rows: tuple[int, ...]) -> AnnualReport:
    """``report`` with Table 三 rows replaced (by key path under outcomes, or R1/R2/R4 names)."""
    requests = report.requests
    outcomes = requests.outcomes
    changes = {
        name: ApplicantRow.from_counts(natural_person=values[0], commercial_enterprise=values[1])
        for name, values in rows.items()
    }
    outcome_changes = {k: v for k, v in changes.items() if hasattr(outcomes, k)}
    top = {k: v for k, v in changes.items() if not hasattr(outcomes, k)}
    outcomes = attrs.evolve(outcomes, **outcome_changes)
    return attrs.evolve(report, requests=attrs.evolve(requests, outcomes=outcomes, **top))


def _merge_first_two(text: str, label: str) -> str:
    line = next(x for x in text.splitlines() if label in x)
    cells = line.split("\t")
    at = next(i for i, c in enumerate(cells) if c.isdigit())
    merged = [*cells[:at], cells[at] + cells[at + 1], *cells[at + 2 :]]
    return text.replace(line, "\t".join(merged))


def test_lost_boundaries_with_one_solution_are_recovered() -> None:
    # the example: 23, 0, 0, 0, 0, 0, 23 printed as "230 000023"
    report = _with_rows(SEED, new_received=(23, 0), disclosed=(23, 0), total=(23, 0))
    text = w.to_text(report)
    line = next(x for x in text.splitlines() if x.startswith("一、本年新收"))
    text = text.replace(line, "一、本年新收政府信息公开申请数量\t230 000023")
    result = import_report(text, kind="text")
    same_tables(result.report, report)
    recovered = [f for f in result.findings if f.code == "import.split_recovered"]
    assert [f.pointer for f in recovered] == ["/requests/new_received"]
    assert recovered[0].expected == [23, 0, 0, 0, 0, 0, 23]
    assert recovered[0].severity is Severity.WARNING


def test_lost_boundaries_resolved_by_the_columns_of_the_table() -> None:
    # "110" is 1, 10 or 11, 0: both add up to 11 in the row; Table 三's column sums decide
    report = _with_rows(
        SEED, disclosed=(1, 10), partially_disclosed=(11, 0), total=(12, 10), new_received=(12, 10)
    )
    text = _merge_first_two(w.to_text(report), "（一）予以公开")
    result = import_report(text, kind="text")
    same_tables(result.report, report)
    assert "import.split_recovered" in codes(result)


def test_lost_boundaries_with_several_solutions_leave_the_report_unread() -> None:
    report = _with_rows(
        SEED, disclosed=(1, 10), partially_disclosed=(11, 0), total=(12, 10), new_received=(12, 10)
    )
    text = _merge_first_two(w.to_text(report), "（一）予以公开")
    text = _merge_first_two(text, "（二）部分公开")
    result = import_report(text, kind="text")
    assert result.report is None
    ambiguous = [f for f in result.findings if f.code == "import.split_ambiguous"]
    assert {f.pointer for f in ambiguous} == {
        "/requests/outcomes/disclosed",
        "/requests/outcomes/partially_disclosed",
    }
    assert all(f.location is not None for f in ambiguous)


def test_wrong_edition_for_the_year() -> None:
    text = w.to_text(attrs.evolve(SEED, year=2022, published_on=None))
    result = import_report(text, kind="text")
    assert result.report is not None and result.report.edition is Edition.E2019
    assert result.report.year == 2022
    mismatch = [f for f in result.findings if f.code == "import.edition_year_mismatch"]
    assert len(mismatch) == 1 and mismatch[0].expected == "2021"


def test_extra_provincial_row_is_kept_in_the_findings() -> None:
    text = w.to_text(CITY).replace(
        "行政规范性文件\t", "其他主动公开文件\t7\t0\t7\n行政规范性文件\t", 1
    )
    result = import_report(text, kind="text")
    same_tables(result.report, CITY)
    extra = [f for f in result.findings if f.code == "import.unrecognised_row"]
    assert len(extra) == 1 and "其他主动公开文件" in extra[0].actual and "7 0 7" in extra[0].actual


def test_a_missing_row_gives_no_report() -> None:
    text = w.to_text(CITY)
    line = next(x for x in text.splitlines() if "2.重复申请" in x)
    result = import_report(text.replace(line + "\n", ""), kind="text")
    assert result.report is None
    assert [f.pointer for f in result.findings if f.code == "import.missing_row"] == [
        "/requests/outcomes/not_processed/duplicate"
    ]


def test_amounts_in_yuan_are_converted_exactly() -> None:
    fee = CITY.proactive_disclosure.administrative_fees.amount  # type: ignore[union-attr]
    yuan = (fee * 10000).normalize()
    text = w.to_text(CITY)
    line = next(x for x in text.splitlines() if x.startswith("行政事业性收费"))
    result = import_report(text.replace(line, f"行政事业性收费\t{yuan:f}元"), kind="text")
    same_tables(result.report, CITY)
    found = [f for f in result.findings if f.code == "import.unit_converted"]
    assert len(found) == 1 and found[0].severity is Severity.WARNING and found[0].expected == fee


def test_a_count_cell_that_is_not_a_count() -> None:
    text = w.to_text(CITY)
    line = next(x for x in text.splitlines() if x.startswith("行政许可"))
    result = import_report(text.replace(line, "行政许可\t12.5"), kind="text")
    assert result.report is None
    bad = [f for f in result.findings if f.code == "import.bad_value"]
    assert [f.pointer for f in bad] == ["/proactive_disclosure/administrative_licensing/decisions"]


def test_a_value_of_another_kind_says_what_the_cell_accepts() -> None:
    from disclosure_model.meta import ValueKind

    text = w.to_text(CITY)
    line = next(x for x in text.splitlines() if x.startswith("行政许可"))
    result = import_report(text.replace(line, "行政许可\t+5"), kind="text")
    (bad,) = [f for f in result.findings if f.code == "import.bad_value"]
    assert bad.message("en") == (
        f"'+5' cannot be read as {ValueKind.COUNT.expected('en')} (本年处理决定数量)"
    )
    assert bad.message("zh") == f"'+5' 不能读作{ValueKind.COUNT.expected('zh')}（本年处理决定数量）"


def test_a_page_with_no_report() -> None:
    page = (FIXTURES / "import" / "no-report.html").read_bytes()
    result = import_report(page, kind="html")
    assert result.report is None
    assert errors(result) == ["import.no_report"]


def test_empty_and_garbage_sources_never_raise() -> None:
    for data, kind in [
        (b"", "html"),
        (b"", "text"),
        (b"\x00\xff\xfe garbage", "text"),
        (b"<html><body><table><tr><td rowspan=x colspan=99999>1</td></tr></table>", "html"),
        ("二、主动公开政府信息情况\n第二十条第（一）项\n规章\t1\n", "text"),
    ]:
        result = import_report(data, kind=kind)  # type: ignore[arg-type]
        assert result.report is None and errors(result)


def test_title_with_guan_yu_and_a_date_in_chinese_numerals() -> None:
    text = w.to_text(CITY)
    text = text.replace(
        w.title(CITY), f"{CITY.organ.name}关于{CITY.year}年政府信息公开工作年度报告"
    )
    d = CITY.published_on
    assert d is not None
    text = text.replace(f"{d.year}年{d.month}月{d.day}日", "二〇二四年一月二十日")
    result = import_report(text, kind="text")
    assert result.report is not None
    assert result.report.organ.name == CITY.organ.name
    assert str(result.report.published_on) == "2024-01-20"


def test_he_ji_for_zong_ji() -> None:
    result = import_report(w.to_text(CITY).replace("（七）总计", "（七）合计"), kind="text")
    same_tables(result.report, CITY)
    assert "import.label_misprint" in codes(result)


def test_tables_without_section_headings() -> None:
    text = w.to_text(CITY)
    for heading in (
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ):
        text = text.replace(heading + "\n", "")
    same_tables(import_report(text, kind="text").report, CITY)


def test_metadata_printed_as_labelled_fields() -> None:
    fields = "\n".join(
        [
            "机关名称：示例市人民政府（虚构示例，数字为编造）",
            "机关类型：人民政府",
            "行政层级\t地市级",
            "行政区划代码：990100",
            "发布日期：2024-03-28",
        ]
    )
    text = w.to_text(CITY).replace(w.title(CITY), w.title(CITY) + "\n" + fields, 1)
    result = import_report(text, kind="text")
    assert result.report is not None
    assert result.report.organ == CITY.organ  # kind, level and code as printed, not inferred
    assert not [f for f in result.findings if f.code.startswith("import.organ_")]
    assert result.locations["/organ/division_code"].line == 5


def test_crawled_text_with_labels_run_into_their_numbers() -> None:
    """Crawled page text: a table's cells on one line, labels touching numbers, some spaces lost."""
    report = _with_rows(SEED, new_received=(23, 0), disclosed=(23, 0), total=(23, 0))
    text = w.to_text(report)
    start = text.index("一、本年新收")
    end = text.index("四、政府信息公开行政复议")
    rows = text[start:end].splitlines()
    crawled = "".join(" ".join(r.split("\t")).replace("数量 ", "数量") for r in rows)
    crawled = crawled.replace("23 0 0 0 0 0 23", "230 000023", 1)
    result = import_report(text[:start] + crawled + "\n" + text[end:], kind="text")
    same_tables(result.report, report)
    assert [f.pointer for f in result.findings if f.code == "import.split_recovered"] == [
        "/requests/new_received"
    ]


def test_cells_read_out_of_order_are_suspected() -> None:
    """A text extracted column by column: the rows no longer add up, and the import says so."""
    text = w.to_text(CITY)
    start, end = text.index("一、本年新收"), text.index("四、政府信息公开行政复议")
    rows = [r.split("\t") for r in text[start:end].splitlines()]
    values = [r[-7:] for r in rows]
    columns = [v for c in range(7) for v in (row[c] for row in values)]  # column-major
    out = ["\t".join(r[:-7] + columns[7 * i : 7 * i + 7]) for i, r in enumerate(rows)]
    result = import_report(text[:start] + "\n".join(out) + "\n" + text[end:], kind="text")
    assert "import.order_suspect" in codes(result)
    assert "import.order_suspect" not in codes(import_report(w.to_text(CITY), kind="text"))


def test_markdown_with_html_tables() -> None:
    """Converters write tables with merged cells as HTML inside the Markdown."""
    page = w.to_html(CITY)
    tables = re.findall(r"<table border=1>.*?</table>", page, re.S)
    assert len(tables) == 3
    md = w.to_markdown(CITY)
    parts = re.split(r"(?m)^(?=## )", md)
    for k, heading in enumerate(("## 二、", "## 三、", "## 四、")):
        at = next(i for i, p in enumerate(parts) if p.startswith(heading))
        parts[at] = parts[at].splitlines()[0] + "\n\n" + tables[k] + "\n\n"
    result = import_report("".join(parts), kind="markdown")
    same_tables(result.report, CITY)
    span = result.locations["/requests/outcomes/withheld/state_secret/natural_person"]
    assert span.col == 3 and span.line is not None and span.table is not None


def test_columns_in_another_order_are_read_by_the_header() -> None:
    page = w.to_html(CITY)
    # Table 四's header and values with 其他结果 and 尚未审结 swapped in every group
    head = re.search(r"<tr>(<td rowspan=\"2\">结果维持</td>.*?)</tr>", page)
    assert head is not None
    swapped = head.group(0).replace(
        '<td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td>',
        '<td rowspan="2">尚未审结</td><td rowspan="2">其他结果</td>',
    )
    page = page.replace(head.group(0), swapped)
    sub = "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>"
    page = page.replace(
        sub * 2, sub.replace("其他结果</td><td>尚未审结", "尚未审结</td><td>其他结果") * 2
    )
    values = w.table4_values(CITY)
    for k in (0, 5, 10):
        values[k + 2], values[k + 3] = values[k + 3], values[k + 2]
    last = re.findall(r"<tr>(?:<td>\d+</td>){15}</tr>", page)[-1]
    page = page.replace(last, "<tr>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
    result = import_report(page, kind="html")
    same_tables(result.report, CITY)
    assert codes(result).count("import.column_order") == 1
    # the form's order gives no such finding
    assert "import.column_order" not in codes(import_report(w.to_html(CITY), kind="html"))
