"""The fastest reader of valid JSON text, when msgspec is installed (the ``fast`` extra).

msgspec decodes JSON straight into typed structs in C, checking types and ranges as it goes. This
module generates, from the model's own metadata, msgspec struct types with exactly the model's
rules — closed objects, required keys, strict integers (no bool, no ``1.0``), non-negative counts,
years from 2019, non-empty names, six-digit division codes, dates, the enums' codes, each
edition's own tables — and one converter per edition that copies the decoded structs into the
attrs model without checking anything twice.

Two rules msgspec cannot state are checked after decoding: amounts are decoded untyped, so that
the JSON number's own digits become a ``Decimal`` and a string is refused; and repeated keys,
which msgspec resolves silently, are found exactly by :func:`._fastpath.no_repeated_keys`.
Anything msgspec or these checks refuse goes to the thorough path, which finds and locates every
problem.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Literal, Union

import attrs
import msgspec

from ._fastpath import Fallback, amount, compile_generated, identifier, invariants
from ._numbers import json_decimal
from .enums import Edition
from .meta import METADATA_KEY, FieldInfo, ValueKind
from .report import AnnualReport, part_class

__all__ = ["decode_report"]


def _type(kind: ValueKind) -> Any:
    """The msgspec type of a scalar kind (its declaration's ``msgspec_type``)."""
    build = kind.spec.msgspec_type
    assert build is not None, kind
    return build()


def _generate(edition: Edition) -> tuple[type, Callable[[Any, list[int]], AnnualReport]]:
    """The msgspec root struct of ``edition`` (tagged by ``edition``) and its converter."""
    namespace: dict[str, Any] = {
        "F": Fallback,
        "NEW": object.__new__,
        "UNSET": msgspec.UNSET,
        "AMOUNT": amount,
        "EDITION": edition,
    }
    structs: dict[type, type] = {}
    sources: list[str] = []

    def generate(cls: type) -> type:
        if cls in structs:
            return structs[cls]
        name = identifier(cls)
        namespace[f"C_{name}"] = cls
        fields: list[Any] = []
        lines = [f"def convert_{name}(s, keys):", f"    o = NEW(C_{name})"]
        required = 0
        for a in attrs.fields(cls):
            info: FieldInfo = a.metadata[METADATA_KEY]
            if cls is AnnualReport and a.name == "edition":  # the tag of the root struct
                lines.append(f"    S_{name}_edition(o, EDITION)")
                namespace[f"S_{name}_edition"] = cls.__dict__[a.name].__set__
                required += 1
                continue
            if info.kind is ValueKind.OBJECT:
                typ: Any = generate(part_class(a, edition))
                value = f"convert_{identifier(part_class(a, edition))}(v, keys)"
            elif info.kind is ValueKind.ENUM:
                assert info.enum is not None
                typ = Literal[tuple(m.value for m in info.enum)]
                namespace[f"E_{identifier(info.enum)}"] = {m.value: m for m in info.enum}
                value = f"E_{identifier(info.enum)}[v]"
            elif info.kind is ValueKind.AMOUNT:
                typ = _type(info.kind)
                value = "AMOUNT(v)"
            else:
                typ = _type(info.kind)
                value = "v"
            setter = f"S_{name}_{a.name}"
            namespace[setter] = cls.__dict__[a.name].__set__
            lines.append(f"    v = s.{a.name}")
            indent = "    "
            if a.default is None:  # optional: absent is UNSET; null is refused by msgspec
                fields.append((a.name, typ | msgspec.UnsetType, msgspec.UNSET))
                lines.append("    if v is UNSET: v = None")
                lines.append("    else:")
                indent = "        "
                lines.append(f"{indent}keys[1] += 1")
            else:
                fields.append((a.name, typ))
                required += 1
            if value != "v":
                lines.append(f"{indent}v = {value}")
            lines.append(f"    {setter}(o, v)")
        lines.insert(2, f"    keys[0] += {required}")
        lines += invariants(cls, namespace)
        lines.append("    return o")
        fields.sort(key=lambda f: len(f) == 3)  # msgspec wants fields with defaults last
        options: dict[str, Any] = {"forbid_unknown_fields": True, "kw_only": True}
        if cls is AnnualReport:
            options.update(tag_field="edition", tag=edition.value)
        struct: type = msgspec.defstruct(f"{cls.__name__}{edition.value}", fields, **options)
        structs[cls] = struct
        sources.append("\n".join(lines))
        return struct

    root = generate(AnnualReport)
    source = "\n\n".join(sources)
    compile_generated(source, f"typed reader {edition.value}", namespace)
    converter: Callable[[Any, list[int]], AnnualReport] = namespace[
        f"convert_{identifier(AnnualReport)}"
    ]
    return root, converter


_Decoder = tuple[Any, dict[type, Callable[[Any, list[int]], AnnualReport]]]
_LAST: list[Any] = [None, None]  # the registry's member names, and their decoder


def _decoder() -> _Decoder:
    """The decoder of every edition of the registry (built again if the registry grew)."""
    names = Edition._member_names_
    if _LAST[0] != names:
        _LAST[:] = [list(names), _decoder_of(tuple(Edition))]
    decoder: _Decoder = _LAST[1]
    return decoder


@cache
def _decoder_of(
    editions: tuple[Edition, ...],
) -> tuple[Any, dict[type, Callable[[Any, list[int]], AnnualReport]]]:
    """One decoder of a report of any of ``editions`` (a union tagged by ``edition``)."""
    generated = [_generate(edition) for edition in editions]
    roots = tuple(root for root, _ in generated)
    union: Any = roots[0] if len(roots) == 1 else Union[roots]  # noqa: UP007
    decoder = msgspec.json.Decoder(union, float_hook=json_decimal)
    return decoder, {root: converter for root, converter in generated}


def decode_report(raw: bytes) -> tuple[AnnualReport, int]:
    """Decode valid JSON text into the model; raise :class:`Fallback` for anything else.

    Returns the report and the number of keys its objects hold (see
    :func:`._fastpath.unique_keys`).
    """
    decoder, converters = _decoder()
    try:
        struct = decoder.decode(raw)
    except (ValueError, RecursionError) as exc:  # msgspec.DecodeError is a ValueError
        raise Fallback from exc
    keys = [0, 0]
    try:
        report = converters[type(struct)](struct, keys)
    except (TypeError, ValueError, ArithmeticError) as exc:  # an invariant of the model
        raise Fallback from exc
    return report, keys[0] + keys[1]
