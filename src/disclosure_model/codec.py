"""The strict JSON codec: the JSON contract in and out, exactly.

Reading is strict: ``"1"``, ``1.5``, ``1.0`` and ``true`` are not counts, unknown keys and missing
required keys are errors, and amounts become :class:`~decimal.Decimal` straight from the JSON text
(never through binary float) and are written back with the same digits. A document that cannot be
read raises one :class:`~disclosure_model.findings.DocumentError` carrying every problem found,
each with its JSON Pointer.

One cattrs converter, built once on first use, does the structuring; per-field hooks are generated
from the field metadata (:mod:`disclosure_model.meta`), so what a field accepts is declared once.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

import attrs

from ._args import require, require_path, require_source
from ._fastpath import (
    Fallback,
    compile_generated,
    read_report,
    states_every_invariant,
    unique_keys,
)
from ._numbers import OutOfRange, int_text, json_decimal
from .enums import Edition
from .findings import DocumentError, Finding, Severity, escape_pointer_token, pointer_from_path
from .limits import MAX_FINDINGS, cap_findings, in_document_order, truncated
from .messages import describe_key
from .meta import (
    METADATA_KEY,
    FieldInfo,
    RefusedValue,
    ValueKind,
    describe_value,
    value_reader,
)
from .report import EDITION_PARTS, AnnualReport, part_class

__all__ = [
    "NOT_JSON",
    "dump",
    "from_dict",
    "from_json",
    "load",
    "parse_json",
    "to_dict",
    "to_json",
    "to_json_bytes",
]

PathLike = str | os.PathLike[str]


def _import_msgspec() -> Any:
    """The optional ``fast`` extra (msgspec), or ``None`` where it is not installed."""
    try:
        import msgspec
    except ImportError:  # pragma: no cover - exercised where msgspec is not installed
        return None
    return msgspec


# The fast extra: JSON in and out several times faster than the standard library.
_msgspec: Any = _import_msgspec()
_MSGSPEC_ENCODER: Any = (
    _msgspec.json.Encoder(decimal_format="number") if _msgspec is not None else None
)


# --- problems raised inside structuring hooks -------------------------------------------------


_Invalid = RefusedValue
"""A value a field does not accept; turned into a ``model.*`` finding with its pointer."""


_NOT_AN_OBJECT = ("type", ValueKind.OBJECT.expected("en"), ValueKind.OBJECT.expected("zh"))


def _object_hook(cls: type, inner: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Wrap a class's structure function so that a non-object value is a located problem."""

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _Invalid(_NOT_AN_OBJECT, value, None)
        return inner(value, cls)

    return structure


def _scalar_hook(info: FieldInfo, optional: bool) -> Callable[[Any, Any], Any]:
    """The structure hook of one scalar field: its kind's declared reader (meta.value_reader)."""
    read = value_reader(info)  # raises RefusedValue (= _Invalid) with the value and its field

    def structure(value: Any, _: Any) -> Any:
        return read(value)

    return structure


# --- the converter ------------------------------------------------------------------------------

# The thorough path (cattrs, detailed validation) is built on first use: valid documents take the
# compiled path and never need it, and a command-line run starts faster without it.


@cache
def _converter() -> Any:
    import cattrs

    return cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)


_HookMap = dict[type, Callable[[Any, Any], Any]]


def _class_hook(cls: type, hooks: _HookMap, edition: Edition) -> Callable[[Any, Any], Any]:
    """Generate the structure function of ``cls`` in ``edition``: each field's hook from its
    metadata, nested tables through ``hooks``."""
    from cattrs.gen import make_dict_structure_fn, override

    overrides: dict[str, Any] = {}
    for a in attrs.fields(cls):
        info: FieldInfo = a.metadata[METADATA_KEY]
        optional = a.default is None
        if info.kind is ValueKind.OBJECT:
            target = part_class(a, edition)
            overrides[a.name] = override(struct_hook=hooks[target])
        else:
            overrides[a.name] = override(struct_hook=_scalar_hook(info, optional))
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, _converter(), _cattrs_forbid_extra_keys=True, **overrides
    )
    return _object_hook(cls, inner)


def _edition_hooks(edition: Edition) -> Callable[[Any, Any], Any]:
    """The structure function of a whole report of ``edition``."""
    hooks: _HookMap = {}

    def hook(cls: type) -> Callable[[Any, Any], Any]:
        if cls not in hooks:
            for a in attrs.fields(cls):
                if a.metadata[METADATA_KEY].kind is ValueKind.OBJECT:
                    hook(part_class(a, edition))
            hooks[cls] = _class_hook(cls, hooks, edition)
        return hooks[cls]

    return hook(AnnualReport)


_edition_structure = cache(_edition_hooks)


# Writing is generated from the field metadata rather than done by cattrs' unstructure functions:
# those move keys omitted-when-absent to the end of the object, and the output must keep the
# contract's key order so that reading then writing a document gives back the same text. Each
# class gets one function returning a dict literal (optional keys added in place, in order).
_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _writer(cls: type) -> Callable[[Any], dict[str, Any]]:
    writer = _WRITERS.get(cls)
    if writer is None:
        writer = _generate_writer(cls)
        _WRITERS[cls] = writer
    return writer


def _generate_writer(cls: type) -> Callable[[Any], dict[str, Any]]:
    namespace: dict[str, Any] = {"W": _writer}
    lines = ["def write(o):"]
    entries: list[str] = []
    optional_seen = False
    for a in attrs.fields(cls):
        kind = a.metadata[METADATA_KEY].kind
        value = f"o.{a.name}"
        if kind is ValueKind.OBJECT:
            value = f"W({value}.__class__)({value})"
        else:
            value = kind.spec.write.format(v=value)
        if a.default is None:  # optional: absent when None, in its place among the keys
            if not optional_seen:
                lines.append("    d = {" + ", ".join(entries) + "}")
                optional_seen = True
            else:
                lines += [f"    d[{k}] = {v}" for k, v in (e.split(": ", 1) for e in entries)]
            entries = []
            lines.append(f"    if o.{a.name} is not None: d[{a.name!r}] = {value}")
        else:
            entries.append(f"{a.name!r}: {value}")
    if not optional_seen:
        lines.append("    return {" + ", ".join(entries) + "}")
    else:
        lines += [f"    d[{k}] = {v}" for k, v in (e.split(": ", 1) for e in entries)]
        lines.append("    return d")
    source = "\n".join(lines)
    compile_generated(source, f"writer {cls.__module__}.{cls.__qualname__}", namespace)
    function: Callable[[Any], dict[str, Any]] = namespace["write"]
    return function


# --- from cattrs errors to findings ------------------------------------------------------------


def _model_finding(code: str, path: list[str], **params: Any) -> Finding:
    return Finding(
        code=f"model.{code}",
        name=code,
        severity=Severity.ERROR,
        pointer=pointer_from_path(path),
        params=params,
    )


def _collect(exc: BaseException, path: list[str], out: list[Finding], root: Any = None) -> None:
    from cattrs.errors import (
        AttributeValidationNote,
        ClassValidationError,
        ForbiddenExtraKeysError,
    )

    if isinstance(exc, ClassValidationError):
        for sub in exc.exceptions:
            notes = [
                n for n in getattr(sub, "__notes__", ()) if isinstance(n, AttributeValidationNote)
            ]
            name = notes[0].name if notes else None
            _collect(sub, [*path, name] if name is not None else path, out, root)
    elif isinstance(exc, ForbiddenExtraKeysError):
        _unknown_keys(_member(root, path), exc.extra_fields, path, out)
    elif isinstance(exc, KeyError):
        out.append(_model_finding("required", path, key=path[-1] if path else ""))
    elif isinstance(exc, _Invalid):
        info = exc.info
        out.append(
            _model_finding(
                exc.code,
                path,
                expected=exc.expected,
                expected_zh=exc.expected_zh,
                found_en=describe_value(exc.value, "en"),
                found_zh=describe_value(exc.value, "zh"),
                label_zh=info.label_zh if info else "",
                title=info.title_en if info else "",
            )
        )
    else:  # a validator of the model itself (should not happen: hooks check first)
        out.append(_model_finding("invalid", path, text=str(exc)))


def _keys_of(cls: type) -> set[str]:
    return {a.name for a in attrs.fields(cls)}


def _member(root: Any, path: list[str]) -> Any:
    """The value at a key path of the document (``None`` where there is none)."""
    node = root
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _unknown_keys(obj: Any, extra: Any, path: list[str], out: list[Finding]) -> None:
    """One finding per key of ``obj`` that the model does not have, in document order.

    A key that is not a string (possible in a ``dict`` from Python code, never in JSON) is a
    ``model.key_type`` finding. At most :data:`MAX_FINDINGS` findings are built; the rest are
    counted in a ``limit.findings`` finding.
    """
    keys = [k for k in obj if k in extra] if isinstance(obj, dict) else list(extra)
    room = max(MAX_FINDINGS - len(out), 0)
    for key in keys[:room]:
        if isinstance(key, str):
            out.append(_model_finding("unknown_key", [*path, key], key=key))
        else:
            out.append(
                _model_finding(
                    "key_type",
                    [*path, repr(key)],
                    key=repr(key)[:60],
                    found_en=type(key).__name__,
                    found_zh=type(key).__name__,
                )
            )
    if len(keys) > room:
        out.append(truncated(len(keys) - room))


def _guess_edition(data: Mapping[str, Any]) -> Edition:
    """The edition a document's tables look like, for reporting when its ``edition`` is bad.

    The edition whose edition-dependent parts share the most keys with the document's (the
    newest among equals).
    """

    def score(edition: Edition) -> int:
        total = 0
        for path, shapes, _ in EDITION_PARTS:
            value: Any = data
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            if isinstance(value, dict):
                total += len(set(value) & _keys_of(shapes[edition]))
        return total

    return max(reversed(list(Edition)), key=score)


def _shape_editions(value: Any, shapes: Mapping[Edition, type]) -> tuple[Edition, ...]:
    """The editions whose class has exactly the keys of ``value`` (shapes are told by class)."""
    if not isinstance(value, dict):
        return ()
    keys = set(value)
    return tuple(edition for edition, cls in shapes.items() if keys == _keys_of(cls))


def _edition_mismatches(
    data: Mapping[str, Any], edition: Edition, findings: list[Finding]
) -> list[Finding]:
    """Replace the key-by-key findings of a part that has the other edition's shape by one."""
    for path, shapes, part_name in EDITION_PARTS:
        value: Any = data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        shapes_of = _shape_editions(value, shapes)
        if shapes_of and edition not in shapes_of:
            shape = shapes_of[-1] if shapes_of[-1] < edition else shapes_of[0]
            pointer = pointer_from_path(path)
            findings = [f for f in findings if not f.pointer.startswith(pointer + "/")]
            findings.append(
                _model_finding(
                    "edition_mismatch",
                    list(path),
                    part=part_name,
                    edition=edition.value,
                    shape=shape.value,
                )
            )
    return findings


def _structure(data: Any, *, ordered: bool = True) -> tuple[AnnualReport | None, list[Finding]]:
    """Read ``data`` into the model: the report, or ``None`` and the findings (in document
    order unless ``ordered`` is false: then the caller sorts them with others)."""
    if not isinstance(data, dict):
        return None, [
            _model_finding(
                "type",
                [],
                expected=_NOT_AN_OBJECT[1],
                expected_zh=_NOT_AN_OBJECT[2],
                found_en=describe_value(data, "en"),
                found_zh=describe_value(data, "zh"),
                label_zh="年度报告",
                title="Annual report",
            )
        ]
    raw = data.get("edition")
    edition = Edition(raw) if type(raw) is str and raw in Edition._value2member_map_ else None
    try:
        return _edition_structure(edition or _guess_edition(data))(data, AnnualReport), []
    except Exception as exc:
        findings: list[Finding] = []
        _collect(exc, [], findings, data)
    if edition is not None:
        findings = _edition_mismatches(data, edition, findings)
    return None, in_document_order(findings, data) if ordered else findings


# --- public API ---------------------------------------------------------------------------------


def from_dict(data: Any, *, source: str | None = None) -> AnnualReport:
    """Read a report from parsed JSON (a ``dict``), strictly.

    Amounts may be ``int``, ``Decimal`` or — from Python code — ``float`` (taken by its shortest
    ``repr``). Raises :class:`DocumentError` with every problem found (at most
    :data:`~disclosure_model.limits.MAX_FINDINGS`, then one finding counting the rest).

    :param data: parsed JSON (``dict``, ``list``, ``str``, ``int``, ``Decimal``…)
    :param source: the document's name in findings (a file name)
    """
    require_source(source, "from_dict")
    try:
        return read_report(data)[0]
    except Fallback:
        pass
    report, findings = _structure(data)
    if report is None:
        raise DocumentError(cap_findings(findings), source)
    return report


def to_dict(report: AnnualReport) -> dict[str, Any]:
    """The report as the JSON contract's ``dict`` (amounts as ``Decimal``, absent keys omitted).

    :param report: the report to convert
    """
    require(report, AnnualReport, "to_dict", "report")
    return _writer(AnnualReport)(report)


class _Duplicates(dict[str, Any]):
    """A parsed JSON object that had repeated keys (kept: the last value of each)."""

    duplicates: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        dup = _Duplicates(result)
        # each repeated key once, in the order of its first repetition
        repeated = (k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        dup.duplicates = list(dict.fromkeys(repeated))
        return dup
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class _BadNumber:
    """A number that cannot be read, kept in its place so that it can be located."""

    def __init__(self, text_en: str, text_zh: str) -> None:
        self.text_en = text_en
        self.text_zh = text_zh


@cache
def _bad_constant(name: str) -> _BadNumber:
    return _BadNumber(f"{name} is not a JSON number", f"{name} 不是 JSON 数值")


def _bad_decimal(text: str) -> Decimal | _BadNumber:
    exponent = text.rpartition("e")[2] if "e" in text else text.rpartition("E")[2]
    if len(exponent.lstrip("+-").lstrip("0")) > 19:  # ≥ 10^19: beyond any Decimal, no attempt
        return _out_of_range(text[:40])
    try:
        return json_decimal(text)
    except OutOfRange:
        return _out_of_range(text[:40])


@lru_cache(maxsize=256)  # a hostile document repeats one number many times
def _out_of_range(shown: str) -> _BadNumber:
    return _BadNumber(
        f"the number {shown} has an exponent out of range", f"数值 {shown} 的指数超出范围"
    )


def _bad_integer(digits: str) -> int | _BadNumber:
    try:
        return int(digits)
    except ValueError:  # longer than Python's int-from-text limit (4300 digits by default)
        n = len(digits.lstrip("-"))
        return _BadNumber(
            f"an integer of {n} digits, too long to read",
            f"{n} 位的整数，位数过多，无法读取",
        )


def _lenient_load(text: str) -> Any:
    """Parse text on the error path: bad numbers kept as markers, repeated keys recorded."""
    return json.loads(
        text,
        parse_float=_bad_decimal,
        parse_int=_bad_integer,
        parse_constant=_bad_constant,
        object_pairs_hook=_pairs,
    )


def _locate_bad_numbers(text: str) -> list[Finding]:
    """Read text that failed on a number again, to say which numbers and where (error path)."""
    try:
        value = _lenient_load(text)
    except (ValueError, RecursionError):
        return []
    if isinstance(value, _BadNumber):
        return [_json_finding("number", "", value.text_en, value.text_zh)]
    found: list[Finding] = []
    more = 0
    # Depth first with a stack of iterators: document order, one step per value, and a pointer
    # built only for a container or a finding.
    stack: list[tuple[Any, str, bool]] = []
    if isinstance(value, (dict, list)):
        stack.append(_members(value, ""))
    while stack:
        members, pointer, keyed = stack[-1]
        for key, item in members:
            if item.__class__ is _BadNumber:
                if len(found) < MAX_FINDINGS:
                    token = escape_pointer_token(key) if keyed else str(key)
                    found.append(
                        _json_finding("number", f"{pointer}/{token}", item.text_en, item.text_zh)
                    )
                else:
                    more += 1
            elif isinstance(item, (dict, list)):
                token = escape_pointer_token(key) if keyed else str(key)
                stack.append(_members(item, f"{pointer}/{token}"))
                break
        else:
            stack.pop()
    if more:
        found.append(truncated(more))
    repeated: list[Finding] = []
    try:  # a repeated key is a problem too, whatever the numbers
        more_repeated = [0]
        _find_duplicates(value, [], repeated, more_repeated)
    except RecursionError:
        return found
    if more_repeated[0]:
        repeated.append(truncated(more_repeated[0]))
    return in_document_order(found + repeated, value) if repeated else found


def _members(node: dict[str, Any] | list[Any], pointer: str) -> tuple[Any, str, bool]:
    """An iterator over a container's (key, value) pairs, its pointer, and whether it is keyed."""
    if isinstance(node, dict):
        return iter(node.items()), pointer, True
    return enumerate(node), pointer, False


def _json_finding(code: str, pointer: str, text_en: str, text_zh: str) -> Finding:
    return Finding(
        code=f"json.{code}",
        name=code,
        severity=Severity.ERROR,
        pointer=pointer,
        params={"text_en": text_en, "text_zh": text_zh},
    )


def _find_duplicates(value: Any, path: list[str], out: list[Finding], more: list[int]) -> None:
    """A ``json.duplicate_key`` finding per repeated key, in document order (at most
    :data:`MAX_FINDINGS`; the rest are counted in a ``limit.findings`` finding)."""
    if isinstance(value, dict):
        if isinstance(value, _Duplicates):
            for key in value.duplicates:
                if len(out) >= MAX_FINDINGS:
                    more[0] += 1
                    continue
                out.append(
                    _json_finding(
                        "duplicate_key",
                        pointer_from_path([*path, key]),
                        f"the key {describe_key(key, 'en')} appears more than once in this object",
                        f"同一对象中键 {describe_key(key, 'zh')} 出现了不止一次",
                    )
                )
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                _find_duplicates(item, [*path, key], out, more)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                _find_duplicates(item, [*path, str(index)], out, more)


# What the standard library's JSON parser says, in Chinese (by the start of its message).
_SYNTAX_ZH = (
    ("Expecting value", "此处应为一个值"),
    ("Expecting property name enclosed in double quotes", "此处应为用双引号括起的键"),
    ("Expecting ':' delimiter", "此处应为冒号“:”"),
    ("Expecting ',' delimiter", "此处应为逗号“,”"),
    ("Unterminated string", "字符串没有结束引号"),
    ("Invalid control character", "字符串中有未转义的控制字符"),
    ("Invalid \\uXXXX escape", "无效的 \\uXXXX 转义"),
    ("Invalid \\escape", "无效的转义序列"),
    ("Extra data", "JSON 值之后还有多余内容"),
    ("Illegal trailing comma", "结尾多了一个逗号"),
)


def _syntax_zh(message: str) -> str:
    """The parser's message in Chinese: never the English text inside a Chinese message."""
    for start, zh in _SYNTAX_ZH:
        if message.startswith(start):
            return zh
    return "语法错误"


def _repeated_keys(text: str) -> list[Finding]:
    """The ``json.duplicate_key`` findings of text that is JSON apart from its encoding."""
    try:
        value = _lenient_load(text)
        found: list[Finding] = []
        more = [0]
        _find_duplicates(value, [], found, more)
    except (ValueError, RecursionError):
        return []
    if more[0]:
        found.append(truncated(more[0]))
    return found


class _NotJson:
    """The type of :data:`NOT_JSON`."""

    def __repr__(self) -> str:
        return "NOT_JSON"


NOT_JSON: Any = _NotJson()
"""What :func:`~disclosure_model.parse_json` returns as the value when the text is not JSON."""


def parse_json(data: str | bytes | bytearray) -> tuple[Any, list[Finding]]:
    """Parse JSON text strictly: ``(value, findings)``.

    The value is :data:`~disclosure_model.codec.NOT_JSON` when the text cannot be read at all.

    Numbers with a fraction or exponent become ``Decimal``; ``NaN``/``Infinity``, invalid UTF-8 and
    repeated keys are errors. A leading UTF-8 byte order mark is skipped.

    :param data: JSON text, as ``str`` or UTF-8 ``bytes``
    """
    require(data, (str, bytes, bytearray), "parse_json", "data")
    if isinstance(data, (bytes, bytearray)):
        raw = bytes(data)
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            encoding = _json_finding(
                "encoding",
                "",
                f"the file is not UTF-8 (invalid byte at offset {exc.start})",
                f"文件不是 UTF-8 编码（第 {exc.start} 字节无效）",
            )
            # Repeated keys are found in the rest of the text too (each invalid byte read as
            # its own lone surrogate, so distinct bytes stay distinct keys).
            return NOT_JSON, [encoding, *_repeated_keys(raw.decode("utf-8", "surrogateescape"))]
    else:
        text = data[1:] if data.startswith("\ufeff") else data
    if not text.strip():
        return NOT_JSON, [_json_finding("empty", "", "the document is empty", "文档为空")]
    try:
        value = json.loads(
            text,
            parse_float=json_decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_pairs,
        )
    except json.JSONDecodeError as exc:
        return NOT_JSON, [
            _json_finding(
                "syntax",
                "",
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                f"不是有效的 JSON：{_syntax_zh(exc.msg)}（第 {exc.lineno} 行第 {exc.colno} 列）",
            )
        ]
    except RecursionError:
        return NOT_JSON, [
            _json_finding("too_deep", "", "the JSON is nested too deeply", "JSON 嵌套层级过深")
        ]
    except ValueError as exc:  # NaN/Infinity, or an integer too long to convert
        return NOT_JSON, _locate_bad_numbers(text) or [
            _json_finding("number", "", f"not a valid JSON number: {exc}", f"数值无效：{exc}")
        ]
    findings: list[Finding] = []
    if isinstance(value, (dict, list)):
        try:
            more = [0]
            _find_duplicates(value, [], findings, more)
            if more[0]:
                findings.append(truncated(more[0]))
        except RecursionError:  # Python 3.13's json parses deeper than Python code can recurse
            return NOT_JSON, [
                _json_finding("too_deep", "", "the JSON is nested too deeply", "JSON 嵌套层级过深")
            ]
    return value, findings


def _raw(data: str | bytes | bytearray) -> bytes:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def quick_decode(data: str | bytes | bytearray) -> tuple[Any, Edition, Any] | None:
    """Read a valid document fast: ``(document, edition, build)``, or ``None`` when it needs the
    thorough path (it may be invalid).

    With msgspec (the ``fast`` extra, see :mod:`._typed`) the document is the verified decoded
    struct tree, which the rules read as they read a report, and ``build(document)`` gives the
    report; without it the document is the report, read by the compiled reader
    (:mod:`._fastpath`), and ``build`` is ``None``. Either way no key was repeated (checked
    exactly) and every invariant the constructors apply holds: where the model has one the
    readers do not state, the report is built here to apply it.
    """
    raw = _raw(data)
    try:
        if _msgspec is not None:
            typed = _typed()
            decoded = typed.decode(raw)
            if not unique_keys(raw, decoded.keys, decoded.colons):
                return None
            if not states_every_invariant(decoded.edition):
                return typed.build(decoded), decoded.edition, None
            return decoded.document, decoded.edition, decoded.build_stated
        report, keys, colons = read_report(_quick_parse(raw))
    except Fallback:
        return None
    return (report, report.edition, None) if unique_keys(raw, keys, colons) else None


def quick_read(data: str | bytes | bytearray) -> AnnualReport | None:
    """Read a valid document fast; ``None`` when it needs the thorough path (maybe invalid).

    :func:`quick_decode`, with the report built at once. Gives the same report as
    :func:`from_json` for every document it accepts.
    """
    quick = quick_decode(data)
    if quick is None:
        return None
    document, _, build = quick
    report: AnnualReport = document if build is None else build(document)
    return report


@cache
def _typed() -> Any:
    """The msgspec reader's module (imported on first use: it generates its types then)."""
    from . import _typed as module

    return module


def _quick_parse(raw: bytes) -> Any:
    """Parse with the standard library for the compiled reader (without msgspec)."""
    try:
        return json.loads(raw.decode("utf-8"), parse_float=json_decimal)
    except (ValueError, RecursionError) as exc:
        raise Fallback from exc


def from_json(data: str | bytes | bytearray, *, source: str | None = None) -> AnnualReport:
    """Read a report from JSON text or bytes (UTF-8), strictly; raises :class:`DocumentError`.

    :param data: JSON text, as ``str`` or UTF-8 ``bytes``
    :param source: the document's name in findings (a file name)
    """
    if data.__class__ is not bytes:
        require(data, (str, bytes, bytearray), "from_json", "data")
    if source is not None:
        require_source(source, "from_json")
    report = quick_read(data)
    if report is not None:
        return report
    value, findings = parse_json(data)
    if findings:
        if value is not NOT_JSON:
            _, more = _structure(value, ordered=False)
            findings = in_document_order(findings + more, value)
        raise DocumentError(cap_findings(findings), source)
    report, findings = _structure(value)
    if report is None:
        raise DocumentError(cap_findings(findings), source)
    return report


def load(path: PathLike) -> AnnualReport:
    """Read a report from a JSON file; raises :class:`DocumentError` (or :class:`OSError`).

    The file is read by :func:`~disclosure_model.fileio.read_file` (a regular file or a pipe of
    at most 64 MiB; never a device, never blocking on a FIFO without a writer).

    :param path: the file to read
    """
    require_path(path, "load")
    from .fileio import read_file

    return from_json(read_file(path), source=os.fspath(path))


_quote: Callable[[str], str] = json.encoder.encode_basestring


def _write(value: Any, indent: int | None, level: int, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        if indent is None:
            out.append("{")
            for i, (key, item) in enumerate(value.items()):
                if i:
                    out.append(",")
                out.append(_quote(key))
                out.append(":")
                _write(item, indent, level + 1, out)
            out.append("}")
            return
        pad = "\n" + " " * (indent * (level + 1))
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            out.append("," + pad if i else pad)
            out.append(_quote(key))
            out.append(": ")
            _write(item, indent, level + 1, out)
        out.append("\n" + " " * (indent * level) + "}")
    elif isinstance(value, Decimal):
        out.append(str(value))
    elif isinstance(value, (list, tuple)):
        # Laid out as objects are (and as msgspec lays them out): no spaces on one line, else
        # one item a line.
        if not value or indent is None:
            out.append("[")
            for i, item in enumerate(value):
                if i:
                    out.append(",")
                _write(item, indent, level + 1, out)
            out.append("]")
            return
        pad = "\n" + " " * (indent * (level + 1))
        out.append("[")
        for i, item in enumerate(value):
            out.append("," + pad if i else pad)
            _write(item, indent, level + 1, out)
        out.append("\n" + " " * (indent * level) + "]")
    elif isinstance(value, str):
        out.append(_quote(value))
    elif value.__class__ is int:
        out.append(int_text(value))
    else:
        out.append(json.dumps(value))


def dumps_value(value: Any, *, indent: int | None = 2) -> str:
    """Serialise parsed JSON (dicts, lists, str, int, ``Decimal``) keeping decimal digits.

    Lone surrogates in strings (``"\\ud800"``, which JSON escapes can express but UTF-8
    cannot) are written as ``\\uXXXX`` escapes, so the text reads back to the same value.
    """
    indent = _indent(indent)
    out: list[str] = []
    _write(value, indent, 0, out)
    return _escape_surrogates("".join(out))


@cache
def _surrogate() -> re.Pattern[str]:
    """The pattern of a lone surrogate, compiled at first use: a run that writes no JSON text
    beyond ASCII (a plain ``validate``) never compiles it."""
    return re.compile("[\ud800-\udfff]")


def _escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate written as a JSON ``\\uXXXX`` escape.

    Lone surrogates can stand only inside JSON strings (the structure is ASCII), where the
    escape means the same code point.
    """
    if text.isascii():
        return text
    surrogate = _surrogate()
    if surrogate.search(text) is None:
        return text
    return surrogate.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _indent(indent: object) -> int | None:
    """Check the ``indent`` argument of the writers: ``None`` or an ``int`` ≥ 0."""
    if indent is None:
        return None
    if type(indent) is not int:
        raise TypeError(f"indent must be None or an int, not {type(indent).__name__}")
    if indent < 0:
        raise ValueError(f"indent must be None or an int >= 0, not {indent}")
    return indent


def to_json(report: AnnualReport, *, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8 characters unescaped; amounts with their exact digits).

    ``indent`` is ``None`` (one line, no spaces) or the number of spaces per level (``0``: one
    key per line, not indented). Amounts are written in the normal form ``str(Decimal)`` gives
    (see ``docs/model.md``, "Numbers on writing"); the text is the same with and without the
    ``fast`` extra.

    :param report: the report to write
    :param indent: spaces per level; ``None`` for one line
    """
    require(report, AnnualReport, "to_json", "report")
    return to_json_bytes(report, indent=indent).decode("utf-8")


def to_json_bytes(report: AnnualReport, *, indent: int | None = 2) -> bytes:
    """The report as UTF-8 JSON bytes (the text of :func:`to_json`).

    :param report: the report to write
    :param indent: spaces per level; ``None`` for one line
    """
    require(report, AnnualReport, "to_json_bytes", "report")
    data = to_dict(report)
    indent = _indent(indent)
    if _MSGSPEC_ENCODER is not None and indent != 0:  # the same text, several times faster
        try:
            raw: bytes = _MSGSPEC_ENCODER.encode(data)
        except (UnicodeEncodeError, OverflowError):  # lone surrogates; ints beyond 64 bits
            pass
        else:
            return bytes(_msgspec.json.format(raw, indent=indent)) if indent is not None else raw
    return dumps_value(data, indent=indent).encode("utf-8")


def dump(report: AnnualReport, path: PathLike, *, indent: int | None = 2) -> None:
    """Write the report to a JSON file (UTF-8, with a final newline).

    :param report: the report to write
    :param path: the file to write (UTF-8)
    :param indent: spaces per level; ``None`` for one line
    """
    require(report, AnnualReport, "dump", "report")
    require_path(path, "dump")
    from pathlib import Path

    Path(path).write_bytes(to_json_bytes(report, indent=indent) + b"\n")
