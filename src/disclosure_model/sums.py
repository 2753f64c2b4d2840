"""Sum rules as data: "this cell, these terms, for each row/column".

The arithmetic rules of the form are linear: a total is the sum of its parts, a balance holds
between rows. Each is declared once as a :class:`SumRule` beside the table it checks
(``requests.py``, ``reviews.py``, ``proactive.py``) and evaluated by one small engine
(``disclosure_model.rules.engine``). Paths are JSON key paths joined by ``/`` (the model's
attribute names are the JSON keys), with ``{placeholders}`` expanded over ``over`` (one check per
value) and ``summed_over`` (one term per value). Values may depend on the edition: a function of the
:class:`~disclosure_model.enums.Edition` gives them (Table 三's rows differ between editions).

Which editions a rule applies to is declared once, in the rule catalogue
(:data:`disclosure_model.CATALOGUE`), not here.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .enums import Edition

__all__ = ["Relation", "SumRule", "Term", "Values", "minus", "previous"]

Values = tuple[str, ...] | Callable[["Edition"], tuple[str, ...]]
"""The values of a placeholder: fixed, or a function of the edition."""


class Relation(str, enum.Enum):
    """How the target cell relates to the sum of the terms."""

    EQ = "="
    LE = "≤"
    GE = "≥"

    def holds(self, actual: int, expected: int) -> bool:
        """Whether ``actual <relation> expected``.

        :param actual: the target cell's value
        :param expected: the value its terms give
        """
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
    """A subtracted term.

    :param path: the key path of the cell, with ``{placeholders}``
    """
    return Term(path, -1)


def previous(path: str, sign: int = 1) -> Term:
    """A term read from the previous year's report (series rules).

    :param path: the key path of the cell in last year's report
    :param sign: ``1`` to add it, ``-1`` to subtract it
    """
    return Term(path, sign, from_previous=True)


@attrs.frozen(kw_only=True)
class SumRule:
    """``target <relation> Σ terms``, for every combination of the ``over`` values.

    A term whose path names a ``summed_over`` placeholder stands for one term per value
    (``R3.7 = Σ outcome rows``). The editions a rule applies to are the catalogue's
    (:attr:`editions`).
    """

    code: str
    target: str
    terms: tuple[Term, ...]
    over: tuple[tuple[str, Values], ...] = ()
    summed_over: tuple[tuple[str, Values], ...] = ()
    relation: Relation = Relation.EQ

    @property
    def is_series(self) -> bool:
        """Whether the rule reads last year's report."""
        return any(t.from_previous for t in self.terms)

    @property
    def editions(self) -> tuple[Edition, ...]:
        """The editions the rule applies to (the catalogue's declaration)."""
        from .rules.catalogue import rule

        return rule(self.code).editions

    def expand(self, edition: Edition | None = None) -> Iterator[tuple[str, tuple[Term, ...]]]:
        """Every concrete ``(target, terms)`` with the placeholders filled in for ``edition``.

        ``edition`` is needed where placeholder values depend on it (raises :class:`TypeError`
        without one).

        :param edition: the edition whose rows and columns the placeholders range over;
            ``None`` where they do not depend on it
        """
        names = [name for name, _ in self.over]
        summed = [(name, _values(values, edition)) for name, values in self.summed_over]
        for values in itertools.product(*(_values(vals, edition) for _, vals in self.over)):
            binding = dict(zip(names, values, strict=True))
            expanded: list[Term] = []
            for t in self.terms:
                used = [(n, vals) for n, vals in summed if "{" + n + "}" in t.path]
                for combination in itertools.product(*(vals for _, vals in used)):
                    inner = {**binding, **dict(zip((n for n, _ in used), combination, strict=True))}
                    expanded.append(attrs.evolve(t, path=t.path.format(**inner)))
            yield self.target.format(**binding), tuple(expanded)


def _values(values: Values, edition: Edition | None) -> tuple[str, ...]:
    if callable(values):
        if edition is None:
            raise TypeError("this rule's placeholders depend on the edition: pass one to expand()")
        return values(edition)
    return values


def terms(*paths: str) -> tuple[Term, ...]:
    """Plain added terms from paths."""
    return tuple(Term(p) for p in paths)
