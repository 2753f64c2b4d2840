"""Properties of the importer over generated reports.

A report printed the way reports are printed imports back to the same report; a report with one
label or one number boundary destroyed gives a finding, never a different report.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_model import AnnualReport, Organ
from disclosure_model.importers import import_report
from disclosure_model.testing import consistent_reports

from . import import_writers as w
from .test_import_variants import same_tables

# Each example imports a whole report (tens of milliseconds): fewer examples than the profile's.
FEW = settings(max_examples=60)

NAMES = ("诸暨市应急管理局", "淮安市人民政府", "某某县人民政府", "示例市教育局", "某某镇人民政府")


@st.composite
def printed_reports(draw: st.DrawFn) -> AnnualReport:
    """Consistent reports as a source prints them: a real-looking organ name, no prose."""
    report = draw(consistent_reports())
    return attrs.evolve(report, organ=Organ(name=draw(st.sampled_from(NAMES))), narrative=None)


WRITERS: dict[str, tuple[Callable[[AnnualReport], str], str]] = {
    "text": (w.to_text, "text"),
    "cells": (lambda r: w.to_text(r, one_cell_per_line=True), "text"),
    "markdown": (w.to_markdown, "markdown"),
    "html": (w.to_html, "html"),
    "word": (lambda r: w.to_html(r, word=True), "html"),
}


@FEW
@given(printed_reports(), st.sampled_from(sorted(WRITERS)))
def test_printed_reports_import_back(report: AnnualReport, writer: str) -> None:
    write, kind = WRITERS[writer]
    result = import_report(write(report), kind=kind)  # type: ignore[arg-type]
    assert not [f for f in result.findings if f.is_error], [
        f.message("en") for f in result.findings if f.is_error
    ]
    same_tables(result.report, report)


def _table3_lines(text: str) -> list[str]:
    start = text.index("三、收到和处理政府信息公开申请情况")
    end = text.index("四、政府信息公开行政复议、行政诉讼情况")
    lines = text[start:end].splitlines()
    return [x for x in lines if x.split("\t")[-1].isdigit() and len(x.split("\t")) >= 8]


@FEW
@given(printed_reports(), st.data())
def test_a_destroyed_label_gives_a_finding_not_a_wrong_report(
    report: AnnualReport, data: st.DataObject
) -> None:
    text = w.to_text(report)
    line = data.draw(st.sampled_from(_table3_lines(text)))
    cells = line.split("\t")
    label_at = max(i for i, c in enumerate(cells) if not c.isdigit())
    garbage = data.draw(st.text(alphabet="甲乙丙丁戊己庚辛壬癸子丑寅卯", min_size=0, max_size=6))
    cells[label_at] = garbage
    result = import_report(text.replace(line, "\t".join(c for c in cells if c)), kind="text")
    if result.report is not None:
        same_tables(result.report, report)
    assert {f.code for f in result.findings} & {
        "import.missing_row",
        "import.unrecognised_row",
        "import.label_lenient",
    }


@FEW
@given(printed_reports(), st.data())
def test_a_lost_number_boundary_gives_a_finding_not_a_wrong_report(
    report: AnnualReport, data: st.DataObject
) -> None:
    text = w.to_text(report)
    values = w.table4_values(report)
    table4 = "\t".join(values)
    lines = [*_table3_lines(text), table4]
    line = data.draw(st.sampled_from(lines))
    cells = line.split("\t")
    first = next(i for i, c in enumerate(cells) if c.isdigit())
    at = data.draw(st.integers(first, len(cells) - 2))
    merged = [*cells[:at], cells[at] + cells[at + 1], *cells[at + 2 :]]
    result = import_report(text.replace(line, "\t".join(merged)), kind="text")
    found = {f.code for f in result.findings}
    if result.report is None:
        assert found & {
            "import.split_ambiguous",
            "import.split_impossible",
            "import.wrong_cell_count",
            "import.missing_row",
        }
    else:
        same_tables(result.report, report)
        assert "import.split_recovered" in found


SOURCES = {
    "html": "pingtan-2024.html",
    "text": "huaian-2024.pdf.txt",
    "markdown": "shuyang-2025.pdf.md",
}


@FEW
@given(st.sampled_from(sorted(SOURCES)), st.data())
def test_damaged_sources_never_raise(kind: str, data: st.DataObject) -> None:
    """Bytes changed, cut or repeated anywhere: findings, never an exception."""
    from .conftest import FIXTURES

    source = bytearray((FIXTURES / SOURCES[kind]).read_bytes())
    for _ in range(data.draw(st.integers(1, 12))):
        at = data.draw(st.integers(0, len(source) - 1))
        how = data.draw(st.sampled_from(["byte", "cut", "repeat"]))
        if how == "byte":
            source[at] = data.draw(st.integers(0, 255))
        elif how == "cut":
            del source[at : at + data.draw(st.integers(1, 300))]
        else:
            source[at:at] = source[data.draw(st.integers(0, len(source) - 1)) :][:300]
    result = import_report(bytes(source), kind=kind)  # type: ignore[arg-type]
    assert result.report is not None or any(f.is_error for f in result.findings)
