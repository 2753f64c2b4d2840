"""The rendered form read back with a real HTML parser (lxml): cells, pointers, merged headers,
flagged cells linked both ways, nothing external, hostile text escaped; Markdown, text and site."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from disclosure_model import AnnualReport, validate_document
from disclosure_model.enums import Edition
from disclosure_model.findings import Finding, Severity
from disclosure_model.meta import METADATA_KEY, ValueKind
from disclosure_model.testing import reports

from .conftest import EXAMPLE_FILES, EXAMPLES, REAL_FILES

lxml_html = pytest.importorskip("lxml.html", reason="the HTML read-back needs lxml (test extra)")
pytest.importorskip("jinja2", reason="rendering needs the 'render' extra (jinja2)")

from disclosure_model.render import (  # noqa: E402
    render_html,
    render_markdown,
    render_site,
    render_text,
)

ALL_FILES = [*EXAMPLE_FILES, *REAL_FILES]
# Drawing a page costs tens of milliseconds, and its shape varies only with the edition and the
# findings: a hundred generated reports cover it, even under the thorough CI profile.
PAGES = settings(max_examples=min(settings().max_examples, 100))
TABLE_KEYS = ("proactive_disclosure", "requests", "reviews_and_litigation")


def _load(path: Path) -> Any:
    result = validate_document(path.read_bytes(), source=str(path))
    assert result.report is not None, result.findings
    return result


def _doc(html: str) -> Any:
    return lxml_html.document_fromstring(html)


def _printed(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _leaves(node: Any, path: tuple[str, ...]) -> dict[str, Any]:
    """Every scalar of a table, walked from the attrs fields: JSON Pointer -> value."""
    out: dict[str, Any] = {}
    for field in attrs.fields(type(node)):
        value = getattr(node, field.name)
        if field.metadata[METADATA_KEY].kind is ValueKind.OBJECT:
            out.update(_leaves(value, (*path, field.name)))
        else:
            out["/" + "/".join((*path, field.name))] = value
    return out


def _table_cells(report: AnnualReport) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    for key in TABLE_KEYS:
        cells.update(_leaves(getattr(report, key), (key,)))
    return cells


def _grid_widths(table: Any) -> list[int]:
    """The width of each row of a table after rowspan and colspan are resolved."""
    taken: dict[int, set[int]] = {}
    rows = table.xpath("./thead/tr | ./tbody/tr")
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.xpath("./th | ./td"):
            while c in taken.get(r, set()):
                c += 1
            for dr in range(int(cell.get("rowspan", "1"))):
                for dc in range(int(cell.get("colspan", "1"))):
                    taken.setdefault(r + dr, set()).add(c + dc)
            c += int(cell.get("colspan", "1"))
    return [len(taken.get(r, ())) for r in range(len(rows))]


def check_form(report: AnnualReport, html: str) -> Any:
    """Every cell of the form present with its value and pointer; the grid is a rectangle."""
    doc = _doc(html)
    expected = _table_cells(report)
    found = {}
    for td in doc.xpath("//table//td[@data-pointer]"):
        pointer = td.get("data-pointer")
        assert pointer not in found, f"{pointer} drawn twice"
        found[pointer] = td.text_content().strip()
    assert set(found) == set(expected)
    for pointer, value in expected.items():
        assert found[pointer] == _printed(value), pointer
    assert not doc.xpath("//table//td[not(@data-pointer)]"), "a value cell without its pointer"
    for table in doc.xpath("//table"):
        widths = _grid_widths(table)
        assert len(set(widths)) == 1, (table.get("class"), widths)
    # the title block and prose sections carry their pointers too
    assert doc.xpath('//*[@data-pointer="/organ/name"]')
    assert doc.xpath('//*[@data-pointer="/year"]')[0].text_content().strip() == str(report.year)
    for name in ("overview", "problems_and_improvements", "other_matters"):
        assert doc.xpath(f'//*[@data-pointer="/narrative/{name}"]')
    return doc


def _no_external_resources(doc: Any) -> None:
    assert not doc.xpath("//script | //link | //img | //iframe | //object | //embed | //video")
    assert not doc.xpath("//*[@src]")
    for a in doc.xpath("//*[@href]"):
        assert a.get("href").startswith("#"), a.get("href")
    style = " ".join(doc.xpath("//style/text()"))
    assert "url(" not in style and "@import" not in style
    assert "&#34;" not in style and '"' in style, "the stylesheet was escaped as if it were text"
    for element in doc.iter():
        assert not any(name.startswith("on") for name in element.attrib), "an event handler"
    csp = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert csp and "default-src 'none'" in csp[0]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_example_renders_every_cell(path: Path) -> None:
    result = _load(path)
    html = render_html(result.report, result.findings)
    doc = check_form(result.report, html)
    _no_external_resources(doc)


@PAGES
@given(reports())
def test_generated_reports_render_every_cell(report: AnnualReport) -> None:
    from disclosure_model import check

    findings = check(report).findings
    html = render_html(report, findings)
    doc = check_form(report, html)
    _check_links(doc, findings)


@PAGES
@given(reports())
def test_generated_reports_in_markdown_and_text(report: AnnualReport) -> None:
    cells = _table_cells(report)
    markdown = render_markdown(report)
    ids = [line.split(" | ")[0][2:] for line in markdown.splitlines() if line.startswith("| ")]
    rows = [entry.row_id for entry in report.requests.rows()]
    assert [i for i in ids if i.startswith("R")] == rows
    text = render_text(report)
    lines = text.splitlines()
    for entry in report.requests.rows():
        values = [str(v) for v in attrs.astuple(entry.row)]
        assert any(line.split("\t")[-7:] == values for line in lines), entry.row_id
    reviews = [_printed(v) for p, v in cells.items() if p.startswith("/reviews")]
    assert "\t".join(reviews) in lines


def _head(doc: Any, key: str) -> list[list[tuple[str, int, int]]]:
    rows = []
    for tr in doc.xpath(f'//table[@data-pointer="/{key}"]/thead/tr'):
        rows.append(
            [
                (
                    re.sub(r"\s+", "", c.text or ""),
                    int(c.get("rowspan", "1")),
                    int(c.get("colspan", "1")),
                )
                for c in tr.xpath("./th")
            ]
        )
    return rows


def _span(cell: Any, name: str) -> int:
    return int(cell.get(name, "1"))


def _example(edition: str) -> Any:
    name = "zhuji-emergency-2020.json" if edition == "2019" else "example-city-2023.json"
    return _load(EXAMPLES / name)


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_merged_headers_as_printed(edition: str) -> None:
    result = _example(edition)
    doc = _doc(render_html(result.report))
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert _head(doc, "requests") == [
        [(corner, 3, 3), ("申请人情况", 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1),
         ("其他", 1, 1)],
    ]  # fmt: skip
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert _head(doc, "reviews_and_litigation") == [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [*((r, 2, 1) for r in results), ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
        [(r, 1, 1) for r in results * 2],
    ]
    body = doc.xpath('//table[@data-pointer="/requests"]/tbody/tr')
    labels = {
        re.sub(r"\s+", "", th.text or ""): (_span(th, "rowspan"), _span(th, "colspan"))
        for tr in body
        for th in tr.xpath("./th")
    }
    assert labels["一、本年新收政府信息公开申请数量"] == (1, 3)
    assert labels["四、结转下年度继续办理"] == (1, 3)
    assert labels["（一）予以公开"] == (1, 2)
    assert labels["（三）不予公开"] == (8, 1)
    assert labels["（四）无法提供"] == (3, 1)
    assert labels["（五）不予处理"] == (5, 1)
    assert labels["（七）总计"] == (1, 2)
    if edition == "2019":
        assert len(body) == 23
        assert labels["三、本年度办理结果"] == (20, 1)
        assert labels["（六）其他处理"] == (1, 2)
        assert "3.其他" not in labels
    else:
        assert len(body) == 25
        assert labels["三、本年度办理结果"] == (22, 1)
        assert labels["（六）其他处理"] == (3, 1)
        assert labels["3.其他"] == (1, 1)
    t2 = doc.xpath('//table[@data-pointer="/proactive_disclosure"]')[0]
    captions = [th.text for th in t2.xpath(".//th[@class='caption']")]
    items = ["一", "五", "六", "八", "九"] if edition == "2019" else ["一", "五", "六", "八"]
    assert captions == [f"第二十条第（{i}）项" for i in items]
    assert all(th.get("colspan") == "4" for th in t2.xpath(".//th[@class='caption']"))
    assert len(t2.xpath("./tbody")) == len(items)  # one body per block, kept whole in print
    headers = [re.sub(r"\s+", "", th.text) for th in t2.xpath(".//th[@class='header']")]
    if edition == "2021":
        assert "本年收费金额（单位：万元）" in headers
        assert "本年制发件数" in headers
    else:
        assert "采购总金额" in headers  # the 2019 form prints no unit here
        assert "本年增/减" in headers
    rows = [tr.get("data-row") for tr in doc.xpath("//tr[@data-row]")]
    assert ("R3.6" in rows) is (edition == "2019")
    assert ("R3.6.1" in rows) is (edition == "2021")


def _broken() -> tuple[Any, list[Finding]]:
    data = json.loads((EXAMPLES / "example-city-2023.json").read_text(encoding="utf-8"))
    data["requests"]["carried_forward"]["natural_person"] = 60  # T3-1
    data["requests"]["outcomes"]["withheld"]["state_secret"]["total"] = 9  # T3-2, T3-3
    result = validate_document(json.dumps(data, ensure_ascii=False))
    assert result.report is not None
    extra = [
        Finding(code="test.row", name="row", severity=Severity.WARNING,
                pointer="/requests/carried_over", params={"text": "a row-level finding"}),
        Finding(code="test.table", name="table", severity=Severity.INFO,
                pointer="/requests/outcomes/withheld", params={"text": "a table-level finding"}),
        Finding(code="test.doc", name="doc", severity=Severity.WARNING, pointer="",
                params={"text": "a document-level finding"}),
        Finding(code="test.field", name="field", severity=Severity.INFO,
                pointer="/published_on", params={"text": "a title-block finding"}),
        Finding(code="test.group", name="group", severity=Severity.WARNING,
                pointer="/reviews_and_litigation/administrative_review",
                params={"text": "a finding about one group of Table 四"}),
    ]  # fmt: skip
    return result, [*result.findings, *extra]


def _check_links(doc: Any, findings: list[Finding] | tuple[Finding, ...]) -> None:
    entries = doc.xpath("//section[@id='findings']//li[@data-code]")
    assert len(entries) == len(findings)
    for li in entries:
        pointer = li.get("data-pointer")
        scope = li.get("data-scope")
        severity = li.get("data-severity")
        back = li.xpath(".//a[@class='back']/@href")
        if scope in ("cell", "row"):
            assert back, li.get("id")
            target = doc.get_element_by_id(back[0][1:])
            assert severity in target.get("class")
            assert li.get("id") in target.get("data-findings").split()
            assert li.get("data-code") in target.get("data-code").split()
            # and the cell links to (one of) its entries, which are in the list
            link = target.xpath(".//a/@href")[0]
            assert doc.get_element_by_id(link[1:]).get("data-code")
            if scope == "cell":
                assert target.get("data-pointer") == pointer
        elif scope == "table":
            table = doc.get_element_by_id(back[0][1:])
            assert table.xpath(f".//h2/a[@href='#{li.get('id')}']")


def test_findings_marked_and_linked_both_ways() -> None:
    result, findings = _broken()
    html = render_html(result.report, findings)
    doc = check_form(result.report, html)
    _check_links(doc, findings)
    cell = doc.xpath('//td[@data-pointer="/requests/carried_forward/natural_person"]')[0]
    assert "flag" in cell.get("class") and "sev-error" in cell.get("class")
    assert cell.get("data-code") == "T3-1"
    assert cell.get("data-expected") == "6" and cell.get("data-actual") == "60"
    assert "T3-1" in cell.get("title") and "应为 6" in cell.get("title")
    t31 = next(f for f in findings if f.pointer == "/requests/carried_forward/natural_person")
    assert cell.get("data-message") == t31.message("zh")
    scopes = {li.get("data-code"): li.get("data-scope") for li in doc.xpath("//li[@data-code]")}
    assert scopes["test.row"] == "row"
    assert scopes["test.table"] == "table"
    assert scopes["test.doc"] == "document"
    assert scopes["test.field"] == "cell"
    assert scopes["test.group"] == "row"
    group = doc.xpath('//td[starts-with(@data-pointer, "/reviews_and_litigation/")]')
    marked = [td for td in group if "sev-warning" in (td.get("class") or "")]
    assert [td.get("data-pointer").rsplit("/", 2)[1] for td in marked] == [
        "administrative_review"
    ] * 5
    # the values that went into a failed sum are outlined and name the finding
    t31 = doc.xpath("//li[@data-code='T3-1']")[0].get("id")
    used = doc.xpath(f'//td[contains(concat(" ", @data-operand-of, " "), " {t31} ")]')
    assert {td.get("data-pointer") for td in used} >= {
        "/requests/new_received/natural_person",
        "/requests/carried_over/natural_person",
        "/requests/outcomes/total/natural_person",
    }
    # a row-level finding marks every value cell of the row
    row = doc.xpath('//tr[@data-row="R2"]/td')
    assert row and all("sev-warning" in td.get("class") for td in row)
    # the field of the title block carries the mark too
    assert "sev-info" in doc.xpath('//dd[@data-pointer="/published_on"]')[0].get("class")
    # unflagged cells are plain
    plain = doc.xpath('//td[@data-pointer="/requests/outcomes/disclosed/research_institution"]')[0]
    assert plain.get("class") == "num" and plain.get("title") is None
    # most severe first
    severities = [li.get("data-severity") for li in doc.xpath("//li[@data-code]")]
    ranks = [Severity(s).rank for s in severities]
    assert ranks == sorted(ranks, reverse=True)


def test_english_titles_beside_the_chinese() -> None:
    result, findings = _broken()
    zh = _doc(render_html(result.report, findings))
    en = _doc(render_html(result.report, findings, lang="en"))
    assert not zh.xpath("//*[@lang='en']")
    heads = " ".join(th.text_content() for th in en.xpath("//th"))
    for title in ("Natural person", "Applicants", "Administrative review", "Item", "Rules"):
        assert title in heads
    assert "自然人" in heads  # beside, not instead
    t31 = next(f for f in findings if f.code == "T3-1")
    assert t31.message("en") in en.xpath("//section[@id='findings']")[0].text_content()
    with pytest.raises(ValueError, match="lang"):
        render_html(result.report, lang="fr")


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & </td></table>'


def _hostile_report() -> AnnualReport:
    result = _load(EXAMPLES / "zhuji-emergency-2020.json")
    report = result.report
    assert report.narrative is not None
    return attrs.evolve(
        report,
        organ=attrs.evolve(report.organ, name='"><script>bad()</script>'),
        source_url="javascript:alert(1)",
        narrative=attrs.evolve(report.narrative, overview=HOSTILE, other_matters="a | b `c` *d*"),
    )


def test_hostile_text_is_escaped() -> None:
    report = _hostile_report()
    html = render_html(report, lang="en")
    doc = check_form(report, html)
    _no_external_resources(doc)
    overview = doc.xpath('//*[@data-pointer="/narrative/overview"]')[0]
    assert overview.text_content().strip() == HOSTILE
    assert doc.xpath("//h1")[0].text_content().startswith('"><script>bad()</script>')
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_unprintable_text_never_breaks_the_page() -> None:
    """JSON text can carry control characters and lone surrogates; a page cannot."""
    result = _load(EXAMPLES / "example-city-2023.json")
    report = result.report
    assert report.narrative is not None
    report = attrs.evolve(
        report,
        published_on=None,
        organ=attrs.evolve(report.organ, name="市\ud800政府\x01"),
        narrative=attrs.evolve(report.narrative, overview="a\x00b\udc00c"),
    )
    missing = Finding(code="test.date", name="date", severity=Severity.WARNING,
                      pointer="/published_on", params={"text": "no publication date"})  # fmt: skip
    html = render_html(report, [missing])
    html.encode("utf-8")  # a page that can be written out
    doc = check_form(report, html)
    assert doc.xpath("//h1")[0].text_content().startswith("市\ufffd政府\ufffd")
    text = doc.xpath('//*[@data-pointer="/narrative/overview"]')[0].text_content().strip()
    assert text == "a\ufffdb\ufffdc"
    # an absent value a finding is about gets its place in the title block, marked
    date = doc.xpath('//dd[@data-pointer="/published_on"]')[0]
    assert "sev-warning" in date.get("class")
    render_markdown(report, [missing]).encode("utf-8")


def test_markdown_tables_flattened_with_row_ids() -> None:
    result, findings = _broken()
    text = render_markdown(result.report, findings)
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("| id | （本列数据"))
    assert "申请人情况 · 法人或其他组织 · 商业企业" in header
    assert len(header.split(" | ")) == 9  # id, labels, seven value columns
    row = next(line for line in lines if line.startswith("| R3.3.1 |"))
    assert "三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密" in row
    flagged = next(line for line in lines if line.startswith("| R4 |"))
    assert "**60** ❌" in flagged
    for row_id in ("B1.1", "B8.1", "R1", "R3.6.1", "R3.6.3", "R3.7", "R4"):
        assert any(line.startswith(f"| {row_id} |") for line in lines), row_id
    assert "**本年收费金额（单位：万元）**" not in text
    assert "**第二十条第（八）项**" in text
    assert "T3-1" in text and "a document-level finding" in text
    # every table line has the same number of cells as its header
    for block in re.split(r"\n\n+", text):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            counts = {len(re.split(r"(?<!\\)\|", r)) for r in rows}
            assert len(counts) == 1, block


def test_markdown_escapes_the_document() -> None:
    report = _hostile_report()
    text = render_markdown(report)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text
    assert "a \\| b \\`c\\` \\*d\\*" in text
    facts = next(line for line in text.splitlines() if line.startswith("| 机关名称"))
    assert len(re.split(r"(?<!\\)\|", facts)) == 4


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_text_is_the_form_row_by_row(path: Path) -> None:
    result = _load(path)
    report = result.report
    text = render_text(report)
    lines = text.splitlines()
    assert lines[0] == f"{report.organ.name}{report.year}年政府信息公开工作年度报告"
    cells = _table_cells(report)
    rows = [line.split("\t") for line in lines]
    # Table 三: each data row, its labels then its seven values in the form's order
    for entry in report.requests.rows():
        values = [str(entry.row[c]) for c in (*(f.name for f in attrs.fields(type(entry.row))),)]
        label = entry.which.printed_label
        row = next(r for r in rows if label in r and r[-7:] == values)
        assert row[-8] == label or row[-8].endswith(label)
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert f"{corner}\t申请人情况" in lines
    review_values = [_printed(v) for p, v in cells.items() if p.startswith("/reviews")]
    assert "\t".join(review_values) in lines
    assert ("（六）其他处理" in text) and (("3.其他" in text) is (report.edition is Edition.E2021))
    assert all("\t" not in line or line.count("\t") <= 15 for line in lines)


def test_site_index_worst_first_and_linked(tmp_path: Path) -> None:
    good = _load(EXAMPLES / "zhuji-emergency-2020.json")
    broken, _ = _broken()
    broken = attrs.evolve(broken, source="broken-city.json")
    unreadable = validate_document(b"{not json", source="garbage.json")
    written = render_site([good, broken, unreadable], tmp_path / "site")
    index = _doc(written[0].read_text(encoding="utf-8"))
    rows = index.xpath("//table[@class='index']/tbody/tr")
    errors = [int(tr.get("data-errors")) for tr in rows]
    assert errors == sorted(errors, reverse=True) and errors[-1] == 0
    assert len(rows) == 3
    hrefs = [tr.xpath(".//a/@href")[0] for tr in rows]
    assert hrefs[-1] == "zhuji-emergency-2020.html"
    assert {p.name for p in written} == {"index.html", *hrefs}
    for href in hrefs:
        page = _doc((tmp_path / "site" / href).read_text(encoding="utf-8"))
        assert page.xpath("//section[@id='findings']")
    broken_page = (tmp_path / "site" / "broken-city.html").read_text(encoding="utf-8")
    check_form(broken.report, broken_page)
    garbage = _doc((tmp_path / "site" / "garbage.html").read_text(encoding="utf-8"))
    assert garbage.xpath("//li[@data-scope='document']")


def test_deep_copy_of_findings_not_needed() -> None:
    """Rendering does not change the findings or the report it is given."""
    result, findings = _broken()
    before = copy.deepcopy([f.to_dict() for f in findings])
    render_html(result.report, findings)
    render_markdown(result.report, findings)
    assert [f.to_dict() for f in findings] == before
