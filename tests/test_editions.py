"""The edition registry: every edition, a future one included, is read and checked in full.

A throwaway third edition, identical to 2021 and added to the registry only for these tests, must
be read by every reader, checked by every rule that is not declared for earlier editions only, and
refused exactly where a 2021 report would be.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_model as dm
from disclosure_model import codec, enums
from disclosure_model.enums import ALL_EDITIONS, Availability, Disposition, Edition
from disclosure_model.report import EDITION_PARTS
from disclosure_model.rules import CATALOGUE, Scope

try:
    import msgspec  # noqa: F401

    HAVE_MSGSPEC = True
except ImportError:  # pragma: no cover - without the fast extra
    HAVE_MSGSPEC = False


def _report(edition: Edition) -> dm.AnnualReport:
    return dm.AnnualReport.blank(edition, edition.first_year, "试验机关")


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
        from disclosure_model._typed import build, decode

        assert build(decode(text.encode())) == report


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


def test_the_schema_of_the_new_edition_is_generated(throwaway: Edition) -> None:
    from disclosure_model.schema import generate, load_schema, validate_json

    assert load_schema(throwaway) == generate(throwaway)
    assert load_schema()["properties"]["edition"]["enum"] == ["2019", "2021", "2099"]
    text = dm.to_json(_report(throwaway))
    assert validate_json(text) == []
    bad = json.loads(text)
    bad["requests"]["new_received"]["natural_person"] = -1
    assert [(f.code, f.pointer) for f in validate_json(bad)] == [
        ("schema.minimum", "/requests/new_received/natural_person")
    ]


def test_the_shipped_schemas_are_read_again_once_the_edition_is_gone() -> None:
    from disclosure_model.schema import load_schema, schema_text, validate_json

    with enums.registered_edition("2098", first_year=2098, **_ARGS):
        assert "2098" in load_schema()["properties"]["edition"]["enum"]
    assert load_schema()["properties"]["edition"]["enum"] == ["2019", "2021"]
    assert '"2098"' not in schema_text()
    assert [f.code for f in validate_json({"edition": "2098"})] == ["schema.enum"]


def test_a_registered_edition_is_a_member_like_the_declared_ones(throwaway: Edition) -> None:
    assert Edition.E2099 is throwaway is Edition["E2099"] is Edition("2099")  # type: ignore[attr-defined]
    assert isinstance(throwaway, Edition) and throwaway == "2099" and len(Edition) == 3
    assert (throwaway.document, throwaway.label_zh, throwaway.title_en) == (
        "试验〔2099〕1号",
        "试验格式 2099",
        "Throwaway edition 2099",
    )
    assert throwaway.position == 2 and throwaway > Edition.E2021
    assert dm.AnnualReport.blank(throwaway, 2099, "某局").edition is throwaway
    assert enums.DECLARED_EDITIONS == ("2019", "2021")


_ARGS: dict[str, Any] = {"document": "试验", "label_zh": "试验", "title_en": "Throwaway"}


@pytest.mark.parametrize(
    ("code", "first_year", "message"),
    [
        ("2021", 2099, "registered already"),
        ("20 99", 2099, "ASCII letters, digits"),
        ("", 2099, "ASCII letters, digits"),
        ("二〇九九", 2099, "ASCII letters, digits"),
        ("2098", 2021, "must begin after the newest edition, 2021"),
        ("2098", 2000, "must begin after the newest edition"),
    ],
)
def test_registering_refuses_what_would_break_the_registry(
    code: str, first_year: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        enums.register_edition(code, first_year=first_year, **_ARGS)
    assert [e.value for e in Edition] == ["2019", "2021"]


@pytest.mark.parametrize(("code", "first_year"), [(2098, 2098), ("2098", "2098"), ("2098", True)])
def test_registering_refuses_arguments_of_another_type(code: Any, first_year: Any) -> None:
    with pytest.raises(TypeError):
        enums.register_edition(code, first_year=first_year, **_ARGS)
    assert [e.value for e in Edition] == ["2019", "2021"]


def test_registering_refuses_a_year_no_date_holds() -> None:
    with pytest.raises(ValueError, match="after 9999"):
        enums.register_edition("10000", first_year=10_000, **_ARGS)


def test_only_the_newest_registered_edition_is_removed(throwaway: Edition) -> None:
    with pytest.raises(ValueError, match="declared by the library"):
        enums.unregister_edition(Edition.E2021)
    later = enums.register_edition("2100", first_year=2100, **_ARGS)
    try:
        with pytest.raises(ValueError, match="not the newest"):
            enums.unregister_edition(throwaway)
        assert throwaway.last_year == 2099 and Edition.for_year(2100) is later
    finally:
        enums.unregister_edition("2100")
    assert list(Edition)[-1] is throwaway and not hasattr(Edition, "E2100")


def test_a_registration_ends_with_its_block_however_it_ends() -> None:
    with pytest.raises(RuntimeError), enums.registered_edition("2098", first_year=2098, **_ARGS):
        raise RuntimeError
    assert [e.value for e in Edition] == ["2019", "2021"] and not hasattr(Edition, "E2098")
    with pytest.raises(ValueError):
        Edition("2098")
    assert Edition.E2021.last_year is None and Edition.for_year(2150) is Edition.E2021


def test_an_edition_without_a_class_for_a_part_is_not_registered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from disclosure_model import proactive

    until_2021 = Availability(until=Edition.E2021)
    variants = tuple((cls, until_2021) for cls, _ in proactive.TABLE_2_CLASSES.variants)
    monkeypatch.setattr(proactive.TABLE_2_CLASSES, "variants", variants)
    with pytest.raises(ValueError, match="no class of Table 二 is declared for edition 2097"):
        enums.register_edition("2097", first_year=2097, **_ARGS)
    assert [e.value for e in Edition] == ["2019", "2021"]


def test_a_code_comes_back_only_with_its_first_declaration() -> None:
    with enums.registered_edition("2098", first_year=2098, **_ARGS) as first:
        pass
    with enums.registered_edition("2098", first_year=2098, **_ARGS) as again:
        assert again is not first and again == first
    with pytest.raises(ValueError, match="registered before with another declaration"):
        enums.register_edition("2098", first_year=2097, **_ARGS)
    assert [e.value for e in Edition] == ["2019", "2021"]


_FIXTURE_OK = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)


@_FIXTURE_OK
@given(data=st.data())
def test_the_strategies_draw_reports_of_the_new_edition(throwaway: Edition, data: Any) -> None:
    from disclosure_model.testing import consistent_reports, reports

    report = data.draw(consistent_reports(throwaway))
    assert report.edition is throwaway and report.year >= 2099
    assert dm.check(report).valid
    assert isinstance(report.proactive_disclosure, dm.ProactiveDisclosure2021)
    assert data.draw(reports(throwaway)).edition is throwaway


def test_the_editions_strategy_follows_the_registry() -> None:
    from hypothesis import find
    from hypothesis.errors import NoSuchExample

    from disclosure_model.testing import editions

    assert find(editions(), lambda e: e is Edition.E2021) is Edition.E2021  # built before
    with enums.registered_edition("2098", first_year=2098, **_ARGS) as later:
        assert find(editions(), lambda e: e is later) is later
    with pytest.raises(NoSuchExample):
        find(editions(), lambda e: e.value == "2098")


def test_what_was_looked_up_for_a_removed_edition_is_not_reused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from disclosure_model import proactive

    with enums.registered_edition("2096", first_year=2096, **_ARGS) as first:
        assert proactive.TABLE_2_CLASSES[first] is dm.ProactiveDisclosure2021
    # The same code again, once Table 二 is declared to end with 2021: the answer for the
    # removed member (equal to the new one, as members equal their code) must not be reused.
    until_2021 = Availability(until=Edition.E2021)
    variants = tuple((cls, until_2021) for cls, _ in proactive.TABLE_2_CLASSES.variants)
    monkeypatch.setattr(proactive.TABLE_2_CLASSES, "variants", variants)
    with pytest.raises(ValueError, match="no class of Table 二"):
        enums.register_edition("2096", first_year=2096, **_ARGS)


def test_the_stdlib_reader_keeps_one_reader_per_code(monkeypatch: pytest.MonkeyPatch) -> None:
    # Registered again, a code is a new member: its reports carry it, and the old member's
    # reader is dropped, not kept beside it (one per code however often it comes back).
    from disclosure_model import _fastpath, codec

    members = []
    for _ in range(3):
        with enums.registered_edition("2098", first_year=2098, **_ARGS) as member:
            report = dm.AnnualReport.blank(member, 2098, "试验机关")
            text = dm.to_json(report)
            with monkeypatch.context() as patch:
                patch.setattr(codec, "_msgspec", None)
                read = codec.quick_read(text)
            assert read is not None and read.edition is member and read == report
            members.append(member)
    assert members[0] is not members[1] is not members[2]
    assert [key for key in _fastpath._READERS if key == "2098"] == ["2098"]
    assert _fastpath._READERS["2098"][0] is members[2]
