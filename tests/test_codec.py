"""The strict JSON codec: round trips, exact amounts, and every problem located."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import disclosure_model as dm
from disclosure_model import DocumentError

from .conftest import EXAMPLE_FILES, REAL_FILES


def _problems(data: Any) -> dict[str, str]:
    """``{pointer: code}`` of the problems found reading ``data`` (which must fail)."""
    with pytest.raises(DocumentError) as caught:
        if isinstance(data, (str, bytes)):
            dm.from_json(data)
        else:
            dm.from_dict(data)
    return {f.pointer: f.code for f in caught.value.findings}


@pytest.mark.parametrize("path", EXAMPLE_FILES + REAL_FILES, ids=lambda p: p.name)
def test_documents_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = dm.from_json(text)
    again = dm.to_json(report)
    assert json.loads(again, parse_float=Decimal) == json.loads(text, parse_float=Decimal)
    assert dm.from_json(again) == report
    assert dm.from_dict(dm.to_dict(report)) == report


def test_examples_are_written_canonically(seed_text: str) -> None:
    for path in EXAMPLE_FILES:
        text = path.read_text(encoding="utf-8")
        assert dm.to_json(dm.from_json(text)) + "\n" == text, path.name


def test_amount_keeps_its_digits(seed_text: str) -> None:
    report = dm.from_json(seed_text)
    amount = report.proactive_disclosure.centralized_procurement.amount  # type: ignore[union-attr]
    assert amount == Decimal("1001.115") and str(amount) == "1001.115"
    assert '"amount": 1001.115' in dm.to_json(report)


@pytest.mark.parametrize("text", ["1001.115", "0.10", "1E+2", "12873.4521", "0", "7", "1e-7"])
def test_amount_digits_survive(seed: dict[str, Any], text: str) -> None:
    doc = dm.to_json(dm.from_dict(seed)).replace('"amount": 1001.115', f'"amount": {text}')
    back = dm.to_json(dm.from_json(doc))
    assert Decimal(
        json.loads(back, parse_float=str)["proactive_disclosure"]["centralized_procurement"][
            "amount"
        ]
    ) == Decimal(text)
    assert f'"amount": {Decimal(text)}' in back


def test_float_amount_from_python_uses_shortest_repr(seed: dict[str, Any]) -> None:
    seed["proactive_disclosure"]["centralized_procurement"]["amount"] = 1001.115
    report = dm.from_dict(seed)
    assert report.proactive_disclosure.centralized_procurement.amount == Decimal("1001.115")  # type: ignore[union-attr]


COUNT = "/requests/new_received/natural_person"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1", "model.type"),
        (1.5, "model.type"),
        (Decimal("1.0"), "model.type"),
        (True, "model.type"),
        (False, "model.type"),
        (None, "model.type"),
        (-1, "model.minimum"),
        ([1], "model.type"),
    ],
)
def test_not_a_count(seed: dict[str, Any], value: Any, code: str) -> None:
    seed["requests"]["new_received"]["natural_person"] = value
    assert _problems(seed) == {COUNT: code}


@pytest.mark.parametrize("text", ['"1"', "1.5", "1.0", "true", "-1", "null", "1e0"])
def test_not_a_count_in_json_text(seed_text: str, text: str) -> None:
    doc = json.loads(seed_text)
    doc["requests"]["new_received"]["natural_person"] = "@@"
    raw = json.dumps(doc, ensure_ascii=False).replace('"@@"', text)
    assert list(_problems(raw)) == [COUNT]


def test_signed_count_accepts_negative_but_not_fraction(seed: dict[str, Any]) -> None:
    pointer = "/proactive_disclosure/administrative_licensing/change"
    seed["proactive_disclosure"]["administrative_licensing"]["change"] = -3
    dm.from_dict(seed)
    seed["proactive_disclosure"]["administrative_licensing"]["change"] = -3.0
    assert _problems(seed) == {pointer: "model.type"}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (-1, "model.minimum"),
        ("1", "model.type"),
        (True, "model.type"),
        (float("nan"), "model.type"),
    ],
)
def test_not_an_amount(seed: dict[str, Any], value: Any, code: str) -> None:
    seed["proactive_disclosure"]["centralized_procurement"]["amount"] = value
    assert _problems(seed) == {"/proactive_disclosure/centralized_procurement/amount": code}


def test_unknown_key_is_an_error(seed: dict[str, Any]) -> None:
    seed["organ"]["nmae"] = "x"
    seed["requests"]["outcomes"]["withheld"]["state_secrets"] = seed["requests"]["outcomes"][
        "withheld"
    ].pop("state_secret")
    assert _problems(seed) == {
        "/organ/nmae": "model.unknown_key",
        "/requests/outcomes/withheld/state_secrets": "model.unknown_key",
        "/requests/outcomes/withheld/state_secret": "model.required",
    }


def test_unknown_key_pointer_is_escaped(seed: dict[str, Any]) -> None:
    seed["a/b~c"] = 1
    assert _problems(seed) == {"/a~1b~0c": "model.unknown_key"}


@pytest.mark.parametrize(
    "path",
    [
        ("edition",),
        ("year",),
        ("organ",),
        ("organ", "name"),
        ("requests", "outcomes", "total"),
        ("reviews_and_litigation", "litigation_after_review", "pending"),
    ],
)
def test_missing_required_key(seed: dict[str, Any], path: tuple[str, ...]) -> None:
    node = seed
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    problems = _problems(seed)
    assert problems["/" + "/".join(path)] == "model.required"


def test_optional_keys_may_be_absent_but_not_null(seed: dict[str, Any]) -> None:
    for key in ("published_on", "narrative", "source_url"):
        seed.pop(key, None)
    for key in ("kind", "level", "division_code"):
        seed["organ"].pop(key)
    report = dm.from_dict(seed)
    assert report.narrative is None and report.organ.kind is None
    assert "published_on" not in dm.to_dict(report)
    seed["published_on"] = None
    assert _problems(seed) == {"/published_on": "model.type"}


@pytest.mark.parametrize(
    ("pointer", "value", "code"),
    [
        ("/edition", "2020", "model.enum"),
        ("/edition", 2019, "model.enum"),
        ("/year", 2018, "model.minimum"),
        ("/year", "2020", "model.type"),
        ("/organ/name", "", "model.minLength"),
        ("/organ/kind", "Department", "model.enum"),
        ("/organ/level", "city", "model.enum"),
        ("/organ/division_code", "33068", "model.pattern"),
        ("/organ/division_code", "３３０６８１", "model.pattern"),
        ("/organ/division_code", 330681, "model.type"),
        ("/published_on", "2021-1-11", "model.format"),
        ("/published_on", "2021-02-30", "model.format"),
        ("/source_url", 5, "model.type"),
        ("/narrative", "text", "model.type"),
        ("/requests", [], "model.type"),
    ],
)
def test_bad_scalars(seed: dict[str, Any], pointer: str, value: Any, code: str) -> None:
    keys = pointer.strip("/").split("/")
    node = seed
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    assert _problems(seed)[pointer] == code


def test_every_problem_is_reported(seed: dict[str, Any]) -> None:
    bad = copy.deepcopy(seed)
    bad["year"] = "2020"
    bad["organ"]["kind"] = "dept"
    bad["requests"]["new_received"]["natural_person"] = "1"
    bad["requests"]["outcomes"]["disclosed"]["total"] = 1.5
    bad["requests"]["outcomes"]["unavailable"]["not_held"]["extra"] = 0
    del bad["reviews_and_litigation"]["administrative_review"]["total"]
    bad["proactive_disclosure"]["centralized_procurement"]["amount"] = -2
    problems = _problems(bad)
    assert problems == {
        "/year": "model.type",
        "/organ/kind": "model.enum",
        "/requests/new_received/natural_person": "model.type",
        "/requests/outcomes/disclosed/total": "model.type",
        "/requests/outcomes/unavailable/not_held/extra": "model.unknown_key",
        "/reviews_and_litigation/administrative_review/total": "model.required",
        "/proactive_disclosure/centralized_procurement/amount": "model.minimum",
    }


def test_document_error_lists_everything_readably(seed: dict[str, Any]) -> None:
    seed["requests"]["new_received"]["natural_person"] = "1"
    seed["organ"]["kind"] = "dept"
    with pytest.raises(DocumentError) as caught:
        dm.from_dict(seed, source="a.json")
    text = str(caught.value)
    assert text.startswith("a.json: cannot read the report (2 problems)")
    assert (
        "/requests/new_received/natural_person: Natural person (自然人): "
        "expected an integer ≥ 0, found string '1'" in text
    )
    zh = [f.message("zh") for f in caught.value.findings]
    assert "自然人应为不小于 0 的整数，实际为字符串 '1'" in zh
    assert isinstance(caught.value, ValueError)


def test_other_edition_tables_are_one_finding_each(seed: dict[str, Any]) -> None:
    seed["edition"] = "2021"
    seed["year"] = 2021
    assert _problems(seed) == {
        "/proactive_disclosure": "model.edition_mismatch",
        "/requests/outcomes/other": "model.edition_mismatch",
    }


def test_table_3_other_row_follows_edition(example_2021: dict[str, Any]) -> None:
    example_2021["requests"]["outcomes"]["other"] = example_2021["requests"]["outcomes"][
        "disclosed"
    ]
    assert _problems(example_2021) == {"/requests/outcomes/other": "model.edition_mismatch"}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "json.empty"),
        (b"   \n", "json.empty"),
        (b"{", "json.syntax"),
        (b"\xff\xfe{}", "json.encoding"),
        (b'{"a": NaN}', "json.number"),
        (b'{"a": Infinity}', "json.number"),
        (b"[" * 100000, "json.too_deep"),
    ],
)
def test_unreadable_json(raw: bytes, code: str) -> None:
    with pytest.raises(DocumentError) as caught:
        dm.from_json(raw)
    assert [f.code for f in caught.value.findings] == [code]


def test_top_level_must_be_an_object() -> None:
    for raw in ("[]", "1", '"report"', "null"):
        assert _problems(raw) == {"": "model.type"}


def test_bom_is_skipped(seed_text: str) -> None:
    assert dm.from_json(b"\xef\xbb\xbf" + seed_text.encode()) == dm.from_json(seed_text)
    assert dm.from_json("\ufeff" + seed_text) == dm.from_json(seed_text)


def test_duplicate_keys_are_located(seed_text: str) -> None:
    raw = seed_text.replace('"year": 2020,', '"year": 2020, "year": 2021,', 1)
    assert _problems(raw) == {"/year": "json.duplicate_key"}


def test_files(tmp_path: Path, seed_text: str) -> None:
    report = dm.from_json(seed_text)
    target = tmp_path / "out.json"
    dm.dump(report, target)
    assert dm.load(target) == report
    assert target.read_text(encoding="utf-8") == seed_text
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        dm.load(broken)
    assert caught.value.source == str(broken)
    assert str(caught.value).startswith(str(broken))


def test_bytes_and_compact_output(seed_text: str) -> None:
    report = dm.from_json(seed_text.encode("utf-8"))
    compact = dm.to_json(report, indent=None)
    assert "\n" not in compact and dm.from_json(compact) == report
    assert dm.to_json_bytes(report).decode("utf-8") == dm.to_json(report)


def test_long_unknown_key_is_shortened_in_messages(seed: dict[str, Any]) -> None:
    seed["k" * 100_000] = 1
    with pytest.raises(DocumentError) as caught:
        dm.from_dict(seed)
    (finding,) = caught.value.findings
    assert finding.pointer == "/" + "k" * 100_000  # the location stays exact
    assert len(finding.message("en")) < 150 and "100000 characters" in finding.message("en")
    assert len(finding.message("zh")) < 150


# --- counts have a documented maximum, 2^53 − 1 (issue 9, edge 10) ------------------------------


@pytest.mark.parametrize("fast", [True, False], ids=["msgspec", "stdlib"])
def test_counts_above_2_53_minus_1_are_refused_everywhere(
    seed_text: str, monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    from disclosure_model import codec
    from disclosure_model.meta import MAX_COUNT
    from disclosure_model.schema import validate_json

    if fast and codec._msgspec is None:
        pytest.skip("needs the fast extra")
    if not fast:
        monkeypatch.setattr(codec, "_msgspec", None)
    assert MAX_COUNT == 2**53 - 1 == 9007199254740991
    document = json.loads(seed_text)
    for value, ok in ((MAX_COUNT, True), (MAX_COUNT + 1, False), (2**63, False)):
        document["requests"]["carried_over"]["natural_person"] = value
        document["proactive_disclosure"]["administrative_penalty"]["change"] = -value
        text = json.dumps(document, ensure_ascii=False)
        if ok:
            report = dm.from_json(text)
            assert report.requests.carried_over.natural_person == value
            assert validate_json(text) == []
            continue
        with pytest.raises(dm.DocumentError) as raised:
            dm.from_json(text)
        found = {(f.pointer, f.code) for f in raised.value.findings}
        assert found == {
            ("/requests/carried_over/natural_person", "model.maximum"),
            ("/proactive_disclosure/administrative_penalty/change", "model.minimum"),
        }
        assert {(f.pointer, f.code) for f in validate_json(text)} == {
            ("/requests/carried_over/natural_person", "schema.maximum"),
            ("/proactive_disclosure/administrative_penalty/change", "schema.minimum"),
        }
        finding = next(f for f in raised.value.findings if f.code == "model.maximum")
        assert "9007199254740991" in finding.message("en")
        assert "不大于 9007199254740991 的整数" in finding.message("zh")
    with pytest.raises(ValueError, match="9007199254740991"):
        dm.ApplicantRow.from_counts(natural_person=MAX_COUNT + 1)
