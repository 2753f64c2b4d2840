"""The published JSON Schema: generated from the model, committed in sync, usable without us."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource

import disclosure_model as dm
from disclosure_model import schema as ds
from disclosure_model.meta import METADATA_KEY, FieldInfo, ValueKind
from disclosure_model.rules import rules_for_table
from disclosure_model.validation import validate_document

from .conftest import EXAMPLE_FILES, EXAMPLES, REAL_FILES, ROOT, assert_described
from .conftest import run_cli as _run

PACKAGE_SCHEMAS = ROOT / "src" / "disclosure_model" / "schemas"
PUBLISHED = ROOT / "schemas"  # the top-level copy integrators are pointed at
DOCUMENTS = EXAMPLE_FILES + REAL_FILES
SEED = EXAMPLES / "zhuji-emergency-2020.json"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _codes(findings: Any) -> list[str]:
    return [f.code for f in findings]


# --- the committed files --------------------------------------------------------------------


@pytest.mark.parametrize("relative", sorted(ds.generated_files()))
def test_committed_schema_is_current(relative: str) -> None:
    committed = PACKAGE_SCHEMAS / relative
    generated = ds.generated_files()[relative]
    assert committed.is_file() and committed.read_text(encoding="utf-8") == generated, ds.REGENERATE


def test_check_command_agrees(tmp_path: Path) -> None:
    assert ds.main(["--check"]) == 0
    assert ds.main(["--write", "--dir", str(tmp_path)]) == 0
    assert ds.main(["--check", "--dir", str(tmp_path)]) == 0
    (tmp_path / "2021" / ds.FILENAME).write_text("{}\n", encoding="utf-8")
    assert ds.stale_files(tmp_path) == [f"2021/{ds.FILENAME}"]
    assert ds.main(["--check", "--dir", str(tmp_path)]) == 1


def test_published_directory_is_a_current_copy() -> None:
    if not PUBLISHED.exists():  # an unpacked sdist has no top-level copy
        pytest.skip("no top-level schemas/ in this tree")
    assert not PUBLISHED.is_symlink()  # a link breaks on checkouts without symlinks (Windows)
    assert ds.published_dirs() == [PACKAGE_SCHEMAS, PUBLISHED]
    assert ds.stale_files(PUBLISHED) == [], ds.REGENERATE
    for relative in ds.generated_files():
        assert (PUBLISHED / relative).read_bytes() == (PACKAGE_SCHEMAS / relative).read_bytes()


def test_shipped_files_load_through_importlib_resources() -> None:
    for edition in (None, "2019", "2021"):
        relative = ds.FILENAME if edition is None else f"{edition}/{ds.FILENAME}"
        assert ds.schema_text(edition) == (PACKAGE_SCHEMAS / relative).read_text(encoding="utf-8")
    assert ds.load_schema(dm.Edition.E2021)["$id"] == ds.schema_id("2021")
    mine = ds.load_schema("2019")
    mine["title"] = "changed"
    assert ds.load_schema("2019")["title"] != "changed"  # a fresh copy every time


def test_files_are_draft_07_schemas_with_id_and_comment() -> None:
    for edition in (None, "2019", "2021"):
        schema = ds.load_schema(edition)
        Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert schema["$id"] == ds.schema_id(edition)
        assert edition is None or f"/{edition}/" in schema["$id"]
        assert "/v1/" in schema["$id"]
        assert "generated" in schema["$comment"].lower() and ds.REGENERATE in schema["$comment"]


# --- what the schema says -------------------------------------------------------------------


def _walk(schema: dict[str, Any], node: dict[str, Any], cls: type) -> None:
    """Every property of ``cls`` is in ``node`` with its labels, type and requiredness."""
    target = ds._resolve(schema, node)
    assert target["type"] == "object" and target["additionalProperties"] is False
    names = [a.name for a in attrs.fields(cls)]
    assert list(target["properties"]) == names
    required = [a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING]
    assert target.get("required", []) == required
    for a in attrs.fields(cls):
        info: FieldInfo = a.metadata[METADATA_KEY]
        prop = target["properties"][a.name]
        assert prop["title"] == info.title_en
        assert prop["x-label-zh"] == info.label_zh
        for key, value in (
            ("x-ordinal", info.ordinal),
            ("x-id", info.id),
            ("x-unit", info.unit),
            ("x-citation", info.citation),
        ):
            assert prop.get(key, "") == value
        if info.kind is ValueKind.OBJECT:
            assert "$ref" not in prop  # draft-07 ignores siblings of $ref: wrapped in allOf
            ref = prop["allOf"][0]["$ref"]
            definition = ref.rsplit("/", 1)[1]
            expected = [c for c in _classes(a.type) if c.__name__ == definition]
            assert len(expected) == 1, (a.name, definition)
            _walk(schema, prop, expected[0])


def _classes(annotation: Any) -> list[type]:
    import typing

    if isinstance(annotation, type):
        return [annotation]
    return [a for a in typing.get_args(annotation) if isinstance(a, type)]


@pytest.mark.parametrize("edition", list(dm.Edition))
def test_schema_mirrors_the_model(edition: dm.Edition) -> None:
    schema = ds.load_schema(edition)
    _walk(schema, schema, dm.AnnualReport)
    props = schema["properties"]
    table2 = props["proactive_disclosure"]["allOf"][0]["$ref"]
    assert table2.endswith("ProactiveDisclosure" + edition.value)
    assert props["edition"]["const"] == edition.value
    other = schema["definitions"]["Outcomes"]["properties"]["other"]["allOf"][0]["$ref"]
    assert other.endswith("ApplicantRow" if edition is dm.Edition.E2019 else "OtherOutcomes")


@pytest.mark.parametrize("edition", list(dm.Edition))
def test_rule_codes_per_table(edition: dm.Edition) -> None:
    schema = ds.load_schema(edition)
    codes = {r.code for r in dm.CATALOGUE}
    assert schema["x-rules"] == [r.code for r in rules_for_table("", edition.value)]
    for key in ("organ", "narrative", "proactive_disclosure", "requests", "reviews_and_litigation"):
        listed = schema["properties"][key]["x-rules"]
        assert listed == [r.code for r in rules_for_table(key, edition.value)]
        assert set(listed) <= codes
    assert schema["properties"]["requests"]["x-rules"], "Table 三 has rules"


def test_value_kinds_become_keywords() -> None:
    schema = ds.load_schema("2019")
    defs = schema["definitions"]
    count = defs["ApplicantRow"]["properties"]["natural_person"]
    assert (count["type"], count["minimum"], count["maximum"]) == ("integer", 0, 2**53 - 1)
    change = defs["ItemCounts"]["properties"]["change"]
    assert (change["type"], change["minimum"], change["maximum"]) == (
        "integer",
        -(2**53 - 1),
        2**53 - 1,
    )
    amount = defs["Procurement"]["properties"]["amount"]
    assert (amount["type"], amount["minimum"], amount["x-unit"]) == ("number", 0, "万元")
    assert schema["properties"]["year"]["minimum"] == 2019
    date = schema["properties"]["published_on"]
    assert date["format"] == "date" and date["pattern"] == ds.DATE_PATTERN
    code = defs["Organ"]["properties"]["division_code"]
    assert (code["pattern"], code["minLength"], code["maxLength"]) == ("^[0-9]{6}$", 6, 6)
    kind = defs["Organ"]["properties"]["kind"]
    assert kind["enum"] == [k.value for k in dm.OrganKind]
    assert kind["x-enum-labels-zh"]["government"] == dm.OrganKind.GOVERNMENT.label_zh
    assert defs["Organ"]["properties"]["name"]["minLength"] == 1
    assert defs["Withheld"]["properties"]["state_secret"]["x-id"] == "R3.3.1"


def test_index_schema_selects_the_edition() -> None:
    index = ds.load_schema()
    assert index["properties"]["edition"]["enum"] == ["2019", "2021"]
    refs = [branch["then"]["$ref"] for branch in index["allOf"]]
    assert refs == ["#/definitions/2019", "#/definitions/2021"]
    assert all(branch["if"]["type"] == "object" for branch in index["allOf"])


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_index_holds_each_edition_schema_whole(edition: str) -> None:
    """The index is self-contained: its definitions are the edition files, renamed."""
    index = ds.load_schema()
    own = ds.load_schema(edition)
    prefix = edition + "."
    inside = {
        name[len(prefix) :]: body
        for name, body in index["definitions"].items()
        if name.startswith(prefix)
    }
    back = json.loads(json.dumps(inside).replace(f'"#/definitions/{prefix}', '"#/definitions/'))
    assert back == own["definitions"]
    root = json.loads(
        json.dumps(index["definitions"][edition]).replace(
            f'"#/definitions/{prefix}', '"#/definitions/'
        )
    )
    assert root == {
        k: v for k, v in own.items() if k not in ("$schema", "$id", "$comment", "definitions")
    }
    refs = re.findall(r'"\$ref": "([^"]*)"', ds.schema_text())
    assert refs and all(r.startswith("#/definitions/") for r in refs)  # nothing outside the file


# --- integrators: jsonschema alone, on the files, without this library's help ----------------


def _plain_validator(edition: str | None = None, *, formats: bool = True) -> Any:
    base = PUBLISHED if PUBLISHED.exists() else PACKAGE_SCHEMAS
    files = [base / "2019" / ds.FILENAME, base / "2021" / ds.FILENAME, base / ds.FILENAME]
    schemas = [_load(f) for f in files]
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas
    )
    root = schemas[2] if edition is None else schemas[0 if edition == "2019" else 1]
    checker = FormatChecker() if formats else None
    return Draft7Validator(root, registry=registry, format_checker=checker)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_plain_jsonschema_accepts_the_examples(path: Path) -> None:
    document = _load(path)  # plain json: amounts become floats, as in most languages
    assert list(_plain_validator().iter_errors(document)) == []
    assert list(_plain_validator(document["edition"]).iter_errors(document)) == []


def test_plain_jsonschema_rejects_a_broken_document() -> None:
    document = _load(SEED)
    document["requests"]["new_received"]["natural_person"] = "1"
    document["organ"]["nmae"] = "typo"
    del document["reviews_and_litigation"]
    errors = list(_plain_validator().iter_errors(document))
    assert {e.validator for e in errors} >= {"type", "additionalProperties", "required"}
    other = _load(SEED)
    other["edition"] = "2021"  # a 2019 Table 二 under a 2021 tag
    assert not _plain_validator().is_valid(other)
    assert not _plain_validator().is_valid({"edition": "2020"})
    assert not _plain_validator().is_valid([])


def test_another_implementation_agrees() -> None:
    """jsonschema-rs (Rust) validates with the files alone, if it is installed."""
    rs = pytest.importorskip("jsonschema_rs")
    schemas = [_load(PACKAGE_SCHEMAS / e / ds.FILENAME) for e in ("2019", "2021")]
    registry = rs.Registry([(s["$id"], s) for s in schemas])
    validator = rs.Draft7Validator(_load(PACKAGE_SCHEMAS / ds.FILENAME), registry=registry)
    for path in DOCUMENTS:
        assert validator.is_valid(_load(path)), path
    broken = _load(SEED)
    broken["organ"]["division_code"] = "123456\n"
    assert not validator.is_valid(broken)


# --- the two documented differences ------------------------------------------------------------


def test_one_point_zero_is_an_integer_to_json_schema_but_not_a_count() -> None:
    text = SEED.read_text(encoding="utf-8").replace('"year": 2020', '"year": 2020.0')
    assert _plain_validator().is_valid(json.loads(text))  # JSON Schema: 2020.0 is an integer
    for findings in (ds.validate_json(text), ds.validate_json(text, edition="2019")):
        assert [(f.pointer, f.code) for f in findings] == [("/year", "schema.type")]
    assert not validate_document(text).valid


def test_calendar_dates_need_format_assertion() -> None:
    document = _load(SEED)
    document["published_on"] = "2021-02-30"
    assert _plain_validator(formats=False).is_valid(document)  # the pattern alone lets it pass
    assert not _plain_validator(formats=True).is_valid(document)
    assert _codes(ds.validate_json(document)) == ["schema.format"]
    document["published_on"] = "2021-13-01"
    assert not _plain_validator(formats=False).is_valid(document)


def test_trailing_newline_is_closed_by_length_bounds() -> None:
    document = _load(SEED)
    document["organ"]["division_code"] = "330681\n"  # Python's `$` matches before a final \n
    assert not _plain_validator(formats=False).is_valid(document)
    assert [f.pointer for f in ds.validate_json(document)] == ["/organ/division_code"]


# --- the library's schema validation ----------------------------------------------------------


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_validate_json_accepts_every_input_form(path: Path) -> None:
    raw = path.read_bytes()
    assert ds.validate_json(path) == []
    assert ds.validate_json(raw) == []
    assert ds.validate_json(raw.decode("utf-8")) == []
    assert ds.validate_json(json.loads(raw, parse_float=Decimal)) == []
    assert dm.validate_json is ds.validate_json


def test_findings_are_located_and_bilingual() -> None:
    document = _load(SEED)
    document["requests"]["new_received"]["natural_person"] = -3
    document["organ"]["kind"] = "dept"
    document["organ"]["nmae"] = "typo"
    del document["requests"]["carried_over"]
    findings = {f.pointer: f for f in ds.validate_json(document)}
    assert set(findings) == {
        "/requests/new_received/natural_person",
        "/organ/kind",
        "/organ/nmae",
        "/requests/carried_over",
    }
    minimum = findings["/requests/new_received/natural_person"]
    assert minimum.code == "schema.minimum" and minimum.severity is dm.Severity.ERROR
    assert (
        minimum.message("en") == "Natural person (自然人): expected an integer ≥ 0, found number -3"
    )
    assert minimum.message("zh") == "自然人应为不小于 0 的整数，实际为数值 -3"
    assert findings["/organ/kind"].params["expected_en"].startswith('one of "government"')
    assert findings["/organ/nmae"].code == "schema.additionalProperties"
    assert "'nmae'" in findings["/organ/nmae"].message("en")
    required = findings["/requests/carried_over"]
    assert required.code == "schema.required"
    assert "上年结转" in required.message("zh") and "'carried_over'" in required.message("en")
    for finding in findings.values():
        assert_described(finding)
        assert finding.to_dict()["message"] == {
            "zh": finding.message("zh"),
            "en": finding.message("en"),
        }


def test_one_finding_per_pointer() -> None:
    document = _load(SEED)
    document["organ"]["division_code"] = "12345"  # fails pattern and minLength
    document["published_on"] = 2021  # fails type (and nothing else applies)
    findings = ds.validate_json(document)
    assert sorted((f.pointer, f.code) for f in findings) == [
        ("/organ/division_code", "schema.pattern"),
        ("/published_on", "schema.type"),
    ]
    document["edition"] = 2019  # fails the index's type and enum; no edition to check against
    assert [(f.pointer, f.code) for f in ds.validate_json(document)] == [
        ("/edition", "schema.type")
    ]


def test_an_edition_can_be_forced() -> None:
    document = _load(SEED)  # a 2019 report
    findings = ds.validate_json(document, edition="2021")
    pointers = {f.pointer for f in findings}
    assert "/edition" in pointers and "/proactive_disclosure/other_management_services" in pointers
    with pytest.raises(ValueError):
        ds.validate_json(document, edition="2020")


def test_a_bad_edition_tag_is_one_finding() -> None:
    document = _load(SEED)
    document["edition"] = "2020"
    assert [(f.pointer, f.code) for f in ds.validate_json(document)] == [
        ("/edition", "schema.enum")
    ]
    del document["edition"]
    assert [(f.pointer, f.code) for f in ds.validate_json(document)] == [
        ("/edition", "schema.required")
    ]


def test_validate_document_merges_without_duplicates() -> None:
    document = _load(SEED)
    document["requests"]["new_received"]["natural_person"] = "1"
    document["organ"]["nmae"] = "typo"
    del document["requests"]["carried_over"]
    result = validate_document(document)
    pointers = [f.pointer for f in result.findings]
    assert len(pointers) == len(set(pointers))
    assert {f.code.split(".")[0] for f in result.findings} == {"model"}
    schema_pointers = {f.pointer for f in ds.validate_json(document)}
    assert schema_pointers == set(pointers)


def test_other_edition_table_is_not_repeated_key_by_key() -> None:
    document = _load(SEED)
    document["edition"] = "2021"
    result = validate_document(document)
    assert _codes(result.findings) == ["model.edition_mismatch", "model.edition_mismatch"]


def test_merge_keeps_what_only_the_schema_says() -> None:
    model = dm.Finding(
        code="model.edition_mismatch", name="x", severity=dm.Severity.ERROR, pointer="/a"
    )
    document = {"edition": "2021", "a": {"b": 1}}
    merged = ds.add_schema_findings(document, [model])
    assert merged[0] is model
    pointers = [f.pointer for f in merged[1:]]
    assert "/a" not in pointers and "/year" in pointers  # /a is taken; /year is news
    assert not any(p.startswith("/a/") for p in pointers)


def test_validate_document_never_loads_jsonschema() -> None:
    code = (
        "import sys, disclosure_model as dm\n"
        f"result = dm.validate_document(open({str(SEED)!r}, 'rb').read())\n"
        "assert result.report is not None\n"
        "assert 'jsonschema' not in sys.modules, 'jsonschema was imported'\n"
        "assert not dm.validate_document(b'{}').valid\n"
        "assert 'jsonschema' not in sys.modules, 'jsonschema was imported for an invalid one'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_validator_is_built_once_and_never_fetches() -> None:
    assert ds._validator("2021") is ds._validator("2021")
    assert ds._validator(None) is ds._validator(None)
    registry = ds._registry(ds._registry_codes())
    assert set(registry) >= {ds.schema_id(e) for e in (None, "2019", "2021")}
    from referencing.exceptions import Unresolvable

    with pytest.raises(Unresolvable):
        registry.resolver().lookup("https://example.org/elsewhere.json")


def test_validators_keep_library_semantics_across_refs() -> None:
    # Following the index's $ref into an edition file must keep the strict integer type.
    document = _load(EXAMPLES / "example-city-2023.json")
    document["requests"]["new_received"]["total"] = Decimal("187.0")
    assert _codes(ds.validate_json(document)) == ["schema.type"]
    document = copy.deepcopy(document)
    document["requests"]["new_received"]["total"] = True
    assert _codes(ds.validate_json(document)) == ["schema.type"]


# --- the command line ----------------------------------------------------------------------------


def test_cli_prints_shipped_schemas() -> None:
    index = _run("schema")
    assert index.returncode == 0 and index.stdout == ds.schema_text()
    for edition in ("2019", "2021"):
        done = _run("schema", "--edition", edition)
        assert done.returncode == 0 and json.loads(done.stdout)["$id"] == ds.schema_id(edition)
    bad = _run("schema", "--edition", "2020")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_cli_validate_reports_each_problem_once(tmp_path: Path) -> None:
    document = _load(SEED)
    document["requests"]["new_received"]["natural_person"] = 1.5
    document["organ"]["division_code"] = "12345"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = _run("validate", "--format", "json", str(bad))
    assert done.returncode == 1
    findings = json.loads(done.stdout)["results"][0]["findings"]
    pointers = [f["pointer"] for f in findings]
    assert sorted(pointers) == ["/organ/division_code", "/requests/new_received/natural_person"]


def test_two_classes_of_one_name_get_two_definitions() -> None:
    import attrs

    from disclosure_model.meta import ValueKind, cell

    gen = ds._Generator(dm.Edition.E2021)

    @attrs.frozen
    class ApplicantRow:  # the same name as the model's class
        n: int = cell(ValueKind.COUNT, label_zh="数", title="n")

    first = gen.define(dm.ApplicantRow, ())
    second = gen.define(ApplicantRow, ())
    assert first == "#/definitions/ApplicantRow" and second != first
    assert gen.definitions[second.rsplit("/", 1)[1]]["properties"].keys() == {"n"}
