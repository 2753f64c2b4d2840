"""The published JSON Schema of the report: generated from the model, shipped, validated against.

One self-contained JSON Schema (draft-07) per edition, generated from the attrs classes and their
:class:`~disclosure_model.meta.FieldInfo` — types, ranges, required keys, closed objects, enum
codes, with every property's English ``title`` and the form's Chinese label, ordinal, row/column
id, unit and citation as annotations (``x-label-zh``, ``x-ordinal``, ``x-id``, ``x-unit``,
``x-citation``), and each table's rule codes from the rule catalogue (``x-rules``). The index
schema accepts either edition by its ``edition`` tag; it holds both editions' schemas in its own
``definitions``, so that it too is one self-contained file.

The generated files are committed under ``src/disclosure_model/schemas/`` (and copied to the
top-level ``schemas/`` of the repository, a plain directory, drift-tested like the rest), shipped
inside the wheel, and loaded with :mod:`importlib.resources`; nothing is ever fetched over the
network. Regenerate them with::

    python -m disclosure_model.schema --write

:func:`~disclosure_model.validate_json` validates a document against the shipped schema and
returns located findings (``schema.*``), never raising for bad input. It uses a validator built
once per edition, with two settings that make the schema accept exactly what the model accepts (see
``docs/schema.md``): ``integer`` means a JSON number written without fraction or exponent (so
``1.0`` is not a count), and ``format: date`` is asserted (so ``2021-02-30`` is rejected).
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import re
import sys
from collections.abc import Collection, Iterator, Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from ..codec import NOT_JSON, parse_json
from ..enums import DECLARED_EDITIONS, Edition
from ..fileio import read_file
from ..findings import Finding, Severity, io_finding, pointer_from_path, register_messages
from ..limits import MAX_FINDINGS, cap_findings, in_document_order, truncated
from ..messages import describe_key
from ..meta import (
    DATE_PATTERN,
    DIVISION_CODE_PATTERN,
    METADATA_KEY,
    FieldInfo,
    ValueKind,
    describe_value,
    one_of,
)
from ..report import AnnualReport, part_class

__all__ = [
    "BASE_URI",
    "CONTRACT_VERSION",
    "DATE_PATTERN",
    "DIVISION_CODE_PATTERN",
    "DRAFT",
    "FILENAME",
    "REGENERATE",
    "add_schema_findings",
    "generate",
    "generate_index",
    "generated_files",
    "index_definition",
    "load_schema",
    "main",
    "published_dirs",
    "render",
    "schema_findings",
    "schema_id",
    "schema_text",
    "stale_files",
    "validate_json",
    "write",
]

DRAFT = "http://json-schema.org/draft-07/schema#"
"""The JSON Schema dialect of the published files (draft-07; see ``docs/schema.md`` for why)."""

CONTRACT_VERSION = 1
"""The version of the JSON contract; part of every schema's ``$id``."""

BASE_URI = f"https://disclosure-model.readthedocs.io/schemas/v{CONTRACT_VERSION}/"
"""The base of the schemas' ``$id`` URIs. They name the files; they are never fetched."""

FILENAME = "annual-report.schema.json"
"""The file name of each schema (``<edition>/`` + this for an edition, this alone for the index)."""

REGENERATE = "python -m disclosure_model.schema --write"
"""The command that regenerates the committed schema files from the model."""


_SCHEMAS_DIR = "schemas"
_COMMENT = (
    "Generated from the disclosure_model attrs model; do not edit by hand. "
    f"Regenerate with: {REGENERATE}"
)

EditionLike = Edition | str


def _edition_code(edition: EditionLike | None) -> str | None:
    """``"2019"``/``"2021"`` for an edition or its code; ``None`` for none. Raises ValueError."""
    if edition is None:
        return None
    if not isinstance(edition, (Edition, str)):
        raise TypeError(
            f"argument 'edition' must be Edition, str or None, not {type(edition).__name__}"
        )
    return str(Edition(edition).value)


def schema_id(edition: EditionLike | None = None) -> str:
    """The ``$id`` of an edition's schema, or of the index schema when ``edition`` is ``None``.

    :param edition: an :class:`~disclosure_model.Edition` or its code; ``None`` for the index schema
    """
    code = _edition_code(edition)
    return BASE_URI + (FILENAME if code is None else f"{code}/{FILENAME}")


def _relative_path(edition: EditionLike | None) -> str:
    code = _edition_code(edition)
    return FILENAME if code is None else f"{code}/{FILENAME}"


# --- generation -------------------------------------------------------------------------------


def _first_line(doc: str | None) -> str:
    return doc.strip().splitlines()[0].strip() if doc and doc.strip() else ""


def _annotations(info: FieldInfo) -> dict[str, Any]:
    out: dict[str, Any] = {"title": info.title_en, "x-label-zh": info.label_zh}
    for key, value in (
        ("x-ordinal", info.ordinal),
        ("x-id", info.id),
        ("x-unit", info.unit),
        ("x-citation", info.citation),
    ):
        if value:
            out[key] = value
    return out


def _scalar(info: FieldInfo, edition: Edition) -> dict[str, Any]:
    """The validation keywords of a scalar field: its value kind's declared fragment."""
    if info.enum is Edition:  # an edition's file accepts exactly its own tag
        return {"type": "string", "const": edition.value}
    spec = info.kind.spec
    if spec.field_schema is not None:  # the fragment depends on the field (an enum's codes)
        return spec.field_schema(info)
    assert spec.json_schema is not None, info.kind
    return dict(spec.json_schema)


class _Generator:
    """Walks the attrs classes of one edition and collects their definitions."""

    def __init__(self, edition: Edition) -> None:
        from ..rules.catalogue import rules_for_table  # imported late: rules may import the model

        self.edition = edition
        self.rules_for_table = rules_for_table
        self.definitions: dict[str, dict[str, Any]] = {}
        self.names: dict[type, str] = {}

    def rules(self, table: str) -> list[str]:
        return [r.code for r in self.rules_for_table(table, self.edition)]

    def object_body(self, cls: type, path: tuple[str, ...]) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            info: FieldInfo = field.metadata[METADATA_KEY]
            key_path = (*path, field.name)
            prop = _annotations(info)
            if info.kind is ValueKind.OBJECT:
                if not path:  # a top-level part: the rules that read it
                    prop["x-rules"] = self.rules(field.name)
                target = part_class(field, self.edition)
                prop["allOf"] = [{"$ref": self.define(target, key_path)}]
            else:
                prop.update(_scalar(info, self.edition))
            properties[field.name] = prop
            if field.default is attrs.NOTHING:
                required.append(field.name)
        body: dict[str, Any] = {"type": "object"}
        if required:
            body["required"] = required
        body["additionalProperties"] = False
        body["properties"] = properties
        return body

    def name(self, cls: type) -> str:
        """The definition name of ``cls``: its class name, or its qualified name where another
        class of the same name is defined too (two classes never share a definition)."""
        name = self.names.get(cls)
        if name is None:
            name = cls.__name__
            if name in self.names.values():
                name = f"{cls.__module__}.{cls.__qualname__}"
            self.names[cls] = name
        return name

    def define(self, cls: type, path: tuple[str, ...]) -> str:
        name = self.name(cls)
        if name not in self.definitions:
            self.definitions[name] = {}  # reserve the slot: definitions in first-use order
            body: dict[str, Any] = {}
            description = _first_line(cls.__doc__)
            if description:
                body["description"] = description
            body.update(self.object_body(cls, path))
            self.definitions[name] = body
        return f"#/definitions/{name}"


def generate(edition: EditionLike) -> dict[str, Any]:
    """The JSON Schema of one edition's report, generated from the model.

    :param edition: an :class:`~disclosure_model.Edition` or its code
    """
    chosen = Edition(edition)
    gen = _Generator(chosen)
    body = gen.object_body(AnnualReport, ())
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": schema_id(chosen),
        "$comment": _COMMENT,
        "title": f"Government information disclosure annual report, {chosen.value} edition",
        "description": (
            f"{_first_line(AnnualReport.__doc__)} Tables in the format of {chosen.document} "
            f"《{chosen.label_zh}》."
        ),
        "x-contract-version": CONTRACT_VERSION,
        "x-edition": chosen.value,
        "x-document": chosen.document,
        "x-rules": gen.rules(""),
    }
    schema.update(body)
    schema["definitions"] = gen.definitions
    return schema


def _local_refs(node: Any, prefix: str) -> Any:
    """A copy of a schema whose ``#/definitions/X`` references read ``#/definitions/<prefix>X``."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/definitions/"):
                out[key] = "#/definitions/" + prefix + value[len("#/definitions/") :]
            else:
                out[key] = _local_refs(value, prefix)
        return out
    if isinstance(node, list):
        return [_local_refs(item, prefix) for item in node]
    return node


_ROOT_ONLY = ("$schema", "$id", "$comment", "definitions")


def index_definition(edition: EditionLike, name: str | None = None) -> str:
    """The name in the index schema's ``definitions`` of an edition's report (``"2021"``), or of
    one of its definitions (``name="ApplicantRow"`` → ``"2021.ApplicantRow"``).

    :param edition: an :class:`~disclosure_model.Edition` or its code
    :param name: a definition of the edition's schema; ``None`` for the report itself
    """
    code = _edition_code(edition)
    assert code is not None
    return code if name is None else f"{code}.{name}"


def generate_index() -> dict[str, Any]:
    """The index schema: accepts a report of either edition, chosen by its ``edition`` tag.

    It is self-contained: each edition's schema is inside it, under ``definitions`` (the report
    as ``"<edition>"``, its rows as ``"<edition>.<Name>"``), referred to by local JSON Pointers,
    so that any validator uses the one file offline, with nothing to register or fetch.
    """
    info: FieldInfo = attrs.fields(AnnualReport).edition.metadata[METADATA_KEY]
    edition_property = _annotations(info)
    edition_property.update({"type": "string", "enum": [e.value for e in Edition]})
    definitions: dict[str, Any] = {}
    for e in Edition:
        schema = _local_refs(generate(e), index_definition(e, ""))
        definitions[index_definition(e)] = {k: v for k, v in schema.items() if k not in _ROOT_ONLY}
        for name, body in schema["definitions"].items():
            definitions[index_definition(e, name)] = body
    return {
        "$schema": DRAFT,
        "$id": schema_id(None),
        "$comment": _COMMENT,
        "title": "Government information disclosure annual report, either edition",
        "description": (
            "Selects the schema of the report's edition by its `edition` tag: "
            + ", ".join(f"{e.value} ({e.document})" for e in Edition)
            + ". Self-contained: each edition's schema is under `definitions`."
        ),
        "x-contract-version": CONTRACT_VERSION,
        "type": "object",
        "required": ["edition"],
        "properties": {"edition": edition_property},
        "allOf": [
            {
                # "type": "object" so that a value that is no object fails here only once,
                # at the top, instead of once more in every edition's branch.
                "if": {
                    "type": "object",
                    "required": ["edition"],
                    "properties": {"edition": {"const": e.value}},
                },
                "then": {"$ref": f"#/definitions/{index_definition(e)}"},
            }
            for e in Edition
        ],
        "definitions": definitions,
    }


def render(schema: Mapping[str, Any]) -> str:
    """A schema as the committed file's text: indented by 2, UTF-8 unescaped, final newline.

    :param schema: a schema as generated
    """
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def generated_files() -> dict[str, str]:
    """Every schema file the model generates: path relative to ``schemas/`` → text."""
    files = {_relative_path(None): render(generate_index())}
    for e in Edition:
        files[_relative_path(e)] = render(generate(e))
    return files


_PACKAGE = "disclosure_model"


def _package_schemas_dir() -> Path:
    return Path(__file__).resolve().parent.parent / _SCHEMAS_DIR


def published_dirs() -> list[Path]:
    """Where the schema files are committed: the package's ``schemas/`` (shipped in the wheel)
    and, in a checkout of the repository, its top-level ``schemas/`` — a plain copy, not a link,
    so that the paths integrators are given work on any checkout (symlinks or not)."""
    package = _package_schemas_dir()
    dirs = [package]
    root = package.parents[2]  # <checkout>/src/disclosure_model/schemas → <checkout>
    if (root / "pyproject.toml").is_file() and (root / "src" / _PACKAGE).is_dir():
        dirs.append(root / _SCHEMAS_DIR)
    return dirs


def write(directory: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write the generated files under ``directory`` (default: the package's ``schemas/``).

    :param directory: where to write; by default the package's ``schemas`` directory
    """
    root = Path(directory) if directory is not None else _package_schemas_dir()
    written: list[Path] = []
    for relative, text in generated_files().items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        written.append(target)
    return written


def stale_files(directory: str | os.PathLike[str] | None = None) -> list[str]:
    """The generated files that are missing under ``directory`` or differ from the model.

    :param directory: where the files are; by default the package's ``schemas`` directory
    """
    root = Path(directory) if directory is not None else _package_schemas_dir()
    stale: list[str] = []
    for relative, text in generated_files().items():
        target = root / relative
        if not target.is_file() or target.read_bytes() != text.encode("utf-8"):
            stale.append(relative)
    return stale


# --- the shipped files ---------------------------------------------------------------------------


def _registry_codes() -> tuple[str, ...]:
    """The codes of the editions registered now (see ``enums.register_edition``)."""
    return tuple(e.value for e in Edition)


def _shipped_text(code: str | None) -> str:
    return _schema_text(code, _registry_codes())


@functools.cache
def _schema_text(code: str | None, codes: tuple[str, ...]) -> str:
    """The schema file's text; generated for an edition registered at run time, and for the
    index schema while the registry holds one (the shipped index does not list it)."""
    if code in DECLARED_EDITIONS or (code is None and codes == DECLARED_EDITIONS):
        base = resources.files(_PACKAGE) / _SCHEMAS_DIR
        node = base / FILENAME if code is None else base / code / FILENAME
        return node.read_text(encoding="utf-8")
    return render(generate_index() if code is None else generate(code))


def _shipped(code: str | None) -> dict[str, Any]:
    return _parsed(code, _registry_codes())


@functools.cache
def _parsed(code: str | None, codes: tuple[str, ...]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(_schema_text(code, codes))
    return loaded


def schema_text(edition: EditionLike | None = None) -> str:
    """The text of a shipped schema file (the index schema when ``edition`` is ``None``).

    For an edition added at run time (:func:`disclosure_model.enums.register_edition`) the
    schema is generated, and so is the index schema while one is registered.

    :param edition: an :class:`~disclosure_model.Edition` or its code; ``None`` for the index schema
    """
    return _shipped_text(_edition_code(edition))


def load_schema(edition: EditionLike | None = None) -> dict[str, Any]:
    """A shipped schema, parsed (a fresh copy: change it freely).

    :param edition: an :class:`~disclosure_model.Edition` or its code; ``None`` for the index schema
    """
    loaded: dict[str, Any] = json.loads(schema_text(edition))
    return loaded


# --- the validator -------------------------------------------------------------------------------
#
# jsonschema is imported only here, when a document is first checked against the schema, so
# that reading valid documents never pays for it. The keyword functions below replace
# jsonschema's own for the keywords the schemas use: they report the same failures, but their
# messages never render the offending value (a repr of a deeply nested or huge value can raise
# or take long); findings describe values with describe_value instead.


def _is_integer(_: Any, instance: object) -> bool:
    return type(instance) is int


def _is_number(_: Any, instance: object) -> bool:
    if type(instance) is int:
        return True
    if type(instance) is Decimal:
        return instance.is_finite()
    if type(instance) is float:
        return math.isfinite(instance)
    return False


def _is_string(_: Any, instance: object) -> bool:
    return type(instance) is str


def _same(a: object, b: object) -> bool:
    """JSON equality for the scalar ``const``/``enum`` values the schemas use."""
    return type(a) is type(b) and a == b


def _keywords() -> dict[str, Any]:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

    inherited_additional = Draft7Validator.VALIDATORS["additionalProperties"]

    def type_(validator: Any, types: Any, instance: Any, schema: Any) -> Iterator[Any]:
        names = types if isinstance(types, list) else [types]
        if not any(validator.is_type(instance, name) for name in names):
            yield ValidationError("type")

    def const(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if not _same(instance, value):
            yield ValidationError("const")

    def enum(validator: Any, values: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if not any(_same(instance, v) for v in values):
            yield ValidationError("enum")

    def minimum(validator: Any, bound: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "number") and instance < bound:
            yield ValidationError("minimum")

    def maximum(validator: Any, bound: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "number") and instance > bound:
            yield ValidationError("maximum")

    def min_length(validator: Any, bound: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and len(instance) < bound:
            yield ValidationError("minLength")

    def max_length(validator: Any, bound: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and len(instance) > bound:
            yield ValidationError("maxLength")

    def pattern(validator: Any, regex: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and not re.search(regex, instance):
            yield ValidationError("pattern")

    def format_(validator: Any, name: Any, instance: Any, schema: Any) -> Iterator[Any]:
        checker = validator.format_checker
        if checker is not None and not checker.conforms(instance, name):
            yield ValidationError("format")

    def required(validator: Any, keys: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "object"):
            for key in keys:
                if key not in instance:  # located at the missing key, as the model does
                    yield ValidationError("required", path=[key])

    def additional(validator: Any, allowed: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if allowed is not False or "patternProperties" in schema:
            yield from inherited_additional(validator, allowed, instance, schema)
            return
        if validator.is_type(instance, "object"):
            known = schema.get("properties", {})
            for key in instance:
                if key not in known:  # one finding per unknown key, at the key
                    yield ValidationError("additionalProperties", path=[key])

    return {
        "type": type_,
        "const": const,
        "enum": enum,
        "minimum": minimum,
        "maximum": maximum,
        "minLength": min_length,
        "maxLength": max_length,
        "pattern": pattern,
        "format": format_,
        "required": required,
        "additionalProperties": additional,
    }


@functools.cache
def _validator_class() -> Any:
    from jsonschema import Draft7Validator, validators

    checker = Draft7Validator.TYPE_CHECKER.redefine_many(
        {"integer": _is_integer, "number": _is_number, "string": _is_string}
    )
    return validators.extend(Draft7Validator, validators=_keywords(), type_checker=checker)


@functools.cache
def _internal(code: str | None, codes: tuple[str, ...]) -> dict[str, Any]:
    """A shipped schema without its ``$schema`` key, for this module's own validator.

    jsonschema picks the validator class of a subschema that declares ``$schema`` by that URI,
    which would swap this module's validator class for the stock draft-07 one when the index
    schema follows a ``$ref`` into an edition's file. Without the key, it keeps ours.
    """
    return {k: v for k, v in _parsed(code, codes).items() if k != "$schema"}


@functools.cache
def _registry(codes: tuple[str, ...]) -> Any:
    """The schemas of the registry's editions (``codes``) by their ``$id``.

    A registry without a ``retrieve`` function never fetches anything: any other reference is
    unresolvable, and the schemas are never looked up on the network.
    """
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    resources_ = [
        (
            schema_id(code),
            Resource.from_contents(_internal(code, codes), default_specification=DRAFT7),
        )
        for code in (None, *codes)
    ]
    return Registry().with_resources(resources_)


def _validator(code: str | None) -> Any:
    """The validator of one edition's schema (the index schema for ``None``), built once."""
    return _validator_of(code, _registry_codes())


@functools.cache
def _validator_of(code: str | None, codes: tuple[str, ...]) -> Any:
    from jsonschema import FormatChecker

    cls = _validator_class()
    return cls(
        _internal(code, codes), registry=_registry(codes), format_checker=FormatChecker(["date"])
    )


# --- from validation errors to findings --------------------------------------------------------

# When several keywords fail at one pointer they describe one wrong value: keep the first of these.
_PRIORITY = {
    keyword: rank
    for rank, keyword in enumerate(
        (
            "type",
            "required",
            "additionalProperties",
            "const",
            "enum",
            "minimum",
            "maximum",
            "pattern",
            "format",
            "minLength",
            "maxLength",
        )
    )
}


def _resolve(root: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow a property's ``allOf: [{$ref: #/definitions/X}]`` to the definition."""
    for _ in range(64):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            node = root.get("definitions", {}).get(ref[len("#/definitions/") :], {})
            continue
        all_of = node.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict):
            node = all_of[0]
            continue
        break
    return node


def _property_schema(root: Mapping[str, Any], path: Sequence[Any]) -> Mapping[str, Any] | None:
    """The schema of the property at ``path`` (with its title and labels), if the schema has one."""
    node: Mapping[str, Any] = root
    for key in path:
        properties = _resolve(root, node).get("properties")
        if not isinstance(properties, dict) or not isinstance(key, str) or key not in properties:
            return None
        node = properties[key]
    return node


def _kind_of(schema: Mapping[str, Any]) -> ValueKind | None:
    """The value kind whose declared JSON Schema fragment a (sub)schema carries: the most
    specific one (a name's fragment holds a text's)."""
    found: ValueKind | None = None
    size = 0
    for kind in ValueKind:
        fragment = kind.spec.json_schema
        if (
            fragment
            and len(fragment) > size
            and all(schema.get(k) == v for k, v in fragment.items())
        ):
            found, size = kind, len(fragment)
    return found


def _expected(schema: Mapping[str, Any], instance: Any = None) -> tuple[str, str]:
    """What a (sub)schema accepts, in English and Chinese: as its value kind says (for the
    value ``instance`` found there), else from its keywords."""
    if "const" in schema:
        text = json.dumps(schema["const"], ensure_ascii=False)
        return text, text
    if "enum" in schema:
        return one_of(schema["enum"])
    kind = _kind_of(schema)
    if kind is not None:
        check = kind.spec.check
        problem = check(instance) if check is not None else None
        if problem is not None:  # the bound or form the value misses, as the codec says it
            return problem[1], problem[2]
        return kind.expected("en"), kind.expected("zh")
    kind_name = schema.get("type")
    if kind_name == "object":
        return ValueKind.OBJECT.expected("en"), ValueKind.OBJECT.expected("zh")
    if kind_name in ("integer", "number"):
        en, zh = ("an integer", "整数") if kind_name == "integer" else ("a number", "数值")
        if "minimum" in schema and schema["minimum"] >= 0:
            bound = schema["minimum"]
            return f"{en} ≥ {bound}", f"不小于 {bound} 的{zh}"
        return en, zh
    if kind_name == "string":
        if "pattern" in schema:
            return f"a string matching {schema['pattern']}", f"符合 {schema['pattern']} 的字符串"
        return ValueKind.TEXT.expected("en"), ValueKind.TEXT.expected("zh")
    return "a valid value", "有效的值"


def _short_key(key: object) -> str:
    text = str(key)
    return text if len(text) <= 60 else text[:57] + "…"


def _finding(error: Any, pointer: str, root: Mapping[str, Any]) -> Finding:
    keyword = str(error.validator)
    path = list(error.absolute_path)
    params: dict[str, Any] = {"keyword": keyword}
    labelled = _property_schema(root, path) if keyword != "additionalProperties" else None
    if labelled is not None:
        params["title"] = labelled.get("title", "")
        params["label_zh"] = labelled.get("x-label-zh", "")
    if keyword in ("required", "additionalProperties"):
        params["key"] = _short_key(path[-1]) if path else ""
    else:
        schema = error.schema if isinstance(error.schema, dict) else {}
        params["expected_en"], params["expected_zh"] = _expected(schema, error.instance)
        if keyword == "maximum" and _kind_of(schema) is None:
            bound = schema.get("maximum")
            params["expected_en"] = f"a number ≤ {bound}"
            params["expected_zh"] = f"不大于 {bound} 的数值"
        params["found_en"] = describe_value(error.instance, "en")
        params["found_zh"] = describe_value(error.instance, "zh")
    return Finding(
        code=f"schema.{keyword}",
        name=keyword,
        severity=Severity.ERROR,
        pointer=pointer,
        params=params,
    )


def _labels_root(code: str | None, value: Any) -> Mapping[str, Any]:
    if code is None and isinstance(value, dict):
        tag = value.get("edition")
        if type(tag) is str and tag in Edition._value2member_map_:
            code = tag
    return _shipped(code)


def schema_findings(value: Any, *, edition: EditionLike | None = None) -> list[Finding]:
    """The ``schema.*`` findings about a parsed JSON value (empty when the schema accepts it).

    ``edition`` picks one edition's schema; by default the index schema picks it by the
    document's ``edition`` tag. Parse JSON text with :func:`disclosure_model.parse_json` first
    (numbers with a fraction or exponent as ``Decimal``), or use
    :func:`~disclosure_model.validate_json`. One
    finding per JSON Pointer: when several keywords reject one value, the first of type,
    required, additionalProperties, const, enum, minimum, pattern, format, minLength, maxLength.
    In document order; at most :data:`~disclosure_model.limits.MAX_FINDINGS`, then one
    ``limit.findings`` finding counting the rest.

    :param value: a parsed JSON document
    :param edition: validate against this edition's schema; by default the index schema picks it
    """
    code = _edition_code(edition)
    return _schema_findings(value, code, frozenset(), MAX_FINDINGS)


_COUNT_BEYOND = 10
"""Past the limit, errors are still counted, up to this many times the limit."""


def _schema_findings(
    value: Any, code: str | None, taken: Collection[str], limit: int
) -> list[Finding]:
    """The findings at pointers not in ``taken``: at most ``limit``, then one ``limit.findings``
    finding counting the rest (exactly up to ``_COUNT_BEYOND`` times the limit). A finding is
    built only for the errors kept."""
    validator = _validator(code)
    chosen: dict[str, Any] = {}
    beyond: set[str] = set()
    exact = True
    for error in validator.iter_errors(value):
        pointer = pointer_from_path(error.absolute_path)
        if pointer in taken:
            continue
        kept = chosen.get(pointer)
        if kept is None and len(chosen) >= limit:
            beyond.add(pointer)
            if len(beyond) >= _COUNT_BEYOND * limit:
                exact = False
                break
            continue
        rank = _PRIORITY.get(str(error.validator), len(_PRIORITY))
        if kept is None or rank < _PRIORITY.get(str(kept.validator), len(_PRIORITY)):
            chosen[pointer] = error
    root = _labels_root(code, value)
    found = in_document_order(
        [_finding(error, pointer, root) for pointer, error in chosen.items()], value
    )
    if beyond or not exact:
        found.append(truncated(len(beyond), exact=exact))
    return found


def validate_json(
    data: str | bytes | bytearray | os.PathLike[str] | Any,
    *,
    edition: EditionLike | None = None,
) -> list[Finding]:
    """Validate a JSON document against the shipped JSON Schema; return its findings.

    ``data`` is JSON text (``str``), UTF-8 bytes, a path (any :class:`os.PathLike`, e.g.
    :class:`pathlib.Path`; a ``str`` is always text) or an already parsed value. Never raises for
    bad input: text that is not JSON gives ``json.*`` findings (whose message says so when the
    text is the name of an existing file: pass a :class:`~pathlib.Path` for a file), a file that
    cannot be read an ``io.*`` finding, and every place the schema rejects a ``schema.*``
    finding with its JSON Pointer, what was expected and what was found. An empty list means
    the document is valid against the schema (the rules of the form are another matter: see
    :func:`disclosure_model.check`). Raises :class:`ValueError` only for an unknown ``edition``.

    :param data: JSON text (``str``, ``bytes``), a :class:`pathlib.Path` to read, or a parsed value
    :param edition: validate against this edition's schema; by default the index schema picks
        it by the document's ``edition``
    """
    from ..validation import explain_path_text

    code = _edition_code(edition)
    if isinstance(data, os.PathLike):
        name = os.fspath(data)
        try:
            data = read_file(name)
        except OSError as exc:
            return [io_finding(name, exc)]
    if isinstance(data, (str, bytes, bytearray)):
        value, findings = parse_json(data)
        if value is NOT_JSON:
            return explain_path_text(data, findings)
    else:
        value, findings = data, []
    found = [*findings, *schema_findings(value, edition=code)]
    return cap_findings(in_document_order(found, value))


def add_schema_findings(value: Any, findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` (the codec's) followed by the schema's findings that say something new.

    A schema finding is dropped when a finding already exists at its pointer, or when it lies
    inside a part already reported as having the other edition's shape.

    :param value: the parsed document
    :param findings: the findings the codec reported for it
    """
    if len(findings) >= MAX_FINDINGS:  # the codec found enough: nothing new would be listed
        return list(findings)
    taken = {f.pointer for f in findings}
    mismatched = [f.pointer + "/" for f in findings if f.code == "model.edition_mismatch"]
    merged = list(findings)
    for finding in _schema_findings(value, None, taken, MAX_FINDINGS - len(findings)):
        if any(finding.pointer.startswith(prefix) for prefix in mismatched):
            continue
        merged.append(finding)
    return merged


# --- messages ----------------------------------------------------------------------------------


def _message(f: Finding, lang: str) -> str:
    p = f.params
    title, label = p.get("title"), p.get("label_zh")
    keyword = p.get("keyword")
    if keyword == "required":
        if lang == "zh":
            return f"缺少必填键 “{p.get('key')}”" + (f"（{label}）" if label else "")
        where = f" ({title}, {label})" if title else ""
        return f"required key {p.get('key')!r} is missing{where}"
    if keyword == "additionalProperties":
        key = describe_key(str(p.get("key", "")), lang)
        if lang == "zh":
            return f"键 {key} 不在格式定义中，不允许出现"
        return f"key {key} is not allowed here (the schema has no such key)"
    if lang == "zh":
        return f"{label or '值'}应为{p.get('expected_zh')}，实际为{p.get('found_zh')}"
    where = f"{title} ({label})" if title else "value"
    return f"{where}: expected {p.get('expected_en')}, found {p.get('found_en')}"


register_messages("schema.", zh=lambda f: _message(f, "zh"), en=lambda f: _message(f, "en"))


# --- python -m disclosure_model.schema ----------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate (``--write``) or check (``--check``) the committed schema files."""
    parser = argparse.ArgumentParser(
        prog="python -m disclosure_model.schema",
        description="Generate the JSON Schema files of the report from the model.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="rewrite the schema files")
    action.add_argument(
        "--check", action="store_true", help="exit 1 if the files differ from the model"
    )
    parser.add_argument(
        "--dir",
        metavar="DIR",
        help="the schemas directory (default: the package's own, src/disclosure_model/schemas, "
        "and in a checkout the top-level schemas/ too)",
    )
    args = parser.parse_args(argv)
    dirs = [Path(args.dir)] if args.dir is not None else published_dirs()
    if args.write:
        for directory in dirs:
            for path in write(directory):
                print(path)
        return 0
    stale = [directory / relative for directory in dirs for relative in stale_files(directory)]
    for path in stale:
        print(f"out of date: {path}", file=sys.stderr)
    if stale:
        print(f"regenerate with: {REGENERATE}", file=sys.stderr)
    return 1 if stale else 0
