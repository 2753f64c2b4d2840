"""Validate a document end to end and return findings, never raise for bad input."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ._args import require, require_path, require_source
from ._fastpath import Fallback, read_report
from .codec import NOT_JSON, _structure, parse_json, quick_decode
from .enums import Edition
from .fileio import DEFAULT_MAX_SIZE, read_file
from .findings import Finding, Severity, io_finding
from .limits import cap_findings, in_document_order
from .report import AnnualReport
from .rules import RuleStats, check
from .rules.check import check_decoded

__all__ = [
    "ValidationResult",
    "explain_path_text",
    "read_and_validate",
    "validate_document",
    "validate_file",
]


@attrs.frozen(kw_only=True)
class ValidationResult:
    """What validation found about one document.

    ``report`` is the model when the document could be read, else ``None``; ``rules`` says per
    rule code how often it applied, passed, failed or was skipped (empty when the document could
    not be read, since rules run on the model). ``valid`` is false when any finding is an error.

    With the ``fast`` extra, :func:`validate_document` runs the rules on the decoded document
    and builds the report only when ``report`` is first read: a run that wants the verdict, the
    findings and the statistics never pays for the object tree. The laziness cannot be observed:
    the first read builds the report once (under a lock, so threads sharing a result get the
    same object) and keeps it; equality, ``repr``, pickling, :func:`attrs.evolve` and
    :func:`attrs.asdict` read ``report`` like any other field, and so see it built.
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


class _Pending:
    """What the ``report`` slot holds until first read: a decoded document and its builder."""

    __slots__ = ("build", "document")

    def __init__(self, document: Any, build: Callable[[Any], AnnualReport]) -> None:
        self.document = document
        self.build = build


class _LazyReport:
    """The ``report`` field's descriptor: the slot's own, building a pending report on read."""

    _building = threading.Lock()

    def __init__(self, slot: Any) -> None:
        self._slot = slot
        self.__doc__ = "The report read from the document, or ``None`` when it was not read."

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        value = self._slot.__get__(obj, owner)
        if value.__class__ is _Pending:
            # Built outside the lock (a fork while another thread builds cannot leave it held
            # for long); the first report stored is the one every reader gets.
            built = value.build(value.document)
            with self._building:
                value = self._slot.__get__(obj, owner)
                if value.__class__ is _Pending:
                    value = built
                    self._slot.__set__(obj, value)
        return value

    @classmethod
    def _after_fork(cls) -> None:
        cls._building = threading.Lock()

    def __set__(self, obj: Any, value: Any) -> None:
        self._slot.__set__(obj, value)

    def __delete__(self, obj: Any) -> None:
        self._slot.__delete__(obj)


setattr(ValidationResult, "report", _LazyReport(ValidationResult.__dict__["report"]))  # noqa: B010
if hasattr(os, "register_at_fork"):  # a child never inherits the lock held by another thread
    os.register_at_fork(after_in_child=_LazyReport._after_fork)


def _happy_result_function() -> Callable[..., ValidationResult]:
    """A constructor of :class:`ValidationResult` for the happy path, which has checked every
    argument already: each field's slot written by its own descriptor (attrs' ``__init__`` goes
    through ``object.__setattr__`` per field). A field added to the class, or put in another
    order, is a ``TypeError`` at import, not a field left unset."""
    fields = attrs.fields(ValidationResult)
    if [a.name for a in fields] != ["source", "findings", "report", "edition", "rules"]:
        raise TypeError("ValidationResult's fields changed: update _happy_result_function")
    slots = [ValidationResult.__dict__[a.name] for a in fields]  # the report's is _LazyReport
    setters = [getattr(slot, "_slot", slot).__set__ for slot in slots]
    new = object.__new__
    set_source, set_findings, set_report, set_edition, set_rules = setters

    def happy_result(
        source: str | None,
        findings: tuple[Finding, ...],
        report: Any,
        edition: str,
        rules: Mapping[str, RuleStats],
    ) -> ValidationResult:
        result: ValidationResult = new(ValidationResult)
        set_source(result, source)
        set_findings(result, findings)
        set_report(result, report)
        set_edition(result, edition)
        set_rules(result, rules)
        return result

    return happy_result


_happy_result = _happy_result_function()


def _evolve_unbuilt(result: ValidationResult, **changes: Any) -> ValidationResult:
    """:func:`attrs.evolve` of a result that leaves a report not yet built unbuilt (for code that
    changes the findings of many results and never reads their reports, such as a code filter).

    :param result: the result to copy
    :param changes: the fields to change, by name
    """
    slot = ValidationResult.__dict__["report"]._slot
    fields = {
        a.name: slot.__get__(result, ValidationResult)
        if a.name == "report"
        else getattr(result, a.name)
        for a in attrs.fields(ValidationResult)
    }
    return ValidationResult(**{**fields, **changes})


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
    Schema accepts exactly the same documents; :func:`~disclosure_model.validate_json`
    checks a document against it). When the document can be read, runs every single-report rule
    (``run_rules=False`` skips them). A document that cannot be read — not JSON, a key repeated
    in one object (``json.duplicate_key``: which value is meant is unknown), a value the model
    rejects — has ``report`` ``None`` and no rule runs. Never raises for bad input: unreadable
    JSON, a value of the wrong shape, and every rule that fails become findings with a JSON
    Pointer. A ``str`` is JSON text; use :func:`~disclosure_model.validate_file` for a file. At most
    :data:`~disclosure_model.limits.MAX_FINDINGS` findings are listed, in document order, then
    one ``limit.findings`` finding counting the rest.

    :param data: JSON text (``str``, ``bytes``) or an already parsed value
    :param source: the document's name in the result (a file name)
    :param run_rules: also run every single-report rule when the document can be read
    """
    if source is not None and source.__class__ is not str:
        require_source(source, "validate_document")
    if run_rules is not True and run_rules is not False:
        require(run_rules, bool, "validate_document", "run_rules")
    quick = quick_decode(data) if data.__class__ is bytes else _quick(data)
    if quick is not None:  # the happy path: a valid document, read by the compiled reader
        document, edition, build = quick
        checked = check_decoded(document, edition) if run_rules else None
        return _happy_result(
            source,
            checked.findings if checked else (),
            _Pending(document, build) if build else document,
            edition.value,
            checked.rules if checked else {},
        )
    findings: list[Finding] = []
    unreadable = False
    if isinstance(data, (str, bytes, bytearray)):
        value, parse_findings = parse_json(data)
        if value is NOT_JSON:
            findings = explain_path_text(data, parse_findings)
            return ValidationResult(source=source, findings=tuple(cap_findings(findings)))
        findings += parse_findings
        # A repeated key: the model is read to report its problems too, but which value the
        # document means is a guess, so there is no report and no rule runs on one.
        unreadable = bool(parse_findings)
    else:
        value = data
    report, model_findings = _structure(value, ordered=False)
    findings = in_document_order(findings + model_findings, value)
    if unreadable:
        report = None
    rules: Mapping[str, RuleStats] = {}
    if report is not None and run_rules:
        checked = check(report)
        findings += checked.findings
        rules = checked.rules
    return ValidationResult(
        source=source,
        findings=tuple(cap_findings(findings)),
        report=report,
        edition=None if unreadable else _edition_of(value),
        rules=rules,
    )


def _quick(data: Any) -> tuple[Any, Edition, Callable[[Any], AnnualReport] | None] | None:
    """``(document, edition, build)`` when the compiled happy path can read ``data``, else
    ``None`` (see :func:`~disclosure_model.codec.quick_decode`)."""
    if isinstance(data, (str, bytes, bytearray)):
        return quick_decode(data)
    try:
        report = read_report(data)[0]
    except Fallback:
        return None
    return report, report.edition, None


def validate_file(
    path: str | os.PathLike[str], *, run_rules: bool = True, max_size: int = DEFAULT_MAX_SIZE
) -> ValidationResult:
    """Validate the JSON file at ``path``; never raises for a missing or unreadable file.

    A file that cannot be read gives one ``io.*`` finding (``io.not_found``,
    ``io.is_directory``, ``io.unreadable``, and for what :func:`~disclosure_model.fileio.read_file`
    refuses ``io.not_a_file``, ``io.too_large``, …) and ``report`` ``None``, as
    :func:`validate_json` does; everything else is as :func:`validate_document`. ``path`` is a
    ``str`` or :class:`os.PathLike`; a file descriptor (an ``int``) is refused with
    ``TypeError``, so that standard input is never read and closed by accident.

    :param path: the file to read
    :param run_rules: also run every single-report rule when the document can be read
    :param max_size: the largest file read, in bytes
    """
    require_path(path, "validate_file")
    require(run_rules, bool, "validate_file", "run_rules")
    try:
        return read_and_validate(path, run_rules=run_rules, max_size=max_size)
    except OSError as exc:
        name = os.fspath(path)
        return ValidationResult(source=name, findings=(io_finding(name, exc),))


def read_and_validate(
    path: str | os.PathLike[str], *, run_rules: bool = True, max_size: int = DEFAULT_MAX_SIZE
) -> ValidationResult:
    """:func:`~disclosure_model.validate_file`, raising :class:`OSError` for an unreadable file.

    For callers that treat an unreadable file apart from an invalid one (the command line exits
    2 for it). The file is read by :func:`~disclosure_model.fileio.read_file`: a regular file or
    a pipe of at most ``max_size`` bytes, never a device, never blocking on a FIFO without a
    writer.

    :param path: the file to read
    :param run_rules: also run every single-report rule when the document can be read
    :param max_size: the largest file read, in bytes
    """
    require_path(path, "read_and_validate")
    # os.fspath, not pathlib: pathlib interns every path part, and over a corpus of many
    # thousand files those interned names are memory that grows with the number of files.
    data = read_file(path, max_size=max_size)
    return validate_document(data, source=os.fspath(path), run_rules=run_rules)


def explain_path_text(data: object, findings: list[Finding]) -> list[Finding]:
    """``findings`` about text that is not JSON, saying so when the text names an existing file.

    ``validate_json("report.json")`` reads its argument as JSON text; when that text is the name
    of a file, the ``json.syntax`` finding says to pass a :class:`~pathlib.Path` instead.

    :param data: what was given to validate
    :param findings: the findings so far
    """
    if not isinstance(data, str) or len(data) > 4096 or "\n" in data or not data.strip():
        return findings
    try:
        is_file = os.path.isfile(data)
    except (OSError, ValueError):  # a name the system cannot take (NUL, too long)
        return findings
    if not is_file:
        return findings
    out: list[Finding] = []
    for f in findings:
        if f.code != "json.syntax":
            out.append(f)
            continue
        en = str(f.params.get("text_en", ""))
        zh = str(f.params.get("text_zh", ""))
        params = {
            **f.params,
            "text_en": f"{en}; the text is the name of an existing file ({data}): a str is "
            "read as JSON text, pass pathlib.Path(...) or use validate_file to read the file",
            "text_zh": f"{zh}；该文本是一个已存在文件的名称（{data}）：str 按 JSON 文本读取，"
            "读取文件请传入 pathlib.Path(...) 或使用 validate_file",
            "path": data,
        }
        out.append(attrs.evolve(f, params=params))
    return out
