"""The edition registry: every edition, a future one included, is read and checked in full.

A throwaway third edition, identical to 2021 and added to the registry only for these tests, must
be read by every reader, checked by every rule that is not declared for earlier editions only, and
refused exactly where a 2021 report would be.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest

import disclosure_model as dm
from disclosure_model import codec, enums
from disclosure_model.enums import ALL_EDITIONS, Availability, Disposition, Edition
from disclosure_model.meta import METADATA_KEY, FieldInfo, ValueKind
from disclosure_model.report import EDITION_PARTS, part_class
from disclosure_model.rules import CATALOGUE, Scope

try:
    import msgspec  # noqa: F401

    HAVE_MSGSPEC = True
except ImportError:  # pragma: no cover - without the fast extra
    HAVE_MSGSPEC = False


def _add_edition(code: str, first_year: int) -> Edition:
    """Register a new last member of :class:`Edition` (what a new edition in enums.py does)."""
    member: Any = enums._member(
        Edition, code, f"试验格式 {code}", "", f"Throwaway edition {code}", f"试验〔{code}〕1号",
        first_year,
    )  # fmt: skip
    name = f"E{code}"
    member._name_ = name
    member.__objclass__ = Edition
    member._sort_order_ = len(Edition._member_names_)
    Edition._member_map_[name] = member
    Edition._member_names_.append(name)
    Edition._value2member_map_[code] = member
    return member  # type: ignore[no-any-return]


def _remove_edition(member: Edition) -> None:
    Edition._member_names_.remove(member.name)
    del Edition._member_map_[member.name]
    del Edition._value2member_map_[member.value]


@pytest.fixture
def throwaway() -> Iterator[Edition]:
    """A third edition, 2099 onward, whose tables are those of 2021 (nothing else declared)."""
    member = _add_edition("2099", 2099)
    try:
        yield member
    finally:
        _remove_edition(member)


def _zero(cls: type, edition: Edition) -> Any:
    """An instance of a model class with zeros everywhere, built from the field metadata."""
    values: dict[str, Any] = {}
    for a in attrs.fields(cls):
        info: FieldInfo = a.metadata[METADATA_KEY]
        if a.default is None:
            continue
        if info.kind is ValueKind.OBJECT:
            values[a.name] = _zero(part_class(a, edition), edition)
        elif info.kind is ValueKind.ENUM:
            values[a.name] = edition
        elif info.kind is ValueKind.YEAR:
            values[a.name] = edition.first_year
        elif info.kind is ValueKind.NAME:
            values[a.name] = "试验机关"
        elif info.kind is ValueKind.AMOUNT:
            values[a.name] = Decimal(0)
        else:
            values[a.name] = 0
    return cls(**values)


def _report(edition: Edition) -> dm.AnnualReport:
    report: dm.AnnualReport = _zero(dm.AnnualReport, edition)
    return report


def test_the_registry_derives_years_and_order(throwaway: Edition) -> None:
    assert list(Edition) == [Edition.E2019, Edition.E2021, throwaway]
    assert Edition.E2019 < Edition.E2021 < throwaway and throwaway >= "2021"
    assert sorted([throwaway, Edition.E2019, Edition.E2021]) == list(Edition)
    assert Edition.E2021.last_year == 2098 and throwaway.last_year is None
    assert [Edition.for_year(y) for y in (2020, 2098, 2099, 2150)] == [
        Edition.E2019,
        Edition.E2021,
        throwaway,
        throwaway,
    ]
    assert Edition("2099") is throwaway


def test_without_a_throwaway_the_registry_is_the_two_official_editions() -> None:
    assert [e.value for e in Edition] == ["2019", "2021"]
    assert Edition.E2021.last_year is None and Edition.E2019.last_year == 2020


def test_every_rule_and_row_applies_to_every_edition_unless_excluded(throwaway: Edition) -> None:
    for edition in Edition:
        for r in CATALOGUE:
            assert r.applies_to(edition) or not r.available.is_all, (r.code, edition)
        for d in Disposition:
            assert d.in_edition(edition) or d.available != ALL_EDITIONS, (d, edition)
        for _, classes, name in EDITION_PARTS:
            assert edition in classes, (name, edition)
    # The new edition is the 2021 one in everything, since nothing is declared for it.
    assert Disposition.for_edition(throwaway) == Disposition.for_edition(Edition.E2021)
    assert [r.code for r in CATALOGUE if not r.applies_to(throwaway)] == [
        r.code for r in CATALOGUE if not r.applies_to(Edition.E2021)
    ]
    assert all(r.applies_to(throwaway) for r in CATALOGUE if r.available.until is None)


def test_a_report_of_the_new_edition_is_checked_by_every_rule(throwaway: Edition) -> None:
    report = _report(throwaway)
    result = dm.check(report)
    assert result.valid, [f.located() for f in result.findings]
    for r in CATALOGUE:
        if r.scope is not Scope.REPORT:
            continue
        stats = result.rules[r.code]
        if r.applies_to(throwaway):
            assert stats.reason is None or "edition" not in stats.reason, (r.code, stats)
        else:
            assert stats.skipped == 1 and stats.reason == "applies to the 2019 edition only"
    for code in ("T3-1", "T3-2", "T3-3", "T4-1"):
        assert result.rules[code].applied == result.rules[code].passed > 0, code
    assert result.rules["T3-2"].applied == dm.check(_report(Edition.E2021)).rules["T3-2"].applied


def test_a_broken_report_of_the_new_edition_is_caught(throwaway: Edition) -> None:
    report = _report(throwaway)
    requests = report.requests
    broken = attrs.evolve(
        report,
        requests=attrs.evolve(
            requests, carried_forward=attrs.evolve(requests.carried_forward, natural_person=5)
        ),
    )
    result = dm.check(broken)
    assert not result.valid
    assert {f.code for f in result.findings} == {"T3-1", "T3-2"}
    balance = result.failed("T3-1")[0]
    assert balance.pointer == "/requests/carried_forward/natural_person"
    assert balance.citation is not None and "试验〔2099〕1号" in balance.citation
    reviews = attrs.evolve(
        report.reviews_and_litigation,
        administrative_review=attrs.evolve(
            report.reviews_and_litigation.administrative_review, upheld=1
        ),
    )
    unbalanced = dm.check(attrs.evolve(report, reviews_and_litigation=reviews))
    assert [f.code for f in unbalanced.findings] == ["T4-1"]


def test_every_reader_reads_the_new_edition(throwaway: Edition) -> None:
    report = _report(throwaway)
    text = dm.to_json(report)
    assert codec.quick_read(text) == report  # the compiled path (msgspec where installed)
    assert dm.from_json(text) == report
    assert dm.from_dict(json.loads(text)) == report
    value, findings = codec.parse_json(text)
    assert not findings and codec._structure(value)[0] == report  # the thorough path
    result = dm.validate_document(text)
    assert result.valid and result.edition == "2099" and result.report == report
    if HAVE_MSGSPEC:
        from disclosure_model._typed import decode_report

        assert decode_report(text.encode())[0] == report


def test_invalid_documents_of_the_new_edition_get_no_spurious_mismatch(throwaway: Edition) -> None:
    document = dm.to_dict(_report(throwaway))
    bad = copy.deepcopy(document)
    bad["requests"]["new_received"]["natural_person"] = -1
    with pytest.raises(dm.DocumentError) as raised:
        dm.from_dict(bad)
    assert [f.code for f in raised.value.findings] == ["model.minimum"]
    # A Table 二 of the 2019 shape is still told apart, as one finding.
    old = dm.to_dict(_report(Edition.E2019))
    mixed = copy.deepcopy(document)
    mixed["proactive_disclosure"] = old["proactive_disclosure"]
    with pytest.raises(dm.DocumentError) as raised:
        dm.from_dict(mixed)
    assert [(f.code, f.params.get("shape")) for f in raised.value.findings] == [
        ("model.edition_mismatch", "2019")
    ]


def test_series_rules_span_the_new_edition(throwaway: Edition) -> None:
    last = attrs.evolve(_report(Edition.E2021), year=2098)
    this = _report(throwaway)
    result = dm.check_series([last, this])
    assert result.valid
    assert result.rules["X-1"].applied == 7 and result.rules["X-2"].applied == 2
    assert result.rules["X-4"].skipped == 1


def test_availability() -> None:
    since = Availability(since="2021")
    assert since.since is Edition.E2021 and since.editions == (Edition.E2021,)
    assert Availability(until=Edition.E2019).describe() == "the 2019 edition"
    assert ALL_EDITIONS.describe() == "the 2019, 2021 editions" and ALL_EDITIONS.is_all
