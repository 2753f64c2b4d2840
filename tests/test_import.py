"""The importer on the seed and the real published reports: what they must import to."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from disclosure_model import Edition, load, to_dict
from disclosure_model.importers import ImportResult, SourceSpan, detect_kind, import_report

from .conftest import EXAMPLES, FIXTURES


def _json(path: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return data


def _imported(name: str) -> ImportResult:
    result = import_report(FIXTURES / name)
    assert result.report is not None, [f.message("en") for f in result.findings]
    assert not [f for f in result.findings if f.is_error]
    return result


def _codes(result: ImportResult) -> list[str]:
    return [f.code for f in result.findings]


def test_seed_text_imports_to_the_seed_json() -> None:
    result = _imported("zhuji-emergency-2020.txt")
    got = to_dict(result.report)  # type: ignore[arg-type]
    want = _json(EXAMPLES / "zhuji-emergency-2020.json")
    # level and division code were added to the seed JSON by hand: the report does not print them
    assert got["organ"] == {"name": "诸暨市应急管理局", "kind": "department"}
    got["organ"] = want["organ"]
    assert got == want  # tables, year, edition, publication date, narrative: all of it


def test_seed_judgements_are_findings_with_locations() -> None:
    result = _imported("zhuji-emergency-2020.txt")
    by_pointer = {f.pointer: f for f in result.findings}
    change = by_pointer["/proactive_disclosure/administrative_penalty/change"]
    assert change.code == "import.signed_change"
    assert change.actual == "增34" and change.expected == 34
    assert change.location is not None and change.location.line == 77
    amount = by_pointer["/proactive_disclosure/centralized_procurement/amount"]
    assert amount.code == "import.unit_converted" and amount.expected == Decimal("1001.115")
    assert by_pointer["/organ/kind"].code == "import.organ_kind_inferred"
    assert "import.edition_detected" in _codes(result)
    assert amount.to_dict()["location"] == {
        "source": str(FIXTURES / "zhuji-emergency-2020.txt"),
        "line": 103,
        "column": 2,
    }


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out.update(_leaves(inner, f"{path}/{key}"))
        return out
    return {path: value}


@pytest.mark.parametrize(
    "name",
    ["zhuji-emergency-2020.txt", "huaian-2024.pdf.txt", "shuyang-2025.pdf.md", "pingtan-2024.html"],
)
def test_every_number_is_located(name: str) -> None:
    result = _imported(name)
    data = to_dict(result.report)  # type: ignore[arg-type]
    for table in ("proactive_disclosure", "requests", "reviews_and_litigation"):
        for pointer in _leaves(data[table], "/" + table):
            span = result.locations[pointer]
            assert isinstance(span, SourceSpan)
            assert span.line is not None or span.table is not None


REAL = [
    ("huaian-2024.pdf.txt", "huaian-2024.json", "text"),
    ("huaian-2024.pdf.layout.txt", "huaian-2024.json", "text"),
    ("pingtan-2024.pdf.layout.txt", "pingtan-2024.json", "text"),
    ("shuyang-2025.pdf.md", "shuyang-2025.json", "markdown"),
    ("pingtan-2024.html", "pingtan-2024.json", "html"),
]


@pytest.mark.parametrize(("source", "expected", "kind"), REAL)
def test_real_reports_import_cell_for_cell(source: str, expected: str, kind: str) -> None:
    result = _imported(source)
    assert result.kind == kind
    got = to_dict(result.report)  # type: ignore[arg-type]
    want = _json(FIXTURES / expected)
    assert got["requests"] == want["requests"]  # Table 三, cell for cell
    assert got["reviews_and_litigation"] == want["reviews_and_litigation"]  # Table 四
    assert got["proactive_disclosure"] == want["proactive_disclosure"]  # Table 二
    assert (got["edition"], got["year"]) == (want["edition"], want["year"])
    if kind != "text" or "layout" not in source:  # a PDF's text has no page metadata
        assert got.get("published_on") == want.get("published_on")
        assert got.get("source_url") == want.get("source_url")


def test_real_report_metadata_as_far_as_printed() -> None:
    """Where the import differs from the hand transcriptions, it is what the source prints."""
    huaian = _imported("huaian-2024.pdf.txt").report
    assert huaian is not None and huaian.organ.name == "淮安市人民政府"
    # The conversion misreads 沭阳 as 沐阳 everywhere; the transcription has the real name.
    shuyang = _imported("shuyang-2025.pdf.md").report
    assert shuyang is not None and shuyang.organ.name == "沐阳县人民政府"
    assert shuyang.organ.level is not None and shuyang.organ.level.value == "county"
    # The page's title names the zone; the transcription added （管委会） by hand.
    pingtan = _imported("pingtan-2024.html").report
    assert pingtan is not None and pingtan.organ.name == "平潭综合实验区"
    assert pingtan.narrative is not None and pingtan.narrative.other_matters == (
        "2024年，无收取信息处理费情况。"
    )


def test_wrapped_and_interrupted_labels_are_read_and_reported() -> None:
    result = _imported("huaian-2024.pdf.txt")
    lenient = [f for f in result.findings if f.code == "import.label_lenient"]
    assert [f.pointer for f in lenient] == ["/requests/outcomes/other/fee_unpaid"]
    assert lenient[0].location is not None and lenient[0].location.line is not None


def test_markdown_conversion_quirks_are_reported() -> None:
    result = _imported("shuyang-2025.pdf.md")
    ignored = [f for f in result.findings if f.code == "import.ignored_cells"]
    assert len(ignored) == 3  # the converter's spurious 申请人情况 tables of dashes
    assert all(f.location is not None and f.location.table is not None for f in ignored)


def test_html_locations_are_grid_positions() -> None:
    result = _imported("pingtan-2024.html")
    span = result.locations["/requests/outcomes/withheld/state_secret/natural_person"]
    assert (span.table, span.col) == (1, 3)  # second table of the page, after the 3 label columns
    assert span.row is not None and span.line is not None
    total = result.locations["/reviews_and_litigation/litigation_after_review/total"]
    assert (total.table, total.row, total.col) == (2, 3, 14)
    assert "import.published_from_page" in _codes(result)


def test_seed_report_passes_the_rules_after_import() -> None:
    from disclosure_model import check

    report = _imported("zhuji-emergency-2020.txt").report
    assert report is not None
    assert report.requests == load(EXAMPLES / "zhuji-emergency-2020.json").requests
    assert not [f for f in check(report).findings if f.is_error]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.html", b"", "html"),
        ("a.htm", b"", "html"),
        ("a.md", b"", "markdown"),
        ("a.pdf.txt", b"", "text"),
        ("a.pdf", b"", "pdf"),
        (None, b"%PDF-1.7\n", "pdf"),
        (None, b"<!DOCTYPE html><html>", "html"),
        (None, "| a | b |\n|---|---|\n", "markdown"),
        (None, "一、总体情况\n", "text"),
    ],
)
def test_kind_detection(name: str | None, data: bytes | str, kind: str) -> None:
    assert detect_kind(data, name) == kind


def test_edition_of_the_seed_is_2019() -> None:
    report = _imported("zhuji-emergency-2020.txt").report
    assert report is not None and report.edition is Edition.E2019


@pytest.mark.parametrize(
    ("pdf", "expected"),
    [("huaian-2024.pdf", "huaian-2024.json"), ("pingtan-2024.pdf", "pingtan-2024.json")],
)
def test_pdf_imports_cell_for_cell(pdf: str, expected: str) -> None:
    """The official PDF through the PDF front-end (branch ``pdf``) and this interpreter."""
    pytest.importorskip("pdfplumber")
    pytest.importorskip("disclosure_model.importers.pdf")
    if not (FIXTURES / pdf).exists():
        pytest.skip(f"{pdf} is not among the fixtures")
    result = _imported(pdf)
    assert result.kind == "pdf"
    got = to_dict(result.report)  # type: ignore[arg-type]
    want = _json(FIXTURES / expected)
    for table in ("proactive_disclosure", "requests", "reviews_and_litigation"):
        assert got[table] == want[table]
    assert (got["edition"], got["year"]) == (want["edition"], want["year"])
    assert result.locations["/requests/new_received/total"].page is not None


def test_pdf_without_its_front_end_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from disclosure_model.importers import MissingExtraError

    real = importlib.import_module

    def missing(name: str, *args: Any) -> Any:
        if name.endswith("importers.pdf"):
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", missing)
    with pytest.raises(MissingExtraError, match=r"disclosure-model\[pdf\]"):
        import_report(b"%PDF-1.4\n", kind="pdf")


def test_any_layout_is_read_by_the_one_interpreter() -> None:
    """A front-end of one's own: hand the interpreter a Layout, get the report and locations."""
    from disclosure_model.importers import Cell, Layout, Line, import_layout
    from disclosure_model.importers.text import layout_from_text

    text = (FIXTURES / "huaian-2024.pdf.txt").read_text(encoding="utf-8")
    lines = tuple(
        Line(
            cells=tuple(
                Cell(text=c.text, span=SourceSpan(source="scan", page=1 + n // 40, row=n))
                for c in line.cells
            )
        )
        for n, line in enumerate(layout_from_text(text).lines)
    )
    result = import_layout(Layout(kind="pdf", lines=lines, source="scan"))
    assert result.report is not None and result.kind == "pdf"
    assert result.report.requests == load(FIXTURES / "huaian-2024.json").requests
    span = result.locations["/requests/new_received/total"]
    assert span.source == "scan" and span.page is not None


def test_every_import_finding_code_is_documented() -> None:
    import re

    from .conftest import ROOT

    source = "".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "src" / "disclosure_model" / "importers").glob("*.py")
        if p.name != "pdf.py"
    )
    codes = set(re.findall(r'finding\(\s*"([a-z_]+)"', source))
    assert len(codes) > 20
    documented = set(
        re.findall(r"`import\.([a-z_]+)`", (ROOT / "docs" / "importing.md").read_text())
    )
    assert codes <= documented, codes - documented
