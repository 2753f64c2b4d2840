"""The sharp edges a new user hit in the first hour (issue 9, edges 2, 3, 4, 8, 9)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import disclosure_model as dm

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "example-city-2023.json"


# --- edge 2: a document with a repeated key has no report and no rule runs on a guess ---------


@pytest.mark.parametrize(
    ("original", "repeated"),
    [
        ('"year": 2023,', '"year": 2023, "year": 2019,'),  # the guess gave a G-3 finding
        ('"edition": "2021",', '"edition": "2021", "edition": "2019",'),
        ('"natural_person": 21,', '"natural_person": 21, "natural_person": 22,'),
    ],
)
def test_repeated_key_gives_no_report_and_no_rules(original: str, repeated: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert original in text
    document = text.replace(original, repeated, 1)
    result = dm.validate_document(document)
    assert result.report is None
    assert not result.valid
    codes = [f.code for f in result.findings]
    assert codes[0] == "json.duplicate_key"
    assert all("." in code for code in codes), codes  # no rule (G-3, T3-1, …) ran on a guess
    assert result.rules == {} and result.edition is None
    with pytest.raises(dm.DocumentError):  # what load and from_json say too
        dm.from_json(document)
    as_bytes = dm.validate_document(document.encode())
    assert as_bytes.report is None and [f.code for f in as_bytes.findings] == codes


def test_repeated_key_with_other_problems_reports_them_all() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    document = text.replace('"year": 2023,', '"year": 2023, "year": 2023, "extra": 1,', 1)
    result = dm.validate_document(document)
    assert result.report is None
    assert {f.code for f in result.findings} >= {"json.duplicate_key", "model.unknown_key"}


# --- edge 3: validate_file returns io.* findings ---------------------------------------------


def test_validate_file_returns_io_findings(tmp_path: Path) -> None:
    missing = dm.validate_file(tmp_path / "nope.json")
    assert missing.report is None and not missing.valid
    assert [f.code for f in missing.findings] == ["io.not_found"]
    assert "nope.json" in missing.findings[0].message("en")
    assert "文件不存在" in missing.findings[0].message("zh")
    assert missing.source == str(tmp_path / "nope.json")
    directory = dm.validate_file(tmp_path)
    assert [f.code for f in directory.findings] == ["io.is_directory"]
    assert dm.validate_file(str(EXAMPLE)).valid  # a str path is a path here
    assert (
        "io.not_found" in dm.validate_file(tmp_path / "nope.json").to_dict()["findings"][0]["code"]
    )


# --- edge 4: validate_json(str) with a file name says so ------------------------------------


def test_validate_json_of_a_file_name_says_it_is_a_file_name() -> None:
    findings = dm.validate_json(str(EXAMPLE))
    assert [f.code for f in findings] == ["json.syntax"]
    assert "name of an existing file" in findings[0].message("en")
    assert "pathlib.Path" in findings[0].message("en")
    assert "已存在文件的名称" in findings[0].message("zh")
    assert dm.validate_json(EXAMPLE) == []  # the Path it asks for
    via_document = dm.validate_document(str(EXAMPLE))
    assert "name of an existing file" in via_document.findings[0].message("en")
    # text that is no file name keeps the plain message
    plain = dm.validate_json("not json at all")
    assert "existing file" not in plain[0].message("en")
    assert "existing file" not in dm.validate_json("x\0y")[0].message("en")  # no crash on NUL


# --- edge 8: a float amount ---------------------------------------------------------------------


def test_float_amount_is_read_like_from_dict() -> None:
    assert dm.FeeAmount(amount=1.5).amount == Decimal("1.5")
    assert dm.FeeAmount(amount=0.1).amount == Decimal("0.1")  # the shortest repr, not 0.1000…
    report = dm.load(EXAMPLE)
    data = dm.to_dict(report)
    data["proactive_disclosure"]["administrative_fees"]["amount"] = 0.1
    assert dm.from_dict(data).proactive_disclosure.administrative_fees == dm.FeeAmount(amount=0.1)
    with pytest.raises(TypeError, match=r"expected a number ≥ 0, got number inf"):
        dm.FeeAmount(amount=float("inf"))
    with pytest.raises(ValueError, match="expected a number ≥ 0"):
        dm.FeeAmount(amount=-1.5)


# --- edge 9: dir() lists every public name ------------------------------------------------------


def test_dir_lists_every_public_name() -> None:
    names = dir(dm)
    assert "validate_json" in names
    assert set(dm.__all__) <= set(names)
    assert names == sorted(names)
