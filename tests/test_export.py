"""Tidy export, indicators and stats: every cell once, exact values, hand-computed figures."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import disclosure_model as dm
from disclosure_model.export import (
    CELL_COLUMNS,
    INDICATOR_COLUMNS,
    ExportError,
    TableWriter,
    cell_rows,
    report_from_rows,
)
from disclosure_model.indicators import INDICATORS, Totals, compute, indicators_reference
from disclosure_model.meta import field_info
from disclosure_model.requests import Unavailable
from disclosure_model.testing import reports

from .conftest import EXAMPLES

CITY = EXAMPLES / "example-city-2023.json"
SEED = EXAMPLES / "zhuji-emergency-2020.json"
_TABLES = ("proactive_disclosure", "requests", "reviews_and_litigation")


def _leaves(value: Any, pointer: str) -> dict[str, Any]:
    """Every number under a parsed JSON value, by JSON Pointer (an oracle independent of the
    export's walk over the model)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_leaves(item, f"{pointer}/{key}"))
        return out
    return {pointer: value}


def _expected_cells(report: dm.AnnualReport) -> dict[str, Any]:
    document = dm.to_dict(report)
    cells: dict[str, Any] = {}
    for table in _TABLES:
        cells.update(_leaves(document[table], f"/{table}"))
    return cells


def _stripped(report: dm.AnnualReport) -> dm.AnnualReport:
    """What the export carries of a report: organ name and code, year, edition, tables."""
    return attrs.evolve(
        report,
        organ=dm.Organ(name=report.organ.name, division_code=report.organ.division_code),
        published_on=None,
        source_url=None,
        narrative=None,
    )


@given(reports())
def test_every_cell_appears_exactly_once_with_its_value(report: dm.AnnualReport) -> None:
    rows = list(cell_rows(report, source="r.json"))
    pointers = [r.pointer for r in rows]
    assert len(pointers) == len(set(pointers))
    expected = _expected_cells(report)
    assert set(pointers) == set(expected)
    for row in rows:
        value = row.amount if row.kind == "amount" else row.value
        assert value == expected[row.pointer]
        assert type(value) is type(expected[row.pointer])  # counts int, amounts Decimal
        assert (row.value is None) == (row.kind == "amount")


@given(reports())
def test_rows_turn_back_into_the_same_report(report: dm.AnnualReport) -> None:
    rows = list(cell_rows(report))
    assert report_from_rows(rows) == _stripped(report)
    # through CSV text too: the values survive being written as text
    text = io.StringIO()
    with TableWriter(text, format="csv") as writer:
        for row in rows:
            writer.write(row.to_dict())
    read = list(csv.DictReader(io.StringIO(text.getvalue(), newline="")))
    assert report_from_rows(read) == _stripped(report)


def test_csv_quotes_a_lone_carriage_return() -> None:
    """An organ name holding a lone \r (found by the property above) stays one field in CSV."""
    report = attrs.evolve(dm.load(CITY), organ=dm.Organ(name="甲\r乙"))
    text = io.StringIO()
    with TableWriter(text, format="csv") as writer:
        for row in cell_rows(report):
            writer.write(row.to_dict())
    read = list(csv.DictReader(io.StringIO(text.getvalue(), newline="")))
    assert {r["organ"] for r in read} == {"甲\r乙"}
    assert len(read) == len(list(cell_rows(report)))


def test_labels_and_ids_come_from_the_model() -> None:
    report = dm.load(CITY)
    rows = {r.pointer: r for r in cell_rows(report)}
    not_held = rows["/requests/outcomes/unavailable/not_held/natural_person"]
    assert not_held.table == "三" and not_held.row == "R3.4.1"
    assert not_held.row_label_zh == field_info(Unavailable, "not_held").label_zh
    assert not_held.column_label_zh == "自然人"
    review = rows["/reviews_and_litigation/administrative_review/corrected"]
    assert (review.table, review.row, review.column) == ("四", "G1", "corrected")
    fee = rows["/proactive_disclosure/administrative_fees/amount"]
    assert fee.kind == "amount" and fee.unit == "万元" and isinstance(fee.amount, Decimal)
    assert [c.name for c in CELL_COLUMNS][-2:] == ["value", "amount"]


def _city(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(CITY.read_text(encoding="utf-8"), parse_float=Decimal)
    for pointer, value in changes.items():
        node = doc
        keys = pointer.split("__")
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return doc


def test_indicators_by_hand() -> None:
    report = dm.load(CITY)
    values = compute(report)
    # Table 三 of the example: R3.1 总计 79, R3.2 18, R3.7 184, R1 187, R2 5, R4 8.
    assert values["disclosure_rate"] == (79 + 18) / 184
    assert values["carried_forward_share"] == 8 / (187 + 5)
    assert values["applicant_share_natural_person"] == 153 / 187
    # Table 四: review 3 corrected of 15, 1 pending; litigation 1 + 0 of 8 + 4, 2 + 1 pending.
    assert values["review_correction_rate"] == 3 / (15 - 1)
    assert values["litigation_without_review_correction_rate"] == 1 / (8 - 2)
    assert values["litigation_after_review_correction_rate"] == 0.0
    assert values["litigation_correction_rate"] == (1 + 0) / (12 - 3)
    shares = [values[f"share_{g}"] for g in ("withheld", "unavailable", "not_processed", "other")]
    assert sum(shares) + values["disclosure_rate"] == pytest.approx(1.0)  # a balanced table


def test_zero_denominators_give_none() -> None:
    zero_review = {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
    all_pending = {"upheld": 0, "corrected": 0, "other": 0, "pending": 4, "total": 4}
    doc = _city(
        reviews_and_litigation__administrative_review=zero_review,
        reviews_and_litigation__litigation_without_review=all_pending,
    )
    values = compute(dm.from_dict(doc))
    assert values["review_correction_rate"] is None
    assert values["litigation_without_review_correction_rate"] is None  # 4 − 4 concluded
    assert values["litigation_correction_rate"] == 0 / (4 + 4 - 4 - 1)
    seed = compute(dm.load(SEED))  # a report with no request at all
    assert seed["disclosure_rate"] is None and seed["carried_forward_share"] is None


def test_finding_counts_by_rule_group() -> None:
    doc = _city()
    doc["requests"]["carried_forward"]["natural_person"] += 3  # T3-1 and T3-2 fail
    doc["narrative"]["problems_and_improvements"] = ""  # N-2, a warning
    report = dm.from_dict(doc)
    findings = dm.check(report).findings
    values = compute(report, findings)
    t3 = sum(1 for f in findings if f.code.startswith("T3-") and f.is_error)
    assert values["errors_T3"] == t3 > 0
    assert values["warnings_N"] == 1 and values["errors_N"] == 0


def test_stats_sum_numerators_over_denominators() -> None:
    small = dm.from_dict(
        _city(
            reviews_and_litigation__administrative_review={
                "upheld": 0,
                "corrected": 1,
                "other": 0,
                "pending": 0,
                "total": 1,
            }
        )
    )
    large = dm.load(CITY)  # 3 corrected of 14 concluded
    totals = Totals()
    totals.add(small)
    totals.add(large)
    value = totals.values()["review_correction_rate"]
    assert value == float(Fraction(1 + 3, 1 + 14))
    assert value != (1.0 + 3 / 14) / 2  # not an average of ratios
    entry = totals.to_dict()["indicators"]["review_correction_rate"]
    assert (entry["numerator"], entry["denominator"]) == (4, 15)


def test_each_indicator_is_declared_once_and_documented() -> None:
    names = [i.name for i in INDICATORS]
    assert len(names) == len(set(names))
    page = indicators_reference()
    for i in INDICATORS:
        assert f"| `{i.name}` | {i.name_zh} | {i.unit} | {i.formula} |" in page
    assert [c.name for c in INDICATOR_COLUMNS][6:] == names


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "disclosure_model", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_export_command_formats_and_unreadable_inputs(tmp_path: Path) -> None:
    lines = tmp_path / "two.jsonl"
    lines.write_text(CITY.read_text(encoding="utf-8").replace("\n", "") + "\n{\n", "utf-8")
    missing = str(tmp_path / "missing.json")
    result = _cli("export", str(SEED), str(lines), missing)
    assert result.returncode == 2  # an unreadable input, never silently dropped
    assert f"{missing}: [io.not_found]" in result.stderr
    assert f"{lines}:2: [json." in result.stderr
    assert "from 2 reports; 4 inputs, 1 invalid, 1 unreadable" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    city = [r for r in rows if r["source"] == str(lines)]
    assert city and all(r["line"] == "1" for r in city)
    assert len(rows) == len(cell_rows_of(SEED)) + len(cell_rows_of(CITY))
    jsonl = _cli("export", "--format", "jsonl", str(CITY))
    assert jsonl.returncode == 0
    parsed = [json.loads(line, parse_float=Decimal) for line in jsonl.stdout.splitlines()]
    fee = next(r for r in parsed if r["pointer"].endswith("administrative_fees/amount"))
    assert fee["amount"] == dm.load(CITY).proactive_disclosure.administrative_fees.amount
    assert report_from_rows(parsed) == _stripped(dm.load(CITY))


def cell_rows_of(path: Path) -> list[Any]:
    return list(cell_rows(dm.load(path)))


def test_export_parquet_has_typed_columns(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "cells.parquet"
    result = _cli("export", "--format", "parquet", "--out", str(target), str(CITY), str(SEED))
    assert result.returncode == 0, result.stderr
    table = pq.read_table(target)
    types = {field.name: str(field.type) for field in table.schema}
    assert types["value"] == "int64" and types["year"] == "int64"
    assert types["amount"].startswith("decimal128")
    rows = table.to_pylist()
    assert report_from_rows([r for r in rows if r["source"] == str(CITY)]) == _stripped(
        dm.load(CITY)
    )
    assert _cli("export", "--format", "parquet", str(CITY)).returncode == 2  # needs --out
    indicators = tmp_path / "indicators.parquet"
    done = _cli("export", "--indicators", "--format", "parquet", "-o", str(indicators), str(CITY))
    assert done.returncode == 0
    row = pq.read_table(indicators).to_pylist()[0]
    assert row["review_correction_rate"] == 3 / 14 and row["errors_T3"] == 0


def test_parquet_refuses_an_amount_it_cannot_hold_exactly(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    doc = _city()
    doc["proactive_disclosure"]["administrative_fees"]["amount"] = Decimal("0.000000000001")
    rows = [r.to_dict() for r in cell_rows(dm.from_dict(doc))]
    writer = TableWriter(str(tmp_path / "x.parquet"), format="parquet")
    for row in rows:
        writer.write(row)
    with pytest.raises(ExportError, match="exactly"):
        writer.close()


def test_export_indicators_csv_and_stats_command(tmp_path: Path) -> None:
    done = _cli("export", "--indicators", str(CITY), str(SEED))
    rows = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
    assert [r["source"] for r in rows] == [str(CITY), str(SEED)]
    assert float(rows[0]["disclosure_rate"]) == 97 / 184
    assert rows[1]["disclosure_rate"] == ""  # a zero denominator
    stats = _cli("stats", "--by", "year", "--format", "json", str(CITY), str(SEED))
    document = json.loads(stats.stdout)
    assert [g["group"] for g in document["groups"]] == ["2020", "2023"]
    city = document["groups"][1]["indicators"]["review_correction_rate"]
    assert (city["numerator"], city["denominator"]) == (3, 14)
    text = _cli("stats", "--lang", "zh", str(CITY))
    assert "复议纠错率" in text.stdout and "21.4%" in text.stdout
    table = _cli("stats", "--by", "edition", "--format", "csv", str(CITY), str(SEED))
    assert table.stdout.splitlines()[0].startswith("group,reports,disclosure_rate")


def test_stats_in_worker_processes_gives_the_same_output(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "wrong.json").write_text("[]", encoding="utf-8")
    paths = [str(CITY), str(SEED), str(tmp_path), str(CITY)]
    for fmt in ("json", "csv", "text"):
        for by in ("year", "organ", "edition", None):
            grouping = ["--by", by] if by else []
            one = _cli("stats", "--format", fmt, *grouping, "--jobs", "1", *paths)
            two = _cli("stats", "--format", fmt, *grouping, "--jobs", "2", *paths)
            assert (two.stdout, two.stderr, two.returncode) == (
                one.stdout,
                one.stderr,
                one.returncode,
            )
    document = json.loads(_cli("stats", "--format", "json", "--jobs", "2", *paths).stdout)
    assert document["groups"][0]["reports"] == 3 and document["invalid"] == 2


def test_totals_merge_as_if_added_in_one() -> None:
    city, seed = dm.load(CITY), dm.load(SEED)
    together = Totals()
    together.add(city)
    together.add(seed)
    together.add(city)
    apart, more = Totals(), Totals()
    apart.add(city)
    more.add(seed)
    more.add(city)
    apart.merge(more)
    assert apart.to_dict() == together.to_dict()
