"""Models equivalent to disclosure_model's, for the other libraries a user could pick instead.

Built from the attrs model's own metadata, so they have exactly its shape: the same keys, required
and optional fields, closed objects, strict integers (no bool, no 1.0), non-negative counts and
amounts, and the edition's own Table 二 and （六） group. Only the benchmark uses them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

import attrs
import msgspec
import pydantic

from disclosure_model import AnnualReport, Edition
from disclosure_model.meta import METADATA_KEY, FieldInfo, ValueKind
from disclosure_model.report import part_class

# --- pydantic v2 ---------------------------------------------------------------------------------


def _pydantic_type(info: FieldInfo) -> Any:
    """The pydantic type of a field, from its value kind's declaration (bounds, pattern, type)."""
    kind = info.kind
    if kind is ValueKind.ENUM:
        assert info.enum is not None
        return Literal[tuple(m.value for m in info.enum)]  # type: ignore[misc]
    spec = kind.spec
    schema = dict(spec.json_schema or {})
    if kind is ValueKind.AMOUNT:
        return Annotated[Decimal, pydantic.Field(ge=spec.minimum, allow_inf_nan=False)]
    if kind is ValueKind.DATE:
        return dt.date
    if schema["type"] == "integer":
        return Annotated[int, pydantic.Field(strict=True, ge=spec.minimum, le=spec.maximum)]
    return Annotated[
        str,
        pydantic.Field(
            pattern=schema.get("pattern"),
            min_length=schema.get("minLength"),
            max_length=schema.get("maxLength"),
        ),
    ]


def pydantic_model(edition: Edition) -> type[pydantic.BaseModel]:
    """The pydantic v2 model of a report of ``edition`` (strict, closed)."""
    made: dict[type, type[pydantic.BaseModel]] = {}
    config = pydantic.ConfigDict(extra="forbid", strict=False)

    def build(cls: type) -> type[pydantic.BaseModel]:
        if cls in made:
            return made[cls]
        fields: dict[str, Any] = {}
        for a in attrs.fields(cls):
            info: FieldInfo = a.metadata[METADATA_KEY]
            optional = a.default is None
            if info.kind is ValueKind.OBJECT:
                typ: Any = build(part_class(a, edition))
            elif a.name == "edition" and cls is AnnualReport:
                typ = Literal[edition.value]
            else:
                typ = _pydantic_type(info)
            fields[a.name] = (typ, None) if optional else (typ, ...)
        model = pydantic.create_model(f"P{cls.__name__}", __config__=config, **fields)
        made[cls] = model
        return model

    return build(AnnualReport)


# --- msgspec -------------------------------------------------------------------------------------


def _msgspec_type(info: FieldInfo) -> Any:
    """The msgspec type of a field: its value kind's declared msgspec type."""
    kind = info.kind
    if kind is ValueKind.ENUM:
        assert info.enum is not None
        return Literal[tuple(m.value for m in info.enum)]  # type: ignore[misc]
    if kind is ValueKind.AMOUNT:
        return Decimal  # msgspec cannot bound a Decimal; the benchmark accepts that small gap
    build = kind.spec.msgspec_type
    assert build is not None
    return build()


def msgspec_type(edition: Edition) -> type:
    """The msgspec Struct of a report of ``edition`` (closed, strict: 1.0 is not an int)."""
    made: dict[type, type] = {}

    def build(cls: type) -> type:
        if cls in made:
            return made[cls]
        fields: list[Any] = []
        for a in attrs.fields(cls):
            info: FieldInfo = a.metadata[METADATA_KEY]
            if info.kind is ValueKind.OBJECT:
                typ: Any = build(part_class(a, edition))
            elif a.name == "edition" and cls is AnnualReport:
                typ = Literal[edition.value]
            else:
                typ = _msgspec_type(info)
            if a.default is None:
                fields.append((a.name, typ | None, None))
            else:
                fields.append((a.name, typ))
        # Required fields first: msgspec needs defaults last (matching is by name anyway).
        fields.sort(key=lambda f: len(f) == 3)
        struct = msgspec.defstruct(
            f"M{cls.__name__}", fields, forbid_unknown_fields=True, kw_only=True
        )
        made[cls] = struct
        return struct

    return build(AnnualReport)
