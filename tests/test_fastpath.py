"""The compiled happy path agrees with the thorough path on every document."""

from __future__ import annotations

import json
import random
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_model as dm
from disclosure_model import codec
from disclosure_model.testing import reports

from .test_schema_equivalence import mutants


def _thorough(text: str) -> dm.AnnualReport | None:
    value, findings = codec.parse_json(text)
    if findings:
        return None
    report, findings = codec._structure(value)
    return report


@given(reports())
def test_valid_documents_take_the_fast_path(report: dm.AnnualReport) -> None:
    text = dm.to_json(report)
    assert codec.quick_read(text) == report == _thorough(text)
    assert codec.quick_read(dm.to_json(report, indent=None).encode()) == report


@given(mutants())
def test_fast_path_accepts_only_what_the_thorough_path_accepts(documents: list[Any]) -> None:
    for document in documents:
        text = codec.dumps_value(document)
        fast = codec.quick_read(text)
        if fast is not None:
            assert fast == _thorough(text)


@given(reports(), st.sampled_from(["year", "edition", "organ"]))
def test_repeated_keys_leave_the_fast_path(report: dm.AnnualReport, key: str) -> None:
    text = dm.to_json(report, indent=None)
    first = text.index(f'"{key}":')
    repeated = text[:1] + text[first:].split(",")[0] + "," + text[1:] if key != "organ" else text
    if key == "organ":
        repeated = text.replace('"organ":', '"organ": {"name": "x"}, "organ":', 1)
    assert codec.quick_read(repeated) is None
    assert any(f.code == "json.duplicate_key" for f in dm.validate_document(repeated).findings)


# Each fast reader: msgspec's (the fast extra) and the standard library's.
_EVERY_READER = pytest.mark.parametrize(
    "fast",
    [
        pytest.param(
            True,
            id="msgspec",
            marks=pytest.mark.skipif(codec._msgspec is None, reason="needs the fast extra"),
        ),
        pytest.param(False, id="stdlib"),
    ],
)


def _without_msgspec(monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    if not on:
        monkeypatch.setattr(codec, "_msgspec", None)


# A repeated "year" hidden by strings that spell a quote without a quote byte, or with one, or
# a colon without a colon byte.
_HIDDEN = [
    '"source_url": "https://example.org/\\u0022:"',  # \u0022 decodes to a quote
    '"source_url": "a\\u0022:b\\u0022:c"',
    '"source_url": "\\":x"',  # an escaped quote before a colon, after an escaped backslash
    '"source_url": ":x"',  # a string that begins with a colon
    '"source_url": "x \\" : y"',
    # An escaped colon reads as one more colon than the text writes: it must not stand in for
    # the repeated key's colon.
    '"source_url": "https\\u003a//example.org/"',
    '"source_url": "a\\u003Ab:c"',
    '"source_url": "\\\\u003a"',  # an escaped backslash, then the letters u003a
]


@_EVERY_READER
@pytest.mark.parametrize("hidden", _HIDDEN)
def test_a_repeated_key_is_refused_on_every_path(
    monkeypatch: pytest.MonkeyPatch, fast: bool, hidden: str
) -> None:
    _without_msgspec(monkeypatch, fast)
    report = dm.load("examples/example-city-2023.json")
    text = dm.to_json(report, indent=None)
    assert '"source_url"' in text
    head, _, tail = text.partition('"source_url":')
    tail = tail.split(",", 1)[1]
    repeated = f'{head}"year": {report.year}, {hidden},{tail}'
    json.loads(repeated)  # still JSON
    with pytest.raises(dm.DocumentError) as raised:
        dm.from_json(repeated)
    assert "json.duplicate_key" in [f.code for f in raised.value.findings]
    result = dm.validate_document(repeated)
    assert not result.valid
    assert [f.pointer for f in result.findings if f.code == "json.duplicate_key"] == ["/year"]
    # ... while the same text without the repeated key is read, on the fast path or not.
    single = f"{head}{hidden},{tail}"
    assert dm.from_json(single).source_url == json.loads(single)["source_url"]


def test_quotes_and_colons_in_text_stay_on_the_fast_path() -> None:
    report = dm.load("examples/example-city-2023.json")
    assert report.narrative is not None
    quoted = dm.to_json(
        dm.AnnualReport(
            **{
                **{
                    a: getattr(report, a)
                    for a in (
                        "edition",
                        "year",
                        "organ",
                        "published_on",
                        "source_url",
                        "proactive_disclosure",
                        "requests",
                        "reviews_and_litigation",
                    )
                },
                "narrative": dm.Narrative(overview='他说"标题": 内容 "x":'),
            }
        )
    )
    assert codec.quick_read(quoted) is not None


# --- documents in non-canonical spellings -------------------------------------------------------

_SPACES = ["", "", "", " ", "\n  ", "\t", "\r\n"]


def _string(rnd: random.Random, text: str) -> str:
    out = ['"']
    for char in text:
        spelled = {'"': '\\"', "\\": "\\\\"}.get(char) or (
            char if ord(char) >= 0x20 else f"\\u{ord(char):04x}"
        )
        choice = rnd.randrange(6)
        if choice == 0 and ord(char) < 0x10000:
            spelled = f"\\u{ord(char):04x}"
        elif choice == 1 and char == "/":
            spelled = "\\/"
        out.append(spelled)
    out.append('"')
    return "".join(out)


def _spell(rnd: random.Random, value: Any, repeat: list[bool]) -> str:
    """``value`` as JSON text: random whitespace, key order and escapes; maybe a repeated key."""
    if isinstance(value, dict):
        items = list(value.items())
        if rnd.random() < 0.5:
            rnd.shuffle(items)
        if items and not repeat[0] and rnd.random() < 0.04:
            repeat[0] = True
            items.insert(rnd.randrange(len(items) + 1), rnd.choice(items))
        space = rnd.choice(_SPACES) if rnd.random() < 0.3 else ""
        parts = [
            space + _string(rnd, key) + space + ":" + space + _spell(rnd, item, repeat)
            for key, item in items
        ]
        return "{" + ",".join(parts) + space + "}"
    if isinstance(value, str):
        return _string(rnd, value)
    return codec.dumps_value(value, indent=None)


@settings(max_examples=60)  # each example reads a document four ways
@given(st.integers(0, 2**32), reports() | mutants().map(lambda ds: ds[0]))
def test_non_canonical_spellings_get_the_same_verdict_on_every_path(seed: int, source: Any) -> None:
    rnd = random.Random(seed)
    document = dm.to_dict(source) if isinstance(source, dm.AnnualReport) else source
    repeat = [False]
    text = _spell(rnd, document, repeat)
    raw = text.encode("utf-8", "surrogatepass")
    thorough = _thorough(raw)  # type: ignore[arg-type]
    for fast in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            if not fast:
                patch.setattr(codec, "_msgspec", None)
            quick = codec.quick_read(raw)
            assert quick is None or quick == thorough
            if repeat[0]:
                assert quick is None
                result = dm.validate_document(raw)
                assert any(f.code == "json.duplicate_key" for f in result.findings)
            elif isinstance(source, dm.AnnualReport):
                assert quick == source == thorough  # valid, however spelled: the fast path


# --- the fast path applies every invariant the constructors apply --------------------------------


@_EVERY_READER
def test_an_invariant_added_to_the_model_runs_on_the_fast_path(
    monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    report = dm.load("examples/example-city-2023.json")
    text = dm.to_json(report).replace(report.organ.name, "某机关")
    assert codec.quick_read(text) is not None
    original = dm.AnnualReport.__attrs_post_init__

    def stricter(self: dm.AnnualReport) -> None:
        original(self)
        if self.organ.name == "某机关":
            raise ValueError("an invariant added later refuses this organ")

    assert dm.validate_document(text).valid
    monkeypatch.setattr(dm.AnnualReport, "__attrs_post_init__", stricter)
    _without_msgspec(monkeypatch, fast)
    assert codec.quick_read(text) is None
    with pytest.raises(dm.DocumentError):
        dm.from_json(text)
    # validation, which need not build the report, applies it too
    result = dm.validate_document(text)
    assert not result.valid and result.report is None
    assert [(f.code, f.message("en")) for f in result.findings] == [
        ("model.invalid", "an invariant added later refuses this organ")
    ]
    with pytest.raises(ValueError, match="added later"):
        attrs.evolve(report, organ=dm.Organ(name="某机关"))


def test_generated_readers_call_validators_they_do_not_inline() -> None:
    from disclosure_model._fastpath import identifier, invariants

    @attrs.frozen
    class Extra:
        n: int = attrs.field(validator=attrs.validators.ge(0))

    namespace: dict[str, Any] = {}
    ident = identifier(Extra)
    assert invariants(Extra, namespace) == [f"    V_{ident}_n(o, A_{ident}_n, o.n)"]
    assert namespace[f"V_{ident}_n"] is attrs.fields(Extra).n.validator
    assert invariants(dm.ApplicantRow, {}) == []  # the model's own checks are inlined
    # The report's own post-init is stated by the readers (it carries their mark): called only
    # when one without the mark is in its place.
    namespace: dict[str, Any] = {}
    (line,) = invariants(dm.AnnualReport, namespace)
    ident = identifier(dm.AnnualReport)
    assert line == (
        f"    if not getattr(C_{ident}.__attrs_post_init__, INLINED_MARK, False):"
        " o.__attrs_post_init__()"
    )
    assert namespace[f"C_{ident}"] is dm.AnnualReport


def test_generated_code_is_debuggable() -> None:
    import linecache

    from disclosure_model import _fastpath

    reader = _fastpath._reader(dm.Edition.E2021)
    filename = reader.__code__.co_filename
    assert filename.startswith("<disclosure_model generated reader 2021 #")
    source = "".join(linecache.getlines(filename))
    assert f"def {reader.__name__}(d, keys):" in source
    assert reader.__name__ == "read_disclosure_model_report_AnnualReport"
    writer = codec._writer(dm.ApplicantRow)
    assert linecache.getlines(writer.__code__.co_filename)
    assert writer.__code__.co_filename != reader.__code__.co_filename


# --- the escaped-colon guard of the repeated-key check --------------------------------------------

_PIECES = [":", "a", "\\", '"', "中", "\n", "u003a", "u003A", "/", "\\u003a"]


@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.integers(0, 3)), max_size=40))
def test_the_escape_guard_finds_exactly_the_escaped_colons(pieces: list[tuple[str, int]]) -> None:
    from disclosure_model._fastpath import escapes_a_colon

    out, escaped = ['"'], False
    for text, how in pieces:
        for char in text:
            if char == ":" and how == 0:
                out.append("\\u003a" if len(out) % 2 else "\\u003A")
                escaped = True
            elif char in '"\\' or char == "\n" or (how == 1 and char != ":"):
                out.append(f"\\u{ord(char):04x}" if how == 1 else json.dumps(char)[1:-1])
            else:
                out.append(char)
    out.append('"')
    raw = "".join(out).encode()
    assert json.loads(raw).count(":") == "".join(t for t, _ in pieces).count(":")
    if raw.count(b"\\") <= 64:  # visited escape by escape: exact
        assert escapes_a_colon(raw) is escaped
    else:  # one search: never misses one
        assert escapes_a_colon(raw) or not escaped


def _nodes(value: Any) -> list[Any]:
    """Every attrs object of a report, the report first."""
    found: list[Any] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if attrs.has(type(item)):
            found.append(item)
            stack.extend(getattr(item, a.name) for a in attrs.fields(type(item)))
        elif isinstance(item, tuple):
            stack.extend(item)
    return found


@_EVERY_READER
@settings(max_examples=25)
@given(report=reports())
def test_fast_readers_build_frozen_objects_of_the_model_classes(
    fast: bool, report: dm.AnnualReport
) -> None:
    # The readers build each object as its building class (plain slot stores), then make it an
    # instance of the model class itself: nothing of the building class may remain.
    text = dm.to_json(report)
    with pytest.MonkeyPatch.context() as patch:
        _without_msgspec(patch, fast)
        read = codec.quick_read(text)
    assert read is not None
    nodes = _nodes(read)
    assert len(nodes) == len(_nodes(report)) > 1
    for node, expected in zip(nodes, _nodes(report), strict=True):
        assert type(node) is type(expected)
        name = attrs.fields(type(node))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(node, name, getattr(node, name))
    assert read == report
    assert hash(read) == hash(report)


def test_a_building_class_has_its_model_class_layout() -> None:
    from disclosure_model._fastpath import building_class

    for cls in (dm.AnnualReport, dm.Organ):
        building = building_class(cls)
        assert building is building_class(cls)  # one per class
        assert building.__bases__ == (cls,)
        assert building.__name__ == f"_Building{cls.__name__}" != cls.__name__
        assert building.__basicsize__ == cls.__basicsize__
        assert building.__dict__["__slots__"] == ()
        # Both, or the type's set-attribute slot stays generic and no store is specialized.
        assert building.__dict__["__setattr__"] is object.__setattr__
        assert building.__dict__["__delattr__"] is object.__delattr__
        with pytest.raises(TypeError, match="only builds objects inside"):
            building(name="x")
        obj = object.__new__(building)
        name = attrs.fields(cls)[1].name
        setattr(obj, name, "x")  # a plain store: not frozen
        obj.__class__ = cls  # the layouts are one
        assert type(obj) is cls
        assert getattr(obj, name) == "x"
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, name, "y")


@_EVERY_READER
def test_invariants_run_on_finished_objects_of_the_model_classes(
    monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    # A post-init without the readers' mark runs in the generated code (the checked builder):
    # by then the object and its parts must be instances of the model classes, and frozen.
    text = dm.to_json(dm.load("examples/example-city-2023.json"))
    seen: list[tuple[type, type, bool]] = []
    original = dm.AnnualReport.__attrs_post_init__

    def watching(self: dm.AnnualReport) -> None:
        original(self)
        try:
            object.__getattribute__(self, "__setattr__")("year", 1)
            frozen = False
        except attrs.exceptions.FrozenInstanceError:
            frozen = True
        seen.append((type(self), type(self.organ), frozen))

    monkeypatch.setattr(dm.AnnualReport, "__attrs_post_init__", watching)
    _without_msgspec(monkeypatch, fast)
    report = codec.quick_read(text)
    assert report is not None
    assert seen == [(dm.AnnualReport, dm.Organ, True)]


@_EVERY_READER
def test_descriptor_stores_build_what_plain_stores_build(
    monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    # Without the GIL (free-threaded CPython) the readers write fields through the slots'
    # descriptors instead of building classes: the same reports.
    from disclosure_model import _fastpath

    raw = dm.to_json(dm.load("examples/example-city-2023.json")).encode()
    edition = dm.Edition("2021")

    def read(plain: bool) -> Any:
        with pytest.MonkeyPatch.context() as patch:
            if fast:
                from disclosure_model import _typed

                patch.setattr(_typed, "plain_stores", lambda: plain)
                decoded = _typed.decode(raw)
                return _typed._generate_builder(edition, checked=True)(decoded.document)
            patch.setattr(_fastpath, "plain_stores", lambda: plain)
            reader = _fastpath._generate_reader(edition)
            return reader(codec._quick_parse(raw), [0, 0])

    plain, by_descriptor = read(True), read(False)
    assert plain == by_descriptor == dm.from_json(raw)
    assert [type(n) for n in _nodes(plain)] == [type(n) for n in _nodes(by_descriptor)]


def test_plain_stores_follow_the_gil(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from disclosure_model._fastpath import plain_stores

    monkeypatch.setattr(sys, "_is_gil_enabled", lambda: False, raising=False)
    assert plain_stores() is False
    monkeypatch.setattr(sys, "_is_gil_enabled", lambda: True)
    assert plain_stores() is True
    monkeypatch.delattr(sys, "_is_gil_enabled")
    assert plain_stores() is True  # before 3.13: always a GIL
