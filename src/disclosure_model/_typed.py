"""The fastest reader of valid JSON text, when msgspec is installed (the ``fast`` extra).

msgspec decodes JSON straight into typed structs in C, checking types and ranges as it goes. This
module generates, from the model's own metadata, msgspec struct types with exactly the model's
rules — closed objects, required keys, strict integers (no bool, no ``1.0``), non-negative counts,
years from 2019, non-empty names, six-digit division codes, dates, the enums' codes, each
edition's own tables — and, per edition, two functions:

- a *verifier*, which applies what msgspec cannot state (a kind decoded untyped — amounts, so
  that the JSON number's own digits become a ``Decimal`` and a string is refused — is read by its
  kind's own ``fast_check``, in place) and counts what the exact repeated-key check needs (the
  keys the objects hold and the colons their strings hold, see :func:`._fastpath.unique_keys`);
- a *builder*, which copies verified structs into the attrs model without checking anything twice.

A verified struct tree is a *decoded document*: it has the model's attribute names and values
(enum members, dates, ``Decimal`` amounts; ``None`` for an absent optional key) and the root
struct's class carries ``edition``, so the rules run on it exactly as on the attrs report
(:func:`disclosure_model.rules.check.check_decoded`), and the report is built only when asked for.

Anything msgspec or the verifier refuses goes to the thorough path, which finds and locates every
problem.
"""

from __future__ import annotations

import itertools
import typing
from collections.abc import Callable
from typing import Any, NamedTuple, Union

import attrs
import msgspec

from ._compiled import REGENERATE, committed
from ._fastpath import (
    Fallback,
    ObjectCode,
    compile_generated,
    identifier,
    invariants,
    plain_stores,
)
from ._numbers import json_decimal
from .enums import Edition
from .meta import METADATA_KEY, FieldInfo, ValueKind
from .report import AnnualReport, part_class

__all__ = ["Decoded", "build", "decode", "reader_source"]


class Decoded(NamedTuple):
    """A verified decoded document: the struct tree, its edition and its builders (``build``
    applies the invariants the readers do not state; ``build_stated``, for a document found to
    need none, does not)."""

    document: Any
    edition: Edition
    keys: int
    colons: int
    build: Callable[[Any], AnnualReport]
    build_stated: Callable[[Any], AnnualReport]


def _type(info: FieldInfo) -> Any:
    """The msgspec type of a scalar field (its kind's ``msgspec_type``; an enum's own class)."""
    if info.enum is not None:
        return info.enum  # msgspec decodes an enum's code into its member
    build = info.kind.spec.msgspec_type
    assert build is not None, info.kind
    return build()


def _holds_str(typ: Any) -> bool:
    """Whether a decoded value of msgspec type ``typ`` is a ``str`` (may hold a colon)."""
    if typing.get_origin(typ) is typing.Annotated:
        typ = typing.get_args(typ)[0]
    return typ is str


def _colons(values: Any) -> int:
    """The colons in a tuple of fixed strings (an enum's codes, the edition tag)."""
    return sum(str(v).count(":") for v in values)


class _Edition(NamedTuple):
    decoder_type: type
    verify: Callable[[Any, list[int]], None]
    build: Callable[[Any], AnnualReport]
    build_stated: Callable[[Any], AnnualReport]


def reader_source(edition: Edition) -> str:
    """The source of the module that reads a report of ``edition``: its msgspec struct types (the
    root tagged by ``edition``), ``ROOT`` (the root struct) and ``verify`` (its verifier).

    The declared editions' modules are generated once and committed
    (:mod:`disclosure_model._compiled`), so that a process imports their byte code; an edition
    registered at run time executes this source at first use.
    """
    head: list[str] = []  # what the structs and the verifiers read, bound once
    bound: set[str] = set()
    classes: list[str] = []
    structs: dict[type, str] = {}
    static: dict[type, int | None] = {}  # keys of a subtree with nothing to verify, else None
    verify_sources: list[str] = []

    def bind(name: str, line: str) -> str:
        if name not in bound:
            bound.add(name)
            head.append(line)
        return name

    def type_name(info: FieldInfo) -> str:
        if info.enum is not None:  # msgspec decodes an enum's code into its member
            assert "." not in info.enum.__qualname__, info.enum
            name = f"E_{identifier(info.enum)}"
            return bind(
                name, f"from {info.enum.__module__} import {info.enum.__qualname__} as {name}"
            )
        kind = info.kind.name
        return bind(f"T_{kind}", f"T_{kind} = ValueKind.{kind}.spec.msgspec_type()")

    def generate(cls: type) -> str:
        if cls in structs:
            return structs[cls]
        name = f"{cls.__name__}{edition.value}"
        assert name.isidentifier() and name not in structs.values(), name
        fields: list[str] = []
        optional_fields: list[str] = []  # msgspec wants fields with defaults last
        verify: list[str] = []
        keys = 0
        for a in attrs.fields(cls):
            info: FieldInfo = a.metadata[METADATA_KEY]
            optional = a.default is None
            if cls is AnnualReport and a.name == "edition":  # the tag of the root struct
                keys += 1
                continue
            work: list[str] = []  # what verifying the value ``v`` takes
            if info.kind is ValueKind.OBJECT:
                child_cls = part_class(a, edition)
                typ = generate(child_cls)
                if static[child_cls] is None:
                    work.append(f"verify_{identifier(child_cls)}(v, n)")
                elif optional:
                    work.append(f"n[0] += {static[child_cls]}")
                else:
                    keys += static[child_cls] or 0
            else:
                typ = type_name(info)
                built = _type(info)
                if built is Any:  # decoded untyped: the kind's own check reads the value
                    template = info.kind.spec.fast_check
                    assert template is not None, info.kind
                    for fast in info.kind.spec.fast_names:
                        bind(
                            fast,
                            f"{fast} = ValueKind.{info.kind.name}.spec.fast_names[{fast!r}]",
                        )
                    work += template.format(v="v").split("\n")
                    work.append(f"s.{a.name} = v")
                elif _holds_str(built):
                    work.append("n[1] += v.count(':')")
                elif info.enum is not None and _colons(m.value for m in info.enum):
                    table = f"K_{identifier(info.enum)}"
                    bind(table, f"{table} = {{m: m.value.count(':') for m in {typ}}}")
                    work.append(f"n[1] += {table}[v]")
            if optional:  # absent is None; null is refused by msgspec (None is no member)
                optional_fields.append(f"    {a.name}: {typ} = None")
                verify.append(f"    v = s.{a.name}")
                verify.append("    if v is not None:")
                verify.append("        n[0] += 1")
                verify += [f"        {w}" for w in work]
            else:
                fields.append(f"    {a.name}: {typ}")
                keys += 1
                if work:
                    verify.append(f"    v = s.{a.name}")
                    verify += [f"    {w}" for w in work]
        if cls is AnnualReport:
            keys_line = f"    n[0] += {keys}; n[1] += {_colons([edition.value])}"
        else:
            keys_line = f"    n[0] += {keys}"
        static[cls] = None if verify or cls is AnnualReport else keys
        if static[cls] is None:
            verify_sources.append(
                "\n".join([f"def verify_{identifier(cls)}(s, n):", keys_line, *verify])
            )
        # gc=False: a decoded tree holds values and other structs, never a cycle, so the
        # collector need not track it (msgspec allocates it faster, and a long corpus run makes
        # the collector pass less often).
        options = "forbid_unknown_fields=True, kw_only=True, gc=False"
        body = [*fields, *optional_fields]
        if cls is AnnualReport:
            # The edition is the tag; the class carries it, so the decoded root reads as a report.
            options += f", tag_field='edition', tag={edition.value!r}"
            body.append("    edition = EDITION")
        classes.append("\n".join([f"class {name}(msgspec.Struct, {options}):", *body]))
        structs[cls] = name
        return name

    root = generate(AnnualReport)
    return "\n".join(
        [
            f'"""The msgspec reader of edition {edition.value}: generated from the model by',
            f'``{REGENERATE}`` and checked by tests/test_compiled.py; do not edit."""',
            "",
            "# mypy: ignore-errors",
            "",
            "import msgspec",
            "",
            "from disclosure_model._fastpath import Fallback as F",
            "from disclosure_model.enums import Edition",
            "from disclosure_model.meta import ValueKind",
            *sorted(line for line in head if line.startswith("from ")),
            "",
            f"EDITION = Edition({edition.value!r})",
            *(line for line in head if not line.startswith("from ")),
            "",
            "",
            "\n\n\n".join(classes),
            "",
            "",
            "\n\n\n".join(verify_sources),
            "",
            "",
            f"ROOT = {root}",
            f"verify = verify_{identifier(AnnualReport)}",
            "",
        ]
    )


def _generate(edition: Edition) -> _Edition:
    """The msgspec root struct of ``edition`` (tagged by ``edition``), its verifier and builder:
    the committed module's for a declared edition, else generated now from the same source."""
    module = committed("typed", edition)
    if module is not None:
        namespace = vars(module)
    else:
        namespace = {"__name__": __name__}
        compile_generated(reader_source(edition), f"typed reader {edition.value}", namespace)
    return _Edition(
        namespace["ROOT"],
        namespace["verify"],
        _Builder(edition, checked=True),
        _Builder(edition, checked=False),
    )


class _Builder:
    """A builder generated at its first call: a run that never reads a report never pays for it
    (about half of the first validation's set-up)."""

    __slots__ = ("_checked", "_edition", "_function")

    def __init__(self, edition: Edition, *, checked: bool) -> None:
        self._edition = edition
        self._checked = checked
        self._function: Callable[[Any], AnnualReport] | None = None

    def __call__(self, struct: Any) -> AnnualReport:
        function = self._function
        if function is None:
            function = self._function = _generate_builder(self._edition, checked=self._checked)
        return function(struct)


def _generate_builder(edition: Edition, *, checked: bool) -> Callable[[Any], AnnualReport]:
    """One flat function that copies a verified struct tree into the attrs report.

    Everything it calls is bound as a default argument (a local, not a global, at each use) and
    no function is called per object: about 40 % faster than one function per class. A
    ``checked`` builder applies the invariants the readers do not state (see
    :func:`._fastpath.invariants`); the other builds a report whose document was found to need
    none (:func:`._fastpath.states_every_invariant`), so that building it later gives what
    building it at once would have given.
    """
    bound: dict[str, Any] = {}
    plain = plain_stores()
    lines: list[str] = []
    serial = itertools.count()

    def emit(cls: type, source: str, indent: str) -> str:
        """Lines that build ``cls`` from the struct in local ``source``; the object's local."""
        code = ObjectCode(cls, bound, plain=plain)
        obj = f"o{next(serial)}"
        body: list[str] = [f"{indent}{code.new(obj)}"]
        for a in attrs.fields(cls):
            info: FieldInfo = a.metadata[METADATA_KEY]
            if cls is AnnualReport and a.name == "edition":
                bound["EDITION"] = edition
                body.append(f"{indent}{code.store(obj, a.name, 'EDITION')}")
            elif info.kind is ValueKind.OBJECT:
                child = f"s{next(serial)}"
                body.append(f"{indent}{child} = {source}.{a.name}")
                if a.default is None:
                    body.append(f"{indent}if {child} is None:")
                    body.append(f"{indent}    {code.store(obj, a.name, 'None')}")
                    body.append(f"{indent}else:")
                    inner = f"{indent}    "
                else:
                    inner = indent
                lines_before = len(lines)
                lines.extend(body)
                body.clear()
                built = emit(part_class(a, edition), child, inner)
                body.extend(lines[lines_before:])
                del lines[lines_before:]
                body.append(f"{inner}{code.store(obj, a.name, built)}")
            else:
                body.append(f"{indent}{code.store(obj, a.name, f'{source}.{a.name}')}")
        body += [f"{indent}{line}" for line in code.done(obj)]
        if checked:
            namespace: dict[str, Any] = {}
            checks = invariants(cls, namespace, obj)
            bound.update(namespace)
            body += [f"{indent}{line.strip()}" for line in checks]
        lines.extend(body)
        return obj

    root = emit(AnnualReport, "s", "    ")
    defaults = ", ".join(f"{name}={name}" for name in bound)
    source = "\n".join([f"def build(s, *, {defaults}):", *lines, f"    return {root}"])
    what = "typed builder" if checked else "typed builder (invariants stated)"
    compile_generated(source, f"{what} {edition.value}", bound)
    function: Callable[[Any], AnnualReport] = bound["build"]
    return function


_Decoder = tuple[Any, dict[type, tuple[Edition, _Edition]]]
_LAST: list[Any] = [None, None, None]  # the registry's member names, decoder, newest member


def _decoder() -> _Decoder:
    """The decoder of every edition of the registry (built again if the registry changed).

    A code removed and registered again has the same name but a new member (only the newest
    edition can be removed, so the newest member tells): the decoder of the old one, whose
    documents carry the old member, is not reused.
    """
    names = Edition._member_names_
    if _LAST[0] != names or _LAST[2] is not Edition._member_map_[names[-1]]:
        _LAST[:] = [list(names), _decoder_of(tuple(Edition)), Edition._member_map_[names[-1]]]
    decoder: _Decoder = _LAST[1]
    return decoder


def _decoder_of(editions: tuple[Edition, ...]) -> _Decoder:
    """One decoder of a report of any of ``editions`` (a union tagged by ``edition``)."""
    generated = {edition: _generate(edition) for edition in editions}
    roots = tuple(g.decoder_type for g in generated.values())
    union: Any = roots[0] if len(roots) == 1 else Union[roots]  # noqa: UP007
    decoder = msgspec.json.Decoder(union, float_hook=json_decimal)
    return decoder, {g.decoder_type: (edition, g) for edition, g in generated.items()}


def decode(raw: bytes) -> Decoded:
    """Decode valid JSON text into a verified decoded document; raise :class:`Fallback` for
    anything else (including an amount msgspec decoded untyped and the model refuses).

    The document's repeated keys are not yet looked for: :func:`._fastpath.unique_keys` decides
    from ``keys`` and ``colons``.
    """
    decoder, generated = _decoder()
    try:
        struct = decoder.decode(raw)
    except (ValueError, RecursionError) as exc:  # msgspec.DecodeError is a ValueError
        raise Fallback from exc
    edition, functions = generated[type(struct)]
    counts = [0, 0]
    try:
        functions.verify(struct, counts)
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise Fallback from exc
    return _new(
        Decoded, (struct, edition, counts[0], counts[1], functions.build, functions.build_stated)
    )


_new = tuple.__new__  # a named tuple made in C (its own __new__ is Python)


def build(decoded: Decoded) -> AnnualReport:
    """The attrs report of a verified decoded document (raises :class:`Fallback` when a model
    invariant the structs do not state refuses it)."""
    try:
        return decoded.build(decoded.document)
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise Fallback from exc
