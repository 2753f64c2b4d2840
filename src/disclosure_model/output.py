"""Output formats of results: one declaration per format, usable from the library and the CLI.

A format turns a stream of :class:`~disclosure_model.ValidationResult` into text, one result at a
time, and closes it with the :class:`Summary` of the run; nothing is held but the summary's
counts, so a corpus of any size streams through. The command line's ``--format`` choices are the
names in :data:`FORMATS`; add a format with :func:`register_format`::

    >>> from disclosure_model import output, validate_document
    >>> results = [validate_document(b"[]", source="a.json")]
    >>> import io
    >>> buffer = io.StringIO()
    >>> summary = output.write_results(results, buffer, format="jsonl")
    >>> summary.counts["errors"]
    1

Formats shipped:

``text``
    For people: findings grouped by input, at most ``max_per_rule`` findings of one rule per
    input (then ``… and N more [code]``), ``quiet`` leaves out inputs without findings; ends
    with the summary (counts, the ten most frequent rule codes, the failing inputs).
``json``
    One object ``{"version": 1, "results": [...], "summary": {...}}``
    (:data:`RESULTS_VERSION`), one result a line; every finding, nothing capped.
``jsonl``
    One JSON object a line, each with ``"type"``: ``"result"`` per input, then one
    ``"summary"`` line.
"""

from __future__ import annotations

import enum
import io
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TextIO

import attrs

from . import codec as _codec
from .codec import dumps_value
from .findings import Finding, Language, Severity
from .validation import ValidationResult

__all__ = [
    "FORMATS",
    "RESULTS_VERSION",
    "JsonFormat",
    "JsonlFormat",
    "Outcome",
    "OutputFormat",
    "OutputOptions",
    "Status",
    "Summary",
    "TextFormat",
    "exit_code",
    "get_format",
    "register_format",
    "to_json_text",
    "write_results",
]

RESULTS_VERSION = 1
"""The version of the JSON results shape (``"version"`` of ``json``, of the ``jsonl`` summary).

Version 1: ``{"version": 1, "results": [result, ...], "summary": summary}``; a result is the
:meth:`~disclosure_model.ValidationResult.to_dict` form, a summary the
:meth:`Summary.to_dict` form. Before version 1, ``--format json`` printed a bare list of
results.
"""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
FAILING_SHOWN = 20
"""How many failing inputs the text summary names (the JSON summary gives as many)."""
TOP_RULES = 10
"""How many of the most frequent codes the text summary lists."""


def to_json_text(value: Any, *, indent: int | None = None) -> str:
    """Parsed JSON (dicts, lists, str, int, ``Decimal``…) as JSON text, amounts exact.

    With the ``fast`` extra, msgspec writes it (several times faster); the text is the same,
    byte for byte, either way.
    """
    encoder = _codec._MSGSPEC_ENCODER
    if encoder is not None and indent != 0:  # msgspec has no layout for indent 0
        try:
            raw: bytes = encoder.encode(value)
            if indent is not None:
                raw = _codec._msgspec.json.format(raw, indent=indent)
            return raw.decode("utf-8")
        except (TypeError, ValueError):  # e.g. a lone surrogate: the writer below escapes it
            pass
    return dumps_value(value, indent=indent)


class Status(str, enum.Enum):
    """The verdict on one input, as the summary counts it."""

    CLEAN = "clean"  #: no error and no warning
    WARNINGS = "warnings_only"  #: warnings, no error
    ERRORS = "errors"  #: at least one error
    UNREADABLE = "unreadable"  #: the input could not be read at all (an ``io.*`` finding)


@attrs.frozen(kw_only=True)
class OutputOptions:
    """How results are shown: the language, capping and quietness of text, the failing level.

    ``fail_on`` is ``"error"``, ``"warning"`` or ``"never"``: the severity from which an input
    fails (makes the exit code 1 and is named in the summary).
    """

    lang: Language = "en"
    max_per_rule: int = 5
    quiet: bool = False
    fail_on: str = "error"


@attrs.frozen(kw_only=True)
class Outcome:
    """What the summary needs to know about one result: small, and picklable."""

    source: str
    status: Status
    fails: bool
    codes: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, result: ValidationResult, options: OutputOptions) -> Outcome:
        """The outcome of ``result`` under ``options``."""
        findings = result.findings
        if not findings:  # the common case of a corpus: nothing to look at
            return cls(source=result.source or "<document>", status=Status.CLEAN, fails=False)
        if any(f.code.startswith("io.") for f in findings):
            status = Status.UNREADABLE
        elif any(f.severity is Severity.ERROR for f in findings):
            status = Status.ERRORS
        elif any(f.severity is Severity.WARNING for f in findings):
            status = Status.WARNINGS
        else:
            status = Status.CLEAN
        if options.fail_on == "never":
            fails = False
        else:
            threshold = Severity(options.fail_on).rank
            fails = any(f.severity.rank >= threshold for f in findings)
        counts = Counter(f.code for f in findings)
        return cls(
            source=result.source or "<document>",
            status=status,
            fails=fails or status is Status.UNREADABLE,
            codes=tuple(sorted(counts.items())),
        )


_SUMMARY_WORDS: dict[str, Any] = {
    "en": {
        "units": {},
        "head": "Summary: {total} {unit} checked: {clean} clean, {warnings_only} with warnings "
        "only, {errors} with errors, {unreadable} unreadable",
        "top": "Most frequent: ",
        "code": "{} ×{}",
        "sep": ", ",
        "failing": "Failing ({}):",
        "more": "  … and {} more",
    },
    "zh": {
        "units": {"inputs": "个输入", "groups": "组"},
        "head": "汇总：共检查 {total} {unit}：通过 {clean}，仅有警告 {warnings_only}，"
        "有错误 {errors}，无法读取 {unreadable}",
        "top": "最常见的问题：",
        "code": "{} {} 次",
        "sep": "，",
        "failing": "未通过（{}）：",
        "more": "  …… 另有 {} 个",
    },
}


class Summary:
    """The running summary of a stream of results: counts only, so memory stays flat.

    ``unit`` names what is counted (``"inputs"``, or ``"groups"`` for a series by organ).
    """

    def __init__(self, *, unit: str = "inputs") -> None:
        self.unit = unit
        self.counts: dict[str, int] = {s.value: 0 for s in Status}
        self.total = 0
        self.codes: Counter[str] = Counter()
        self.failing = 0
        self.failing_names: list[str] = []

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.total += 1
        self.counts[outcome.status.value] += 1
        for code, times in outcome.codes:
            self.codes[code] += times
        if outcome.fails:
            self.failing += 1
            if len(self.failing_names) < FAILING_SHOWN:
                self.failing_names.append(outcome.source)

    def merge(self, other: Summary) -> None:
        """Count every outcome ``other`` counted, as if added one by one after those counted
        so far (``failing_names`` keeps the first failing inputs, in order)."""
        self.total += other.total
        for status, count in other.counts.items():
            self.counts[status] += count
        self.codes.update(other.codes)
        self.failing += other.failing
        room = FAILING_SHOWN - len(self.failing_names)
        if room > 0:
            self.failing_names.extend(other.failing_names[:room])

    @property
    def exit_code(self) -> int:
        """2 when an input could not be read, else 1 when one fails, else 0 (2 wins over 1)."""
        if self.counts[Status.UNREADABLE.value]:
            return EXIT_UNREADABLE
        return EXIT_FINDINGS if self.failing else EXIT_OK

    def top_codes(self, n: int = TOP_RULES) -> list[tuple[str, int]]:
        """The ``n`` most frequent finding codes with their counts (ties by code)."""
        return sorted(self.codes.items(), key=lambda item: (-item[1], item[0]))[:n]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: counts by status, every code's count, the failing inputs."""
        return {
            "version": RESULTS_VERSION,
            "unit": self.unit,
            "total": self.total,
            **self.counts,
            "codes": dict(self.top_codes(len(self.codes))),
            "failing": self.failing,
            "failing_names": list(self.failing_names),
            "exit_code": self.exit_code,
        }

    def text(self, lang: Language = "en") -> str:
        """The summary for people, in ``lang``."""
        words = _SUMMARY_WORDS[lang]
        unit = words["units"].get(self.unit, self.unit)
        lines = [words["head"].format(total=self.total, unit=unit, **self.counts)]
        if self.codes:
            top = words["sep"].join(words["code"].format(c, n) for c, n in self.top_codes())
            lines.append(words["top"] + top)
        if self.failing:
            lines.append(words["failing"].format(self.failing))
            lines += [f"  {name}" for name in self.failing_names]
            if self.failing > len(self.failing_names):
                lines.append(words["more"].format(self.failing - len(self.failing_names)))
        return "\n".join(lines) + "\n"


class OutputFormat:
    """One output format: text before the results, each result, text after them.

    Subclass it, set ``name`` and ``description``, and :func:`register_format` an instance.
    ``result`` is called once per input (in a worker process with ``--jobs``, so keep the
    instance picklable); ``separator`` is written between two results.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    separator: ClassVar[str] = ""

    def header(self, options: OutputOptions) -> str:
        """Text before the first result."""
        return ""

    def result(self, result: ValidationResult, options: OutputOptions) -> str:
        """The text of one result."""
        raise NotImplementedError

    def footer(self, summary: Summary, options: OutputOptions) -> str:
        """Text after the last result."""
        return ""


def _finding_line(finding: Finding, lang: Language) -> str:
    severity = finding.severity.value
    label = _SEVERITY_ZH[severity] if lang == "zh" else severity
    where = finding.pointer or ("（整个文档）" if lang == "zh" else "(document)")
    return f"{label} [{finding.code}] {where}: {finding.message(lang)}"


class TextFormat(OutputFormat):
    """For people: findings grouped by input, capped per rule, and a summary at the end."""

    name = "text"
    description = "for people: findings grouped by input, then a summary"

    def result(self, result: ValidationResult, options: OutputOptions) -> str:
        """The input's name and verdict, then its findings (capped per rule)."""
        lang = options.lang
        name = result.source or "<document>"
        if not result.findings:
            if options.quiet:
                return ""
            return (f"{name}: OK" if lang == "en" else f"{name}：通过") + "\n"
        errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
        others = len(result.findings) - errors
        out = io.StringIO()
        if lang == "zh":
            out.write(f"{name}：{errors} 个错误，{others} 个其他问题\n")
        else:
            out.write(f"{name}: {errors} error(s), {others} other finding(s)\n")
        shown: Counter[str] = Counter()
        hidden: Counter[str] = Counter()
        cap = options.max_per_rule
        for finding in result.findings:
            if cap and shown[finding.code] >= cap:
                hidden[finding.code] += 1
                continue
            shown[finding.code] += 1
            out.write("  " + _finding_line(finding, lang) + "\n")
        for code, more in hidden.items():
            if lang == "zh":
                out.write(f"  …… 另有 {more} 个 [{code}]\n")
            else:
                out.write(f"  … and {more} more [{code}]\n")
        return out.getvalue()

    def footer(self, summary: Summary, options: OutputOptions) -> str:
        """The summary."""
        return "\n" + summary.text(options.lang)


class JsonFormat(OutputFormat):
    """One JSON object: ``{"version": 1, "results": [...], "summary": {...}}``."""

    name = "json"
    description = 'one object {"version": 1, "results": [...], "summary": {...}}'
    separator = ","

    def header(self, options: OutputOptions) -> str:
        """Opens the object and its list of results."""
        return f'{{\n"version": {RESULTS_VERSION},\n"results": ['

    def result(self, result: ValidationResult, options: OutputOptions) -> str:
        """One result, every finding."""
        return "\n" + to_json_text(result.to_dict())

    def footer(self, summary: Summary, options: OutputOptions) -> str:
        """Closes the list; the summary."""
        closing = "\n]" if summary.total else "]"
        return f'{closing},\n"summary": {to_json_text(summary.to_dict(), indent=2)}\n}}\n'


class JsonlFormat(OutputFormat):
    """JSON Lines: one ``"type": "result"`` line per input, then one ``"type": "summary"``."""

    name = "jsonl"
    description = 'one JSON object a line, each with "type"; a "summary" line last'

    def result(self, result: ValidationResult, options: OutputOptions) -> str:
        """One line."""
        return to_json_text({"type": "result", **result.to_dict()}) + "\n"

    def footer(self, summary: Summary, options: OutputOptions) -> str:
        """The summary line."""
        return to_json_text({"type": "summary", **summary.to_dict()}) + "\n"


FORMATS: dict[str, OutputFormat] = {}
"""The registered formats by name (the command line's ``--format`` choices)."""


def register_format(fmt: OutputFormat) -> OutputFormat:
    """Add ``fmt`` to :data:`FORMATS` under its ``name`` (replacing one of that name)."""
    if not fmt.name:
        raise ValueError("an output format needs a name")
    FORMATS[fmt.name] = fmt
    return fmt


for _fmt in (TextFormat(), JsonFormat(), JsonlFormat()):
    register_format(_fmt)


def get_format(name: str) -> OutputFormat:
    """The registered format ``name``; raises :class:`KeyError` naming the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise KeyError(f"no output format {name!r} (known: {', '.join(FORMATS)})") from None


def exit_code(summary: Summary) -> int:
    """The command line's exit code for a run with ``summary`` (see :attr:`Summary.exit_code`)."""
    return summary.exit_code


def write_results(
    results: Iterable[ValidationResult],
    out: TextIO,
    *,
    format: str | OutputFormat = "text",
    options: OutputOptions | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Write ``results`` to ``out`` in ``format``, one at a time; returns the summary.

    The results are consumed lazily, so a generator over a corpus streams through.
    """
    fmt = get_format(format) if isinstance(format, str) else format
    opts = options or OutputOptions()
    total = summary or Summary()
    out.write(fmt.header(opts))
    for result in results:
        if total.total:
            out.write(fmt.separator)
        out.write(fmt.result(result, opts))
        total.add(Outcome.of(result, opts))
    out.write(fmt.footer(total, opts))
    return total


def summary_of(outcomes: Iterable[Outcome], *, unit: str = "inputs") -> Summary:
    """A summary of ``outcomes``."""
    total = Summary(unit=unit)
    for outcome in outcomes:
        total.add(outcome)
    return total


def as_result(
    source: str, findings: Iterable[Finding], rules: Mapping[str, Any] | None = None
) -> ValidationResult:
    """A result for findings that did not come from validating one document (a series)."""
    return ValidationResult(source=source, findings=tuple(findings), rules=dict(rules or {}))
