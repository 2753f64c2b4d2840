"""Validate a document end to end and return findings, never raise for bad input."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import attrs

from ._fastpath import Fallback, read_report
from .codec import NOT_JSON, _structure, parse_json, quick_read
from .enums import Edition
from .findings import Finding, Severity
from .report import AnnualReport
from .rules import RuleStats, check

__all__ = ["ValidationResult", "validate_document", "validate_file"]


@attrs.frozen(kw_only=True)
class ValidationResult:
    """What validation found about one document.

    ``report`` is the model when the document could be read, else ``None``; ``rules`` says per
    rule code how often it applied, passed, failed or was skipped (empty when the document could
    not be read, since rules run on the model). ``valid`` is false when any finding is an error.
    """

    source: str | None
    findings: tuple[Finding, ...]
    report: AnnualReport | None = None
    edition: str | None = None
    rules: Mapping[str, RuleStats] = attrs.field(factory=dict)

    @property
    def valid(self) -> bool:
        """Whether no finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form of a validation result (see ``docs/findings.md``)."""
        return {
            "source": self.source,
            "edition": self.edition,
            "valid": self.valid,
            "findings": [f.to_dict() for f in self.findings],
            "rules": {code: stats.to_dict() for code, stats in self.rules.items()},
        }


def _edition_of(value: Any) -> str | None:
    if isinstance(value, dict):
        edition = value.get("edition")
        if isinstance(edition, str) and edition in Edition._value2member_map_:
            return edition
    return None


def validate_document(
    data: str | bytes | bytearray | dict[str, Any] | Any,
    *,
    source: str | None = None,
    run_rules: bool = True,
) -> ValidationResult:
    """Validate JSON text, bytes or an already parsed value; return every finding.

    Reads the document strictly: the codec finds and locates every problem (the shipped JSON
    Schema accepts exactly the same documents; :func:`~disclosure_model.schema.validate_json`
    checks a document against it). When the document can be read, runs every single-report rule
    (``run_rules=False`` skips them). Never raises for bad input: unreadable JSON, a value of the
    wrong shape, and every rule that fails become findings with a JSON Pointer.
    """
    quick = _quick(data)
    if quick is not None:  # the happy path: a valid document, read by the compiled reader
        checked = check(quick) if run_rules else None
        return ValidationResult(
            source=source,
            findings=checked.findings if checked else (),
            report=quick,
            edition=quick.edition.value,
            rules=checked.rules if checked else {},
        )
    findings: list[Finding] = []
    if isinstance(data, (str, bytes, bytearray)):
        value, parse_findings = parse_json(data)
        findings += parse_findings
        if value is NOT_JSON:
            return ValidationResult(source=source, findings=tuple(findings))
    else:
        value = data
    report, model_findings = _structure(value)
    findings += model_findings
    rules: Mapping[str, RuleStats] = {}
    if report is not None and run_rules:
        checked = check(report)
        findings += checked.findings
        rules = checked.rules
    return ValidationResult(
        source=source,
        findings=tuple(findings),
        report=report,
        edition=_edition_of(value),
        rules=rules,
    )


def _quick(data: Any) -> AnnualReport | None:
    """The report when the compiled happy path can read ``data``, else ``None``."""
    if isinstance(data, (str, bytes, bytearray)):
        return quick_read(data)
    try:
        return read_report(data)[0]
    except Fallback:
        return None


def validate_file(path: str | os.PathLike[str], *, run_rules: bool = True) -> ValidationResult:
    """Validate the JSON file at ``path``; raises :class:`OSError` only if it cannot be read."""
    # open(), not pathlib: pathlib interns every path part, and over a corpus of many thousand
    # files those interned names are memory that grows with the number of files.
    with open(path, "rb") as file:
        data = file.read()
    return validate_document(data, source=os.fspath(path), run_rules=run_rules)
