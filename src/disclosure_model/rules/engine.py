"""The one small engine that evaluates the declared rules and tallies what happened.

Sum rules (:class:`~disclosure_model.sums.SumRule`, declared beside each table) are compiled once
per edition into flat checks: a getter and a pointer for the target cell and each term, and the cell
described in the form's terms. Other rules are plain functions registered with :func:`predicate`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import Any, NamedTuple

import attrs

from ..enums import Edition
from ..findings import CellRef, Finding, Operand, pointer_from_path
from ..meta import METADATA_KEY, FieldInfo, ValueKind
from ..proactive import SUM_RULES as TABLE_2_RULES
from ..report import AnnualReport, part_class
from ..requests import SUM_RULES as TABLE_3_RULES
from ..reviews import SUM_RULES as TABLE_4_RULES
from ..sums import Relation, SumRule, Term
from .catalogue import CATALOGUE, Rule, Scope, rule

__all__ = [
    "SUM_RULES",
    "CheckResult",
    "RuleStats",
    "Tally",
    "TermName",
    "describe_cell",
    "predicate",
    "row_fields",
]

SUM_RULES: tuple[SumRule, ...] = TABLE_3_RULES + TABLE_4_RULES + TABLE_2_RULES
"""Every sum rule, gathered from the table modules."""

TABLE_NAMES = {"proactive_disclosure": "二", "requests": "三", "reviews_and_litigation": "四"}


# --- results ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RuleStats:
    """How often one rule applied, passed, failed or was skipped (and why) on a document."""

    applied: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form (``reason`` only when a rule was skipped)."""
        out: dict[str, Any] = {
            "applied": self.applied,
            "passed": self.passed,
            "failed": self.failed,
            "skipped": self.skipped,
        }
        if self.reason:
            out["reason"] = self.reason
        return out


@attrs.frozen(kw_only=True)
class CheckResult:
    """Every finding of a check, and per rule code what happened."""

    findings: tuple[Finding, ...]
    rules: Mapping[str, RuleStats]

    @property
    def valid(self) -> bool:
        """Whether no finding is an error."""
        return not any(f.is_error for f in self.findings)

    def failed(self, code: str) -> tuple[Finding, ...]:
        """The findings of one rule.

        :param code: a rule's code, such as ``"T3-1"``
        """
        return tuple(f for f in self.findings if f.code == code)

    def to_dict(self) -> dict[str, Any]:
        """Findings and per-rule statistics in their public JSON form."""
        return {
            "valid": self.valid,
            "findings": [f.to_dict() for f in self.findings],
            "rules": {code: s.to_dict() for code, s in self.rules.items()},
        }


class Tally:
    """Collects findings and per-rule counts while rules run.

    Counts start from ``base`` (per code: applied, passed, failed, skipped), e.g. every sum check
    of an edition counted as passed in advance. What a run records is kept as a log of events
    (a pass is the code itself, the other events a pair), and the statistics are built from the
    log once per distinct log and then copied, since the same few outcomes recur on every report
    of a corpus. A code the rules do not list raises ``KeyError``.

    ``passed_once(code)`` records one pass, like ``passed(code)``: it is the log's own
    ``append``, for the call every clean rule makes (an unknown code raises ``KeyError`` when
    the statistics are built, not at the call).
    """

    __slots__ = ("_base", "_codes", "_known", "_log", "findings", "passed_once")

    passed_once: Callable[[str], None]

    def __init__(
        self, rules: Iterable[Rule], base: Mapping[str, tuple[int, int, int, int]] | None = None
    ) -> None:
        self.findings: list[Finding] = []
        self._codes, self._known = _codes(rules)
        self._base = base or _NO_BASE
        self._log: list[str | tuple[str, int | str]] = []
        self.passed_once = self._log.append

    def passed(self, code: str, times: int = 1) -> None:
        """Record passes of rule ``code``."""
        self._log.extend([self._check(code)] * times)

    def _check(self, code: str) -> str:
        if code not in self._known:
            raise KeyError(code)
        return code

    def unpass(self, code: str) -> None:
        """Take back one pass of rule ``code`` recorded in advance."""
        self._log.append((self._check(code), _UNPASS))

    def failed(self, finding: Finding) -> None:
        """Record a failure, with its finding."""
        self._log.append((self._check(finding.code), _FAIL))
        self.findings.append(finding)

    def skipped(self, code: str, reason: str) -> None:
        """Record that rule ``code`` did not apply, and why."""
        self._log.append((self._check(code), reason))

    def result(self) -> CheckResult:
        """The finished result."""
        key = (self._codes, id(self._base), tuple(self._log))
        rules = _OUTCOMES.get(key)
        if rules is None:
            rules = self._stats()
            if len(_OUTCOMES) >= _MAX_OUTCOMES:
                _OUTCOMES.clear()
                _KEPT.clear()
            _KEPT[id(self._base)] = self._base  # while a key holds an id, it is this base's
            _OUTCOMES[key] = rules
        return CheckResult(findings=tuple(self.findings), rules=dict(rules))

    def _stats(self) -> dict[str, RuleStats]:
        changes: dict[str, list[int]] = {}
        reasons: dict[str, str] = {}
        for event in self._log:
            if isinstance(event, str):  # a pass
                counts = changes.setdefault(self._check(event), [0, 0, 0, 0])
                counts[0] += 1
                counts[1] += 1
                continue
            code, what = event
            counts = changes.setdefault(code, [0, 0, 0, 0])
            if isinstance(what, str):  # a skip, with its reason
                counts[3] += 1
                reasons.setdefault(code, what)
            elif what == _FAIL:
                counts[0] += 1
                counts[2] += 1
            else:  # a pass taken back
                counts[0] -= 1
                counts[1] -= 1
        out: dict[str, RuleStats] = {}
        zero = (0, 0, 0, 0)
        for code in self._codes:
            b = self._base.get(code, zero)
            c = changes.get(code, zero)
            out[code] = RuleStats(
                applied=b[0] + c[0],
                passed=b[1] + c[1],
                failed=b[2] + c[2],
                skipped=b[3] + c[3],
                reason=reasons.get(code),
            )
        return out


_UNPASS, _FAIL = -1, 1  # a tally's events beside a pass (the code) and a skip (its reason)


_OUTCOMES: dict[tuple[Any, ...], dict[str, RuleStats]] = {}
_MAX_OUTCOMES = 4096
_KEPT: dict[int, Any] = {}
_NO_BASE: Mapping[str, tuple[int, int, int, int]] = {}
_CODES: dict[int, tuple[Any, tuple[str, ...], frozenset[str]]] = {}


def _codes(rules: Iterable[Rule]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The codes of ``rules`` in order, and as a set; kept per tuple of rules (by identity)."""
    if isinstance(rules, tuple):
        kept = _CODES.get(id(rules))
        if kept is not None and kept[0] is rules:
            return kept[1], kept[2]
    codes = tuple(r.code for r in rules)
    if isinstance(rules, tuple) and len(_CODES) < 256:
        _CODES[id(rules)] = (rules, codes, frozenset(codes))
    return codes, frozenset(codes)


# --- describing cells in the form's terms --------------------------------------------------------


@cache
def describe_cell(path: str, edition: Edition) -> tuple[CellRef, FieldInfo, FieldInfo]:
    """The cell at ``path`` (``requests/outcomes/total/natural_person``) in the form's terms.

    Returns the :class:`CellRef` and the field infos of its row and its column.
    """
    keys = path.split("/")
    cls: type = AnnualReport
    row_info: FieldInfo | None = None
    column_info: FieldInfo | None = None
    for key in keys:
        attribute = attrs.fields_dict(cls)[key]
        info: FieldInfo = attribute.metadata[METADATA_KEY]
        if info.kind is ValueKind.OBJECT:
            row_info = info
            cls = part_class(attribute, edition)
        else:
            column_info = info
    assert row_info is not None and column_info is not None, path
    cell = CellRef(
        table=TABLE_NAMES.get(keys[0], ""),
        row=row_info.id or keys[-2],
        column=keys[-1],
        row_label_zh=row_info.label_zh,
        column_label_zh=column_info.label_zh,
    )
    return cell, row_info, column_info


@cache
def row_fields(path: str, edition: Edition) -> tuple[str, ...]:
    """The field names of the row or table at ``path`` (``proactive_disclosure/rules``) in a
    report of ``edition``: what a rule iterates over, on a report or a decoded document alike.

    :param path: the key path of a row or table, joined by ``/``
    :param edition: the edition whose classes are read
    """
    cls: type = AnnualReport
    for key in path.split("/"):
        cls = part_class(attrs.fields_dict(cls)[key], edition)
    return tuple(a.name for a in attrs.fields(cls))


# --- compiled sum checks ------------------------------------------------------------------------


class TermName(NamedTuple):
    """One operand of a sum finding, named in the form's terms (``params["terms"]``)."""

    sign: int
    row_id: str
    row_label_zh: str
    value: Any
    from_previous: bool
    column: str
    column_label_zh: str
    row_title_en: str
    column_title_en: str


@attrs.frozen
class _Term:
    path: str
    get: Callable[[Any], Any]
    pointer: str
    sign: int
    from_previous: bool
    cell: CellRef
    row_title_en: str
    column_title_en: str


@attrs.frozen
class _SumCheck:
    rule: Rule
    citation: str
    relation: Relation
    path: str
    get: Callable[[Any], Any]
    pointer: str
    cell: CellRef
    terms: tuple[_Term, ...]


def _getter(path: str) -> Callable[[Any], Any]:
    return operator.attrgetter(path.replace("/", "."))


def _pointer(path: str) -> str:
    return pointer_from_path(path.split("/"))


def _compile(sum_rule: SumRule, edition: Edition, previous: Edition | None) -> list[_SumCheck]:
    checks = []
    for target, terms in sum_rule.expand(edition):
        cell, _, _ = describe_cell(target, edition)
        compiled = []
        for t in terms:
            term_cell, row_info, column_info = describe_cell(
                t.path, previous if t.from_previous and previous else edition
            )
            compiled.append(
                _Term(
                    path=t.path,
                    get=_getter(t.path),
                    pointer=_pointer(t.path),
                    sign=t.sign,
                    from_previous=t.from_previous,
                    cell=term_cell,
                    row_title_en=row_info.title_en,
                    column_title_en=column_info.title_en,
                )
            )
        checks.append(
            _SumCheck(
                rule=rule(sum_rule.code),
                citation=rule(sum_rule.code).citation_for(edition),
                relation=sum_rule.relation,
                path=target,
                get=_getter(target),
                pointer=_pointer(target),
                cell=cell,
                terms=tuple(compiled),
            )
        )
    return checks


class ExpandedSum(NamedTuple):
    """One single-report sum check as declared, its placeholders filled in (not compiled): what
    the generated sum function evaluates and the clean-run statistics count."""

    code: str
    relation: Relation
    path: str
    terms: tuple[Term, ...]


def _report_sum_rules(edition: Edition) -> Iterator[SumRule]:
    """The single-report sum rules of ``edition``, in declaration order."""
    return (s for s in SUM_RULES if not s.is_series and rule(s.code).applies_to(edition))


@cache
def report_sums(edition: Edition) -> tuple[ExpandedSum, ...]:
    """The single-report sum checks of an edition, expanded but not compiled, in the order of
    :func:`report_checks` (index ``i`` of one is index ``i`` of the other). Compiling a check
    (describing its cells, for findings) is needed only once a check fails."""
    return tuple(
        ExpandedSum(s.code, s.relation, target, terms)
        for s in _report_sum_rules(edition)
        for target, terms in s.expand(edition)
    )


@cache
def report_checks(edition: Edition) -> tuple[_SumCheck, ...]:
    """The compiled single-report sum checks of an edition."""
    checks: list[_SumCheck] = []
    for s in _report_sum_rules(edition):
        checks += _compile(s, edition, None)
    return tuple(checks)


@cache
def series_checks(edition: Edition, previous: Edition) -> tuple[_SumCheck, ...]:
    """The compiled series sum checks between a report and last year's."""
    checks: list[_SumCheck] = []
    for s in SUM_RULES:
        applies = rule(s.code).applies_to
        if s.is_series and applies(edition) and applies(previous):
            checks += _compile(s, edition, previous)
    return tuple(checks)


def run_sum_checks(
    checks: Iterable[_SumCheck],
    tally: Tally,
    current: Any,
    previous: Any = None,
    *,
    document: str | None = None,
    previous_document: str | None = None,
) -> None:
    """Evaluate compiled checks on a report (and last year's), recording into ``tally``."""
    for check in checks:
        expected: Any = 0
        for t in check.terms:
            expected += t.sign * t.get(previous if t.from_previous else current)
        actual = check.get(current)
        if check.relation.holds(actual, expected):
            tally.passed_once(check.rule.code)
            continue
        operands = tuple(
            Operand(
                pointer=t.pointer,
                value=t.get(previous if t.from_previous else current),
                document=previous_document if t.from_previous else None,
            )
            for t in check.terms
        )
        tally.failed(
            Finding(
                code=check.rule.code,
                name=check.rule.name,
                severity=check.rule.severity,
                pointer=check.pointer,
                cell=check.cell,
                expected=expected,
                actual=actual,
                difference=actual - expected,
                operands=operands,
                citation=check.citation,
                document=document,
                params={
                    "relation": check.relation.value,
                    "terms": tuple(
                        TermName(
                            t.sign,
                            t.cell.row,
                            t.cell.row_label_zh,
                            o.value,
                            t.from_previous,
                            t.cell.column,
                            t.cell.column_label_zh,
                            t.row_title_en,
                            t.column_title_en,
                        )
                        for t, o in zip(check.terms, operands, strict=True)
                    ),
                },
            )
        )


# --- predicate rules ----------------------------------------------------------------------------

Predicate = Callable[[AnnualReport, Tally], None]
PREDICATES: dict[str, Predicate] = {}


def predicate(code: str) -> Callable[[Predicate], Predicate]:
    """Register the function that evaluates rule ``code`` on one report."""

    def register(function: Predicate) -> Predicate:
        assert rule(code).scope is Scope.REPORT
        PREDICATES[code] = function
        return function

    return register


def rule_finding(
    code: str,
    pointer: str,
    *,
    edition: Edition | str | None = None,
    expected: Any = None,
    actual: Any = None,
    difference: Any = None,
    cell: CellRef | None = None,
    operands: tuple[Operand, ...] = (),
    **params: Any,
) -> Finding:
    """A finding of rule ``code`` with the catalogue's name, severity and citation."""
    r = rule(code)
    return Finding(
        code=code,
        name=r.name,
        severity=r.severity,
        pointer=pointer,
        cell=cell,
        expected=expected,
        actual=actual,
        difference=difference,
        operands=operands,
        citation=r.citation_for(edition),
        params=params,
    )


@cache
def report_rules() -> tuple[Rule, ...]:
    """The single-report rules in catalogue order."""
    return tuple(r for r in CATALOGUE if r.scope is Scope.REPORT)
