"""The form as the renderer draws it, printed to PDF by headless Chromium, read back.

A PDF made the way many published ones are (a web page printed by a browser), of both editions:
the seed report (2019) and the example city report (2021). Every number of Tables 三 and 四
must come back in its cell of the rebuilt grid.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import attrs
import pytest

from disclosure_model import load, to_dict
from disclosure_model.importers import Layout
from disclosure_model.importers.pdf import read_pdf

from .conftest import EXAMPLES

pytest.importorskip("pdfplumber")
pytest.importorskip("jinja2")

BROWSER = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on this machine (.ci/run installs it)"
)
REPORTS = ["zhuji-emergency-2020.json", "example-city-2023.json"]


@attrs.frozen
class Printed:
    """A report as JSON, and its form printed to PDF: the bytes and the layout read from them."""

    data: dict[str, Any]
    layout: Layout
    pdf: bytes


def leaves(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [v for value in node.values() for v in leaves(value)]
    return [node]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    from disclosure_model.render import render_html

    assert BROWSER is not None
    out: dict[str, Printed] = {}
    for name in REPORTS:
        report = load(EXAMPLES / name)
        folder = tmp_path_factory.mktemp("print")
        page, pdf = folder / "report.html", folder / "report.pdf"
        page.write_text(render_html(report), "utf-8")
        subprocess.run(
            [
                BROWSER,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={folder / 'profile'}",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        reading = read_pdf(pdf.read_bytes(), name=name)
        assert reading.problems == ()
        assert reading.layout is not None
        out[name] = Printed(to_dict(report), reading.layout, pdf.read_bytes())
    return out


def grid_of(layout: Layout, first_text: str) -> dict[tuple[int, int], str]:
    """The grid of the table whose first cell reads ``first_text``."""
    tables = {}
    for line in layout.lines:
        if line.table is not None:
            tables.setdefault(line.table, []).append(line)
    for lines in tables.values():
        if lines[0].cells[0].text.startswith(first_text):
            return {
                (c.span.row, c.span.col): c.text  # type: ignore[misc]
                for line in lines
                for c in line.cells
            }
    raise AssertionError(f"no table starting with {first_text!r}")


@pytest.mark.parametrize("name", REPORTS)
def test_printed_form_table_3_numbers_in_their_cells(
    printed: dict[str, Printed], name: str
) -> None:
    data, layout = printed[name].data, printed[name].layout
    cells = grid_of(layout, "（本列数据的勾稽关系")
    expected = [str(v) for v in leaves(data["requests"])]
    rows = sorted({r for r, _ in cells if r >= 3})
    assert len(rows) * 7 == len(expected)  # 2019: 其他处理 one row; 2021: three
    assert [cells[(r, c)] for r in rows for c in range(3, 10)] == expected
    assert cells[(1, 9)] == "总计"


@pytest.mark.parametrize("name", REPORTS)
def test_printed_form_table_4_numbers_in_their_cells(
    printed: dict[str, Printed], name: str
) -> None:
    data, layout = printed[name].data, printed[name].layout
    cells = grid_of(layout, "行政复议")
    expected = [str(v) for v in leaves(data["reviews_and_litigation"])]
    assert [cells[(3, c)] for c in range(15)] == expected


@pytest.mark.parametrize("name", REPORTS)
def test_printed_form_text_carries_the_metadata(printed: dict[str, Printed], name: str) -> None:
    data, layout = printed[name].data, printed[name].layout
    text = "\n".join(line.text for line in layout.lines if line.table is None)
    assert data["organ"]["name"] in text
    assert f"{data['year']}年" in text
    for heading in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in text


@pytest.mark.parametrize("name", REPORTS)
def test_printed_form_imports_to_its_report(printed: dict[str, Printed], name: str) -> None:
    importers = pytest.importorskip("disclosure_model.importers")
    if not hasattr(importers, "import_report"):
        pytest.skip("the import core (branch import) is not merged here")
    result = importers.import_report(printed[name].pdf, kind="pdf", name=name)
    assert result.report is not None, [f.message("en") for f in result.findings]
    assert not [f for f in result.findings if f.is_error]
    got, want = to_dict(result.report), printed[name].data
    for key in ("edition", "year", "proactive_disclosure", "requests", "reviews_and_litigation"):
        assert got[key] == want[key], key
