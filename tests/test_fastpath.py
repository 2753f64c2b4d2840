"""The compiled happy path agrees with the thorough path on every document."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import disclosure_model as dm
from disclosure_model import codec
from disclosure_model._fastpath import no_repeated_keys, read_report
from disclosure_model.testing import reports

from .test_schema_equivalence import mutants


def _thorough(text: str) -> dm.AnnualReport | None:
    value, findings = codec.parse_json(text)
    if findings:
        return None
    report, findings = codec._structure(value)
    return report


@given(reports())
def test_valid_documents_take_the_fast_path(report: dm.AnnualReport) -> None:
    text = dm.to_json(report)
    assert codec.quick_read(text) == report == _thorough(text)
    assert codec.quick_read(dm.to_json(report, indent=None).encode()) == report


@given(mutants())
def test_fast_path_accepts_only_what_the_thorough_path_accepts(documents: list[Any]) -> None:
    for document in documents:
        text = codec.dumps_value(document)
        fast = codec.quick_read(text)
        if fast is not None:
            assert fast == _thorough(text)


@given(reports(), st.sampled_from(["year", "edition", "organ"]))
def test_repeated_keys_leave_the_fast_path(report: dm.AnnualReport, key: str) -> None:
    text = dm.to_json(report, indent=None)
    first = text.index(f'"{key}":')
    repeated = text[:1] + text[first:].split(",")[0] + "," + text[1:] if key != "organ" else text
    if key == "organ":
        repeated = text.replace('"organ":', '"organ": {"name": "x"}, "organ":', 1)
    assert codec.quick_read(repeated) is None
    assert any(f.code == "json.duplicate_key" for f in dm.validate_document(repeated).findings)


def test_repeated_key_check() -> None:
    assert no_repeated_keys(b'{"a": 1, "b": {"c": "x\\": y"}}', 4)  # 3 keys + '":' in a string
    assert not no_repeated_keys(b'{"a": 1, "a": 2}', 1)
    assert not no_repeated_keys(b'{"a": 1, "a" : 2}', 1)  # whitespace: left to the thorough path
    _, keys = read_report(dm.to_dict(dm.load("examples/zhuji-emergency-2020.json")))
    assert keys > 200


def test_quotes_and_colons_in_text_stay_on_the_fast_path() -> None:
    report = dm.load("examples/example-city-2023.json")
    assert report.narrative is not None
    quoted = dm.to_json(
        dm.AnnualReport(
            **{
                **{
                    a: getattr(report, a)
                    for a in (
                        "edition",
                        "year",
                        "organ",
                        "published_on",
                        "source_url",
                        "proactive_disclosure",
                        "requests",
                        "reviews_and_litigation",
                    )
                },
                "narrative": dm.Narrative(overview='他说"标题": 内容 "x":'),
            }
        )
    )
    assert codec.quick_read(quoted) is not None
