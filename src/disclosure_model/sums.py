"""Sum rules as data: "this cell, these terms, for each row/column".

The arithmetic rules of the form are linear: a total is the sum of its parts, a balance holds
between rows. Each is declared once as a :class:`SumRule` beside the table it checks
(``requests.py``, ``reviews.py``, ``proactive.py``) and evaluated by one small engine
(:mod:`disclosure_model.rules.engine`). Paths are JSON key paths joined by ``/`` (the model's
attribute names are the JSON keys), with ``{placeholders}`` expanded over ``over``.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterator

import attrs

__all__ = ["Relation", "SumRule", "Term", "minus", "previous"]


class Relation(str, enum.Enum):
    """How the target cell relates to the sum of the terms."""

    EQ = "="
    LE = "≤"
    GE = "≥"

    def holds(self, actual: int, expected: int) -> bool:
        """Whether ``actual <relation> expected``."""
        if self is Relation.EQ:
            return actual == expected
        if self is Relation.LE:
            return actual <= expected
        return actual >= expected


@attrs.frozen
class Term:
    """One addend: a cell path, its sign, and whether it is read from last year's report."""

    path: str
    sign: int = 1
    from_previous: bool = False


def minus(path: str) -> Term:
    """A subtracted term."""
    return Term(path, -1)


def previous(path: str, sign: int = 1) -> Term:
    """A term read from the previous year's report (series rules)."""
    return Term(path, sign, from_previous=True)


@attrs.frozen(kw_only=True)
class SumRule:
    """``target <relation> Σ terms``, for every combination of the ``over`` values.

    ``editions`` are the editions the (current) report must have; for series rules,
    ``previous_editions`` those the previous year's report must have.
    """

    code: str
    target: str
    terms: tuple[Term, ...]
    over: tuple[tuple[str, tuple[str, ...]], ...] = ()
    relation: Relation = Relation.EQ
    editions: tuple[str, ...] = ("2019", "2021")
    previous_editions: tuple[str, ...] | None = None

    @property
    def is_series(self) -> bool:
        """Whether the rule reads last year's report."""
        return any(t.from_previous for t in self.terms)

    def expand(self) -> Iterator[tuple[str, tuple[Term, ...]]]:
        """Every concrete ``(target, terms)`` with the placeholders filled in."""
        names = [name for name, _ in self.over]
        for values in itertools.product(*(vals for _, vals in self.over)):
            binding = dict(zip(names, values, strict=True))
            yield (
                self.target.format(**binding),
                tuple(attrs.evolve(t, path=t.path.format(**binding)) for t in self.terms),
            )


def terms(*paths: str) -> tuple[Term, ...]:
    """Plain added terms from paths."""
    return tuple(Term(p) for p in paths)
