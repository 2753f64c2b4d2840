"""The rules of the form: the catalogue now; the checker builds on it."""

from __future__ import annotations

from .catalogue import CATALOGUE, Rule, RuleKind, Scope, rule, rules_for_table

__all__ = ["CATALOGUE", "Rule", "RuleKind", "Scope", "rule", "rules_for_table"]
