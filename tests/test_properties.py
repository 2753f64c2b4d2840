"""Property tests of the codec over generated reports of both editions."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given

import disclosure_model as dm
from disclosure_model.testing import consistent_reports, reports


@given(reports())
def test_dict_round_trip(report: dm.AnnualReport) -> None:
    data = dm.to_dict(report)
    assert dm.from_dict(data) == report
    assert dm.to_dict(dm.from_dict(data)) == data


@given(reports())
def test_json_round_trip(report: dm.AnnualReport) -> None:
    text = dm.to_json(report)
    again = dm.from_json(text)
    assert again == report
    assert dm.to_json(again) == text
    assert dm.from_json(dm.to_json_bytes(report, indent=None)) == report


@given(reports())
def test_json_is_standard_json(report: dm.AnnualReport) -> None:
    parsed = json.loads(dm.to_json(report), parse_float=Decimal)
    assert parsed == dm.to_dict(report)


@given(consistent_reports())
def test_consistent_reports_are_valid_reports(report: dm.AnnualReport) -> None:
    assert dm.from_json(dm.to_json(report)) == report
