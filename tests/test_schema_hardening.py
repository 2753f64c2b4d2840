"""Bad input, as a careless or hostile integrator would send it.

Through the public validate function, through ``validate_document`` and through the command line:
every input gets clear, located findings (or, for files that cannot be read, an error message and
exit code 2), never a traceback, never a hang.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_model as dm
from disclosure_model.codec import dumps_value
from disclosure_model.schema import schema_findings, validate_json
from disclosure_model.validation import validate_document

from .conftest import EXAMPLES, assert_described
from .conftest import run_cli as run

SEED = EXAMPLES / "zhuji-emergency-2020.json"
SEED_TEXT = SEED.read_text(encoding="utf-8")
MEGA = 1_000_000


def seed() -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(SEED_TEXT, parse_float=Decimal)
    return parsed


def with_value(pointer: str, value: Any) -> dict[str, Any]:
    document = seed()
    *parents, last = pointer.strip("/").split("/")
    node: Any = document
    for key in parents:
        node = node[key]
    node[last] = value
    return document


def nested_list(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def codes(findings: Any) -> list[tuple[str, str]]:
    return [(f.pointer, f.code) for f in findings]


def quickly(call: Callable[[], Any], seconds: float = 10.0) -> Any:
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    return result


def resolve(document: Any, pointer: str) -> Any:
    """The value at an RFC 6901 pointer; KeyError/IndexError when there is none."""
    node = document
    if not pointer:
        return node
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


# --- unreadable bytes and text -------------------------------------------------------------------

UNREADABLE: list[tuple[str, bytes, str, str]] = [
    ("invalid JSON", b'{"edition": ', "", "json.syntax"),
    ("trailing garbage", SEED_TEXT.encode("utf-8") + b"}", "", "json.syntax"),
    ("empty file", b"", "", "json.empty"),
    ("only whitespace", b" \n\t\r\n", "", "json.empty"),
    ("only a BOM", b"\xef\xbb\xbf", "", "json.empty"),
    ("not UTF-8", b'{"edition": "\xff\xfe"}', "", "json.encoding"),
    ("GBK", SEED_TEXT.encode("gbk"), "", "json.encoding"),
    ("UTF-16 with BOM", SEED_TEXT.encode("utf-16"), "", "json.encoding"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", "json.encoding"),
    ("NaN", b'{"edition": "2021", "year": NaN}', "/year", "json.number"),
    ("Infinity", b'{"edition": "2021", "year": Infinity}', "/year", "json.number"),
    ("-Infinity", b'{"edition": "2021", "year": -Infinity}', "/year", "json.number"),
    ("5000-digit integer", b'{"year": ' + b"9" * 5000 + b"}", "/year", "json.number"),
    ("deeply nested arrays", b"[" * 100_000 + b"]" * 100_000, "", "json.too_deep"),
    ("deeply nested objects", b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "", "json.too_deep"),
    ("unclosed nesting", b"[" * 100_000, "", "json.too_deep"),
    # Python 3.13's json reads this deep, deeper than Python code can recurse over the result.
    ("2000-deep arrays", b'{"x": ' + b"[" * 2000 + b"]" * 2000 + b"}", "", "json.too_deep"),
]


@pytest.mark.parametrize(
    ("raw", "pointer", "code"), [u[1:] for u in UNREADABLE], ids=[u[0] for u in UNREADABLE]
)
def test_unreadable_input_is_one_located_finding(raw: bytes, pointer: str, code: str) -> None:
    for data in (raw, bytearray(raw)):
        findings = quickly(lambda data=data: validate_json(data))
        assert codes(findings) == [(pointer, code)]
        assert_described(findings[0])
    assert codes(quickly(lambda: validate_document(raw).findings)) == [(pointer, code)]


def test_syntax_errors_say_where() -> None:
    (finding,) = validate_json('{\n  "edition": "2021",\n  "year" 2021\n}')
    assert "line 3" in finding.message("en") and "第 3 行" in finding.message("zh")


def test_a_bom_is_skipped() -> None:
    assert validate_json(b"\xef\xbb\xbf" + SEED_TEXT.encode("utf-8")) == []
    assert validate_json("\ufeff" + SEED_TEXT) == []


def test_duplicate_keys_are_located() -> None:
    text = SEED_TEXT.replace('"name": ', '"name": "某局", "name": ', 1)
    assert codes(validate_json(text)) == [("/organ/name", "json.duplicate_key")]
    assert codes(validate_document(text).findings) == [("/organ/name", "json.duplicate_key")]


# --- readable JSON of the wrong shape ------------------------------------------------------------


@pytest.mark.parametrize("text", ["[]", "[1, 2]", "42", "-1.5", '"report"', "null", "true"])
def test_top_level_must_be_an_object(text: str) -> None:
    assert codes(validate_json(text)) == [("", "schema.type")]
    assert codes(validate_document(text).findings) == [("", "model.type")]  # once, not twice


def test_huge_top_level_array_is_rejected_quickly() -> None:
    raw = b"[" + b"0," * MEGA + b"0]"
    assert codes(quickly(lambda: validate_json(raw))) == [("", "schema.type")]


def test_deep_parsed_values_do_not_recurse() -> None:
    deep = nested_list(100_000)  # beyond any recursion limit: built in Python, not parsed
    assert codes(quickly(lambda: validate_json(deep))) == [("", "schema.type")]
    assert codes(validate_document(deep).findings) == [("", "model.type")]
    inside = with_value("/organ", deep)
    assert codes(validate_json(inside)) == [("/organ", "schema.type")]
    extra = with_value("/junk", deep)
    assert codes(validate_json(extra)) == [("/junk", "schema.additionalProperties")]
    assert codes(validate_document(extra).findings) == [("/junk", "model.unknown_key")]


def test_deep_but_parseable_json_is_located() -> None:
    depth = 900  # parses with any Python's json module
    text = SEED_TEXT.replace('"name": ', '"name": ' + "[" * depth + "]" * depth + ', "x": ', 1)
    findings = validate_json(text)
    assert ("/organ/name", "schema.type") in codes(findings)
    assert ("/organ/x", "schema.additionalProperties") in codes(findings)


def test_megabyte_strings() -> None:
    name = "名" * MEGA
    assert quickly(lambda: validate_json(with_value("/organ/name", name))) == []
    cases = {
        "/requests/new_received/natural_person": ("1" * MEGA, "schema.type"),
        "/organ/division_code": ("1" * MEGA, "schema.pattern"),
        "/published_on": ("2021-01-01" + "x" * MEGA, "schema.pattern"),
        "/organ/kind": ("x" * MEGA, "schema.enum"),
    }
    for pointer, (value, code) in cases.items():
        findings = quickly(
            lambda pointer=pointer, value=value: validate_json(with_value(pointer, value))
        )
        assert codes(findings) == [(pointer, code)]
        for lang in ("en", "zh"):
            assert len(findings[0].message(lang)) < 300  # the value is described, not copied
    key = "k" * MEGA
    (finding,) = quickly(lambda: validate_json(with_value("/organ/" + key, 1)))
    assert finding.pointer == "/organ/" + key and finding.code == "schema.additionalProperties"
    assert len(finding.message("en")) < 300
    raw = dumps_value(with_value("/narrative/overview", "字" * MEGA)).encode()
    assert quickly(lambda: validate_json(raw)) == []


def test_integers_of_hundreds_and_thousands_of_digits() -> None:
    big = quickly(
        lambda: validate_json(with_value("/requests/new_received/natural_person", 10**300))
    )  # a count is at most 2^53 - 1, said without rendering the huge value
    assert codes(big) == [("/requests/new_received/natural_person", "schema.maximum")]
    assert "about 301 digits" in big[0].message("en")
    for year in (10**300, int("9" * 400)):  # a year is at most 9999 (the last a date holds)
        found = quickly(lambda year=year: validate_json(with_value("/year", year)))
        assert codes(found) == [("/year", "schema.maximum")]
    for digits in (300, 5000):  # 5000 digits: beyond Python's int-to-text limit
        huge = -(10**digits)
        findings = quickly(
            lambda huge=huge: validate_json(with_value("/requests/new_received/total", huge))
        )
        assert codes(findings) == [("/requests/new_received/total", "schema.minimum")]
        assert f"about {digits + 1} digits" in findings[0].message("en")
        model = validate_document(with_value("/requests/new_received/total", huge)).findings
        assert codes(model) == [("/requests/new_received/total", "model.minimum")]
        assert f"about {digits + 1} digits" in model[0].message("en")


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("sNaN"), Decimal("-Inf")],
    ids=repr,
)
def test_non_finite_numbers_from_python(value: Any) -> None:
    pointer = "/proactive_disclosure/centralized_procurement/amount"
    assert codes(validate_json(with_value(pointer, value))) == [(pointer, "schema.type")]
    assert codes(validate_document(with_value(pointer, value)).findings) == [
        (pointer, "model.type")
    ]


def test_lone_surrogates_and_control_characters() -> None:
    text = '{"edition": "2021", "\\ud800": 1, "year": "\\udfff\\u0000"}'
    findings = validate_json(text)
    assert ("/\ud800", "schema.additionalProperties") in codes(findings)
    assert ("/year", "schema.type") in codes(findings)
    for finding in findings:
        json.dumps(finding.to_dict())  # representable


# --- paths ---------------------------------------------------------------------------------------


def test_paths_that_cannot_be_read_are_findings(tmp_path: Path) -> None:
    assert codes(validate_json(tmp_path / "missing.json")) == [("", "io.not_found")]
    assert codes(validate_json(tmp_path)) == [("", "io.is_directory")]
    (finding,) = validate_json(tmp_path)
    assert str(tmp_path) in finding.message("en") and str(tmp_path) in finding.message("zh")
    good = tmp_path / "good.json"
    good.write_bytes(SEED.read_bytes())
    assert validate_json(good) == []
    assert codes(validate_json(str(good))) == [("", "json.syntax")]  # a str is JSON text


# --- the command line ----------------------------------------------------------------------------


def _bad_files(directory: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for name, raw, _, _ in UNREADABLE:
        files[name] = directory / (name.replace(" ", "-") + ".json")
        files[name].write_bytes(raw)
    shaped = {
        "array": b"[]",
        "number": b"42",
        "megabyte string": dumps_value(
            with_value("/requests/new_received/total", "1" * MEGA)
        ).encode(),
        "huge negative": SEED_TEXT.replace('"year": 2020', '"year": -' + "9" * 400).encode(),
        "duplicate keys": SEED_TEXT.replace('"name": ', '"name": "x", "name": ', 1).encode(),
        "lone surrogate": b'{"edition": "2021", "\\ud800": "\\udfff"}',
        "1.0 count": SEED_TEXT.replace('"year": 2020', '"year": 2020.0').encode(),
    }
    for name, raw in shaped.items():
        files[name] = directory / (name.replace(" ", "-") + ".json")
        files[name].write_bytes(raw)
    return files


@pytest.mark.parametrize("form", ["text", "json"])
def test_cli_handles_every_bad_file(tmp_path: Path, form: str) -> None:
    files = _bad_files(tmp_path)
    done = quickly(lambda: run("validate", "--format", form, *map(str, files.values())), 60)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr == ""
    if form == "json":
        results = json.loads(done.stdout)["results"]
        assert len(results) == len(files)
        for result in results:
            assert not result["valid"] and result["findings"], result["source"]
            for finding in result["findings"]:
                assert isinstance(finding["pointer"], str)
                fallback = f"{finding['code']} at {finding['pointer'] or '/'}"
                assert fallback not in (finding["message"]["en"], finding["message"]["zh"])
    else:
        for path in files.values():
            assert f"{path}: " in done.stdout


def test_cli_missing_file_and_directory(tmp_path: Path) -> None:
    done = run("validate", str(tmp_path / "nope.json"), str(tmp_path), str(SEED))
    assert done.returncode == 2
    # every input is a result on standard output: the missing file, the folder with no report
    assert f"[io.not_found] (document): no such file: {tmp_path / 'nope.json'}" in done.stdout
    assert f"[io.no_reports] (document): the folder {tmp_path} holds no report" in done.stdout
    assert f"{SEED}: OK" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    zh = run("validate", "--lang", "zh", str(tmp_path))
    assert zh.returncode == 2 and f"目录 {tmp_path} 中没有报告" in zh.stdout


# --- arbitrary JSON values -----------------------------------------------------------------------

_KEYS = st.sampled_from(
    ["edition", "year", "organ", "name", "requests", "new_received", "total", "other"]
) | st.text(max_size=6)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["2019", "2021", "", "2021-02-30", "123456"])
    | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_KEYS, children, max_size=5),
    max_leaves=25,
)


def _check_located(document: Any, findings: list[dm.Finding]) -> None:
    for finding in findings:
        assert isinstance(finding, dm.Finding) and finding.is_error
        assert_described(finding)
        if finding.code.endswith("required"):
            parent, _, key = finding.pointer.rpartition("/")
            assert key.replace("~1", "/").replace("~0", "~") not in resolve(document, parent)
        else:
            resolve(document, finding.pointer)


@given(json_values)
def test_arbitrary_json_values_always_give_findings(value: Any) -> None:
    findings = schema_findings(value)
    assert isinstance(findings, list) and findings  # no value drawn here is a whole report
    _check_located(value, findings)
    if not isinstance(value, str):  # a str given to validate_json is JSON text
        assert codes(validate_json(value)) == codes(findings)
    assert codes(validate_json(json.dumps(value))) == codes(findings)
    result = validate_document(value)
    assert not result.valid and result.findings
    assert all(isinstance(f, dm.Finding) for f in result.findings)
    _check_located(
        value, [f for f in result.findings if f.code.split(".")[0] in ("model", "schema")]
    )


@given(
    st.binary(max_size=64) | st.text(max_size=64).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_arbitrary_bytes_always_give_findings(raw: bytes) -> None:
    # No 64 bytes are a whole report: every input gets at least one error, with a message.
    for findings in (validate_json(raw), list(validate_document(raw).findings)):
        assert findings and all(isinstance(f, dm.Finding) for f in findings)
        assert any(f.is_error for f in findings)
        for f in findings:
            for lang in ("zh", "en"):
                assert f.message(lang) != f"{f.code} at {f.pointer or '/'}", (f.code, lang)
