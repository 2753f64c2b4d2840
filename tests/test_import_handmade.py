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
from typing import Any

from disclosure_model import AnnualReport, to_dict
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
            "edition_detected": 1,
        }
    )
