"""disclosure_model — the data model of China's 政府信息公开工作年度报告.

Immutable attrs classes for every table, row and enum of the official format (editions 2019 and
2021), a strict JSON codec, and findings that say precisely what is wrong with a document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import messages as _messages  # noqa: F401  (registers message templates)
from .codec import dump, from_dict, from_json, load, parse_json, to_dict, to_json, to_json_bytes
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
from .validation import ValidationResult, validate_document, validate_file

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .schema import validate_json


def __getattr__(name: str) -> Any:
    # The JSON Schema layer loads on first use: valid documents never need it, and the command
    # line starts faster without it.
    if name == "validate_json":
        from .schema import validate_json

        return validate_json
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # The names loaded on first use (validate_json) are listed too, for dir() and completion.
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
