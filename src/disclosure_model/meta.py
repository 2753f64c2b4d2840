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
import functools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Annotated, Any, TypeVar

import attrs

from .enums import Edition, LabelledEnum

__all__ = [
    "DATE_PATTERN",
    "DIVISION_CODE_PATTERN",
    "MAX_COUNT",
    "MAX_DATE",
    "MAX_YEAR",
    "METADATA_KEY",
    "MIN_DATE",
    "MIN_YEAR",
    "FieldInfo",
    "KindSpec",
    "RefusedValue",
    "ValueKind",
    "cell_options",
    "check_value",
    "describe_value",
    "field_info",
    "fields_info",
    "find_problem",
    "one_of",
    "value_reader",
]

E = TypeVar("E", bound=enum.Enum)

METADATA_KEY = "disclosure_model"
"""The key of :class:`FieldInfo` in each attrs field's ``metadata``."""


MAX_COUNT = 2**53 - 1
"""The largest count (and the largest magnitude of a signed count): 2^53 − 1 = 9007199254740991.

The largest integer a JSON number holds exactly in JavaScript (``Number.MAX_SAFE_INTEGER``) and
in any reader that parses numbers as IEEE doubles; a larger count would be read there as another
number, or as ``Infinity``, without an error. The model, the codec and the JSON Schema
(``maximum``) all refuse larger counts.
"""

DATE_PATTERN = "^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
"""The ``pattern`` of a date (years 0001 to 9999, :data:`MIN_DATE` to :data:`MAX_DATE`);
calendar validity (no 2021-02-30) needs ``format: date``."""

MIN_DATE = _dt.date.min
"""The first date the model holds (``0001-01-01``; ``0000`` is not a year of the calendar)."""

MAX_DATE = _dt.date.max
"""The last date the model holds (``9999-12-31``): dates are written with four-digit years."""

DIVISION_CODE_PATTERN = "^[0-9]{6}$"
"""The ``pattern`` of a GB/T 2260 division code (with ``minLength``/``maxLength`` 6)."""

MIN_YEAR = min(e.first_year for e in Edition)
"""The earliest report year: the first year of the oldest edition."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DIVISION = re.compile(r"[0-9]{6}\Z")

MAX_YEAR = _dt.MAXYEAR
"""The latest report year, 9999: the last year a date (``published_on``, a deadline) can hold."""

Problem = tuple[str, str, str]
"""What a value kind found wrong: ``(code, expected in English, expected in Chinese)``."""


class RefusedValue(ValueError):
    """Raised by a value reader (:func:`value_reader`) for a value its field does not accept.

    ``code``, ``expected`` and ``expected_zh`` are the parts of ``problem``.

    :param problem: what is wrong, ``(code, expected in English, expected in Chinese)``
    :param value: the value refused
    :param info: the metadata of the field that refused it (``None`` where there is none)
    """

    def __init__(self, problem: Problem, value: object = None, info: FieldInfo | None = None):
        super().__init__(problem[0])
        self.problem: Problem = problem
        self.code, self.expected, self.expected_zh = problem
        self.value = value
        self.info = info


@attrs.frozen(kw_only=True)
class KindSpec:
    """Everything a value kind decides, declared once (see :class:`ValueKind`).

    ``title`` names the kind (``"a count"``); ``expected_en``/``expected_zh`` say what the kind
    accepts, for messages; ``doc`` for the reference pages; ``check`` finds the problem with a
    Python value (``None`` if it fits); ``json_schema`` is the kind's JSON Schema fragment;
    ``fast_check`` the statement the compiled reader runs on a parsed JSON value ``{v}`` (it may
    rebind ``{v}``, and raises ``F`` to give up); ``msgspec_type`` and ``strategy`` build the
    msgspec type and the hypothesis strategy (each imports its library only when called);
    ``summed`` whether aggregation adds it up; ``write`` the expression that turns the held value
    ``{v}`` into its JSON value; ``minimum`` and ``maximum`` the bounds of a numeric kind;
    ``fast_names`` the functions ``fast_check`` calls, by the name it calls them; ``zero`` the
    empty cell of a summed kind.

    A kind whose value depends on the field (an enum's codes) declares it per field:
    ``field_check`` finds the problem with a value of the field, ``field_schema`` gives the
    field's JSON Schema fragment. ``read``, given a field, builds the function the thorough
    reader applies to the field's JSON value: it returns the value held (a date for a date
    string) or raises :class:`RefusedValue`; without it the value is held as it is, once the
    check accepts it (see :func:`value_reader`). ``converter``, given a field, builds the
    converter of the field's ``__init__`` argument (a code for an enum member, an ``int`` for
    an amount).
    """

    code: str
    title: str
    expected_en: str
    expected_zh: str
    doc: str
    check: Callable[[Any], Problem | None] | None
    json_schema: Mapping[str, Any] | None
    fast_check: str | None
    msgspec_type: Callable[[], Any] | None
    strategy: Callable[[], Any] | None
    summed: bool = False
    write: str = "{v}"
    minimum: int | None = None
    maximum: int | None = None
    fast_names: Mapping[str, Callable[[Any], Any]] = attrs.field(factory=dict)
    zero: Any = None
    field_check: Callable[[FieldInfo, Any], Problem | None] | None = None
    field_schema: Callable[[FieldInfo], dict[str, Any]] | None = None
    read: Callable[[FieldInfo], Callable[[Any], Any]] | None = None
    converter: Callable[[FieldInfo], Callable[[Any], Any]] | None = None


def _integers(minimum: int | None, maximum: int | None, en: str, zh: str) -> Any:
    def check(value: Any) -> Problem | None:
        if type(value) is not int:
            return ("type", en, zh)
        if minimum is not None and value < minimum:
            return ("minimum", en, zh)
        if maximum is not None and value > maximum:
            return ("maximum", f"an integer ≤ {maximum}", f"不大于 {maximum} 的整数")
        return None

    return check


def read_amount(value: Any) -> Decimal:
    """A parsed JSON amount as ``Decimal``: a finite ``Decimal`` or an ``int``, ≥ 0; else raises
    :class:`ValueError` (the compiled readers then take the thorough path)."""
    if value.__class__ is Decimal:
        if value.is_finite() and value >= 0:
            return value
    elif value.__class__ is int and value >= 0:
        return Decimal(value)
    raise ValueError("not an amount")


def _read_date(value: Any) -> _dt.date | None:
    return parse_date(value) if value.__class__ is str else None


def _amount_check(value: Any) -> Problem | None:
    if type(value) is int:
        value = Decimal(value)
    if type(value) is not Decimal or not value.is_finite():
        return ("type", "a number ≥ 0", "不小于 0 的数值")
    if value < 0:
        return ("minimum", "a number ≥ 0", "不小于 0 的数值")
    return None


def _string_check(code: str, en: str, zh: str, test: Callable[[str], bool]) -> Any:
    def check(value: Any) -> Problem | None:
        if type(value) is not str:
            return ("type", en, zh)
        if not test(value):
            return (code, en, zh)
        return None

    return check


def _date_check(value: Any) -> Problem | None:
    if type(value) is not _dt.date:
        return ("type", 'a date "YYYY-MM-DD"', "“YYYY-MM-DD”格式的日期")
    return None


def _msgspec(kind: Any, **meta: Any) -> Callable[[], Any]:
    def build() -> Any:
        import msgspec

        return Annotated[kind, msgspec.Meta(**meta)] if meta else kind

    return build


def _strategy(name: str, *args: Any, **kwargs: Any) -> Callable[[], Any]:
    def build() -> Any:
        from hypothesis import strategies as st

        return getattr(st, name)(*args, **kwargs)

    return build


def _amounts() -> Any:
    from hypothesis import strategies as st

    return st.builds(
        lambda units, places: Decimal(units).scaleb(-places),
        st.integers(0, 10**12),
        st.integers(0, 4),
    )


def one_of(codes: Iterable[object]) -> tuple[str, str]:
    """What an enum field accepts, in English and Chinese: ``one of "a", "b"``.

    :param codes: the codes accepted (JSON values)
    """
    shown = ", ".join(json.dumps(c, ensure_ascii=False) for c in codes)
    return f"one of {shown}", f"以下之一：{shown}"


def _enum_problem(enum_cls: type[enum.Enum]) -> Problem:
    return ("enum", *one_of(m.value for m in enum_cls))


def _enum_check(info: FieldInfo, value: Any) -> Problem | None:
    assert info.enum is not None
    return None if isinstance(value, info.enum) else _enum_problem(info.enum)


def _enum_schema(info: FieldInfo) -> dict[str, Any]:
    assert info.enum is not None
    out: dict[str, Any] = {"type": "string", "enum": [m.value for m in info.enum]}
    if issubclass(info.enum, LabelledEnum):
        out["x-enum-labels-zh"] = {m.value: m.label_zh for m in info.enum}
    return out


def _enum_reader(info: FieldInfo) -> Callable[[Any], Any]:
    assert info.enum is not None
    enum_cls = info.enum
    by_code = enum_cls._value2member_map_  # the enum's own table: a registered edition too

    def read(value: Any) -> Any:
        if type(value) is str:
            member = by_code.get(value)
            if member is not None:
                return member
        raise RefusedValue(_enum_problem(enum_cls), value, info)

    return read


def _enum_field_converter(info: FieldInfo) -> Any:
    assert info.enum is not None, "an enum field names its enum"
    return _enum_converter(info.enum)


def _date_reader(info: FieldInfo) -> Callable[[Any], Any]:
    expected = ValueKind.DATE.spec.expected_en, ValueKind.DATE.spec.expected_zh

    def read(value: Any) -> Any:
        parsed = parse_date(value) if type(value) is str else None
        if parsed is None:
            code = "format" if type(value) is str else "type"
            raise RefusedValue((code, *expected), value, info)
        return parsed

    return read


def _amount_reader(info: FieldInfo) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if type(value) is float:  # only from Python dicts; JSON text gives Decimal
            value = Decimal(repr(value))
        problem = _amount_check(value)
        if problem is not None:
            raise RefusedValue(problem, value, info)
        return Decimal(value) if type(value) is int else value

    return read


_DATE_SCHEMA = {
    "type": "string",
    "format": "date",
    "pattern": DATE_PATTERN,
    "minLength": 10,
    "maxLength": 10,
}
_DIVISION_SCHEMA = {
    "type": "string",
    "pattern": DIVISION_CODE_PATTERN,
    "minLength": 6,
    "maxLength": 6,
}
_STRATEGY_COUNT = 10_000  # generated counts stay readable in failure output


class ValueKind(enum.Enum):
    """What kind of value a field holds: each member carries its whole declaration (``spec``).

    The codec, the compiled readers, the JSON Schema generator, the reference pages, messages,
    strategies and aggregation all read :attr:`spec`; a new kind is one member here.
    """

    spec: KindSpec

    def __new__(cls, spec: KindSpec) -> ValueKind:
        member = object.__new__(cls)
        member._value_ = spec.code
        member.spec = spec
        return member

    COUNT = KindSpec(
        code="count",
        title="a count",
        expected_en="an integer ≥ 0",
        expected_zh="不小于 0 的整数",
        doc=f"integer 0 … {MAX_COUNT} (2^53 − 1)",
        check=_integers(0, MAX_COUNT, "an integer ≥ 0", "不小于 0 的整数"),
        json_schema={"type": "integer", "minimum": 0, "maximum": MAX_COUNT},
        fast_check=f"if {{v}}.__class__ is not int or not 0 <= {{v}} <= {MAX_COUNT}: raise F",
        msgspec_type=_msgspec(int, ge=0, le=MAX_COUNT),
        strategy=_strategy("integers", 0, _STRATEGY_COUNT),
        summed=True,
        zero=0,
        minimum=0,
        maximum=MAX_COUNT,
    )  #: a JSON integer from 0 to :data:`~disclosure_model.meta.MAX_COUNT`
    SIGNED_COUNT = KindSpec(
        code="signed_count",
        title="a signed count",
        expected_en="an integer",
        expected_zh="整数",
        doc=f"integer −{MAX_COUNT} … {MAX_COUNT}",
        check=_integers(-MAX_COUNT, MAX_COUNT, "an integer", "整数"),
        json_schema={"type": "integer", "minimum": -MAX_COUNT, "maximum": MAX_COUNT},
        fast_check=(
            f"if {{v}}.__class__ is not int or not -{MAX_COUNT} <= {{v}} <= {MAX_COUNT}: raise F"
        ),
        msgspec_type=_msgspec(int, ge=-MAX_COUNT, le=MAX_COUNT),
        strategy=_strategy("integers", -_STRATEGY_COUNT, _STRATEGY_COUNT),
        summed=True,
        zero=0,
        minimum=-MAX_COUNT,
        maximum=MAX_COUNT,
    )  #: a JSON integer of either sign (2019 本年增/减), magnitude at most ``MAX_COUNT``
    AMOUNT = KindSpec(
        code="amount",
        title="an amount in 万元",
        expected_en="a number ≥ 0",
        expected_zh="不小于 0 的数值",
        doc="number ≥ 0 (Decimal)",
        check=_amount_check,
        json_schema={"type": "number", "minimum": 0},
        fast_check="{v} = AMOUNT({v})",
        fast_names={"AMOUNT": read_amount},
        msgspec_type=lambda: Any,  # decoded untyped: the JSON number's digits become a Decimal
        strategy=_amounts,
        summed=True,
        zero=Decimal(0),
        read=_amount_reader,
        converter=lambda info: _to_decimal,
        minimum=0,
    )  #: a JSON number >= 0 in 万元, held as Decimal
    YEAR = KindSpec(
        code="year",
        title="a report year",
        expected_en=f"an integer ≥ {MIN_YEAR}",
        expected_zh=f"不小于 {MIN_YEAR} 的整数",
        doc=f"integer {MIN_YEAR} … {MAX_YEAR}",
        check=_integers(
            MIN_YEAR, MAX_YEAR, f"an integer ≥ {MIN_YEAR}", f"不小于 {MIN_YEAR} 的整数"
        ),
        json_schema={"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
        fast_check=(
            f"if {{v}}.__class__ is not int or not {MIN_YEAR} <= {{v}} <= {MAX_YEAR}: raise F"
        ),
        msgspec_type=_msgspec(int, ge=MIN_YEAR, le=MAX_YEAR),
        strategy=_strategy("integers", MIN_YEAR, MIN_YEAR + 16),
        minimum=MIN_YEAR,
        maximum=MAX_YEAR,
    )  #: a JSON integer from the first year of the oldest edition to ``MAX_YEAR``
    TEXT = KindSpec(
        code="text",
        title="text",
        expected_en="a string",
        expected_zh="字符串",
        doc="string",
        check=_string_check("type", "a string", "字符串", lambda _: True),
        json_schema={"type": "string"},
        fast_check="if {v}.__class__ is not str: raise F",
        msgspec_type=_msgspec(str),
        strategy=_strategy("text", max_size=40),
    )  #: any string
    NAME = KindSpec(
        code="name",
        title="a non-empty name",
        expected_en="a non-empty string",
        expected_zh="非空字符串",
        doc="non-empty string",
        check=_string_check("minLength", "a non-empty string", "非空字符串", bool),
        json_schema={"type": "string", "minLength": 1},
        fast_check="if {v}.__class__ is not str or not {v}: raise F",
        msgspec_type=_msgspec(str, min_length=1),
        strategy=_strategy("text", min_size=1, max_size=40),
    )  #: a non-empty string
    DATE = KindSpec(
        code="date",
        title="a date",
        expected_en='a date "YYYY-MM-DD"',
        expected_zh="“YYYY-MM-DD”格式的日期",
        doc='"YYYY-MM-DD"',
        check=_date_check,
        json_schema=_DATE_SCHEMA,
        fast_check="{v} = DATE({v})\nif {v} is None: raise F",
        fast_names={"DATE": _read_date},
        msgspec_type=_msgspec(_dt.date),
        strategy=_strategy("dates", _dt.date(MIN_YEAR, 1, 1), _dt.date(MIN_YEAR + 18, 12, 31)),
        write="{v}.isoformat()",
        read=_date_reader,
    )  #: "YYYY-MM-DD", held as datetime.date
    DIVISION_CODE = KindSpec(
        code="division_code",
        title="an administrative division code",
        expected_en="a string of 6 digits",
        expected_zh="6 位数字的字符串",
        doc="6 digits",
        check=_string_check(
            "pattern",
            "a string of 6 digits",
            "6 位数字的字符串",
            lambda v: bool(_DIVISION.match(v)),
        ),
        json_schema=_DIVISION_SCHEMA,
        fast_check="if {v}.__class__ is not str or DIV({v}) is None: raise F",
        fast_names={"DIV": _DIVISION.match},
        msgspec_type=_msgspec(str, pattern=DIVISION_CODE_PATTERN, min_length=6, max_length=6),
        strategy=_strategy("from_regex", r"\A[0-9]{6}\Z"),
    )  #: a string of six ASCII digits
    ENUM = KindSpec(
        code="enum",
        title="one of an enum's members or codes",
        expected_en="one of the codes",
        expected_zh="以下之一",
        doc="one of the codes",
        check=None,  # depends on the field's enum: field_check
        json_schema=None,  # field_schema
        fast_check=None,
        msgspec_type=None,
        strategy=None,
        write="{v}._value_",
        field_check=_enum_check,
        field_schema=_enum_schema,
        read=_enum_reader,
        converter=_enum_field_converter,
    )  #: one of an enum's codes
    OBJECT = KindSpec(
        code="object",
        title="a nested part of the form",
        expected_en="an object",
        expected_zh="对象",
        doc="object",
        check=None,
        json_schema=None,
        fast_check=None,
        msgspec_type=None,
        strategy=None,
    )  #: a nested table, row or group (an attrs class)

    @property
    def is_scalar(self) -> bool:
        """Whether the kind holds a single JSON value (not a nested object)."""
        return self is not ValueKind.OBJECT

    def expected(self, lang: str = "en") -> str:
        """What the kind accepts, in ``lang`` (``"en"`` or ``"zh"``).

        :param lang: ``"en"`` or ``"zh"``
        """
        return self.spec.expected_zh if lang == "zh" else self.spec.expected_en


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
    """The :class:`FieldInfo` of field ``name`` of the attrs class ``cls``.

    :param cls: a class of the model
    :param name: the name of one of its fields (its JSON key)
    """
    info: FieldInfo = getattr(attrs.fields(cls), name).metadata[METADATA_KEY]
    return info


def fields_info(cls: type) -> dict[str, FieldInfo]:
    """All fields of ``cls`` with their :class:`FieldInfo`, in declaration (= form) order.

    :param cls: a class of the model
    """
    return {a.name: a.metadata[METADATA_KEY] for a in attrs.fields(cls)}


def describe_value(value: object, lang: str = "en") -> str:
    """A short description of a JSON value for messages (long values are cut).

    :param value: a JSON value
    :param lang: ``"en"`` or ``"zh"``
    """
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


def find_problem(info: FieldInfo, value: object) -> Problem | None:
    """What is wrong with ``value`` for a field: ``(code, expected_en, expected_zh)``, or ``None``.

    ``code`` is ``"type"``, ``"minimum"``, ``"maximum"``, ``"minLength"``, ``"pattern"`` or
    ``"enum"``. The single definition of what a field accepts (its kind's ``check``): attrs
    validators and the codec both call it.

    :param info: the field's metadata
    :param value: the value to check
    """
    spec = info.kind.spec
    if spec.check is not None:
        return spec.check(value)
    if spec.field_check is not None:
        return spec.field_check(info, value)
    raise AssertionError(f"no check for {info.kind}")  # pragma: no cover


def value_reader(info: FieldInfo) -> Callable[[Any], Any]:
    """The function that reads a JSON value of the field ``info`` into the value it holds.

    It returns the value held (a :class:`~datetime.date` for a date string, a member for an
    enum's code, a :class:`~decimal.Decimal` for an amount) and raises :class:`RefusedValue`,
    with the problem :func:`find_problem` would name, for a value the field does not accept.
    Built from the field's kind (its spec's ``read``, else its check).

    :param info: the field's metadata
    """
    spec = info.kind.spec
    if spec.read is not None:
        return spec.read(info)
    check = spec.check
    if check is None:  # a check per field (find_problem's second case)
        field_check = spec.field_check
        assert field_check is not None, info.kind
        check = functools.partial(field_check, info)

    def read(value: Any) -> Any:
        problem = check(value)
        if problem is not None:
            raise RefusedValue(problem, value, info)
        return value

    return read


def check_value(info: FieldInfo, value: object) -> tuple[str, str, str] | None:
    """Check ``value`` for a field; ``None`` if it fits, else ``(code, expected, found)``.

    The English form of :func:`find_problem` (``expected`` and ``found`` in English).

    :param info: the field's metadata
    :param value: the value to check
    """
    problem = find_problem(info, value)
    if problem is None:
        return None
    return (problem[0], problem[1], describe_value(value))


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


# The fast readers inline what these check and convert (see _fastpath.invariants).
_INLINED = "_disclosure_model_inlined"
setattr(_validator, _INLINED, True)


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
    options = cell_options(
        kind,
        label_zh=label_zh,
        title=title,
        ordinal=ordinal,
        id=id,
        unit=unit,
        citation=citation,
        enum=enum,
    )
    validator, metadata = options["validator"], options["metadata"]
    build = kind.spec.converter
    converter: Any = build(metadata[METADATA_KEY]) if build is not None else None
    if optional:
        return attrs.field(
            default=None, validator=validator, converter=converter, metadata=metadata
        )
    return attrs.field(validator=validator, converter=converter, metadata=metadata)


def cell_options(
    kind: ValueKind,
    *,
    label_zh: str,
    title: str,
    ordinal: str = "",
    id: str = "",
    unit: str = "",
    citation: str = "",
    enum: type[enum.Enum] | None = None,
) -> dict[str, Any]:
    """The ``attrs.field`` arguments of a cell, but its default and converter.

    For a field that names its converter in its own ``attrs.field(...)`` call, so that type
    checkers see what ``__init__`` accepts (a code for an enum, an ``int`` for an amount).

    :param kind: what the field holds
    :param label_zh: the official Chinese label
    :param title: an English title
    :param ordinal: the printed numbering
    :param id: the row or column id used in findings
    :param unit: a printed unit
    :param citation: the provision the cell reports on
    :param enum: the enum of an enum field
    """
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
    return {"validator": _validator, "metadata": {METADATA_KEY: info}}


def _to_decimal(value: Any) -> Any:
    """Amounts given as ``int`` or ``float`` become ``Decimal``; others go to the validator.

    A ``float`` is read by its shortest ``repr`` (``1.5`` → ``Decimal("1.5")``), as
    :func:`disclosure_model.from_dict` reads one; ``nan`` and infinities are left for the
    validator to reject.
    """
    if type(value) is int:
        return Decimal(value)
    if type(value) is float and math.isfinite(value):
        return Decimal(repr(value))
    return value


setattr(_to_decimal, _INLINED, True)


def to_amount(value: Decimal | int | float) -> Decimal:
    """Amount fields' converter: an ``int`` or a ``float`` (by its shortest repr) → Decimal."""
    converted: Decimal = _to_decimal(value)
    return converted


def to_enum(enum_cls: type[E], value: E | str) -> E:
    """An enum member from itself or its code; anything else is left for the validator."""
    if isinstance(value, str) and not isinstance(value, enum_cls):
        try:
            return enum_cls(value)
        except ValueError:
            pass
    return value  # type: ignore[return-value]


setattr(to_amount, _INLINED, True)


def _enum_converter(enum_cls: type[enum.Enum]) -> Any:
    """Accept an enum's code (``"department"``) for its member; bad values go to the validator."""

    def convert(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, enum_cls):
            try:
                return enum_cls(value)
            except ValueError:
                return value
        return value

    setattr(convert, _INLINED, True)
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

    setattr(validate, _INLINED, True)
    if optional:
        return attrs.field(default=None, validator=validate, metadata={METADATA_KEY: info})
    return attrs.field(validator=validate, metadata={METADATA_KEY: info})
