"""Value kinds are objects: each declares everything about itself, and every consumer reads it."""

from __future__ import annotations

import datetime as dt
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
