"""Hostile input: no traceback, no hang, no silent change (issue 10, the library's part).

Each class of hostile input is tried through every reader (``from_json`` on text and bytes,
``load``, ``from_dict``, ``validate_document``, ``validate_json``, ``parse_json``) and with both
parsers (the standard library and msgspec, the ``fast`` extra): each must give located findings
or a clear ``TypeError``/``ValueError`` naming the argument, never another exception.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_model as dm
from disclosure_model import codec
from disclosure_model._numbers import int_text, number_text, signed_text
from disclosure_model.findings import Finding, Severity
from disclosure_model.limits import MAX_FINDINGS, TRUNCATED, cap_findings
from disclosure_model.meta import MAX_DATE, MAX_YEAR, MIN_YEAR
from disclosure_model.rules import AggregationError, aggregate, check_aggregate
from disclosure_model.rules.catalogue import CATALOGUE
from disclosure_model.rules.engine import TermName
from disclosure_model.schema import validate_json
from disclosure_model.validation import validate_document, validate_file

from .conftest import EXAMPLES

EXAMPLE_2021 = EXAMPLES / "example-city-2023.json"
SEED_2019 = EXAMPLES / "zhuji-emergency-2020.json"


@pytest.fixture(params=["stdlib", "msgspec"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with the standard library's parser and writer, then with msgspec's."""
    if request.param == "stdlib":
        monkeypatch.setattr(codec, "_msgspec", None)
        monkeypatch.setattr(codec, "_MSGSPEC_ENCODER", None)
    elif codec._msgspec is None:
        pytest.skip("msgspec is not installed (the fast extra)")
    yield request.param


def _doc(path: Path = EXAMPLE_2021) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return parsed


def _set(doc: dict[str, Any], pointer: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    node = out
    *head, last = pointer.strip("/").split("/")
    for key in head:
        node = node[key]
    node[last] = value
    return out


def _text_with(pointer: str, number_text_: str, path: Path = EXAMPLE_2021) -> str:
    """The document's text with the value at ``pointer`` replaced by raw number text."""
    marker = "__NUMBER__"
    text = codec.dumps_value(_set(_doc(path), pointer, marker))
    return text.replace(f'"{marker}"', number_text_)


def _every_reader(text: str, tmp_path: Path) -> list[list[Finding]]:
    """The findings of every reader of JSON text; each must not raise anything else."""
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    results = []
    for read in (
        lambda: dm.from_json(text),
        lambda: dm.from_json(text.encode()),
        lambda: dm.load(path),
    ):
        with pytest.raises(dm.DocumentError) as info:
            read()
        results.append(list(info.value.findings))
    results.append(list(validate_document(text).findings))
    results.append(list(validate_document(text.encode()).findings))
    results.append(list(validate_file(path).findings))
    results.append(validate_json(text))
    results.append(validate_json(path))
    assert codec.quick_read(text) is None
    return results


# --- 1: years and dates ---------------------------------------------------------------------


@pytest.mark.parametrize("year", [MAX_YEAR + 1, 10_000, 10**6, 10**30, 2**63])
def test_a_year_beyond_the_range_is_a_located_finding(
    parser: str, year: int, tmp_path: Path
) -> None:
    text = _text_with("/year", str(year))
    for findings in _every_reader(text, tmp_path):
        assert [f.pointer for f in findings] == ["/year"], findings
        assert findings[0].code in ("model.maximum", "schema.maximum")
        assert "9999" in findings[0].message("en") and "9999" in findings[0].message("zh")


@pytest.mark.parametrize("kind", ["department", "government"])
@pytest.mark.parametrize("year", [9998, MAX_YEAR])
def test_every_rule_is_total_up_to_the_last_year(parser: str, kind: str, year: int) -> None:
    doc = _set(_set(_doc(), "/year", year), "/organ/kind", kind)
    for published in ("9999-12-31", "9999-01-01", "2024-01-01"):
        text = codec.dumps_value(_set(doc, "/published_on", published))
        result = validate_document(text)
        assert result.report is not None
        assert {f.code for f in result.findings} <= {"G-3", "G-2"}
        stats = result.rules["G-2"]
        if year == MAX_YEAR:  # the deadline (in 10000) is no calendar date: G-2 says why
            assert stats.skipped == 1 and stats.reason
        assert dm.check(result.report).rules.keys() == result.rules.keys()


@given(
    year=st.integers(MIN_YEAR, MAX_YEAR),
    published=st.dates(min_value=dt.date(1, 1, 1), max_value=MAX_DATE),
    kind=st.sampled_from([None, "department", "government", "other"]),
    level=st.sampled_from([None, "national", "provincial", "county", "township"]),
)
def test_rules_are_total_over_the_years_and_dates_of_the_model(
    year: int, published: dt.date, kind: str | None, level: str | None
) -> None:
    report = dm.from_json(EXAMPLE_2021.read_bytes())
    organ = attrs.evolve(report.organ, kind=kind, level=level)
    report = attrs.evolve(report, year=year, published_on=published, organ=organ)
    result = dm.check(report)  # must not raise
    for finding in result.findings:
        assert finding.message("en") and finding.message("zh")


@pytest.mark.parametrize("date", ["0000-01-01", "0000-12-31", "10000-01-01", "-001-01-01"])
def test_dates_outside_the_calendar_are_refused_by_model_and_schema(parser: str, date: str) -> None:
    text = codec.dumps_value(_set(_doc(), "/published_on", date))
    result = validate_document(text)
    assert result.report is None
    assert [f.pointer for f in result.findings] == ["/published_on"]
    assert [f.pointer for f in validate_json(text)] == ["/published_on"]


def test_the_last_date_is_read_and_written() -> None:
    text = codec.dumps_value(_set(_doc(), "/published_on", "9999-12-31"))
    report = dm.from_json(text)
    assert report.published_on == MAX_DATE
    assert validate_json(text) == []
    assert dm.from_json(dm.to_json(report)) == report


# --- 2: integers too long for str() ----------------------------------------------------------


@pytest.mark.parametrize(
    "value", [10**5000, -(10**5000) + 7, 2**20000, 10**40, 10**41 - 1, 0], ids=number_text
)
def test_every_rule_message_renders_huge_integers(value: int) -> None:
    operands = tuple(
        dm.Operand(pointer=f"/x/{i}", value=value) for i in range(3)
    )  # T3-1 reads three operands
    for rule in CATALOGUE:
        finding = Finding(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            pointer="/requests/new_received/total",
            expected=value,
            actual=value,
            difference=value,
            operands=operands,
            params={
                "terms": tuple(
                    TermName(1, "R1", "本年新收", value, False, "total", "总计", "New", "Total")
                    for _ in range(6)
                ),
                "relation": "=",
                "with_carried": value,
                "unpaid": value,
                "children": 2,
                "year": 2023,
                "stated_digits": 5000,
            },
        )
        for lang in ("en", "zh"):
            text = finding.message(lang)  # type: ignore[arg-type]
            assert len(text) < 2000, (rule.code, len(text))
        assert json.loads(codec.dumps_value(finding.to_dict(), indent=None), parse_int=len)


@pytest.mark.parametrize("digits", [4301, 5000, 100_000])
def test_a_long_number_in_the_overview_fails_n1_without_reading_it(
    parser: str, digits: int
) -> None:
    doc = _doc()
    overview = f"本年度共收到政府信息公开申请{'9' * digits}件。"
    text = codec.dumps_value(_set(doc, "/narrative/overview", overview))
    result = validate_document(text)
    [n1] = [f for f in result.findings if f.code == "N-1"]
    assert n1.pointer == "/narrative/overview"
    assert n1.actual is None and n1.params["stated_digits"] == digits
    assert f"{digits}-digit" in n1.message("en")
    assert len(n1.message("zh")) < 300
    assert json.loads(codec.dumps_value(result.to_dict()))


def test_n1_reads_stated_numbers_with_leading_zeros_and_other_digits() -> None:
    report = dm.from_json(EXAMPLE_2021.read_bytes())
    new = report.requests.new_received.total
    for stated in (f"{'0' * 5000}{new}", "".join(chr(0xFF10 + int(c)) for c in str(new))):
        narrative = attrs.evolve(report.narrative, overview=f"收到政府信息公开申请{stated}件")
        assert dm.check(attrs.evolve(report, narrative=narrative)).rules["N-1"].passed == 1


@pytest.mark.parametrize("value", [10**5000, -(10**4400), 12345, -1, 0, 2**64], ids=number_text)
def test_integers_are_written_exactly_whatever_the_int_limit(value: int) -> None:
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        expected = str(value)
    finally:
        sys.set_int_max_str_digits(limit)
    assert int_text(value) == expected
    assert codec.dumps_value({"n": value}, indent=None) == f'{{"n":{expected}}}'
    sys.set_int_max_str_digits(640)  # the smallest limit a program may set
    try:
        assert int_text(value) == expected
    finally:
        sys.set_int_max_str_digits(limit)


def test_messages_name_long_integers_by_their_digits() -> None:
    assert number_text(10**40 - 1) == "9" * 40
    assert number_text(10**40) == "an integer of 41 digits"
    assert number_text(10**5000, "zh") == "5001 位的整数"
    assert number_text(-(10**5000)).startswith("−")
    assert signed_text(3) == "+3" and signed_text(-3) == "-3" and signed_text(0) == "+0"
    assert signed_text(Decimal("1.50")) == "+1.50"


# --- 3: huge exponents ----------------------------------------------------------------------

HUGE = [
    "1e99999999999999999999",
    "1e-99999999999999999999",
    "-1E+99999999999999999999",
    "0e99999999999999999999",
    "1.5e-99999999999999999999",
    "7e+1000000000000000000",
]


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize(
    "pointer",
    ["/year", "/proactive_disclosure/administrative_fees/amount", "/requests/carried_over/total"],
)
def test_huge_exponents_are_located_findings_in_every_reader(
    parser: str, number: str, pointer: str, tmp_path: Path
) -> None:
    text = _text_with(pointer, number)
    for findings in _every_reader(text, tmp_path):
        assert [(f.code, f.pointer) for f in findings] == [("json.number", pointer)], findings
        assert "exponent" in findings[0].message("en")


@pytest.mark.parametrize("number", HUGE)
def test_huge_exponents_in_unknown_places_are_located(parser: str, number: str) -> None:
    text = _text_with("/organ/extra", f'[1, {{"k": [{number}]}}]')
    findings = validate_document(text).findings
    assert [(f.code, f.pointer) for f in findings] == [("json.number", "/organ/extra/1/k/0")]
    value, found = dm.parse_json(text)
    assert value is codec.NOT_JSON and found[0].pointer == "/organ/extra/1/k/0"


def test_the_largest_exponents_decimal_holds_are_amounts() -> None:
    for number in ("1e999999999999999999", "1e-999999999999999999"):
        text = _text_with("/proactive_disclosure/administrative_fees/amount", number)
        report = dm.from_json(text)
        assert dm.from_json(dm.to_json(report)) == report
        assert dm.check(report).rules


# --- 7: keys, surrogates, argument types ------------------------------------------------------

ODD_KEYS: list[Any] = [1, None, (1, 2), 1.5, b"x", True, frozenset()]


@pytest.mark.parametrize("key", ODD_KEYS, ids=repr)
@pytest.mark.parametrize("where", ["", "/organ", "/requests/new_received"])
def test_keys_that_are_not_strings_are_located_findings(key: Any, where: str) -> None:
    doc = _doc()
    target = doc
    for token in where.strip("/").split("/") if where else []:
        target = target[token]
    target[key] = 1
    target["zz_unknown"] = 2  # a string key beside it: sorting them together used to raise
    with pytest.raises(dm.DocumentError) as info:
        dm.from_dict(doc)
    codes = [(f.code, f.pointer) for f in info.value.findings]
    assert codes == [
        ("model.key_type", f"{where}/{key!r}"),
        ("model.unknown_key", f"{where}/zz_unknown"),
    ]
    assert "must be a string" in info.value.findings[0].message("en")
    assert validate_document(doc).findings == info.value.findings
    assert len(validate_json(doc)) == 2


SURROGATES = ["\ud800", "a\udfffb", "\udc00\ud800", "😀\ud83d"]


@pytest.mark.parametrize("text", SURROGATES, ids=ascii)
@pytest.mark.parametrize("pointer", ["/organ/name", "/narrative/overview", "/source_url"])
def test_lone_surrogates_are_written_back_escaped(
    parser: str, text: str, pointer: str, tmp_path: Path
) -> None:
    doc = _set(_doc(), pointer, text)
    for report in (dm.from_dict(doc), dm.from_json(codec.dumps_value(doc))):
        written = dm.to_json(report)
        assert written.encode("utf-8")  # no UnicodeEncodeError
        assert dm.from_json(written) == report  # read back: the same string
        assert (
            dm.to_json_bytes(report, indent=None)
            == codec.dumps_value(codec.to_dict(report), indent=None).encode()
        )
        for c in text:  # each lone surrogate as its \uXXXX escape
            if 0xD800 <= ord(c) <= 0xDFFF:
                assert f"\\u{ord(c):04x}" in written
        dm.dump(report, tmp_path / "out.json")
        assert dm.load(tmp_path / "out.json") == report
        assert validate_document(written).valid or validate_document(written).report


REPORT = dm.from_json(EXAMPLE_2021.read_bytes())

WRONG_ARGUMENTS: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any], str]] = [
    (dm.from_json, ([1],), {}, "data"),
    (dm.from_json, (None,), {}, "data"),
    (dm.from_json, ("{}",), {"source": 3}, "source"),
    (dm.from_dict, ({},), {"source": b"x"}, "source"),
    (dm.parse_json, ({"a": 1},), {}, "data"),
    (dm.load, ([1],), {}, "path"),
    (dm.load, (0,), {}, "path"),
    (dm.to_json, ([1],), {}, "report"),
    (dm.to_json, (REPORT,), {"indent": "2"}, "indent"),
    (dm.to_json, (REPORT,), {"indent": 2.0}, "indent"),
    (dm.to_json, (REPORT,), {"indent": True}, "indent"),
    (dm.to_json_bytes, ({},), {}, "report"),
    (dm.to_dict, ("report",), {}, "report"),
    (dm.dump, ({}, "x.json"), {}, "report"),
    (dm.dump, (REPORT, 1), {}, "path"),
    (dm.check, ([1],), {}, "report"),
    (dm.check, ({},), {}, "report"),
    (dm.check_series, ([REPORT, "x"],), {}, "reports"),
    (aggregate, ([REPORT, 1],), {}, "reports"),
    (aggregate, ([REPORT],), {"organ": "name"}, "organ"),
    (check_aggregate, ("x", [REPORT]), {}, "parent"),
    (check_aggregate, (REPORT, [None]), {}, "children"),
    (check_aggregate, (REPORT, 5), {}, "children"),
    (aggregate, (5,), {}, "reports"),
    (aggregate, ("reports",), {}, "reports"),
    (dm.check_series, (7,), {}, "reports"),
    (dm.check_series, ([REPORT],), {"sources": 3}, "sources"),
    (validate_json, ("{}",), {"edition": 2021}, "edition"),
    (validate_file, (0,), {}, "path"),
    (validate_file, ([1],), {}, "path"),
    (validate_file, (b"x.json",), {}, "path"),
    (validate_document, ("{}",), {"source": 1}, "source"),
    (validate_document, ("{}",), {"run_rules": "no"}, "run_rules"),
]


@pytest.mark.parametrize(
    ("function", "args", "kwargs", "parameter"),
    WRONG_ARGUMENTS,
    ids=[f"{f.__name__}-{p}-{i}" for i, (f, _, _, p) in enumerate(WRONG_ARGUMENTS)],
)
def test_wrong_argument_types_are_type_errors_naming_the_parameter(
    function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], parameter: str
) -> None:
    with pytest.raises(TypeError) as info:
        function(*args, **kwargs)
    assert repr(parameter) in str(info.value) or parameter in str(info.value)


@pytest.mark.parametrize("indent", [-1, -100])
def test_negative_indents_are_value_errors_with_either_writer(parser: str, indent: int) -> None:
    with pytest.raises(ValueError, match="indent"):
        dm.to_json(REPORT, indent=indent)
    with pytest.raises(ValueError, match="indent"):
        codec.dumps_value({}, indent=indent)


def test_validate_file_never_reads_standard_input() -> None:
    script = (
        "import sys\n"
        "from disclosure_model.validation import validate_file\n"
        "try:\n"
        "    validate_file(0)\n"
        "except TypeError as exc:\n"
        "    print('refused:', exc)\n"
        "print('stdin:', sys.stdin.read())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input="still here",
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "refused: validate_file() argument 'path'" in done.stdout
    assert "stdin: still here" in done.stdout


# --- 8: exact sums of amounts -------------------------------------------------------------------


def _with_fee(report: dm.AnnualReport, amount: str) -> dm.AnnualReport:
    doc = _set(
        codec.to_dict(report), "/proactive_disclosure/administrative_fees/amount", Decimal(amount)
    )
    return dm.from_dict(doc)


@pytest.mark.parametrize(
    ("amounts", "total"),
    [
        (["1234567890123456789012345678.9", "0.1"], "1234567890123456789012345679.0"),
        (["1e-30", "1e-30"], "2E-30"),
        (["1e-999999999999999999", "1e-999999999999999999"], "2E-999999999999999999"),
        (["0.00", "1"], "1.00"),
        (["1.5", "0.25", "0"], "1.75"),
        (["9.99e999999999999999998", "9.99e999999999999999998"], "1.998E+999999999999999999"),
        (["0", "0"], "0"),
    ],
)
def test_aggregate_sums_amounts_exactly(amounts: list[str], total: str) -> None:
    reports = [_with_fee(REPORT, a) for a in amounts]
    summed = aggregate(reports).proactive_disclosure.administrative_fees.amount
    assert str(summed) == total


@pytest.mark.parametrize(
    "amounts",
    [
        ["9.99e999999999999999999", "9.99e999999999999999999"],  # beyond the largest exponent
        ["1e9999", "1e-9999"],  # more digits than an exact sum may take
    ],
)
def test_aggregate_refuses_what_it_cannot_sum_exactly(amounts: list[str]) -> None:
    reports = [_with_fee(REPORT, a) for a in amounts]
    with pytest.raises(AggregationError, match="exactly"):
        aggregate(reports)


# --- 9: number text on writing ----------------------------------------------------------------

NUMBER_FORMS = [
    ("1e3", "1E+3"),
    ("1E3", "1E+3"),
    ("1e+3", "1E+3"),
    ("0.0000001", "1E-7"),
    ("0.000001", "0.000001"),
    ("100e-2", "1.00"),
    ("1.50", "1.50"),
    ("-0", "0"),
    ("-0.0", "-0.0"),
    ("0", "0"),
    ("12", "12"),
    ("1001.115", "1001.115"),
    ("123456789012345678901234567890.5", "123456789012345678901234567890.5"),
    ("1e999999999999999999", "1E+999999999999999999"),
]


@pytest.mark.parametrize(("given_text", "written"), NUMBER_FORMS)
@pytest.mark.parametrize("indent", [None, 0, 2])
def test_amounts_are_written_in_the_documented_normal_form(
    parser: str, given_text: str, written: str, indent: int | None
) -> None:
    pointer = "/proactive_disclosure/administrative_fees/amount"
    report = dm.from_json(_text_with(pointer, given_text))
    text = dm.to_json(report, indent=indent)
    separator = ": " if indent is not None else ":"
    assert f'"amount"{separator}{written}' in text
    assert dm.from_json(text) == report
    assert text == codec.dumps_value(codec.to_dict(report), indent=indent)


@pytest.mark.parametrize("indent", [0, 1, 2, 4, None])
def test_every_indent_gives_the_same_text_with_and_without_msgspec(
    parser: str, indent: int | None
) -> None:
    report = dm.from_json(SEED_2019.read_bytes())
    expected = codec.dumps_value(codec.to_dict(report), indent=indent)
    assert dm.to_json(report, indent=indent) == expected
    if indent == 0:
        assert expected.startswith('{\n"edition": ')
        assert json.loads(expected) == json.loads(dm.to_json(report))


# --- 12: bounded findings -----------------------------------------------------------------------


def _many(kind: str, n: int) -> str:
    doc = _doc()
    if kind == "nan":
        return codec.dumps_value(_set(doc, "/organ/extra", "__X__")).replace(
            '"__X__"', "[" + ",".join(["NaN"] * n) + "]"
        )
    if kind == "unknown_keys":
        doc["organ"].update({f"k{i}": i for i in range(n)})
        return codec.dumps_value(doc)
    if kind == "duplicate_keys":
        inner = ",".join(f'"d{i}": 1, "d{i}": 2' for i in range(n))
        return codec.dumps_value(_set(doc, "/organ/extra", "__X__")).replace(
            '"__X__"', "{" + inner + "}"
        )
    if kind == "long_integers":
        return codec.dumps_value(_set(doc, "/organ/extra", "__X__")).replace(
            '"__X__"', "[" + ",".join(["9" * 4400] * n) + "]"
        )
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["nan", "unknown_keys", "duplicate_keys", "long_integers"])
def test_findings_stop_at_the_limit_with_a_count_of_the_rest(parser: str, kind: str) -> None:
    n = MAX_FINDINGS + 250
    text = _many(kind, n)
    result = validate_document(text)
    assert len(result.findings) == MAX_FINDINGS + 1
    last = result.findings[-1]
    assert last.code == TRUNCATED and last.severity is Severity.ERROR
    problems = n + (kind == "duplicate_keys")  # "extra" is an unknown key of organ, too
    assert last.params["more"] == problems - MAX_FINDINGS
    assert str(problems - MAX_FINDINGS) in last.message("en") and "未列出" in last.message("zh")
    with pytest.raises(dm.DocumentError) as info:
        dm.from_json(text)
    assert len(info.value.findings) == MAX_FINDINGS + 1
    assert info.value.findings[-1].code == TRUNCATED
    schema = validate_json(text)
    assert len(schema) == MAX_FINDINGS + 1 and schema[-1].code == TRUNCATED


def test_the_schema_stops_counting_far_beyond_the_limit() -> None:
    doc = _doc()
    doc["organ"].update({f"k{i}": i for i in range(12 * MAX_FINDINGS)})
    findings = validate_json(doc)
    assert len(findings) == MAX_FINDINGS + 1
    assert findings[-1].params["exact"] is False
    assert "at least" in findings[-1].message("en")


def test_cap_findings_merges_the_counts_of_parts_that_stopped_early() -> None:
    error = Finding(code="x", name="x", severity=Severity.WARNING, pointer="")
    capped = cap_findings([error] * 5 + [cap_findings([error] * 3, limit=1)[-1]], limit=2)
    assert len(capped) == 3 and capped[-1].params["more"] == 3 + 2
    assert capped[-1].severity is Severity.WARNING
    assert cap_findings([error] * 2, limit=2) == [error, error]


# --- smaller: document order, look-alike keys -----------------------------------------------------


def test_findings_are_in_document_order_not_string_order(parser: str) -> None:
    text = _text_with("/organ/extra", "[" + ",".join(["NaN"] * 12) + "]")
    pointers = [f.pointer for f in validate_document(text).findings]
    assert pointers == [f"/organ/extra/{i}" for i in range(12)]
    doc = _doc()
    doc["organ"].update({"zz": 1, "mm": 2, "aa": 3})
    doc["zz"] = 4
    assert [f.pointer for f in validate_document(doc).findings] == [
        "/organ/zz",
        "/organ/mm",
        "/organ/aa",
        "/zz",
    ]
    text = codec.dumps_value(_set(_doc(), "/organ/extra", "__X__")).replace(
        '"__X__"', '{"b": 1, "b": 2, "a": 1, "a": 2}'
    )
    duplicates = [f.pointer for f in validate_document(text).findings if "duplicate" in f.code]
    assert duplicates == ["/organ/extra/b", "/organ/extra/a"]


@pytest.mark.parametrize(
    ("one", "other"),
    [("caf\u00e9", "cafe\u0301"), ("a\u200bb", "ab"), ("x\u00a0y", "x y"), ("A\u0410", "AA")],
)
def test_keys_that_read_alike_show_their_code_points(one: str, other: str) -> None:
    doc = _doc()
    doc["organ"].update({one: 1, other: 2})
    findings = validate_document(doc).findings
    for lang in ("en", "zh"):
        messages = [f.message(lang) for f in findings]  # type: ignore[arg-type]
        assert len(set(messages)) == 2, messages
    schema = [f.message("en") for f in validate_json(doc)]
    assert len(set(schema)) == 2, schema


def test_aggregate_refuses_counts_summing_beyond_the_largest_count() -> None:
    from disclosure_model.meta import MAX_COUNT

    pointer = "/requests/new_received/natural_person"
    doc = _set(codec.to_dict(REPORT), pointer, MAX_COUNT)
    big = dm.from_dict(doc)
    with pytest.raises(AggregationError, match="natural_person"):
        aggregate([big, big])


def test_bad_numbers_do_not_hide_repeated_keys(parser: str) -> None:
    raw = b'{"edition": "2021", "edition": "2021", "x": [1, NaN, 1e99999999999999999999]}'
    findings = validate_document(raw).findings
    assert [(f.code, f.pointer) for f in findings] == [
        ("json.duplicate_key", "/edition"),
        ("json.number", "/x/1"),
        ("json.number", "/x/2"),
    ]
