"""PDF reports through the whole import: import_report(kind="pdf") and the import command.

(``tests/test_import.py`` checks that the huaian and pingtan PDFs import cell for cell.)"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from disclosure_model import importers, to_dict

from .conftest import FIXTURES

pytest.importorskip("pdfplumber")
if not hasattr(importers, "import_report"):
    pytest.skip("the import core (branch import) is not merged here", allow_module_level=True)

from disclosure_model.importers import ImportResult, import_report

from .test_import_pdf import Doc, lineless_huaian, scanned_page

TABLES = ("proactive_disclosure", "requests", "reviews_and_litigation")


def _json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text("utf-8"), parse_float=Decimal)
    return data


def _leaves(value: Any, path: str) -> list[str]:
    if isinstance(value, dict):
        return [p for key, inner in value.items() for p in _leaves(inner, f"{path}/{key}")]
    return [path]


_RESULTS: dict[str, ImportResult] = {}


def _imported(name: str) -> ImportResult:
    if name not in _RESULTS:
        _RESULTS[name] = import_report(FIXTURES / name)
    result = _RESULTS[name]
    assert result.report is not None, [f.message("en") for f in result.findings]
    assert not [f for f in result.findings if f.is_error]
    return result


def test_pdf_without_rules_imports_cell_for_cell() -> None:
    """The huaian report redrawn without a single rule: the front-end's fallback, positioned
    text lines, still imports to its JSON."""
    result = import_report(lineless_huaian(), kind="pdf", name="lineless.pdf")
    assert result.report is not None, [f.message("en") for f in result.findings]
    assert not [f for f in result.findings if f.is_error]
    got = to_dict(result.report)
    want = _json("huaian-2024.json")
    for key in TABLES:
        assert got[key] == want[key], key
    span = result.locations["/requests/new_received/total"]
    assert (span.page, span.table) == (4, None) and span.x0 is not None


def test_huaian_pdf_and_its_text_layer_give_the_same_tables() -> None:
    from_pdf = to_dict(_imported("huaian-2024.pdf").report)  # type: ignore[arg-type]
    from_text = to_dict(_imported("huaian-2024.pdf.txt").report)  # type: ignore[arg-type]
    for key in (*TABLES, "edition", "year", "organ"):
        assert from_pdf[key] == from_text[key], key


def test_every_number_of_a_pdf_is_located_in_its_table_cell() -> None:
    result = _imported("huaian-2024.pdf")
    data = to_dict(result.report)  # type: ignore[arg-type]
    for table in TABLES:
        for pointer in _leaves(data[table], "/" + table):
            span = result.locations[pointer]
            assert span.page is not None and span.x0 is not None, pointer
            assert span.table is not None and span.row is not None and span.col is not None
    total = result.locations["/requests/new_received/total"]
    assert (total.page, total.table, total.row, total.col) == (4, 1, 3, 9)
    upheld = result.locations["/reviews_and_litigation/administrative_review/upheld"]
    assert (upheld.page, upheld.table, upheld.row, upheld.col) == (5, 2, 3, 0)


def test_scanned_pdf_gives_a_finding_not_a_report() -> None:
    doc = Doc()
    scanned_page(doc)
    result = import_report(doc.bytes(), kind="pdf", name="scan.pdf")
    assert result.report is None
    assert [(f.code, f.is_error) for f in result.findings] == [("import.pdf_no_text", True)]
    finding = result.findings[0]
    assert finding.location is not None and finding.location.source == "scan.pdf"
    assert "OCR" in finding.message("en")
    assert result.to_dict()["findings"][0]["location"] == {"source": "scan.pdf"}


def test_damaged_pdf_gives_a_finding_not_a_traceback() -> None:
    data = (FIXTURES / "huaian-2024.pdf").read_bytes()[:3000]
    result = import_report(data, name="cut.pdf")
    assert result.kind == "pdf"
    assert result.report is None
    assert result.findings and all(f.code.startswith("import.pdf_") for f in result.findings)


def test_import_command_on_pdfs(tmp_path: Path) -> None:
    import subprocess
    import sys

    doc = Doc()
    scanned_page(doc)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(doc.bytes())
    out = tmp_path / "out"
    good = subprocess.run(
        [
            sys.executable,
            "-m",
            "disclosure_model",
            "import",
            str(FIXTURES / "huaian-2024.pdf"),
            "--out",
            str(out),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert good.returncode == 0, good.stderr
    written = json.loads((out / "huaian-2024.json").read_text("utf-8"), parse_float=Decimal)
    assert written["requests"] == _json("huaian-2024.json")["requests"]
    bad = subprocess.run(
        [sys.executable, "-m", "disclosure_model", "import", str(scan), "--out", str(out)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 1
    assert "import.pdf_no_text" in bad.stdout + bad.stderr
    assert "Traceback" not in bad.stderr
