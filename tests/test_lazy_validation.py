"""Validation runs the rules on the decoded document and builds the report only when asked for.

Whatever form the rules read — the attrs report, or the decoded document the fast reader leaves —
the findings, the statistics and the report are the same, and the laziness cannot be observed.
"""

from __future__ import annotations

import os
import pickle
import re
import signal
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_model as dm
from disclosure_model import codec
from disclosure_model.rules import CATALOGUE, Scope
from disclosure_model.rules.report_rules import REQUESTS_STATED
from disclosure_model.testing import consistent_reports, reports

from .test_schema_equivalence import mutants

SEED = "examples/zhuji-emergency-2020.json"


def _eager(text: str | bytes) -> dm.ValidationResult:
    """The same validation with the report read first and the rules run on it."""
    report = dm.from_json(text)
    checked = dm.check(report)
    return dm.ValidationResult(
        source=None,
        findings=checked.findings,
        report=report,
        edition=report.edition.value,
        rules=checked.rules,
    )


@given(reports() | consistent_reports())
def test_rules_on_the_decoded_document_equal_rules_on_the_report(report: dm.AnnualReport) -> None:
    text = dm.to_json(report, indent=None)
    lazy = dm.validate_document(text)
    eager = _eager(text)
    assert lazy.findings == eager.findings
    assert [f.to_dict() for f in lazy.findings] == [f.to_dict() for f in eager.findings]
    assert lazy.rules == eager.rules
    assert lazy.valid is eager.valid
    assert lazy.edition == eager.edition
    assert lazy.report == eager.report == report
    assert lazy == eager


@given(mutants())
def test_any_document_gets_the_same_result_from_bytes_and_from_its_parsed_value(
    documents: list[Any],
) -> None:
    # From bytes, a valid document's rules run on the decoded structs; from a parsed value, on
    # the attrs report.
    for document in documents:
        text = codec.dumps_value(document)
        from_text = dm.validate_document(text.encode())
        value, findings = codec.parse_json(text)
        if findings:
            continue
        from_value = dm.validate_document(value)
        assert from_text.findings == from_value.findings
        assert from_text.rules == from_value.rules
        assert from_text.report == from_value.report


def test_the_report_is_built_once_and_kept() -> None:
    result = dm.validate_file(SEED)
    first = result.report
    assert first is not None and first == dm.load(SEED)
    assert result.report is first


def test_threads_reading_the_report_get_one_object() -> None:
    for _ in range(20):
        result = dm.validate_file(SEED)
        seen: list[Any] = []
        start = threading.Barrier(8)

        def read(
            result: dm.ValidationResult = result,
            start: threading.Barrier = start,
            seen: list[Any] = seen,
        ) -> None:
            start.wait()
            seen.append(result.report)

        threads = [threading.Thread(target=read) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(seen) == 8 and all(r is seen[0] for r in seen)


def test_equality_repr_pickling_evolve_and_asdict_see_the_report() -> None:
    expected = dm.load(SEED)
    assert dm.validate_file(SEED) == dm.validate_file(SEED)
    assert dm.validate_file(SEED) == dm.ValidationResult(
        source=SEED,
        findings=dm.check(expected).findings,
        report=expected,
        edition=expected.edition.value,
        rules=dm.check(expected).rules,
    )
    assert f"report={expected!r}" in repr(dm.validate_file(SEED))
    restored = pickle.loads(pickle.dumps(dm.validate_file(SEED)))
    assert restored.report == expected and restored == dm.validate_file(SEED)
    assert attrs.evolve(dm.validate_file(SEED), source="x").report == expected
    assert attrs.asdict(dm.validate_file(SEED), recurse=False)["report"] == expected
    assert [a.name for a in attrs.fields(dm.ValidationResult)] == [
        "source",
        "findings",
        "report",
        "edition",
        "rules",
    ]


def test_an_unread_document_has_no_report_and_a_constructed_result_keeps_its_own() -> None:
    assert dm.validate_document(b'{"year": 1}').report is None
    report = dm.load(SEED)
    given_result = dm.ValidationResult(source=None, findings=(), report=report)
    assert given_result.report is report
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        given_result.report = None  # type: ignore[misc]


def test_statistics_of_one_run_do_not_leak_into_another() -> None:
    # Statistics are shared between runs with the same outcome: each result has its own copy.
    first = dm.validate_file(SEED)
    first.rules.clear()  # type: ignore[attr-defined]
    second = dm.validate_file(SEED)
    assert set(second.rules) == {r.code for r in CATALOGUE if r.scope is Scope.REPORT}


def test_without_the_fast_extra_the_result_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = dm.validate_file(SEED)
    monkeypatch.setattr(codec, "_msgspec", None)
    assert dm.validate_file(SEED) == fast


@given(st.text(st.sampled_from("收到受理新收接收政府信息公开申请件个份宗，。；0123456789 ")))
def test_the_n1_prefilter_never_hides_a_statement(overview: str) -> None:
    # N-1 searches an overview only when it names 申请: every statement the pattern reads does.
    if REQUESTS_STATED.search(overview) is not None:
        assert "申请" in overview


def test_the_n1_pattern_requires_the_prefilter_word() -> None:
    # The word is outside every optional or alternative part of the pattern.
    pattern = REQUESTS_STATED.pattern
    depth, outside = 0, []
    for i, char in enumerate(pattern):
        depth += char == "("
        depth -= char == ")"
        if depth == 0 and pattern.startswith("申请", i):
            outside.append(i)
    assert outside and not re.match(r"[?*]", pattern[outside[0] + 2 :])


def _unbuilt(result: dm.ValidationResult) -> bool:
    """Whether ``result``'s report is still pending (the field's slot, read past its descriptor)."""
    from disclosure_model.validation import _Pending

    slot = dm.ValidationResult.__dict__["report"]._slot
    return isinstance(slot.__get__(result, dm.ValidationResult), _Pending)


def test_a_result_is_lazy_until_its_report_is_read() -> None:
    result = dm.validate_file(SEED)
    assert _unbuilt(result) is (codec._msgspec is not None)
    assert result.valid and result.rules and not _unbuilt(attrs.evolve(result))


def test_a_post_init_put_in_place_after_validation_does_not_change_the_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The document was found valid when read; building its report later gives the same report.
    result = dm.validate_file(SEED)
    expected = dm.load(SEED)
    assert result.valid

    def refuse(self: dm.AnnualReport) -> None:
        raise ValueError("a post-init put in place later")

    monkeypatch.setattr(dm.AnnualReport, "__attrs_post_init__", refuse)
    assert result.report == expected


def test_a_post_init_swapped_at_first_use_does_not_turn_laziness_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if codec._msgspec is None:
        pytest.skip("needs the fast extra")
    from disclosure_model import _fastpath

    original = dm.AnnualReport.__attrs_post_init__
    _fastpath._invariant_sources.cache_clear()

    def unmarked(self: dm.AnnualReport) -> None:  # the same check, without the readers' mark
        original(self)

    with monkeypatch.context() as patch:
        patch.setattr(dm.AnnualReport, "__attrs_post_init__", unmarked)
        assert not _unbuilt(dm.validate_file(SEED))  # built at once, to apply it
    assert _unbuilt(dm.validate_file(SEED))


def test_the_lock_is_not_held_while_a_report_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_model.validation import _LazyReport

    result = dm.validate_file(SEED)
    if not _unbuilt(result):
        pytest.skip("needs the fast extra")
    slot = dm.ValidationResult.__dict__["report"]._slot
    pending = slot.__get__(result, dm.ValidationResult)
    held: list[bool] = []
    build = pending.build

    def watched(document: Any) -> dm.AnnualReport:
        held.append(_LazyReport._building.locked())
        return build(document)

    pending.build = watched
    assert result.report is not None and held == [False]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_child_forked_while_the_lock_is_held_reads_its_reports() -> None:
    from disclosure_model.validation import _LazyReport

    lock = _LazyReport._building
    lock.acquire()
    try:
        pid = os.fork()
        if pid == 0:  # the child: must not wait for a lock no thread of its own holds
            signal.alarm(10)
            code = 0 if dm.validate_file(SEED).report is not None else 3
            os._exit(code)
    finally:
        lock.release()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_code_filter_leaves_the_report_unbuilt() -> None:
    from disclosure_model.corpus import CodeFilter

    result = dm.validate_file("examples/broken/zhuji-emergency-2020-broken.json")
    if not _unbuilt(result) or not result.findings:
        pytest.skip("needs the fast extra and a document with findings")
    codes = {f.code for f in result.findings}
    filtered = CodeFilter(ignore=(sorted(codes)[0],)).apply(result)
    assert len(filtered.findings) < len(result.findings)
    assert _unbuilt(filtered) and _unbuilt(result)
    assert (
        filtered.report
        == result.report
        == dm.load("examples/broken/zhuji-emergency-2020-broken.json")
    )


def test_the_happy_path_constructor_sets_every_field_as_the_class_does() -> None:
    from disclosure_model.validation import _happy_result

    report = dm.load(SEED)
    checked = dm.check(report)
    fields = {
        "source": "x.json",
        "findings": checked.findings,
        "report": report,
        "edition": report.edition.value,
        "rules": checked.rules,
    }
    fast = _happy_result(*fields.values())
    assert type(fast) is dm.ValidationResult
    assert attrs.asdict(fast, recurse=False) == fields
    assert fast == dm.ValidationResult(**fields) and hash(fast.source) == hash("x.json")


def test_a_tally_counts_every_kind_of_event_from_its_base() -> None:
    from disclosure_model.rules.engine import Tally, rule_finding

    rules = [r for r in CATALOGUE if r.code in ("G-1", "G-3", "T3-1")]
    tally = Tally(rules, {"T3-1": (5, 5, 0, 0)})
    tally.passed_once("G-1")
    tally.passed("G-1")
    tally.passed("G-3", 0)
    tally.unpass("T3-1")
    tally.passed("G-1", 2)
    tally.failed(rule_finding("T3-1", "/requests"))
    tally.skipped("G-3", "first reason")
    tally.skipped("G-3", "second reason")
    stats = {code: s.to_dict() for code, s in tally.result().rules.items()}
    assert stats == {
        "G-1": {"applied": 4, "passed": 4, "failed": 0, "skipped": 0},
        "G-3": {"applied": 0, "passed": 0, "failed": 0, "skipped": 2, "reason": "first reason"},
        "T3-1": {"applied": 5, "passed": 4, "failed": 1, "skipped": 0},
    }
    for record in (tally.passed, tally.unpass, lambda code: tally.skipped(code, "why")):
        with pytest.raises(KeyError):
            record("N-1")
    unknown = Tally(rules)
    unknown.passed_once("N-1")  # the fast call: the code is looked at with the statistics
    with pytest.raises(KeyError):
        unknown.result()


def test_a_decoded_document_is_not_tracked_by_the_collector() -> None:
    # Its structs hold values and other structs, never a cycle: they are made with gc=False.
    import gc

    pytest.importorskip("msgspec")
    decoded = codec._typed().decode(Path(SEED).read_bytes())
    document = decoded.document
    assert not gc.is_tracked(document)
    assert not gc.is_tracked(document.requests.outcomes.withheld)
    assert decoded.build(document) == dm.load(SEED)
