"""The rules of the form: the catalogue, the checker, series and aggregation.

>>> import disclosure_model as dm
>>> result = dm.check(dm.load("examples/zhuji-emergency-2020.json"))
>>> result.valid, result.rules["T3-1"].applied
(True, 7)
"""

from __future__ import annotations

from . import messages as _messages  # noqa: F401  (registers message templates)
from .aggregate import AggregationError, aggregate, check_aggregate
from .catalogue import CATALOGUE, Rule, RuleKind, Scope, rule, rules_for_table
from .check import check, check_series
from .engine import CheckResult, RuleStats

__all__ = [
    "CATALOGUE",
    "AggregationError",
    "CheckResult",
    "Rule",
    "RuleKind",
    "RuleStats",
    "Scope",
    "aggregate",
    "check",
    "check_aggregate",
    "check_series",
    "rule",
    "rules_for_table",
]
