"""The happy path of reading and checking, compiled from the model's declarations.

Most documents a user validates are valid. For them, reading and checking need no error
collection: this module generates, once per edition and at first use, one plain Python function
that reads a parsed document straight into the attrs model (type and range checks inline, no
per-field hook calls, no second validation in ``__init__``), and one that evaluates every sum rule
of the edition. Both are generated from the same metadata and declarations as the slow, thorough
path (:mod:`.codec`, :mod:`.rules.engine`), the way attrs and cattrs generate their own code.

The reader gives up at the first problem (:class:`Fallback`); the caller then takes the thorough
path, which finds and locates every problem. Equivalence of the two paths is a property test.
"""

from __future__ import annotations

import itertools
import json
import linecache
import re
import sys
from collections import Counter
from collections.abc import Callable
from functools import cache
from types import SimpleNamespace
from typing import Any

import attrs

from ._compiled import REGENERATE, committed
from .enums import Edition
from .meta import _INLINED, METADATA_KEY, FieldInfo, ValueKind
from .report import AnnualReport, part_class

__all__ = [
    "INLINED",
    "Fallback",
    "ObjectCode",
    "building_class",
    "compile_generated",
    "escapes_a_colon",
    "has_repeated_keys",
    "identifier",
    "invariants",
    "model_classes",
    "plain_stores",
    "read_report",
    "states_every_invariant",
    "sum_function",
    "sums_module",
    "sums_source",
    "unique_keys",
]


class Fallback(Exception):
    """The fast reader met something it does not accept; the thorough path takes over."""


_ESCAPED_COLON = re.compile(rb"\\u003[aA]")


def unique_keys(raw: bytes, keys: int, colons: int) -> bool:
    """Whether JSON text, read without error into the model's objects, repeats no key: exact.

    ``keys`` is the number of keys the read objects hold (a repeated key is one of them) and
    ``colons`` the number of colons in the read strings. In JSON text a colon outside a string
    ends a key, so the text's colons are its keys plus the colons written inside its strings; and
    a string's colons are written as they read unless one is escaped (``\\u003a``). So, when no
    colon is escaped, the text repeats no key exactly when its colons number ``keys + colons``:
    one pass over the bytes (no escape, ``\\u0022`` or ``\\"``, can hide a key, since only
    the key's closing colon is counted and a colon cannot be written in JSON any other way). A
    text whose strings read a colon and which escapes one is decided by a second, exact parse
    (:func:`has_repeated_keys`).
    """
    if colons and escapes_a_colon(raw):
        return not has_repeated_keys(raw)
    return len(raw) - len(raw.replace(b":", b"")) == keys + colons


_FEW_ESCAPES = 64  # this many escapes are visited one by one (memchr per step), then one search
_COLON_CODES = (b"003a", b"003A")


def escapes_a_colon(raw: bytes) -> bool:
    """Whether valid JSON text writes a colon as an escape (``\\u003a`` or ``\\u003A``).

    Every backslash of valid JSON text starts an escape or is the escaped backslash of one: the
    escapes are visited from the first backslash on, each skipped whole, so an escaped backslash
    followed by the letters ``u003a`` is not taken for an escape. After the first
    ``_FEW_ESCAPES`` escapes (a text that escapes every non-ASCII character has thousands), the
    rest of the text is searched once with a regular expression, which may also answer true for
    that escaped-backslash spelling: a second parse then decides. Nothing is copied.
    """
    find = raw.find
    last = len(raw) - 1  # a backslash found before the last byte has a byte after it
    i = find(b"\\", 0, last)
    for _ in range(_FEW_ESCAPES):
        if i < 0:
            return False
        if raw[i + 1] == 0x75:  # u
            if raw[i + 2 : i + 6] in _COLON_CODES:
                return True
            i = find(b"\\", i + 6, last)
        else:
            i = find(b"\\", i + 2, last)
    return i >= 0 and _ESCAPED_COLON.search(raw, i) is not None


class _Repeated(Exception):
    pass


def _refuse_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Repeated
    return result


def has_repeated_keys(raw: bytes) -> bool:
    """Whether valid JSON text has an object with a repeated key: exact, by parsing it again.

    Slower than :func:`unique_keys` (a second parse of the text); for the texts that escape a
    colon.
    """
    try:
        json.loads(raw, object_pairs_hook=_refuse_repeats)
    except (_Repeated, ValueError, RecursionError):  # undecided texts count as repeating
        return True
    return False


# --- what generated code shares: names, source registration, invariants --------------------------

INLINED = _INLINED
"""Marks the model's own validators and converters, whose checks generated readers inline."""

_SERIAL = itertools.count(1)


def identifier(cls: type) -> str:
    """A Python identifier naming ``cls`` by its qualified name (two classes never share one)."""
    return re.sub(r"\W", "_", f"{cls.__module__}.{cls.__qualname__}")


def compile_generated(source: str, what: str, namespace: dict[str, Any]) -> None:
    """Execute generated ``source`` into ``namespace``, under a unique file name registered in
    :mod:`linecache` (as attrs and cattrs do), so that tracebacks, debuggers and ``inspect``
    show the generated lines."""
    filename = f"<disclosure_model generated {what} #{next(_SERIAL)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec", dont_inherit=True), namespace)  # no __future__ of ours


_BUILDING: dict[type, type] = {}


def _refuse_construction(self: Any, *args: Any, **kwargs: Any) -> None:
    raise TypeError(
        f"{type(self).__qualname__} only builds objects inside disclosure_model's readers; "
        f"construct {type(self).__mro__[1].__qualname__} instead"
    )


def building_class(cls: type) -> type:
    """The class an instance of the frozen slotted ``cls`` is built as by generated readers.

    It is a subclass of ``cls`` that adds no slot and puts back ``object``'s own
    ``__setattr__`` and ``__delattr__`` (both: they share one slot of the type, which stays
    generic, and unspecialized, while either is the frozen class's). Its instances have ``cls``'s
    layout and fields, and a plain ``o.field = value`` writes a slot, a store CPython 3.11+
    specializes: about a third of the cost of calling the slot's descriptor, the cheapest way
    into a frozen instance. A reader creates ``o`` as this class, writes its fields, then makes
    it a ``cls`` with ``o.__class__ = cls`` (allowed: one layout) before anything else runs on
    it. One per class, named ``_Building<name>``; it shows in ``cls.__subclasses__()``, and
    calling it raises :class:`TypeError` (only the readers make its instances).
    """
    building = _BUILDING.get(cls)
    if building is None:
        name = f"_Building{cls.__name__}"
        namespace = {
            "__slots__": (),
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__init__": _refuse_construction,
            "__module__": __name__,
            "__qualname__": name,
        }
        building = _BUILDING.setdefault(cls, type(name, (cls,), namespace))
    return building


def plain_stores() -> bool:
    """Whether generated readers build objects as their :func:`building_class`: not on a
    free-threaded CPython running without the GIL, where each ``__class__`` assignment stops
    every other thread; there, each field is written through its slot's descriptor."""
    gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return gil_enabled is None or bool(gil_enabled())


class ObjectCode:
    """The statements generated readers build an instance of a model class with (see
    :func:`plain_stores`): :meth:`new`, a :meth:`store` per field, then :meth:`done` (before
    any invariant runs on it). What they call is bound into ``namespace``."""

    __slots__ = ("_ident", "_plain", "cls", "namespace")

    def __init__(self, cls: type, namespace: dict[str, Any], *, plain: bool) -> None:
        self.cls = cls
        self.namespace = namespace
        self._plain = plain
        self._ident = identifier(cls)
        namespace["NEW"] = object.__new__
        namespace[f"C_{self._ident}"] = cls
        if plain:
            namespace[f"B_{self._ident}"] = building_class(cls)

    def new(self, obj: str) -> str:
        """The statement that makes ``obj`` an object whose fields are not yet written."""
        return f"{obj} = NEW({'B' if self._plain else 'C'}_{self._ident})"

    def store(self, obj: str, field: str, value: str) -> str:
        """The statement that writes ``value`` (an expression) into ``obj``'s ``field``."""
        if self._plain:
            return f"{obj}.{field} = {value}"
        setter = f"S_{self._ident}_{field}"
        self.namespace[setter] = self.cls.__dict__[field].__set__
        return f"{setter}({obj}, {value})"

    def done(self, obj: str) -> list[str]:
        """The statements, after the last store, that make ``obj`` an instance of the class."""
        return [f"{obj}.__class__ = C_{self._ident}"] if self._plain else []


def invariants(cls: type, namespace: dict[str, Any], obj: str = "o") -> list[str]:
    """The statements that apply, to a built instance ``obj`` of ``cls``, every invariant its
    constructor applies beyond the checks generated readers inline: any other field validator,
    and ``__attrs_post_init__``. Raises :class:`TypeError` for a converter readers cannot
    apply."""
    lines: list[str] = []
    ident = identifier(cls)
    for a in attrs.fields(cls):
        if a.converter is not None and not getattr(a.converter, INLINED, False):
            raise TypeError(f"{cls.__qualname__}.{a.name}: a converter the fast readers lack")
        if a.validator is not None and not getattr(a.validator, INLINED, False):
            namespace[f"V_{ident}_{a.name}"] = a.validator
            namespace[f"A_{ident}_{a.name}"] = a
            lines.append(f"    V_{ident}_{a.name}({obj}, A_{ident}_{a.name}, {obj}.{a.name})")
    if getattr(cls, "__attrs_post_init__", None) is not None:
        # What the model's own post-init checks, generated readers state (each edition's own
        # part classes): it carries the INLINED mark. One put in its place (a test's) has no
        # mark, and runs; the mark is read at each call, so a later swap is seen.
        namespace[f"C_{ident}"] = cls
        namespace["INLINED_MARK"] = INLINED
        lines.append(
            f"    if not getattr(C_{ident}.__attrs_post_init__, INLINED_MARK, False):"
            f" {obj}.__attrs_post_init__()"
        )
    return lines


def model_classes(edition: Edition) -> tuple[type, ...]:
    """Every class a report of ``edition`` is made of, the report's first."""
    found: list[type] = []

    def visit(cls: type) -> None:
        if cls in found:
            return
        found.append(cls)
        for a in attrs.fields(cls):
            if a.metadata[METADATA_KEY].kind is ValueKind.OBJECT:
                visit(part_class(a, edition))

    visit(AnnualReport)
    return tuple(found)


@cache
def _invariant_sources(edition: Edition) -> tuple[bool, tuple[type, ...]]:
    """Whether a class of ``edition`` has a field validator the readers do not state, and the
    classes that have a post-init."""
    validators = False
    posts: list[type] = []
    for cls in model_classes(edition):
        validators = validators or any(
            a.validator is not None and not getattr(a.validator, INLINED, False)
            for a in attrs.fields(cls)
        )
        if getattr(cls, "__attrs_post_init__", None) is not None:
            posts.append(cls)
    return validators, tuple(posts)


def states_every_invariant(edition: Edition) -> bool:
    """Whether reading a document of ``edition`` checks every invariant the model's constructors
    check, so that a read document is valid without building the report (false when a field
    validator or a post-init the readers do not state exists, or one was put in place of the
    model's own; then the report is built to apply it)."""
    validators, posts = _invariant_sources(edition)
    if validators:
        return False
    for cls in posts:  # noqa: SIM110 (a loop, not all() of a generator: once per document)
        if not getattr(cls.__attrs_post_init__, INLINED, False):  # type: ignore[attr-defined]
            return False
    return True


def _check_lines(kind: ValueKind, v: str, indent: str) -> list[str]:
    template = kind.spec.fast_check
    assert template is not None, kind
    return [indent + line for line in template.format(v=v).split("\n")]


def _generate_reader(edition: Edition) -> Callable[[Any, list[int]], AnnualReport]:
    """Generate the reader of a whole report of ``edition``."""
    namespace: dict[str, Any] = {"F": Fallback}
    plain = plain_stores()
    for kind in ValueKind:  # the functions the kinds' checks call
        namespace.update(kind.spec.fast_names)
    sources: list[str] = []
    done: dict[type, str] = {}

    def generate(cls: type) -> str:
        if cls in done:
            return done[cls]
        ident = identifier(cls)
        name = f"read_{ident}"
        done[cls] = name
        code = ObjectCode(cls, namespace, plain=plain)
        lines = [f"def {name}(d, keys):", "    if d.__class__ is not dict: raise F"]
        fields = attrs.fields(cls)
        required = sum(1 for a in fields if a.default is not None)
        has_optional = required < len(fields)
        if has_optional:
            lines.append(f"    n = {required}")
        assigns = []
        for i, a in enumerate(fields):
            info: FieldInfo = a.metadata[METADATA_KEY]
            v = f"v{i}"
            indent = "    "
            if a.default is None:
                lines.append(f"    {v} = d.get({a.name!r})")
                lines.append(f"    if {v} is not None:")
                indent = "        "
                lines.append(f"{indent}n += 1")
            else:
                lines.append(f"    {v} = d[{a.name!r}]")
            if info.kind is ValueKind.OBJECT:
                child = generate(part_class(a, edition))
                lines.append(f"{indent}{v} = {child}({v}, keys)")
            elif info.kind is ValueKind.ENUM:
                assert info.enum is not None
                if cls is AnnualReport and a.name == "edition":
                    namespace["EDITION"] = edition
                    lines.append(f"{indent}if {v} != EDITION.value: raise F")
                    lines.append(f"{indent}{v} = EDITION")
                    if ":" in edition.value:
                        lines.append(f"{indent}keys[1] += {edition.value.count(':')}")
                else:
                    table = f"E_{identifier(info.enum)}"
                    namespace[table] = {m.value: m for m in info.enum}
                    lines.append(
                        f"{indent}{v} = {table}.get({v}) if {v}.__class__ is str else None"
                    )
                    lines.append(f"{indent}if {v} is None: raise F")
                    if any(":" in m.value for m in info.enum):
                        lines.append(f"{indent}keys[1] += {v}.value.count(':')")
            else:
                lines += _check_lines(info.kind, v, indent)
                if (info.kind.spec.json_schema or {}).get("type") == "string":
                    # the colons a string holds, for the exact repeated-key check
                    lines.append(f"{indent}if {v}.__class__ is str: keys[1] += {v}.count(':')")
            assigns.append(f"    {code.store('o', a.name, v)}")
        count = "n" if has_optional else str(required)
        # An unknown key, or null for an optional one, leaves the count short of len(d).
        lines.append(f"    if {count} != len(d): raise F")
        lines.append(f"    keys[0] += {count}")
        lines.append(f"    {code.new('o')}")
        lines += assigns
        lines += [f"    {line}" for line in code.done("o")]
        lines += invariants(cls, namespace)
        lines.append("    return o")
        sources.append("\n".join(lines))
        return name

    root = generate(AnnualReport)
    source = "\n\n".join(reversed(sources))
    compile_generated(source, f"reader {edition.value}", namespace)
    reader: Callable[[Any, list[int]], AnnualReport] = namespace[root]
    return reader


_READERS: dict[str, tuple[Edition, Callable[[Any, list[int]], AnnualReport]]] = {}


def _reader(edition: Edition) -> Callable[[Any, list[int]], AnnualReport]:
    """The reader of ``edition``, generated once per member: a code removed and registered again
    is a new member (equal to the old one), whose reports must not carry the old member; its
    reader replaces the old one's (one kept per code)."""
    kept = _READERS.get(edition.value)
    if kept is None or kept[0] is not edition:
        kept = _READERS[edition.value] = (edition, _generate_reader(edition))
    return kept[1]


_EDITIONS: dict[str, Any] = Edition._value2member_map_  # the registry, read at call time


def read_report(value: Any) -> tuple[AnnualReport, int, int]:
    """Read a parsed document into the model, or raise :class:`Fallback`.

    Returns the report, the number of keys in the document's objects and the number of colons
    in its strings (see :func:`unique_keys`).
    """
    if value.__class__ is not dict:
        raise Fallback
    code = value.get("edition")
    edition = _EDITIONS.get(code) if code.__class__ is str else None
    if edition is None:
        raise Fallback
    keys = [0, 0]
    try:
        report = _reader(edition)(value, keys)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise Fallback from exc
    return report, keys[0], keys[1]


def _sums_function(checks: tuple[Any, ...]) -> str:
    """The source of one function, ``failing(r)``, that returns the indices of the failing sum
    checks (expanded or compiled: it reads their ``path``, ``relation`` and terms' ``path`` and
    ``sign``)."""
    paths: dict[str, str] = {}
    lines = ["def failing(r):", "    failed = []"]

    def local(path: str) -> str:
        if path in paths:
            return paths[path]
        head, _, last = path.rpartition("/")
        parent = local(head) if head else "r"
        name = f"x{len(paths)}"
        paths[path] = name
        lines.append(f"    {name} = {parent}.{last}")
        return name

    ops = {"=": "==", "≤": "<=", "≥": ">="}
    for index, check in enumerate(checks):
        target = local(check.path)
        terms = " ".join(f"{'-' if t.sign < 0 else '+'} {local(t.path)}" for t in check.terms)
        terms = terms.removeprefix("+ ") or "0"
        lines.append(
            f"    if not ({target} {ops[check.relation.value]} {terms}): failed.append({index})"
        )
    lines.append("    return failed")
    return "\n".join(lines)


def sums_source(edition: Edition) -> str:
    """The source of the module of ``edition``'s single-report sum checks: ``failing(r)`` (see
    :func:`sum_function`) and ``COUNTS``, the number of checks per rule code (the clean-run
    statistics). The declared editions' modules are committed (:mod:`disclosure_model._compiled`);
    an edition registered at run time executes this source at first use."""
    from .rules.engine import report_sums

    checks = report_sums(edition)
    counts = dict(Counter(check.code for check in checks))
    return "\n".join(
        [
            f'"""The single-report sum checks of edition {edition.value}: generated from their '
            "declarations by",
            f'``{REGENERATE}`` and checked by tests/test_compiled.py; do not edit."""',
            "",
            "# mypy: ignore-errors",
            "",
            "",
            _sums_function(checks),
            "",
            "",
            f"COUNTS = {counts!r}",
            "",
        ]
    )


@cache
def sums_module(edition: Edition) -> Any:
    """The module (or namespace) of ``edition``'s sum checks: committed for a declared edition,
    else generated now (see :func:`sums_source`)."""
    module = committed("sums", edition)
    if module is not None:
        return module
    namespace: dict[str, Any] = {"__name__": __name__}
    compile_generated(sums_source(edition), f"sums {edition.value}", namespace)
    return SimpleNamespace(**namespace)  # read by attribute, as the module is


def sum_function(edition: Edition) -> Callable[[Any], list[int]]:
    """The function that gives the indices (into ``report_checks(edition)``) of the single-report
    sum checks failing on a report or a decoded document of ``edition`` (both read by attribute,
    with the same names)."""
    function: Callable[[Any], list[int]] = sums_module(edition).failing
    return function
