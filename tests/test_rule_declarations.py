"""Every rule is declared whole: one catalogue entry, one evaluator, both message templates, and
editions that agree; its messages render for any operands and name them in the form's terms."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import disclosure_model as dm
from disclosure_model.enums import Edition
from disclosure_model.findings import Finding
from disclosure_model.rules import CATALOGUE, Scope, rule
from disclosure_model.rules.engine import (
    PREDICATES,
    SUM_RULES,
    Tally,
    report_checks,
    run_sum_checks,
    series_checks,
)

CODES = [r.code for r in CATALOGUE]


def _fallback(f: Finding) -> str:
    return f"{f.code} at {f.pointer or '/'}"


def test_every_code_is_declared_once_and_evaluated_once() -> None:
    assert len(CODES) == len(set(CODES))
    sums = {s.code for s in SUM_RULES}
    assert sums | set(PREDICATES) <= set(CODES), "an evaluator without a catalogue entry"
    for r in CATALOGUE:
        evaluators = int(r.code in sums) + int(r.code in PREDICATES)
        if r.scope is Scope.AGGREGATE:  # evaluated by check_aggregate alone
            assert evaluators == 0, r.code
            assert (
                r.code in dm.check_aggregate(dm.load("examples/example-city-2023.json"), []).rules
            )
        else:
            assert evaluators == 1, f"{r.code} has {evaluators} evaluators"
        if r.scope is Scope.SERIES:
            assert all(s.is_series for s in SUM_RULES if s.code == r.code), r.code


def test_the_editions_of_every_rule_agree_with_its_declaration() -> None:
    for edition in Edition:
        checks = {c.rule.code for c in report_checks(edition)}
        for previous in Edition:
            series = {c.rule.code for c in series_checks(edition, previous)}
            for s in SUM_RULES:
                r = rule(s.code)
                if s.is_series:
                    assert (s.code in series) == (
                        r.applies_to(edition) and r.applies_to(previous)
                    ), (s.code, edition, previous)
        for s in SUM_RULES:
            if not s.is_series:
                assert (s.code in checks) == rule(s.code).applies_to(edition), (s.code, edition)


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_both_message_templates(code: str) -> None:
    finding = Finding(code=code, name=rule(code).name, severity=rule(code).severity, pointer="/x")
    for lang in ("zh", "en"):
        message = finding.message(lang)  # type: ignore[arg-type]
        assert message and message != _fallback(finding), (code, lang)


def _sum_finding(code: str, edition: Edition, keep: int | None) -> Finding:
    """A failing finding of ``code``, from its first compiled check with ``keep`` terms."""
    checks = [c for c in report_checks(edition) if c.rule.code == code]
    if not checks:
        checks = [c for c in series_checks(edition, edition) if c.rule.code == code]
    check = checks[0]
    terms = check.terms if keep is None else (check.terms * 3)[:keep]
    check = attrs.evolve(check, terms=terms)
    report = dm.load(
        "examples/example-city-2023.json"
        if edition is Edition.E2021
        else "examples/zhuji-emergency-2020.json"
    )
    node = report
    for key in check.path.split("/")[:-1]:
        node = getattr(node, key)
    last = check.path.split("/")[-1]
    target = getattr(node, last)
    # Put the target far off so that the check fails for any relation.
    broken = _set(report, check.path, target + 10**6 if check.relation.value != "≥" else -(10**6))
    tally = Tally(CATALOGUE)
    run_sum_checks([check], tally, broken, report, previous_document="last year")
    (finding,) = tally.result().findings
    return finding


def _set(obj: object, path: str, value: int) -> dm.AnnualReport:
    head, _, rest = path.partition("/")
    if not rest:
        return attrs.evolve(obj, **{head: value})  # type: ignore[misc, no-any-return]
    return attrs.evolve(obj, **{head: _set(getattr(obj, head), rest, value)})  # type: ignore[misc]


SUM_CODES = sorted({s.code for s in SUM_RULES})
_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize("code", SUM_CODES)
@pytest.mark.parametrize("keep", [None, 0, 1, 2, 5, 9])
def test_sum_messages_render_for_any_number_of_operands(code: str, keep: int | None) -> None:
    r = rule(code)
    edition = r.editions[-1]
    finding = _sum_finding(code, edition, keep)
    for lang in ("zh", "en"):
        message = finding.message(lang)  # type: ignore[arg-type]
        assert message and message != _fallback(finding)
    zh = finding.message("zh")
    assert not _ENGLISH_WORD.search(zh), zh  # ids such as R3.1 and B1.1 only


def _broken_row_total() -> tuple[Finding, Finding]:
    report = dm.load("examples/example-city-2023.json")
    q = report.requests
    outcomes = attrs.evolve(q.outcomes, disclosed=attrs.evolve(q.outcomes.disclosed, total=0))
    result = dm.check(attrs.evolve(report, requests=attrs.evolve(q, outcomes=outcomes)))
    row_total = next(f for f in result.failed("T3-2") if f.pointer.endswith("/disclosed/total"))
    (outcome_total,) = (f for f in result.failed("T3-3") if f.pointer.endswith("/total/total"))
    return row_total, outcome_total


def test_operands_are_named_by_row_and_column_in_both_languages() -> None:
    row_total, outcome_total = _broken_row_total()
    outcomes = dm.load("examples/example-city-2023.json").requests.outcomes
    d, p = outcomes.disclosed, outcomes.partially_disclosed.total
    # A row sum names each operand by its column (the row is the finding's own) ...
    assert f"自然人 {d.natural_person} + 商业企业 {d.commercial_enterprise}" in row_total.message(
        "zh"
    )
    assert (
        f"natural person {d.natural_person} + commercial enterprise {d.commercial_enterprise}"
        in row_total.message("en")
    )
    # ... a column sum by its row.
    assert f"（部分公开（区分处理的，只计这一情形，不计其他情形） {p} + 属于国家秘密 " in (
        outcome_total.message("zh")
    )
    assert f"(R3.2 {p} + R3.3.1 " in outcome_total.message("en")
    assert "R3.1 0 + R3.1" not in row_total.message("en")


def test_series_operands_name_their_column() -> None:
    finding = _sum_finding("X-2", Edition.E2021, None)
    zh, en = finding.message("zh"), finding.message("en")
    assert "（上年规章·现行有效件数 35 + 本年制发件数 2 − 本年废止件数 1）" in zh
    assert "(last year's B1.1 in force 35 + issued this year 2 − repealed this year 1)" in en


def test_chinese_syntax_messages_are_chinese() -> None:
    for text in ('{"a" 1}', "{", '{"a": 1} x', '["\\x"]'):
        (finding,) = dm.validate_document(text).findings
        zh = finding.message("zh")
        assert not _ENGLISH_WORD.search(zh.replace("JSON", "").replace("uXXXX", "")), zh


def test_citations_are_rendered_per_edition() -> None:
    import json

    from .conftest import run_cli

    for r in CATALOGUE:
        assert "{" not in r.citation, r.code
        for edition, citation in r.citations.items():
            assert "{" not in citation and citation == r.citation_for(edition)
    balance = rule("T3-1")
    assert balance.citation_for(Edition.E2019).startswith("国办公开办函〔2019〕60号 表三")
    assert balance.citation_for("2021").startswith("国办公开办函〔2021〕30号 表三")
    assert Edition.E2019.document in balance.citation and Edition.E2021.document in balance.citation
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert all("{" not in entry["citation"] for entry in listed)
    page = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "{document}" not in page
    assert f"2019 edition: {balance.citation_for('2019')}" in page
    assert f"2021 edition: {balance.citation_for('2021')}" in page
