"""Value kinds are objects: each declares everything about itself, and every consumer reads it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft7Validator, FormatChecker

import disclosure_model as dm
from disclosure_model import codec
from disclosure_model.meta import METADATA_KEY, FieldInfo, ValueKind

SCALAR_KINDS = [k for k in ValueKind if k.spec.check is not None]


def test_every_scalar_kind_declares_every_part() -> None:
    assert {k for k in ValueKind if k.spec.check is None} == {ValueKind.ENUM, ValueKind.OBJECT}
    for kind in SCALAR_KINDS:
        spec = kind.spec
        assert spec.code == kind.value
        assert spec.expected_en and spec.expected_zh and spec.doc
        assert spec.json_schema and spec.fast_check and spec.msgspec_type and spec.strategy
        assert "{v}" in spec.fast_check and "{v}" in spec.write


def test_every_field_of_the_model_has_a_declared_kind() -> None:
    for cls in (dm.AnnualReport, dm.Organ, dm.ApplicantRow, dm.ReviewGroup, dm.FeeAmount):
        for a in attrs.fields(cls):
            info: FieldInfo = a.metadata[METADATA_KEY]
            assert isinstance(info.kind, ValueKind)


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize("kind", SCALAR_KINDS, ids=lambda k: k.value)
@given(data=st.data())
def test_what_a_kind_generates_every_consumer_accepts(kind: ValueKind, data: Any) -> None:
    strategy = kind.spec.strategy
    assert strategy is not None
    value = data.draw(strategy())
    assert kind.spec.check is not None and kind.spec.check(value) is None
    fast = kind.spec.fast_check
    assert fast is not None
    namespace: dict[str, Any] = {"F": ValueError, **kind.spec.fast_names, "v": _json(value)}
    exec(fast.format(v="v"), namespace)  # the compiled reader's check accepts it, and keeps it
    assert namespace["v"] == value
    schema = dict(kind.spec.json_schema or {})
    assert Draft7Validator(schema, format_checker=FormatChecker()).is_valid(_json(value))
    if codec._msgspec is not None:
        import msgspec

        build = kind.spec.msgspec_type
        assert build is not None
        text = codec.dumps_value(_json(value), indent=None).encode()
        msgspec.json.decode(text, type=build(), dec_hook=None)


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        (ValueKind.COUNT, -1, "minimum"),
        (ValueKind.COUNT, 2**53, "maximum"),
        (ValueKind.COUNT, True, "type"),
        (ValueKind.SIGNED_COUNT, -(2**53), "minimum"),
        (ValueKind.YEAR, 2018, "minimum"),
        (ValueKind.NAME, "", "minLength"),
        (ValueKind.DIVISION_CODE, "12345", "pattern"),
        (ValueKind.DATE, "2021-01-01", "type"),
        (ValueKind.TEXT, 1, "type"),
    ],
)
def test_each_kind_names_its_problem_in_both_languages(
    kind: ValueKind, value: Any, code: str
) -> None:
    assert kind.spec.check is not None
    problem = kind.spec.check(value)
    assert problem is not None and problem[0] == code
    assert problem[1].startswith(("a ", "an "))  # English
    chinese = problem[2].replace("YYYY-MM-DD", "")
    assert chinese and not any(c.isascii() and c.isalpha() for c in chinese)


def test_the_schema_carries_each_kind_fragment() -> None:
    from disclosure_model.schema import load_schema

    first = min(e.first_year for e in dm.Edition)
    assert ValueKind.YEAR.spec.minimum == first
    schema = load_schema("2021")
    assert schema["properties"]["year"]["minimum"] == first
    total = schema["definitions"]["ApplicantRow"]["properties"]["total"]
    assert ValueKind.COUNT.spec.json_schema is not None
    assert {k: total[k] for k in ValueKind.COUNT.spec.json_schema} == dict(
        ValueKind.COUNT.spec.json_schema
    )


# One bad value per kind (and bound), at a field of that kind: (pointer, value, kind).
_BAD = [
    ("/requests/new_received/natural_person", 2**53, ValueKind.COUNT),
    ("/requests/new_received/natural_person", -1, ValueKind.COUNT),
    ("/requests/new_received/natural_person", "1", ValueKind.COUNT),
    ("/proactive_disclosure/administrative_licensing/change", 2**53, ValueKind.SIGNED_COUNT),
    ("/proactive_disclosure/administrative_fees/change", True, ValueKind.SIGNED_COUNT),
    ("/year", 2018, ValueKind.YEAR),
    ("/year", 10_000, ValueKind.YEAR),
    ("/organ/name", "", ValueKind.NAME),
    ("/organ/division_code", "33068", ValueKind.DIVISION_CODE),
    ("/published_on", "2021-02-30", ValueKind.DATE),
    ("/published_on", 20210101, ValueKind.DATE),
    ("/source_url", 5, ValueKind.TEXT),
    ("/organ/kind", "Department", ValueKind.ENUM),
]


@pytest.mark.parametrize(("pointer", "value", "kind"), _BAD)
def test_the_codec_and_the_schema_say_what_a_kind_accepts_in_the_same_words(
    seed: dict[str, Any], pointer: str, value: Any, kind: ValueKind
) -> None:
    from disclosure_model.schema import validate_json

    keys = pointer.strip("/").split("/")
    node = seed
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    with pytest.raises(dm.DocumentError) as raised:
        dm.from_dict(seed)
    (model,) = [f for f in raised.value.findings if f.pointer == pointer]
    (schema,) = [f for f in validate_json(seed) if f.pointer == pointer]
    said = (model.params["expected"], model.params["expected_zh"])
    assert said == (schema.params["expected_en"], schema.params["expected_zh"])
    if kind is not ValueKind.ENUM:  # what the kind's declaration says, bound included
        check = kind.spec.check
        assert check is not None
        problem = check(value)
        expected = problem[1:] if problem is not None else (kind.expected(), kind.expected("zh"))
        assert said == expected
    else:
        assert said[0].startswith('one of "government", ') and said[1].startswith("以下之一")


def test_a_constructor_says_it_in_the_same_words() -> None:
    with pytest.raises(TypeError) as raised:
        dm.Organ(name="某局", kind="Department")
    assert 'expected one of "government", "department", "other", got' in str(raised.value)
    with pytest.raises(ValueError, match="expected an integer ≤ 9007199254740991, got"):
        dm.ApplicantRow.from_counts({"natural_person": 2**53})


@pytest.mark.parametrize("kind", [k for k in ValueKind if k.is_scalar], ids=lambda k: k.value)
@given(data=st.data())
def test_every_scalar_kind_is_read_by_its_declaration(kind: ValueKind, data: Any) -> None:
    from disclosure_model.meta import RefusedValue, find_problem, value_reader

    enum = dm.OrganKind if kind is ValueKind.ENUM else None
    info = FieldInfo(kind=kind, label_zh="试验", title_en="Test", enum=enum)
    spec = kind.spec
    assert spec.title and spec.doc and spec.expected_en and spec.expected_zh
    assert (spec.check is None) != (spec.field_check is None)  # one check: general or per field
    assert (spec.json_schema is None) != (spec.field_schema is None)
    assert spec.summed == (spec.zero is not None)
    if spec.strategy is not None:
        held = data.draw(spec.strategy())
    else:
        held = data.draw(st.sampled_from(list(dm.OrganKind)))
    read = value_reader(info)  # what the codec's hook runs
    assert read(held.value if enum else _json(held)) == held
    assert find_problem(info, held) is None
    with pytest.raises(RefusedValue) as refused:
        read([])  # no kind holds an array
    code = "enum" if kind is ValueKind.ENUM else "type"
    assert refused.value.problem == find_problem(info, []) and refused.value.problem[0] == code


# A branch on one kind outside its declaration: `kind is ValueKind.DATE`, `kind in (ValueKind.
# COUNT, …)`, a table keyed by kinds, a comparison with a kind's code. A nested part
# (ValueKind.OBJECT) is not a value kind's behaviour but the model's structure: not counted.
_BRANCH = re.compile(
    r"(?:\bis(?:\s+not)?|[=!]=|\bin)\s+\(?\s*ValueKind\.(?!OBJECT\b)[A-Z_]+"
    r"|ValueKind\.(?!OBJECT\b)[A-Z_]+(?:\.value)?\s*(?::|[=!]=)"
)

# What still branches on a kind, and why: the count may shrink, never grow.
_STILL_BRANCHING = {
    "importers/_interpret.py": (
        9,
        "reading printed text into a kind (units, signs and arrows, dates printed in Chinese) "
        "is the importer's own judgement, with a finding for each",
    ),
    "_fastpath.py": (1, "the compiled reader's lookup table of an enum's codes"),
    "rules/aggregate.py": (1, "amounts are added exactly (exact_sum), not with sum()"),
    "export.py": (2, "long CSV rows hold an amount in a column of its own"),
}


def test_a_new_value_kind_is_one_declaration() -> None:
    """Every consumer reads the kinds' declarations: no branch on one kind outside meta.py
    but the few listed (with their reason), so a kind added to ValueKind needs nothing else."""
    package = Path(dm.__file__).parent
    found: dict[str, int] = {}
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        if name == "meta.py":
            continue
        count = len(_BRANCH.findall(path.read_text(encoding="utf-8")))
        if count:
            found[name] = count
    over = {
        name: count
        for name, count in found.items()
        if count > _STILL_BRANCHING.get(name, (0, ""))[0]
    }
    assert not over, f"branches on a value kind (read its KindSpec instead): {over}"
    assert _BRANCH.search("if kind is ValueKind.DATE:") and _BRANCH.search("{ValueKind.COUNT: 0}")
    assert not _BRANCH.search("if info.kind is ValueKind.OBJECT:")
