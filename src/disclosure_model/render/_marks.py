"""Where each finding goes on the drawn form: a cell, a row, a table, or the whole document."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ..findings import Finding, Language, Severity
from ._grid import Field, Table, format_value

__all__ = ["Entry", "Mark", "Texts", "cell_id", "place_findings"]


@attrs.frozen(kw_only=True)
class Texts:
    """The renderer's own words in one language (not labels of the form)."""

    findings: str
    no_findings: str
    expected: str
    actual: str
    document: str
    empty: str
    blank: str
    unreadable: str
    severity: dict[str, str]


TEXTS: dict[str, Texts] = {
    "zh": Texts(
        findings="检查结果",
        no_findings="未发现问题。",
        expected="应为",
        actual="实为",
        document="整个文档",
        empty="（未填写）",
        blank="（空）",
        unreadable="无法读取的报告",
        severity={"error": "错误", "warning": "警告", "info": "提示"},
    ),
    "en": Texts(
        findings="Findings",
        no_findings="No findings.",
        expected="expected",
        actual="actual",
        document="whole document",
        empty="(not filled in)",
        blank="(blank)",
        unreadable="Report that could not be read",
        severity={"error": "Error", "warning": "Warning", "info": "Info"},
    ),
}


def cell_id(pointer: str) -> str:
    """The HTML id of the cell holding the value at ``pointer``."""
    return "cell" + pointer


@attrs.frozen(kw_only=True)
class Entry:
    """One finding in the list below the tables."""

    id: str
    finding: Finding
    code: str
    severity: str
    severity_label: str
    message: str
    message_en: str
    pointer: str
    scope: str  # "cell", "row", "table" or "document"
    target: str  # the id of the element it is about ("" for the whole document)
    where: str
    expected: str
    actual: str
    citation: str
    document: str


@attrs.frozen(kw_only=True)
class Mark:
    """How a flagged cell is drawn: its worst severity and what its findings say."""

    severity: str
    ids: tuple[str, ...]
    code: str
    message: str
    expected: str
    actual: str
    title: str


def _part_label(pointer: str) -> str:
    from ..meta import fields_info
    from ..report import AnnualReport

    info = fields_info(AnnualReport).get(pointer.split("/")[1])
    return info.label_zh if info is not None else pointer


def _text(value: Any) -> str:
    return "" if value is None else format_value(value)


def place_findings(
    findings: Iterable[Finding],
    tables: Sequence[Table],
    fields: Sequence[Field],
    *,
    lang: Language,
) -> tuple[list[Entry], dict[str, Mark], dict[str, list[str]], dict[str, list[str]]]:
    """Entries of the findings list, the marks of flagged cells, the finding ids per table, and
    the finding ids each cell is an operand of (a value that went into the finding's rule).

    A finding whose pointer is a value cell marks that cell; one whose pointer is a data row marks
    every value cell of the row; one inside a table but at no cell or row is shown at the table's
    heading; anything else (``""``, a finding about another document) is about the document.
    """
    zh = TEXTS["zh"]
    cells: dict[str, str] = {}  # pointer -> where (labels)
    for table in tables:
        for value_cell in table.value_cells():
            if value_cell.pointer:
                cells[value_cell.pointer] = value_cell.label
    for field in fields:
        cells[field.pointer] = field.label
    # a row of Table 二 or 三, a group of Table 四, the organ: the parent of value cells
    rows: dict[str, tuple[list[str], str]] = {}
    roots = {"", *(t.pointer for t in tables)}
    for pointer, label in cells.items():
        parent = pointer.rsplit("/", 1)[0]
        if parent in roots:
            continue
        if parent not in rows:
            where = label.rsplit(" · ", 1)[0] if " · " in label else _part_label(parent)
            rows[parent] = ([], where)
        rows[parent][0].append(pointer)
    ordered = sorted(findings, key=lambda f: -f.severity.rank)
    entries: list[Entry] = []
    by_pointer: dict[str, list[Entry]] = {}
    table_marks: dict[str, list[str]] = {}
    operands: dict[str, list[str]] = {}
    for number, finding in enumerate(ordered, 1):
        entry_id = f"finding-{number}"
        pointer = finding.pointer
        targets: list[str] = []
        if finding.document is not None:
            scope, target, where = "document", "", finding.document
        elif pointer in cells:
            scope, target, where = "cell", cell_id(pointer), cells[pointer]
            targets = [pointer]
        elif pointer in rows:
            targets, where = rows[pointer]
            scope, target = "row", cell_id(targets[0])
        else:
            within = next(
                (t for t in tables if pointer == t.pointer or pointer.startswith(t.pointer + "/")),
                None,
            )
            if within is not None:
                scope, target, where = "table", "table-" + within.key, within.heading
                table_marks.setdefault(within.pointer, []).append(entry_id)
            else:
                scope, target, where = "document", "", zh.document
        severity = finding.severity.value
        entry = Entry(
            id=entry_id,
            finding=finding,
            code=finding.code,
            severity=severity,
            severity_label=zh.severity[severity]
            + (f" {TEXTS['en'].severity[severity]}" if lang == "en" else ""),
            message=finding.message("zh"),
            message_en=finding.message("en") if lang == "en" else "",
            pointer=pointer,
            scope=scope,
            target=target,
            where=where,
            expected=_text(finding.expected),
            actual=_text(finding.actual),
            citation=finding.citation or "",
            document=finding.document or "",
        )
        entries.append(entry)
        for cell_pointer in targets:
            by_pointer.setdefault(cell_pointer, []).append(entry)
    marks = {pointer: _mark(found, lang) for pointer, found in by_pointer.items()}
    for entry in entries:
        for operand in entry.finding.operands:
            if operand.document is None and operand.pointer in cells:
                operands.setdefault(operand.pointer, []).append(entry.id)
    return entries, marks, table_marks, operands


def _mark(entries: list[Entry], lang: Language) -> Mark:
    worst = max(entries, key=lambda e: Severity(e.severity).rank)
    zh = TEXTS["zh"]
    lines = []
    for e in entries:
        line = f"{e.code} {e.severity_label}：{e.message}"
        details = []
        if e.expected:
            details.append(f"{zh.expected} {e.expected}")
        if e.actual:
            details.append(f"{zh.actual} {e.actual}")
        if details:
            line += "（" + "，".join(details) + "）"
        if lang == "en" and e.message_en:
            line += "\n" + e.message_en
        lines.append(line)
    return Mark(
        severity=worst.severity,
        ids=tuple(e.id for e in entries),
        code=" ".join(dict.fromkeys(e.code for e in entries)),
        message=worst.message,
        expected=worst.expected,
        actual=worst.actual,
        title="\n".join(lines),
    )
