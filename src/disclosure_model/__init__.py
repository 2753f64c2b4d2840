"""disclosure_model — the data model of China's 政府信息公开工作年度报告.

Immutable attrs classes for every table, row and enum of the official format (editions 2019 and
2021), a strict JSON codec, and findings that say precisely what is wrong with a document.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Every public name is loaded on first use (PEP 562): ``import disclosure_model`` costs almost
# nothing, and a program (the command line among them) pays only for the modules it uses. The
# table says where each name lives; type checkers read the imports below instead.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        ("dump", "from_dict", "from_json", "load", "parse_json", "to_dict", "to_json"), "codec"
    ),
    "to_json_bytes": "codec",
    **dict.fromkeys(
        (
            "ApplicantType",
            "Disposition",
            "DispositionGroup",
            "Edition",
            "OrganKind",
            "OrganLevel",
            "Proceeding",
            "RequestsRow",
            "ReviewOutcome",
        ),
        "enums",
    ),
    **dict.fromkeys(
        ("CellRef", "DocumentError", "Finding", "FindingValue", "Operand", "Severity"), "findings"
    ),
    **dict.fromkeys(("FieldInfo", "ValueKind", "field_info", "fields_info"), "meta"),
    **dict.fromkeys(
        (
            "DecisionCount",
            "DocumentCounts2019",
            "DocumentCounts2021",
            "FeeAmount",
            "FeeItems",
            "ItemCounts",
            "ProactiveDisclosure",
            "ProactiveDisclosure2019",
            "ProactiveDisclosure2021",
            "Procurement",
            "Table2Row2019",
            "Table2Row2021",
        ),
        "proactive",
    ),
    **dict.fromkeys(
        ("AnnualReport", "CellValue", "ColumnName", "Narrative", "Organ", "RowName"), "report"
    ),
    **dict.fromkeys(
        (
            "TOTAL",
            "ApplicantRow",
            "Column",
            "NotProcessed",
            "OtherOutcomes",
            "Outcomes",
            "Requests",
            "RequestsRowEntry",
            "Unavailable",
            "Withheld",
        ),
        "requests",
    ),
    **dict.fromkeys(
        ("ProceedingName", "ReviewColumn", "ReviewGroup", "ReviewsAndLitigation"), "reviews"
    ),
    **dict.fromkeys(
        (
            "CATALOGUE",
            "AggregationError",
            "CheckResult",
            "Rule",
            "RuleStats",
            "aggregate",
            "check",
            "check_aggregate",
            "check_series",
        ),
        "rules",
    ),
    **dict.fromkeys(("ValidationResult", "validate_document", "validate_file"), "validation"),
    "validate_json": "schema",
}

_SUBMODULES = frozenset(
    {
        "codec",
        "corpus",
        "enums",
        "export",
        "fileio",
        "findings",
        "indicators",
        "limits",
        "messages",
        "meta",
        "output",
        "proactive",
        "report",
        "requests",
        "reviews",
        "rules",
        "schema",
        "sources",
        "sums",
        "validation",
    }
)
"""Submodules reachable as attributes (``disclosure_model.rules``) without importing them."""

if TYPE_CHECKING:
    from .codec import (
        dump,
        from_dict,
        from_json,
        load,
        parse_json,
        to_dict,
        to_json,
        to_json_bytes,
    )
    from .enums import (
        ApplicantType,
        Disposition,
        DispositionGroup,
        Edition,
        OrganKind,
        OrganLevel,
        Proceeding,
        RequestsRow,
        ReviewOutcome,
    )
    from .findings import CellRef, DocumentError, Finding, FindingValue, Operand, Severity
    from .meta import FieldInfo, ValueKind, field_info, fields_info
    from .proactive import (
        DecisionCount,
        DocumentCounts2019,
        DocumentCounts2021,
        FeeAmount,
        FeeItems,
        ItemCounts,
        ProactiveDisclosure,
        ProactiveDisclosure2019,
        ProactiveDisclosure2021,
        Procurement,
        Table2Row2019,
        Table2Row2021,
    )
    from .report import AnnualReport, CellValue, ColumnName, Narrative, Organ, RowName
    from .requests import (
        TOTAL,
        ApplicantRow,
        Column,
        NotProcessed,
        OtherOutcomes,
        Outcomes,
        Requests,
        RequestsRowEntry,
        Unavailable,
        Withheld,
    )
    from .reviews import ProceedingName, ReviewColumn, ReviewGroup, ReviewsAndLitigation
    from .rules import (
        CATALOGUE,
        AggregationError,
        CheckResult,
        Rule,
        RuleStats,
        aggregate,
        check,
        check_aggregate,
        check_series,
    )
    from .schema import validate_json
    from .validation import ValidationResult, validate_document, validate_file
else:

    def __getattr__(name: str) -> Any:
        """Load a public name (or a submodule) on first use, then keep it in the module."""
        where = _LAZY.get(name)
        if where is not None:
            value = getattr(importlib.import_module(f".{where}", __name__), name)
        elif name in _SUBMODULES:
            value = importlib.import_module(f".{name}", __name__)
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    # The names loaded on first use are listed too, for dir() and completion.
    return sorted({*globals(), *__all__})


__all__ = [
    "CATALOGUE",
    "TOTAL",
    "AggregationError",
    "AnnualReport",
    "ApplicantRow",
    "ApplicantType",
    "CellRef",
    "CellValue",
    "CheckResult",
    "Column",
    "ColumnName",
    "DecisionCount",
    "Disposition",
    "DispositionGroup",
    "DocumentCounts2019",
    "DocumentCounts2021",
    "DocumentError",
    "Edition",
    "FeeAmount",
    "FeeItems",
    "FieldInfo",
    "Finding",
    "FindingValue",
    "ItemCounts",
    "Narrative",
    "NotProcessed",
    "Operand",
    "Organ",
    "OrganKind",
    "OrganLevel",
    "OtherOutcomes",
    "Outcomes",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "ProactiveDisclosure2021",
    "Proceeding",
    "ProceedingName",
    "Procurement",
    "Requests",
    "RequestsRow",
    "RequestsRowEntry",
    "ReviewColumn",
    "ReviewGroup",
    "ReviewOutcome",
    "ReviewsAndLitigation",
    "RowName",
    "Rule",
    "RuleStats",
    "Severity",
    "Table2Row2019",
    "Table2Row2021",
    "Unavailable",
    "ValidationResult",
    "ValueKind",
    "Withheld",
    "__version__",
    "aggregate",
    "check",
    "check_aggregate",
    "check_series",
    "dump",
    "field_info",
    "fields_info",
    "from_dict",
    "from_json",
    "load",
    "parse_json",
    "to_dict",
    "to_json",
    "to_json_bytes",
    "validate_document",
    "validate_file",
    "validate_json",
]
