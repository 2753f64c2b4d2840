"""Field metadata: the one place where every cell's labels, ids and value kind are declared.

Each attrs field of the model carries a :class:`FieldInfo` under the metadata key
:data:`METADATA_KEY`. The codec, the JSON Schema generator, the rules and any renderer read labels
and ids from there, so a label is written once. Use :func:`field_info` / :func:`fields_info` to
read them::

    >>> from disclosure_model import ApplicantRow
    >>> from disclosure_model.meta import field_info
    >>> field_info(ApplicantRow, "natural_person").label_zh
    '自然人'
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from decimal import Decimal
from typing import Any

import attrs

__all__ = [
    "METADATA_KEY",
    "FieldInfo",
    "ValueKind",
    "check_value",
    "describe_value",
    "field_info",
    "fields_info",
]

METADATA_KEY = "disclosure_model"
"""The key of :class:`FieldInfo` in each attrs field's ``metadata``."""


class ValueKind(enum.Enum):
    """What kind of value a field holds; decides its validation and its JSON Schema."""

    COUNT = "count"  #: a JSON integer >= 0
    SIGNED_COUNT = "signed_count"  #: a JSON integer, any sign (2019 本年增/减)
    AMOUNT = "amount"  #: a JSON number >= 0 in 万元, held as Decimal
    YEAR = "year"  #: a JSON integer >= 2019
    TEXT = "text"  #: any string
    NAME = "name"  #: a non-empty string
    DATE = "date"  #: "YYYY-MM-DD", held as datetime.date
    DIVISION_CODE = "division_code"  #: a string of six ASCII digits
    ENUM = "enum"  #: one of an enum's codes
    OBJECT = "object"  #: a nested table, row or group (an attrs class)


@attrs.frozen(kw_only=True)
class FieldInfo:
    """Labels and ids of one field, as printed on the form.

    ``label_zh`` is the official Chinese label; ``ordinal`` the numbering printed before it
    (``（三）``, ``1.``, ``一、``); ``title_en`` an English title; ``id`` the row or column id used
    in findings (``R3.3.1`` for a Table 三 row, the key for a column); ``unit`` a printed unit;
    ``citation`` the provision the cell reports on.
    """

    kind: ValueKind
    label_zh: str
    title_en: str
    ordinal: str = ""
    id: str = ""
    unit: str = ""
    citation: str = ""
    enum: type[enum.Enum] | None = None

    @property
    def printed_label(self) -> str:
        """The label with its ordinal, as the form prints it."""
        return f"{self.ordinal}{self.label_zh}"


def field_info(cls: type, name: str) -> FieldInfo:
    """The :class:`FieldInfo` of field ``name`` of the attrs class ``cls``."""
    info: FieldInfo = getattr(attrs.fields(cls), name).metadata[METADATA_KEY]
    return info


def fields_info(cls: type) -> dict[str, FieldInfo]:
    """All fields of ``cls`` with their :class:`FieldInfo`, in declaration (= form) order."""
    return {a.name: a.metadata[METADATA_KEY] for a in attrs.fields(cls)}


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DIVISION = re.compile(r"[0-9]{6}\Z")


def describe_value(value: object, lang: str = "en") -> str:
    """A short description of a JSON value for messages (long values are cut)."""
    zh = lang == "zh"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal, float)):
        if isinstance(value, int) and value.bit_length() > 130:
            digits = int(value.bit_length() * 0.30103) + 1
            return f"约 {digits} 位的整数" if zh else f"an integer of about {digits} digits"
        text = str(value)
        if len(text) > 40:
            text = text[:20] + "…" + text[-10:]
        return f"数值 {text}" if zh else f"number {text}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"字符串 {shown!r}" if zh else f"string {shown!r}"
    if isinstance(value, dict):
        return "对象" if zh else "an object"
    if isinstance(value, (list, tuple)):
        return "数组" if zh else "an array"
    return type(value).__name__


_EXPECTED = {
    ValueKind.COUNT: "an integer ≥ 0",
    ValueKind.SIGNED_COUNT: "an integer",
    ValueKind.AMOUNT: "a number ≥ 0",
    ValueKind.YEAR: "an integer ≥ 2019",
    ValueKind.TEXT: "a string",
    ValueKind.NAME: "a non-empty string",
    ValueKind.DATE: 'a date "YYYY-MM-DD"',
    ValueKind.DIVISION_CODE: "a string of 6 digits",
}


def check_value(info: FieldInfo, value: object) -> tuple[str, str, str] | None:
    """Check ``value`` for a field; ``None`` if it fits, else ``(code, expected, found)``.

    ``code`` is ``"type"``, ``"minimum"``, ``"format"`` or ``"enum"``. This is the single
    definition of what a field accepts: attrs validators and the codec both call it.
    """
    kind = info.kind
    if kind is ValueKind.COUNT or kind is ValueKind.SIGNED_COUNT or kind is ValueKind.YEAR:
        if type(value) is not int:
            return ("type", _EXPECTED[kind], describe_value(value))
        if kind is ValueKind.COUNT and value < 0:
            return ("minimum", _EXPECTED[kind], describe_value(value))
        if kind is ValueKind.YEAR and value < 2019:
            return ("minimum", _EXPECTED[kind], describe_value(value))
        return None
    if kind is ValueKind.AMOUNT:
        if type(value) is int:
            value = Decimal(value)
        if type(value) is not Decimal:
            return ("type", _EXPECTED[kind], describe_value(value))
        if not value.is_finite():
            return ("type", _EXPECTED[kind], describe_value(value))
        if value < 0:
            return ("minimum", _EXPECTED[kind], describe_value(value))
        return None
    if kind is ValueKind.TEXT or kind is ValueKind.NAME:
        if type(value) is not str:
            return ("type", _EXPECTED[kind], describe_value(value))
        if kind is ValueKind.NAME and not value:
            return ("minLength", _EXPECTED[kind], describe_value(value))
        return None
    if kind is ValueKind.DATE:
        if type(value) is not _dt.date:
            return ("type", _EXPECTED[kind], describe_value(value))
        return None
    if kind is ValueKind.DIVISION_CODE:
        if type(value) is not str:
            return ("type", _EXPECTED[kind], describe_value(value))
        if not _DIVISION.match(value):
            return ("pattern", _EXPECTED[kind], describe_value(value))
        return None
    if kind is ValueKind.ENUM:
        assert info.enum is not None
        if not isinstance(value, info.enum):
            codes = ", ".join(repr(m.value) for m in info.enum)
            return ("enum", f"one of {codes}", describe_value(value))
        return None
    raise AssertionError(f"check_value does not handle {kind}")  # pragma: no cover


def parse_date(text: str) -> _dt.date | None:
    """Parse a strict ``YYYY-MM-DD`` date; ``None`` if it is not one."""
    if not _DATE.match(text):
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def _validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    info: FieldInfo = attribute.metadata[METADATA_KEY]
    if value is None and attribute.default is None:
        return
    problem = check_value(info, value)
    if problem is not None:
        code, expected, found = problem
        error = TypeError if code in {"type", "enum"} else ValueError
        raise error(
            f"{type(instance).__name__}.{attribute.name} ({info.label_zh}): "
            f"expected {expected}, got {found}"
        )


def cell(
    kind: ValueKind,
    *,
    label_zh: str,
    title: str,
    ordinal: str = "",
    id: str = "",
    unit: str = "",
    citation: str = "",
    enum: type[enum.Enum] | None = None,
    optional: bool = False,
) -> Any:
    """Declare a scalar field with its labels; validated for type and range on construction."""
    info = FieldInfo(
        kind=kind,
        label_zh=label_zh,
        title_en=title,
        ordinal=ordinal,
        id=id,
        unit=unit,
        citation=citation,
        enum=enum,
    )
    converter: Any = None
    if kind is ValueKind.AMOUNT:
        converter = _to_decimal
    elif kind is ValueKind.ENUM:
        assert enum is not None
        converter = _enum_converter(enum)
    if optional:
        return attrs.field(
            default=None, validator=_validator, converter=converter, metadata={METADATA_KEY: info}
        )
    return attrs.field(validator=_validator, converter=converter, metadata={METADATA_KEY: info})


def _to_decimal(value: Any) -> Any:
    """Amounts given as ``int`` become ``Decimal``; anything else is left for the validator."""
    if type(value) is int:
        return Decimal(value)
    return value


def _enum_converter(enum_cls: type[enum.Enum]) -> Any:
    """Accept an enum's code (``"department"``) for its member; bad values go to the validator."""

    def convert(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, enum_cls):
            try:
                return enum_cls(value)
            except ValueError:
                return value
        return value

    return convert


def part(
    cls: type | tuple[type, ...],
    *,
    label_zh: str,
    title: str,
    ordinal: str = "",
    id: str = "",
    citation: str = "",
    optional: bool = False,
) -> Any:
    """Declare a nested table/row field of type ``cls`` with its labels."""
    info = FieldInfo(
        kind=ValueKind.OBJECT,
        label_zh=label_zh,
        title_en=title,
        ordinal=ordinal,
        id=id,
        citation=citation,
    )

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, cls):
            names = " or ".join(c.__name__ for c in (cls if isinstance(cls, tuple) else (cls,)))
            raise TypeError(
                f"{type(instance).__name__}.{attribute.name} ({label_zh}): "
                f"expected {names}, got {type(value).__name__}"
            )

    if optional:
        return attrs.field(default=None, validator=validate, metadata={METADATA_KEY: info})
    return attrs.field(validator=validate, metadata={METADATA_KEY: info})
