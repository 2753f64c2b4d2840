"""Validate a document end to end and return findings, never raise for bad input."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from .codec import NOT_JSON, _structure, parse_json
from .findings import Finding, Severity
from .report import AnnualReport

__all__ = ["ValidationResult", "validate_document", "validate_file"]


@attrs.frozen(kw_only=True)
class ValidationResult:
    """What validation found about one document.

    ``report`` is the model when the document could be read, else ``None``. ``valid`` is false
    when any finding is an error.
    """

    source: str | None
    findings: tuple[Finding, ...]
    report: AnnualReport | None = None
    edition: str | None = None

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
        }


def _edition_of(value: Any) -> str | None:
    if isinstance(value, dict):
        edition = value.get("edition")
        if isinstance(edition, str) and edition in ("2019", "2021"):
            return edition
    return None


def validate_document(
    data: str | bytes | bytearray | dict[str, Any] | Any, *, source: str | None = None
) -> ValidationResult:
    """Validate JSON text, bytes or an already parsed value; return every finding.

    Never raises for bad input: unreadable JSON, a value of the wrong shape and everything else
    become findings with a JSON Pointer.
    """
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
    return ValidationResult(
        source=source, findings=tuple(findings), report=report, edition=_edition_of(value)
    )


def validate_file(path: str | os.PathLike[str]) -> ValidationResult:
    """Validate the JSON file at ``path``; raises :class:`OSError` only if it cannot be read."""
    data = Path(path).read_bytes()
    return validate_document(data, source=os.fspath(path))


def worst(findings: Iterable[Finding]) -> Severity | None:
    """The most severe severity among ``findings``, or ``None`` if there are none."""
    ranked = sorted((f.severity for f in findings), key=lambda s: s.rank, reverse=True)
    return ranked[0] if ranked else None
