"""The PDF front-end: the official huaian PDF and small PDFs made here with reportlab."""

from __future__ import annotations

import functools
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from disclosure_model.findings import Severity
from disclosure_model.importers import Cell, Layout, Line
from disclosure_model.importers.pdf import PdfError, PdfReading, layout_from_pdf, read_pdf

from .conftest import FIXTURES

pdfplumber = pytest.importorskip("pdfplumber")
reportlab = pytest.importorskip("reportlab")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402

HUAIAN = FIXTURES / "huaian-2024.pdf"
FONT = "STSong-Light"  # one of the CID fonts every PDF reader knows; nothing to install
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


# --- making PDFs -----------------------------------------------------------------------------


class Doc:
    """A few drawing verbs over a reportlab canvas, in page coordinates from the top-left."""

    def __init__(self, **kwargs: Any) -> None:
        self.buf = io.BytesIO()
        self.c = rl_canvas.Canvas(self.buf, pagesize=A4, **kwargs)
        self.height = HEIGHT

    def landscape_by_rotation(self) -> None:
        """Make this page landscape as word processors do: /Rotate 90, the content turned back."""
        self.c.setPageRotation(90)
        self.c.translate(WIDTH, 0)
        self.c.rotate(90)
        self.height = WIDTH

    def text(self, x: float, top: float, text: str, size: float = 12) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, self.height - top - size * 0.88, text)

    def footer(self, number: int) -> None:
        self.text(WIDTH / 2 - 15, HEIGHT - 40, f"- {number} -", 10)

    def table(
        self,
        x: float,
        top: float,
        widths: Sequence[float],
        heights: Sequence[float],
        cells: Sequence[tuple[int, int, int, int, str]],
        size: float = 9,
    ) -> None:
        """Cells as (row, col, rowspan, colspan, text); text lines split on ``\\n``."""
        xs = [x]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [top]
        for h in heights:
            ys.append(ys[-1] + h)
        self.c.setLineWidth(0.5)
        for r, col, rs, cs, text in cells:
            x0, x1, t0, t1 = xs[col], xs[col + cs], ys[r], ys[r + rs]
            self.c.rect(x0, self.height - t1, x1 - x0, t1 - t0, stroke=1, fill=0)
            for i, line in enumerate(text.split("\n")):
                self.text(x0 + 3, t0 + 3 + i * (size + 2), line, size)

    def page(self) -> None:
        self.c.showPage()
        self.height = HEIGHT

    def bytes(self) -> bytes:
        self.c.save()
        return self.buf.getvalue()


def table_lines(layout: Layout, table: int) -> list[Line]:
    return [line for line in layout.lines if line.table == table]


def grid(layout: Layout, table: int) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for line in table_lines(layout, table):
        for cell in line.cells:
            assert cell.span.row is not None and cell.span.col is not None
            key = (cell.span.row, cell.span.col)
            assert key not in out, f"two cells at {key}"
            out[key] = cell.text
    return out


def text_lines(layout: Layout) -> list[str]:
    return [line.text for line in layout.lines if line.table is None]


def all_cells(layout: Layout) -> Iterator[Cell]:
    for line in layout.lines:
        yield from line.cells


# --- the official huaian PDF -----------------------------------------------------------------


@pytest.fixture(scope="module")
def huaian() -> PdfReading:
    return read_pdf(HUAIAN.read_bytes(), name="huaian-2024.pdf")


@pytest.fixture(scope="module")
def huaian_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "huaian-2024.json").read_text("utf-8"))
    return data


def leaves(node: Any) -> list[int]:
    """The numbers of a JSON part in the order written (the form's order)."""
    if isinstance(node, dict):
        return [v for value in node.values() for v in leaves(value)]
    return [node]


def test_huaian_reads_without_problems(huaian: PdfReading) -> None:
    # its one note: the merged cell （四）无法提供 cut by the break between pages 4 and 5
    assert [(p.code, p.span.page, p.span.table) for p in huaian.problems] == [
        ("import.pdf_cell_joined", 4, 1)
    ]
    assert "'（四）无' + '法提供'" in huaian.problems[0].message_en
    assert huaian.pages == 6
    assert huaian.layout is not None
    assert huaian.layout.kind == "pdf"
    assert huaian.layout.source == "huaian-2024.pdf"


def test_huaian_tables_and_their_grids(huaian: PdfReading) -> None:
    layout = huaian.layout
    assert layout is not None
    assert sorted({line.table for line in layout.lines if line.table is not None}) == [0, 1, 2]
    # Table 二 runs from page 3 onto page 4; Table 三 from page 4 onto page 5.
    shapes = {}
    for t in range(3):
        cells = grid(layout, t)
        shapes[t] = (max(r for r, _ in cells) + 1, max(c for _, c in cells) + 1)
    assert shapes == {0: (14, 4), 1: (28, 10), 2: (4, 15)}
    pages = {
        t: sorted({c.span.page for line in table_lines(layout, t) for c in line.cells})
        for t in range(3)
    }
    assert pages == {0: [3, 4], 1: [4, 5], 2: [5]}


@attrs.frozen
class Real:
    """A real report's PDF, the JSON it must import to, and where its tables are."""

    pdf: str
    json: str
    t2: int  # the index of Table 二 among the PDF's tables
    pages: dict[int, list[int]]  # pages of Tables 二, 三, 四

    def read(self) -> PdfReading:
        return read_pdf((FIXTURES / self.pdf).read_bytes(), name=self.pdf)

    def expected(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((FIXTURES / self.json).read_text("utf-8"))
        return data


REAL = [
    Real("huaian-2024.pdf", "huaian-2024.json", 0, {0: [3, 4], 1: [4, 5], 2: [5]}),
    # printed by a browser: a search box of the site's chrome is ruled too, before the report
    Real("pingtan-2024.pdf", "pingtan-2024.json", 1, {1: [3], 2: [4, 5], 3: [5]}),
]
_READINGS: dict[str, PdfReading] = {}


@pytest.fixture(params=REAL, ids=[r.pdf for r in REAL])
def real(request: pytest.FixtureRequest) -> tuple[Real, Layout]:
    case: Real = request.param
    if case.pdf not in _READINGS:
        _READINGS[case.pdf] = case.read()
    reading = _READINGS[case.pdf]
    assert {p.code for p in reading.problems} <= {"import.pdf_cell_joined"}
    assert reading.layout is not None
    return case, reading.layout


def test_real_tables_span_their_pages_as_one_table(real: tuple[Real, Layout]) -> None:
    case, layout = real
    pages = {
        t: sorted({c.span.page for line in table_lines(layout, t) for c in line.cells})
        for t in case.pages
    }
    assert pages == case.pages


def test_real_table_3_numbers_in_their_cells(real: tuple[Real, Layout]) -> None:
    case, layout = real
    cells = grid(layout, case.t2 + 1)
    assert (max(r for r, _ in cells) + 1, max(c for _, c in cells) + 1) == (28, 10)
    expected = leaves(case.expected()["requests"])
    assert len(expected) == 25 * 7
    # Rows 3..27 are the data rows: the applicants' six columns and 总计 in grid columns 3..9.
    got = [cells[(row, col)] for row in range(3, 28) for col in range(3, 10)]
    assert got == [str(v) for v in expected]
    # Each data row has its label to the left of the numbers.
    for row in range(3, 28):
        labels = [t for (r, c), t in cells.items() if r == row and c < 3 and t]
        assert labels, row
    assert cells[(7, 2)] == "1.属于国家秘密"
    assert cells[(7, 1)] == "（三）不予公开"
    assert cells[(5, 0)] == "三、本年度办理结果"
    assert cells[(26, 1)] == "（七）总计"
    assert cells[(27, 0)] == "四、结转下年度继续办理"
    assert cells[(1, 9)] == "总计"


def test_real_table_4_numbers_in_their_cells(real: tuple[Real, Layout]) -> None:
    case, layout = real
    cells = grid(layout, case.t2 + 2)
    assert (max(r for r, _ in cells) + 1, max(c for _, c in cells) + 1) == (4, 15)
    expected = leaves(case.expected()["reviews_and_litigation"])
    assert [cells[(3, col)] for col in range(15)] == [str(v) for v in expected]
    assert cells[(0, 0)] == "行政复议"
    assert cells[(0, 5)] == "行政诉讼"
    assert cells[(1, 5)] == "未经复议直接起诉"
    assert cells[(1, 10)] == "复议后起诉"
    assert cells[(2, 9)] == "总计"


def test_real_table_2_on_one_grid(real: tuple[Real, Layout]) -> None:
    case, layout = real
    cells = grid(layout, case.t2)
    assert (max(r for r, _ in cells) + 1, max(c for _, c in cells) + 1) == (14, 4)
    want = case.expected()["proactive_disclosure"]
    assert cells[(2, 0)] == "规章"
    regulations = want["rules"]
    assert [cells[(2, c)] for c in (1, 2, 3)] == [
        str(regulations[k]) for k in ("issued", "repealed", "in_force")
    ]
    assert cells[(9, 0)] == "行政处罚"
    assert cells[(9, 1)] == str(want["administrative_penalty"]["decisions"])
    assert cells[(13, 1)] == str(want["administrative_fees"]["amount"])


def test_every_number_in_real_tables_is_in_exactly_one_cell(real: tuple[Real, Layout]) -> None:
    """Checked against pdfplumber's own word extraction, independently of the grid."""
    case, layout = real
    table_cells = [c for line in layout.lines if line.table is not None for c in line.cells]
    seen = 0
    with pdfplumber.open(FIXTURES / case.pdf) as pdf:
        for page in pdf.pages:
            for word in page.extract_words(use_text_flow=False, keep_blank_chars=False):
                if not NUMBER.match(word["text"]):
                    continue
                cx = (word["x0"] + word["x1"]) / 2
                cy = (word["top"] + word["bottom"]) / 2
                holders = [
                    c
                    for c in table_cells
                    if c.span.page == page.page_number
                    and c.span.x0 is not None
                    and c.span.x1 is not None
                    and c.span.top is not None
                    and c.span.bottom is not None
                    and c.span.x0 <= cx <= c.span.x1
                    and c.span.top <= cy <= c.span.bottom
                ]
                if not holders:
                    continue  # a number in running text
                assert len(holders) == 1
                assert holders[0].text == word["text"]
                seen += 1
    numeric_cells = [c for c in table_cells if NUMBER.match(c.text)]
    assert seen == len(numeric_cells) == 6 + 4 + 25 * 7 + 15
    # ... and no number printed in the report's tables is read again as running text.
    assert not any(
        NUMBER.match(c.text) for line in layout.lines if line.table is None for c in line.cells
    )


def test_huaian_running_text(huaian: PdfReading) -> None:
    layout = huaian.layout
    assert layout is not None
    lines = text_lines(layout)
    assert lines[:2] == ["淮安市人民政府", "2024年政府信息公开工作年度报告"]
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        assert heading in lines
    # Reading order: headings come before their tables, tables in order.
    order = [line.table if line.table is not None else line.text for line in layout.lines]
    assert order.index("二、主动公开政府信息情况") < order.index(0)
    assert order.index(0) < order.index("三、收到和处理政府信息公开申请情况") < order.index(1)
    assert order.index(1) < order.index("四、政府信息公开行政复议、行政诉讼情况") < order.index(2)
    # Page footers are gone; Chinese is joined without the gaps the PDF prints.
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in lines)
    assert "制。报告所列统计期限自2024年1月1日至2024年12月31日。" in lines
    assert any("hazwgkc@163.com" in t for t in lines)


def test_huaian_spans(huaian: PdfReading) -> None:
    layout = huaian.layout
    assert layout is not None
    for line in layout.lines:
        for cell in line.cells:
            span = cell.span
            assert span.source == "huaian-2024.pdf"
            assert span.page is not None and 1 <= span.page <= 6
            assert span.x0 is not None and span.x1 is not None
            assert span.top is not None and span.bottom is not None
            assert 0 <= span.x0 < span.x1 <= 595 and 0 <= span.top < span.bottom <= 842
            if line.table is None:
                assert (span.table, span.row, span.col) == (None, None, None)
            else:
                assert span.table == line.table
                assert span.row is not None and span.col is not None
    first = next(c for c in all_cells(layout) if c.text == "3119")
    assert first.span.to_dict()["page"] == 4
    assert str(first.span).startswith("huaian-2024.pdf: page 4, table 2, row 4, column 10")


def test_layout_from_pdf_is_read_pdf_layout(huaian: PdfReading) -> None:
    assert layout_from_pdf(HUAIAN.read_bytes(), name="huaian-2024.pdf") == huaian.layout


# --- made PDFs: merged cells, split tables, tables without lines ------------------------------


@functools.cache
def merged_table_pdf() -> bytes:
    doc = Doc()
    doc.text(72, 60, "三、收到和处理政府信息公开申请情况", 14)
    doc.table(
        72,
        100,
        [60, 90, 50, 50, 50],
        [20, 20, 20, 20, 20],
        [
            (0, 0, 2, 2, "（本列数据的勾稽关系）"),
            (0, 2, 1, 3, "申请人情况"),
            (1, 2, 1, 1, "自然人"),
            (1, 3, 1, 1, "商业企业"),
            (1, 4, 1, 1, "总计"),
            (2, 0, 3, 1, "三、本年度\n办理结果"),
            (2, 1, 1, 1, "（一）予以公开"),
            (2, 2, 1, 1, "12"),
            (2, 3, 1, 1, "3"),
            (2, 4, 1, 1, "15"),
            (3, 1, 1, 1, "（二）部分公开"),
            (3, 2, 1, 1, ""),
            (3, 3, 1, 1, "0"),
            (3, 4, 1, 1, "0"),
            (4, 1, 1, 1, "（三）不予公开"),
            (4, 2, 1, 1, "7"),
            (4, 3, 1, 1, "-"),
            (4, 4, 1, 1, "7"),
        ],
    )
    return doc.bytes()


def test_merged_cells_resolve_like_an_html_grid() -> None:
    layout = layout_from_pdf(merged_table_pdf(), name="merged.pdf")
    assert text_lines(layout) == ["三、收到和处理政府信息公开申请情况"]
    cells = grid(layout, 0)
    assert cells == {
        (0, 0): "（本列数据的勾稽关系）",
        (0, 2): "申请人情况",
        (1, 2): "自然人",
        (1, 3): "商业企业",
        (1, 4): "总计",
        (2, 0): "三、本年度办理结果",  # two printed lines, joined without a space
        (2, 1): "（一）予以公开",
        (2, 2): "12",
        (2, 3): "3",
        (2, 4): "15",
        (3, 1): "（二）部分公开",
        (3, 2): "",  # a blank cell is kept: it is a printed placeholder
        (3, 3): "0",
        (3, 4): "0",
        (4, 1): "（三）不予公开",
        (4, 2): "7",
        (4, 3): "-",
        (4, 4): "7",
    }
    rows = table_lines(layout, 0)
    assert len(rows) == 5
    # The merged label is in its first row only; its box covers the rows it spans.
    label = rows[2].cells[0]
    assert label.text == "三、本年度办理结果"
    assert [c.text for c in rows[3].cells] == ["（二）部分公开", "", "0", "0"]
    assert label.span.top is not None and label.span.bottom is not None
    assert rows[4].cells[0].span.bottom == pytest.approx(label.span.bottom, abs=1)
    header = rows[0].cells[1]
    assert header.span.x0 is not None and header.span.x1 is not None
    assert header.span.x1 - header.span.x0 == pytest.approx(150, abs=1)  # colspan 3


def split_table_pdf(text_between: bool = False, repeat_header: bool = False) -> bytes:
    doc = Doc()
    doc.text(72, 60, "二、主动公开政府信息情况", 14)
    for i in range(8):
        doc.text(72, 90 + i * 20, "正文" * 10 + str(i), 12)
    widths = [150, 80, 80, 80]
    rows = [("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")] + [
        (f"项目{i}", str(i), str(i * 2), str(100 + i)) for i in range(1, 21)
    ]
    first = rows[:14]
    doc.table(
        72,
        400,
        widths,
        [24] * len(first),
        [(r, c, 1, 1, t) for r, row in enumerate(first) for c, t in enumerate(row)],
    )
    doc.footer(1)
    doc.page()
    top = 72
    if text_between:
        doc.text(72, 72, "三、收到和处理政府信息公开申请情况", 14)
        top = 110
    rest = rows[:1] + rows[14:] if repeat_header else rows[14:]
    # The second part is drawn two points wider, as word processors do.
    doc.table(
        71,
        top,
        [151, 80, 80, 81],
        [24] * len(rest),
        [(r, c, 1, 1, t) for r, row in enumerate(rest) for c, t in enumerate(row)],
    )
    doc.text(72, top + 24 * len(rest) + 30, "四、政府信息公开行政复议、行政诉讼情况", 14)
    doc.footer(2)
    return doc.bytes()


def test_table_split_over_two_pages_is_one_table() -> None:
    layout = layout_from_pdf(split_table_pdf(), name="split.pdf")
    assert {line.table for line in layout.lines} == {None, 0}
    cells = grid(layout, 0)
    assert max(r for r, _ in cells) == 20
    assert max(c for _, c in cells) == 3
    for i in range(1, 21):
        assert [cells[(i, c)] for c in range(4)] == [f"项目{i}", str(i), str(i * 2), str(100 + i)]
    pages = [line.cells[0].span.page for line in table_lines(layout, 0)]
    assert pages == [1] * 14 + [2] * 7
    lines = text_lines(layout)
    assert lines[0] == "二、主动公开政府信息情况"
    assert lines[-1] == "四、政府信息公开行政复议、行政诉讼情况"
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in lines)


def test_tables_with_a_heading_between_them_stay_apart() -> None:
    layout = layout_from_pdf(split_table_pdf(text_between=True))
    assert {line.table for line in layout.lines} == {None, 0, 1}
    second = grid(layout, 1)
    assert second[(0, 0)] == "项目14"
    order = [line.table if line.table is not None else line.text for line in layout.lines]
    assert order.index(0) < order.index("三、收到和处理政府信息公开申请情况") < order.index(1)


def test_table_without_ruling_lines_falls_back_to_positioned_text() -> None:
    doc = Doc()
    doc.text(72, 60, "四、政府信息公开行政复议、行政诉讼情况", 14)
    columns = [72, 200, 260, 320, 380, 440]
    rows = [
        ("行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"),
        ("", "3", "1", "0", "2", "6"),
        ("Note A", "", "", "", "", "12.5"),
    ]
    for r, row in enumerate(rows):
        for x, text in zip(columns, row, strict=True):
            if text:
                doc.text(x, 100 + r * 22, text, 10)
    reading = read_pdf(doc.bytes())
    assert reading.problems == ()
    assert reading.layout is not None
    lines = [[c.text for c in line.cells] for line in reading.layout.lines]
    assert lines == [
        ["四、政府信息公开行政复议、行政诉讼情况"],
        ["行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["3", "1", "0", "2", "6"],
        ["Note A", "12.5"],
    ]
    assert all(line.table is None for line in reading.layout.lines)
    three = reading.layout.lines[2].cells[0]
    assert three.span.x0 == pytest.approx(200, abs=0.5)
    assert three.span.page == 1


def test_cjk_is_joined_without_spaces_and_latin_words_keep_theirs() -> None:
    doc = Doc()
    doc.text(72, 60, "2024", 12)
    doc.text(72 + 27, 60, "年政府信息公开工作年度报告", 12)  # a gap as Word's autospace leaves
    doc.text(72, 90, "email: office@example.org tel 0517", 12)
    doc.text(72, 120, "中 华 人 民 共 和 国", 12)  # letter-spaced heading
    for i, ch in enumerate("淮安市人民政府"):  # letter-spaced wider than a character
        doc.text(72 + i * 30, 150, ch, 12)
    doc.text(72, 180, "一、总体情况", 12)
    doc.text(400, 180, "2025年1月20日", 12)  # a real gap in a Chinese line still splits
    doc.text(72, 210, "合计", 12)
    doc.text(72 + 24 + 8, 210, "12", 12)  # two thirds of a character apart: a space
    layout = layout_from_pdf(doc.bytes())
    assert [[c.text for c in line.cells] for line in layout.lines] == [
        ["2024年政府信息公开工作年度报告"],
        ["email: office@example.org tel 0517"],
        ["中华人民共和国"],
        ["淮安市人民政府"],
        ["一、总体情况", "2025年1月20日"],
        ["合计 12"],
    ]


def test_invisible_white_boxes_and_single_frames_are_not_tables() -> None:
    doc = Doc()
    doc.c.setFillColorRGB(1, 1, 1)
    for i in range(4):  # white paragraph backgrounds, as some editors paint them
        doc.c.rect(70, HEIGHT - 100 - i * 20, 450, 20, stroke=0, fill=1)
    doc.c.setFillColorRGB(0, 0, 0)
    for i in range(4):
        doc.text(72, 84 + i * 20, f"第{i + 1}段文字", 12)
    doc.c.rect(70, HEIGHT - 260, 450, 60, stroke=1, fill=0)  # a frame around one paragraph
    doc.text(80, 210, "框内的说明文字", 12)
    layout = layout_from_pdf(doc.bytes())
    assert all(line.table is None for line in layout.lines)
    assert text_lines(layout) == [
        "第1段文字",
        "第2段文字",
        "第3段文字",
        "第4段文字",
        "框内的说明文字",
    ]


def test_running_headers_and_page_numbers_are_dropped() -> None:
    doc = Doc()
    for n in range(1, 4):
        doc.text(72, 30, "某某市人民政府办公室", 9)
        doc.text(500, 30, f"第 {n} 页 共 3 页", 9)
        doc.text(72, 100, f"正文第{n}页", 12)
        doc.text(WIDTH / 2, HEIGHT - 40, f"{n}/3", 9)
        doc.page()
    layout = layout_from_pdf(doc.bytes())
    assert text_lines(layout) == ["正文第1页", "正文第2页", "正文第3页"]


# --- what cannot be read ---------------------------------------------------------------------


def scanned_page(doc: Doc) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (200, 100), 255)
    for x in range(20, 180):
        for y in (30, 31, 60, 61):
            image.putpixel((x, y), 0)
    doc.c.drawImage(ImageReader(image), 72, HEIGHT - 300, 400, 200)


def test_scanned_pdf_has_no_text_layer() -> None:
    doc = Doc()
    scanned_page(doc)
    data = doc.bytes()
    reading = read_pdf(data, name="scan.pdf")
    assert reading.layout is None
    assert [p.code for p in reading.problems] == ["import.pdf_no_text"]
    problem = reading.problems[0]
    assert problem.severity is Severity.ERROR
    assert "OCR" in problem.message_en and "扫描" in problem.message_zh
    assert problem.span.source == "scan.pdf"
    assert problem.params == {"text_en": problem.message_en, "text_zh": problem.message_zh}
    with pytest.raises(PdfError) as raised:
        layout_from_pdf(data, name="scan.pdf")
    assert raised.value.problems == reading.problems
    assert "scan.pdf" in str(raised.value)


def test_one_scanned_page_among_text_pages_is_reported() -> None:
    doc = Doc()
    doc.text(72, 100, "第一页文字", 12)
    doc.page()
    scanned_page(doc)
    reading = read_pdf(doc.bytes(), name="mixed.pdf")
    assert reading.layout is not None
    assert text_lines(reading.layout) == ["第一页文字"]
    assert [(p.code, p.severity, p.span.page) for p in reading.problems] == [
        ("import.pdf_page_no_text", Severity.WARNING, 2)
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "import.pdf_not_pdf"),
        (b"<html><body>not a pdf</body></html>", "import.pdf_not_pdf"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 100, "import.pdf_unreadable"),
    ],
)
def test_bad_bytes_give_a_problem_not_a_traceback(data: bytes, code: str) -> None:
    reading = read_pdf(data, name="bad.pdf")
    assert reading.layout is None
    assert [p.code for p in reading.problems] == [code]
    assert reading.problems[0].span.source == "bad.pdf"


def test_truncated_pdf_is_reported_or_read_in_part() -> None:
    data = HUAIAN.read_bytes()
    for cut in (200, len(data) // 3, len(data) - 2000):
        reading = read_pdf(data[:cut])
        if reading.layout is None:
            assert reading.problems
            assert all(p.code.startswith("import.pdf_") for p in reading.problems)


def test_encrypted_pdf_is_reported() -> None:
    doc = Doc(encrypt="secret")
    doc.text(72, 100, "加密的报告", 12)
    reading = read_pdf(doc.bytes(), name="locked.pdf")
    assert reading.layout is None
    assert [p.code for p in reading.problems] == ["import.pdf_encrypted"]


def test_pdf_encrypted_without_a_user_password_is_read() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    doc = Doc(encrypt=StandardEncryption("", ownerPassword="owner", canPrint=1))
    doc.c.setFont("Helvetica", 12)
    doc.c.drawString(72, 700, "Report 2024, editing restricted")
    assert text_lines(layout_from_pdf(doc.bytes())) == ["Report 2024, editing restricted"]


def test_limits_on_size_pages_and_time() -> None:
    data = HUAIAN.read_bytes()
    too_big = read_pdf(data, max_bytes=1000)
    assert too_big.layout is None
    assert [p.code for p in too_big.problems] == ["import.pdf_too_large"]
    first_two = read_pdf(data, max_pages=2)
    assert first_two.layout is not None
    assert [p.code for p in first_two.problems] == ["import.pdf_pages_skipped"]
    assert {c.span.page for c in all_cells(first_two.layout)} == {1, 2}
    no_time = read_pdf(data, max_seconds=0)
    assert no_time.layout is None
    assert [p.code for p in no_time.problems] == ["import.pdf_pages_skipped"]


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    reading = read_pdf(HUAIAN.read_bytes())
    assert reading.layout is None
    assert [p.code for p in reading.problems] == ["import.pdf_extra_missing"]
    with pytest.raises(PdfError, match=r"pip install 'disclosure-model\[pdf\]'"):
        layout_from_pdf(HUAIAN.read_bytes())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_pdfs_never_raise(data: st.DataObject) -> None:
    base = bytearray(merged_table_pdf())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(base) - 1))
        base[at : at + 1] = data.draw(st.binary(min_size=0, max_size=3))
    reading = read_pdf(bytes(base))
    assert reading.layout is not None or reading.problems


def test_glyphs_without_text_are_reported_not_read_as_cid_codes() -> None:
    # reportlab's CID font in an encrypted file leaves pdfminer no map from glyph to character
    from reportlab.lib.pdfencrypt import StandardEncryption

    doc = Doc(encrypt=StandardEncryption("", ownerPassword="owner", canPrint=1))
    doc.text(72, 100, "只限制编辑的报告", 12)
    reading = read_pdf(doc.bytes())
    assert reading.layout is None
    assert [(p.code, p.span.page) for p in reading.problems] == [
        ("import.pdf_page_unmapped_glyphs", 1),
        ("import.pdf_no_text", None),
    ]
    assert "8" in reading.problems[0].message_en


def test_bold_faked_by_overprinting_is_read_once() -> None:
    doc = Doc()
    for dx in (0, 0.3, 0.6):
        doc.text(72 + dx, 100, "（一）主动公开情况。", 14)
    doc.text(72, 130, "11 11", 12)  # the same text side by side is kept
    assert text_lines(layout_from_pdf(doc.bytes())) == ["（一）主动公开情况。", "11 11"]


def test_a_landscape_page_made_by_rotation_is_read_as_displayed() -> None:
    doc = Doc()
    doc.text(72, 100, "正文", 12)
    doc.page()
    doc.landscape_by_rotation()
    doc.text(72, 60, "三、收到和处理政府信息公开申请情况", 14)
    doc.table(
        72,
        100,
        [600, 60],
        [20, 20],
        [(0, 0, 1, 1, "自然人"), (0, 1, 1, 1, "总计"), (1, 0, 1, 1, "12"), (1, 1, 1, 1, "15")],
    )
    reading = read_pdf(doc.bytes())
    assert reading.problems == ()
    assert reading.layout is not None
    assert text_lines(reading.layout) == ["正文", "三、收到和处理政府信息公开申请情况"]
    assert grid(reading.layout, 0) == {(0, 0): "自然人", (0, 1): "总计", (1, 0): "12", (1, 1): "15"}
    total = table_lines(reading.layout, 0)[1].cells[1]
    assert total.span.x1 == pytest.approx(732, abs=1)  # wider than a portrait page: as displayed


def test_a_table_ruled_only_in_part_is_read_as_text_lines_in_order() -> None:
    doc = Doc()
    doc.text(72, 60, "二、主动公开政府信息情况", 14)
    c = doc.c
    xs, tops = [72, 222, 302, 382], [100, 124, 148, 172]
    for t in tops:  # every row rule, full width
        c.line(xs[0], HEIGHT - t, xs[-1], HEIGHT - t)
    for x in xs[1:]:  # no left border: the first column's cells are open
        c.line(x, HEIGHT - tops[0], x, HEIGHT - tops[-1])
    rows = [
        ("信息内容", "本年制发件数", "现行有效件数"),
        ("规章", "1", "11"),
        ("规范性文件", "8", "66"),
    ]
    for r, row in enumerate(rows):
        for x, text in zip(xs, row, strict=False):
            doc.text(x + 3, tops[r] + 5, text, 9)
    doc.text(72, 200, "三、收到和处理政府信息公开申请情况", 14)
    reading = read_pdf(doc.bytes(), name="partial.pdf")
    assert [(p.code, p.severity, p.span.page) for p in reading.problems] == [
        ("import.pdf_table_partly_ruled", Severity.INFO, 1)
    ]
    assert reading.layout is not None
    assert [[c.text for c in line.cells] for line in reading.layout.lines] == [
        ["二、主动公开政府信息情况"],
        ["信息内容", "本年制发件数", "现行有效件数"],
        ["规章", "1", "11"],
        ["规范性文件", "8", "66"],
        ["三、收到和处理政府信息公开申请情况"],
    ]


def test_cells_left_open_at_a_page_break_keep_their_text() -> None:
    """Browsers leave a table's cells open where it breaks: no rule under the last row of the
    page (below a merged label still running), none over the first row of the next."""
    doc = Doc()
    xs = [72, 152, 302, 352]
    c = doc.c

    def rule(x0: float, top: float, x1: float, bottom: float) -> None:
        c.line(x0, HEIGHT - top, x1, HEIGHT - bottom)

    tops = [700, 724, 748, 772]  # page 1: a header row, then two rows of a running label
    rule(xs[0], tops[0], xs[-1], tops[0])
    rule(xs[0], tops[1], xs[-1], tops[1])
    rule(xs[1], tops[2], xs[-1], tops[2])
    rule(xs[1], tops[3], xs[-1], tops[3])  # the label column is left open at the bottom
    for x in xs:
        rule(x, tops[0], x, tops[3])
    doc.text(75, 705, "项目", 9)
    doc.text(155, 705, "名称", 9)
    doc.text(305, 705, "数量", 9)
    doc.text(75, 729, "（五）不予处理", 9)
    for i, (label, n) in enumerate([("1.信访举报投诉类申请", "3"), ("2.重复申请", "4")]):
        doc.text(155, 729 + 24 * i, label, 9)
        doc.text(305, 729 + 24 * i, n, 9)
    doc.footer(1)
    doc.page()
    tops = [72, 96, 120]  # page 2: the label's last row open at the top, then a closed row
    rule(xs[1], tops[1], xs[-1], tops[1])
    rule(xs[0], tops[2], xs[-1], tops[2])
    rule(xs[0], tops[1], xs[1], tops[1])
    for x in xs:
        rule(x, tops[0], x, tops[2])
    doc.text(155, 77, "3.要求提供公开出版物", 9)
    doc.text(305, 77, "5", 9)
    doc.text(75, 101, "（七）总计", 9)
    doc.text(305, 101, "12", 9)
    reading = read_pdf(doc.bytes())
    assert reading.problems == ()
    assert reading.layout is not None
    assert text_lines(reading.layout) == []
    assert [[c.text for c in line.cells] for line in reading.layout.lines] == [
        ["项目", "名称", "数量"],
        ["（五）不予处理", "1.信访举报投诉类申请", "3"],
        ["2.重复申请", "4"],
        ["3.要求提供公开出版物", "5"],  # the label's blank rest is the label's: not emitted
        ["（七）总计", "", "12"],
    ]
    assert {line.table for line in reading.layout.lines} == {0}


@pytest.mark.parametrize("top", [200, 352])  # touching the frame's side; and its corner
def test_a_frame_touching_a_table_is_no_cell_of_it(top: float) -> None:
    doc = Doc()
    doc.c.setLineWidth(0.5)
    doc.c.rect(72, HEIGHT - 400, 460, 330, stroke=1, fill=0)  # a frame, top 70 to 400
    doc.text(80, 90, "二、主动公开政府信息情况", 12)
    doc.table(
        72,
        top,
        [150, 80],
        [24, 24],
        [
            (0, 0, 1, 1, "信息内容"),
            (0, 1, 1, 1, "本年制发件数"),
            (1, 0, 1, 1, "规章"),
            (1, 1, 1, 1, "3"),
        ],
    )  # its left border is the frame's
    reading = read_pdf(doc.bytes())
    assert reading.problems == ()
    assert reading.layout is not None
    assert text_lines(reading.layout) == ["二、主动公开政府信息情况"]
    assert grid(reading.layout, 0) == {
        (0, 0): "信息内容",
        (0, 1): "本年制发件数",
        (1, 0): "规章",
        (1, 1): "3",
    }


def test_a_page_with_too_many_rules_is_read_as_text_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    import disclosure_model.importers.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "MAX_EDGES_PER_PAGE", 10)
    reading = read_pdf(HUAIAN.read_bytes())
    assert [(p.code, p.severity, p.span.page) for p in reading.problems] == [
        ("import.pdf_page_too_complex", Severity.WARNING, page) for page in (3, 4, 5)
    ]
    assert reading.layout is not None
    assert all(line.table is None for line in reading.layout.lines)
    assert ["规章", "1", "0", "11"] in [
        [c.text for c in line.cells] for line in reading.layout.lines
    ]


def test_problems_read_plainly() -> None:
    (problem,) = read_pdf(b"not a pdf").problems
    assert str(problem) == "not a PDF file (no %PDF- header)"
    (named,) = read_pdf(b"not a pdf", name="a.pdf").problems
    assert str(named) == "a.pdf: not a PDF file (no %PDF- header)"
    assert named.name == "pdf_not_pdf"


def test_a_page_with_too_much_content_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import disclosure_model.importers.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "MAX_CONTENT_BYTES", 3000)
    reading = read_pdf(HUAIAN.read_bytes())
    skipped = [p.span.page for p in reading.problems if p.code == "import.pdf_page_too_large"]
    assert skipped and all(p.severity is Severity.ERROR for p in reading.problems)
    assert reading.layout is not None
    read = {c.span.page for c in all_cells(reading.layout)}
    assert read and not read & set(skipped)
    assert read | set(skipped) == set(range(1, 7))


def test_a_page_with_too_many_characters_keeps_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import disclosure_model.importers.pdf as pdf_module

    monkeypatch.setattr(pdf_module, "MAX_CHARS_PER_PAGE", 20)
    reading = read_pdf(merged_table_pdf())
    assert [p.code for p in reading.problems] == ["import.pdf_page_too_complex"]
    assert reading.layout is not None
    assert all(line.table is None for line in reading.layout.lines)


@st.composite
def ruled_tables(
    draw: st.DrawFn,
) -> tuple[list[float], list[float], list[tuple[int, int, int, int, str]]]:
    """A grid of random size with random merged cells and texts: (widths, heights, cells)."""
    rows, cols = draw(st.integers(2, 6)), draw(st.integers(2, 5))
    widths = [float(w) for w in draw(st.lists(st.integers(40, 90), min_size=cols, max_size=cols))]
    heights = [float(h) for h in draw(st.lists(st.integers(18, 30), min_size=rows, max_size=rows))]
    text = st.one_of(
        st.integers(0, 99999).map(str),
        st.text(alphabet="申请人情况总计予以公开自然人法人其他", min_size=1, max_size=4),
        st.just(""),
    )
    taken: set[tuple[int, int]] = set()
    cells = []
    for r in range(rows):
        for c in range(cols):
            if (r, c) in taken:
                continue
            rs = draw(st.integers(1, min(3, rows - r)))
            cs = draw(st.integers(1, min(3, cols - c)))
            while any((r + i, c + j) in taken for i in range(rs) for j in range(cs)):
                rs, cs = (rs - 1, cs) if rs > 1 else (rs, cs - 1)
            taken.update((r + i, c + j) for i in range(rs) for j in range(cs))
            cells.append((r, c, rs, cs, draw(text)))
    return widths, heights, cells


@settings(
    max_examples=int(os.environ.get("PDF_GRID_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(ruled_tables())
def test_any_ruled_grid_with_merged_cells_is_read_back(
    table: tuple[list[float], list[float], list[tuple[int, int, int, int, str]]],
) -> None:
    widths, heights, cells = table
    assume(len(cells) > 1)  # one box is a frame, not a table (tested above)
    assume(any(text for *_, text in cells))  # a PDF without a character has no text layer
    doc = Doc()
    doc.table(72, 100, widths, heights, cells)
    layout = layout_from_pdf(doc.bytes())
    # The grid has a column (row) for each boundary some cell starts or ends at.
    xs = [sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [sum(heights[:i]) for i in range(len(heights) + 1)]
    used_x = sorted({xs[c] for _, c, _, cs, _ in cells} | {xs[c + cs] for _, c, _, cs, _ in cells})
    used_y = sorted({ys[r] for r, _, rs, _, _ in cells} | {ys[r + rs] for r, _, rs, _, _ in cells})
    expected = {(used_y.index(ys[r]), used_x.index(xs[c])): text for r, c, _, _, text in cells}
    assert grid(layout, 0) == expected
    assert text_lines(layout) == []
    for line in layout.lines:  # a merged cell is in the line of its first row only
        assert {cell.span.row for cell in line.cells} == {line.cells[0].span.row}


@pytest.mark.parametrize(
    ("rect", "rules"),
    [
        ({"stroke": True, "fill": False}, True),
        ({"stroke": False, "fill": False}, False),  # painted with nothing
        ({"stroke": False, "fill": True, "non_stroking_color": (1, 1, 1)}, False),
        ({"stroke": False, "fill": True, "non_stroking_color": (1,)}, False),
        ({"stroke": False, "fill": True, "non_stroking_color": 1.0}, False),
        ({"stroke": False, "fill": True, "non_stroking_color": (0, 0, 0, 0)}, False),  # CMYK
        ({"stroke": False, "fill": True, "non_stroking_color": (0.78, 0.85, 0.95)}, True),
        ({"stroke": False, "fill": True, "non_stroking_color": (0, 0, 0, 1)}, True),
        ({"stroke": False, "fill": True, "non_stroking_color": ("P1",)}, True),  # a pattern
        ({"stroke": False, "fill": True, "non_stroking_color": None}, True),
    ],
)
def test_which_rectangles_can_rule_a_table(rect: dict[str, Any], rules: bool) -> None:
    from disclosure_model.importers.pdf import _visible_edge_source

    assert _visible_edge_source({"object_type": "rect", **rect}) is rules
    assert _visible_edge_source({"object_type": "line", **rect}) is True


def lineless_huaian() -> bytes:
    """The huaian report redrawn without a single rule: every cell's text where it was printed."""
    layout = layout_from_pdf(HUAIAN.read_bytes())
    doc = Doc()
    page = 1
    for line in layout.lines:
        for cell in line.cells:
            assert cell.span.page is not None and cell.span.x0 is not None
            assert cell.span.x1 is not None and cell.span.top is not None
            while cell.span.page > page:
                doc.page()
                page += 1
            if not cell.text:
                continue
            size = 12.0
            if line.table is not None:  # small enough to stay inside its cell
                size = min(7.5, (cell.span.x1 - cell.span.x0 - 4) / len(cell.text))
            doc.text(cell.span.x0 + 2, cell.span.top + 2, cell.text, size)
    return doc.bytes()


def test_tables_without_rules_arrive_as_positioned_rows(huaian_json: dict[str, Any]) -> None:
    reading = read_pdf(lineless_huaian())
    assert reading.problems == ()
    assert reading.layout is not None
    assert all(line.table is None for line in reading.layout.lines)
    rows = [[c.text for c in line.cells] for line in reading.layout.lines]
    numbers = [
        [int(t) for t in row[-7:]]
        for row in rows
        if len(row) >= 7 and all(t.isdigit() for t in row[-7:])
    ]
    requests = leaves(huaian_json["requests"])
    expected = [requests[i : i + 7] for i in range(0, len(requests), 7)]
    found = [row for row in expected if row in numbers]
    # Every Table 三 row arrives as one line ending in its 7 numbers, in the form's order,
    # but the two whose long labels run up to their first number: that number shares the
    # label's cell, after a space ("…不计其他情形） 447").
    assert [row for row in numbers if row in expected] == found
    assert len(found) == len(expected) - 2
    assert any(row[0].endswith("） 447") for row in rows)
    reviews = [int(t) for t in rows[[r[:1] for r in rows].index(["72"])]]
    assert reviews == leaves(huaian_json["reviews_and_litigation"])


def test_a_header_repeated_on_the_next_page_is_read_once() -> None:
    reading = read_pdf(split_table_pdf(repeat_header=True), name="split.pdf")
    assert [(p.code, p.span.page, p.span.table) for p in reading.problems] == [
        ("import.pdf_header_repeated", 2, 0)
    ]
    assert reading.layout is not None

    def cells(layout: Layout) -> list[tuple[str, int | None, int | None, int | None]]:
        return [(c.text, c.span.table, c.span.row, c.span.col) for c in all_cells(layout)]

    assert cells(reading.layout) == cells(layout_from_pdf(split_table_pdf()))


@pytest.mark.parametrize("angle", [90, -90])
def test_text_set_sideways_is_read_along_its_direction(angle: int) -> None:
    doc = Doc()
    doc.table(
        72,
        100,
        [30, 160, 60],
        [40, 40, 40],
        [
            (0, 0, 3, 1, ""),
            (0, 1, 1, 1, "（一）予以公开"),
            (0, 2, 1, 1, "12"),
            (1, 1, 1, 1, "（二）部分公开"),
            (1, 2, 1, 1, "3"),
            (2, 1, 1, 1, "（三）不予公开"),
            (2, 2, 1, 1, "4"),
        ],
    )
    c = doc.c
    # a label set sideways in the merged cell, and a stamp set sideways below the table
    for text, x, top, bottom in (("三、本年度办理结果", 85, 105, 215), ("No. 7 核", 200, 300, 360)):
        c.saveState()
        c.translate(x, HEIGHT - bottom if angle == 90 else HEIGHT - top)
        c.rotate(angle)
        c.setFont(FONT, 9)
        c.drawString(0, 0, text)
        c.restoreState()
    reading = read_pdf(doc.bytes())
    assert reading.problems == ()
    assert reading.layout is not None
    assert grid(reading.layout, 0)[(0, 0)] == "三、本年度办理结果"
    assert text_lines(reading.layout) == ["No. 7核"]
    (stamp,) = [c for c in all_cells(reading.layout) if c.span.table is None]
    assert stamp.span.x1 is not None and stamp.span.x0 is not None
    assert stamp.span.x1 - stamp.span.x0 < 15  # its box on the page: a narrow upright strip


def test_every_pdf_problem_code_is_documented() -> None:
    from .conftest import ROOT

    source = (ROOT / "src" / "disclosure_model" / "importers" / "pdf.py").read_text("utf-8")
    codes = set(re.findall(r'"(import\.pdf_[a-z_]+)"', source))
    assert len(codes) >= 14
    docs = (ROOT / "docs" / "importing.md").read_text("utf-8")
    documented = set(re.findall(r"`(import\.pdf_[a-z_]+)`", docs))
    assert codes <= documented, codes - documented


def cut_cell_pdf(cut: bool, repeat_header: bool) -> bytes:
    """Table 三's rows over a page break, ruled cell by cell as Word draws them (closed at the
    break); when ``cut``, the merged label （四）无法提供 is cut by the break."""
    widths = [90, 200, 60]
    header = [(0, 0, 1, 1, "项目"), (0, 1, 1, 1, "名称"), (0, 2, 1, 1, "数量")]
    doc = Doc()
    first = [
        (1, 0, 2, 1, "（三）不予公开"),
        (1, 1, 1, 1, "1.属于国家秘密"),
        (1, 2, 1, 1, "1"),
        (2, 1, 1, 1, "2.其他法律行政法规禁止公开"),
        (2, 2, 1, 1, "2"),
    ]
    if cut:
        first += [
            (3, 0, 1, 1, "（四）无"),
            (3, 1, 1, 1, "1.本机关不掌握相关政府信息"),
            (3, 2, 1, 1, "3"),
        ]
    rows = 1 + max(r + rs for r, _, rs, _, _ in first) - 1
    doc.table(72, 700 - 24 * rows, widths, [24] * rows, header + first)
    doc.footer(1)
    doc.page()
    top = 72
    shift = 1 if repeat_header else 0
    second = [] if not repeat_header else list(header)
    label = (shift, 0, 2, 1, "法提供") if cut else (shift, 0, 3, 1, "（四）无法提供")
    second.append(label)
    rest = [("2.没有现成信息需要另行制作", "4"), ("3.补正后申请内容仍不明确", "5")]
    if not cut:
        rest.insert(0, ("1.本机关不掌握相关政府信息", "3"))
    for i, (text, n) in enumerate(rest):
        second += [(shift + i, 1, 1, 1, text), (shift + i, 2, 1, 1, n)]
    doc.table(72, top, widths, [24] * (shift + len(rest)), second)
    doc.footer(2)
    return doc.bytes()


CUT_ROWS = [
    ["项目", "名称", "数量"],
    ["（三）不予公开", "1.属于国家秘密", "1"],
    ["2.其他法律行政法规禁止公开", "2"],
    ["（四）无法提供", "1.本机关不掌握相关政府信息", "3"],
    ["2.没有现成信息需要另行制作", "4"],
    ["3.补正后申请内容仍不明确", "5"],
]


@pytest.mark.parametrize("repeat_header", [False, True], ids=["plain", "repeated-header"])
def test_a_merged_cell_cut_by_a_page_break_is_one_cell(repeat_header: bool) -> None:
    """（四）无 on one page, 法提供 on the next (under a repeated header too): one cell, read as
    （四）无法提供, with a note (before: two cells, the label torn in two)."""
    reading = read_pdf(cut_cell_pdf(cut=True, repeat_header=repeat_header), name="cut.pdf")
    assert reading.layout is not None
    assert [[c.text for c in line.cells] for line in reading.layout.lines] == CUT_ROWS
    joined = [p for p in reading.problems if p.code == "import.pdf_cell_joined"]
    assert [(p.span.page, p.span.table) for p in joined] == [(1, 0)]
    assert "'（四）无' + '法提供'" in joined[0].message_en
    rows = [c.span.row for line in reading.layout.lines for c in line.cells[-1:]]
    assert rows == [0, 1, 2, 3, 4, 5]


def test_a_merged_cell_ending_at_a_page_break_stays_apart_from_the_next() -> None:
    """A group label that ends with the page (its text far above the break) and the next
    group's label at the top of the next page are two cells."""
    reading = read_pdf(cut_cell_pdf(cut=False, repeat_header=False))
    assert reading.layout is not None
    assert [[c.text for c in line.cells] for line in reading.layout.lines] == CUT_ROWS
    assert "import.pdf_cell_joined" not in {p.code for p in reading.problems}
