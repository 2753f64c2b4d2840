"""The JSON Schema and the model accept exactly the same documents.

Both directions, as properties: every valid generated report, dumped, is schema-valid; and
documents derived from valid ones by random mutations get the same verdict from the schema (the
library's validator: strict integers, asserted ``format``) and from the codec. Any disagreement is
a bug in one of them.

Mutations are aimed: a value is replaced by a near miss *for its kind* (a count by ``1.0``,
``-1``, ``"1"``, ``True``; a date by ``2021-02-30``; a division code by ``"123456\\n"`` …), keys are
dropped and added, parts are grafted where other parts belong, and tables of the other edition are
swapped in.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import event, given, note
from hypothesis import strategies as st
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource

import disclosure_model as dm
from disclosure_model.codec import _structure, dumps_value
from disclosure_model.meta import METADATA_KEY, FieldInfo, ValueKind
from disclosure_model.schema import load_schema, schema_findings, validate_json
from disclosure_model.testing import consistent_reports, reports

from .conftest import EXAMPLES

# --- verdicts ------------------------------------------------------------------------------------


def _describe(findings: list[dm.Finding]) -> str:
    return "; ".join(f"{f.pointer} {f.code}" for f in findings) or "none"


def _codec_reads(text: str) -> bool:
    try:
        dm.from_json(text)
    except dm.DocumentError:
        return False
    return True


def _plain_validator() -> Draft7Validator:
    """Stock jsonschema on the shipped files: what an integrator in Python would use."""
    schemas = [load_schema(e) for e in ("2019", "2021")]
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas
    )
    return Draft7Validator(load_schema(), registry=registry, format_checker=FormatChecker())


PLAIN = _plain_validator()


def assert_same_verdict(document: Any) -> bool:
    """The codec and the schema agree on ``document``, parsed and as JSON text; the verdict."""
    _, model = _structure(document)
    schema = schema_findings(document)
    assert (not model) == (not schema), f"model: {_describe(model)} | schema: {_describe(schema)}"
    # The same from JSON text: both sides parse it the codec's way (a number with a fraction or
    # exponent is a Decimal, never a count) ...
    text = dumps_value(document)
    text_ok = _codec_reads(text)
    assert text_ok == (validate_json(text) == []), text
    # ... and whatever a stock validator rejects, the model rejects too (the stock validator is
    # only more lenient: it takes 1.0 for an integer, see docs/schema.md).
    try:
        parsed = json.loads(text)
    except ValueError:  # NaN, Infinity: not JSON
        return not model
    if not PLAIN.is_valid(parsed):
        assert not text_ok, text
    return not model


# --- valid reports are schema-valid --------------------------------------------------------------


@given(st.one_of(reports(), consistent_reports()))
def test_every_valid_report_is_schema_valid(report: dm.AnnualReport) -> None:
    document = dm.to_dict(report)
    assert schema_findings(document) == []
    assert schema_findings(document, edition=report.edition) == []
    text = dm.to_json(report)
    assert validate_json(text) == []
    # ... and a stock validator, reading the text as most languages do (amounts as floats).
    assert [e.message for e in PLAIN.iter_errors(json.loads(text))] == []


# --- near misses, per kind of value --------------------------------------------------------------

_CLASSES = (
    dm.AnnualReport,
    dm.Organ,
    dm.Narrative,
    dm.ProactiveDisclosure2019,
    dm.ProactiveDisclosure2021,
    dm.DocumentCounts2019,
    dm.DocumentCounts2021,
    dm.ItemCounts,
    dm.FeeItems,
    dm.FeeAmount,
    dm.DecisionCount,
    dm.Procurement,
    dm.Requests,
    dm.Outcomes,
    dm.Withheld,
    dm.Unavailable,
    dm.NotProcessed,
    dm.OtherOutcomes,
    dm.ApplicantRow,
    dm.ReviewsAndLitigation,
    dm.ReviewGroup,
)

# Every key of the contract with the scalar field(s) it names ("other" is a count in Table 四 and
# a row group in Table 三: only scalar fields are listed).
_SCALARS: dict[str, FieldInfo] = {}
for _cls in _CLASSES:
    for _a in attrs.fields(_cls):
        _info: FieldInfo = _a.metadata[METADATA_KEY]
        if _info.kind is not ValueKind.OBJECT:
            _SCALARS.setdefault(_a.name, _info)
_ALL_KEYS = sorted({a.name for cls in _CLASSES for a in attrs.fields(cls)})
_OPTIONAL = {a.name for cls in _CLASSES for a in attrs.fields(cls) if a.default is None}

# Values of any kind. Some are mutable (lists, objects): strategies hand out fresh copies, since a
# later mutation may change a value it finds in the document in place.
_ANYTHING: tuple[Any, ...] = (None, True, False, [], [1], {}, {"total": 0}, "", "1")
_NEAR: dict[ValueKind, list[Any]] = {
    ValueKind.COUNT: [0, 1, -1, 10**300, -(10**300), 1.0, 1.5, -0.0, Decimal("1.0")],
    ValueKind.SIGNED_COUNT: [0, -1, -(10**300), 1.0, Decimal("-1.0"), Decimal("1E+2")],
    ValueKind.YEAR: [2018, 2019, 2021, 10**300, 2021.0, Decimal("2021.0"), "2021"],
    ValueKind.AMOUNT: [
        0,
        1,
        -1,
        10**300,
        1.5,
        -0.0,
        float("nan"),
        float("inf"),
        Decimal("0.0"),
        Decimal("-0"),
        Decimal("-0.0001"),
        Decimal("1E+400"),
        Decimal("NaN"),
        Decimal("-Infinity"),
    ],
    ValueKind.TEXT: [" ", "x", 1, "\ud800"],
    ValueKind.NAME: [" ", "x", 1],
    ValueKind.DATE: [
        "2021-02-28",
        "2021-02-29",
        "2020-02-29",
        "2021-02-30",
        "2021-04-31",
        "2021-13-01",
        "2021-00-10",
        "2021-01-00",
        "2021-1-1",
        "0000-01-01",
        "2021-01-01\n",
        "\n2021-01-01",
        "2021-01-01T00:00:00",
        "2021/01/01",
        "２０２１-01-01",
        20210101,
    ],
    ValueKind.DIVISION_CODE: [
        "123456",
        "000000",
        "12345",
        "1234567",
        "123456\n",
        "１２３４５６",
        "12345a",
        " 12345",
        123456,
    ],
    ValueKind.ENUM: [
        "2019",
        "2021",
        "2020",
        "government",
        "department",
        "county",
        "dept",
        2021,
        dm.OrganKind.GOVERNMENT,  # a str subclass: Python's enum member is not the JSON string
        dm.Edition.E2021,
    ],
}


def _near(info: FieldInfo | None) -> st.SearchStrategy[Any]:
    """Values close to what a field of this kind accepts: about half of them accepted."""
    generic = st.sampled_from(_ANYTHING).map(copy.deepcopy)
    if info is None:
        return generic | st.integers() | st.text(max_size=8)
    kind = info.kind
    near = st.sampled_from(_NEAR[kind])
    if kind in (ValueKind.COUNT, ValueKind.SIGNED_COUNT):
        return near | generic | st.integers(-3, 10**6)
    if kind is ValueKind.YEAR:
        return near | generic | st.integers(2000, 2100)
    if kind is ValueKind.AMOUNT:
        return (
            near
            | generic
            | st.decimals(allow_nan=False, allow_infinity=False)
            | st.floats()
            | st.integers(-3, 10**6)
        )
    if kind is ValueKind.DATE:
        return (
            near
            | generic
            | st.dates(dt.date(1, 1, 1)).map(dt.date.isoformat)
            | st.from_regex(r"\A[0-9]{4}-[0-3][0-9]-[0-3][0-9]\n?\Z")
        )
    if kind is ValueKind.DIVISION_CODE:
        return near | generic | st.from_regex(r"\A[0-9]{5,7}\n?\Z")
    if kind is ValueKind.ENUM:
        assert info.enum is not None
        return near | generic | st.sampled_from([m.value for m in info.enum])
    return near | generic | st.text(max_size=8)


def _kind_of(path: tuple[Any, ...]) -> FieldInfo | None:
    return _SCALARS.get(path[-1]) if path and isinstance(path[-1], str) else None


# --- mutations -----------------------------------------------------------------------------------

Location = tuple[tuple[Any, ...], Any]


def _seed_tables() -> dict[str, dict[str, Any]]:
    """Each edition's Table 二 and （六） row group, to swap into reports."""
    found: dict[str, dict[str, Any]] = {}
    for name in ("zhuji-emergency-2020.json", "example-city-2023.json"):
        document = json.loads((EXAMPLES / name).read_text(encoding="utf-8"), parse_float=Decimal)
        found[document["edition"]] = {
            "proactive_disclosure": document["proactive_disclosure"],
            "other": document["requests"]["outcomes"]["other"],
        }
    return found


_TABLES = _seed_tables()


def _locations(node: Any, path: tuple[Any, ...] = ()) -> Iterator[Location]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _locations(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _locations(value, (*path, index))


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _get(document, path[:-1])[path[-1]] = value
    return document


def _replace(draw: st.DrawFn, document: Any, locations: list[Location]) -> Any:
    """A leaf gets a near miss for its kind; leaves are picked kind by kind (dates are rare)."""
    by_kind: dict[str, list[tuple[Any, ...]]] = {}
    for path, value in locations:
        if path and not isinstance(value, (dict, list)):
            info = _kind_of(path)
            by_kind.setdefault(info.kind.value if info else "?", []).append(path)
    if not by_kind:
        return document
    kind = draw(st.sampled_from(sorted(by_kind)))
    path = draw(st.sampled_from(by_kind[kind]))
    value = draw(_near(_kind_of(path)))
    note(f"replace {path} = {value!r}")
    return _set(document, path, value)


def _replace_any(draw: st.DrawFn, document: Any, locations: list[Location]) -> Any:
    """Any location, objects and the root included, gets a value of any kind."""
    path = draw(st.sampled_from([p for p, _ in locations]))
    value = draw(_near(draw(st.sampled_from([None, *_SCALARS.values()]))))
    note(f"replace {path} = {value!r}")
    return _set(document, path, value)


def _drop(draw: st.DrawFn, document: Any, locations: list[Location]) -> Any:
    """A key less: optional ones (still valid) as often as any."""
    keys = [(p, k) for p, v in locations if isinstance(v, dict) for k in v]
    optional = [(p, k) for p, k in keys if k in _OPTIONAL]
    if keys:
        path, key = draw(st.sampled_from(optional or keys) | st.sampled_from(keys))
        note(f"drop {(*path, key)}")
        del _get(document, path)[key]
    return document


def _add(draw: st.DrawFn, document: Any, locations: list[Location]) -> Any:
    """A key more (or an existing one set again), with a value near its kind."""
    objects = [p for p, v in locations if isinstance(v, dict)]
    if objects:
        path = draw(st.sampled_from(objects))
        key = draw(st.sampled_from(_ALL_KEYS) | st.sampled_from(["x", "", "a/b", "~0"]))
        value = draw(_near(_SCALARS.get(key)))
        note(f"add {(*path, key)} = {value!r}")
        _get(document, path)[key] = value
    return document


def _set_optional(draw: st.DrawFn, document: Any, locations: list[Location]) -> Any:
    """An optional field present with a near miss (dates and codes are often absent)."""
    if not isinstance(document, dict):
        return document
    key = draw(st.sampled_from(["published_on", "source_url", "organ"]))
    if key == "organ":
        organ = document.get("organ")
        if isinstance(organ, dict):
            field = draw(st.sampled_from(["kind", "level", "division_code"]))
            organ[field] = draw(_near(_SCALARS[field]))
            note(f"organ.{field} = {organ[field]!r}")
        return document
    document[key] = draw(_near(_SCALARS[key]))
    note(f"{key} = {document[key]!r}")
    return document


def _graft(draw: st.DrawFn, document: Any, locations: list[Location]) -> Any:
    """A part of the document where another part belongs (a row for a group, …)."""
    path = draw(st.sampled_from([p for p, _ in locations]))
    value = copy.deepcopy(draw(st.sampled_from([v for _, v in locations])))
    note(f"graft at {path}")
    return _set(document, path, value)


def _edition(draw: st.DrawFn, document: Any, locations: list[Location]) -> Any:
    if isinstance(document, dict):
        document["edition"] = draw(st.sampled_from(["2019", "2021"]))
        note(f"edition = {document['edition']}")
    return document


def _other_shape(draw: st.DrawFn, document: Any, locations: list[Location]) -> Any:
    """Table 二 or （六）其他处理 of an edition (the other one, or the same)."""
    tag = draw(st.sampled_from(["2019", "2021"]))
    tables = copy.deepcopy(_TABLES[tag])
    if not isinstance(document, dict):
        return document
    if draw(st.booleans()):
        note(f"Table 二 of {tag}")
        document["proactive_disclosure"] = tables["proactive_disclosure"]
        return document
    requests = document.get("requests")
    outcomes = requests.get("outcomes") if isinstance(requests, dict) else None
    if isinstance(outcomes, dict):
        note(f"（六） of {tag}")
        outcomes["other"] = tables["other"]
    return document


_OPERATIONS = [
    _replace,
    _replace,
    _replace,
    _replace_any,
    _drop,
    _add,
    _set_optional,
    _set_optional,
    _graft,
    _edition,
    _other_shape,
]


@st.composite
def _mutate(draw: st.DrawFn, document: Any) -> Any:
    """One random mutation of ``document`` (changed in place, or replaced)."""
    operation = draw(st.sampled_from(_OPERATIONS))
    event(operation.__name__)
    return operation(draw, document, list(_locations(document)))


@st.composite
def mutants(draw: st.DrawFn) -> list[Any]:
    """Several documents, each a valid report changed by one to three mutations."""
    original = dm.to_dict(draw(reports()))
    out: list[Any] = []
    for _ in range(draw(st.integers(1, 4))):
        document: Any = copy.deepcopy(original)
        for _ in range(draw(st.integers(1, 3))):
            document = draw(_mutate(document))
        out.append(document)
    return out


@given(mutants())
def test_schema_and_model_agree_on_mutated_documents(documents: list[Any]) -> None:
    for document in documents:
        event("accepted" if assert_same_verdict(document) else "rejected")


def test_every_near_miss_gets_the_same_verdict() -> None:
    """Each listed near miss, at one field of its kind in a valid report, systematically."""
    base = json.loads(
        (EXAMPLES / "zhuji-emergency-2020.json").read_text(encoding="utf-8"), parse_float=Decimal
    )
    places = {
        ValueKind.COUNT: ("requests", "new_received", "natural_person"),
        ValueKind.SIGNED_COUNT: ("proactive_disclosure", "administrative_penalty", "change"),
        ValueKind.YEAR: ("year",),
        ValueKind.AMOUNT: ("proactive_disclosure", "centralized_procurement", "amount"),
        ValueKind.TEXT: ("narrative", "overview"),
        ValueKind.NAME: ("organ", "name"),
        ValueKind.DATE: ("published_on",),
        ValueKind.DIVISION_CODE: ("organ", "division_code"),
        ValueKind.ENUM: ("organ", "kind"),
    }
    verdicts: dict[bool, int] = {True: 0, False: 0}
    for kind, path in places.items():
        for value in [*_NEAR[kind], *_ANYTHING]:
            document = _set(copy.deepcopy(base), path, copy.deepcopy(value))
            verdicts[assert_same_verdict(document)] += 1
    assert verdicts[True] > 20 and verdicts[False] > 60, verdicts


def _same_verdict_parsed(document: Any) -> bool:
    _, model = _structure(document)
    schema = schema_findings(document)
    assert (not model) == (not schema), f"model: {_describe(model)} | schema: {_describe(schema)}"
    return not model


def test_every_key_dropped_and_every_object_extended() -> None:
    """Systematically, in a valid report of each edition: each key removed, and an unknown key
    added to each object, get the same verdict (required keys and closed objects agree)."""
    for name in ("zhuji-emergency-2020.json", "example-city-2023.json"):
        base = json.loads((EXAMPLES / name).read_text(encoding="utf-8"), parse_float=Decimal)
        for path, value in list(_locations(base)):
            if isinstance(value, dict):
                extended = copy.deepcopy(base)
                _get(extended, path)["x"] = 0
                assert not _same_verdict_parsed(extended)
            if path:
                dropped = copy.deepcopy(base)
                del _get(dropped, path[:-1])[path[-1]]
                assert _same_verdict_parsed(dropped) == (path[-1] in _OPTIONAL), path


@given(_near(None))
def test_generated_values_are_fresh_copies(value: Any) -> None:
    """A value handed to a document may be changed there in place: it must not be shared."""
    if isinstance(value, dict):
        value["x"] = 1
    elif isinstance(value, list):
        value.append(1)
    assert _ANYTHING == (None, True, False, [], [1], {}, {"total": 0}, "", "1")
